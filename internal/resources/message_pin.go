package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ managedResource = (*messagePinResource)(nil)

// NewMessagePin is the google_chat_message_pin resource.
func NewMessagePin() resource.Resource {
	return &messagePinResource{base{typeName: "google_chat_message_pin", identity: "name",
		identityDescription: "Resource name of the pin, `spaces/{space}/messagePins/{message}`."}}
}

type messagePinResource struct {
	base
}

type messagePinModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	ID       types.String   `tfsdk:"id"`
	Name     types.String   `tfsdk:"name"`
	Space    types.String   `tfsdk:"space"`
	Message  types.String   `tfsdk:"message"`
}

func (r *messagePinResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[messagePinModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	space := spaceOfMessage(plan.Message.ValueString())
	message, err := r.systemMessage(ctx, plan.Message.ValueString())
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("message"), "Unable to Pin Chat Message", "spaces.messages.get", err, pinAdvice(err))
		return
	}
	// messagePins.create takes no requestId, so after a lost answer the
	// provider adopts the pin it finds. Look first, so a pin that was there
	// before is reported, never adopted (and later removed by destroy).
	if existing, err := r.findPin(ctx, space, message); err == nil && existing != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("message"), "Chat Message Already Pinned", "spaces.messagePins.list",
			fmt.Errorf("%s is pinned as %s", message, existing.Name),
			"To manage the existing pin, import it with:\n  terraform import google_chat_message_pin.NAME "+existing.Name)
		return
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMessagePin(attemptCtx, space, message)
	if err != nil && attempts.Uncertain() {
		// The message was not pinned before: a pin now is this create's.
		if found, findErr := r.findPin(ctx, space, message); findErr == nil && found != nil {
			out, err = found, nil
		}
	}
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("message"), "Unable to Pin Chat Message", "spaces.messagePins.create", err, pinAdvice(err))
		return
	}
	state := messagePinFromAPI(out, plan)
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *messagePinResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := beginRead[messagePinModel](ctx, r.client, req.State, resp.Identity, "name", &resp.Diagnostics)
	if !ok {
		return
	}
	name := state.Name.ValueString()
	// Imported by a message's client-assigned ID: pins carry the system ID.
	if message, err := r.systemMessage(ctx, messageOfPin(name)); err == nil {
		name = pinOfMessage(message)
	}
	// There is no messagePins.get: list the space's pins (all pages).
	find := func(ctx context.Context, name string) (*chat.MessagePin, error) {
		return r.findPin(ctx, spaceOfMessage(name), messageOfPin(name))
	}
	pin, ok := readObject(ctx, resp, name, find, func(pin *chat.MessagePin) bool { return pin == nil }, readAdvice{
		"Chat Message Pin Removed", "is no longer pinned (or its message or space is gone); removing it from state so the next apply pins it again.",
		"Unable to Read Chat Message Pin", "spaces.messagePins.list",
	})
	if ok {
		state = messagePinFromAPI(pin, state)
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	}
}

// Update only records a change of timeouts: every other attribute replaces.
func (r *messagePinResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	recordPlan[messagePinModel](ctx, req, resp)
}

func (r *messagePinResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[messagePinModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.client.DeleteMessagePin(ctx, state.Name.ValueString()); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Unpin Chat Message", "spaces.messagePins.delete", err, pinAdvice(err))
	}
}

// ImportState takes the pin's name or its message's name: the pin's ID is
// the message's ID (discovery document, MessagePin.name).
func (r *messagePinResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	canonical := func(id string) (string, bool) {
		switch {
		case convert.MessagePinNamePattern.MatchString(id):
			return id, true
		case convert.MessageNamePattern.MatchString(id):
			return pinOfMessage(id), true
		}
		return "", false
	}
	importAs(ctx, req, resp, "name", canonical, "a message pin or message name. Use spaces/{space}/messagePins/{message} or "+
		"spaces/{space}/messages/{message}, for example: terraform import google_chat_message_pin.welcome spaces/AAAA/messages/BBBB.CCCC")
}

// systemMessage is message with a client-assigned ID resolved to the system
// ID pins carry (spaces.messages.get); any other name is returned as it is.
func (r *messagePinResource) systemMessage(ctx context.Context, message string) (string, error) {
	if _, id, _ := strings.Cut(message, "/messages/"); !strings.HasPrefix(id, "client-") {
		return message, nil
	}
	got, err := r.client.GetMessage(ctx, message)
	if err != nil {
		return "", err
	}
	return got.Name, nil
}

// findPin lists space's pins and returns the one of message (nil when the
// message is not pinned).
func (r *messagePinResource) findPin(ctx context.Context, space, message string) (*chat.MessagePin, error) {
	pins, err := r.client.ListMessagePins(ctx, space)
	if err != nil {
		return nil, err
	}
	_, id, _ := strings.Cut(message, "/messages/")
	for _, pin := range pins {
		// Answers name the message by its system ID; a configuration may use
		// the client-assigned one, which the pin's own name never carries.
		if pin.Message == message || strings.HasSuffix(pin.Name, "/messagePins/"+id) {
			return pin, nil
		}
	}
	return nil, nil
}

func pinAdvice(err error) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "Pins need user credentials (auth_mode = \"user\") with the chat.spaces or chat.spaces.pins scope, and the " +
			"caller must be a member of the space."
	case chatapi.IsNotFound(err):
		return "The message or its space does not exist, or the caller can't see it; check message."
	}
	return ""
}
