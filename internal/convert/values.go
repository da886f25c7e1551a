package convert

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Known reports whether a value is set and known.
func Known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// StringSet builds a set of strings.
func StringSet(values []string) types.Set {
	elements := make([]attr.Value, len(values))
	for i, v := range values {
		elements[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elements)
}

// SetStrings returns a set's known strings: none for a null or unknown set,
// and only the known elements of a set that is partly unknown at plan time.
func SetStrings(_ context.Context, set types.Set, _ *diag.Diagnostics) []string {
	if !Known(set) {
		return nil
	}
	var out []string
	for _, element := range set.Elements() {
		if s, ok := element.(types.String); ok && Known(s) {
			out = append(out, s.ValueString())
		}
	}
	return out
}

// ObjectAttr returns attrs[key] as an object, null when absent.
func ObjectAttr(attrs map[string]attr.Value, key string) types.Object {
	if o, ok := attrs[key].(types.Object); ok {
		return o
	}
	return types.ObjectNull(nil)
}
