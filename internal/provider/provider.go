// Package provider is the googlechat provider: its configuration block, the
// credentials it resolves, and the one API client it hands to every resource
// and data source.
package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/datasources"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/resources"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/validators"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/seed-da88c8a3/googlechat"

var _ provider.Provider = (*googleChatProvider)(nil)

type googleChatProvider struct {
	version string
}

// New returns a factory for the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &googleChatProvider{version: version} }
}

type providerModel struct {
	Credentials               types.String `tfsdk:"credentials"`
	AccessToken               types.String `tfsdk:"access_token"`
	ImpersonateServiceAccount types.String `tfsdk:"impersonate_service_account"`
	ImpersonateUser           types.String `tfsdk:"impersonate_user"`
	AuthMode                  types.String `tfsdk:"auth_mode"`
	Scopes                    types.List   `tfsdk:"scopes"`
	Customer                  types.String `tfsdk:"customer"`
	Endpoint                  types.String `tfsdk:"endpoint"`
	InsecureEndpoint          types.Bool   `tfsdk:"insecure_endpoint"`
	UseAdminAccess            types.Bool   `tfsdk:"use_admin_access"`
	ListReads                 types.Bool   `tfsdk:"list_reads"`
	RequestTimeout            types.String `tfsdk:"request_timeout"`
	MaxRetries                types.Int64  `tfsdk:"max_retries"`
	RateLimits                types.Object `tfsdk:"rate_limits"`
}

type rateLimitsModel struct {
	PerSpaceWritesPerMinute   types.Int64 `tfsdk:"per_space_writes_per_minute"`
	SpaceWritesPerMinute      types.Int64 `tfsdk:"space_writes_per_minute"`
	MembershipWritesPerMinute types.Int64 `tfsdk:"membership_writes_per_minute"`
	PerSpaceReadsPerMinute    types.Int64 `tfsdk:"per_space_reads_per_minute"`
	ReadsPerMinute            types.Int64 `tfsdk:"reads_per_minute"`
}

func (p *googleChatProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "googlechat"
	resp.Version = p.version
}

// Patterns of the provider's string attributes, compiled once.
var (
	emailRegexp    = regexp.MustCompile(`^[^@\s/]+@[^@\s/]+\.[^@\s/]+$`)
	scopeRegexp    = regexp.MustCompile(`^https://www\.googleapis\.com/auth/\S+$`)
	customerRegexp = regexp.MustCompile(`^customers/[A-Za-z0-9_]+$`)
)

