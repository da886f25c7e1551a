package chatapi

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// RateLimits are client-side write quotas, in writes per minute, shared by
// every resource of one provider. Zero turns a limit off.
type RateLimits struct {
	// PerSpaceWritesPerMinute: spaces.patch/delete and message writes, per
	// space. The API allows 60 a minute in each space, across all apps.
	PerSpaceWritesPerMinute float64
	// SpaceWritesPerMinute: spaces.setup/create/patch/delete, per project (60).
	SpaceWritesPerMinute float64
	// MembershipWritesPerMinute: members create/patch/delete, per project (300).
	MembershipWritesPerMinute float64
}

// DefaultRateLimits are the documented quotas.
func DefaultRateLimits() RateLimits {
	return RateLimits{PerSpaceWritesPerMinute: 60, SpaceWritesPerMinute: 60, MembershipWritesPerMinute: 300}
}

// limiter waits for a token from every bucket a request counts against. A
// bucket holds one second of its quota, so writes are paced evenly at the
// quota instead of bursting into 429s (and the API's unpublished per-space
// burst limits).
type limiter struct {
	limits RateLimits
	mu     sync.Mutex
	spaces map[string]*rate.Limiter
	space  *rate.Limiter
	member *rate.Limiter
}

func newLimiter(limits RateLimits) *limiter {
	return &limiter{limits: limits, spaces: map[string]*rate.Limiter{},
		space: bucket(limits.SpaceWritesPerMinute), member: bucket(limits.MembershipWritesPerMinute)}
}

func bucket(perMinute float64) *rate.Limiter {
	if perMinute <= 0 {
		return nil
	}
	return rate.NewLimiter(rate.Limit(perMinute/60), max(1, int(perMinute/60)))
}

func (l *limiter) perSpace(space string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.spaces[space]
	if !ok {
		b = bucket(l.limits.PerSpaceWritesPerMinute)
		l.spaces[space] = b
	}
	return b
}

// writeClass sorts a request into the quotas it counts against.
func writeClass(req *http.Request) (space string, spaceWrite, memberWrite bool) {
	if req.Method == http.MethodGet {
		return "", false, false
	}
	_, path, _ := strings.Cut(req.URL.Path, "/v1/")
	parts := strings.Split(path, "/")
	switch {
	case path == "spaces" || path == "spaces:setup":
		return "", true, false
	case len(parts) == 2 && parts[0] == "spaces": // spaces.patch, spaces.delete
		return parts[1], true, false
	case len(parts) >= 3 && parts[0] == "spaces" && (parts[2] == "messages" || parts[2] == "messagePins" || parts[2] == "attachments:upload"):
		// media.upload (/upload/v1/spaces/S/attachments:upload) is one of
		// the per-space writes in the usage limits.
		return parts[1], false, false
	case len(parts) >= 3 && parts[0] == "spaces" && parts[2] == "members":
		return "", false, true
	case parts[0] == "customEmojis":
		// customEmojis.create/delete: not in any space, so no per-space
		// bucket, and neither a space nor a membership write; the usage
		// limits this limiter keeps name no custom-emoji quota, so the
		// API's own 429s (retried by the transport) pace them.
		return "", false, false
	}
	return "", false, false
}

// wait blocks until req may be sent, or ctx ends.
func (l *limiter) wait(ctx context.Context, req *http.Request) error {
	if l == nil {
		return nil
	}
	space, spaceWrite, memberWrite := writeClass(req)
	var buckets []*rate.Limiter
	if space != "" {
		buckets = append(buckets, l.perSpace(space))
	}
	if spaceWrite {
		buckets = append(buckets, l.space)
	}
	if memberWrite {
		buckets = append(buckets, l.member)
	}
	for _, b := range buckets {
		if b == nil {
			continue
		}
		if err := b.Wait(ctx); err != nil {
			return err
		}
	}
	return nil
}
