package acctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// ChaosSeedEnv names the environment variable that runs every acceptance
// test's emulator in chaos mode (see emulator.ChaosOptions): random 503s,
// 429s, connection resets, writes whose answer is lost, and jitter. Its
// value is the run's seed (0 or unset: off); each test draws from a seed
// derived from it and the test's name, so one test replays alone with
// -run. make testacc-chaos sets it to a fresh random number each run.
const ChaosSeedEnv = "GOOGLE_CHAT_EMULATOR_CHAOS_SEED"

// chaosRunSeed reads ChaosSeedEnv: the run's seed, 0 when chaos is off.
func chaosRunSeed(t *testing.T) int64 {
	t.Helper()
	value := strings.TrimSpace(os.Getenv(ChaosSeedEnv))
	if value == "" {
		return 0
	}
	seed, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: want an integer seed (0: chaos off)", ChaosSeedEnv, value)
	}
	return seed
}

// testSeed derives one test's emulator seed from the run's seed and the
// test's name (never 0, which would turn chaos off).
func testSeed(run int64, testName string) int64 {
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%d/%s", run, testName)
	seed := int64(h.Sum64() &^ (1 << 63))
	if seed == 0 {
		seed = 1
	}
	return seed
}

// chaosFor turns on chaos mode in opts when the run asks for it, and says so
// in t's log with the command that replays t alone.
func chaosFor(t *testing.T, opts *emulator.Options) {
	t.Helper()
	run := chaosRunSeed(t)
	if run == 0 || opts.Chaos != nil {
		return
	}
	opts.Chaos = emulator.DefaultChaos(testSeed(run, t.Name()))
	t.Logf("chaos seed %d (replay with %s=%d go test -run '%s' %s with TF_ACC=1 and the CLI settings of make testacc; "+
		"this test's emulator draws from seed %d)", run, ChaosSeedEnv, run, runPattern(t.Name()), packagePath(), opts.Chaos.Seed)
}

// runPattern is the -run pattern that selects exactly the test (or subtest) name.
func runPattern(name string) string {
	parts := strings.Split(name, "/")
	for i, part := range parts {
		parts[i] = "^" + regexp.QuoteMeta(part) + "$"
	}
	return strings.Join(parts, "/")
}

// packagePath is the test's package as ./dir/ relative to the module root
// (go test runs a test binary in its package's directory), or "." if unknown.
func packagePath() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for root := dir; ; {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			rel, err := filepath.Rel(root, dir)
			if err != nil || rel == "." {
				return "."
			}
			return "./" + filepath.ToSlash(rel) + "/"
		}
		parent := filepath.Dir(root)
		if parent == root {
			return "."
		}
		root = parent
	}
}

// NoChaos runs this test's emulator without chaos mode, for a test that
// counts requests or needs a quiet emulator; reason says why (logged). Call
// it first thing, before any API call. It does nothing when chaos is off.
func (e *Env) NoChaos(reason string) {
	e.t.Helper()
	if strings.TrimSpace(reason) == "" {
		e.t.Fatal("acctest: NoChaos needs a reason")
	}
	if e.Emulator == nil || e.Emulator.Chaos() == nil {
		return
	}
	e.Emulator.SetChaos(nil)
	e.t.Logf("chaos off for this test: %s", reason)
}

// logChaos reports at the end of a test what chaos mode did to its API calls.
func (e *Env) logChaos() {
	if e.Emulator == nil || e.Emulator.Chaos() == nil {
		return
	}
	stats := e.Emulator.ChaosStats()
	e.t.Logf("chaos: %d API calls (%d exempt harness calls): %d answered 503, %d answered 429, %d reset, %d writes applied "+
		"and their answer lost", stats.Calls, stats.Exempt, stats.Unavailable, stats.Quota, stats.Resets, stats.LostAnswers)
}

// logRequests logs the emulator's request log of a failed test in chaos
// mode (its last 300 calls), to see which calls chaos failed and how.
func (e *Env) logRequests() {
	if e.Emulator == nil || e.Emulator.Chaos() == nil {
		return
	}
	requests := e.Emulator.Requests()
	var b strings.Builder
	if len(requests) > 300 {
		fmt.Fprintf(&b, "(%d calls before these)\n", len(requests)-300)
		requests = requests[len(requests)-300:]
	}
	for _, r := range requests {
		status := strconv.Itoa(r.Status)
		if r.Status == 0 {
			status = "reset"
		}
		if r.Committed && r.Status != http.StatusOK {
			status += " (committed)"
		}
		query := ""
		if r.Query != "" {
			query = "?" + r.Query
		}
		fmt.Fprintf(&b, "%s %s %s %s%s: %s\n", r.Time.Format("15:04:05.000"), r.Principal, r.Method, r.Path, query, status)
	}
	e.t.Logf("the emulator's request log (harness calls included):\n%s", b.String())
}

// harnessTransport is the innermost transport of the harness's own API
// clients (Client, listMessages) in emulator runs. It sends the test-only
// emulator.NoChaosHeader, so destroy checks, state reads and out-of-band
// changes never meet chaos, and it notes what those clients create and the
// spaces they delete, so the leftover check (leftovers.go) can tell the
// harness's objects from the provider's.
type harnessTransport struct {
	base http.RoundTripper
	made *harnessLog
}

func (h *harnessTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set(emulator.NoChaosHeader, "1")
	resp, err := h.base.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	switch req.Method {
	case http.MethodPost:
		data, readErr := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		if readErr != nil {
			// The caller reads the same error from the body; nothing to record.
			return resp, nil //nolint:nilerr // the body's error reaches the caller through resp.Body
		}
		var created struct {
			Name       string `json:"name"`
			CreateTime string `json:"createTime"`
		}
		if json.Unmarshal(data, &created) == nil && created.Name != "" {
			h.made.created(created.Name, created.CreateTime)
		}
	case http.MethodDelete:
		if name := strings.TrimPrefix(req.URL.Path, "/v1/"); strings.Count(name, "/") == 1 && strings.HasPrefix(name, "spaces/") {
			h.made.deletedSpace(name)
		}
	}
	return resp, nil
}

// harnessLog is what the harness's own clients made and deleted.
type harnessLog struct {
	mu      sync.Mutex
	made    map[string]bool // names, and name|createTime (a membership's name comes back with its member)
	deleted map[string]bool // spaces
	checked bool            // the leftover check ran
	// lastCommand is the emulator's state when the providers last started,
	// for a Terraform command (ProviderFactories): before CheckDestroy, the
	// state just before destroy.
	lastCommand *emulator.State
}

func (l *harnessLog) noteCommandStart(state emulator.State) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastCommand = &state
}

func (l *harnessLog) beforeLastCommand() (emulator.State, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastCommand == nil {
		return emulator.State{}, false
	}
	return *l.lastCommand, true
}

func (l *harnessLog) created(name, createTime string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.made == nil {
		l.made = map[string]bool{}
	}
	l.made[name] = true
	l.made[name+"|"+createTime] = true
}

func (l *harnessLog) deletedSpace(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.deleted == nil {
		l.deleted = map[string]bool{}
	}
	l.deleted[name] = true
}

// madeByHarness reports whether a harness client created the object (for a
// membership, this very one: the name with its createTime).
func (l *harnessLog) madeByHarness(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.made[key]
}

func (l *harnessLog) deletedByHarness(space string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.deleted[space]
}

func (l *harnessLog) markChecked() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.checked = true
}

func (l *harnessLog) wasChecked() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.checked
}
