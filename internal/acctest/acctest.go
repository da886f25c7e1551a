// Package acctest runs acceptance tests against the in-process Chat API
// emulator, or against the real API when GOOGLE_CHAT_ACC_LIVE=1.
//
// Live runs read: GOOGLE_CHAT_ACC_USER_CREDENTIALS (user credentials file),
// GOOGLE_CHAT_ACC_APP_CREDENTIALS (service account key of a Chat app),
// GOOGLE_CHAT_ACC_USERS (comma-separated users/{id} to add as members) and
// GOOGLE_CHAT_ACC_CUSTOM_EMOJIS=1 when the tenant has custom emojis turned
// on (their tests skip otherwise).
//
// Emulator runs read GOOGLE_CHAT_EMULATOR_CHAOS_SEED (ChaosSeedEnv): set to
// a non-zero seed, every test's emulator runs in chaos mode (random 503s,
// 429s, resets, lost answers, jitter), and every CheckDestroy also fails on
// objects the provider created that outlived the test (CheckNoLeftovers).
// The harness's own clients are exempt from chaos (emulator.NoChaosHeader).
//
// Emulator runs also read GOOGLE_CHAT_ACC_CREDENTIALS (CredentialsEnv): how
// the provider blocks authenticate. "files" (the default) gives them the
// emulator's credential files: an authorized_user file for the user and a
// service account key for the app, exchanged at the emulator's token
// endpoint for tokens that hold only the provider's default scopes, so a
// default scope that is missing fails the test. "delegation" makes the user
// the app's key with impersonate_user (domain-wide delegation). "tokens"
// uses the emulator's shortcut tokens, which hold every scope.
package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
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
	// CredentialMode, when set, overrides CredentialsEnv for this test.
	CredentialMode string
	// UserScopes, when set, are the scopes the user's credentials hold
	// instead of the provider's defaults (emulator runs; short names such as
	// "chat.spaces" or full URLs).
	UserScopes []string

	// viaAPI makes the space checks look through the API, as in live runs,
	// even with an emulator (this package's own tests).
	viaAPI bool

	mu      sync.Mutex
	clients map[chatapi.AuthMode]*chatapi.Client
	// credentialDir holds the credential files of this test (credentials.go).
	credentialDir string

	// harness notes what the harness's own clients made (chaos.go).
	harness harnessLog
}

// Live reports whether acceptance tests run against the real API.
func Live() bool { return os.Getenv("GOOGLE_CHAT_ACC_LIVE") == "1" }

// New starts an emulator for t, or prepares a live run.
func New(t *testing.T) *Env {
	t.Helper()
	return NewWithOptions(t, emulator.Options{})
}

// NewWithOptions is New with emulator options (ignored in live runs). With
// ChaosSeedEnv set, the emulator runs in chaos mode unless opts sets Chaos;
// the seed and how to replay the test are logged first thing.
func NewWithOptions(t *testing.T, opts emulator.Options) *Env {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run only with TF_ACC=1 (make testacc)")
	}
	env := &Env{t: t}
	if !Live() {
		chaosFor(t, &opts)
		opts.UnknownFields = opts.UnknownFields || os.Getenv("GOOGLE_CHAT_EMULATOR_UNKNOWN_FIELDS") == "1" // answers carry fields of a newer API revision
		env.Emulator = emulator.NewTestServer(t, opts)
		t.Cleanup(env.afterTest)
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

// RequireLiveFeature skips t in live runs unless variable is "1": for a
// feature the test tenant may not have (custom emojis need an administrator
// to turn them on), so live runs skip cleanly instead of failing.
func (e *Env) RequireLiveFeature(variable, feature string) {
	e.t.Helper()
	if e.Emulator == nil && os.Getenv(variable) != "1" {
		e.t.Skipf("live run: set %s=1 if the test tenant has %s", variable, feature)
	}
}

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
//
// In emulator runs each factory first notes the emulator's state: the
// testing framework starts the providers for every Terraform command, so
// the last note before CheckDestroy is the state just before destroy, which
// CheckNoLeftovers compares with the final state.
func (e *Env) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"googlechat":    providerserver.NewProtocol6WithError(provider.New("test")()),
		"googlechatapp": providerserver.NewProtocol6WithError(provider.New("test")()),
		// An administrator with use_admin_access (AdminProviderConfig).
		"googlechatadmin": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
	if e.Emulator == nil {
		return factories
	}
	for name, factory := range factories {
		factories[name] = func() (tfprotov6.ProviderServer, error) {
			e.harness.noteCommandStart(e.Emulator.Snapshot())
			return factory()
		}
	}
	return factories
}

