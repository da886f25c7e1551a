package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"slices"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The media collection: media.upload, which stores a file in a space and
// answers a token, and media.download, which answers an attachment's bytes.
// A token becomes an attachment when messages.create or patch names it
// (attachments.go).
//
// media.upload "Requires user authentication" (discovery document) although
// its scopes list chat.bot: scopes.go checks the user scopes
// (chat.messages.create, chat.messages, chat.import), userOnly refuses apps,
// as for reactions. media.download takes chat.bot, chat.messages and
// chat.messages.readonly (discovery document, its scopes), so apps and
// users both download.

// maxUploadBytes is the largest file media.upload takes: "You can upload
// attachments up to 200 MB" (media.upload), mediaUpload.maxSize
// "209715200" (discovery document). A variable so tests can lower it.
var maxUploadBytes int64 = 209715200

// maxUploadMetadataBytes bounds the JSON part of an upload (the
// UploadAttachmentRequest, a file name). The limit is a guess: the
// discovery document gives none.
const maxUploadMetadataBytes = 1 << 20

// blockedExtensions are the file types media.upload refuses: "Certain file
// types aren't supported. For details, see File types blocked by Google
// Chat" (media.upload, linking support.google.com/chat/answer/7651457). That
// page defers to Gmail's list (support.google.com/mail/answer/6590), copied
// here. The provider keeps its own copy; the emulator's is unexported.
var blockedExtensions = []string{
	".ade", ".adp", ".apk", ".appx", ".appxbundle", ".bat", ".cab", ".chm", ".cmd", ".com", ".cpl",
	".diagcab", ".diagcfg", ".diagpkg", ".dll", ".dmg", ".ex", ".ex_", ".exe", ".hta", ".img", ".ins",
	".iso", ".isp", ".jar", ".jnlp", ".js", ".jse", ".lib", ".lnk", ".mde", ".mjs", ".msc", ".msi",
	".msix", ".msixbundle", ".msp", ".mst", ".nsh", ".pif", ".ps1", ".scr", ".sct", ".shb", ".sys",
	".vb", ".vbe", ".vbs", ".vhd", ".vxd", ".wsc", ".wsf", ".wsh", ".xll",
}

// uploadedFile is the media part of a call to /upload/v1/.
type uploadedFile struct {
	contentType string
	data        []byte
	sha256      string // hex
}

func (f *uploadedFile) logged() *UploadedMedia {
	return &UploadedMedia{ContentType: f.contentType, Size: len(f.data), SHA256: f.sha256}
}

// uploadRecord is one media.upload, kept by its token until a message
// attaches it.
type uploadRecord struct {
	space       string // space ID
	uploader    *principal
	contentName string
	file        uploadedFile
	// used: a message attached the file (its data moved to an
	// attachmentData); the token can't be used again.
	used bool
}

// attachmentData is the file of one attachment of a message, by its
// attachmentDataRef.resourceName.
type attachmentData struct {
	space      string // space ID
	attachment string // spaces/{space}/messages/{message}/attachments/{attachment}
	name       string // contentName
	file       uploadedFile
}

// attachmentStore holds the uploads waiting for a message and the files of
// attachments (Emulator.attachments).
type attachmentStore struct {
	uploads map[string]*uploadRecord   // by attachmentUploadToken
	data    map[string]*attachmentData // by attachmentDataRef.resourceName
}

func newAttachmentStore() *attachmentStore {
	return &attachmentStore{uploads: map[string]*uploadRecord{}, data: map[string]*attachmentData{}}
}

// forget drops the files of attachments that are gone: their message was
// deleted, or an update left them out.
func (s *attachmentStore) forget(attachments []*chat.Attachment) {
	for _, a := range attachments {
		if a != nil && a.AttachmentDataRef != nil {
			delete(s.data, a.AttachmentDataRef.ResourceName)
		}
	}
}

// dropSpace drops every upload and attachment file of a deleted space:
// spaces.delete "Always performs a cascading delete, which means that the
// space's child resources—like messages posted in the space and memberships
// in the space—are also deleted" (discovery document); attachments are
// children of messages.
func (s *attachmentStore) dropSpace(spaceID string) {
	for token, up := range s.uploads {
		if up.space == spaceID {
			delete(s.uploads, token)
		}
	}
	for name, d := range s.data {
		if d.space == spaceID {
			delete(s.data, name)
		}
	}
}

