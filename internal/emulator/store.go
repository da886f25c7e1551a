package emulator

import (
	"crypto/rand"
	"encoding/json"
	"time"

	chat "google.golang.org/api/chat/v1"
)

// spaceRecord is a space and everything in it.
type spaceRecord struct {
	id          string
	space       chat.Space // stored as a user manager would read it
	creator     *principal
	dmKey       string // unordered pair of principals, for DMs
	deleted     bool
	hasMessages bool

	// importer is the user who created the space in import mode and
	// importApp the app that impersonated them ("" for a shortcut token);
	// nil and "" for other spaces (import.go).
	importer  *principal
	importApp string

	members     map[string]*memberRecord // by member segment (user ID or group ID)
	memberOrder []string

	messages     map[string]*messageRecord // by message ID
	messageOrder []string
	clientIDs    map[string]string // clientAssignedMessageId -> message ID
	threads      map[string]string // app-scoped thread key -> thread ID
	pins         []string          // pinned message IDs, in pin order (pins.go)

	reactions map[string][]*reactionRecord // by message ID, in creation order (reactions.go)

	// notificationSettings are the members' own settings, by user ID
	// (notification_settings.go); a member without one has the defaults.
	notificationSettings map[string]*chat.SpaceNotificationSetting
}

type memberRecord struct {
	membership chat.Membership
	principal  *principal // nil for groups
}

func (m *memberRecord) render() *chat.Membership { return clone(&m.membership) }

// clone deep-copies an API object so it can be encoded after the lock is released.
func clone[T any](in *T) *T {
	b, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	out := new(T)
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

// render returns the space as viewer sees it (viewer nil: everything).
func (s *spaceRecord) render(viewer *principal) *chat.Space {
	out := clone(&s.space)
	count := &chat.MembershipCount{}
	for _, m := range s.members {
		if m.membership.State != "JOINED" {
			continue
		}
		switch {
		case m.membership.GroupMember != nil:
			count.JoinedGroupCount++
		case m.membership.Member != nil && m.membership.Member.Type == "HUMAN":
			count.JoinedDirectHumanUserCount++
		}
	}
	out.MembershipCount = count
	// Under app authentication permission settings are returned only to the
	// app that created the space.
	if viewer != nil && viewer.kind == kindApp && !s.createdBy(viewer) {
		out.PermissionSettings = nil
	}
	return out
}

// joinedMember returns viewer's JOINED membership in the space, or nil.
// While the space is in import mode no membership counts: "they aren't
// visible to users until the import is complete" (import.go).
func (s *spaceRecord) joinedMember(p *principal) *memberRecord {
	if s.space.ImportMode {
		return nil
	}
	m := s.members[p.id]
	if m == nil || m.membership.State != "JOINED" {
		return nil
	}
	return m
}

func (s *spaceRecord) addMember(m *memberRecord, key string) {
	if _, ok := s.members[key]; !ok {
		s.memberOrder = append(s.memberOrder, key)
	}
	s.members[key] = m
}

func (s *spaceRecord) removeMember(key string) {
	delete(s.members, key)
	for i, k := range s.memberOrder {
		if k == key {
			s.memberOrder = append(s.memberOrder[:i], s.memberOrder[i+1:]...)
			break
		}
	}
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

// idLength is the length of space, thread and message ID parts.
const idLength = 11

// randomID returns 11 characters of [A-Za-z0-9_-], the shape of Chat IDs.
func randomID() string {
	b := make([]byte, idLength)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

func (e *Emulator) timestamp() string {
	return e.opts.Now().UTC().Format(time.RFC3339Nano)
}

// commit marks that the current call changed state (for the request log).
func (e *Emulator) commit() { e.seq++ }