// ProviderConfig declares googlechat (user credentials) and googlechatapp
// (app credentials).
func (e *Env) ProviderConfig() string {
	const required = `
terraform {
  required_providers {
    googlechat      = { source = "hashicorp/googlechat" }
    googlechatapp   = { source = "hashicorp/googlechatapp" }
    googlechatadmin = { source = "hashicorp/googlechatadmin" }
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
	user, app := e.credentialLines()
	return required + fmt.Sprintf(`
provider "googlechat" {
  endpoint = %[1]q
  %[2]s
  %[4]s
}

provider "googlechatapp" {
  endpoint = %[1]q
  %[3]s
  %[4]s
}
`, e.Emulator.URL+"/", user, app, e.ProviderSettings)
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
// for out-of-band changes and destroy checks. It is built once per mode. In
// emulator runs its calls are exempt from chaos mode and what it creates is
// not the provider's (see CheckNoLeftovers).
func (e *Env) Client(mode chatapi.AuthMode) *chatapi.Client {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if client := e.clients[mode]; client != nil {
		return client
	}
	client, err := chatapi.New(context.Background(), e.clientConfig(mode))
	if err != nil {
		e.t.Fatal(err)
	}
	if e.clients == nil {
		e.clients = map[chatapi.AuthMode]*chatapi.Client{}
	}
	e.clients[mode] = client
	return client
}

// clientConfig is the chatapi configuration of Client(mode).
func (e *Env) clientConfig(mode chatapi.AuthMode) chatapi.Config {
	e.t.Helper()
	cfg := chatapi.Config{Retry: chatapi.DefaultRetryPolicy(), AuthMode: mode}
	admin := mode == AdminMode
	if admin {
		cfg.AuthMode, cfg.UseAdminAccess = chatapi.AuthModeUser, true
	}
	if e.Emulator != nil {
		cfg.Endpoint = e.Emulator.URL + "/"
		token := "user:alice@example.com"
		switch {
		case mode == chatapi.AuthModeApp:
			token = "app"
		case admin:
			token = "user:" + AdminEmail
		}
		cfg.TokenSource = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})
		base := http.DefaultTransport
		if transport, ok := base.(*http.Transport); ok {
			base = transport.Clone()
		}
		cfg.Transport = &harnessTransport{base: base, made: &e.harness}
		return cfg
	}
	variable, scopes := "GOOGLE_CHAT_ACC_USER_CREDENTIALS", provider.DefaultScopes(cfg.AuthMode)
	switch {
	case mode == chatapi.AuthModeApp:
		variable = "GOOGLE_CHAT_ACC_APP_CREDENTIALS"
	case admin:
		variable, scopes = "GOOGLE_CHAT_ACC_ADMIN_CREDENTIALS", append(slices.Clone(scopes), chatapi.AdminScopes...)
	}
	data, err := os.ReadFile(os.Getenv(variable))
	if err != nil {
		e.t.Fatalf("live runs need %s: %v", variable, err)
	}
	var head struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(data, &head)
	creds, err := google.CredentialsFromJSONWithType(context.Background(), data, google.CredentialsType(head.Type), scopes...)
	if err != nil {
		e.t.Fatalf("%s: %v", variable, err)
	}
	cfg.TokenSource = creds.TokenSource
	return cfg
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

// checkSpace runs check on the live space with that display name: the
// emulator's own record, or in live runs what the API answers (see apiSpace;
// messages are fetched only when withMessages is set).
func (e *Env) checkSpace(displayName string, withMessages bool, check func(*emulator.SpaceState) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		var space *emulator.SpaceState
		var err error
		if e.Emulator != nil && !e.viaAPI {
			space, err = e.findSpace(displayName)
		} else {
			space, err = e.apiSpace(s, displayName, withMessages)
		}
		if err != nil {
			return err
		}
		return check(space)
	}
}

// CheckSpaceMembers verifies that the named space has count memberships
// (people, groups and apps; see apiSpace for what live runs can see).
func (e *Env) CheckSpaceMembers(displayName string, count int) func(*terraform.State) error {
	return e.checkSpace(displayName, false, func(space *emulator.SpaceState) error {
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
		if e.Emulator != nil && !e.viaAPI {
			_, err := e.findSpace(displayName)
			return err
		}
		_, _, err := e.findAPISpace(displayName)
		return err
	}
}

// CheckCreatedBy verifies in the emulator's request log that principal made
// the call that created the named space: answered 200, or (chaos) committed
// before its answer was lost.
func (e *Env) CheckCreatedBy(displayName, principal string) error {
	for _, r := range e.Emulator.Requests() {
		if (r.RPC == "chat.spaces.setup" || r.RPC == "chat.spaces.create") && (r.Status == 200 || r.Committed) &&
			strings.Contains(r.Body, displayName) {
			if r.Principal != principal {
				return fmt.Errorf("%s was created by %s, want %s", displayName, r.Principal, principal)
			}
			return nil
		}
	}
	return fmt.Errorf("no successful create of %s in the request log", displayName)
}

// CheckMessages verifies that the named space holds exactly count messages
// that are not deleted.
func (e *Env) CheckMessages(displayName string, count int) func(*terraform.State) error {
	return e.checkSpace(displayName, true, func(space *emulator.SpaceState) error {
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

// CheckLiveSpaces verifies that exactly count spaces are live: nothing extra
// (no duplicate from a retried create) and nothing missing. The emulator
// counts all its spaces; live runs, whose accounts hold other spaces, count
// the spaces of this test (see apiLiveSpaces).
func (e *Env) CheckLiveSpaces(count int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		var live []string
		if e.Emulator != nil && !e.viaAPI {
			live = e.Emulator.LiveSpaces()
		} else {
			var err error
			if live, err = e.apiLiveSpaces(s); err != nil {
				return err
			}
		}
		if len(live) != count {
			return fmt.Errorf("%d live spaces, want %d: %v", len(live), count, live)
		}
		return nil
	}
}
