package emulator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// chatClient is the Go client for the Chat API calling srv as token, the
// way the provider builds it (internal/chatapi).
func chatClient(t *testing.T, srv *Server, token string) *chat.Service {
	t.Helper()
	httpClient := &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})}}
	svc, err := chat.NewService(context.Background(), option.WithEndpoint(srv.URL+"/"), option.WithHTTPClient(httpClient))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// uploadWith calls media.upload as the provider does: one multipart request.
func uploadWith(svc *chat.Service, space, filename, contentType string, data []byte) (string, error) {
	out, err := svc.Media.Upload(space, &chat.UploadAttachmentRequest{Filename: filename}).
		Media(bytes.NewReader(data), googleapi.ContentType(contentType), googleapi.ChunkSize(0)).Do()
	if err != nil {
		return "", err
	}
	return out.AttachmentDataRef.AttachmentUploadToken, nil
}

// mustUpload uploads and fails the test on an error.
func mustUpload(t *testing.T, svc *chat.Service, space, filename, contentType string, data []byte) string {
	t.Helper()
	token, err := uploadWith(svc, space, filename, contentType, data)
	if err != nil || token == "" {
		t.Fatalf("upload %s: %q %v", filename, token, err)
	}
	return token
}

// code is the HTTP status of a Go client error (200 for none).
func code(err error) int {
	var gerr *googleapi.Error
	switch {
	case err == nil:
		return 200
	case errors.As(err, &gerr):
		return gerr.Code
	}
	return -1
}

func tokens(list ...string) []*chat.Attachment {
	var out []*chat.Attachment
	for _, token := range list {
		out = append(out, &chat.Attachment{AttachmentDataRef: &chat.AttachmentDataRef{AttachmentUploadToken: token}})
	}
	return out
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// rawUpload POSTs a multipart/related body (the JSON part, then the file)
// to path, with the query as given, and decodes the answer.
func rawUpload(t *testing.T, srv *Server, token, path, metadata, contentType string, data []byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	meta, _ := w.CreatePart(textproto.MIMEHeader{"Content-Type": {"application/json"}})
	_, _ = meta.Write([]byte(metadata))
	media, _ := w.CreatePart(textproto.MIMEHeader{"Content-Type": {contentType}})
	_, _ = media.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest("POST", srv.URL+path, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "multipart/related; boundary="+w.Boundary())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// uploadSpace is a named space alice manages, with bob and the app as members.
func uploadSpace(t *testing.T, srv *Server, name string) string {
	t.Helper()
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": name},
		"memberships": members("users/bob@example.com")})
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 200 {
		t.Fatalf("add the app: %d %v", status, out)
	}
	return space
}

