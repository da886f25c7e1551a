package emulator

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

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

// lookupSpace finds a live space the caller may see: 404 when it does not
// exist (or was deleted), 403 when the caller is not a member.
func (e *Emulator) lookupSpace(c *call) (*spaceRecord, *apiError) {
	rec := e.spaces[c.space]
	if rec == nil || rec.deleted {
		return nil, notFound("Space spaces/%s not found.", c.space)
	}
	if rec.joinedMember(c.caller) == nil {
		return nil, permissionDenied("The caller is not a member of space spaces/%s.", c.space)
	}
	return rec, nil
}

// checkSpaceFields applies the field rules shared by create and setup.
func (e *Emulator) checkSpaceFields(in *chat.Space) *apiError {
	if in.SpaceType == "" || in.SpaceType == "SPACE_TYPE_UNSPECIFIED" {
		return invalidArgument("Space.spaceType is required.")
	}
	if !spaceTypes[in.SpaceType] {
		return invalidArgument("Invalid value for Space.spaceType: %q.", in.SpaceType)
	}
	if in.SpaceType == "SPACE" && strings.TrimSpace(in.DisplayName) == "" {
		return invalidArgument("Space.displayName is required when spaceType is SPACE.")
	}
	if utf8.RuneCountInString(in.DisplayName) > maxDisplayName {
		return invalidArgument("Space.displayName supports up to %d characters.", maxDisplayName)
	}
	if d := in.SpaceDetails; d != nil {
		if utf8.RuneCountInString(d.Description) > maxDescription {
			return invalidArgument("SpaceDetails.description supports up to %d characters.", maxDescription)
		}
		if utf8.RuneCountInString(d.Guidelines) > maxGuidelines {
			return invalidArgument("SpaceDetails.guidelines supports up to %d characters.", maxGuidelines)
		}
	}
	switch in.SpaceHistoryState {
	case "", "HISTORY_OFF", "HISTORY_ON":
	default:
		return invalidArgument("Invalid value for Space.spaceHistoryState: %q.", in.SpaceHistoryState)
	}
	switch in.PredefinedPermissionSettings {
	case "", "COLLABORATION_SPACE", "ANNOUNCEMENT_SPACE":
	default:
		return invalidArgument("Invalid value for Space.predefinedPermissionSettings: %q.", in.PredefinedPermissionSettings)
	}
	if in.SpaceType != "SPACE" && (in.PredefinedPermissionSettings != "" || in.AccessSettings != nil) {
		return invalidArgument("predefinedPermissionSettings and accessSettings are only supported when spaceType is SPACE.")
	}
	if in.PermissionSettings != nil {
		return invalidArgument("Space.permissionSettings can't be set on create; use predefinedPermissionSettings, then spaces.patch.")
	}
	if a := in.AccessSettings; a != nil && a.Audience != "" && !audiencePattern.MatchString(a.Audience) {
		return invalidArgument("AccessSettings.audience must be audiences/{audience}, got %q.", a.Audience)
	}
	return nil
}

var audiencePattern = regexp.MustCompile(`^audiences/[A-Za-z0-9_-]+$`)

// displayNameTaken reports another live named space with the same name in the customer.
func (e *Emulator) displayNameTaken(name, customer, exceptID string) bool {
	for id, rec := range e.spaces {
		if id != exceptID && !rec.deleted && rec.space.SpaceType == "SPACE" &&
			rec.space.Customer == customer && strings.EqualFold(rec.space.DisplayName, name) {
			return true
		}
	}
	return false
}

