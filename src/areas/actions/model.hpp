// areas/actions/model.hpp
// Actions, shared by every area (ISO/IEC 27001 9.3.3, 10.2): what management decided must be done,
// by whom and by when — from a meeting decision, a management review output, and later walks,
// audits and nonconformities. Types, the status machine and validation only; no I/O. Siblings:
// repo (SQL), service (use cases, authorization, ledger), pages/api/routes (web edge).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace mandate::areas::actions {

using ActionId = Id<struct ActionTag>;

// Where an action came from. meeting_decision and management_review carry the meeting (and the
// decision); the others name their record in source_ref ("walk:7") once those areas exist.
enum class Source { meeting_decision, management_review, walk, audit, nonconformity, other };
inline constexpr Source kAllSources[] = {Source::meeting_decision, Source::management_review,
                                         Source::walk,             Source::audit,
                                         Source::nonconformity,    Source::other};
std::string_view source_name(Source s);   // "meeting_decision"
std::string_view source_label(Source s);  // "Meeting decision"
std::optional<Source> parse_source(std::string_view s);

// open --start--> in_progress --complete--> done; open|in_progress --cancel(reason)--> cancelled;
// done|cancelled --reopen--> open. Only open and in_progress are "open" for views and indicators.
// (Named State: mandate::Status is the result type of a change.)
enum class State { open, in_progress, done, cancelled };
inline constexpr State kAllStates[] = {State::open, State::in_progress, State::done,
                                      State::cancelled};
std::string_view state_name(State s);   // "in_progress"
std::string_view state_label(State s);  // "In progress"
std::optional<State> parse_state(std::string_view s);
inline bool is_open(State s) { return s == State::open || s == State::in_progress; }
// Whether `from -> to` is a legal transition (see above; same status is not a transition).
bool can_transition(State from, State to);
// Why `from -> to` is refused, naming the current status ("This action is done: reopen it
// first."); empty when the transition is legal.
std::string transition_refusal(State from, State to);

struct Action {
  ActionId id;
  OrgId org;
  std::string title;
  std::string description;  // Markdown
  Source source = Source::other;
  std::string source_ref;                   // "meeting:12", "decision:40", "walk:7"
  std::optional<std::int64_t> meeting_id;   // meeting sources
  std::optional<std::int64_t> decision_id;  // meeting sources
  std::optional<PersonId> owner;
  std::optional<std::int64_t> due_on;  // days since epoch
  State status = State::open;
  std::string cancel_reason;
  std::string completion_evidence;  // what shows it is done (text, links)
  std::optional<core::Timestamp> closed_at;  // done or cancelled
  UserId closed_by;
  std::string closed_by_label;
  std::string created_by_label;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t row_version = 1;

  // Days past the due date on `today` (days since epoch); 0 when not open, no due date, or not
  // yet due.
  std::int64_t days_overdue(std::int64_t today) const;
  bool overdue(std::int64_t today) const { return days_overdue(today) > 0; }
  // Closed (done) on or before its due date; false when not done or without a due date.
  bool done_on_time() const;
};

// Editable fields (create and update). Field errors use these names: title (required, ≤ 300),
// description (≤ 20,000), owner_id, due_on (a date), source (create only), source_ref (≤ 200).
struct ActionFields {
  std::string title;
  std::string description;
  std::optional<PersonId> owner;
  std::optional<std::int64_t> due_on;
};
void normalise(ActionFields& f);
void validate(const ActionFields& f, Validation& v);

struct Note {
  std::int64_t id = 0;
  ActionId action;
  std::string body;  // Markdown, ≤ 10,000
  UserId author;
  std::string author_label;
  core::Timestamp at;
};

// Per organization. independent_closure: the owner (the user linked to the owner person) cannot
// complete their own action — someone else closes it. escalate_after_days: an open action this
// many days past due is marked escalated (1..365, default 30).
struct Settings {
  bool independent_closure = false;
  int escalate_after_days = 30;
};
void validate(const Settings& s, Validation& v);

}  // namespace mandate::areas::actions
