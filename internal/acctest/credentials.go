package acctest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// CredentialsEnv chooses how the provider blocks of emulator runs
// authenticate: "files" (default), "delegation" or "tokens" (see the
// package documentation).
const CredentialsEnv = "GOOGLE_CHAT_ACC_CREDENTIALS"

// credentialMode is the test's CredentialMode, else CredentialsEnv's value,
// "files" when neither is set.
func (e *Env) credentialMode() string {
	mode := e.CredentialMode
	if mode == "" {
		mode = os.Getenv(CredentialsEnv)
	}
	switch mode {
	case "", "files":
		return "files"
	case "delegation", "tokens":
		return mode
	default:
		e.t.Fatalf("credential mode %q (%s): want files, delegation or tokens", mode, CredentialsEnv)
		return ""
	}
}

// credentialLines are the authentication lines of the googlechat (user) and
// googlechatapp (app) provider blocks in emulator runs.
func (e *Env) credentialLines() (user, app string) {
	switch e.credentialMode() {
	case "tokens":
		return `access_token = "user:alice@example.com"`, "access_token = \"app\"\n  auth_mode    = \"app\""
	case "delegation":
		key := e.credentialFile("app", "principal=app")
		user = fmt.Sprintf("credentials      = %q\n  impersonate_user = \"alice@example.com\"", key)
		if len(e.UserScopes) > 0 {
			user += fmt.Sprintf("\n  scopes = [%s]", quoteScopes(e.UserScopes))
		}
		return user, fmt.Sprintf("credentials = %q", key)
	}
	query := "principal=user:alice@example.com"
	if len(e.UserScopes) > 0 {
		query += "&scopes=" + url.QueryEscape(strings.Join(e.UserScopes, ","))
	}
	return fmt.Sprintf("credentials = %q", e.credentialFile("alice", query)),
		fmt.Sprintf("credentials = %q", e.credentialFile("app", "principal=app"))
}

// credentialFile fetches a credential file from the emulator into the
// test's temporary directory once, and returns its path.
func (e *Env) credentialFile(name, query string) string {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.credentialDir == "" {
		e.credentialDir = e.t.TempDir()
	}
	path := filepath.Join(e.credentialDir, name+".json")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	resp, err := http.Get(e.Emulator.URL + "/__emulator/credentials?" + query)
	if err != nil {
		e.t.Fatalf("credential file %s: %v", name, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		e.t.Fatalf("credential file %s: %d %s %v", name, resp.StatusCode, body, err)
	}
	if err := os.WriteFile(path, body, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

func quoteScopes(scopes []string) string {
	quoted := make([]string, len(scopes))
	for i, s := range scopes {
		quoted[i] = fmt.Sprintf("%q", discovery.Full(s))
	}
	return strings.Join(quoted, ", ")
}

// UserScopesPlus are the provider's user defaults plus extra scopes (short
// names or full URLs), for Env.UserScopes.
func UserScopesPlus(extra ...string) []string {
	return append(slices.Clone(emulator.DefaultUserScopes), extra...)
}

// UserScopesWithReadState: google_chat_space_members needs
// chat.users.readstate.readonly with user credentials to identify the
// caller (see its documentation).
var UserScopesWithReadState = UserScopesPlus("https://www.googleapis.com/auth/chat.users.readstate.readonly")

// UserScopesWithAppMembership: a user removes the app's membership only
// with chat.memberships.app (discovery document, spaces.members.delete).
var UserScopesWithAppMembership = UserScopesPlus("https://www.googleapis.com/auth/chat.memberships.app")
