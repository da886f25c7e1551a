package resources

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// uSetting is one permission setting as a Terraform object.
func uSetting(managers, assistants, members bool) types.Object {
	return convert.SettingToObject(&chat.PermissionSetting{ManagersAllowed: managers, AssistantManagersAllowed: assistants, MembersAllowed: members})
}

// uPermissions is permission_settings with the given keys set and the others null.
func uPermissions(set map[string]types.Object) types.Object {
	values := map[string]attr.Value{}
	for _, p := range convert.Permissions {
		values[p.Key] = types.ObjectNull(convert.SettingAttrTypes)
		if v, ok := set[p.Key]; ok {
			values[p.Key] = v
		}
	}
	return types.ObjectValueMust(convert.PermissionsAttrTypes(), values)
}

// uAccess is access_settings with an audience and no access permission
// settings configured.
func uAccess(audience, state string) types.Object {
	return types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
		"audience": convert.StringOrNull(audience), "access_state": convert.StringOrNull(state),
		"access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
}

// uSpace is a created SPACE as state holds it.
func uSpace() spaceModel {
	return spaceModel{
		PredefinedPermissionSettings: types.StringNull(),
		InitialMembers:               types.SetNull(types.StringType),
		DeletionPolicy:               types.StringValue(deletionDelete),
		SpaceAttributes: convert.SpaceAttributes{
			ID: types.StringValue("spaces/S"), Name: types.StringValue("spaces/S"),
			SpaceType: types.StringValue(convert.SpaceTypeSpace), DisplayName: types.StringValue("Team"),
			Description: types.StringValue("About"), Guidelines: types.StringValue("Be kind"),
			HistoryState: types.StringValue("HISTORY_ON"), ExternalUserAllowed: types.BoolValue(false),
			SingleUserBotDm: types.BoolValue(false),
			PermissionSettings: uPermissions(map[string]types.Object{
				"manage_apps": uSetting(true, true, false), "toggle_history": uSetting(true, false, false),
			}),
			AccessSettings: uAccess("", "PRIVATE"),
			SpaceURI:       types.StringValue("https://chat/S"), CreateTime: types.StringValue("2024-01-01T00:00:00Z"),
			ThreadingState: types.StringValue("THREADED_MESSAGES"), AdminInstalled: types.BoolValue(false),
		},
	}
}

// uNoConfig is a configuration that sets neither permission nor access settings.
func uNoConfig() spaceModel {
	c := uSpace()
	c.PermissionSettings = types.ObjectNull(convert.PermissionsAttrTypes())
	c.AccessSettings = types.ObjectNull(convert.AccessAttrTypes)
	return c
}

func uMasks(patches []spacePatch) [][]string {
	out := [][]string{}
	for _, p := range patches {
		out = append(out, p.mask)
	}
	return out
}

