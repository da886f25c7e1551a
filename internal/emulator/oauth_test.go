package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2/google"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// credentialFile fetches a credential file from the emulator.
func credentialFile(t *testing.T, srv *Server, query string) []byte {
	t.Helper()
	resp, err := http.Get(srv.URL + "/__emulator/credentials?" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("credentials?%s: %d %s", query, resp.StatusCode, body)
	}
	return body
}

// exchange runs Google's own client library flow for a credential file and
// returns the access token it got from the emulator's token endpoint.
func exchange(t *testing.T, data []byte, subject string, scopes ...string) string {
	t.Helper()
	ctx := context.Background()
	if subject != "" {
		cfg, err := google.JWTConfigFromJSON(data, scopes...)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Subject = subject
		token, err := cfg.TokenSource(ctx).Token()
		if err != nil {
			t.Fatalf("domain-wide delegation token: %v", err)
		}
		return token.AccessToken
	}
	var head struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(data, &head)
	creds, err := google.CredentialsFromJSONWithType(ctx, data, google.CredentialsType(head.Type), scopes...)
	if err != nil {
		t.Fatal(err)
	}
	token, err := creds.TokenSource.Token()
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	return token.AccessToken
}

func scopeURLs(scopes ...string) []string {
	out := make([]string, len(scopes))
	for i, s := range scopes {
		out[i] = discovery.Full(s)
	}
	return out
}

func TestCredentials_appKeyScopes(t *testing.T) {
	srv := NewTestServer(t, Options{})
	key := credentialFile(t, srv, "principal=app")
	var head map[string]string
	_ = json.Unmarshal(key, &head)
	if head["type"] != "service_account" || head["token_uri"] != srv.URL+TokenPath || !strings.Contains(head["private_key"], "PRIVATE KEY") {
		t.Fatalf("service account key: %v", head)
	}

	// chat.bot alone: spaces.list works, spaces.create (chat.app.spaces) does not.
	bot := exchange(t, key, "", scopeURLs("chat.bot")...)
	if status, out := api(t, srv, bot, "GET", "/v1/spaces", nil); status != 200 {
		t.Fatalf("spaces.list with chat.bot: %d %v", status, out)
	}
	status, out := api(t, srv, bot, "POST", "/v1/spaces", namedSpace("Ops")["space"])
	if status != 403 || !strings.Contains(out["error"].(map[string]any)["message"].(string), "insufficient authentication scopes") {
		t.Fatalf("spaces.create with chat.bot only: %d %v", status, out)
	}
	// A user scope held by an app counts for nothing.
	userScoped := exchange(t, key, "", scopeURLs("chat.spaces")...)
	if status, out := api(t, srv, userScoped, "GET", "/v1/spaces", nil); status != 403 {
		t.Fatalf("spaces.list by an app with chat.spaces: %d %v", status, out)
	}

	// chat.app.spaces: create works while approved, and is refused with the
	// administrator's advice when the approval is withdrawn.
	appSpaces := exchange(t, key, "", scopeURLs("chat.app.spaces")...)
	body := map[string]any{"spaceType": "SPACE", "displayName": "Ops", "customer": "customers/my_customer"}
	if status, out := api(t, srv, appSpaces, "POST", "/v1/spaces", body); status != 200 {
		t.Fatalf("spaces.create with chat.app.spaces: %d %v", status, out)
	}
	srv.SetAppScopesApproved(false)
	body["displayName"] = "Ops 2"
	status, out = api(t, srv, appSpaces, "POST", "/v1/spaces", body)
	if status != 403 || !strings.Contains(out["error"].(map[string]any)["message"].(string), "administrator must grant the app") {
		t.Fatalf("spaces.create unapproved: %d %v", status, out)
	}
	// The shortcut token holds every scope, but approval still applies.
	if status, _ := api(t, srv, app, "POST", "/v1/spaces", body); status != 403 {
		t.Fatalf("shortcut app token, unapproved: %d", status)
	}
}

func TestCredentials_domainWideDelegation(t *testing.T) {
	srv := NewTestServer(t, Options{})
	key := credentialFile(t, srv, "principal=app")
	token := exchange(t, key, "bob@example.com", DefaultUserScopes...)
	setup(t, srv, token, namedSpace("Delegated"))
	log := srv.Requests()
	if got := log[len(log)-1].Principal; got != bob {
		t.Fatalf("setup ran as %s, want %s", got, bob)
	}
	// An unknown subject is refused by the token endpoint.
	cfg, _ := google.JWTConfigFromJSON(key, DefaultUserScopes...)
	cfg.Subject = "nobody@example.com"
	if _, err := cfg.TokenSource(context.Background()).Token(); err == nil || !strings.Contains(err.Error(), "invalid_grant") {
		t.Fatalf("unknown subject: %v", err)
	}
}

func TestCredentials_authorizedUser(t *testing.T) {
	srv := NewTestServer(t, Options{})
	file := credentialFile(t, srv, "principal=user:alice@example.com")
	token := exchange(t, file, "")
	space := setup(t, srv, token, namedSpace("Mine"))
	// The defaults hold no read-state scope.
	status, out := api(t, srv, token, "GET", "/v1/users/me/"+space+"/spaceReadState", nil)
	if status != 403 || errStatus(out) != "PERMISSION_DENIED" {
		t.Fatalf("read state without its scope: %d %v", status, out)
	}
	// A file minted with it may.
	file = credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.spaces,chat.users.readstate.readonly")
	if status, out := api(t, srv, exchange(t, file, ""), "GET", "/v1/users/me/"+space+"/spaceReadState", nil); status != 200 {
		t.Fatalf("read state with its scope: %d %v", status, out)
	}
}

func TestToken_refusals(t *testing.T) {
	srv := NewTestServer(t, Options{})
	post := func(form url.Values) (int, map[string]any) {
		resp, err := http.PostForm(srv.URL+TokenPath, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out := map[string]any{}
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	for name, form := range map[string]url.Values{
		"unknown refresh token": {"grant_type": {"refresh_token"}, "refresh_token": {"1//forged"}},
		"forged assertion":      {"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}},
		"password grant":        {"grant_type": {"password"}},
	} {
		if status, out := post(form); status != 400 || out["error"] == "" {
			t.Errorf("%s: %d %v", name, status, out)
		}
	}
	// Issued tokens are checked like any other: a forged one is refused.
	if status, _ := api(t, srv, "ya29.emulator-forged", "GET", "/v1/spaces", nil); status != 401 {
		t.Fatalf("forged access token: %d", status)
	}
}

// Every method the emulator serves is a method of the discovery document,
// so its scope check has a row to read.
func TestRoutes_areDiscoveryMethods(t *testing.T) {
	for _, r := range apiRoutes {
		m := discovery.ByID(r.rpc)
		if m == nil {
			t.Errorf("%s %s: rpc %s is not in the discovery document", r.method, r.pattern, r.rpc)
			continue
		}
		if m.HTTPMethod != r.method || discovery.Match(r.method, "v1/"+strings.NewReplacer("{space}", "S", "{member}", "M", "{message}", "X", "{user}", "me").Replace(r.pattern)) != m {
			t.Errorf("%s %s does not match the discovery document's %s %s", r.method, r.pattern, m.HTTPMethod, m.FlatPath)
		}
	}
}
