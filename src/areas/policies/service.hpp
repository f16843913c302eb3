// areas/policies/service.hpp
// Use cases for policies and documented information: the register, versions and their diff,
// approval as an electronic signature (password re-asked, bound to the content hash), publication,
// openings and acknowledgments bound to a version, campaigns with coverage, bulk acknowledgments
// from HR or an LMS, public share links, the review cadence, Markdown import/export and the
// indicators the dashboard shows. Authorization is re-checked here (defense in depth behind the
// routes); every change writes its ledger entry in the same transaction, and a refused change
// writes nothing. All functions block: call them on the worker pool.
//
// Ledger entity types: "policy" (entity id: document id) for register changes, versions,
// approvals, reviews, publication and retirement; "policy_ack" (entity id "<doc>:<person>") for
// openings and acknowledgments; "policy_campaign", "policy_link", "policy_rule".
// Actions: policy — create, update, new_draft, edit_draft, submit, approve, reject, publish,
// retire, review (data.outcome no_change | new_version), bulk_acknowledged; policy_ack — opened,
// acknowledged; policy_campaign — create, close; policy_link — create, revoke, viewed (actor:
// system "public link <prefix>"); policy_rule — set (entity id: the document type name). Data is
// the canonical JSON of what changed (version_id, number, content_hash, approvers, signer_name,
// signer_role, meaning, comment, …).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "areas/common/caller.hpp"
#include "areas/common/signature.hpp"
#include "areas/policies/model.hpp"
#include "core/diff.hpp"