func TestUnitSpacePatches_EachChangeAlone(t *testing.T) {
	cases := []struct {
		name   string
		change func(plan, config *spaceModel)
		want   [][]string
		check  func(t *testing.T, sent *chat.Space)
	}{
		{"nothing changed", func(*spaceModel, *spaceModel) {}, [][]string{}, nil},
		{"display name", func(p, _ *spaceModel) { p.DisplayName = types.StringValue("Renamed") }, [][]string{{"display_name"}},
			func(t *testing.T, sent *chat.Space) {
				if sent.DisplayName != "Renamed" || sent.SpaceType != "" {
					t.Errorf("sent %+v", sent)
				}
			}},
		{"description sends guidelines along", func(p, _ *spaceModel) { p.Description = types.StringValue("New") }, [][]string{{"space_details"}},
			func(t *testing.T, sent *chat.Space) {
				if sent.SpaceDetails == nil || sent.SpaceDetails.Description != "New" || sent.SpaceDetails.Guidelines != "Be kind" {
					t.Errorf("sent details %+v", sent.SpaceDetails)
				}
			}},
		{"guidelines removed", func(p, _ *spaceModel) { p.Guidelines = types.StringNull() }, [][]string{{"space_details"}},
			func(t *testing.T, sent *chat.Space) {
				if sent.SpaceDetails.Guidelines != "" || sent.SpaceDetails.Description != "About" {
					t.Errorf("sent details %+v", sent.SpaceDetails)
				}
			}},
		{"history", func(p, _ *spaceModel) { p.HistoryState = types.StringValue("HISTORY_OFF") }, [][]string{{"space_history_state"}},
			func(t *testing.T, sent *chat.Space) {
				if sent.SpaceHistoryState != "HISTORY_OFF" || sent.DisplayName != "" {
					t.Errorf("sent %+v", sent)
				}
			}},
		{"unknown history is not sent", func(p, _ *spaceModel) { p.HistoryState = types.StringUnknown() }, [][]string{}, nil},
		{"null history is not sent", func(p, _ *spaceModel) { p.HistoryState = types.StringNull() }, [][]string{}, nil},
		{"configured audience", func(p, c *spaceModel) {
			c.AccessSettings = types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
				"audience": types.StringValue("audiences/default"), "access_state": types.StringNull(), "access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
		}, [][]string{{"access_settings.audience"}},
			func(t *testing.T, sent *chat.Space) {
				if sent.AccessSettings == nil || sent.AccessSettings.Audience != "audiences/default" {
					t.Errorf("sent %+v", sent.AccessSettings)
				}
			}},
		{"audience unchanged in configuration", func(_, c *spaceModel) { c.AccessSettings = uAccess("", "") }, [][]string{}, nil},
		{"planned audience without configuration is not sent", func(p, _ *spaceModel) {
			p.AccessSettings = uAccess("audiences/default", "DISCOVERABLE")
		}, [][]string{}, nil},
		{"configured permission", func(_, c *spaceModel) {
			c.PermissionSettings = uPermissions(map[string]types.Object{"manage_apps": uSetting(true, false, false)})
		}, [][]string{{"permission_settings.manageApps"}},
			func(t *testing.T, sent *chat.Space) {
				got := sent.PermissionSettings
				if got == nil || got.ManageApps == nil || got.ManageApps.AssistantManagersAllowed || !got.ManageApps.ManagersAllowed || got.ToggleHistory != nil {
					t.Errorf("sent %+v", got)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			state, plan, config := uSpace(), uSpace(), uNoConfig()
			tc.change(&plan, &config)
			patches := spacePatches(plan, state, config)
			if got := uMasks(patches); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("masks = %v, want %v", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, patches[0].space)
			}
		})
	}
}

func TestUnitSpacePatches_SeparateRequestsForHistoryAudienceAndPermissions(t *testing.T) {
	state, plan, config := uSpace(), uSpace(), uNoConfig()
	plan.DisplayName = types.StringValue("Renamed")
	plan.Guidelines = types.StringValue("New rules")
	plan.HistoryState = types.StringValue("HISTORY_OFF")
	config.AccessSettings = uAccess("audiences/default", "")
	config.PermissionSettings = uPermissions(map[string]types.Object{
		"toggle_history": uSetting(true, true, true), "manage_apps": uSetting(true, true, false), // manage_apps unchanged
		"reply_messages": uSetting(true, true, false),
	})
	want := [][]string{
		{"display_name", "space_details"},
		{"space_history_state"},
		{"access_settings.audience"},
		{"permission_settings.toggleHistory", "permission_settings.replyMessages"},
	}
	patches := spacePatches(plan, state, config)
	if got := uMasks(patches); !reflect.DeepEqual(got, want) {
		t.Fatalf("masks = %v, want %v", got, want)
	}
	for i, p := range patches[1:] {
		if p.space.DisplayName != "" || p.space.SpaceDetails != nil {
			t.Errorf("patch %d carries details: %+v", i+1, p.space)
		}
	}
	if patches[3].space.PermissionSettings.ManageApps != nil {
		t.Error("an unchanged permission is sent")
	}
}

func TestUnitSpacePatches_GroupChatPromotionSendsTypeWithDisplayName(t *testing.T) {
	state := uSpace()
	state.SpaceType = types.StringValue(convert.SpaceTypeGroupChat)
	state.DisplayName = types.StringNull()
	state.PermissionSettings = types.ObjectNull(convert.PermissionsAttrTypes())
	plan := state
	plan.SpaceType = types.StringValue(convert.SpaceTypeSpace)
	plan.DisplayName = types.StringValue("Promoted")

	patches := spacePatches(plan, state, uNoConfig())
	if len(patches) != 1 || !slices.Equal(patches[0].mask, []string{"space_type", "display_name"}) {
		t.Fatalf("patches = %v", uMasks(patches))
	}
	if sent := patches[0].space; sent.SpaceType != convert.SpaceTypeSpace || sent.DisplayName != "Promoted" {
		t.Errorf("sent %+v", sent)
	}
}

