// Package glue is the one layer between the framework and the Chat API
// client that resources and data sources share: taking the client from the
// provider, and reporting API errors so every one reads the same.
package glue

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// ClientFrom takes the provider's API client from Configure data.
func ClientFrom(data any, diags *diag.Diagnostics) *chatapi.Client {
	if data == nil {
		return nil // the provider is not configured yet (validate, early plan)
	}
	client, ok := data.(*chatapi.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *chatapi.Client, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return client
}

// Configured reports false, with an error, when the provider has no client:
// its configuration was not known when Terraform configured it.
func Configured(client *chatapi.Client, diags *diag.Diagnostics) bool {
	if client == nil {
		diags.AddError("Provider Not Configured",
			"The googlechat provider's configuration depends on values not known yet, so it can't call the Chat API. "+
				"Apply the resources it depends on first (terraform apply -target=...), or set the provider's attributes to known values.")
		return false
	}
	return true
}

// APIErrorDetail says what the provider tried, what the API answered, and
// what the user can do, the same way for every call.
func APIErrorDetail(method string, err error, advice string) string {
	detail := fmt.Sprintf("%s failed: %v", method, err)
	if advice = strings.TrimSpace(advice); advice != "" {
		detail += "\n\n" + advice
	}
	return detail
}

// AddAPIError reports a failed API call against the whole resource.
func AddAPIError(diags *diag.Diagnostics, summary, method string, err error, advice string) {
	diags.AddError(summary, APIErrorDetail(method, err, advice))
}

// AddAttributeAPIError reports a failed API call against the attribute at fault.
func AddAttributeAPIError(diags *diag.Diagnostics, attribute path.Path, summary, method string, err error, advice string) {
	diags.AddAttributeError(attribute, summary, APIErrorDetail(method, err, advice))
}

// Config reads a data source's or resource's configuration into a model of
// type T. It reports false, with the diagnostics set, when there is no
// configured client or the configuration does not decode.
func Config[T any](ctx context.Context, client *chatapi.Client, config tfsdk.Config, diags *diag.Diagnostics) (T, bool) {
	var model T
	if !Configured(client, diags) {
		return model, false
	}
	diags.Append(config.Get(ctx, &model)...)
	return model, !diags.HasError()
}

// RequireUser refuses app credentials for a method the Chat API serves only
// with user authentication (its description: "Requires user
// authentication"), with an error on the attribute at: action says what only
// users may do ("pin messages"), methods names the API methods. A nil client
// (not configured yet) passes. It reports whether the caller may go on.
func RequireUser(client *chatapi.Client, diags *diag.Diagnostics, at path.Path, action, methods string) bool {
	if client == nil || client.AuthMode != chatapi.AuthModeApp {
		return true
	}
	diags.AddAttributeError(at, "User Credentials Required", fmt.Sprintf(
		"The Chat API lets only users %s: %s each \"Requires user authentication\". Use a provider with user "+
			"credentials (auth_mode = \"user\"); %s.", action, methods, client.AuthModeNote()))
	return false
}

// AdminAccess applies a resource's or data source's own use_admin_access
// to the calls made with ctx (null or unknown: the provider's setting), and
// reports whether those calls run with administrator privileges.
func AdminAccess(ctx context.Context, client *chatapi.Client, own types.Bool) (context.Context, bool) {
	if !own.IsNull() && !own.IsUnknown() {
		return chatapi.WithAdminAccess(ctx, own.ValueBool()), own.ValueBool()
	}
	return ctx, client != nil && client.UseAdminAccess
}
