package emulator

import (
	"slices"
	"strings"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

// spaces.patch. Every updateMask path has a kind; each kind has one update
// function in maskRules, which validates its paths and applies them to a
// copy of the space. The copy is stored only when every rule passes.

// maskKind groups the updateMask paths that share validation, permission and
// exclusivity rules. The order of the constants is the order in which
// checkMaskExclusivity reports conflicts.
type maskKind int

const (
	maskUnknown           maskKind = iota // not a path spaces.patch accepts
	maskDetails                           // display_name, space_type, space_details
	maskHistory                           // space_history_state
	maskAudience                          // access_settings.audience
	maskPermissions                       // permission_settings[.<setting>]
	maskAccessPermissions                 // access_settings.access_permission_settings[.<setting>]
)

// Space patch masks, after normalizeMask. permission_settings.post_messages
// is not one: the discovery document marks postMessages "Output only".
var (
	permissionMasks = []string{
		"manage_members_and_groups", "modify_space_details", "toggle_history", "use_at_mention_all",
		"manage_apps", "manage_webhooks", "reply_messages", "view_space_membership",
	}
	accessPermissionMasks = []string{"discover_space_setting", "join_space_setting", "view_space_membership_setting"}
)

// classifyMask returns the kind of a normalized updateMask path.
func classifyMask(path string) maskKind {
	switch path {
	case "display_name", "space_type", "space_details":
		return maskDetails
	case "space_history_state":
		return maskHistory
	case "access_settings.audience":
		return maskAudience
	case "permission_settings":
		return maskPermissions
	case "access_settings.access_permission_settings":
		return maskAccessPermissions
	}
	if p, ok := strings.CutPrefix(path, "permission_settings."); ok && slices.Contains(permissionMasks, p) {
		return maskPermissions
	}
	if p, ok := strings.CutPrefix(path, "access_settings.access_permission_settings."); ok && slices.Contains(accessPermissionMasks, p) {
		return maskAccessPermissions
	}
	return maskUnknown
}

// maskRules are the rules of each kind of path.
var maskRules = [...]struct {
	// update validates one path of the kind and applies it to p.next.
	update func(p *spacePatch, path string) *apiError
	// setting, if set, is the permission setting the caller needs for the
	// kind (checked after every path is validated), and denied the error.
	setting, denied string
}{
	maskDetails: {(*spacePatch).updateDetails,
		"modify_space_details", "The caller may not modify this space's details."},
	maskHistory: {(*spacePatch).updateHistory,
		"toggle_history", "The caller may not turn history on or off in this space."},
	maskAudience:          {update: (*spacePatch).updateAudience},
	maskPermissions:       {update: (*spacePatch).updatePermissions},
	maskAccessPermissions: {update: (*spacePatch).updateAccessPermissions},
}

// spacePatch is one spaces.patch call in progress.
type spacePatch struct {
	e      *Emulator
	c      *call
	rec    *spaceRecord
	in     *chat.Space
	mask   []string
	caller *memberRecord // the caller's membership
	next   chat.Space    // copy of rec.space; applied only when every rule passes
}

func (e *Emulator) patchSpace(c *call, rec *spaceRecord) (any, *apiError) {
	var in chat.Space
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	mask, err := c.updateMask()
	if err != nil {
		return nil, err
	}
	kinds := map[maskKind]bool{}
	for _, path := range mask {
		kind := classifyMask(path)
		if kind == maskUnknown {
			return nil, invalidArgument("Invalid updateMask path %q.", path)
		}
		if c.adminAccess && notAdminMask(path, kind) {
			return nil, invalidArgument("updateMask path %q is not supported with useAdminAccess.", path)
		}
		if err := checkImportPatch(rec, path, kind); err != nil { // import.go
			return nil, err
		}
		kinds[kind] = true
	}
	if err := checkMaskExclusivity(mask, kinds); err != nil {
		return nil, err
	}
	p := &spacePatch{e: e, c: c, rec: rec, in: &in, mask: mask, caller: rec.joinedMember(c.caller), next: rec.space}
	for _, path := range mask {
		if err := maskRules[classifyMask(path)].update(p, path); err != nil {
			return nil, err
		}
	}
	if err := p.checkAccessPermissions(); err != nil {
		return nil, err
	}
	for kind, rule := range maskRules {
		// An administrator needs no permission setting (permissions.go).
		if kinds[maskKind(kind)] && rule.setting != "" && !c.adminAccess && !allowed(rec, c.caller, rule.setting) {
			return nil, permissionDenied("%s", rule.denied)
		}
	}
	if p.next.SpaceType == "SPACE" && rec.space.SpaceType == "GROUP_CHAT" {
		p.promoteGroupChat()
	}
	rec.space = p.next
	e.commit()
	return rec.render(c.caller), nil
}

// notAdminMask reports the paths spaces.patch refuses with useAdminAccess.
// Source: the updateMask description, "`space_type` is not supported with
// `useAdminAccess`", and the same of `space_history_state`,
// `access_settings.audience` and `access_settings.access_permission_settings`
// (its sub-paths included); useAdminAccess: "Some `FieldMask` values are
// not supported using admin access. For details, see the description of
// `update_mask`." Status: 400 INVALID_ARGUMENT, a guess.
func notAdminMask(path string, kind maskKind) bool {
	return path == "space_type" || kind == maskHistory || kind == maskAudience || kind == maskAccessPermissions
}

// checkMaskExclusivity applies the masks that must be sent alone.
func checkMaskExclusivity(mask []string, kinds map[maskKind]bool) *apiError {
	switch {
	case kinds[maskHistory] && len(kinds) > 1:
		return invalidArgument("To update space_history_state, omit all other field masks.")
	case kinds[maskAudience] && len(kinds) > 1:
		return invalidArgument("To update access_settings.audience, omit all other field masks.")
	case kinds[maskPermissions] && len(kinds) > 1:
		// view_space_membership must travel with its access setting.
		viewTogether := len(kinds) == 2 && kinds[maskAccessPermissions] &&
			slices.Contains(mask, "permission_settings.view_space_membership") &&
			slices.Contains(mask, "access_settings.access_permission_settings.view_space_membership_setting")
		if !viewTogether {
			return invalidArgument("When updating permission_settings you can only specify permission_settings field masks.")
		}
	case kinds[maskAccessPermissions] && len(kinds) > 1:
		return invalidArgument("To update access_settings.access_permission_settings, omit all other field masks.")
	}
	// viewSpaceMembershipSetting "Must be specified together with
	// PermissionSettings.view_space_membership in the update mask".
	if slices.Contains(mask, "access_settings.access_permission_settings.view_space_membership_setting") &&
		!slices.Contains(mask, "permission_settings.view_space_membership") {
		return invalidArgument("access_settings.access_permission_settings.view_space_membership_setting must be updated together with permission_settings.view_space_membership.")
	}
	// PermissionSettings.viewSpaceMembership: "Must be specified together
	// with `AccessPermissionSettings.view_space_membership_setting` in the
	// update mask and request body".
	if slices.Contains(mask, "permission_settings.view_space_membership") &&
		!slices.Contains(mask, "access_settings.access_permission_settings.view_space_membership_setting") {
		return invalidArgument("permission_settings.view_space_membership must be updated together with access_settings.access_permission_settings.view_space_membership_setting.")
	}
	return nil
}

func (p *spacePatch) isSpace() bool { return p.rec.space.SpaceType == "SPACE" }

func onlyNamedSpaces(field string) *apiError {
	return invalidArgument("%s can only be updated for spaces whose spaceType is SPACE.", field)
}

// updateDetails applies display_name, space_type or space_details.
func (p *spacePatch) updateDetails(path string) *apiError {
	switch path {
	case "space_type":
		return p.updateSpaceType()
	case "display_name":
		return p.updateDisplayName()
	default:
		return p.updateSpaceDetails()
	}
}

func (p *spacePatch) updateSpaceType() *apiError {
	from := p.rec.space.SpaceType
	if p.in.SpaceType != "SPACE" || from == "DIRECT_MESSAGE" ||
		(from == "GROUP_CHAT" && !slices.Contains(p.mask, "display_name")) {
		return invalidArgument("The only space type change supported is GROUP_CHAT to SPACE, with display_name in the update mask.")
	}
	p.next.SpaceType = "SPACE"
	return nil
}

func (p *spacePatch) updateDisplayName() *apiError {
	name := p.in.DisplayName
	converting := slices.Contains(p.mask, "space_type") && p.in.SpaceType == "SPACE"
	if !p.isSpace() && !converting {
		return onlyNamedSpaces("display_name")
	}
	if strings.TrimSpace(name) == "" {
		return invalidArgument("Space.displayName can't be empty for a named space.")
	}
	if err := checkDisplayNameLength(name); err != nil {
		return err
	}
	customer := p.rec.space.Customer
	if customer == "" {
		customer = emulatorCustomer // a group chat becoming a space joins the organization's names
	}
	if err := p.e.checkDisplayNameFree(name, customer, p.rec.id); err != nil {
		return err
	}
	p.next.DisplayName = name
	return nil
}

func (p *spacePatch) updateSpaceDetails() *apiError {
	if p.rec.space.SpaceType == "DIRECT_MESSAGE" {
		return invalidArgument("space_details can't be set on a direct message.")
	}
	details := p.in.SpaceDetails
	if details == nil {
		details = &chat.SpaceDetails{}
	}
	if utf8.RuneCountInString(details.Description) > maxDescription || utf8.RuneCountInString(details.Guidelines) > maxGuidelines {
		return invalidArgument("SpaceDetails supports up to %d characters of description and %d of guidelines.", maxDescription, maxGuidelines)
	}
	p.next.SpaceDetails = nil
	if details.Description != "" || details.Guidelines != "" {
		p.next.SpaceDetails = &chat.SpaceDetails{Description: details.Description, Guidelines: details.Guidelines}
	}
	return nil
}

func (p *spacePatch) updateHistory(string) *apiError {
	if p.in.SpaceHistoryState != "HISTORY_ON" && p.in.SpaceHistoryState != "HISTORY_OFF" {
		return invalidArgument("space_history_state must be HISTORY_ON or HISTORY_OFF.")
	}
	p.next.SpaceHistoryState = p.in.SpaceHistoryState
	return nil
}

// accessSettings checks that the caller may update access settings (only
// named spaces have them) and returns a copy of them to update.
func (p *spacePatch) accessSettings(mayUpdate func(*spaceRecord, *principal) *apiError) (*chat.AccessSettings, *apiError) {
	if !p.isSpace() {
		return nil, onlyNamedSpaces("access_settings")
	}
	if err := mayUpdate(p.rec, p.c.caller); err != nil {
		return nil, err
	}
	access := *p.next.AccessSettings
	return &access, nil
}

func (p *spacePatch) updateAudience(string) *apiError {
	access, err := p.accessSettings(checkCanUpdateAudience)
	if err != nil {
		return err
	}
	audience := ""
	if p.in.AccessSettings != nil {
		audience = p.in.AccessSettings.Audience
	}
	if err := checkAudience(audience); err != nil {
		return err
	}
	access.Audience, access.AccessState = audience, "PRIVATE"
	if audience != "" {
		access.AccessState = "DISCOVERABLE"
	}
	p.next.AccessSettings = access
	return nil
}

// accessPermissionFields are the settings of AccessPermissionSettings, by
// their normalized mask path below access_settings.access_permission_settings.
var accessPermissionFields = []struct {
	path  string
	field func(*chat.AccessPermissionSettings) **chat.AccessPermissionSetting
}{
	{"discover_space_setting", func(s *chat.AccessPermissionSettings) **chat.AccessPermissionSetting { return &s.DiscoverSpaceSetting }},
	{"join_space_setting", func(s *chat.AccessPermissionSettings) **chat.AccessPermissionSetting { return &s.JoinSpaceSetting }},
	{"view_space_membership_setting", func(s *chat.AccessPermissionSettings) **chat.AccessPermissionSetting {
		return &s.ViewSpaceMembershipSetting
	}},
}

// updateAccessPermissions applies one access_settings.access_permission_settings
// path: a setting's path replaces only that setting ("The supported field
// masks include: - access_settings.access_permission_settings.discoverSpaceSetting
// ..."), the whole path all three. A principal must be an audience,
// `audiences/{audience}` (Principal has only `audience`). access_state
// becomes DISCOVERABLE while an audience may discover the space (guess,
// from AccessSettings.accessState: DISCOVERABLE means "A space manager has
// granted a target audience access to the space").
func (p *spacePatch) updateAccessPermissions(path string) *apiError {
	access, err := p.accessSettings(checkCanUpdateAccessPermissions)
	if err != nil {
		return err
	}
	in := &chat.AccessPermissionSettings{}
	if p.in.AccessSettings != nil && p.in.AccessSettings.AccessPermissionSettings != nil {
		in = p.in.AccessSettings.AccessPermissionSettings
	}
	next := &chat.AccessPermissionSettings{}
	if access.AccessPermissionSettings != nil {
		copied := *access.AccessPermissionSettings
		next = &copied
	}
	setting, _ := strings.CutPrefix(path, "access_settings.access_permission_settings.")
	for _, f := range accessPermissionFields {
		if setting != path && setting != f.path {
			continue
		}
		value := *f.field(in)
		if value != nil {
			for _, principal := range value.Principals {
				if principal == nil || principal.Audience == nil || !audiencePattern.MatchString(principal.Audience.Name) {
					return invalidArgument("AccessPermissionSetting.principals must be audiences, audiences/{audience}.")
				}
			}
		}
		*f.field(next) = value
	}
	access.AccessPermissionSettings = next
	access.AccessState = "PRIVATE"
	if access.Audience != "" || (next.DiscoverSpaceSetting != nil && len(next.DiscoverSpaceSetting.Principals) > 0) {
		access.AccessState = "DISCOVERABLE"
	}
	p.next.AccessSettings = access
	return nil
}

// checkAccessPermissions applies the rules across settings, once every
// path is applied: "Principals allowed to join the space must also be
// allowed to discover it", and "When granting view access to a target
// audience, you must also grant PermissionSettings.view_space_membership to
// all members in the same request".
func (p *spacePatch) checkAccessPermissions() *apiError {
	if p.next.AccessSettings == nil || p.next.AccessSettings.AccessPermissionSettings == nil {
		return nil
	}
	settings := p.next.AccessSettings.AccessPermissionSettings
	discover := map[string]bool{}
	if settings.DiscoverSpaceSetting != nil {
		for _, principal := range settings.DiscoverSpaceSetting.Principals {
			discover[principal.Audience.Name] = true
		}
	}
	if settings.JoinSpaceSetting != nil {
		for _, principal := range settings.JoinSpaceSetting.Principals {
			if !discover[principal.Audience.Name] {
				return invalidArgument("Principals allowed to join the space must also be allowed to discover it: %s.", principal.Audience.Name)
			}
		}
	}
	view := settings.ViewSpaceMembershipSetting
	if slices.Contains(p.mask, "access_settings.access_permission_settings.view_space_membership_setting") && view != nil &&
		len(view.Principals) > 0 {
		members := p.next.PermissionSettings
		if members == nil || members.ViewSpaceMembership == nil || !members.ViewSpaceMembership.MembersAllowed {
			return invalidArgument("When granting view access to a target audience, grant permission_settings.view_space_membership to all members in the same request.")
		}
	}
	return nil
}

func (p *spacePatch) updatePermissions(path string) *apiError {
	if !p.isSpace() {
		return onlyNamedSpaces("permission_settings")
	}
	if err := checkCanUpdatePermissionSettings(p.rec, p.c.caller); err != nil && !p.c.adminAccess {
		return err
	}
	p.next.PermissionSettings = applyPermissionMask(p.next.PermissionSettings, p.in.PermissionSettings, path)
	return nil
}

// promoteGroupChat finishes turning a group chat into a named space.
func (p *spacePatch) promoteGroupChat() {
	p.next.PermissionSettings = presetPermissions("")
	p.next.AccessSettings = &chat.AccessSettings{AccessState: "PRIVATE"}
	p.next.Customer = emulatorCustomer
	p.rec.dmKey = ""
	// Undocumented [U]: as in the Chat UI, whoever converts a group chat
	// to a space becomes its manager. (In import mode the importer converts
	// it without a membership: import.go.)
	if p.caller != nil {
		p.caller.membership.Role = "ROLE_MANAGER"
	}
}
