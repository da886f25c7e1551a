package benchmarks_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// workspace is one Terraform working directory run by the real CLI, with the
// provider built from this checkout as its own plugin process.
type workspace struct {
	t   *testing.T
	tf  string
	dir string
	env []string
}

type harness struct {
	t       *testing.T
	tf      string
	plugins string
	rc      string
	root    string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("GOOGLECHAT_BENCH") == "" || tf == "" {
		t.Skip("benchmarks run with make bench (GOOGLECHAT_BENCH=1 and TF_ACC_TERRAFORM_PATH)")
	}
	root, _ := filepath.Abs("../..")
	plugins := t.TempDir()
	// Each plugin runs behind the rusage wrapper (rusage/main.go), which
	// reports the plugin process's CPU and peak memory.
	for _, b := range []struct{ name, pkg string }{
		{"terraform-provider-googlechat.real", "."},
		{"terraform-provider-floor.real", "./internal/benchmarks/floor"},
		{"terraform-provider-googlechat", "./internal/benchmarks/rusage"},
		{"terraform-provider-floor", "./internal/benchmarks/rusage"},
	} {
		build := exec.Command("go", "build", "-o", filepath.Join(plugins, b.name), b.pkg)
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/seed-da88c8a3/googlechat" = "`+plugins+`"
    "registry.terraform.io/bench/floor" = "`+plugins+`"
  }
  direct {}
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, tf: tf, plugins: plugins, rc: rc, root: root}
}

// workspace writes main.tf for config in a new directory.
func (h *harness) workspace(config string) *workspace {
	h.t.Helper()
	dir := h.t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		h.t.Fatal(err)
	}
	env := []string{"TF_CLI_CONFIG_FILE=" + h.rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"HOME=" + h.t.TempDir(), "PATH=" + os.Getenv("PATH"), "BENCH_RUSAGE_FILE=" + filepath.Join(dir, "rusage.log")}
	return &workspace{t: h.t, tf: h.tf, dir: dir, env: env}
}

func (w *workspace) write(config string) {
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// run times one CLI command; it fails the benchmark on error.
func (w *workspace) run(args ...string) time.Duration {
	w.t.Helper()
	return w.measure(args...).wall
}

// usage is one CLI command's cost: its wall time, the CPU seconds and
// largest peak resident memory of the plugin processes it started, and
// Terraform's own CPU seconds (the command's, less its plugins').
type usage struct {
	wall, pluginCPU, terraformCPU time.Duration
	pluginPeakKiB                 int64
}

// measure runs one CLI command and reports its usage; it fails the
// benchmark on error.
func (w *workspace) measure(args ...string) usage {
	w.t.Helper()
	file := filepath.Join(w.dir, "rusage.log")
	_ = os.Remove(file)
	cmd := exec.Command(w.tf, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = w.dir, w.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	u := usage{wall: time.Since(start)}
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 3000))
	}
	data, _ := os.ReadFile(file)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var user, system float64
		var peak int64
		if n, _ := fmt.Sscan(line, &user, &system, &peak); n == 3 {
			u.pluginCPU += time.Duration((user + system) * float64(time.Second))
			u.pluginPeakKiB = max(u.pluginPeakKiB, peak)
		}
	}
	// The command's accounting includes every plugin it waited for.
	u.terraformCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime() - u.pluginCPU
	return u
}

// stateID reads the id of the first resource of a type from terraform.tfstate.
func (w *workspace) stateID(resourceType string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		w.t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &state); err != nil {
		w.t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type == resourceType && len(r.Instances) > 0 {
			id, _ := r.Instances[0].Attributes["id"].(string)
			return id
		}
	}
	w.t.Fatalf("no %s in state", resourceType)
	return ""
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// provider blocks pointed at the emulator, with the given extra settings.
func providerConfig(endpoint, settings string) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    googlechat = { source = "seed-da88c8a3/googlechat" }
  }
}

provider "googlechat" {
  endpoint     = %[1]q
  access_token = "app"
  auth_mode    = "app"
  %[2]s
}
`, endpoint, settings)
}

// calls counts the emulator's logged reads and writes.
func calls(emu *emulator.Server) (reads, writes int) {
	for _, r := range emu.Requests() {
		if r.IsWrite() {
			writes++
		} else {
			reads++
		}
	}
	return reads, writes
}

func median(values []time.Duration) time.Duration {
	sorted := append([]time.Duration(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[len(sorted)/2]
}

// machine describes where the numbers were taken.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		fields := strings.Fields(strings.SplitN(string(data), "\n", 2)[0])
		if len(fields) >= 2 {
			kb, _ := strconv.Atoi(fields[1])
			mem = fmt.Sprintf(", %.0f GiB", float64(kb)/1024/1024)
		}
	}
	return fmt.Sprintf("%s, %d cores%s, %s/%s", model, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH)
}
