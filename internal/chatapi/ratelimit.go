package chatapi

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// RateLimits are client-side quotas, in calls per minute, shared by every
// resource of one provider. Zero turns a limit off.
type RateLimits struct {
	// PerSpaceWritesPerMinute: spaces.patch/delete and message writes, per
	// space. The API allows 60 a minute in each space, across all apps.
	PerSpaceWritesPerMinute float64
	// SpaceWritesPerMinute: spaces.setup/create/patch/delete, per project (60).
	SpaceWritesPerMinute float64
	// MembershipWritesPerMinute: members create/patch/delete, per project (300).
	MembershipWritesPerMinute float64
	// PerSpaceReadsPerMinute: spaces.get, members.get/list, messages.get/
	// list, attachments.get, reactions.list and media.download, per space.
	// The API allows 900 a minute in each space (15 a second), across all
	// apps.
	PerSpaceReadsPerMinute float64
	// ReadsPerMinute: reads of each kind (spaces, memberships, messages,
	// attachments, reactions), per project: 3,000 a minute each.
	ReadsPerMinute float64
}

// DefaultRateLimits are the documented quotas.
func DefaultRateLimits() RateLimits {
	return RateLimits{PerSpaceWritesPerMinute: 60, SpaceWritesPerMinute: 60, MembershipWritesPerMinute: 300,
		PerSpaceReadsPerMinute: 900, ReadsPerMinute: 3000}
}

// limiter waits for a token from every bucket a request counts against. A
// write bucket holds one second of its quota, so writes are paced evenly at
// the quota instead of bursting into 429s (and the API's unpublished
// per-space burst limits). Per-space reads are paced the same way (the
// limits page gives them per second). The per-project read quotas are per
// minute and large: their buckets hold a quarter of a minute's quota, so
// only a refresh of thousands of objects waits. Every bucket refills at the
// rest of its quota over the minute, so no 60-second window ever holds more
// than the quota (the strictest reading of "per minute", which the emulator
// enforces).
type limiter struct {
	limits     RateLimits
	mu         sync.Mutex
	spaces     map[string]*rate.Limiter
	spaceReads map[string]*rate.Limiter
	space      *rate.Limiter
	member     *rate.Limiter
	reads      map[readKind]*rate.Limiter
}

// readKind is a per-project read quota of the limits page.
type readKind string

const (
	spaceReads      readKind = "space"
	membershipReads readKind = "membership"
	messageReads    readKind = "message"
	attachmentReads readKind = "attachment"
	reactionReads   readKind = "reaction"
	// customEmojiReads: "CustomEmoji reads per minute (customEmojis.get,
	// customEmojis.list): 3000", on the current limits page.
	customEmojiReads readKind = "customEmoji"
)

func newLimiter(limits RateLimits) *limiter {
	l := &limiter{limits: limits, spaces: map[string]*rate.Limiter{}, spaceReads: map[string]*rate.Limiter{},
		space: bucket(limits.SpaceWritesPerMinute), member: bucket(limits.MembershipWritesPerMinute),
		reads: map[readKind]*rate.Limiter{}}
	for _, kind := range []readKind{spaceReads, membershipReads, messageReads, attachmentReads, reactionReads, customEmojiReads} {
		if limits.ReadsPerMinute > 0 {
			l.reads[kind] = perMinute(limits.ReadsPerMinute, limits.ReadsPerMinute/4)
		}
	}
	return l
}

// bucket paces calls at a per-minute quota, one second of it at once (nil
// for no quota).
func bucket(quota float64) *rate.Limiter {
	if quota <= 0 {
		return nil
	}
	return perMinute(quota, quota/60)
}

// perMinute is a bucket of burst calls that refills at the rest of the
// quota over a minute: a full bucket and a minute of refill make the quota,
// never more. A quota of one call (the whole burst) refills just slower
// than a call a minute.
func perMinute(quota, burst float64) *rate.Limiter {
	n := max(1, int(burst))
	if rest := quota - float64(n); rest >= 1 {
		return rate.NewLimiter(rate.Limit(rest/60), n)
	}
	return rate.NewLimiter(rate.Limit(1.0/61), n)
}

// perSpace is space's bucket in buckets, made at quota on first use.
func (l *limiter) perSpace(buckets map[string]*rate.Limiter, space string, quota float64) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := buckets[space]
	if !ok {
		b = bucket(quota)
		buckets[space] = b
	}
	return b
}

// readClass sorts a GET into the read quotas it counts against: the space
// whose per-space reads it uses ("" for none) and its per-project kind (""
// for none: users/*, spaces.search, which the limits page puts in no read
// quota this limiter keeps).
func readClass(req *http.Request) (space string, kind readKind) {
	if req.Method != http.MethodGet {
		return "", ""
	}
	if strings.Contains(req.URL.Path, "/v1/media/") { // media.download
		return "", attachmentReads
	}
	_, path, _ := strings.Cut(req.URL.Path, "/v1/")
	parts := strings.Split(path, "/")
	switch {
	case parts[0] == "customEmojis":
		return "", customEmojiReads
	case parts[0] == "spaces" && len(parts) == 1, parts[0] == "spaces:findDirectMessage":
		return "", spaceReads // "Space reads (get / list / findDirectMessage)"
	case strings.HasPrefix(parts[0], "spaces:"): // spaces.search, findGroupChats: in no read quota
		return "", ""
	case parts[0] != "spaces" || len(parts) < 2:
		return "", ""
	case len(parts) == 2: // spaces.get
		return parts[1], spaceReads
	case parts[2] == "members":
		return parts[1], membershipReads
	case parts[2] == "messages" && len(parts) >= 5 && parts[4] == "attachments":
		return parts[1], attachmentReads
	case parts[2] == "messages" && len(parts) >= 5 && parts[4] == "reactions":
		return parts[1], reactionReads
	case parts[2] == "messages":
		return parts[1], messageReads
	}
	return "", ""
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
		// bucket, and neither a space nor a membership write. The current
		// limits page gives them 600 a minute per project, which no
		// configuration's uploads come near; the API's own 429s (retried
		// by the transport) would pace them.
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
		buckets = append(buckets, l.perSpace(l.spaces, space, l.limits.PerSpaceWritesPerMinute))
	}
	if readSpace, kind := readClass(req); kind != "" {
		if readSpace != "" {
			buckets = append(buckets, l.perSpace(l.spaceReads, readSpace, l.limits.PerSpaceReadsPerMinute))
		}
		buckets = append(buckets, l.reads[kind])
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
