package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// ModifyPlan makes no API call for spaces and messages: a client that only
// knows its auth mode is enough.
var (
	uAppOnly  = &chatapi.Client{Config: chatapi.Config{AuthMode: chatapi.AuthModeApp}}
	uUserOnly = &chatapi.Client{Config: chatapi.Config{AuthMode: chatapi.AuthModeUser}}
)

// uSpaceIn is uSpace() as a model of h's schema (timeouts included).
func uSpaceIn(h *uHarness) spaceModel {
	var m spaceModel
	h.null(&m)
	timeouts := m.Timeouts
	m = uSpace()
	m.Timeouts = timeouts
	return m
}

// uSpaceConfigIn is the configuration of uSpaceIn: computed values null.
func uSpaceConfigIn(h *uHarness) spaceModel {
	m := uSpaceIn(h)
	m.ID, m.Name, m.SpaceURI, m.CreateTime, m.ThreadingState = types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
	m.ExternalUserAllowed, m.SingleUserBotDm, m.AdminInstalled = types.BoolNull(), types.BoolNull(), types.BoolNull()
	m.PermissionSettings = types.ObjectNull(convert.PermissionsAttrTypes())
	m.AccessSettings = types.ObjectNull(convert.AccessAttrTypes)
	m.DeletionPolicy = types.StringNull()
	return m
}

func TestUnitSpaceModifyPlan_AppCredentialRules(t *testing.T) {
	cases := []struct {
		name      string
		edit      func(c *spaceModel)
		attribute path.Path
		phrase    string
	}{
		{"group chat", uGroupChatByID, path.Root("space_type"), "Creating a GROUP_CHAT needs user credentials"},
		{"direct message", func(c *spaceModel) {
			uDM(c)
			c.InitialMembers = convert.StringSet([]string{"users/101"})
		}, path.Root("space_type"), "Creating a DIRECT_MESSAGE needs user credentials"},
		{"group in initial members", func(c *spaceModel) {
			c.InitialMembers = convert.StringSet([]string{"users/101", "groups/eng"})
		}, path.Root("initial_members"), "groups/eng: Chat apps can't add Google groups"},
		{"email in initial members", func(c *spaceModel) {
			c.InitialMembers = convert.StringSet([]string{"users/101", "users/bob@example.com"})
		}, path.Root("initial_members"), "users/bob@example.com: the Chat API accepts an email as users/{email} only with user credentials"},
		{"audience", func(c *spaceModel) {
			c.AccessSettings = uAccess("audiences/default", "")
		}, path.Root("access_settings").AtName("audience"), "requires user authentication"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newUHarness(t, NewSpace(), uAppOnly)
			config := uSpaceConfigIn(app)
			tc.edit(&config)
			if config.SpaceType.ValueString() != convert.SpaceTypeSpace {
				config.DisplayName, config.Description, config.Guidelines = types.StringNull(), types.StringNull(), types.StringNull()
			}
			res := app.modifyPlan(&config, nil, nil)
			uWantError(t, res.diags, &tc.attribute, tc.phrase)
			if res.diags.ErrorsCount() != 1 {
				t.Errorf("want one error, got %v", res.diags)
			}

			user := newUHarness(t, NewSpace(), uUserOnly)
			uNoErrors(t, "ModifyPlan with user credentials", user.modifyPlan(&config, nil, nil).diags)
		})
	}
}

func uGroupChatByID(c *spaceModel) {
	c.SpaceType = types.StringValue(convert.SpaceTypeGroupChat)
	c.InitialMembers = convert.StringSet([]string{"users/101", "users/102"})
}

