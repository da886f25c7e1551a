// Package acctest runs acceptance tests against the in-process Chat API
// emulator, or against the real API when GOOGLE_CHAT_ACC_LIVE=1.
//
// Live runs read: GOOGLE_CHAT_ACC_USER_CREDENTIALS (user credentials file),
// GOOGLE_CHAT_ACC_APP_CREDENTIALS (service account key of a Chat app) and
// GOOGLE_CHAT_ACC_USERS (comma-separated users/{id} to add as members).
package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/provider"
)

// Env is one acceptance test's Chat API.
type Env struct {
	t *testing.T
	// Emulator is nil in live runs.
	Emulator *emulator.Server
	// ProviderSettings are extra lines for both provider blocks (emulator runs).
	ProviderSettings string
}

// Live reports whether acceptance tests run against the real API.
func Live() bool { return os.Getenv("GOOGLE_CHAT_ACC_LIVE") == "1" }

// New starts an emulator for t, or prepares a live run.
func New(t *testing.T) *Env {
	t.Helper()
	return NewWithOptions(t, emulator.Options{})
}

// NewWithOptions is New with emulator options (ignored in live runs).
func NewWithOptions(t *testing.T, opts emulator.Options) *Env {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run only with TF_ACC=1 (make testacc)")
	}
	env := &Env{t: t}
	if !Live() {
		env.Emulator = emulator.NewTestServer(t, opts)
	}
	return env
}

// OpenTofu reports whether the suite runs with OpenTofu.
func OpenTofu() bool { return os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" }

// SkipImportBlockUnderOpenTofu is a TestStep.SkipFunc for import-block steps:
// OpenTofu derives a provider requirement from an import block's resource
// type (google_chat_* -> hashicorp/google) even when the resource names its
// provider, and the import blocks plugin-testing writes carry no provider.
// The CLI import steps still run under OpenTofu.
func SkipImportBlockUnderOpenTofu() (bool, error) { return OpenTofu(), nil }

// RequireEmulator skips t in live runs (fault injection, request log).
func (e *Env) RequireEmulator() {
	e.t.Helper()
	if e.Emulator == nil {
		e.t.Skip("needs the emulator")
	}
}

// ProviderFactories serve the provider in-process, twice: googlechat (user
// credentials) and googlechatapp (app credentials). In-process providers are
// reattached, so every configuration of one address shares one server and
// the last Configure would win; a second address gives the app its own, as
// separate plugin processes do in real runs.
func (e *Env) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"googlechat":    providerserver.NewProtocol6WithError(provider.New("test")()),
		"googlechatapp": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// ProviderConfig declares googlechat (user credentials) and googlechatapp
// (app credentials).
func (e *Env) ProviderConfig() string {
	const required = `
terraform {
  required_providers {
    googlechat    = { source = "hashicorp/googlechat" }
    googlechatapp = { source = "hashicorp/googlechatapp" }
  }
}
`
	if e.Emulator == nil {
		return required + fmt.Sprintf(`
provider "googlechat" {
  credentials = %q
  auth_mode   = "user"
}

provider "googlechatapp" {
  credentials = %q
  auth_mode   = "app"
}
`, os.Getenv("GOOGLE_CHAT_ACC_USER_CREDENTIALS"), os.Getenv("GOOGLE_CHAT_ACC_APP_CREDENTIALS"))
	}
	return required + fmt.Sprintf(`
provider "googlechat" {
  endpoint     = %[1]q
  access_token = "user:alice@example.com"
  %[2]s
}

provider "googlechatapp" {
  endpoint     = %[1]q
  access_token = "app"
  auth_mode    = "app"
  %[2]s
}
`, e.Emulator.URL+"/", e.ProviderSettings)
}

// Config prepends the provider blocks to a resource configuration.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// User returns the i-th member users/{...} to add in tests (0-based; the
// caller is not among them).
func (e *Env) User(i int) string {
	if e.Emulator == nil {
		users := strings.Split(os.Getenv("GOOGLE_CHAT_ACC_USERS"), ",")
		if i >= len(users) {
			e.t.Skipf("GOOGLE_CHAT_ACC_USERS needs at least %d users", i+1)
		}
		return strings.TrimSpace(users[i])
	}
	return "users/" + []string{"bob@example.com", "carol@example.com", "dave@example.com", "erin@example.com"}[i]
}

// Client returns an API client acting like the provider ("user" or "app"),
// for out-of-band changes and destroy checks.
func (e *Env) Client(mode chatapi.AuthMode) *chatapi.Client {
	e.t.Helper()
	ctx := context.Background()
	cfg := chatapi.Config{Retry: chatapi.DefaultRetryPolicy(), AuthMode: mode}
	if e.Emulator != nil {
		cfg.Endpoint = e.Emulator.URL + "/"
		token := "user:alice@example.com"
		if mode == chatapi.AuthModeApp {
			token = "app"
		}
		cfg.TokenSource = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})
	} else {
		variable := "GOOGLE_CHAT_ACC_USER_CREDENTIALS"
		if mode == chatapi.AuthModeApp {
			variable = "GOOGLE_CHAT_ACC_APP_CREDENTIALS"
		}
		data, err := os.ReadFile(os.Getenv(variable))
		if err != nil {
			e.t.Fatalf("live runs need %s: %v", variable, err)
		}
		var head struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(data, &head)
		creds, err := google.CredentialsFromJSONWithType(ctx, data, google.CredentialsType(head.Type), provider.DefaultScopes(mode)...)
		if err != nil {
			e.t.Fatalf("%s: %v", variable, err)
		}
		cfg.TokenSource = creds.TokenSource
	}
	client, err := chatapi.New(ctx, cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return client
}

