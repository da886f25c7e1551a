package emulator

import (
	"context"
	"strings"
	"testing"

	chat "google.golang.org/api/chat/v1"
)

// sectionIDs are the IDs of sections, in the order given.
func sectionIDs(sections []*chat.GoogleChatV1Section) string {
	var ids []string
	for _, s := range sections {
		ids = append(ids, s.Name[strings.LastIndex(s.Name, "/")+1:])
	}
	return strings.Join(ids, ",")
}

// Sections through the Go client: the seeded system sections, create,
// rename, position, delete, the caller's own only, user credentials with
// chat.users.sections only.
func TestSections_rules(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 2})
	ctx := context.Background()
	sections := chatClient(t, srv, alice).Users.Sections
	list := func(token string) ([]*chat.GoogleChatV1Section, error) {
		var out []*chat.GoogleChatV1Section
		err := chatClient(t, srv, token).Users.Sections.List("users/me").Pages(ctx, func(p *chat.ListSectionsResponse) error {
			out = append(out, p.Sections...)
			return nil
		})
		return out, err
	}

	// Three system sections, on every page (PageSizeLimit 2).
	got, err := list(alice)
	if err != nil || sectionIDs(got) != "default-direct-messages,default-spaces,default-apps" {
		t.Fatalf("seeded: %s %v", sectionIDs(got), err)
	}
	if got[1].Type != "DEFAULT_SPACES" || got[1].DisplayName != "" || got[1].SortOrder != 2 ||
		got[1].Name != "users/100000000000000000001/sections/default-spaces" {
		t.Errorf("default-spaces: %+v", got[1])
	}

	// Created at the end, named by the caller's ID whatever the alias.
	work, err := sections.Create("users/alice@example.com", &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "Work"}).Context(ctx).Do()
	if err != nil || work.SortOrder != 4 || work.Type != "CUSTOM_SECTION" || work.DisplayName != "Work" ||
		!strings.HasPrefix(work.Name, "users/100000000000000000001/sections/") {
		t.Fatalf("create: %+v %v", work, err)
	}
	fun, err := sections.Create("users/me", &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: strings.Repeat("é", 80)}).Context(ctx).Do()
	if err != nil || fun.SortOrder != 5 {
		t.Fatalf("create 80 characters: %+v %v", fun, err)
	}
	renamed, err := sections.Patch(work.Name, &chat.GoogleChatV1Section{DisplayName: "Projects"}).UpdateMask("displayName").Context(ctx).Do()
	if err != nil || renamed.DisplayName != "Projects" || renamed.SortOrder != 4 {
		t.Fatalf("rename: %+v %v", renamed, err)
	}

	// Position: START, an index that shifts the others, one past the end, END.
	position := func(name string, req *chat.PositionSectionRequest) (*chat.PositionSectionResponse, error) {
		return sections.Position(name, req).Context(ctx).Do()
	}
	for _, step := range []struct {
		req  *chat.PositionSectionRequest
		name string
		want string
	}{
		{&chat.PositionSectionRequest{RelativePosition: "START"}, work.Name, "W,default-direct-messages,default-spaces,default-apps,F"},
		{&chat.PositionSectionRequest{SortOrder: 2}, fun.Name, "W,F,default-direct-messages,default-spaces,default-apps"},
		{&chat.PositionSectionRequest{SortOrder: 99}, work.Name, "F,default-direct-messages,default-spaces,default-apps,W"},
		{&chat.PositionSectionRequest{RelativePosition: "END"}, "users/me/sections/default-direct-messages", "F,default-spaces,default-apps,W,default-direct-messages"},
	} {
		out, err := position(step.name, step.req)
		if err != nil {
			t.Fatalf("position %s %+v: %v", step.name, step.req, err)
		}
		all, _ := list(alice)
		ids := strings.NewReplacer(work.Name[len("users/100000000000000000001/sections/"):], "W",
			fun.Name[len("users/100000000000000000001/sections/"):], "F").Replace(sectionIDs(all))
		if ids != step.want {
			t.Errorf("after position %+v: %s, want %s", step.req, ids, step.want)
		}
		for i, s := range all {
			if s.SortOrder != int64(i+1) || s.Name == out.Section.Name && out.Section.SortOrder != s.SortOrder {
				t.Errorf("sort orders after %+v: %+v (answer %+v)", step.req, all, out.Section)
			}
		}
	}

	status := func(err error) int { return code(err) }
	create := func(token string, in *chat.GoogleChatV1Section) int {
		_, err := chatClient(t, srv, token).Users.Sections.Create("users/me", in).Context(ctx).Do()
		return status(err)
	}
	patch := func(name, mask string, in *chat.GoogleChatV1Section) int {
		_, err := sections.Patch(name, in).UpdateMask(mask).Context(ctx).Do()
		return status(err)
	}
	for _, tc := range []struct {
		what   string
		status int
		got    int
	}{
		{"create without a type", 400, create(alice, &chat.GoogleChatV1Section{DisplayName: "X"})},
		{"create a system section", 400, create(alice, &chat.GoogleChatV1Section{Type: "DEFAULT_SPACES", DisplayName: "X"})},
		{"create without a display name", 400, create(alice, &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION"})},
		{"create with 81 characters", 400, create(alice, &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: strings.Repeat("x", 81)})},
		{"create as an app", 403, create(app, &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "X"})},
		{"create for another user", 403, status(func() error {
			_, err := sections.Create("users/bob@example.com", &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "X"}).Context(ctx).Do()
			return err
		}())},
		{"list another user's", 403, status(func() error {
			_, err := sections.List("users/100000000000000000002").Context(ctx).Do()
			return err
		}())},
		{"a negative page size", 400, status(func() error { _, err := sections.List("users/me").PageSize(-1).Context(ctx).Do(); return err }())},
		{"patch without a mask", 400, patch(work.Name, "", &chat.GoogleChatV1Section{DisplayName: "Y"})},
		{"patch another field", 400, patch(work.Name, "type", &chat.GoogleChatV1Section{Type: "DEFAULT_SPACES"})},
		{"rename to nothing", 400, patch(work.Name, "display_name", &chat.GoogleChatV1Section{})},
		{"rename a system section", 400, patch("users/me/sections/default-spaces", "display_name", &chat.GoogleChatV1Section{DisplayName: "Y"})},
		{"rename an unknown section", 404, patch("users/me/sections/nope", "display_name", &chat.GoogleChatV1Section{DisplayName: "Y"})},
		{"delete a system section", 400, status(sectionsDelete(ctx, sections, "users/me/sections/default-apps"))},
		{"position nowhere", 400, status(func() error { _, err := position(work.Name, &chat.PositionSectionRequest{}); return err }())},
		{"a negative position", 400, status(func() error {
			_, err := position(work.Name, &chat.PositionSectionRequest{SortOrder: -1})
			return err
		}())},
		{"position both ways", 400, status(func() error {
			_, err := position(work.Name, &chat.PositionSectionRequest{SortOrder: 1, RelativePosition: "END"})
			return err
		}())},
		{"position an unknown section", 404, status(func() error {
			_, err := position("users/me/sections/nope", &chat.PositionSectionRequest{SortOrder: 1})
			return err
		}())},
	} {
		if tc.got != tc.status {
			t.Errorf("%s: %d, want %d", tc.what, tc.got, tc.status)
		}
	}

	// Bob has his own sections.
	if bobs, err := list(bob); err != nil || len(bobs) != 3 {
		t.Errorf("bob's sections: %s %v", sectionIDs(bobs), err)
	}

	// Deleted: gone, and a second delete is 404.
	if err := sectionsDelete(ctx, sections, fun.Name); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if err := sectionsDelete(ctx, sections, fun.Name); code(err) != 404 {
		t.Errorf("delete again: %v, want 404", err)
	}
	if all, _ := list(alice); len(all) != 4 {
		t.Errorf("after delete: %s", sectionIDs(all))
	}

	// chat.users.sections is needed to write, .readonly reads; the provider's defaults hold neither.
	defaults := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com"), "")
	if _, err := list(defaults); code(err) != 403 {
		t.Errorf("list without chat.users.sections: %v, want 403", err)
	}
	readonly := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.users.sections.readonly"), "")
	if _, err := list(readonly); err != nil {
		t.Errorf("list with chat.users.sections.readonly: %v", err)
	}
	if got := create(readonly, &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "X"}); got != 403 {
		t.Errorf("create with chat.users.sections.readonly: %d, want 403", got)
	}
	writer := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.users.sections"), "")
	if got := create(writer, &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "X"}); got != 200 {
		t.Errorf("create with chat.users.sections: %d, want 200", got)
	}
}

