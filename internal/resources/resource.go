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
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// defaultTimeout bounds an operation, retries and quota waits included,
// unless the resource's timeouts block says otherwise.
const defaultTimeout = 20 * time.Minute

// attributeGetter is a plan, state or config.
type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

// modelGetter is a plan or state, read whole into a model.
type modelGetter interface {
	attributeGetter
	Get(context.Context, any) diag.Diagnostics
}

// managedResource is what every resource implements (DESIGN.md): CRUD and
// Configure, import, a resource identity, and ModifyPlan for the plan-time
// rules that need the client; validatedResource adds ValidateConfig for the
// rules across attributes.
type (
	managedResource interface {
		resource.ResourceWithConfigure
		resource.ResourceWithImportState
		resource.ResourceWithIdentity
		resource.ResourceWithModifyPlan
	}
	validatedResource interface {
		managedResource
		resource.ResourceWithValidateConfig
	}
)

// base is what every resource embeds: its type name, its identity (one
// attribute, see identity.go), and the one client, which Configure takes from
// the provider (nil until the provider is configured).
type base struct {
	typeName            string
	identity            string
	identityDescription string
	client              *chatapi.Client
}

func (b *base) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = b.typeName
}

func (b *base) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(b.identity, b.identityDescription)
}

func (b *base) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.client = glue.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// getModel reads a configuration, plan or state whole into a model of
// type M; ok is false after any error so far.
func getModel[M any](ctx context.Context, from interface {
	Get(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics) (M, bool) {
	var model M
	diags.Append(from.Get(ctx, &model)...)
	return model, !diags.HasError()
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
	return withAdminAccess(ctx, from), cancel, true
}

// withAdminAccess applies the resource's own use_admin_access to the calls
// made with ctx (chatapi.WithAdminAccess). Resources without the
// attribute, or with it null, keep the provider's setting.
func withAdminAccess(ctx context.Context, from attributeGetter) context.Context {
	value, found, ok := rawAttribute(from, "use_admin_access")
	var own types.Bool
	switch {
	case ok && !found:
		return ctx
	case ok && value.IsNull():
		own = types.BoolNull()
	case ok && value.IsKnown() && value.Type().Is(tftypes.Bool):
		var b bool
		_ = value.As(&b)
		own = types.BoolValue(b)
	default:
		if diags := from.GetAttribute(ctx, path.Root("use_admin_access"), &own); diags.HasError() {
			return ctx
		}
	}
	ctx, _ = glue.AdminAccess(ctx, nil, own)
	return ctx
}

// beginWith is begin, then reads the plan or state it was given into a
// model of type M.
func beginWith[M any](ctx context.Context, client *chatapi.Client, from modelGetter, get timeoutOf, diags *diag.Diagnostics) (context.Context, context.CancelFunc, M, bool) {
	var model M
	ctx, cancel, ok := begin(ctx, client, from, get, diags)
	if !ok {
		return ctx, cancel, model, false
	}
	if diags.Append(from.Get(ctx, &model)...); diags.HasError() {
		cancel()
		return ctx, func() {}, model, false
	}
	return ctx, cancel, model, true
}

// beginUpdate is beginWith for an Update: the plan, then the prior state.
func beginUpdate[M any](ctx context.Context, client *chatapi.Client, req resource.UpdateRequest, diags *diag.Diagnostics) (context.Context, context.CancelFunc, M, M, bool) {
	var state M
	ctx, cancel, plan, ok := beginWith[M](ctx, client, req.Plan, timeouts.Value.Update, diags)
	if ok {
		if diags.Append(req.State.Get(ctx, &state)...); diags.HasError() {
			cancel()
			return ctx, func() {}, plan, state, false
		}
	}
	return ctx, cancel, plan, state, ok
}

// beginRead starts a Read: it needs a configured client, reads the prior
// state into a model of type M, and sets the identity from the state's
// attribute of the same name. Every read returns an identity, even one that
// removes the resource: the framework insists where Terraform (1.11) or an
// older state has none.
func beginRead[M any](ctx context.Context, client *chatapi.Client, from modelGetter, identity *tfsdk.ResourceIdentity, attribute string, diags *diag.Diagnostics) (M, bool) {
	var model M
	if !glue.Configured(client, diags) {
		return model, false
	}
	if diags.Append(from.Get(ctx, &model)...); diags.HasError() {
		return model, false
	}
	setIdentity(ctx, identity, attribute, stringAttribute(ctx, from, attribute, diags), diags)
	return model, !diags.HasError()
}

// stringAttribute is a top-level string attribute of from, read from its
// raw value: GetAttribute walks the schema (the framework copies its
// attribute map at each step), which a refresh of thousands of objects
// pays for three times per object.
func stringAttribute(ctx context.Context, from attributeGetter, attribute string, diags *diag.Diagnostics) types.String {
	if value, found, ok := rawAttribute(from, attribute); ok && found && value.Type().Is(tftypes.String) {
		var s string
		switch {
		case value.IsNull():
			return types.StringNull()
		case !value.IsKnown():
			return types.StringUnknown()
		case value.As(&s) == nil:
			return types.StringValue(s)
		}
	}
	var value types.String
	diags.Append(from.GetAttribute(ctx, path.Root(attribute), &value)...)
	return value
}

// rawAttribute is a top-level attribute of a state, plan or config's raw
// value. ok: from holds a known object value (else ask GetAttribute);
// found: the object has the attribute.
func rawAttribute(from attributeGetter, attribute string) (value tftypes.Value, found, ok bool) {
	var raw tftypes.Value
	switch data := from.(type) {
	case tfsdk.State:
		raw = data.Raw
	case *tfsdk.State:
		raw = data.Raw
	case tfsdk.Plan:
		raw = data.Raw
	case tfsdk.Config:
		raw = data.Raw
	default:
		return value, false, false
	}
	object, isObject := raw.Type().(tftypes.Object)
	if !isObject || raw.IsNull() || !raw.IsKnown() {
		return value, false, false
	}
	if _, found = object.AttributeTypes[attribute]; !found {
		return value, false, true
	}
	step, err := raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName(attribute))
	if value, isValue := step.(tftypes.Value); err == nil && isValue {
		return value, true, true
	}
	return value, false, false
}

// rawIsNull says whether from's attribute is null or absent, from its raw
// value; a value that can't be read raw answers ifUnreadable.
func rawIsNull(from attributeGetter, attribute string, ifUnreadable bool) bool {
	value, found, ok := rawAttribute(from, attribute)
	if !ok {
		return ifUnreadable
	}
	return !found || value.IsNull()
}

// saveState records model as the resource's state, and the identity from
// the state's attribute of the same name (see setIdentity).
func saveState(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, model any, attribute string, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, model)...)
	setIdentity(ctx, identity, attribute, stringAttribute(ctx, state, attribute, diags), diags)
}

