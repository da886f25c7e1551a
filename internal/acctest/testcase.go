package acctest

import "github.com/hashicorp/terraform-plugin-testing/helper/resource"

// ParallelTest runs steps as a parallel acceptance test with the Env's
// providers. After the destroy it runs CheckDestroy with the resource types
// named; with none, there is no destroy check (plans only, or data sources
// alone).
func (e *Env) ParallelTest(steps []resource.TestStep, destroyed ...string) {
	e.t.Helper()
	test := resource.TestCase{ProtoV6ProviderFactories: e.ProviderFactories(), Steps: steps}
	if len(destroyed) > 0 {
		test.CheckDestroy = e.CheckDestroy(destroyed...)
	}
	resource.ParallelTest(e.t, test)
}
