package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

var chaosRPCs = []struct{ rpc, method string }{
	{"chat.spaces.get", "GET"},
	{"chat.spaces.messages.create", "POST"},
	{"chat.spaces.members.list", "GET"},
	{"chat.spaces.messages.patch", "PATCH"},
	{"chat.spaces.members.delete", "DELETE"},
}

type chaosCall struct {
	rpc, method string
	header      http.Header
}

// chaosDecisions runs calls through matchFault, as ServeHTTP does, and
// describes what chaos decided for each.
func chaosDecisions(opts *ChaosOptions, calls []chaosCall) []string {
	e := New(Options{Chaos: opts})
	out := make([]string, len(calls))
	for i, cc := range calls {
		req := httptest.NewRequest(cc.method, "/v1/spaces/AAAA", nil)
		for k, v := range cc.header {
			req.Header[k] = v
		}
		e.mu.Lock()
		f := e.matchFault(&call{rpc: cc.rpc, req: req})
		e.mu.Unlock()
		switch {
		case f == nil:
			out[i] = "none"
		case f.rule.CommitThenFail:
			out[i] = fmt.Sprintf("commit-then-fail reset=%v", f.rule.Reset)
		case f.rule.Reset:
			out[i] = "reset"
		case f.rule.Status != 0:
			out[i] = fmt.Sprintf("%d retry-after=%q", f.rule.Status, f.rule.RetryAfter)
		default:
			out[i] = "latency"
		}
		out[i] += fmt.Sprintf(" %v", f.latency())
	}
	return out
}

func roundRobin(n int) []chaosCall {
	calls := make([]chaosCall, n)
	for i := range calls {
		r := chaosRPCs[i%len(chaosRPCs)]
		calls[i] = chaosCall{rpc: r.rpc, method: r.method}
	}
	return calls
}

// A seed fixes every decision; the rates come out as configured.
func TestChaos_deterministicForASeedAndAtTheConfiguredRates(t *testing.T) {
	const n = 20000
	calls := roundRobin(n)
	first := chaosDecisions(DefaultChaos(42), calls)
	if again := chaosDecisions(DefaultChaos(42), calls); !slices.Equal(first, again) {
		t.Fatal("the same seed made different decisions")
	}
	if other := chaosDecisions(DefaultChaos(43), calls); slices.Equal(first, other) {
		t.Fatal("another seed made the same decisions")
	}

	counts := map[string]int{}
	var writes int
	var jitter time.Duration
	for i, d := range first {
		var kind string
		var latency time.Duration
		switch d {
		case "none 0s":
			kind = "none"
		default:
			var err error
			cut := bytes.LastIndexByte([]byte(d), ' ')
			kind = d[:cut]
			if latency, err = time.ParseDuration(d[cut+1:]); err != nil {
				t.Fatalf("decision %q: %v", d, err)
			}
		}
		if latency < 0 || latency > 20*time.Millisecond {
			t.Fatalf("call %d waits %v, beyond 0-20ms", i, latency)
		}
		jitter += latency
		if (i+1)%20 == 0 {
			if kind != `429 retry-after="1"` {
				t.Fatalf("call %d (every 20th) got %q, want 429 with Retry-After: 1", i+1, kind)
			}
		}
		if calls[i].method != "GET" {
			writes++
		} else if kind == "commit-then-fail reset=true" || kind == "commit-then-fail reset=false" {
			t.Fatalf("read %d got %q: only writes commit then fail", i, kind)
		}
		counts[kind]++
	}
	near := func(what string, got int, total int, want, tolerance float64) {
		t.Helper()
		share := float64(got) / float64(total)
		if math.Abs(share-want) > tolerance {
			t.Errorf("%s: %.4f of calls, want %.4f ± %.4f", what, share, want, tolerance)
		}
	}
	// A 429 (every 20th call) takes the place of any other decision.
	if got := counts[`429 retry-after="1"`]; got != n/20 {
		t.Errorf("429 on %d calls, want %d", got, n/20)
	}
	near("503", counts[`503 retry-after=""`], n, 0.95*0.10, 0.01)
	near("reset", counts["reset"], n, 0.95*0.02, 0.005)
	near("commit then fail (of writes)", counts["commit-then-fail reset=true"]+counts["commit-then-fail reset=false"], writes, 0.95*0.05, 0.01)
	if counts["commit-then-fail reset=true"] == 0 || counts["commit-then-fail reset=false"] == 0 {
		t.Errorf("lost answers are all of one kind: %v", counts)
	}
	if mean := jitter / n; mean < 9*time.Millisecond || mean > 11*time.Millisecond {
		t.Errorf("mean jitter %v, want about 10ms", mean)
	}
	t.Logf("decisions over %d calls (%d writes): %v", n, writes, counts)
}

