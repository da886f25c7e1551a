// Package resources holds the provider's managed resources. Every resource
// X has the same files: X.go (type, model, Metadata, Configure, Create, Read,
// Update, Delete, ImportState, then its private helpers), X_schema.go,
// X_plan.go (ValidateConfig, ModifyPlan, plan modifiers) and X_mappers.go
// (pure functions between API objects and the model). DESIGN.md says more.
package resources

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// defaultTimeout bounds an operation, retries and quota waits included,
// unless the resource's timeouts block says otherwise.
const defaultTimeout = 20 * time.Minute

// attributeGetter is a plan, state or config.
type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

// timeoutOf is one of timeouts.Value's Create, Update or Delete methods.
type timeoutOf func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// begin starts a create, update or delete: it needs a configured client, and
// bounds ctx by the operation's timeout from plan or state.
func begin(ctx context.Context, client *chatapi.Client, from attributeGetter, get timeoutOf, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	if !glue.Configured(client, diags) {
		return ctx, func() {}, false
	}
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

// changedAfterCreate replaces when an input-only value changes to another
// value; setting one after import (null state) or removing one only records it.
func changedAfterCreate(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull() && !req.StateValue.Equal(req.PlanValue)
}
