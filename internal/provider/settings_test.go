package provider

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"golang.org/x/oauth2"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// nullModel is an empty provider block.
func nullModel() providerModel {
	return providerModel{
		Credentials: types.StringNull(), AccessToken: types.StringNull(), ImpersonateServiceAccount: types.StringNull(),
		ImpersonateUser: types.StringNull(), AuthMode: types.StringNull(), Scopes: types.ListNull(types.StringType),
		Customer: types.StringNull(), Endpoint: types.StringNull(), InsecureEndpoint: types.BoolNull(),
		UseAdminAccess: types.BoolNull(), ListReads: types.BoolNull(), RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), RateLimits: types.ObjectNull(rateLimitTypes),
	}
}

var rateLimitTypes = map[string]attr.Type{
	"per_space_writes_per_minute": types.Int64Type, "space_writes_per_minute": types.Int64Type,
	"membership_writes_per_minute": types.Int64Type, "per_space_reads_per_minute": types.Int64Type,
	"reads_per_minute": types.Int64Type,
}

// env is a fake environment for getenv.
func env(vars ...string) func(string) string {
	values := map[string]string{}
	for i := 0; i+1 < len(vars); i += 2 {
		values[vars[i]] = vars[i+1]
	}
	return func(name string) string { return values[name] }
}

func TestFirstUnknown(t *testing.T) {
	cases := []struct {
		name   string
		change func(*providerModel)
		want   string
	}{
		{"all known", func(*providerModel) {}, ""},
		{"endpoint", func(m *providerModel) { m.Endpoint = types.StringUnknown() }, "endpoint"},
		{"insecure_endpoint", func(m *providerModel) { m.InsecureEndpoint = types.BoolUnknown() }, "insecure_endpoint"},
		{"scopes", func(m *providerModel) { m.Scopes = types.ListUnknown(types.StringType) }, "scopes"},
		{"rate_limits", func(m *providerModel) { m.RateLimits = types.ObjectUnknown(rateLimitTypes) }, "rate_limits"},
		{"max_retries", func(m *providerModel) { m.MaxRetries = types.Int64Unknown() }, "max_retries"},
		{"first in schema order", func(m *providerModel) {
			m.RequestTimeout, m.Credentials = types.StringUnknown(), types.StringUnknown()
		}, "credentials"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			model := nullModel()
			tc.change(&model)
			got, unknown := firstUnknown(model)
			if got != tc.want || unknown != (tc.want != "") {
				t.Errorf("firstUnknown = %q, %v; want %q", got, unknown, tc.want)
			}
		})
	}
}

