package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/impersonate"
	"google.golang.org/api/option"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// Default OAuth scopes for each auth mode.
var (
	appScopes = []string{
		"https://www.googleapis.com/auth/chat.bot",
		"https://www.googleapis.com/auth/chat.app.spaces",
		"https://www.googleapis.com/auth/chat.app.memberships",
		"https://www.googleapis.com/auth/chat.app.delete",
	}
	userScopes = []string{
		"https://www.googleapis.com/auth/chat.spaces",
		"https://www.googleapis.com/auth/chat.messages",
		"https://www.googleapis.com/auth/chat.memberships",
		"https://www.googleapis.com/auth/chat.delete",
	}
	cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"
)

// authSettings are the provider's credential attributes after env fallbacks.
// Each *Env field names the environment variable the value came from, and is
// "" when the provider block set it (or nothing did).
type authSettings struct {
	Credentials                  string // path or JSON content
	CredentialsEnv               string
	AccessToken                  string
	AccessTokenEnv               string
	ImpersonateServiceAccount    string
	ImpersonateServiceAccountEnv string
	ImpersonateUser              string
	ImpersonateUserEnv           string
	AuthMode                     string // "", "app" or "user"
	Scopes                       []string
	AdminAccess                  bool // use_admin_access: administrator scopes by default, user credentials only
}

// resolvedAuth is what resolveAuth makes of the settings.
type resolvedAuth struct {
	TokenSource oauth2.TokenSource
	Mode        chatapi.AuthMode
	// ModeSource says why Mode was chosen ("set by auth_mode", "inferred
	// from access_token", ...), for chatapi.Client.AuthModeNote.
	ModeSource string
	Scopes     []string
	// RequestedScopes are the scopes the token exchange asks for (nil when
	// the token's scopes were fixed elsewhere: an access token or an
	// authorized_user file), and ScopesOrigin says where they come from and
	// how to change them (chatapi.Config.ScopesOrigin).
	RequestedScopes []string
	ScopesOrigin    string
}

// authError names the provider attribute at fault; Attribute is "" when the
// fault lies in the environment rather than in the provider block.
type authError struct {
	Attribute string
	Err       error
}

func (e *authError) Error() string { return e.Err.Error() }

// origin names where a setting came from: its environment variable, else the
// provider attribute.
func origin(attribute, env string) string {
	if env != "" {
		return env
	}
	return attribute
}

// credentialsAttribute is the attribute a credentials error points at: none
// when the value came from the environment, for the provider block may be
// empty.
func (s authSettings) credentialsAttribute() string {
	if s.CredentialsEnv != "" {
		return ""
	}
	return "credentials"
}

// credentialsWhere names where the credentials came from.
func (s authSettings) credentialsWhere() string {
	switch {
	case s.Credentials == "":
		return "Application Default Credentials"
	case s.CredentialsEnv != "":
		return s.CredentialsEnv
	}
	return "the credentials attribute"
}

// describeCredentials shows a credentials value in an error without giving a
// secret away: JSON content is never shown, and a path only when it looks
// like one (a mangled key does not).
func describeCredentials(value string) string {
	trimmed := strings.TrimSpace(value)
	switch {
	case strings.HasPrefix(trimmed, "{"):
		return "JSON content"
	case !looksLikePath(trimmed):
		return "a value that is not shown (it does not look like a file path)"
	}
	if expanded := expandHome(trimmed); expanded != trimmed {
		return fmt.Sprintf("%q (%s)", trimmed, expanded)
	}
	return strconv.Quote(trimmed)
}

// looksLikePath: one short line without control characters or key material.
func looksLikePath(value string) bool {
	if value == "" || len(value) > 4096 || strings.Contains(value, "PRIVATE KEY") {
		return false
	}
	return !strings.ContainsFunc(value, unicode.IsControl)
}

// expandHome replaces a leading ~/ with the home directory.
func expandHome(path string) string {
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, path[2:])
		}
	}
	return path
}

// credentialsJSON reads the credentials attribute: JSON content or a file
// path. env names the variable the value came from ("" for the attribute).
func credentialsJSON(value, env string) ([]byte, error) {
	trimmed := strings.TrimSpace(value)
	if strings.HasPrefix(trimmed, "{") {
		return []byte(trimmed), nil
	}
	data, err := os.ReadFile(expandHome(trimmed))
	if err != nil {
		// Never repeat the value: it may be a key that is not quite JSON.
		reason := "the file could not be read"
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			reason = pathErr.Err.Error()
		}
		if env == "" {
			return nil, fmt.Errorf("credentials is neither JSON content nor a readable file (%s)", reason)
		}
		// From the environment, where it is a path by convention: name both,
		// for the provider block the user looks at may be empty.
		return nil, fmt.Errorf("%s is set to %s, which is neither JSON content nor a readable file (%s). The provider "+
			"block sets no credentials, so the provider read %s; fix or unset it, or set credentials or access_token in "+
			"the provider block", env, describeCredentials(value), reason, env)
	}
	return data, nil
}

