// areas/policies/repo.cpp — SQL for policies (see repo.hpp).
#include "areas/policies/repo.hpp"

#include <algorithm>
#include <type_traits>

#include "areas/common/sql.hpp"
#include "core/json.hpp"
#include "core/roles.hpp"

namespace mandate::areas::policies::repo {
namespace {

constexpr const char* kDocCols =
    "d.id, d.org_id, d.reference, d.title, d.doc_type, d.owner_person_id, d.classification, "
    "d.audience, d.review_interval_months, d.retention_months, d.requirements, d.status, "
    "d.current_version_id, d.last_reviewed_at, d.retired_at, d.created_at, d.updated_at, "
    "d.version";

std::optional<Timestamp> opt_ts(const store::Row& r, std::size_t i) {
  if (auto v = r.opt_int64(i)) {
    return Timestamp{*v};
  }
  return std::nullopt;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) {
      comma = s.size();
    }
    if (comma > start) {
      out.push_back(s.substr(start, comma - start));
    }
    start = comma + 1;
  }
  return out;
}

std::string join_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) {
      out += ',';
    }
    out += x;
  }
  return out;
}

std::vector<std::string> audience_values(Transaction& tx, DocId doc, AudienceKind kind) {
  std::vector<std::string> out;
  for (auto& r : tx.query("SELECT value FROM policy_audience WHERE doc_id = ? AND kind = ? "
                          "ORDER BY value",
                          doc, audience_kind_name(kind))) {
    out.push_back(r.text(0));
  }
  if (kind == AudienceKind::people) {
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
  }
  return out;
}

Document doc_from(Transaction& tx, const store::Row& r) {
  Document d;
  d.id = DocId{r.int64(0)};
  d.org = OrgId{r.int64(1)};
  d.reference = r.text(2);
  d.title = r.text(3);
  d.type = parse_doc_type(r.text(4)).value_or(DocType::topic_specific_policy);
  if (auto o = r.opt_int64(5)) {
    d.owner = PersonId{*o};
  }
  d.classification = parse_classification(r.text(6)).value_or(Classification::internal);
  d.audience = parse_audience_kind(r.text(7)).value_or(AudienceKind::everyone);
  d.review_interval_months = static_cast<int>(r.int64(8));
  d.retention_months = static_cast<int>(r.int64(9));
  d.requirements = split_list(r.text(10));
  d.status = parse_doc_status(r.text(11)).value_or(DocStatus::draft);
  if (auto c = r.opt_int64(12)) {
    d.current_version = VersionId{*c};
  }
  d.last_reviewed_at = opt_ts(r, 13);
  d.retired_at = opt_ts(r, 14);
  d.created_at = Timestamp{r.int64(15)};
  d.updated_at = Timestamp{r.int64(16)};
  d.row_version = r.int64(17);
  if (d.audience != AudienceKind::everyone) {
    d.audience_values = audience_values(tx, d.id, d.audience);
  }
  return d;
}

void write_audience(Transaction& tx, DocId id, const DocumentFields& f) {
  tx.exec("DELETE FROM policy_audience WHERE doc_id = ?", id);
  if (f.audience == AudienceKind::everyone) {
    return;
  }
  for (const auto& v : f.audience_values) {
    tx.exec("INSERT INTO policy_audience (doc_id, kind, value) VALUES (?, ?, ?)", id,
            audience_kind_name(f.audience), v);
  }
}

std::string version_cols(bool with_content) {
  return std::string("v.id, v.org_id, v.doc_id, v.number, ") +
         (with_content ? "v.content" : "''") +
         ", v.content_hash, v.change_summary, v.material, v.status, v.effective_on, "
         "v.author_user_id, v.author_label, v.created_at, v.updated_at, v.submitted_at, "
         "v.decided_at, v.published_at, v.archived_at, v.row_version";
}

Version version_from(const store::Row& r) {
  Version v;
  v.id = VersionId{r.int64(0)};
  v.org = OrgId{r.int64(1)};
  v.doc = DocId{r.int64(2)};
  v.number = static_cast<int>(r.int64(3));
  v.content = r.text(4);
  v.content_hash = r.text(5);
  v.change_summary = r.text(6);
  v.material = r.int64(7) != 0;
  v.status = parse_version_status(r.text(8)).value_or(VersionStatus::draft);
  v.effective_on = r.opt_int64(9);
  v.author = UserId{r.opt_int64(10).value_or(0)};
  v.author_label = r.text(11);
  v.created_at = Timestamp{r.int64(12)};
  v.updated_at = Timestamp{r.int64(13)};
  v.submitted_at = opt_ts(r, 14);
  v.decided_at = opt_ts(r, 15);
  v.published_at = opt_ts(r, 16);
  v.archived_at = opt_ts(r, 17);
  v.row_version = r.int64(18);
  return v;
}

constexpr const char* kAckCols =
    "version_id, person_id, doc_id, version_number, content_hash, at, source";

Acknowledgment ack_from(const store::Row& r) {
  Acknowledgment a;
  a.version = VersionId{r.int64(0)};
  a.person = PersonId{r.int64(1)};
  a.doc = DocId{r.int64(2)};
  a.version_number = static_cast<int>(r.int64(3));
  a.content_hash = r.text(4);
  a.at = Timestamp{r.int64(5)};
  a.source = parse_ack_source(r.text(6)).value_or(AckSource::ui);
  return a;
}

constexpr const char* kCampaignCols =
    "id, doc_id, version_id, title, due_on, created_by_label, created_at, closed_at";

