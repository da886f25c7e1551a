package chatapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// Two 403 answers are about the token's scopes rather than the caller's
// rights, and want other advice than switching auth_mode:
//   - "Request had insufficient authentication scopes." (ErrorInfo reason
//     ACCESS_TOKEN_SCOPE_INSUFFICIENT): the token holds none of the scopes
//     the method accepts;
//   - "The administrator must grant the app the required OAuth
//     authorization scope for this action.": a chat.app.* scope awaits an
//     administrator's approval.
const (
	insufficientScopes = "insufficient authentication scopes"
	approvalMissing    = "administrator must grant the app"
	approvalHelp       = "https://support.google.com/a?p=chat-app-auth"
)

// scopeNote returns advice for a 403 about scopes on a call to method (nil
// when the path was not recognised), or "" for any other 403.
func (c *Client) scopeNote(message string, method *discovery.Method) string {
	switch {
	case strings.Contains(message, approvalMissing):
		return "the app's chat.app.* scopes need an administrator's approval in the Google Admin console (" + approvalHelp +
			"); until an administrator approves them, calls that need one fail. Ask your administrator, or use user credentials (auth_mode = \"user\")"
	case !strings.Contains(message, insufficientScopes):
		return ""
	}
	note := fmt.Sprintf("auth_mode is %q", c.AuthMode)
	if method != nil {
		accepted := acceptedScopes(method, c.AuthMode)
		if len(accepted) == 0 {
			return note + fmt.Sprintf("; %s accepts no scope for that auth mode", strings.TrimPrefix(method.ID, "chat."))
		}
		note += fmt.Sprintf("; %s needs one of: %s", strings.TrimPrefix(method.ID, "chat."), strings.Join(accepted, ", "))
	}
	switch {
	case len(c.Scopes) > 0:
		note += ". The provider requested " + strings.Join(c.Scopes, ", ")
		if c.ScopesOrigin != "" {
			note += " (" + c.ScopesOrigin + ")"
		}
	case c.ScopesOrigin != "":
		note += ". " + strings.ToUpper(c.ScopesOrigin[:1]) + c.ScopesOrigin[1:]
	}
	return note
}

// acceptedScopes lists the full scope URLs the discovery document accepts
// for method with mode's kind of authentication (see discovery.AppScope).
func acceptedScopes(method *discovery.Method, mode AuthMode) []string {
	var out []string
	for _, s := range method.Scopes {
		if discovery.AppScope(s) == (mode == AuthModeApp) {
			out = append(out, discovery.Full(s))
		}
	}
	return out
}

// noteMethod records in ctx's call trace which API method a request calls,
// for the advice on a scope error.
func noteMethod(req *http.Request) {
	trace, _ := req.Context().Value(callTraceKey{}).(*callTrace)
	if trace == nil {
		return
	}
	method := discovery.Match(req.Method, req.URL.Path)
	trace.mu.Lock()
	trace.method = method
	trace.mu.Unlock()
}
