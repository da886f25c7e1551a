package emulator

import (
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// Permission rules: who may do what in a space. Handlers validate their
// input, then call the check for their action; each check answers
// PERMISSION_DENIED with the API's wording, or nil. Membership of the space
// itself is checked first, by lookupSpace.
//
// Administrator access bypasses every check that depends on the caller's
// role in the space or the space's permission settings: the handlers skip
// them when c.adminAccess. Guess: an administrator "with the manage chat and
// spaces conversations privilege" manages any space of the organization
// without being a member of it (the useAdminAccess descriptions name no
// role, and spaces.members.create with admin access is how an
// administrator adds a manager to a space that has none); only the limits
// each method documents for admin access remain (adminaccess.go).

// createdBy reports whether p created the space (apps act as their creator).
func (s *spaceRecord) createdBy(p *principal) bool {
	return s.creator != nil && s.creator.id == p.id
}

// role is p's role in the space, "" when p has not joined it. In import
// mode a user who reaches the space (importReach, import.go) acts as its
// manager (guess, documented there).
func (s *spaceRecord) role(p *principal) string {
	if s.space.ImportMode && p.kind == kindUser {
		return "ROLE_MANAGER"
	}
	if m := s.joinedMember(p); m != nil {
		return m.membership.Role
	}
	return ""
}

// userOnly refuses app callers of a method that "Requires user
// authentication" (the discovery document's description of spaces.setup,
// messagePins.*, reactions.*, customEmojis.*, media.upload). The wording is
// spaces.setup's as public reports quote it
// (googleapis/google-api-nodejs-client#3507); the status is a guess.
func userOnly(c *call) *apiError {
	if c.caller.kind == kindApp {
		return permissionDenied("This method doesn't support app authentication with a service account. Authenticate with a user account.")
	}
	return nil
}

// appOnly refuses user callers of a method that "Requires app
// authentication" with chat.bot alone (the discovery document's description
// of spaces.messages.attachments.get). scopes.go leaves such a call to the
// handler, for the method lists no user scope. Status and wording are
// guesses, userOnly's turned around.
func appOnly(c *call) *apiError {
	if c.caller.kind == kindUser {
		return permissionDenied("This method doesn't support user authentication. Authenticate as a Chat app with a service account.")
	}
	return nil
}

// deniedUnless answers PERMISSION_DENIED with message unless ok: the form
// of every check with one condition.
func deniedUnless(ok bool, message string) *apiError {
	if ok {
		return nil
	}
	return permissionDenied("%s", message)
}

// checkManagerOrCreatorApp is the rule for managing a space: a user must be
// a space manager, an app must have created the space.
func checkManagerOrCreatorApp(rec *spaceRecord, p *principal, appDenied, userDenied string) *apiError {
	if p.kind == kindApp && !rec.createdBy(p) {
		return permissionDenied("%s", appDenied)
	}
	if role := rec.role(p); p.kind == kindUser && role != "ROLE_MANAGER" && role != "ROLE_ASSISTANT_MANAGER" {
		return permissionDenied("%s", userDenied)
	}
	return nil
}

// Membership.role, ROLE_ASSISTANT_MANAGER: "By default, managers have all
// the permissions of an owner except for the ability to: - Delete the
// space. - Make another space member an owner. - Change an owner's role. By
// default, managers permissions include ... - Make another member a
// manager. ... - Manage space permissions." (discovery). An owner's
// narrower grants are not modelled: every assistant manager has the
// defaults. checkManagerOrCreatorApp lets owners and managers through;
// checkCanChangeRole holds managers to the rest.

// checkCanDeleteSpace: apps delete only the spaces they created; users must
// manage a named space (group chats and DMs have no managers).
func checkCanDeleteSpace(rec *spaceRecord, p *principal) *apiError {
	if p.kind == kindApp {
		if !rec.createdBy(p) {
			return permissionDenied("With app authentication, only spaces the app created can be deleted.")
		}
		return nil
	}
	if rec.space.SpaceType == "SPACE" && rec.role(p) != "ROLE_MANAGER" {
		return permissionDenied("Only space managers can delete a space.")
	}
	return nil
}

// checkCanUpdateAudience covers access_settings.audience in spaces.patch:
// "the authenticating user must be a space manager" (updateMask), which
// Membership.role calls ROLE_ASSISTANT_MANAGER ("A space manager"), whose
// defaults include "Make a space discoverable"; owners have every
// permission.
func checkCanUpdateAudience(rec *spaceRecord, p *principal) *apiError {
	switch role := rec.role(p); {
	case p.kind == kindApp:
		return permissionDenied("Updating access_settings.audience isn't supported with app authentication.")
	case role != "ROLE_MANAGER" && role != "ROLE_ASSISTANT_MANAGER":
		return permissionDenied("Only space owners and managers can update access settings.")
	}
	return nil
}

// checkCanUpdateAccessPermissions covers
// access_settings.access_permission_settings in spaces.patch.
func checkCanUpdateAccessPermissions(rec *spaceRecord, p *principal) *apiError {
	role := rec.role(p)
	return deniedUnless(role == "ROLE_MANAGER" || role == "ROLE_ASSISTANT_MANAGER",
		"Only space managers and assistant managers can update access permission settings.")
}

// checkCanUpdatePermissionSettings covers permission_settings in spaces.patch.
func checkCanUpdatePermissionSettings(rec *spaceRecord, p *principal) *apiError {
	return checkManagerOrCreatorApp(rec, p,
		"With app authentication, only the app that created the space can update permission_settings.",
		"Only space owners and managers can update permission settings.")
}

// checkCanAddMembers covers members.create for users; apps are not bound by
// the space's manage_members_and_groups setting.
func checkCanAddMembers(rec *spaceRecord, p *principal) *apiError {
	return deniedUnless(p.kind != kindUser || allowed(rec, p, "manage_members_and_groups"), "The caller may not add members to this space.")
}

// checkCanChangeRole covers members.patch of target to role: an assistant
// manager may neither make an owner nor change an owner's role.
func checkCanChangeRole(rec *spaceRecord, p *principal, target *memberRecord, role string) *apiError {
	if err := checkManagerOrCreatorApp(rec, p,
		"With app authentication, memberships can only be updated in spaces the app created.",
		"Only space owners and managers can change roles."); err != nil {
		return err
	}
	if p.kind == kindUser && rec.role(p) == "ROLE_ASSISTANT_MANAGER" &&
		(role == "ROLE_MANAGER" || target.membership.Role == "ROLE_MANAGER") {
		return permissionDenied("Space managers can't make an owner or change an owner's role.")
	}
	return nil
}

// checkCanRemoveMember covers members.delete of the membership under key;
// anyone may leave.
func checkCanRemoveMember(rec *spaceRecord, p *principal, key string, target *memberRecord) *apiError {
	if key == p.id {
		return nil
	}
	if p.kind == kindApp {
		// Groups: groupNeedsUser, before this.
		if target.principal != nil && target.principal.kind == kindApp {
			return permissionDenied("Apps can't remove other apps from a space.")
		}
		return nil
	}
	if target.membership.Role == "ROLE_MANAGER" && rec.role(p) != "ROLE_MANAGER" {
		return permissionDenied("Only a space manager can remove a space manager.")
	}
	if !allowed(rec, p, "manage_members_and_groups") {
		return permissionDenied("The caller may not remove members from this space.")
	}
	return nil
}

// checkCanUpdateMessage covers messages.patch and messages.update.
func checkCanUpdateMessage(m *messageRecord, p *principal) *apiError {
	return deniedUnless(m.sender.id == p.id, "Only the message's sender can update it.")
}

// checkCanDeleteMessage covers messages.delete: the sender, or a space
// owner or manager under user authentication (a manager's defaults include
// "Delete messages in the space", Membership.role).
func checkCanDeleteMessage(rec *spaceRecord, p *principal, m *messageRecord) *apiError {
	role := rec.role(p)
	return deniedUnless(m.sender.id == p.id || p.kind != kindApp && (role == "ROLE_MANAGER" || role == "ROLE_ASSISTANT_MANAGER"),
		"Only the message's sender or a space owner or manager can delete it.")
}

// checkCanPost covers messages.create: postMessages for a new thread or an
// unthreaded message, replyMessages for a reply. The settings apply to apps
// too, by the app's own membership role: the app that creates a space
// joins it as a member, not a manager, so an announcement space (only
// managers post: "ANNOUNCEMENT_SPACE" preset; GAM's wiki lists postMessages
// fixed to managers) refuses its posts. Sources: discovery,
// PermissionSettings.postMessages "Setting for posting messages in a
// space." and replyMessages "Setting for replying to messages in a space.";
// that an app is bound by them is likely, not documented.
func checkCanPost(rec *spaceRecord, p *principal, reply bool) *apiError {
	setting, verb := "post_messages", "post messages in"
	if reply {
		setting, verb = "reply_messages", "reply to messages in"
	}
	return deniedUnless(allowedByRole(rec, p, setting), "The caller's role may not "+verb+" this space (permission_settings."+setting+").")
}

// checkCanUpload covers media.upload: the caller's role may post or reply
// in the space (postMessages or replyMessages), since the file is for a
// message and messages.create then applies the one that fits (checkCanPost).
// Source: none; the discovery document says nothing of who may upload. A
// guess.
func checkCanUpload(rec *spaceRecord, p *principal) *apiError {
	return deniedUnless(allowedByRole(rec, p, "post_messages") || allowedByRole(rec, p, "reply_messages"),
		"The caller's role may not post or reply in this space, so it may not upload files to it (permission_settings.post_messages, reply_messages).")
}

// checkCanAddApp covers a user's members.create of the calling app: the
// space's manageApps setting (discovery, PermissionSettings.manageApps
// "Setting for managing apps in a space.").
func checkCanAddApp(rec *spaceRecord, p *principal) *apiError {
	return deniedUnless(p.kind != kindUser || allowed(rec, p, "manage_apps"), "The caller's role may not add apps to this space (permission_settings.manage_apps).")
}

// allowed checks a permission setting for the caller's role; chats without
// permission settings let every member act. An app acts with the rights of
// the app that created the space (spaces.patch, members.*), or none.
func allowed(rec *spaceRecord, p *principal, setting string) bool {
	if p.kind == kindApp && rec.space.PermissionSettings != nil {
		return rec.createdBy(p)
	}
	return allowedByRole(rec, p, setting)
}

// allowedByRole checks a permission setting for the caller's membership
// role, apps included.
func allowedByRole(rec *spaceRecord, p *principal, setting string) bool {
	perms := rec.space.PermissionSettings
	if perms == nil {
		return true
	}
	role := rec.role(p)
	var s *chat.PermissionSetting
	if field, ok := permissionFields(perms)[setting]; ok {
		s = *field
	}
	if s == nil || role == "" {
		return false
	}
	switch role {
	case "ROLE_MANAGER":
		return s.ManagersAllowed
	case "ROLE_ASSISTANT_MANAGER":
		return s.AssistantManagersAllowed
	default:
		return s.MembersAllowed
	}
}

// permissionFields names each setting of p by its update-mask key, as a
// pointer to p's field: the eight of permissionMasks, and post_messages,
// which is "Output only" (discovery document) and so set by no mask.
func permissionFields(p *chat.PermissionSettings) map[string]**chat.PermissionSetting {
	return map[string]**chat.PermissionSetting{
		"manage_members_and_groups": &p.ManageMembersAndGroups,
		"modify_space_details":      &p.ModifySpaceDetails,
		"toggle_history":            &p.ToggleHistory,
		"use_at_mention_all":        &p.UseAtMentionAll,
		"manage_apps":               &p.ManageApps,
		"manage_webhooks":           &p.ManageWebhooks,
		"post_messages":             &p.PostMessages,
		"reply_messages":            &p.ReplyMessages,
		"view_space_membership":     &p.ViewSpaceMembership,
	}
}

func setting(managers, assistants, members bool) *chat.PermissionSetting {
	return &chat.PermissionSetting{ManagersAllowed: managers, AssistantManagersAllowed: assistants, MembersAllowed: members}
}

// presetPermissions derives permission settings from a predefined preset.
// The API does not document the values; these follow the Chat UI's presets.
func presetPermissions(preset string) *chat.PermissionSettings {
	members := preset != "ANNOUNCEMENT_SPACE"
	return &chat.PermissionSettings{
		ManageMembersAndGroups: setting(true, true, members),
		ModifySpaceDetails:     setting(true, true, members),
		ToggleHistory:          setting(true, true, members),
		UseAtMentionAll:        setting(true, true, members),
		ManageApps:             setting(true, true, members),
		ManageWebhooks:         setting(true, true, members),
		PostMessages:           setting(true, true, members),
		ReplyMessages:          setting(true, true, true),
		ViewSpaceMembership:    setting(true, true, true),
	}
}

// applyPermissionMask replaces the settings a permission_settings path names.
func applyPermissionMask(current, in *chat.PermissionSettings, path string) *chat.PermissionSettings {
	out := clone(current)
	if in == nil {
		in = &chat.PermissionSettings{}
	}
	pick := func(s *chat.PermissionSetting) *chat.PermissionSetting {
		if s == nil {
			return setting(false, false, false)
		}
		return setting(s.ManagersAllowed, s.AssistantManagersAllowed, s.MembersAllowed)
	}
	all := path == "permission_settings"
	name := strings.TrimPrefix(path, "permission_settings.")
	dst, src := permissionFields(out), permissionFields(in)
	for _, key := range permissionMasks {
		if all || key == name {
			*dst[key] = pick(*src[key])
		}
	}
	return out
}