namespace mandate::areas::policies {

// Who may do what (docs/security.md has the table).
inline constexpr RoleSet kReaders{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::auditor};
inline constexpr RoleSet kAuthors{Role::admin, Role::isms_manager, Role::contributor};
// Publish, retire, review sign-off, campaigns, share links.
inline constexpr RoleSet kPublishers{Role::admin, Role::top_management, Role::isms_manager};
inline constexpr RoleSet kRuleAdmins{Role::admin, Role::isms_manager};
// Roles a named approver must hold; approving is then allowed to exactly the named approvers.
inline constexpr RoleSet kApproverRoles{Role::admin, Role::top_management, Role::isms_manager,
                                        Role::contributor};
// Anyone who can be in an audience: opens and acknowledges their own policies.
inline constexpr RoleSet kMembers{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::staff};
// Bulk acknowledgments from HR or an LMS (usually an API token).
inline constexpr RoleSet kAckImporters{Role::admin, Role::isms_manager};

// --- register ---

enum class Sort { reference, title, type, status, review_due, updated };
std::optional<Sort> parse_sort(std::string_view s);

struct ListQuery {
  std::string search;  // reference or title, case-insensitive substring
  std::optional<DocType> type;
  std::optional<DocStatus> status;
  bool due_only = false;      // review due within 30 days or overdue
  bool overdue_only = false;
  Sort sort = Sort::reference;
  bool descending = false;
};

// Review state of a document with a published version.
struct ReviewDue {
  std::int64_t due_on = 0;  // days since epoch
  std::int64_t days_left = 0;  // negative when overdue
  bool overdue() const { return days_left < 0; }
  bool due_soon() const { return days_left >= 0 && days_left <= 30; }
};

struct DocRow {
  Document doc;
  std::string owner_name;
  std::optional<int> current_number;        // published version number
  std::optional<core::Timestamp> published_at;
  std::optional<VersionStatus> pending;     // status of a newer draft/in-approval version
  bool approved_by_top_management = false;  // the current version carries such a signature
  std::optional<ReviewDue> review;          // only with a current version, not retired
};
Result<std::vector<DocRow>> list(const Env& env, const Caller& by, const ListQuery& q);
// CSV with a header row: reference, title, type, status, owner, classification, audience,
// current version, published at, approved by top management, review due, requirements.
Result<std::string> export_csv(const Env& env, const Caller& by, const ListQuery& q);

struct VersionView {
  Version version;
  std::vector<Approval> approvals;
};
struct Coverage;
struct DocView {
  Document doc;
  std::string owner_name;
  std::vector<VersionView> versions;  // newest first, with content
  std::vector<Review> reviews;        // newest first
  std::optional<ReviewDue> review;
  ApprovalRule rule;
  std::vector<Campaign> campaigns;
  std::vector<ShareLink> links;       // for kPublishers only; empty otherwise
  std::vector<ledger::Entry> history; // newest first
};
// Errc::not_found when the id is not a document of the caller's organization.
Result<DocView> view(const Env& env, const Caller& by, DocId id);

// Creates the document with version 1 as a draft. Errc::invalid (register and draft fields;
// "reference" when already used in this organization), Errc::forbidden.
Result<DocId> create(const Env& env, const Caller& by, DocumentFields f, DraftFields first);
// Register fields only (content lives in versions). Errc::stale when `expected_row_version` is
// not current; Errc::conflict when retired.
Status update(const Env& env, const Caller& by, DocId id, DocumentFields f,
              std::int64_t expected_row_version);

// Starts the next version as a draft, copying the newest version's content. Errc::conflict when a
// draft or in-approval version exists, or the document is retired.
Result<VersionId> new_draft(const Env& env, const Caller& by, DocId id);
// Only a draft can be edited: Errc::conflict otherwise ("submitted versions are immutable"),
// Errc::stale on a concurrent edit, Errc::invalid (fields).
Status edit_draft(const Env& env, const Caller& by, VersionId v, DraftFields f,
                  std::int64_t expected_row_version);
// Submits a draft to named approvers (users of the organization holding a kApproverRoles role).
// Checks the approval rule of the document type: at least min_approvers named; at least one
// top_management approver when required; the author not the only approver when independence is
// required. Errc::invalid ("approvers" names what is missing), Errc::conflict when not a draft.
Status submit(const Env& env, const Caller& by, VersionId v, std::vector<UserId> approvers);

// What a signature needs from the edge (areas/common/signature.hpp).
using areas::SignatureAuth;

// Approves as one of the named approvers: re-checks the password (Errc::unauthorized, nothing
// recorded; Errc::too_many when throttled), records printed name, role, UTC time, meaning
// ("Approved as top management") and the content hash; when every named approver has approved,
// the version becomes approved. `material` lets the approver set the material-change flag.
// Errc::conflict: not in approval (a draft, rejected, approved, retired document) or already
// decided by this approver; Errc::forbidden: not a named approver.
Status approve(const Env& env, const Caller& by, VersionId v, const SignatureAuth& auth,
               std::string comment, std::optional<bool> material = std::nullopt);
// Rejects with a comment (required: Errc::invalid "comment"); the version becomes rejected.
// Same Errc::conflict / forbidden cases as approve.
Status reject(const Env& env, const Caller& by, VersionId v, std::string comment);
// Publishes an approved version: it becomes current for its audience and the previous one is
// archived. The document's review clock restarts at the approval. Errc::conflict when not
// approved (names what is missing) or the document is retired.
Status publish(const Env& env, const Caller& by, VersionId v);
// Retires the document (no longer applies; kept for its retention period). Pending approvals end.
// Errc::conflict when already retired. `reason` required (Errc::invalid "reason").
Status retire(const Env& env, const Caller& by, DocId id, std::string reason);

// One version by its number, without loading the rest of the document (what routes with {n}
// need); content only `with_content`. Errc::not_found for an unknown document or number,
// Errc::forbidden outside kReaders.
Result<Version> version_by_number(const Env& env, const Caller& by, DocId id, int number,
                                  bool with_content = false);

// Errc::not_found when a number is not a version of the document.
struct DiffView {
  Version from;
  Version to;
  core::Diff diff;
};
Result<DiffView> diff(const Env& env, const Caller& by, DocId id, int from_number, int to_number);

// --- review cadence ---
// "No change": signed like an approval (password re-asked) by a kPublishers member, bound to the
// current version's hash; restarts the review clock. Errc::conflict without a current version.
Status review_no_change(const Env& env, const Caller& by, DocId id, const SignatureAuth& auth,
                        std::string comment);
// The review ends in a new version: records the review (outcome new_version) and starts a draft.
Result<VersionId> review_new_version(const Env& env, const Caller& by, DocId id,
                                     std::string comment);

// --- approval inbox ---
struct InboxItem {
  Document doc;
  Version version;  // in approval, with content
  std::vector<Approval> approvals;
};
// Versions waiting for the caller's decision.
Result<std::vector<InboxItem>> inbox(const Env& env, const Caller& by);
// How many there are: one COUNT, for the "Approvals (n)" badge every page shows an approver.
Result<std::int64_t> pending_approvals(const Env& env, const Caller& by);
struct Candidate {
  UserId user;
  std::string name;
  Role role;
};
// Members who can be named as approvers, by name.
Result<std::vector<Candidate>> approver_candidates(const Env& env, const Caller& by);

// --- staff: my policies, open, acknowledge ---
struct MyPolicy {
  Document doc;
  Version current;  // without content
  std::optional<core::Timestamp> opened_at;        // of the current version
  std::optional<core::Timestamp> acknowledged_at;  // covering acknowledgment, if any
  int acknowledged_number = 0;  // the version number that acknowledgment was for
  bool must_acknowledge() const { return !acknowledged_at; }
  std::optional<std::int64_t> due_on;  // earliest open campaign's due date
};
struct MyPolicies {
  std::optional<PersonId> person;  // nullopt: the user is not in the people register
  std::vector<MyPolicy> policies;  // to acknowledge first, then by reference
};
Result<MyPolicies> my_policies(const Env& env, const Caller& by);

// Records that the caller opened the current version (first time only; ledger "opened") and
// returns it with content. Errc::forbidden when the caller is not in the audience (or not in the
// people register), Errc::not_found when the document has no published version.
struct Opened {
  Document doc;
  Version version;
  core::Timestamp opened_at;
  std::optional<core::Timestamp> acknowledged_at;
};
Result<Opened> open(const Env& env, const Caller& by, DocId id);
// Acknowledges the current version, bound to `content_hash` (what the person saw). Idempotent.
// Errc::conflict: not opened first, the hash is not the current version's (it changed since).
// Errc::forbidden: not in the audience. Returns the (first) acknowledgment.
Result<Acknowledgment> acknowledge(const Env& env, const Caller& by, DocId id,
                                   std::string_view content_hash);

// Bulk acknowledgments (HR or an LMS) for a published version: each item names a person by
// e-mail, external id or id, optionally with the time; idempotent per (version, person) also
// under concurrent requests; all-or-nothing when any item fails; reported per item. One ledger
// entry per request ("bulk_acknowledged", entity "policy" = the document) lists the person ids
// recorded, so an ingest of 100,000 acknowledgments stays one signed, verifiable fact.
struct BulkItem {
  std::string person;  // e-mail, HR external id, or "#<id>"
  std::optional<core::Timestamp> at;
};
enum class BulkOutcome { recorded, already, rejected };
std::string_view bulk_outcome_name(BulkOutcome o);
struct BulkItemResult {
  int index = 0;
  std::string person;
  BulkOutcome outcome = BulkOutcome::rejected;
  std::string error;
};
struct BulkResult {
  bool applied = false;
  int recorded = 0, already = 0, rejected = 0;
  std::vector<BulkItemResult> items;
};
// When any item is rejected nothing is written: applied is false and `items` lists only the
// rejected items (with index and error, "field: message"). When applied, `items` has one entry
// per request item, in order; a person named twice counts once (the repeat is "already").
// Bulk acknowledgments bypass the opened-first rule (the LMS presented the document) and are
// recorded with source "api"; an item's `at` defaults to now and may not be in the future or
// before the version was published.
// Errc::not_found (document or version number), Errc::conflict when the version is not the
// published one, Errc::invalid ("acknowledgments", the API field) when empty or over 100,000
// items.
Result<BulkResult> bulk_acknowledge(const Env& env, const Caller& by, DocId id, int number,
                                    const std::vector<BulkItem>& items);

// --- coverage and campaigns ---
struct CoverageCount {
  std::string label;  // department name; "" for overall
  std::int64_t audience = 0;
  std::int64_t acknowledged = 0;
  double share() const { return audience ? double(acknowledged) / double(audience) : 1.0; }
};
struct Coverage {
  CoverageCount overall;
  CoverageCount top_management;  // audience members who are top management today
  std::vector<CoverageCount> departments;  // by name
};
// Coverage of the current version (acknowledged it, or an earlier one with no material change
// since) among active people in the audience. Errc::conflict without a current version.
Result<Coverage> coverage(const Env& env, const Caller& by, DocId id);
struct Missing {
  PersonId person;
  std::string name;
  std::string department;
  bool top_management = false;
  std::optional<core::Timestamp> opened_at;
};
// Audience members without a covering acknowledgment, by department then name (at most `limit`).
Result<std::vector<Missing>> missing(const Env& env, const Caller& by, DocId id, int limit = 500);

// A drive for the current version with a due date (after today: Errc::invalid "due_on").
Result<std::int64_t> create_campaign(const Env& env, const Caller& by, DocId id, std::string title,
                                     std::int64_t due_on);
Status close_campaign(const Env& env, const Caller& by, std::int64_t campaign);

// --- public share links ---
struct CreatedLink {
  ShareLink link;
  std::string secret;  // shown once; stored hashed
};
// For a published or archived version; expires_at in the future and at most a year ahead
// (Errc::invalid "expires_at"); recipient required (Errc::invalid "recipient").
Result<CreatedLink> create_share_link(const Env& env, const Caller& by, VersionId v,
                                      std::string recipient, core::Timestamp expires_at);
Status revoke_share_link(const Env& env, const Caller& by, std::int64_t link);
struct SharedView {
  std::string organization;
  Document doc;
  Version version;
  bool superseded = false;  // a newer version has been published since
};
// Anonymous, read-only; every view is counted and written to the ledger ("viewed", actor: the
// link). Errc::not_found for an unknown, revoked or expired token (indistinguishable).
Result<SharedView> view_shared(const Env& env, std::string_view secret);

// --- approval rules ---
Result<std::vector<ApprovalRule>> rules(const Env& env, const Caller& by);  // every type
// Errc::invalid ("min_approvers" 1..10).
Status set_rule(const Env& env, const Caller& by, const ApprovalRule& rule);

// --- Markdown import and export ---
// A file with optional front matter between "---" lines: reference, title, type, owner (e-mail),
// classification, audience, review_interval_months, retention_months, requirements (comma
// separated); without front matter the reference comes from the file name and the title from
// the first heading.
struct ImportFile {
  std::string name;  // file name, for messages
  std::string content;
};
struct ImportFileResult {
  std::string name;
  std::string reference;
  std::string action;  // "create", "new draft", "unchanged", "reject"
  std::map<std::string, std::string> errors;
};
struct ImportReport {
  bool applied = false;
  std::vector<ImportFileResult> files;
  bool ok() const;
};
// Dry run when `apply` is false. Applies all-or-nothing: a new document with a draft, or a new
// draft of an existing one when the content differs (the register fields of an existing document
// are left as they are: change them in the register). Also read from front matter: audience_values
// and requirements (a list or comma-separated), change_summary, material (true/false),
// effective_on (YYYY-MM-DD); version, status and content_hash (written by export) are ignored.
// Errors are keyed by front-matter field ("front_matter" when it cannot be read).
Result<ImportReport> import_markdown(const Env& env, const Caller& by,
                                     const std::vector<ImportFile>& files, bool apply);
// Current published versions (or the newest version with `include_drafts`), with front matter.
struct ExportedDoc {
  Document doc;
  Version version;
  std::string markdown_with_front_matter;
};
Result<std::vector<ExportedDoc>> export_documents(const Env& env, const Caller& by,
                                                  bool include_drafts = false);

// --- indicators (computed from records; the dashboard and, later, the scorecard) ---
struct Indicators {
  std::int64_t policies = 0;  // not retired, with a published version
  std::int64_t approved_by_top_management = 0;
  std::vector<DocRow> not_approved_by_top_management;
  std::int64_t within_review = 0;
  std::vector<DocRow> overdue;  // most overdue first
  std::int64_t acknowledgments_due = 0;  // person × current-version pairs in audiences
  std::int64_t acknowledged = 0;
  std::vector<CoverageCount> departments;  // the same, per department
  CoverageCount top_management;
  std::optional<std::int64_t> days_since_top_management_signoff;  // approval or review
  std::optional<core::Timestamp> last_top_management_signoff;
};
Result<Indicators> indicators(const Env& env, const Caller& by);

// --- for other areas, inside their own transaction (they authorize the caller) ---

// indicators() computed in `tx` (a read or write transaction) at `now`; indicators() delegates
// here. Blocks; throws StoreError.
Indicators indicators_in(store::Transaction& tx, OrgId org, core::Timestamp now);

// What changed in the register at or after `since` (nullopt: ever), oldest first: a document's
// first publication, the publication of a later version marked as a material change (versions
// without material change are left out), and retirements. The management review's input (b).
enum class ChangeKind { published, changed, retired };
std::string_view change_kind_name(ChangeKind k);  // "published", "changed", "retired"
struct RegisterChange {
  Document doc;
  ChangeKind kind = ChangeKind::published;
  int number = 0;  // the version published; for a retirement, the current version (0: none)
  std::string change_summary;  // of the version published
  core::Timestamp at;
};
std::vector<RegisterChange> changes_since(store::Transaction& tx, OrgId org,
                                          std::optional<core::Timestamp> since);

}  // namespace mandate::areas::policies
