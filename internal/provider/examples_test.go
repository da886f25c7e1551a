package provider_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/zclconf/go-cty/cty"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/provider"
)

// Every example must pass terraform fmt and validate with no credentials and
// no network: validate never configures the provider.
func TestAccExamples_formatAndValidate(t *testing.T) {
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || terraform == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make testacc)")
	}
	root, env := cliSetup(t)
	run := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command(terraform, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("terraform %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
		}
	}
	run(root, "fmt", "-check", "-recursive", "-diff", "examples")

	// The resource and data source examples compose into one module with the
	// provider example, which declares the provider aliases they use.
	combined := t.TempDir()
	copyTF(t, filepath.Join(root, "examples", "provider"), combined, "provider")
	for _, kind := range []string{"resources", "data-sources"} {
		entries, err := os.ReadDir(filepath.Join(root, "examples", kind))
		if err != nil {
			t.Fatal(err)
		}
		for _, entry := range entries {
			copyTF(t, filepath.Join(root, "examples", kind, entry.Name()), combined, kind+"_"+entry.Name())
		}
	}
	run(combined, "validate", "-no-color")

	quickStart := t.TempDir()
	copyTF(t, filepath.Join(root, "examples", "quick-start"), quickStart, "quick_start")
	run(quickStart, "validate", "-no-color")
}

// cliSetup builds the provider from this checkout for a real Terraform CLI
// run (dev_overrides) and returns the module root and the CLI's environment.
func cliSetup(t *testing.T) (string, []string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	plugins := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-googlechat"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	// OpenTofu resolves seed-da88c8a3/googlechat on its own registry host.
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	writeFile(t, rc, `provider_installation {
  dev_overrides {
    "`+host+`/seed-da88c8a3/googlechat" = "`+plugins+`"
  }
  direct {}
}
`)
	return root, []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
}

