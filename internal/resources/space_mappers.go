package resources

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// spaceToAPI builds the create request's space from the plan.
func spaceToAPI(plan spaceModel) *chat.Space {
	space := &chat.Space{
		SpaceType:                    plan.SpaceType.ValueString(),
		DisplayName:                  plan.DisplayName.ValueString(),
		SpaceHistoryState:            plan.HistoryState.ValueString(),
		ExternalUserAllowed:          plan.ExternalUserAllowed.ValueBool(),
		SingleUserBotDm:              plan.SingleUserBotDm.ValueBool(),
		PredefinedPermissionSettings: plan.PredefinedPermissionSettings.ValueString(),
		ImportMode:                   plan.ImportMode.ValueBool(),
	}
	if plan.ImportMode.ValueBool() && convert.Known(plan.CreateTime) {
		space.CreateTime = plan.CreateTime.ValueString() // "For import mode spaces, set this field to the historical timestamp"
	}
	if !plan.Description.IsNull() || !plan.Guidelines.IsNull() {
		space.SpaceDetails = &chat.SpaceDetails{Description: plan.Description.ValueString(), Guidelines: plan.Guidelines.ValueString()}
	}
	if audience := audienceOf(plan.AccessSettings); !audience.IsNull() && !audience.IsUnknown() {
		space.AccessSettings = &chat.AccessSettings{Audience: audience.ValueString()}
	}
	return space
}

// spaceFromAPI maps an API space onto the model with the shared mapper.
// Input-only attributes keep their prior values, so they never show as drift.
func spaceFromAPI(space *chat.Space, prior spaceModel) spaceModel {
	out := prior
	out.SpaceAttributes = convert.SpaceFromAPI(space, prior.SpaceAttributes)
	if out.DeletionPolicy.IsNull() || out.DeletionPolicy.IsUnknown() {
		out.DeletionPolicy = types.StringValue(deletionDelete)
	}
	if sameInstant(prior.CreateTime, space.CreateTime) {
		out.CreateTime = prior.CreateTime // the configured spelling of an imported time
	}
	// import_mode and import_complete are inputs: only an import (nothing
	// recorded) takes them from the answer, and importMode false is recorded
	// as null, as an unset attribute reads.
	if !convert.Known(prior.ImportMode) {
		out.ImportMode = types.BoolNull()
		if space.ImportMode {
			out.ImportMode = types.BoolValue(true)
		}
	}
	if prior.ImportComplete.IsUnknown() {
		out.ImportComplete = types.BoolNull()
	}
	out.ImportModeExpireTime = convert.StringOrNull(space.ImportModeExpireTime)
	return out
}

// initialMemberships turns initial_members into API memberships.
func initialMemberships(ctx context.Context, set types.Set) ([]*chat.Membership, diag.Diagnostics) {
	var names []string
	diags := set.ElementsAs(ctx, &names, false)
	var out []*chat.Membership
	for _, name := range names {
		if strings.HasPrefix(name, "groups/") {
			out = append(out, &chat.Membership{GroupMember: &chat.Group{Name: name}})
		} else {
			out = append(out, &chat.Membership{Member: &chat.User{Name: name, Type: "HUMAN"}})
		}
	}
	return out, diags
}

func audienceOf(access types.Object) types.String {
	if access.IsNull() || access.IsUnknown() {
		return types.StringNull()
	}
	audience, _ := access.Attributes()["audience"].(types.String)
	return audience
}

// permissionChanges compares the settings set in configuration with the
// current ones and returns the patch body and its update mask.
func permissionChanges(config, current types.Object) (*chat.PermissionSettings, []string) {
	if config.IsNull() || config.IsUnknown() {
		return nil, nil
	}
	patch := &chat.PermissionSettings{}
	var mask []string
	var currentAttrs map[string]attr.Value
	if !current.IsNull() && !current.IsUnknown() {
		currentAttrs = current.Attributes()
	}
	for _, p := range convert.Permissions {
		if p.ComputedOnly {
			continue
		}
		wanted, ok := convert.SettingFromObject(convert.ObjectAttr(config.Attributes(), p.Key))
		if !ok {
			continue
		}
		if have, ok := convert.SettingFromObject(convert.ObjectAttr(currentAttrs, p.Key)); ok &&
			have.ManagersAllowed == wanted.ManagersAllowed && have.AssistantManagersAllowed == wanted.AssistantManagersAllowed &&
			have.MembersAllowed == wanted.MembersAllowed {
			continue
		}
		p.Set(patch, wanted)
		mask = append(mask, p.MaskPath)
	}
	return patch, mask
}