func TestUnitSpacePatches_TypeChangeAlwaysCarriesDisplayName(t *testing.T) {
	// Even with the display name unchanged, space_type needs display_name in its mask.
	state := uSpace()
	state.SpaceType = types.StringValue(convert.SpaceTypeGroupChat)
	plan := state
	plan.SpaceType = types.StringValue(convert.SpaceTypeSpace)
	patches := spacePatches(plan, state, uNoConfig())
	if len(patches) != 1 || !slices.Equal(patches[0].mask, []string{"space_type", "display_name"}) || patches[0].space.DisplayName != "Team" {
		t.Fatalf("patches = %v %+v", uMasks(patches), patches)
	}
}

func TestUnitPermissionChanges(t *testing.T) {
	current := uSpace().PermissionSettings
	partlyUnknown := types.ObjectValueMust(convert.SettingAttrTypes, map[string]attr.Value{
		"managers_allowed": types.BoolValue(true), "assistant_managers_allowed": types.BoolUnknown(), "members_allowed": types.BoolValue(true),
	})
	cases := []struct {
		name     string
		config   types.Object
		current  types.Object
		wantMask []string
	}{
		{"null configuration", types.ObjectNull(convert.PermissionsAttrTypes()), current, nil},
		{"unknown configuration", types.ObjectUnknown(convert.PermissionsAttrTypes()), current, nil},
		{"configured and equal", uPermissions(map[string]types.Object{"manage_apps": uSetting(true, true, false)}), current, nil},
		{"configured and changed", uPermissions(map[string]types.Object{
			"manage_apps": uSetting(true, true, true), "toggle_history": uSetting(true, false, false),
		}), current, []string{"permission_settings.manageApps"}},
		{"configured, nothing current", uPermissions(map[string]types.Object{
			"manage_apps": uSetting(true, true, false), "use_at_mention_all": uSetting(false, false, false),
		}), types.ObjectNull(convert.PermissionsAttrTypes()), []string{"permission_settings.useAtMentionAll", "permission_settings.manageApps"}},
		{"configured, current unknown", uPermissions(map[string]types.Object{"manage_webhooks": uSetting(true, false, false)}),
			types.ObjectUnknown(convert.PermissionsAttrTypes()), []string{"permission_settings.manageWebhooks"}},
		{"partly unknown setting is skipped", uPermissions(map[string]types.Object{"manage_apps": partlyUnknown}), current, nil},
		{"output-only settings are never sent", uPermissions(map[string]types.Object{
			"post_messages": uSetting(false, false, false), "view_space_membership": uSetting(false, false, false),
		}), current, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			patch, mask := permissionChanges(tc.config, tc.current)
			slices.Sort(mask)
			want := slices.Clone(tc.wantMask)
			slices.Sort(want)
			if !slices.Equal(mask, want) {
				t.Fatalf("mask = %v, want %v", mask, want)
			}
			for _, p := range convert.Permissions {
				sent := patch != nil && p.Get(patch) != nil
				if sent != slices.Contains(want, p.MaskPath) && p.MaskPath != "" {
					t.Errorf("%s sent = %v, but mask %v", p.Key, sent, mask)
				}
				if p.ComputedOnly && sent {
					t.Errorf("output-only %s sent", p.Key)
				}
			}
		})
	}
	t.Run("sends all three roles even when false", func(t *testing.T) {
		patch, _ := permissionChanges(uPermissions(map[string]types.Object{"manage_apps": uSetting(false, false, false)}), current)
		if got := patch.ManageApps.ForceSendFields; len(got) != 3 {
			t.Errorf("ForceSendFields = %v: false values would be dropped from the JSON", got)
		}
	})
}

