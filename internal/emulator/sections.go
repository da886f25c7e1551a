package emulator

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

// users.sections (create, list, patch, delete, position) and
// users.sections.items (list, move): a user's sidebar sections and the
// spaces in them. Every method "Requires user authentication" with
// chat.users.sections (list methods: or chat.users.sections.readonly)
// (discovery document); scopes.go checks the scope, and an app has no scope
// to hold, so userOnly answers it. There is no get: sections and items are
// read by listing.

// Section types (discovery, GoogleChatV1Section.type). SECTION_TYPE_UNSPECIFIED
// is "Unspecified section type." and never a section's.
const (
	sectionCustom         = "CUSTOM_SECTION"
	sectionDirectMessages = "DEFAULT_DIRECT_MESSAGES"
	sectionSpaces         = "DEFAULT_SPACES"
	sectionApps           = "DEFAULT_APPS"
)

// System sections have constant IDs: "DEFAULT_DIRECT_MESSAGES:
// `users/{user}/sections/default-direct-messages` - DEFAULT_SPACES:
// `users/{user}/sections/default-spaces` - DEFAULT_APPS:
// `users/{user}/sections/default-apps`" (discovery, Section.name).
const (
	sectionIDDirectMessages = "default-direct-messages"
	sectionIDSpaces         = "default-spaces"
	sectionIDApps           = "default-apps"
)

// maxSectionDisplayName: displayName "Supports up to 80 characters"
// (discovery), counted in characters (runes), not bytes (a guess).
const maxSectionDisplayName = 80

// sectionMask are the update mask paths patch takes: "Currently supported
// field paths: - `display_name`" (discovery, patch updateMask).
var sectionMask = []string{"display_name"}

// sectionItemFilter is items.list's one filter: "Currently only supports
// filtering by space. For example, `space = spaces/{space}`. Invalid
// queries are rejected with an `INVALID_ARGUMENT` error." (discovery). A
// quoted space name is accepted too (a guess: other Chat filters quote
// their values).
var sectionItemFilter = regexp.MustCompile(`^\s*space\s*=\s*("?)(spaces/[A-Za-z0-9_-]+)("?)\s*$`)

// userSections are one user's sections, in sort order, and where the user
// moved spaces. A space the user never moved, or whose section was deleted,
// sits in its default section (defaultSectionOf).
type userSections struct {
	order  []*sectionRecord
	placed map[string]string // section ID by space ID
}

type sectionRecord struct {
	id, kind, displayName string
}

// sectionsOf is the caller's sections, seeded on first use with the three
// system sections the Section.type enum names (DEFAULT_DIRECT_MESSAGES,
// DEFAULT_SPACES, DEFAULT_APPS), in that order (a guess: nothing documents
// their initial sort order; this is the order of Chat's navigation panel).
//
//   - {user} is "me", the caller's ID or email: "Only supports listing
//     sections for the calling user. To refer to the calling user, set one
//     of the following: - The `me` alias ... - Their Workspace email
//     address ... - Their user id" (discovery, list's parent). Another user,
//     or one the emulator doesn't know, answers 403 PERMISSION_DENIED on
//     every method (a guess, as for getSpaceReadState in readstate.go).
//   - An app answers 403: every method "Requires user authentication"
//     (discovery; userOnly).
func (e *Emulator) sectionsOf(c *call) (*userSections, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	if err := e.callerIs(c, c.user); err != nil {
		return nil, err
	}
	us := e.sections[c.caller.id]
	if us == nil {
		us = &userSections{placed: map[string]string{}, order: []*sectionRecord{
			{id: sectionIDDirectMessages, kind: sectionDirectMessages},
			{id: sectionIDSpaces, kind: sectionSpaces},
			{id: sectionIDApps, kind: sectionApps},
		}}
		e.sections[c.caller.id] = us
	}
	return us, nil
}

// callerIs refuses a {user} that is not the caller with 403 (sectionsOf).
func (e *Emulator) callerIs(c *call, user string) *apiError {
	if user == "me" {
		return nil
	}
	p, err := e.dir.resolveUser("users/"+user, c.caller)
	if err != nil || p.id != c.caller.id {
		return permissionDenied("Only the calling user's sections can be read or changed.")
	}
	return nil
}