Campaign campaign_from(const store::Row& r) {
  Campaign c;
  c.id = r.int64(0);
  c.doc = DocId{r.int64(1)};
  c.version = VersionId{r.int64(2)};
  c.title = r.text(3);
  c.due_on = r.int64(4);
  c.created_by = r.text(5);
  c.created_at = Timestamp{r.int64(6)};
  c.closed_at = opt_ts(r, 7);
  return c;
}

constexpr const char* kLinkCols =
    "l.id, l.version_id, l.prefix, l.recipient, l.expires_at, l.revoked_at, l.created_by_label, "
    "l.created_at, l.views, l.last_viewed_at, l.org_id";

ShareLink link_from(const store::Row& r) {
  ShareLink l;
  l.id = r.int64(0);
  l.version = VersionId{r.int64(1)};
  l.prefix = r.text(2);
  l.recipient = r.text(3);
  l.expires_at = Timestamp{r.int64(4)};
  l.revoked_at = opt_ts(r, 5);
  l.created_by = r.text(6);
  l.created_at = Timestamp{r.int64(7)};
  l.views = r.int64(8);
  l.last_viewed_at = opt_ts(r, 9);
  return l;
}

// The WHERE condition selecting the active people (alias p) in the document's audience. The
// audience kind is known here, so each kind gets the statement its indexes serve best (one
// statement text per kind keeps the prepared-statement cache small).
std::string audience_where(const Document& d, std::vector<store::Value>& params, Timestamp now) {
  std::string sql = "p.org_id = ? AND p.status = 'active'";
  params.emplace_back(d.org.value);
  switch (d.audience) {
    case AudienceKind::everyone:
      break;
    case AudienceKind::departments:
      sql +=
          " AND p.department IN (SELECT a.value FROM policy_audience a WHERE a.doc_id = ? AND "
          "a.kind = 'departments')";
      params.emplace_back(d.id.value);
      break;
    case AudienceKind::people:
      sql +=
          " AND p.id IN (SELECT CAST(a.value AS BIGINT) FROM policy_audience a WHERE a.doc_id = ? "
          "AND a.kind = 'people')";
      params.emplace_back(d.id.value);
      break;
    case AudienceKind::roles:
      // A person holds a role through the user linked to them (people.user_id) or the user
      // with their e-mail address; only unexpired memberships count.
      sql +=
          " AND p.id IN (SELECT q.id FROM memberships m JOIN users u ON u.id = m.user_id "
          "JOIN people q ON q.org_id = m.org_id AND (q.user_id = u.id OR (q.email = u.email AND "
          "q.user_id IS NULL)) WHERE m.org_id = ? AND (m.expires_at IS NULL OR m.expires_at > ?) "
          "AND m.role IN (SELECT a.value FROM policy_audience a WHERE a.doc_id = ? AND "
          "a.kind = 'roles'))";
      params.emplace_back(d.org.value);
      params.emplace_back(now.us);
      params.emplace_back(d.id.value);
      break;
  }
  return sql;
}

// LEFT JOIN of the person's acknowledgments numbered in [from, to] (index
// policy_acknowledgments_doc: one seek per person, a hash join on PostgreSQL).
std::string ack_join(const Document& d, int from, int to, std::vector<store::Value>& params) {
  params.emplace_back(d.id.value);
  params.emplace_back(std::int64_t{from});
  params.emplace_back(std::int64_t{to});
  return " LEFT JOIN policy_acknowledgments k ON k.doc_id = ? AND k.person_id = p.id AND "
         "k.version_number BETWEEN ? AND ?";
}

const char* time_column(VersionStatus s) {
  switch (s) {
    case VersionStatus::in_approval: return "submitted_at";
    case VersionStatus::approved:
    case VersionStatus::rejected: return "decided_at";
    case VersionStatus::published: return "published_at";
    case VersionStatus::archived: return "archived_at";
    case VersionStatus::draft: return "updated_at";
  }
  return "updated_at";
}

// `expr IN (…)` over a list sent as one JSON array parameter (json_array): one statement whatever
// the length of the list, prepared once on SQLite and planned once on PostgreSQL (a statement
// per few hundred values was planned anew each time there: 100,000 e-mails took seconds).
std::string in_json_list(Transaction& tx, const std::string& expr, bool integers) {
  if (tx.dialect() == store::Dialect::postgres) {
    return expr + (integers ? " IN (SELECT CAST(value AS BIGINT) FROM "
                              "jsonb_array_elements_text(CAST(? AS jsonb)))"
                            : " IN (SELECT value FROM jsonb_array_elements_text(CAST(? AS jsonb)))");
  }
  return expr + " IN (SELECT value FROM json_each(?))";
}

std::string json_array(const std::vector<std::string>& values) {
  core::json::array a;
  a.reserve(values.size());
  for (const auto& v : values) {
    a.emplace_back(v);
  }
  return core::json::serialize(a);
}

std::string json_array(const std::vector<PersonId>& values) {
  core::json::array a;
  a.reserve(values.size());
  for (PersonId v : values) {
    a.emplace_back(v.value);
  }
  return core::json::serialize(a);
}

// People of the organization whose `column` (email, external_id or id) is one of `values`.
template <class T>
std::vector<PersonKey> people_where(Transaction& tx, OrgId org, const char* column,
                                    const std::vector<T>& values) {
  std::vector<PersonKey> out;
  if (values.empty()) {
    return out;
  }
  out.reserve(values.size());
  const std::string sql =
      "SELECT id, email, external_id, status FROM people WHERE org_id = ? AND " +
      in_json_list(tx, column, std::is_same_v<T, PersonId>);
  for (const auto& r : tx.query(sql, org, json_array(values))) {
    out.push_back(PersonKey{PersonId{r.int64(0)}, r.text(1), r.opt_text(2),
                            r.text(3) == "active"});
  }
  return out;
}

}  // namespace

