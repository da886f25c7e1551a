package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/validators"
)

// The steps of Configure, as functions of the provider block and the
// environment (getenv, os.Getenv outside tests).

// providerSettings is the provider block after environment fallbacks.
type providerSettings struct {
	Auth             authSettings
	Endpoint         string // "" for the default
	EndpointEnv      string // the variable Endpoint came from; "" for the block
	InsecureEndpoint bool
	UseAdminAccess   bool
	ListReads        bool
	Customer         string
	Retry            chatapi.RetryPolicy
	RateLimits       chatapi.RateLimits
}

// firstUnknown names an attribute whose value is known only after apply.
func firstUnknown(config providerModel) (string, bool) {
	for _, attribute := range []struct {
		name  string
		value interface{ IsUnknown() bool }
	}{
		{"credentials", config.Credentials}, {"access_token", config.AccessToken},
		{"impersonate_service_account", config.ImpersonateServiceAccount}, {"impersonate_user", config.ImpersonateUser},
		{"auth_mode", config.AuthMode}, {"scopes", config.Scopes}, {"customer", config.Customer},
		{"endpoint", config.Endpoint}, {"insecure_endpoint", config.InsecureEndpoint}, {"use_admin_access", config.UseAdminAccess},
		{"list_reads", config.ListReads},
		{"request_timeout", config.RequestTimeout}, {"max_retries", config.MaxRetries}, {"rate_limits", config.RateLimits},
	} {
		if attribute.value.IsUnknown() {
			return attribute.name, true
		}
	}
	return "", false
}

// envOr returns the attribute's value, else the first set environment
// variable's value and that variable's name.
func envOr(value types.String, getenv func(string) string, envs ...string) (string, string) {
	if !value.IsNull() {
		return value.ValueString(), ""
	}
	for _, env := range envs {
		if v := getenv(env); v != "" {
			return v, env
		}
	}
	return "", ""
}

// resolveSettings applies the environment fallbacks and checks what the
// schema's validators could not see: values from the environment.
func resolveSettings(ctx context.Context, config providerModel, getenv func(string) string) (providerSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	auth, err := resolveAuthSettings(config, getenv)
	if err != nil {
		diags.AddError("Conflicting Credentials", err.Error())
		return providerSettings{}, diags
	}
	diags.Append(config.Scopes.ElementsAs(ctx, &auth.Scopes, false)...)
	settings := providerSettings{Auth: auth, Customer: config.Customer.ValueString()}

	settings.Endpoint, settings.EndpointEnv = envOr(config.Endpoint, getenv, "GOOGLE_CHAT_ENDPOINT")
	settings.InsecureEndpoint, err = insecureEndpoint(config.InsecureEndpoint, getenv)
	if err != nil {
		diags.AddError("Invalid Environment Variable", err.Error())
	} else if settings.Endpoint != "" {
		if err := checkEndpoint(settings.Endpoint, settings.InsecureEndpoint); err != nil {
			if settings.EndpointEnv != "" {
				diags.AddError("Invalid Endpoint", fmt.Sprintf("%s: %s", settings.EndpointEnv, err))
			} else {
				diags.AddAttributeError(path.Root("endpoint"), "Invalid Endpoint", err.Error())
			}
		}
	}
	if settings.UseAdminAccess, err = boolOrEnv(config.UseAdminAccess, getenv, "GOOGLE_CHAT_USE_ADMIN_ACCESS"); err != nil {
		diags.AddError("Invalid Environment Variable", err.Error())
	}
	settings.Auth.AdminAccess = settings.UseAdminAccess
	settings.ListReads = true
	if !config.ListReads.IsNull() || getenv("GOOGLE_CHAT_LIST_READS") != "" {
		if settings.ListReads, err = boolOrEnv(config.ListReads, getenv, "GOOGLE_CHAT_LIST_READS"); err != nil {
			diags.AddError("Invalid Environment Variable", err.Error())
		}
	}
	if settings.Retry, err = retryPolicy(config.RequestTimeout, config.MaxRetries); err != nil {
		diags.AddAttributeError(path.Root("request_timeout"), "Invalid Duration", err.Error())
	}
	var limitDiags diag.Diagnostics
	settings.RateLimits, limitDiags = rateLimits(ctx, config.RateLimits)
	diags.Append(limitDiags...)
	return settings, diags
}