// newSpace stores a space built from validated input.
func (e *Emulator) newSpace(in *chat.Space, creator *principal, customer string) *spaceRecord {
	id := randomID()
	for e.spaces[id] != nil {
		id = randomID()
	}
	now := e.timestamp()
	s := chat.Space{
		Name:                "spaces/" + id,
		SpaceType:           in.SpaceType,
		DisplayName:         in.DisplayName,
		SingleUserBotDm:     in.SingleUserBotDm,
		ExternalUserAllowed: in.ExternalUserAllowed,
		SpaceHistoryState:   in.SpaceHistoryState,
		SpaceThreadingState: "THREADED_MESSAGES",
		SpaceUri:            "https://mail.google.com/chat/u/0/#chat/space/" + id,
		ImportMode:          in.ImportMode,
	}
	if s.SpaceHistoryState == "" {
		s.SpaceHistoryState = "HISTORY_ON"
	}
	if in.SpaceType != "DIRECT_MESSAGE" {
		s.CreateTime = now
	}
	if d := in.SpaceDetails; d != nil && (d.Description != "" || d.Guidelines != "") {
		s.SpaceDetails = &chat.SpaceDetails{Description: d.Description, Guidelines: d.Guidelines}
	}
	if in.SpaceType == "SPACE" {
		s.Customer = customer
		s.PermissionSettings = presetPermissions(in.PredefinedPermissionSettings)
		s.AccessSettings = &chat.AccessSettings{AccessState: "PRIVATE"}
		if in.AccessSettings != nil && in.AccessSettings.Audience != "" {
			s.AccessSettings.Audience = in.AccessSettings.Audience
			s.AccessSettings.AccessState = "DISCOVERABLE"
		}
	}
	if in.SpaceType == "DIRECT_MESSAGE" {
		s.SpaceThreadingState = "UNTHREADED_MESSAGES"
	}
	rec := &spaceRecord{
		id: id, space: s, creator: creator,
		members: map[string]*memberRecord{}, messages: map[string]*messageRecord{},
		clientIDs: map[string]string{}, threads: map[string]string{},
	}
	e.spaces[id] = rec
	e.spaceOrder = append(e.spaceOrder, id)
	e.commit()
	return rec
}

// userMembership builds the membership of a user or app in rec.
func (e *Emulator) userMembership(rec *spaceRecord, p *principal, role string, invited bool) *memberRecord {
	state := "JOINED"
	if invited {
		state = "INVITED"
	}
	return &memberRecord{principal: p, membership: chat.Membership{
		Name:        rec.space.Name + "/members/" + p.id,
		State:       state,
		Role:        role,
		Member:      &chat.User{Name: p.userName(), Type: p.userType()},
		CreateTime:  e.timestamp(),
		Affiliation: "INTERNAL",
	}}
}

func (e *Emulator) groupMembership(rec *spaceRecord, groupID string) *memberRecord {
	return &memberRecord{membership: chat.Membership{
		Name:        rec.space.Name + "/members/" + groupID,
		State:       "JOINED",
		Role:        "MEMBERSHIP_ROLE_UNSPECIFIED",
		GroupMember: &chat.Group{Name: "groups/" + groupID},
		CreateTime:  e.timestamp(),
	}}
}

// resolveCustomer maps space.customer to the emulator's customer.
func resolveCustomer(customer string) (string, *apiError) {
	switch customer {
	case "customers/my_customer", emulatorCustomer:
		return emulatorCustomer, nil
	}
	if !strings.HasPrefix(customer, "customers/") {
		return "", invalidArgument("Space.customer must be customers/{customer}, got %q.", customer)
	}
	return "", permissionDenied("The caller can't create spaces for %s.", customer)
}

