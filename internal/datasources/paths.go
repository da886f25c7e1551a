package datasources

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var pathName = path.Root("name")

// rejectEmail reports users/{email} with app credentials at the attribute,
// before any API call: the Chat API takes email aliases only from users.
func rejectEmail(client *chatapi.Client, at path.Path, user string, diags *diag.Diagnostics) bool {
	if client == nil || client.AuthMode != chatapi.AuthModeApp || !strings.HasPrefix(user, "users/") || !strings.Contains(user, "@") {
		return false
	}
	diags.AddAttributeError(at, "Email Needs User Credentials",
		fmt.Sprintf("%s: the Chat API accepts an email as users/{email} only with user credentials; use users/{id} or a "+
			"provider with user credentials. The provider uses app credentials.", user))
	return true
}
