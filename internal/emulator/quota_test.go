package emulator

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A per-minute quota admits at most its limit in any 60 seconds: half a
// minute after a burst nothing is admitted (a bucket refilling at the limit
// would admit half the limit again), and a call is admitted again only when
// the one it replaces is a minute old. A refused call takes nothing: the
// project's per-minute count is not spent by a call its space refused.
func TestQuota_perMinuteIsASlidingWindow(t *testing.T) {
	clock := &importClock{now: importNow}
	srv := NewTestServer(t, Options{Now: clock.Now})
	first := setup(t, srv, alice, namedSpace("Window one"))
	second := setup(t, srv, alice, namedSpace("Window two"))
	third := setup(t, srv, alice, namedSpace("Window three"))
	srv.SetQuota(Quota{ProjectSpaceWritesPerMinute: 4, SpaceWritesPerSecond: 1})
	patch := func(space string) int {
		t.Helper()
		code, _ := api(t, srv, alice, "PATCH", "/v1/"+space+"?updateMask=displayName",
			map[string]any{"displayName": fmt.Sprintf("%s at %s", space, clock.Now().Sub(importNow))})
		return code
	}
	var codes []int
	at := func(offset time.Duration, spaces ...string) {
		clock.advance(importNow.Add(offset).Sub(clock.Now()))
		for _, space := range spaces {
			codes = append(codes, patch(space))
		}
	}
	at(0, first, second, first)                 // the second patch of first is over its per-space 1/s
	at(time.Second, first, second)              // four spaces.patch admitted by now
	at(30*time.Second, third)                   // a bucket would have refilled two
	at(time.Minute, first, second)              // the two at 0 are a minute old: no longer counted
	at(time.Minute+500*time.Millisecond, third) // full again: 1s, 1s, 1m, 1m
	at(time.Minute+time.Second, third)          // the two at 1s leave the window
	want := []int{200, 200, 429, 200, 200, 429, 200, 200, 429, 200}
	if fmt.Sprint(codes) != fmt.Sprint(want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
}

// The admin endpoint refuses a quota the emulator cannot count as written.
func TestQuota_adminRefusesWhatItCannotCount(t *testing.T) {
	srv := NewTestServer(t, Options{})
	for body, want := range map[string]int{
		`{"projectReadsPerMinute": 3000, "spaceReadsPerSecond": 15}`: 200,
		`{"spaceWritesPerSecond": 0.5}`:                              200,
		`{"projectSpaceWritesPerMinute": 2.5}`:                       400,
		`{"projectMembershipWritesPerMinute": -1}`:                   400,
		`{"spaceReadsPerSecond": -2}`:                                400,
	} {
		req, _ := http.NewRequest("PUT", srv.URL+"/__emulator/quota", strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("PUT quota %s = %d, want %d", body, resp.StatusCode, want)
		}
	}
}

// Custom emojis have their own per-project quotas on the current limits
// page: writes (create, delete) and reads (get, list), each in a window.
func TestQuota_customEmojis(t *testing.T) {
	srv := NewTestServer(t, Options{Now: (&importClock{now: importNow}).Now})
	srv.SetQuota(Quota{ProjectCustomEmojiWritesPerMinute: 2, ProjectReadsPerMinute: 2})
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG not really"))
	var codes []int
	var made string
	for _, emoji := range []string{":one:", ":two:", ":three:"} {
		code, out := api(t, srv, alice, "POST", "/v1/customEmojis",
			map[string]any{"emojiName": emoji, "payload": map[string]any{"filename": "e.png", "fileContent": png}})
		codes = append(codes, code)
		if name, ok := out["name"].(string); ok {
			made = name
		}
	}
	for _, path := range []string{"/v1/" + made, "/v1/customEmojis", "/v1/" + made} {
		code, _ := api(t, srv, alice, "GET", path, nil)
		codes = append(codes, code)
	}
	// The writes' window is full: a delete is refused too; space reads are
	// another kind, with a window of their own.
	code, _ := api(t, srv, alice, "DELETE", "/v1/"+made, nil)
	spaces, _ := api(t, srv, alice, "GET", "/v1/spaces", nil)
	codes = append(codes, code, spaces)
	if want := "[200 200 429 200 200 429 429 200]"; fmt.Sprint(codes) != want {
		t.Errorf("codes %v, want %s", codes, want)
	}
}

// The per-space quotas also count a window of their own, per space, beside
// their per-second buckets.
func TestQuota_perSpaceMinute(t *testing.T) {
	clock := &importClock{now: importNow}
	srv := NewTestServer(t, Options{Now: clock.Now})
	first := setup(t, srv, alice, namedSpace("Minute one"))
	second := setup(t, srv, alice, namedSpace("Minute two"))
	srv.SetQuota(Quota{SpaceWritesPerMinute: 2, SpaceReadsPerMinute: 2})
	var codes []int
	call := func(method, space, path string, body any) {
		code, out := api(t, srv, alice, method, "/v1/"+space+path, body)
		codes = append(codes, code)
		if code == 429 && !strings.Contains(fmt.Sprint(out), "minute:"+strings.TrimPrefix(space, "spaces/")) {
			t.Errorf("%s %s%s: 429 without naming the space's minute quota: %v", method, space, path, out)
		}
	}
	for _, space := range []string{first, first, first, second} {
		call("POST", space, "/messages", map[string]any{"text": "hi"})
	}
	for _, space := range []string{first, first, first} {
		call("GET", space, "", nil)
	}
	clock.advance(time.Minute)
	call("POST", first, "/messages", map[string]any{"text": "again"})
	call("GET", first, "", nil)
	if want := "[200 200 429 200 200 200 429 200 200]"; fmt.Sprint(codes) != want {
		t.Errorf("codes %v, want %s", codes, want)
	}
}
