package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// Schema pieces every resource shares.

// timeoutsBlock is every resource's timeouts block: create, update, delete.
func timeoutsBlock(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})}
}

// keptComputed is a value the API sets at creation and never changes (id,
// name): plans keep it from state.
func keptComputed(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// spaceAttribute is the space an object lives in, `spaces/{space}`:
// required, and changing it replaces the object.
func spaceAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:    []validator.String{stringvalidator.RegexMatches(convert.SpaceNamePattern, "must be spaces/{space}")},
	}
}