// CheckSpacesDestroyed verifies that every google_chat_space in state that
// Terraform was to delete is gone from the API.
func (e *Env) CheckSpacesDestroyed(s *terraform.State) error {
	user, app := e.Client(chatapi.AuthModeUser), e.Client(chatapi.AuthModeApp)
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "google_chat_space" || rs.Primary.Attributes["deletion_policy"] == "ABANDON" ||
			rs.Primary.Attributes["space_type"] != "SPACE" {
			continue
		}
		_, err := user.GetSpace(context.Background(), rs.Primary.ID)
		if chatapi.Code(err) == 403 {
			// Not the user's space: the app may have made it.
			_, err = app.GetSpace(context.Background(), rs.Primary.ID)
		}
		if err == nil {
			return fmt.Errorf("%s still exists after destroy", rs.Primary.ID)
		}
		if !chatapi.IsNotFound(err) {
			return fmt.Errorf("checking %s: %v", rs.Primary.ID, err)
		}
	}
	return nil
}

// Writes returns the emulator's logged write calls (anything but GET).
func (e *Env) Writes() []emulator.RequestRecord {
	var out []emulator.RequestRecord
	for _, r := range e.Emulator.Requests() {
		if r.IsWrite() {
			out = append(out, r)
		}
	}
	return out
}

// findSpace returns the emulator's live space with that display name.
func (e *Env) findSpace(displayName string) (*emulator.SpaceState, error) {
	for _, s := range e.Emulator.Snapshot().Spaces {
		if !s.Deleted && s.Space.DisplayName == displayName {
			return &s, nil
		}
	}
	return nil, fmt.Errorf("no live space named %q in the emulator", displayName)
}

// checkSpace runs check on the emulator's live space with that display name
// (in live runs it checks nothing).
func (e *Env) checkSpace(displayName string, check func(*emulator.SpaceState) error) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.Emulator == nil {
			return nil
		}
		space, err := e.findSpace(displayName)
		if err != nil {
			return err
		}
		return check(space)
	}
}

// CheckSpaceMembers verifies in the emulator that the named space has count
// memberships.
func (e *Env) CheckSpaceMembers(displayName string, count int) func(*terraform.State) error {
	return e.checkSpace(displayName, func(space *emulator.SpaceState) error {
		if len(space.Memberships) != count {
			return fmt.Errorf("%s has %d memberships, want %d: %+v", displayName, len(space.Memberships), count, space.Memberships)
		}
		return nil
	})
}

// CheckSpaceLive is a CheckDestroy for deletion_policy = "ABANDON": the space
// must still exist after destroy.
func (e *Env) CheckSpaceLive(displayName string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.Emulator == nil {
			return nil
		}
		_, err := e.findSpace(displayName)
		return err
	}
}

// CheckCreatedBy verifies in the emulator's request log that principal made
// the call that created the named space.
func (e *Env) CheckCreatedBy(displayName, principal string) error {
	for _, r := range e.Emulator.Requests() {
		if (r.RPC == "chat.spaces.setup" || r.RPC == "chat.spaces.create") && r.Status == 200 && strings.Contains(r.Body, displayName) {
			if r.Principal != principal {
				return fmt.Errorf("%s was created by %s, want %s", displayName, r.Principal, principal)
			}
			return nil
		}
	}
	return fmt.Errorf("no successful create of %s in the request log", displayName)
}

// CheckMessages verifies in the emulator that the named space holds exactly
// count messages that are not deleted.
func (e *Env) CheckMessages(displayName string, count int) func(*terraform.State) error {
	return e.checkSpace(displayName, func(space *emulator.SpaceState) error {
		live := 0
		for _, m := range space.Messages {
			if m.DeleteTime == "" {
				live++
			}
		}
		if live != count {
			return fmt.Errorf("%s holds %d messages, want %d", displayName, live, count)
		}
		return nil
	})
}

// CheckLiveSpaces verifies that the emulator holds exactly count live spaces:
// nothing extra (no duplicate from a retried create) and nothing missing.
func (e *Env) CheckLiveSpaces(count int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.Emulator == nil {
			return nil
		}
		if live := e.Emulator.LiveSpaces(); len(live) != count {
			return fmt.Errorf("the emulator holds %d live spaces, want %d: %v", len(live), count, live)
		}
		return nil
	}
}
