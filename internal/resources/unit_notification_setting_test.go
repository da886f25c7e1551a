package resources

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

const settingPatchRPC = "chat.users.spaces.spaceNotificationSetting.patch"

// uSettingFixture is a space alice set up and a harness for her setting in
// it; config names the space and sets nothing yet.
func uSettingFixture(t *testing.T) (env *uEnv, h *uHarness, space string, config notificationSettingModel) {
	t.Helper()
	env, space, h = uUserFixture(t, NewSpaceNotificationSetting(), "Quiet", "users/bob@example.com")
	h.null(&config)
	config.Space = types.StringValue(space)
	return env, h, space, config
}

// uNotificationSetting is alice's setting in space, as the API answers it.
func uNotificationSetting(t *testing.T, env *uEnv, space string) *chat.SpaceNotificationSetting {
	t.Helper()
	got, err := env.user.GetSpaceNotificationSetting(context.Background(), notificationSettingName(space))
	uMust(t, err)
	return got
}

// Create patches only what the configuration sets; an update only what
// changed; a change of deletion_policy alone calls nothing; destroy resets
// both values.
func TestUnitSpaceNotificationSetting_CreateUpdateDelete(t *testing.T) {
	env, h, space, config := uSettingFixture(t)
	config.MuteSetting = types.StringValue("MUTED")
	created := h.mustCreate(&config)
	got := uModel[notificationSettingModel](created)
	name := "users/me/" + space + "/spaceNotificationSetting"
	if got.Name.ValueString() != name || got.ID.ValueString() != name || got.MuteSetting.ValueString() != "MUTED" ||
		got.NotificationSetting.ValueString() != "ALL" || got.DeletionPolicy.ValueString() != "RESET" {
		t.Errorf("created %+v", got)
	}
	if id := created.identityOf("name"); id != name {
		t.Errorf("identity %q, want %q", id, name)
	}
	uWantNoDrift(t, h, created)

	plan := got
	plan.NotificationSetting = types.StringValue("FOR_YOU")
	updated := h.mustUpdate(created, &plan, &plan)
	if s := uNotificationSetting(t, env, space); s.NotificationSetting != "FOR_YOU" || s.MuteSetting != "MUTED" {
		t.Errorf("after update: %+v", s)
	}
	abandon := uModel[notificationSettingModel](updated)
	abandon.DeletionPolicy = types.StringValue("ABANDON")
	h.mustUpdate(updated, &abandon, &abandon)
	uWantMasks(t, env.srv, settingPatchRPC, "mute_setting", "notification_setting")

	uNoErrors(t, "Delete", h.delete(updated))
	if s := uNotificationSetting(t, env, space); s.NotificationSetting != "ALL" || s.MuteSetting != "UNMUTED" {
		t.Errorf("after a RESET destroy: %+v", s)
	}
	uWantMasks(t, env.srv, settingPatchRPC, "mute_setting", "notification_setting", "notification_setting,mute_setting")
}

// ABANDON leaves the setting as it is.
func TestUnitSpaceNotificationSetting_AbandonLeavesIt(t *testing.T) {
	env, h, space, config := uSettingFixture(t)
	config.NotificationSetting = types.StringValue("OFF")
	config.DeletionPolicy = types.StringValue("ABANDON")
	created := h.mustCreate(&config)
	uNoErrors(t, "Delete", h.delete(created))
	if s := uNotificationSetting(t, env, space); s.NotificationSetting != "OFF" {
		t.Errorf("after an ABANDON destroy: %+v", s)
	}
	if n := uCount(env.srv, settingPatchRPC); n != 1 {
		t.Errorf("%d patches, want the create's only", n)
	}
}

// Changed outside Terraform: the refresh reports it, so the plan sets it back.
func TestUnitSpaceNotificationSetting_ReadShowsDrift(t *testing.T) {
	env, h, space, config := uSettingFixture(t)
	config.NotificationSetting = types.StringValue("OFF")
	created := h.mustCreate(&config)
	_, err := env.user.PatchSpaceNotificationSetting(context.Background(), notificationSettingName(space),
		&chat.SpaceNotificationSetting{NotificationSetting: "ALL", MuteSetting: "MUTED"}, []string{"notification_setting", "mute_setting"})
	uMust(t, err)
	read := h.read(created)
	uNoErrors(t, "Read", read.diags)
	if got := uModel[notificationSettingModel](read); got.NotificationSetting.ValueString() != "ALL" || got.MuteSetting.ValueString() != "MUTED" {
		t.Errorf("read %+v", got)
	}
}