// readUpload reads the file of a call to /upload/v1/ into c.upload, and its
// JSON part into c.body. The discovery document offers two protocols,
// "simple" (multipart: true) and "resumable" (mediaUpload.protocols); the
// emulator serves the simple one with uploadType=multipart, which the Go
// client sends with googleapi.ChunkSize(0). uploadType=media (a file with no
// JSON part, so no filename, which is "Required") and resumable uploads are
// refused with 400: a guess for media, an emulator limit for resumable.
func (c *call) readUpload() *apiError {
	switch uploadType := c.query.Get("uploadType"); uploadType {
	case "multipart":
	case "resumable":
		return invalidArgument("uploadType=resumable is not emulated: send the file in one request with uploadType=multipart " +
			"(the Go client does with googleapi.ChunkSize(0)).")
	case "":
		return invalidArgument("uploadType is required below /upload/: the emulator serves uploadType=multipart.")
	default:
		return invalidArgument("uploadType=%s is not emulated: the emulator serves uploadType=multipart, "+
			"a multipart/related body of the UploadAttachmentRequest JSON and the file.", uploadType)
	}
	contentType := c.req.Header.Get("Content-Type")
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "multipart/related" || params["boundary"] == "" {
		return invalidArgument("uploadType=multipart needs a multipart/related body with a boundary; got Content-Type %q.", contentType)
	}
	parts := multipart.NewReader(c.req.Body, params["boundary"])
	// First part: the request's JSON (guess: of any type; Google's front
	// end expects application/json, which every client sends).
	meta, err := parts.NextPart()
	if err != nil {
		return invalidArgument("Invalid multipart body: %v.", err)
	}
	body, tooLarge, err := readAtMost(meta, maxUploadMetadataBytes)
	switch {
	case err != nil:
		return invalidArgument("Invalid multipart body: %v.", err)
	case tooLarge:
		return invalidArgument("The JSON part of the upload is larger than %d bytes.", maxUploadMetadataBytes)
	}
	// Second part: the file, with its own Content-Type.
	media, err := parts.NextPart()
	if errors.Is(err, io.EOF) {
		return invalidArgument("The multipart body has no media part: send the UploadAttachmentRequest JSON, then the file.")
	} else if err != nil {
		return invalidArgument("Invalid multipart body: %v.", err)
	}
	data, tooLarge, err := readAtMost(media, maxUploadBytes)
	switch {
	case err != nil:
		return invalidArgument("Invalid multipart body: %v.", err)
	case tooLarge:
		return invalidArgument("The file is larger than media.upload accepts: \"You can upload attachments up to 200 MB\" (%d bytes).", maxUploadBytes)
	}
	// A third part has no meaning in the simple protocol: 400, a guess.
	if _, err := parts.NextPart(); !errors.Is(err, io.EOF) {
		return invalidArgument("The multipart body must have two parts: the UploadAttachmentRequest JSON and the file.")
	}
	fileType := media.Header.Get("Content-Type")
	if fileType == "" {
		// A media part without a type is stored as bytes (a guess).
		fileType = "application/octet-stream"
	}
	sum := sha256.Sum256(data)
	c.body = body
	c.upload = &uploadedFile{contentType: fileType, data: data, sha256: hex.EncodeToString(sum[:])}
	return nil
}

// readAtMost reads r to its end into a buffer of at most limit+1 bytes:
// tooLarge reports that r holds more than limit bytes (data is then cut).
func readAtMost(r io.Reader, limit int64) (data []byte, tooLarge bool, err error) {
	buf := make([]byte, 0, min(limit+1, 512))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, true, nil
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case errors.Is(err, io.EOF):
			return buf, int64(len(buf)) > limit, nil
		case err != nil:
			return nil, false, err
		}
	}
}

