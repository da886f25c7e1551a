package emulator

import (
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Chaos mode: random failures on every API call, drawn from a seed so a run
// can be replayed. It is meant for running a whole acceptance suite the way
// the real API behaves on a bad day (internal/acctest turns it on from
// GOOGLE_CHAT_EMULATOR_CHAOS_SEED; chat-emulator from -chaos-seed).
//
// Chaos touches only the API under /v1/: never the admin API under
// /__emulator/, and never a call that carries NoChaosHeader. Fault rules
// added with AddFault come first: a call one of them fires on gets no chaos.

// NoChaosHeader, sent with the value "1", exempts an API call from chaos
// mode. It is for test harnesses only (their destroy checks, state reads and
// out-of-band changes must not fail); the provider never sends it, and the
// real API ignores it.
const NoChaosHeader = "X-Emulator-No-Chaos"

// ChaosOptions configure chaos mode. Each rate is a share of the API calls
// chaos sees (those not exempt and not taken by a fault rule).
type ChaosOptions struct {
	// Seed fixes every decision (math/rand/v2 PCG sources); must not be 0.
	Seed int64 `json:"seed"`
	// Unavailable is the share of calls answered 503 UNAVAILABLE, unserved.
	Unavailable float64 `json:"unavailable"`
	// QuotaEvery answers every Nth call 429 RESOURCE_EXHAUSTED with
	// Retry-After: 1, unserved (0: never).
	QuotaEvery int `json:"quotaEvery"`
	// Reset is the share of calls whose connection is closed with no answer,
	// unserved.
	Reset float64 `json:"reset"`
	// CommitThenFail is the share of writes (anything but GET) that are
	// applied and then lose their answer: half answer 503, half reset.
	CommitThenFail float64 `json:"commitThenFail"`
	// MaxJitter bounds the latency added to every call, drawn uniformly from
	// [0, MaxJitter].
	MaxJitter time.Duration `json:"maxJitter"`
}

// DefaultChaos is the chaos the acceptance suite runs under: 10% of calls
// answer 503, every 20th call 429 with Retry-After: 1, 2% of connections
// reset, 5% of writes commit then fail, and 0-20 ms of jitter on every call.
func DefaultChaos(seed int64) *ChaosOptions {
	return &ChaosOptions{
		Seed: seed, Unavailable: 0.10, QuotaEvery: 20, Reset: 0.02, CommitThenFail: 0.05,
		MaxJitter: 20 * time.Millisecond,
	}
}

// ChaosStats count what chaos mode did.
type ChaosStats struct {
	Calls          int `json:"calls"`          // calls chaos decided on
	Exempt         int `json:"exempt"`         // calls skipped for NoChaosHeader
	Unavailable    int `json:"unavailable"`    // answered 503 unserved
	Quota          int `json:"quota"`          // answered 429 unserved
	Resets         int `json:"resets"`         // reset unserved
	CommitThenFail int `json:"commitThenFail"` // writes picked to commit then fail
	LostAnswers    int `json:"lostAnswers"`    // of those, served with success, then failed
}

// chaosState is chaos mode's running state (guarded by Emulator.mu).
type chaosState struct {
	opts   ChaosOptions
	perRPC map[string]uint64 // calls seen per RPC
	stats  ChaosStats
}

func newChaosState(opts *ChaosOptions) *chaosState {
	if opts == nil || opts.Seed == 0 {
		return nil
	}
	return &chaosState{opts: *opts, perRPC: map[string]uint64{}}
}

// SetChaos turns chaos mode on with opts, or off with nil (or a zero seed),
// starting its decisions and statistics afresh.
func (e *Emulator) SetChaos(opts *ChaosOptions) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if opts != nil {
		copied := *opts
		opts = &copied
	}
	e.opts.Chaos = opts
	e.chaos = newChaosState(opts)
}

// Chaos returns the chaos mode in force, or nil when it is off.
func (e *Emulator) Chaos() *ChaosOptions {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.chaos == nil {
		return nil
	}
	opts := e.chaos.opts
	return &opts
}

// ChaosStats reports what chaos mode has done so far (zero when off).
func (e *Emulator) ChaosStats() ChaosStats {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.chaos == nil {
		return ChaosStats{}
	}
	return e.chaos.stats
}

// countLostAnswer counts a write chaos applied and then failed.
func (e *Emulator) countLostAnswer() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.chaos != nil {
		e.chaos.stats.LostAnswers++
	}
}

// fault decides chaos's effect on c (e.mu held): nil for none. The k-th call
// of one RPC always draws from the same PCG stream, PCG(seed, RPC, k), so a
// replay makes the same decisions even when calls of different RPCs arrive
// in another order; only 429s count calls across RPCs.
func (s *chaosState) fault(c *call) *faultState {
	if s == nil {
		return nil
	}
	if c.req.Header.Get(NoChaosHeader) == "1" {
		s.stats.Exempt++
		return nil
	}
	s.stats.Calls++
	k := s.perRPC[c.rpc]
	s.perRPC[c.rpc]++
	rng := rand.New(rand.NewPCG(uint64(s.opts.Seed), streamID(c.rpc, k)))

	rule := FaultRule{}
	if s.opts.MaxJitter > 0 {
		rule.Latency = Duration(rng.Int64N(int64(s.opts.MaxJitter) + 1))
	}
	draw, resetAfterCommit := rng.Float64(), rng.IntN(2) == 0
	write := c.req.Method != http.MethodGet
	switch {
	case s.opts.QuotaEvery > 0 && s.stats.Calls%s.opts.QuotaEvery == 0:
		rule.Status, rule.RetryAfter = http.StatusTooManyRequests, "1"
		s.stats.Quota++
	case draw < s.opts.Unavailable:
		rule.Status = http.StatusServiceUnavailable
		s.stats.Unavailable++
	case draw < s.opts.Unavailable+s.opts.Reset:
		rule.Reset = true
		s.stats.Resets++
	case write && draw < s.opts.Unavailable+s.opts.Reset+s.opts.CommitThenFail:
		rule.CommitThenFail, rule.Reset = true, resetAfterCommit
		s.stats.CommitThenFail++
	}
	if rule == (FaultRule{}) {
		return nil
	}
	return &faultState{rule: rule, chaos: true}
}

// streamID names the PCG stream of the k-th call of rpc.
func streamID(rpc string, k uint64) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(strings.ToLower(rpc)))
	return h.Sum64() ^ (k * 0x9e3779b97f4a7c15)
}

// UserName resolves a member spelling, users/{id, email or "app"} or
// groups/{id}, to the name the API answers with (users/{id}, groups/{id});
// ok is false for an unknown user. For harness checks that compare
// configuration with the emulator's state.
func (e *Emulator) UserName(spelling string) (name string, ok bool) {
	if strings.HasPrefix(spelling, "groups/") {
		return spelling, true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.dir.resolveUser(spelling, e.dir.app("app"))
	if err != nil {
		return "", false
	}
	return p.userName(), true
}

// SpaceCreator returns the users/{id} of the caller that created space
// (spaces/{id}), or "" for an unknown space.
func (e *Emulator) SpaceCreator(space string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec := e.spaces[strings.TrimPrefix(space, "spaces/")]
	if rec == nil || rec.creator == nil {
		return ""
	}
	return rec.creator.userName()
}
