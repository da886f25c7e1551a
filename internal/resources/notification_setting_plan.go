package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// ConfigValidators: a patch needs at least one field ("updateMask ...
// Required", discovery document), and a resource that sets nothing would
// only reset the setting on destroy.
func (r *notificationSettingResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("notification_setting"), path.MatchRoot("mute_setting")),
	}
}

// ModifyPlan refuses app credentials before any write: get and patch each
// "Requires user authentication" (discovery document). It also plans the
// name, users/me/{space}/spaceNotificationSetting, as soon as space is
// known. Client-dependent, so here rather than in an attribute plan
// modifier (see DESIGN.md).
func (r *notificationSettingResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() && !glue.RequireUser(r.client, &resp.Diagnostics, path.Root("space"), "manage their space notification settings",
		"users.spaces.spaceNotificationSetting.get and patch") {
		return
	}
	var space, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("space"), &space)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if name.IsUnknown() && !space.IsNull() && !space.IsUnknown() {
		planned := notificationSettingName(space.ValueString())
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("name"), planned)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), planned)...)
	}
}
