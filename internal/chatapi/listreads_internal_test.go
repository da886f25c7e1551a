package chatapi

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// fakeParent is a parent of n objects listed pageSize at a time, counting
// the calls a collection spends on it.
type fakeParent struct {
	names    []string
	pageSize int
	calls    int
}

func newFakeParent(n, pageSize int) *fakeParent {
	p := &fakeParent{pageSize: pageSize}
	for i := range n {
		p.names = append(p.names, fmt.Sprintf("o/%d", i))
	}
	// List order is not name order.
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(p.names), func(i, j int) { p.names[i], p.names[j] = p.names[j], p.names[i] })
	return p
}

func (p *fakeParent) read(c *collection[string], name string) (string, error) {
	return c.read(context.Background(), name, func(string) bool { return true },
		func(token string) (page[string], error) {
			p.calls++
			start := 0
			fmt.Sscan(token, &start)
			end := min(start+p.pageSize, len(p.names))
			next := ""
			if end < len(p.names) {
				next = fmt.Sprint(end)
			}
			return page[string]{p.names[start:end], next}, nil
		},
		func(s string) string { return s }, func(string, int) bool { return true }, func() int { return 0 },
		func() (string, error) { p.calls++; return name, nil })
}

// The collection never spends more calls than one GET per read when the
// parent's size is known, and at most one more when it is not; it spends
// far fewer when a page holds what is read.
func TestCollection_neverCostsMoreThanGets(t *testing.T) {
	cases := []struct {
		name      string
		objects   int
		known     bool
		reads     int
		wantCalls int // exact; -1 to check only the bound
	}{
		{"small known parent: one list", 10, true, 10, 1},
		{"known parent of one read: the list is the read", 10, true, 1, 1},
		{"three of a 50,000 parent: three gets", 50000, true, 3, 3},
		{"many of a large known parent: gets", 5000, true, 200, -1},
		{"unknown small parent: four gets, then one list", 100, false, 100, gambleAfter + 1},
		{"three of an unknown large parent: three gets", 5000, false, 3, 3},
		{"four of an unknown large parent: four gets", 5000, false, 4, 4},
		{"a hundred of an unknown large parent", 5000, false, 100, -1},
		{"all of an unknown large parent: every page", 3000, false, 3000, -1},
		{"one read of a known parent missing from its page: one call more", 10, true, 1, 2},
		{"reads of a known parent, one missing from its page", 10, true, 5, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parent := newFakeParent(tc.objects, listPageSize)
			size := int64(-1)
			if tc.known {
				size = int64(tc.objects)
			}
			c := newCollection[string](size)
			order := rand.New(rand.NewPCG(3, 4)).Perm(tc.objects)[:tc.reads]
			if strings.Contains(tc.name, "missing") {
				// The first object read is not in the list (removed out of
				// band): its get follows the list.
				parent.names = slices.DeleteFunc(parent.names, func(n string) bool { return n == fmt.Sprintf("o/%d", order[0]) })
			}
			for _, i := range order {
				name := fmt.Sprintf("o/%d", i)
				if got, err := parent.read(c, name); err != nil || got != name {
					t.Fatalf("read %s = %q, %v", name, got, err)
				}
			}
			// At most one call more than the gets: the gamble on an unknown
			// size, or a page that lacks what is read.
			limit := tc.reads + 1
			switch {
			case tc.wantCalls >= 0 && parent.calls != tc.wantCalls:
				t.Errorf("%d reads cost %d calls, want %d", tc.reads, parent.calls, tc.wantCalls)
			case parent.calls > limit:
				t.Errorf("%d reads cost %d calls, more than %d", tc.reads, parent.calls, limit)
			}
			if tc.objects == tc.reads && tc.objects > listPageSize && parent.calls > tc.objects/listPageSize+gambleAfter+2 {
				t.Errorf("reading every object cost %d calls; the pages alone are %d", parent.calls, tc.objects/listPageSize+1)
			}
		})
	}
}

// An entry the caller can't use, or one a write changed while its page was
// in flight, is read with a GET.
func TestCollection_unusableAndStaleEntriesGoToGet(t *testing.T) {
	parent := newFakeParent(5, listPageSize)
	c := newCollection[string](5)
	gets := 0
	fetch := func(string) (page[string], error) { return page[string]{parent.names, ""}, nil }
	get := func() (string, error) { gets++; return "fresh", nil }
	key := func(s string) string { return s }
	ctx := context.Background()
	always := func(string, int) bool { return true }
	now := func() int { return 0 }
	out, _ := c.read(ctx, "o/1", func(string) bool { return false }, fetch, key, always, now, get)
	if out != "fresh" || gets != 1 {
		t.Errorf("unusable entry: %q after %d gets", out, gets)
	}
	c = newCollection[string](5)
	out, _ = c.read(ctx, "o/2", func(string) bool { return true }, fetch, key, func(string, int) bool { return false }, now, get)
	if out != "fresh" || gets != 2 {
		t.Errorf("stale page: %q after %d gets", out, gets)
	}
	// Held, then written to: the next read goes to get.
	written := false
	c = newCollection[string](5)
	freshUntilWritten := func(string, int) bool { return !written }
	if out, _ = c.read(ctx, "o/3", func(string) bool { return true }, fetch, key, freshUntilWritten, now, get); out != "o/3" {
		t.Errorf("first read = %q, want it from the page", out)
	}
	written = true
	if out, _ = c.read(ctx, "o/3", func(string) bool { return true }, fetch, key, freshUntilWritten, now, get); out != "fresh" || gets != 3 {
		t.Errorf("read after a write = %q after %d gets", out, gets)
	}
}

// A reader whose context ended leaves the list to the next reader; an API
// error stops listing that parent.
func TestCollection_failures(t *testing.T) {
	key := func(s string) string { return s }
	always := func(string, int) bool { return true }
	now := func() int { return 0 }
	get := func() (string, error) { return "got", nil }
	failing := func(string) (page[string], error) { return page[string]{}, errors.New("boom") }
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	c := newCollection[string](5)
	_, _ = c.read(canceled, "o/1", func(string) bool { return true }, failing, key, always, now, get)
	if c.failed {
		t.Error("a canceled reader stopped the listing for every reader")
	}
	c = newCollection[string](5)
	_, _ = c.read(context.Background(), "o/1", func(string) bool { return true }, failing, key, always, now, get)
	if !c.failed {
		t.Error("an API error must stop the listing")
	}
}
