// Package convert maps Chat API objects to Terraform values and back. It is
// shared by resources and data sources so both describe a space the same way.
package convert

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// StringOrNull maps the API's empty string (an omitted field) to null.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Permission is one key of permission_settings and its API field.
type Permission struct {
	Key          string // Terraform attribute
	MaskPath     string // updateMask path
	Description  string
	ComputedOnly bool // output only, or not settable through this provider
	get          func(*chat.PermissionSettings) *chat.PermissionSetting
	set          func(*chat.PermissionSettings, *chat.PermissionSetting)
}

// Get returns the setting from API permission settings.
func (p Permission) Get(s *chat.PermissionSettings) *chat.PermissionSetting { return p.get(s) }

// Set stores the setting in API permission settings.
func (p Permission) Set(s *chat.PermissionSettings, v *chat.PermissionSetting) { p.set(s, v) }

// Permissions lists permission_settings in the API's order.
var Permissions = []Permission{
	{"manage_members_and_groups", "permission_settings.manageMembersAndGroups", "Who can manage members and groups.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ManageMembersAndGroups },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ManageMembersAndGroups = v }},
	{"modify_space_details", "permission_settings.modifySpaceDetails", "Who can update the space name, avatar, description and guidelines.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ModifySpaceDetails },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ModifySpaceDetails = v }},
	{"toggle_history", "permission_settings.toggleHistory", "Who can turn space history on and off.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ToggleHistory },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ToggleHistory = v }},
	{"use_at_mention_all", "permission_settings.useAtMentionAll", "Who can use @all.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.UseAtMentionAll },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.UseAtMentionAll = v }},
	{"manage_apps", "permission_settings.manageApps", "Who can manage apps.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ManageApps },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ManageApps = v }},
	{"manage_webhooks", "permission_settings.manageWebhooks", "Who can manage webhooks.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ManageWebhooks },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ManageWebhooks = v }},
	{"reply_messages", "permission_settings.replyMessages", "Who can reply to messages.", false,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ReplyMessages },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ReplyMessages = v }},
	{"post_messages", "", "Who can post messages (output only).", true,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.PostMessages },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.PostMessages = v }},
	{"view_space_membership", "", "Who can view space membership (read only here: the API changes it only together with access settings).", true,
		func(s *chat.PermissionSettings) *chat.PermissionSetting { return s.ViewSpaceMembership },
		func(s *chat.PermissionSettings, v *chat.PermissionSetting) { s.ViewSpaceMembership = v }},
}

// SettingAttrTypes are the attributes of one permission setting.
var SettingAttrTypes = map[string]attr.Type{
	"managers_allowed":           types.BoolType,
	"assistant_managers_allowed": types.BoolType,
	"members_allowed":            types.BoolType,
}

// PermissionsAttrTypes are the attributes of permission_settings.
func PermissionsAttrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, p := range Permissions {
		out[p.Key] = types.ObjectType{AttrTypes: SettingAttrTypes}
	}
	return out
}

// SettingToObject maps one API permission setting (nil: null).
func SettingToObject(s *chat.PermissionSetting) types.Object {
	if s == nil {
		return types.ObjectNull(SettingAttrTypes)
	}
	return types.ObjectValueMust(SettingAttrTypes, map[string]attr.Value{
		"managers_allowed":           types.BoolValue(s.ManagersAllowed),
		"assistant_managers_allowed": types.BoolValue(s.AssistantManagersAllowed),
		"members_allowed":            types.BoolValue(s.MembersAllowed),
	})
}

// SettingFromObject maps a known permission setting object to the API; ok is
// false for a null, unknown or partly unknown object.
func SettingFromObject(o types.Object) (*chat.PermissionSetting, bool) {
	if o.IsNull() || o.IsUnknown() {
		return nil, false
	}
	attrs := o.Attributes()
	var out [3]bool
	for i, key := range []string{"managers_allowed", "assistant_managers_allowed", "members_allowed"} {
		b, ok := attrs[key].(types.Bool)
		if !ok || b.IsUnknown() {
			return nil, false
		}
		out[i] = b.ValueBool()
	}
	return &chat.PermissionSetting{
		ManagersAllowed: out[0], AssistantManagersAllowed: out[1], MembersAllowed: out[2],
		ForceSendFields: []string{"ManagersAllowed", "AssistantManagersAllowed", "MembersAllowed"},
	}, true
}

// PermissionsToObject maps API permission settings (nil: null).
func PermissionsToObject(s *chat.PermissionSettings) types.Object {
	if s == nil {
		return types.ObjectNull(PermissionsAttrTypes())
	}
	values := map[string]attr.Value{}
	for _, p := range Permissions {
		values[p.Key] = SettingToObject(p.Get(s))
	}
	return types.ObjectValueMust(PermissionsAttrTypes(), values)
}

// AccessAttrTypes are the attributes of access_settings.
var AccessAttrTypes = map[string]attr.Type{
	"audience":                   types.StringType,
	"access_state":               types.StringType,
	"access_permission_settings": types.ObjectType{AttrTypes: AccessPermissionAttrTypes},
}

// AccessPermissions are the settings of access_settings.access_permission_settings:
// the attribute, the API's field (also its update mask path below
// access_settings.access_permission_settings) and its description.
var AccessPermissions = []struct {
	Key, Field, Description string
	Get                     func(*chat.AccessPermissionSettings) *chat.AccessPermissionSetting
	Set                     func(*chat.AccessPermissionSettings, *chat.AccessPermissionSetting)
}{
	{"discover_space", "discoverSpaceSetting", "Target audiences whose members can find the space and preview it.",
		func(s *chat.AccessPermissionSettings) *chat.AccessPermissionSetting { return s.DiscoverSpaceSetting },
		func(s *chat.AccessPermissionSettings, v *chat.AccessPermissionSetting) { s.DiscoverSpaceSetting = v }},
	{"join_space", "joinSpaceSetting", "Target audiences whose members can join the space; each must also be in `discover_space`.",
		func(s *chat.AccessPermissionSettings) *chat.AccessPermissionSetting { return s.JoinSpaceSetting },
		func(s *chat.AccessPermissionSettings, v *chat.AccessPermissionSetting) { s.JoinSpaceSetting = v }},
	{"view_space_membership", "viewSpaceMembershipSetting", "Target audiences whose members can see who is in the space.",
		func(s *chat.AccessPermissionSettings) *chat.AccessPermissionSetting {
			return s.ViewSpaceMembershipSetting
		},
		func(s *chat.AccessPermissionSettings, v *chat.AccessPermissionSetting) {
			s.ViewSpaceMembershipSetting = v
		}},
}

// AccessPermissionAttrTypes are the attributes of access_permission_settings:
// each a set of audience names.
var AccessPermissionAttrTypes = map[string]attr.Type{
	"discover_space":        types.SetType{ElemType: types.StringType},
	"join_space":            types.SetType{ElemType: types.StringType},
	"view_space_membership": types.SetType{ElemType: types.StringType},
}

// AccessToObject maps API access settings (nil: null).
func AccessToObject(a *chat.AccessSettings) types.Object {
	if a == nil {
		return types.ObjectNull(AccessAttrTypes)
	}
	return types.ObjectValueMust(AccessAttrTypes, map[string]attr.Value{
		"audience":                   StringOrNull(a.Audience),
		"access_state":               StringOrNull(a.AccessState),
		"access_permission_settings": AccessPermissionsToObject(a.AccessPermissionSettings),
	})
}

// AccessPermissionsToObject maps access permission settings: a setting the
// API leaves out, or all of them, is an empty set (no audience), so a
// configured empty set matches either answer. Principals that are not
// audiences (none are documented) are left out.
func AccessPermissionsToObject(s *chat.AccessPermissionSettings) types.Object {
	values := map[string]attr.Value{}
	for _, p := range AccessPermissions {
		audiences := []string{}
		if s != nil {
			if setting := p.Get(s); setting != nil {
				for _, principal := range setting.Principals {
					if principal != nil && principal.Audience != nil && principal.Audience.Name != "" {
						audiences = append(audiences, principal.Audience.Name)
					}
				}
			}
		}
		values[p.Key] = StringSet(audiences)
	}
	return types.ObjectValueMust(AccessPermissionAttrTypes, values)
}

// AccessPermissionSetting is the API setting granting audiences.
func AccessPermissionSetting(audiences []string) *chat.AccessPermissionSetting {
	setting := &chat.AccessPermissionSetting{}
	for _, a := range audiences {
		setting.Principals = append(setting.Principals, &chat.Principal{Audience: &chat.Audience{Name: a}})
	}
	return setting
}

// Details returns the description and guidelines of a space.
func Details(s *chat.Space) (description, guidelines types.String) {
	if s.SpaceDetails == nil {
		return types.StringNull(), types.StringNull()
	}
	return StringOrNull(s.SpaceDetails.Description), StringOrNull(s.SpaceDetails.Guidelines)
}
