package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// ModifyPlan refuses app credentials before any write: every
// spaces.messagePins method "Requires user authentication" (discovery
// document). Client-dependent, so here rather than in an attribute plan
// modifier (see DESIGN.md).
func (r *messagePinResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.client == nil || r.client.AuthMode != chatapi.AuthModeApp {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("message"), "User Credentials Required",
		"The Chat API pins messages only with user authentication (spaces.messagePins.create \"Requires user authentication\"); "+
			"use a provider with user credentials (auth_mode = \"user\") for google_chat_message_pin. "+r.client.AuthModeNote()+".")
}