func TestResolveAuthSettings(t *testing.T) {
	cases := []struct {
		name         string
		change       func(*providerModel)
		getenv       func(string) string
		want         authSettings
		wantConflict bool
	}{
		{"empty", func(*providerModel) {}, env(), authSettings{}, false},
		{"credentials from GOOGLE_CHAT_CREDENTIALS first", func(*providerModel) {},
			env("GOOGLE_CHAT_CREDENTIALS", "/a.json", "GOOGLE_CREDENTIALS", "/b.json"),
			authSettings{Credentials: "/a.json", CredentialsEnv: "GOOGLE_CHAT_CREDENTIALS"}, false},
		{"then GOOGLE_CREDENTIALS", func(*providerModel) {}, env("GOOGLE_CREDENTIALS", "/b.json"),
			authSettings{Credentials: "/b.json", CredentialsEnv: "GOOGLE_CREDENTIALS"}, false},
		{"the block wins over the environment", func(m *providerModel) { m.Credentials = types.StringValue("/block.json") },
			env("GOOGLE_CHAT_CREDENTIALS", "/a.json"), authSettings{Credentials: "/block.json"}, false},
		{"block credentials drop the token variable", func(m *providerModel) { m.Credentials = types.StringValue("/block.json") },
			env("GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.x"), authSettings{Credentials: "/block.json"}, false},
		{"a block token drops the credentials variables", func(m *providerModel) { m.AccessToken = types.StringValue("ya29.x") },
			env("GOOGLE_CREDENTIALS", "/b.json"), authSettings{AccessToken: "ya29.x"}, false},
		{"token and impersonation from the environment", func(m *providerModel) { m.AuthMode = types.StringValue("app") },
			env("GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.x", "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT", "sa@p.iam.gserviceaccount.com",
				"GOOGLE_CHAT_IMPERSONATE_USER", "alice@example.com"),
			authSettings{AccessToken: "ya29.x", AccessTokenEnv: "GOOGLE_OAUTH_ACCESS_TOKEN", AuthMode: "app",
				ImpersonateServiceAccount: "sa@p.iam.gserviceaccount.com", ImpersonateServiceAccountEnv: "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT",
				ImpersonateUser: "alice@example.com", ImpersonateUserEnv: "GOOGLE_CHAT_IMPERSONATE_USER"}, false},
		{"both kinds in the environment conflict", func(*providerModel) {},
			env("GOOGLE_CREDENTIALS", "/b.json", "GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.x"), authSettings{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			model := nullModel()
			tc.change(&model)
			got, err := resolveAuthSettings(model, tc.getenv)
			if tc.wantConflict {
				if err == nil || !strings.Contains(err.Error(), "GOOGLE_CREDENTIALS") || !strings.Contains(err.Error(), "GOOGLE_OAUTH_ACCESS_TOKEN") {
					t.Errorf("want a conflict naming both variables, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Credentials != tc.want.Credentials || got.CredentialsEnv != tc.want.CredentialsEnv ||
				got.AccessToken != tc.want.AccessToken || got.AccessTokenEnv != tc.want.AccessTokenEnv ||
				got.ImpersonateServiceAccount != tc.want.ImpersonateServiceAccount ||
				got.ImpersonateServiceAccountEnv != tc.want.ImpersonateServiceAccountEnv ||
				got.ImpersonateUser != tc.want.ImpersonateUser || got.ImpersonateUserEnv != tc.want.ImpersonateUserEnv ||
				got.AuthMode != tc.want.AuthMode {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestInsecureEndpoint(t *testing.T) {
	cases := []struct {
		name    string
		value   types.Bool
		getenv  func(string) string
		want    bool
		wantErr bool
	}{
		{"unset", types.BoolNull(), env(), false, false},
		{"attribute true", types.BoolValue(true), env(), true, false},
		{"attribute false wins over the variable", types.BoolValue(false), env("GOOGLE_CHAT_INSECURE_ENDPOINT", "true"), false, false},
		{"variable true", types.BoolNull(), env("GOOGLE_CHAT_INSECURE_ENDPOINT", "true"), true, false},
		{"variable 1", types.BoolNull(), env("GOOGLE_CHAT_INSECURE_ENDPOINT", "1"), true, false},
		{"variable false", types.BoolNull(), env("GOOGLE_CHAT_INSECURE_ENDPOINT", "false"), false, false},
		{"variable not a bool", types.BoolNull(), env("GOOGLE_CHAT_INSECURE_ENDPOINT", "yes please"), false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := insecureEndpoint(tc.value, tc.getenv)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("insecureEndpoint = %v, %v; want %v (error %v)", got, err, tc.want, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "GOOGLE_CHAT_INSECURE_ENDPOINT") {
				t.Errorf("the error must name the variable: %v", err)
			}
		})
	}
}

func TestCheckEndpoint(t *testing.T) {
	cases := []struct {
		endpoint     string
		insecure     bool
		wantOK       bool
		wantMentions string // in the error
	}{
		{"https://chat.googleapis.com/", false, true, ""},
		{"http://localhost:8080/", false, true, ""},
		{"http://127.0.0.1:8080", false, true, ""},
		{"http://[::1]:8080/", false, true, ""},
		{"http://chat-emulator:8080/", false, false, "insecure_endpoint = true"},
		{"http://10.0.0.7:8080/", false, false, "GOOGLE_CHAT_INSECURE_ENDPOINT=true"},
		{"http://chat-emulator:8080/", true, true, ""},
		{"http://10.0.0.7:8080/", true, true, ""},
		{"https://chat-emulator:8443/", true, true, ""},
		// insecure_endpoint relaxes the scheme only.
		{"http://chat-emulator:8080/?key=x", true, false, "query"},
		{"http://user:pw@chat-emulator:8080/", true, false, "user info"},
		{"ftp://chat-emulator/", true, false, "not an absolute http(s) URL"},
		{"chat-emulator:8080", true, false, "not an absolute http(s) URL"},
		{"http://chat-emulator:8080/?key=x", false, false, "query"},
	}
	for _, tc := range cases {
		t.Run(tc.endpoint, func(t *testing.T) {
			err := checkEndpoint(tc.endpoint, tc.insecure)
			if (err == nil) != tc.wantOK {
				t.Fatalf("checkEndpoint(%q, %v) = %v, want ok=%v", tc.endpoint, tc.insecure, err, tc.wantOK)
			}
			if err != nil && !strings.Contains(err.Error(), tc.wantMentions) {
				t.Errorf("error %q lacks %q", err, tc.wantMentions)
			}
			if err != nil && tc.wantMentions == "query" && strings.Contains(err.Error(), "insecure_endpoint") {
				t.Errorf("insecure_endpoint can't fix %q: %v", tc.endpoint, err)
			}
		})
	}
}

func TestRetryPolicy(t *testing.T) {
	defaults := chatapi.DefaultRetryPolicy()
	cases := []struct {
		name        string
		timeout     types.String
		maxRetries  types.Int64
		wantTimeout time.Duration
		wantRetries int
		wantErr     bool
	}{
		{"defaults", types.StringNull(), types.Int64Null(), defaults.AttemptTimeout, defaults.MaxRetries, false},
		{"request_timeout", types.StringValue("3s"), types.Int64Null(), 3 * time.Second, defaults.MaxRetries, false},
		{"max_retries", types.StringNull(), types.Int64Value(2), defaults.AttemptTimeout, 2, false},
		{"no retries", types.StringValue("2m30s"), types.Int64Value(0), 150 * time.Second, 0, false},
		{"not a duration", types.StringValue("soon"), types.Int64Null(), 0, 0, true},
		{"not positive", types.StringValue("0s"), types.Int64Null(), 0, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := retryPolicy(tc.timeout, tc.maxRetries)
			if tc.wantErr {
				if err == nil {
					t.Errorf("want an error, got %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.AttemptTimeout != tc.wantTimeout || got.MaxRetries != tc.wantRetries ||
				got.MinBackoff != defaults.MinBackoff || got.MaxBackoff != defaults.MaxBackoff {
				t.Errorf("retryPolicy = %+v; want timeout %v, retries %d, default backoff", got, tc.wantTimeout, tc.wantRetries)
			}
		})
	}
}

func TestRateLimits(t *testing.T) {
	defaults := chatapi.DefaultRateLimits()
	block := func(perSpace, space, member types.Int64, reads ...types.Int64) types.Object {
		for len(reads) < 2 {
			reads = append(reads, types.Int64Null())
		}
		return types.ObjectValueMust(rateLimitTypes, map[string]attr.Value{
			"per_space_writes_per_minute": perSpace, "space_writes_per_minute": space, "membership_writes_per_minute": member,
			"per_space_reads_per_minute": reads[0], "reads_per_minute": reads[1],
		})
	}
	cases := []struct {
		name  string
		block types.Object
		want  chatapi.RateLimits
	}{
		{"no block", types.ObjectNull(rateLimitTypes), defaults},
		{"empty block", block(types.Int64Null(), types.Int64Null(), types.Int64Null()), defaults},
		{"one limit", block(types.Int64Value(30), types.Int64Null(), types.Int64Null()),
			chatapi.RateLimits{PerSpaceWritesPerMinute: 30, SpaceWritesPerMinute: defaults.SpaceWritesPerMinute,
				MembershipWritesPerMinute: defaults.MembershipWritesPerMinute, PerSpaceReadsPerMinute: defaults.PerSpaceReadsPerMinute,
				ReadsPerMinute: defaults.ReadsPerMinute}},
		{"all limits, two off", block(types.Int64Value(1), types.Int64Value(2), types.Int64Value(0), types.Int64Value(0), types.Int64Value(5)),
			chatapi.RateLimits{PerSpaceWritesPerMinute: 1, SpaceWritesPerMinute: 2, MembershipWritesPerMinute: 0, ReadsPerMinute: 5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := rateLimits(context.Background(), tc.block)
			if diags.HasError() || got != tc.want {
				t.Errorf("rateLimits = %+v (%v), want %+v", got, diags, tc.want)
			}
		})
	}
}

func TestResolveSettings(t *testing.T) {
	cases := []struct {
		name      string
		change    func(*providerModel)
		getenv    func(string) string
		check     func(t *testing.T, s providerSettings)
		wantError string // in a diagnostic
		wantPath  string // of that diagnostic; "" for none
	}{
		{"defaults", func(*providerModel) {}, env(), func(t *testing.T, s providerSettings) {
			if s.Endpoint != "" || s.InsecureEndpoint || s.Retry.AttemptTimeout != chatapi.DefaultRetryPolicy().AttemptTimeout ||
				s.RateLimits != chatapi.DefaultRateLimits() || s.Customer != "" || !s.ListReads {
				t.Errorf("settings %+v", s)
			}
		}, "", ""},
		{"list reads off from the environment", func(*providerModel) {}, env("GOOGLE_CHAT_LIST_READS", "false"),
			func(t *testing.T, s providerSettings) {
				if s.ListReads {
					t.Error("list reads on")
				}
			}, "", ""},
		{"list reads: the block wins", func(m *providerModel) { m.ListReads = types.BoolValue(true) },
			env("GOOGLE_CHAT_LIST_READS", "false"), func(t *testing.T, s providerSettings) {
				if !s.ListReads {
					t.Error("list reads off")
				}
			}, "", ""},
		{"bad list reads variable", func(*providerModel) {}, env("GOOGLE_CHAT_LIST_READS", "often"), nil,
			"GOOGLE_CHAT_LIST_READS", ""},
		{"endpoint from the environment", func(*providerModel) {}, env("GOOGLE_CHAT_ENDPOINT", "http://localhost:9/"),
			func(t *testing.T, s providerSettings) {
				if s.Endpoint != "http://localhost:9/" || s.EndpointEnv != "GOOGLE_CHAT_ENDPOINT" {
					t.Errorf("endpoint %q from %q", s.Endpoint, s.EndpointEnv)
				}
			}, "", ""},
		{"insecure endpoint from the environment", func(*providerModel) {},
			env("GOOGLE_CHAT_ENDPOINT", "http://chat-emulator:8080/", "GOOGLE_CHAT_INSECURE_ENDPOINT", "true"),
			func(t *testing.T, s providerSettings) {
				if !s.InsecureEndpoint || s.Endpoint != "http://chat-emulator:8080/" {
					t.Errorf("settings %+v", s)
				}
			}, "", ""},
		{"insecure endpoint in the block", func(m *providerModel) {
			m.Endpoint, m.InsecureEndpoint = types.StringValue("http://chat-emulator:8080/"), types.BoolValue(true)
		}, env(), nil, "", ""},
		{"plain http refused in the block", func(m *providerModel) { m.Endpoint = types.StringValue("http://chat-emulator:8080/") },
			env(), nil, "insecure_endpoint", "endpoint"},
		{"plain http refused from the environment names the variable", func(*providerModel) {},
			env("GOOGLE_CHAT_ENDPOINT", "http://chat-emulator:8080/"), nil, "GOOGLE_CHAT_ENDPOINT: ", ""},
		{"bad insecure variable", func(*providerModel) {}, env("GOOGLE_CHAT_INSECURE_ENDPOINT", "maybe"), nil,
			"GOOGLE_CHAT_INSECURE_ENDPOINT", ""},
		{"request_timeout and max_retries", func(m *providerModel) {
			m.RequestTimeout, m.MaxRetries = types.StringValue("3s"), types.Int64Value(1)
		}, env(), func(t *testing.T, s providerSettings) {
			if s.Retry.AttemptTimeout != 3*time.Second || s.Retry.MaxRetries != 1 {
				t.Errorf("retry %+v", s.Retry)
			}
		}, "", ""},
		{"scopes and customer", func(m *providerModel) {
			m.Scopes = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("https://www.googleapis.com/auth/chat.bot")})
			m.Customer = types.StringValue("customers/C1")
		}, env(), func(t *testing.T, s providerSettings) {
			if len(s.Auth.Scopes) != 1 || s.Auth.Scopes[0] != "https://www.googleapis.com/auth/chat.bot" || s.Customer != "customers/C1" {
				t.Errorf("scopes %v, customer %q", s.Auth.Scopes, s.Customer)
			}
		}, "", ""},
		{"conflicting credentials", func(*providerModel) {},
			env("GOOGLE_CHAT_CREDENTIALS", "/a.json", "GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.x"), nil, "GOOGLE_CHAT_CREDENTIALS", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			model := nullModel()
			tc.change(&model)
			settings, diags := resolveSettings(context.Background(), model, tc.getenv)
			if tc.wantError == "" {
				if diags.HasError() {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				if tc.check != nil {
					tc.check(t, settings)
				}
				return
			}
			checkDiagnostic(t, diags, tc.wantError, tc.wantPath)
		})
	}
}

// checkDiagnostic wants exactly one error, mentioning want, on the attribute
// wantPath ("" for the provider as a whole).
func checkDiagnostic(t *testing.T, diags diag.Diagnostics, want, wantPath string) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", diags)
	}
	if !strings.Contains(errs[0].Detail(), want) {
		t.Errorf("error %q lacks %q", errs[0].Detail(), want)
	}
	var gotPath string
	if withPath, ok := errs[0].(diag.DiagnosticWithPath); ok {
		gotPath = withPath.Path().String()
	}
	if gotPath != wantPath {
		t.Errorf("error on %q, want %q (%s)", gotPath, wantPath, errs[0].Detail())
	}
}

func TestInferAuthMode(t *testing.T) {
	cases := []struct {
		name       string
		settings   authSettings
		credType   string
		wantMode   chatapi.AuthMode
		wantSource string
	}{
		{"auth_mode", authSettings{AuthMode: "app", AccessToken: "ya29.x"}, "", chatapi.AuthModeApp, "set by auth_mode"},
		{"access_token", authSettings{AccessToken: "ya29.x"}, "", chatapi.AuthModeUser, "inferred from access_token"},
		{"token variable", authSettings{AccessToken: "ya29.x", AccessTokenEnv: "GOOGLE_OAUTH_ACCESS_TOKEN"}, "",
			chatapi.AuthModeUser, "inferred from GOOGLE_OAUTH_ACCESS_TOKEN"},
		{"impersonate_user", authSettings{Credentials: "k", ImpersonateUser: "a@example.com"}, "service_account",
			chatapi.AuthModeUser, "inferred from impersonate_user"},
		{"impersonate_service_account", authSettings{AccessToken: "ya29.x", ImpersonateServiceAccount: "sa@p.iam.gserviceaccount.com",
			ImpersonateServiceAccountEnv: "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT"}, "", chatapi.AuthModeApp,
			"inferred from GOOGLE_IMPERSONATE_SERVICE_ACCOUNT"},
		{"service account key", authSettings{Credentials: "k"}, "service_account", chatapi.AuthModeApp,
			"inferred from the service account key in the credentials attribute"},
		{"service account key variable", authSettings{Credentials: "k", CredentialsEnv: "GOOGLE_CREDENTIALS"}, "service_account",
			chatapi.AuthModeApp, "inferred from the service account key in GOOGLE_CREDENTIALS"},
		{"authorized_user", authSettings{Credentials: "k"}, "authorized_user", chatapi.AuthModeUser,
			"inferred from the authorized_user credentials in the credentials attribute"},
		{"ADC authorized_user", authSettings{}, "authorized_user", chatapi.AuthModeUser,
			"inferred from the authorized_user credentials in Application Default Credentials"},
		{"external_account", authSettings{Credentials: "k"}, "external_account", chatapi.AuthModeApp,
			"inferred from the external_account credentials in the credentials attribute"},
		{"metadata server", authSettings{}, "", chatapi.AuthModeApp, "inferred from Application Default Credentials without a key file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mode, source := inferAuthMode(tc.settings, tc.credType)
			if mode != tc.wantMode || source != tc.wantSource {
				t.Errorf("inferAuthMode = %q, %q; want %q, %q", mode, source, tc.wantMode, tc.wantSource)
			}
		})
	}
}

func TestClientConfig(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})
	settings := providerSettings{Endpoint: "http://localhost:1/", Customer: "customers/C1",
		Retry: chatapi.RetryPolicy{MaxRetries: 3}, RateLimits: chatapi.RateLimits{SpaceWritesPerMinute: 7}}
	auth := resolvedAuth{TokenSource: ts, Mode: chatapi.AuthModeUser, ModeSource: "inferred from access_token"}
	got := clientConfig(settings, auth, "1.2.3")
	if got.Endpoint != settings.Endpoint || got.Customer != "customers/C1" || got.Retry.MaxRetries != 3 ||
		got.RateLimits != settings.RateLimits || got.AuthMode != chatapi.AuthModeUser ||
		got.AuthModeSource != "inferred from access_token" || got.TokenSource != ts ||
		got.UserAgent != "terraform-provider-googlechat/1.2.3" {
		t.Errorf("clientConfig = %+v", got)
	}
}

func TestAuthDiagnostic(t *testing.T) {
	cases := []struct {
		name     string
		err      error
		wantPath string
	}{
		{"on an attribute", &authError{"impersonate_user", errors.New("x")}, "impersonate_user"},
		{"from the environment", &authError{"", errors.New("x")}, ""},
		{"any other error", errors.New("x"), "credentials"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkDiagnostic(t, diag.Diagnostics{authDiagnostic(tc.err)}, "x", tc.wantPath)
		})
	}
}

func TestCredentialsFromTheEnvironment_errorsNameTheVariableAndPath(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "not-json.txt")
	if err := os.WriteFile(notJSON, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		settings authSettings
		want     []string
		wantNot  string
	}{
		{"missing file", authSettings{Credentials: "/no/such/key.json", CredentialsEnv: "GOOGLE_CREDENTIALS"},
			[]string{"GOOGLE_CREDENTIALS", `"/no/such/key.json"`, "no such file or directory", "provider block sets no credentials"}, ""},
		{"file that is not JSON", authSettings{Credentials: notJSON, CredentialsEnv: "GOOGLE_CHAT_CREDENTIALS"},
			[]string{"GOOGLE_CHAT_CREDENTIALS", notJSON, "not valid JSON"}, ""},
		{"JSON without a type", authSettings{Credentials: `{"client_id":"x"}`, CredentialsEnv: "GOOGLE_CHAT_CREDENTIALS"},
			[]string{"GOOGLE_CHAT_CREDENTIALS", "JSON content", `no "type"`}, "client_id"},
		{"key material is never shown", authSettings{Credentials: "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----",
			CredentialsEnv: "GOOGLE_CREDENTIALS"}, []string{"GOOGLE_CREDENTIALS", "not shown"}, "MIIEv"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := resolveAuth(context.Background(), tc.settings)
			var authErr *authError
			if !errors.As(err, &authErr) || authErr.Attribute != "" {
				t.Fatalf("want an error on no attribute (the block may be empty), got %#v", err)
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if tc.wantNot != "" && strings.Contains(err.Error(), tc.wantNot) {
				t.Errorf("error %q must not show %q", err, tc.wantNot)
			}
		})
	}

	t.Run("GOOGLE_APPLICATION_CREDENTIALS", func(t *testing.T) {
		t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "/no/such/adc.json")
		_, err := resolveAuth(context.Background(), authSettings{})
		var authErr *authError
		if !errors.As(err, &authErr) || authErr.Attribute != "" {
			t.Fatalf("want an error on no attribute, got %#v", err)
		}
		for _, want := range []string{"GOOGLE_APPLICATION_CREDENTIALS", `"/no/such/adc.json"`} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
	})
}