func (p *googleChatProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	// The defaults the descriptions quote are chatapi's own.
	retry, limits := chatapi.DefaultRetryPolicy(), chatapi.DefaultRateLimits()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Chat provider manages Google Chat spaces, memberships, messages with their attachments, pins and " +
			"reactions, custom emojis, and a user's notification settings and sidebar sections through the " +
			"[Chat REST API v1](https://developers.google.com/workspace/chat/api/reference/rest). It authenticates either as a " +
			"Chat app (app credentials: a service account) or as a user (OAuth user credentials, an access token, or a service " +
			"account with domain-wide delegation). Every attribute is optional and falls back to an environment variable.",
		Attributes: map[string]schema.Attribute{
			"credentials": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Path to, or JSON content of, a service account key or an `authorized_user` file. " +
					"Falls back to `GOOGLE_CHAT_CREDENTIALS`, then `GOOGLE_CREDENTIALS`; without any, Application Default " +
					"Credentials are used (`GOOGLE_APPLICATION_CREDENTIALS`, or `gcloud auth application-default login`). " +
					"Conflicts with `access_token`.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("access_token")),
				},
			},
			"access_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "An OAuth 2.0 access token, used as it is (it is not refreshed). Falls back to " +
					"`GOOGLE_OAUTH_ACCESS_TOKEN`. Implies `auth_mode = \"user\"` unless `auth_mode` says otherwise. Conflicts with `credentials`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"impersonate_service_account": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Email of a service account to impersonate with the base credentials (keyless; the base " +
					"principal needs `roles/iam.serviceAccountTokenCreator` on it). Falls back to `GOOGLE_IMPERSONATE_SERVICE_ACCOUNT`.",
				Validators: []validator.String{stringvalidator.RegexMatches(emailRegexp, "must be a service account email")},
			},
			"impersonate_user": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Email of the Workspace user a service account acts as through domain-wide delegation. " +
					"Implies `auth_mode = \"user\"`. Falls back to `GOOGLE_CHAT_IMPERSONATE_USER`.",
				Validators: []validator.String{stringvalidator.RegexMatches(emailRegexp, "must be a user email")},
			},
			"auth_mode": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Who the Chat API sees as the caller: `app` (the Chat app, with a service account) or " +
					"`user`. Inferred when unset: a service account without `impersonate_user` is `app`; an `authorized_user` " +
					"file, an access token or an impersonated user is `user`. It picks the default `scopes` and the operations " +
					"resources allow at plan time (for example, only user credentials can create group chats and direct messages).",
				Validators: []validator.String{stringvalidator.OneOf("app", "user")},
			},
			"scopes": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "OAuth scopes to request, replacing the defaults. Defaults for `app`: `chat.bot`, " +
					"`chat.app.spaces`, `chat.app.memberships`, `chat.app.delete`; for `user`: `chat.spaces`, `chat.messages`, " +
					"`chat.memberships`, `chat.delete` (each under `https://www.googleapis.com/auth/`).",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.RegexMatches(scopeRegexp,
						"must be a full scope URL such as https://www.googleapis.com/auth/chat.bot")),
				},
			},
			"customer": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The Workspace customer that owns spaces created with app credentials, as " +
					"`customers/{customer}`. Defaults to `customers/my_customer`. Not used with user credentials.",
				Validators: []validator.String{stringvalidator.RegexMatches(customerRegexp, "must be customers/{customer}")},
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the Chat API, for the local emulator or a proxy. Defaults to " +
					"`https://chat.googleapis.com/`. Falls back to `GOOGLE_CHAT_ENDPOINT`. Plain `http://` is accepted only " +
					"for loopback hosts, unless `insecure_endpoint` is true.",
				Validators: []validator.String{endpointValidator},
			},
			"use_admin_access": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Run the methods that take `useAdminAccess` (spaces get, patch, delete and search; " +
					"memberships get, list, create, patch and delete) with Google Workspace administrator privileges, so an " +
					"administrator manages spaces and memberships of spaces they are not in. Needs the user credentials of an " +
					"administrator with the \"manage chat and spaces conversations\" privilege, and adds the `chat.admin.spaces`, " +
					"`chat.admin.memberships` and `chat.admin.delete` scopes to the defaults. Creating a space is never an " +
					"administrator call (`spaces.setup` has no such parameter). `google_chat_space`, `google_chat_membership` " +
					"and the `google_chat_spaces` data source override it with their own `use_admin_access`. Defaults to " +
					"`false`. Falls back to `GOOGLE_CHAT_USE_ADMIN_ACCESS` (`true` or `false`).",
			},
			"list_reads": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Let a refresh answer `google_chat_space` and `google_chat_membership` reads from " +
					"`spaces.list` and `spaces.members.list` (up to 1,000 objects a call) where that costs fewer calls than one " +
					"`get` each, so a plan over many memberships spends a fraction of the read quota. A space's members, or " +
					"the caller's spaces, are listed only when that costs at most one call more than their gets, and " +
					"usually far fewer (three memberships of a large space are still three gets); an object a list leaves " +
					"out, or carries without what the state records, is read with `get`. User credentials only, and never with administrator access. Defaults to `true`; " +
					"`false` reads every object with its own `get`. Falls back to `GOOGLE_CHAT_LIST_READS` (`true` or `false`).",
			},
			"insecure_endpoint": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Accept a plain `http://` `endpoint` on any host, such as a Chat API emulator in a CI " +
					"service container. Without it, `http://` is accepted only for loopback hosts (`localhost`, " +
					"`127.0.0.0/8`, `::1`). With it, requests and their access tokens may cross the network unencrypted: " +
					"never use it with the real API. Defaults to `false`. Falls back to `GOOGLE_CHAT_INSECURE_ENDPOINT` " +
					"(`true` or `false`).",
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Time limit for one HTTP request, as a duration such as `\"%s\"` (the default). "+
					"A request that times out is retried like a 503.", durationString(retry.AttemptTimeout)),
				Validators: []validator.String{validators.Duration()},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times one request is retried after a 429, 500, 502, 503, 504, a connection "+
					"reset or a timeout, with truncated exponential backoff and full jitter (honouring `Retry-After`). Default %d; "+
					"0 disables retries. Retries also stop at the operation's deadline.", retry.MaxRetries),
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"rate_limits": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Client-side quotas shared by every resource of this provider, so an operation that " +
					"needs more calls than the API allows runs at the quota instead of drawing 429s. Writes and per-space " +
					"reads are paced evenly (a burst of one second's worth); per-project reads may use a quarter of a minute's " +
					"quota at once. Each then runs at the rest of its quota over the minute, so no 60 seconds ever hold more " +
					"calls than the quota. 0 turns a limit off. Defaults are the documented quotas.",
				Attributes: map[string]schema.Attribute{
					"per_space_writes_per_minute": quotaAttribute("Writes per minute in one space: space updates and deletes, "+
						"message creates, edits and deletes, reactions, pins and unpins, and attachment uploads.", limits.PerSpaceWritesPerMinute),
					"space_writes_per_minute": quotaAttribute("Space creates, updates and deletes per minute, across spaces.",
						limits.SpaceWritesPerMinute),
					"membership_writes_per_minute": quotaAttribute("Membership creates, updates and deletes per minute, across spaces.",
						limits.MembershipWritesPerMinute),
					"per_space_reads_per_minute": quotaAttribute("Reads per minute in one space: space, membership, message, "+
						"attachment and reaction gets and lists (media downloads name no space, so they count only in "+
						"`reads_per_minute`).", limits.PerSpaceReadsPerMinute),
					"reads_per_minute": quotaAttribute("Reads per minute of each kind (spaces, memberships, messages, attachments "+
						"with media downloads, reactions, custom emojis), across spaces.", limits.ReadsPerMinute),
				},
			},
		},
	}
}

