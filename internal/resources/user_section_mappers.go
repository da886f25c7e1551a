package resources

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// callerSections is the parent of the caller's sections: "To refer to the
// calling user, set ... The `me` alias. For example, `users/me`" (discovery
// document, users.sections.list parent).
const callerSections = "users/me"

// sectionTypeCustom is the one type create takes: "Only sections of type
// `CUSTOM_SECTION` can be created" (discovery document).
const sectionTypeCustom = "CUSTOM_SECTION"

// maxSectionDisplayName: displayName "Supports up to 80 characters"
// (discovery document).
const maxSectionDisplayName = 80

// systemSectionIDs are the system sections' constant IDs (discovery
// document, Section.name): they can't be created, renamed or deleted.
var systemSectionIDs = []string{"default-direct-messages", "default-spaces", "default-apps"}

// sectionNamePattern is users/{user}/sections/{section}.
var sectionNamePattern = regexp.MustCompile(`^users/[^/\s]+/sections/[^/\s]+$`)

// positionPattern is position: START, END, or a sortOrder "greater than 0"
// (PositionSectionRequest, discovery document).
var positionPattern = regexp.MustCompile(`^(START|END|[1-9][0-9]{0,8})$`)

// sectionID is the last segment of a section's name: the same section
// whether the name says users/me, the user's ID or email.
func sectionID(name string) string {
	return name[strings.LastIndex(name, "/")+1:]
}

// canonicalUserSection is a custom section's name for an import ID.
func canonicalUserSection(id string) (string, bool) {
	return id, sectionNamePattern.MatchString(id) && !slices.Contains(systemSectionIDs, sectionID(id))
}

// userSectionToAPI is the section create sends.
func userSectionToAPI(plan userSectionModel) *chat.GoogleChatV1Section {
	return &chat.GoogleChatV1Section{Type: sectionTypeCustom, DisplayName: plan.DisplayName.ValueString()}
}

// positionRequest is users.sections.position's request for position: START
// and END are relativePosition, a number sortOrder.
func positionRequest(position string) *chat.PositionSectionRequest {
	if n, ok := strconvPosition(position); ok {
		return &chat.PositionSectionRequest{SortOrder: n}
	}
	return &chat.PositionSectionRequest{RelativePosition: position}
}

// findSection is the section of sections with name's ID, or nil.
func findSection(sections []*chat.GoogleChatV1Section, name string) *chat.GoogleChatV1Section {
	for _, s := range sections {
		if sectionID(s.Name) == sectionID(name) {
			return s
		}
	}
	return nil
}

// newSection is the custom section of after, not in before, named
// displayName: the one a create whose answer was lost made. Several such
// (another client created one too) or none: nil.
func newSection(before, after []*chat.GoogleChatV1Section, displayName string) *chat.GoogleChatV1Section {
	var found []*chat.GoogleChatV1Section
	for _, s := range after {
		if s.Type == sectionTypeCustom && s.DisplayName == displayName && findSection(before, s.Name) == nil {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		return nil
	}
	return found[0]
}

// userSectionFromAPI maps an answer over prior. The name keeps prior's
// spelling when it names the same section (users/me or the user's ID: the
// identity must not change); position is the configuration's, which the API
// does not echo.
func userSectionFromAPI(out *chat.GoogleChatV1Section, prior userSectionModel) userSectionModel {
	state := prior
	name := out.Name
	if prior.Name.ValueString() != "" && sectionID(prior.Name.ValueString()) == sectionID(out.Name) {
		name = prior.Name.ValueString()
	}
	state.Name, state.ID = types.StringValue(name), types.StringValue(name)
	state.DisplayName = types.StringValue(out.DisplayName)
	state.Type = types.StringValue(out.Type)
	state.SortOrder = types.Int64Value(out.SortOrder)
	if prior.Position.IsUnknown() {
		state.Position = types.StringNull()
	}
	return state
}
