package resources

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type attrValue = attr.Value

// objectAttr returns attrs[key] as an object, null when absent.
func objectAttr(attrs map[string]attr.Value, key string) types.Object {
	if o, ok := attrs[key].(types.Object); ok {
		return o
	}
	return types.ObjectNull(nil)
}
