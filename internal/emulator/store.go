package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

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

	members     map[string]*memberRecord // by member segment (user ID or group ID)
	memberOrder []string

	messages     map[string]*messageRecord // by message ID
	messageOrder []string
	clientIDs    map[string]string // clientAssignedMessageId -> message ID
	threads      map[string]string // app-scoped thread key -> thread ID
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
	if viewer != nil && viewer.kind == kindApp && (s.creator == nil || s.creator.id != viewer.id) {
		out.PermissionSettings = nil
	}
	return out
}

// joinedMember returns viewer's JOINED membership in the space, or nil.
func (s *spaceRecord) joinedMember(p *principal) *memberRecord {
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

// requestIDEntry remembers who made a request with a requestId and what it made.
type requestIDEntry struct {
	principal string
	result    string // resource name
}

// replay looks up a repeated requestId: the name of what the first request
// made, or an error when another principal reuses it. ok is false for a
// first use. The API answers a repeat by echoing the new request with that
// name, without updating anything.
func (e *Emulator) replay(c *call, requestID string) (string, bool, *apiError) {
	if requestID == "" {
		return "", false, nil
	}
	entry, ok := e.requestIDs[requestKey(c, requestID)]
	if !ok {
		return "", false, nil
	}
	if entry.principal != c.caller.String() {
		return "", true, invalidArgument("Request ID %q was already used by a different caller.", requestID)
	}
	return entry.result, true, nil
}

// requestKey scopes a requestId to the method and the parent it creates in.
func requestKey(c *call, requestID string) string { return c.rpc + "|" + c.space + "|" + requestID }

func (e *Emulator) remember(c *call, requestID, result string) {
	if requestID != "" {
		e.requestIDs[requestKey(c, requestID)] = &requestIDEntry{principal: c.caller.String(), result: result}
	}
}

// normalizeMask splits an updateMask and turns camelCase paths into snake_case.
func normalizeMask(mask string) []string {
	var out []string
	for _, path := range strings.Split(mask, ",") {
		path = strings.TrimSpace(path)
		if path == "" {
			continue
		}
		segments := strings.Split(path, ".")
		for i, seg := range segments {
			var b strings.Builder
			for j, r := range seg {
				if unicode.IsUpper(r) {
					if j > 0 {
						b.WriteByte('_')
					}
					r = unicode.ToLower(r)
				}
				b.WriteRune(r)
			}
			segments[i] = b.String()
		}
		out = append(out, strings.Join(segments, "."))
	}
	return out
}

// paginate slices items by pageSize and an opaque token bound to the filter.
func paginate[T any](items []T, c *call, defaultSize, maxSize int64, filter string) ([]T, string, *apiError) {
	size := defaultSize
	if raw := c.query.Get("pageSize"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 0 {
			return nil, "", invalidArgument("pageSize must be a non-negative integer, got %q.", raw)
		}
		if n > 0 {
			size = min(n, maxSize)
		}
	}
	if limit := c.pageSizeLimit; limit > 0 {
		size = min(size, limit)
	}
	offset := 0
	if token := c.query.Get("pageToken"); token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		parts := strings.SplitN(string(raw), "|", 2)
		if err != nil || len(parts) != 2 || parts[1] != filter {
			return nil, "", invalidArgument("Invalid page token; the filter must match the call that returned it.")
		}
		if offset, err = strconv.Atoi(parts[0]); err != nil || offset < 0 {
			return nil, "", invalidArgument("Invalid page token.")
		}
	}
	if offset >= len(items) {
		return nil, "", nil
	}
	end := min(offset+int(size), len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%d|%s", end, filter)))
	}
	return items[offset:end], next, nil
}
