package emulator

import (
	"regexp"
	"strings"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

// The spaces collection: rules shared by its methods, and get, list,
// findDirectMessage and delete. Create and setup are in spaces_create.go,
// patch in spaces_patch.go.

// Limits from the discovery document (revision 20261029).
const (
	maxDisplayName       = 128
	maxDescription       = 4096
	maxGuidelines        = 5000
	maxSetupMemberships  = 49
	defaultSpacePageSize = 100
	maxSpacePageSize     = 1000
)

var spaceTypes = map[string]bool{"SPACE": true, "GROUP_CHAT": true, "DIRECT_MESSAGE": true}

var audiencePattern = regexp.MustCompile(`^audiences/[A-Za-z0-9_-]+$`)

// lookupSpace finds a live space the caller may see: 404 when it does not
// exist (or was deleted), 403 when the caller is not a member. With
// useAdminAccess=true membership doesn't matter; the space must be a named
// space of the organization (adminReach, adminaccess.go). A space in import
// mode is reached by its importer alone (importReach, import.go), and a
// token whose only scope for the method is chat.import reaches nothing else
// (importScopeInsufficient; completeImport answers for itself).
func (e *Emulator) lookupSpace(c *call) (*spaceRecord, *apiError) {
	rec := e.spaces[c.space]
	if rec == nil || rec.deleted {
		return nil, notFound("Space spaces/%s not found.", c.space)
	}
	if rec.space.ImportMode {
		if err := importReach(c, rec); err != nil {
			return nil, err
		}
		return rec, nil
	}
	if c.importOnly && c.rpc != "chat.spaces.completeImport" {
		return nil, importScopeInsufficient()
	}
	if c.adminAccess {
		if err := adminReach(rec); err != nil {
			return nil, err
		}
		return rec, nil
	}
	if rec.joinedMember(c.caller) == nil {
		return nil, permissionDenied("The caller is not a member of space spaces/%s.", c.space)
	}
	return rec, nil
}

func checkDisplayNameLength(name string) *apiError {
	if utf8.RuneCountInString(name) > maxDisplayName {
		return invalidArgument("Space.displayName supports up to %d characters.", maxDisplayName)
	}
	return nil
}

func checkAudience(audience string) *apiError {
	if audience != "" && !audiencePattern.MatchString(audience) {
		return invalidArgument("AccessSettings.audience must be audiences/{audience}, got %q.", audience)
	}
	return nil
}

// checkDisplayNameFree rejects the name of another live named space in the
// customer.
func (e *Emulator) checkDisplayNameFree(name, customer, exceptID string) *apiError {
	for id, rec := range e.spaces {
		if id != exceptID && !rec.deleted && rec.space.SpaceType == "SPACE" &&
			rec.space.Customer == customer && strings.EqualFold(rec.space.DisplayName, name) {
			return alreadyExists("A space named %q already exists in this organization. Try a different displayName.", name)
		}
	}
	return nil
}

func (e *Emulator) getSpace(c *call, rec *spaceRecord) (any, *apiError) {
	return rec.render(c.caller), nil
}

var spaceTypeTerm = regexp.MustCompile(`^(space_type|spaceType)\s*=\s*"([A-Z_]+)"$`)

// parseSpaceFilter accepts `space_type = "X"` terms joined by OR.
func parseSpaceFilter(filter string) (map[string]bool, *apiError) {
	if strings.TrimSpace(filter) == "" {
		return nil, nil
	}
	types := map[string]bool{}
	for _, term := range regexp.MustCompile(`\s+OR\s+`).Split(strings.TrimSpace(filter), -1) {
		m := spaceTypeTerm.FindStringSubmatch(strings.TrimSpace(term))
		if m == nil || !spaceTypes[m[2]] {
			return nil, invalidArgument("Invalid filter %q: filter by space_type with a valid SpaceType, joined by OR.", filter)
		}
		types[m[2]] = true
	}
	return types, nil
}

func (e *Emulator) listSpaces(c *call) (any, *apiError) {
	filter := c.query.Get("filter")
	types, err := parseSpaceFilter(filter)
	if err != nil {
		return nil, err
	}
	var visible []*chat.Space
	for _, id := range e.spaceOrder {
		rec := e.spaces[id]
		if rec.deleted || rec.joinedMember(c.caller) == nil {
			continue
		}
		// Group chats and DMs aren't listed until the first message is sent.
		if rec.space.SpaceType != "SPACE" && !rec.hasMessages {
			continue
		}
		if types != nil && !types[rec.space.SpaceType] {
			continue
		}
		space := rec.render(c.caller)
		// "Note: The `permissionSettings` field is not returned in the
		// Space object for list requests." (discovery,
		// ListSpacesResponse.spaces)
		space.PermissionSettings = nil
		visible = append(visible, space)
	}
	page, next, err := paginate(visible, c, defaultSpacePageSize, maxSpacePageSize, filter)
	if err != nil {
		return nil, err
	}
	return &chat.ListSpacesResponse{Spaces: page, NextPageToken: next}, nil
}

func (e *Emulator) findDirectMessage(c *call) (any, *apiError) {
	name := c.query.Get("name")
	if name == "" {
		return nil, invalidArgument("name is required: users/{user}.")
	}
	// Source: the discovery document, spaces.findDirectMessage parameter
	// name: "When [authenticated as a user](...), you can use the email as an
	// alias for `{user}`." So an app names the user by ID (certain: it is
	// documented). The status is a guess (a malformed name is 400 elsewhere),
	// and so is the wording, written in the API's style.
	if c.caller.kind == kindApp && strings.Contains(name, "@") {
		return nil, invalidArgument("Email aliases in users/{user} require user authentication.")
	}
	other, err := e.dir.resolveUser(name, c.caller)
	if err != nil {
		return nil, err
	}
	if rec := e.findDM(pairKey(c.caller, other)); rec != nil {
		return rec.render(c.caller), nil
	}
	return nil, notFound("No direct message with %s.", name)
}

func (e *Emulator) deleteSpace(c *call, rec *spaceRecord) (any, *apiError) {
	// An import-mode group chat may be deleted: spaces.delete takes
	// "chat.import (import mode spaces only)", and import mode makes group
	// chats (guess that the named-spaces-only rule doesn't hold for them).
	if rec.space.SpaceType != "SPACE" && !e.opts.AllowChatDeletion && !rec.space.ImportMode {
		return nil, failedPrecondition("Only named spaces (spaceType SPACE) can be deleted.")
	}
	// An administrator deletes any space it reaches (adminBypass).
	if err := checkCanDeleteSpace(rec, c.caller); err != nil && !c.adminAccess {
		return nil, err
	}
	e.dropSpace(rec)
	e.commit()
	return nil, nil
}

// dropSpace deletes a space. Always a cascading delete: memberships,
// messages and their attachments' files (media.go) go with the space.
func (e *Emulator) dropSpace(rec *spaceRecord) {
	e.attachments.dropSpace(rec.id)
	rec.deleted = true
	rec.members = map[string]*memberRecord{}
	rec.memberOrder = nil
	rec.messages = map[string]*messageRecord{}
	rec.messageOrder = nil
}
