package resources

// A harness that drives a resource's methods directly, without the Terraform
// CLI: models go in as tfsdk values built from the resource's own schema, the
// resource talks to an in-process emulator, and the response state comes back
// as a model. The unit_*_test.go files use it; they run without TF_ACC.

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/testclient"
)

// uEnv is one test's emulator and the two clients the provider would build:
// the Chat app (app credentials) and alice (user credentials).
type uEnv struct {
	srv  *emulator.Server
	app  *chatapi.Client
	user *chatapi.Client
}

func newUEnv(t *testing.T) *uEnv {
	t.Helper()
	return newUEnvWith(t, emulator.Options{})
}

func newUEnvWith(t *testing.T, opts emulator.Options) *uEnv {
	t.Helper()
	srv := emulator.NewTestServer(t, opts)
	return &uEnv{
		srv:  srv,
		app:  uClient(t, srv, "app", chatapi.AuthModeApp),
		user: uClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser),
	}
}

// uClient is a client of srv (testclient.New).
func uClient(t *testing.T, srv *emulator.Server, token string, mode chatapi.AuthMode) *chatapi.Client {
	t.Helper()
	return testclient.New(t, srv.URL, token, mode)
}

// uHarness drives one resource.
type uHarness struct {
	t      *testing.T
	ctx    context.Context
	r      resource.Resource
	schema schema.Schema
	// identity is the identity schema, nil when the resource has none.
	identity *identityschema.Schema
}

// newUHarness gets the resource's schema and configures it with client (nil:
// an unconfigured provider, as during validate).
func newUHarness(t *testing.T, r resource.Resource, client *chatapi.Client) *uHarness {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	uNoErrors(t, "Schema", sresp.Diagnostics)
	if diags := sresp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("schema: %v", diags)
	}
	h := &uHarness{t: t, ctx: ctx, r: r, schema: sresp.Schema}
	if withIdentity, ok := r.(resource.ResourceWithIdentity); ok {
		var iresp resource.IdentitySchemaResponse
		withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &iresp)
		uNoErrors(t, "IdentitySchema", iresp.Diagnostics)
		h.identity = &iresp.IdentitySchema
	}
	if client != nil {
		var cresp resource.ConfigureResponse
		r.(resource.ResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{ProviderData: client}, &cresp)
		uNoErrors(t, "Configure", cresp.Diagnostics)
	}
	return h
}

func (h *uHarness) objectType() tftypes.Object {
	return h.schema.Type().TerraformType(h.ctx).(tftypes.Object)
}

// nullRaw is an object whose every attribute and block is null.
func (h *uHarness) nullRaw() tftypes.Value {
	typ := h.objectType()
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	return tftypes.NewValue(typ, values)
}

// null fills model (a pointer) with null values of the right types, nested
// objects and timeouts included: the starting point of every model.
func (h *uHarness) null(model any) {
	h.t.Helper()
	h.decode(h.nullRaw(), model)
}

// raw encodes a model as a value of the schema's type.
func (h *uHarness) raw(model any) tftypes.Value {
	h.t.Helper()
	state := tfsdk.State{Schema: h.schema, Raw: h.nullRaw()}
	uNoErrors(h.t, "encoding model", state.Set(h.ctx, model))
	return state.Raw
}

// decode reads a value of the schema's type into model (a pointer).
func (h *uHarness) decode(raw tftypes.Value, model any) {
	h.t.Helper()
	state := tfsdk.State{Schema: h.schema, Raw: raw}
	uNoErrors(h.t, "decoding model", state.Get(h.ctx, model))
}

func (h *uHarness) config(model any) tfsdk.Config {
	return tfsdk.Config{Schema: h.schema, Raw: h.raw(model)}
}

func (h *uHarness) state(model any) tfsdk.State {
	return tfsdk.State{Schema: h.schema, Raw: h.raw(model)}
}

func (h *uHarness) emptyState() tfsdk.State {
	return tfsdk.State{Schema: h.schema, Raw: tftypes.NewValue(h.objectType(), nil)}
}

