package resources

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
	chat "google.golang.org/api/chat/v1"
)

// privateAdopted marks a DM that existed before Create found it.
const privateAdopted = "adopted"

// existingDM finds the DM a human DM's setup would return, if it exists
// (spaces.findDirectMessage; a lookup that fails finds nothing, and setup
// goes ahead).
func (r *spaceResource) existingDM(ctx context.Context, plan spaceModel, members []*chat.Membership) (*chat.Space, bool) {
	if plan.SpaceType.ValueString() != convert.SpaceTypeDM || plan.SingleUserBotDm.ValueBool() || len(members) != 1 || members[0].Member == nil {
		return nil, false
	}
	dm, err := r.client.FindDirectMessage(ctx, members[0].Member.Name)
	if err != nil || dm == nil || dm.Name == "" {
		return nil, false
	}
	return dm, true
}

// bornBefore reports whether a DM setup answered was made before started,
// with a minute's allowance for clocks: one that already existed.
func bornBefore(out *chat.Space, started time.Time) bool {
	if out.SpaceType != convert.SpaceTypeDM || out.CreateTime == "" {
		return false
	}
	created, err := time.Parse(time.RFC3339Nano, out.CreateTime)
	return err == nil && created.Before(started.Add(-time.Minute))
}

// warnMembersNotAdded reads the memberships back once after spaces.setup:
// "if the caller blocks, or is blocked by some members, or doesn't have
// permission to add some members, then those members aren't added to the
// created space" (discovery document), without an error. Each one asked for
// and missing is named in a warning; the space is kept.
func (r *spaceResource) warnMembersNotAdded(ctx context.Context, space string, asked []*chat.Membership, diags *diag.Diagnostics) {
	list, err := r.client.ListMemberships(ctx, space, "", true, true)
	if err != nil {
		diags.AddWarning("Unable to Check Initial Members", fmt.Sprintf(
			"spaces.setup made %s, but listing its members failed (%v), so the provider can't tell whether every initial member was added.", space, err))
		return
	}
	have := map[string]bool{}
	for _, m := range list {
		switch {
		case m.GroupMember != nil:
			have[m.GroupMember.Name] = true
		case m.Member != nil:
			have[m.Member.Name] = true
			if m.Member.Email != "" {
				have["users/"+strings.ToLower(m.Member.Email)] = true
			}
		}
	}
	var missing []string
	for _, m := range asked {
		name := initialMemberName(m)
		if have[name] || have[strings.ToLower(name)] {
			continue
		}
		if email, ok := strings.CutPrefix(name, "users/"); ok && strings.Contains(email, "@") {
			// Answers name users by ID and may omit the email: ask by alias.
			got, err := r.client.GetMembership(ctx, space+"/members/"+email)
			if err == nil && got.State != "NOT_A_MEMBER" {
				continue
			}
			if err != nil && !chatapi.IsNotFound(err) {
				diags.AddWarning("Unable to Check Initial Members", fmt.Sprintf("Looking up %s in %s failed: %v", name, space, err))
				continue
			}
		}
		missing = append(missing, name)
	}
	if len(missing) > 0 {
		diags.AddAttributeWarning(path.Root("initial_members"), "Initial Members Not Added", fmt.Sprintf(
			"spaces.setup made %s without %s: the Chat API leaves out, without an error, members the caller may not add "+
				"(for example users who block the caller, or unknown users). The space is kept; initial_members stays as written. "+
				"Add them later with google_chat_membership once they can be added.", space, strings.Join(missing, ", ")))
	}
}

// findCreated looks for a space a failed create may have made: a named space
// by its display name (unique in the organization), a DM by its member. A
// group chat has nothing to find it by.
func (r *spaceResource) findCreated(ctx context.Context, plan spaceModel, members []*chat.Membership) *chat.Space {
	switch plan.SpaceType.ValueString() {
	case convert.SpaceTypeSpace:
		spaces, err := r.client.ListSpaces(ctx, `space_type = "SPACE"`)
		if err != nil {
			return nil
		}
		for _, space := range spaces {
			if space.DisplayName == plan.DisplayName.ValueString() {
				found, err := r.client.GetSpace(ctx, space.Name)
				if err == nil {
					return found
				}
			}
		}
	case convert.SpaceTypeDM:
		if len(members) == 1 && members[0].Member != nil {
			if found, err := r.client.FindDirectMessage(ctx, members[0].Member.Name); err == nil {
				return found
			}
		}
	}
	return nil
}

// initialMemberName is the user or group a membership adds.
func initialMemberName(m *chat.Membership) string {
	if m.GroupMember != nil {
		return m.GroupMember.Name
	}
	return m.Member.Name
}

// completeImport ends the space's import mode with spaces.completeImport.
// It can't be repeated, so after a failure (an attempt whose answer was
// lost, or a completion outside Terraform) a space no longer in import mode
// counts as completed.
func (r *spaceResource) completeImport(ctx context.Context, state *spaceModel, diags *diag.Diagnostics) bool {
	name := state.Name.ValueString()
	out, err := r.client.CompleteImport(ctx, name)
	if err != nil {
		if space, getErr := r.client.GetSpace(ctx, name); getErr == nil && !space.ImportMode {
			out, err = space, nil
		}
	}
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("import_complete"), "Unable to Complete Chat Space Import", "spaces.completeImport "+name, err,
			"completeImport needs user credentials with domain-wide delegation (impersonate_user) and the chat.import scope, "+
				"as the user who created the space in import mode.")
		return false
	}
	*state = spaceFromAPI(out, *state)
	state.ImportComplete = types.BoolValue(true)
	return true
}