// A space that is gone, or that the caller left, takes the setting with it:
// read removes it with a warning, and destroy is done.
func TestUnitSpaceNotificationSetting_GoneWithItsSpace(t *testing.T) {
	env, h, space, config := uSettingFixture(t)
	config.MuteSetting = types.StringValue("MUTED")
	created := h.mustCreate(&config)
	uMust(t, env.user.DeleteSpace(context.Background(), space))
	uWantReadRemoves(t, h, created, "is gone")
	uNoErrors(t, "Delete", h.delete(created))
}

// A 403 on refresh keeps the setting in state.
func TestUnitSpaceNotificationSetting_RefusedReadKeepsIt(t *testing.T) {
	env, h, _, config := uSettingFixture(t)
	config.MuteSetting = types.StringValue("MUTED")
	created := h.mustCreate(&config)
	uWantRefusedRead(t, env, h, created, "chat.users.spaces.spaceNotificationSetting.get", "Unable to Read Chat Space Notification Setting")
}

// A value the API refuses at apply (FOR_YOU in a DM) is an error on the
// attribute, with advice; a space the caller is not in, one on space.
func TestUnitSpaceNotificationSetting_RefusedPatch(t *testing.T) {
	env, h, _, config := uSettingFixture(t)
	dm, err := env.user.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "DIRECT_MESSAGE"},
		Memberships: []*chat.Membership{{Member: &chat.User{Name: "users/carol@example.com", Type: "HUMAN"}}}})
	uMust(t, err)
	config.Space = types.StringValue(dm.Name)
	config.NotificationSetting = types.StringValue("FOR_YOU")
	uWantError(t, h.create(&config).diags, uRoot("notification_setting"), "not available in 1:1 direct messages")

	config.Space = types.StringValue("spaces/AAAAAAAAAAA")
	config.NotificationSetting = types.StringValue("OFF")
	uWantError(t, h.create(&config).diags, uRoot("space"), "the caller is not a member of it")
}

// Imported by the space or by the setting's users/me name; other names are
// refused.
func TestUnitSpaceNotificationSetting_Import(t *testing.T) {
	_, h, space, _ := uSettingFixture(t)
	want := "users/me/" + space + "/spaceNotificationSetting"
	for _, id := range []string{space, want} {
		imported, read := uImportAndRead[notificationSettingModel](t, h, id)
		if imported.Name.ValueString() != want || imported.Space.ValueString() != space || imported.DeletionPolicy.ValueString() != "RESET" {
			t.Errorf("import %s: %+v", id, imported)
		}
		if read.Name.ValueString() != want || read.NotificationSetting.ValueString() != "ALL" || read.MuteSetting.ValueString() != "UNMUTED" {
			t.Errorf("read after import %s: %+v", id, read)
		}
	}
	res := h.importByIdentity(want)
	uNoErrors(t, "import by identity", res.diags)
	uWantBadImportIDs(t, h, "AAAA", "users/123/"+space+"/spaceNotificationSetting", "users/me/"+space, space+"/spaceNotificationSetting")
}

// App credentials are refused at plan, on space; user credentials plan the
// name from the space.
func TestUnitSpaceNotificationSetting_ModifyPlan(t *testing.T) {
	env := newUEnv(t)
	var config notificationSettingModel
	app := newUHarness(t, NewSpaceNotificationSetting(), env.app)
	app.null(&config)
	config.Space = types.StringValue("spaces/AAAA")
	config.MuteSetting = types.StringValue("MUTED")
	uWantError(t, app.modifyPlan(&config, nil, nil).diags, uRoot("space"), "User Credentials Required")

	user := newUHarness(t, NewSpaceNotificationSetting(), env.user)
	res := user.modifyPlan(&config, nil, nil)
	uNoErrors(t, "ModifyPlan", res.diags)
	var planned notificationSettingModel
	uNoErrors(t, "plan", res.plan.Get(context.Background(), &planned))
	if planned.Name.ValueString() != "users/me/spaces/AAAA/spaceNotificationSetting" || planned.ID != planned.Name {
		t.Errorf("planned name %v, id %v", planned.Name, planned.ID)
	}
	if !planned.NotificationSetting.IsUnknown() {
		t.Errorf("an unset notification_setting is planned %v, want unknown", planned.NotificationSetting)
	}
}

