package acctest

import (
	"fmt"
	"strconv"
	"strings"
)

// HCL fixtures for acceptance tests: blocks built from their arguments, so
// tests share one way of writing a configuration.

// Block is the configuration of one block, kind "resource" or "data": args
// are pairs of an argument and its value, an HCL expression (see Quote and
// List).
func Block(kind, blockType, local string, args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s %q %q {\n", kind, blockType, local)
	for i := 0; i+1 < len(args); i += 2 {
		fmt.Fprintf(&b, "  %s = %s\n", args[i], args[i+1])
	}
	b.WriteString("}\n")
	return b.String()
}

// Resource is a resource block (see Block).
func Resource(resourceType, local string, args ...string) string {
	return Block("resource", resourceType, local, args...)
}

// Data is a data block (see Block).
func Data(dataSourceType, local string, args ...string) string {
	return Block("data", dataSourceType, local, args...)
}

// Quote is s as an HCL string.
func Quote(s string) string { return strconv.Quote(s) }

// List is a list of HCL strings.
func List(values ...string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