// Each RPC draws from its own stream: how calls of different RPCs
// interleave does not change what any one of them gets, so a replay with
// Terraform's parallelism meets the same faults.
func TestChaos_decisionsDoNotDependOnTheInterleavingOfRPCs(t *testing.T) {
	opts := DefaultChaos(7)
	opts.QuotaEvery = 0 // the one decision that counts calls across RPCs
	calls := roundRobin(500)
	var grouped []chaosCall // every spaces.get first, then every messages.create, ...
	for _, r := range chaosRPCs {
		for _, c := range calls {
			if c.rpc == r.rpc {
				grouped = append(grouped, c)
			}
		}
	}
	byRPC := func(calls []chaosCall, decisions []string) map[string][]string {
		out := map[string][]string{}
		for i, c := range calls {
			out[c.rpc] = append(out[c.rpc], decisions[i])
		}
		return out
	}
	a, b := byRPC(calls, chaosDecisions(opts, calls)), byRPC(grouped, chaosDecisions(opts, grouped))
	for rpc := range a {
		if !slices.Equal(a[rpc], b[rpc]) {
			t.Errorf("%s: decisions changed with the order of other RPCs", rpc)
		}
	}
}

func TestChaos_exemptCallsAndOff(t *testing.T) {
	exempt := roundRobin(1000)
	for i := range exempt {
		exempt[i].header = http.Header{NoChaosHeader: {"1"}}
	}
	for _, tc := range []struct {
		name  string
		opts  *ChaosOptions
		calls []chaosCall
	}{
		{"the harness header", DefaultChaos(1), exempt},
		{"no chaos options", nil, roundRobin(1000)},
		{"a zero seed", &ChaosOptions{Unavailable: 1}, roundRobin(1000)},
	} {
		for i, d := range chaosDecisions(tc.opts, tc.calls) {
			if d != "none 0s" {
				t.Fatalf("%s: call %d got %q", tc.name, i, d)
			}
		}
	}
}

// Over HTTP: 503s and 429s in Google's error envelope, 429s with
// Retry-After: 1, resets with no answer, and writes that are applied
// though their answer is lost. The admin API and exempt calls never fail.
func TestChaos_overHTTP(t *testing.T) {
	opts := &ChaosOptions{Seed: 99, Unavailable: 0.2, QuotaEvery: 7, Reset: 0.1, CommitThenFail: 0.3, MaxJitter: time.Millisecond}
	srv := NewTestServer(t, Options{Chaos: opts})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	send := func(method, path string, body any, exempt bool) (*http.Response, map[string]any, error) {
		t.Helper()
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, srv.URL+path, bytes.NewReader(raw))
		req.Header.Set("Authorization", "Bearer app")
		if exempt {
			req.Header.Set(NoChaosHeader, "1")
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		out := map[string]any{}
		data, _ := io.ReadAll(resp.Body)
		_ = json.Unmarshal(data, &out)
		return resp, out, nil
	}

	resp, space, err := send("POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "Chaos", "customer": "customers/my_customer"}, true)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("creating a space with %s: %v %v", NoChaosHeader, err, space)
	}
	const n = 300
	counts := map[string]int{}
	for i := range n {
		resp, out, err := send("POST", "/v1/"+space["name"].(string)+"/messages", map[string]any{"text": fmt.Sprint(i)}, false)
		switch {
		case err != nil:
			counts["no answer"]++
		case resp.StatusCode == 200:
			counts["200"]++
		case resp.StatusCode == 429:
			if resp.Header.Get("Retry-After") != "1" || errStatus(out) != "RESOURCE_EXHAUSTED" {
				t.Errorf("429 with Retry-After %q and %v", resp.Header.Get("Retry-After"), out)
			}
			counts["429"]++
		case resp.StatusCode == 503:
			if errStatus(out) != "UNAVAILABLE" {
				t.Errorf("503 with %v", out)
			}
			counts["503"]++
		default:
			t.Errorf("unexpected answer %d %v", resp.StatusCode, out)
		}
	}
	stats := srv.ChaosStats()
	if stats.Calls != n+0 || stats.Exempt != 1 || stats.Quota != n/7 || counts["429"] != stats.Quota {
		t.Errorf("stats %+v for %d calls, answers %v", stats, n, counts)
	}
	if counts["503"] == 0 || counts["no answer"] == 0 || counts["200"] == 0 || stats.LostAnswers == 0 || stats.LostAnswers != stats.CommitThenFail {
		t.Errorf("not every kind of fault happened: answers %v, stats %+v", counts, stats)
	}
	// Every 200 and every commit-then-fail left a message; nothing else did.
	var messages int
	for _, s := range srv.Snapshot().Spaces {
		messages += len(s.Messages)
	}
	if want := counts["200"] + stats.LostAnswers; messages != want {
		t.Errorf("%d messages, want %d (200s) + %d (committed, answer lost)", messages, counts["200"], stats.LostAnswers)
	}
	var committedFailures int
	for _, r := range srv.Requests() {
		if r.Committed && r.Status != 200 {
			committedFailures++
		}
	}
	if committedFailures != stats.LostAnswers {
		t.Errorf("request log: %d committed calls failed, chaos says %d", committedFailures, stats.LostAnswers)
	}

	// Spared: exempt calls and the admin API.
	for range 50 {
		if resp, out, err := send("GET", "/v1/"+space["name"].(string), nil, true); err != nil || resp.StatusCode != 200 {
			t.Fatalf("exempt call failed: %v %v", err, out)
		}
		if resp, _, err := send("GET", "/__emulator/state", nil, false); err != nil || resp.StatusCode != 200 {
			t.Fatalf("admin call failed: %v", err)
		}
	}
	if after := srv.ChaosStats(); after.Calls != stats.Calls || after.Exempt != 51 {
		t.Errorf("exempt and admin calls reached chaos: %+v", after)
	}
}
