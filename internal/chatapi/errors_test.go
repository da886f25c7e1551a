package chatapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestErrorClassification(t *testing.T) {
	cases := []struct {
		name          string
		status        int
		body          string
		wantNotFound  bool
		wantExists    bool
		wantStatus    string
		wantErrString string
	}{
		{"not found", 404, `{"error":{"code":404,"message":"Space not found","status":"NOT_FOUND"}}`, true, false, "NOT_FOUND", "404 NOT_FOUND: Space not found"},
		{"already exists", 409, `{"error":{"code":409,"message":"dup","status":"ALREADY_EXISTS"}}`, false, true, "ALREADY_EXISTS", "409 ALREADY_EXISTS: dup"},
		{"aborted is not a duplicate", 409, `{"error":{"code":409,"message":"try again","status":"ABORTED"}}`, false, false, "ABORTED", "409 ABORTED: try again"},
		// A 403 also names the auth mode in use (TestPermissionErrorsNameTheAuthMode).
		{"bare body", 403, `nope`, false, false, "", `403: Forbidden (auth_mode is "user"; set auth_mode = "app" with the Chat app's service account credentials to act as the Chat app)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			client, err := New(context.Background(), Config{Endpoint: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.GetSpace(context.Background(), "spaces/X")
			if IsNotFound(err) != tc.wantNotFound || IsAlreadyExists(err) != tc.wantExists {
				t.Errorf("IsNotFound=%v IsAlreadyExists=%v for %v", IsNotFound(err), IsAlreadyExists(err), err)
			}
			if StatusName(err) != tc.wantStatus || Code(err) != tc.status {
				t.Errorf("StatusName=%q Code=%d", StatusName(err), Code(err))
			}
			if err.Error() != tc.wantErrString {
				t.Errorf("Error() = %q, want %q", err.Error(), tc.wantErrString)
			}
		})
	}
	if IsNotFound(errors.New("plain")) || Code(nil) != 0 {
		t.Error("plain errors are not API errors")
	}
}

func TestErrorPredicates(t *testing.T) {
	cases := []struct {
		err                               error
		notFound, exists, denied, invalid bool
	}{
		{&APIError{Code: 404, Status: "NOT_FOUND"}, true, false, false, false},
		{&APIError{Code: 409, Status: "ALREADY_EXISTS"}, false, true, false, false},
		{&APIError{Code: 403, Status: "PERMISSION_DENIED"}, false, false, true, false},
		{&APIError{Code: 400, Status: "INVALID_ARGUMENT"}, false, false, false, true},
		{fmt.Errorf("wrapped: %w", &APIError{Code: 403}), false, false, true, false},
		{errors.New("plain"), false, false, false, false},
		{nil, false, false, false, false},
	}
	for _, tc := range cases {
		if IsNotFound(tc.err) != tc.notFound || IsAlreadyExists(tc.err) != tc.exists ||
			IsPermissionDenied(tc.err) != tc.denied || IsInvalidArgument(tc.err) != tc.invalid {
			t.Errorf("%v: IsNotFound=%v IsAlreadyExists=%v IsPermissionDenied=%v IsInvalidArgument=%v", tc.err,
				IsNotFound(tc.err), IsAlreadyExists(tc.err), IsPermissionDenied(tc.err), IsInvalidArgument(tc.err))
		}
	}
}
