package resources

import (
	"context"
	"fmt"
	"slices"
	"strconv"
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

var _ managedResource = (*reactionResource)(nil)

// NewReaction is the google_chat_reaction resource.
func NewReaction() resource.Resource {
	return &reactionResource{base{typeName: "google_chat_reaction", identity: "name",
		identityDescription: "Resource name of the reaction, `spaces/{space}/messages/{message}/reactions/{reaction}`."}}
}

type reactionResource struct {
	base
}

type reactionModel struct {
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
	ID           types.String   `tfsdk:"id"`
	Name         types.String   `tfsdk:"name"`
	Message      types.String   `tfsdk:"message"`
	EmojiUnicode types.String   `tfsdk:"emoji_unicode"`
	CustomEmoji  types.String   `tfsdk:"custom_emoji"`
	User         types.String   `tfsdk:"user"`
}

func (r *reactionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[reactionModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	message, emoji := plan.Message.ValueString(), reactionEmoji(plan)
	// reactions.create takes no requestId, so after a lost answer the
	// provider adopts the reaction it finds. Note first the reactions with
	// this emoji already there: one of them may be the caller's, which must
	// be reported, never adopted (and later removed by destroy). The caller's
	// user ID is not known before the create answers, so every such reaction
	// counts as someone else's until then.
	before, err := r.withEmoji(ctx, message, emoji)
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("message"), "Unable to Add Chat Reaction",
			"spaces.messages.reactions.list", err, reactionAdvice(r.client, err))
		return
	}
	alreadyThere := func(method string, err error, names ...string) {
		how := "import it with:\n  terraform import google_chat_reaction.NAME " + strings.Join(names, "\n  or ")
		if len(names) == 0 {
			how = "import it by its name (spaces/{space}/messages/{message}/reactions/{reaction}), which " +
				"spaces.messages.reactions.list shows."
		}
		glue.AddAttributeAPIError(&resp.Diagnostics, emojiPath(plan), "Chat Reaction Already Exists", method, err,
			fmt.Sprintf("The caller has already reacted to %s with %s. To manage the existing reaction, %s", message, emojiOf(plan), how))
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateReaction(attemptCtx, message, &chat.Reaction{Emoji: emoji})
	switch {
	case err != nil && attempts.Uncertain():
		// An earlier attempt of this very create may have landed before its
		// answer was lost: one new reaction with this emoji is this create's.
		if found, findErr := r.withEmoji(ctx, message, emoji); findErr == nil {
			if added := notIn(found, before); len(added) == 1 {
				out, err = added[0], nil
			}
		}
	case chatapi.IsAlreadyExists(err):
		alreadyThere("spaces.messages.reactions.create", err, names(before)...)
		return
	case err == nil && slices.ContainsFunc(before, func(b *chat.Reaction) bool { return b.Name == out.Name }):
		// The API answered with the caller's reaction from before this create.
		alreadyThere("spaces.messages.reactions.create", fmt.Errorf("the answer is %s, which existed before", out.Name), out.Name)
		return
	}
	if err != nil {
		at := path.Root("message")
		if chatapi.IsNotFound(err) && convert.Known(plan.CustomEmoji) || chatapi.IsInvalidArgument(err) {
			// The message was found just before: a 404 is the custom emoji's.
			at = emojiPath(plan)
		}
		glue.AddAttributeAPIError(&resp.Diagnostics, at, "Unable to Add Chat Reaction", "spaces.messages.reactions.create", err,
			reactionAdvice(r.client, err))
		return
	}
	state := reactionFromAPI(out, plan)
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

// Read finds the reaction by listing its message's reactions: the API has
// no reactions.get. A reaction that is not listed, or a message that is
// gone (404), is drift.
func (r *reactionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := beginRead[reactionModel](ctx, r.client, req.State, resp.Identity, "name", &resp.Diagnostics)
	if !ok {
		return
	}
	name := state.Name.ValueString()
	find := func(ctx context.Context, name string) (*chat.Reaction, error) {
		return r.find(ctx, name, state)
	}
	out, ok := readObject(ctx, resp, name, find, func(r *chat.Reaction) bool { return r == nil }, readAdvice{
		"Chat Reaction Removed", "is gone (or its message is); removing it from state so the next apply adds it again.",
		"Unable to Read Chat Reaction", "spaces.messages.reactions.list",
	})
	if ok {
		state = reactionFromAPI(out, state)
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	}
}

// Update records a change of timeouts: every argument replaces the
// reaction, so nothing else reaches it, and nothing is sent.
func (r *reactionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	recordPlan[reactionModel](ctx, req, resp)
}

func (r *reactionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[reactionModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	if err := r.client.DeleteReaction(ctx, name); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Remove Chat Reaction", "spaces.messages.reactions.delete "+name, err, reactionAdvice(r.client, err))
	}
}

func (r *reactionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, ok := importAs(ctx, req, resp, "name", matching(reactionNamePattern),
		"a reaction name. Use spaces/{space}/messages/{message}/reactions/{reaction}, for example: "+
			"terraform import google_chat_reaction.thumbs_up spaces/AAAA/messages/BBBB.BBBB/reactions/CCCC")
	if ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("message"), messageOfReaction(name))...)
	}
}

