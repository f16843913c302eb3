// areas/actions/service.hpp
// Use cases for actions: the register and its views (my actions, overdue, by source, by owner,
// escalated), CSV export, the status machine with progress notes and completion evidence, closure
// by someone other than the owner where the organization configured it, and the functions other
// areas call inside their own transaction (a meeting decision creating its action, a management
// review carrying open actions over). Authorization is re-checked here; every change writes its
// ledger entry in the same transaction and a refused change writes nothing. All functions block:
// call them on the worker pool.
//
// Ledger entity type "action" (entity id: the action id); actions: create, update, start,
// complete, cancel, reopen, note, carried_over (data.meeting_id). "action_settings" (entity id
// "org"): set. Data is the canonical JSON of what changed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/actions/model.hpp"
#include "areas/common/caller.hpp"

namespace mandate::areas::actions {

// Who may do what (docs/security.md has the table).
inline constexpr RoleSet kReaders{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::auditor};
// Create, edit, assign, change the status of any action, add notes to any action.
inline constexpr RoleSet kEditors{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor};
// "My actions": anyone who can own one. A member who owns an action (the person linked to their
// user) may start it, add notes and evidence, and complete it (unless independent closure).
inline constexpr RoleSet kMembers{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::staff};
inline constexpr RoleSet kSettingsAdmins{Role::admin, Role::isms_manager};

enum class View { all, mine, open, overdue, escalated };
std::string_view view_name(View v);
std::optional<View> parse_view(std::string_view s);
enum class Sort { due, status, owner, source, created, title };
std::optional<Sort> parse_sort(std::string_view s);

struct ListQuery {
  View view = View::open;
  std::optional<Source> source;
  std::optional<PersonId> owner;
  std::optional<State> state;
  std::optional<std::int64_t> meeting_id;
  std::string search;  // title, case-insensitive substring
  Sort sort = Sort::due;
  bool descending = false;
  int limit = 500;  // 1..5000
  int offset = 0;
};

struct ActionRow {
  Action action;
  std::string owner_name;
  std::string meeting_title;  // meeting sources
  std::optional<core::Timestamp> meeting_at;
  std::int64_t days_overdue = 0;
  bool escalated = false;  // open and at least Settings::escalate_after_days overdue
  int carried_over = 0;    // signed management reviews it was carried over to
};
struct ActionPage {
  std::vector<ActionRow> rows;
  std::int64_t total = 0;
};
// View mine: the caller's own actions (empty when the user is not in the people register). A
// member who is not a reader (staff) sees only their own actions, whatever the view.
// Errc::invalid ("limit" 1..5000, "offset" >= 0, "q" one line of at most 200 characters).
Result<ActionPage> list(const Env& env, const Caller& by, const ListQuery& q);
// CSV with a header row: id, title, source, source reference, meeting, owner, due on, status,
// days overdue, escalated, carried over, closed at, closed by, cancel reason, completion evidence.
Result<std::string> export_csv(const Env& env, const Caller& by, const ListQuery& q);

// Counts per owner or per source: the "by owner" and "by source" views.
struct GroupCount {
  std::string key;    // person id (decimal) or source name; "" for no owner
  std::string label;  // owner name or source label
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t escalated = 0;
  std::int64_t done = 0;
  std::int64_t cancelled = 0;
};
enum class GroupBy { owner, source };
Result<std::vector<GroupCount>> summary(const Env& env, const Caller& by, GroupBy g);

struct Carryover {
  std::int64_t meeting_id = 0;
  std::string meeting_title;
  core::Timestamp meeting_at;
  State status_then = State::open;
};
struct ActionView {
  ActionRow row;
  std::vector<Note> notes;  // oldest first
  std::vector<Carryover> carryovers;
  std::vector<ledger::Entry> history;  // newest first
  // What the caller may do now (for the page's buttons; the service re-checks).
  bool can_edit = false;
  bool can_progress = false;  // start, note, evidence
  bool can_complete = false;
  std::string complete_refusal;  // why not, e.g. "closed by someone other than the owner"
};
// Errc::not_found when not an action of the caller's organization. Readers and the owner.
Result<ActionView> view(const Env& env, const Caller& by, ActionId id);

// A manual action (source other, walk, audit, nonconformity: source_ref names the record).
// Errc::invalid (fields; "source": meeting sources are created by their meeting), forbidden.
Result<ActionId> create(const Env& env, const Caller& by, Source source, std::string source_ref,
                        ActionFields f);
// Errc::stale on a concurrent edit; Errc::conflict when done or cancelled ("reopen it first").
Status update(const Env& env, const Caller& by, ActionId id, ActionFields f,
              std::int64_t expected_row_version);

// Transitions (model.hpp). Errc::conflict names the current status when illegal.
Status start(const Env& env, const Caller& by, ActionId id);
// `evidence` required (Errc::invalid "completion_evidence", ≤ 10,000). Errc::forbidden when the
// organization requires independent closure and the caller is the owner.
Status complete(const Env& env, const Caller& by, ActionId id, std::string evidence);
// `reason` required (Errc::invalid "reason", ≤ 2,000).
Status cancel(const Env& env, const Caller& by, ActionId id, std::string reason);
// Done or cancelled back to open; `reason` required. Editors only.
Status reopen(const Env& env, const Caller& by, ActionId id, std::string reason);
// Errc::invalid "body" (required, ≤ 10,000); allowed on any status (a note on a closed action
// documents what happened after).
Result<std::int64_t> add_note(const Env& env, const Caller& by, ActionId id, std::string body);

Result<Settings> settings(const Env& env, const Caller& by);
// Errc::invalid ("escalate_after_days").
Status set_settings(const Env& env, const Caller& by, const Settings& s);

// --- for other areas, inside their own write transaction (they authorize the caller) ---

struct NewAction {
  Source source = Source::other;
  std::string source_ref;
  std::optional<std::int64_t> meeting_id;
  std::optional<std::int64_t> decision_id;
  ActionFields fields;
};
// Validates (Errc::invalid with the ActionFields names), inserts and writes the ledger entry
// "create" in `tx`.
Result<ActionId> create_in(store::Transaction& tx, const Env& env, const Caller& by, NewAction a);

// The action, when it is one of `org`'s. No access check: the calling area decides what its
// caller may see.
std::optional<Action> find_in(store::Transaction& tx, OrgId org, ActionId id);

// Keeps an action in step with the record it was made from (a meeting decision being edited):
// the validation, refusals and ledger entry "update" of update(), without its role check and
// against the current row version. Nothing changes (and nothing is recorded) when the fields are
// already these, whatever the status. `context` is added to the entry's data (e.g. decision_id,
// meeting_id). Errc::not_found, Errc::invalid (the ActionFields names), Errc::conflict when the
// action is done or cancelled.
Status update_in(store::Transaction& tx, const Env& env, const Caller& by, ActionId id,
                 ActionFields f, core::json::object context = {});
// Cancels with `reason` (the record it was made from was withdrawn): the validation, refusals and
// ledger entry "cancel" of cancel(), without its role check; `context` is added to the entry's
// data. Errc::not_found, Errc::invalid ("reason"), Errc::conflict when not open.
Status cancel_in(store::Transaction& tx, const Env& env, const Caller& by, ActionId id,
                 std::string reason, core::json::object context = {});
// Forgets the decision an action was made from, before the meeting deletes that decision; the
// action keeps its meeting and its source_ref ("decision:40"). The caller's own ledger entry and
// the action's "cancel" entry (context decision_id) record it.
void detach_decision_in(store::Transaction& tx, OrgId org, ActionId id);

// Input (a) of a management review: every action sourced from a signed management review other
// than `current_meeting`, that is open now or was closed after `closed_since` (the previous
// review's sign-off; nullopt: all). Open ones first — overdue first, most overdue first — then
// by due date; closed ones last. carried_over counts are filled in.
std::vector<ActionRow> review_actions(store::Transaction& tx, OrgId org, std::int64_t today,
                                      std::optional<core::Timestamp> closed_since,
                                      std::int64_t current_meeting);
// Records that each open action in `open_actions` was carried over to the signed review
// `meeting_id` (one action_carryovers row and one ledger entry "carried_over" each).
void record_carryovers(store::Transaction& tx, const Env& env, const Caller& by,
                       std::int64_t meeting_id, const std::vector<ActionRow>& open_actions);

// Open actions owned by a person, by due date (the calendar feed).
std::vector<Action> open_owned_by(store::Transaction& tx, OrgId org, PersonId person);

// Review-action indicators: over actions sourced from management reviews whose due date has
// passed by `today` or that are done, the share done by their due date; and the actions carried
// over to two or more signed reviews (open ones first).
struct ReviewActionStats {
  std::int64_t due = 0;  // review actions due by today (or done with a due date)
  std::int64_t done_on_time = 0;
  std::vector<ActionRow> carried_over_twice;  // carried_over >= 2
  std::int64_t open = 0;
  std::int64_t overdue = 0;
};
ReviewActionStats review_action_stats(store::Transaction& tx, OrgId org, std::int64_t today);

Settings settings_in(store::Transaction& tx, OrgId org);

}  // namespace mandate::areas::actions