// --- documents ---

std::vector<Document> documents(Transaction& tx, OrgId org, const DocQuery& q) {
  const std::string pat = like_pattern(q.search);
  const std::string type = q.type ? std::string(doc_type_name(*q.type)) : std::string();
  const std::string status = q.status ? std::string(doc_status_name(*q.status)) : std::string();
  std::vector<Document> out;
  auto rows = tx.query(std::string("SELECT ") + kDocCols +
                           " FROM policy_documents d WHERE d.org_id = ?"
                           " AND (? = '' OR LOWER(d.reference) LIKE LOWER(?) ESCAPE '\\'"
                           " OR LOWER(d.title) LIKE LOWER(?) ESCAPE '\\')"
                           " AND (? = '' OR d.doc_type = ?) AND (? = '' OR d.status = ?)"
                           " ORDER BY d.reference",
                       org, q.search, pat, pat, type, type, status, status);
  for (auto& r : rows) {
    out.push_back(doc_from(tx, r));
  }
  return out;
}

std::optional<Document> find_document(Transaction& tx, OrgId org, DocId id) {
  auto r = tx.query_one(std::string("SELECT ") + kDocCols +
                            " FROM policy_documents d WHERE d.org_id = ? AND d.id = ?",
                        org, id);
  return r ? std::optional(doc_from(tx, *r)) : std::nullopt;
}

std::optional<Document> find_by_reference(Transaction& tx, OrgId org,
                                          std::string_view reference) {
  auto r = tx.query_one(std::string("SELECT ") + kDocCols +
                            " FROM policy_documents d WHERE d.org_id = ? AND d.reference = ?",
                        org, reference);
  return r ? std::optional(doc_from(tx, *r)) : std::nullopt;
}

DocId insert_document(Transaction& tx, OrgId org, const DocumentFields& f, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO policy_documents (org_id, reference, title, doc_type, owner_person_id, "
      "classification, audience, review_interval_months, retention_months, requirements, "
      "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) "
      "RETURNING id",
      org, f.reference, f.title, doc_type_name(f.type), f.owner,
      classification_name(f.classification), audience_kind_name(f.audience),
      f.review_interval_months, f.retention_months, join_list(f.requirements), at.us, at.us);
  DocId id{r->int64(0)};
  write_audience(tx, id, f);
  return id;
}

bool update_document(Transaction& tx, OrgId org, DocId id, const DocumentFields& f,
                     std::int64_t expected_row_version, Timestamp at) {
  auto n = tx.exec(
      "UPDATE policy_documents SET reference = ?, title = ?, doc_type = ?, owner_person_id = ?, "
      "classification = ?, audience = ?, review_interval_months = ?, retention_months = ?, "
      "requirements = ?, updated_at = ?, version = version + 1 "
      "WHERE org_id = ? AND id = ? AND version = ?",
      f.reference, f.title, doc_type_name(f.type), f.owner, classification_name(f.classification),
      audience_kind_name(f.audience), f.review_interval_months, f.retention_months,
      join_list(f.requirements), at.us, org, id, expected_row_version);
  if (n != 1) {
    return false;
  }
  write_audience(tx, id, f);
  return true;
}

void set_status(Transaction& tx, OrgId org, DocId id, DocStatus s, Timestamp at) {
  tx.exec("UPDATE policy_documents SET status = ?, updated_at = ? WHERE org_id = ? AND id = ?",
          doc_status_name(s), at.us, org, id);
}

void set_current(Transaction& tx, OrgId org, DocId id, VersionId v, Timestamp reviewed_at,
                 Timestamp at) {
  tx.exec(
      "UPDATE policy_documents SET current_version_id = ?, status = 'published', "
      "last_reviewed_at = ?, updated_at = ? WHERE org_id = ? AND id = ?",
      v, reviewed_at.us, at.us, org, id);
}

void set_last_reviewed(Transaction& tx, OrgId org, DocId id, Timestamp reviewed_at) {
  tx.exec("UPDATE policy_documents SET last_reviewed_at = ? WHERE org_id = ? AND id = ?",
          reviewed_at.us, org, id);
}

void retire(Transaction& tx, OrgId org, DocId id, Timestamp at) {
  tx.exec(
      "UPDATE policy_documents SET status = 'retired', retired_at = ?, updated_at = ? "
      "WHERE org_id = ? AND id = ?",
      at.us, at.us, org, id);
}

// --- versions ---

VersionId insert_version(Transaction& tx, OrgId org, DocId doc, int number, const DraftFields& f,
                         UserId author, std::string_view author_label, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO policy_versions (org_id, doc_id, number, content, content_hash, "
      "change_summary, material, status, effective_on, author_user_id, author_label, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?) RETURNING id",
      org, doc, number, f.content, content_hash(f.content), f.change_summary, f.material,
      f.effective_on, author ? std::optional<std::int64_t>(author.value) : std::nullopt,
      author_label, at.us, at.us);
  return VersionId{r->int64(0)};
}

std::optional<Version> find_version(Transaction& tx, OrgId org, VersionId id) {
  auto r = tx.query_one("SELECT " + version_cols(true) +
                            " FROM policy_versions v WHERE v.org_id = ? AND v.id = ?",
                        org, id);
  return r ? std::optional(version_from(*r)) : std::nullopt;
}

std::optional<Version> find_version_number(Transaction& tx, OrgId org, DocId doc, int number,
                                           bool with_content) {
  auto r = tx.query_one(
      "SELECT " + version_cols(with_content) +
          " FROM policy_versions v WHERE v.org_id = ? AND v.doc_id = ? AND v.number = ?",
      org, doc, number);
  return r ? std::optional(version_from(*r)) : std::nullopt;
}