// recordPlan is the Update of a resource whose every argument replaces it:
// only its timeouts can change in place, so the plan is recorded and
// nothing is sent.
func recordPlan[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if plan, ok := getModel[M](ctx, req.Plan, &resp.Diagnostics); ok {
		saveState(ctx, &resp.State, resp.Identity, &plan, "name", &resp.Diagnostics)
	}
}

// refresh is the whole Read of a resource whose state is one API object
// named by its "name": get reads it (see readObject), given the prior state
// (a list-answered read checks the list entry against it), and fromAPI maps
// it over the prior state.
func refresh[M, T any](ctx context.Context, client *chatapi.Client, req resource.ReadRequest, resp *resource.ReadResponse,
	get func(*chatapi.Client, context.Context, string, M) (T, error), deleted func(T) bool, advice readAdvice, fromAPI func(T, M) M) {
	state, ok := beginRead[M](ctx, client, req.State, resp.Identity, "name", &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = withAdminAccess(ctx, req.State)
	name := stringAttribute(ctx, req.State, "name", &resp.Diagnostics)
	getByName := func(ctx context.Context, name string) (T, error) { return get(client, ctx, name, state) }
	if out, ok := readObject(ctx, resp, name.ValueString(), getByName, deleted, advice); ok {
		state = fromAPI(out, state)
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	}
}

// byName is refresh's get for an object read by its name alone.
func byName[M, T any](get func(*chatapi.Client, context.Context, string) (T, error)) func(*chatapi.Client, context.Context, string, M) (T, error) {
	return func(c *chatapi.Client, ctx context.Context, name string, _ M) (T, error) { return get(c, ctx, name) }
}

// readAdvice is what a Read says when its object is gone (a warning, and
// what follows the object's name) or can't be read (an error summary, and
// the API method that failed).
type readAdvice struct{ warning, gone, summary, method string }

// readObject gets the object a Read refreshes by its API name. When the API
// answers 404, or deleted says the object is gone all the same (a deleted
// message, a member who left), it warns and removes the resource; any other
// error is reported. ok: out is the object, to map into state.
func readObject[T any](ctx context.Context, resp *resource.ReadResponse, name string, get func(context.Context, string) (T, error),
	deleted func(T) bool, advice readAdvice) (out T, ok bool) {
	out, err := get(ctx, name)
	if chatapi.IsNotFound(err) || err == nil && deleted(out) {
		resp.Diagnostics.AddWarning(advice.warning, name+" "+advice.gone)
		resp.State.RemoveResource(ctx)
		return out, false
	}
	if err != nil {
		hint := ""
		if chatapi.IsPermissionDenied(err) {
			// A 403 is not a 404: the object may well exist, out of the
			// caller's sight. Never drop it from state (a plan would then
			// create a second one).
			hint = name + " may still exist, but these credentials may not read it (no longer a member, or another " +
				"principal's object). Terraform keeps it in state and will not create it again: restore the caller's access, " +
				"use the credentials that manage it, or run terraform state rm if it should be forgotten."
		}
		glue.AddAPIError(&resp.Diagnostics, advice.summary, advice.method, err, hint)
		return out, false
	}
	return out, true
}

// changedAfterCreate replaces when an input-only value changes to another
// value; setting one after import (null state) or removing one only records it.
func changedAfterCreate(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull() && !req.StateValue.Equal(req.PlanValue)
}

// instantChanged replaces the object when a configured time names another
// instant than the recorded one: "2019-06-01T09:00:00Z" and
// "2019-06-01T11:00:00+02:00" are the same time, however the API spells it.
func instantChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = convert.Known(req.ConfigValue) && convert.Known(req.StateValue) &&
		!sameInstant(req.StateValue, req.ConfigValue.ValueString())
}

// boolChangedAfterCreate is changedAfterCreate for a boolean: only a value
// that was recorded and now differs replaces the object.
func boolChangedAfterCreate(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull() && !req.StateValue.Equal(req.PlanValue)
}

// emailNeedsUserCredentials is why an email in users/{email} is refused with
// app credentials.
const emailNeedsUserCredentials = "the Chat API accepts an email as users/{email} only with user credentials; " +
	"use users/{id} or a provider with user credentials"

// userOnlyPlan starts the ModifyPlan of a resource only users may manage:
// a plan that creates one is refused with app credentials (the error points
// at at). It reports whether the plan updates an existing resource, the only
// plan the caller's own rules are left to shape.
func userOnlyPlan(client *chatapi.Client, req resource.ModifyPlanRequest, diags *diag.Diagnostics, at path.Path, action, methods string) (updating bool) {
	switch {
	case req.Plan.Raw.IsNull():
		return false
	case req.State.Raw.IsNull():
		glue.RequireUser(client, diags, at, action, methods)
		return false
	}
	return true
}

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
