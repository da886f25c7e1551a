package datasources

import (
	"testing"

	chat "google.golang.org/api/chat/v1"
)

// System sections have no display name (null); the type filter keeps only
// its type, in the API's order.
func TestUserSectionsFromAPI(t *testing.T) {
	sections := []*chat.GoogleChatV1Section{
		{Name: "users/1/sections/default-spaces", Type: "DEFAULT_SPACES", SortOrder: 1},
		{Name: "users/1/sections/a", Type: "CUSTOM_SECTION", DisplayName: "A", SortOrder: 2},
		{Name: "users/1/sections/b", Type: "CUSTOM_SECTION", DisplayName: "B", SortOrder: 3},
	}
	all := userSectionsFromAPI(sections, "")
	if len(all) != 3 || !all[0].DisplayName.IsNull() || all[1].DisplayName.ValueString() != "A" || all[2].SortOrder.ValueInt64() != 3 {
		t.Errorf("all: %+v", all)
	}
	custom := userSectionsFromAPI(sections, "CUSTOM_SECTION")
	if len(custom) != 2 || custom[0].Name.ValueString() != "users/1/sections/a" {
		t.Errorf("custom: %+v", custom)
	}
	if none := userSectionsFromAPI(nil, ""); none == nil || len(none) != 0 {
		t.Errorf("no sections: %#v, want an empty list", none)
	}
}
