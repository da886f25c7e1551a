package emulator

import (
	"testing"
)

// Email aliases for users/{user} and {member}, method by method, as the
// documents say (each rule's source is beside it in the emulator's code):
// findDirectMessage and members.get take one only with user authentication;
// members.create, members.delete and a private message's viewer take one
// from an app too, and the answers name the user users/{id}.
func TestEmailAliases_byMethodAndCaller(t *testing.T) {
	srv := NewTestServer(t, Options{})
	const aliceID, bobID, carolID, daveID = "users/100000000000000000001", "users/100000000000000000002", "users/100000000000000000003", "users/100000000000000000004"
	space := appSpace(t, srv, "Aliases") // bob and carol added by the app, by email
	botDM := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "singleUserBotDm": true}})
	setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/bob@example.com")})

	cases := []struct {
		name, token, method, path string
		body                      map[string]any
		wantStatus                int
		wantError                 string
		wantField, wantValue      string // a top-level field of the answer and its value, or ""
	}{
		// spaces.findDirectMessage: "When authenticated as a user, you can use the email as an alias for {user}."
		{"findDirectMessage: app by email", app, "GET", "/v1/spaces:findDirectMessage?name=users/alice@example.com", nil, 400, "INVALID_ARGUMENT", "", ""},
		{"findDirectMessage: app by ID", app, "GET", "/v1/spaces:findDirectMessage?name=" + aliceID, nil, 200, "", "name", botDM},
		{"findDirectMessage: user by email", alice, "GET", "/v1/spaces:findDirectMessage?name=users/bob@example.com", nil, 200, "", "", ""},
		{"findDirectMessage: app by unknown email", app, "GET", "/v1/spaces:findDirectMessage?name=users/zed@example.com", nil, 400, "INVALID_ARGUMENT", "", ""},

		// spaces.members.get: the reference page (es-419) allows the alias when authenticated as a user.
		{"members.get: app by email", app, "GET", "/v1/" + space + "/members/bob@example.com", nil, 400, "INVALID_ARGUMENT", "", ""},
		{"members.get: app by ID", app, "GET", "/v1/" + space + "/members/" + bobID[len("users/"):], nil, 200, "", "name", space + "/members/" + bobID[len("users/"):]},
		{"members.get: user by email", bob, "GET", "/v1/" + space + "/members/carol@example.com", nil, 200, "", "name", space + "/members/" + carolID[len("users/"):]},

		// User.name: "the user's email address can be used as an alias for {user} in API requests".
		{"members.create: app by email", app, "POST", "/v1/" + space + "/members", map[string]any{"member": map[string]any{"name": "users/dave@example.com", "type": "HUMAN"}}, 200, "", "name", space + "/members/" + daveID[len("users/"):]},
		{"members.delete: app by email", app, "DELETE", "/v1/" + space + "/members/dave@example.com", nil, 200, "", "", ""},
		{"private message: app names the viewer by email", app, "POST", "/v1/" + space + "/messages", map[string]any{"text": "psst", "privateMessageViewer": map[string]any{"name": "users/Carol@Example.com"}}, 200, "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out := api(t, srv, tc.token, tc.method, tc.path, tc.body)
			if !answered(t, status, out, tc.wantStatus, tc.wantError) {
				t.FailNow()
			}
			if tc.wantField != "" && out[tc.wantField] != tc.wantValue {
				t.Errorf("%s = %v, want %s", tc.wantField, out[tc.wantField], tc.wantValue)
			}
		})
	}

	// The answers name users by ID only.
	status, out := api(t, srv, app, "POST", "/v1/"+space+"/messages", map[string]any{"text": "psst", "privateMessageViewer": map[string]any{"name": "users/carol@example.com"}})
	if viewer, _ := out["privateMessageViewer"].(map[string]any); status != 200 || viewer["name"] != carolID {
		t.Errorf("private message viewer = %d %v, want %s", status, out["privateMessageViewer"], carolID)
	}
	status, out = api(t, srv, app, "GET", "/v1/"+space+"/members/"+carolID[len("users/"):], nil)
	if member, _ := out["member"].(map[string]any); status != 200 || member["name"] != carolID {
		t.Errorf("membership member = %d %v, want %s", status, out["member"], carolID)
	}
	if status, out := api(t, srv, bob, "GET", "/v1/"+space+"/members/dave@example.com", nil); status != 404 {
		t.Errorf("dave was removed by email, but members.get = %d %v", status, out)
	}
}