func TestMedia_uploadCreateGetDownload(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := uploadSpace(t, srv, "Files")
	asAlice, asBob, asApp := chatClient(t, srv, alice), chatClient(t, srv, bob), chatClient(t, srv, app)
	pdf, png := []byte("%PDF-1.7 runbook"), []byte("\x89PNG\r\n\x1a\n diagram")
	t1 := mustUpload(t, asAlice, space, "runbook.pdf", "application/pdf", pdf)
	t2 := mustUpload(t, asAlice, space, "diagram.png", "image/png", png)

	// Output-only fields in the request are ignored.
	in := tokens(t1, t2)
	in[0].ContentName, in[0].Source, in[0].DownloadUri = "ignored.txt", "DRIVE_FILE", "https://example.com/x"
	created, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Text: "see attached", Attachment: in}).Do()
	if err != nil {
		t.Fatal(err)
	}
	got, err := asBob.Spaces.Messages.Get(created.Name).Do()
	if err != nil {
		t.Fatal(err)
	}
	list, err := asBob.Spaces.Messages.List(space).Do()
	if err != nil || len(list.Messages) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	want := []struct{ contentName, contentType string }{{"runbook.pdf", "application/pdf"}, {"diagram.png", "image/png"}}
	for _, answer := range []*chat.Message{created, got, list.Messages[0]} {
		if len(answer.Attachment) != 2 {
			t.Fatalf("attachments = %+v", answer.Attachment)
		}
		for i, a := range answer.Attachment {
			switch {
			case !strings.HasPrefix(a.Name, created.Name+"/attachments/") || strings.Count(a.Name, "/") != 5,
				a.ContentName != want[i].contentName, a.ContentType != want[i].contentType, a.Source != "UPLOADED_CONTENT",
				a.AttachmentDataRef == nil, a.AttachmentDataRef.ResourceName == "", strings.Contains(a.AttachmentDataRef.ResourceName, "/"),
				a.AttachmentDataRef.AttachmentUploadToken != "", a.DriveDataRef != nil,
				!strings.HasPrefix(a.DownloadUri, "https://chat.google.com/"),
				(a.ThumbnailUri != "") != (i == 1):
				t.Errorf("attachment %d = %+v %+v", i, a, a.AttachmentDataRef)
			}
		}
		if answer.Attachment[0].Name != created.Attachment[0].Name || answer.Attachment[1].AttachmentDataRef.ResourceName != created.Attachment[1].AttachmentDataRef.ResourceName {
			t.Errorf("attachments differ between answers: %+v", answer.Attachment)
		}
	}

	// media.download: the bytes and their type, for users and apps in the space.
	for _, svc := range []*chat.Service{asBob, asApp} {
		for i, data := range [][]byte{pdf, png} {
			resp, err := svc.Media.Download(created.Attachment[i].AttachmentDataRef.ResourceName).Download()
			if err != nil {
				t.Fatalf("download %d: %v", i, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Equal(body, data) || resp.Header.Get("Content-Type") != want[i].contentType {
				t.Errorf("download %d = %q (%s)", i, body, resp.Header.Get("Content-Type"))
			}
		}
	}
	resource := created.Attachment[0].AttachmentDataRef.ResourceName
	if media, err := asBob.Media.Download(resource).Do(); err != nil || media.ResourceName != resource {
		t.Errorf("download without alt=media = %+v %v", media, err)
	}
	if _, err := chatClient(t, srv, carol).Media.Download(resource).Download(); code(err) != 403 {
		t.Errorf("download by a non-member: %v", err)
	}
	if _, err := asBob.Media.Download("nope").Download(); code(err) != 404 {
		t.Errorf("download of an unknown file: %v", err)
	}

	// attachments.get: app authentication only.
	a, err := asApp.Spaces.Messages.Attachments.Get(created.Attachment[1].Name).Do()
	if err != nil || a.Name != created.Attachment[1].Name || a.ContentName != "diagram.png" || a.ThumbnailUri == "" {
		t.Errorf("attachments.get = %+v %v", a, err)
	}
	if _, err := asBob.Spaces.Messages.Attachments.Get(created.Attachment[1].Name).Do(); code(err) != 403 {
		t.Errorf("attachments.get by a user: %v", err)
	}
	if _, err := asApp.Spaces.Messages.Attachments.Get(created.Name + "/attachments/nope").Do(); code(err) != 404 {
		t.Errorf("attachments.get of an unknown attachment: %v", err)
	}

	// Inspection: digests, the state dump and the request log.
	if got := srv.AttachmentDigests(created.Name); !slices.Equal(got, []string{digest(pdf), digest(png)}) {
		t.Errorf("AttachmentDigests = %v", got)
	}
	state := srv.Snapshot().Spaces[0].Attachments[created.Name]
	if len(state) != 2 || state[1].Size != len(png) || state[1].ContentName != "diagram.png" || state[1].SHA256 != digest(png) || state[1].Name != created.Attachment[1].Name {
		t.Errorf("state attachments = %+v", state)
	}
	var logged []RequestRecord
	for _, r := range srv.Requests() {
		if r.RPC == "chat.media.upload" {
			logged = append(logged, r)
		}
	}
	if len(logged) != 2 || strings.TrimSpace(logged[0].Body) != `{"filename":"runbook.pdf"}` || logged[0].Media == nil ||
		logged[0].Media.Size != len(pdf) || logged[0].Media.SHA256 != digest(pdf) || !strings.HasPrefix(logged[0].Path, "/upload/v1/") {
		t.Errorf("logged uploads = %+v", logged)
	}
	// The client's advice finds the method from the upload path too.
	if m := discovery.Match("POST", "/upload/v1/"+space+"/attachments:upload"); m == nil || m.ID != "chat.media.upload" {
		t.Errorf("discovery.Match = %+v", m)
	}
}

func TestMedia_uploadRules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := uploadSpace(t, srv, "Uploads")
	defer func(limit int64) { maxUploadBytes = limit }(maxUploadBytes)
	maxUploadBytes = 16
	announce := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Announcements",
		"predefinedPermissionSettings": "ANNOUNCEMENT_SPACE"}, "memberships": members("users/bob@example.com")})
	readOnly := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Read only",
		"predefinedPermissionSettings": "ANNOUNCEMENT_SPACE"}, "memberships": members("users/bob@example.com")})
	if status, out := api(t, srv, alice, "PATCH", "/v1/"+readOnly+"?updateMask=permission_settings.reply_messages",
		map[string]any{"permissionSettings": map[string]any{"replyMessages": map[string]any{"managersAllowed": true}}}); status != 200 {
		t.Fatalf("patch: %d %v", status, out)
	}
	cases := []struct {
		name, token, space, filename string
		size                         int
		status                       int
		message                      string // part of the error message
	}{
		{"a user", alice, space, "notes.txt", 3, 200, ""},
		{"at the size limit", bob, space, "full.bin", 16, 200, ""},
		{"over the size limit", bob, space, "big.bin", 17, 400, "200 MB"},
		{"an app", app, space, "notes.txt", 3, 403, "app authentication"},
		{"no filename", alice, space, "", 3, 400, "filename is required"},
		{"no extension", alice, space, "Makefile", 3, 400, "file extension"},
		{"a dot but no extension", alice, space, "notes.", 3, 400, "file extension"},
		{"an extension only in a directory", alice, space, "docs.d/README", 3, 400, "file extension"},
		{"a blocked extension", alice, space, "setup.EXE", 3, 400, ".exe"},
		{"another blocked extension", alice, space, "archive.ex_", 3, 400, ".ex_"},
		{"a directory in the filename", alice, space, "docs/readme.md", 3, 200, ""},
		{"not a member", carol, space, "notes.txt", 3, 403, "not a member"},
		{"no such space", alice, "spaces/nope", "notes.txt", 3, 404, ""},
		{"a member who may reply in an announcement space", bob, announce, "notes.txt", 3, 200, ""},
		{"a member who may neither post nor reply", bob, readOnly, "notes.txt", 3, 403, "post or reply"},
	}
	for _, tc := range cases {
		_, err := uploadWith(chatClient(t, srv, tc.token), tc.space, tc.filename, "application/octet-stream", bytes.Repeat([]byte("x"), tc.size))
		if code(err) != tc.status || tc.message != "" && !strings.Contains(err.Error(), tc.message) {
			t.Errorf("%s: %v, want %d %q", tc.name, err, tc.status, tc.message)
		}
	}
	if got := srv.Snapshot().Spaces[0]; got.Attachments != nil {
		t.Errorf("uploads attached to nothing: %+v", got.Attachments)
	}

	// What only raw HTTP can send: other protocols and bodies.
	uploadPath := "/upload/v1/" + space + "/attachments:upload?uploadType="
	raw := []struct {
		name, path, metadata, contentType string
		status                            int
		message                           string
	}{
		{"multipart", uploadPath + "multipart", `{"filename":"a.txt"}`, "text/plain", 200, ""},
		{"resumable", uploadPath + "resumable", `{"filename":"a.txt"}`, "text/plain", 400, "resumable is not emulated"},
		{"media", uploadPath + "media", `{"filename":"a.txt"}`, "text/plain", 400, "uploadType=media is not emulated"},
		{"no uploadType", "/upload/v1/" + space + "/attachments:upload", `{"filename":"a.txt"}`, "text/plain", 400, "uploadType is required"},
		{"unknown JSON field", uploadPath + "multipart", `{"filename":"a.txt","x":1}`, "text/plain", 400, "Invalid JSON"},
		{"the method's path without /upload", "/v1/" + space + "/attachments:upload", `{"filename":"a.txt"}`, "text/plain", 400, "needs the file"},
		{"another method below /upload", "/upload/v1/" + space + "/messages", `{"text":"hi"}`, "text/plain", 404, ""},
	}
	for _, tc := range raw {
		status, out := rawUpload(t, srv, alice, tc.path, tc.metadata, tc.contentType, []byte("abc"))
		if message, _ := dig(out, "error", "message").(string); status != tc.status || !strings.Contains(message, tc.message) {
			t.Errorf("%s: %d %v, want %d %q", tc.name, status, out, tc.status, tc.message)
		}
	}
	req, _ := http.NewRequest("POST", srv.URL+uploadPath+"multipart", strings.NewReader(`{"filename":"a.txt"}`))
	req.Header.Set("Authorization", "Bearer "+alice)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 400 {
		t.Errorf("a JSON body with uploadType=multipart: %v %v", resp, err)
	}

	// media.upload is a per-space write.
	fixed := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	quota := NewTestServer(t, Options{Now: func() time.Time { return fixed }})
	limited := uploadSpace(t, quota, "Quota")
	quota.SetQuota(Quota{SpaceWritesPerSecond: 1})
	asAlice := chatClient(t, quota, alice)
	if _, err := uploadWith(asAlice, limited, "a.txt", "text/plain", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if _, err := uploadWith(asAlice, limited, "b.txt", "text/plain", []byte("b")); code(err) != 429 {
		t.Errorf("second upload in the same second: %v, want 429", err)
	}
}

