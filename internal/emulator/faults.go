package emulator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// FaultRule makes matching calls fail, stall or reset. Empty match fields
// match everything; with no trigger fields every matching call fires.
type FaultRule struct {
	// Match.
	RPC       string `json:"rpc,omitempty"`       // e.g. chat.spaces.messages.create
	Method    string `json:"method,omitempty"`    // HTTP method
	PathRegex string `json:"pathRegex,omitempty"` // against the URL path
	Principal string `json:"principal,omitempty"` // user:<email> or app:<name>
	Space     string `json:"space,omitempty"`     // spaces/ID or ID

	// Effect.
	Status         int      `json:"status,omitempty"`         // answer with this HTTP error
	RetryAfter     string   `json:"retryAfter,omitempty"`     // Retry-After header value
	CommitThenFail bool     `json:"commitThenFail,omitempty"` // apply the call, then fail it (503 unless Status)
	Reset          bool     `json:"reset,omitempty"`          // close the connection with no answer
	Latency        Duration `json:"latency,omitempty"`        // added before the call is served

	// Trigger.
	Count       int     `json:"count,omitempty"`       // fire on the next N matching calls, then stop
	Every       int     `json:"every,omitempty"`       // fire on every Kth matching call
	Probability float64 `json:"probability,omitempty"` // fire with this chance
}

// Duration is a time.Duration written as "250ms" in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	parsed, err := time.ParseDuration(s)
	*d = Duration(parsed)
	return err
}

type faultState struct {
	rule    FaultRule
	pathRe  *regexp.Regexp
	seen    int
	fired   int
	expired bool
	chaos   bool // drawn by chaos mode (chaos.go), not a rule
}

// what names the fault in error messages.
func (f *faultState) what() string {
	if f.chaos {
		return "Injected by chaos mode"
	}
	return "Injected fault"
}

func (f *faultState) latency() time.Duration {
	if f == nil {
		return 0
	}
	return time.Duration(f.rule.Latency)
}

// AddFault installs a fault rule; rules are tried in the order added.
func (e *Emulator) AddFault(rule FaultRule) error {
	state := &faultState{rule: rule}
	if rule.PathRegex != "" {
		re, err := regexp.Compile(rule.PathRegex)
		if err != nil {
			return fmt.Errorf("pathRegex: %w", err)
		}
		state.pathRe = re
	}
	if rule.Status == 0 && !rule.CommitThenFail && !rule.Reset && rule.Latency == 0 {
		return fmt.Errorf("a fault needs an effect: status, commitThenFail, reset or latency")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = append(e.faults, state)
	return nil
}

// ClearFaults removes every fault rule.
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
}

// activeFaults returns the rules that have not run out.
func (e *Emulator) activeFaults() []FaultRule {
	e.mu.Lock()
	defer e.mu.Unlock()
	rules := []FaultRule{}
	for _, f := range e.faults {
		if !f.expired {
			rules = append(rules, f.rule)
		}
	}
	return rules
}

// matchFault returns the first rule that matches c and fires, else what
// chaos mode draws for c, if it is on (e.mu held).
func (e *Emulator) matchFault(c *call) *faultState {
	for _, f := range e.faults {
		if f.expired || !f.matches(c) {
			continue
		}
		f.seen++
		if f.rule.Every > 0 && f.seen%f.rule.Every != 0 {
			continue
		}
		if f.rule.Probability > 0 && rand.Float64() >= f.rule.Probability {
			continue
		}
		f.fired++
		if f.rule.Count > 0 && f.fired >= f.rule.Count {
			f.expired = true
		}
		return f
	}
	return e.chaos.fault(c)
}

func (f *faultState) matches(c *call) bool {
	r := f.rule
	if r.RPC != "" && r.RPC != c.rpc {
		return false
	}
	if r.Method != "" && !strings.EqualFold(r.Method, c.req.Method) {
		return false
	}
	if f.pathRe != nil && !f.pathRe.MatchString(c.req.URL.Path) {
		return false
	}
	if r.Principal != "" && (c.caller == nil || c.caller.String() != r.Principal) {
		return false
	}
	if r.Space != "" && strings.TrimPrefix(r.Space, "spaces/") != c.space {
		return false
	}
	return true
}

// The steps below run in ServeHTTP's order: stall, failBeforeServing, then
// (after the handler) failAfterCommit. Each reports whether it answered the
// call, which then ends.

// stall waits for Options.Latency plus the fault's latency, answering 499
// when the client goes away first.
func (e *Emulator) stall(w http.ResponseWriter, r *http.Request, record RequestRecord, f *faultState) bool {
	delay := e.opts.Latency + f.latency()
	if delay <= 0 {
		return false
	}
	select {
	case <-time.After(delay):
		return false
	case <-r.Context().Done():
		e.finish(w, record, nil, statusError(499, "client went away"))
		return true
	}
}

// failBeforeServing resets the connection or answers the fault's status
// without serving the call (a 429 carries the quota error details).
func (e *Emulator) failBeforeServing(w http.ResponseWriter, record RequestRecord, f *faultState) bool {
	switch {
	case f == nil || f.rule.CommitThenFail:
		return false
	case f.rule.Reset:
		e.finish(w, record, nil, statusError(0, "connection reset by fault"))
		resetConnection(w)
	case f.rule.Status != 0:
		apiErr := statusError(f.rule.Status, f.what()+".")
		if f.rule.Status == http.StatusTooManyRequests {
			apiErr = quotaError(f.what() + ": quota exceeded.")
		}
		e.finishFault(w, record, apiErr, f.rule.RetryAfter)
	default:
		return false
	}
	return true
}

// failAfterCommit turns a call that succeeded into a reset connection or an
// error (503 unless the rule sets a status), for commitThenFail rules.
func (e *Emulator) failAfterCommit(w http.ResponseWriter, record RequestRecord, f *faultState, apiErr *apiError) bool {
	if f == nil || !f.rule.CommitThenFail || apiErr != nil {
		return false
	}
	if f.chaos {
		e.countLostAnswer()
	}
	if f.rule.Reset {
		e.finish(w, record, nil, statusError(0, "connection reset after commit"))
		resetConnection(w)
		return true
	}
	status := f.rule.Status
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	e.finishFault(w, record, statusError(status, f.what()+" after commit."), f.rule.RetryAfter)
	return true
}

func (e *Emulator) finishFault(w http.ResponseWriter, record RequestRecord, apiErr *apiError, retryAfter string) {
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	e.finish(w, record, nil, apiErr)
}

// resetConnection closes the client's connection with no answer.
func resetConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(interface{ SetLinger(int) error }); ok {
		_ = tcp.SetLinger(0)
	}
	conn.Close()
}
