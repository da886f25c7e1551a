package acctest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// lastSegment is a section's or item's ID: the same whether its name says
// users/me or the user's ID.
func lastSegment(name string) string { return name[strings.LastIndex(name, "/")+1:] }

// CheckUserSectionDestroyed checks every google_chat_user_section in state
// by listing the caller's sections, as Read does (there is no
// users.sections.get): it must be gone.
func (e *Env) CheckUserSectionDestroyed(s *terraform.State) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, TypeUserSection) {
		name := attribute(s.RootModule().Resources[key], "name")
		// Only users have sections.
		sections, err := e.Client(chatapi.AuthModeUser).ListSections(ctx, "users/me")
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, err))
			continue
		}
		for _, section := range sections {
			if lastSegment(section.Name) == lastSegment(name) {
				errs = append(errs, fmt.Errorf("%s: %s still exists after destroy", key, name))
			}
		}
	}
	return errors.Join(errs...)
}

// CheckUserSectionItemDestroyed checks every google_chat_user_section_item
// in state as Read does (items.list across sections, filtered by space):
// the space must be back in its default section (by its type, from
// spaces.get), or gone, or no longer the caller's. Deleting a custom
// section moves its spaces back too, so in emulator runs the request log
// must also show that the provider's last move of the space, if any, was
// to its default section (see movedBackLast).
func (e *Env) CheckUserSectionItemDestroyed(s *terraform.State) error {
	ctx := context.Background()
	client := e.Client(chatapi.AuthModeUser)
	var errs []error
	for _, key := range resourceKeys(s, TypeUserSectionItem) {
		space := attribute(s.RootModule().Resources[key], "space")
		got, err := client.GetSpace(ctx, space)
		if chatapi.IsNotFound(err) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, space, err))
			continue
		}
		want := defaultSection(got)
		items, err := client.ListSectionItems(ctx, "users/me/sections/-", "space = "+space)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, space, err))
			continue
		}
		for _, item := range items {
			if section := lastSegment(strings.Split(item.Name, "/items/")[0]); item.Space == space && section != want {
				errs = append(errs, fmt.Errorf("%s: %s is in section %s after destroy, want its default %s", key, space, section, want))
			}
		}
		if err := e.movedBackLast(space, want); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", key, err))
		}
	}
	return errors.Join(errs...)
}

// defaultSection is the system section a space goes back to: default-apps
// for a direct message with an app, default-direct-messages for a direct
// message or group chat, default-spaces otherwise (the Section.type
// descriptions of the discovery document).
func defaultSection(space *chat.Space) string {
	switch {
	case space.SingleUserBotDm:
		return "default-apps"
	case space.SpaceType == "DIRECT_MESSAGE", space.SpaceType == "GROUP_CHAT":
		return "default-direct-messages"
	}
	return "default-spaces"
}

// movedBackLast: in emulator runs, the last applied items.move of space
// (answered 200, or applied with its answer lost: chaos and commit-then-fail
// faults) must target its default section. The emulator's item ID is the
// space's.
func (e *Env) movedBackLast(space, want string) error {
	if e.Emulator == nil || e.viaAPI {
		return nil
	}
	last := ""
	for _, r := range e.Emulator.Requests() {
		if r.RPC != "chat.users.sections.items.move" || (r.Status != http.StatusOK && !r.Committed) ||
			!strings.HasSuffix(r.Path, "/items/"+strings.TrimPrefix(space, "spaces/")+":move") {
			continue
		}
		var body chat.MoveSectionItemRequest
		if json.Unmarshal([]byte(r.Body), &body) == nil {
			last = lastSegment(body.TargetSection)
		}
	}
	if last != "" && last != want {
		return fmt.Errorf("%s was last moved to section %s, never back to its default %s", space, last, want)
	}
	return nil
}
