package chatapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

type idempotentKey struct{}

// WithIdempotent marks the requests made with ctx as safe to send again: a
// POST that carries a requestId in its body, or one whose repeat the API
// rejects as ALREADY_EXISTS instead of creating a second object.
func WithIdempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

type attemptLogKey struct{}

// AttemptLog records how each attempt of a request ended, so a caller can
// tell a plain failure from one that followed a possibly committed attempt.
type AttemptLog struct {
	mu       sync.Mutex
	outcomes []attemptOutcome
}

// attemptOutcome is how one attempt ended: with an HTTP answer (status), or
// without one, transiently (reset, timeout) or not.
type attemptOutcome struct {
	status    int  // the answer's HTTP status; 0 when there was no answer
	transient bool // no answer, in a way that may have reached the server
}

// uncertain: a 5xx answer or a transient failure may follow a write that
// the server applied.
func (o attemptOutcome) uncertain() bool {
	return o.transient || (o.status >= 500 && o.status <= 599)
}

func (o attemptOutcome) String() string {
	switch {
	case o.transient:
		return "transient"
	case o.status == 0:
		return "error"
	}
	return strconv.Itoa(o.status)
}

// WithAttemptLog returns a context whose requests record their attempts.
func WithAttemptLog(ctx context.Context) (context.Context, *AttemptLog) {
	log := &AttemptLog{}
	return context.WithValue(ctx, attemptLogKey{}, log), log
}

func (l *AttemptLog) add(outcome attemptOutcome) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.outcomes = append(l.outcomes, outcome)
}

// Uncertain reports whether any attempt failed in a way that may have
// applied the request on the server: the object may exist after an error.
func (l *AttemptLog) Uncertain() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, outcome := range l.outcomes {
		if outcome.uncertain() {
			return true
		}
	}
	return false
}

// Unanswered reports whether the last attempt got no answer (a reset or a
// timeout): a write may then still be on its way to being applied.
func (l *AttemptLog) Unanswered() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.outcomes) > 0 && l.outcomes[len(l.outcomes)-1].status == 0
}

func recordAttempt(ctx context.Context, resp *http.Response, err error) {
	log, ok := ctx.Value(attemptLogKey{}).(*AttemptLog)
	if !ok {
		return
	}
	switch {
	case err != nil:
		log.add(attemptOutcome{transient: isTransient(err)})
	default:
		log.add(attemptOutcome{status: resp.StatusCode})
	}
}

// isIdempotent: every method but POST is; a POST only with a requestId.
func isIdempotent(req *http.Request) bool {
	if req.Method != http.MethodPost {
		return true
	}
	if req.URL.Query().Get("requestId") != "" {
		return true
	}
	marked, _ := req.Context().Value(idempotentKey{}).(bool)
	return marked
}

type callTraceKey struct{}

// callTrace carries, for one Client call, the give-up of its last request.
// The Go client for the Chat API replaces a transport error with the bare
// ctx.Err() once the caller's context is done; the trace lets the Client put
// the count of attempts back.
type callTrace struct {
	mu     sync.Mutex
	gaveUp *GaveUpError
	method *discovery.Method // the API method of the last request (scopes.go)
}

func (t *callTrace) set(gaveUp *GaveUpError) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.gaveUp = gaveUp
}

// explain wraps a bare context error in the give-up the transport noted.
func (t *callTrace) explain(err error) error {
	var gaveUp *GaveUpError
	if err == nil || errors.As(err, &gaveUp) ||
		!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gaveUp == nil {
		return err
	}
	out := *t.gaveUp
	out.Err = err
	return &out
}

// traceCall prepares ctx for one Client call; done classifies the call's
// error, restores a give-up the Go client reduced to ctx.Err(), and notes
// on a permission error which auth mode the client used and why.
func (c *Client) traceCall(ctx context.Context) (context.Context, func(error) error) {
	trace := &callTrace{}
	return context.WithValue(ctx, callTraceKey{}, trace), func(err error) error {
		err = trace.explain(classify(err))
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.Code == http.StatusForbidden {
			trace.mu.Lock()
			method := trace.method
			trace.mu.Unlock()
			apiErr.AuthNote = c.scopeNote(apiErr.Message, method)
			if apiErr.AuthNote == "" {
				apiErr.AuthNote = c.AuthModeNote()
			}
			if c.AdminAccess(ctx) {
				apiErr.AuthNote = strings.TrimSpace(apiErr.AuthNote + " " + adminNote)
			}
		}
		return err
	}
}
