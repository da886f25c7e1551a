package chatapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	chat "google.golang.org/api/chat/v1"
)

func TestClient_AuthModeNote(t *testing.T) {
	cases := []struct {
		name   string
		client *Client
		want   string
	}{
		{"user from an access token", &Client{Config: Config{AuthMode: AuthModeUser, AuthModeSource: "inferred from access_token"}},
			`auth_mode is "user" (inferred from access_token); set auth_mode = "app" with the Chat app's service account credentials to act as the Chat app`},
		{"app from a key", &Client{Config: Config{AuthMode: AuthModeApp, AuthModeSource: "inferred from the service account key"}},
			`auth_mode is "app" (inferred from the service account key); set auth_mode = "user" with user credentials (an authorized_user file, an access token or impersonate_user) to act as a user`},
		{"source unknown", &Client{Config: Config{AuthMode: AuthModeUser}},
			`auth_mode is "user"; set auth_mode = "app" with the Chat app's service account credentials to act as the Chat app`},
		{"no mode", &Client{}, ""},
		{"nil client", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.client.AuthModeNote(); got != tc.want {
				t.Errorf("AuthModeNote() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestNew_keepsTheAuthModeSource(t *testing.T) {
	client, err := New(context.Background(), Config{AuthMode: AuthModeApp, AuthModeSource: "set by auth_mode"})
	if err != nil {
		t.Fatal(err)
	}
	if client.AuthMode != AuthModeApp || client.AuthModeSource != "set by auth_mode" {
		t.Errorf("AuthMode %q, AuthModeSource %q", client.AuthMode, client.AuthModeSource)
	}
}

// A permission error names the auth mode the provider chose and why, so a
// newcomer who gave an access token to act as the app sees the fix.
func TestPermissionErrorsNameTheAuthMode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":{"code":403,"status":"PERMISSION_DENIED","message":"This method requires app authentication."}}`))
	}))
	defer srv.Close()
	client, err := New(context.Background(), Config{Endpoint: srv.URL, AuthMode: AuthModeUser,
		AuthModeSource: "inferred from access_token"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetSpace(context.Background(), "spaces/S")
	want := `auth_mode is "user" (inferred from access_token); set auth_mode = "app"`
	if !IsPermissionDenied(err) || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v does not name the auth mode (want %q)", err, want)
	}
}

// A scope error names the scopes the method accepts for the auth mode (from
// the discovery document) and the ones the provider asked for; an approval
// error names the administrator's fix. Neither suggests switching auth_mode.
func TestScopeErrorsNameTheScopes(t *testing.T) {
	answer := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":{"code":403,"status":"PERMISSION_DENIED","message":"` + answer + `"}}`))
	}))
	defer srv.Close()
	client, err := New(context.Background(), Config{Endpoint: srv.URL + "/", AuthMode: AuthModeApp,
		Scopes: []string{"https://www.googleapis.com/auth/chat.app.spaces"}, ScopesOrigin: "set by scopes"})
	if err != nil {
		t.Fatal(err)
	}

	answer = "Request had insufficient authentication scopes."
	_, err = client.CreateMessage(context.Background(), "spaces/S", &chat.Message{Text: "hi"}, MessageOptions{})
	for _, want := range []string{
		`auth_mode is "app"; spaces.messages.create needs one of: https://www.googleapis.com/auth/chat.bot`,
		"The provider requested https://www.googleapis.com/auth/chat.app.spaces (set by scopes)",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("scope error %v lacks %q", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), `set auth_mode = "user"`) {
		t.Errorf("scope error %v suggests switching auth_mode", err)
	}

	answer = "The administrator must grant the app the required OAuth authorization scope for this action."
	_, err = client.GetSpace(context.Background(), "spaces/S")
	if err == nil || !strings.Contains(err.Error(), "https://support.google.com/a?p=chat-app-auth") {
		t.Errorf("approval error %v lacks the administrator's fix", err)
	}
}