// find is the section with ID id and its index in sort order.
func (us *userSections) find(id string) (*sectionRecord, int) {
	for i, s := range us.order {
		if s.id == id {
			return s, i
		}
	}
	return nil, -1
}

// section is the section the path names, or 404 NOT_FOUND.
func (e *Emulator) section(c *call) (*userSections, *sectionRecord, int, *apiError) {
	us, err := e.sectionsOf(c)
	if err != nil {
		return nil, nil, 0, err
	}
	s, i := us.find(c.section)
	if s == nil {
		return nil, nil, 0, notFound("Section users/%s/sections/%s not found.", c.user, c.section)
	}
	return us, s, i, nil
}

// renderSection is s as the caller reads it. Names carry the caller's
// numeric ID whatever alias the request used (a guess, as for
// getSpaceReadState). sortOrder is the 1-based place in the list ("Sections
// with a lower `sort_order` value appear before sections with a higher
// value", discovery; the numbering itself is a guess, matching position's
// 1-based sortOrder). displayName is "Only populated for sections of type
// `CUSTOM_SECTION`" (discovery).
func renderSection(caller *principal, s *sectionRecord, index int) *chat.GoogleChatV1Section {
	return &chat.GoogleChatV1Section{Name: caller.userName() + "/sections/" + s.id, Type: s.kind,
		DisplayName: s.displayName, SortOrder: int64(index + 1)}
}

// checkSectionDisplayName: "Required when creating a `CUSTOM_SECTION`" and
// "Supports up to 80 characters" (discovery, displayName). Empty or longer
// answers 400 INVALID_ARGUMENT (a guess at the status: the API's usual
// answer to a bad field), and so does one of only whitespace (a guess).
func checkSectionDisplayName(name string) *apiError {
	switch {
	case strings.TrimSpace(name) == "":
		return invalidArgument("displayName is required for a section of type CUSTOM_SECTION.")
	case utf8.RuneCountInString(name) > maxSectionDisplayName:
		return invalidArgument("displayName supports up to %d characters, got %d.", maxSectionDisplayName, utf8.RuneCountInString(name))
	}
	return nil
}

// createSection creates a custom section.
//
//   - "Only sections of type `CUSTOM_SECTION` can be created" and type is
//     "Required" (discovery): another type, or none, answers 400
//     INVALID_ARGUMENT (status a guess).
//   - displayName: checkSectionDisplayName.
//   - name and sortOrder in the body are ignored: the ID is the server's,
//     sortOrder "Output only" (discovery).
//   - The section is appended after every other (a guess: create takes no
//     position; position moves it).
//   - Display names need not be unique, and nothing limits how many sections
//     a user has (a guess: nothing documents either).
func (e *Emulator) createSection(c *call) (any, *apiError) {
	us, apiErr := e.sectionsOf(c)
	if apiErr != nil {
		return nil, apiErr
	}
	var in chat.GoogleChatV1Section
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if in.Type != sectionCustom {
		return nil, invalidArgument("Only sections of type CUSTOM_SECTION can be created, got type %q.", in.Type)
	}
	if err := checkSectionDisplayName(in.DisplayName); err != nil {
		return nil, err
	}
	s := &sectionRecord{id: randomID(), kind: sectionCustom, displayName: in.DisplayName}
	us.order = append(us.order, s)
	e.commit()
	return renderSection(c.caller, s, len(us.order)-1), nil
}

// listSections lists the caller's sections, system ones included, in sort
// order. pageSize: "If unspecified, at most 10 sections will be returned.
// The maximum value is 100 ... Negative values return an
// `INVALID_ARGUMENT` error." (discovery; paginate).
func (e *Emulator) listSections(c *call) (any, *apiError) {
	us, apiErr := e.sectionsOf(c)
	if apiErr != nil {
		return nil, apiErr
	}
	all := make([]*chat.GoogleChatV1Section, len(us.order))
	for i, s := range us.order {
		all[i] = renderSection(c.caller, s, i)
	}
	page, next, apiErr := paginate(all, c, 10, 100, "")
	if apiErr != nil {
		return nil, apiErr
	}
	return &chat.ListSectionsResponse{Sections: page, NextPageToken: next}, nil
}

