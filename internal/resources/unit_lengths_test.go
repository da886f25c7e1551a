package resources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The discovery document gives these limits in characters ("Supports up to
// 128 characters"), so a limit of CJK text (three bytes a character) plans,
// and one character more is refused, as the emulator counts.
func TestUnitLengthLimitsCountCharacters(t *testing.T) {
	cases := []struct {
		resource  resource.Resource
		attribute string
		limit     int
	}{
		{NewSpace(), "display_name", 128},      // Space.displayName
		{NewSpace(), "description", 4096},      // SpaceDetails.description
		{NewSpace(), "guidelines", 5000},       // SpaceDetails.guidelines
		{NewMessage(), "thread_key", 4000},     // Thread.threadKey
		{NewUserSection(), "display_name", 80}, // GoogleChatV1Section.displayName
	}
	for _, tc := range cases {
		h := newUHarness(t, tc.resource, nil)
		attribute, ok := h.schema.Attributes[tc.attribute].(schema.StringAttribute)
		if !ok {
			t.Fatalf("%T has no string attribute %s", tc.resource, tc.attribute)
		}
		errors := func(value string) int {
			var resp validator.StringResponse
			for _, v := range attribute.Validators {
				v.ValidateString(h.ctx, validator.StringRequest{Path: path.Root(tc.attribute), ConfigValue: types.StringValue(value),
					Config: tfsdk.Config{Schema: h.schema, Raw: h.nullRaw()}}, &resp)
			}
			return resp.Diagnostics.ErrorsCount()
		}
		if n := errors(strings.Repeat("界", tc.limit)); n != 0 {
			t.Errorf("%T.%s: %d characters refused (%d errors)", tc.resource, tc.attribute, tc.limit, n)
		}
		if n := errors(strings.Repeat("界", tc.limit+1)); n == 0 {
			t.Errorf("%T.%s: %d characters accepted", tc.resource, tc.attribute, tc.limit+1)
		}
	}
}