// resolveAuthSettings reads the credential attributes and their variables.
// A credential set in the provider block wins over the other kind's
// variable; both kinds from the environment are an error.
func resolveAuthSettings(config providerModel, getenv func(string) string) (authSettings, error) {
	s := authSettings{AuthMode: config.AuthMode.ValueString()}
	s.Credentials, s.CredentialsEnv = envOr(config.Credentials, getenv, "GOOGLE_CHAT_CREDENTIALS", "GOOGLE_CREDENTIALS")
	s.AccessToken, s.AccessTokenEnv = envOr(config.AccessToken, getenv, "GOOGLE_OAUTH_ACCESS_TOKEN")
	s.ImpersonateServiceAccount, s.ImpersonateServiceAccountEnv = envOr(config.ImpersonateServiceAccount, getenv,
		"GOOGLE_IMPERSONATE_SERVICE_ACCOUNT")
	s.ImpersonateUser, s.ImpersonateUserEnv = envOr(config.ImpersonateUser, getenv, "GOOGLE_CHAT_IMPERSONATE_USER")
	if config.AccessToken.IsNull() && !config.Credentials.IsNull() {
		s.AccessToken, s.AccessTokenEnv = "", "" // an explicit credentials attribute wins over the token variable
	}
	if !config.AccessToken.IsNull() && config.Credentials.IsNull() {
		s.Credentials, s.CredentialsEnv = "", ""
	}
	if s.Credentials != "" && s.AccessToken != "" {
		return s, fmt.Errorf("credentials (from %s) and an access token (from %s) were both found. Set only one: unset "+
			"one of the variables, or set credentials or access_token in the provider block, which then wins over the "+
			"environment", origin("the provider block", s.CredentialsEnv), origin("the provider block", s.AccessTokenEnv))
	}
	return s, nil
}

// insecureEndpoint reads insecure_endpoint, else GOOGLE_CHAT_INSECURE_ENDPOINT.
func insecureEndpoint(value types.Bool, getenv func(string) string) (bool, error) {
	return boolOrEnv(value, getenv, "GOOGLE_CHAT_INSECURE_ENDPOINT")
}

// boolOrEnv is a boolean attribute, else its variable (false when neither
// is set).
func boolOrEnv(value types.Bool, getenv func(string) string, env string) (bool, error) {
	if !value.IsNull() {
		return value.ValueBool(), nil
	}
	raw := getenv(env)
	if raw == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(raw)
	if err != nil {
		return false, fmt.Errorf("%s is %q; it must be true or false", env, raw)
	}
	return on, nil
}

// checkEndpoint is validators.CheckEndpoint, except that insecure allows
// plain http:// to any host. Refused, such an endpoint's error names
// insecure_endpoint.
func checkEndpoint(raw string, insecure bool) error {
	err := validators.CheckEndpoint(raw)
	if err == nil {
		return nil
	}
	u, parseErr := url.Parse(raw)
	if parseErr != nil || u.Scheme != "http" {
		return err
	}
	secure := *u
	secure.Scheme = "https"
	if validators.CheckEndpoint(secure.String()) != nil {
		return err // wrong for another reason than the scheme
	}
	if insecure {
		return nil
	}
	return fmt.Errorf("%w. To use plain http:// with another host (such as an emulator in a CI service container), "+
		"set insecure_endpoint = true or GOOGLE_CHAT_INSECURE_ENDPOINT=true", err)
}

