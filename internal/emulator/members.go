package emulator

import (
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The spaces.members collection.

const (
	defaultMemberPageSize = 100
	maxMemberPageSize     = 1000
)

var memberRoles = map[string]bool{"ROLE_MEMBER": true, "ROLE_MANAGER": true, "ROLE_ASSISTANT_MANAGER": true}

// userMembership builds the membership of a user or app in rec.
func (e *Emulator) userMembership(rec *spaceRecord, p *principal, role string, invited bool) *memberRecord {
	state := "JOINED"
	if invited {
		state = "INVITED"
	}
	return &memberRecord{principal: p, membership: chat.Membership{
		Name:        rec.space.Name + "/members/" + p.id,
		State:       state,
		Role:        role,
		Member:      &chat.User{Name: p.userName(), Type: p.userType()},
		CreateTime:  e.timestamp(),
		Affiliation: "INTERNAL",
	}}
}

// groupMembershipPrefix is what Options.GroupMemberNames puts before the
// group ID in a group membership's name.
func (e *Emulator) groupMembershipPrefix() string {
	if e.opts.GroupMemberNames == "group-" {
		return "group-"
	}
	return ""
}

func (e *Emulator) groupMembership(rec *spaceRecord, groupID string) *memberRecord {
	return &memberRecord{membership: chat.Membership{
		Name:        rec.space.Name + "/members/" + e.groupMembershipPrefix() + groupID,
		State:       "JOINED",
		Role:        "MEMBERSHIP_ROLE_UNSPECIFIED",
		GroupMember: &chat.Group{Name: "groups/" + groupID},
		CreateTime:  e.timestamp(),
	}}
}

func membershipNotFound(rec *spaceRecord, c *call) *apiError {
	return notFound("Membership %s/members/%s not found.", rec.space.Name, c.member)
}

// memberKey resolves the {member} path segment: a user ID, an email alias,
// "app", or a group ID, bare or as group-{id}. Both group forms are
// accepted whatever Options.GroupMemberNames answers with: public code that
// calls the real API (GAM) builds spaces/{space}/members/group-{groupId},
// while the discovery document only says spaces/{space}/members/{member}
// (likely; see Options.GroupMemberNames).
func (e *Emulator) memberKey(rec *spaceRecord, c *call) (string, *apiError) {
	if rec.members[c.member] != nil {
		return c.member, nil
	}
	if id, ok := strings.CutPrefix(c.member, "group-"); ok && rec.members[id] != nil && rec.members[id].principal == nil {
		return id, nil
	}
	p, err := e.dir.resolveUser("users/"+c.member, c.caller)
	if err != nil {
		return "", membershipNotFound(rec, c)
	}
	return p.id, nil
}

func (e *Emulator) createMembership(c *call, rec *spaceRecord) (any, *apiError) {
	var in chat.Membership
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if (in.Member == nil) == (in.GroupMember == nil) {
		return nil, invalidArgument("Membership needs exactly one of member or groupMember.")
	}
	// An administrator needs no permission setting (permissions.go).
	if err := checkCanAddMembers(rec, c.caller); err != nil && !c.adminAccess {
		return nil, err
	}
	if in.GroupMember != nil {
		return e.addGroup(c, rec, in.GroupMember.Name)
	}
	// member.name may be an email from an app too. Source: the discovery
	// document's User.name, "the user's email address can be used as an
	// alias for `{user}` in API requests", with no condition on the
	// authentication (certain as far as the documents go).
	p, err := e.dir.resolveUser(in.Member.Name, c.caller)
	if err != nil {
		return nil, err
	}
	// useAdminAccess: "Creating app memberships or creating memberships for
	// users outside the administrator's Google Workspace organization isn't
	// supported using admin access." (sameOrganization, directory.go)
	switch {
	case c.adminAccess && p.kind == kindApp:
		return nil, notWithAdminAccess("Creating app memberships")
	case c.adminAccess && !sameOrganization(c.caller, p):
		return nil, notWithAdminAccess("Creating memberships for users outside the administrator's Google Workspace organization")
	}
	switch {
	case p.kind == kindApp && c.caller.kind == kindApp:
		return nil, permissionDenied("App authentication doesn't support adding a Chat app to a space.")
	case p.kind == kindApp && p.id != e.dir.app("app").id:
		return nil, permissionDenied("Creating memberships for other Chat apps isn't supported.")
	case rec.space.SpaceType == "DIRECT_MESSAGE" && p.kind == kindUser:
		return nil, failedPrecondition("Users can't be added to a direct message.")
	}
	if p.kind == kindApp {
		if err := checkCanAddApp(rec, c.caller); err != nil {
			return nil, err
		}
	}
	if existing := rec.members[p.id]; existing != nil {
		return nil, alreadyExists("%s is already a member of %s.", in.Member.Name, rec.space.Name)
	}
	// role is input only for UpdateMembership: new members are ROLE_MEMBER.
	m := e.userMembership(rec, p, "ROLE_MEMBER", !p.autoAccept)
	rec.addMember(m, p.id)
	e.commit()
	return m.render(), nil
}

func (e *Emulator) addGroup(c *call, rec *spaceRecord, name string) (any, *apiError) {
	if err := groupNeedsUser(c, true); err != nil {
		return nil, err
	}
	if rec.space.SpaceType != "SPACE" {
		return nil, invalidArgument("Google groups can only be added to spaces whose spaceType is SPACE.")
	}
	id, err := e.dir.resolveGroup(name)
	if err != nil {
		return nil, err
	}
	if rec.members[id] != nil {
		return nil, alreadyExists("%s is already a member of %s.", name, rec.space.Name)
	}
	m := e.groupMembership(rec, id)
	rec.addMember(m, id)
	e.commit()
	return m.render(), nil
}

// lookupMembership finds the membership the path names in rec.
func (e *Emulator) lookupMembership(c *call, rec *spaceRecord) (string, *memberRecord, *apiError) {
	key, err := e.memberKey(rec, c)
	if err != nil {
		return "", nil, err
	}
	m := rec.members[key]
	if m == nil {
		return "", nil, membershipNotFound(rec, c)
	}
	return key, m, nil
}

func (e *Emulator) getMembership(c *call, rec *spaceRecord) (any, *apiError) {
	// An email alias for {member} only with user authentication. Source
	// (likely, not certain): the reference page of spaces.members.get,
	// https://developers.google.com/chat/api/reference/rest/v1/spaces.members/get,
	// in its es-419 version: "Una vez que se autentica como usuario, puedes
	// usar el correo electrónico del usuario como alias para {member}" (when
	// authenticated as a user, you can use the user's email as an alias for
	// {member}); the discovery document's parameter text has no such
	// condition. The status and the wording are guesses in the API's style,
	// the same as spaces.findDirectMessage's.
	if c.caller.kind == kindApp && strings.Contains(c.member, "@") {
		return nil, invalidArgument("Email aliases in spaces/{space}/members/{member} require user authentication.")
	}
	_, m, err := e.lookupMembership(c, rec)
	if err != nil {
		return nil, err
	}
	if err := groupNeedsUser(c, m.membership.GroupMember != nil); err != nil {
		return nil, err
	}
	// useAdminAccess: "Getting app memberships in a space isn't supported
	// when using admin access."
	if c.adminAccess && m.isApp() {
		return nil, notWithAdminAccess("Getting app memberships")
	}
	return m.render(), nil
}

// isApp reports whether the membership is a Chat app's.
func (m *memberRecord) isApp() bool { return m.principal != nil && m.principal.kind == kindApp }

func (e *Emulator) listMemberships(c *call, rec *spaceRecord) (any, *apiError) {
	filter, err := parseMemberFilter(c.query.Get("filter"))
	if err != nil {
		return nil, err
	}
	if c.adminAccess {
		if err := checkAdminMemberFilter(c.query.Get("filter"), filter); err != nil {
			return nil, err
		}
	}
	showGroups := c.query.Get("showGroups") == "true"
	showInvited := c.query.Get("showInvited") == "true"
	if showInvited && c.caller.kind == kindApp {
		return nil, invalidArgument("showInvited requires user authentication.")
	}
	// Membership.groupMember: "Reading or mutating memberships for Google
	// Groups requires user authentication." (status a guess, as for
	// showInvited)
	if showGroups && c.caller.kind == kindApp {
		return nil, invalidArgument("showGroups requires user authentication: reading memberships for Google Groups requires user authentication.")
	}
	var out []*chat.Membership
	for _, key := range rec.memberOrder {
		m := rec.members[key].membership
		switch {
		case m.GroupMember != nil && !showGroups,
			m.State == "INVITED" && !showInvited,
			c.caller.kind == kindApp && m.Member != nil && m.Member.Type == "BOT",
			// useAdminAccess: "Listing app memberships in a space isn't
			// supported when using admin access." The required filter
			// leaves them out already.
			c.adminAccess && rec.members[key].isApp(),
			!filter.matches(&m):
			continue
		}
		out = append(out, rec.members[key].render())
	}
	binding := c.query.Get("filter") + "|" + c.query.Get("showGroups") + "|" + c.query.Get("showInvited")
	page, next, err := paginate(out, c, defaultMemberPageSize, maxMemberPageSize, binding)
	if err != nil {
		return nil, err
	}
	return &chat.ListMembershipsResponse{Memberships: page, NextPageToken: next}, nil
}

func (e *Emulator) patchMembership(c *call, rec *spaceRecord) (any, *apiError) {
	_, m, err := e.lookupMembership(c, rec)
	if err != nil {
		return nil, err
	}
	var in chat.Membership
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	mask, err := c.updateMask()
	if err != nil {
		return nil, err
	}
	for _, path := range mask {
		if path != "role" && path != "*" {
			return nil, invalidArgument("Invalid updateMask path %q: only role is supported.", path)
		}
	}
	switch {
	case !memberRoles[in.Role]:
		return nil, invalidArgument("Invalid role %q.", in.Role)
	case m.membership.GroupMember != nil:
		return nil, invalidArgument("Group memberships have no role.")
	case in.Role != "ROLE_MEMBER" && rec.space.SpaceType != "SPACE":
		return nil, invalidArgument("%s is only supported in spaces whose spaceType is SPACE.", in.Role)
	}
	// An administrator needs no role in the space (permissions.go).
	if err := checkCanChangeRole(rec, c.caller, m, in.Role); err != nil && !c.adminAccess {
		return nil, err
	}
	m.membership.Role = in.Role
	e.commit()
	return m.render(), nil
}

func (e *Emulator) deleteMembership(c *call, rec *spaceRecord) (any, *apiError) {
	// {member} may be an email from an app too. Source: the discovery
	// document, spaces.members.delete parameter name, which describes app
	// authentication (chat.memberships.app) and "You can use the email as an
	// alias for {member}" with no condition on the authentication.
	key, m, err := e.lookupMembership(c, rec)
	if err != nil {
		return nil, err
	}
	// useAdminAccess: "Deleting app memberships in a space isn't supported
	// using admin access."
	if c.adminAccess && m.isApp() {
		return nil, notWithAdminAccess("Deleting app memberships")
	}
	if err := groupNeedsUser(c, m.membership.GroupMember != nil); err != nil {
		return nil, err
	}
	if err := appMembershipDeletion(c, m); err != nil {
		return nil, err
	}
	// An administrator needs no role in the space (permissions.go).
	if err := checkCanRemoveMember(rec, c.caller, key, m); err != nil && !c.adminAccess {
		return nil, err
	}
	out := m.render()
	rec.removeMember(key)
	e.commit()
	return out, nil
}

// groupNeedsUser: "Reading or mutating memberships for Google Groups
// requires user authentication." (discovery, Membership.groupMember; the
// status is a guess).
func groupNeedsUser(c *call, group bool) *apiError {
	if c.caller.kind == kindApp && group {
		return permissionDenied("Reading or mutating memberships for Google Groups requires user authentication.")
	}
	return nil
}

// appMembershipDeletion: a user removes the app's membership only as
// spaces/{space}/members/app and with the chat.memberships.app scope.
// Source (certain): the discovery document, spaces.members.delete parameter
// name, "When deleting an app membership, requires the
// `chat.memberships.app` scope and `spaces/{space}/members/app` format."
// The status and wording are guesses in the API's style.
func appMembershipDeletion(c *call, m *memberRecord) *apiError {
	if c.caller.kind != kindUser || m.principal == nil || m.principal.kind != kindApp {
		return nil
	}
	if c.member != "app" {
		return invalidArgument("To delete an app membership, use the spaces/{space}/members/app format.")
	}
	if c.scopes != nil && !c.scopes["https://www.googleapis.com/auth/chat.memberships.app"] {
		err := permissionDenied("Request had insufficient authentication scopes.")
		err.Reason = "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
		return err
	}
	return nil
}
