package emulator

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// Quota emulates the API's quotas; zero disables one. A per-second quota is
// a token bucket holding one second of calls. A per-minute quota is the
// strictest reading of "N per minute": at most N calls in any 60 seconds.
// A token bucket holding a minute's calls would let twice that through a
// 60-second window (a full bucket, then a minute of refill), and nothing on
// the usage limits page says the API is that lenient (a guess, written
// down: the page does not say how its minutes are measured; a client that
// keeps to the sliding window keeps to every other reading too).
type Quota struct {
	// SpaceWritesPerSecond limits writes per space (spaces.patch/delete,
	// messages.create/patch/update/delete, reactions.create/delete,
	// media.upload). The API documents 60 per minute; a second's bucket
	// stands for its unpublished per-space burst limits.
	SpaceWritesPerSecond float64 `json:"spaceWritesPerSecond,omitempty"`
	// SpaceWritesPerMinute limits the same writes per space in a window
	// (60).
	SpaceWritesPerMinute float64 `json:"spaceWritesPerMinute,omitempty"`
	// ProjectSpaceWritesPerMinute limits spaces.setup/create/patch/delete (60).
	ProjectSpaceWritesPerMinute float64 `json:"projectSpaceWritesPerMinute,omitempty"`
	// ProjectMembershipWritesPerMinute limits members.create/patch/delete (300).
	ProjectMembershipWritesPerMinute float64 `json:"projectMembershipWritesPerMinute,omitempty"`
	// SpaceReadsPerSecond limits reads per space (spaces.get,
	// members.get/list, messages.get/list, attachments.get, reactions.list,
	// media.download). The API documents 900 a minute, 15 a second.
	SpaceReadsPerSecond float64 `json:"spaceReadsPerSecond,omitempty"`
	// SpaceReadsPerMinute limits the same reads per space in a window (900).
	SpaceReadsPerMinute float64 `json:"spaceReadsPerMinute,omitempty"`
	// ProjectReadsPerMinute limits each kind of read per project (space,
	// membership, message, attachment, reaction and custom emoji reads):
	// 3000 each.
	ProjectReadsPerMinute float64 `json:"projectReadsPerMinute,omitempty"`
	// ProjectCustomEmojiWritesPerMinute limits customEmojis.create/delete
	// (600 on the current limits page).
	ProjectCustomEmojiWritesPerMinute float64 `json:"projectCustomEmojiWritesPerMinute,omitempty"`
}

// validate refuses what the quotas cannot count: a negative quota, or a
// per-minute quota that is not a whole number (a window of 60 seconds holds
// whole calls; checkQuota itself rounds one down, and a fraction below 1
// up to 1).
func (q Quota) validate() error {
	v := reflect.ValueOf(q)
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		switch limit := v.Field(i).Float(); {
		case limit < 0:
			return fmt.Errorf("%s is %v: a quota is 0 (off) or more", name, limit)
		case strings.HasSuffix(name, "PerMinute") && limit != math.Trunc(limit):
			return fmt.Errorf("%s is %v: a per-minute quota is a whole number of calls", name, limit)
		}
	}
	return nil
}

// bucket is a per-second quota: tokens refill at the quota's rate, up to
// one second's worth.
type bucket struct {
	tokens float64
	last   time.Time
}

type quotaState struct {
	limits  Quota
	buckets map[string]*bucket
	// windows hold, per per-minute quota, the times of the calls it
	// admitted in the last minute, oldest first.
	windows map[string][]time.Time
}

// SetQuota replaces the quota configuration and refills every quota.
func (e *Emulator) SetQuota(q Quota) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.quota = quotaState{limits: q, buckets: map[string]*bucket{}, windows: map[string][]time.Time{}}
}

// quotaWindow is how far back a per-minute quota counts.
const quotaWindow = time.Minute

// perSpaceWrites: the usage limits page's per-space writes, "spaces.patch /
// delete, messages.create / patch / delete, reactions.create / delete,
// media.upload: 60/min" (developers.google.com/workspace/chat/limits).
var perSpaceWrites = map[string]bool{
	"chat.spaces.patch": true, "chat.spaces.delete": true, "chat.spaces.messages.create": true,
	"chat.spaces.messages.patch": true, "chat.spaces.messages.update": true, "chat.spaces.messages.delete": true,
	"chat.spaces.messages.reactions.create": true, "chat.spaces.messages.reactions.delete": true,
	"chat.media.upload": true,
}

var projectSpaceWrites = map[string]bool{
	"chat.spaces.setup": true, "chat.spaces.create": true, "chat.spaces.patch": true, "chat.spaces.delete": true,
}

var projectMembershipWrites = map[string]bool{
	"chat.spaces.members.create": true, "chat.spaces.members.patch": true, "chat.spaces.members.delete": true,
}

// perSpaceReads: the usage limits page's per-space reads, "spaces.get,
// members.get / list, messages.get / list, attachments.get, reactions.list,
// media.download: 900/min" (15 a second on the current zh-CN page).
var perSpaceReads = map[string]bool{
	"chat.spaces.get": true, "chat.spaces.members.get": true, "chat.spaces.members.list": true,
	"chat.spaces.messages.get": true, "chat.spaces.messages.list": true, "chat.spaces.messages.attachments.get": true,
	"chat.spaces.messages.reactions.list": true, "chat.media.download": true,
}