// The patch carries what the plan knows and state lacks, and nothing else.
func TestUnitSpaceNotificationSetting_Patch(t *testing.T) {
	model := func(notification, mute types.String) notificationSettingModel {
		return notificationSettingModel{NotificationSetting: notification, MuteSetting: mute}
	}
	str, unknown, null := types.StringValue, types.StringUnknown(), types.StringNull()
	state := model(str("ALL"), str("UNMUTED"))
	for _, tc := range []struct {
		name       string
		plan       notificationSettingModel
		state      *notificationSettingModel
		wantMask   []string
		wantValues chat.SpaceNotificationSetting
	}{
		{"create, mute only", model(unknown, str("MUTED")), nil, []string{"mute_setting"}, chat.SpaceNotificationSetting{MuteSetting: "MUTED"}},
		{"create, both", model(str("OFF"), str("MUTED")), nil, []string{"notification_setting", "mute_setting"},
			chat.SpaceNotificationSetting{NotificationSetting: "OFF", MuteSetting: "MUTED"}},
		{"create, null", model(null, str("UNMUTED")), nil, []string{"mute_setting"}, chat.SpaceNotificationSetting{MuteSetting: "UNMUTED"}},
		{"update, one changed", model(str("FOR_YOU"), str("UNMUTED")), &state, []string{"notification_setting"},
			chat.SpaceNotificationSetting{NotificationSetting: "FOR_YOU"}},
		{"update, nothing changed", state, &state, nil, chat.SpaceNotificationSetting{}},
	} {
		setting, mask := notificationSettingPatch(tc.plan, tc.state)
		if !slices.Equal(mask, tc.wantMask) || setting.NotificationSetting != tc.wantValues.NotificationSetting || setting.MuteSetting != tc.wantValues.MuteSetting {
			t.Errorf("%s: %s/%s %v, want %s/%s %v", tc.name, setting.NotificationSetting, setting.MuteSetting, mask,
				tc.wantValues.NotificationSetting, tc.wantValues.MuteSetting, tc.wantMask)
		}
	}
	defaults, mask := notificationSettingDefaults()
	if defaults.NotificationSetting != "ALL" || defaults.MuteSetting != "UNMUTED" || !slices.Equal(mask, []string{"notification_setting", "mute_setting"}) {
		t.Errorf("defaults %+v %v", defaults, mask)
	}
}

// Answers are read tolerantly: users/{id} for users/me keeps the name, and a
// value left out keeps the prior one.
func TestUnitSpaceNotificationSetting_FromAPI(t *testing.T) {
	prior := notificationSettingModel{Space: types.StringValue("spaces/AAAA"), NotificationSetting: types.StringValue("OFF"),
		MuteSetting: types.StringUnknown(), DeletionPolicy: types.StringValue("ABANDON")}
	for _, answered := range []string{"users/me/spaces/AAAA/spaceNotificationSetting", "users/123/spaces/AAAA/spaceNotificationSetting", ""} {
		got := notificationSettingFromAPI(&chat.SpaceNotificationSetting{Name: answered, MuteSetting: "MUTED"}, prior)
		if got.Name.ValueString() != "users/me/spaces/AAAA/spaceNotificationSetting" || got.ID != got.Name ||
			got.NotificationSetting.ValueString() != "OFF" || got.MuteSetting.ValueString() != "MUTED" || got.DeletionPolicy.ValueString() != "ABANDON" {
			t.Errorf("answered %q: %+v", answered, got)
		}
	}
	unknownPrior := prior
	unknownPrior.NotificationSetting, unknownPrior.DeletionPolicy = types.StringUnknown(), types.StringNull()
	got := notificationSettingFromAPI(&chat.SpaceNotificationSetting{MuteSetting: "MUTED"}, unknownPrior)
	if !got.NotificationSetting.IsNull() || got.DeletionPolicy.ValueString() != "RESET" {
		t.Errorf("left out with nothing before: %+v", got)
	}
	for name, want := range map[string]string{
		"users/me/spaces/AAAA/spaceNotificationSetting":  "spaces/AAAA",
		"users/123/spaces/A_-1/spaceNotificationSetting": "spaces/A_-1",
		"users/me/spaces/AAAA":                           "",
		"spaces/AAAA/spaceNotificationSetting":           "",
	} {
		if got, _ := spaceOfNotificationSetting(name); got != want {
			t.Errorf("spaceOfNotificationSetting(%q) = %q, want %q", name, got, want)
		}
	}
}
