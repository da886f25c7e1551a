package chatapi

import (
	"context"
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestWriteClass(t *testing.T) {
	cases := []struct {
		method, path    string
		space           string
		spaceW, memberW bool
	}{
		{"GET", "/v1/spaces/AAA", "", false, false},
		{"POST", "/v1/spaces", "", true, false},
		{"POST", "/v1/spaces:setup", "", true, false},
		{"PATCH", "/v1/spaces/AAA", "AAA", true, false},
		{"DELETE", "/v1/spaces/AAA", "AAA", true, false},
		{"POST", "/v1/spaces/AAA/messages", "AAA", false, false},
		{"PATCH", "/v1/spaces/AAA/messages/M.N", "AAA", false, false},
		{"DELETE", "/v1/spaces/AAA/messages/client-x", "AAA", false, false},
		{"POST", "/v1/spaces/AAA/messages/M.N/reactions", "AAA", false, false},
		{"DELETE", "/v1/spaces/AAA/messages/M.N/reactions/R", "AAA", false, false},
		{"POST", "/v1/spaces/AAA/members", "", false, true},
		{"DELETE", "/v1/spaces/AAA/members/123", "", false, true},
		{"POST", "/upload/v1/spaces/AAA/attachments:upload", "AAA", false, false},
		{"POST", "/v1/customEmojis", "", false, false},
		{"DELETE", "/v1/customEmojis/E", "", false, false},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, "http://127.0.0.1/proxy"+tc.path, nil)
		space, spaceW, memberW := writeClass(req)
		if space != tc.space || spaceW != tc.spaceW || memberW != tc.memberW {
			t.Errorf("%s %s = (%q, %v, %v), want (%q, %v, %v)", tc.method, tc.path, space, spaceW, memberW, tc.space, tc.spaceW, tc.memberW)
		}
	}
}

// With 600 writes a minute per space, a space's bucket holds one second's
// worth, ten: the eleventh write waits, other spaces and reads don't.
func TestLimiter_perSpaceBucket(t *testing.T) {
	l := newLimiter(RateLimits{PerSpaceWritesPerMinute: 600})
	post := func(space string) *http.Request {
		req, _ := http.NewRequest("POST", "http://x/v1/spaces/"+space+"/messages", nil)
		return req
	}
	for i := range 10 {
		if err := l.wait(context.Background(), post("A")); err != nil {
			t.Fatalf("write %d within the burst: %v", i, err)
		}
	}
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := l.wait(short, post("A")); err == nil {
		t.Error("the eleventh write to a space in the same second must wait")
	}
	if err := l.wait(short, post("B")); err != nil {
		t.Errorf("another space has its own bucket: %v", err)
	}
	get, _ := http.NewRequest("GET", "http://x/v1/spaces/A/messages", nil)
	if err := l.wait(short, get); err != nil {
		t.Errorf("reads are not limited: %v", err)
	}
	var none *limiter
	if err := none.wait(short, post("A")); err != nil {
		t.Errorf("no limiter, no wait: %v", err)
	}
}

func TestReadClass(t *testing.T) {
	cases := []struct {
		method, path string
		space        string
		kind         readKind
	}{
		{"GET", "/v1/spaces/AAA", "AAA", spaceReads},
		{"GET", "/v1/spaces", "", spaceReads},
		{"GET", "/v1/spaces:findDirectMessage", "", spaceReads},
		{"GET", "/v1/spaces:search", "", ""},
		{"GET", "/v1/spaces:findGroupChats", "", ""},
		{"GET", "/v1/spaces/AAA/members", "AAA", membershipReads},
		{"GET", "/v1/spaces/AAA/members/123", "AAA", membershipReads},
		{"GET", "/v1/spaces/AAA/messages/M.N", "AAA", messageReads},
		{"GET", "/v1/spaces/AAA/messages", "AAA", messageReads},
		{"GET", "/v1/spaces/AAA/messages/M.N/attachments/A", "AAA", attachmentReads},
		{"GET", "/v1/spaces/AAA/messages/M.N/reactions", "AAA", reactionReads},
		{"GET", "/v1/media/spaces/AAA/messages/M/attachments/A", "", attachmentReads},
		{"GET", "/v1/customEmojis/E", "", customEmojiReads},
		{"GET", "/v1/customEmojis", "", customEmojiReads},
		{"GET", "/v1/users/me/sections", "", ""},
		{"PATCH", "/v1/spaces/AAA", "", ""},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, "https://chat.googleapis.com"+tc.path, nil)
		if space, kind := readClass(req); space != tc.space || kind != tc.kind {
			t.Errorf("%s %s: (%q, %q), want (%q, %q)", tc.method, tc.path, space, kind, tc.space, tc.kind)
		}
	}
}

