package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// ModifyPlan refuses app credentials before any write: every
// spaces.messagePins method "Requires user authentication" (discovery
// document). Client-dependent, so here rather than in an attribute plan
// modifier (see DESIGN.md).
func (r *messagePinResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() && req.State.Raw.IsNull() {
		glue.RequireUser(r.client, &resp.Diagnostics, path.Root("message"), "pin messages", "spaces.messagePins.create, list and delete")
	}
}