// providerSchema is the provider's schema.
func providerSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp provider.SchemaResponse
	(&googleChatProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// providerConfig is a provider block with the given attributes, the rest null.
func providerConfig(t *testing.T, values map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	s := providerSchema(t)
	typ, ok := s.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	attrs := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(attrType, nil)
		if v, ok := values[name]; ok {
			attrs[name] = v
		}
	}
	return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, attrs)}
}

// clearProviderEnv unsets every variable the provider reads.
func clearProviderEnv(t *testing.T) {
	for _, name := range []string{"GOOGLE_CHAT_CREDENTIALS", "GOOGLE_CREDENTIALS", "GOOGLE_OAUTH_ACCESS_TOKEN",
		"GOOGLE_IMPERSONATE_SERVICE_ACCOUNT", "GOOGLE_CHAT_IMPERSONATE_USER", "GOOGLE_CHAT_ENDPOINT",
		"GOOGLE_CHAT_INSECURE_ENDPOINT", "GOOGLE_APPLICATION_CREDENTIALS"} {
		t.Setenv(name, "")
	}
}

func TestEndpointValidator(t *testing.T) {
	cases := []struct {
		name     string
		endpoint string
		insecure tftypes.Value
		envValue string
		wantOK   bool
	}{
		{"https", "https://chat.googleapis.com/", tftypes.NewValue(tftypes.Bool, nil), "", true},
		{"loopback http", "http://127.0.0.1:8080/", tftypes.NewValue(tftypes.Bool, nil), "", true},
		{"remote http refused", "http://chat-emulator:8080/", tftypes.NewValue(tftypes.Bool, nil), "", false},
		{"remote http refused when false", "http://chat-emulator:8080/", tftypes.NewValue(tftypes.Bool, false), "true", false},
		{"remote http with insecure_endpoint", "http://chat-emulator:8080/", tftypes.NewValue(tftypes.Bool, true), "", true},
		{"remote http with the variable", "http://chat-emulator:8080/", tftypes.NewValue(tftypes.Bool, nil), "true", true},
		{"insecure_endpoint unknown: Configure decides", "http://chat-emulator:8080/", tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue), "", true},
		{"still not a URL", "chat-emulator", tftypes.NewValue(tftypes.Bool, true), "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearProviderEnv(t)
			t.Setenv("GOOGLE_CHAT_INSECURE_ENDPOINT", tc.envValue)
			cfg := providerConfig(t, map[string]tftypes.Value{
				"endpoint": tftypes.NewValue(tftypes.String, tc.endpoint), "insecure_endpoint": tc.insecure,
			})
			resp := &validator.StringResponse{}
			endpointValidator.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("endpoint"), ConfigValue: types.StringValue(tc.endpoint), Config: cfg,
			}, resp)
			if resp.Diagnostics.HasError() == tc.wantOK {
				t.Errorf("diagnostics %v, want ok=%v", resp.Diagnostics, tc.wantOK)
			}
			if !tc.wantOK && strings.HasPrefix(tc.endpoint, "http://") && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "insecure_endpoint") {
				t.Errorf("the refusal must mention insecure_endpoint: %v", resp.Diagnostics)
			}
		})
	}
}

