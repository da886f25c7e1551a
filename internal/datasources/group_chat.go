package datasources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// maxGroupChatUsers: "The maximum number of users that can be specified in
// a single request is `49`" (discovery document, spaces.findGroupChats
// users).
const maxGroupChatUsers = 49

// NewGroupChat is the google_chat_group_chat data source.
func NewGroupChat() datasource.DataSource {
	return newDataSource(spec[groupChatModel]{typeName: "google_chat_group_chat", schema: groupChatSchema, read: readGroupChat})
}

type groupChatModel struct {
	Members types.Set `tfsdk:"members"`
	spaceDataModel
}

func groupChatSchema() schema.Schema {
	return spaceSchemaWith("Finds the caller's existing group chat (`space_type = \"GROUP_CHAT\"`) with exactly the given people, "+
		"with [`spaces.findGroupChats`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/findGroupChats) "+
		"(all pages). Needs user credentials (the method \"Requires user authentication\"), with the provider's default scopes "+
		"(`chat.memberships` for the search, `chat.spaces` for the space's details). Only joined members count: invited people "+
		"do not. Fails with a clear error when there is no such group chat (create one with `google_chat_space`), or when "+
		"there are several (read the one you want with the `google_chat_space` data source and its `name`). `permission_settings` "+
		"is always null: the API leaves it out of this method's answers.", map[string]schema.Attribute{
		"members": schema.SetAttribute{
			Required: true, ElementType: types.StringType,
			MarkdownDescription: "The other people in the group chat, 1 to 49, each `users/{id}` or `users/{email}`, once (an ID and " +
				"an email of the same person count as two), without the caller: the group chat found has exactly the caller and " +
				"these people as joined human members. Chat apps (`users/app`) can't be named: apps in the group chat don't count.",
			Validators: []validator.Set{
				setvalidator.SizeBetween(1, maxGroupChatUsers),
				setvalidator.ValueStringsAre(
					convert.ValidUserName,
					stringvalidator.NoneOf(convert.CallingApp),
				),
			},
		},
	})
}

func readGroupChat(ctx context.Context, client *chatapi.Client, config groupChatModel, diags *diag.Diagnostics) *groupChatModel {
	at := path.Root("members")
	if !glue.RequireUser(client, diags, at, "find group chats", "spaces.findGroupChats") {
		return nil
	}
	members := convert.SetStrings(ctx, config.Members, diags)
	if diags.HasError() {
		return nil
	}
	spaces, err := client.FindGroupChats(ctx, members)
	if err != nil {
		glue.AddAttributeAPIError(diags, at, "Unable to Find Group Chat", "spaces.findGroupChats "+strings.Join(members, ", "), err, "")
		return nil
	}
	space, ok := exactGroupChat(spaces, members, at, diags)
	if !ok {
		return nil
	}
	out := groupChatModel{Members: config.Members, spaceDataModel: *spaceDataFromAPI(space)}
	return &out
}

// exactGroupChat is the one group chat of spaces with the caller and every
// one of members. The API's answers are "spaces with `spaceType ==
// GROUP_CHAT`, whose human memberships contain exactly the calling user, and
// the users specified", except that when some are blocked it "returns spaces
// that don't include the blocked or blocking users" (discovery document): a
// space whose joined human count, when the API reports one, is below the
// caller and members is one of those, and is left out.
func exactGroupChat(spaces []*chat.Space, members []string, at path.Path, diags *diag.Diagnostics) (*chat.Space, bool) {
	var found []*chat.Space
	var partial []string
	for _, space := range spaces {
		if space.SpaceType != "" && space.SpaceType != convert.SpaceTypeGroupChat {
			continue
		}
		if count := space.MembershipCount; count != nil && count.JoinedDirectHumanUserCount > 0 &&
			count.JoinedDirectHumanUserCount < int64(len(members))+1 {
			partial = append(partial, space.Name)
			continue
		}
		found = append(found, space)
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		detail := fmt.Sprintf("The caller has no group chat whose joined human members are exactly the caller and %s. Only joined "+
			"members count (not invited ones), each person must be listed once and the caller not at all. Create one with a "+
			"google_chat_space of space_type = \"GROUP_CHAT\" (user credentials).", strings.Join(members, ", "))
		if len(partial) > 0 {
			detail += fmt.Sprintf(" The API answered %s, without some of these people: the API does that when the caller blocks, "+
				"or is blocked by, some of them.", strings.Join(partial, ", "))
		}
		diags.AddAttributeError(at, "No Group Chat Found", detail)
	default:
		names := make([]string, len(found))
		for i, space := range found {
			names[i] = space.Name
		}
		diags.AddAttributeError(at, "More Than One Group Chat Found",
			fmt.Sprintf("Found %d group chats with exactly the caller and these members (%s); read the one you want with the "+
				"google_chat_space data source and its name.", len(found), strings.Join(names, ", ")))
	}
	return nil, false
}
