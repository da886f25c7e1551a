package resources

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// The google_chat_user_section_item resource: the section of the caller's
// navigation panel a space sits in (users.sections.items).

var _ managedResource = (*userSectionItemResource)(nil)

// NewUserSectionItem is the google_chat_user_section_item resource.
func NewUserSectionItem() resource.Resource {
	return &userSectionItemResource{base{typeName: "google_chat_user_section_item", identity: "space",
		identityDescription: "The space, `spaces/{space}`: the caller has one item per space, whichever section it is in " +
			"(the item's name changes with its section)."}}
}

type userSectionItemResource struct {
	base
}

type userSectionItemModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	ID       types.String   `tfsdk:"id"`
	Name     types.String   `tfsdk:"name"`
	Space    types.String   `tfsdk:"space"`
	Section  types.String   `tfsdk:"section"`
}

// Create moves the space's item into section (nothing to do when it is
// there already).
func (r *userSectionItemResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[userSectionItemModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.place(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Read finds the space's item across the caller's sections. In another
// section than state's, it reports that section, so the plan moves it back.
func (r *userSectionItemResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := beginRead[userSectionItemModel](ctx, r.client, req.State, resp.Identity, "space", &resp.Diagnostics)
	if !ok {
		return
	}
	what := state.Space.ValueString()
	find := func(ctx context.Context, space string) (*chat.SectionItem, error) { return r.findItem(ctx, space) }
	if !convert.Known(state.Space) {
		// Imported by the item's name: look in its section.
		what = state.Name.ValueString()
		find = func(ctx context.Context, name string) (*chat.SectionItem, error) {
			items, err := r.client.ListSectionItems(ctx, sectionOfItem(name), "")
			return itemNamed(items, name), err
		}
	}
	item, ok := readObject(ctx, resp, what, find, func(item *chat.SectionItem) bool { return item == nil }, readAdvice{
		"Chat Section Item Removed", "is not in any of the caller's sections: the space is gone, or the caller is no longer a " +
			"member of it; removing it from state.",
		"Unable to Read Chat Section Item", "users.sections.items.list",
	})
	if ok {
		state = userSectionItemFromAPI(item, state)
		saveState(ctx, &resp.State, resp.Identity, &state, "space", &resp.Diagnostics)
	}
}

// Update moves the item to the planned section.
func (r *userSectionItemResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, _, ok := beginUpdate[userSectionItemModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.place(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete moves the space back to its default section (defaultSectionOf). A
// space that is gone, or no longer the caller's, is done.
func (r *userSectionItemResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[userSectionItemModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	space, err := r.client.GetSpace(ctx, state.Space.ValueString())
	if chatapi.IsNotFound(err) {
		return
	}
	if err != nil {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Move Chat Space Back to Its Default Section", "spaces.get", err,
			"The provider reads the space's type to know its default section.")
		return
	}
	r.moveTo(ctx, space.Name, callerSections+"/sections/"+defaultSectionOf(space), &resp.Diagnostics)
}

// ImportState takes the space, spaces/{space}, or the item's name,
// users/{user}/sections/{section}/items/{item}.
func (r *userSectionItemResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := importID(ctx, req, "space", &resp.Diagnostics)
	switch {
	case convert.SpaceNamePattern.MatchString(id):
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("space"), id)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	case sectionItemNamePattern.MatchString(id):
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), id)...)
	default:
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%q is not a space or a section item of the caller's. Use "+
			"spaces/{space} or users/{user}/sections/{section}/items/{item}, for example: "+
			"terraform import google_chat_user_section_item.room spaces/AAAAbbbbCCC", id))
	}
}

// place moves the item into plan's section and saves the answer: Create
// and Update differ only in how they begin.
func (r *userSectionItemResource) place(ctx context.Context, plan userSectionItemModel, state *tfsdk.State,
	identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if item, ok := r.moveTo(ctx, plan.Space.ValueString(), plan.Section.ValueString(), diags); ok {
		out := userSectionItemFromAPI(item, plan)
		saveState(ctx, state, identity, &out, "space", diags)
	}
}

// moveTo moves space's item into section, unless it is there, and answers
// the item as it is then. The transport does not send a move again (the
// item's name changes with its section, so a repeat would miss it); after a
// failure that may have applied it the provider looks where the item is,
// and moves it from there again if it has not arrived: the same move twice
// ends in the same place. After no answer it first waits a moment for a
// move still in flight.
func (r *userSectionItemResource) moveTo(ctx context.Context, space, section string, diags *diag.Diagnostics) (*chat.SectionItem, bool) {
	var moved *chat.SectionItem
	var err error
	for attempt := 1; attempt <= createAttempts; attempt++ {
		item, findErr := r.findItem(ctx, space)
		if findErr != nil {
			if err == nil {
				glue.AddAttributeAPIError(diags, path.Root("space"), "Unable to Find Chat Section Item", "users.sections.items.list",
					findErr, sectionItemAdvice(findErr))
				return nil, false
			}
			break // report the move's own error
		}
		if item == nil {
			diags.AddAttributeError(path.Root("space"), "Chat Space Not in Any Section", fmt.Sprintf("users.sections.items.list "+
				"finds %s in none of the caller's sections: the space does not exist, or the caller has not joined it. Only "+
				"spaces the caller is a member of sit in the caller's sections.", space))
			return nil, false
		}
		if sectionID(sectionOfItem(item.Name)) == sectionID(section) {
			return item, true
		}
		attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
		if moved, err = r.client.MoveSectionItem(attemptCtx, item.Name, section); err == nil || !attempts.Uncertain() {
			break
		}
		if attempts.Unanswered() {
			select {
			case <-ctx.Done():
			case <-time.After(2 * time.Second):
			}
		}
	}
	if err != nil {
		at := path.Root("section")
		diags.AddAttributeError(at, "Unable to Move Chat Space to Section",
			glue.APIErrorDetail(fmt.Sprintf("users.sections.items.move %s to %s", space, section), err, sectionItemAdvice(err)))
		return nil, false
	}
	return moved, true
}

// findItem is the caller's item of space, in whichever section (nil when
// the space is in none): "use the wildcard `-` to search across all
// sections" with the filter "space = spaces/{space}" (discovery document).
func (r *userSectionItemResource) findItem(ctx context.Context, space string) (*chat.SectionItem, error) {
	items, err := r.client.ListSectionItems(ctx, callerSections+"/sections/-", "space = "+space)
	if err != nil {
		return nil, err
	}
	for _, item := range items {
		if item.Space == space {
			return item, nil
		}
	}
	return nil, nil
}

func sectionItemAdvice(err error) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "Section items need user credentials (auth_mode = \"user\") whose scopes include " + sectionsScope +
			", which is not among the provider's default scopes: add it to the provider's scopes (or grant it to the credentials)."
	case chatapi.IsNotFound(err):
		return "The space must be one the caller joined, and section one of the caller's sections (a custom section's name, " +
			"or a system section such as users/me/sections/default-spaces)."
	case chatapi.IsInvalidArgument(err):
		return "A space can move into any custom section, and among the system sections only into its own default one " +
			"(default-spaces for a space, default-direct-messages for a direct message or group chat, default-apps for a " +
			"direct message with an app)."
	}
	return ""
}
