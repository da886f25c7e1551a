package emulator

import (
	"time"

	chat "google.golang.org/api/chat/v1"
)

// Import mode: spaces created with Space.importMode to migrate data from
// another platform, spaces.completeImport, the historical createTime of
// import-mode spaces and their messages, and who reaches such a space.
// Sources: the discovery document (revision 20261029; "discovery" below)
// and the public guides developers.google.com/workspace/chat/import-data
// ("import guide") and /authorize-import ("authorization guide"). Each rule
// quotes its source or says "guess:".
//
// Who reaches an import-mode space (importReach):
//   - only a user caller whose token comes from domain-wide delegation (or a
//     shortcut token, which counts as delegated: serve.go). Authorization
//     guide: Chat apps import data by impersonating a user through
//     domain-wide delegation with the chat.import scope; completeImport:
//     "Requires user authentication and domain-wide delegation".
//   - the importer (the user who created the space) or, through domain-wide
//     delegation, the app that created it impersonating any user.
//     Authorization guide: "Chat apps can only import content into spaces
//     they create"; guess: another impersonated user is admitted, as import
//     attributes content to its historical authors, whom the app
//     impersonates.
//   - everyone else gets 404, administrators with useAdminAccess=true
//     included. Discovery, Space.importMode: "While spaces are being
//     imported, they aren't visible to users until the import is complete";
//     guess for 404 (invisible, as a space that doesn't exist) and for
//     administrators.
//   - memberships give no access while the space is in import mode
//     (joinedMember, store.go), so spaces.list, spaces.search,
//     findGroupChats and the users.spaces methods never show the space
//     (same source: "aren't visible to users").
//   - whoever reaches it acts as its manager (spaceRecord.role,
//     permissions.go). Guess: the import guide's importer creates
//     memberships, messages and reactions and deletes the space without
//     being a member ("Import mode: No members are created", discovery,
//     spaces.create), which only a manager may do elsewhere.

// importScope is chat.import, which the discovery document lists for
// spaces.create, patch, delete, completeImport, members.create, list,
// patch, delete, messages.create, list, patch, update, delete,
// reactions.create, delete and media.upload, each time but for
// completeImport "(import mode spaces only)".
const importScope = "chat.import"

// historyStart is the earliest createTime an import-mode space takes.
// Import guide: the space's createTime "must be set to a value between
// January 1, 2000 and the current time".
var historyStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// importScopeInsufficient is the answer to a call whose only scope for the
// method is chat.import on something not in import mode: the discovery
// document grants chat.import "(import mode spaces only)". The status and
// reason are those of any missing scope (scopes.go).
func importScopeInsufficient() *apiError {
	err := permissionDenied("Request had insufficient authentication scopes. The chat.import scope is for import mode spaces only.")
	err.Reason = "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
	return err
}

// checkImportCreate applies the import-mode rules of spaces.create and
// returns the space's createTime ("" for the current time).
//   - chat.import alone creates only import-mode spaces (discovery,
//     spaces.create: "chat.import (import mode spaces only)"): 403.
//   - Import mode needs user authentication (discovery, Space.importMode:
//     "Creating a space in Import Mode requires user authentication"): 403,
//     in createSpace.
//   - and domain-wide delegation: 403. Authorization guide: Chat apps import
//     by impersonating users through domain-wide delegation, and "Chat apps
//     can only import content into spaces they create"; guess that a
//     user's own OAuth token, which names no app, is refused (the status
//     too).
//   - spaceType SPACE or GROUP_CHAT, not DIRECT_MESSAGE (import guide:
//     "Import mode only supports the SpaceType of SPACE and GROUP_CHAT. It
//     does not support DIRECT_MESSAGE"): 400.
//   - createTime only in import mode (discovery, Space.createTime: "This
//     field is output only, except when used in import mode spaces"), and
//     then between January 1, 2000 and now (historyStart): 400 (guess for
//     the status of an output-only field that is set).
func checkImportCreate(e *Emulator, c *call, in *chat.Space) (string, *apiError) {
	if !in.ImportMode {
		if c.importOnly {
			return "", importScopeInsufficient()
		}
		if in.CreateTime != "" {
			return "", invalidArgument("Space.createTime is output only, except for spaces created in import mode.")
		}
		return "", nil
	}
	if c.caller.kind == kindApp {
		return "", nil // refused by createSpace, in the API's wording
	}
	if !c.delegated {
		return "", permissionDenied("Creating a space in import mode requires domain-wide delegation: a Chat app impersonating the user with the chat.import scope.")
	}
	if in.SpaceType == "DIRECT_MESSAGE" {
		return "", invalidArgument("Import mode supports spaceType SPACE and GROUP_CHAT, not DIRECT_MESSAGE.")
	}
	if in.CreateTime == "" {
		return "", nil
	}
	t, err := time.Parse(time.RFC3339Nano, in.CreateTime)
	if err != nil {
		return "", invalidArgument("Invalid value for Space.createTime: %q.", in.CreateTime)
	}
	if t.Before(historyStart) || t.After(e.opts.Now()) {
		return "", invalidArgument("Space.createTime must be between January 1, 2000 and the current time, got %s.", in.CreateTime)
	}
	return t.UTC().Format(time.RFC3339Nano), nil
}

