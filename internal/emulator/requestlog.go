package emulator

import (
	"net/http"
	"time"
)

// RequestRecord is one API call as the emulator saw it.
type RequestRecord struct {
	Time      time.Time `json:"time"`
	RPC       string    `json:"rpc"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Query     string    `json:"query"`
	Body      string    `json:"body,omitempty"`
	Principal string    `json:"principal"`
	Status    int       `json:"status"`
	// Committed says the call changed state (true also for commit-then-fail).
	Committed bool `json:"committed"`
	// Media is the file of a media.upload call sent to /upload/v1/, whose
	// Body is the JSON part alone (the UploadAttachmentRequest).
	Media *UploadedMedia `json:"media,omitempty"`
	// AdminAccess says the call asked for administrator privileges
	// (useAdminAccess=true in its query), whether or not it was granted
	// (adminaccess.go).
	AdminAccess bool `json:"adminAccess,omitempty"`
}

// UploadedMedia describes an uploaded file in the request log: its type,
// size and digest, not its bytes.
type UploadedMedia struct {
	ContentType string `json:"contentType"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"` // hex
}

// IsWrite reports whether the call was a write method (anything but GET).
func (r RequestRecord) IsWrite() bool { return r.Method != http.MethodGet }

// Requests returns a copy of the request log.
func (e *Emulator) Requests() []RequestRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]RequestRecord(nil), e.log...)
}

// ClearRequests empties the request log.
func (e *Emulator) ClearRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = nil
}

func (e *Emulator) appendLog(record RequestRecord) {
	e.mu.Lock()
	defer e.mu.Unlock()
	record.Time = e.opts.Now()
	e.log = append(e.log, record)
}
