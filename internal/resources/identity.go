package resources

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource's identity (Terraform 1.12 and later) is one string: the
// object's full API resource name, or for google_chat_space_members the
// space. It never changes for the life of the object.

// identitySchema is the identity schema with one attribute.
func identitySchema(attribute, description string) identityschema.Schema {
	return identityschema.Schema{
		Version: 0,
		Attributes: map[string]identityschema.Attribute{
			attribute: identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// setIdentity records the identity. identity is nil where Terraform does not
// support identities or a test drives the resource directly.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attribute string, value types.String, diags *diag.Diagnostics) {
	if identity == nil || value.IsNull() || value.IsUnknown() {
		return
	}
	// An identity is one string attribute: build its value directly rather
	// than walk its schema.
	if object, ok := identity.Raw.Type().(tftypes.Object); ok && len(object.AttributeTypes) == 1 && object.AttributeTypes[attribute] != nil &&
		object.AttributeTypes[attribute].Is(tftypes.String) {
		identity.Raw = tftypes.NewValue(object, map[string]tftypes.Value{attribute: tftypes.NewValue(tftypes.String, value.ValueString())})
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(attribute), value)...)
}

// importID is what an import names the object by: the ID of `terraform
// import` or an import block's `id`, or else the identity's attribute.
func importID(ctx context.Context, req resource.ImportStateRequest, attribute string, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var value types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attribute), &value)...)
	return value.ValueString()
}

// importAs imports by the object's API name: the import's ID or identity
// (importID), made canonical by canonical, recorded as attribute and id. An
// ID canonical refuses is an error saying it is not usage.
func importAs(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, attribute string,
	canonical func(string) (string, bool), usage string) (string, bool) {
	id := importID(ctx, req, attribute, &resp.Diagnostics)
	name, ok := canonical(id)
	if !ok {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%q is not %s", id, usage))
		return "", false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attribute), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	return name, true
}

// matching is importAs's canonical for names pattern matches as written.
func matching(pattern *regexp.Regexp) func(string) (string, bool) {
	return func(id string) (string, bool) { return id, pattern.MatchString(id) }
}
