package emulator

import (
	"mime"
	"net/url"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// Message attachments: the rules messages.create, patch and update apply to
// Message.attachment ("Optional. User-uploaded attachment."), and
// spaces.messages.attachments.get. Files are uploaded with media.upload
// (media.go), whose token a message names in attachmentDataRef
// ("attachmentUploadToken: ... used to create or update Chat messages with
// attachments", AttachmentDataRef).

// sourceUploaded is Attachment.source for files uploaded with media.upload:
// "UPLOADED_CONTENT: The file is uploaded to Chat." DRIVE_FILE attachments
// (with driveDataRef) are attached in the Chat UI, never here.
const sourceUploaded = "UPLOADED_CONTENT"

// checkAttachmentCaller applies the rules on who may send attachments, for
// messages.create and the patched message of patch and update:
//   - a private message has none: privateMessageViewer "To include this
//     field in your request, you must call the Chat API using app
//     authentication and omit the following: * Attachments" (discovery
//     document);
//   - an app sends none: Message.attachment is "User-uploaded attachment",
//     and media.upload, the only source of tokens, "Requires user
//     authentication". The status (400) is a guess, as for a user's cards.
func checkAttachmentCaller(c *call, in *chat.Message) *apiError {
	if len(in.Attachment) == 0 {
		return nil
	}
	if in.PrivateMessageViewer != nil {
		return invalidArgument("A private message (privateMessageViewer) can't have attachments.")
	}
	if c.caller.kind == kindApp {
		return invalidArgument("attachment requires user authentication: attachments are user-uploaded, with media.upload.")
	}
	return nil
}

// plannedAttachment is one entry of a message's attachment list to be:
// an attachment the message keeps, or an upload to attach.
type plannedAttachment struct {
	kept   *chat.Attachment
	upload *uploadRecord
}

// planAttachments checks a request's attachment list against the uploads
// and the message's current attachments (none for create), changing
// nothing, so a refused request leaves every token unused.
//   - An entry with attachmentDataRef.attachmentUploadToken attaches that
//     upload; its other fields, output only, are ignored. The token must
//     exist, be unused (each token attaches one file once: a guess, the
//     discovery document calls it "opaque"), come from this space
//     (media.upload's parent) and from the caller (a guess).
//   - Without a token, an entry must name an attachment the message
//     already has, by name or by attachmentDataRef.resourceName (patch and
//     update): it is kept. A guess: the discovery document says only that
//     the mask path `attachment` updates the list.
//   - Anything else, or the same token or attachment twice, is 400
//     INVALID_ARGUMENT naming the entry's index (status and wording guesses).
func (e *Emulator) planAttachments(c *call, rec *spaceRecord, in, current []*chat.Attachment) ([]plannedAttachment, *apiError) {
	var out []plannedAttachment
	seenTokens := map[string]bool{}
	seenKept := map[*chat.Attachment]bool{}
	for i, a := range in {
		if a == nil {
			return nil, invalidArgument("attachment[%d] is empty.", i)
		}
		token := ""
		if a.AttachmentDataRef != nil {
			token = a.AttachmentDataRef.AttachmentUploadToken
		}
		if token != "" {
			up := e.attachments.uploads[token]
			switch {
			case up == nil:
				return nil, invalidArgument("attachment[%d]: unknown attachmentDataRef.attachmentUploadToken.", i)
			case up.used || seenTokens[token]:
				return nil, invalidArgument("attachment[%d]: the attachmentUploadToken was already used; upload the file again.", i)
			case up.space != rec.id:
				return nil, invalidArgument("attachment[%d]: the file was uploaded to spaces/%s, not to %s.", i, up.space, rec.space.Name)
			case up.uploader.id != c.caller.id:
				return nil, invalidArgument("attachment[%d]: the file was uploaded by another user.", i)
			}
			seenTokens[token] = true
			out = append(out, plannedAttachment{upload: up})
			continue
		}
		kept := findAttachment(current, a)
		switch {
		case kept == nil && len(current) == 0:
			return nil, invalidArgument("attachment[%d] has no attachmentDataRef.attachmentUploadToken: upload the file with media.upload first.", i)
		case kept == nil:
			return nil, invalidArgument("attachment[%d] has no attachmentDataRef.attachmentUploadToken and names no attachment of this message.", i)
		case seenKept[kept]:
			return nil, invalidArgument("attachment[%d]: %s is listed twice.", i, kept.Name)
		}
		seenKept[kept] = true
		out = append(out, plannedAttachment{kept: kept})
	}
	return out, nil
}

// findAttachment is the attachment of current that a names, by name or by
// attachmentDataRef.resourceName; nil if none.
func findAttachment(current []*chat.Attachment, a *chat.Attachment) *chat.Attachment {
	resource := ""
	if a.AttachmentDataRef != nil {
		resource = a.AttachmentDataRef.ResourceName
	}
	for _, known := range current {
		if a.Name != "" && a.Name == known.Name ||
			resource != "" && known.AttachmentDataRef != nil && resource == known.AttachmentDataRef.ResourceName {
			return known
		}
	}
	return nil
}

// applyAttachments makes a planned list the attachments of the message
// named msgName, which had current: uploads become attachments (their
// tokens used up), and the files of current attachments the plan leaves out
// are dropped. A message's attachment list, as the API answers it, is nil
// when empty (proto3 JSON omits empty lists).
func (e *Emulator) applyAttachments(rec *spaceRecord, msgName string, plan []plannedAttachment, current []*chat.Attachment) []*chat.Attachment {
	var out []*chat.Attachment
	kept := map[*chat.Attachment]bool{}
	for _, p := range plan {
		if p.kept != nil {
			kept[p.kept] = true
			out = append(out, p.kept)
			continue
		}
		out = append(out, e.attach(rec, msgName, p.upload))
	}
	for _, a := range current {
		if !kept[a] {
			e.attachments.forget([]*chat.Attachment{a})
		}
	}
	return out
}

// attach turns an upload into an attachment of the message msgName. The
// answer's fields, as messages.get returns them:
//   - name: "Format: spaces/{space}/messages/{message}/attachments/{attachment}";
//   - contentName: "The original file name for the content, not the full path";
//   - contentType: "The content type (MIME type) of the file", the media
//     part's Content-Type;
//   - attachmentDataRef.resourceName: "used with the media API to download
//     the attachment data" (opaque, no slash: media.download's path);
//   - source: UPLOADED_CONTENT;
//   - downloadUri ("The download URL which should be used to allow a human
//     user to download the attachment") and, for images, thumbnailUri ("The
//     thumbnail URL which should be used to preview the attachment to a
//     human user"): chat.google.com URLs in the shape public reports show,
//     which the emulator does not serve (a guess; apps "shouldn't use this
//     URL", they use media.download).
//
// The attachmentUploadToken is not echoed (a guess: it is spent).
func (e *Emulator) attach(rec *spaceRecord, msgName string, up *uploadRecord) *chat.Attachment {
	resource := randomID() + randomID() + randomID()
	a := &chat.Attachment{
		Name:              msgName + "/attachments/" + randomID(),
		ContentName:       up.contentName,
		ContentType:       up.file.contentType,
		AttachmentDataRef: &chat.AttachmentDataRef{ResourceName: resource},
		Source:            sourceUploaded,
		DownloadUri:       attachmentURL("DOWNLOAD_URL", up.file.contentType, resource, ""),
	}
	if mediaType, _, err := mime.ParseMediaType(up.file.contentType); err == nil && strings.HasPrefix(mediaType, "image/") {
		a.ThumbnailUri = attachmentURL("FIFE_URL", up.file.contentType, resource, "w512")
	}
	e.attachments.data[resource] = &attachmentData{space: rec.id, attachment: a.Name, name: up.contentName, file: up.file}
	up.used = true
	up.file.data = nil // moved to the attachment
	return a
}

func attachmentURL(urlType, contentType, resource, size string) string {
	q := url.Values{"url_type": {urlType}, "content_type": {contentType}, "attachment_token": {resource}}
	if size != "" {
		q.Set("sz", size)
	}
	return "https://chat.google.com/api/get_attachment_url?" + q.Encode()
}

// getAttachment is spaces.messages.attachments.get: "Gets the metadata of a
// message attachment ... Requires app authentication with the
// authorization scope: chat.bot" (discovery document). The message must be
// one the caller may read (messages.get's 404 otherwise) and have the
// attachment (404).
func (e *Emulator) getAttachment(c *call, rec *spaceRecord) (any, *apiError) {
	if err := appOnly(c); err != nil {
		return nil, err
	}
	m := lookupMessage(rec, c.msg)
	if m == nil || m.deleted || !visibleTo(m, c.caller) {
		return nil, messageNotFound(rec, c)
	}
	for _, a := range m.msg.Attachment {
		if a != nil && strings.HasSuffix(a.Name, "/attachments/"+c.attachment) {
			return clone(a), nil
		}
	}
	return nil, notFound("Attachment %s/attachments/%s not found.", m.msg.Name, c.attachment)
}
