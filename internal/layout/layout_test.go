// Package layout holds the tests that keep the repository's shape (DESIGN.md):
// every resource in the same file set and method order, and no hand-written
// file so long that it mixes concerns.
package layout

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// maxLines is DESIGN.md's "about 400 lines", with the slack "about" gives.
const maxLines = 420

const root = "../.."

// TestLayout_noLongFiles checks that no hand-written non-test Go file passes
// maxLines; generated files ("// Code generated … DO NOT EDIT.") are exempt.
func TestLayout_noLongFiles(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		checked++
		lines, generated := countLines(t, path)
		if !generated && lines > maxLines {
			rel, _ := filepath.Rel(root, path)
			t.Errorf("%s has %d lines, over DESIGN.md's ~400: split it by concern", rel, lines)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A walk that finds next to nothing would pass whatever the sizes.
	if checked < 100 {
		t.Fatalf("checked %d Go files under %s: the walk no longer reaches the tree", checked, root)
	}
}

var (
	newResource   = regexp.MustCompile(`(?m)^func New\w+\(\) resource\.Resource \{`)
	crudMethod    = regexp.MustCompile(`(?m)^func \(r \*\w+\) (Create|Read|Update|Delete|ImportState)\(`)
	schemaMethod  = regexp.MustCompile(`(?m)^func \(r \*\w+\) Schema\(`)
	shapeAsserted = regexp.MustCompile(`(?m)^(var |\t)_ (managed|validated)Resource\s+= \(\*\w+\)\(nil\)$`)
)

// TestLayout_resourcesShareOneShape checks DESIGN.md's file set for every
// resource X: X.go asserting managedResource (or validatedResource), with
// Create, Read, Update, Delete and ImportState in that order; X_schema.go with Schema; X_plan.go and X_mappers.go.
func TestLayout_resourcesShareOneShape(t *testing.T) {
	dir := filepath.Join(root, "internal", "resources")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var resources []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src := read(t, f)
		if !newResource.MatchString(src) {
			continue
		}
		x := strings.TrimSuffix(filepath.Base(f), ".go")
		resources = append(resources, x)
		if !shapeAsserted.MatchString(src) {
			t.Errorf("%s.go: no `var _ managedResource = ...` (or validatedResource): the compiler no longer checks its shape", x)
		}
		var order []string
		for _, m := range crudMethod.FindAllStringSubmatch(src, -1) {
			order = append(order, m[1])
		}
		if want := []string{"Create", "Read", "Update", "Delete", "ImportState"}; !slices.Equal(order, want) {
			t.Errorf("%s.go: methods %v, want %v", x, order, want)
		}
		for _, part := range []string{"_schema.go", "_plan.go", "_mappers.go"} {
			if _, err := os.Stat(filepath.Join(dir, x+part)); err != nil {
				t.Errorf("%s: no %s%s", x, x, part)
			}
		}
		if schema := filepath.Join(dir, x+"_schema.go"); !schemaMethod.MatchString(readIfExists(schema)) {
			t.Errorf("%s: Schema is not in %s_schema.go", x, x)
		}
	}
	// A test that finds no resources would pass whatever the layout.
	if len(resources) < 10 {
		t.Fatalf("found %d resources (%v): the pattern no longer matches the constructors", len(resources), resources)
	}
}

func countLines(t *testing.T, path string) (int, bool) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n, generated := 0, false
	for s.Scan() {
		if n == 0 && strings.HasPrefix(s.Text(), "// Code generated") && strings.HasSuffix(s.Text(), "DO NOT EDIT.") {
			generated = true
		}
		n++
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return n, generated
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readIfExists(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}
