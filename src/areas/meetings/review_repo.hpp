// areas/meetings/review_repo.hpp
// SQL the management review's inputs and indicators read: meeting heads, signed reviews with
// their decisions and top-management attendance, review item snapshots, improvement decisions,
// executive meetings with their agenda topics, and the declared cadence. Read-only; the tables
// are written by meetings/repo (the meetings service). Contract-tested on SQLite and PostgreSQL
// in tests/areas/meetings/review_test.cpp. Every query is scoped by the organization. Blocks;
// call inside Database::read/write. Throws StoreError.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/meetings/model.hpp"
#include "areas/meetings/review.hpp"
#include "store/database.hpp"

namespace mandate::areas::meetings::review_repo {

using core::Timestamp;
using store::Transaction;

struct MeetingHead {
  MeetingId id;
  MeetingType type = MeetingType::other;
  std::string title;
  Timestamp starts_at;
  MeetingStatus status = MeetingStatus::planned;
  std::optional<MeetingId> previous_review;
  std::optional<Timestamp> signed_at;
  std::optional<std::int64_t> signoff_seq;
};
std::optional<MeetingHead> find(Transaction& tx, OrgId org, MeetingId id);

// The latest signed management review dated before `at`, other than `self` (as sign() finds
// the previous review).
std::optional<MeetingHead> previous_signed_review(Transaction& tx, OrgId org, Timestamp at,
                                                  MeetingId self);

// Signed management reviews, newest first by meeting date, with their decision count and
// whether a person designated top management on the meeting's date was present.
std::vector<ReviewSummary> signed_reviews(Transaction& tx, OrgId org);

// The generated items of a review (review_input set), by position, with their snapshots.
struct InputItem {
  ReviewInput input = ReviewInput::actions_status;
  std::string snapshot;  // canonical JSON once signed; empty before
};
std::vector<InputItem> input_items(Transaction& tx, OrgId org, MeetingId meeting);

// Improvement decisions of meetings other than `except`, not cancelled, dated at or after
// `since` (nullopt: all) and not after `until`, oldest first.
struct ImprovementDecision {
  DecisionId id;
  MeetingId meeting;
  std::string meeting_title;
  MeetingType meeting_type = MeetingType::other;
  Timestamp meeting_at;
  std::string text;
  std::string owner_name;
  std::optional<std::int64_t> due_on;
  std::optional<std::int64_t> action_id;
  std::string action_status;  // actions.status; empty without an action
};
std::vector<ImprovementDecision> improvement_decisions(Transaction& tx, OrgId org,
                                                       std::optional<Timestamp> since,
                                                       Timestamp until, MeetingId except);

// Board and executive-committee meetings that are not cancelled and dated at or before `until`,
// newest first, with whether an agenda item carries a security topic (is_security_topic).
std::vector<ExecutiveMeeting> executive_meetings(Transaction& tx, OrgId org, Timestamp until);

// The declared cadence (defaults when none was set).
Cadence cadence(Transaction& tx, OrgId org);

// The topics of a stored tags column. Tolerates the separators a list may be stored with
// (commas, spaces, a JSON array); unknown names are skipped.
std::vector<Topic> parse_tags(std::string_view tags);

}  // namespace mandate::areas::meetings::review_repo