func (e *Emulator) createSpace(c *call) (any, *apiError) {
	var in chat.Space
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	requestID := c.query.Get("requestId")
	if name, ok, err := e.replay(c, requestID); ok {
		return echoSpace(&in, name), err
	}
	if err := e.checkSpaceFields(&in); err != nil {
		return nil, err
	}
	switch {
	case in.ImportMode && c.caller.kind == kindApp:
		return nil, permissionDenied("Import mode requires user authentication with the chat.import scope.")
	case in.SpaceType == "GROUP_CHAT" && !in.ImportMode:
		return nil, invalidArgument("spaces.create makes group chats only in import mode; use spaces.setup.")
	case in.SpaceType == "DIRECT_MESSAGE":
		return nil, invalidArgument("spaces.create can't make direct messages; use spaces.setup.")
	case in.SingleUserBotDm:
		return nil, invalidArgument("Space.singleUserBotDm is only supported by spaces.setup.")
	}
	customer := emulatorCustomer
	if c.caller.kind == kindApp {
		if in.Customer == "" {
			return nil, invalidArgument("Space.customer is required when creating a space with app authentication.")
		}
		var err *apiError
		if customer, err = resolveCustomer(in.Customer); err != nil {
			return nil, err
		}
	} else if in.Customer != "" {
		return nil, invalidArgument("Space.customer should only be set when creating a space with app authentication.")
	}
	if in.SpaceType == "SPACE" && e.displayNameTaken(in.DisplayName, customer, "") {
		return nil, alreadyExists("A space named %q already exists in this organization. Try a different displayName.", in.DisplayName)
	}
	if in.AccessSettings != nil && in.AccessSettings.Audience != "" && c.caller.kind == kindApp {
		return nil, permissionDenied("Setting accessSettings.audience isn't supported with app authentication.")
	}
	rec := e.newSpace(&in, c.caller, customer)
	if !in.ImportMode {
		role := "ROLE_MANAGER"
		if c.caller.kind == kindApp {
			role = "ROLE_MEMBER" // an app is added as a member, never as a manager
		}
		rec.addMember(e.userMembership(rec, c.caller, role, false), c.caller.id)
	}
	e.remember(c, requestID, rec.space.Name)
	return rec.render(c.caller), nil
}

func (e *Emulator) setUpSpace(c *call) (any, *apiError) {
	if c.caller.kind == kindApp {
		return nil, permissionDenied("This method doesn't support app authentication with a service account. Authenticate with a user account.")
	}
	var in chat.SetUpSpaceRequest
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if name, ok, err := e.replay(c, in.RequestId); ok {
		return echoSpace(in.Space, name), err
	}
	s := in.Space
	if s == nil {
		return nil, invalidArgument("SetUpSpaceRequest.space is required.")
	}
	if err := e.checkSpaceFields(s); err != nil {
		return nil, err
	}
	if s.Customer != "" {
		return nil, invalidArgument("Space.customer should only be set when creating a space with app authentication.")
	}
	if s.SpaceType != "SPACE" && s.DisplayName != "" {
		return nil, invalidArgument("Don't set Space.displayName when spaceType is %s.", s.SpaceType)
	}
	if s.SpaceType == "DIRECT_MESSAGE" && s.SpaceDetails != nil {
		return nil, invalidArgument("Don't set Space.spaceDetails for a direct message.")
	}
	if s.SingleUserBotDm && s.SpaceType != "DIRECT_MESSAGE" {
		return nil, invalidArgument("Space.singleUserBotDm requires spaceType DIRECT_MESSAGE.")
	}
	users, groups, err := e.setupMembers(c, s, in.Memberships)
	if err != nil {
		return nil, err
	}
	switch {
	case s.SpaceType == "GROUP_CHAT" && len(users) < 2:
		return nil, invalidArgument("A group chat needs at least two memberships besides the caller.")
	case s.SpaceType == "DIRECT_MESSAGE" && s.SingleUserBotDm && len(in.Memberships) > 0:
		return nil, invalidArgument("Memberships must be empty when singleUserBotDm is true.")
	case s.SpaceType == "DIRECT_MESSAGE" && !s.SingleUserBotDm && len(users) != 1:
		return nil, invalidArgument("A direct message needs exactly one membership for the other user.")
	}
	var dmKey string
	if s.SpaceType == "DIRECT_MESSAGE" {
		other := e.dir.app("app")
		if !s.SingleUserBotDm {
			other = users[0]
		}
		dmKey = pairKey(c.caller, other)
		if existing := e.findDM(dmKey); existing != nil {
			e.remember(c, in.RequestId, existing.space.Name)
			return existing.render(c.caller), nil
		}
		if s.SingleUserBotDm {
			users = []*principal{other}
		}
	}
	if s.SpaceType == "SPACE" && e.displayNameTaken(s.DisplayName, emulatorCustomer, "") {
		return nil, alreadyExists("A space named %q already exists in this organization. Try a different displayName.", s.DisplayName)
	}
	rec := e.newSpace(s, c.caller, emulatorCustomer)
	rec.dmKey = dmKey
	callerRole := "ROLE_MEMBER"
	if s.SpaceType == "SPACE" {
		callerRole = "ROLE_MANAGER"
	}
	rec.addMember(e.userMembership(rec, c.caller, callerRole, false), c.caller.id)
	for _, u := range users {
		rec.addMember(e.userMembership(rec, u, "ROLE_MEMBER", !u.autoAccept), u.id)
	}
	for _, g := range groups {
		rec.addMember(e.groupMembership(rec, g), g)
	}
	e.remember(c, in.RequestId, rec.space.Name)
	return rec.render(c.caller), nil
}

