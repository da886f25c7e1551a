package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
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
		Validators:    []validator.String{convert.ValidSpaceName},
	}
}

// useAdminAccessAttribute is a resource's own use_admin_access: changing it
// only changes how later calls are made.
func useAdminAccessAttribute(methods string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Send " + methods + " with Google Workspace administrator privileges (`useAdminAccess`), " +
			"overriding the provider's `use_admin_access`; null uses the provider's. Needs the user credentials of an " +
			"administrator with the \"manage chat and spaces conversations\" privilege and the `chat.admin.*` scopes (the " +
			"provider adds them to its default scopes only when its own `use_admin_access` is true). An import reads with " +
			"the provider's setting. Changing it makes no API call.",
	}
}

// adminAccess is whether a resource's calls run with administrator
// privileges: its own use_admin_access, else the provider's.
func adminAccess(ctx context.Context, client *chatapi.Client, own types.Bool) bool {
	_, on := glue.AdminAccess(ctx, client, own)
	return on
}

// stringModifier is a string plan modifier made of its description and its
// rule, so a resource's own modifiers are a value each, not a type with
// three methods.
type stringModifier struct {
	description string
	modify      func(context.Context, planmodifier.StringRequest, *planmodifier.StringResponse)
}

func (m stringModifier) Description(context.Context) string { return m.description }

func (m stringModifier) MarkdownDescription(context.Context) string { return m.description }

func (m stringModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	m.modify(ctx, req, resp)
}
