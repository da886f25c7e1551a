// Package validators holds the provider's own attribute validators.
package validators

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Endpoint accepts an absolute https:// URL, or http:// for a loopback host.
func Endpoint() validator.String { return endpointValidator{} }

type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "must be an https:// URL, or http:// for a loopback host (localhost, 127.0.0.0/8, ::1)"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v endpointValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Endpoint", err.Error())
	}
}

// CheckEndpoint is the rule behind Endpoint, for values from the environment.
func CheckEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%q is not an absolute http(s) URL such as https://chat.googleapis.com/", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%q must not carry a query, fragment or user info", raw)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return fmt.Errorf("%q uses plain http:// for a host that is not loopback; use https:// (plain http is only for localhost, 127.0.0.0/8 or ::1, such as the local emulator)", raw)
	}
	return nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Duration accepts a positive Go duration such as "60s" or "2m30s".
func Duration() validator.String { return durationValidator{} }

type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a positive duration such as "30s" or "2m"`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration",
			fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), v.Description(ctx)))
	}
}

// ImportTime accepts an RFC 3339 time between 2000-01-01 and now: the
// creation time of a space or message in import mode ("must be set to a
// value between January 1, 2000 and the current time", Chat's import guide).
func ImportTime() validator.String { return importTimeValidator{} }

type importTimeValidator struct{}

func (importTimeValidator) Description(context.Context) string {
	return `must be an RFC 3339 time between 2000-01-01 and now, such as "2019-06-01T09:00:00Z"`
}

func (v importTimeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v importTimeValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	t, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString())
	if err != nil || t.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) || t.After(time.Now()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Import Time",
			fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), v.Description(ctx)))
	}
}
