package emulator

import (
	"slices"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The users.spaces.spaceNotificationSetting singleton: get and patch. Both
// "Require user authentication" with chat.users.spacesettings (discovery
// document); scopes.go checks the scope, and an app has no scope to hold, so
// userOnly answers it.

// Notification settings (discovery, SpaceNotificationSetting). The
// *_UNSPECIFIED values are "Reserved." and never set.
var (
	notificationSettings = []string{"ALL", "MAIN_CONVERSATIONS", "FOR_YOU", "OFF"}
	muteSettings         = []string{"UNMUTED", "MUTED"}
)

// The defaults of a member who never changed the setting. Nothing documents
// them (a guess): ALL is the one level "available" in every kind of space
// (MAIN_CONVERSATIONS and FOR_YOU are "Not available for 1:1 direct
// messages"), and UNMUTED the one that mutes nothing. The provider's
// deletion_policy "RESET" patches these back.
const (
	defaultNotificationSetting = "ALL"
	defaultMuteSetting         = "UNMUTED"
)

// notificationSettingMask are the update mask paths patch takes: "Supported
// field paths: - `notification_setting` - `mute_setting`" (discovery,
// updateMask; the reference page spells them notificationSetting and
// muteSetting, which normalizeMask turns into these).
var notificationSettingMask = []string{"notification_setting", "mute_setting"}

// notificationSettingOf finds the setting the call names: the space, and the
// caller's own setting in it.
//
//   - {user} is "me", the caller's ID or the caller's email: "Only the
//     caller's user id or email is allowed in the path" (discovery, get's
//     name; patch's name has the same format). Another user, or one the
//     emulator doesn't know, answers 403 PERMISSION_DENIED (a guess, as for
//     getSpaceReadState in readstate.go).
//   - A space that doesn't exist, or of which the caller is not a joined
//     member, answers 404 NOT_FOUND (a guess: a non-member has no setting
//     to read; an invited member has not joined yet).
func (e *Emulator) notificationSettingOf(c *call) (*spaceRecord, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	if c.user != "me" {
		p, err := e.dir.resolveUser("users/"+c.user, c.caller)
		if err != nil || p.id != c.caller.id {
			return nil, permissionDenied("Only the calling user's space notification setting can be read or changed.")
		}
	}
	rec := e.spaces[c.space]
	if rec == nil || rec.deleted || rec.joinedMember(c.caller) == nil {
		return nil, notFound("Space notification setting users/%s/spaces/%s/spaceNotificationSetting not found.", c.user, c.space)
	}
	return rec, nil
}

// renderNotificationSetting is the caller's setting in rec. The name carries
// the caller's numeric ID whatever alias the request used (a guess, as for
// getSpaceReadState; the provider reads either).
func renderNotificationSetting(rec *spaceRecord, caller *principal) *chat.SpaceNotificationSetting {
	out := &chat.SpaceNotificationSetting{NotificationSetting: defaultNotificationSetting, MuteSetting: defaultMuteSetting}
	if stored := rec.notificationSettings[caller.id]; stored != nil {
		out = clone(stored)
	}
	out.Name = caller.userName() + "/" + rec.space.Name + "/spaceNotificationSetting"
	return out
}

func (e *Emulator) getSpaceNotificationSetting(c *call) (any, *apiError) {
	rec, err := e.notificationSettingOf(c)
	if err != nil {
		return nil, err
	}
	return renderNotificationSetting(rec, c.caller), nil
}

// patchSpaceNotificationSetting changes the fields the update mask names.
//
//   - The mask is "Required" (discovery): none answers 400 INVALID_ARGUMENT,
//     and so does a path other than the two supported ones (a guess, as for
//     every other patch of the emulator).
//   - A value outside the enum, a "Reserved." *_UNSPECIFIED one, or a masked
//     field left empty (which would set it to the reserved value) answers
//     400 INVALID_ARGUMENT (a guess: the API refuses an enum it doesn't
//     know while decoding, and "Reserved." values are not settings).
//   - MAIN_CONVERSATIONS and FOR_YOU in a direct message answer 400
//     INVALID_ARGUMENT: each is "Not available for 1:1 direct messages"
//     (discovery, NotificationSetting); the status is what Google's Chat
//     MCP tool documents for FOR_YOU ("will return an INVALID_ARGUMENT
//     error"), assumed for both.
//   - A name in the body is ignored: the path says which setting (a guess).
func (e *Emulator) patchSpaceNotificationSetting(c *call) (any, *apiError) {
	rec, apiErr := e.notificationSettingOf(c)
	if apiErr != nil {
		return nil, apiErr
	}
	mask, apiErr := c.updateMask()
	if apiErr != nil {
		return nil, apiErr
	}
	var in chat.SpaceNotificationSetting
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	next := renderNotificationSetting(rec, c.caller)
	for _, path := range mask {
		switch path {
		case "notification_setting":
			if !slices.Contains(notificationSettings, in.NotificationSetting) {
				return nil, invalidArgument("Invalid notificationSetting %q: want one of %s.", in.NotificationSetting, strings.Join(notificationSettings, ", "))
			}
			if rec.space.SpaceType == "DIRECT_MESSAGE" && (in.NotificationSetting == "MAIN_CONVERSATIONS" || in.NotificationSetting == "FOR_YOU") {
				return nil, invalidArgument("notificationSetting %s is not available for 1:1 direct messages.", in.NotificationSetting)
			}
			next.NotificationSetting = in.NotificationSetting
		case "mute_setting":
			if !slices.Contains(muteSettings, in.MuteSetting) {
				return nil, invalidArgument("Invalid muteSetting %q: want one of %s.", in.MuteSetting, strings.Join(muteSettings, ", "))
			}
			next.MuteSetting = in.MuteSetting
		default:
			return nil, invalidArgument("Invalid update mask path %q: supported paths are %s.", path, strings.Join(notificationSettingMask, ", "))
		}
	}
	if rec.notificationSettings == nil {
		rec.notificationSettings = map[string]*chat.SpaceNotificationSetting{}
	}
	stored := clone(next)
	stored.Name = ""
	rec.notificationSettings[c.caller.id] = stored
	e.commit()
	return next, nil
}