std::vector<Version> versions(Transaction& tx, OrgId org, DocId doc, bool with_content) {
  std::vector<Version> out;
  for (auto& r : tx.query("SELECT " + version_cols(with_content) +
                              " FROM policy_versions v WHERE v.org_id = ? AND v.doc_id = ? "
                              "ORDER BY v.number DESC",
                          org, doc)) {
    out.push_back(version_from(r));
  }
  return out;
}

std::optional<Version> newest_version(Transaction& tx, OrgId org, DocId doc) {
  auto r = tx.query_one("SELECT " + version_cols(true) +
                            " FROM policy_versions v WHERE v.org_id = ? AND v.doc_id = ? "
                            "ORDER BY v.number DESC LIMIT 1",
                        org, doc);
  return r ? std::optional(version_from(*r)) : std::nullopt;
}

std::vector<Publication> published_since(Transaction& tx, OrgId org, Timestamp since) {
  std::vector<Publication> out;
  for (const auto& r : tx.query(
           "SELECT doc_id, number, material, change_summary, published_at FROM policy_versions "
           "WHERE org_id = ? AND published_at IS NOT NULL AND published_at >= ? "
           "ORDER BY published_at, doc_id, number",
           org, since.us)) {
    out.push_back(Publication{DocId{r.int64(0)}, static_cast<int>(r.int64(1)), r.int64(2) != 0,
                              r.text(3), Timestamp{r.int64(4)}});
  }
  return out;
}

bool update_draft(Transaction& tx, OrgId org, VersionId id, const DraftFields& f,
                  std::int64_t expected_row_version, Timestamp at) {
  return tx.exec(
             "UPDATE policy_versions SET content = ?, content_hash = ?, change_summary = ?, "
             "material = ?, effective_on = ?, updated_at = ?, row_version = row_version + 1 "
             "WHERE org_id = ? AND id = ? AND status = 'draft' AND row_version = ?",
             f.content, content_hash(f.content), f.change_summary, f.material, f.effective_on,
             at.us, org, id, expected_row_version) == 1;
}

bool transition(Transaction& tx, OrgId org, VersionId id, VersionStatus from, VersionStatus to,
                Timestamp at) {
  const std::string col = time_column(to);
  return tx.exec("UPDATE policy_versions SET status = ?, " + col +
                     " = ?, row_version = row_version + 1 "
                     "WHERE org_id = ? AND id = ? AND status = ?",
                 version_status_name(to), at.us, org, id, version_status_name(from)) == 1;
}

void set_material(Transaction& tx, OrgId org, VersionId id, bool material) {
  tx.exec("UPDATE policy_versions SET material = ? WHERE org_id = ? AND id = ?", material, org,
          id);
}

int baseline_number(Transaction& tx, DocId doc, int current) {
  auto r = tx.query_one(
      "SELECT MAX(number) FROM policy_versions WHERE doc_id = ? AND number <= ? AND "
      "status IN ('published', 'archived') AND (material = 1 OR number = 1)",
      doc, current);
  return r && !r->is_null(0) ? static_cast<int>(r->int64(0)) : 1;
}

// --- approvals and reviews ---

void insert_approval(Transaction& tx, OrgId org, VersionId v, UserId approver, Timestamp at) {
  tx.exec(
      "INSERT INTO policy_approvals (version_id, approver_user_id, org_id, requested_at) "
      "VALUES (?, ?, ?, ?)",
      v, approver, org, at.us);
}

std::vector<Approval> approvals(Transaction& tx, VersionId v) {
  std::vector<Approval> out;
  for (auto& r : tx.query(
           "SELECT a.version_id, a.approver_user_id, u.display_name, a.decision, a.comment, "
           "a.signer_name, a.signer_role, a.meaning, a.content_hash, a.decided_at, "
           "a.requested_at FROM policy_approvals a JOIN users u ON u.id = a.approver_user_id "
           "WHERE a.version_id = ? ORDER BY u.display_name, a.approver_user_id",
           v)) {
    Approval a;
    a.version = VersionId{r.int64(0)};
    a.approver = UserId{r.int64(1)};
    a.approver_name = r.text(2);
    a.decision = parse_decision(r.text(3)).value_or(Decision::pending);
    a.comment = r.text(4);
    a.signer_name = r.text(5);
    a.signer_role = r.text(6);
    a.meaning = r.text(7);
    a.content_hash = r.text(8);
    a.decided_at = opt_ts(r, 9);
    a.requested_at = Timestamp{r.int64(10)};
    out.push_back(std::move(a));
  }
  return out;
}

bool decide(Transaction& tx, OrgId org, VersionId v, UserId approver, const Signature& s,
            Timestamp at) {
  return tx.exec(
             "UPDATE policy_approvals SET decision = ?, comment = ?, signer_name = ?, "
             "signer_role = ?, meaning = ?, content_hash = ?, decided_at = ? "
             "WHERE org_id = ? AND version_id = ? AND approver_user_id = ? AND "
             "decision = 'pending'",
             decision_name(s.decision), s.comment, s.signer_name, s.signer_role, s.meaning,
             s.content_hash, at.us, org, v, approver) == 1;
}

std::vector<VersionId> waiting_for(Transaction& tx, OrgId org, UserId approver) {
  std::vector<VersionId> out;
  for (auto& r : tx.query(
           "SELECT a.version_id FROM policy_approvals a JOIN policy_versions v ON "
           "v.id = a.version_id JOIN policy_documents d ON d.id = v.doc_id WHERE a.org_id = ? "
           "AND a.approver_user_id = ? AND a.decision = 'pending' AND v.status = 'in_approval' "
           "AND d.status <> 'retired' ORDER BY v.submitted_at, v.id",
           org, approver)) {
    out.emplace_back(r.int64(0));
  }
  return out;
}

