package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// Attributes read from the raw value read as GetAttribute would, and a
// resource's use_admin_access reaches the calls' context.
func TestRawAttributes(t *testing.T) {
	ctx := context.Background()
	objectType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "use_admin_access": tftypes.Bool}}
	state := func(name, admin tftypes.Value) tfsdk.State {
		return tfsdk.State{Raw: tftypes.NewValue(objectType, map[string]tftypes.Value{"name": name, "use_admin_access": admin}),
			Schema: schema.Schema{Attributes: map[string]schema.Attribute{
				"name": schema.StringAttribute{Computed: true}, "use_admin_access": schema.BoolAttribute{Optional: true}}}}
	}
	var diags diag.Diagnostics
	cases := []struct {
		name  string
		state tfsdk.State
		want  types.String
		admin bool
	}{
		{"set", state(tftypes.NewValue(tftypes.String, "spaces/S"), tftypes.NewValue(tftypes.Bool, true)), types.StringValue("spaces/S"), true},
		{"null", state(tftypes.NewValue(tftypes.String, nil), tftypes.NewValue(tftypes.Bool, nil)), types.StringNull(), false},
		{"unknown", state(tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.Bool, false)), types.StringUnknown(), false},
		{"unknown admin access keeps the provider's", state(tftypes.NewValue(tftypes.String, "x"), tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)),
			types.StringValue("x"), false},
	}
	client := &chatapi.Client{}
	for _, tc := range cases {
		if got := stringAttribute(ctx, tc.state, "name", &diags); !got.Equal(tc.want) || diags.HasError() {
			t.Errorf("%s: stringAttribute = %v (%v), want %v", tc.name, got, diags, tc.want)
		}
		if got := client.AdminAccess(withAdminAccess(ctx, tc.state)); got != tc.admin {
			t.Errorf("%s: admin access %v, want %v", tc.name, got, tc.admin)
		}
	}
	// A resource without the attribute keeps the provider's setting.
	without := tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}},
		map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "x")})}
	if _, found, ok := rawAttribute(without, "use_admin_access"); found || !ok {
		t.Errorf("rawAttribute found an attribute the object lacks (found %v, ok %v)", found, ok)
	}
	if withAdminAccess(ctx, without) != ctx {
		t.Error("a resource without use_admin_access changed the context")
	}
}