// find is the reaction name among its message's reactions, or nil. The
// list is narrowed with the documented filter by what state knows: the
// reactor, and a Unicode emoji.
func (r *reactionResource) find(ctx context.Context, name string, state reactionModel) (*chat.Reaction, error) {
	var terms []string
	if emoji := state.EmojiUnicode.ValueString(); emoji != "" && filterSafe(emoji) {
		terms = append(terms, fmt.Sprintf("emoji.unicode = %q", emoji))
	}
	if user := state.User.ValueString(); strings.HasPrefix(user, "users/") && filterSafe(user) {
		terms = append(terms, fmt.Sprintf("user.name = %q", user))
	}
	list, err := r.client.ListReactions(ctx, messageOfReaction(name), strings.Join(terms, " AND "))
	if err != nil {
		return nil, err
	}
	for _, reaction := range list {
		if reaction.Name == name {
			return reaction, nil
		}
	}
	return nil, nil
}

// withEmoji lists message's reactions with emoji: filtered by the API for a
// Unicode emoji; a custom emoji is filtered by its uid, which configuration
// doesn't name, so here by its name.
func (r *reactionResource) withEmoji(ctx context.Context, message string, emoji *chat.Emoji) ([]*chat.Reaction, error) {
	filter := ""
	if emoji.Unicode != "" && filterSafe(emoji.Unicode) {
		filter = fmt.Sprintf("emoji.unicode = %q", emoji.Unicode)
	}
	list, err := r.client.ListReactions(ctx, message, filter)
	var out []*chat.Reaction
	for _, reaction := range list {
		if sameReactionEmoji(reaction.Emoji, emoji) {
			out = append(out, reaction)
		}
	}
	return out, err
}

// notIn is the reactions of list not named in before.
func notIn(list, before []*chat.Reaction) []*chat.Reaction {
	var out []*chat.Reaction
	for _, reaction := range list {
		if !slices.ContainsFunc(before, func(b *chat.Reaction) bool { return b.Name == reaction.Name }) {
			out = append(out, reaction)
		}
	}
	return out
}

func names(list []*chat.Reaction) []string {
	var out []string
	for _, reaction := range list {
		out = append(out, reaction.Name)
	}
	return out
}

// filterSafe: a value the filter can quote as written. A quote, a backslash
// or an invisible rune (a zero-width joiner) would need escapes the filter
// grammar doesn't document: such a list is not narrowed by that value.
func filterSafe(s string) bool { return strconv.Quote(s) == `"`+s+`"` }

// emojiPath is the attribute that names the emoji.
func emojiPath(plan reactionModel) path.Path {
	if convert.Known(plan.CustomEmoji) {
		return path.Root("custom_emoji")
	}
	return path.Root("emoji_unicode")
}

func emojiOf(plan reactionModel) string {
	if convert.Known(plan.CustomEmoji) {
		return plan.CustomEmoji.ValueString()
	}
	return plan.EmojiUnicode.ValueString()
}

func reactionAdvice(client *chatapi.Client, err error) string {
	switch {
	case chatapi.IsPermissionDenied(err) && client != nil && client.AuthMode == chatapi.AuthModeApp:
		return "Reactions need user credentials: every reactions method \"Requires user authentication\"."
	case chatapi.IsPermissionDenied(err):
		return "The caller must be a member of the message's space, and may remove only its own reactions."
	case chatapi.IsNotFound(err):
		return "Check that the message (spaces/{space}/messages/{message}) and any custom emoji (customEmojis/{customEmoji}) exist and the caller can see them."
	}
	return ""
}