func copyTF(t *testing.T, from, to, prefix string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(from, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s", from)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, prefix+"_"+filepath.Base(f)), string(data))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// hclFenceLanguages are the Markdown fence labels whose content is HCL.
var hclFenceLanguages = map[string]bool{"hcl": true, "terraform": true, "tf": true}

// hclSnippet is one piece of HCL from the documentation: a whole example file
// or a fenced block of a Markdown page or template.
type hclSnippet struct {
	unit string // snippets of one unit form one configuration (a page, an example directory)
	file string // relative to the repository
	line int    // of the snippet's first line in file
	src  []byte
}

// docSnippets returns every HCL snippet a newcomer may copy: examples/**/*.tf
// and the hcl/terraform/tf fences of README.md, docs/**/*.md and the templates
// docs/ is generated from.
func docSnippets(t *testing.T, root string) []hclSnippet {
	t.Helper()
	var out []hclSnippet
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || rel == "tools" || rel == "internal" || rel == "dist" || rel == "cmd") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasPrefix(rel, "examples/") && strings.HasSuffix(rel, ".tf"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, hclSnippet{unit: filepath.ToSlash(filepath.Dir(rel)), file: rel, line: 1, src: data})
		case rel == "README.md" || (strings.HasPrefix(rel, "docs/") && strings.HasSuffix(rel, ".md")) ||
			(strings.HasPrefix(rel, "templates/") && strings.HasSuffix(rel, ".md.tmpl")):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, f := range markdownFences(string(data)) {
				if hclFenceLanguages[f.lang] {
					out = append(out, hclSnippet{unit: rel, file: rel, line: f.line, src: []byte(f.body)})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type markdownFence struct {
	lang, heading, body string
	line                int // of the first line of the body
}

var (
	fenceOpen  = regexp.MustCompile("^```\\s*([A-Za-z0-9_+-]*)\\s*$")
	fenceClose = regexp.MustCompile("^```\\s*$")
)

// markdownFences returns the fenced code blocks of a Markdown text, each with
// the last "## " heading above it.
func markdownFences(text string) []markdownFence {
	var out []markdownFence
	var current *markdownFence
	var body []string
	heading := ""
	for i, line := range strings.Split(text, "\n") {
		switch {
		case current == nil && strings.HasPrefix(line, "## "):
			heading = strings.TrimSpace(strings.TrimPrefix(line, "## "))
		case current == nil && fenceOpen.MatchString(line):
			current = &markdownFence{lang: strings.ToLower(fenceOpen.FindStringSubmatch(line)[1]), heading: heading, line: i + 2}
			body = nil
		case current != nil && fenceClose.MatchString(line):
			current.body = strings.Join(body, "\n") + "\n"
			out = append(out, *current)
			current = nil
		case current != nil:
			body = append(body, line)
		}
	}
	return out
}

// attributeSchema is what the checks need of a framework attribute.
type attributeSchema interface {
	IsRequired() bool
	IsComputed() bool
	IsOptional() bool
	GetType() attr.Type
}

// blockSchema is the configurable shape of a provider, resource or data source.
type blockSchema struct {
	attributes map[string]attributeSchema
	blocks     map[string]bool
}

// newBlockSchema is the shape of a schema's attributes and blocks.
func newBlockSchema[A attributeSchema, B any](attributes map[string]A, blocks map[string]B) blockSchema {
	b := blockSchema{attributes: map[string]attributeSchema{}, blocks: map[string]bool{}}
	for name, a := range attributes {
		b.attributes[name] = a
	}
	for name := range blocks {
		b.blocks[name] = true
	}
	return b
}

// schemasOf is the shape of what each factory makes, by its type name.
func schemasOf[T any](factories []func() T, describe func(T) (string, blockSchema)) map[string]blockSchema {
	out := map[string]blockSchema{}
	for _, factory := range factories {
		name, b := describe(factory())
		out[name] = b
	}
	return out
}

// providerSchemas returns the provider's schema and those of its resources
// and data sources by type name, from the provider itself: no CLI needed.
func providerSchemas(t *testing.T) (blockSchema, map[string]blockSchema, map[string]blockSchema) {
	t.Helper()
	ctx := t.Context()
	p := provider.New("test")()
	var ps fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &ps)
	prov := newBlockSchema(ps.Schema.Attributes, ps.Schema.Blocks)
	resources := schemasOf(p.Resources(ctx), func(r resource.Resource) (string, blockSchema) {
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "googlechat"}, &meta)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		return meta.TypeName, newBlockSchema(s.Schema.Attributes, s.Schema.Blocks)
	})
	dataSources := schemasOf(p.DataSources(ctx), func(d datasource.DataSource) (string, blockSchema) {
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "googlechat"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		return meta.TypeName, newBlockSchema(s.Schema.Attributes, s.Schema.Blocks)
	})
	if len(resources) == 0 || len(dataSources) == 0 {
		t.Fatal("the provider lists no resources or data sources")
	}
	return prov, resources, dataSources
}

// Meta-arguments Terraform itself accepts, by block type.
var (
	metaAttributes = map[string]map[string]bool{
		"resource": {"provider": true, "count": true, "for_each": true, "depends_on": true},
		"data":     {"provider": true, "count": true, "for_each": true, "depends_on": true},
		"provider": {"alias": true, "version": true},
	}
	metaBlocks = map[string]map[string]bool{
		"resource": {"lifecycle": true, "provisioner": true, "connection": true},
		"data":     {"lifecycle": true},
		"provider": {},
	}
)

// Every HCL snippet in README.md, docs/, templates/ and examples/ parses, is
// formatted as terraform fmt would, and follows the rules a copied snippet
// needs to work: google_chat_* blocks and import blocks name their provider,
// an "app" access token comes with auth_mode = "app", and attributes exist in
// the provider's schemas. No Terraform CLI and no network are needed.
func TestExamples_everyHCLSnippetParsesAndWorksAsWritten(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	snippets := docSnippets(t, root)
	perFile := map[string]int{}
	for _, s := range snippets {
		perFile[s.file]++
	}
	for _, must := range []string{"README.md", "docs/index.md", "docs/guides/testing-offline.md", "docs/guides/importing.md", "examples/provider/provider.tf"} {
		if perFile[must] == 0 {
			t.Errorf("found no HCL in %s: has the fence label or the layout changed?", must)
		}
	}
	prov, resources, dataSources := providerSchemas(t)

	// Parse everything first: the rules look across the snippets of a unit.
	type parsed struct {
		hclSnippet
		body *hclsyntax.Body
	}
	var all []parsed
	for _, s := range snippets {
		file, diags := hclsyntax.ParseConfig(s.src, s.file, hcl.Pos{Line: s.line, Column: 1})
		if diags.HasErrors() {
			t.Errorf("%s:%d: the snippet does not parse: %s", s.file, s.line, diags.Error())
			continue
		}
		if formatted := hclwrite.Format(s.src); !bytes.Equal(formatted, s.src) {
			t.Errorf("%s:%d: the snippet is not formatted as terraform fmt would:\n%s", s.file, s.line, firstDifference(s.src, formatted, s.line))
		}
		all = append(all, parsed{s, file.Body.(*hclsyntax.Body)})
	}

	// Per snippet: whether it names this provider "google" locally (the
	// alternative to provider = googlechat everywhere). Per unit: which
	// provider configuration each resource uses.
	googleLocal := map[*hclsyntax.Body]bool{}
	resourceProvider := map[string]map[string]string{}
	for _, p := range all {
		if resourceProvider[p.unit] == nil {
			resourceProvider[p.unit] = map[string]string{}
		}
		for _, block := range p.body.Blocks {
			switch {
			case block.Type == "provider" && len(block.Labels) == 1 && block.Labels[0] == "google":
				googleLocal[p.body] = true
			case block.Type == "terraform":
				for _, inner := range block.Body.Blocks {
					if inner.Type != "required_providers" {
						continue
					}
					if a, ok := inner.Body.Attributes["google"]; ok && strings.Contains(exprText(p.src, a.Expr), "/googlechat") {
						googleLocal[p.body] = true
					}
				}
			case block.Type == "resource" && len(block.Labels) == 2:
				if a, ok := block.Body.Attributes["provider"]; ok {
					resourceProvider[p.unit][block.Labels[0]+"."+block.Labels[1]] = exprText(p.src, a.Expr)
				}
			}
		}
	}

	for _, p := range all {
		for _, block := range p.body.Blocks {
			at := fmt.Sprintf("%s:%d", p.file, block.TypeRange.Start.Line)
			checkAppToken(t, p.src, at, block.Body)
			switch block.Type {
			case "import":
				a, ok := block.Body.Attributes["provider"]
				if !ok {
					if !googleLocal[p.body] {
						t.Errorf("%s: import block without provider = googlechat (copied as it is, Terraform asks for hashicorp/google)", at)
					}
					continue
				}
				checkProviderRef(t, p.src, at, a.Expr, googleLocal[p.body])
				if to, ok := block.Body.Attributes["to"]; ok {
					target := exprText(p.src, to.Expr)
					if want, declared := resourceProvider[p.unit][target]; declared && want != exprText(p.src, a.Expr) {
						t.Errorf("%s: import block's provider = %s differs from %s's provider = %s: Terraform rejects that",
							at, exprText(p.src, a.Expr), target, want)
					}
				}
			case "resource", "data":
				if len(block.Labels) != 2 || !strings.HasPrefix(block.Labels[0], "google_chat_") {
					continue
				}
				a, ok := block.Body.Attributes["provider"]
				switch {
				case ok:
					checkProviderRef(t, p.src, at, a.Expr, googleLocal[p.body])
				case !googleLocal[p.body]:
					t.Errorf("%s: %s %q %q has no provider = googlechat (Terraform would look for hashicorp/google)",
						at, block.Type, block.Labels[0], block.Labels[1])
				}
				schemas := resources
				if block.Type == "data" {
					schemas = dataSources
				}
				schema, known := schemas[block.Labels[0]]
				if !known {
					t.Errorf("%s: the provider has no %s %s", at, block.Type, block.Labels[0])
					continue
				}
				checkAgainstSchema(t, at, block, schema)
			case "provider":
				if len(block.Labels) == 1 && (block.Labels[0] == "googlechat" || (block.Labels[0] == "google" && googleLocal[p.body])) {
					checkAgainstSchema(t, at, block, prov)
				}
			}
		}
	}
	t.Logf("checked %d HCL snippets in %d files", len(snippets), len(perFile))
}

// checkAppToken: the emulator's "app" token is an access token, which implies
// auth_mode = "user", so a block that uses it must say auth_mode = "app".
func checkAppToken(t *testing.T, src []byte, at string, body *hclsyntax.Body) {
	t.Helper()
	if a, ok := body.Attributes["access_token"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			if token := v.AsString(); token == "app" || strings.HasPrefix(token, "app:") {
				mode, ok := body.Attributes["auth_mode"]
				if !ok || exprText(src, mode.Expr) != `"app"` {
					t.Errorf("%s: access_token = %q without auth_mode = \"app\": an access token alone means a user, and app-only calls fail", at, token)
				}
			}
		}
	}
	for _, inner := range body.Blocks {
		checkAppToken(t, src, at, inner.Body)
	}
}