std::int64_t count_waiting_for(Transaction& tx, OrgId org, UserId approver) {
  auto r = tx.query_one(
      "SELECT COUNT(*) FROM policy_approvals a JOIN policy_versions v ON v.id = a.version_id "
      "JOIN policy_documents d ON d.id = v.doc_id WHERE a.org_id = ? AND a.approver_user_id = ? "
      "AND a.decision = 'pending' AND v.status = 'in_approval' AND d.status <> 'retired'",
      org, approver);
  return r ? r->int64(0) : 0;
}

bool approved_in_role(Transaction& tx, VersionId v, Role role) {
  return tx
      .query_one(
          "SELECT 1 FROM policy_approvals WHERE version_id = ? AND decision = 'approved' AND "
          "signer_role = ? LIMIT 1",
          v, role_name(role))
      .has_value();
}

std::optional<Timestamp> last_signoff(Transaction& tx, OrgId org, Role role) {
  auto r = tx.query_one(
      "SELECT MAX(x) FROM (SELECT MAX(decided_at) AS x FROM policy_approvals WHERE org_id = ? "
      "AND decision = 'approved' AND signer_role = ? UNION ALL SELECT MAX(at) AS x FROM "
      "policy_reviews WHERE org_id = ? AND signer_role = ?) s",
      org, role_name(role), org, role_name(role));
  return r ? opt_ts(*r, 0) : std::nullopt;
}

std::int64_t insert_review(Transaction& tx, OrgId org, const Review& r) {
  auto row = tx.query_one(
      "INSERT INTO policy_reviews (org_id, doc_id, version_id, outcome, comment, "
      "reviewer_user_id, signer_name, signer_role, meaning, content_hash, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, r.doc, r.version, review_outcome_name(r.outcome), r.comment, r.reviewer, r.signer_name,
      r.signer_role, r.meaning, r.content_hash, r.at.us);
  return row->int64(0);
}

std::vector<Review> reviews(Transaction& tx, OrgId org, DocId doc) {
  std::vector<Review> out;
  for (auto& r : tx.query(
           "SELECT id, doc_id, version_id, outcome, comment, reviewer_user_id, signer_name, "
           "signer_role, meaning, content_hash, at FROM policy_reviews WHERE org_id = ? AND "
           "doc_id = ? ORDER BY at DESC, id DESC",
           org, doc)) {
    Review v;
    v.id = r.int64(0);
    v.doc = DocId{r.int64(1)};
    v.version = VersionId{r.int64(2)};
    v.outcome = parse_review_outcome(r.text(3)).value_or(ReviewOutcome::no_change);
    v.comment = r.text(4);
    v.reviewer = UserId{r.int64(5)};
    v.signer_name = r.text(6);
    v.signer_role = r.text(7);
    v.meaning = r.text(8);
    v.content_hash = r.text(9);
    v.at = Timestamp{r.int64(10)};
    out.push_back(std::move(v));
  }
  return out;
}

// --- openings and acknowledgments ---

bool record_open(Transaction& tx, OrgId org, VersionId v, PersonId p, Timestamp at) {
  if (tx.exec("INSERT INTO policy_opens (version_id, person_id, org_id, first_opened_at, "
              "last_opened_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, person_id) "
              "DO NOTHING",
              v, p, org, at.us, at.us) == 1) {
    return true;
  }
  tx.exec("UPDATE policy_opens SET last_opened_at = ? WHERE version_id = ? AND person_id = ?",
          at.us, v, p);
  return false;
}

std::optional<Timestamp> opened_at(Transaction& tx, VersionId v, PersonId p) {
  auto r = tx.query_one(
      "SELECT first_opened_at FROM policy_opens WHERE version_id = ? AND person_id = ?", v, p);
  return r ? std::optional(Timestamp{r->int64(0)}) : std::nullopt;
}

bool insert_ack(Transaction& tx, OrgId org, const Acknowledgment& a) {
  return tx.exec("INSERT INTO policy_acknowledgments (version_id, person_id, org_id, doc_id, "
                 "version_number, content_hash, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (version_id, person_id) DO NOTHING",
                 a.version, a.person, org, a.doc, a.version_number, a.content_hash, a.at.us,
                 ack_source_name(a.source)) == 1;
}

std::optional<Acknowledgment> find_ack(Transaction& tx, VersionId v, PersonId p) {
  auto r = tx.query_one(std::string("SELECT ") + kAckCols +
                            " FROM policy_acknowledgments WHERE version_id = ? AND person_id = ?",
                        v, p);
  return r ? std::optional(ack_from(*r)) : std::nullopt;
}

std::optional<Acknowledgment> covering_ack(Transaction& tx, DocId doc, PersonId p, int from,
                                           int to) {
  auto r = tx.query_one(std::string("SELECT ") + kAckCols +
                            " FROM policy_acknowledgments WHERE doc_id = ? AND person_id = ? AND "
                            "version_number BETWEEN ? AND ? ORDER BY version_number DESC LIMIT 1",
                        doc, p, from, to);
  return r ? std::optional(ack_from(*r)) : std::nullopt;
}