func TestUnitSpaceModifyPlan_AppCannotChangeAudience(t *testing.T) {
	for _, creds := range []*chatapi.Client{uAppOnly, uUserOnly} {
		h := newUHarness(t, NewSpace(), creds)
		state := uSpaceIn(h)
		config := uSpaceConfigIn(h)
		config.AccessSettings = uAccess("audiences/default", "")
		plan := state
		plan.AccessSettings = types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
			"audience": types.StringValue("audiences/default"), "access_state": types.StringUnknown(), "access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
		res := h.modifyPlan(&config, &plan, &state)
		if creds == uUserOnly {
			uNoErrors(t, "user changes the audience", res.diags)
			continue
		}
		at := path.Root("access_settings").AtName("audience")
		uWantError(t, res.diags, &at, "does not let apps change access_settings.audience")

		// The same audience as in state is no change.
		config.AccessSettings = uAccess("", "")
		uNoErrors(t, "unchanged audience", h.modifyPlan(&config, &state, &state).diags)
	}
}

func TestUnitSpaceModifyPlan_InitialMembersOfNamedSpaceOnlyRecorded(t *testing.T) {
	h := newUHarness(t, NewSpace(), uUserOnly)
	state := uSpaceIn(h)
	state.InitialMembers = convert.StringSet([]string{"users/bob@example.com"})
	plan := state
	plan.InitialMembers = convert.StringSet([]string{"users/carol@example.com"})
	config := uSpaceConfigIn(h)
	config.InitialMembers = plan.InitialMembers
	res := h.modifyPlan(&config, &plan, &state)
	uNoErrors(t, "ModifyPlan", res.diags)
	uWantWarning(t, res.diags, uRoot("initial_members"), "Initial Members Only Apply at Creation")

	// Unchanged: no warning.
	if res := h.modifyPlan(&config, &state, &state); res.diags.WarningsCount() != 0 {
		t.Errorf("warnings for unchanged members: %v", res.diags)
	}
}

func TestUnitSpaceModifyPlan_PromotionMakesSettingsUnknown(t *testing.T) {
	h := newUHarness(t, NewSpace(), uUserOnly)
	state := uSpaceIn(h)
	state.SpaceType, state.DisplayName = types.StringValue(convert.SpaceTypeGroupChat), types.StringNull()
	state.PermissionSettings = types.ObjectNull(convert.PermissionsAttrTypes())
	state.AccessSettings = types.ObjectNull(convert.AccessAttrTypes)
	plan := state
	plan.SpaceType, plan.DisplayName = types.StringValue(convert.SpaceTypeSpace), types.StringValue("Promoted")
	config := uSpaceConfigIn(h)
	config.SpaceType, config.DisplayName = plan.SpaceType, plan.DisplayName

	res := h.modifyPlan(&config, &plan, &state)
	uNoErrors(t, "ModifyPlan", res.diags)
	var got spaceModel
	h.decode(res.plan.Raw, &got)
	if !got.PermissionSettings.IsUnknown() || !got.AccessSettings.IsUnknown() {
		t.Errorf("permission_settings %v, access_settings %v: want unknown until apply", got.PermissionSettings, got.AccessSettings)
	}

	// Configured settings are planned as configured.
	config.PermissionSettings = uPermissions(map[string]types.Object{"manage_apps": uSetting(true, true, false)})
	plan.PermissionSettings = config.PermissionSettings
	res = h.modifyPlan(&config, &plan, &state)
	h.decode(res.plan.Raw, &got)
	if !got.PermissionSettings.Equal(config.PermissionSettings) || !got.AccessSettings.IsUnknown() {
		t.Errorf("permission_settings %v, access_settings %v", got.PermissionSettings, got.AccessSettings)
	}
}