// checkProviderRef: provider = googlechat or googlechat.ALIAS (or google when
// the unit names this provider google).
func checkProviderRef(t *testing.T, src []byte, at string, expr hclsyntax.Expression, googleLocal bool) {
	t.Helper()
	traversal, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() || len(traversal) > 2 {
		t.Errorf("%s: provider = %s is not a provider reference", at, exprText(src, expr))
		return
	}
	if root := traversal.RootName(); root != "googlechat" && (root != "google" || !googleLocal) {
		t.Errorf("%s: provider = %s is not this provider (googlechat or googlechat.ALIAS)", at, exprText(src, expr))
	}
}

// checkAgainstSchema: every argument exists and is configurable, required
// ones are set, and keys of nested objects exist.
func checkAgainstSchema(t *testing.T, at string, block *hclsyntax.Block, schema blockSchema) {
	t.Helper()
	what := strings.Join(append([]string{block.Type}, block.Labels...), " ")
	for name, a := range block.Body.Attributes {
		if metaAttributes[block.Type][name] {
			continue
		}
		s, ok := schema.attributes[name]
		switch {
		case !ok:
			t.Errorf("%s: %s has no argument %q", at, what, name)
		case s.IsComputed() && !s.IsOptional() && !s.IsRequired():
			t.Errorf("%s: %s sets %q, which is read-only", at, what, name)
		default:
			checkObjectKeys(t, at, what+"."+name, a.Expr, s.GetType())
		}
	}
	for name, s := range schema.attributes {
		if _, set := block.Body.Attributes[name]; s.IsRequired() && !set {
			t.Errorf("%s: %s misses the required argument %q", at, what, name)
		}
	}
	for _, inner := range block.Body.Blocks {
		if !metaBlocks[block.Type][inner.Type] && !schema.blocks[inner.Type] {
			t.Errorf("%s: %s has no block %q", at, what, inner.Type)
		}
	}
}

