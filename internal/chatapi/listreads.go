package chatapi

import (
	"context"
	"net/http"
	"strings"
	"sync"

	chat "google.golang.org/api/chat/v1"
)

// List reads: a refresh reads every space and membership in state, one GET
// each. spaces.list and spaces.members.list answer up to 1,000 of them per
// call, so within one configured client (one Terraform operation) the
// first reads of a parent may list it once and later reads are answered
// from that list. Each parent (the caller's spaces; one space's members)
// decides for itself, from what it knows, so that it never costs more calls
// than the GETs it replaces:
//
//   - a space whose membershipCount is known and fits one page is listed on
//     its first membership read: one call, the same as the GET it replaces;
//   - a parent of unknown size (the caller's spaces) is listed once after
//     gambleAfter reads went to GETs, one page at a time;
//   - further pages are fetched only while the reads already answered from
//     pages have saved at least one call, so a page that does not hold the
//     object asked for (then read with a GET) is paid for by earlier savings.
//
// So three memberships of a 50,000-member space, or three spaces of a
// caller in thousands, cost three GETs as before. A parent costs at most one
// call more than its GETs (again after each write to it): the one gamble of
// an unknown size, or a known-size page that lacks the object read (a member
// removed out of band, a count that left out invited people), which is then
// read with a GET.
//
// An object a page does not carry, or carries without what the prior state
// holds (usable), is read with a GET: apps missing from members.list under
// app credentials, a member removed out of band. A read no list entry can
// answer (a named space, whose permission settings spaces.list never
// returns: usable is nil) goes straight to a GET and does not count towards
// listing. Every write drops what is held for the space it touches, so a
// read after a write is fresh.
const (
	listPageSize = 1000
	// gambleAfter is how many GETs a parent of unknown size answers before
	// it is listed.
	gambleAfter = 4
	// onePage is the largest known membership count read as one page:
	// membershipCount counts joined people and groups, and the page also
	// carries apps and invited people.
	onePage = 900
)

// listReads holds the pages one client has read.
type listReads struct {
	mu      sync.Mutex
	spaces  *collection[*chat.Space]
	members map[string]*collection[*chat.Membership]
	// counts are joined people and groups per space, from any space answer.
	counts map[string]int64
	// seq numbers the writes; lastWrite is each space's latest, so a page
	// fetched across a write does not bring back what the write changed.
	seq       int
	lastWrite map[string]int
}

func newListReads() *listReads {
	return &listReads{spaces: newCollection[*chat.Space](-1), members: map[string]*collection[*chat.Membership]{},
		counts: map[string]int64{}, lastWrite: map[string]int{}}
}

// collection is one parent's pages and its accounting.
type collection[T any] struct {
	mu       sync.Mutex
	items    map[string]held[T]
	next     string
	started  bool
	complete bool
	failed   bool
	gambled  bool
	// reads counts reads answered, calls the calls spent on them (pages and
	// GETs), gets the reads that went to GETs.
	reads, calls, gets int
	// size is the parent's known size, -1 when unknown.
	size int64
}

// held is an object from a page, with the number of the last write before
// that page was fetched.
type held[T any] struct {
	value T
	seq   int
}

func newCollection[T any](size int64) *collection[T] {
	return &collection[T]{items: map[string]held[T]{}, size: size}
}

// mayFetch says whether the next page may be fetched for a read the pages
// fetched so far do not answer (c.mu held).
func (c *collection[T]) mayFetch() bool {
	switch {
	case c.failed || c.complete:
		return false
	case !c.started && c.size >= 0 && c.size <= onePage:
		return true
	case c.reads-c.calls >= 1:
		return true
	case c.size < 0 && !c.gambled && c.gets >= gambleAfter:
		c.gambled = true
		return true
	}
	return false
}

// page is one list call's answer.
type page[T any] struct {
	items []T
	next  string
}

// read answers name from the pages when that costs no more than get, and
// with get otherwise. fetch lists one page (by token); fresh says whether
// what a page fetched after write number seq holds for key is still
// current; now is the latest write's number.
func (c *collection[T]) read(ctx context.Context, name string, usable func(T) bool, fetch func(token string) (page[T], error),
	key func(T) string, fresh func(key string, seq int) bool, now func() int, get func() (T, error)) (T, error) {
	c.mu.Lock()
	for {
		if h, ok := c.items[name]; ok && fresh(name, h.seq) && usable(h.value) {
			c.reads++
			c.mu.Unlock()
			return h.value, nil
		} else if ok {
			break // changed since, or short of what is needed: read it whole
		}
		if !c.mayFetch() {
			break
		}
		// Other reads of this parent wait for the page rather than GET.
		seq := now()
		p, err := fetch(c.next)
		c.calls++
		c.started = true
		if err != nil {
			// A reader that gave up leaves the list to the next one.
			c.failed = ctx.Err() == nil
			break
		}
		for _, v := range p.items {
			if k := key(v); fresh(k, seq) {
				c.items[k] = held[T]{v, seq}
			}
		}
		c.next, c.complete = p.next, p.next == ""
	}
	c.reads++
	c.calls++
	c.gets++
	c.mu.Unlock()
	return get()
}

// drop forgets what is held for space after a write to it: its members'
// pages and count go, and its spaces.list entry is no longer fresh. It never
// waits for a page in flight.
func (l *listReads) drop(space string) {
	if l == nil || space == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.lastWrite[space] = l.seq
	delete(l.members, space)
	delete(l.counts, space)
}

