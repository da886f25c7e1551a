package emulator

import (
	"encoding/json"
	"net/http"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// checkScopes refuses a call whose token holds none of the scopes the
// discovery document lists for the method (internal/discovery), counting
// for an app only the app scopes (chat.bot, chat.app.*) and for a user only
// the others: every method description lists them apart, under "App
// authentication" and "User authentication". A user's chat.admin.* scopes
// count only with useAdminAccess=true, and then alone (adminaccess.go).
// held nil means every scope (the shortcut tokens "app" and "user:EMAIL").
// When chat.import is the only scope that lets the call through,
// c.importOnly says so: it counts "(import mode spaces only)" (import.go).
//
// A method with no scope at all for the caller's kind (spaces.setup for an
// app, replaceCards for a user) is left to its handler, which answers the
// API's own "doesn't support ... authentication" error.
//
// chat.app.* scopes need administrator approval (the method descriptions:
// "(requires administrator approval)"); without it the API answers 403
// "The administrator must grant the app the required OAuth authorization
// scope for this action." (docs/guides/api-behaviour.md; the wording is from
// developers.google.com/workspace/chat/authenticate-authorize-chat-app).
func (e *Emulator) checkScopes(c *call, held map[string]bool) *apiError {
	m := discovery.ByID(c.rpc)
	if m == nil {
		return nil
	}
	app := c.caller.kind == kindApp
	eligible, unapproved, granted := false, false, 0
	for _, scope := range m.Scopes {
		if discovery.AppScope(scope) != app {
			continue
		}
		// The chat.admin.* scopes count for a call with useAdminAccess=true,
		// and only they do (adminScope, adminaccess.go).
		if !app && adminScope(scope) != c.adminAccess {
			continue
		}
		eligible = true
		if held != nil && !held[discovery.Full(scope)] {
			continue
		}
		if app && discovery.NeedsApproval(scope) && e.auth.appScopesUnapproved {
			unapproved = true
			continue
		}
		// chat.import counts only "(import mode spaces only)": the call
		// remembers when it is the token's only scope here (import.go).
		granted++
		c.importOnly = granted == 1 && scope == importScope
	}
	switch {
	case granted > 0 || !eligible:
		return nil
	case unapproved:
		return permissionDenied("The administrator must grant the app the required OAuth authorization scope for this action.")
	}
	err := permissionDenied("Request had insufficient authentication scopes.")
	err.Reason = "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
	return err
}

// SetAppScopesApproved approves (the default) or withdraws an administrator's
// approval of the chat.app.* scopes.
func (e *Emulator) SetAppScopesApproved(approved bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.auth.appScopesUnapproved = !approved
}

// serveAppScopes answers PUT /__emulator/app-scopes {"approved": bool}.
func (e *Emulator) serveAppScopes(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Approved bool `json:"approved"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, invalidArgument("app-scopes: %v", err))
		return
	}
	e.SetAppScopesApproved(body.Approved)
	writeJSON(w, http.StatusOK, body)
}
