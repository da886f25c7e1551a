package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func TestUnitSpaceTypeRequiresReplace(t *testing.T) {
	cases := []struct {
		from, to string
		want     bool
	}{
		{convert.SpaceTypeGroupChat, convert.SpaceTypeSpace, false},
		{convert.SpaceTypeSpace, convert.SpaceTypeGroupChat, true},
		{convert.SpaceTypeDM, convert.SpaceTypeSpace, true},
		{convert.SpaceTypeGroupChat, convert.SpaceTypeDM, true},
		{convert.SpaceTypeSpace, convert.SpaceTypeDM, true},
	}
	for _, tc := range cases {
		t.Run(tc.from+" to "+tc.to, func(t *testing.T) {
			req := planmodifier.StringRequest{StateValue: types.StringValue(tc.from), PlanValue: types.StringValue(tc.to)}
			var resp stringplanmodifier.RequiresReplaceIfFuncResponse
			spaceTypeRequiresReplace(context.Background(), req, &resp)
			if resp.RequiresReplace != tc.want {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, tc.want)
			}
		})
	}
}

func TestUnitChangedAfterCreate(t *testing.T) {
	value, other, null := types.StringValue("ANNOUNCEMENT_SPACE"), types.StringValue("COLLABORATION_SPACE"), types.StringNull()
	cases := []struct {
		name        string
		state, plan types.String
		want        bool
	}{
		{"changed to another value", value, other, true},
		{"unchanged", value, value, false},
		{"set after import (null state)", null, value, false},
		{"removed", value, null, false},
		{"null both", null, null, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var resp stringplanmodifier.RequiresReplaceIfFuncResponse
			changedAfterCreate(context.Background(), planmodifier.StringRequest{StateValue: tc.state, PlanValue: tc.plan}, &resp)
			if resp.RequiresReplace != tc.want {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, tc.want)
			}
		})
	}
}

func TestUnitInitialMembersRequireReplace(t *testing.T) {
	h := newUHarness(t, NewSpace(), nil)
	before, after := convert.StringSet([]string{"users/bob@example.com"}), convert.StringSet([]string{"users/carol@example.com"})
	cases := []struct {
		name      string
		spaceType string
		state     types.Set
		want      bool
	}{
		{"group chat", convert.SpaceTypeGroupChat, before, true},
		{"direct message", convert.SpaceTypeDM, before, true},
		{"named space only records", convert.SpaceTypeSpace, before, false},
		{"after import (null state) only records", convert.SpaceTypeGroupChat, types.SetNull(types.StringType), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var plan spaceModel
			h.null(&plan)
			plan.SpaceType = types.StringValue(tc.spaceType)
			plan.InitialMembers = after
			req := planmodifier.SetRequest{
				Path: path.Root("initial_members"), StateValue: tc.state, PlanValue: after,
				Plan: h.planFromConfig(h.raw(&plan)),
			}
			var resp setplanmodifier.RequiresReplaceIfFuncResponse
			initialMembersRequireReplace(context.Background(), req, &resp)
			uNoErrors(t, "initialMembersRequireReplace", resp.Diagnostics)
			if resp.RequiresReplace != tc.want {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, tc.want)
			}
		})
	}
}

// The schema wires the functions to the attributes they guard.
func TestUnitSpaceSchemaReplacesThroughTheModifiers(t *testing.T) {
	h := newUHarness(t, NewSpace(), nil)
	ctx := context.Background()
	var plan spaceModel
	h.null(&plan)
	plan.SpaceType = types.StringValue(convert.SpaceTypeSpace)
	raw := h.planFromConfig(h.raw(&plan))

	spaceType := h.schema.Attributes["space_type"].(interface {
		StringPlanModifiers() []planmodifier.String
	}).StringPlanModifiers()
	req := planmodifier.StringRequest{
		Path: path.Root("space_type"), Plan: raw, State: h.state(&plan),
		StateValue: types.StringValue(convert.SpaceTypeGroupChat), PlanValue: types.StringValue(convert.SpaceTypeSpace),
		ConfigValue: types.StringValue(convert.SpaceTypeSpace),
	}
	var resp planmodifier.StringResponse
	for _, m := range spaceType {
		m.PlanModifyString(ctx, req, &resp)
	}
	if resp.RequiresReplace {
		t.Error("GROUP_CHAT to SPACE replaces the space")
	}
	req.StateValue = types.StringValue(convert.SpaceTypeDM)
	resp = planmodifier.StringResponse{}
	for _, m := range spaceType {
		m.PlanModifyString(ctx, req, &resp)
	}
	if !resp.RequiresReplace {
		t.Error("DIRECT_MESSAGE to SPACE is planned in place")
	}
}