// echoSpace is the answer to a repeated requestId: the request's space with
// the system-assigned name, "not fully populated" as the API warns.
func echoSpace(in *chat.Space, name string) *chat.Space {
	out := &chat.Space{}
	if in != nil {
		out = clone(in)
	}
	out.Name = name
	return out
}

// setupMembers resolves setup memberships, dropping duplicates and the caller.
func (e *Emulator) setupMembers(c *call, s *chat.Space, in []*chat.Membership) ([]*principal, []string, *apiError) {
	var users []*principal
	var groups []string
	seen := map[string]bool{c.caller.id: true}
	for _, m := range in {
		switch {
		case m == nil || (m.Member == nil) == (m.GroupMember == nil):
			return nil, nil, invalidArgument("Each membership needs exactly one of member or groupMember.")
		case m.GroupMember != nil:
			if s.SpaceType != "SPACE" {
				return nil, nil, invalidArgument("Google groups can only be added to spaces whose spaceType is SPACE.")
			}
			id, ok := strings.CutPrefix(m.GroupMember.Name, "groups/")
			if !ok || id == "" {
				return nil, nil, invalidArgument("Invalid group name %q: want groups/{group}.", m.GroupMember.Name)
			}
			if !e.dir.groups[id] {
				return nil, nil, notFound("Group %s not found.", m.GroupMember.Name)
			}
			if !seen["group:"+id] {
				seen["group:"+id] = true
				groups = append(groups, id)
			}
		default:
			p, err := e.dir.resolveUser(m.Member.Name, c.caller)
			if err != nil {
				return nil, nil, err
			}
			if p.kind == kindApp {
				return nil, nil, invalidArgument("Only human users can be added when setting up a space; use singleUserBotDm for a DM with the calling app.")
			}
			if !seen[p.id] {
				seen[p.id] = true
				users = append(users, p)
			}
		}
	}
	if len(users)+len(groups) > maxSetupMemberships {
		return nil, nil, invalidArgument("At most %d memberships can be set up besides the caller.", maxSetupMemberships)
	}
	return users, groups, nil
}

func pairKey(a, b *principal) string {
	pair := []string{a.id, b.id}
	sort.Strings(pair)
	return pair[0] + "|" + pair[1]
}

func (e *Emulator) findDM(key string) *spaceRecord {
	for _, rec := range e.spaces {
		if !rec.deleted && rec.dmKey == key {
			return rec
		}
	}
	return nil
}

