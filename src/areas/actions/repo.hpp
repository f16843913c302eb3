// areas/actions/repo.hpp
// SQL for actions, their progress notes, carry-overs and the organization's action settings: the
// only code that touches those tables. Contract-tested on SQLite and PostgreSQL through
// tests/areas/actions/. Every query is scoped by the organization. Rows come back with the owner's
// name, the meeting's title and date and the carry-over count joined in; days overdue and the
// escalation marker depend on today and the settings and are filled in by the service. Blocks;
// call inside Database::read/write. Throws StoreError.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/actions/service.hpp"
#include "store/database.hpp"

namespace mandate::areas::actions::repo {

using core::Timestamp;
using store::Transaction;

// The selection behind a list page, its total and the CSV export.
struct Filter {
  bool open_only = false;
  std::optional<std::int64_t> due_before;  // due_on < this (overdue / escalated views)
  std::optional<PersonId> owner;
  std::optional<Source> source;
  std::optional<State> state;
  std::optional<std::int64_t> meeting_id;
  std::string search;  // title, case-insensitive substring
  Sort sort = Sort::due;
  bool descending = false;
  int limit = 0;  // 0: no limit
  int offset = 0;
};
std::vector<ActionRow> list(Transaction& tx, OrgId org, const Filter& f);
std::int64_t count(Transaction& tx, OrgId org, const Filter& f);

std::optional<ActionRow> find(Transaction& tx, OrgId org, ActionId id);

struct Insert {
  Source source = Source::other;
  std::string source_ref;
  std::optional<std::int64_t> meeting_id;
  std::optional<std::int64_t> decision_id;
  ActionFields fields;
  std::string created_by_label;
};
ActionId insert(Transaction& tx, OrgId org, const Insert& a, Timestamp at);
// Title, description, owner and due date. Optimistic: false when `expected_row_version` is not
// current or the action is no longer open.
bool update_fields(Transaction& tx, OrgId org, ActionId id, const ActionFields& f,
                   std::int64_t expected_row_version, Timestamp at);

// Clears the action's decision (the decision is being deleted).
void clear_decision(Transaction& tx, OrgId org, ActionId id);

struct Change {
  State from = State::open;
  State to = State::open;
  std::string cancel_reason;        // to cancelled
  std::string completion_evidence;  // to done
  UserId closed_by;                 // to done or cancelled
  std::string closed_by_label;
};
// Moves the action from `from` to `to`: closing stamps closed_at/closed_by (and the reason or
// evidence); reopening clears them. False when the action is no longer in `from`.
bool transition(Transaction& tx, OrgId org, ActionId id, const Change& c, Timestamp at);

std::int64_t insert_note(Transaction& tx, OrgId org, ActionId id, std::string_view body,
                         UserId author, std::string_view author_label, Timestamp at);
std::vector<Note> notes(Transaction& tx, OrgId org, ActionId id);  // oldest first

// ON CONFLICT DO NOTHING. Records the action's status now; false when the action is not an open
// action of `org` or was already carried over to `meeting_id`.
struct CarriedOver {
  bool inserted = false;
  State status_then = State::open;
};
CarriedOver insert_carryover(Transaction& tx, OrgId org, ActionId id, std::int64_t meeting_id);
std::vector<Carryover> carryovers(Transaction& tx, OrgId org, ActionId id);  // by meeting date

// Actions sourced from a signed management review other than `exclude_meeting` that are open,
// or (closed_since set) were closed after it, or (closed_since unset) any. Unordered.
std::vector<ActionRow> review_rows(Transaction& tx, OrgId org,
                                   std::optional<Timestamp> closed_since,
                                   std::int64_t exclude_meeting);
// Every action sourced from a management review.
std::vector<ActionRow> all_review_rows(Transaction& tx, OrgId org);
// Open actions owned by `person`, by due date (none last), then id.
std::vector<Action> open_owned_by(Transaction& tx, OrgId org, PersonId person);

// Counts per owner or source. `today`: overdue is due_on < today; escalated is due_on <
// `escalated_before`.
std::vector<GroupCount> summary(Transaction& tx, OrgId org, GroupBy g, std::int64_t today,
                                std::int64_t escalated_before);

std::optional<Settings> find_settings(Transaction& tx, OrgId org);
void upsert_settings(Transaction& tx, OrgId org, const Settings& s, Timestamp at);

struct PersonRef {
  std::string name;
  bool active = true;
};
std::optional<PersonRef> find_person(Transaction& tx, OrgId org, PersonId id);
bool meeting_exists(Transaction& tx, OrgId org, std::int64_t meeting_id);
// The meeting the decision belongs to, when it is a decision of `org`.
std::optional<std::int64_t> meeting_of_decision(Transaction& tx, OrgId org,
                                                std::int64_t decision_id);

}  // namespace mandate::areas::actions::repo
