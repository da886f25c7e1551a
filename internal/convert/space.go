package convert

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// SpaceAttributes is the part of a space every space model shares: the
// google_chat_space resource and the space, spaces and direct message data
// sources embed it, and SpaceFromAPI is the one mapping onto it.
type SpaceAttributes struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	SpaceType           types.String `tfsdk:"space_type"`
	DisplayName         types.String `tfsdk:"display_name"`
	Description         types.String `tfsdk:"description"`
	Guidelines          types.String `tfsdk:"guidelines"`
	HistoryState        types.String `tfsdk:"history_state"`
	ExternalUserAllowed types.Bool   `tfsdk:"external_user_allowed"`
	SingleUserBotDm     types.Bool   `tfsdk:"single_user_bot_dm"`
	PermissionSettings  types.Object `tfsdk:"permission_settings"`
	AccessSettings      types.Object `tfsdk:"access_settings"`
	SpaceURI            types.String `tfsdk:"space_uri"`
	CreateTime          types.String `tfsdk:"create_time"`
	ThreadingState      types.String `tfsdk:"threading_state"`
	AdminInstalled      types.Bool   `tfsdk:"admin_installed"`
	// Activity: output only, and changing with every message and member.
	LastActiveTime             types.String `tfsdk:"last_active_time"`
	JoinedDirectHumanUserCount types.Int64  `tfsdk:"joined_direct_human_user_count"`
	JoinedGroupCount           types.Int64  `tfsdk:"joined_group_count"`
}

// SpaceFromAPI maps an API space onto prior. Permission and access settings
// the API leaves out for this caller (apps see permission settings only for
// spaces they created; spaces.list never returns them) keep their prior
// values, so they never show as drift; an unknown prior takes the answer.
func SpaceFromAPI(space *chat.Space, prior SpaceAttributes) SpaceAttributes {
	out := prior
	out.ID = types.StringValue(space.Name)
	out.Name = types.StringValue(space.Name)
	out.SpaceType = types.StringValue(space.SpaceType)
	out.DisplayName = StringOrNull(space.DisplayName)
	out.Description, out.Guidelines = Details(space)
	out.HistoryState = StringOrNull(space.SpaceHistoryState)
	out.ExternalUserAllowed = types.BoolValue(space.ExternalUserAllowed)
	out.SingleUserBotDm = types.BoolValue(space.SingleUserBotDm)
	out.SpaceURI = StringOrNull(space.SpaceUri)
	out.CreateTime = StringOrNull(space.CreateTime)
	out.ThreadingState = StringOrNull(space.SpaceThreadingState)
	out.AdminInstalled = types.BoolValue(space.AdminInstalled)
	out.LastActiveTime = StringOrNull(space.LastActiveTime)
	var humans, groups int64
	if space.MembershipCount != nil {
		humans, groups = space.MembershipCount.JoinedDirectHumanUserCount, space.MembershipCount.JoinedGroupCount
	}
	out.JoinedDirectHumanUserCount, out.JoinedGroupCount = types.Int64Value(humans), types.Int64Value(groups)
	if space.PermissionSettings != nil || prior.PermissionSettings.IsUnknown() {
		out.PermissionSettings = PermissionsToObject(space.PermissionSettings)
	}
	if space.AccessSettings != nil || prior.AccessSettings.IsUnknown() {
		out.AccessSettings = AccessToObject(space.AccessSettings)
	}
	return out
}

// SpaceFromAPIAlone maps a space with nothing known before: what the API
// leaves out is null.
func SpaceFromAPIAlone(space *chat.Space) SpaceAttributes {
	return SpaceFromAPI(space, SpaceAttributes{
		PermissionSettings: types.ObjectUnknown(PermissionsAttrTypes()),
		AccessSettings:     types.ObjectUnknown(AccessAttrTypes),
	})
}
