package emulator

import (
	"sync"
	"time"
)

// Options configure a new Emulator. The zero value is usable.
type Options struct {
	// Users are the emails of the seeded directory (DefaultUsers if empty).
	Users []string
	// Administrators are the emails of the Google Workspace administrators
	// "with the manage chat and spaces conversations privilege" (the
	// useAdminAccess parameter of every method that takes it), who may call
	// with useAdminAccess=true (adminaccess.go). DefaultAdministrators if
	// empty. An administrator missing from Users is seeded as a user too.
	Administrators []string
	// InvitedUsers have auto-accept off: memberships created for them are INVITED.
	InvitedUsers []string
	// Tokens maps opaque bearer tokens to the principals they stand for, as
	// "user:<email>" or "app[:<name>]", for tests that need realistic secrets.
	Tokens map[string]string
	// Groups are the seeded Google group IDs (DefaultGroups if empty).
	Groups []string
	// BlockedUsers are emails of users who block everyone: spaces.setup
	// leaves them out of a space or group chat without an error, and fails
	// for a direct message with them (spaces_create.go).
	BlockedUsers []string
	// GroupMemberNames chooses how answers name a group's membership:
	// "" spaces/{space}/members/{groupId}, or "group-"
	// spaces/{space}/members/group-{groupId}, the form public code that
	// calls the real API builds (GAM). Requests may use either form.
	GroupMemberNames string
	// ReadStateKeepsAlias makes users.spaces.getSpaceReadState answer with
	// the user as the request named it ("users/me" stays) instead of the
	// numeric ID (readstate.go).
	ReadStateKeepsAlias bool
	// AllowChatDeletion lets spaces.delete remove group chats and DMs, which
	// the API documents only for named spaces (default: FAILED_PRECONDITION).
	AllowChatDeletion bool
	// PageSizeLimit, when set, caps every list page below the documented
	// maxima, so tests can walk several pages with few objects.
	PageSizeLimit int64
	// Latency is added to every API call.
	Latency time.Duration
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// UnknownFields adds fields no API revision defines, at every level of
	// every answer, as a newer API revision would (unknown_fields.go).
	UnknownFields bool
	// AppScopesUnapproved withdraws the administrator's approval of the
	// chat.app.* scopes: app calls that need one answer 403 (scopes.go).
	AppScopesUnapproved bool
	// Chaos, when set with a non-zero seed, makes random API calls fail
	// (chaos.go); nil leaves the API quiet.
	Chaos *ChaosOptions
}

// Emulator is the in-memory API; it is an http.Handler.
type Emulator struct {
	opts Options

	mu          sync.Mutex
	dir         *directory
	spaces      map[string]*spaceRecord // by space ID
	spaceOrder  []string
	emojis      *customEmojiStore          // custom_emojis.go
	sections    map[string]*userSections   // by user ID (sections.go)
	attachments *attachmentStore           // uploads and attachment files (media.go)
	requestIDs  map[string]*requestIDEntry // by rpc and requestId
	log         []RequestRecord
	faults      []*faultState
	quota       quotaState
	chaos       *chaosState // nil: chaos mode off
	auth        authState   // issued tokens (oauth.go); survives Reset
	seq         int
}

// New returns an emulator with the seeded directory and no spaces.
func New(opts Options) *Emulator {
	if len(opts.Users) == 0 {
		opts.Users = DefaultUsers
	}
	if len(opts.Administrators) == 0 {
		opts.Administrators = DefaultAdministrators
	}
	if len(opts.Groups) == 0 {
		opts.Groups = DefaultGroups
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Emulator{opts: opts, auth: authState{
		access: map[string]grant{}, refresh: map[string]grant{}, appScopesUnapproved: opts.AppScopesUnapproved,
	}}
	e.resetLocked()
	return e
}

func (e *Emulator) resetLocked() {
	e.dir = newDirectory(e.opts.Users, e.opts.Groups, e.opts.InvitedUsers, e.opts.Administrators)
	e.dir.app("app")
	e.spaces = map[string]*spaceRecord{}
	e.spaceOrder = nil
	e.emojis = newCustomEmojiStore()
	e.sections = map[string]*userSections{}
	e.attachments = newAttachmentStore()
	e.requestIDs = map[string]*requestIDEntry{}
	e.log = nil
	e.faults = nil
	e.quota = quotaState{}
	e.chaos = newChaosState(e.opts.Chaos)
}

// Reset drops every space, message, upload, log entry and fault.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetLocked()
}