func TestConfigure(t *testing.T) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	cases := []struct {
		name       string
		values     map[string]tftypes.Value
		env        []string
		wantSource string // of the client's auth mode, when it is built
		wantError  string
		wantPath   string
	}{
		{"token in the block", map[string]tftypes.Value{"access_token": str("ya29.x")}, nil, "inferred from access_token", "", ""},
		{"token from the environment", nil, []string{"GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.x"},
			"inferred from GOOGLE_OAUTH_ACCESS_TOKEN", "", ""},
		{"explicit auth_mode", map[string]tftypes.Value{"access_token": str("ya29.x"), "auth_mode": str("app")}, nil,
			"set by auth_mode", "", ""},
		{"remote http endpoint with insecure_endpoint", map[string]tftypes.Value{"access_token": str("ya29.x"),
			"endpoint": str("http://chat-emulator:8080/"), "insecure_endpoint": tftypes.NewValue(tftypes.Bool, true)}, nil,
			"inferred from access_token", "", ""},
		{"remote http endpoint from the environment with the variable", map[string]tftypes.Value{"access_token": str("ya29.x")},
			[]string{"GOOGLE_CHAT_ENDPOINT", "http://chat-emulator:8080/", "GOOGLE_CHAT_INSECURE_ENDPOINT", "true"},
			"inferred from access_token", "", ""},
		{"remote http endpoint refused", map[string]tftypes.Value{"access_token": str("ya29.x"),
			"endpoint": str("http://chat-emulator:8080/")}, nil, "", "insecure_endpoint", "endpoint"},
		{"credentials path from the environment", nil, []string{"GOOGLE_CHAT_CREDENTIALS", "/no/such/key.json"}, "",
			`GOOGLE_CHAT_CREDENTIALS is set to "/no/such/key.json"`, ""},
		{"credentials path in the block", map[string]tftypes.Value{"credentials": str("/no/such/key.json")}, nil, "",
			"credentials is neither JSON content nor a readable file", "credentials"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearProviderEnv(t)
			for i := 0; i+1 < len(tc.env); i += 2 {
				t.Setenv(tc.env[i], tc.env[i+1])
			}
			resp := &provider.ConfigureResponse{}
			(&googleChatProvider{version: "test"}).Configure(context.Background(),
				provider.ConfigureRequest{Config: providerConfig(t, tc.values)}, resp)
			if tc.wantError != "" {
				checkDiagnostic(t, resp.Diagnostics, tc.wantError, tc.wantPath)
				if resp.ResourceData != nil {
					t.Error("no client on error")
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			client, ok := resp.ResourceData.(*chatapi.Client)
			if !ok || resp.DataSourceData != resp.ResourceData {
				t.Fatalf("ResourceData = %#v", resp.ResourceData)
			}
			if client.AuthModeSource != tc.wantSource || !strings.Contains(client.AuthModeNote(), tc.wantSource) {
				t.Errorf("AuthModeSource = %q, note %q; want %q", client.AuthModeSource, client.AuthModeNote(), tc.wantSource)
			}
		})
	}
	t.Run("unknown values defer the client", func(t *testing.T) {
		clearProviderEnv(t)
		resp := &provider.ConfigureResponse{}
		(&googleChatProvider{}).Configure(context.Background(), provider.ConfigureRequest{Config: providerConfig(t,
			map[string]tftypes.Value{"endpoint": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})}, resp)
		if resp.Diagnostics.HasError() || resp.ResourceData != nil {
			t.Errorf("diagnostics %v, client %v", resp.Diagnostics, resp.ResourceData)
		}
	})
}

