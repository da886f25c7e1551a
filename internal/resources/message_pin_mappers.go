package resources

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// messagePinFromAPI maps a pin over prior. A configured message stays as
// written (a client-assigned ID is not rewritten to the system ID): the pin
// was found by its own name, which carries the message's system ID.
func messagePinFromAPI(pin *chat.MessagePin, prior messagePinModel) messagePinModel {
	out := prior
	out.Name, out.ID = types.StringValue(pin.Name), types.StringValue(pin.Name)
	out.Space = types.StringValue(spaceOfMessage(pin.Name))
	if prior.Message.IsNull() || prior.Message.IsUnknown() {
		out.Message = types.StringValue(pin.Message)
		if pin.Message == "" {
			out.Message = types.StringValue(messageOfPin(pin.Name))
		}
	}
	return out
}

// spaceOfMessage is spaces/{space} of a message's or pin's name.
func spaceOfMessage(name string) string {
	parts := strings.SplitN(name, "/", 3)
	if len(parts) < 2 {
		return name
	}
	return parts[0] + "/" + parts[1]
}

// pinOfMessage is the name of a message's pin: the same ID (discovery,
// MessagePin.name).
func pinOfMessage(message string) string {
	return strings.Replace(message, "/messages/", "/messagePins/", 1)
}

// messageOfPin is the message a pin's name stands for: the same ID.
func messageOfPin(pin string) string {
	return strings.Replace(pin, "/messagePins/", "/messages/", 1)
}