func TestUnitSpaceToAPI(t *testing.T) {
	plan := uSpace()
	plan.PredefinedPermissionSettings = types.StringValue("ANNOUNCEMENT_SPACE")
	plan.AccessSettings = types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
		"audience": types.StringValue("audiences/default"), "access_state": types.StringUnknown(), "access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
	got := spaceToAPI(plan)
	want := &chat.Space{
		SpaceType: "SPACE", DisplayName: "Team", SpaceHistoryState: "HISTORY_ON", PredefinedPermissionSettings: "ANNOUNCEMENT_SPACE",
		SpaceDetails:   &chat.SpaceDetails{Description: "About", Guidelines: "Be kind"},
		AccessSettings: &chat.AccessSettings{Audience: "audiences/default"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spaceToAPI = %+v, want %+v", got, want)
	}

	t.Run("no details, no audience", func(t *testing.T) {
		plan := uSpace()
		plan.Description, plan.Guidelines = types.StringNull(), types.StringNull()
		plan.AccessSettings = types.ObjectUnknown(convert.AccessAttrTypes)
		got := spaceToAPI(plan)
		if got.SpaceDetails != nil || got.AccessSettings != nil {
			t.Errorf("spaceToAPI = %+v", got)
		}
	})
}

func TestUnitSpaceFromAPI_KeepsInputsAndDefaultsDeletionPolicy(t *testing.T) {
	prior := uSpace()
	prior.DeletionPolicy = types.StringUnknown()
	prior.PredefinedPermissionSettings = types.StringValue("COLLABORATION_SPACE")
	prior.InitialMembers = convert.StringSet([]string{"users/bob@example.com"})
	got := spaceFromAPI(&chat.Space{Name: "spaces/N", SpaceType: "SPACE", DisplayName: "Other", SpaceUri: "u"}, prior)
	if got.DeletionPolicy.ValueString() != deletionDelete {
		t.Errorf("deletion_policy = %v", got.DeletionPolicy)
	}
	if !got.PredefinedPermissionSettings.Equal(prior.PredefinedPermissionSettings) || !got.InitialMembers.Equal(prior.InitialMembers) {
		t.Errorf("input-only attributes changed: %v %v", got.PredefinedPermissionSettings, got.InitialMembers)
	}
	if got.Name.ValueString() != "spaces/N" || got.ID.ValueString() != "spaces/N" || got.DisplayName.ValueString() != "Other" {
		t.Errorf("mapped %v %v %v", got.Name, got.ID, got.DisplayName)
	}
	if !got.PermissionSettings.Equal(prior.PermissionSettings) {
		t.Error("permission settings the API left out were dropped")
	}

	prior.DeletionPolicy = types.StringValue(deletionAbandon)
	if got := spaceFromAPI(&chat.Space{Name: "spaces/N"}, prior); got.DeletionPolicy.ValueString() != deletionAbandon {
		t.Errorf("deletion_policy = %v, want the prior ABANDON", got.DeletionPolicy)
	}
}

func TestUnitInitialMemberships(t *testing.T) {
	members, diags := initialMemberships(context.Background(), convert.StringSet([]string{"groups/eng", "users/bob@example.com"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	var users, groups []string
	for _, m := range members {
		switch {
		case m.GroupMember != nil:
			groups = append(groups, m.GroupMember.Name)
		case m.Member != nil && m.Member.Type == "HUMAN":
			users = append(users, m.Member.Name)
		default:
			t.Errorf("unexpected membership %+v", m)
		}
	}
	if !slices.Equal(users, []string{"users/bob@example.com"}) || !slices.Equal(groups, []string{"groups/eng"}) {
		t.Errorf("users %v groups %v", users, groups)
	}
	if none, _ := initialMemberships(context.Background(), types.SetNull(types.StringType)); len(none) != 0 {
		t.Errorf("null set gave %v", none)
	}
}

func TestUnitAudienceOf(t *testing.T) {
	if !audienceOf(types.ObjectNull(convert.AccessAttrTypes)).IsNull() || !audienceOf(types.ObjectUnknown(convert.AccessAttrTypes)).IsNull() {
		t.Error("null or unknown access settings have an audience")
	}
	if got := audienceOf(uAccess("audiences/x", "DISCOVERABLE")); got.ValueString() != "audiences/x" {
		t.Errorf("audience = %v", got)
	}
}

// withPrior is uSpace changed by change.
func withPrior(change func(*spaceModel)) spaceModel {
	m := uSpace()
	change(&m)
	return m
}

// A spaces.list entry answers a refresh only when it carries every part of
// the space the state records; anything less is read with spaces.get.
func TestListEntryCarries(t *testing.T) {
	full := func() *chat.Space {
		return &chat.Space{Name: "spaces/S", SpaceType: "SPACE", DisplayName: "Team", MembershipCount: &chat.MembershipCount{JoinedDirectHumanUserCount: 2},
			SpaceDetails: &chat.SpaceDetails{Description: "About", Guidelines: "Be kind"}, SpaceHistoryState: "HISTORY_ON",
			PermissionSettings: &chat.PermissionSettings{}, AccessSettings: &chat.AccessSettings{AccessState: "PRIVATE"},
			SpaceUri: "https://chat/S", CreateTime: "2024-01-01T00:00:00Z", SpaceThreadingState: "THREADED_MESSAGES"}
	}
	cases := []struct {
		name  string
		entry func(*chat.Space)
		prior spaceModel
		want  bool
	}{
		{"everything", func(*chat.Space) {}, uSpace(), true},
		{"no permission settings", func(s *chat.Space) { s.SpaceType, s.PermissionSettings = "GROUP_CHAT", nil }, uSpace(), false},
		{"a named space without settings, none recorded", func(s *chat.Space) { s.PermissionSettings, s.AccessSettings = nil, nil }, uNoConfig(), false},
		{"a group chat without settings, none recorded", func(s *chat.Space) {
			s.SpaceType, s.PermissionSettings, s.AccessSettings = "GROUP_CHAT", nil, nil
		}, uNoConfig(), true},
		{"an import", func(*chat.Space) {}, spaceModel{SpaceAttributes: convert.SpaceAttributes{Name: types.StringValue("spaces/S"),
			SpaceType: types.StringNull(), PermissionSettings: types.ObjectNull(convert.PermissionsAttrTypes()),
			AccessSettings: types.ObjectNull(convert.AccessAttrTypes)}}, false},
		{"no access settings", func(s *chat.Space) { s.SpaceType, s.AccessSettings = "GROUP_CHAT", nil }, uSpace(), false},
		{"a named space's entry without settings", func(s *chat.Space) { s.PermissionSettings = nil }, uNoConfig(), false},
		{"no details", func(s *chat.Space) { s.SpaceDetails = nil }, uSpace(), false},
		{"no guidelines", func(s *chat.Space) { s.SpaceDetails.Guidelines = "" }, uSpace(), false},
		{"no description", func(s *chat.Space) { s.SpaceDetails.Description = "" }, uSpace(), false},
		{"no membership count", func(s *chat.Space) { s.MembershipCount = nil }, uSpace(), false},
		{"external users left out", func(*chat.Space) {}, withPrior(func(m *spaceModel) { m.ExternalUserAllowed = types.BoolValue(true) }), false},
		{"external users", func(s *chat.Space) { s.ExternalUserAllowed = true }, withPrior(func(m *spaceModel) { m.ExternalUserAllowed = types.BoolValue(true) }), true},
		{"bot DM left out", func(*chat.Space) {}, withPrior(func(m *spaceModel) { m.SingleUserBotDm = types.BoolValue(true) }), false},
		{"admin installed left out", func(*chat.Space) {}, withPrior(func(m *spaceModel) { m.AdminInstalled = types.BoolValue(true) }), false},
		{"no last active time", func(*chat.Space) {}, withPrior(func(m *spaceModel) { m.LastActiveTime = types.StringValue("2024-02-01T00:00:00Z") }), false},
		{"no display name", func(s *chat.Space) { s.DisplayName = "" }, uSpace(), false},
		{"no history state", func(s *chat.Space) { s.SpaceHistoryState = "" }, uSpace(), false},
		{"no URI", func(s *chat.Space) { s.SpaceUri = "" }, uSpace(), false},
		{"no create time", func(s *chat.Space) { s.CreateTime = "" }, uSpace(), false},
		{"no threading state", func(s *chat.Space) { s.SpaceThreadingState = "" }, uSpace(), false},
		{"import mode", func(s *chat.Space) { s.ImportMode = true }, uSpace(), false},
	}
	for _, tc := range cases {
		entry := full()
		tc.entry(entry)
		if got := spaceEntryCarries(entry, tc.prior); got != tc.want {
			t.Errorf("%s: spaceEntryCarries = %v, want %v", tc.name, got, tc.want)
		}
	}
}