func sectionsDelete(ctx context.Context, sections *chat.UsersSectionsService, name string) error {
	_, err := sections.Delete(name).Context(ctx).Do()
	return err
}

// Section items through the Go client: every joined space in its default
// section, the filter and the wildcard, moves and their checks, and a
// deleted section's spaces back in their defaults.
func TestSectionItems_rules(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 1})
	ctx := context.Background()
	room := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Room"},
		"memberships": members("users/bob@example.com")})
	other := setup(t, srv, alice, namedSpace("Other"))
	dm := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"},
		"memberships": members("users/carol@example.com")})
	botDM := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "singleUserBotDm": true}})
	carols := setup(t, srv, carol, namedSpace("Carol's"))
	sections := chatClient(t, srv, alice).Users.Sections
	items := func(token, section, filter string) ([]string, error) {
		var out []string
		call := chatClient(t, srv, token).Users.Sections.Items.List(section).Context(ctx)
		if filter != "" {
			call = call.Filter(filter)
		}
		err := call.Pages(ctx, func(p *chat.ListSectionItemsResponse) error {
			for _, item := range p.SectionItems {
				section := strings.Split(item.Name, "/")[3]
				if !strings.HasSuffix(item.Name, "/items/"+strings.TrimPrefix(item.Space, "spaces/")) {
					t.Errorf("item %s of %s", item.Name, item.Space)
				}
				out = append(out, section+":"+item.Space)
			}
			return nil
		})
		return out, err
	}
	want := func(what string, got []string, err error, want ...string) {
		t.Helper()
		if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v %v, want %v", what, got, err, want)
		}
	}

	// New spaces land in their default sections; carol's space is not alice's.
	got, err := items(alice, "users/me/sections/default-spaces", "")
	want("default-spaces", got, err, "default-spaces:"+room, "default-spaces:"+other)
	got, err = items(alice, "users/me/sections/default-direct-messages", "")
	want("default-direct-messages", got, err, "default-direct-messages:"+dm)
	got, err = items(alice, "users/me/sections/default-apps", "")
	want("default-apps", got, err, "default-apps:"+botDM)
	got, err = items(alice, "users/me/sections/-", "space = "+room)
	want("wildcard with a filter", got, err, "default-spaces:"+room)
	got, err = items(alice, "users/me/sections/-", `space = "`+carols+`"`)
	want("someone else's space", got, err)

	work, err := sections.Create("users/me", &chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "Work"}).Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	workID := work.Name[strings.LastIndex(work.Name, "/")+1:]
	move := func(token, item, target string) (*chat.SectionItem, error) {
		out, err := chatClient(t, srv, token).Users.Sections.Items.Move(item, &chat.MoveSectionItemRequest{TargetSection: target}).Context(ctx).Do()
		if err != nil {
			return nil, err
		}
		return out.SectionItem, nil
	}
	itemOf := func(section, space string) string {
		return "users/me/sections/" + section + "/items/" + strings.TrimPrefix(space, "spaces/")
	}
	moved, err := move(alice, itemOf("default-spaces", room), "users/me/sections/"+workID)
	if err != nil || moved.Space != room || moved.Name != work.Name+"/items/"+strings.TrimPrefix(room, "spaces/") {
		t.Fatalf("move: %+v %v", moved, err)
	}
	if _, err := move(alice, itemOf("default-direct-messages", dm), "users/alice@example.com/sections/"+workID); err != nil {
		t.Fatalf("move a DM: %v", err)
	}
	got, err = items(alice, work.Name, "")
	want("work", got, err, workID+":"+room, workID+":"+dm)
	got, err = items(alice, "users/me/sections/-", "space = "+room)
	want("moved, with the wildcard", got, err, workID+":"+room)
	got, err = items(alice, work.Name, "space = "+other)
	want("a filter on a section without the space", got, err)
	// Bob's room is still in his default section.
	got, err = items(bob, "users/me/sections/default-spaces", "")
	want("bob's", got, err, "default-spaces:"+room)

	for _, tc := range []struct {
		what   string
		status int
		got    error
	}{
		{"an item not in that section", 404, func() error { _, err := move(alice, itemOf("default-spaces", room), work.Name); return err }()},
		{"someone else's space", 404, func() error { _, err := move(alice, itemOf("default-spaces", carols), work.Name); return err }()},
		{"no target", 400, func() error { _, err := move(alice, itemOf("default-spaces", other), ""); return err }()},
		{"a malformed target", 400, func() error { _, err := move(alice, itemOf("default-spaces", other), workID); return err }()},
		{"an unknown target", 404, func() error {
			_, err := move(alice, itemOf("default-spaces", other), "users/me/sections/nope")
			return err
		}()},
		{"another user's target", 403, func() error {
			_, err := move(alice, itemOf("default-spaces", other), "users/bob@example.com/sections/"+workID)
			return err
		}()},
		{"a space into the DM section", 400, func() error {
			_, err := move(alice, itemOf("default-spaces", other), "users/me/sections/default-direct-messages")
			return err
		}()},
		{"an app", 403, func() error { _, err := move(app, itemOf("default-spaces", other), work.Name); return err }()},
		{"a bad filter", 400, func() error { _, err := items(alice, work.Name, "displayName = x"); return err }()},
		{"the wildcard without a filter", 400, func() error { _, err := items(alice, "users/me/sections/-", ""); return err }()},
		{"an unknown section", 404, func() error { _, err := items(alice, "users/me/sections/nope", ""); return err }()},
	} {
		if code(tc.got) != tc.status {
			t.Errorf("%s: %v, want %d", tc.what, tc.got, tc.status)
		}
	}

	// Back to its default section, and to where it is: both fine.
	if _, err := move(alice, itemOf(workID, dm), "users/me/sections/default-direct-messages"); err != nil {
		t.Errorf("move back: %v", err)
	}
	if _, err := move(alice, itemOf("default-direct-messages", dm), "users/me/sections/default-direct-messages"); err != nil {
		t.Errorf("move where it is: %v", err)
	}
	// A deleted section's spaces go back to their defaults.
	if err := sectionsDelete(ctx, sections, work.Name); err != nil {
		t.Fatal(err)
	}
	got, err = items(alice, "users/me/sections/default-spaces", "")
	want("after the section is deleted", got, err, "default-spaces:"+room, "default-spaces:"+other)
	// A deleted space is no one's item.
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+other, nil); status != 200 {
		t.Fatalf("delete space: %d %v", status, out)
	}
	got, err = items(alice, "users/me/sections/-", "space = "+other)
	want("a deleted space", got, err)
}
