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
		resp := &validator.StringResponse{}
		Endpoint().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("endpoint"), ConfigValue: types.StringValue(value)}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("Endpoint(%q): error=%v, want ok=%v", value, resp.Diagnostics, ok)
		}
	}
}

func TestDuration(t *testing.T) {
	cases := map[string]bool{"60s": true, "1m30s": true, "250ms": true, "0s": false, "-1s": false, "60": false, "soon": false}
	for value, ok := range cases {
		resp := &validator.StringResponse{}
		Duration().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("request_timeout"), ConfigValue: types.StringValue(value)}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("Duration(%q): error=%v, want ok=%v", value, resp.Diagnostics, ok)
		}
	}
}