func TestLimiter_readBuckets(t *testing.T) {
	// 5 a second per space; 12 a minute per kind: a burst of 3, then 9 over
	// the minute, so no minute holds more than 12.
	l := newLimiter(RateLimits{PerSpaceReadsPerMinute: 300, ReadsPerMinute: 12})
	ok := func(path, why string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequest("GET", "http://x/v1/"+path, nil)
		if err := l.wait(ctx, req); err != nil {
			t.Errorf("%s: %v", why, err)
		}
	}
	waits := func(path, why string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequest("GET", "http://x/v1/"+path, nil)
		if err := l.wait(ctx, req); err == nil {
			t.Errorf("%s: it did not wait", why)
		}
	}
	for range 3 {
		ok("spaces/A/members/1", "membership reads within both bursts")
	}
	waits("spaces/C/members/1", "a fourth membership read at once (the project's burst is a quarter of 12)")
	ok("spaces/A/messages/M", "a message read: its own project quota")
	ok("spaces/A/messages/M", "the space's fifth read")
	waits("spaces/A/messages/M", "the space's sixth read in a second")
	ok("spaces/D/messages/M", "another space's read")
}

// No 60-second window holds more calls than a quota: a full bucket and a
// minute of refill make the quota at most (the emulator counts per-minute
// quotas in a sliding window), and no bucket is so slow that it gives less
// than nine tenths of it. A quota of one a minute waits more than a minute
// between calls.
func TestLimiter_noMinuteHoldsMoreThanTheQuota(t *testing.T) {
	if one := bucket(1); one.Burst() != 1 || float64(one.Limit())*60 >= 1 {
		t.Errorf("a quota of 1: burst %d and %.3f refilled in a minute, want 1 and less than 1", one.Burst(), float64(one.Limit())*60)
	}
	for _, limits := range []RateLimits{DefaultRateLimits(),
		{PerSpaceWritesPerMinute: 7, SpaceWritesPerMinute: 90, MembershipWritesPerMinute: 2, PerSpaceReadsPerMinute: 61, ReadsPerMinute: 5}} {
		l := newLimiter(limits)
		buckets := map[string]struct {
			b     *rate.Limiter
			quota float64
		}{
			"per-space writes":  {l.perSpace(l.spaces, "A", limits.PerSpaceWritesPerMinute), limits.PerSpaceWritesPerMinute},
			"space writes":      {l.space, limits.SpaceWritesPerMinute},
			"membership writes": {l.member, limits.MembershipWritesPerMinute},
			"per-space reads":   {l.perSpace(l.spaceReads, "A", limits.PerSpaceReadsPerMinute), limits.PerSpaceReadsPerMinute},
			"message reads":     {l.reads[messageReads], limits.ReadsPerMinute},
		}
		for name, c := range buckets {
			inAMinute := float64(c.b.Burst()) + float64(c.b.Limit())*60
			if inAMinute > c.quota+1e-9 || inAMinute < 0.9*c.quota {
				t.Errorf("%v %s: a full bucket and a minute of refill admit %.2f, want at most %v and at least nine tenths of it",
					limits, name, inAMinute, c.quota)
			}
		}
	}
}