std::vector<PersonId> insert_acks(Transaction& tx, OrgId org, const Version& v,
                                  const std::vector<AckRow>& rows, AckSource source) {
  // Multi-row INSERT … ON CONFLICT DO NOTHING RETURNING: one prepared statement per full batch
  // (cached by the store), and one round trip per batch on PostgreSQL. RETURNING lists only the
  // rows actually inserted on both backends.
  constexpr std::size_t kBatch = 256;
  constexpr std::size_t kCols = 8;
  const std::string source_name(ack_source_name(source));
  std::vector<PersonId> recorded;
  recorded.reserve(rows.size());
  std::vector<store::Value> params;
  params.reserve(kBatch * kCols);
  std::string full_sql;
  for (std::size_t start = 0; start < rows.size(); start += kBatch) {
    const std::size_t n = std::min(kBatch, rows.size() - start);
    std::string partial_sql;
    std::string& sql = n == kBatch ? full_sql : partial_sql;
    if (sql.empty()) {
      sql =
          "INSERT INTO policy_acknowledgments (version_id, person_id, org_id, doc_id, "
          "version_number, content_hash, at, source) VALUES ";
      for (std::size_t i = 0; i < n; ++i) {
        sql += i ? ", (?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)";
      }
      sql += " ON CONFLICT (version_id, person_id) DO NOTHING RETURNING person_id";
    }
    params.clear();
    for (std::size_t i = start; i < start + n; ++i) {
      params.emplace_back(v.id.value);
      params.emplace_back(rows[i].person.value);
      params.emplace_back(org.value);
      params.emplace_back(v.doc.value);
      params.emplace_back(std::int64_t{v.number});
      params.emplace_back(v.content_hash);
      params.emplace_back(rows[i].at.us);
      params.emplace_back(source_name);
    }
    for (auto& r : tx.query_values(sql, params)) {
      recorded.emplace_back(r.int64(0));
    }
  }
  return recorded;
}

// --- people, audiences, coverage ---

std::vector<PersonKey> people_by_email(Transaction& tx, OrgId org,
                                       const std::vector<std::string>& emails) {
  return people_where(tx, org, "email", emails);
}

std::vector<PersonKey> people_by_external_id(Transaction& tx, OrgId org,
                                             const std::vector<std::string>& external_ids) {
  return people_where(tx, org, "external_id", external_ids);
}

std::vector<PersonKey> people_by_id(Transaction& tx, OrgId org, const std::vector<PersonId>& ids) {
  return people_where(tx, org, "id", ids);
}

bool in_audience(Transaction& tx, const Document& d, PersonId p, Timestamp now) {
  std::vector<store::Value> params;
  std::string sql = "SELECT 1 FROM people p WHERE " + audience_where(d, params, now) +
                    " AND p.id = ?";
  params.emplace_back(p.value);
  return !tx.query_values(sql, params).empty();
}

std::vector<PersonId> audience_among(Transaction& tx, const Document& d,
                                     const std::vector<PersonId>& people, Timestamp now) {
  std::vector<PersonId> out;
  if (people.empty()) {
    return out;
  }
  std::vector<store::Value> params;
  const std::string sql = "SELECT p.id FROM people p WHERE " + audience_where(d, params, now) +
                          " AND " + in_json_list(tx, "p.id", true);
  params.emplace_back(json_array(people));
  for (const auto& r : tx.query_values(sql, params)) {
    out.emplace_back(r.int64(0));
  }
  return out;
}

CoverageRows coverage(Transaction& tx, const Document& d, int from, int to, std::int64_t today,
                      Timestamp now) {
  CoverageRows out;
  if (tx.dialect() == store::Dialect::sqlite) {
    // SQLite: two ordered index range scans merged here, instead of one seek into the
    // acknowledgment index per audience member (~60 ms of CPU for 100,000 people; this shape
    // ~35 ms). The audience per department (index-only, people_org_status_department), then the
    // audience's ids in the same order — ascending within each department, as the index holds
    // the rowid after the department — and the document's acknowledgments in range by person
    // (index-only, policy_acknowledgments_doc; a person may appear once per version in range,
    // duplicates are harmless to the search). One column per row: the store materialises rows.
    std::vector<store::Value> params;
    const std::string where = audience_where(d, params, now);
    for (auto& r : tx.query_values("SELECT p.department, COUNT(*) FROM people p WHERE " + where +
                                       " GROUP BY p.department ORDER BY p.department",
                                   params)) {
      out.departments.push_back(DeptCount{r.text(0), r.int64(1), 0});
    }
    if (!out.departments.empty()) {
      const auto people = tx.query_values(
          "SELECT p.id FROM people p WHERE " + where + " ORDER BY p.department, p.id", params);
      std::vector<std::int64_t> acked;
      {
        const auto rows = tx.query(
            "SELECT k.person_id FROM policy_acknowledgments k WHERE k.doc_id = ? AND "
            "k.version_number BETWEEN ? AND ? ORDER BY k.person_id",
            d.id, from, to);
        acked.reserve(rows.size());
        for (const auto& r : rows) {
          acked.push_back(r.int64(0));
        }
      }
      std::size_t i = 0;
      for (auto& dept : out.departments) {
        const std::size_t end = i + static_cast<std::size_t>(dept.audience);
        if (end > people.size()) {
          throw StoreError("policies coverage: audience read twice in one transaction differs");
        }
        auto from_here = acked.begin();  // ids ascend within a department
        for (; i < end; ++i) {
          const std::int64_t id = people[i].int64(0);
          from_here = std::lower_bound(from_here, acked.end(), id);
          if (from_here != acked.end() && *from_here == id) {
            ++dept.acknowledged;
          }
        }
      }
    }
  } else {
    // PostgreSQL: one statement with hash joins; the merge shape would ship 200,000 rows to the
    // client. Per department, in department order. With a single version in range a person has
    // at most one matching acknowledgment (primary key), so plain counts suffice; otherwise
    // count distinct people.
    std::vector<store::Value> params;
    const bool single = from == to;
    std::string sql = std::string("SELECT p.department, ") +
                      (single ? "COUNT(*), COUNT(k.person_id)"
                              : "COUNT(DISTINCT p.id), COUNT(DISTINCT k.person_id)") +
                      " FROM people p";
    sql += ack_join(d, from, to, params);
    sql += " WHERE " + audience_where(d, params, now) +
           " GROUP BY p.department ORDER BY p.department";
    for (auto& r : tx.query_values(sql, params)) {
      out.departments.push_back(DeptCount{r.text(0), r.int64(1), r.int64(2)});
    }
  }
  // Top management designated today: a handful of people, so driven from their terms.
  {
    std::vector<store::Value> params;
    std::string sql =
        "SELECT COUNT(DISTINCT p.id), COUNT(DISTINCT k.person_id) FROM top_management_terms t "
        "JOIN people p ON p.id = t.person_id";
    sql += ack_join(d, from, to, params);
    sql +=
        " WHERE t.org_id = ? AND t.starts_on <= ? AND (t.ends_on IS NULL OR t.ends_on > ?) AND ";
    params.emplace_back(d.org.value);
    params.emplace_back(today);
    params.emplace_back(today);
    sql += audience_where(d, params, now);
    auto r = tx.query_values(sql, params);
    if (!r.empty()) {
      out.top_management = r[0].int64(0);
      out.top_management_acknowledged = r[0].int64(1);
    }
  }
  return out;
}

