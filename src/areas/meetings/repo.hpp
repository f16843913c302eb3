// areas/meetings/repo.hpp
// SQL for meetings, attendees, agenda items, decisions, attachments and their blobs, addenda, the
// declared cadence and calendar tokens: the only code that touches those tables (the review
// inputs and indicators read them through review_repo). Contract-tested on SQLite and PostgreSQL
// through the service tests in tests/areas/meetings/. Every query is scoped by the organization.
// Blocks; call inside Database::read/write. Throws StoreError.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/meetings/model.hpp"
#include "store/database.hpp"

namespace mandate::areas::meetings::repo {

using core::Timestamp;
using store::Transaction;

// --- meetings ---
struct MeetingQuery {
  std::optional<MeetingType> type;
  std::optional<MeetingStatus> status;
  std::optional<Timestamp> from;  // starts_at >= from
  std::optional<Timestamp> to;    // starts_at < to
  std::string search;             // title, case-insensitive substring
  bool descending = true;
  int limit = 500;
};
struct MeetingSummary {
  Meeting meeting;  // frozen_content left empty
  std::string chair_name;
  int items = 0;
  int decisions = 0;
  int present = 0;
  int top_management_present = 0;  // present and designated top management on the meeting's day
  bool security_on_agenda = false;
};
std::vector<MeetingSummary> meetings(Transaction& tx, OrgId org, const MeetingQuery& q);
std::optional<Meeting> find(Transaction& tx, OrgId org, MeetingId id);
MeetingId insert(Transaction& tx, OrgId org, const MeetingFields& f,
                 std::optional<MeetingId> previous_review, std::string_view created_by,
                 Timestamp at);
// Title, time, place and chair of a planned meeting with `expected_row_version`; false otherwise.
bool update(Transaction& tx, OrgId org, MeetingId id, const MeetingFields& f,
            std::int64_t expected_row_version, Timestamp at);
void set_previous_review(Transaction& tx, OrgId org, MeetingId id,
                         std::optional<MeetingId> previous);
// Bumps updated_at and row_version (a change to the meeting's parts: agenda, decisions, …).
void touch(Transaction& tx, OrgId org, MeetingId id, Timestamp at);
// planned -> cancelled; false when no longer planned.
bool cancel(Transaction& tx, OrgId org, MeetingId id, std::string_view reason, Timestamp at);
struct SignOff {
  std::string content_hash;
  std::string frozen_content;
  UserId signer;
  std::string signer_name;
  std::string signer_role;
  std::string meaning;
  std::int64_t seq = 0;
};
// planned -> signed with the signature and the frozen content; false when no longer planned.
bool sign(Transaction& tx, OrgId org, MeetingId id, const SignOff& s, Timestamp at);
// The latest signed management review held before `before` (by meeting time), other than
// `except`.
std::optional<Meeting> latest_signed_review_before(Transaction& tx, OrgId org, Timestamp before,
                                                   std::optional<MeetingId> except);

// --- attendees ---
// By name; top_management: designated on the meeting's day (`day`, days since epoch).
std::vector<Attendee> attendees(Transaction& tx, OrgId org, MeetingId id, std::int64_t day);
// Replaces the invitees: adds the new ones (attendance "invited"), removes those no longer
// listed; recorded attendance of those who stay is kept.
void set_invitees(Transaction& tx, OrgId org, MeetingId id, const std::vector<PersonId>& people);
// Inserts or updates one attendee.
void upsert_attendance(Transaction& tx, OrgId org, MeetingId id, PersonId person, Attendance a);

// --- people ---
struct PersonRef {
  PersonId id;
  std::string name;
  bool active = false;
};
// The people of the organization among `ids`, in no particular order.
std::vector<PersonRef> people_by_id(Transaction& tx, OrgId org, const std::vector<PersonId>& ids);

// --- agenda items ---
std::vector<AgendaItem> items(Transaction& tx, OrgId org, MeetingId id);
std::optional<AgendaItem> find_item(Transaction& tx, OrgId org, ItemId id);
// Appended after the last item.
ItemId insert_item(Transaction& tx, OrgId org, MeetingId id, const ItemFields& f,
                   std::optional<ReviewInput> input, Timestamp at);
bool update_item(Transaction& tx, OrgId org, ItemId id, const ItemFields& f,
                 std::int64_t expected_row_version, Timestamp at);
void set_snapshot(Transaction& tx, OrgId org, ItemId id, std::string_view snapshot);
// Removes the item; decisions and attachments linked to it lose the link.
void delete_item(Transaction& tx, OrgId org, ItemId id);

// --- decisions ---
std::vector<Decision> decisions(Transaction& tx, OrgId org, MeetingId id);
std::optional<Decision> find_decision(Transaction& tx, OrgId org, DecisionId id);
DecisionId insert_decision(Transaction& tx, OrgId org, MeetingId id, const DecisionFields& f,
                           Timestamp at);
bool update_decision(Transaction& tx, OrgId org, DecisionId id, const DecisionFields& f,
                     std::int64_t expected_row_version, Timestamp at);
void set_decision_action(Transaction& tx, OrgId org, DecisionId id,
                         std::optional<std::int64_t> action);
void delete_decision(Transaction& tx, OrgId org, DecisionId id);

// --- attachments and blobs ---
// ON CONFLICT DO NOTHING: false when the organization already holds these bytes.
bool insert_blob(Transaction& tx, OrgId org, std::string_view sha256, std::string_view bytes,
                 Timestamp at);
std::optional<std::string> blob(Transaction& tx, OrgId org, std::string_view sha256);
std::int64_t count_blobs(Transaction& tx, OrgId org);
AttachmentId insert_attachment(Transaction& tx, OrgId org, const Attachment& a, UserId by);
std::vector<Attachment> attachments(Transaction& tx, OrgId org, MeetingId id);
std::optional<Attachment> find_attachment(Transaction& tx, OrgId org, MeetingId id, AttachmentId a);
void delete_attachment(Transaction& tx, OrgId org, AttachmentId a);
std::int64_t count_attachments(Transaction& tx, OrgId org, MeetingId id);

// --- addenda ---
std::int64_t insert_addendum(Transaction& tx, OrgId org, const Addendum& a);
std::vector<Addendum> addenda(Transaction& tx, OrgId org, MeetingId id);

// --- cadence ---
std::optional<Cadence> cadence(Transaction& tx, OrgId org);
void upsert_cadence(Transaction& tx, OrgId org, const Cadence& c, Timestamp at);

// --- calendar ---
struct CalendarTokenRow {
  std::int64_t id = 0;
  OrgId org;
  UserId user;
  std::string prefix;
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
};
std::int64_t insert_calendar_token(Transaction& tx, OrgId org, UserId user,
                                   std::string_view token_hash, std::string_view prefix,
                                   Timestamp at);
// Newest first.
std::vector<CalendarTokenRow> calendar_tokens(Transaction& tx, OrgId org, UserId user);
std::optional<CalendarTokenRow> find_calendar_token(Transaction& tx, OrgId org, UserId user,
                                                    std::int64_t id);
std::optional<CalendarTokenRow> find_calendar_token_by_hash(Transaction& tx,
                                                            std::string_view token_hash);
bool revoke_calendar_token(Transaction& tx, OrgId org, std::int64_t id, Timestamp at);
// Meetings the person is invited to or chairs, starting at or after `from`, by start time.
std::vector<Meeting> meetings_of_person(Transaction& tx, OrgId org, PersonId person,
                                        Timestamp from);

}  // namespace mandate::areas::meetings::repo
