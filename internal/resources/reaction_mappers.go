package resources

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// reactionEmoji is the create body's emoji: a Unicode string or a custom
// emoji by name.
func reactionEmoji(plan reactionModel) *chat.Emoji {
	if convert.Known(plan.CustomEmoji) {
		return &chat.Emoji{CustomEmoji: &chat.CustomEmoji{Name: plan.CustomEmoji.ValueString()}}
	}
	return &chat.Emoji{Unicode: plan.EmojiUnicode.ValueString()}
}

// reactionFromAPI maps a reaction over the prior model. message stays as
// written (a client-assigned message ID names the same message); an
// emoji the API spells with or without a variation selector is the same.
func reactionFromAPI(r *chat.Reaction, prior reactionModel) reactionModel {
	out := prior
	out.Name, out.ID = types.StringValue(r.Name), types.StringValue(r.Name)
	if !convert.Known(prior.Message) {
		out.Message = types.StringValue(messageOfReaction(r.Name))
	}
	if r.User != nil && r.User.Name != "" {
		out.User = types.StringValue(r.User.Name)
	}
	switch {
	case r.Emoji == nil:
	case r.Emoji.CustomEmoji != nil:
		if r.Emoji.CustomEmoji.Name != "" {
			out.CustomEmoji = types.StringValue(r.Emoji.CustomEmoji.Name)
		}
		out.EmojiUnicode = types.StringNull()
	case r.Emoji.Unicode != "":
		if !sameUnicodeEmoji(prior.EmojiUnicode.ValueString(), r.Emoji.Unicode) {
			out.EmojiUnicode = types.StringValue(r.Emoji.Unicode)
		}
		out.CustomEmoji = types.StringNull()
	}
	return out
}

// sameReactionEmoji: got (an API answer) is the emoji want.
func sameReactionEmoji(got, want *chat.Emoji) bool {
	switch {
	case got == nil:
		return false
	case want.CustomEmoji != nil:
		return got.CustomEmoji != nil && got.CustomEmoji.Name == want.CustomEmoji.Name
	}
	return got.CustomEmoji == nil && sameUnicodeEmoji(want.Unicode, got.Unicode)
}

// sameUnicodeEmoji compares emoji without the emoji-presentation selector
// U+FE0F, which some spellings of the same emoji carry and others don't.
func sameUnicodeEmoji(a, b string) bool {
	return a != "" && strings.ReplaceAll(a, "\uFE0F", "") == strings.ReplaceAll(b, "\uFE0F", "")
}

// messageOfReaction is spaces/S/messages/M of a reaction's name.
func messageOfReaction(name string) string {
	message, _, _ := strings.Cut(name, "/reactions/")
	return message
}