func (p *googleChatProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if name, unknown := firstUnknown(config); unknown {
		// Known only after apply: resources wait for a later Configure.
		tflog.Debug(ctx, "Provider configuration not yet known; deferring client creation", map[string]any{"attribute": name})
		return
	}
	settings, diags := resolveSettings(ctx, config, os.Getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	auth, err := resolveAuth(ctx, settings.Auth)
	if err != nil {
		resp.Diagnostics.Append(authDiagnostic(err))
		return
	}
	client, err := chatapi.New(ctx, clientConfig(settings, auth, p.version))
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Chat API Client", err.Error())
		return
	}
	tflog.Debug(ctx, "Configured Chat API client", map[string]any{"auth_mode": string(auth.Mode),
		"auth_mode_source": auth.ModeSource, "scopes": auth.Scopes, "endpoint": settings.Endpoint})
	resp.ResourceData = client
	resp.DataSourceData = client
}

func (p *googleChatProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		resources.NewSpace,
		resources.NewMessage,
		resources.NewMembership,
		resources.NewSpaceMembers,
		resources.NewMessagePin,
		resources.NewReaction,
		resources.NewCustomEmoji,
		resources.NewSpaceNotificationSetting,
		resources.NewUserSection,
		resources.NewUserSectionItem,
	}
}

func (p *googleChatProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		datasources.NewSpace,
		datasources.NewSpaces,
		datasources.NewDirectMessage,
		datasources.NewMembers,
		datasources.NewMessage,
		datasources.NewMessagePins,
		datasources.NewReactions,
		datasources.NewCustomEmoji,
		datasources.NewCustomEmojis,
		datasources.NewGroupChat,
		datasources.NewUserSections,
	}
}

// quotaAttribute is one of rate_limits' quotas, with its default.
func quotaAttribute(description string, fallback float64) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional:            true,
		MarkdownDescription: fmt.Sprintf("%s Default %s.", description, perMinute(fallback)),
		Validators:          []validator.Int64{int64validator.Between(0, 100000)},
	}
}
