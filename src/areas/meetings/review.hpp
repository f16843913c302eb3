// areas/meetings/review.hpp
// The management review (ISO/IEC 27001 9.3): its inputs a–g generated from the records — each a
// set of sections with figures (and their change since the previous signed review) and rows that
// link to the records, or "to be presented" where Mandate has no records yet — and the cadence
// and say-do-gap indicators computed from meetings, decisions and actions.
//
// Extending: a later area (objectives, budget, parties, improvements, walks) adds an
// InputProvider to the table in review_inputs.cpp; nothing else changes. Providers run inside the
// caller's transaction and must only read.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "areas/actions/service.hpp"
#include "areas/common/caller.hpp"
#include "areas/meetings/model.hpp"

namespace mandate::areas::meetings {

// One figure. `previous` is the same key's value in the previous signed review's snapshot.
struct InputMetric {
  std::string key;    // stable: "policies.overdue"
  std::string label;  // "Policies past their review date"
  double value = 0;
  std::string unit;   // "", "%", "days"
  std::optional<double> previous;
  std::string href;   // where the records are: "/policies?overdue=1"
  bool flag = false;  // a bad sign (red)
};
// One record: an action, a document, a decision.
struct InputRow {
  std::string label;   // "ACT-12 Replace the VPN concentrator"
  std::string detail;  // "owner Ana Silva · due 2026-09-30"
  std::string status;  // "overdue 42 days", "done", "published v3"
  std::string href;
  bool flag = false;
};
struct InputSection {
  std::string key;    // provider key: "actions", "policies.changes", "policies.performance"
  std::string title;  // "Actions from previous management reviews"
  std::vector<InputMetric> metrics;
  std::vector<InputRow> rows;
  std::string empty_text;  // shown when rows is empty: "No actions from earlier reviews."
  // A remark shown under the section whatever its data, e.g. what the presenter still has to
  // bring because Mandate has no records of it yet.
  std::string note;
};
struct InputData {
  ReviewInput input = ReviewInput::actions_status;
  std::vector<InputSection> sections;  // empty: "to be presented"
  bool to_be_presented() const { return sections.empty(); }
};
// Canonical JSON (the item snapshot) and back; nullopt for text that is not such a snapshot.
std::string to_json(const InputData& d);
std::optional<InputData> input_from_json(std::string_view json);

struct ProviderContext {
  OrgId org;
  MeetingId meeting;
  core::Timestamp now;
  std::int64_t today = 0;  // days since epoch
  // The previous signed review: its sign-off time bounds "since the previous review".
  std::optional<MeetingId> previous_review;
  std::optional<core::Timestamp> since;
};
struct InputProvider {
  ReviewInput input;
  std::string key;
  std::function<std::optional<InputSection>(store::Transaction&, const ProviderContext&)> fill;
};
// The providers, in display order within each input. Built in: a — actions from previous reviews
// (actions::review_actions); b — policies published, retired or changed materially since the
// previous review; d — policies performance (approved by top management, within review interval,
// acknowledgment coverage overall and of top management, overdue reviews); g — improvement
// decisions of other meetings since the previous review. c, e, f: none yet (to be presented).
const std::vector<InputProvider>& input_providers();

// The context of management review `id` in `tx`: the previous review is the latest signed
// management review dated before it, other than itself; `since` is its sign-off time. nullopt
// when `id` is not a management review of the organization. The same previous review sign()
// freezes the inputs against, so that review_inputs() agrees with it.
std::optional<ProviderContext> review_context(store::Transaction& tx, OrgId org, MeetingId id,
                                              core::Timestamp now);

// Every input a–g computed now in `tx`, with `previous` filled from the previous review's
// snapshots. For a signed review, read the snapshots instead (review_inputs does).
std::vector<InputData> compute_inputs(store::Transaction& tx, const ProviderContext& ctx);

// The review workspace: the inputs of a management review — live while it is planned, the frozen
// snapshots once signed. Errc::not_found (not a meeting of the organization), Errc::conflict (not
// a management review).
struct ReviewInputs {
  std::vector<InputData> inputs;  // a..g in order
  bool frozen = false;
  std::optional<MeetingId> previous_review;
  std::optional<core::Timestamp> previous_review_at;
};
Result<ReviewInputs> review_inputs(const Env& env, const Caller& by, MeetingId id);

// --- indicators (computed from records; the dashboard) ---
struct ReviewSummary {
  MeetingId id;
  std::string title;
  core::Timestamp at;  // the meeting's date
  std::optional<core::Timestamp> signed_at;
  bool top_management_present = false;
  int decisions = 0;
};
struct ExecutiveMeeting {
  MeetingId id;
  std::string title;
  MeetingType type = MeetingType::executive_committee;
  core::Timestamp at;
  bool security_on_agenda = false;
};
struct Indicators {
  Cadence cadence;
  // The latest signed management review (by meeting date) and the days since it took place.
  std::optional<ReviewSummary> last_review;
  std::optional<std::int64_t> days_since_last_review;
  bool review_overdue = false;  // days since > the declared interval (or no review at all)
  // Signed reviews in the last 24 months, oldest first, and the gaps between consecutive ones
  // (including the gap from the latest to today), in days.
  std::vector<ReviewSummary> reviews_24m;
  std::vector<std::int64_t> intervals_days;
  std::optional<std::int64_t> longest_interval_days;
  std::int64_t reviews_expected_24m = 0;  // 24 / review_every_months
  // Board and executive-committee meetings held (not cancelled) in the last 12 months.
  std::vector<ExecutiveMeeting> executive_12m;  // newest first
  std::int64_t executive_with_security_12m = 0;
  std::optional<std::int64_t> days_since_security_on_executive_agenda;
  bool security_agenda_overdue = false;
  actions::ReviewActionStats review_actions;
  // Decisions per signed review (all time, newest first); a review with none is a red flag.
  std::vector<ReviewSummary> reviews;
  std::vector<ReviewSummary> reviews_without_decisions;
};
Result<Indicators> indicators(const Env& env, const Caller& by);

}  // namespace mandate::areas::meetings
