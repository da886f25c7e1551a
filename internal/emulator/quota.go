package emulator

import (
	"fmt"
	"strings"
	"time"
)

// Quota emulates the API's write quotas with token buckets; zero disables one.
type Quota struct {
	// SpaceWritesPerSecond limits writes per space (spaces.patch/delete,
	// messages.create/patch/update/delete, reactions.create/delete,
	// media.upload). The API documents
	// 60 per minute.
	SpaceWritesPerSecond float64 `json:"spaceWritesPerSecond,omitempty"`
	// ProjectSpaceWritesPerMinute limits spaces.setup/create/patch/delete (60).
	ProjectSpaceWritesPerMinute float64 `json:"projectSpaceWritesPerMinute,omitempty"`
	// ProjectMembershipWritesPerMinute limits members.create/patch/delete (300).
	ProjectMembershipWritesPerMinute float64 `json:"projectMembershipWritesPerMinute,omitempty"`
	// SpaceReadsPerSecond limits reads per space (spaces.get,
	// members.get/list, messages.get/list, attachments.get, reactions.list,
	// media.download). The API documents 900 a minute, 15 a second.
	SpaceReadsPerSecond float64 `json:"spaceReadsPerSecond,omitempty"`
	// ProjectReadsPerMinute limits each kind of read per project (space,
	// membership, message, attachment and reaction reads): 3000 each.
	ProjectReadsPerMinute float64 `json:"projectReadsPerMinute,omitempty"`
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
// reads".
var projectReads = map[string]string{
	"chat.spaces.get": "spaces", "chat.spaces.list": "spaces", "chat.spaces.findDirectMessage": "spaces",
	"chat.spaces.members.get": "members", "chat.spaces.members.list": "members",
	"chat.spaces.messages.get": "messages", "chat.spaces.messages.list": "messages",
	"chat.spaces.messages.attachments.get": "attachments", "chat.media.download": "attachments",
	"chat.spaces.messages.reactions.list": "reactions",
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
	if q.SpaceReadsPerSecond > 0 && perSpaceReads[c.rpc] && c.space != "" {
		takes = append(takes, take{"space-reads:" + c.space, q.SpaceReadsPerSecond, q.SpaceReadsPerSecond})
	}
	if kind := projectReads[c.rpc]; q.ProjectReadsPerMinute > 0 && kind != "" {
		takes = append(takes, take{"project-reads:" + kind, q.ProjectReadsPerMinute / 60, q.ProjectReadsPerMinute})
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
			return quotaError(fmt.Sprintf("Quota exceeded for quota metric '%s' (%s).", quotaMetric(t.key), t.key))
		}
	}
	for _, t := range takes {
		e.quota.buckets[t.key].tokens--
	}
	return nil
}

// quotaMetric names a bucket's quota in the API's words.
func quotaMetric(key string) string {
	if strings.HasPrefix(key, "space-reads:") || strings.HasPrefix(key, "project-reads:") {
		return "Read requests"
	}
	return "Write requests"
}
