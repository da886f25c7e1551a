package emulator

import "testing"

func TestSpaceReadState_namesTheCaller(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 1})
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Read"},
		"memberships": members("users/bob@example.com")})
	id := space[len("spaces/"):]
	cases := []struct {
		name, token, user string
		wantStatus        int
		wantName          string
	}{
		{"me", alice, "me", 200, "users/100000000000000000001/spaces/" + id + "/spaceReadState"},
		{"own email", alice, "alice@example.com", 200, "users/100000000000000000001/spaces/" + id + "/spaceReadState"},
		{"someone else", alice, "bob@example.com", 403, ""},
		{"apps have none", app, "me", 403, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out := api(t, srv, tc.token, "GET", "/v1/users/"+tc.user+"/spaces/"+id+"/spaceReadState", nil)
			if status != tc.wantStatus || (tc.wantName != "" && out["name"] != tc.wantName) {
				t.Errorf("got %d %v, want %d %s", status, out, tc.wantStatus, tc.wantName)
			}
		})
	}
	// PageSizeLimit caps pages: two members come one per page, and the token
	// of page one leads to page two.
	_, first := api(t, srv, alice, "GET", "/v1/"+space+"/members?showInvited=true", nil)
	if list := first["memberships"].([]any); len(list) != 1 || first["nextPageToken"] == nil {
		t.Fatalf("first page = %v", first)
	}
	status, second := api(t, srv, alice, "GET", "/v1/"+space+"/members?showInvited=true&pageToken="+first["nextPageToken"].(string), nil)
	if list, _ := second["memberships"].([]any); status != 200 || len(list) != 1 || second["nextPageToken"] != nil {
		t.Errorf("second page = %d %v", status, second)
	}
	if status, _ := api(t, srv, alice, "GET", "/v1/"+space+"/members?showInvited=false&pageToken="+first["nextPageToken"].(string), nil); status != 400 {
		t.Errorf("a token used with other filters = %d, want 400", status)
	}
}

func TestOpaqueTokens(t *testing.T) {
	srv := NewTestServer(t, Options{Tokens: map[string]string{"ya29.secret": "user:bob@example.com"}})
	setup(t, srv, "ya29.secret", namedSpace("Opaque"))
	if got := srv.Requests()[0].Principal; got != "user:bob@example.com" {
		t.Errorf("an opaque token acts as its principal, got %q", got)
	}
	if status, _ := api(t, srv, "ya29.other", "GET", "/v1/spaces", nil); status != 401 {
		t.Errorf("an unknown opaque token = %d, want 401", status)
	}
}
