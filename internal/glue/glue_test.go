package glue

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

func TestAPIErrorDetail(t *testing.T) {
	cases := []struct{ advice, want string }{
		{"", "spaces.get failed: boom"},
		{"  ", "spaces.get failed: boom"},
		{"Do this.", "spaces.get failed: boom\n\nDo this."},
	}
	for _, tc := range cases {
		if got := APIErrorDetail("spaces.get", errors.New("boom"), tc.advice); got != tc.want {
			t.Errorf("APIErrorDetail(advice %q) = %q, want %q", tc.advice, got, tc.want)
		}
	}
}

func TestAddAttributeAPIErrorPointsAtTheAttribute(t *testing.T) {
	var diags diag.Diagnostics
	AddAttributeAPIError(&diags, path.Root("space"), "Unable", "spaces.get", errors.New("x"), "")
	d, ok := diags[0].(diag.DiagnosticWithPath)
	if !ok || !d.Path().Equal(path.Root("space")) {
		t.Fatalf("diagnostic %v has no path space", diags)
	}
	if strings.Contains(d.Detail(), "..") {
		t.Errorf("detail %q has a double period", d.Detail())
	}
}

func TestClientFrom(t *testing.T) {
	var diags diag.Diagnostics
	if ClientFrom(nil, &diags) != nil || diags.HasError() {
		t.Fatal("nil provider data must give no client and no error")
	}
	if ClientFrom("wrong", &diags) != nil || !diags.HasError() {
		t.Fatal("wrong provider data must be an error")
	}
	client := &chatapi.Client{}
	diags = nil
	if ClientFrom(client, &diags) != client || diags.HasError() {
		t.Fatal("a client must come back as it is")
	}
	if Configured(nil, &diags) || !diags.HasError() {
		t.Fatal("no client must report Provider Not Configured")
	}
}