func checkObjectKeys(t *testing.T, at, where string, expr hclsyntax.Expression, typ attr.Type) {
	t.Helper()
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		object, ok := typ.(attr.TypeWithAttributeTypes)
		if !ok {
			return // a map: any key
		}
		fields := object.AttributeTypes()
		for _, item := range e.Items {
			key, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() || key.Type() != cty.String || !key.IsKnown() {
				continue
			}
			field, ok := fields[key.AsString()]
			if !ok {
				t.Errorf("%s: %s has no attribute %q", at, where, key.AsString())
				continue
			}
			checkObjectKeys(t, at, where+"."+key.AsString(), item.ValueExpr, field)
		}
	case *hclsyntax.TupleConsExpr:
		if list, ok := typ.(attr.TypeWithElementType); ok {
			for _, item := range e.Exprs {
				checkObjectKeys(t, at, where+"[*]", item, list.ElementType())
			}
		}
	}
}

// exprText is an expression's source text, trimmed.
func exprText(src []byte, expr hclsyntax.Expression) string {
	r := expr.Range()
	return strings.TrimSpace(string(r.SliceBytes(src)))
}

// firstDifference shows the first line where got and want differ; first is
// the line number of got's first line.
func firstDifference(got, want []byte, first int) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("  line %d\n  is:        %q\n  formatted: %q", first+i, gl, wl)
		}
	}
	return "  (whitespace at the end)"
}

