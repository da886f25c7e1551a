// Package testclient builds the Chat API client that unit tests point at an
// emulator: like the provider's, with one quick retry so faults the
// transport retries stay fast. Tests only (depguard keeps the provider's
// code from importing it).
package testclient

import (
	"context"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// New is a client of the API at endpoint (a base URL, with or without its
// trailing slash) that sends token and acts in mode.
func New(t testing.TB, endpoint, token string, mode chatapi.AuthMode) *chatapi.Client {
	t.Helper()
	client, err := chatapi.New(context.Background(), chatapi.Config{
		Endpoint:    endpoint,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}),
		Retry:       chatapi.RetryPolicy{MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, AttemptTimeout: 10 * time.Second},
		AuthMode:    mode,
	})
	if err != nil {
		t.Fatal(err)
	}
	return client
}
