package emulator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
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

// matchFault returns the first rule that matches c and fires (e.mu held).
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
	return nil
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

// Quota emulates the API's write quotas with token buckets; zero disables one.
type Quota struct {
	// SpaceWritesPerSecond limits writes per space (spaces.patch/delete,
	// messages.create/patch/update/delete). The API documents 60 per minute.
	SpaceWritesPerSecond float64 `json:"spaceWritesPerSecond,omitempty"`
	// ProjectSpaceWritesPerMinute limits spaces.setup/create/patch/delete (60).
	ProjectSpaceWritesPerMinute float64 `json:"projectSpaceWritesPerMinute,omitempty"`
	// ProjectMembershipWritesPerMinute limits members.create/patch/delete (300).
	ProjectMembershipWritesPerMinute float64 `json:"projectMembershipWritesPerMinute,omitempty"`
}

type bucket struct {
	tokens float64
	last   time.Time
}

type quotaState struct {
	limits  Quota
	buckets map[string]*bucket
}

// SetQuota replaces the quota configuration and refills every bucket.
func (e *Emulator) SetQuota(q Quota) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.quota = quotaState{limits: q, buckets: map[string]*bucket{}}
}

var perSpaceWrites = map[string]bool{
	"chat.spaces.patch": true, "chat.spaces.delete": true, "chat.spaces.messages.create": true,
	"chat.spaces.messages.patch": true, "chat.spaces.messages.update": true, "chat.spaces.messages.delete": true,
}

var projectSpaceWrites = map[string]bool{
	"chat.spaces.setup": true, "chat.spaces.create": true, "chat.spaces.patch": true, "chat.spaces.delete": true,
}

var projectMembershipWrites = map[string]bool{
	"chat.spaces.members.create": true, "chat.spaces.members.patch": true, "chat.spaces.members.delete": true,
}

// checkQuota takes a token from every bucket c counts against (e.mu held).
func (e *Emulator) checkQuota(c *call) *apiError {
	q := e.quota.limits
	type take struct {
		key   string
		rate  float64 // tokens per second
		burst float64
	}
	var takes []take
	if q.SpaceWritesPerSecond > 0 && perSpaceWrites[c.rpc] && c.space != "" {
		takes = append(takes, take{"space:" + c.space, q.SpaceWritesPerSecond, q.SpaceWritesPerSecond})
	}
	if q.ProjectSpaceWritesPerMinute > 0 && projectSpaceWrites[c.rpc] {
		takes = append(takes, take{"project:spaces", q.ProjectSpaceWritesPerMinute / 60, q.ProjectSpaceWritesPerMinute})
	}
	if q.ProjectMembershipWritesPerMinute > 0 && projectMembershipWrites[c.rpc] {
		takes = append(takes, take{"project:members", q.ProjectMembershipWritesPerMinute / 60, q.ProjectMembershipWritesPerMinute})
	}
	now := e.opts.Now()
	for _, t := range takes {
		b := e.quota.buckets[t.key]
		if b == nil {
			b = &bucket{tokens: max(t.burst, 1), last: now}
			e.quota.buckets[t.key] = b
		}
		b.tokens = min(max(t.burst, 1), b.tokens+now.Sub(b.last).Seconds()*t.rate)
		b.last = now
		if b.tokens < 1 {
			return quotaError(fmt.Sprintf("Quota exceeded for quota metric 'Write requests' (%s).", t.key))
		}
	}
	for _, t := range takes {
		e.quota.buckets[t.key].tokens--
	}
	return nil
}
