package datasources

// Unit tests that call a data source's Read directly, against a stub HTTP
// server or the emulator, without the Terraform CLI.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/testclient"
)

// dsClient is a client of the emulator at url (testclient.New).
func dsClient(t *testing.T, url, token string, mode chatapi.AuthMode) *chatapi.Client {
	t.Helper()
	return testclient.New(t, url, token, mode)
}

// dsRead configures ds with client and reads it with the given string
// attributes set (all others null).
func dsRead(t *testing.T, ds datasource.DataSource, client *chatapi.Client, set map[string]string) (tfsdk.State, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	if sresp.Diagnostics.HasError() {
		t.Fatal(sresp.Diagnostics)
	}
	typ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
		if v, ok := set[name]; ok {
			values[name] = tftypes.NewValue(tftypes.String, v)
		}
	}
	var cresp datasource.ConfigureResponse
	ds.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{ProviderData: client}, &cresp)
	if cresp.Diagnostics.HasError() {
		t.Fatal(cresp.Diagnostics)
	}
	raw := tftypes.NewValue(typ, values)
	req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: raw}}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sresp.Schema, Raw: raw}}
	ds.Read(ctx, req, &resp)
	return resp.State, resp.Diagnostics
}

func wantAttributeError(t *testing.T, diags diag.Diagnostics, at path.Path, phrase string) {
	t.Helper()
	for _, d := range diags.Errors() {
		withPath, ok := d.(diag.DiagnosticWithPath)
		if ok && withPath.Path().Equal(at) && strings.Contains(d.Summary()+"\n"+d.Detail(), phrase) {
			return
		}
	}
	t.Fatalf("want an error at %s containing %q, got %v", at, phrase, diags)
}

func stringAttr(t *testing.T, state tfsdk.State, name string) types.String {
	t.Helper()
	var v types.String
	if diags := state.GetAttribute(context.Background(), path.Root(name), &v); diags.HasError() {
		t.Fatal(diags)
	}
	return v
}

// stubAPI answers every call with body and counts the calls.
func stubAPI(t *testing.T, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// Point 5: the direct message data source refuses an email from an app
// before any API call; a user may use one.
func TestUnitDirectMessage_EmailWithAppCredentialsMakesNoCall(t *testing.T) {
	srv, calls := stubAPI(t, `{"name": "spaces/DM", "spaceType": "DIRECT_MESSAGE"}`)
	_, diags := dsRead(t, NewDirectMessage(), dsClient(t, srv.URL, "app", chatapi.AuthModeApp), map[string]string{"user": "users/bob@example.com"})
	wantAttributeError(t, diags, path.Root("user"),
		"users/bob@example.com: the Chat API accepts an email as users/{email} only with user credentials; use users/{id} or a provider with user credentials")
	if n := calls.Load(); n != 0 {
		t.Errorf("made %d API calls, want none", n)
	}

	state, diags := dsRead(t, NewDirectMessage(), dsClient(t, srv.URL, "app", chatapi.AuthModeApp), map[string]string{"user": "users/123"})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := stringAttr(t, state, "name").ValueString(); got != "spaces/DM" {
		t.Errorf("name = %q", got)
	}
	if _, diags := dsRead(t, NewDirectMessage(), dsClient(t, srv.URL, "user:alice@example.com", chatapi.AuthModeUser),
		map[string]string{"user": "users/bob@example.com"}); diags.HasError() {
		t.Fatal(diags)
	}
}

// Point 6: two spaces with the display name (possible across organizations)
// are an error at display_name that names the count.
func TestUnitSpaceByDisplayName_MoreThanOneMatch(t *testing.T) {
	srv, _ := stubAPI(t, `{"spaces": [
  {"name": "spaces/A", "spaceType": "SPACE", "displayName": "Twins"},
  {"name": "spaces/B", "spaceType": "SPACE", "displayName": "Twins"},
  {"name": "spaces/C", "spaceType": "SPACE", "displayName": "twins"}]}`)
	_, diags := dsRead(t, NewSpace(), dsClient(t, srv.URL, "user:alice@example.com", chatapi.AuthModeUser), map[string]string{"display_name": "Twins"})
	wantAttributeError(t, diags, path.Root("display_name"), "Found 2 named spaces with display_name \"Twins\" (spaces/A, spaces/B)")
}

// Point 6: one exact match is read in full with spaces.get; a name in
// another case matches nothing.
func TestUnitSpaceByDisplayName_ExactMatch(t *testing.T) {
	srv := emulator.NewTestServer(t, emulator.Options{})
	client := dsClient(t, srv.URL, "user:alice@example.com", chatapi.AuthModeUser)
	created, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Platform team"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Platform team 2"}}); err != nil {
		t.Fatal(err)
	}
	state, diags := dsRead(t, NewSpace(), client, map[string]string{"display_name": "Platform team"})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := stringAttr(t, state, "name").ValueString(); got != created.Name {
		t.Errorf("name = %q, want %q", got, created.Name)
	}
	var post types.Object
	if diags := state.GetAttribute(context.Background(), path.Root("permission_settings").AtName("post_messages"), &post); diags.HasError() || post.IsNull() {
		t.Errorf("permission_settings not read with spaces.get: %v %v", post, diags)
	}

	_, diags = dsRead(t, NewSpace(), client, map[string]string{"display_name": "platform team"})
	wantAttributeError(t, diags, path.Root("display_name"), "Found 0 named spaces with display_name \"platform team\"")
}

