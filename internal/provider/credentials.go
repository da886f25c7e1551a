package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
type authSettings struct {
	Credentials               string // path or JSON content
	AccessToken               string
	ImpersonateServiceAccount string
	ImpersonateUser           string
	AuthMode                  string // "", "app" or "user"
	Scopes                    []string
}

// authError names the provider attribute at fault.
type authError struct {
	Attribute string
	Err       error
}

func (e *authError) Error() string { return e.Err.Error() }

// credentialsJSON reads the credentials attribute: JSON content or a file path.
func credentialsJSON(value string) ([]byte, error) {
	trimmed := strings.TrimSpace(value)
	if strings.HasPrefix(trimmed, "{") {
		return []byte(trimmed), nil
	}
	path := trimmed
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		// Never repeat the value: it may be a key that is not quite JSON.
		reason := "the file could not be read"
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			reason = pathErr.Err.Error()
		}
		return nil, fmt.Errorf("credentials is neither JSON content nor a readable file (%s)", reason)
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
// impersonate_user is the app; anything acting as a person is a user.
func inferAuthMode(s authSettings, credType string) chatapi.AuthMode {
	switch {
	case s.AuthMode != "":
		return chatapi.AuthMode(s.AuthMode)
	case s.ImpersonateUser != "":
		return chatapi.AuthModeUser
	case s.ImpersonateServiceAccount != "":
		return chatapi.AuthModeApp
	case s.AccessToken != "":
		return chatapi.AuthModeUser
	case credType == "authorized_user" || credType == "external_account_authorized_user":
		return chatapi.AuthModeUser
	}
	return chatapi.AuthModeApp
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
func resolveAuth(ctx context.Context, s authSettings) (oauth2.TokenSource, chatapi.AuthMode, []string, error) {
	var data []byte
	var credType string
	if s.Credentials != "" {
		var err error
		if data, err = credentialsJSON(s.Credentials); err != nil {
			return nil, "", nil, &authError{"credentials", err}
		}
		if credType, err = credentialsType(data); err != nil {
			return nil, "", nil, &authError{"credentials", err}
		}
	} else if s.AccessToken == "" {
		// Application Default Credentials: read the file ADC would use, if any,
		// to infer the mode; the metadata server means a service account.
		if found, err := google.FindDefaultCredentials(ctx, cloudPlatformScope); err == nil && len(found.JSON) > 0 {
			data = found.JSON
			credType, _ = credentialsType(data)
		} else if err != nil {
			return nil, "", nil, &authError{"credentials", fmt.Errorf(
				"no credentials were configured and Application Default Credentials were not found (%v). Set credentials, access_token, GOOGLE_CHAT_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`", err)}
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
		return nil, "", nil, &authError{"impersonate_user", fmt.Errorf(
			"domain-wide delegation needs a service account key or impersonate_service_account; %s can't act as %s", what, s.ImpersonateUser)}
	}
	mode := inferAuthMode(s, credType)
	scopes := s.Scopes
	if len(scopes) == 0 {
		scopes = defaultScopes(mode)
	}

	if s.ImpersonateServiceAccount != "" {
		base, err := baseTokenSource(ctx, s, data, []string{cloudPlatformScope})
		if err != nil {
			return nil, "", nil, err
		}
		ts, err := impersonate.CredentialsTokenSource(ctx, impersonate.CredentialsConfig{
			TargetPrincipal: s.ImpersonateServiceAccount,
			Scopes:          scopes,
			Subject:         s.ImpersonateUser,
		}, option.WithTokenSource(base))
		if err != nil {
			return nil, "", nil, &authError{"impersonate_service_account", err}
		}
		return ts, mode, scopes, nil
	}
	if s.ImpersonateUser != "" && credType == "service_account" {
		cfg, err := google.JWTConfigFromJSON(data, scopes...)
		if err != nil {
			return nil, "", nil, &authError{"credentials", err}
		}
		cfg.Subject = s.ImpersonateUser
		return cfg.TokenSource(ctx), mode, scopes, nil
	}
	ts, err := baseTokenSource(ctx, s, data, scopes)
	return ts, mode, scopes, err
}

func baseTokenSource(ctx context.Context, s authSettings, data []byte, scopes []string) (oauth2.TokenSource, error) {
	if s.AccessToken != "" {
		return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: s.AccessToken, TokenType: "Bearer"}), nil
	}
	if data != nil {
		creds, err := google.CredentialsFromJSONWithType(ctx, data, google.CredentialsType(mustType(data)), scopes...)
		if err != nil {
			return nil, &authError{"credentials", err}
		}
		return creds.TokenSource, nil
	}
	creds, err := google.FindDefaultCredentials(ctx, scopes...)
	if err != nil {
		return nil, &authError{"credentials", err}
	}
	return creds.TokenSource, nil
}

func mustType(data []byte) string {
	t, _ := credentialsType(data)
	return t
}
