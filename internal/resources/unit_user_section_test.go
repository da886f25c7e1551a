package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// position: START and END are relativePosition, a number sortOrder.
func TestUnitUserSection_positionRequest(t *testing.T) {
	for position, want := range map[string]chat.PositionSectionRequest{
		"START": {RelativePosition: "START"}, "END": {RelativePosition: "END"}, "1": {SortOrder: 1}, "42": {SortOrder: 42},
	} {
		if got := positionRequest(position); got.RelativePosition != want.RelativePosition || got.SortOrder != want.SortOrder {
			t.Errorf("%s: %+v, want %+v", position, got, want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "01", "start", "MIDDLE", "1234567890"} {
		if positionPattern.MatchString(bad) {
			t.Errorf("position %q passes validation", bad)
		}
	}
}

// Names, adoption after a lost create, and the mappers.
func TestUnitUserSection_mappers(t *testing.T) {
	for id, ok := range map[string]bool{
		"users/me/sections/abc": true, "users/123/sections/abc": true, "users/me/sections/default-spaces": false,
		"users/me/sections/default-apps": false, "sections/abc": false, "users/me/sections/abc/items/x": false, "abc": false,
	} {
		if _, got := canonicalUserSection(id); got != ok {
			t.Errorf("import %q: %v, want %v", id, got, ok)
		}
	}
	old := &chat.GoogleChatV1Section{Name: "users/1/sections/old", Type: "CUSTOM_SECTION", DisplayName: "Work"}
	created := &chat.GoogleChatV1Section{Name: "users/1/sections/new", Type: "CUSTOM_SECTION", DisplayName: "Work"}
	if got := newSection([]*chat.GoogleChatV1Section{old}, []*chat.GoogleChatV1Section{old, created}, "Work"); got != created {
		t.Errorf("adopted %+v, want the new one", got)
	}
	other := &chat.GoogleChatV1Section{Name: "users/1/sections/other", Type: "CUSTOM_SECTION", DisplayName: "Work"}
	if got := newSection(nil, []*chat.GoogleChatV1Section{created, other}, "Work"); got != nil {
		t.Errorf("adopted %+v of two candidates", got)
	}
	if got := newSection(nil, []*chat.GoogleChatV1Section{created}, "Play"); got != nil {
		t.Errorf("adopted %+v of another name", got)
	}

	prior := userSectionModel{Name: types.StringValue("users/me/sections/new"), Position: types.StringValue("START")}
	got := userSectionFromAPI(&chat.GoogleChatV1Section{Name: "users/1/sections/new", Type: "CUSTOM_SECTION", DisplayName: "W", SortOrder: 3}, prior)
	if got.Name.ValueString() != "users/me/sections/new" || got.ID != got.Name || got.SortOrder.ValueInt64() != 3 ||
		got.Type.ValueString() != "CUSTOM_SECTION" || got.DisplayName.ValueString() != "W" || got.Position.ValueString() != "START" {
		t.Errorf("from API over users/me: %+v", got)
	}
	got = userSectionFromAPI(created, userSectionModel{Position: types.StringUnknown()})
	if got.Name.ValueString() != created.Name || !got.Position.IsNull() {
		t.Errorf("from API at create: %+v", got)
	}
	if positionChanged(types.StringNull(), types.StringValue("END")) || !positionChanged(types.StringValue("END"), types.StringNull()) ||
		positionChanged(types.StringValue("END"), types.StringValue("END")) {
		t.Error("positionChanged: removing a position or keeping it applies nothing; setting one does")
	}
}

func TestUnitUserSectionItem_mappers(t *testing.T) {
	for _, tc := range []struct {
		space *chat.Space
		want  string
	}{
		{&chat.Space{SpaceType: "SPACE"}, "default-spaces"},
		{&chat.Space{SpaceType: "GROUP_CHAT"}, "default-direct-messages"},
		{&chat.Space{SpaceType: "DIRECT_MESSAGE"}, "default-direct-messages"},
		{&chat.Space{SpaceType: "DIRECT_MESSAGE", SingleUserBotDm: true}, "default-apps"},
		{&chat.Space{}, "default-spaces"},
	} {
		if got := defaultSectionOf(tc.space); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.space, got, tc.want)
		}
	}
	item := &chat.SectionItem{Name: "users/1/sections/work/items/AAAA", Space: "spaces/AAAA"}
	if sectionOfItem(item.Name) != "users/1/sections/work" {
		t.Errorf("section of %s: %s", item.Name, sectionOfItem(item.Name))
	}
	// In the section state says, spelled otherwise: state's spelling stays.
	got := userSectionItemFromAPI(item, userSectionItemModel{Section: types.StringValue("users/me/sections/work")})
	if got.Section.ValueString() != "users/me/sections/work" || got.Name.ValueString() != item.Name || got.ID.ValueString() != "spaces/AAAA" {
		t.Errorf("same section: %+v", got)
	}
	// Elsewhere: the API's section, for the plan to move it back.
	got = userSectionItemFromAPI(item, userSectionItemModel{Section: types.StringValue("users/me/sections/play")})
	if got.Section.ValueString() != "users/1/sections/work" {
		t.Errorf("moved: %+v", got)
	}
	if itemNamed([]*chat.SectionItem{item}, "users/me/sections/work/items/AAAA") != item ||
		itemNamed([]*chat.SectionItem{item}, "users/me/sections/play/items/AAAA") != nil {
		t.Error("itemNamed matches by section and item ID")
	}
}

