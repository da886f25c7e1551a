package resources_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// expectSetChange checks that a planned update of address turns attribute's
// set from exactly before into exactly after, so the plan shows who changes.
func expectSetChange(address, attribute string, before, after []string) plancheck.PlanCheck { //nolint:unparam // any resource's set
	return setChange{address, attribute, before, after}
}

type setChange struct {
	address, attribute string
	before, after      []string
}

func (c setChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address {
			continue
		}
		got := func(side any) []string {
			values, _ := side.(map[string]any)[c.attribute].([]any)
			out := []string{}
			for _, v := range values {
				out = append(out, fmt.Sprint(v))
			}
			slices.Sort(out)
			return out
		}
		before, after := got(rc.Change.Before), got(rc.Change.After)
		slices.Sort(c.before)
		slices.Sort(c.after)
		if !slices.Equal(before, c.before) || !slices.Equal(after, c.after) {
			resp.Error = fmt.Errorf("%s.%s: plan goes %v -> %v, want %v -> %v", c.address, c.attribute, before, after, c.before, c.after)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.address)
}
