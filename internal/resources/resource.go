// Package resources holds the provider's managed resources. Every resource
// X has the same files: X.go (type, model, Metadata, Configure, Create, Read,
// Update, Delete, ImportState, then its private helpers), X_schema.go,
// X_plan.go (ValidateConfig, ModifyPlan, plan modifiers) and X_mappers.go
// (pure functions between API objects and the model). DESIGN.md says more.
package resources

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// emailNeedsUserCredentials is why an email in users/{email} is refused with
// app credentials.
const emailNeedsUserCredentials = "the Chat API accepts an email as users/{email} only with user credentials; " +
	"use users/{id} or a provider with user credentials"

// isEmailUser reports whether name is users/{email}.
func isEmailUser(name string) bool {
	return strings.HasPrefix(name, "users/") && strings.Contains(name, "@")
}

// rejectEmails reports, at plan time, every users/{email} in names that a
// provider with app credentials would send to the API. A nil client (the
// provider is not configured yet) checks nothing.
func rejectEmails(client *chatapi.Client, diags *diag.Diagnostics, at path.Path, names ...string) {
	if client == nil || client.AuthMode != chatapi.AuthModeApp {
		return
	}
	for _, name := range names {
		if isEmailUser(name) {
			diags.AddAttributeError(at, "Email Needs User Credentials",
				fmt.Sprintf("%s: %s. The provider uses app credentials.", name, emailNeedsUserCredentials))
		}
	}
}

// knownStrings are the known strings of a set, which may hold unknown
// elements at plan time; none for a null or unknown set.
func knownStrings(set types.Set) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []string
	for _, element := range set.Elements() {
		if s, ok := element.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out = append(out, s.ValueString())
		}
	}
	return out
}
