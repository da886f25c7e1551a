package benchmarks_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-googlechat"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/seed-da88c8a3/googlechat" = "`+plugins+`"
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
		"HOME=" + h.t.TempDir(), "PATH=" + os.Getenv("PATH")}
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
	cmd := exec.Command(w.tf, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = w.dir, w.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 3000))
	}
	return elapsed
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

// peakRSS polls the provider processes' VmHWM (peak resident memory) while
// running, and returns the largest seen, in KiB.
type peakRSS struct {
	mu   sync.Mutex
	max  int
	stop chan struct{}
	done chan struct{}
}

func watchProviderMemory() *peakRSS {
	p := &peakRSS{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			select {
			case <-p.stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			entries, _ := os.ReadDir("/proc")
			for _, e := range entries {
				if _, err := strconv.Atoi(e.Name()); err != nil {
					continue
				}
				// The executable itself, not any process whose arguments
				// mention the name (a build writing to ~/.cache/terraform-provider-googlechat).
				cmdline, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
				executable, _, _ := strings.Cut(string(cmdline), "\x00")
				if filepath.Base(executable) != "terraform-provider-googlechat" {
					continue
				}
				if kb := vmHWM("/proc/" + e.Name() + "/status"); kb > 0 {
					p.mu.Lock()
					p.max = max(p.max, kb)
					p.mu.Unlock()
				}
			}
		}
	}()
	return p
}

func (p *peakRSS) finish() int {
	close(p.stop)
	<-p.done
	return p.max
}

func vmHWM(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return kb
		}
	}
	return 0
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
