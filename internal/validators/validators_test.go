package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEndpoint(t *testing.T) {
	cases := map[string]bool{
		"https://chat.googleapis.com/": true,
		"https://proxy.example.com":    true,
		"http://127.0.0.1:8080/":       true,
		"http://127.9.9.9/":            true,
		"http://localhost:1234":        true,
		"http://[::1]:80/":             true,
		"http://chat.example.com/":     false,
		"http://10.0.0.1/":             false,
		"ftp://127.0.0.1/":             false,
		"chat.googleapis.com":          false,
		"https://x.example.com/?a=b":   false,
		"https://user:pw@example.com/": false,
	}
	for value, ok := range cases {
		if err := CheckEndpoint(value); (err != nil) == ok {
			t.Errorf("CheckEndpoint(%q) = %v, want ok=%v", value, err, ok)
		}
	}
}

// TestValidators: each validator's accepted (true) and refused values.
func TestValidators(t *testing.T) {
	for name, tc := range map[string]struct {
		v     validator.String
		cases map[string]bool
	}{
		"Duration": {Duration(), map[string]bool{"60s": true, "1m30s": true, "250ms": true, "0s": false, "-1s": false, "60": false, "soon": false}},
		"ImportTime": {ImportTime(), map[string]bool{"2019-06-01T09:00:00Z": true, "2000-01-01T00:00:00Z": true,
			"1999-12-31T23:59:59Z": false, "2999-01-01T00:00:00Z": false, "2019-06-01": false}},
	} {
		for value, ok := range tc.cases {
			resp := &validator.StringResponse{}
			tc.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: types.StringValue(value)}, resp)
			if resp.Diagnostics.HasError() == ok {
				t.Errorf("%s(%q): error=%v, want ok=%v", name, value, resp.Diagnostics, ok)
			}
		}
	}
}

// TestString_skipsNullAndUnknown: check runs only on known values.
func TestString_skipsNullAndUnknown(t *testing.T) {
	calls := 0
	v := String("anything", func(context.Context, validator.StringRequest) (string, string) { calls++; return "Bad", "bad" })
	for _, value := range []types.String{types.StringNull(), types.StringUnknown(), types.StringValue("x")} {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: value}, resp)
		if got, want := resp.Diagnostics.HasError(), !value.IsNull() && !value.IsUnknown(); got != want {
			t.Errorf("%s: error=%v, want an error %v", value, resp.Diagnostics, want)
		}
	}
	if calls != 1 {
		t.Errorf("check ran %d times, want 1 (the known value only)", calls)
	}
	if d := v.MarkdownDescription(context.Background()); d != "anything" {
		t.Errorf("MarkdownDescription = %q", d)
	}
}
