// areas/policies/model.hpp
// Policies and documented information (ISO/IEC 27001 5.2, 7.5): the document register, versions
// whose content becomes immutable (and hashed) once submitted, approvals that are electronic
// signatures bound to that hash, reviews, openings and acknowledgments bound to a version,
// acknowledgment campaigns, public share links and the approval rules per document type. Types,
// the version state machine and validation only; no I/O. Siblings: repo (SQL), service (use
// cases, authorization, ledger), pages/api/routes (web edge).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"

namespace mandate::areas::policies {

using DocId = Id<struct PolicyDocTag>;
using VersionId = Id<struct PolicyVersionTag>;

enum class DocType {
  information_security_policy,
  topic_specific_policy,
  procedure,
  standard,
  guideline,
  record,
};
inline constexpr DocType kAllDocTypes[] = {
    DocType::information_security_policy, DocType::topic_specific_policy, DocType::procedure,
    DocType::standard, DocType::guideline, DocType::record};
std::string_view doc_type_name(DocType t);   // "information_security_policy"
std::string_view doc_type_label(DocType t);  // "Information security policy"
std::optional<DocType> parse_doc_type(std::string_view s);

enum class Classification { public_, internal, confidential, restricted };
std::string_view classification_name(Classification c);  // "public", "internal", …
std::optional<Classification> parse_classification(std::string_view s);

// Who a document applies to. For departments / roles / people, Document::audience_values holds
// department names, role names ("staff") or person ids (decimal text).
enum class AudienceKind { everyone, departments, roles, people };
std::string_view audience_kind_name(AudienceKind k);
std::optional<AudienceKind> parse_audience_kind(std::string_view s);

// The document's status, derived from its versions: draft (nothing submitted yet or a draft
// only), in_approval, approved (not yet published), published (a current version exists, even
// while a successor is being drafted or approved), retired.
enum class DocStatus { draft, in_approval, approved, published, retired };
std::string_view doc_status_name(DocStatus s);
std::optional<DocStatus> parse_doc_status(std::string_view s);

// The state machine of one version:
//   draft --submit--> in_approval --(every named approver approved)--> approved --publish-->
//   published --(successor published)--> archived;  in_approval --reject--> rejected.
// Only a draft's content can change; from in_approval on, content and hash are immutable.
enum class VersionStatus { draft, in_approval, approved, rejected, published, archived };
std::string_view version_status_name(VersionStatus s);
std::optional<VersionStatus> parse_version_status(std::string_view s);

enum class Decision { pending, approved, rejected };
std::string_view decision_name(Decision d);
std::optional<Decision> parse_decision(std::string_view s);

enum class ReviewOutcome { no_change, new_version };
std::string_view review_outcome_name(ReviewOutcome o);
std::optional<ReviewOutcome> parse_review_outcome(std::string_view s);

// How an acknowledgment reached us.
enum class AckSource { ui, api };
std::string_view ack_source_name(AckSource s);
std::optional<AckSource> parse_ack_source(std::string_view s);

struct Document {
  DocId id;
  OrgId org;
  std::string reference;  // "POL-001": unique per organization
  std::string title;
  DocType type = DocType::topic_specific_policy;
  std::optional<PersonId> owner;
  Classification classification = Classification::internal;
  AudienceKind audience = AudienceKind::everyone;
  std::vector<std::string> audience_values;
  int review_interval_months = 12;
  int retention_months = 84;
  std::vector<std::string> requirements;  // catalog ids: "ISO27001:5.2", "ISO27001:A.5.1"
  DocStatus status = DocStatus::draft;
  std::optional<VersionId> current_version;  // the published one
  std::optional<core::Timestamp> last_reviewed_at;  // last approval or review, for the cadence
  std::optional<core::Timestamp> retired_at;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t row_version = 1;
};

// The register fields, as submitted by a form, the API or an imported file's front matter.
struct DocumentFields {
  std::string reference;
  std::string title;
  DocType type = DocType::topic_specific_policy;
  std::optional<PersonId> owner;
  Classification classification = Classification::internal;
  AudienceKind audience = AudienceKind::everyone;
  std::vector<std::string> audience_values;
  int review_interval_months = 12;
  int retention_months = 84;
  std::vector<std::string> requirements;
};
// Trims, upper-cases the reference, de-duplicates lists. Field errors use these names:
// reference, title, type, owner_id, classification, audience, audience_values,
// review_interval_months (1..60), retention_months (0..1200), requirements.
void normalise(DocumentFields& f);
void validate(const DocumentFields& f, Validation& v);

struct Version {
  VersionId id;
  OrgId org;
  DocId doc;
  int number = 1;
  std::string content;       // Markdown
  std::string content_hash;  // lower-case hex SHA-256 of content's bytes
  std::string change_summary;
  bool material = true;
  VersionStatus status = VersionStatus::draft;
  std::optional<std::int64_t> effective_on;  // days since epoch; separate from approval time
  UserId author;
  std::string author_label;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::optional<core::Timestamp> submitted_at;
  std::optional<core::Timestamp> decided_at;  // approved or rejected
  std::optional<core::Timestamp> published_at;
  std::optional<core::Timestamp> archived_at;
  std::int64_t row_version = 1;
};

struct DraftFields {
  std::string content;
  std::string change_summary;
  bool material = true;
  std::optional<std::int64_t> effective_on;
};
// Field errors: content (required, ≤ 1 MiB, valid UTF-8), change_summary (≤ 2000),
// effective_on.
void validate(const DraftFields& f, Validation& v);

// Lower-case hex SHA-256 of the content bytes.
std::string content_hash(std::string_view content);

// A named approver's decision on a version; a decided one is an electronic signature: printed
// name, role held when signing, meaning ("Approved as top management") and the hash signed.
struct Approval {
  VersionId version;
  UserId approver;
  std::string approver_name;  // display name (also while pending)
  Decision decision = Decision::pending;
  std::string comment;
  std::string signer_name;
  std::string signer_role;  // role_name() at signing time
  std::string meaning;
  std::string content_hash;
  std::optional<core::Timestamp> decided_at;
  core::Timestamp requested_at;
};

struct Review {
  std::int64_t id = 0;
  DocId doc;
  VersionId version;
  ReviewOutcome outcome = ReviewOutcome::no_change;
  std::string comment;
  UserId reviewer;
  std::string signer_name;
  std::string signer_role;
  std::string meaning;
  std::string content_hash;
  core::Timestamp at;
};

struct Acknowledgment {
  VersionId version;
  PersonId person;
  DocId doc;
  int version_number = 0;
  std::string content_hash;
  core::Timestamp at;
  AckSource source = AckSource::ui;
};

struct Campaign {
  std::int64_t id = 0;
  DocId doc;
  VersionId version;
  std::string title;
  std::int64_t due_on = 0;  // days since epoch
  std::string created_by;
  core::Timestamp created_at;
  std::optional<core::Timestamp> closed_at;
};

struct ShareLink {
  std::int64_t id = 0;
  VersionId version;
  std::string prefix;     // first characters of the token, to recognise it in lists
  std::string recipient;  // "Acme Ltd (customer due diligence)"
  core::Timestamp expires_at;
  std::optional<core::Timestamp> revoked_at;
  std::string created_by;
  core::Timestamp created_at;
  std::int64_t views = 0;
  std::optional<core::Timestamp> last_viewed_at;
  bool active_at(core::Timestamp t) const { return !revoked_at && t < expires_at; }
};

// Approval rules per document type (configurable per organization).
struct ApprovalRule {
  DocType type = DocType::topic_specific_policy;
  int min_approvers = 1;                // named approvers, 1..10
  bool require_top_management = false;  // at least one approver holds top_management
  bool require_independence = true;     // the author cannot be the only approver
};
// The defaults when an organization has not configured a type: the information security policy
// needs a top-management approver; every type requires independence from the author.
ApprovalRule default_rule(DocType t);

// Review cadence: the due date is the last approval or review plus the interval, in whole
// calendar months (days since epoch; the day clamps to the month's end).
std::int64_t add_months(std::int64_t day, int months);

}  // namespace mandate::areas::policies
