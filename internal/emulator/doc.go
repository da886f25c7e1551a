// Package emulator is an in-memory Google Chat API v1 (chat.googleapis.com)
// for tests and offline use. It follows the discovery document for spaces,
// members and messages, speaks Google's JSON error envelope, identifies
// callers from bearer tokens, and has an admin API under /__emulator/ for
// resetting, inspecting and injecting faults.
//
// Bearer tokens: "user:<email or id>" acts as a seeded user (user
// authentication, counted as domain-wide delegation); "app" or "app:<name>"
// acts as a Chat app (app authentication). Options.Administrators (default admin@example.com) may
// call with useAdminAccess=true.
//
// # Files
//
// Serving:
//   - emulator.go: Options, the Emulator and its state, New and Reset.
//   - serve.go: ServeHTTP, the path every API call takes (route,
//     authenticate, faults, quota, handler, answer), and JSON bodies.
//   - routes.go: the table of API methods (HTTP method, path pattern, RPC
//     name, handler) and path matching. New endpoints get a row here.
//   - errors.go: google.rpc.Status errors and the JSON error envelope.
//   - requestlog.go: the request log (RequestRecord).
//   - testserver.go: NewTestServer, for tests.
//   - admin.go: the /__emulator/ admin API and state snapshots.
//
// Rules shared by every collection:
//   - permissions.go: who may do what (role, creator and permission
//     setting checks) and the permission presets.
//   - faults.go: fault rules and their injection into ServeHTTP.
//   - chaos.go: chaos mode, seeded random faults on every API call (calls
//     with the test-only X-Emulator-No-Chaos: 1 header are exempt).
//   - quota.go: write and read quotas (per-second buckets, per-minute windows).
//   - directory.go: users, groups, apps, the administrators and the
//     principals calling.
//   - adminaccess.go: administrator access (useAdminAccess=true): who may
//     use it, its scopes, and the spaces it reaches.
//   - import.go: import mode: spaces.create with importMode,
//     spaces.completeImport, historical createTime of spaces and messages,
//     who reaches an import-mode space (domain-wide delegation, the
//     importer), chat.import "(import mode spaces only)", and expiry.
//   - store.go: the stored records, object cloning, IDs and timestamps.
//   - requestid.go: requestId idempotency.
//   - query.go: updateMask and pagination parameters.
//   - enrich.go: the output-only fields every answer carries (sender
//     display names, CardWithId.ownerUser, annotations, ...), each rule
//     quoting the discovery document.
//   - unknown_fields.go: Options.UnknownFields, fields of a newer API
//     revision added to every object of every answer.
//
// One file or more per API collection:
//   - spaces.go: shared space rules, spaces.get, list, findDirectMessage
//     and delete.
//   - spaces_create.go: spaces.create, spaces.setup and DM pairing.
//   - spaces_patch.go: spaces.patch, one update function per updateMask kind.
//   - spaces_search.go: spaces.search; search.go: its query rules;
//     search_parse.go: their lexer and parser.
//   - members.go: spaces.members.
//   - messages.go: shared message rules, spaces.messages.get and delete.
//   - messages_create.go: spaces.messages.create and threading.
//   - messages_list.go: spaces.messages.list and its filter.
//   - messages_update.go: spaces.messages.patch and update.
//   - attachments.go: Message.attachment in messages.create, patch and
//     update, and spaces.messages.attachments.get.
//   - media.go: media.upload (served under /upload/v1/), media.download,
//     and the uploads and attachment files.
//   - readstate.go: users.spaces.getSpaceReadState.
//   - pins.go, reactions.go, custom_emojis.go: spaces.messagePins,
//     spaces.messages.reactions and customEmojis.
//   - notification_settings.go: users.spaces.spaceNotificationSetting.
//   - sections.go: users.sections; section_items.go: users.sections.items.
//   - group_chats.go: spaces.findGroupChats.
package emulator
