// Package generate holds what the generators of internal/discovery and
// internal/convert share (they run under go generate, never in the provider).
package generate

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Load reads the discovery document into doc, for the generators that run
// under go generate: path, or when path is "" the chat/v1/chat-api.json of
// the google.golang.org/api version go.mod requires (found with go list -m).
func Load(path string, doc any) error {
	if path == "" {
		dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "google.golang.org/api").Output()
		if err != nil {
			return fmt.Errorf("go list -m google.golang.org/api: %w (download it with go mod download, or name the file)", err)
		}
		path = filepath.Join(strings.TrimSpace(string(dir)), "chat", "v1", "chat-api.json")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Document is the part of the discovery document that describes its
// schemas, for the generators and for the tests that check a table or the
// emulator against it.
type Document struct {
	Revision string             `json:"revision"`
	Version  string             `json:"version"`
	Schemas  map[string]*Schema `json:"schemas"`
}

// Schema is one schema of the document.
type Schema struct {
	Properties map[string]*Property `json:"properties"`
}

// Property is one field of a schema.
type Property struct {
	Ref                  string    `json:"$ref"`
	ReadOnly             bool      `json:"readOnly"`
	Description          string    `json:"description"`
	Items                *Property `json:"items"`
	AdditionalProperties *Property `json:"additionalProperties"`
}

// OutputOnly reports whether the API fills the field and ignores it in a
// request: "readOnly": true, or a description that starts "Output only" (the
// document marks some fields only the second way).
func (p *Property) OutputOnly() bool {
	return p.ReadOnly || strings.HasPrefix(p.Description, "Output only")
}

// SchemaRef names the schema the field's value is: the object itself, each
// element of an array, or each value of a map (isMap). It is "" for a
// scalar field.
func (p *Property) SchemaRef() (ref string, isMap bool) {
	switch {
	case p.Ref != "":
		return p.Ref, false
	case p.Items != nil && p.Items.Ref != "":
		return p.Items.Ref, false
	case p.AdditionalProperties != nil && p.AdditionalProperties.Ref != "":
		return p.AdditionalProperties.Ref, true
	}
	return "", false
}

// WriteGo formats generated Go source and writes it to path.
func WriteGo(path string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("gofmt: %w\n%s", err, src)
	}
	return os.WriteFile(path, formatted, 0o644)
}

// Run is a generator's main: it reads the flags -discovery (the document;
// default as Load) and -o (the file to write; default out), loads the
// document into doc, and writes what produce makes of it.
func Run(out string, doc any, produce func() []byte) error {
	docPath := flag.String("discovery", "", "path of chat-api.json (default: the one in the google.golang.org/api module go.mod requires)")
	outPath := flag.String("o", out, "file to write")
	flag.Parse()
	if err := Load(*docPath, doc); err != nil {
		return err
	}
	return WriteGo(*outPath, produce())
}
