package emulator

// requestIDEntry remembers who made a request with a requestId and what it made.
type requestIDEntry struct {
	principal string
	result    string // resource name
}

// replay looks up a repeated requestId: the name of what the first request
// made, or an error when another principal reuses it. ok is false for a
// first use. The API answers a repeat by echoing the new request with that
// name, without updating anything.
func (e *Emulator) replay(c *call, requestID string) (string, bool, *apiError) {
	if requestID == "" {
		return "", false, nil
	}
	entry, ok := e.requestIDs[requestKey(c, requestID)]
	if !ok {
		return "", false, nil
	}
	if entry.principal != c.caller.String() {
		return "", true, invalidArgument("Request ID %q was already used by a different caller.", requestID)
	}
	return entry.result, true, nil
}

// requestKey scopes a requestId to the method and the parent it creates in.
func requestKey(c *call, requestID string) string { return c.rpc + "|" + c.space + "|" + requestID }

func (e *Emulator) remember(c *call, requestID, result string) {
	if requestID != "" {
		e.requestIDs[requestKey(c, requestID)] = &requestIDEntry{principal: c.caller.String(), result: result}
	}
}
