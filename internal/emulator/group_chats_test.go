package emulator

import (
	"context"
	"slices"
	"testing"

	chat "google.golang.org/api/chat/v1"
)

// spaces.findGroupChats through the Go client: exact joined human members,
// emails as aliases, views, pages, blocked users, user credentials only.
func TestFindGroupChats_rules(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 1, BlockedUsers: []string{"frank@example.com"}, InvitedUsers: []string{"erin@example.com"}})
	ctx := context.Background()
	groupChat := func(token string, others ...string) string {
		return setup(t, srv, token, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members(others...)})
	}
	bobCarol := groupChat(alice, "users/bob@example.com", "users/carol@example.com")
	bobCarol2 := groupChat(bob, "users/alice@example.com", "users/carol@example.com")
	bobCarolDave := groupChat(alice, "users/bob@example.com", "users/carol@example.com", "users/dave@example.com")
	// erin is only invited: this chat's joined humans are alice and bob.
	bobErin := groupChat(alice, "users/bob@example.com", "users/erin@example.com")
	// frank blocks everyone, so setup leaves him out: alice and dave.
	daveFrank := groupChat(alice, "users/dave@example.com", "users/frank@example.com")
	// A named space with alice, bob and carol is not a group chat: never found.
	setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Not a group chat"},
		"memberships": members("users/bob@example.com", "users/carol@example.com")})

	find := func(token, view string, users ...string) ([]*chat.Space, int) {
		var out []*chat.Space
		call := chatClient(t, srv, token).Spaces.FindGroupChats().Users(users...).Context(ctx)
		if view != "" {
			call = call.SpaceView(view)
		}
		err := call.Pages(ctx, func(page *chat.FindGroupChatsResponse) error {
			out = append(out, page.Spaces...)
			return nil
		})
		return out, code(err)
	}
	names := func(spaces []*chat.Space) []string {
		var out []string
		for _, s := range spaces {
			out = append(out, s.Name)
		}
		return out
	}
	for _, tc := range []struct {
		what  string
		users []string
		want  []string
	}{
		{"by email, both chats, in creation order (pages of one)", []string{"users/bob@example.com", "users/carol@example.com"}, []string{bobCarol, bobCarol2}},
		{"by ID, and the caller listed too", []string{"users/100000000000000000003", "users/100000000000000000002", "users/alice@example.com"}, []string{bobCarol, bobCarol2}},
		{"a superset", []string{"users/bob@example.com", "users/carol@example.com", "users/dave@example.com"}, []string{bobCarolDave}},
		{"joined members only", []string{"users/bob@example.com"}, []string{bobErin}},
		{"the invited member is not joined", []string{"users/bob@example.com", "users/erin@example.com"}, nil},
		{"a blocking user is left out", []string{"users/dave@example.com", "users/frank@example.com"}, []string{daveFrank}},
		{"an app", []string{"users/bob@example.com", "users/app"}, nil},
		{"an unknown user", []string{"users/bob@example.com", "users/nobody@example.com"}, nil},
	} {
		got, status := find(alice, "", tc.users...)
		if status != 200 || len(got) != len(tc.want) || (len(got) > 0 && !slices.Equal(names(got), tc.want)) {
			t.Errorf("%s: %d %v, want %v", tc.what, status, names(got), tc.want)
		}
	}
	if got, _ := find(alice, "", "users/bob@example.com", "users/carol@example.com"); len(got) > 0 && got[0].SpaceType != "" {
		t.Errorf("the default view has the name only: %+v", got[0])
	}
	got, status := find(alice, "SPACE_VIEW_EXPANDED", "users/bob@example.com", "users/carol@example.com")
	if status != 200 || len(got) != 2 || got[0].SpaceType != "GROUP_CHAT" || got[0].CreateTime == "" || got[0].PermissionSettings != nil ||
		got[0].MembershipCount == nil || got[0].MembershipCount.JoinedDirectHumanUserCount != 3 {
		t.Errorf("expanded: %d %+v", status, got)
	}
	for _, tc := range []struct {
		what, token, view string
		users             []string
		status            int
	}{
		{"an app", app, "", []string{"users/bob@example.com"}, 403},
		{"not a user name", alice, "", []string{"bob@example.com"}, 400},
		{"an unknown view", alice, "SPACE_VIEW_EVERYTHING", []string{"users/bob@example.com"}, 400},
		{"50 users", alice, "", fiftyUsers(), 400},
	} {
		if _, status := find(tc.token, tc.view, tc.users...); status != tc.status {
			t.Errorf("%s: %d, want %d", tc.what, status, tc.status)
		}
	}
	// Negative page sizes are refused; a token is bound to the users asked.
	if _, err := chatClient(t, srv, alice).Spaces.FindGroupChats().Users("users/bob@example.com").PageSize(-1).Context(ctx).Do(); code(err) != 400 {
		t.Errorf("negative page size: %d, want 400", code(err))
	}
	first, err := chatClient(t, srv, alice).Spaces.FindGroupChats().Users("users/bob@example.com", "users/carol@example.com").Context(ctx).Do()
	if err != nil || first.NextPageToken == "" {
		t.Fatalf("first page: %+v %v", first, err)
	}
	if _, err := chatClient(t, srv, alice).Spaces.FindGroupChats().Users("users/bob@example.com").PageToken(first.NextPageToken).Context(ctx).Do(); code(err) != 400 {
		t.Errorf("a token with other users: %d, want 400", code(err))
	}
	// Scopes: the defaults hold chat.memberships, and chat.spaces for the
	// expanded view; chat.memberships.readonly alone finds names only.
	readonly := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.memberships.readonly"), "")
	if _, status := find(readonly, "", "users/bob@example.com", "users/carol@example.com"); status != 200 {
		t.Errorf("chat.memberships.readonly: %d, want 200", status)
	}
	if _, status := find(readonly, "SPACE_VIEW_EXPANDED", "users/bob@example.com", "users/carol@example.com"); status != 403 {
		t.Errorf("expanded without a spaces scope: %d, want 403", status)
	}
	noMemberships := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.spaces"), "")
	if _, status := find(noMemberships, "", "users/bob@example.com"); status != 403 {
		t.Errorf("without a memberships scope: %d, want 403", status)
	}
	defaults := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com"), "")
	if got, status := find(defaults, "SPACE_VIEW_EXPANDED", "users/bob@example.com", "users/carol@example.com"); status != 200 || len(got) != 2 {
		t.Errorf("the provider's default scopes: %d %v", status, names(got))
	}
}

func fiftyUsers() []string {
	out := make([]string, 50)
	for i := range out {
		out[i] = "users/bob@example.com"
	}
	return out
}
