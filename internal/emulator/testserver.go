package emulator

import "net/http/httptest"

// TestingT is the part of testing.TB that NewTestServer needs.
type TestingT interface {
	Helper()
	Cleanup(func())
}

// Server is an emulator listening on a loopback port.
type Server struct {
	*Emulator
	URL string
}

// NewTestServer starts an emulator on 127.0.0.1 and stops it when t ends.
func NewTestServer(t TestingT, opts Options) *Server {
	t.Helper()
	e := New(opts)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &Server{Emulator: e, URL: srv.URL}
}
