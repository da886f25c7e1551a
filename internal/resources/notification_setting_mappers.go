package resources

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// Values of SpaceNotificationSetting (discovery document). The
// *_UNSPECIFIED values are "Reserved." and not settable.
var (
	notificationSettingValues = []string{"ALL", "MAIN_CONVERSATIONS", "FOR_YOU", "OFF"}
	muteSettingValues         = []string{"UNMUTED", "MUTED"}
)

// The API's defaults, which deletion_policy "RESET" sets back. Nothing
// documents them (a guess): ALL is the one level available in every kind of
// space (MAIN_CONVERSATIONS and FOR_YOU are "Not available for 1:1 direct
// messages"), and UNMUTED mutes nothing.
const (
	defaultNotificationSetting = "ALL"
	defaultMuteSetting         = "UNMUTED"
)

// Update mask paths: "Supported field paths: - `notification_setting` -
// `mute_setting`" (discovery, patch updateMask). They are the attributes'
// names too.
const (
	maskNotificationSetting = "notification_setting"
	maskMuteSetting         = "mute_setting"
)

// notificationSettingNamePattern is users/{user}/spaces/{space}/spaceNotificationSetting.
var notificationSettingNamePattern = regexp.MustCompile(`^users/[^/\s]+/(spaces/[A-Za-z0-9_-]+)/spaceNotificationSetting$`)

// notificationSettingName is the caller's setting in space: users/me, which
// both methods take ("users/me/spaces/{space}/spaceNotificationSetting",
// discovery, get's name), whatever user ID the API answers with.
func notificationSettingName(space string) string {
	return "users/me/" + space + "/spaceNotificationSetting"
}

// spaceOfNotificationSetting is spaces/{space} of a setting's name.
func spaceOfNotificationSetting(name string) (string, bool) {
	match := notificationSettingNamePattern.FindStringSubmatch(name)
	if match == nil {
		return "", false
	}
	return match[1], true
}

// notificationSettingPatch is the patch that takes the setting from state to
// plan: the values plan knows that state lacks or holds otherwise (state
// nil: every value plan knows), and their update mask. An attribute the
// configuration leaves out is unknown in a create's plan and the state's
// value in an update's, so only what the configuration sets is sent.
func notificationSettingPatch(plan notificationSettingModel, state *notificationSettingModel) (*chat.SpaceNotificationSetting, []string) {
	setting := &chat.SpaceNotificationSetting{}
	var mask []string
	changed := func(planned types.String, prior func(notificationSettingModel) types.String) bool {
		return convert.Known(planned) && (state == nil || !prior(*state).Equal(planned))
	}
	if changed(plan.NotificationSetting, func(m notificationSettingModel) types.String { return m.NotificationSetting }) {
		setting.NotificationSetting = plan.NotificationSetting.ValueString()
		mask = append(mask, maskNotificationSetting)
	}
	if changed(plan.MuteSetting, func(m notificationSettingModel) types.String { return m.MuteSetting }) {
		setting.MuteSetting = plan.MuteSetting.ValueString()
		mask = append(mask, maskMuteSetting)
	}
	return setting, mask
}

// notificationSettingDefaults is the patch deletion_policy "RESET" sends.
func notificationSettingDefaults() (*chat.SpaceNotificationSetting, []string) {
	return &chat.SpaceNotificationSetting{NotificationSetting: defaultNotificationSetting, MuteSetting: defaultMuteSetting},
		[]string{maskNotificationSetting, maskMuteSetting}
}

// notificationSettingFromAPI maps an answer over prior. The name stays
// users/me/{space}/...: the API may answer users/{id}/... for it, and the
// name is the resource's identity, which must not change. A value the
// answer leaves out (the reserved zero value, which proto3 JSON omits) keeps
// prior's, or is null.
func notificationSettingFromAPI(out *chat.SpaceNotificationSetting, prior notificationSettingModel) notificationSettingModel {
	state := prior
	name := types.StringValue(notificationSettingName(prior.Space.ValueString()))
	state.Name, state.ID = name, name
	state.NotificationSetting = keptUnlessEmpty(out.NotificationSetting, prior.NotificationSetting)
	state.MuteSetting = keptUnlessEmpty(out.MuteSetting, prior.MuteSetting)
	if !convert.Known(state.DeletionPolicy) {
		state.DeletionPolicy = types.StringValue(notificationSettingReset)
	}
	return state
}

// keptUnlessEmpty is value, or prior when value is empty (null when prior
// is unknown).
func keptUnlessEmpty(value string, prior types.String) types.String {
	switch {
	case value != "":
		return types.StringValue(value)
	case prior.IsUnknown():
		return types.StringNull()
	}
	return prior
}