// App credentials are refused at plan; a position change makes sort_order
// unknown, a rename alone keeps it.
func TestUnitUserSection_ModifyPlan(t *testing.T) {
	_, app := uAppHarness(t, NewUserSection())
	var config userSectionModel
	app.null(&config)
	config.DisplayName = types.StringValue("Work")
	uWantError(t, app.modifyPlan(&config, nil, nil).diags, uRoot("display_name"), "lets only users manage their sections")

	_, h := uUserHarness(t, NewUserSection())
	state := config
	state.Name, state.ID = types.StringValue("users/1/sections/a"), types.StringValue("users/1/sections/a")
	state.Type, state.SortOrder, state.Position = types.StringValue("CUSTOM_SECTION"), types.Int64Value(4), types.StringValue("END")
	plan := state
	plan.DisplayName = types.StringValue("Renamed")
	res := h.modifyPlan(&plan, &plan, &state)
	uNoErrors(t, "ModifyPlan", res.diags)
	var sortOrder types.Int64
	res.plan.GetAttribute(context.Background(), path.Root("sort_order"), &sortOrder)
	if sortOrder.ValueInt64() != 4 {
		t.Errorf("rename: sort_order %v, want 4 kept", sortOrder)
	}
	plan.Position = types.StringValue("START")
	res = h.modifyPlan(&plan, &plan, &state)
	res.plan.GetAttribute(context.Background(), path.Root("sort_order"), &sortOrder)
	if !sortOrder.IsUnknown() {
		t.Errorf("new position: sort_order %v, want unknown", sortOrder)
	}
}

// App credentials are refused at plan; a plan that keeps the section keeps
// the item's name (it carries the section), a move leaves it to the apply.
func TestUnitUserSectionItem_ModifyPlan(t *testing.T) {
	_, app := uAppHarness(t, NewUserSectionItem())
	var config userSectionItemModel
	app.null(&config)
	config.Space, config.Section = types.StringValue("spaces/AAAA"), types.StringValue("users/me/sections/work")
	uWantError(t, app.modifyPlan(&config, nil, nil).diags, uRoot("section"), "lets only users arrange their sections")

	_, h := uUserHarness(t, NewUserSectionItem())
	state := config
	state.Name, state.ID = types.StringValue("users/1/sections/work/items/AAAA"), types.StringValue("spaces/AAAA")
	plan := config
	plan.Name, plan.ID = types.StringUnknown(), state.ID
	for _, tc := range []struct {
		section, want string
	}{
		{"users/1/sections/work", state.Name.ValueString()},
		{"users/me/sections/play", ""},
	} {
		plan.Section = types.StringValue(tc.section)
		res := h.modifyPlan(&plan, &plan, &state)
		uNoErrors(t, "ModifyPlan", res.diags)
		var name types.String
		res.plan.GetAttribute(context.Background(), path.Root("name"), &name)
		if got := name.ValueString(); got != tc.want || (tc.want == "") != name.IsUnknown() {
			t.Errorf("section %s: name %v, want %q (unknown when empty)", tc.section, name, tc.want)
		}
	}
}

// Create positions, update renames and positions, Read follows, destroy
// deletes; a section gone is removed with a warning.
func TestUnitUserSection_CreateUpdateDelete(t *testing.T) {
	env, h := uUserHarness(t, NewUserSection())
	var config userSectionModel
	h.null(&config)
	config.DisplayName = types.StringValue("Work")
	config.Position = types.StringValue("START")
	created := h.mustCreate(&config)
	got := uModel[userSectionModel](created)
	if got.SortOrder.ValueInt64() != 1 || got.Type.ValueString() != "CUSTOM_SECTION" || created.identityOf("name") != got.Name.ValueString() {
		t.Errorf("created %+v", got)
	}
	uWantNoDrift(t, h, created)
	plan := got
	plan.DisplayName, plan.Position = types.StringValue("Projects"), types.StringValue("END")
	updated := h.mustUpdate(created, &plan, &plan)
	if got := uModel[userSectionModel](updated); got.DisplayName.ValueString() != "Projects" || got.SortOrder.ValueInt64() != 4 {
		t.Errorf("updated %+v", got)
	}
	uNoErrors(t, "Delete", h.delete(updated))
	sections, err := env.user.ListSections(context.Background(), "users/me")
	uMust(t, err)
	if len(sections) != 3 {
		t.Errorf("after delete: %d sections, want the 3 system ones", len(sections))
	}
	uWantReadRemoves(t, h, updated, "no longer among the caller's sections")
	uNoErrors(t, "Delete again", h.delete(updated))
	uWantBadImportIDs(t, h, "abc", "users/me/sections/default-spaces", "users/me/sections/a/items/b")
}