// credentialsType returns the "type" of a Google credentials file.
func credentialsType(data []byte) (string, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return "", fmt.Errorf("credentials are not valid JSON: %w", err)
	}
	switch head.Type {
	case "service_account", "authorized_user", "external_account", "impersonated_service_account", "external_account_authorized_user":
		return head.Type, nil
	case "":
		return "", errors.New(`credentials JSON has no "type"; expected a service account key or an authorized_user file`)
	}
	return "", fmt.Errorf("credentials of type %q are not supported", head.Type)
}

// inferAuthMode applies the documented default: a service account without
// impersonate_user is the app; anything acting as a person is a user. It
// also says why, for error advice.
func inferAuthMode(s authSettings, credType string) (chatapi.AuthMode, string) {
	switch {
	case s.AuthMode != "":
		return chatapi.AuthMode(s.AuthMode), "set by auth_mode"
	case s.ImpersonateUser != "":
		return chatapi.AuthModeUser, "inferred from " + origin("impersonate_user", s.ImpersonateUserEnv)
	case s.ImpersonateServiceAccount != "":
		return chatapi.AuthModeApp, "inferred from " + origin("impersonate_service_account", s.ImpersonateServiceAccountEnv)
	case s.AccessToken != "":
		return chatapi.AuthModeUser, "inferred from " + origin("access_token", s.AccessTokenEnv)
	case credType == "authorized_user" || credType == "external_account_authorized_user":
		return chatapi.AuthModeUser, fmt.Sprintf("inferred from the %s credentials in %s", credType, s.credentialsWhere())
	case credType == "service_account":
		return chatapi.AuthModeApp, "inferred from the service account key in " + s.credentialsWhere()
	case credType != "":
		return chatapi.AuthModeApp, fmt.Sprintf("inferred from the %s credentials in %s", credType, s.credentialsWhere())
	}
	return chatapi.AuthModeApp, "inferred from Application Default Credentials without a key file"
}

// DefaultScopes are the scopes requested for mode when scopes is unset.
func DefaultScopes(mode chatapi.AuthMode) []string { return defaultScopes(mode) }

func defaultScopes(mode chatapi.AuthMode) []string {
	if mode == chatapi.AuthModeApp {
		return appScopes
	}
	return userScopes
}

