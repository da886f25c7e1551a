package emulator

import (
	"net/url"
	"strings"
)

// Administrator access: the useAdminAccess parameter. Every method that
// takes it describes it alike (discovery document, parameter
// useAdminAccess of spaces.get, patch, delete, search and
// spaces.members.get, list, create, patch, delete): "When `true`, the
// method runs using the user's Google Workspace administrator privileges.
// The calling user must be a Google Workspace administrator with the
// [manage chat and spaces conversations
// privilege](https://support.google.com/a/answer/13369245). Requires the
// `chat.admin.…` OAuth 2.0 scope". The administrators are
// Options.Administrators (directory.go).
//
// A call with useAdminAccess=true goes through, in ServeHTTP:
// parseAdminAccess (the value, and a method that takes it), the caller's
// kind (users only), checkScopes (only the method's chat.admin.* scopes
// count, scopes.go) and checkAdministrator. Then lookupSpace lets the
// administrator reach any named space of the organization, member or not
// (spaces.go), the handlers skip the checks that depend on the caller's
// role in the space (permissions.go) and apply the limits each method
// documents (spaces_patch.go, members.go, spaces_search.go).

// adminMethods are the methods with a useAdminAccess parameter (discovery
// document).
var adminMethods = map[string]bool{
	"chat.spaces.get": true, "chat.spaces.patch": true, "chat.spaces.delete": true, "chat.spaces.search": true,
	"chat.spaces.members.get": true, "chat.spaces.members.list": true, "chat.spaces.members.create": true,
	"chat.spaces.members.patch": true, "chat.spaces.members.delete": true,
}

// adminScope reports whether a scope (prefix left off) is one of the
// chat.admin.* scopes. Every method description lists them under "User
// authentication grants administrator privileges when an administrator
// account authenticates, `use_admin_access` is `true`, and one of the
// following authorization scopes is used", so they count only for a call
// with useAdminAccess=true, and only they count for such a call
// (checkScopes). Guess for the second half: the descriptions grant the
// admin scopes nothing without administrator privileges.
func adminScope(scope string) bool { return strings.HasPrefix(scope, "chat.admin.") }

// adminAccessRequested reports whether a request asks for administrator
// access (for the request log, whatever the answer).
func adminAccessRequested(query url.Values) bool {
	return strings.EqualFold(query.Get("useAdminAccess"), "true")
}

// parseAdminAccess reads useAdminAccess into c.adminAccess and refuses it
// where it can't apply:
//   - a value other than true or false: 400, the wording of Google's
//     front end for a bad boolean query parameter (guess: the discovery
//     document types it "boolean"; the wording is what Google APIs answer
//     for other boolean parameters).
//   - a method without the parameter: 400, the front end's "Cannot bind
//     query parameter" (guess: the discovery document lists the parameter
//     only for the nine methods in adminMethods).
//   - an app caller: 403 (guess: the parameter "runs using the user's
//     Google Workspace administrator privileges" and "The calling user must
//     be a Google Workspace administrator"; the descriptions grant admin
//     privileges to "User authentication" only).
func (c *call) parseAdminAccess() *apiError {
	raw, ok := c.query["useAdminAccess"]
	if !ok {
		return nil
	}
	value := ""
	if len(raw) > 0 {
		value = raw[len(raw)-1]
	}
	switch strings.ToLower(value) {
	case "true":
		c.adminAccess = true
	case "false":
		c.adminAccess = false
	default:
		return invalidArgument("Invalid value at 'use_admin_access' (TYPE_BOOL), %q", value)
	}
	if !adminMethods[c.rpc] {
		return invalidArgument("Invalid JSON payload received. Unknown name \"useAdminAccess\": Cannot bind query parameter. Field 'useAdminAccess' could not be found in request message.")
	}
	if c.adminAccess && c.caller.kind == kindApp {
		return permissionDenied("useAdminAccess requires user authentication as a Google Workspace administrator; app authentication can't use administrator privileges.")
	}
	return nil
}

// checkAdministrator refuses a call with useAdminAccess=true from a user who
// isn't an administrator with the privilege. Source: "The calling user must
// be a Google Workspace administrator with the manage chat and spaces
// conversations privilege" (the parameter's description). The status is a
// guess (403, as for any missing permission).
func (e *Emulator) checkAdministrator(c *call) *apiError {
	if !c.adminAccess || e.dir.isAdministrator(c.caller) {
		return nil
	}
	return permissionDenied("useAdminAccess requires the caller to be a Google Workspace administrator with the manage chat and spaces conversations privilege; %s isn't.", c.caller.email)
}

// adminReach is lookupSpace for a call with useAdminAccess=true: the
// administrator reaches every named space of the organization, a member or
// not (guess: the privilege is to "manage chat and spaces conversations" of
// the organization, and spaces.search with admin access lists every space
// of `customers/my_customer`, which spaces.get then reads). Group chats and
// direct messages are out of reach (guess: they have no customer, "This
// field isn't populated for direct messages", and spaces.search, the way an
// administrator finds spaces, says of `space_type` "the only valid value is
// `SPACE`"): 403, as for a non-member without admin access.
func adminReach(rec *spaceRecord) *apiError {
	if rec.space.SpaceType != "SPACE" || rec.space.Customer != emulatorCustomer {
		return permissionDenied("Administrator access (useAdminAccess) reaches only named spaces (spaceType SPACE) of the administrator's Google Workspace organization; %s is a %s.", rec.space.Name, rec.space.SpaceType)
	}
	return nil
}

// notWithAdminAccess is the error of a request that admin access doesn't
// support: 400 INVALID_ARGUMENT (guess for the status: the request, not the
// caller, is at fault), naming what isn't supported.
func notWithAdminAccess(what string) *apiError {
	return invalidArgument("%s isn't supported using admin access (useAdminAccess).", what)
}