func TestUnitSpaceModifyPlan_AccessStateFollowsUnchangedAudience(t *testing.T) {
	h := newUHarness(t, NewSpace(), uUserOnly)
	state := uSpaceIn(h)
	state.AccessSettings = uAccess("audiences/default", "DISCOVERABLE")
	plan := state
	plan.DisplayName = types.StringValue("Renamed")
	plan.AccessSettings = types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
		"audience": types.StringValue("audiences/default"), "access_state": types.StringUnknown(), "access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
	config := uSpaceConfigIn(h)
	config.DisplayName = plan.DisplayName
	config.AccessSettings = uAccess("audiences/default", "")

	res := h.modifyPlan(&config, &plan, &state)
	uNoErrors(t, "ModifyPlan", res.diags)
	var got spaceModel
	h.decode(res.plan.Raw, &got)
	if !got.AccessSettings.Equal(state.AccessSettings) {
		t.Errorf("access_settings = %v, want the state's %v", got.AccessSettings, state.AccessSettings)
	}

	// A new audience leaves access_state to the API.
	config.AccessSettings = uAccess("audiences/other", "")
	plan.AccessSettings = types.ObjectValueMust(convert.AccessAttrTypes, map[string]attr.Value{
		"audience": types.StringValue("audiences/other"), "access_state": types.StringUnknown(), "access_permission_settings": types.ObjectNull(convert.AccessPermissionAttrTypes)})
	h.decode(h.modifyPlan(&config, &plan, &state).plan.Raw, &got)
	if !got.AccessSettings.Attributes()["access_state"].IsUnknown() {
		t.Errorf("access_state = %v, want unknown", got.AccessSettings)
	}
}

func TestUnitModifyPlan_DestroyIsLeftAlone(t *testing.T) {
	for name, r := range map[string]resource.Resource{"space": NewSpace(), "message": NewMessage(), "membership": NewMembership()} {
		t.Run(name, func(t *testing.T) {
			h := newUHarness(t, r, uAppOnly)
			null := tftypes.NewValue(h.objectType(), nil)
			req := resource.ModifyPlanRequest{
				Config: tfsdk.Config{Schema: h.schema, Raw: null}, Plan: tfsdk.Plan{Schema: h.schema, Raw: null},
				State: tfsdk.State{Schema: h.schema, Raw: h.nullRaw()},
			}
			resp := resource.ModifyPlanResponse{Plan: req.Plan}
			r.(resource.ResourceWithModifyPlan).ModifyPlan(context.Background(), req, &resp)
			if len(resp.Diagnostics) != 0 || !resp.Plan.Raw.IsNull() {
				t.Errorf("destroy plan changed: %v %v", resp.Diagnostics, resp.Plan.Raw)
			}
		})
	}
}

func TestUnitMessageModifyPlan_UserCredentialsPostTextOnly(t *testing.T) {
	cases := []struct {
		name      string
		edit      func(c *messageModel)
		attribute string
	}{
		{"cards", func(c *messageModel) { c.CardsV2 = uJSON(uCard) }, "cards_v2"},
		{"widgets", func(c *messageModel) { c.AccessoryWidgets = uJSON(uWidgets) }, "accessory_widgets"},
		{"private viewer", func(c *messageModel) { c.PrivateMessageViewer = types.StringValue("users/101") }, "private_message_viewer"},
		{"force notify", func(c *messageModel) { c.NotificationType = types.StringValue("NOTIFICATION_TYPE_FORCE_NOTIFY") }, "notification_type"},
		{"silent", func(c *messageModel) { c.NotificationType = types.StringValue("NOTIFICATION_TYPE_SILENT") }, "notification_type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			user := newUHarness(t, NewMessage(), uUserOnly)
			config := uTextMessage(user, "spaces/S", "hi")
			tc.edit(&config)
			res := user.modifyPlan(&config, nil, nil)
			uWantError(t, res.diags, uRoot(tc.attribute), "App Credentials Required")
			if res.diags.ErrorsCount() != 1 {
				t.Errorf("want one error: %v", res.diags)
			}
			app := newUHarness(t, NewMessage(), uAppOnly)
			uNoErrors(t, "ModifyPlan with app credentials", app.modifyPlan(&config, nil, nil).diags)
		})
	}
	t.Run("plain text and NOTIFICATION_TYPE_NONE", func(t *testing.T) {
		user := newUHarness(t, NewMessage(), uUserOnly)
		config := uTextMessage(user, "spaces/S", "hi")
		config.NotificationType = types.StringValue("NOTIFICATION_TYPE_NONE")
		if res := user.modifyPlan(&config, nil, nil); len(res.diags) != 0 {
			t.Errorf("diagnostics: %v", res.diags)
		}
	})
}