EveryoneTotals coverage_of_everyone_documents(Transaction& tx, OrgId org, std::int64_t today) {
  // dd: each document's covering range [baseline, current] (see baseline_number), materialised
  // so the baseline is computed once per document, not per acknowledgment; cover: the covering
  // acknowledgments per person, each (document, person) once — with a range of several versions
  // only a person's latest acknowledgment in it counts.
  static const std::string kWith =
      "WITH dd AS MATERIALIZED (SELECT d.id AS doc_id, v.number AS hi, COALESCE((SELECT "
      "MAX(b.number) FROM policy_versions b WHERE b.doc_id = d.id AND b.number <= v.number AND "
      "b.status IN ('published', 'archived') AND (b.material = 1 OR b.number = 1)), 1) AS lo "
      "FROM policy_documents d JOIN policy_versions v ON v.id = d.current_version_id WHERE "
      "d.org_id = ? AND d.retired_at IS NULL AND d.audience = 'everyone') ";
  static const std::string kCovering =
      "FROM dd JOIN policy_acknowledgments k ON k.doc_id = dd.doc_id AND k.version_number "
      "BETWEEN dd.lo AND dd.hi";
  static const std::string kLatest =
      " (dd.lo = dd.hi OR NOT EXISTS (SELECT 1 FROM policy_acknowledgments k2 WHERE "
      "k2.doc_id = k.doc_id AND k2.person_id = k.person_id AND k2.version_number > "
      "k.version_number AND k2.version_number <= dd.hi))";
  EveryoneTotals out;
  for (auto& r : tx.query(kWith + ", cover AS (SELECT k.person_id AS id, COUNT(*) AS n " +
                              kCovering + " WHERE" + kLatest +
                              " GROUP BY k.person_id) SELECT p.department, COUNT(*), "
                              "COALESCE(SUM(cover.n), 0) FROM people p LEFT JOIN cover ON "
                              "cover.id = p.id WHERE p.org_id = ? AND p.status = 'active' "
                              "GROUP BY p.department ORDER BY p.department",
                          org, org)) {
    out.departments.push_back(DeptCount{r.text(0), r.int64(1), r.int64(2)});
  }
  // Top management: a dozen people, each with one index range per document.
  auto tm = tx.query_one(
      kWith +
          ", tm AS (SELECT DISTINCT p.id FROM top_management_terms t JOIN people p ON p.id = "
          "t.person_id WHERE t.org_id = ? AND t.starts_on <= ? AND (t.ends_on IS NULL OR "
          "t.ends_on > ?) AND p.org_id = ? AND p.status = 'active') SELECT COUNT(*), "
          "COALESCE(SUM((SELECT COUNT(*) " +
          kCovering + " AND k.person_id = tm.id WHERE" + kLatest + ")), 0) FROM tm",
      org, org, today, today, org);
  if (tm) {
    out.top_management = tm->int64(0);
    out.top_management_acknowledged = tm->int64(1);
  }
  return out;
}

std::vector<MissingRow> missing(Transaction& tx, const Document& d, VersionId current, int from,
                                int to, std::int64_t today, Timestamp now, int limit) {
  std::vector<store::Value> params{store::Value{d.org.value}, store::Value{today},
                                   store::Value{today}};
  std::string sql =
      "SELECT p.id, p.name, p.department, CASE WHEN EXISTS (SELECT 1 FROM top_management_terms t "
      "WHERE t.org_id = ? AND t.person_id = p.id AND t.starts_on <= ? AND (t.ends_on IS NULL OR "
      "t.ends_on > ?)) THEN 1 ELSE 0 END, o.first_opened_at FROM people p";
  sql += ack_join(d, from, to, params);
  sql += " LEFT JOIN policy_opens o ON o.version_id = ? AND o.person_id = p.id";
  params.emplace_back(current.value);
  sql += " WHERE " + audience_where(d, params, now) +
         " AND k.person_id IS NULL ORDER BY p.department, p.name, p.id LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  // A missing person matched no acknowledgment row, so each appears once.
  std::vector<MissingRow> out;
  for (auto& r : tx.query_values(sql, params)) {
    out.push_back(MissingRow{PersonId{r.int64(0)}, r.text(1), r.text(2), r.int64(3) != 0,
                             opt_ts(r, 4)});
  }
  return out;
}

