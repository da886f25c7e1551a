//go:build tools

// Package tools pins the OpenTofu CLI that acceptance tests also run.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
