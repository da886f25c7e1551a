package resources

import (
	"context"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// The google_chat_user_section resource: a custom section of the caller's
// Chat navigation panel (users.sections).

var _ managedResource = (*userSectionResource)(nil)

// NewUserSection is the google_chat_user_section resource.
func NewUserSection() resource.Resource {
	return &userSectionResource{base{typeName: "google_chat_user_section", identity: "name",
		identityDescription: "Resource name of the section, `users/{user}/sections/{section}`."}}
}

type userSectionResource struct {
	base
}

type userSectionModel struct {
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	DisplayName types.String   `tfsdk:"display_name"`
	Position    types.String   `tfsdk:"position"`
	Type        types.String   `tfsdk:"type"`
	SortOrder   types.Int64    `tfsdk:"sort_order"`
}

// Create creates the section, then positions it when position is set.
// users.sections.create takes no requestId: after a lost answer the
// provider adopts a custom section of the same display name that was not
// there before.
func (r *userSectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[userSectionModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	out, err := r.createSection(ctx, plan)
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("display_name"), "Unable to Create Chat Section",
			"users.sections.create", err, userSectionAdvice(err))
		return
	}
	state := userSectionFromAPI(out, plan)
	if convert.Known(plan.Position) {
		if positioned, ok := r.position(ctx, state.Name.ValueString(), plan.Position.ValueString(), &resp.Diagnostics); ok {
			state = userSectionFromAPI(positioned, state)
		} else {
			// Created, not positioned: recorded without a position, so
			// the next plan positions it again.
			state.Position = types.StringNull()
		}
	}
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

// Read lists the caller's sections (there is no users.sections.get).
func (r *userSectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := beginRead[userSectionModel](ctx, r.client, req.State, resp.Identity, "name", &resp.Diagnostics)
	if !ok {
		return
	}
	find := func(ctx context.Context, name string) (*chat.GoogleChatV1Section, error) {
		sections, err := r.client.ListSections(ctx, callerSections)
		return findSection(sections, name), err
	}
	out, ok := readObject(ctx, resp, state.Name.ValueString(), find, func(s *chat.GoogleChatV1Section) bool { return s == nil }, readAdvice{
		"Chat Section Removed", "is no longer among the caller's sections; removing it from state so the next apply creates it again.",
		"Unable to Read Chat Section", "users.sections.list",
	})
	if ok {
		state = userSectionFromAPI(out, state)
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	}
}

// Update renames the section and positions it, each when it changed.
func (r *userSectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, state, ok := beginUpdate[userSectionModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	next := plan
	next.SortOrder, next.Type = state.SortOrder, state.Type
	name := state.Name.ValueString()
	if !plan.DisplayName.Equal(state.DisplayName) {
		out, err := r.client.PatchSectionDisplayName(ctx, name, plan.DisplayName.ValueString())
		if err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("display_name"), "Unable to Rename Chat Section",
				"users.sections.patch (update mask display_name)", err, userSectionAdvice(err))
			return
		}
		next = userSectionFromAPI(out, next)
		// sort_order was planned from state: other sections changed in the
		// same apply may have moved this one; the next read brings it.
		next.SortOrder = state.SortOrder
	}
	if positionChanged(plan.Position, state.Position) {
		out, ok := r.position(ctx, name, plan.Position.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		next = userSectionFromAPI(out, next)
	}
	saveState(ctx, &resp.State, resp.Identity, &next, "name", &resp.Diagnostics)
}

// Delete deletes the section; its spaces go back to Chat's default
// sections ("the items are moved to Google Chat's default sections and are
// not deleted", discovery document).
func (r *userSectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[userSectionModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.client.DeleteSection(ctx, state.Name.ValueString()); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Delete Chat Section", "users.sections.delete", err, userSectionAdvice(err))
	}
}

// ImportState takes the section's name, users/{user}/sections/{section}, of
// a custom section: system sections can't be created or deleted.
func (r *userSectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importAs(ctx, req, resp, "name", canonicalUserSection, "the name of one of the caller's custom sections. Use "+
		"users/{user}/sections/{section} (system sections such as users/me/sections/default-spaces can't be managed), "+
		"for example: terraform import google_chat_user_section.work users/me/sections/AAAAbbbb")
}

// position calls users.sections.position; an error is one on position.
func (r *userSectionResource) position(ctx context.Context, name, position string, diags *diag.Diagnostics) (*chat.GoogleChatV1Section, bool) {
	out, err := r.client.PositionSection(ctx, name, positionRequest(position))
	if err != nil {
		diags.AddAttributeError(path.Root("position"), "Unable to Position Chat Section",
			glue.APIErrorDetail("users.sections.position "+name+" ("+position+")", err, userSectionAdvice(err)))
		return nil, false
	}
	return out, true
}

func userSectionAdvice(err error) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "Sections need user credentials (auth_mode = \"user\") whose scopes include " + sectionsScope +
			", which is not among the provider's default scopes: add it to the provider's scopes (or grant it to the credentials)."
	case chatapi.IsNotFound(err):
		return "The section is not among the caller's sections: it was deleted, or belongs to another user."
	}
	return ""
}

// sectionsScope is the scope every users.sections method accepts (the
// list methods take chat.users.sections.readonly too): discovery document.
const sectionsScope = "https://www.googleapis.com/auth/chat.users.sections"

// positionChanged: a position to apply that state does not hold. Removing
// position from the configuration leaves the section where it is.
func positionChanged(plan, state types.String) bool {
	return convert.Known(plan) && !plan.Equal(state)
}

// strconvPosition is position's sortOrder, when it is a number.
func strconvPosition(position string) (int64, bool) {
	n, err := strconv.ParseInt(position, 10, 64)
	return n, err == nil
}

// createAttempts bounds how many times createSection posts a section.
const createAttempts = 5

// createSection posts the section. users.sections.create has no requestId
// and nothing documents that names are unique, so the transport never sends
// it twice; here, after a failure that may have applied it, the caller's
// sections are listed and exactly one new section of this name is adopted.
// Only when none appeared is it posted again: after an answer the server
// is done with the request, and after no answer (a reset, a timeout) the
// provider first waits a moment for a write still in flight.
func (r *userSectionResource) createSection(ctx context.Context, plan userSectionModel) (*chat.GoogleChatV1Section, error) {
	before, beforeErr := r.client.ListSections(ctx, callerSections)
	var out *chat.GoogleChatV1Section
	var err error
	for attempt := 1; attempt <= createAttempts; attempt++ {
		attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
		out, err = r.client.CreateSection(attemptCtx, callerSections, userSectionToAPI(plan))
		if err == nil || !attempts.Uncertain() || beforeErr != nil {
			return out, err
		}
		if attempts.Unanswered() {
			select {
			case <-ctx.Done():
				return nil, err
			case <-time.After(2 * time.Second):
			}
		}
		after, findErr := r.client.ListSections(ctx, callerSections)
		if findErr != nil {
			return nil, err
		}
		if found := newSection(before, after, plan.DisplayName.ValueString()); found != nil {
			return found, nil
		}
	}
	return out, err
}