// --- campaigns ---

std::int64_t insert_campaign(Transaction& tx, OrgId org, const Campaign& c) {
  auto r = tx.query_one(
      "INSERT INTO policy_campaigns (org_id, doc_id, version_id, title, due_on, "
      "created_by_label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, c.doc, c.version, c.title, c.due_on, c.created_by, c.created_at.us);
  return r->int64(0);
}

std::optional<Campaign> find_campaign(Transaction& tx, OrgId org, std::int64_t id) {
  auto r = tx.query_one(std::string("SELECT ") + kCampaignCols +
                            " FROM policy_campaigns WHERE org_id = ? AND id = ?",
                        org, id);
  return r ? std::optional(campaign_from(*r)) : std::nullopt;
}

std::vector<Campaign> campaigns(Transaction& tx, OrgId org, DocId doc) {
  std::vector<Campaign> out;
  for (auto& r : tx.query(std::string("SELECT ") + kCampaignCols +
                              " FROM policy_campaigns WHERE org_id = ? AND doc_id = ? "
                              "ORDER BY created_at DESC, id DESC",
                          org, doc)) {
    out.push_back(campaign_from(r));
  }
  return out;
}

bool close_campaign(Transaction& tx, OrgId org, std::int64_t id, Timestamp at) {
  return tx.exec("UPDATE policy_campaigns SET closed_at = ? WHERE org_id = ? AND id = ? AND "
                 "closed_at IS NULL",
                 at.us, org, id) == 1;
}

void close_campaigns_of(Transaction& tx, OrgId org, DocId doc, Timestamp at) {
  tx.exec("UPDATE policy_campaigns SET closed_at = ? WHERE org_id = ? AND doc_id = ? AND "
          "closed_at IS NULL",
          at.us, org, doc);
}

std::optional<std::int64_t> earliest_due(Transaction& tx, OrgId org, VersionId v) {
  auto r = tx.query_one(
      "SELECT MIN(due_on) FROM policy_campaigns WHERE org_id = ? AND version_id = ? AND "
      "closed_at IS NULL",
      org, v);
  return r ? r->opt_int64(0) : std::nullopt;
}

// --- share links ---

std::int64_t insert_link(Transaction& tx, OrgId org, const ShareLink& l,
                         std::string_view token_hash) {
  auto r = tx.query_one(
      "INSERT INTO policy_share_links (org_id, version_id, token_hash, prefix, recipient, "
      "expires_at, created_by_label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, l.version, token_hash, l.prefix, l.recipient, l.expires_at.us, l.created_by,
      l.created_at.us);
  return r->int64(0);
}

std::optional<FoundLink> find_link_by_hash(Transaction& tx, std::string_view token_hash) {
  auto r = tx.query_one(
      std::string("SELECT ") + kLinkCols + " FROM policy_share_links l WHERE l.token_hash = ?",
      token_hash);
  if (!r) {
    return std::nullopt;
  }
  return FoundLink{OrgId{r->int64(10)}, link_from(*r)};
}

std::optional<ShareLink> find_link(Transaction& tx, OrgId org, std::int64_t id) {
  auto r = tx.query_one(std::string("SELECT ") + kLinkCols +
                            " FROM policy_share_links l WHERE l.org_id = ? AND l.id = ?",
                        org, id);
  return r ? std::optional(link_from(*r)) : std::nullopt;
}

std::vector<ShareLink> links(Transaction& tx, OrgId org, DocId doc) {
  std::vector<ShareLink> out;
  for (auto& r : tx.query(std::string("SELECT ") + kLinkCols +
                              " FROM policy_share_links l JOIN policy_versions v ON "
                              "v.id = l.version_id WHERE l.org_id = ? AND v.doc_id = ? "
                              "ORDER BY l.created_at DESC, l.id DESC",
                          org, doc)) {
    out.push_back(link_from(r));
  }
  return out;
}

bool revoke_link(Transaction& tx, OrgId org, std::int64_t id, Timestamp at) {
  return tx.exec("UPDATE policy_share_links SET revoked_at = ? WHERE org_id = ? AND id = ? AND "
                 "revoked_at IS NULL",
                 at.us, org, id) == 1;
}

void count_view(Transaction& tx, std::int64_t id, Timestamp at) {
  tx.exec("UPDATE policy_share_links SET views = views + 1, last_viewed_at = ? WHERE id = ?",
          at.us, id);
}

// --- approval rules ---

std::optional<ApprovalRule> find_rule(Transaction& tx, OrgId org, DocType t) {
  auto r = tx.query_one(
      "SELECT min_approvers, require_top_management, require_independence FROM "
      "policy_approval_rules WHERE org_id = ? AND doc_type = ?",
      org, doc_type_name(t));
  if (!r) {
    return std::nullopt;
  }
  return ApprovalRule{t, static_cast<int>(r->int64(0)), r->int64(1) != 0, r->int64(2) != 0};
}

void upsert_rule(Transaction& tx, OrgId org, const ApprovalRule& r, Timestamp at) {
  tx.exec(
      "INSERT INTO policy_approval_rules (org_id, doc_type, min_approvers, "
      "require_top_management, require_independence, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (org_id, doc_type) DO UPDATE SET min_approvers = excluded.min_approvers, "
      "require_top_management = excluded.require_top_management, "
      "require_independence = excluded.require_independence, updated_at = excluded.updated_at",
      org, doc_type_name(r.type), r.min_approvers, r.require_top_management,
      r.require_independence, at.us);
}

}  // namespace mandate::areas::policies::repo
