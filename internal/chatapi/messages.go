package chatapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	chat "google.golang.org/api/chat/v1"
	"google.golang.org/api/googleapi"
)

// MessageOptions are messages.create's query parameters.
type MessageOptions struct {
	MessageID        string // client-assigned ID (client-...)
	RequestID        string // makes the create idempotent
	ReplyOption      string // messageReplyOption
	NotificationType string // createMessageNotificationOptions.notificationType
}

// CreateMessage calls spaces.messages.create.
func (c *Client) CreateMessage(ctx context.Context, space string, message *chat.Message, opts MessageOptions) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	call := c.service.Spaces.Messages.Create(space, message).Context(ctx)
	if opts.MessageID != "" {
		call = call.MessageId(opts.MessageID)
	}
	if opts.RequestID != "" {
		call = call.RequestId(opts.RequestID)
	}
	if opts.ReplyOption != "" {
		call = call.MessageReplyOption(opts.ReplyOption)
	}
	if opts.NotificationType != "" {
		call = call.CreateMessageNotificationOptionsNotificationType(opts.NotificationType)
	}
	out, err := call.Do()
	return out, done(err)
}

// GetMessage calls spaces.messages.get (system or client-assigned ID).
func (c *Client) GetMessage(ctx context.Context, name string) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Get(name).Context(ctx).Do()
	return out, done(err)
}

// PatchMessage calls spaces.messages.patch with the given update mask paths.
func (c *Client) PatchMessage(ctx context.Context, name string, message *chat.Message, mask []string) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Patch(name, message).UpdateMask(strings.Join(mask, ",")).Context(ctx).Do()
	return out, done(err)
}

// UploadAttachment uploads one file to space with media.upload (user
// credentials) and returns the reference messages.create and patch take.
// The file goes in a single multipart request (ChunkSize 0: the resumable
// protocol is not used), from memory, so the transport can send it again: an
// upload has no requestId, but a repeated one only leaves an unattached
// upload behind, never a second attachment on a message.
func (c *Client) UploadAttachment(ctx context.Context, space, filename, contentType string, data []byte) (*chat.AttachmentDataRef, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Media.Upload(space, &chat.UploadAttachmentRequest{Filename: filename}).
		Media(bytes.NewReader(data), googleapi.ContentType(contentType), googleapi.ChunkSize(0)).
		Context(WithIdempotent(ctx)).Do()
	if err == nil && (out.AttachmentDataRef == nil || out.AttachmentDataRef.AttachmentUploadToken == "") {
		err = fmt.Errorf("media.upload answered no attachmentDataRef.attachmentUploadToken for %s", filename)
	}
	if err != nil {
		return nil, done(err)
	}
	return out.AttachmentDataRef, done(nil)
}

// DownloadMedia calls media.download for an attachment's
// attachmentDataRef.resourceName and returns its bytes (tests and data
// sources; at most limit bytes are read).
func (c *Client) DownloadMedia(ctx context.Context, resourceName string, limit int64) ([]byte, error) {
	ctx, done := c.traceCall(ctx)
	resp, err := c.service.Media.Download(resourceName).Context(ctx).Download()
	if err != nil {
		return nil, done(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	return data, done(err)
}

// DeleteMessage calls spaces.messages.delete. force (user credentials only)
// also deletes the message's threaded replies.
func (c *Client) DeleteMessage(ctx context.Context, name string, force bool) error {
	ctx, done := c.traceCall(ctx)
	call := c.service.Spaces.Messages.Delete(name).Context(ctx)
	if force {
		call = call.Force(true)
	}
	_, err := call.Do()
	return done(err)
}

// CreateMessagePin pins message (spaces/{space}/messages/{message}) in its
// space (spaces.messagePins.create; user credentials). Sent again after a
// transient failure: a second pin of the same message is refused, never
// doubled, and the resource looks the pin up after an uncertain create.
func (c *Client) CreateMessagePin(ctx context.Context, space, message string) (*chat.MessagePin, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.MessagePins.Create(space, &chat.MessagePin{Message: message}).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// ListMessagePins returns every pin of space, all pages.
func (c *Client) ListMessagePins(ctx context.Context, space string) ([]*chat.MessagePin, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.MessagePin
	err := c.service.Spaces.MessagePins.List(space).PageSize(100).Context(ctx).Pages(ctx, func(page *chat.ListMessagePinsResponse) error {
		out = append(out, page.MessagePins...)
		return nil
	})
	return out, done(err)
}

// DeleteMessagePin unpins (spaces.messagePins.delete).
func (c *Client) DeleteMessagePin(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.Spaces.MessagePins.Delete(name).Context(ctx).Do()
	return done(err)
}

// CreateReaction calls spaces.messages.reactions.create on message
// (spaces/S/messages/M). It takes no requestId, but a user reacts with one
// emoji to a message once: a repeated create finds the reaction there (the
// emulator answers ALREADY_EXISTS, a guess) rather than adding a second, so
// the transport may send it again; the caller looks the reaction up after
// an uncertain failure.
func (c *Client) CreateReaction(ctx context.Context, message string, reaction *chat.Reaction) (*chat.Reaction, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Reactions.Create(message, reaction).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// ListReactions calls spaces.messages.reactions.list on message for every
// page; filter is the method's documented filter ("" for none).
func (c *Client) ListReactions(ctx context.Context, message, filter string) ([]*chat.Reaction, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.Reaction
	// "The maximum value is 200; values above 200 are changed to 200."
	call := c.service.Spaces.Messages.Reactions.List(message).PageSize(200).Context(ctx)
	if filter != "" {
		call = call.Filter(filter)
	}
	err := call.Pages(ctx, func(page *chat.ListReactionsResponse) error {
		out = append(out, page.Reactions...)
		return nil
	})
	return out, done(err)
}

// DeleteReaction calls spaces.messages.reactions.delete.
func (c *Client) DeleteReaction(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.Spaces.Messages.Reactions.Delete(name).Context(ctx).Do()
	return done(err)
}
