// areas/meetings/model.hpp
// Meetings and the management review (ISO/IEC 27001 5.1, 9.3): meetings with invitees and
// attendance, agenda items with topic tags and Markdown minutes, decisions (which become actions
// when they have an owner and a date), content-addressed attachments, sign-off by the chair as an
// electronic signature after which the minutes are frozen, signed addenda, and the management
// review's inputs (9.3.2 a–g) generated from the records. Types, the status machine and
// validation only; no I/O. Siblings: repo (SQL), service (use cases), review (inputs, indicators),
// minutes (export), pages/api/routes (web edge).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace mandate::areas::meetings {

using MeetingId = Id<struct MeetingTag>;
using ItemId = Id<struct MeetingItemTag>;
using DecisionId = Id<struct MeetingDecisionTag>;
using AttachmentId = Id<struct MeetingAttachmentTag>;

enum class MeetingType { board, executive_committee, management_review, isms_steering, other };
inline constexpr MeetingType kAllMeetingTypes[] = {
    MeetingType::board, MeetingType::executive_committee, MeetingType::management_review,
    MeetingType::isms_steering, MeetingType::other};
std::string_view meeting_type_name(MeetingType t);   // "executive_committee"
std::string_view meeting_type_label(MeetingType t);  // "Executive committee"
std::optional<MeetingType> parse_meeting_type(std::string_view s);
// Board and executive committee: where the organization is directed (the security-on-the-agenda
// indicator counts these).
inline bool is_executive(MeetingType t) {
  return t == MeetingType::board || t == MeetingType::executive_committee;
}

// planned --sign (chair)--> signed_off (name "signed"; frozen, addenda only);  planned --cancel(reason)--> cancelled.
// "Held" is not a status: a planned meeting whose time has passed is held but not yet signed.
enum class MeetingStatus { planned, signed_off, cancelled };
std::string_view meeting_status_name(MeetingStatus s);  // "planned", "signed", "cancelled"
std::optional<MeetingStatus> parse_meeting_status(std::string_view s);

enum class Attendance { invited, present, excused, absent };
std::string_view attendance_name(Attendance a);
std::optional<Attendance> parse_attendance(std::string_view s);

enum class Topic {
  information_security,
  risk,
  suppliers,
  budget,
  incidents,
  audit,
  policy,
  objectives,
  other
};
inline constexpr Topic kAllTopics[] = {Topic::information_security, Topic::risk, Topic::suppliers,
                                       Topic::budget, Topic::incidents, Topic::audit,
                                       Topic::policy, Topic::objectives, Topic::other};
std::string_view topic_name(Topic t);   // "suppliers"
std::string_view topic_label(Topic t);  // "Third parties and suppliers"
std::optional<Topic> parse_topic(std::string_view s);
// Every topic except `other` is an information security matter for the executive-agenda
// indicator (risk, suppliers, incidents, audit, policy, objectives are ISMS topics; budget counts
// only together with information_security).
bool is_security_topic(Topic t);

enum class DecisionType { improvement, isms_change, resource, risk_acceptance, other };
inline constexpr DecisionType kAllDecisionTypes[] = {
    DecisionType::improvement, DecisionType::isms_change, DecisionType::resource,
    DecisionType::risk_acceptance, DecisionType::other};
std::string_view decision_type_name(DecisionType t);   // "isms_change"
std::string_view decision_type_label(DecisionType t);  // "Change to the ISMS"
std::optional<DecisionType> parse_decision_type(std::string_view s);

// The inputs a management review considers (9.3.2), by letter.
enum class ReviewInput {
  actions_status,      // a. status of actions from previous management reviews
  issues,              // b. changes in external and internal issues
  interested_parties,  // c. changes in needs and expectations of interested parties
  performance,         // d. information security performance (NCs, monitoring, audit, objectives)
  party_feedback,      // e. feedback from interested parties
  risk,                // f. risk assessment results and risk treatment plan status
  improvement          // g. opportunities for continual improvement
};
inline constexpr ReviewInput kAllReviewInputs[] = {
    ReviewInput::actions_status, ReviewInput::issues,         ReviewInput::interested_parties,
    ReviewInput::performance,    ReviewInput::party_feedback, ReviewInput::risk,
    ReviewInput::improvement};
char review_input_letter(ReviewInput i);              // 'a'..'g'
std::string_view review_input_title(ReviewInput i);   // "Status of actions from previous reviews"
std::optional<ReviewInput> parse_review_input(std::string_view letter);  // "a".."g"