// uModifyString runs every plan modifier of a string attribute, as the
// framework does, over plan and state (models; state nil for a create).
func uModifyString(t *testing.T, h *uHarness, attribute string, config, plan, state any) planmodifier.StringResponse {
	t.Helper()
	ctx := context.Background()
	at := path.Root(attribute)
	req := planmodifier.StringRequest{Path: at, Config: h.config(config), Plan: tfsdk.Plan{Schema: h.schema, Raw: h.raw(plan)}, State: h.emptyState()}
	if state != nil {
		req.State = h.state(state)
		uNoErrors(t, "state value", req.State.GetAttribute(ctx, at, &req.StateValue))
	} else {
		req.StateValue = types.StringNull()
	}
	uNoErrors(t, "config value", req.Config.GetAttribute(ctx, at, &req.ConfigValue))
	uNoErrors(t, "plan value", req.Plan.GetAttribute(ctx, at, &req.PlanValue))
	resp := planmodifier.StringResponse{PlanValue: req.PlanValue}
	for _, m := range h.schema.Attributes[attribute].(schema.StringAttribute).PlanModifiers {
		m.PlanModifyString(ctx, req, &resp)
		req.PlanValue = resp.PlanValue
	}
	uNoErrors(t, "plan modifiers of "+attribute, resp.Diagnostics)
	return resp
}

func TestUnitMessagePrivateViewerIsPlannedFromConfiguration(t *testing.T) {
	h := newUHarness(t, NewMessage(), nil)
	config := uTextMessage(h, "spaces/S", "hi")
	plan := config
	plan.PrivateMessageViewer = types.StringUnknown()

	if got := uModifyString(t, h, "private_message_viewer", &config, &plan, nil); !got.PlanValue.IsNull() || got.RequiresReplace {
		t.Errorf("new public message plans viewer %v (replace %v), want null", got.PlanValue, got.RequiresReplace)
	}
	state := config
	state.Name, state.PrivateMessageViewer = types.StringValue("spaces/S/messages/M"), types.StringValue("users/101")
	if got := uModifyString(t, h, "private_message_viewer", &config, &plan, &state); got.PlanValue.ValueString() != "users/101" || got.RequiresReplace {
		t.Errorf("imported private message plans viewer %v (replace %v), want the recorded users/101", got.PlanValue, got.RequiresReplace)
	}
	config.PrivateMessageViewer, plan.PrivateMessageViewer = types.StringValue("users/102"), types.StringValue("users/102")
	if got := uModifyString(t, h, "private_message_viewer", &config, &plan, &state); got.PlanValue.ValueString() != "users/102" || !got.RequiresReplace {
		t.Errorf("a new viewer plans %v (replace %v), want users/102 and a replacement", got.PlanValue, got.RequiresReplace)
	}
}

func TestUnitMessageFormattedTextFollowsText(t *testing.T) {
	h := newUHarness(t, NewMessage(), nil)
	config := uTextMessage(h, "spaces/S", "hi <users/all>")
	state := config
	state.Name, state.FormattedText = types.StringValue("spaces/S/messages/M"), types.StringValue("hi @all")
	plan := state
	plan.FormattedText = types.StringUnknown()

	if got := uModifyString(t, h, "formatted_text", &config, &plan, nil); !got.PlanValue.IsUnknown() {
		t.Errorf("create plans formatted_text %v, want unknown", got.PlanValue)
	}
	plan.CardsV2, config.CardsV2 = uJSON(uCard), uJSON(uCard)
	if got := uModifyString(t, h, "formatted_text", &config, &plan, &state); got.PlanValue.ValueString() != "hi @all" {
		t.Errorf("a card edit plans formatted_text %v, want the state's", got.PlanValue)
	}
	plan.Text, config.Text = types.StringValue("bye"), types.StringValue("bye")
	if got := uModifyString(t, h, "formatted_text", &config, &plan, &state); !got.PlanValue.IsUnknown() {
		t.Errorf("a text edit plans formatted_text %v, want unknown", got.PlanValue)
	}
}
