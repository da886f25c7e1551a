package convert

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
)

// API resource names and enum values shared by resources and data sources,
// compiled once.
var (
	SpaceNamePattern      = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+$`)
	UserNamePattern       = regexp.MustCompile(`^users/[^/\s]+$`)
	GroupNamePattern      = regexp.MustCompile(`^groups/[^/\s@]+$`)
	MembershipNamePattern = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/members/[^/\s]+$`)
	MessageNamePattern    = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+$`)
	// CustomEmojiNamePattern: "Format: customEmojis/{customEmoji}"
	// (CustomEmoji.name), the name the server assigns. The emoji-name alias
	// (customEmojis/:team-logo:) is documented only for customEmojis.get and
	// delete, and an answer names the emoji by its ID, so the alias is not a
	// resource name: a reference to it would change at apply.
	CustomEmojiNamePattern = regexp.MustCompile(`^customEmojis/[^/\s:]+$`)
	// EmojiNamePattern: "Emoji names must start and end with colons, must be
	// lowercase and can only contain alphanumeric characters, hyphens, and
	// underscores. Hyphens and underscores should be used to separate words
	// and cannot be used consecutively" (CustomEmoji.emojiName). Read as:
	// words of [a-z0-9] joined by one '-' or '_' each.
	EmojiNamePattern      = regexp.MustCompile(`^:[a-z0-9]+(?:[-_][a-z0-9]+)*:$`)
	MessagePinNamePattern = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messagePins/[A-Za-z0-9_.-]+$`)
	ThreadNamePattern     = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/threads/[A-Za-z0-9_.-]+$`)
)

// Plan-time checks of the names above, one per kind, so that every attribute
// taking that kind of name refuses the same values with the same words (the
// API's own format). They hold no state, so attributes share them.
var (
	ValidSpaceName       = stringvalidator.RegexMatches(SpaceNamePattern, "must be spaces/{space}")
	ValidMessageName     = stringvalidator.RegexMatches(MessageNamePattern, "must be spaces/{space}/messages/{message}")
	ValidThreadName      = stringvalidator.RegexMatches(ThreadNamePattern, "must be spaces/{space}/threads/{thread}")
	ValidUserName        = stringvalidator.RegexMatches(UserNamePattern, "must be users/{id or email}")
	ValidGroupName       = stringvalidator.RegexMatches(GroupNamePattern, "must be groups/{id}")
	ValidCustomEmojiName = stringvalidator.RegexMatches(CustomEmojiNamePattern, "must be customEmojis/{customEmoji}")
	ValidEmojiName       = stringvalidator.RegexMatches(EmojiNamePattern, "must start and end with a colon, be lowercase, "+
		"and hold only letters, digits, and single hyphens or underscores between words, such as :team-logo:")
)

// Space types (Space.spaceType).
const (
	SpaceTypeSpace     = "SPACE"
	SpaceTypeGroupChat = "GROUP_CHAT"
	SpaceTypeDM        = "DIRECT_MESSAGE"
)

// Membership roles (Membership.role) and the calling app's user name.
const (
	RoleMember           = "ROLE_MEMBER"
	RoleManager          = "ROLE_MANAGER"
	RoleAssistantManager = "ROLE_ASSISTANT_MANAGER"
	RoleUnspecified      = "MEMBERSHIP_ROLE_UNSPECIFIED"
	CallingApp           = "users/app"
)