// now is the latest write's number, taken before a page is fetched.
func (l *listReads) now() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seq
}

// unchangedSince says whether no write touched space after write number
// seq.
func (l *listReads) unchangedSince(space string, seq int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lastWrite[space] <= seq
}

// note records a space answer's membership count.
func (l *listReads) note(space *chat.Space) {
	if space == nil || space.MembershipCount == nil {
		return
	}
	l.mu.Lock()
	l.counts[spaceID(space.Name)] = space.MembershipCount.JoinedDirectHumanUserCount + space.MembershipCount.JoinedGroupCount
	l.mu.Unlock()
}

// membersOf is space's collection, sized from its membership count when a
// space answer carried one.
func (l *listReads) membersOf(space string) *collection[*chat.Membership] {
	l.mu.Lock()
	c, ok := l.members[space]
	if !ok {
		c = newCollection[*chat.Membership](-1)
		l.members[space] = c
	}
	count, known := l.counts[space]
	l.mu.Unlock()
	// c.mu only after l.mu is released: a read holds c.mu while its page
	// asks l for the write number.
	if known {
		c.mu.Lock()
		if !c.started {
			c.size = count
		}
		c.mu.Unlock()
	}
	return c
}

// listing says whether reads through ctx may be answered from lists: user
// credentials (lists under app credentials leave out apps and invited
// people), without administrator access (whose members.list needs a filter
// that leaves apps out).
func (c *Client) listing(ctx context.Context) bool {
	return c.reads != nil && c.AuthMode == AuthModeUser && !c.AdminAccess(ctx)
}

// ReadSpace is GetSpace for a refresh: it may be answered from spaces.list
// (see listReads). usable says whether a list entry carries everything the
// prior state holds; one that does not is read with spaces.get. A nil
// usable says no list entry can: the read goes to spaces.get and does not
// count towards listing the caller's spaces (a named space's permission
// settings, which "spaces.list" never returns).
func (c *Client) ReadSpace(ctx context.Context, name string, usable func(*chat.Space) bool) (*chat.Space, error) {
	if !c.listing(ctx) || usable == nil {
		out, err := c.GetSpace(ctx, name)
		if err == nil && c.reads != nil {
			c.reads.note(out)
		}
		return out, err
	}
	out, err := c.reads.spaces.read(ctx, name, usable,
		func(token string) (page[*chat.Space], error) {
			ctx, done := c.traceCall(ctx)
			resp, err := c.service.Spaces.List().PageSize(listPageSize).PageToken(token).Context(ctx).Do()
			if err = done(err); err != nil {
				return page[*chat.Space]{}, err
			}
			return page[*chat.Space]{resp.Spaces, resp.NextPageToken}, nil
		},
		func(s *chat.Space) string { return s.Name },
		func(key string, seq int) bool { return c.reads.unchangedSince(spaceID(key), seq) },
		c.reads.now,
		func() (*chat.Space, error) { return c.GetSpace(ctx, name) })
	if err == nil {
		c.reads.note(out)
	}
	return out, err
}

// ReadMembership is GetMembership for a refresh: it may be answered from
// the space's spaces.members.list, with groups and invited people (see
// listReads).
func (c *Client) ReadMembership(ctx context.Context, name string, usable func(*chat.Membership) bool) (*chat.Membership, error) {
	space, _, ok := strings.Cut(strings.TrimPrefix(name, "spaces/"), "/members/")
	if !c.listing(ctx) || !ok || !strings.HasPrefix(name, "spaces/") {
		return c.GetMembership(ctx, name)
	}
	members := c.reads.membersOf(space)
	return members.read(ctx, name, usable,
		func(token string) (page[*chat.Membership], error) {
			ctx, done := c.traceCall(ctx)
			resp, err := c.service.Spaces.Members.List("spaces/" + space).PageSize(listPageSize).PageToken(token).
				ShowGroups(true).ShowInvited(true).Context(ctx).Do()
			if err = done(err); err != nil {
				return page[*chat.Membership]{}, err
			}
			return page[*chat.Membership]{resp.Memberships, resp.NextPageToken}, nil
		},
		func(m *chat.Membership) string { return m.Name },
		func(_ string, seq int) bool { return c.reads.unchangedSince(space, seq) },
		c.reads.now,
		func() (*chat.Membership, error) { return c.GetMembership(ctx, name) })
}

// spaceID is S of spaces/S.
func spaceID(name string) string { return strings.TrimPrefix(name, "spaces/") }

// spaceOfPath is the space a request path names (/v1/spaces/S/...,
// /upload/v1/spaces/S/..., /v1/spaces/S:completeImport), "" for none.
func spaceOfPath(urlPath string) string {
	_, rest, ok := strings.Cut(urlPath, "/v1/spaces/")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	id, _, _ = strings.Cut(id, ":")
	return id
}

// dropOnWrite is the round tripper that drops what the client's list reads
// hold for a space once a write to it is answered (or fails: it may have
// landed).
type dropOnWrite struct {
	base  http.RoundTripper
	reads *listReads
}

func (d *dropOnWrite) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := d.base.RoundTrip(req)
	if req.Method != http.MethodGet {
		d.reads.drop(spaceOfPath(req.URL.Path))
	}
	return resp, err
}