// Point 7: the message data source reads by name, by a client-assigned ID in
// the name, and by space and message_id; a missing message is an error at
// the attribute that named it.
func TestUnitMessageDataSource_Read(t *testing.T) {
	srv := emulator.NewTestServer(t, emulator.Options{})
	ctx := context.Background()
	app := dsClient(t, srv.URL, "app", chatapi.AuthModeApp)
	space, err := app.CreateSpace(ctx, &chat.Space{SpaceType: "SPACE", DisplayName: "Messages", Customer: chatapi.DefaultCustomer}, "")
	if err != nil {
		t.Fatal(err)
	}
	posted, err := app.CreateMessage(ctx, space.Name, &chat.Message{Text: "Hello *world*",
		CardsV2: []*chat.CardWithId{{CardId: "c", Card: &chat.GoogleAppsCardV1Card{Header: &chat.GoogleAppsCardV1CardHeader{Title: "Card"}}}}},
		chatapi.MessageOptions{MessageID: "client-hello"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		set  map[string]string
	}{
		{"by name", map[string]string{"name": posted.Name}},
		{"by client ID in the name", map[string]string{"name": space.Name + "/messages/client-hello"}},
		{"by space and message_id", map[string]string{"space": space.Name, "message_id": "client-hello"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			state, diags := dsRead(t, NewMessage(), app, tc.set)
			if diags.HasError() {
				t.Fatal(diags)
			}
			want := map[string]string{
				"name": posted.Name, "space": space.Name, "message_id": "client-hello", "text": "Hello *world*",
				"formatted_text": posted.FormattedText, "sender": posted.Sender.Name, "create_time": posted.CreateTime,
				"thread_name": posted.Thread.Name,
			}
			for attribute, value := range want {
				if got := stringAttr(t, state, attribute).ValueString(); got != value {
					t.Errorf("%s = %q, want %q", attribute, got, value)
				}
			}
			if got := stringAttr(t, state, "last_update_time"); !got.IsNull() {
				t.Errorf("last_update_time = %v, want null", got)
			}
			var cardsValue jsontypes.Normalized
			if diags := state.GetAttribute(context.Background(), path.Root("cards_v2"), &cardsValue); diags.HasError() {
				t.Fatal(diags)
			}
			cards := cardsValue.ValueString()
			if !strings.Contains(cards, `"cardId":"c"`) || !strings.Contains(cards, `"title":"Card"`) {
				t.Errorf("cards_v2 = %s", cards)
			}
		})
	}
	_, diags := dsRead(t, NewMessage(), app, map[string]string{"space": space.Name, "message_id": "client-missing"})
	wantAttributeError(t, diags, path.Root("message_id"), "spaces.messages.get "+space.Name+"/messages/client-missing failed: 404")
	_, diags = dsRead(t, NewMessage(), app, map[string]string{"name": space.Name + "/messages/client-missing"})
	wantAttributeError(t, diags, path.Root("name"), "failed: 404")
}

// Space.displayName "Supports up to 128 characters": the lookup's limit
// counts characters, not bytes.
func TestSpaceLookupDisplayNameCountsCharacters(t *testing.T) {
	var resp datasource.SchemaResponse
	NewSpace().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	attribute := resp.Schema.Attributes["display_name"].(schema.StringAttribute)
	errors := func(value string) int {
		var out validator.StringResponse
		for _, v := range attribute.Validators {
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("display_name"),
				ConfigValue: types.StringValue(value)}, &out)
		}
		return out.Diagnostics.ErrorsCount()
	}
	if n := errors(strings.Repeat("界", 128)); n != 0 {
		t.Errorf("128 characters refused (%d errors)", n)
	}
	if errors(strings.Repeat("界", 129)) == 0 {
		t.Error("129 characters accepted")
	}
}

// google_chat_members refuses, before any call, what spaces.members.list
// documents it rejects: showInvited and group memberships without user
// authentication, and a BOT filter with administrator access.
func TestReadMembers_refusesWhatTheAPIRejects(t *testing.T) {
	srv := emulator.NewTestServer(t, emulator.Options{})
	app := dsClient(t, srv.URL+"/", "app", chatapi.AuthModeApp)
	admin := dsClient(t, srv.URL+"/", "user:admin@example.com", chatapi.AuthModeUser)
	adminCtx := chatapi.WithAdminAccess(context.Background(), true)
	config := func(edit func(*membersModel)) membersModel {
		m := membersModel{Space: types.StringValue("spaces/AAAA"), Role: types.StringNull(), MemberType: types.StringNull(),
			ShowGroups: types.BoolNull(), ShowInvited: types.BoolNull()}
		edit(&m)
		return m
	}
	cases := []struct {
		name      string
		ctx       context.Context
		client    *chatapi.Client
		config    membersModel
		attribute string
	}{
		{"invited, as the app", context.Background(), app, config(func(m *membersModel) { m.ShowInvited = types.BoolValue(true) }), "show_invited"},
		{"groups, as the app", context.Background(), app, config(func(m *membersModel) { m.ShowGroups = types.BoolValue(true) }), "show_groups"},
		{"bots, as an administrator", adminCtx, admin, config(func(m *membersModel) { m.MemberType = types.StringValue("BOT") }), "member_type"},
	}
	srv.ClearRequests()
	for _, tc := range cases {
		var diags diag.Diagnostics
		if out := readMembers(tc.ctx, tc.client, tc.config, &diags); out != nil || diags.ErrorsCount() != 1 {
			t.Errorf("%s: %v, %v; want one error", tc.name, out, diags)
			continue
		}
		if d, ok := diags.Errors()[0].(diag.DiagnosticWithPath); !ok || !d.Path().Equal(path.Root(tc.attribute)) {
			t.Errorf("%s: error %v, want it on %s", tc.name, diags.Errors()[0], tc.attribute)
		}
	}
	if calls := srv.Requests(); len(calls) != 0 {
		t.Errorf("refused reads made %d calls", len(calls))
	}
}