type spacePatch struct {
	space *chat.Space
	mask  []string
}

// spacePatches splits an update into the requests the API demands: masks it
// requires alone (history, audience, permissions) go in requests of their own.
func spacePatches(plan, state, config spaceModel) []spacePatch {
	var patches []spacePatch
	details := &chat.Space{}
	var mask []string
	if plan.SpaceType.ValueString() != state.SpaceType.ValueString() {
		details.SpaceType = plan.SpaceType.ValueString()
		mask = append(mask, "space_type")
	}
	if !plan.DisplayName.Equal(state.DisplayName) || len(mask) > 0 {
		details.DisplayName = plan.DisplayName.ValueString()
		mask = append(mask, "display_name")
	}
	if !plan.Description.Equal(state.Description) || !plan.Guidelines.Equal(state.Guidelines) {
		// Both fields travel together: the API replaces SpaceDetails whole.
		details.SpaceDetails = &chat.SpaceDetails{Description: plan.Description.ValueString(), Guidelines: plan.Guidelines.ValueString()}
		mask = append(mask, "space_details")
	}
	if len(mask) > 0 {
		patches = append(patches, spacePatch{details, mask})
	}
	if !plan.HistoryState.IsUnknown() && !plan.HistoryState.IsNull() && !plan.HistoryState.Equal(state.HistoryState) {
		patches = append(patches, spacePatch{&chat.Space{SpaceHistoryState: plan.HistoryState.ValueString()}, []string{"space_history_state"}})
	}
	if !config.AccessSettings.IsNull() && !config.AccessSettings.IsUnknown() {
		if wanted := audienceOf(config.AccessSettings); !wanted.IsUnknown() && !wanted.Equal(audienceOf(state.AccessSettings)) {
			patches = append(patches, spacePatch{
				&chat.Space{AccessSettings: &chat.AccessSettings{Audience: wanted.ValueString()}},
				[]string{"access_settings.audience"},
			})
		}
	}
	if patch, ok := accessPermissionPatch(config.AccessSettings, state.AccessSettings, state.PermissionSettings); ok {
		patches = append(patches, patch)
	}
	if patch, mask := permissionChanges(config.PermissionSettings, state.PermissionSettings); len(mask) > 0 {
		patches = append(patches, spacePatch{&chat.Space{PermissionSettings: patch}, mask})
	}
	return patches
}

// accessPermissionsOf is access_settings.access_permission_settings (null
// when access_settings is null or unknown).
func accessPermissionsOf(access types.Object) types.Object {
	if !convert.Known(access) {
		return types.ObjectNull(convert.AccessPermissionAttrTypes)
	}
	return convert.ObjectAttr(access.Attributes(), "access_permission_settings")
}

// audiencesOf is one access permission setting's audiences, sorted, and
// whether the configuration (or state) knows them.
func audiencesOf(settings types.Object, key string) ([]string, bool) {
	if !convert.Known(settings) {
		return nil, false
	}
	set, ok := settings.Attributes()[key].(types.Set)
	if !ok || !convert.Known(set) {
		return nil, false
	}
	audiences := convert.SetStrings(context.Background(), set, nil)
	slices.Sort(audiences)
	return audiences, true
}

// accessPermissionPatch is the request for the configured access permission
// settings that differ from state: each with its own
// access_settings.access_permission_settings.* mask, in one request with
// no other kind of mask, as spaces.patch demands. The membership view
// setting "Must be specified together with
// PermissionSettings.view_space_membership in the update mask and request
// body", and granting it to an audience must "also grant
// PermissionSettings.view_space_membership to all members in the same
// request": that setting travels along, as recorded, with members allowed
// when an audience may view.
func accessPermissionPatch(config, state, statePermissions types.Object) (spacePatch, bool) {
	wanted, have := accessPermissionsOf(config), accessPermissionsOf(state)
	settings := &chat.AccessPermissionSettings{}
	var mask []string
	var view *chat.PermissionSetting
	for _, p := range convert.AccessPermissions {
		audiences, known := audiencesOf(wanted, p.Key)
		if current, _ := audiencesOf(have, p.Key); !known || slices.Equal(audiences, current) {
			continue
		}
		p.Set(settings, convert.AccessPermissionSetting(audiences))
		mask = append(mask, "access_settings.access_permission_settings."+p.Field)
		if p.Key == "view_space_membership" {
			view = viewMembershipSetting(statePermissions, len(audiences) > 0)
		}
	}
	if len(mask) == 0 {
		return spacePatch{}, false
	}
	space := &chat.Space{AccessSettings: &chat.AccessSettings{AccessPermissionSettings: settings}}
	if view != nil {
		space.PermissionSettings = &chat.PermissionSettings{ViewSpaceMembership: view}
		mask = append(mask, "permission_settings.viewSpaceMembership")
	}
	return spacePatch{space, mask}, true
}

