package acctest

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// AdminMode is the Client of a Google Workspace administrator that sends
// useAdminAccess: Client(AdminMode).
const AdminMode chatapi.AuthMode = "admin"

// AdminEmail is the emulator's administrator with the "manage chat and
// spaces conversations" privilege.
const AdminEmail = "admin@example.com"

// AdminProviderConfig declares the googlechatadmin provider: an
// administrator's user credentials with use_admin_access = true, in the
// test's credential mode (so the administrator scopes the provider
// requests by default are what the emulator checks). Live runs skip the
// test unless GOOGLE_CHAT_ACC_ADMIN=1, with the administrator's
// authorized_user file in GOOGLE_CHAT_ACC_ADMIN_CREDENTIALS.
func (e *Env) AdminProviderConfig() string {
	e.t.Helper()
	e.RequireLiveFeature("GOOGLE_CHAT_ACC_ADMIN", "an administrator with the manage chat and spaces conversations privilege "+
		"(credentials in GOOGLE_CHAT_ACC_ADMIN_CREDENTIALS)")
	if e.Emulator == nil {
		return fmt.Sprintf("\nprovider \"googlechatadmin\" {\n  credentials      = %q\n  auth_mode        = \"user\"\n  use_admin_access = true\n}\n",
			os.Getenv("GOOGLE_CHAT_ACC_ADMIN_CREDENTIALS"))
	}
	var auth string
	switch e.credentialMode() {
	case "tokens":
		auth = fmt.Sprintf("access_token = %q", "user:"+AdminEmail)
	case "delegation":
		auth = fmt.Sprintf("credentials      = %q\n  impersonate_user = %q", e.credentialFile("app", "principal=app"), AdminEmail)
	default:
		scopes := append(UserScopesPlus(), chatapi.AdminScopes...)
		auth = fmt.Sprintf("credentials = %q", e.credentialFile("admin",
			"principal=user:"+AdminEmail+"&scopes="+url.QueryEscape(strings.Join(scopes, ","))))
	}
	return fmt.Sprintf("\nprovider \"googlechatadmin\" {\n  endpoint         = %q\n  %s\n  use_admin_access = true\n}\n",
		e.Emulator.URL+"/", auth)
}

// isAdminProvider reports whether a state's provider is googlechatadmin.
func isAdminProvider(provider string) bool {
	return provider == "googlechatadmin" || strings.HasSuffix(provider, "/googlechatadmin")
}
