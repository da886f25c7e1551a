package provider_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scripts/demo.sh runs with a Terraform or OpenTofu of a supported version
// (1.11 or newer) that is already installed, and builds the pinned CLI only
// when there is none. --which-cli says which it would use, and does nothing.
func TestDemoScript_UsesAnInstalledSupportedCLI(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("needs bash")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// The script needs dirname; the fake CLIs need nothing. No real CLI may
	// be on this PATH.
	tools := t.TempDir()
	dirname, err := exec.LookPath("dirname")
	if err != nil {
		t.Skip("needs dirname")
	}
	if err := os.Symlink(dirname, filepath.Join(tools, "dirname")); err != nil {
		t.Fatal(err)
	}
	// fake writes a CLI that prints version as its first line.
	fake := func(dir, name, version string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("#!/bin/sh\necho '"+version+"'\necho 'on linux_amd64'\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := []struct {
		name    string
		clis    map[string]string // name on PATH -> first line of its version
		demoCLI string            // first line of $DEMO_CLI's version, if set
		want    string            // the CLI's name on PATH, "DEMO_CLI", or "pinned"
	}{
		{name: "a supported terraform", clis: map[string]string{"terraform": "Terraform v1.12.2"}, want: "terraform"},
		{name: "the oldest supported terraform", clis: map[string]string{"terraform": "Terraform v1.11.0"}, want: "terraform"},
		{name: "terraform first", clis: map[string]string{"terraform": "Terraform v1.13.3", "tofu": "OpenTofu v1.12.6"}, want: "terraform"},
		{name: "an old terraform, a supported tofu", clis: map[string]string{"terraform": "Terraform v1.10.5", "tofu": "OpenTofu v1.12.6"}, want: "tofu"},
		{name: "a future major version", clis: map[string]string{"tofu": "OpenTofu v2.0.0"}, want: "tofu"},
		{name: "only old CLIs", clis: map[string]string{"terraform": "Terraform v1.5.7", "tofu": "OpenTofu v1.10.0"}, want: "pinned"},
		{name: "not a CLI it knows", clis: map[string]string{"terraform": "something else 1.12"}, want: "pinned"},
		{name: "none", want: "pinned"},
		{name: "DEMO_CLI wins", clis: map[string]string{"terraform": "Terraform v1.12.2"}, demoCLI: "Terraform v1.13.3", want: "DEMO_CLI"},
		{name: "an old DEMO_CLI is passed over", clis: map[string]string{"terraform": "Terraform v1.12.2"}, demoCLI: "Terraform v1.9.0", want: "terraform"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			onPath := t.TempDir()
			for name, version := range tc.clis {
				fake(onPath, name, version)
			}
			env := []string{"PATH=" + onPath + ":" + tools, "HOME=" + t.TempDir()}
			want := filepath.Join(onPath, tc.want)
			if tc.demoCLI != "" {
				demo := fake(t.TempDir(), "my-terraform", tc.demoCLI)
				env = append(env, "DEMO_CLI="+demo)
				if tc.want == "DEMO_CLI" {
					want = demo
				}
			}
			if tc.want == "pinned" {
				want = "pinned"
			}
			cmd := exec.Command(bash, filepath.Join(root, "scripts", "demo.sh"), "--which-cli")
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("demo.sh --which-cli: %v\n%s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != want {
				t.Errorf("demo.sh would use %q, want %q", got, want)
			}
		})
	}
}