struct Meeting {
  MeetingId id;
  OrgId org;
  MeetingType type = MeetingType::executive_committee;
  std::string title;
  core::Timestamp starts_at;
  int duration_minutes = 60;
  std::string place;  // a room or a link
  std::optional<PersonId> chair;
  MeetingStatus status = MeetingStatus::planned;
  std::string cancel_reason;
  std::optional<MeetingId> previous_review;  // reviews: the signed review before this one
  // Set at sign-off: the canonical JSON of the frozen minutes and its SHA-256 (lower-case hex).
  std::string content_hash;
  std::string frozen_content;
  std::optional<core::Timestamp> signed_at;
  UserId signer;
  std::string signer_name;
  std::string signer_role;
  std::string signature_meaning;
  std::optional<std::int64_t> signoff_seq;  // the ledger entry of the sign-off
  std::string created_by_label;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t row_version = 1;

  bool is_review() const { return type == MeetingType::management_review; }
  bool frozen() const { return status != MeetingStatus::planned; }
};

// Field errors use these names: type, title (required, ≤ 200), starts_at, duration_minutes
// (5..1440), place (≤ 500), chair_id, invitees (person ids; the chair is always invited).
struct MeetingFields {
  MeetingType type = MeetingType::executive_committee;
  std::string title;
  core::Timestamp starts_at;
  int duration_minutes = 60;
  std::string place;
  std::optional<PersonId> chair;
  std::vector<PersonId> invitees;
};
void normalise(MeetingFields& f);  // trims, de-duplicates invitees, adds the chair
void validate(const MeetingFields& f, Validation& v);

struct Attendee {
  PersonId person;
  std::string name;
  std::string department;
  Attendance attendance = Attendance::invited;
  bool top_management = false;  // designated top management on the meeting's date
};

struct AgendaItem {
  ItemId id;
  MeetingId meeting;
  int position = 0;
  std::string title;
  std::vector<Topic> tags;
  std::string minutes;  // Markdown
  std::optional<ReviewInput> review_input;  // generated review items
  std::string presenter;  // who presents an input marked "to be presented"
  std::string material;   // the presenter's material (Markdown)
  std::string snapshot;   // review items after sign-off: the input's data, canonical JSON
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t row_version = 1;
};

// Field errors: title (required, ≤ 300), tags, minutes (≤ 100,000), presenter (≤ 200),
// material (≤ 100,000).
struct ItemFields {
  std::string title;
  std::vector<Topic> tags;
  std::string minutes;
  std::string presenter;
  std::string material;
};
void normalise(ItemFields& f);
void validate(const ItemFields& f, Validation& v);

struct Decision {
  DecisionId id;
  MeetingId meeting;
  std::optional<ItemId> item;
  std::string text;
  DecisionType type = DecisionType::other;
  std::optional<PersonId> owner;
  std::optional<std::int64_t> due_on;  // days since epoch
  std::optional<std::int64_t> action_id;  // the action made from it (owner and due date given)
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t row_version = 1;
};
// Field errors: text (required, ≤ 5,000), type, owner_id, due_on, item_id. A due date without an
// owner is refused (due_on: "needs an owner").
struct DecisionFields {
  std::string text;
  DecisionType type = DecisionType::other;
  std::optional<ItemId> item;
  std::optional<PersonId> owner;
  std::optional<std::int64_t> due_on;
};
void normalise(DecisionFields& f);
void validate(const DecisionFields& f, Validation& v);

struct Attachment {
  AttachmentId id;
  MeetingId meeting;
  std::optional<ItemId> item;
  std::string sha256;  // lower-case hex of the bytes: the blob's key
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  core::Timestamp received_at;  // server time, immutable
  std::int64_t effective_on = 0;  // the uploader's date for what the file shows
  std::string uploaded_by_label;
};

// Upload limits: at most 10 MiB; only these kinds, recognised by extension and checked against
// the content (PDF, PNG and JPEG signatures; Office/OpenDocument files are ZIP containers; text
// kinds must be valid UTF-8 without NUL bytes). HTML, SVG, scripts and unknown kinds are refused.
inline constexpr std::int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;
// The media type for an allowed file, or Errc::invalid with field "file" naming the problem
// ("is empty", "is larger than 10 MiB", "type .html is not allowed (allowed: …)", "does not look
// like a PDF").
Result<std::string> attachment_media_type(std::string_view file_name, std::string_view bytes);
// A file name safe to store, show and put in a Content-Disposition header: the last path
// component, control characters and quotes and backslashes removed, at most 200 bytes of valid
// UTF-8 (not cut inside a character); "attachment" when nothing is left.
std::string safe_file_name(std::string_view name);

struct Addendum {
  std::int64_t id = 0;
  MeetingId meeting;
  std::string body;          // Markdown
  std::string content_hash;  // SHA-256 of body + "\n" + the minutes' content hash
  UserId signer;
  std::string signer_name;
  std::string signer_role;
  std::string meaning;
  core::Timestamp signed_at;
};

// The organization's declared cadence: a management review every N months (1..36, default 12);
// information security on the executive (board or executive committee) agenda at least every N
// months (1..24, default 3).
struct Cadence {
  int review_every_months = 12;
  int security_agenda_every_months = 3;
};
void validate(const Cadence& c, Validation& v);

}  // namespace mandate::areas::meetings
