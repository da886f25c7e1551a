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
	var config spaceMembersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
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
