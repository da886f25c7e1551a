// Package resources holds the provider's managed resources.
package resources

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// addAPIError reports a failed API call the same way everywhere: what the
// provider tried, what the API said, and what the user can do.
func addAPIError(diags *diag.Diagnostics, summary, method string, err error, advice string) {
	detail := fmt.Sprintf("%s failed: %v", method, err)
	if advice != "" {
		detail += "\n\n" + advice
	}
	diags.AddError(summary, detail)
}

// clientFrom takes the provider's API client from Configure data.
func clientFrom(data any, diags *diag.Diagnostics) *chatapi.Client {
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

// configured reports false, with an error, when the provider has no client:
// its configuration was not known when Terraform configured it.
func configured(client *chatapi.Client, diags *diag.Diagnostics) bool {
	if client == nil {
		diags.AddError("Provider Not Configured",
			"The googlechat provider's configuration depends on values not known yet, so it can't call the Chat API. "+
				"Apply the resources it depends on first (terraform apply -target=...), or set the provider's attributes to known values.")
		return false
	}
	return true
}

// defaultTimeout bounds an operation, retries and quota waits included,
// unless the resource's timeouts block says otherwise.
const defaultTimeout = 20 * time.Minute

// begin starts a create, update or delete: it needs a configured client, and
// bounds ctx by the operation's timeout from plan or state.
func begin(ctx context.Context, client *chatapi.Client, from interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, get func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	if !configured(client, diags) {
		return ctx, func() {}, false
	}
	return withTimeout(ctx, from, get, diags)
}

// withTimeout reads the timeouts block from plan or state and bounds ctx.
func withTimeout(ctx context.Context, from interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, get func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	var value timeouts.Value
	diags.Append(from.GetAttribute(ctx, path.Root("timeouts"), &value)...)
	limit, d := get(value, ctx, defaultTimeout)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	return ctx, cancel, true
}