func TestUnitMessageModifyPlan_ThreadWithoutReplyOptionWarns(t *testing.T) {
	h := newUHarness(t, NewMessage(), uAppOnly)
	cases := []struct {
		name   string
		edit   func(c *messageModel)
		update bool
		warn   bool
	}{
		{"thread key, no option", func(c *messageModel) { c.ThreadKey = types.StringValue("k") }, false, true},
		{"thread name, unspecified option", func(c *messageModel) {
			c.ThreadName, c.MessageReplyOption = types.StringValue("spaces/S/threads/T"), types.StringValue(replyUnspecified)
		}, false, true},
		{"thread key with a replying option", func(c *messageModel) {
			c.ThreadKey, c.MessageReplyOption = types.StringValue("k"), types.StringValue(replyFallbackToThread)
		}, false, false},
		{"no thread", func(*messageModel) {}, false, false},
		{"update is not warned again", func(c *messageModel) { c.ThreadKey = types.StringValue("k") }, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := uTextMessage(h, "spaces/S", "hi")
			tc.edit(&config)
			var res uModifyPlan
			if tc.update {
				state := config
				state.Name, state.ID = types.StringValue("spaces/S/messages/M"), types.StringValue("spaces/S/messages/M")
				res = h.modifyPlan(&config, &state, &state)
			} else {
				res = h.modifyPlan(&config, nil, nil)
			}
			uNoErrors(t, "ModifyPlan", res.diags)
			if !tc.warn {
				if res.diags.WarningsCount() != 0 {
					t.Errorf("unexpected warnings: %v", res.diags)
				}
				return
			}
			uWantWarning(t, res.diags, uRoot("message_reply_option"), "Thread Ignored")
		})
	}
}

func TestUnitMembershipModifyPlan_DefaultRole(t *testing.T) {
	h := newUHarness(t, NewMembership(), uUserOnly)
	cases := []struct {
		name   string
		edit   func(c *membershipModel)
		want   types.String
		wantOK bool
	}{
		{"user gets ROLE_MEMBER", func(c *membershipModel) { c.Member = types.StringValue("users/bob@example.com") }, types.StringValue(convert.RoleMember), true},
		{"group gets no role", func(c *membershipModel) { c.GroupMember = types.StringValue("groups/eng") }, types.StringValue(convert.RoleUnspecified), true},
		{"configured role kept", func(c *membershipModel) {
			c.Member, c.Role = types.StringValue("users/bob@example.com"), types.StringValue(convert.RoleManager)
		}, types.StringValue(convert.RoleManager), true},
		{"unknown member leaves the role to apply", func(c *membershipModel) { c.Member = types.StringUnknown() }, types.StringUnknown(), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var config membershipModel
			h.null(&config)
			config.Space = types.StringValue("spaces/S")
			tc.edit(&config)
			res := h.modifyPlan(&config, nil, nil)
			uNoErrors(t, "ModifyPlan", res.diags)
			var got membershipModel
			h.decode(res.plan.Raw, &got)
			if !got.Role.Equal(tc.want) {
				t.Errorf("planned role = %v, want %v", got.Role, tc.want)
			}
		})
	}
}

