//go:build generate

// Package tools pins the code generators: `go generate ./...` here renders
// docs/ from the provider's schemas, templates/ and examples/.
package tools

import (
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the examples, then generate the documentation.
//go:generate terraform fmt -recursive ../examples/
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name google --rendered-provider-name "Google Chat"