// projectReads: the usage limits page's per-project read quotas, each 3000
// a minute: "Space reads (get / list / findDirectMessage)", "Membership
// reads", "Message reads (get / list)", "Attachment reads", "Reaction
// reads", and on the current page "CustomEmoji reads (get / list)".
var projectReads = map[string]string{
	"chat.spaces.get": "spaces", "chat.spaces.list": "spaces", "chat.spaces.findDirectMessage": "spaces",
	"chat.spaces.members.get": "members", "chat.spaces.members.list": "members",
	"chat.spaces.messages.get": "messages", "chat.spaces.messages.list": "messages",
	"chat.spaces.messages.attachments.get": "attachments", "chat.media.download": "attachments",
	"chat.spaces.messages.reactions.list": "reactions", "chat.customEmojis.get": "customEmojis", "chat.customEmojis.list": "customEmojis",
}

// projectCustomEmojiWrites: "CustomEmoji writes per minute (customEmojis.
// create / delete): 600", on the current limits page.
var projectCustomEmojiWrites = map[string]bool{"chat.customEmojis.create": true, "chat.customEmojis.delete": true}

// checkQuota admits c against every quota it counts against, or refuses it
// with 429 and takes nothing from any of them (e.mu held).
func (e *Emulator) checkQuota(c *call) *apiError {
	q := e.quota.limits
	var perSecond []take
	var perMinute []take
	if q.SpaceWritesPerSecond > 0 && perSpaceWrites[c.rpc] && c.space != "" {
		perSecond = append(perSecond, take{"space:" + c.space, q.SpaceWritesPerSecond})
	}
	if q.SpaceReadsPerSecond > 0 && perSpaceReads[c.rpc] && c.space != "" {
		perSecond = append(perSecond, take{"space-reads:" + c.space, q.SpaceReadsPerSecond})
	}
	if q.SpaceWritesPerMinute > 0 && perSpaceWrites[c.rpc] && c.space != "" {
		perMinute = append(perMinute, take{"space-minute:" + c.space, q.SpaceWritesPerMinute})
	}
	if q.SpaceReadsPerMinute > 0 && perSpaceReads[c.rpc] && c.space != "" {
		perMinute = append(perMinute, take{"space-reads-minute:" + c.space, q.SpaceReadsPerMinute})
	}
	if q.ProjectSpaceWritesPerMinute > 0 && projectSpaceWrites[c.rpc] {
		perMinute = append(perMinute, take{"project:spaces", q.ProjectSpaceWritesPerMinute})
	}
	if q.ProjectMembershipWritesPerMinute > 0 && projectMembershipWrites[c.rpc] {
		perMinute = append(perMinute, take{"project:members", q.ProjectMembershipWritesPerMinute})
	}
	if q.ProjectCustomEmojiWritesPerMinute > 0 && projectCustomEmojiWrites[c.rpc] {
		perMinute = append(perMinute, take{"project:customEmojis", q.ProjectCustomEmojiWritesPerMinute})
	}
	if kind := projectReads[c.rpc]; q.ProjectReadsPerMinute > 0 && kind != "" {
		perMinute = append(perMinute, take{"project-reads:" + kind, q.ProjectReadsPerMinute})
	}
	now := e.opts.Now()
	for _, t := range perSecond {
		if e.quota.bucketAt(t, now).tokens < 1 {
			return t.refused()
		}
	}
	for _, t := range perMinute {
		if e.quota.admittedWithin(t.key, now) >= max(int(t.limit), 1) {
			return t.refused()
		}
	}
	for _, t := range perSecond {
		e.quota.buckets[t.key].tokens--
	}
	for _, t := range perMinute {
		e.quota.windows[t.key] = append(e.quota.windows[t.key], now)
	}
	return nil
}

// take is one quota a call counts against: its key and its limit (calls a
// second for a bucket, a minute for a window).
type take struct {
	key   string
	limit float64
}

func (t take) refused() *apiError {
	return quotaError(fmt.Sprintf("Quota exceeded for quota metric '%s' (%s).", quotaMetric(t.key), t.key))
}

// bucketAt is t's bucket, refilled up to now.
func (s *quotaState) bucketAt(t take, now time.Time) *bucket {
	capacity := max(t.limit, 1)
	b := s.buckets[t.key]
	if b == nil {
		b = &bucket{tokens: capacity, last: now}
		s.buckets[t.key] = b
	}
	b.tokens = min(capacity, b.tokens+now.Sub(b.last).Seconds()*t.limit)
	b.last = now
	return b
}

// admittedWithin counts the calls key's window admitted in the minute
// before now, after dropping the older ones.
func (s *quotaState) admittedWithin(key string, now time.Time) int {
	admitted := s.windows[key]
	drop := 0
	for drop < len(admitted) && !admitted[drop].After(now.Add(-quotaWindow)) {
		drop++
	}
	s.windows[key] = admitted[drop:]
	return len(admitted) - drop
}

// quotaMetric names a bucket's quota in the API's words.
func quotaMetric(key string) string {
	if strings.HasPrefix(key, "space-reads") || strings.HasPrefix(key, "project-reads:") {
		return "Read requests"
	}
	return "Write requests"
}
