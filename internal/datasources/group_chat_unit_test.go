package datasources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// groupChatRead reads google_chat_group_chat with members through client.
func groupChatRead(t *testing.T, client *chatapi.Client, members ...string) (tfsdk.State, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	ds := NewGroupChat()
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	var elems []tftypes.Value
	for _, m := range members {
		elems = append(elems, tftypes.NewValue(tftypes.String, m))
	}
	values["members"] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
	var cresp datasource.ConfigureResponse
	ds.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{ProviderData: client}, &cresp)
	raw := tftypes.NewValue(typ, values)
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sresp.Schema, Raw: raw}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: raw}}, &resp)
	return resp.State, resp.Diagnostics
}

// The group chat with exactly the caller and the members, by IDs or
// emails, read in full; none, or two, is an error at members.
func TestUnitGroupChat_Read(t *testing.T) {
	srv := emulator.NewTestServer(t, emulator.Options{})
	ctx := context.Background()
	alice := dsClient(t, srv.URL, "user:alice@example.com", chatapi.AuthModeUser)
	groupChat := func(client *chatapi.Client, members ...string) *chat.Space {
		var memberships []*chat.Membership
		for _, m := range members {
			memberships = append(memberships, &chat.Membership{Member: &chat.User{Name: m, Type: "HUMAN"}})
		}
		space, err := client.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "GROUP_CHAT"}, Memberships: memberships})
		if err != nil {
			t.Fatal(err)
		}
		return space
	}
	pair := groupChat(alice, "users/bob@example.com", "users/carol@example.com")
	groupChat(alice, "users/bob@example.com", "users/carol@example.com", "users/dave@example.com")
	for _, members := range [][]string{
		{"users/bob@example.com", "users/carol@example.com"},
		{"users/100000000000000000002", "users/carol@example.com"},
	} {
		state, diags := groupChatRead(t, alice, members...)
		if diags.HasError() {
			t.Fatal(diags)
		}
		for attribute, want := range map[string]string{"name": pair.Name, "id": pair.Name, "space_type": "GROUP_CHAT", "create_time": pair.CreateTime} {
			if got := stringAttr(t, state, attribute).ValueString(); got != want {
				t.Errorf("%v: %s = %q, want %q", members, attribute, got, want)
			}
		}
		var count types.Int64
		if diags := state.GetAttribute(ctx, path.Root("joined_direct_human_user_count"), &count); diags.HasError() || count.ValueInt64() != 3 {
			t.Errorf("%v: joined_direct_human_user_count = %v %v", members, count, diags)
		}
	}
	_, diags := groupChatRead(t, alice, "users/dave@example.com")
	wantAttributeError(t, diags, path.Root("members"), "No Group Chat Found")

	// bob made another with the same people.
	second := groupChat(dsClient(t, srv.URL, "user:bob@example.com", chatapi.AuthModeUser), "users/alice@example.com", "users/carol@example.com")
	_, diags = groupChatRead(t, alice, "users/bob@example.com", "users/carol@example.com")
	wantAttributeError(t, diags, path.Root("members"), "Found 2 group chats with exactly the caller and these members ("+pair.Name+", "+second.Name+")")
}

// App credentials are refused before any API call.
func TestUnitGroupChat_AppCredentialsMakeNoCall(t *testing.T) {
	srv, calls := stubAPI(t, `{"spaces": [{"name": "spaces/G", "spaceType": "GROUP_CHAT"}]}`)
	_, diags := groupChatRead(t, dsClient(t, srv.URL, "app", chatapi.AuthModeApp), "users/123")
	wantAttributeError(t, diags, path.Root("members"), "User Credentials Required")
	if n := calls.Load(); n != 0 {
		t.Errorf("made %d API calls, want none", n)
	}
}

// Answers without some of the people (the API's answer when some are
// blocked) and other space types are not the group chat asked for.
func TestUnitExactGroupChat(t *testing.T) {
	members := []string{"users/1", "users/2"}
	space := func(name, spaceType string, humans int64) *chat.Space {
		s := &chat.Space{Name: name, SpaceType: spaceType}
		if humans >= 0 {
			s.MembershipCount = &chat.MembershipCount{JoinedDirectHumanUserCount: humans}
		}
		return s
	}
	for _, tc := range []struct {
		name   string
		spaces []*chat.Space
		want   string // the name found, or a phrase of the error
	}{
		{"one", []*chat.Space{space("spaces/A", "GROUP_CHAT", 3)}, "spaces/A"},
		{"no count reported", []*chat.Space{space("spaces/A", "", -1)}, "spaces/A"},
		{"without a blocked person", []*chat.Space{space("spaces/B", "GROUP_CHAT", 2)}, "The API answered spaces/B, without some of these people"},
		{"the exact one beside a partial one", []*chat.Space{space("spaces/B", "GROUP_CHAT", 2), space("spaces/A", "GROUP_CHAT", 3)}, "spaces/A"},
		{"not a group chat", []*chat.Space{space("spaces/S", "SPACE", 3)}, "No Group Chat Found"},
		{"none", nil, "No Group Chat Found"},
		{"two", []*chat.Space{space("spaces/A", "GROUP_CHAT", 3), space("spaces/C", "GROUP_CHAT", 3)}, "Found 2 group chats"},
	} {
		var diags diag.Diagnostics
		got, ok := exactGroupChat(tc.spaces, members, path.Root("members"), &diags)
		switch {
		case ok && got.Name != tc.want:
			t.Errorf("%s: found %s, want %s", tc.name, got.Name, tc.want)
		case !ok:
			t.Run(tc.name, func(t *testing.T) { wantAttributeError(t, diags, path.Root("members"), tc.want) })
		}
	}
}
