package provider_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