// planFromConfig is what Terraform plans for a create before plan
// modifiers: the configuration, with computed attributes that are not
// configured set to their default or unknown (nested objects too).
func (h *uHarness) planFromConfig(config tftypes.Value) tfsdk.Plan {
	h.t.Helper()
	return tfsdk.Plan{Schema: h.schema, Raw: uPlanObject(h.t, h.ctx, h.schema.Attributes, config)}
}

func uPlanObject(t *testing.T, ctx context.Context, attributes map[string]schema.Attribute, object tftypes.Value) tftypes.Value {
	t.Helper()
	var shared map[string]tftypes.Value
	if err := object.As(&shared); err != nil {
		t.Fatal(err)
	}
	values := maps.Clone(shared) // As shares the value's own map
	for name, attribute := range attributes {
		value := values[name]
		switch {
		case value.IsNull() && attribute.IsComputed():
			values[name] = tftypes.NewValue(value.Type(), tftypes.UnknownValue)
			if s, ok := attribute.(schema.StringAttribute); ok && s.Default != nil {
				var resp defaults.StringResponse
				s.Default.DefaultString(ctx, defaults.StringRequest{}, &resp)
				v, err := resp.PlanValue.ToTerraformValue(ctx)
				if err != nil {
					t.Fatal(err)
				}
				values[name] = v
			}
		case !value.IsNull() && value.IsKnown():
			if nested, ok := attribute.(schema.SingleNestedAttribute); ok {
				values[name] = uPlanObject(t, ctx, nested.Attributes, value)
			}
		}
	}
	return tftypes.NewValue(object.Type(), values)
}