func (e *Emulator) getSpace(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
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
		space.PermissionSettings = nil // not returned by list
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

func (e *Emulator) deleteSpace(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	if rec.space.SpaceType != "SPACE" && !e.opts.AllowChatDeletion {
		return nil, failedPrecondition("Only named spaces (spaceType SPACE) can be deleted.")
	}
	if c.caller.kind == kindApp {
		if rec.creator == nil || rec.creator.id != c.caller.id {
			return nil, permissionDenied("With app authentication, only spaces the app created can be deleted.")
		}
	} else if rec.space.SpaceType == "SPACE" && rec.joinedMember(c.caller).membership.Role != "ROLE_MANAGER" {
		return nil, permissionDenied("Only space managers can delete a space.")
	}
	// Always a cascading delete: memberships and messages go with the space.
	rec.deleted = true
	rec.members = map[string]*memberRecord{}
	rec.memberOrder = nil
	rec.messages = map[string]*messageRecord{}
	rec.messageOrder = nil
	e.commit()
	return nil, nil
}

// Space patch masks, after normalizeMask.
var (
	permissionMasks = []string{
		"manage_members_and_groups", "modify_space_details", "toggle_history", "use_at_mention_all",
		"manage_apps", "manage_webhooks", "reply_messages", "view_space_membership",
	}
	accessPermissionMasks = []string{"discover_space_setting", "join_space_setting", "view_space_membership_setting"}
)

func maskKind(path string) string {
	switch path {
	case "display_name", "space_type", "space_details":
		return "details"
	case "space_history_state":
		return "history"
	case "access_settings.audience":
		return "audience"
	case "permission_settings":
		return "permissions"
	case "access_settings.access_permission_settings":
		return "access_permissions"
	}
	if p, ok := strings.CutPrefix(path, "permission_settings."); ok && slices.Contains(permissionMasks, p) {
		return "permissions"
	}
	if p, ok := strings.CutPrefix(path, "access_settings.access_permission_settings."); ok && slices.Contains(accessPermissionMasks, p) {
		return "access_permissions"
	}
	return ""
}

func (e *Emulator) patchSpace(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	var in chat.Space
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	mask := normalizeMask(c.query.Get("updateMask"))
	if len(mask) == 0 {
		return nil, invalidArgument("updateMask is required.")
	}
	kinds := map[string]bool{}
	for _, path := range mask {
		kind := maskKind(path)
		if kind == "" {
			return nil, invalidArgument("Invalid updateMask path %q.", path)
		}
		kinds[kind] = true
	}
	if err := checkMaskExclusivity(mask, kinds); err != nil {
		return nil, err
	}
	caller := rec.joinedMember(c.caller)
	next := rec.space // copy; applied only when every rule passes
	isSpace := rec.space.SpaceType == "SPACE"
	for _, path := range mask {
		switch {
		case path == "space_type":
			if in.SpaceType != "SPACE" || rec.space.SpaceType == "DIRECT_MESSAGE" ||
				(rec.space.SpaceType == "GROUP_CHAT" && !slices.Contains(mask, "display_name")) {
				return nil, invalidArgument("The only space type change supported is GROUP_CHAT to SPACE, with display_name in the update mask.")
			}
			next.SpaceType = "SPACE"
		case path == "display_name":
			converting := slices.Contains(mask, "space_type") && in.SpaceType == "SPACE"
			if !isSpace && !converting {
				return nil, invalidArgument("display_name can only be updated for spaces whose spaceType is SPACE.")
			}
			if strings.TrimSpace(in.DisplayName) == "" {
				return nil, invalidArgument("Space.displayName can't be empty for a named space.")
			}
			if utf8.RuneCountInString(in.DisplayName) > maxDisplayName {
				return nil, invalidArgument("Space.displayName supports up to %d characters.", maxDisplayName)
			}
			customer := rec.space.Customer
			if customer == "" {
				customer = emulatorCustomer // a group chat becoming a space joins the organization's names
			}
			if e.displayNameTaken(in.DisplayName, customer, rec.id) {
				return nil, alreadyExists("A space named %q already exists in this organization. Try a different displayName.", in.DisplayName)
			}
			next.DisplayName = in.DisplayName
		case path == "space_details":
			if rec.space.SpaceType == "DIRECT_MESSAGE" {
				return nil, invalidArgument("space_details can't be set on a direct message.")
			}
			details := in.SpaceDetails
			if details == nil {
				details = &chat.SpaceDetails{}
			}
			if utf8.RuneCountInString(details.Description) > maxDescription || utf8.RuneCountInString(details.Guidelines) > maxGuidelines {
				return nil, invalidArgument("SpaceDetails supports up to %d characters of description and %d of guidelines.", maxDescription, maxGuidelines)
			}
			next.SpaceDetails = nil
			if details.Description != "" || details.Guidelines != "" {
				next.SpaceDetails = &chat.SpaceDetails{Description: details.Description, Guidelines: details.Guidelines}
			}
		case path == "space_history_state":
			if in.SpaceHistoryState != "HISTORY_ON" && in.SpaceHistoryState != "HISTORY_OFF" {
				return nil, invalidArgument("space_history_state must be HISTORY_ON or HISTORY_OFF.")
			}
			next.SpaceHistoryState = in.SpaceHistoryState
		case path == "access_settings.audience":
			switch {
			case !isSpace:
				return nil, invalidArgument("access_settings can only be updated for spaces whose spaceType is SPACE.")
			case c.caller.kind == kindApp:
				return nil, permissionDenied("Updating access_settings.audience isn't supported with app authentication.")
			case caller.membership.Role != "ROLE_MANAGER":
				return nil, permissionDenied("Only space managers can update access settings.")
			}
			audience := ""
			if in.AccessSettings != nil {
				audience = in.AccessSettings.Audience
			}
			if audience != "" && !audiencePattern.MatchString(audience) {
				return nil, invalidArgument("AccessSettings.audience must be audiences/{audience}, got %q.", audience)
			}
			access := *next.AccessSettings
			access.Audience, access.AccessState = audience, "PRIVATE"
			if audience != "" {
				access.AccessState = "DISCOVERABLE"
			}
			next.AccessSettings = &access
		case strings.HasPrefix(path, "access_settings.access_permission_settings"):
			if !isSpace {
				return nil, invalidArgument("access_settings can only be updated for spaces whose spaceType is SPACE.")
			}
			if caller.membership.Role != "ROLE_MANAGER" && caller.membership.Role != "ROLE_ASSISTANT_MANAGER" {
				return nil, permissionDenied("Only space managers and assistant managers can update access permission settings.")
			}
			access := *next.AccessSettings
			if in.AccessSettings != nil {
				access.AccessPermissionSettings = in.AccessSettings.AccessPermissionSettings
			}
			next.AccessSettings = &access
		case kinds["permissions"]:
			if !isSpace {
				return nil, invalidArgument("permission_settings can only be updated for spaces whose spaceType is SPACE.")
			}
			if c.caller.kind == kindApp && (rec.creator == nil || rec.creator.id != c.caller.id) {
				return nil, permissionDenied("With app authentication, only the app that created the space can update permission_settings.")
			}
			if c.caller.kind == kindUser && caller.membership.Role != "ROLE_MANAGER" {
				return nil, permissionDenied("Only space managers can update permission settings.")
			}
			next.PermissionSettings = applyPermissionMask(next.PermissionSettings, in.PermissionSettings, path)
		}
	}
	if kinds["details"] && !e.allowed(rec, c.caller, "modify_space_details") {
		return nil, permissionDenied("The caller may not modify this space's details.")
	}
	if kinds["history"] && !e.allowed(rec, c.caller, "toggle_history") {
		return nil, permissionDenied("The caller may not turn history on or off in this space.")
	}
	if next.SpaceType == "SPACE" && rec.space.SpaceType == "GROUP_CHAT" {
		next.PermissionSettings = presetPermissions("")
		next.AccessSettings = &chat.AccessSettings{AccessState: "PRIVATE"}
		next.Customer = emulatorCustomer
		rec.dmKey = ""
		// Undocumented [U]: as in the Chat UI, whoever converts a group chat
		// to a space becomes its manager.
		caller.membership.Role = "ROLE_MANAGER"
	}
	rec.space = next
	e.commit()
	return rec.render(c.caller), nil
}

// checkMaskExclusivity applies the masks that must be sent alone.
func checkMaskExclusivity(mask []string, kinds map[string]bool) *apiError {
	switch {
	case kinds["history"] && len(kinds) > 1:
		return invalidArgument("To update space_history_state, omit all other field masks.")
	case kinds["audience"] && len(kinds) > 1:
		return invalidArgument("To update access_settings.audience, omit all other field masks.")
	case kinds["permissions"] && len(kinds) > 1:
		// view_space_membership must travel with its access setting.
		viewTogether := len(kinds) == 2 && kinds["access_permissions"] &&
			slices.Contains(mask, "permission_settings.view_space_membership") &&
			slices.Contains(mask, "access_settings.access_permission_settings.view_space_membership_setting")
		if !viewTogether {
			return invalidArgument("When updating permission_settings you can only specify permission_settings field masks.")
		}
	case kinds["access_permissions"] && len(kinds) > 1:
		return invalidArgument("To update access_settings.access_permission_settings, omit all other field masks.")
	}
	return nil
}

// allowed checks a permission setting for the caller's role; chats without
// permission settings let every member act.
func (e *Emulator) allowed(rec *spaceRecord, p *principal, setting string) bool {
	perms := rec.space.PermissionSettings
	if perms == nil {
		return true
	}
	if p.kind == kindApp {
		return rec.creator != nil && rec.creator.id == p.id
	}
	m := rec.joinedMember(p)
	var s *chat.PermissionSetting
	switch setting {
	case "modify_space_details":
		s = perms.ModifySpaceDetails
	case "toggle_history":
		s = perms.ToggleHistory
	case "manage_members_and_groups":
		s = perms.ManageMembersAndGroups
	}
	if s == nil || m == nil {
		return false
	}
	switch m.membership.Role {
	case "ROLE_MANAGER":
		return s.ManagersAllowed
	case "ROLE_ASSISTANT_MANAGER":
		return s.AssistantManagersAllowed
	default:
		return s.MembersAllowed
	}
}

func setting(managers, assistants, members bool) *chat.PermissionSetting {
	return &chat.PermissionSetting{ManagersAllowed: managers, AssistantManagersAllowed: assistants, MembersAllowed: members}
}

// presetPermissions derives permission settings from a predefined preset.
// The API does not document the values; these follow the Chat UI's presets.
func presetPermissions(preset string) *chat.PermissionSettings {
	members := preset != "ANNOUNCEMENT_SPACE"
	return &chat.PermissionSettings{
		ManageMembersAndGroups: setting(true, true, members),
		ModifySpaceDetails:     setting(true, true, members),
		ToggleHistory:          setting(true, true, members),
		UseAtMentionAll:        setting(true, true, members),
		ManageApps:             setting(true, true, members),
		ManageWebhooks:         setting(true, true, members),
		PostMessages:           setting(true, true, members),
		ReplyMessages:          setting(true, true, true),
		ViewSpaceMembership:    setting(true, true, true),
	}
}

// applyPermissionMask replaces the settings a permission_settings path names.
func applyPermissionMask(current, in *chat.PermissionSettings, path string) *chat.PermissionSettings {
	out := clone(current)
	if in == nil {
		in = &chat.PermissionSettings{}
	}
	pick := func(s *chat.PermissionSetting) *chat.PermissionSetting {
		if s == nil {
			return setting(false, false, false)
		}
		return setting(s.ManagersAllowed, s.AssistantManagersAllowed, s.MembersAllowed)
	}
	all := path == "permission_settings"
	name := strings.TrimPrefix(path, "permission_settings.")
	fields := map[string]struct {
		dst **chat.PermissionSetting
		src *chat.PermissionSetting
	}{
		"manage_members_and_groups": {&out.ManageMembersAndGroups, in.ManageMembersAndGroups},
		"modify_space_details":      {&out.ModifySpaceDetails, in.ModifySpaceDetails},
		"toggle_history":            {&out.ToggleHistory, in.ToggleHistory},
		"use_at_mention_all":        {&out.UseAtMentionAll, in.UseAtMentionAll},
		"manage_apps":               {&out.ManageApps, in.ManageApps},
		"manage_webhooks":           {&out.ManageWebhooks, in.ManageWebhooks},
		"reply_messages":            {&out.ReplyMessages, in.ReplyMessages},
		"view_space_membership":     {&out.ViewSpaceMembership, in.ViewSpaceMembership},
	}
	for key, f := range fields {
		if all || key == name {
			*f.dst = pick(f.src)
		}
	}
	return out
}