func TestMedia_messageAttachmentRules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := uploadSpace(t, srv, "Rules")
	other := uploadSpace(t, srv, "Elsewhere")
	asAlice, asBob, asApp := chatClient(t, srv, alice), chatClient(t, srv, bob), chatClient(t, srv, app)
	file := []byte("hello")
	upload := func() string { return mustUpload(t, asAlice, space, "hello.txt", "text/plain", file) }
	used := upload()
	if m, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Attachment: tokens(used)}).Do(); err != nil || len(m.Attachment) != 1 || m.Text != "" {
		t.Fatalf("a message with only an attachment: %+v %v", m, err)
	}
	fresh, elsewhere := upload(), mustUpload(t, asAlice, other, "hello.txt", "text/plain", file)
	bobs := mustUpload(t, asBob, space, "bob.txt", "text/plain", file)
	bobMember, _ := srv.UserName("users/bob@example.com")
	cases := []struct {
		name    string
		svc     *chat.Service
		msg     *chat.Message
		status  int
		message string
	}{
		{"a used token", asAlice, &chat.Message{Text: "x", Attachment: tokens(used)}, 400, "attachment[0]: the attachmentUploadToken was already used"},
		{"an unknown token", asAlice, &chat.Message{Text: "x", Attachment: tokens(fresh, "nope")}, 400, "attachment[1]: unknown"},
		{"a token twice", asAlice, &chat.Message{Text: "x", Attachment: tokens(fresh, fresh)}, 400, "attachment[1]"},
		{"a token from another space", asAlice, &chat.Message{Text: "x", Attachment: tokens(elsewhere)}, 400, "uploaded to " + other},
		{"another user's token", asAlice, &chat.Message{Text: "x", Attachment: tokens(bobs)}, 400, "another user"},
		{"no token", asAlice, &chat.Message{Text: "x", Attachment: []*chat.Attachment{{ContentName: "a.txt"}}}, 400, "upload the file with media.upload first"},
		{"an app", asApp, &chat.Message{Text: "x", Attachment: tokens(fresh)}, 400, "user authentication"},
		{"a private message", asApp, &chat.Message{Text: "x", Attachment: tokens(fresh), PrivateMessageViewer: &chat.User{Name: bobMember}}, 400, "private message"},
	}
	for _, tc := range cases {
		_, err := tc.svc.Spaces.Messages.Create(space, tc.msg).Do()
		if code(err) != tc.status || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("%s: %v, want %d %q", tc.name, err, tc.status, tc.message)
		}
	}
	// Refused requests used up no token.
	if m, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Text: "x", Attachment: tokens(fresh)}).Do(); err != nil || len(m.Attachment) != 1 {
		t.Errorf("the token after refused requests: %+v %v", m, err)
	}
	// A repeated requestId is answered with the request, without its token.
	again := upload()
	for range 2 {
		m, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Text: "once", Attachment: tokens(again)}).RequestId("r1").Do()
		if err != nil || len(m.Attachment) != 1 || m.Attachment[0].AttachmentDataRef.AttachmentUploadToken != "" {
			t.Errorf("create with requestId: %+v %v", m, err)
		}
	}
}

