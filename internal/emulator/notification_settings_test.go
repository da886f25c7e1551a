package emulator

import (
	"context"
	"testing"

	chat "google.golang.org/api/chat/v1"
)

// The space notification setting through the Go client: defaults, patch by
// mask, the caller's own only, members only, user credentials with
// chat.users.spacesettings only.
func TestSpaceNotificationSetting_rules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	ctx := context.Background()
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Quiet"},
		"memberships": members("users/bob@example.com")})
	dm := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"},
		"memberships": members("users/carol@example.com")})
	id := space[len("spaces/"):]
	settings := chatClient(t, srv, alice).Users.Spaces.SpaceNotificationSetting
	me := "users/me/" + space + "/spaceNotificationSetting"
	canonical := "users/100000000000000000001/" + space + "/spaceNotificationSetting"

	got, err := settings.Get(me).Context(ctx).Do()
	if err != nil || got.Name != canonical || got.NotificationSetting != "ALL" || got.MuteSetting != "UNMUTED" {
		t.Fatalf("defaults: %+v %v", got, err)
	}
	// Only the masked field changes; the answer carries both.
	got, err = settings.Patch(me, &chat.SpaceNotificationSetting{NotificationSetting: "FOR_YOU", MuteSetting: "MUTED"}).
		UpdateMask("notification_setting").Context(ctx).Do()
	if err != nil || got.NotificationSetting != "FOR_YOU" || got.MuteSetting != "UNMUTED" || got.Name != canonical {
		t.Fatalf("patch notification_setting: %+v %v", got, err)
	}
	// The reference page's camelCase paths work too; the caller's email names them.
	got, err = settings.Patch("users/alice@example.com/"+space+"/spaceNotificationSetting", &chat.SpaceNotificationSetting{MuteSetting: "MUTED"}).
		UpdateMask("muteSetting").Context(ctx).Do()
	if err != nil || got.NotificationSetting != "FOR_YOU" || got.MuteSetting != "MUTED" {
		t.Fatalf("patch muteSetting: %+v %v", got, err)
	}
	if got, err := settings.Get(canonical).Context(ctx).Do(); err != nil || got.MuteSetting != "MUTED" || got.NotificationSetting != "FOR_YOU" {
		t.Fatalf("get by ID after patch: %+v %v", got, err)
	}
	// Bob's is his own, still the defaults.
	if got, err := chatClient(t, srv, bob).Users.Spaces.SpaceNotificationSetting.Get(me).Context(ctx).Do(); err != nil || got.MuteSetting != "UNMUTED" {
		t.Fatalf("bob's: %+v %v", got, err)
	}

	patch := func(token, name, mask string, in *chat.SpaceNotificationSetting) int {
		_, err := chatClient(t, srv, token).Users.Spaces.SpaceNotificationSetting.Patch(name, in).UpdateMask(mask).Context(ctx).Do()
		return code(err)
	}
	get := func(token, name string) int {
		_, err := chatClient(t, srv, token).Users.Spaces.SpaceNotificationSetting.Get(name).Context(ctx).Do()
		return code(err)
	}
	off := &chat.SpaceNotificationSetting{NotificationSetting: "OFF"}
	for _, tc := range []struct {
		what   string
		status int
		got    int
	}{
		{"no mask", 400, patch(alice, me, "", off)},
		{"an unknown mask path", 400, patch(alice, me, "name", off)},
		{"an unknown value", 400, patch(alice, me, "notification_setting", &chat.SpaceNotificationSetting{NotificationSetting: "SOMETIMES"})},
		{"the reserved value", 400, patch(alice, me, "notification_setting", &chat.SpaceNotificationSetting{NotificationSetting: "NOTIFICATION_SETTING_UNSPECIFIED"})},
		{"a masked field left empty", 400, patch(alice, me, "mute_setting", off)},
		{"a bad mute value", 400, patch(alice, me, "mute_setting", &chat.SpaceNotificationSetting{MuteSetting: "QUIET"})},
		{"FOR_YOU in a DM", 400, patch(alice, "users/me/"+dm+"/spaceNotificationSetting", "notification_setting", &chat.SpaceNotificationSetting{NotificationSetting: "FOR_YOU"})},
		{"MAIN_CONVERSATIONS in a DM", 400, patch(alice, "users/me/"+dm+"/spaceNotificationSetting", "notification_setting", &chat.SpaceNotificationSetting{NotificationSetting: "MAIN_CONVERSATIONS"})},
		{"OFF in a DM", 200, patch(alice, "users/me/"+dm+"/spaceNotificationSetting", "notification_setting", off)},
		{"another user's by email", 403, get(alice, "users/bob@example.com/"+space+"/spaceNotificationSetting")},
		{"another user's by ID", 403, patch(alice, "users/100000000000000000002/"+space+"/spaceNotificationSetting", "notification_setting", off)},
		{"an unknown user's", 403, get(alice, "users/nobody@example.com/"+space+"/spaceNotificationSetting")},
		{"an app", 403, get(app, me)},
		{"a non-member", 404, get(carol, me)},
		{"a non-member patches", 404, patch(carol, me, "notification_setting", off)},
		{"an unknown space", 404, get(alice, "users/me/spaces/AAAAAAAAAAA/spaceNotificationSetting")},
	} {
		if tc.got != tc.status {
			t.Errorf("%s: %d, want %d", tc.what, tc.got, tc.status)
		}
	}
	if got, _ := settings.Get(me).Context(ctx).Do(); got.NotificationSetting != "FOR_YOU" || got.MuteSetting != "MUTED" {
		t.Errorf("refused patches changed the setting: %+v", got)
	}

	// chat.users.spacesettings is the one scope: the provider's defaults lack it.
	defaults := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com"), "")
	if status := get(defaults, me); status != 403 {
		t.Errorf("get without chat.users.spacesettings: %d, want 403", status)
	}
	withScope := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.users.spacesettings"), "")
	if status := patch(withScope, me, "mute_setting", &chat.SpaceNotificationSetting{MuteSetting: "UNMUTED"}); status != 200 {
		t.Errorf("patch with chat.users.spacesettings: %d, want 200", status)
	}

	// A deleted space has no setting.
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+space, nil); status != 200 {
		t.Fatalf("delete space: %d %v", status, out)
	}
	if status := get(alice, "users/me/spaces/"+id+"/spaceNotificationSetting"); status != 404 {
		t.Errorf("setting of a deleted space: %d, want 404", status)
	}
}
