package provider

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

func serviceAccountJSON(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: must(x509.MarshalPKCS8PrivateKey(key))})
	raw, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "p", "private_key_id": "k1", "private_key": string(pemKey),
		"client_email": "chat-app@p.iam.gserviceaccount.com", "client_id": "1", "token_uri": "https://oauth2.googleapis.com/token",
	})
	return string(raw)
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

const authorizedUser = `{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}`

func TestResolveAuth(t *testing.T) {
	sa := serviceAccountJSON(t)
	keyFile := filepath.Join(t.TempDir(), "key.json")
	if err := os.WriteFile(keyFile, []byte(sa), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		settings   authSettings
		wantMode   chatapi.AuthMode
		wantScopes []string
		wantAttr   string // attribute of the expected error
	}{
		{"service account key is the app", authSettings{Credentials: sa}, chatapi.AuthModeApp, appScopes, ""},
		{"service account key file", authSettings{Credentials: keyFile}, chatapi.AuthModeApp, appScopes, ""},
		{"domain-wide delegation acts as the user", authSettings{Credentials: sa, ImpersonateUser: "alice@example.com"}, chatapi.AuthModeUser, userScopes, ""},
		{"authorized_user is a user", authSettings{Credentials: authorizedUser}, chatapi.AuthModeUser, userScopes, ""},
		{"access token is a user", authSettings{AccessToken: "ya29.x"}, chatapi.AuthModeUser, userScopes, ""},
		{"explicit auth_mode wins", authSettings{AccessToken: "ya29.x", AuthMode: "app"}, chatapi.AuthModeApp, appScopes, ""},
		{"impersonated service account is the app", authSettings{AccessToken: "ya29.x", ImpersonateServiceAccount: "sa@p.iam.gserviceaccount.com"}, chatapi.AuthModeApp, appScopes, ""},
		{"scopes override", authSettings{Credentials: sa, Scopes: []string{"https://www.googleapis.com/auth/chat.bot"}}, chatapi.AuthModeApp, []string{"https://www.googleapis.com/auth/chat.bot"}, ""},
		{"not JSON and no file", authSettings{Credentials: "/no/such/file.json"}, "", nil, "credentials"},
		{"JSON without type", authSettings{Credentials: `{"client_id":"x"}`}, "", nil, "credentials"},
		{"unsupported type", authSettings{Credentials: `{"type":"api_key"}`}, "", nil, "credentials"},
		{"delegation needs a service account", authSettings{Credentials: authorizedUser, ImpersonateUser: "alice@example.com"}, "", nil, "impersonate_user"},
		{"delegation with a bare token", authSettings{AccessToken: "ya29.x", ImpersonateUser: "alice@example.com"}, "", nil, "impersonate_user"},
		{"delegation through impersonation", authSettings{AccessToken: "ya29.x", ImpersonateServiceAccount: "sa@p.iam.gserviceaccount.com", ImpersonateUser: "alice@example.com"}, chatapi.AuthModeUser, userScopes, ""},
		{"administrator access adds the admin scopes", authSettings{Credentials: sa, ImpersonateUser: "admin@example.com", AdminAccess: true},
			chatapi.AuthModeUser, append(slices.Clone(userScopes), chatapi.AdminScopes...), ""},
		{"administrator access keeps set scopes", authSettings{Credentials: sa, ImpersonateUser: "admin@example.com", AdminAccess: true,
			Scopes: []string{"https://www.googleapis.com/auth/chat.admin.spaces.readonly"}}, chatapi.AuthModeUser,
			[]string{"https://www.googleapis.com/auth/chat.admin.spaces.readonly"}, ""},
		{"administrator access needs a user", authSettings{Credentials: sa, AdminAccess: true}, "", nil, "use_admin_access"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			auth, err := resolveAuth(context.Background(), tc.settings)
			ts, mode, scopes := auth.TokenSource, auth.Mode, auth.Scopes
			if tc.wantAttr != "" {
				var authErr *authError
				if !errors.As(err, &authErr) || authErr.Attribute != tc.wantAttr {
					t.Fatalf("want an error on %s, got %v", tc.wantAttr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ts == nil || mode != tc.wantMode || !slices.Equal(scopes, tc.wantScopes) {
				t.Errorf("mode=%s scopes=%v ts=%v; want mode=%s scopes=%v", mode, scopes, ts, tc.wantMode, tc.wantScopes)
			}
		})
	}
}

func TestResolveAuth_accessTokenIsSentAsIs(t *testing.T) {
	auth, err := resolveAuth(context.Background(), authSettings{AccessToken: "ya29.token"})
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.TokenSource.Token()
	if err != nil || token.AccessToken != "ya29.token" {
		t.Errorf("token = %v, %v", token, err)
	}
}

func TestEnvOr(t *testing.T) {
	t.Setenv("GOOGLE_CHAT_CREDENTIALS", "")
	t.Setenv("GOOGLE_CREDENTIALS", "second")
	if got, env := envOr(types.StringNull(), os.Getenv, "GOOGLE_CHAT_CREDENTIALS", "GOOGLE_CREDENTIALS"); got != "second" || env != "GOOGLE_CREDENTIALS" {
		t.Errorf("envOr = %q from %q, want the first set variable", got, env)
	}
	t.Setenv("GOOGLE_CHAT_CREDENTIALS", "first")
	if got, env := envOr(types.StringNull(), os.Getenv, "GOOGLE_CHAT_CREDENTIALS", "GOOGLE_CREDENTIALS"); got != "first" || env != "GOOGLE_CHAT_CREDENTIALS" {
		t.Errorf("envOr = %q from %q, want GOOGLE_CHAT_CREDENTIALS first", got, env)
	}
	if got, env := envOr(types.StringValue("attr"), os.Getenv, "GOOGLE_CHAT_CREDENTIALS"); got != "attr" || env != "" {
		t.Errorf("the attribute wins over the environment, got %q from %q", got, env)
	}
}

func TestCredentialsErrorsNeverEchoTheValue(t *testing.T) {
	secret := "not-json-but-secret-key-material"
	_, err := resolveAuth(context.Background(), authSettings{Credentials: secret})
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("error %v must not repeat the credentials value", err)
	}
}