// uploadMedia is media.upload: it stores the file for the caller in the
// space and answers the token messages.create and patch take.
func (e *Emulator) uploadMedia(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	if c.upload == nil {
		// The method's own path, v1/{+parent}/attachments:upload, carries
		// no file: 400, a guess (the discovery document's mediaUpload paths
		// are the ones that take it).
		return nil, invalidArgument("media.upload needs the file: POST it to /upload/v1/%s/attachments:upload?uploadType=multipart.", rec.space.Name)
	}
	var in chat.UploadAttachmentRequest
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	// UploadAttachmentRequest.filename: "Required. The filename of the
	// attachment, including the file extension." (discovery; the status of
	// a name without one is a guess).
	if strings.TrimSpace(in.Filename) == "" {
		return nil, invalidArgument("UploadAttachmentRequest.filename is required.")
	}
	if ext := path.Ext(in.Filename); ext == "" || ext == "." || strings.ContainsAny(ext, `/\`) {
		return nil, invalidArgument("UploadAttachmentRequest.filename %q must include the file extension.", in.Filename)
	}
	// Attachment.contentName: "The original file name for the content, not
	// the full path." A directory part of filename is dropped (a guess).
	contentName := in.Filename[strings.LastIndexAny(in.Filename, `/\`)+1:]
	if contentName == "" {
		return nil, invalidArgument("UploadAttachmentRequest.filename %q names no file.", in.Filename)
	}
	if ext := strings.ToLower(path.Ext(contentName)); slices.Contains(blockedExtensions, ext) {
		return nil, invalidArgument("File type %s isn't supported: Google Chat blocks it (support.google.com/chat/answer/7651457).", ext)
	}
	if err := checkCanUpload(rec, c.caller); err != nil {
		return nil, err
	}
	// attachmentUploadToken: "Opaque token containing a reference to an
	// uploaded attachment" (AttachmentDataRef). Its shape is the emulator's.
	token := randomID() + randomID() + randomID() + randomID()
	e.attachments.uploads[token] = &uploadRecord{space: rec.id, uploader: c.caller, contentName: contentName, file: *c.upload}
	e.commit()
	return &chat.UploadAttachmentResponse{AttachmentDataRef: &chat.AttachmentDataRef{AttachmentUploadToken: token}}, nil
}

// mediaContent is an answer that is a file, not JSON (serve.go's finish
// writes it as it is).
type mediaContent struct {
	contentType string
	data        []byte
}

func (m *mediaContent) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", m.contentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(m.data)
}

// downloadMedia is media.download: "Download is supported on the URI
// `/v1/media/{+name}?alt=media`" (discovery document). The caller must be a
// member of the attachment's space, as for messages.get (404 for an unknown
// or deleted file, 403 for a non-member: guesses in lookupSpace's style).
// Without alt=media the answer is the Media resource, {"resourceName": ...}
// (the method's response schema; what Google answers is a guess).
func (e *Emulator) downloadMedia(c *call) (any, *apiError) {
	d := e.attachments.data[c.media]
	if d == nil || e.spaces[d.space] == nil || e.spaces[d.space].deleted {
		return nil, notFound("Media %s not found.", c.media)
	}
	if e.spaces[d.space].joinedMember(c.caller) == nil {
		return nil, permissionDenied("The caller is not a member of space spaces/%s.", d.space)
	}
	if c.query.Get("alt") != "media" {
		return &chat.Media{ResourceName: c.media}, nil
	}
	return &mediaContent{contentType: d.file.contentType, data: d.file.data}, nil
}

// AttachmentDigests returns the SHA-256 (hex) of each attachment's bytes of
// a message, spaces/{space}/messages/{message} (a system or client-assigned
// ID), in the message's order; nil for an unknown or deleted message, or
// one without attachments. For tests that check what was uploaded.
func (e *Emulator) AttachmentDigests(message string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	spaceID, msgKey, ok := strings.Cut(strings.TrimPrefix(message, "spaces/"), "/messages/")
	rec := e.spaces[spaceID]
	if !ok || rec == nil {
		return nil
	}
	m := lookupMessage(rec, msgKey)
	if m == nil || m.deleted {
		return nil
	}
	var out []string
	for _, a := range e.attachmentStates(m) {
		out = append(out, a.SHA256)
	}
	return out
}

// AttachmentState is one attachment's file in a state dump.
type AttachmentState struct {
	Name        string `json:"name"` // spaces/{space}/messages/{message}/attachments/{attachment}
	ContentName string `json:"contentName"`
	ContentType string `json:"contentType"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"` // hex
}

// attachmentStates describes the files of a message's attachments, in order
// (e.mu held).
func (e *Emulator) attachmentStates(m *messageRecord) []AttachmentState {
	var out []AttachmentState
	for _, a := range m.msg.Attachment {
		if a == nil || a.AttachmentDataRef == nil {
			continue
		}
		if d := e.attachments.data[a.AttachmentDataRef.ResourceName]; d != nil {
			out = append(out, AttachmentState{Name: d.attachment, ContentName: d.name, ContentType: d.file.contentType,
				Size: len(d.file.data), SHA256: d.file.sha256})
		}
	}
	return out
}
