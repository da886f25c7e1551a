package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan refuses app credentials before any write: every users.sections
// method "Requires user authentication" (discovery document). A position
// to apply makes sort_order unknown. Client-dependent, so here rather than
// in an attribute plan modifier (see DESIGN.md).
func (r *userSectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !userOnlyPlan(r.client, req, &resp.Diagnostics, path.Root("display_name"), "manage their sections",
		"users.sections.create, list, patch, position and delete") {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("position"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("position"), &prior)...)
	if planned.IsUnknown() || positionChanged(planned, prior) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("sort_order"), types.Int64Unknown())...)
	}
}
