package resources

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// privateData is what the resource remembers between runs.
type privateData struct {
	aliases map[string]string // spelling -> users/{id}
	caller  string            // users/{id} of the calling user, once known
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func loadPrivate(ctx context.Context, from privateGetter) privateData {
	data := privateData{aliases: map[string]string{}}
	if from == nil {
		return data
	}
	if raw, _ := from.GetKey(ctx, privateAliases); len(raw) > 0 {
		_ = json.Unmarshal(raw, &data.aliases)
	}
	if raw, _ := from.GetKey(ctx, privateCaller); len(raw) > 0 {
		_ = json.Unmarshal(raw, &data.caller)
	}
	return data
}

func (p privateData) save(ctx context.Context, to privateSetter, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(p.aliases)
	diags.Append(to.SetKey(ctx, privateAliases, raw)...)
	if p.caller != "" {
		caller, _ := json.Marshal(p.caller)
		diags.Append(to.SetKey(ctx, privateCaller, caller)...)
	}
}

// spellingOf is how the resource knows users/{id}: the spelling that maps
// to it in the aliases (one in state first, then the first in order), or
// the ID itself when no spelling does.
func (p privateData) spellingOf(id string, inState map[string]bool) string {
	var spellings []string
	for spelling, aliased := range p.aliases {
		if aliased == id && spelling != id {
			spellings = append(spellings, spelling)
		}
	}
	if len(spellings) == 0 {
		return id
	}
	slices.Sort(spellings)
	for _, spelling := range spellings {
		if inState[spelling] {
			return spelling
		}
	}
	return spellings[0]
}

func attributeFor(role string) string {
	for _, set := range roleSets {
		if set.role == role {
			return set.attribute
		}
	}
	return "members"
}

func (m *spaceMembersModel) attribute(name string) types.Set {
	switch name {
	case "managers":
		return m.Managers
	case "assistant_managers":
		return m.AssistantManagers
	}
	return m.Members
}

// setAttribute stores values, keeping null for an empty set that was null.
func (m *spaceMembersModel) setAttribute(name string, values []string) {
	current := m.attribute(name)
	value := types.SetNull(types.StringType)
	if len(values) > 0 || !current.IsNull() {
		value = convert.StringSet(values)
	}
	switch name {
	case "managers":
		m.Managers = value
	case "assistant_managers":
		m.AssistantManagers = value
	default:
		m.Members = value
	}
}