// startImport records an import-mode space's importer and expiry, once
// createSpace stored it (without members: "Import mode: No members are
// created", discovery, spaces.create).
//   - importModeExpireTime: discovery, "The time when the space will be
//     automatically deleted by the system if it remains in import mode";
//     import guide, "Complete import mode within 90 days"
//     (importModeLifetime, enrich.go). Counted from the space's creation in
//     the emulator, not its historical createTime (guess: a space imported
//     with a createTime of 2005 isn't deleted at once).
func (e *Emulator) startImport(c *call, rec *spaceRecord, createTime string) {
	if createTime != "" {
		rec.space.CreateTime = createTime
	}
	rec.space.ImportModeExpireTime = e.opts.Now().Add(importModeLifetime).UTC().Format(time.RFC3339Nano)
	rec.importer, rec.importApp = c.caller, c.delegatedBy
}

// importReach is lookupSpace for a space in import mode (the rules at the
// top of this file): nil when the caller reaches it, else 404.
func importReach(c *call, rec *spaceRecord) *apiError {
	sameApp := rec.importApp != "" && c.delegatedBy == rec.importApp
	appOK := rec.importApp == "" || c.delegatedBy == "" || sameApp
	userOK := rec.importer != nil && rec.importer.id == c.caller.id || sameApp
	if c.caller.kind == kindUser && c.delegated && appOK && userOK {
		return nil
	}
	return notFound("Space %s not found.", rec.space.Name)
}

// checkImportPatch refuses the spaces.patch paths that import mode doesn't
// take: access_settings.audience and access_settings.access_permission_settings
// (discovery, updateMask: "You can't update this field if the space is in
// import mode"): 400 (guess for the status: the request is at fault).
func checkImportPatch(rec *spaceRecord, path string, kind maskKind) *apiError {
	if rec.space.ImportMode && (kind == maskAudience || kind == maskAccessPermissions) {
		return invalidArgument("updateMask path %q can't be updated while the space is in import mode.", path)
	}
	return nil
}

// messageCreateTime is the createTime of a new message: now, or in an
// import-mode space the historical time the request sets.
//   - outside import mode createTime is 400 (discovery, Message.createTime:
//     "This field is output only, except when used in import mode spaces";
//     guess for the status).
//   - in import mode: "set this field to the historical timestamp at which
//     the message was created in the source" (same); not in the future and
//     not before the space's createTime: 400 (guess: "historical", and a
//     message can't predate its space).
func (e *Emulator) messageCreateTime(rec *spaceRecord, in *chat.Message) (string, *apiError) {
	now := e.timestamp()
	if in.CreateTime == "" {
		return now, nil
	}
	if !rec.space.ImportMode {
		return "", invalidArgument("Message.createTime is output only, except in import mode spaces.")
	}
	t, err := time.Parse(time.RFC3339Nano, in.CreateTime)
	if err != nil {
		return "", invalidArgument("Invalid value for Message.createTime: %q.", in.CreateTime)
	}
	if t.After(e.opts.Now()) {
		return "", invalidArgument("Message.createTime can't be in the future, got %s.", in.CreateTime)
	}
	if created, err := time.Parse(time.RFC3339Nano, rec.space.CreateTime); err == nil && t.Before(created) {
		return "", invalidArgument("Message.createTime can't be before the space's createTime %s, got %s.", rec.space.CreateTime, in.CreateTime)
	}
	return t.UTC().Format(time.RFC3339Nano), nil
}