// The curl recipes of the offline-testing guide ("Change things behind
// Terraform's back") run as written against an emulator, every call succeeds,
// and they leave the state they describe. Needs bash, curl, grep and cut.
func TestExamples_curlRecipesWorkAgainstTheEmulator(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "grep", "cut", "head"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s: %v", tool, err)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(root, "docs", "guides", "testing-offline.md")
	data, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	var script []string
	for _, f := range markdownFences(string(data)) {
		if f.heading == "Change things behind Terraform's back" && f.lang == "shell" && !strings.Contains(f.body, "terraform ") {
			script = append(script, f.body)
		}
	}
	if len(script) < 4 {
		t.Fatalf("found %d curl recipes under \"Change things behind Terraform's back\" in %s, want at least 4", len(script), guide)
	}
	srv := emulator.NewTestServer(t, emulator.Options{})
	text := "set -euo pipefail\n" + strings.ReplaceAll(strings.Join(script, "\n"), "http://127.0.0.1:8080", srv.URL)
	cmd := exec.Command("bash", "-c", text)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the recipes failed: %v\n%s", err, out)
	}

	rpcs := map[string]int{}
	for _, r := range srv.Requests() {
		rpcs[r.RPC]++
		if r.Status != 200 {
			t.Errorf("%s %s?%s as %s answered %d\nscript output:\n%s", r.Method, r.Path, r.Query, r.Principal, r.Status, out)
		}
	}
	for _, rpc := range []string{"chat.spaces.setup", "chat.spaces.create", "chat.spaces.messages.create",
		"chat.spaces.members.create", "chat.spaces.members.delete", "chat.spaces.members.list", "chat.spaces.messages.delete"} {
		if rpcs[rpc] == 0 {
			t.Errorf("the recipes never call %s (calls: %v)", rpc, rpcs)
		}
	}
	var byHand *emulator.SpaceState
	state := srv.Snapshot()
	for i := range state.Spaces {
		if state.Spaces[i].Space.DisplayName == "Made by hand" {
			byHand = &state.Spaces[i]
		}
	}
	if byHand == nil {
		t.Fatalf("no space \"Made by hand\" after the recipes:\n%s", out)
	}
	if !strings.Contains(string(out), byHand.Space.Name) {
		t.Errorf("the recipes never print the space's name %s:\n%s", byHand.Space.Name, out)
	}
	// alice (users/…01) made it; bob (…02) left, carol (…03) and the app joined.
	var members []string
	for _, m := range byHand.Memberships {
		members = append(members, m.Member.Name)
	}
	if got, want := strings.Join(members, " "), "users/100000000000000000001 users/100000000000000000003 users/900000000000000000001"; got != want {
		t.Errorf("members after the recipes: %s, want %s", got, want)
	}
	var left []string
	for _, m := range byHand.Messages {
		if m.DeleteTime == "" {
			left = append(left, m.Sender.Type+": "+m.Text)
		}
	}
	if got, want := strings.Join(left, "; "), "BOT: Hello from the app"; got != want {
		t.Errorf("messages after the recipes: %s, want %s", got, want)
	}
}