func TestMedia_patchAttachments(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := uploadSpace(t, srv, "Patches")
	asAlice, asBob := chatClient(t, srv, alice), chatClient(t, srv, bob)
	one, two, three := []byte("one"), []byte("two"), []byte("three")
	msg, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Text: "files", Attachment: tokens(mustUpload(t, asAlice, space, "one.txt", "text/plain", one))}).Do()
	if err != nil {
		t.Fatal(err)
	}
	first := msg.Attachment[0]
	patch := func(svc *chat.Service, mask string, m *chat.Message) (*chat.Message, error) {
		return svc.Spaces.Messages.Patch(msg.Name, m).UpdateMask(mask).Do()
	}
	download := func(a *chat.Attachment) int {
		_, err := asBob.Media.Download(a.AttachmentDataRef.ResourceName).Download()
		return code(err)
	}

	// Keep the first by name, add a second.
	got, err := patch(asAlice, "attachment", &chat.Message{Attachment: append([]*chat.Attachment{{Name: first.Name}}, tokens(mustUpload(t, asAlice, space, "two.txt", "text/plain", two))...)})
	if err != nil || len(got.Attachment) != 2 || got.Attachment[0].Name != first.Name || got.Attachment[0].AttachmentDataRef.ResourceName != first.AttachmentDataRef.ResourceName || got.Text != "files" {
		t.Fatalf("keep and add: %+v %v", got, err)
	}
	second := got.Attachment[1]
	if digests := srv.AttachmentDigests(msg.Name); !slices.Equal(digests, []string{digest(one), digest(two)}) {
		t.Errorf("digests = %v", digests)
	}
	// Keep the second by resourceName, with "*": the first is removed, and its file.
	got, err = patch(asAlice, "*", &chat.Message{Text: "files", Attachment: []*chat.Attachment{{AttachmentDataRef: &chat.AttachmentDataRef{ResourceName: second.AttachmentDataRef.ResourceName}}}})
	if err != nil || len(got.Attachment) != 1 || got.Attachment[0].Name != second.Name {
		t.Fatalf("keep by resourceName: %+v %v", got, err)
	}
	if status := download(first); status != 404 {
		t.Errorf("download of a removed attachment: %d", status)
	}
	cases := []struct {
		name   string
		svc    *chat.Service
		mask   string
		msg    *chat.Message
		status int
	}{
		{"an attachment of another message", asAlice, "attachment", &chat.Message{Attachment: []*chat.Attachment{{Name: space + "/messages/x/attachments/y"}}}, 400},
		{"the same attachment twice", asAlice, "attachment", &chat.Message{Attachment: []*chat.Attachment{{Name: second.Name}, {Name: second.Name}}}, 400},
		{"not the sender", asBob, "attachment", &chat.Message{Attachment: tokens(mustUpload(t, asBob, space, "b.txt", "text/plain", three))}, 403},
		{"no text left", asAlice, "text", &chat.Message{}, 200}, // the attachment is content enough
		{"no content left", asAlice, "attachment", &chat.Message{}, 400},
	}
	for _, tc := range cases {
		if _, err := patch(tc.svc, tc.mask, tc.msg); code(err) != tc.status {
			t.Errorf("%s: %v, want %d", tc.name, err, tc.status)
		}
	}
	// A text mask keeps the attachments; an empty list removes them all.
	if got, err = patch(asAlice, "text", &chat.Message{Text: "back"}); err != nil || len(got.Attachment) != 1 {
		t.Fatalf("text only: %+v %v", got, err)
	}
	if got, err = patch(asAlice, "attachment", &chat.Message{Attachment: []*chat.Attachment{}}); err != nil || len(got.Attachment) != 0 {
		t.Fatalf("remove all: %+v %v", got, err)
	}
	if status := download(second); status != 404 || srv.AttachmentDigests(msg.Name) != nil {
		t.Errorf("after removing all: download %d, digests %v", status, srv.AttachmentDigests(msg.Name))
	}
	// Replace with a new upload via update (PUT), the same rules.
	got, err = asAlice.Spaces.Messages.Update(msg.Name, &chat.Message{Attachment: tokens(mustUpload(t, asAlice, space, "three.txt", "text/plain", three))}).UpdateMask("attachment").Do()
	if err != nil || len(got.Attachment) != 1 || got.Attachment[0].ContentName != "three.txt" {
		t.Errorf("update: %+v %v", got, err)
	}
}