// placeMessage inserts a message ID into the space's message order by
// createTime (after every message created at or before it): messages.list
// orders by create_time, and imported messages may arrive out of order.
func placeMessage(rec *spaceRecord, id, createTime string) {
	at, _ := time.Parse(time.RFC3339Nano, createTime)
	i := len(rec.messageOrder)
	for i > 0 {
		prev, err := time.Parse(time.RFC3339Nano, rec.messages[rec.messageOrder[i-1]].msg.CreateTime)
		if err != nil || !prev.After(at) {
			break
		}
		i--
	}
	rec.messageOrder = append(rec.messageOrder, "")
	copy(rec.messageOrder[i+1:], rec.messageOrder[i:])
	rec.messageOrder[i] = id
}

// completeImport serves spaces.completeImport: "Completes the import
// process for the specified space and makes it visible to users. Requires
// user authentication and domain-wide delegation with the authorization
// scope chat.import" (discovery).
//   - user authentication: userOnly, 403.
//   - domain-wide delegation: 403 for any other token (guess for the
//     status; shortcut tokens count as delegated).
//   - the space: as lookupSpace finds it (importReach: 404 for all but the
//     importer).
//   - the space must be in import mode ("Resource name of the import mode
//     space", parameter name): 400 FAILED_PRECONDITION otherwise (guess).
//   - importMode becomes false and importModeExpireTime goes ("only
//     populated for spaces that were created with import mode": guess that
//     a space out of import mode no longer expires, so the field has no
//     value); the answer is CompleteImportSpaceResponse {"space": Space}.
//   - the importer joins the space, as ROLE_MANAGER of a named space (as a
//     member of a group chat, which has no managers), unless the import
//     created a membership for them. Guess: import guide, "After the process
//     successfully completes, these spaces become standard Chat spaces",
//     and a standard space is reached through membership; the importer must
//     then be able to give others access (members.create), as the guide's
//     step "Give access to the space after import mode" has it.
func (e *Emulator) completeImport(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	if !c.delegated {
		return nil, permissionDenied("spaces.completeImport requires domain-wide delegation: a Chat app impersonating the user with the chat.import scope.")
	}
	var in chat.CompleteImportSpaceRequest
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	if !rec.space.ImportMode {
		return nil, failedPrecondition("Space %s is not in import mode.", rec.space.Name)
	}
	rec.space.ImportMode = false
	rec.space.ImportModeExpireTime = ""
	if importer := rec.importer; importer != nil && rec.members[importer.id] == nil {
		role := "ROLE_MANAGER"
		if rec.space.SpaceType != "SPACE" {
			role = "ROLE_MEMBER"
		}
		rec.addMember(e.userMembership(rec, importer, role, false), importer.id)
	}
	e.commit()
	return &chat.CompleteImportSpaceResponse{Space: rec.render(c.caller)}, nil
}

// expireImports deletes the spaces still in import mode at their
// importModeExpireTime, by the emulator's clock (Options.Now). Discovery,
// Space.importModeExpireTime: "The time when the space will be
// automatically deleted by the system if it remains in import mode"; import
// guide: "Complete import mode within 90 days". Run before every API call
// (apply, serve.go), so an expired space is gone (404) and its display name
// free.
func (e *Emulator) expireImports() {
	now := e.opts.Now()
	for _, rec := range e.spaces {
		if rec.deleted || !rec.space.ImportMode {
			continue
		}
		if expire, err := time.Parse(time.RFC3339Nano, rec.space.ImportModeExpireTime); err == nil && !now.Before(expire) {
			e.dropSpace(rec)
		}
	}
}

// laterTime reports whether timestamp a is after timestamp b (false when
// either doesn't parse).
func laterTime(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.After(tb)
}
