package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var (
	_ datasource.DataSourceWithConfigure        = (*dataSource[struct{}])(nil)
	_ datasource.DataSourceWithConfigValidators = (*dataSource[struct{}])(nil)
)

// dataSource is every data source: its type name, the one client (which
// Configure takes from the provider; nil until the provider is configured),
// its schema, and a read that turns the configuration M into the state.
// What differs between data sources is only spec's functions.
type dataSource[M any] struct {
	spec[M]
	client *chatapi.Client
}

// spec is one data source.
type spec[M any] struct {
	typeName string
	schema   func() schema.Schema
	// validators are the cross-attribute rules checked before any read
	// (nil: none).
	validators func() []datasource.ConfigValidator
	// read answers the configuration with the state to save, or nil after
	// adding an error to diags.
	read func(ctx context.Context, client *chatapi.Client, config M, diags *diag.Diagnostics) *M
}

func newDataSource[M any](s spec[M]) datasource.DataSource {
	return &dataSource[M]{spec: s}
}

func (d *dataSource[M]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.typeName
}

func (d *dataSource[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = glue.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

func (d *dataSource[M]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	if d.validators == nil {
		return nil
	}
	return d.validators()
}

// Read decodes the configuration (an unconfigured provider is an error
// here), reads, and saves what the read answers.
func (d *dataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config, ok := glue.Config[M](ctx, d.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	if state := d.read(ctx, d.client, config, &resp.Diagnostics); state != nil && !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// computed is a computed string attribute.
func computed(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}