// viewMembershipSetting is permission_settings.view_space_membership as
// recorded, with members allowed when an audience is granted the view.
func viewMembershipSetting(permissions types.Object, audienceMayView bool) *chat.PermissionSetting {
	setting := &chat.PermissionSetting{ManagersAllowed: true}
	if convert.Known(permissions) {
		if recorded, ok := convert.SettingFromObject(convert.ObjectAttr(permissions.Attributes(), "view_space_membership")); ok {
			setting = recorded
		}
	}
	if audienceMayView {
		setting.MembersAllowed = true
	}
	return setting
}

func joinMask(mask []string) string { return strings.Join(mask, ",") }

// sameInstant reports whether a recorded RFC 3339 time and an answer's are
// the same instant, however each is spelled ("Z" or "+00:00", fractions).
func sameInstant(recorded types.String, answer string) bool {
	if !convert.Known(recorded) || answer == "" {
		return false
	}
	a, errA := time.Parse(time.RFC3339Nano, recorded.ValueString())
	b, errB := time.Parse(time.RFC3339Nano, answer)
	return errA == nil && errB == nil && a.Equal(b)
}

// readSpace is the space's refresh read: from spaces.list when that is
// cheaper (chatapi.Client.ReadSpace), if the list entry carries everything
// the prior state holds. A named space never comes from the list: its state
// holds permission settings, and "The `permissionSettings` field is not
// returned in the Space object for list requests" (ListSpacesResponse.spaces).
func readSpace(c *chatapi.Client, ctx context.Context, name string, prior spaceModel) (*chat.Space, error) {
	if spaceType := prior.SpaceType.ValueString(); spaceType != convert.SpaceTypeGroupChat && spaceType != convert.SpaceTypeDM {
		return c.ReadSpace(ctx, name, nil)
	}
	return c.ReadSpace(ctx, name, func(entry *chat.Space) bool { return spaceEntryCarries(entry, prior) })
}

// spaceEntryCarries says whether a spaces.list entry has every part of the
// space that prior records. Beyond permission settings, nothing documents
// which fields spaces.list fills, and a part the entry leaves out would read
// as drift, or keep a stale value; such a space is read with spaces.get
// instead, which costs one read and shows any real change.
func spaceEntryCarries(entry *chat.Space, prior spaceModel) bool {
	has := func(v types.String) bool { return convert.Known(v) && v.ValueString() != "" }
	switch {
	case !has(prior.SpaceType), entry.ImportMode || prior.ImportMode.ValueBool():
		// An import records whatever the answer holds: read it whole.
		return false
	case entry.SpaceType == convert.SpaceTypeSpace && (entry.PermissionSettings == nil || entry.AccessSettings == nil):
		// spaces.get fills both for a named space under user credentials.
		return false
	case !prior.PermissionSettings.IsNull() && entry.PermissionSettings == nil,
		!prior.AccessSettings.IsNull() && entry.AccessSettings == nil,
		has(prior.Description) && (entry.SpaceDetails == nil || entry.SpaceDetails.Description == ""),
		has(prior.Guidelines) && (entry.SpaceDetails == nil || entry.SpaceDetails.Guidelines == ""),
		// A boolean or count the entry leaves out reads as false or 0: a
		// recorded true (external_user_allowed replaces the space) or a
		// missing membershipCount is read whole.
		prior.ExternalUserAllowed.ValueBool() && !entry.ExternalUserAllowed,
		prior.SingleUserBotDm.ValueBool() && !entry.SingleUserBotDm,
		prior.AdminInstalled.ValueBool() && !entry.AdminInstalled,
		entry.MembershipCount == nil,
		has(prior.LastActiveTime) && entry.LastActiveTime == "",
		has(prior.DisplayName) && entry.DisplayName == "",
		has(prior.HistoryState) && entry.SpaceHistoryState == "",
		has(prior.SpaceURI) && entry.SpaceUri == "",
		has(prior.CreateTime) && entry.CreateTime == "",
		has(prior.ThreadingState) && entry.SpaceThreadingState == "":
		return false
	}
	return true
}
