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

// String is a string validator: description says what a valid value is,
// and check, given a known, non-null value, returns the error's summary and
// detail, or "" for a valid value. Null and unknown values pass (a later
// validation or Configure checks them once known).
func String(description string, check func(ctx context.Context, req validator.StringRequest) (summary, detail string)) validator.String {
	return stringValidator{description: description, check: check}
}

type stringValidator struct {
	description string
	check       func(ctx context.Context, req validator.StringRequest) (summary, detail string)
}

func (v stringValidator) Description(context.Context) string { return v.description }

func (v stringValidator) MarkdownDescription(context.Context) string { return v.description }

func (v stringValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if summary, detail := v.check(ctx, req); summary != "" {
		resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
	}
}

// CheckEndpoint is the rule of the provider's endpoint validator, for values
// from the configuration and the environment alike.
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
func Duration() validator.String {
	const description = `must be a positive duration such as "30s" or "2m"`
	return String(description, func(_ context.Context, req validator.StringRequest) (string, string) {
		if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
			return "Invalid Duration", fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), description)
		}
		return "", ""
	})
}

// ImportTime accepts an RFC 3339 time between 2000-01-01 and now: the
// creation time of a space or message in import mode ("must be set to a
// value between January 1, 2000 and the current time", Chat's import guide).
func ImportTime() validator.String {
	const description = `must be an RFC 3339 time between 2000-01-01 and now, such as "2019-06-01T09:00:00Z"`
	return String(description, func(_ context.Context, req validator.StringRequest) (string, string) {
		t, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString())
		if err != nil || t.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) || t.After(time.Now()) {
			return "Invalid Import Time", fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), description)
		}
		return "", ""
	})
}