// endpointValidator checks endpoint at validation time with checkEndpoint,
// reading insecure_endpoint (or its variable) from the same configuration.
var endpointValidator = validators.String(
	"must be an https:// URL, or http:// for a loopback host (localhost, 127.0.0.0/8, ::1) or, "+
		"with insecure_endpoint = true, for any host",
	func(ctx context.Context, req validator.StringRequest) (string, string) {
		var value types.Bool
		if diags := req.Config.GetAttribute(ctx, path.Root("insecure_endpoint"), &value); diags.HasError() || value.IsUnknown() {
			return "", "" // Configure checks once the value is known
		}
		insecure, err := insecureEndpoint(value, os.Getenv)
		if err != nil {
			return "", "" // Configure reports the variable
		}
		if err := checkEndpoint(req.ConfigValue.ValueString(), insecure); err != nil {
			return "Invalid Endpoint", err.Error()
		}
		return "", ""
	})

// retryPolicy is chatapi's default policy with request_timeout and
// max_retries applied.
func retryPolicy(requestTimeout types.String, maxRetries types.Int64) (chatapi.RetryPolicy, error) {
	retry := chatapi.DefaultRetryPolicy()
	if !requestTimeout.IsNull() {
		timeout, err := time.ParseDuration(requestTimeout.ValueString())
		if err != nil || timeout <= 0 {
			return retry, fmt.Errorf("request_timeout %q must be a positive duration such as \"30s\"", requestTimeout.ValueString())
		}
		retry.AttemptTimeout = timeout
	}
	if !maxRetries.IsNull() {
		retry.MaxRetries = int(maxRetries.ValueInt64())
	}
	return retry, nil
}

// rateLimits is chatapi's default quotas with the rate_limits block applied.
func rateLimits(ctx context.Context, block types.Object) (chatapi.RateLimits, diag.Diagnostics) {
	limits := chatapi.DefaultRateLimits()
	if block.IsNull() || block.IsUnknown() {
		return limits, nil
	}
	var configured rateLimitsModel
	diags := block.As(ctx, &configured, basetypes.ObjectAsOptions{})
	for _, v := range []struct {
		value types.Int64
		into  *float64
	}{
		{configured.PerSpaceWritesPerMinute, &limits.PerSpaceWritesPerMinute},
		{configured.SpaceWritesPerMinute, &limits.SpaceWritesPerMinute},
		{configured.MembershipWritesPerMinute, &limits.MembershipWritesPerMinute},
		{configured.PerSpaceReadsPerMinute, &limits.PerSpaceReadsPerMinute},
		{configured.ReadsPerMinute, &limits.ReadsPerMinute},
	} {
		if !v.value.IsNull() && !v.value.IsUnknown() {
			*v.into = float64(v.value.ValueInt64())
		}
	}
	return limits, diags
}

// clientConfig is what chatapi.New needs from the settings and credentials.
func clientConfig(settings providerSettings, auth resolvedAuth, version string) chatapi.Config {
	return chatapi.Config{
		Endpoint:       settings.Endpoint,
		TokenSource:    auth.TokenSource,
		UserAgent:      fmt.Sprintf("terraform-provider-googlechat/%s", version),
		Retry:          settings.Retry,
		RateLimits:     settings.RateLimits,
		AuthMode:       auth.Mode,
		AuthModeSource: auth.ModeSource,
		Customer:       settings.Customer,
		Scopes:         auth.RequestedScopes,
		ScopesOrigin:   auth.ScopesOrigin,
		UseAdminAccess: settings.UseAdminAccess,
		ListReads:      settings.ListReads,
	}
}

// authDiagnostic reports a resolveAuth error on the attribute at fault, or
// on the whole provider when the fault lies in the environment.
func authDiagnostic(err error) diag.Diagnostic {
	const summary = "Unable to Load Google Credentials"
	attribute := "credentials"
	var authErr *authError
	if errors.As(err, &authErr) {
		attribute = authErr.Attribute
	}
	if attribute == "" {
		return diag.NewErrorDiagnostic(summary, err.Error())
	}
	return diag.NewAttributeErrorDiagnostic(path.Root(attribute), summary, err.Error())
}

// durationString writes whole seconds as "60s" rather than "1m0s".
func durationString(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// perMinute writes a quota without a fraction when it has none.
func perMinute(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
