// areas/meetings/service.hpp
// Use cases for meetings: the register and calendar, meetings with invitees and attendance,
// agenda items and minutes, decisions (a decision with an owner and a due date creates its action
// in the same transaction), content-addressed attachments, sign-off by the chair as an electronic
// signature that freezes the minutes (every later write refused; signed addenda allowed), the
// declared cadence, and per-user calendar feeds. The management review's inputs and the
// indicators are in review.hpp; the minutes export in minutes.hpp. Authorization is re-checked
// here; every change writes its ledger entry in the same transaction, and a refused change writes
// nothing. All functions block: call them on the worker pool.
//
// Ledger entity type "meeting" (entity id: the meeting id); actions: create, update, cancel,
// attendance, item_add, item_update, item_remove, decision_add, decision_update,
// decision_remove, attachment_add, attachment_remove, sign (data: content_hash, signer_name,
// signer_role, meaning), addendum (data: addendum id, content_hash, signer…).
// "meeting_cadence" (entity id "org"): set. "calendar_token" (entity id: token id): create,
// revoke. Data is the canonical JSON of what changed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/actions/model.hpp"
#include "areas/common/caller.hpp"
#include "areas/common/signature.hpp"
#include "areas/meetings/model.hpp"

namespace mandate::areas::meetings {

// Who may do what (docs/security.md has the table).
inline constexpr RoleSet kReaders{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::auditor};
// Create and edit meetings, attendance, agenda, minutes, decisions, attachments (before sign-off).
inline constexpr RoleSet kEditors{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor};
// Sign-off: the chair, who must be a user holding top_management (and linked to the chair person).
inline constexpr RoleSet kSigners{Role::top_management};
// Signed addenda to signed minutes.
inline constexpr RoleSet kAddendumSigners{Role::admin, Role::top_management, Role::isms_manager};
inline constexpr RoleSet kCadenceAdmins{Role::admin, Role::top_management, Role::isms_manager};
// Own calendar feed token: anyone who can be invited or own an action.
inline constexpr RoleSet kMembers{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::staff, Role::auditor};

struct ListQuery {
  std::optional<MeetingType> type;
  std::optional<MeetingStatus> status;
  std::optional<core::Timestamp> from;  // starts_at >= from
  std::optional<core::Timestamp> to;    // starts_at < to
  std::string search;                   // title, case-insensitive substring
  bool descending = true;               // by starts_at
  int limit = 500;                      // 1..5000
};
struct MeetingRow {
  Meeting meeting;  // without frozen_content
  std::string chair_name;
  int items = 0;
  int decisions = 0;
  int present = 0;
  int top_management_present = 0;
  bool security_on_agenda = false;  // an agenda item tagged with a security topic
};
Result<std::vector<MeetingRow>> list(const Env& env, const Caller& by, const ListQuery& q);

struct DecisionRow {
  Decision decision;
  std::string owner_name;
  std::optional<actions::State> action_status;
  std::optional<std::int64_t> action_due_on;
};
struct MeetingView {
  Meeting meeting;
  std::string chair_name;
  std::vector<Attendee> attendees;  // by name
  std::vector<AgendaItem> items;    // by position
  std::vector<DecisionRow> decisions;
  std::vector<Attachment> attachments;
  std::vector<Addendum> addenda;    // oldest first
  std::vector<ledger::Entry> history;  // newest first
  bool held = false;  // starts_at has passed
  // Why sign-off is not possible yet (empty when it is): "the meeting has not taken place",
  // "attendance not recorded for: …", "no minutes recorded", …  For the page's sign-off panel.
  std::vector<std::string> signoff_blockers;
};
// Errc::not_found when not a meeting of the caller's organization.
Result<MeetingView> view(const Env& env, const Caller& by, MeetingId id);

// Creates the meeting with its invitees (attendance "invited"). A management review gets its
// agenda generated: one item per input a–g (review_input set, tags information_security plus the
// input's topic), then "Outputs: decisions and actions"; previous_review is the latest signed
// review before it. Errc::invalid (fields; chair_id/invitees must be active people of the
// organization), Errc::forbidden.
Result<MeetingId> create(const Env& env, const Caller& by, MeetingFields f);
// Errc::stale, Errc::conflict when signed or cancelled ("signed minutes are immutable: add an
// addendum"). The type cannot change once created (Errc::invalid "type").
Status update(const Env& env, const Caller& by, MeetingId id, MeetingFields f,
              std::int64_t expected_row_version);
// Errc::invalid "reason" (required); Errc::conflict when signed or already cancelled.
Status cancel(const Env& env, const Caller& by, MeetingId id, std::string reason);
// Records one invitee's attendance (adding them as an invitee when not yet invited). Errc::invalid
// "person_id" (not an active person of the organization), "attendance"; conflict when frozen.
Status set_attendance(const Env& env, const Caller& by, MeetingId id, PersonId person,
                      Attendance a);

// Agenda. Errc::conflict when frozen; Errc::not_found for an item of another meeting.
Result<ItemId> add_item(const Env& env, const Caller& by, MeetingId id, ItemFields f);
// A generated review item keeps its title and input (Errc::invalid "title" when changed).
Status update_item(const Env& env, const Caller& by, ItemId item, ItemFields f,
                   std::int64_t expected_row_version);
// Generated review items cannot be removed (Errc::conflict); decisions linked to the item keep
// their text and lose the link.
Status remove_item(const Env& env, const Caller& by, ItemId item);

// Decisions. With an owner and a due date, an action is created in the same transaction (source
// management_review for a review, meeting_decision otherwise) and linked. Errc::conflict when
// frozen. Errc::invalid (DecisionFields names; item_id of another meeting).
Result<DecisionId> add_decision(const Env& env, const Caller& by, MeetingId id,
                                DecisionFields f);
// Changing owner or due date updates the linked action (or creates it when both are now given).
Status update_decision(const Env& env, const Caller& by, DecisionId d, DecisionFields f,
                       std::int64_t expected_row_version);
// Removes the decision and cancels its linked action ("decision withdrawn before sign-off");
// Errc::conflict when frozen or the action is no longer open.
Status remove_decision(const Env& env, const Caller& by, DecisionId d);

// Attachments: bytes stored once per organization by SHA-256 (a second upload of the same bytes
// reuses the blob). received_at is now; effective_on is required (Errc::invalid "effective_on",
// not after today). Errc::invalid "file" (attachment_media_type), "item_id"; conflict when frozen.
Result<AttachmentId> add_attachment(const Env& env, const Caller& by, MeetingId id,
                                    std::optional<ItemId> item, std::string_view file_name,
                                    std::string_view bytes, std::int64_t effective_on);
struct Download {
  Attachment attachment;
  std::string bytes;
};
// Readers. Errc::not_found for an attachment of another organization or meeting.
Result<Download> download(const Env& env, const Caller& by, MeetingId id, AttachmentId a);
// Before sign-off only (the blob stays; it may be shared). Errc::conflict when frozen.
Status remove_attachment(const Env& env, const Caller& by, MeetingId id, AttachmentId a);

// Sign-off by the chair: the caller must hold top_management and be the user linked to the chair
// person (Errc::forbidden otherwise), re-enter the password (Errc::unauthorized, nothing signed),
// and the meeting must be held, with attendance recorded for every invitee and the chair present
// (Errc::conflict listing what is missing: MeetingView::signoff_blockers). A management review
// also freezes its inputs (each generated item's snapshot) and records its open actions from
// earlier reviews as carried over (actions::record_carryovers). The frozen content is the
// canonical JSON of the meeting, attendees, items (minutes, material, snapshot), decisions with
// their actions and attachments (names, hashes, dates); content_hash is its SHA-256. The meaning
// recorded is "Minutes approved by the chair" ("Management review signed off by the chair" for a
// review). Errc::conflict when already signed or cancelled.
Status sign(const Env& env, const Caller& by, MeetingId id, const SignatureAuth& auth);
// A dated, signed correction to signed minutes (kAddendumSigners; password re-asked). Errc::invalid
// "body" (required, ≤ 20,000); Errc::conflict when the minutes are not signed.
Result<std::int64_t> add_addendum(const Env& env, const Caller& by, MeetingId id,
                                  std::string body, const SignatureAuth& auth);

// --- declared cadence ---
Result<Cadence> cadence(const Env& env, const Caller& by);
Status set_cadence(const Env& env, const Caller& by, const Cadence& c);  // Errc::invalid

// --- calendar feed (.ics) per user ---
struct CalendarToken {
  std::int64_t id = 0;
  std::string prefix;
  core::Timestamp created_at;
  std::optional<core::Timestamp> revoked_at;
};
struct CreatedCalendarToken {
  CalendarToken token;
  std::string secret;  // shown once; stored hashed; the feed URL is /calendar/<secret>.ics
};
// The caller's tokens (their own only).
Result<std::vector<CalendarToken>> calendar_tokens(const Env& env, const Caller& by);
// Sessions only (Errc::forbidden for API tokens). At most 5 active tokens (Errc::conflict).
Result<CreatedCalendarToken> create_calendar_token(const Env& env, const Caller& by);
Status revoke_calendar_token(const Env& env, const Caller& by, std::int64_t id);
// Anonymous: an iCalendar (RFC 5545) feed of the meetings the token's user is invited to or
// chairs (not cancelled ones: those as STATUS:CANCELLED) and the due dates of the open actions
// they own, for the token's organization, from 12 months back on. Errc::not_found for an unknown
// or revoked token, or a user no longer a member (indistinguishable).
Result<std::string> calendar_feed(const Env& env, std::string_view secret);

}  // namespace mandate::areas::meetings
