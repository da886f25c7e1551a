//go:build tools

// Package tools pins the Terraform CLI that acceptance tests run.
package tools

import _ "github.com/hashicorp/terraform"
