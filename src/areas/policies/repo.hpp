// areas/policies/repo.hpp
// SQL for the policy register, versions, approvals, reviews, openings, acknowledgments,
// campaigns, share links and approval rules: the only code that touches those tables.
// Contract-tested on SQLite and PostgreSQL in tests/areas/policies/. Every query is scoped by
// the organization (directly or through a document or version already found in it). Blocks;
// call inside Database::read/write. Throws StoreError (UniqueViolation on a duplicate
// reference).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/policies/model.hpp"
#include "store/database.hpp"

namespace mandate::areas::policies::repo {

using core::Timestamp;
using store::Transaction;

// --- documents ---
struct DocQuery {
  std::string search;  // reference or title, case-insensitive substring
  std::optional<DocType> type;
  std::optional<DocStatus> status;
};
std::vector<Document> documents(Transaction& tx, OrgId org, const DocQuery& q);
std::optional<Document> find_document(Transaction& tx, OrgId org, DocId id);
std::optional<Document> find_by_reference(Transaction& tx, OrgId org, std::string_view reference);
DocId insert_document(Transaction& tx, OrgId org, const DocumentFields& f, Timestamp at);
// Register fields and audience. Optimistic: false when `expected_row_version` is not current.
bool update_document(Transaction& tx, OrgId org, DocId id, const DocumentFields& f,
                     std::int64_t expected_row_version, Timestamp at);
void set_status(Transaction& tx, OrgId org, DocId id, DocStatus s, Timestamp at);
// Makes `v` the current version with status published and restarts the review clock.
void set_current(Transaction& tx, OrgId org, DocId id, VersionId v, Timestamp reviewed_at,
                 Timestamp at);
void set_last_reviewed(Transaction& tx, OrgId org, DocId id, Timestamp reviewed_at);
void retire(Transaction& tx, OrgId org, DocId id, Timestamp at);

// --- versions ---
VersionId insert_version(Transaction& tx, OrgId org, DocId doc, int number, const DraftFields& f,
                         UserId author, std::string_view author_label, Timestamp at);
std::optional<Version> find_version(Transaction& tx, OrgId org, VersionId id);
std::optional<Version> find_version_number(Transaction& tx, OrgId org, DocId doc, int number,
                                           bool with_content = true);
// Newest first; content left empty unless `with_content`.
std::vector<Version> versions(Transaction& tx, OrgId org, DocId doc, bool with_content);
std::optional<Version> newest_version(Transaction& tx, OrgId org, DocId doc);
// Only while the version is a draft with `expected_row_version`; false otherwise.
bool update_draft(Transaction& tx, OrgId org, VersionId id, const DraftFields& f,
                  std::int64_t expected_row_version, Timestamp at);
// Moves the version from `from` to `to`, stamping the matching time column (submitted_at,
// decided_at, published_at, archived_at). False when it is no longer in `from`.
bool transition(Transaction& tx, OrgId org, VersionId id, VersionStatus from, VersionStatus to,
                Timestamp at);
void set_material(Transaction& tx, OrgId org, VersionId id, bool material);
// The highest published or archived version number <= `current` that was a material change
// (version 1 always counts): acknowledgments of this number or later cover the current one.
int baseline_number(Transaction& tx, DocId doc, int current);

struct Publication {
  DocId doc;
  int number = 0;
  bool material = true;
  std::string change_summary;
  Timestamp published_at;
};
// Versions of the organization published at or after `since`, by publication time.
std::vector<Publication> published_since(Transaction& tx, OrgId org, Timestamp since);

// --- approvals (signatures) and reviews ---
void insert_approval(Transaction& tx, OrgId org, VersionId v, UserId approver, Timestamp at);
std::vector<Approval> approvals(Transaction& tx, VersionId v);
struct Signature {
  Decision decision = Decision::approved;
  std::string comment;
  std::string signer_name;
  std::string signer_role;
  std::string meaning;
  std::string content_hash;
};
// Records the decision of a pending approver; false when not pending (already decided).
bool decide(Transaction& tx, OrgId org, VersionId v, UserId approver, const Signature& s,
            Timestamp at);
// In-approval versions of unretired documents waiting for `approver`'s decision, oldest first.
std::vector<VersionId> waiting_for(Transaction& tx, OrgId org, UserId approver);
// How many of those there are (one COUNT, for the navigation badge).
std::int64_t count_waiting_for(Transaction& tx, OrgId org, UserId approver);
// True when version `v` carries an approving signature given in role `role`.
bool approved_in_role(Transaction& tx, VersionId v, Role role);
// The latest approval or review signed in `role` in the organization.
std::optional<Timestamp> last_signoff(Transaction& tx, OrgId org, Role role);

std::int64_t insert_review(Transaction& tx, OrgId org, const Review& r);
std::vector<Review> reviews(Transaction& tx, OrgId org, DocId doc);

// --- openings and acknowledgments ---
// Records the first opening (true) or refreshes the last one (false).
bool record_open(Transaction& tx, OrgId org, VersionId v, PersonId p, Timestamp at);
std::optional<Timestamp> opened_at(Transaction& tx, VersionId v, PersonId p);
// ON CONFLICT DO NOTHING: false when (version, person) was already acknowledged.
bool insert_ack(Transaction& tx, OrgId org, const Acknowledgment& a);
std::optional<Acknowledgment> find_ack(Transaction& tx, VersionId v, PersonId p);
// The person's latest acknowledgment of the document with a version number in [from, to].
std::optional<Acknowledgment> covering_ack(Transaction& tx, DocId doc, PersonId p, int from,
                                           int to);
struct AckRow {
  PersonId person;
  Timestamp at;
};
// Inserts acknowledgments of one version in batches (ON CONFLICT DO NOTHING) and returns the
// persons actually recorded. Callers sort `rows` by person to keep lock order stable.
std::vector<PersonId> insert_acks(Transaction& tx, OrgId org, const Version& v,
                                  const std::vector<AckRow>& rows, AckSource source);

// --- people, audiences, coverage ---
struct PersonKey {
  PersonId id;
  std::string email;
  std::optional<std::string> external_id;
  bool active = true;
};
// Only the people of the organization named by e-mail (lower case), HR external id or id, in no
// particular order: one statement over the unique index with the list as a JSON array, so the
// cost follows the request, not the size of the organization.
std::vector<PersonKey> people_by_email(Transaction& tx, OrgId org,
                                       const std::vector<std::string>& emails);
std::vector<PersonKey> people_by_external_id(Transaction& tx, OrgId org,
                                             const std::vector<std::string>& external_ids);
std::vector<PersonKey> people_by_id(Transaction& tx, OrgId org, const std::vector<PersonId>& ids);
// Active people in the document's audience. `now` decides which memberships count for roles.
bool in_audience(Transaction& tx, const Document& d, PersonId p, Timestamp now);
// Those of `people` who are active members of the document's audience (one statement).
std::vector<PersonId> audience_among(Transaction& tx, const Document& d,
                                     const std::vector<PersonId>& people, Timestamp now);
struct DeptCount {
  std::string department;
  std::int64_t audience = 0, acknowledged = 0;
};
struct CoverageRows {
  std::vector<DeptCount> departments;  // by name
  std::int64_t top_management = 0, top_management_acknowledged = 0;
};
// Audience size and those with an acknowledgment numbered in [from, to], per department, and for
// top management designated on `today` (a query driven from their terms). Per department on
// SQLite: ordered index range scans of the audience's ids and of the document's acknowledgments,
// merged in C++; on PostgreSQL one aggregate statement with hash joins.
CoverageRows coverage(Transaction& tx, const Document& d, int from, int to, std::int64_t today,
                      Timestamp now);
// Coverage summed over the live published documents whose audience is everyone (the indicators):
// per department, the active people and their covering acknowledgments summed over those
// documents, and the same for the people designated top management on `today`. The audience of
// a department is its active people times the number of such documents (`documents`). One
// set-based statement: covering acknowledgments counted per person across the documents, then
// summed per department; top management from their terms.
struct EveryoneTotals {
  std::vector<DeptCount> departments;  // by name; audience = active people (not × documents)
  std::int64_t top_management = 0, top_management_acknowledged = 0;
};
EveryoneTotals coverage_of_everyone_documents(Transaction& tx, OrgId org, std::int64_t today);
struct MissingRow {
  PersonId person;
  std::string name;
  std::string department;
  bool top_management = false;
  std::optional<Timestamp> opened_at;
};
std::vector<MissingRow> missing(Transaction& tx, const Document& d, VersionId current, int from,
                                int to, std::int64_t today, Timestamp now, int limit);

// --- campaigns ---
std::int64_t insert_campaign(Transaction& tx, OrgId org, const Campaign& c);
std::optional<Campaign> find_campaign(Transaction& tx, OrgId org, std::int64_t id);
std::vector<Campaign> campaigns(Transaction& tx, OrgId org, DocId doc);
bool close_campaign(Transaction& tx, OrgId org, std::int64_t id, Timestamp at);
void close_campaigns_of(Transaction& tx, OrgId org, DocId doc, Timestamp at);
// The earliest due date of an open campaign for version `v`.
std::optional<std::int64_t> earliest_due(Transaction& tx, OrgId org, VersionId v);

// --- share links ---
std::int64_t insert_link(Transaction& tx, OrgId org, const ShareLink& l,
                         std::string_view token_hash);
struct FoundLink {
  OrgId org;
  ShareLink link;
};
std::optional<FoundLink> find_link_by_hash(Transaction& tx, std::string_view token_hash);
std::optional<ShareLink> find_link(Transaction& tx, OrgId org, std::int64_t id);
std::vector<ShareLink> links(Transaction& tx, OrgId org, DocId doc);
bool revoke_link(Transaction& tx, OrgId org, std::int64_t id, Timestamp at);
void count_view(Transaction& tx, std::int64_t id, Timestamp at);

// --- approval rules ---
std::optional<ApprovalRule> find_rule(Transaction& tx, OrgId org, DocType t);
void upsert_rule(Transaction& tx, OrgId org, const ApprovalRule& r, Timestamp at);

}  // namespace mandate::areas::policies::repo
