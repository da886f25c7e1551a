package emulator

import (
	"testing"
)

// spaces.patch of access_settings.access_permission_settings: one setting
// per path, audiences only, join within discover, the membership view with
// permission_settings.view_space_membership, and managers only.
func TestAccessPermissionSettings_rules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "SPACE", "displayName": "Open house"},
		"memberships": members("users/bob@example.com"),
	})
	audience := func(names ...string) map[string]any {
		var principals []any
		for _, n := range names {
			principals = append(principals, map[string]any{"audience": map[string]any{"name": n}})
		}
		return map[string]any{"principals": principals}
	}
	patch := func(token, mask string, settings map[string]any, permissions map[string]any) (int, map[string]any) {
		body := map[string]any{"accessSettings": map[string]any{"accessPermissionSettings": settings}}
		if permissions != nil {
			body["permissionSettings"] = permissions
		}
		return api(t, srv, token, "PATCH", "/v1/"+space+"?updateMask="+mask, body)
	}
	const prefix = "access_settings.access_permission_settings."
	cases := []struct {
		name        string
		token, mask string
		settings    map[string]any
		permissions map[string]any
		status      int
	}{
		{"discover only", alice, prefix + "discoverSpaceSetting", map[string]any{"discoverSpaceSetting": audience("audiences/default"),
			"joinSpaceSetting": audience("audiences/ignored")}, nil, 200},
		{"join within discover", alice, prefix + "joinSpaceSetting", map[string]any{"joinSpaceSetting": audience("audiences/default")}, nil, 200},
		{"join outside discover", alice, prefix + "joinSpaceSetting", map[string]any{"joinSpaceSetting": audience("audiences/eng")}, nil, 400},
		{"not an audience", alice, prefix + "discoverSpaceSetting", map[string]any{"discoverSpaceSetting": map[string]any{
			"principals": []any{map[string]any{}}}}, nil, 400},
		{"view without its permission setting", alice, prefix + "viewSpaceMembershipSetting",
			map[string]any{"viewSpaceMembershipSetting": audience("audiences/default")}, nil, 400},
		{"the permission without its access setting", alice, "permission_settings.viewSpaceMembership", map[string]any{},
			map[string]any{"viewSpaceMembership": map[string]any{"managersAllowed": true, "membersAllowed": true}}, 400},
		{"view with members not allowed", alice, prefix + "viewSpaceMembershipSetting,permission_settings.viewSpaceMembership",
			map[string]any{"viewSpaceMembershipSetting": audience("audiences/default")},
			map[string]any{"viewSpaceMembership": map[string]any{"managersAllowed": true}}, 400},
		{"view with members allowed", alice, prefix + "viewSpaceMembershipSetting,permission_settings.viewSpaceMembership",
			map[string]any{"viewSpaceMembershipSetting": audience("audiences/default")},
			map[string]any{"viewSpaceMembership": map[string]any{"managersAllowed": true, "membersAllowed": true}}, 200},
		{"with another kind of mask", alice, prefix + "discoverSpaceSetting,display_name", map[string]any{}, nil, 400},
		{"a member", bob, prefix + "discoverSpaceSetting", map[string]any{"discoverSpaceSetting": audience()}, nil, 403},
	}
	for _, tc := range cases {
		if status, out := patch(tc.token, tc.mask, tc.settings, tc.permissions); status != tc.status {
			t.Errorf("%s: %d %v, want %d", tc.name, status, out, tc.status)
		}
	}
	_, got := api(t, srv, alice, "GET", "/v1/"+space, nil)
	access := got["accessSettings"].(map[string]any)
	settings := access["accessPermissionSettings"].(map[string]any)
	if access["accessState"] != "DISCOVERABLE" || settings["discoverSpaceSetting"] == nil || settings["joinSpaceSetting"] == nil {
		t.Errorf("after the patches: %v", access)
	}
	// Removing the discover audience: join still names it, so it is refused.
	if status, _ := patch(alice, prefix+"discoverSpaceSetting", map[string]any{"discoverSpaceSetting": audience()}, nil); status != 400 {
		t.Errorf("discover removed under join: %d, want 400", status)
	}
	if status, out := patch(alice, prefix+"discoverSpaceSetting,"+prefix+"joinSpaceSetting",
		map[string]any{"discoverSpaceSetting": audience(), "joinSpaceSetting": audience()}, nil); status != 200 ||
		out["accessSettings"].(map[string]any)["accessState"] != "PRIVATE" {
		t.Errorf("both removed: %d %v, want 200 and PRIVATE", status, out)
	}
}
