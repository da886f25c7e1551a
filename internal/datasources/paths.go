package datasources

import "github.com/hashicorp/terraform-plugin-framework/path"

var pathName = path.Root("name")
