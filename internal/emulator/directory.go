package emulator

import (
	"fmt"
	"strings"
)

// The emulator's single Workspace customer; customers/my_customer resolves to it.
const emulatorCustomer = "customers/C0emulator"

// principalKind says whether a caller authenticated as a user or as a Chat app.
type principalKind int

const (
	kindUser principalKind = iota
	kindApp
)

// principal is one caller, identified from its bearer token.
type principal struct {
	kind  principalKind
	id    string // numeric ID: users/{id}
	email string // users only
	app   string // apps only: the app's short name
	// autoAccept false makes memberships created for this user INVITED.
	autoAccept bool
}

func (p *principal) userName() string { return "users/" + p.id }

func (p *principal) String() string {
	if p.kind == kindApp {
		return "app:" + p.app
	}
	return "user:" + p.email
}

func (p *principal) userType() string {
	if p.kind == kindApp {
		return "BOT"
	}
	return "HUMAN"
}

// DefaultUsers are seeded when Options.Users is empty. admin@example.com,
// last, is the default administrator (DefaultAdministrators), in no space
// until one is made for it.
var DefaultUsers = []string{
	"alice@example.com", "bob@example.com", "carol@example.com",
	"dave@example.com", "erin@example.com", "frank@example.com",
	"admin@example.com",
}

// DefaultAdministrators are the Workspace administrators seeded when
// Options.Administrators is empty (adminaccess.go).
var DefaultAdministrators = []string{"admin@example.com"}

// DefaultGroups are seeded when Options.Groups is empty (group IDs, no emails:
// the API does not accept group emails).
var DefaultGroups = []string{"engineering", "support"}

// directory holds the users, groups and apps the emulator knows.
type directory struct {
	users  map[string]*principal // by id and by email
	apps   map[string]*principal // by app name and by id
	groups map[string]bool       // by id
	// admins are the users who are Workspace administrators "with the
	// manage chat and spaces conversations privilege", by user ID
	// (adminaccess.go).
	admins map[string]bool
	nextID int
}

// newDirectory seeds users, then the administrators not among them.
func newDirectory(users, groups, invitedUsers, administrators []string) *directory {
	d := &directory{users: map[string]*principal{}, apps: map[string]*principal{}, groups: map[string]bool{},
		admins: map[string]bool{}, nextID: 1}
	invited := map[string]bool{}
	for _, email := range invitedUsers {
		invited[strings.ToLower(email)] = true
	}
	for _, email := range append(append([]string(nil), users...), administrators...) {
		email = strings.ToLower(strings.TrimSpace(email))
		if email == "" || d.users[email] != nil {
			continue
		}
		p := &principal{kind: kindUser, id: d.newID(), email: email, autoAccept: !invited[email]}
		d.users[email] = p
		d.users[p.id] = p
	}
	for _, group := range groups {
		d.groups[strings.TrimPrefix(strings.TrimSpace(group), "groups/")] = true
	}
	for _, email := range administrators {
		if p := d.users[strings.ToLower(strings.TrimSpace(email))]; p != nil {
			d.admins[p.id] = true
		}
	}
	return d
}

// isAdministrator reports whether p is a user who is a Workspace
// administrator with the manage chat and spaces conversations privilege.
func (d *directory) isAdministrator(p *principal) bool {
	return p.kind == kindUser && d.admins[p.id]
}

// sameOrganization reports whether two users belong to one Google Workspace
// organization. Guess: the emulator has one customer (emulatorCustomer) and
// no directory of organizations, so a user whose email domain differs from
// the other's is taken as outside it ("users outside the administrator's
// Google Workspace organization", spaces.members.create useAdminAccess).
func sameOrganization(a, b *principal) bool {
	_, domainA, _ := strings.Cut(a.email, "@")
	_, domainB, _ := strings.Cut(b.email, "@")
	return a.kind == kindUser && b.kind == kindUser && strings.EqualFold(domainA, domainB)
}

func (d *directory) newID() string {
	id := fmt.Sprintf("1%020d", d.nextID)
	d.nextID++
	return id
}

// app returns the Chat app with that short name, registering it on first use.
func (d *directory) app(name string) *principal {
	if name == "" {
		name = "app"
	}
	if p := d.apps[name]; p != nil {
		return p
	}
	p := &principal{kind: kindApp, id: fmt.Sprintf("9%020d", len(d.apps)/2+1), app: name, autoAccept: true}
	d.apps[name] = p
	d.apps[p.id] = p
	return p
}

// fromToken maps a bearer token to a principal: "user:<email or id>",
// "app" or "app:<name>".
func (d *directory) fromToken(token string) (*principal, bool) {
	switch {
	case token == "app":
		return d.app("app"), true
	case strings.HasPrefix(token, "app:"):
		return d.app(strings.TrimPrefix(token, "app:")), true
	case strings.HasPrefix(token, "user:"):
		p := d.users[strings.ToLower(strings.TrimPrefix(token, "user:"))]
		return p, p != nil
	}
	return nil, false
}

// resolveUser turns users/{id|email|app} into a principal. "app" is the
// calling app (for a user caller, the default app of the OAuth client). An
// email is accepted from any caller: the discovery document's User.name says
// "the user's email address can be used as an alias for `{user}` in API
// requests" with no condition on the authentication. The methods whose own
// documents allow the alias only to users refuse it before calling this
// (spaces.findDirectMessage in spaces.go, spaces.members.get in members.go).
func (d *directory) resolveUser(name string, caller *principal) (*principal, *apiError) {
	key, ok := strings.CutPrefix(name, "users/")
	if !ok || key == "" {
		return nil, invalidArgument("Invalid user resource name %q: want users/{user}.", name)
	}
	if key == "app" {
		if caller.kind == kindApp {
			return caller, nil
		}
		return d.app("app"), nil
	}
	if p := d.users[strings.ToLower(key)]; p != nil {
		return p, nil
	}
	if p := d.apps[key]; p != nil {
		return p, nil
	}
	return nil, notFound("User %s not found.", name)
}

// resolveGroup turns groups/{group} into a seeded group ID.
func (d *directory) resolveGroup(name string) (string, *apiError) {
	id, ok := strings.CutPrefix(name, "groups/")
	if !ok || id == "" {
		return "", invalidArgument("Invalid group name %q: want groups/{group}.", name)
	}
	if !d.groups[id] {
		return "", notFound("Group %s not found.", name)
	}
	return id, nil
}
