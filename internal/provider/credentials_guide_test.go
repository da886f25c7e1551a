package provider_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/oauth2/google"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/provider"
)

// The offline-testing guide's recipe for credential files runs as written,
// and the files it fetches exchange tokens at the emulator that call the API
// as the principal they name, with the provider's default scopes.
func TestExamples_credentialFileRecipe(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skipf("needs curl: %v", err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "guides", "testing-offline.md"))
	if err != nil {
		t.Fatal(err)
	}
	var script []string
	for _, f := range markdownFences(string(data)) {
		if f.heading == "Use credential files, scopes and all" && f.lang == "shell" {
			script = append(script, f.body)
		}
	}
	if len(script) != 1 {
		t.Fatalf("found %d shell blocks under \"Use credential files, scopes and all\", want 1", len(script))
	}
	srv := emulator.NewTestServer(t, emulator.Options{})
	dir := t.TempDir()
	cmd := exec.Command("bash", "-c", "set -euo pipefail\n"+strings.ReplaceAll(script[0], "http://127.0.0.1:8080", srv.URL))
	cmd.Dir, cmd.Env = dir, []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the recipe failed: %v\n%s", err, out)
	}
	for file, want := range map[string]string{"chat-app-key.json": "app:app", "authorized-user.json": "user:alice@example.com"} {
		key, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		mode := "user"
		if want == "app:app" {
			mode = "app"
		}
		kind := google.AuthorizedUser
		if mode == "app" {
			kind = google.ServiceAccount
		}
		creds, err := google.CredentialsFromJSONWithType(context.Background(), key, kind, provider.DefaultScopes(chatapi.AuthMode(mode))...)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		token, err := creds.TokenSource.Token()
		if err != nil {
			t.Fatalf("%s: token exchange: %v", file, err)
		}
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/spaces", nil)
		token.SetAuthHeader(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		log := srv.Requests()
		if resp.StatusCode != http.StatusOK || log[len(log)-1].Principal != want {
			t.Errorf("%s: spaces.list answered %d as %s, want 200 as %s", file, resp.StatusCode, log[len(log)-1].Principal, want)
		}
	}
}
