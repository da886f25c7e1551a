package provider

import "github.com/hashicorp/terraform-plugin-framework/types"

func typesNull() types.String           { return types.StringNull() }
func typesString(s string) types.String { return types.StringValue(s) }
