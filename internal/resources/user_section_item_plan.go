package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// ModifyPlan refuses app credentials before any write: items.list and move
// each "Requires user authentication" (discovery document). It keeps the
// item's name from state unless the space moves to another section (the
// name carries the section). Client-dependent, so here rather than in an
// attribute plan modifier (see DESIGN.md).
func (r *userSectionItemResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !userOnlyPlan(r.client, req, &resp.Diagnostics, path.Root("section"), "arrange their sections",
		"users.sections.items.list and move") {
		return
	}
	var planned, prior, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("section"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("section"), &prior)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	if convert.Known(planned) && sectionID(planned.ValueString()) == sectionID(prior.ValueString()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("name"), name)...)
	}
}
