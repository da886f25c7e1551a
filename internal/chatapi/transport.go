package chatapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RetryPolicy says which failed attempts are sent again and how long to wait.
type RetryPolicy struct {
	// MaxRetries is how many times one request may be re-sent (0: never).
	MaxRetries int
	// MinBackoff and MaxBackoff bound the truncated exponential backoff; each
	// wait is drawn uniformly from [0, min(MaxBackoff, MinBackoff*2^attempt)].
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// AttemptTimeout bounds one HTTP attempt (0: only the caller's context).
	AttemptTimeout time.Duration
	// sleep and jitter are replaced in tests.
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(limit time.Duration) time.Duration
}

// DefaultRetryPolicy follows the Chat API's advice for 429 and 5xx answers.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 10, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, AttemptTimeout: 60 * time.Second}
}

// maxRetryAfter is the longest Retry-After honoured; a longer one ends the
// retries with the answer that carried it.
const maxRetryAfter = 5 * time.Minute

// retryTransport re-sends idempotent requests that failed in a way that may
// pass on a later attempt. The Go client for the Chat API retries nothing.
type retryTransport struct {
	base    http.RoundTripper
	policy  RetryPolicy
	limiter *limiter // nil: no client-side quota
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	noteMethod(req)
	idempotent := isIdempotent(req)
	stop := t.stopper(parent, req.Method)
	for attempt := 0; ; attempt++ {
		// Every attempt, retries included, waits for the client-side quotas.
		if err := t.limiter.wait(parent, req); err != nil {
			if attempt == 0 {
				return nil, err
			}
			return nil, stop(attempt, err, "the client-side quota (rate_limits) leaves no time for another attempt before the operation's deadline")
		}
		attemptReq, cancel, err := t.prepare(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := t.base.RoundTrip(attemptReq)
		recordAttempt(parent, resp, err)
		retryable, retryAfter := shouldRetry(parent, resp, err)
		// A 429 refuses the request before it is applied (a quota is
		// checked first), so even a POST without a requestId may go again.
		refused := resp != nil && resp.StatusCode == http.StatusTooManyRequests
		if !retryable || (!idempotent && !refused) || attempt >= t.policy.MaxRetries {
			resp, err = finish(resp, err, cancel)
			reason := fmt.Sprintf("max_retries = %d spent", t.policy.MaxRetries)
			if t.policy.MaxRetries == 0 {
				reason = "max_retries = 0 turns retries off"
			}
			if !idempotent && !refused {
				reason = "a POST without a requestId is never sent twice"
			}
			return resp, stop(attempt+1, err, reason)
		}
		wait := t.backoff(attempt)
		if retryAfter > maxRetryAfter {
			// The server asks for a pause longer than an apply should sit idle.
			return finish(resp, err, cancel)
		}
		if retryAfter > 0 {
			wait = retryAfter
		}
		if deadline, ok := parent.Deadline(); ok && time.Until(deadline) < wait {
			// Waiting would outlive the caller: give back what we have now.
			resp, err = finish(resp, err, cancel)
			return resp, stop(attempt+1, err, "the next retry would start after the operation's deadline")
		}
		tflog.Debug(parent, "Retrying Chat API request", map[string]any{
			"method": req.Method, "url": redactURL(req.URL), "attempt": attempt + 1,
			"status": statusOf(resp), "error": errString(err), "wait_ms": wait.Milliseconds(),
		})
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
		}
		cancel()
		if err := t.sleep(parent, wait); err != nil {
			return nil, stop(attempt+1, err, "")
		}
	}
}

// stopper returns the function RoundTrip ends with when it gives up on an
// error: one that left no answer (a timeout, a reset) or that followed the
// end of the caller's context is wrapped in a *GaveUpError that says how
// many attempts were made over how long, and is noted in the call's trace.
// Other errors pass unchanged.
func (t *retryTransport) stopper(parent context.Context, method string) func(attempts int, err error, reason string) error {
	start := time.Now()
	trace, _ := parent.Value(callTraceKey{}).(*callTrace)
	trace.set(nil)
	return func(attempts int, err error, reason string) error {
		if err == nil || (parent.Err() == nil && !isTransient(err)) {
			return err
		}
		switch {
		case errors.Is(parent.Err(), context.DeadlineExceeded):
			reason = "the operation's deadline passed"
		case parent.Err() != nil:
			reason = "the operation was cancelled"
		}
		gaveUp := &GaveUpError{Attempts: attempts, Elapsed: time.Since(start), AttemptTimeout: t.policy.AttemptTimeout,
			Reason: reason, Err: err, Write: method != http.MethodGet}
		trace.set(gaveUp)
		return gaveUp
	}
}