// newIdentity is an identity with every attribute null (nil without an
// identity schema), as the framework passes to Create and ImportState.
func (h *uHarness) newIdentity() *tfsdk.ResourceIdentity {
	if h.identity == nil {
		return nil
	}
	typ := h.identity.Type().TerraformType(h.ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	return &tfsdk.ResourceIdentity{Schema: h.identity, Raw: tftypes.NewValue(typ, values)}
}

// uPrivate is an empty private state, of the framework's internal type.
func uPrivate[T any](field *T) {
	v := reflect.ValueOf(field).Elem()
	v.Set(reflect.New(v.Type().Elem()))
}

// uResult is what an operation left: its state (null raw when removed) and diagnostics.
type uResult struct {
	h        *uHarness
	state    tfsdk.State
	private  any
	identity *tfsdk.ResourceIdentity
	diags    diag.Diagnostics
}

// identityOf returns the identity attribute the operation recorded.
func (r uResult) identityOf(attribute string) string {
	r.h.t.Helper()
	if r.identity == nil {
		r.h.t.Fatal("the resource has no identity")
	}
	var value types.String
	uNoErrors(r.h.t, "reading identity", r.identity.GetAttribute(r.h.ctx, path.Root(attribute), &value))
	return value.ValueString()
}

// model decodes the result's state into model (a pointer).
func (r uResult) model(model any) {
	r.h.t.Helper()
	if r.state.Raw.IsNull() {
		r.h.t.Fatalf("the state was removed; diagnostics: %v", r.diags)
	}
	r.h.decode(r.state.Raw, model)
}

func (r uResult) removed() bool { return r.state.Raw.IsNull() }

// create plans config as Terraform would (see planFromConfig) and creates it.
func (h *uHarness) create(config any) uResult {
	h.t.Helper()
	cfg := h.config(config)
	req := resource.CreateRequest{Config: cfg, Plan: h.planFromConfig(cfg.Raw)}
	req.Identity = h.newIdentity()
	resp := resource.CreateResponse{State: h.emptyState(), Identity: req.Identity}
	uPrivate(&resp.Private)
	h.r.Create(h.ctx, req, &resp)
	return uResult{h: h, state: resp.State, private: resp.Private, identity: resp.Identity, diags: resp.Diagnostics}
}

// mustCreate creates config and returns the new state, failing on any error.
func (h *uHarness) mustCreate(config any) uResult {
	h.t.Helper()
	res := h.create(config)
	uNoErrors(h.t, "Create", res.diags)
	return res
}

// read refreshes prior (a model pointer or a uResult).
func (h *uHarness) read(prior any) uResult {
	h.t.Helper()
	req := resource.ReadRequest{Identity: h.newIdentity()}
	switch p := prior.(type) {
	case uResult:
		req.State = p.state
		uSetPrivate(&req.Private, p.private)
		if p.identity != nil {
			req.Identity = p.identity
		}
	default:
		req.State = h.state(prior)
	}
	// As the framework does, Read's response starts with the prior private
	// state, so what Read leaves alone travels on.
	resp := resource.ReadResponse{State: req.State, Identity: req.Identity, Private: req.Private}
	h.r.Read(h.ctx, req, &resp)
	return uResult{h: h, state: resp.State, private: resp.Private, identity: resp.Identity, diags: resp.Diagnostics}
}

// update applies plan over prior (a uResult), with plan as configuration too.
func (h *uHarness) update(prior uResult, plan, config any) uResult {
	h.t.Helper()
	req := resource.UpdateRequest{Config: h.config(config), Plan: tfsdk.Plan{Schema: h.schema, Raw: h.raw(plan)}, State: prior.state,
		Identity: prior.identity}
	uSetPrivate(&req.Private, prior.private)
	resp := resource.UpdateResponse{State: tfsdk.State{Schema: h.schema, Raw: req.Plan.Raw}, Identity: req.Identity}
	uPrivate(&resp.Private)
	h.r.Update(h.ctx, req, &resp)
	return uResult{h: h, state: resp.State, private: resp.Private, identity: resp.Identity, diags: resp.Diagnostics}
}

// mustUpdate is update, failing on any error.
func (h *uHarness) mustUpdate(prior uResult, plan, config any) uResult {
	h.t.Helper()
	res := h.update(prior, plan, config)
	uNoErrors(h.t, "Update", res.diags)
	return res
}

// delete destroys prior (a model pointer or a uResult).
func (h *uHarness) delete(prior any) diag.Diagnostics {
	h.t.Helper()
	req := resource.DeleteRequest{}
	switch p := prior.(type) {
	case uResult:
		req.State = p.state
		uSetPrivate(&req.Private, p.private)
	default:
		req.State = h.state(prior)
	}
	resp := resource.DeleteResponse{State: req.State}
	uPrivate(&resp.Private)
	h.r.Delete(h.ctx, req, &resp)
	return resp.Diagnostics
}

// importState imports id into an empty state, as `terraform import` does.
func (h *uHarness) importState(id string) uResult {
	h.t.Helper()
	return h.doImport(resource.ImportStateRequest{ID: id, Identity: h.newIdentity()})
}

// importByIdentity imports with an import block's identity: name = value.
func (h *uHarness) importByIdentity(value string) uResult {
	h.t.Helper()
	identity := h.newIdentity()
	if identity == nil {
		h.t.Fatal("the resource has no identity")
	}
	uNoErrors(h.t, "setting identity", identity.SetAttribute(h.ctx, path.Root("name"), value))
	return h.doImport(resource.ImportStateRequest{Identity: identity})
}

func (h *uHarness) doImport(req resource.ImportStateRequest) uResult {
	h.t.Helper()
	resp := resource.ImportStateResponse{State: tfsdk.State{Schema: h.schema, Raw: h.nullRaw()}, Identity: req.Identity}
	uPrivate(&resp.Private)
	h.r.(resource.ResourceWithImportState).ImportState(h.ctx, req, &resp)
	return uResult{h: h, state: resp.State, private: resp.Private, identity: resp.Identity, diags: resp.Diagnostics}
}

// validate runs ValidateConfig on config (a model pointer or a raw value).
func (h *uHarness) validate(config any) diag.Diagnostics {
	h.t.Helper()
	cfg := tfsdk.Config{Schema: h.schema}
	if raw, ok := config.(tftypes.Value); ok {
		cfg.Raw = raw
	} else {
		cfg.Raw = h.raw(config)
	}
	var resp resource.ValidateConfigResponse
	h.r.(resource.ResourceWithValidateConfig).ValidateConfig(h.ctx, resource.ValidateConfigRequest{Config: cfg}, &resp)
	return resp.Diagnostics
}

// uModifyPlan is ModifyPlan's answer.
type uModifyPlan struct {
	plan            tfsdk.Plan
	requiresReplace path.Paths
	diags           diag.Diagnostics
}

// modifyPlan runs ModifyPlan for a create (state nil) or an update of
// state to plan, with config the configuration. plan nil plans the config.
func (h *uHarness) modifyPlan(config, plan, state any) uModifyPlan {
	h.t.Helper()
	cfg := h.config(config)
	req := resource.ModifyPlanRequest{Config: cfg, State: h.emptyState()}
	if plan == nil {
		req.Plan = h.planFromConfig(cfg.Raw)
	} else {
		req.Plan = tfsdk.Plan{Schema: h.schema, Raw: h.raw(plan)}
	}
	if state != nil {
		req.State = h.state(state)
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	uPrivate(&resp.Private)
	h.r.(resource.ResourceWithModifyPlan).ModifyPlan(h.ctx, req, &resp)
	return uModifyPlan{plan: resp.Plan, requiresReplace: resp.RequiresReplace, diags: resp.Diagnostics}
}

// uSetPrivate passes a response's private state to the next request.
func uSetPrivate[T any](field *T, from any) {
	if from == nil {
		uPrivate(field)
		return
	}
	v := reflect.ValueOf(field).Elem()
	fv := reflect.ValueOf(from)
	if fv.Type().AssignableTo(v.Type()) {
		v.Set(fv)
		return
	}
	uPrivate(field)
}

// uNoErrors fails the test on any error diagnostic.
func uNoErrors(t *testing.T, what string, diags diag.Diagnostics) {
	t.Helper()
	if diags.HasError() {
		t.Fatalf("%s: unexpected errors: %v", what, diags)
	}
}

// uWantError fails unless diags hold an error whose summary or detail
// contains phrase; with at non-nil, it must be reported on that attribute.
func uWantError(t *testing.T, diags diag.Diagnostics, at *path.Path, phrase string) {
	t.Helper()
	uWantDiag(t, diags.Errors(), at, phrase, "error")
}

// uWantWarning is uWantError for warnings.
func uWantWarning(t *testing.T, diags diag.Diagnostics, at *path.Path, phrase string) {
	t.Helper()
	uWantDiag(t, diags.Warnings(), at, phrase, "warning")
}

func uWantDiag(t *testing.T, diags diag.Diagnostics, at *path.Path, phrase, kind string) {
	t.Helper()
	for _, d := range diags {
		if !strings.Contains(d.Summary()+"\n"+d.Detail(), phrase) {
			continue
		}
		if at == nil {
			return
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok && withPath.Path().Equal(*at) {
			return
		}
	}
	where := ""
	if at != nil {
		where = " at " + at.String()
	}
	t.Fatalf("want a %s containing %q%s, got: %v", kind, phrase, where, diags)
}

// uRoot is a pointer to path.Root(name), for uWantError.
func uRoot(name string) *path.Path {
	p := path.Root(name)
	return &p
}

// fault makes the emulator fail as rule says, failing t if it refuses the rule.
func (env *uEnv) fault(t *testing.T, rule emulator.FaultRule) {
	t.Helper()
	uMust(t, env.srv.AddFault(rule))
}

// uMust fails t on err.
func uMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// uModel decodes a result's state into a model of type M.
func uModel[M any](r uResult) M {
	r.h.t.Helper()
	var m M
	r.model(&m)
	return m
}

// uWantRemoved fails unless read warned with warning and removed the resource.
func uWantRemoved(t *testing.T, read uResult, warning string) {
	t.Helper()
	uWantWarning(t, read.diags, nil, warning)
	if !read.removed() {
		t.Errorf("read warned %q but kept the resource in state", warning)
	}
}

// uWantRefusedRead makes rpc answer 403 and fails unless a read of prior
// reports summary and keeps the resource in state.
func uWantRefusedRead(t *testing.T, env *uEnv, h *uHarness, prior uResult, rpc, summary string) {
	t.Helper()
	env.fault(t, emulator.FaultRule{RPC: rpc, Status: 403})
	read := h.read(prior)
	uWantError(t, read.diags, nil, summary)
	uWantError(t, read.diags, nil, "will not create it again")
	if read.removed() {
		t.Error("a refused read removed the resource from state")
	}
}

// uWantNoDrift fails unless a read of created succeeds and changes nothing.
func uWantNoDrift(t *testing.T, h *uHarness, created uResult) {
	t.Helper()
	read := h.read(created)
	uNoErrors(t, "Read", read.diags)
	if !read.state.Raw.Equal(created.state.Raw) {
		t.Errorf("read shows drift:\n%v\n%v", read.state.Raw, created.state.Raw)
	}
}

// uWantMasks fails unless the emulator's logged calls of rpc had these
// updateMasks, in order.
func uWantMasks(t *testing.T, srv *emulator.Server, rpc string, want ...string) {
	t.Helper()
	if masks := uPatchMasks(t, srv, rpc); !slices.Equal(masks, want) {
		t.Errorf("%s update masks = %v, want %v", rpc, masks, want)
	}
}

// uUserHarness is a fresh emulator and a harness for r with alice's client.
func uUserHarness(t *testing.T, r resource.Resource) (*uEnv, *uHarness) {
	t.Helper()
	env := newUEnv(t)
	return env, newUHarness(t, r, env.user)
}

// uAppHarness is a fresh emulator and a harness for r with the app's client.
func uAppHarness(t *testing.T, r resource.Resource) (*uEnv, *uHarness) {
	t.Helper()
	env := newUEnv(t)
	return env, newUHarness(t, r, env.app)
}

// uUserFixture is uUserHarness with a named space alice set up out of band,
// with these members.
func uUserFixture(t *testing.T, r resource.Resource, displayName string, members ...string) (*uEnv, string, *uHarness) {
	t.Helper()
	env, h := uUserHarness(t, r)
	return env, uUserSpace(t, env, displayName, members...), h
}

// uAppFixture is uAppHarness with a named space the app created out of band.
func uAppFixture(t *testing.T, r resource.Resource, displayName string) (*uEnv, string, *uHarness) {
	t.Helper()
	env, h := uAppHarness(t, r)
	return env, uAppSpace(t, env, displayName), h
}

// uWantReadRemoves fails unless a read of prior succeeds, warns with
// warning and removes the resource.
func uWantReadRemoves(t *testing.T, h *uHarness, prior uResult, warning string) {
	t.Helper()
	read := h.read(prior)
	uNoErrors(t, "Read", read.diags)
	uWantRemoved(t, read, warning)
}

// uWantBadImportIDs fails unless ImportState refuses every id.
func uWantBadImportIDs(t *testing.T, h *uHarness, ids ...string) {
	t.Helper()
	for _, id := range ids {
		uWantError(t, h.importState(id).diags, nil, "Invalid Import ID")
	}
}

// uImportAndRead imports id, then reads what the import left, failing t on
// any error: the imported state and the state the read returned.
func uImportAndRead[M any](t *testing.T, h *uHarness, id string) (imported, read M) {
	t.Helper()
	res := h.importState(id)
	uNoErrors(t, "ImportState", res.diags)
	refreshed := h.read(res)
	uNoErrors(t, "Read", refreshed.diags)
	return uModel[M](res), uModel[M](refreshed)
}