// The descriptions quote chatapi's defaults, and every attribute has one.
func TestSchema_descriptions(t *testing.T) {
	s := providerSchema(t)
	retry, limits := chatapi.DefaultRetryPolicy(), chatapi.DefaultRateLimits()
	description := func(a schema.Attribute) string { return a.GetMarkdownDescription() }
	nested, ok := s.Attributes["rate_limits"].(schema.SingleNestedAttribute)
	if !ok {
		t.Fatal("rate_limits is not a single nested attribute")
	}
	for name, want := range map[string]string{
		"request_timeout":   "`\"" + durationString(retry.AttemptTimeout) + "\"` (the default)",
		"max_retries":       "Default " + perMinute(float64(retry.MaxRetries)) + ";",
		"endpoint":          "insecure_endpoint",
		"insecure_endpoint": "GOOGLE_CHAT_INSECURE_ENDPOINT",
	} {
		if got := description(s.Attributes[name]); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", name, got, want)
		}
	}
	for name, value := range map[string]float64{
		"per_space_writes_per_minute":  limits.PerSpaceWritesPerMinute,
		"space_writes_per_minute":      limits.SpaceWritesPerMinute,
		"membership_writes_per_minute": limits.MembershipWritesPerMinute,
	} {
		if got, want := description(nested.Attributes[name]), "Default "+perMinute(value)+"."; !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", name, got, want)
		}
	}
	if durationString(60*time.Second) != "60s" || durationString(1500*time.Millisecond) != "1.5s" || perMinute(300) != "300" {
		t.Error("durationString or perMinute")
	}
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", name)
		}
	}
	for name, a := range nested.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("rate_limits.%s has no MarkdownDescription", name)
		}
	}
}