// GaveUpError is what a request ends with when the client stops trying
// without an answer: every attempt timed out or lost its connection, or the
// operation's deadline passed. It wraps the error that ended the request, so
// errors.Is(err, context.DeadlineExceeded) and errors.As keep working.
type GaveUpError struct {
	// Attempts is how many times the request was sent.
	Attempts int
	// Elapsed is the time from the first attempt to giving up.
	Elapsed time.Duration
	// AttemptTimeout bounds each attempt (the provider's request_timeout; 0: none).
	AttemptTimeout time.Duration
	// Reason says why no further attempt was made.
	Reason string
	// Write is true for a request that changes something: its last attempt
	// left no answer, so it may have been applied.
	Write bool
	Err   error
}

func (e *GaveUpError) Error() string {
	attempts := "1 attempt"
	if e.Attempts != 1 {
		attempts = fmt.Sprintf("%d attempts", e.Attempts)
	}
	bound := "no request_timeout bounds each attempt"
	if e.AttemptTimeout > 0 {
		bound = fmt.Sprintf("request_timeout (%s) bounds each attempt", e.AttemptTimeout)
	}
	reason := ""
	if e.Reason != "" {
		reason = " (" + e.Reason + ")"
	}
	applied := ""
	if e.Write {
		applied = ". The write may still have been applied before its answer was lost: the next plan's refresh shows " +
			"what changed, and a create may have made its object (import it rather than create it twice)"
	}
	return fmt.Sprintf("Chat API request gave up after %s over %s%s: %v; %s, and the operation as a whole is bounded by "+
		"the resource's timeouts block%s", attempts, roundElapsed(e.Elapsed), reason, e.Err, bound, applied)
}

func (e *GaveUpError) Unwrap() error { return e.Err }

// roundElapsed keeps two or three significant figures: 3.2s, 1m4s.
func roundElapsed(d time.Duration) time.Duration {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// prepare clones req for one attempt, with a fresh body and its own timeout.
func (t *retryTransport) prepare(req *http.Request, attempt int) (*http.Request, context.CancelFunc, error) {
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if t.policy.AttemptTimeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.policy.AttemptTimeout)
	}
	out := req.Clone(ctx)
	if attempt > 0 && req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			cancel()
			return nil, nil, errors.New("chatapi: cannot retry a request whose body cannot be re-read")
		}
		body, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, nil, err
		}
		out.Body = body
	}
	return out, cancel, nil
}

// finish hands the response over, keeping the attempt's context alive until
// the caller closes the body.
func finish(resp *http.Response, err error, cancel context.CancelFunc) (*http.Response, error) {
	if resp == nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, err
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

func (t *retryTransport) backoff(attempt int) time.Duration {
	limit := t.policy.MaxBackoff
	if attempt < 30 {
		if exp := t.policy.MinBackoff << attempt; exp > 0 && exp < limit {
			limit = exp
		}
	}
	if t.policy.jitter != nil {
		return t.policy.jitter(limit)
	}
	if limit <= 0 {
		return 0
	}
	return rand.N(limit + 1)
}

func (t *retryTransport) sleep(ctx context.Context, d time.Duration) error {
	if t.policy.sleep != nil {
		return t.policy.sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// shouldRetry classifies one attempt. parent is the caller's context: once it
// is done nothing is retried.
func shouldRetry(parent context.Context, resp *http.Response, err error) (bool, time.Duration) {
	if parent.Err() != nil {
		return false, 0
	}
	if err != nil {
		return isTransient(err), 0
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return false, 0
}

// isTransient: connection resets, truncated answers and attempt timeouts.
// net.ErrClosed ("use of closed network connection") is a reset seen from
// the writing side: when the peer resets a connection while a request body
// is still being sent, Go's transport closes the connection on its read
// side and the write fails with this error instead of ECONNRESET.
func isTransient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, net.ErrClosed) {
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// parseRetryAfter reads delay-seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(value string, now time.Time) time.Duration {
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		if seconds < 0 {
			return 0
		}
		return time.Duration(seconds) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

// loggingTransport logs each attempt's method, URL, status and duration. It
// never logs headers, so no Authorization value or token reaches the log.
type loggingTransport struct {
	base      http.RoundTripper
	userAgent string
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.userAgent != "" {
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", t.userAgent)
	}
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	tflog.Debug(req.Context(), "Chat API request", map[string]any{
		"method": req.Method, "url": redactURL(req.URL), "status": statusOf(resp),
		"duration_ms": time.Since(start).Milliseconds(), "error": errString(err),
	})
	return resp, err
}

// redactURL drops query values that can carry credentials.
func redactURL(u *url.URL) string {
	clean := *u
	query := clean.Query()
	for _, key := range []string{"access_token", "key", "token"} {
		if query.Has(key) {
			query.Set(key, "REDACTED")
		}
	}
	clean.RawQuery = query.Encode()
	clean.User = nil
	return clean.String()
}

func statusOf(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