func TestMedia_deletesDropFiles(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := uploadSpace(t, srv, "Deletes")
	asAlice := chatClient(t, srv, alice)
	create := func() *chat.Message {
		m, err := asAlice.Spaces.Messages.Create(space, &chat.Message{Text: "f", Attachment: tokens(mustUpload(t, asAlice, space, "f.txt", "text/plain", []byte("f")))}).Do()
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	msg, kept := create(), create()
	if _, err := asAlice.Spaces.Messages.Delete(msg.Name).Do(); err != nil {
		t.Fatal(err)
	}
	if _, err := asAlice.Media.Download(msg.Attachment[0].AttachmentDataRef.ResourceName).Download(); code(err) != 404 {
		t.Errorf("download after the message's delete: %v", err)
	}
	if srv.AttachmentDigests(msg.Name) != nil || len(srv.AttachmentDigests(kept.Name)) != 1 {
		t.Errorf("digests: %v %v", srv.AttachmentDigests(msg.Name), srv.AttachmentDigests(kept.Name))
	}
	list, err := asAlice.Spaces.Messages.List(space).ShowDeleted(true).Do()
	if err != nil || len(list.Messages) != 2 || list.Messages[0].Attachment != nil {
		t.Errorf("deleted message: %+v %v", list, err)
	}
	// A space's delete drops its uploads and files.
	mustUpload(t, asAlice, space, "pending.txt", "text/plain", []byte("p"))
	if _, err := asAlice.Spaces.Delete(space).Do(); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	uploads, files := len(srv.attachments.uploads), len(srv.attachments.data)
	srv.mu.Unlock()
	if uploads != 0 || files != 0 {
		t.Errorf("after the space's delete: %d uploads, %d files", uploads, files)
	}
}

func TestReadAtMost(t *testing.T) {
	for _, tc := range []struct {
		size, limit int
		tooLarge    bool
	}{{0, 4, false}, {4, 4, false}, {5, 4, true}, {5000, 4999, true}, {5000, 5000, false}, {100000, 1000, true}} {
		data, tooLarge, err := readAtMost(bytes.NewReader(bytes.Repeat([]byte("x"), tc.size)), int64(tc.limit))
		if err != nil || tooLarge != tc.tooLarge || cap(data) > tc.limit+1 || !tooLarge && len(data) != tc.size {
			t.Errorf("%d bytes, limit %d: %d bytes (cap %d), tooLarge %v, %v", tc.size, tc.limit, len(data), cap(data), tooLarge, err)
		}
	}
}
