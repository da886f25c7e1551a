package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func (r *spaceMembersResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, ok := getModel[spaceMembersModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	seen := map[string]string{}
	for _, set := range roleSets {
		for _, user := range convert.SetStrings(ctx, config.attribute(set.attribute), &resp.Diagnostics) {
			if other, dup := seen[strings.ToLower(user)]; dup {
				resp.Diagnostics.AddAttributeError(path.Root(set.attribute), "Member Listed Twice",
					fmt.Sprintf("%s is in both %s and %s; a member has one role.", user, other, set.attribute))
			}
			seen[strings.ToLower(user)] = set.attribute
		}
	}
}

// ModifyPlan refuses, with app credentials, a users/{email} the apply would
// send to the API: every one a new resource lists, and on an update those
// not in state yet (the ones in state are known by their users/{id}).
func (r *spaceMembersResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var config, state spaceMembersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	recorded := map[string]bool{}
	for _, set := range roleSets {
		for _, spelling := range convert.SetStrings(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			recorded[spelling] = true
		}
	}
	for _, set := range roleSets {
		if !convert.Known(config.attribute(set.attribute)) {
			continue
		}
		var added []string
		for _, spelling := range convert.SetStrings(ctx, config.attribute(set.attribute), &resp.Diagnostics) {
			if !recorded[spelling] {
				added = append(added, spelling)
			}
		}
		rejectEmails(r.client, &resp.Diagnostics, path.Root(set.attribute), added...)
	}
}
