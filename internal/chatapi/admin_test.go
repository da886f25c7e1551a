package chatapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// useAdminAccess goes on the wire for every method that takes it, as the
// client's default or a call's context says, and never elsewhere.
func TestAdminAccess_sentWhereTheMethodTakesIt(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" admin="+r.URL.Query().Get("useAdminAccess"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	calls := func(c *Client, ctx context.Context) {
		_, _ = c.GetSpace(ctx, "spaces/S")
		_, _ = c.PatchSpace(ctx, "spaces/S", nil, []string{"display_name"})
		_ = c.DeleteSpace(ctx, "spaces/S")
		_, _ = c.GetMembership(ctx, "spaces/S/members/M")
		_, _ = c.ListMemberships(ctx, "spaces/S", "", false, false)
		_, _ = c.PatchMembership(ctx, "spaces/S/members/M", "ROLE_MANAGER")
		_ = c.DeleteMembership(ctx, "spaces/S/members/M")
		_, _ = c.SearchSpaces(ctx, `space_type = "SPACE"`, "")
		_, _ = c.GetMessage(ctx, "spaces/S/messages/M") // takes no useAdminAccess
	}
	check := func(name string, want string, run func()) {
		t.Helper()
		seen = nil
		run()
		if len(seen) != 9 {
			t.Fatalf("%s: %d calls: %v", name, len(seen), seen)
		}
		for _, call := range seen[:8] {
			if !strings.HasSuffix(call, "admin="+want) {
				t.Errorf("%s: %s, want admin=%s", name, call, want)
			}
		}
		if !strings.HasSuffix(seen[8], "admin=") {
			t.Errorf("%s: %s carries useAdminAccess", name, seen[8])
		}
	}
	plain, _ := New(context.Background(), Config{Endpoint: srv.URL, AuthMode: AuthModeUser})
	admin, _ := New(context.Background(), Config{Endpoint: srv.URL, AuthMode: AuthModeUser, UseAdminAccess: true})
	check("default off", "", func() { calls(plain, context.Background()) })
	check("default on", "true", func() { calls(admin, context.Background()) })
	check("off, on for the call", "true", func() { calls(plain, WithAdminAccess(context.Background(), true)) })
	check("on, off for the call", "", func() { calls(admin, WithAdminAccess(context.Background(), false)) })
}

func TestAdminMembersFilter(t *testing.T) {
	for in, want := range map[string]string{
		"":                      `member.type != "BOT"`,
		`role = "ROLE_MANAGER"`: `member.type != "BOT" AND role = "ROLE_MANAGER"`,
		`member.type = "HUMAN"`: `member.type = "HUMAN"`,
		`member.type = "BOT"`:   `member.type = "BOT"`, // left for the API to refuse
	} {
		if got := adminMembersFilter(in); got != want {
			t.Errorf("adminMembersFilter(%q) = %q, want %q", in, got, want)
		}
	}
}
