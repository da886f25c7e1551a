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