// systemSectionRefused: system sections "cannot be created, deleted, or
// have their `display_name` modified" and "Only sections of type
// `CUSTOM_SECTION` can be updated" (discovery). The status, 400
// INVALID_ARGUMENT, is a guess.
func systemSectionRefused(s *sectionRecord, what string) *apiError {
	return invalidArgument("Only sections of type CUSTOM_SECTION can be %s; %s is a system section (%s).", what, s.id, s.kind)
}

// patchSection renames a custom section.
//
//   - The mask is "Required" and supports display_name only (discovery):
//     none, or another path, answers 400 INVALID_ARGUMENT (a guess, as for
//     every other patch of the emulator).
//   - A system section answers 400 (systemSectionRefused).
//   - displayName: checkSectionDisplayName.
func (e *Emulator) patchSection(c *call) (any, *apiError) {
	_, s, i, apiErr := e.section(c)
	if apiErr != nil {
		return nil, apiErr
	}
	mask, apiErr := c.updateMask()
	if apiErr != nil {
		return nil, apiErr
	}
	var in chat.GoogleChatV1Section
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	for _, path := range mask {
		if !slices.Contains(sectionMask, path) {
			return nil, invalidArgument("Invalid update mask path %q: supported paths are %s.", path, strings.Join(sectionMask, ", "))
		}
	}
	if s.kind != sectionCustom {
		return nil, systemSectionRefused(s, "updated")
	}
	if err := checkSectionDisplayName(in.DisplayName); err != nil {
		return nil, err
	}
	s.displayName = in.DisplayName
	e.commit()
	return renderSection(c.caller, s, i), nil
}

// deleteSection deletes a custom section. "If the section contains items,
// such as spaces, the items are moved to Google Chat's default sections and
// are not deleted." (discovery): each space goes back to its default
// section (defaultSectionOf). A system section answers 400
// (systemSectionRefused); an unknown one 404.
func (e *Emulator) deleteSection(c *call) (any, *apiError) {
	us, s, i, apiErr := e.section(c)
	if apiErr != nil {
		return nil, apiErr
	}
	if s.kind != sectionCustom {
		return nil, systemSectionRefused(s, "deleted")
	}
	us.order = slices.Delete(us.order, i, i+1)
	for space, section := range us.placed {
		if section == s.id {
			delete(us.placed, space)
		}
	}
	e.commit()
	return &chat.Empty{}, nil
}

// positionSection moves a section in the sort order (PositionSectionRequest,
// discovery).
//
//   - relativePosition START or END: "Start of the list of sections." / "End
//     of the list of sections."
//   - sortOrder: "The position must be greater than 0. If the position is
//     greater than the number of sections, the section will be appended to
//     the end of the list. This operation inserts the section at the given
//     position and shifts the original section at that position, and those
//     below it, to the next position."
//   - Both, or neither (POSITION_UNSPECIFIED and no sortOrder), answer 400
//     INVALID_ARGUMENT (a guess: both fields are "Optional", but a request
//     needs exactly one to say where), and so does a sortOrder of 0 or less.
//   - System sections may be positioned too (a guess: nothing limits
//     position to CUSTOM_SECTION, as patch and delete are).
func (e *Emulator) positionSection(c *call) (any, *apiError) {
	us, s, i, apiErr := e.section(c)
	if apiErr != nil {
		return nil, apiErr
	}
	var in chat.PositionSectionRequest
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	relative := in.RelativePosition != "" && in.RelativePosition != "POSITION_UNSPECIFIED"
	switch {
	case relative && in.SortOrder != 0:
		return nil, invalidArgument("Set relativePosition or sortOrder, not both.")
	case relative && in.RelativePosition != "START" && in.RelativePosition != "END":
		return nil, invalidArgument("Invalid relativePosition %q: want START or END.", in.RelativePosition)
	case !relative && in.SortOrder <= 0:
		return nil, invalidArgument("sortOrder must be greater than 0, or set relativePosition, got sortOrder %d.", in.SortOrder)
	}
	us.order = slices.Delete(us.order, i, i+1)
	at := len(us.order)
	switch {
	case in.RelativePosition == "START":
		at = 0
	case !relative:
		at = int(min(in.SortOrder-1, int64(len(us.order))))
	}
	us.order = slices.Insert(us.order, at, s)
	e.commit()
	return &chat.PositionSectionResponse{Section: renderSection(c.caller, s, at)}, nil
}
