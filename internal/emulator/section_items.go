package emulator

import (
	"regexp"

	chat "google.golang.org/api/chat/v1"
)

// defaultSectionOf is where a space sits until its user moves it: a 1:1
// direct message or group chat in default-direct-messages ("Default section
// containing DIRECT_MESSAGE between two human users or GROUP_CHAT spaces
// that don't belong to any custom section"), a direct message with an app
// in default-apps ("Default section containing a user's installed apps"),
// any other space in default-spaces ("Default spaces that don't belong to
// any custom section") (discovery, Section.type). New spaces land there.
func defaultSectionOf(rec *spaceRecord) string {
	switch {
	case rec.space.SingleUserBotDm:
		return sectionIDApps
	case rec.space.SpaceType == "DIRECT_MESSAGE", rec.space.SpaceType == "GROUP_CHAT":
		return sectionIDDirectMessages
	}
	return sectionIDSpaces
}

// sectionOf is the section a space sits in for us.
func (us *userSections) sectionOf(rec *spaceRecord) string {
	if id, ok := us.placed[rec.id]; ok {
		if s, _ := us.find(id); s != nil {
			return id
		}
	}
	return defaultSectionOf(rec)
}

// itemSpaces are the spaces that are the caller's section items: every space
// the caller joined ("Only spaces can be section items", discovery,
// items.list), in creation order; each sits in exactly one section.
// Invited members have not joined yet (a guess, as for notification
// settings).
func (e *Emulator) itemSpaces(c *call) []*spaceRecord {
	var out []*spaceRecord
	for _, id := range e.spaceOrder {
		if rec := e.spaces[id]; rec != nil && !rec.deleted && rec.joinedMember(c.caller) != nil {
			out = append(out, rec)
		}
	}
	return out
}

// renderItem is the caller's item of rec in section. The item's ID is the
// space's ID (a guess: nothing documents {item}; the provider never builds
// one, it reads them from items.list).
func renderItem(caller *principal, section string, rec *spaceRecord) *chat.SectionItem {
	return &chat.SectionItem{Name: caller.userName() + "/sections/" + section + "/items/" + rec.id, Space: rec.space.Name}
}

// listSectionItems lists the spaces in a section.
//
//   - filter "space = spaces/{space}" (sectionItemFilter); anything else
//     answers 400 INVALID_ARGUMENT (discovery).
//   - The section "-" searches every section: "When you're filtering by
//     space, use the wildcard `-` to search across all sections" (discovery,
//     parent). Without a filter it answers 400 INVALID_ARGUMENT (a guess:
//     the wildcard is documented only with the space filter).
//   - An unknown section answers 404 NOT_FOUND.
//   - pageSize: at most 10 unless set, at most 100, negative 400
//     (discovery; paginate).
func (e *Emulator) listSectionItems(c *call) (any, *apiError) {
	us, apiErr := e.sectionsOf(c)
	if apiErr != nil {
		return nil, apiErr
	}
	filter := c.query.Get("filter")
	space := ""
	if filter != "" {
		m := sectionItemFilter.FindStringSubmatch(filter)
		if m == nil || m[1] != m[3] {
			return nil, invalidArgument("Invalid filter %q: only `space = spaces/{space}` is supported.", filter)
		}
		space = m[2]
	}
	if c.section == "-" && space == "" {
		return nil, invalidArgument("The wildcard section `-` needs a filter by space.")
	}
	if c.section != "-" {
		if s, _ := us.find(c.section); s == nil {
			return nil, notFound("Section users/%s/sections/%s not found.", c.user, c.section)
		}
	}
	var all []*chat.SectionItem
	for _, rec := range e.itemSpaces(c) {
		section := us.sectionOf(rec)
		if (c.section == "-" || section == c.section) && (space == "" || rec.space.Name == space) {
			all = append(all, renderItem(c.caller, section, rec))
		}
	}
	page, next, apiErr := paginate(all, c, 10, 100, filter)
	if apiErr != nil {
		return nil, apiErr
	}
	return &chat.ListSectionItemsResponse{SectionItems: page, NextPageToken: next}, nil
}

// sectionNamePattern is users/{user}/sections/{section}.
var sectionNamePattern = regexp.MustCompile(`^users/([^/]+)/sections/([^/]+)$`)

// moveSectionItem moves a space to another section of the caller's.
//
//   - The item must be in the section its name says, a space the caller
//     joined: otherwise 404 NOT_FOUND (a guess: the name is the item's, and
//     an item elsewhere has another name).
//   - targetSection is "Required", `users/{user}/sections/{section}`
//     (discovery): missing or malformed answers 400 INVALID_ARGUMENT; another
//     user's 403 (a guess, as for {user} in the path); a section the caller
//     doesn't have 404 NOT_FOUND (a guess).
//   - Into a system section, only the space's own default section: a space
//     can't sit among direct messages or apps (Section.type's descriptions
//     say what each default section holds); any other 400 INVALID_ARGUMENT
//     (a guess). Any space may go into any custom section.
//   - Moving into the section it is in changes nothing and succeeds (a guess).
func (e *Emulator) moveSectionItem(c *call) (any, *apiError) {
	us, from, _, apiErr := e.section(c)
	if apiErr != nil {
		return nil, apiErr
	}
	var item *spaceRecord
	for _, rec := range e.itemSpaces(c) {
		if rec.id == c.item && us.sectionOf(rec) == from.id {
			item = rec
		}
	}
	if item == nil {
		return nil, notFound("Section item users/%s/sections/%s/items/%s not found.", c.user, c.section, c.item)
	}
	var in chat.MoveSectionItemRequest
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m := sectionNamePattern.FindStringSubmatch(in.TargetSection)
	if m == nil {
		return nil, invalidArgument("targetSection is required, as users/{user}/sections/{section}, got %q.", in.TargetSection)
	}
	if err := e.callerIs(c, m[1]); err != nil {
		return nil, err
	}
	target, _ := us.find(m[2])
	switch {
	case target == nil:
		return nil, notFound("Section %s not found.", in.TargetSection)
	case target.kind != sectionCustom && target.id != defaultSectionOf(item):
		return nil, invalidArgument("%s can't be moved to the system section %s: its default section is %s.",
			item.space.Name, target.id, defaultSectionOf(item))
	}
	if target.id != us.sectionOf(item) {
		if target.kind == sectionCustom {
			us.placed[item.id] = target.id
		} else {
			delete(us.placed, item.id)
		}
		e.commit()
	}
	return &chat.MoveSectionItemResponse{SectionItem: renderItem(c.caller, target.id, item)}, nil
}
