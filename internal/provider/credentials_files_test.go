package provider

import (
	"context"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// EmulatorCredentials fetches a credential file from the emulator (tests of
// both this package and provider_test use it).
func EmulatorCredentials(t *testing.T, srv *emulator.Server, principal string) string {
	t.Helper()
	resp, err := http.Get(srv.URL + "/__emulator/credentials?principal=" + principal)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("credentials %s: %d %s", principal, resp.StatusCode, body)
	}
	return string(body)
}

// The framework cancels Configure's context when Configure returns, and
// token sources fetch tokens with the context they were built with: every
// credential flow must still exchange its token after that.
func TestResolveAuth_tokenExchangeOutlivesConfigure(t *testing.T) {
	srv := emulator.NewTestServer(t, emulator.Options{})
	appKey := EmulatorCredentials(t, srv, "app")
	for name, tc := range map[string]struct {
		settings authSettings
		mode     chatapi.AuthMode
	}{
		"service account key":    {authSettings{Credentials: appKey}, chatapi.AuthModeApp},
		"authorized_user file":   {authSettings{Credentials: EmulatorCredentials(t, srv, "user:alice@example.com")}, chatapi.AuthModeUser},
		"domain-wide delegation": {authSettings{Credentials: appKey, ImpersonateUser: "alice@example.com"}, chatapi.AuthModeUser},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			auth, err := resolveAuth(ctx, tc.settings)
			cancel() // as the framework does once Configure returns
			if err != nil {
				t.Fatal(err)
			}
			if auth.Mode != tc.mode {
				t.Errorf("mode %s, want %s", auth.Mode, tc.mode)
			}
			token, err := auth.TokenSource.Token()
			if err != nil {
				t.Fatalf("token exchange after Configure: %v", err)
			}
			if token.AccessToken == "" {
				t.Fatal("empty access token")
			}
		})
	}
}

// The emulator mints authorized_user files with the provider's user
// defaults, so acceptance tests hold exactly what users get by default.
func TestEmulatorUserScopesAreTheProviderDefaults(t *testing.T) {
	if !slices.Equal(emulator.DefaultUserScopes, DefaultScopes(chatapi.AuthModeUser)) {
		t.Fatalf("emulator.DefaultUserScopes %v, provider defaults %v", emulator.DefaultUserScopes, DefaultScopes(chatapi.AuthModeUser))
	}
}
