package resources

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// sectionItemNamePattern is users/{user}/sections/{section}/items/{item}
// (discovery document, SectionItem.name).
var sectionItemNamePattern = regexp.MustCompile(`^users/[^/\s]+/sections/[^/\s]+/items/[^/\s]+$`)

// sectionOfItem is users/{user}/sections/{section} of an item's name.
func sectionOfItem(name string) string {
	section, _, _ := strings.Cut(name, "/items/")
	return section
}

// itemNamed is the item of items with name's section and item IDs, or nil.
func itemNamed(items []*chat.SectionItem, name string) *chat.SectionItem {
	for _, item := range items {
		if sectionID(sectionOfItem(item.Name)) == sectionID(sectionOfItem(name)) && sectionID(item.Name) == sectionID(name) {
			return item
		}
	}
	return nil
}

// defaultSectionOf is the system section a space goes back to, by the
// Section.type descriptions (discovery document): a direct message with an
// app in default-apps ("a user's installed apps"), a direct message between
// two people or a group chat in default-direct-messages, any other space in
// default-spaces. Which one the API puts a space in when its custom
// section is deleted ("Google Chat's default sections") is not said
// further: this is the provider's assumption.
func defaultSectionOf(space *chat.Space) string {
	switch {
	case space.SingleUserBotDm:
		return "default-apps"
	case space.SpaceType == convert.SpaceTypeDM, space.SpaceType == convert.SpaceTypeGroupChat:
		return "default-direct-messages"
	}
	return "default-spaces"
}

// userSectionItemFromAPI maps an item over prior. section keeps prior's
// spelling while the item is in that section (users/me or the user's ID);
// in another, it is the API's, so the plan moves it back.
func userSectionItemFromAPI(item *chat.SectionItem, prior userSectionItemModel) userSectionItemModel {
	state := prior
	state.Name = types.StringValue(item.Name)
	state.Space = types.StringValue(item.Space)
	state.ID = state.Space
	if section := sectionOfItem(item.Name); !convert.Known(prior.Section) || sectionID(prior.Section.ValueString()) != sectionID(section) {
		state.Section = types.StringValue(section)
	}
	return state
}