// resolveAuth turns the settings into a token source and an auth mode. It
// reads files but makes no network call: tokens are fetched on first use.
//
// Token sources keep the context they are built with and fetch tokens with
// it, long after Configure has returned and the framework has cancelled
// Configure's context; they get a context without its cancellation, or
// every token exchange after Configure fails with "context canceled".
func resolveAuth(ctx context.Context, s authSettings) (resolvedAuth, error) {
	ctx = context.WithoutCancel(ctx)
	var data []byte
	var credType string
	if s.Credentials != "" {
		var err error
		if data, err = credentialsJSON(s.Credentials, s.CredentialsEnv); err != nil {
			return resolvedAuth{}, &authError{s.credentialsAttribute(), err}
		}
		if credType, err = credentialsType(data); err != nil {
			if s.CredentialsEnv != "" {
				err = fmt.Errorf("%s is set to %s, read because the provider block sets no credentials: %w",
					s.CredentialsEnv, describeCredentials(s.Credentials), err)
			}
			return resolvedAuth{}, &authError{s.credentialsAttribute(), err}
		}
	} else if s.AccessToken == "" {
		// Application Default Credentials: read the file ADC would use, if any,
		// to infer the mode; the metadata server means a service account.
		found, err := google.FindDefaultCredentials(ctx, cloudPlatformScope)
		switch {
		case err != nil && os.Getenv("GOOGLE_APPLICATION_CREDENTIALS") != "":
			return resolvedAuth{}, &authError{"", fmt.Errorf(
				"no credentials were configured, so Application Default Credentials were used, and "+
					"GOOGLE_APPLICATION_CREDENTIALS is set to %s, which they could not load (%v). Fix or unset "+
					"GOOGLE_APPLICATION_CREDENTIALS, or set credentials or access_token",
				describeCredentials(os.Getenv("GOOGLE_APPLICATION_CREDENTIALS")), err)}
		case err != nil:
			return resolvedAuth{}, &authError{"credentials", fmt.Errorf(
				"no credentials were configured and Application Default Credentials were not found (%v). Set credentials, access_token, GOOGLE_CHAT_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`", err)}
		case len(found.JSON) > 0:
			data = found.JSON
			if credType, err = credentialsType(data); err != nil {
				return resolvedAuth{}, &authError{"credentials", fmt.Errorf("the Application Default Credentials file: %w", err)}
			}
		}
	}
	// Domain-wide delegation signs as the user with a service account key, or
	// through impersonate_service_account; anything else would silently act
	// as the service account itself.
	if s.ImpersonateUser != "" && s.ImpersonateServiceAccount == "" && credType != "service_account" {
		what := fmt.Sprintf("credentials of type %q", credType)
		switch {
		case s.AccessToken != "":
			what = "an access_token"
		case data == nil:
			what = "Application Default Credentials without a key file (such as the metadata server)"
		}
		return resolvedAuth{}, &authError{"impersonate_user", fmt.Errorf(
			"domain-wide delegation needs a service account key or impersonate_service_account; %s can't act as %s", what, s.ImpersonateUser)}
	}
	out := resolvedAuth{Scopes: s.Scopes}
	out.Mode, out.ModeSource = inferAuthMode(s, credType)
	if s.AdminAccess && out.Mode == chatapi.AuthModeApp {
		return resolvedAuth{}, &authError{"use_admin_access", fmt.Errorf(
			"use_admin_access needs the user credentials of a Google Workspace administrator, but auth_mode is \"app\" (%s): "+
				"administrator privileges are a user's (authorized_user credentials, an access token, or impersonate_user)", out.ModeSource)}
	}
	out.ScopesOrigin = "set by scopes; add one of those it needs"
	if len(out.Scopes) == 0 {
		out.Scopes = defaultScopes(out.Mode)
		out.ScopesOrigin = fmt.Sprintf("the defaults for auth_mode %q; set scopes to request others", out.Mode)
		if s.AdminAccess {
			out.Scopes = append(slices.Clone(out.Scopes), chatapi.AdminScopes...)
			out.ScopesOrigin = fmt.Sprintf("the defaults for auth_mode %q with use_admin_access; set scopes to request others", out.Mode)
		}
	}
	out.RequestedScopes = out.Scopes
	switch {
	case s.ImpersonateServiceAccount != "" || s.ImpersonateUser != "":
	case s.AccessToken != "":
		out.RequestedScopes = nil
		out.ScopesOrigin = origin("access_token", s.AccessTokenEnv) + " holds the scopes it was minted with; mint one with a scope this call needs"
	case credType == "authorized_user" || credType == "external_account_authorized_user":
		out.RequestedScopes = nil
		out.ScopesOrigin = fmt.Sprintf("the %s credentials in %s hold the scopes they were granted; grant them again with a scope "+
			"this call needs (for example gcloud auth application-default login --scopes=...)", credType, s.credentialsWhere())
	}

	var err error
	switch {
	case s.ImpersonateServiceAccount != "":
		var base oauth2.TokenSource
		if base, err = baseTokenSource(ctx, s, data, credType, []string{cloudPlatformScope}); err != nil {
			return resolvedAuth{}, err
		}
		out.TokenSource, err = impersonate.CredentialsTokenSource(ctx, impersonate.CredentialsConfig{
			TargetPrincipal: s.ImpersonateServiceAccount,
			Scopes:          out.Scopes,
			Subject:         s.ImpersonateUser,
		}, option.WithTokenSource(base))
		if err != nil {
			return resolvedAuth{}, &authError{"impersonate_service_account", err}
		}
	case s.ImpersonateUser != "" && credType == "service_account":
		cfg, err := google.JWTConfigFromJSON(data, out.Scopes...)
		if err != nil {
			return resolvedAuth{}, &authError{s.credentialsAttribute(), err}
		}
		cfg.Subject = s.ImpersonateUser
		out.TokenSource = cfg.TokenSource(ctx)
	default:
		if out.TokenSource, err = baseTokenSource(ctx, s, data, credType, out.Scopes); err != nil {
			return resolvedAuth{}, err
		}
	}
	return out, nil
}

// baseTokenSource authenticates as the settings say, before any
// impersonation. credType is data's "type", which resolveAuth has already
// checked with credentialsType.
func baseTokenSource(ctx context.Context, s authSettings, data []byte, credType string, scopes []string) (oauth2.TokenSource, error) {
	if s.AccessToken != "" {
		return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: s.AccessToken, TokenType: "Bearer"}), nil
	}
	if data != nil {
		creds, err := google.CredentialsFromJSONWithType(ctx, data, google.CredentialsType(credType), scopes...)
		if err != nil {
			return nil, &authError{s.credentialsAttribute(), err}
		}
		return creds.TokenSource, nil
	}
	creds, err := google.FindDefaultCredentials(ctx, scopes...)
	if err != nil {
		return nil, &authError{"credentials", err}
	}
	return creds.TokenSource, nil
}
