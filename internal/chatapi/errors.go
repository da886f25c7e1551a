package chatapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"google.golang.org/api/googleapi"
)

// APIError is the classified form of a failed Chat API call: the HTTP code,
// the google.rpc status name (NOT_FOUND, ALREADY_EXISTS, ...) and the message.
type APIError struct {
	Code    int
	Status  string
	Message string
	// AuthNote, on a permission error, says which auth mode the client used
	// and why (Client.AuthModeNote): the usual cause of a 403 is acting as
	// the wrong principal.
	AuthNote string
	err      error
}

func (e *APIError) Error() string {
	text := fmt.Sprintf("%d: %s", e.Code, e.Message)
	if e.Status != "" {
		text = fmt.Sprintf("%d %s: %s", e.Code, e.Status, e.Message)
	}
	if e.AuthNote != "" {
		text += " (" + e.AuthNote + ")"
	}
	return text
}

func (e *APIError) Unwrap() error { return e.err }

// classify turns a googleapi error into an *APIError; other errors pass through.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return err
	}
	out := &APIError{Code: gerr.Code, Message: gerr.Message, err: err}
	var envelope struct {
		Error struct {
			Status  string `json:"status"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal([]byte(gerr.Body), &envelope) == nil {
		out.Status = envelope.Error.Status
		if out.Message == "" {
			out.Message = envelope.Error.Message
		}
	}
	if out.Message == "" {
		out.Message = http.StatusText(gerr.Code)
	}
	return out
}

// Code returns the HTTP status of an API error, or 0 when err is not one.
func Code(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		return gerr.Code
	}
	return 0
}

// StatusName returns the google.rpc status name of an API error ("" if unknown).
func StatusName(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status
	}
	return ""
}

// IsNotFound reports whether the object the call addressed does not exist.
func IsNotFound(err error) bool { return Code(err) == http.StatusNotFound }

// IsAlreadyExists reports a 409 ALREADY_EXISTS (duplicate name, member or ID).
func IsAlreadyExists(err error) bool {
	return Code(err) == http.StatusConflict && StatusName(err) != "ABORTED"
}

// IsPermissionDenied reports a 403: the caller lacks a scope, a role or
// access to the object.
func IsPermissionDenied(err error) bool { return Code(err) == http.StatusForbidden }

// IsInvalidArgument reports a 400: the API refused the request as malformed
// or not allowed for this object.
func IsInvalidArgument(err error) bool { return Code(err) == http.StatusBadRequest }
