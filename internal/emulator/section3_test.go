package emulator

import (
	"slices"
	"strings"
	"testing"
)

// spaces.setup leaves out of a space or group chat the members it can't add
// (blocked or unknown users), without an error; a group chat may end up
// holding only the caller (seed 000). A DM with a blocked user fails, unless
// the DM already exists.
func TestSetUp_dropsMembersItCannotAdd(t *testing.T) {
	srv := NewTestServer(t, Options{BlockedUsers: []string{"carol@example.com"}})
	space := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "SPACE", "displayName": "Dropped"},
		"memberships": members("users/bob@example.com", "users/carol@example.com", "users/nobody@example.com"),
	})
	if got := memberNames(t, srv, space, ""); !slices.Equal(got, []string{"users/100000000000000000001:ROLE_MANAGER", "users/100000000000000000002:ROLE_MEMBER"}) {
		t.Errorf("space members %v, want alice and bob only", got)
	}
	chat := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "GROUP_CHAT"},
		"memberships": members("users/carol@example.com", "users/nobody@example.com"),
	})
	if got := memberNames(t, srv, chat, ""); !slices.Equal(got, []string{"users/100000000000000000001:ROLE_MEMBER"}) {
		t.Errorf("group chat members %v, want the caller alone", got)
	}
	dm := map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/carol@example.com")}
	if status, out := api(t, srv, alice, "POST", "/v1/spaces:setup", dm); status != 403 {
		t.Fatalf("DM with a blocked user: %d %v, want 403", status, out)
	}
	// A DM that exists is returned even so.
	existing := NewTestServer(t, Options{})
	name := setup(t, existing, alice, dm)
	existing.opts.BlockedUsers = []string{"carol@example.com"}
	if again := setup(t, existing, alice, dm); again != name {
		t.Fatalf("existing DM: got %s, want %s", again, name)
	}
}

// A group's membership is named with or without "group-"; requests may use
// either form whatever the answers use.
func TestGroupMembershipNames(t *testing.T) {
	for _, prefix := range []string{"", "group-"} {
		srv := NewTestServer(t, Options{GroupMemberNames: prefix})
		space := setup(t, srv, alice, map[string]any{
			"space": map[string]any{"spaceType": "SPACE", "displayName": "Groups " + prefix}, "memberships": members("groups/engineering"),
		})
		status, out := api(t, srv, alice, "GET", "/v1/"+space+"/members?showGroups=true", nil)
		if status != 200 || !strings.Contains(strings.Join(func() []string {
			var names []string
			for _, m := range out["memberships"].([]any) {
				names = append(names, m.(map[string]any)["name"].(string))
			}
			return names
		}(), " "), space+"/members/"+prefix+"engineering") {
			t.Fatalf("prefix %q: list %d %v lacks %s", prefix, status, out, space+"/members/"+prefix+"engineering")
		}
		for _, form := range []string{"engineering", "group-engineering"} {
			if status, out := api(t, srv, alice, "GET", "/v1/"+space+"/members/"+form, nil); status != 200 {
				t.Errorf("prefix %q: get %s: %d %v", prefix, form, status, out)
			}
		}
		if status, out := api(t, srv, alice, "DELETE", "/v1/"+space+"/members/group-engineering", nil); status != 200 {
			t.Errorf("prefix %q: delete group-engineering: %d %v", prefix, status, out)
		}
	}
}

// A user removes the app's membership only as spaces/{space}/members/app
// and with the chat.memberships.app scope (discovery document,
// spaces.members.delete).
func TestDeleteAppMembership_formatAndScope(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("With the app"))
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 200 {
		t.Fatalf("add the app: %d %v", status, out)
	}
	appID := srv.dir.app("app").id
	if status, _ := api(t, srv, alice, "DELETE", "/v1/"+space+"/members/"+appID, nil); status != 400 {
		t.Errorf("delete the app by its ID: %d, want 400", status)
	}
	withoutScope := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com"), "")
	if status, _ := api(t, srv, withoutScope, "DELETE", "/v1/"+space+"/members/app", nil); status != 403 {
		t.Errorf("delete the app without chat.memberships.app: %d, want 403", status)
	}
	withScope := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.memberships.app"), "")
	if status, out := api(t, srv, withScope, "DELETE", "/v1/"+space+"/members/app", nil); status != 200 {
		t.Errorf("delete the app as members/app with chat.memberships.app: %d %v", status, out)
	}
}

// The permission settings the emulator stored but did not enforce: posting
// and replying (an announcement space lets only managers post, the app that
// created it included, which is a member), and adding apps.
func TestPermissions_postReplyAndManageApps(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "SPACE", "displayName": "News", "predefinedPermissionSettings": "ANNOUNCEMENT_SPACE"},
		"memberships": members("users/bob@example.com"),
	})
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "from the manager"}); status != 200 {
		t.Fatalf("manager posts: %d %v", status, out)
	}
	if status, out := api(t, srv, bob, "POST", "/v1/"+space+"/messages", map[string]any{"text": "from a member"}); status != 403 || !strings.Contains(out["error"].(map[string]any)["message"].(string), "post_messages") {
		t.Errorf("member posts in an announcement space: %d %v, want 403 naming post_messages", status, out)
	}
	// Only managers may add apps there.
	if status, _ := api(t, srv, bob, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 403 {
		t.Errorf("member adds the app: %d, want 403", status)
	}

	// The app creates an announcement space: as a member of it, it may not
	// post there either.
	body := map[string]any{"spaceType": "SPACE", "displayName": "App news", "customer": "customers/my_customer",
		"predefinedPermissionSettings": "ANNOUNCEMENT_SPACE"}
	status, out := api(t, srv, app, "POST", "/v1/spaces", body)
	if status != 200 {
		t.Fatalf("app creates: %d %v", status, out)
	}
	appSpace := out["name"].(string)
	if status, _ := api(t, srv, app, "POST", "/v1/"+appSpace+"/messages", map[string]any{"text": "hi"}); status != 403 {
		t.Errorf("the app, a member, posts where only managers may: %d, want 403", status)
	}
}
