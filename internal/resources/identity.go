package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
