package chatapi

import (
	"context"
	"net/http"
	"testing"
	"time"
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
