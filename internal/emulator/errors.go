package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is google.rpc.Status as the Chat API's REST front end sends it.
type apiError struct {
	Code    int
	Status  string
	Message string
	Reason  string // ErrorInfo reason, set for quota errors
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Code, e.Status, e.Message) }

func errorf(code int, status, format string, args ...any) *apiError {
	return &apiError{Code: code, Status: status, Message: fmt.Sprintf(format, args...)}
}

func invalidArgument(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, "INVALID_ARGUMENT", format, args...)
}

func failedPrecondition(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, "FAILED_PRECONDITION", format, args...)
}

func notFound(format string, args ...any) *apiError {
	return errorf(http.StatusNotFound, "NOT_FOUND", format, args...)
}

func alreadyExists(format string, args ...any) *apiError {
	return errorf(http.StatusConflict, "ALREADY_EXISTS", format, args...)
}

func permissionDenied(format string, args ...any) *apiError {
	return errorf(http.StatusForbidden, "PERMISSION_DENIED", format, args...)
}

// statusNames maps HTTP codes to the google.rpc code the API reports for them.
var statusNames = map[int]string{
	400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
	409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 501: "NOT_IMPLEMENTED",
	502: "UNAVAILABLE", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
}

func statusError(code int, message string) *apiError {
	status, ok := statusNames[code]
	if !ok {
		status = "UNKNOWN"
	}
	return &apiError{Code: code, Status: status, Message: message}
}

func quotaError(message string) *apiError {
	return &apiError{Code: http.StatusTooManyRequests, Status: "RESOURCE_EXHAUSTED", Message: message, Reason: "RATE_LIMIT_EXCEEDED"}
}

func writeJSON(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	type errorInfo struct {
		Type     string            `json:"@type"`
		Reason   string            `json:"reason"`
		Domain   string            `json:"domain"`
		Metadata map[string]string `json:"metadata"`
	}
	body := map[string]any{"code": e.Code, "message": e.Message, "status": e.Status}
	if e.Reason != "" {
		body["details"] = []errorInfo{{
			Type: "type.googleapis.com/google.rpc.ErrorInfo", Reason: e.Reason, Domain: "googleapis.com",
			Metadata: map[string]string{"service": "chat.googleapis.com"},
		}}
	}
	writeJSON(w, e.Code, map[string]any{"error": body})
}