func TestUnitMembershipModifyPlan_AppCredentialRules(t *testing.T) {
	cases := []uEditCase[membershipModel]{
		{"group", func(c *membershipModel) { c.GroupMember = types.StringValue("groups/eng") }, "group_member", "Chat apps can't add Google groups"},
		{"the app itself", func(c *membershipModel) { c.Member = types.StringValue(convert.CallingApp) }, "member", "doesn't let an app add a Chat app"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newUHarness(t, NewMembership(), uAppOnly)
			var config membershipModel
			app.null(&config)
			config.Space = types.StringValue("spaces/S")
			tc.edit(&config)
			uWantError(t, app.modifyPlan(&config, nil, nil).diags, uRoot(tc.attribute), tc.phrase)
			user := newUHarness(t, NewMembership(), uUserOnly)
			uNoErrors(t, "ModifyPlan with user credentials", user.modifyPlan(&config, nil, nil).diags)
		})
	}
	t.Run("a user member is fine", func(t *testing.T) {
		app := newUHarness(t, NewMembership(), uAppOnly)
		config := uMemberConfig(app, "spaces/S", "users/101", "")
		uNoErrors(t, "ModifyPlan", app.modifyPlan(&config, nil, nil).diags)
	})
	t.Run("an email needs user credentials", func(t *testing.T) {
		app := newUHarness(t, NewMembership(), uAppOnly)
		config := uMemberConfig(app, "spaces/S", "users/bob@example.com", "")
		uWantError(t, app.modifyPlan(&config, nil, nil).diags, uRoot("member"), "Email Needs User Credentials")
	})
}

func TestUnitMessageModifyPlan_AppViewerMayBeAnEmail(t *testing.T) {
	h := newUHarness(t, NewMessage(), uAppOnly)
	config := uTextMessage(h, "spaces/S", "hi")
	config.PrivateMessageViewer = types.StringValue("users/bob@example.com")
	uNoErrors(t, "ModifyPlan of a viewer by email", h.modifyPlan(&config, nil, nil).diags)

	// An existing message keeps its recorded viewer: nothing is sent.
	state := config
	state.Name = types.StringValue("spaces/S/messages/M")
	uNoErrors(t, "ModifyPlan of an unchanged viewer", h.modifyPlan(&config, &state, &state).diags)
}

func TestUnitSpaceMembersModifyPlan_AppCredentialsNeedIDsForNewMembers(t *testing.T) {
	app := newUHarness(t, NewSpaceMembers(), uAppOnly)
	config := uMembersConfig(app, "spaces/S", []string{"users/101", "users/carol@example.com"}, []string{"users/bob@example.com"}, nil)
	res := app.modifyPlan(&config, nil, nil)
	uWantError(t, res.diags, uRoot("members"), "users/carol@example.com")
	uWantError(t, res.diags, uRoot("managers"), "users/bob@example.com")
	if n := res.diags.ErrorsCount(); n != 2 {
		t.Errorf("%d errors, want 2: %v", n, res.diags)
	}

	// Emails already in state were resolved when they were added.
	state := config
	state.ID = types.StringValue("spaces/S")
	uNoErrors(t, "ModifyPlan of recorded emails", app.modifyPlan(&config, &state, &state).diags)

	for name, client := range map[string]*chatapi.Client{"user credentials": uUserOnly, "unconfigured provider": nil} {
		h := newUHarness(t, NewSpaceMembers(), client)
		uNoErrors(t, name, h.modifyPlan(&config, nil, nil).diags)
	}
}

// create_time is output only outside import mode, but a configuration may
// repeat the recorded instant (generated by terraform plan
// -generate-config-out), however spelled; another instant is refused.
func TestUnitSpaceModifyPlan_CreateTimeOutsideImportMode(t *testing.T) {
	h := newUHarness(t, NewSpace(), uUserOnly)
	state := uSpaceIn(h)
	plan := state
	config := uSpaceConfigIn(h)
	config.CreateTime = types.StringValue("2024-01-01T01:00:00+01:00") // state: 2024-01-01T00:00:00Z
	plan.CreateTime = config.CreateTime
	uNoErrors(t, "the recorded instant", h.modifyPlan(&config, &plan, &state).diags)

	config.CreateTime = types.StringValue("2023-01-01T00:00:00Z")
	plan.CreateTime = config.CreateTime
	uWantError(t, h.modifyPlan(&config, &plan, &state).diags, uRoot("create_time"), "create_time can be set only with import_mode")
}
