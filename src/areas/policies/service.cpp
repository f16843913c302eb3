// areas/policies/service.cpp — policy use cases (see service.hpp).
#include "areas/policies/service.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "areas/accounts/repo.hpp"
#include "areas/accounts/service.hpp"
#include "areas/common/fields.hpp"
#include "areas/common/names.hpp"
#include "areas/people/repo.hpp"
#include "areas/policies/repo.hpp"
#include "core/crypto.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace mandate::areas::policies {
namespace {

using core::Timestamp;
using store::Transaction;
namespace json = core::json;

constexpr std::int64_t kUsPerDay = 86'400'000'000;
constexpr std::size_t kMaxBulkItems = 100'000;
constexpr const char* kLinkPrefix = "mdp_";

std::int64_t today(const Env& env) { return core::days_since_epoch(env.clock.now()); }

json::array string_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

std::string number_text(int n) { return "version " + std::to_string(n); }

// "Approved as top management", "Reviewed without change as ISMS manager".
std::string meaning_for(std::string_view verb, Role r) {
  std::string label(role_label(r));
  if (label.size() > 1 && label[0] >= 'A' && label[0] <= 'Z' && !(label[1] >= 'A' && label[1] <= 'Z')) {
    label[0] = static_cast<char>(label[0] + ('a' - 'A'));
  }
  return std::string(verb) + " as " + label;
}

Error not_found_doc() { return fail(Errc::not_found, "No such document in this organization."); }
Error not_found_version() {
  return fail(Errc::not_found, "No such document version in this organization.");
}

Result<Document> load_doc(Transaction& tx, OrgId org, DocId id) {
  auto d = repo::find_document(tx, org, id);
  if (!d) {
    return not_found_doc();
  }
  return *d;
}

// The document's status follows from its versions (see DocStatus).
void sync_status(Transaction& tx, OrgId org, DocId id, Timestamp now) {
  auto d = repo::find_document(tx, org, id);
  if (!d) {
    return;
  }
  DocStatus s = DocStatus::draft;
  if (d->retired_at) {
    s = DocStatus::retired;
  } else if (d->current_version) {
    s = DocStatus::published;
  } else if (auto newest = repo::versions(tx, org, id, false); !newest.empty()) {
    if (newest.front().status == VersionStatus::in_approval) {
      s = DocStatus::in_approval;
    } else if (newest.front().status == VersionStatus::approved) {
      s = DocStatus::approved;
    }
  }
  if (s != d->status) {
    repo::set_status(tx, org, id, s, now);
  }
}

json::object fields_json(const DocumentFields& f) {
  json::object o{{"reference", f.reference},
                 {"title", f.title},
                 {"type", doc_type_name(f.type)},
                 {"classification", classification_name(f.classification)},
                 {"audience", audience_kind_name(f.audience)},
                 {"audience_values", string_array(f.audience_values)},
                 {"review_interval_months", f.review_interval_months},
                 {"retention_months", f.retention_months},
                 {"requirements", string_array(f.requirements)}};
  o["owner_id"] = f.owner ? json::value(f.owner->value) : json::value(nullptr);
  return o;
}

DocumentFields fields_of(const Document& d) {
  return DocumentFields{d.reference,        d.title,
                        d.type,             d.owner,
                        d.classification,   d.audience,
                        d.audience_values,  d.review_interval_months,
                        d.retention_months, d.requirements};
}

// Checks that refer to rows: reference unused, owner and audience people exist.
void validate_references(Transaction& tx, OrgId org, const DocumentFields& f,
                         std::optional<DocId> self, Validation& v) {
  if (auto other = repo::find_by_reference(tx, org, f.reference);
      other && (!self || other->id != *self)) {
    v.add("reference", "is already used by \"" + other->title + "\"");
  }
  if (f.owner && !people::repo::find(tx, org, *f.owner)) {
    v.add("owner_id", "is not a person of this organization");
  }
  if (f.audience == AudienceKind::people) {
    for (const auto& id : f.audience_values) {
      if (!people::repo::find(tx, org, PersonId{std::stoll(id)})) {
        v.add("audience_values", "#" + id + " is not a person of this organization");
        break;
      }
    }
  }
}

Status check_draft_fields(const DraftFields& f) {
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  return {};
}

std::optional<ReviewDue> review_due_of(const Document& d, const std::optional<Version>& current,
                                       std::int64_t day) {
  if (d.retired_at || !d.current_version || !current) {
    return std::nullopt;
  }
  std::optional<Timestamp> base = d.last_reviewed_at;
  if (!base) {
    base = current->decided_at ? current->decided_at : current->published_at;
  }
  if (!base) {
    return std::nullopt;
  }
  ReviewDue r;
  r.due_on = add_months(core::days_since_epoch(*base), d.review_interval_months);
  r.days_left = r.due_on - day;
  return r;
}

DocRow make_row(Transaction& tx, OrgId org, const Document& d, std::int64_t day) {
  DocRow row;
  row.doc = d;
  row.owner_name = person_name(tx, org, d.owner);
  auto vs = repo::versions(tx, org, d.id, false);
  std::optional<Version> current;
  for (const auto& v : vs) {
    if (d.current_version && v.id == *d.current_version) {
      current = v;
    }
  }
  if (current) {
    row.current_number = current->number;
    row.published_at = current->published_at;
    row.approved_by_top_management = repo::approved_in_role(tx, current->id, Role::top_management);
  }
  if (!vs.empty() && (!current || vs.front().number > current->number)) {
    auto s = vs.front().status;
    if (s == VersionStatus::draft || s == VersionStatus::in_approval ||
        s == VersionStatus::approved) {
      row.pending = s;
    }
  }
  row.review = review_due_of(d, current, day);
  return row;
}

ApprovalRule rule_for(Transaction& tx, OrgId org, DocType t) {
  return repo::find_rule(tx, org, t).value_or(default_rule(t));
}

// Registers a new draft numbered after the newest version, copying its content. Refuses when a
// version is still being worked on or waits for publication.
Result<Version> start_draft(Transaction& tx, const Env& env, const Caller& by,
                            const Document& d) {
  if (d.retired_at) {
    return fail(Errc::conflict, d.reference + " is retired: it can no longer change.");
  }
  auto newest = repo::newest_version(tx, by.org, d.id);
  if (!newest) {
    return not_found_version();
  }
  switch (newest->status) {
    case VersionStatus::draft:
      return fail(Errc::conflict, "Version " + std::to_string(newest->number) + " of " +
                                      d.reference + " is still a draft: edit that one.");
    case VersionStatus::in_approval:
      return fail(Errc::conflict, "Version " + std::to_string(newest->number) + " of " +
                                      d.reference +
                                      " is in approval: wait for the decision before starting "
                                      "another version.");
    case VersionStatus::approved:
      return fail(Errc::conflict, "Version " + std::to_string(newest->number) + " of " +
                                      d.reference +
                                      " is approved and waiting to be published: publish it "
                                      "first.");
    default:
      break;
  }
  const Timestamp now = env.clock.now();
  DraftFields f{newest->content, "", true, std::nullopt};
  VersionId id = repo::insert_version(tx, by.org, d.id, newest->number + 1, f, by.user, by.label,
                                      now);
  sync_status(tx, by.org, d.id, now);
  return *repo::find_version(tx, by.org, id);
}

json::object version_json(const Version& v) {
  return json::object{{"version_id", v.id.value},
                      {"number", v.number},
                      {"content_hash", v.content_hash}};
}

// --- signatures ---

Status check_signer(const Caller& by, const SignatureAuth& auth) {
  return areas::check_signer(by, auth, "An approval");
}

// Re-asks the password (step-up). Runs outside the policy transaction: a wrong password records
// the failed attempt (throttling) and nothing else.
Status verify_password(const Env& env, const Caller& by, const SignatureAuth& auth) {
  return verify_signature_password(env, by, auth);
}

std::string decision_text(Decision d) { return d == Decision::approved ? "approved" : "rejected"; }

struct Decidable {
  Document doc;
  Version version;
};
// The checks shared by approve and reject, before and inside the write.
Result<Decidable> check_decidable(Transaction& tx, const Caller& by, VersionId vid) {
  auto v = repo::find_version(tx, by.org, vid);
  if (!v) {
    return not_found_version();
  }
  auto d = repo::find_document(tx, by.org, v->doc);
  if (!d) {
    return not_found_doc();
  }
  const std::string which = "Version " + std::to_string(v->number) + " of " + d->reference;
  if (d->retired_at) {
    return fail(Errc::conflict, d->reference + " is retired: its versions can no longer be "
                                               "approved or rejected.");
  }
  switch (v->status) {
    case VersionStatus::in_approval:
      break;
    case VersionStatus::draft:
      return fail(Errc::conflict, which + " is a draft: it must be submitted for approval "
                                          "before anyone can approve or reject it.");
    case VersionStatus::rejected:
      return fail(Errc::conflict, which + " was rejected; start a new draft.");
    case VersionStatus::approved:
    case VersionStatus::published:
    case VersionStatus::archived:
      return fail(Errc::conflict, which + " has already been approved.");
  }
  auto approvals = repo::approvals(tx, v->id);
  auto mine = std::find_if(approvals.begin(), approvals.end(),
                           [&](const Approval& a) { return a.approver == by.user; });
  if (mine == approvals.end()) {
    return fail(Errc::forbidden, "You are not a named approver of " + which + ".");
  }
  if (mine->decision != Decision::pending) {
    return fail(Errc::conflict, "You already " + decision_text(mine->decision) + " " + which +
                                    (mine->decided_at
                                         ? " on " + core::format_timestamp(*mine->decided_at)
                                         : std::string()) +
                                    ".");
  }
  return Decidable{*d, *v};
}

// --- people and audiences ---

struct Reader {
  PersonId person;
  Document doc;
  Version version;  // the current one
};
// The caller as a reader of a document's current version.
Result<Reader> resolve_reader(Transaction& tx, const Env& env, const Caller& by, DocId id) {
  auto d = repo::find_document(tx, by.org, id);
  if (!d) {
    return not_found_doc();
  }
  if (d->retired_at || !d->current_version) {
    return fail(Errc::not_found, d->reference + " has no published version.");
  }
  auto p = people::repo::person_of_user(tx, by.org, by.user);
  if (!p) {
    return fail(Errc::forbidden, "You are not in the people register of this organization, so "
                                 "no policy is addressed to you.");
  }
  auto person = people::repo::find(tx, by.org, *p);
  if (!person || person->status != people::Status::active ||
      !repo::in_audience(tx, *d, *p, env.clock.now())) {
    return fail(Errc::forbidden, d->reference + " is not addressed to you.");
  }
  auto v = repo::find_version(tx, by.org, *d->current_version);
  if (!v) {
    return not_found_version();
  }
  return Reader{*p, *d, *v};
}

std::string ack_entity(DocId doc, PersonId p) { return doc.str() + ":" + p.str(); }

struct CurrentVersion {
  Document doc;
  Version version;
  int baseline = 1;
};
Result<CurrentVersion> current_of(Transaction& tx, OrgId org, DocId id) {
  auto d = repo::find_document(tx, org, id);
  if (!d) {
    return not_found_doc();
  }
  if (d->retired_at || !d->current_version) {
    return fail(Errc::conflict, d->reference + " has no published version.");
  }
  auto v = repo::find_version(tx, org, *d->current_version);
  if (!v) {
    return not_found_version();
  }
  v->content.clear();
  return CurrentVersion{*d, *v, repo::baseline_number(tx, d->id, v->number)};
}

const std::string kNoDepartment = "No department";

Coverage coverage_from(const repo::CoverageRows& rows) {
  Coverage c;
  c.top_management = CoverageCount{"Top management", rows.top_management,
                                   rows.top_management_acknowledged};
  for (const auto& r : rows.departments) {
    c.overall.audience += r.audience;
    c.overall.acknowledged += r.acknowledged;
    c.departments.push_back(
        CoverageCount{r.department.empty() ? kNoDepartment : r.department, r.audience,
                      r.acknowledged});
  }
  return c;
}

// --- Markdown import ---

std::string file_stem(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  for (std::string_view ext : {".markdown", ".md", ".txt"}) {
    if (name.size() > ext.size() &&
        core::ascii_lower(name.substr(name.size() - ext.size())) == ext) {
      name.remove_suffix(ext.size());
      break;
    }
  }
  return std::string(name);
}

std::string first_heading(std::string_view body) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto eol = body.find('\n', pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? body.npos : eol - pos);
    line = core::trim(line);
    if (line.starts_with("# ")) {
      return std::string(core::trim(line.substr(2)));
    }
    if (eol == std::string_view::npos) {
      break;
    }
    pos = eol + 1;
  }
  return "";
}

std::optional<DocType> parse_type_or_label(std::string_view s) {
  if (auto t = parse_doc_type(s)) {
    return t;
  }
  const std::string l = core::ascii_lower(core::trim(s));
  for (DocType t : kAllDocTypes) {
    if (core::ascii_lower(doc_type_label(t)) == l) {
      return t;
    }
  }
  return std::nullopt;
}

// A list given as a YAML sequence or as comma-separated text.
std::optional<std::vector<std::string>> yaml_list(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n.IsNull()) {
    return out;
  }
  if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        return std::nullopt;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }
  if (!n.IsScalar()) {
    return std::nullopt;
  }
  const std::string& s = n.Scalar();
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    std::string part(core::trim(
        std::string_view(s).substr(start, comma == std::string::npos ? s.npos : comma - start)));
    if (!part.empty()) {
      out.push_back(part);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

std::optional<int> yaml_int(const YAML::Node& n) {
  if (!n.IsScalar()) {
    return std::nullopt;
  }
  const std::string s(core::trim(n.Scalar()));
  if (s.empty() || s.size() > 6 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoi(s);
}

struct ParsedFile {
  ImportFileResult result;
  DocumentFields fields;
  DraftFields draft;
  std::string owner_email;
};

// Splits front matter from the body and reads every field; errors are keyed by field name.
ParsedFile parse_file(const ImportFile& file) {
  ParsedFile p;
  p.result.name = file.name;
  std::string_view text = file.content;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  auto& errors = p.result.errors;
  std::string_view body = text;
  bool has_front_matter = false;
  YAML::Node fm;
  if (text.starts_with("---\n") || text.starts_with("---\r\n")) {
    std::size_t start = text.find('\n') + 1;
    std::size_t pos = start;
    std::optional<std::size_t> end, after;
    while (pos < text.size()) {
      auto eol = text.find('\n', pos);
      std::string_view line =
          text.substr(pos, eol == std::string_view::npos ? text.npos : eol - pos);
      if (line.ends_with('\r')) {
        line.remove_suffix(1);
      }
      if (line == "---" || line == "...") {
        end = pos;
        after = eol == std::string_view::npos ? text.size() : eol + 1;
        break;
      }
      if (eol == std::string_view::npos) {
        break;
      }
      pos = eol + 1;
    }
    if (!end) {
      errors["front_matter"] = "starts with --- but has no closing --- line";
      return p;
    }
    has_front_matter = true;
    try {
      fm = YAML::Load(std::string(text.substr(start, *end - start)));
    } catch (const YAML::Exception& e) {
      errors["front_matter"] = "is not valid YAML (line " + std::to_string(e.mark.line + 1) + ")";
      return p;
    }
    if (!fm.IsNull() && !fm.IsMap()) {
      errors["front_matter"] = "must be a list of \"key: value\" lines";
      return p;
    }
    body = text.substr(*after);
    while (body.starts_with("\n") || body.starts_with("\r\n")) {
      body.remove_prefix(body.starts_with("\n") ? 1 : 2);
    }
  }
  p.draft.content = std::string(body);
  p.draft.change_summary = "Imported from " + file.name;
  p.draft.material = true;
  bool have_reference = false, have_title = false;
  if (has_front_matter && fm.IsMap()) {
    for (const auto& kv : fm) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
      const YAML::Node& val = kv.second;
      auto scalar = [&]() -> std::optional<std::string> {
        if (val.IsNull()) {
          return std::string();
        }
        if (!val.IsScalar()) {
          errors[key] = "must be a single value";
          return std::nullopt;
        }
        return val.Scalar();
      };
      if (key == "reference") {
        if (auto s = scalar()) {
          p.fields.reference = *s;
          have_reference = true;
        }
      } else if (key == "title") {
        if (auto s = scalar()) {
          p.fields.title = *s;
          have_title = true;
        }
      } else if (key == "type") {
        if (auto s = scalar()) {
          if (auto t = parse_type_or_label(*s)) {
            p.fields.type = *t;
          } else {
            errors[key] = "must be one of information_security_policy, topic_specific_policy, "
                          "procedure, standard, guideline, record";
          }
        }
      } else if (key == "owner") {
        if (auto s = scalar()) {
          p.owner_email = core::ascii_lower(core::trim(*s));
          if (!p.owner_email.empty() && !core::valid_email(p.owner_email)) {
            errors[key] = "must be the owner's e-mail address";
          }
        }
      } else if (key == "classification") {
        if (auto s = scalar()) {
          if (auto c = parse_classification(*s)) {
            p.fields.classification = *c;
          } else {
            errors[key] = "must be public, internal, confidential or restricted";
          }
        }
      } else if (key == "audience") {
        if (auto s = scalar()) {
          if (auto a = parse_audience_kind(*s)) {
            p.fields.audience = *a;
          } else {
            errors[key] = "must be everyone, departments, roles or people";
          }
        }
      } else if (key == "audience_values" || key == "requirements") {
        auto list = yaml_list(val);
        if (!list) {
          errors[key] = "must be a list or comma-separated text";
        } else if (key == "requirements") {
          p.fields.requirements = *list;
        } else {
          p.fields.audience_values = *list;
        }
      } else if (key == "review_interval_months" || key == "retention_months") {
        auto n = yaml_int(val);
        if (!n) {
          errors[key] = "must be a whole number of months";
        } else if (key == "review_interval_months") {
          p.fields.review_interval_months = *n;
        } else {
          p.fields.retention_months = *n;
        }
      } else if (key == "change_summary") {
        if (auto s = scalar()) {
          p.draft.change_summary = *s;
        }
      } else if (key == "material") {
        if (auto s = scalar()) {
          const std::string l = core::ascii_lower(core::trim(*s));
          if (l == "true" || l == "yes") {
            p.draft.material = true;
          } else if (l == "false" || l == "no") {
            p.draft.material = false;
          } else {
            errors[key] = "must be true or false";
          }
        }
      } else if (key == "effective_on") {
        if (auto s = scalar()) {
          if (!core::trim(*s).empty()) {
            if (auto day = core::parse_date(core::trim(*s))) {
              p.draft.effective_on = *day;
            } else {
              errors[key] = "must be a date like 2026-04-01";
            }
          }
        }
      } else if (key == "version" || key == "status" || key == "content_hash" ||
                 key == "published_at") {
        // Written by export for the reader's information; the register decides these.
      } else {
        errors[key] = "is not a known field";
      }
    }
  }
  if (!have_reference) {
    p.fields.reference = file_stem(file.name);
  }
  if (!have_title) {
    p.fields.title = first_heading(body);
    if (p.fields.title.empty() && !errors.contains("title")) {
      errors["title"] = "is missing: add a first-level heading (# Title) or a title in front matter";
    }
  }
  normalise(p.fields);
  Validation v;
  validate(p.fields, v);
  validate(p.draft, v);
  if (!v.ok()) {
    for (const auto& [field, msg] : v.error().fields) {
      errors.emplace(field == "owner_id" ? "owner" : field, msg);
    }
  }
  p.result.reference = p.fields.reference;
  return p;
}

struct ImportPlan {
  ImportReport report;
  std::vector<ParsedFile> files;
  std::vector<std::optional<Document>> existing;
};

ImportPlan plan_import(Transaction& tx, const Caller& by, const std::vector<ImportFile>& files) {
  ImportPlan plan;
  std::unordered_map<std::string, std::string> seen;  // reference -> file
  for (const auto& f : files) {
    ParsedFile p = parse_file(f);
    auto& res = p.result;
    std::optional<Document> existing;
    if (!p.fields.reference.empty()) {
      if (auto [it, fresh] = seen.emplace(p.fields.reference, f.name); !fresh) {
        res.errors.emplace("reference", "repeats " + it->second);
      }
      existing = repo::find_by_reference(tx, by.org, p.fields.reference);
    }
    if (!p.owner_email.empty()) {
      if (auto owner = people::repo::find_by_email(tx, by.org, p.owner_email)) {
        p.fields.owner = owner->id;
      } else {
        res.errors.emplace("owner", "no person with this e-mail in this organization");
      }
    }
    if (p.fields.audience == AudienceKind::people && !res.errors.contains("audience_values")) {
      for (const auto& id : p.fields.audience_values) {
        if (!people::repo::find(tx, by.org, PersonId{std::stoll(id)})) {
          res.errors.emplace("audience_values", "#" + id + " is not a person of this organization");
          break;
        }
      }
    }
    if (existing && res.errors.empty()) {
      auto newest = repo::newest_version(tx, by.org, existing->id);
      if (existing->retired_at) {
        res.errors.emplace("reference", existing->reference + " is retired");
      } else if (newest && (newest->status == VersionStatus::draft ||
                            newest->status == VersionStatus::in_approval ||
                            newest->status == VersionStatus::approved) &&
                 newest->content != p.draft.content) {
        res.errors.emplace("reference", "version " + std::to_string(newest->number) + " of " +
                                            existing->reference + " is " +
                                            std::string(version_status_name(newest->status)) +
                                            ": finish it before importing a new version");
      } else if (newest && newest->content == p.draft.content) {
        res.action = "unchanged";
      } else {
        res.action = "new draft";
      }
    } else if (res.errors.empty()) {
      res.action = "create";
    }
    if (!res.errors.empty()) {
      res.action = "reject";
    }
    plan.report.files.push_back(res);
    plan.files.push_back(std::move(p));
    plan.existing.push_back(std::move(existing));
  }
  return plan;
}

std::string front_matter(const Document& d, const Version& v, const std::string& owner_email) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "reference" << YAML::Value << d.reference;
  out << YAML::Key << "title" << YAML::Value << d.title;
  out << YAML::Key << "type" << YAML::Value << std::string(doc_type_name(d.type));
  if (!owner_email.empty()) {
    out << YAML::Key << "owner" << YAML::Value << owner_email;
  }
  out << YAML::Key << "classification" << YAML::Value
      << std::string(classification_name(d.classification));
  out << YAML::Key << "audience" << YAML::Value << std::string(audience_kind_name(d.audience));
  if (!d.audience_values.empty()) {
    out << YAML::Key << "audience_values" << YAML::Value << YAML::Flow << d.audience_values;
  }
  out << YAML::Key << "review_interval_months" << YAML::Value << d.review_interval_months;
  out << YAML::Key << "retention_months" << YAML::Value << d.retention_months;
  if (!d.requirements.empty()) {
    out << YAML::Key << "requirements" << YAML::Value << YAML::Flow << d.requirements;
  }
  if (v.effective_on) {
    out << YAML::Key << "effective_on" << YAML::Value << core::format_date(*v.effective_on);
  }
  out << YAML::Key << "version" << YAML::Value << v.number;
  out << YAML::Key << "status" << YAML::Value << std::string(version_status_name(v.status));
  out << YAML::Key << "content_hash" << YAML::Value << v.content_hash;
  out << YAML::EndMap;
  std::string s = "---\n";
  s += out.c_str();
  s += "\n---\n\n";
  return s;
}

}  // namespace

std::optional<Sort> parse_sort(std::string_view s) {
  const std::string l = core::ascii_lower(core::trim(s));
  if (l == "reference") return Sort::reference;
  if (l == "title") return Sort::title;
  if (l == "type") return Sort::type;
  if (l == "status") return Sort::status;
  if (l == "review_due") return Sort::review_due;
  if (l == "updated") return Sort::updated;
  return std::nullopt;
}

std::string_view bulk_outcome_name(BulkOutcome o) {
  switch (o) {
    case BulkOutcome::recorded: return "recorded";
    case BulkOutcome::already: return "already";
    case BulkOutcome::rejected: return "rejected";
  }
  return "";
}

bool ImportReport::ok() const {
  return std::all_of(files.begin(), files.end(),
                     [](const ImportFileResult& f) { return f.errors.empty(); });
}

// --- register ---

Result<std::vector<DocRow>> list(const Env& env, const Caller& by, const ListQuery& q) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const auto day = today(env);
  auto rows = env.db.read([&](Transaction& tx) {
    std::vector<DocRow> out;
    for (const auto& d : repo::documents(tx, by.org, {q.search, q.type, q.status})) {
      DocRow row = make_row(tx, by.org, d, day);
      if (q.overdue_only && !(row.review && row.review->overdue())) {
        continue;
      }
      if (q.due_only && !(row.review && (row.review->overdue() || row.review->due_soon()))) {
        continue;
      }
      out.push_back(std::move(row));
    }
    return out;
  });
  auto key_less = [&](const DocRow& a, const DocRow& b) {
    switch (q.sort) {
      case Sort::reference:
        return a.doc.reference < b.doc.reference;
      case Sort::title:
        return core::ascii_lower(a.doc.title) < core::ascii_lower(b.doc.title);
      case Sort::type:
        return doc_type_name(a.doc.type) < doc_type_name(b.doc.type);
      case Sort::status:
        return doc_status_name(a.doc.status) < doc_status_name(b.doc.status);
      case Sort::review_due: {
        // Documents without a review date come last either way round.
        const std::int64_t none = std::numeric_limits<std::int64_t>::max();
        return (a.review ? a.review->due_on : none) < (b.review ? b.review->due_on : none);
      }
      case Sort::updated:
        return a.doc.updated_at < b.doc.updated_at;
    }
    return false;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const DocRow& a, const DocRow& b) {
    if (q.descending) {
      if (q.sort == Sort::review_due && (!a.review || !b.review)) {
        return a.review.has_value() && !b.review.has_value();
      }
      return key_less(b, a);
    }
    return key_less(a, b);
  });
  return rows;
}

Result<std::string> export_csv(const Env& env, const Caller& by, const ListQuery& q) {
  auto rows = list(env, by, q);
  if (!rows) {
    return rows.error();
  }
  std::string out = core::csv_line({"reference", "title", "type", "status", "owner",
                                    "classification", "audience", "current_version",
                                    "published_at", "approved_by_top_management", "review_due",
                                    "requirements"});
  for (const auto& r : *rows) {
    std::string audience(audience_kind_name(r.doc.audience));
    if (!r.doc.audience_values.empty()) {
      audience += ": ";
      for (std::size_t i = 0; i < r.doc.audience_values.size(); ++i) {
        audience += (i ? ", " : "") + r.doc.audience_values[i];
      }
    }
    std::string reqs;
    for (std::size_t i = 0; i < r.doc.requirements.size(); ++i) {
      reqs += (i ? " " : "") + r.doc.requirements[i];
    }
    out += core::csv_line(
        {r.doc.reference, r.doc.title, std::string(doc_type_name(r.doc.type)),
         std::string(doc_status_name(r.doc.status)), r.owner_name,
         std::string(classification_name(r.doc.classification)), audience,
         r.current_number ? std::to_string(*r.current_number) : "",
         r.published_at ? core::format_timestamp(*r.published_at) : "",
         r.current_number ? (r.approved_by_top_management ? "yes" : "no") : "",
         r.review ? core::format_date(r.review->due_on) : "", reqs});
  }
  return out;
}

Result<DocView> view(const Env& env, const Caller& by, DocId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](Transaction& tx) -> Result<DocView> {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    DocView out;
    out.doc = *d;
    out.owner_name = person_name(tx, by.org, d->owner);
    std::optional<Version> current;
    for (auto& v : repo::versions(tx, by.org, id, true)) {
      if (d->current_version && v.id == *d->current_version) {
        current = v;
      }
      VersionView vv{v, repo::approvals(tx, v.id)};
      out.versions.push_back(std::move(vv));
    }
    out.reviews = repo::reviews(tx, by.org, id);
    out.review = review_due_of(*d, current, day);
    out.rule = rule_for(tx, by.org, d->type);
    out.campaigns = repo::campaigns(tx, by.org, id);
    if (by.has_role(kPublishers)) {
      out.links = repo::links(tx, by.org, id);
    }
    ledger::Filter f;
    f.entity_type = "policy";
    f.entity_id = id.str();
    f.limit = 100;
    out.history = ledger::list(tx, by.org, f);
    return out;
  });
}

Result<DocId> create(const Env& env, const Caller& by, DocumentFields f, DraftFields first) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  normalise(f);
  Validation v;
  validate(f, v);
  validate(first, v);
  if (!v.ok()) {
    return v.error();
  }
  try {
    return env.db.write([&](Transaction& tx) -> Result<DocId> {
      Validation refs;
      validate_references(tx, by.org, f, std::nullopt, refs);
      if (!refs.ok()) {
        return refs.error();
      }
      const Timestamp now = env.clock.now();
      DocId id = repo::insert_document(tx, by.org, f, now);
      VersionId vid = repo::insert_version(tx, by.org, id, 1, first, by.user, by.label, now);
      json::object data = fields_json(f);
      data["version_id"] = vid.value;
      data["number"] = 1;
      data["content_hash"] = content_hash(first.content);
      record(tx, env, by, "policy", id.str(), "create", std::move(data));
      return id;
    });
  } catch (const store::UniqueViolation&) {
    return Error::invalid("reference", "is already used in this organization");
  }
}

Status update(const Env& env, const Caller& by, DocId id, DocumentFields f,
              std::int64_t expected_row_version) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  normalise(f);
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  const std::string stale_message =
      "Someone changed this document since you opened it; reload and try again.";
  try {
    return env.db.write([&](Transaction& tx) -> Status {
      auto d = load_doc(tx, by.org, id);
      if (!d) {
        return d.error();
      }
      if (d->retired_at) {
        return fail(Errc::conflict, d->reference + " is retired: its register entry is closed.");
      }
      if (d->row_version != expected_row_version) {
        return fail(Errc::stale, stale_message);
      }
      Validation refs;
      validate_references(tx, by.org, f, id, refs);
      if (!refs.ok()) {
        return refs.error();
      }
      json::object before = fields_json(fields_of(*d)), after = fields_json(f), changes;
      for (auto& kv : after) {
        if (before.at(kv.key()) != kv.value()) {
          changes[kv.key()] = json::object{{"from", before.at(kv.key())}, {"to", kv.value()}};
        }
      }
      if (changes.empty()) {
        return {};
      }
      if (!repo::update_document(tx, by.org, id, f, expected_row_version, env.clock.now())) {
        return fail(Errc::stale, stale_message);
      }
      record(tx, env, by, "policy", id.str(), "update", {{"changes", std::move(changes)}});
      return {};
    });
  } catch (const store::UniqueViolation&) {
    return Error::invalid("reference", "is already used in this organization");
  }
}

Result<VersionId> new_draft(const Env& env, const Caller& by, DocId id) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<VersionId> {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    auto v = start_draft(tx, env, by, *d);
    if (!v) {
      return v.error();
    }
    json::object data = version_json(*v);
    data["from_number"] = v->number - 1;
    record(tx, env, by, "policy", id.str(), "new_draft", std::move(data));
    return v->id;
  });
}

Status edit_draft(const Env& env, const Caller& by, VersionId vid, DraftFields f,
                  std::int64_t expected_row_version) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  if (auto r = check_draft_fields(f); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto v = repo::find_version(tx, by.org, vid);
    if (!v) {
      return not_found_version();
    }
    auto d = load_doc(tx, by.org, v->doc);
    if (!d) {
      return d.error();
    }
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is retired: it can no longer change.");
    }
    if (v->status != VersionStatus::draft) {
      return fail(Errc::conflict,
                  "Version " + std::to_string(v->number) + " of " + d->reference + " is " +
                      std::string(version_status_name(v->status)) +
                      ": submitted versions are immutable. Start a new draft to change it.");
    }
    if (v->row_version != expected_row_version) {
      return fail(Errc::stale, "Someone changed this draft since you opened it; reload and try "
                               "again.");
    }
    if (v->content == f.content && v->change_summary == f.change_summary &&
        v->material == f.material && v->effective_on == f.effective_on) {
      return {};
    }
    if (!repo::update_draft(tx, by.org, vid, f, expected_row_version, env.clock.now())) {
      return fail(Errc::stale, "Someone changed this draft since you opened it; reload and try "
                               "again.");
    }
    json::object data{{"version_id", vid.value},
                      {"number", v->number},
                      {"content_hash", content_hash(f.content)},
                      {"change_summary", f.change_summary},
                      {"material", f.material}};
    data["effective_on"] =
        f.effective_on ? json::value(core::format_date(*f.effective_on)) : json::value(nullptr);
    record(tx, env, by, "policy", d->id.str(), "edit_draft", std::move(data));
    return {};
  });
}

Status submit(const Env& env, const Caller& by, VersionId vid, std::vector<UserId> approvers) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  {
    std::vector<UserId> unique;
    for (UserId u : approvers) {
      if (std::find(unique.begin(), unique.end(), u) == unique.end()) {
        unique.push_back(u);
      }
    }
    approvers = std::move(unique);
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto v = repo::find_version(tx, by.org, vid);
    if (!v) {
      return not_found_version();
    }
    auto d = load_doc(tx, by.org, v->doc);
    if (!d) {
      return d.error();
    }
    const std::string which = "Version " + std::to_string(v->number) + " of " + d->reference;
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is retired: it can no longer change.");
    }
    if (v->status != VersionStatus::draft) {
      return fail(Errc::conflict, which + " has already been submitted (it is " +
                                      std::string(version_status_name(v->status)) + ").");
    }
    const Timestamp now = env.clock.now();
    const ApprovalRule rule = rule_for(tx, by.org, d->type);
    std::vector<std::string> problems;
    json::array named;
    bool has_top_management = false;
    for (UserId u : approvers) {
      // Membership first: a user of another organization (or no user at all) gets the same
      // message, so trying ids reveals nothing about who exists elsewhere.
      auto m = accounts::repo::find_membership(tx, by.org, u);
      auto user = m ? accounts::repo::find_user(tx, u) : std::nullopt;
      if (!m || !user) {
        problems.push_back("#" + u.str() + " is not a member of this organization");
        continue;
      }
      const std::string who = user->display_name;
      if (m->expired(now) || user->disabled) {
        problems.push_back(who + " is not a member of this organization");
        continue;
      }
      const Role role = m.value().role;
      if (!kApproverRoles.contains(role)) {
        problems.push_back(who + " (" + std::string(role_label(role)) +
                           ") cannot approve documents");
        continue;
      }
      has_top_management = has_top_management || role == Role::top_management;
      named.push_back(json::object{
          {"user_id", u.value}, {"name", user->display_name}, {"role", role_name(role)}});
    }
    if (approvers.empty()) {
      problems.push_back("name at least one approver");
    } else if (static_cast<int>(approvers.size()) < rule.min_approvers) {
      problems.push_back("name at least " + std::to_string(rule.min_approvers) +
                         " approvers (the rule for " + std::string(doc_type_label(d->type)) +
                         ")");
    }
    if (rule.require_top_management && !has_top_management) {
      problems.push_back("include at least one member of top management (the rule for " +
                         std::string(doc_type_label(d->type)) + ")");
    }
    if (rule.require_independence && approvers.size() == 1 && approvers.front() == v->author) {
      problems.push_back("the author cannot be the only approver: name someone independent");
    }
    if (!problems.empty()) {
      std::string msg;
      for (const auto& p : problems) {
        msg += (msg.empty() ? "" : "; ") + p;
      }
      return Error::invalid("approvers", msg);
    }
    if (!repo::transition(tx, by.org, vid, VersionStatus::draft, VersionStatus::in_approval,
                          now)) {
      return fail(Errc::conflict, which + " has already been submitted.");
    }
    for (UserId u : approvers) {
      repo::insert_approval(tx, by.org, vid, u, now);
    }
    sync_status(tx, by.org, d->id, now);
    json::object data = version_json(*v);
    data["approvers"] = std::move(named);
    data["rule"] = json::object{{"min_approvers", rule.min_approvers},
                                {"require_top_management", rule.require_top_management},
                                {"require_independence", rule.require_independence}};
    record(tx, env, by, "policy", d->id.str(), "submit", std::move(data));
    return {};
  });
}

Status approve(const Env& env, const Caller& by, VersionId vid, const SignatureAuth& auth,
               std::string comment, std::optional<bool> material) {
  if (auto r = require_role(by, kApproverRoles); !r) {
    return r.error();
  }
  if (auto r = check_signer(by, auth); !r) {
    return r.error();
  }
  if (auto r = check_note(comment, "comment"); !r) {
    return r.error();
  }
  // Refuse an illegal transition before asking for the password; check again after it.
  if (auto pre = env.db.read([&](Transaction& tx) { return check_decidable(tx, by, vid); });
      !pre) {
    return pre.error();
  }
  if (auto r = verify_password(env, by, auth); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto c = check_decidable(tx, by, vid);
    if (!c) {
      return c.error();
    }
    const Timestamp now = env.clock.now();
    repo::Signature s;
    s.decision = Decision::approved;
    s.comment = comment;
    s.signer_name = signer_name(tx, by);
    s.signer_role = std::string(role_name(*by.role));
    s.meaning = meaning_for("Approved", *by.role);
    s.content_hash = c->version.content_hash;
    if (!repo::decide(tx, by.org, vid, by.user, s, now)) {
      return fail(Errc::conflict, "You already decided on this version.");
    }
    if (material && *material != c->version.material) {
      repo::set_material(tx, by.org, vid, *material);
    }
    auto all = repo::approvals(tx, vid);
    const bool complete = std::all_of(all.begin(), all.end(), [](const Approval& a) {
      return a.decision == Decision::approved;
    });
    if (complete) {
      repo::transition(tx, by.org, vid, VersionStatus::in_approval, VersionStatus::approved, now);
      sync_status(tx, by.org, c->doc.id, now);
    }
    json::object data = version_json(c->version);
    data["signer_name"] = s.signer_name;
    data["signer_role"] = s.signer_role;
    data["meaning"] = s.meaning;
    data["comment"] = s.comment;
    data["signed_at"] = core::format_timestamp(now);
    data["material"] = material.value_or(c->version.material);
    data["version_status"] = complete ? "approved" : "in_approval";
    record(tx, env, by, "policy", c->doc.id.str(), "approve", std::move(data));
    return {};
  });
}

Status reject(const Env& env, const Caller& by, VersionId vid, std::string comment) {
  if (auto r = require_role(by, kApproverRoles); !r) {
    return r.error();
  }
  if (auto r = check_note(comment, "comment", "say what has to change"); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto c = check_decidable(tx, by, vid);
    if (!c) {
      return c.error();
    }
    const Timestamp now = env.clock.now();
    repo::Signature s;
    s.decision = Decision::rejected;
    s.comment = comment;
    s.signer_name = signer_name(tx, by);
    s.signer_role = std::string(role_name(*by.role));
    s.meaning = meaning_for("Rejected", *by.role);
    s.content_hash = c->version.content_hash;
    if (!repo::decide(tx, by.org, vid, by.user, s, now)) {
      return fail(Errc::conflict, "You already decided on this version.");
    }
    repo::transition(tx, by.org, vid, VersionStatus::in_approval, VersionStatus::rejected, now);
    sync_status(tx, by.org, c->doc.id, now);
    json::object data = version_json(c->version);
    data["signer_name"] = s.signer_name;
    data["signer_role"] = s.signer_role;
    data["meaning"] = s.meaning;
    data["comment"] = comment;
    record(tx, env, by, "policy", c->doc.id.str(), "reject", std::move(data));
    return {};
  });
}

Status publish(const Env& env, const Caller& by, VersionId vid) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto v = repo::find_version(tx, by.org, vid);
    if (!v) {
      return not_found_version();
    }
    auto d = load_doc(tx, by.org, v->doc);
    if (!d) {
      return d.error();
    }
    const std::string which = "Version " + std::to_string(v->number) + " of " + d->reference;
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is retired: nothing can be published.");
    }
    switch (v->status) {
      case VersionStatus::approved:
        break;
      case VersionStatus::draft:
        return fail(Errc::conflict, which + " is a draft: submit it for approval and collect the "
                                            "required signatures before publishing.");
      case VersionStatus::in_approval: {
        std::string waiting;
        for (const auto& a : repo::approvals(tx, vid)) {
          if (a.decision == Decision::pending) {
            waiting += (waiting.empty() ? "" : ", ") + a.approver_name;
          }
        }
        return fail(Errc::conflict,
                    which + " cannot be published yet: it still needs the signature of " +
                        waiting + ".");
      }
      case VersionStatus::rejected:
        return fail(Errc::conflict, which + " was rejected; it cannot be published.");
      case VersionStatus::published:
        return fail(Errc::conflict, which + " is already published.");
      case VersionStatus::archived:
        return fail(Errc::conflict, which + " was superseded by a later version.");
    }
    const Timestamp now = env.clock.now();
    std::optional<Version> previous;
    if (d->current_version) {
      previous = repo::find_version(tx, by.org, *d->current_version);
      if (previous && previous->number > v->number) {
        return fail(Errc::conflict, "A later version (" + std::to_string(previous->number) +
                                        ") of " + d->reference + " is already published.");
      }
      if (previous) {
        repo::transition(tx, by.org, previous->id, VersionStatus::published,
                         VersionStatus::archived, now);
      }
    }
    if (!repo::transition(tx, by.org, vid, VersionStatus::approved, VersionStatus::published,
                          now)) {
      return fail(Errc::conflict, which + " is no longer approved.");
    }
    // The review clock restarts at the approval (never moves back behind a later review).
    Timestamp reviewed = v->decided_at.value_or(now);
    if (d->last_reviewed_at && *d->last_reviewed_at > reviewed) {
      reviewed = *d->last_reviewed_at;
    }
    repo::set_current(tx, by.org, d->id, vid, reviewed, now);
    json::object data = version_json(*v);
    data["archived_number"] = previous ? json::value(previous->number) : json::value(nullptr);
    data["effective_on"] =
        v->effective_on ? json::value(core::format_date(*v->effective_on)) : json::value(nullptr);
    data["material"] = v->material;
    record(tx, env, by, "policy", d->id.str(), "publish", std::move(data));
    return {};
  });
}

Status retire(const Env& env, const Caller& by, DocId id, std::string reason) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  if (auto r = check_note(reason, "reason", "say why the document no longer applies"); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is already retired.");
    }
    const Timestamp now = env.clock.now();
    repo::retire(tx, by.org, id, now);
    repo::close_campaigns_of(tx, by.org, id, now);
    record(tx, env, by, "policy", id.str(), "retire", {{"reason", reason}});
    return {};
  });
}

Result<Version> version_by_number(const Env& env, const Caller& by, DocId id, int number,
                                  bool with_content) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) -> Result<Version> {
    if (auto v = repo::find_version_number(tx, by.org, id, number, with_content)) {
      return *v;
    }
    if (!repo::find_document(tx, by.org, id)) {
      return not_found_doc();
    }
    return fail(Errc::not_found, "This document has no version " + std::to_string(number) + ".");
  });
}

Result<DiffView> diff(const Env& env, const Caller& by, DocId id, int from_number,
                      int to_number) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) -> Result<DiffView> {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    auto from = repo::find_version_number(tx, by.org, id, from_number);
    auto to = repo::find_version_number(tx, by.org, id, to_number);
    if (!from || !to) {
      return fail(Errc::not_found,
                  number_text(!from ? from_number : to_number) + " is not a version of " +
                      d->reference + ".");
    }
    DiffView out{*from, *to, core::diff_lines(from->content, to->content)};
    return out;
  });
}

// --- review cadence ---

Status review_no_change(const Env& env, const Caller& by, DocId id, const SignatureAuth& auth,
                        std::string comment) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  if (auto r = check_signer(by, auth); !r) {
    return r.error();
  }
  if (auto r = check_note(comment, "comment"); !r) {
    return r.error();
  }
  auto check = [&](Transaction& tx) -> Result<CurrentVersion> {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is retired: there is nothing to review.");
    }
    return current_of(tx, by.org, id);
  };
  if (auto pre = env.db.read(check); !pre) {
    return pre.error();
  }
  if (auto r = verify_password(env, by, auth); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto c = check(tx);
    if (!c) {
      return c.error();
    }
    const Timestamp now = env.clock.now();
    Review r;
    r.doc = id;
    r.version = c->version.id;
    r.outcome = ReviewOutcome::no_change;
    r.comment = comment;
    r.reviewer = by.user;
    r.signer_name = signer_name(tx, by);
    r.signer_role = std::string(role_name(*by.role));
    r.meaning = meaning_for("Reviewed without change", *by.role);
    r.content_hash = c->version.content_hash;
    r.at = now;
    r.id = repo::insert_review(tx, by.org, r);
    repo::set_last_reviewed(tx, by.org, id, now);
    json::object data = version_json(c->version);
    data["review_id"] = r.id;
    data["outcome"] = "no_change";
    data["signer_name"] = r.signer_name;
    data["signer_role"] = r.signer_role;
    data["meaning"] = r.meaning;
    data["comment"] = comment;
    record(tx, env, by, "policy", id.str(), "review", std::move(data));
    return {};
  });
}

Result<VersionId> review_new_version(const Env& env, const Caller& by, DocId id,
                                     std::string comment) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  if (auto r = check_note(comment, "comment"); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<VersionId> {
    auto c = current_of(tx, by.org, id);
    if (!c) {
      return c.error();
    }
    auto draft = start_draft(tx, env, by, c->doc);
    if (!draft) {
      return draft.error();
    }
    Review r;
    r.doc = id;
    r.version = c->version.id;
    r.outcome = ReviewOutcome::new_version;
    r.comment = comment;
    r.reviewer = by.user;
    r.signer_name = signer_name(tx, by);
    r.signer_role = by.role ? std::string(role_name(*by.role)) : "";
    r.meaning = by.role ? meaning_for("Reviewed (a new version is needed)", *by.role)
                        : "Reviewed (a new version is needed)";
    r.content_hash = c->version.content_hash;
    r.at = env.clock.now();
    r.id = repo::insert_review(tx, by.org, r);
    json::object data = version_json(c->version);
    data["review_id"] = r.id;
    data["outcome"] = "new_version";
    data["comment"] = comment;
    data["draft_number"] = draft->number;
    record(tx, env, by, "policy", id.str(), "review", std::move(data));
    json::object d2 = version_json(*draft);
    d2["from_number"] = c->version.number;
    d2["review_id"] = r.id;
    record(tx, env, by, "policy", id.str(), "new_draft", std::move(d2));
    return draft->id;
  });
}

// --- approval inbox ---

Result<std::vector<InboxItem>> inbox(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kApproverRoles); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) {
    std::vector<InboxItem> out;
    for (VersionId vid : repo::waiting_for(tx, by.org, by.user)) {
      auto v = repo::find_version(tx, by.org, vid);
      auto d = v ? repo::find_document(tx, by.org, v->doc) : std::nullopt;
      if (v && d) {
        out.push_back(InboxItem{*d, *v, repo::approvals(tx, vid)});
      }
    }
    return out;
  });
}

Result<std::int64_t> pending_approvals(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kApproverRoles); !r) {
    return r.error();
  }
  return env.db.read(
      [&](Transaction& tx) { return repo::count_waiting_for(tx, by.org, by.user); });
}

Result<std::vector<Candidate>> approver_candidates(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) {
    std::vector<Candidate> out;
    for (const auto& m : accounts::repo::members(tx, by.org)) {
      if (m.membership.expired(now) || m.user.disabled ||
          !kApproverRoles.contains(m.membership.role)) {
        continue;
      }
      out.push_back(Candidate{m.user.id, m.user.display_name, m.membership.role});
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
      return core::ascii_lower(a.name) < core::ascii_lower(b.name);
    });
    return out;
  });
}

// --- staff ---

Result<MyPolicies> my_policies(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) {
    MyPolicies out;
    out.person = people::repo::person_of_user(tx, by.org, by.user);
    if (!out.person) {
      return out;
    }
    auto person = people::repo::find(tx, by.org, *out.person);
    if (!person || person->status != people::Status::active) {
      return out;
    }
    for (const auto& d : repo::documents(tx, by.org, {})) {
      if (d.retired_at || !d.current_version || !repo::in_audience(tx, d, *out.person, now)) {
        continue;
      }
      MyPolicy p;
      p.doc = d;
      for (auto& v : repo::versions(tx, by.org, d.id, false)) {
        if (v.id == *d.current_version) {
          p.current = std::move(v);
          break;
        }
      }
      const int baseline = repo::baseline_number(tx, d.id, p.current.number);
      p.opened_at = repo::opened_at(tx, p.current.id, *out.person);
      if (auto ack = repo::covering_ack(tx, d.id, *out.person, baseline, p.current.number)) {
        p.acknowledged_at = ack->at;
        p.acknowledged_number = ack->version_number;
      }
      p.due_on = repo::earliest_due(tx, by.org, p.current.id);
      out.policies.push_back(std::move(p));
    }
    std::stable_sort(out.policies.begin(), out.policies.end(),
                     [](const MyPolicy& a, const MyPolicy& b) {
                       if (a.must_acknowledge() != b.must_acknowledge()) {
                         return a.must_acknowledge();
                       }
                       return a.doc.reference < b.doc.reference;
                     });
    return out;
  });
}

Result<Opened> open(const Env& env, const Caller& by, DocId id) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<Opened> {
    auto rd = resolve_reader(tx, env, by, id);
    if (!rd) {
      return rd.error();
    }
    const Timestamp now = env.clock.now();
    if (repo::record_open(tx, by.org, rd->version.id, rd->person, now)) {
      json::object data = version_json(rd->version);
      data["doc_id"] = id.value;
      data["person_id"] = rd->person.value;
      record(tx, env, by, "policy_ack", ack_entity(id, rd->person), "opened", std::move(data));
    }
    Opened out;
    out.doc = rd->doc;
    out.version = rd->version;
    out.opened_at = repo::opened_at(tx, rd->version.id, rd->person).value_or(now);
    const int baseline = repo::baseline_number(tx, id, rd->version.number);
    if (auto ack = repo::covering_ack(tx, id, rd->person, baseline, rd->version.number)) {
      out.acknowledged_at = ack->at;
    }
    return out;
  });
}

Result<Acknowledgment> acknowledge(const Env& env, const Caller& by, DocId id,
                                   std::string_view hash) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  const std::string seen = core::ascii_lower(core::trim(hash));
  return env.db.write([&](Transaction& tx) -> Result<Acknowledgment> {
    auto rd = resolve_reader(tx, env, by, id);
    if (!rd) {
      return rd.error();
    }
    const std::string which =
        "version " + std::to_string(rd->version.number) + " of " + rd->doc.reference;
    if (seen != rd->version.content_hash) {
      return fail(Errc::conflict, "The document changed since you opened it: read " + which +
                                      " and acknowledge that.");
    }
    if (!repo::opened_at(tx, rd->version.id, rd->person)) {
      return fail(Errc::conflict, "Open and read " + which + " before acknowledging it.");
    }
    Acknowledgment a;
    a.version = rd->version.id;
    a.person = rd->person;
    a.doc = id;
    a.version_number = rd->version.number;
    a.content_hash = rd->version.content_hash;
    a.at = env.clock.now();
    a.source = AckSource::ui;
    if (repo::insert_ack(tx, by.org, a)) {
      json::object data = version_json(rd->version);
      data["doc_id"] = id.value;
      data["person_id"] = rd->person.value;
      data["source"] = "ui";
      record(tx, env, by, "policy_ack", ack_entity(id, rd->person), "acknowledged",
             std::move(data));
    }
    return *repo::find_ack(tx, rd->version.id, rd->person);
  });
}

Result<BulkResult> bulk_acknowledge(const Env& env, const Caller& by, DocId id, int number,
                                    const std::vector<BulkItem>& items) {
  if (auto r = require_role(by, kAckImporters); !r) {
    return r.error();
  }
  if (items.empty()) {
    return Error::invalid("acknowledgments", "send at least one acknowledgment");
  }
  if (items.size() > kMaxBulkItems) {
    return Error::invalid("acknowledgments", "send at most 100,000 acknowledgments per request");
  }
  return env.db.write([&](Transaction& tx) -> Result<BulkResult> {
    auto d = load_doc(tx, by.org, id);
    if (!d) {
      return d.error();
    }
    auto v = repo::find_version_number(tx, by.org, id, number);
    if (!v) {
      return fail(Errc::not_found, number_text(number) + " is not a version of " + d->reference +
                                       ".");
    }
    if (d->retired_at || !d->current_version || *d->current_version != v->id) {
      return fail(Errc::conflict, "Version " + std::to_string(number) + " of " + d->reference +
                                      " is not the published version; acknowledgments are "
                                      "recorded for the published version only.");
    }
    v->content.clear();
    const Timestamp now = env.clock.now();
    // Resolve every item before writing anything, reading only the people the request names.
    enum class KeyKind { none, email, external_id, person_id };
    struct Key {
      KeyKind kind = KeyKind::none;
      std::string text;  // e-mail (lower case) or external id
      std::int64_t number = 0;  // person id
    };
    std::vector<Key> keys(items.size());
    std::vector<std::string> emails, external_ids;
    std::vector<PersonId> person_ids;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string_view key = core::trim(items[i].person);
      Key& k = keys[i];
      if (key.empty()) {
        continue;
      }
      if (key[0] == '#') {
        const std::string_view digits = key.substr(1);
        const bool all_digits = std::all_of(digits.begin(), digits.end(),
                                            [](char c) { return c >= '0' && c <= '9'; });
        if (!digits.empty() && digits.size() < 19 && all_digits) {
          k = Key{KeyKind::person_id, "", std::stoll(std::string(digits))};
          person_ids.push_back(PersonId{k.number});
        } else {
          k.kind = KeyKind::person_id;  // never matches
        }
      } else if (key.find('@') != std::string_view::npos) {
        k = Key{KeyKind::email, core::ascii_lower(key), 0};
        emails.push_back(k.text);
      } else {
        k = Key{KeyKind::external_id, std::string(key), 0};
        external_ids.push_back(k.text);
      }
    }
    auto dedupe = [](auto& list) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
    };
    dedupe(emails);
    dedupe(external_ids);
    dedupe(person_ids);
    std::unordered_map<std::string, repo::PersonKey> by_email, by_ext;
    std::unordered_map<std::int64_t, repo::PersonKey> by_id;
    by_email.reserve(emails.size());
    for (auto& p : repo::people_by_email(tx, by.org, emails)) {
      by_email.emplace(p.email, std::move(p));
    }
    for (auto& p : repo::people_by_external_id(tx, by.org, external_ids)) {
      by_ext.emplace(p.external_id.value_or(""), std::move(p));
    }
    for (auto& p : repo::people_by_id(tx, by.org, person_ids)) {
      by_id.emplace(p.id.value, std::move(p));
    }
    // Every active person is in an audience of everyone; otherwise ask about the resolved ones.
    std::optional<std::unordered_set<std::int64_t>> audience;
    if (d->audience != AudienceKind::everyone) {
      std::vector<PersonId> found;
      for (const auto* m : {&by_email, &by_ext}) {
        for (const auto& [_, p] : *m) {
          found.push_back(p.id);
        }
      }
      for (const auto& [_, p] : by_id) {
        found.push_back(p.id);
      }
      dedupe(found);
      audience.emplace();
      for (PersonId p : repo::audience_among(tx, *d, found, now)) {
        audience->insert(p.value);
      }
    }
    BulkResult out;
    out.items.reserve(items.size());
    std::vector<PersonId> resolved(items.size());
    std::vector<BulkItemResult> rejected;
    for (std::size_t i = 0; i < items.size(); ++i) {
      BulkItemResult r;
      r.index = static_cast<int>(i);
      r.person = items[i].person;
      const repo::PersonKey* k = nullptr;
      switch (keys[i].kind) {
        case KeyKind::none:
          r.error = "person: is required (e-mail, employee id or #id)";
          break;
        case KeyKind::person_id:
          if (auto it = by_id.find(keys[i].number); keys[i].number > 0 && it != by_id.end()) {
            k = &it->second;
          } else {
            r.error = "person: no person with this id in this organization";
          }
          break;
        case KeyKind::email:
          if (auto it = by_email.find(keys[i].text); it != by_email.end()) {
            k = &it->second;
          } else {
            r.error = "person: no person with this e-mail in this organization";
          }
          break;
        case KeyKind::external_id:
          if (auto it = by_ext.find(keys[i].text); it != by_ext.end()) {
            k = &it->second;
          } else {
            r.error = "person: no person with this employee id in this organization";
          }
          break;
      }
      if (k && !k->active) {
        r.error = "person: has left the organization";
      } else if (k && audience && !audience->contains(k->id.value)) {
        r.error = "person: is not in the audience of " + d->reference;
      }
      if (r.error.empty() && items[i].at) {
        if (*items[i].at > now) {
          r.error = "at: is in the future";
        } else if (v->published_at && *items[i].at < *v->published_at) {
          r.error = "at: is before version " + std::to_string(number) + " was published (" +
                    core::format_timestamp(*v->published_at) + ")";
        }
      }
      if (!r.error.empty()) {
        r.outcome = BulkOutcome::rejected;
        rejected.push_back(std::move(r));
        continue;
      }
      resolved[i] = k->id;
      out.items.push_back(std::move(r));
    }
    if (!rejected.empty()) {
      // All-or-nothing: nothing is written; the report lists the refused items.
      BulkResult refused;
      refused.rejected = static_cast<int>(rejected.size());
      refused.items = std::move(rejected);
      return refused;
    }
    // Each person once, in id order (a stable lock order for concurrent requests).
    std::vector<repo::AckRow> rows;
    rows.reserve(items.size());
    std::unordered_map<std::int64_t, std::size_t> first_index;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (first_index.emplace(resolved[i].value, i).second) {
        rows.push_back(repo::AckRow{resolved[i], items[i].at.value_or(now)});
      }
    }
    std::sort(rows.begin(), rows.end(), [](const repo::AckRow& a, const repo::AckRow& b) {
      return a.person < b.person;
    });
    auto recorded = repo::insert_acks(tx, by.org, *v, rows, AckSource::api);
    std::unordered_set<std::int64_t> recorded_set;
    for (PersonId p : recorded) {
      recorded_set.insert(p.value);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto& r = out.items[i];
      const bool first = first_index.at(resolved[i].value) == i;
      r.outcome = first && recorded_set.contains(resolved[i].value) ? BulkOutcome::recorded
                                                                     : BulkOutcome::already;
      (r.outcome == BulkOutcome::recorded ? out.recorded : out.already) += 1;
    }
    out.applied = true;
    if (!recorded.empty()) {
      std::sort(recorded.begin(), recorded.end());
      json::array ids;
      ids.reserve(recorded.size());
      for (PersonId p : recorded) {
        ids.emplace_back(p.value);
      }
      json::object data = version_json(*v);
      data["source"] = "api";
      data["recorded"] = std::move(ids);
      data["already"] = out.already;
      record(tx, env, by, "policy", id.str(), "bulk_acknowledged", std::move(data));
    }
    return out;
  });
}

// --- coverage and campaigns ---

Result<Coverage> coverage(const Env& env, const Caller& by, DocId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const auto day = today(env);
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) -> Result<Coverage> {
    auto c = current_of(tx, by.org, id);
    if (!c) {
      return c.error();
    }
    return coverage_from(repo::coverage(tx, c->doc, c->baseline, c->version.number, day, now));
  });
}

Result<std::vector<Missing>> missing(const Env& env, const Caller& by, DocId id, int limit) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const auto day = today(env);
  const Timestamp now = env.clock.now();
  limit = std::clamp(limit, 1, 5000);
  return env.db.read([&](Transaction& tx) -> Result<std::vector<Missing>> {
    auto c = current_of(tx, by.org, id);
    if (!c) {
      return c.error();
    }
    std::vector<Missing> out;
    for (auto& m : repo::missing(tx, c->doc, c->version.id, c->baseline, c->version.number, day,
                                 now, limit)) {
      out.push_back(Missing{m.person, std::move(m.name), std::move(m.department),
                            m.top_management, m.opened_at});
    }
    return out;
  });
}

Result<std::int64_t> create_campaign(const Env& env, const Caller& by, DocId id,
                                     std::string title, std::int64_t due_on) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  title = std::string(core::trim(title));
  Validation v;
  if (title.empty()) {
    v.add("title", "is required");
  } else if (!core::is_plain_text(title, 200)) {
    v.add("title", "must be plain text of at most 200 characters");
  }
  if (due_on <= today(env)) {
    v.add("due_on", "must be after today");
  } else if (due_on > today(env) + 366) {
    v.add("due_on", "must be within a year");
  }
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<std::int64_t> {
    auto c = current_of(tx, by.org, id);
    if (!c) {
      return c.error();
    }
    Campaign camp;
    camp.doc = id;
    camp.version = c->version.id;
    camp.title = title;
    camp.due_on = due_on;
    camp.created_by = by.label;
    camp.created_at = env.clock.now();
    camp.id = repo::insert_campaign(tx, by.org, camp);
    json::object data = version_json(c->version);
    data["doc_id"] = id.value;
    data["reference"] = c->doc.reference;
    data["title"] = title;
    data["due_on"] = core::format_date(due_on);
    record(tx, env, by, "policy_campaign", std::to_string(camp.id), "create", std::move(data));
    return camp.id;
  });
}

Status close_campaign(const Env& env, const Caller& by, std::int64_t campaign) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto c = repo::find_campaign(tx, by.org, campaign);
    if (!c) {
      return fail(Errc::not_found, "No such campaign in this organization.");
    }
    if (c->closed_at || !repo::close_campaign(tx, by.org, campaign, env.clock.now())) {
      return fail(Errc::conflict, "This campaign is already closed.");
    }
    record(tx, env, by, "policy_campaign", std::to_string(campaign), "close",
           {{"doc_id", c->doc.value}, {"title", c->title}});
    return {};
  });
}

// --- share links ---

Result<CreatedLink> create_share_link(const Env& env, const Caller& by, VersionId vid,
                                      std::string recipient, core::Timestamp expires_at) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  recipient = std::string(core::trim(recipient));
  Validation val;
  if (recipient.empty()) {
    val.add("recipient", "is required: who is the link for?");
  } else if (!core::is_plain_text(recipient, 200)) {
    val.add("recipient", "must be plain text of at most 200 characters");
  }
  if (expires_at <= now) {
    val.add("expires_at", "must be in the future");
  } else if (expires_at.us - now.us > 366 * kUsPerDay) {
    val.add("expires_at", "must be at most a year ahead");
  }
  if (!val.ok()) {
    return val.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<CreatedLink> {
    auto v = repo::find_version(tx, by.org, vid);
    if (!v) {
      return not_found_version();
    }
    auto d = load_doc(tx, by.org, v->doc);
    if (!d) {
      return d.error();
    }
    if (d->retired_at) {
      return fail(Errc::conflict, d->reference + " is retired: it cannot be shared.");
    }
    if (v->status != VersionStatus::published && v->status != VersionStatus::archived) {
      return fail(Errc::conflict, "Version " + std::to_string(v->number) + " of " +
                                      d->reference +
                                      " has not been published: only published versions can be "
                                      "shared.");
    }
    CreatedLink out;
    out.secret = kLinkPrefix + core::random_token(32);
    out.link.version = vid;
    out.link.prefix = out.secret.substr(0, 12);
    out.link.recipient = recipient;
    out.link.expires_at = expires_at;
    out.link.created_by = by.label;
    out.link.created_at = now;
    out.link.id = repo::insert_link(tx, by.org, out.link, core::hex(core::sha256(out.secret)));
    json::object data = version_json(*v);
    data["doc_id"] = d->id.value;
    data["reference"] = d->reference;
    data["recipient"] = recipient;
    data["prefix"] = out.link.prefix;
    data["expires_at"] = core::format_timestamp(expires_at);
    record(tx, env, by, "policy_link", std::to_string(out.link.id), "create", std::move(data));
    return out;
  });
}

Status revoke_share_link(const Env& env, const Caller& by, std::int64_t link) {
  if (auto r = require_role(by, kPublishers); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto l = repo::find_link(tx, by.org, link);
    if (!l) {
      return fail(Errc::not_found, "No such link in this organization.");
    }
    if (l->revoked_at || !repo::revoke_link(tx, by.org, link, env.clock.now())) {
      return fail(Errc::conflict, "This link is already revoked.");
    }
    record(tx, env, by, "policy_link", std::to_string(link), "revoke",
           {{"prefix", l->prefix}, {"recipient", l->recipient}});
    return {};
  });
}

Result<SharedView> view_shared(const Env& env, std::string_view secret) {
  const Error gone = fail(Errc::not_found, "This link is not valid: it may have expired or been "
                                           "revoked.");
  if (!secret.starts_with(kLinkPrefix) || secret.size() > 128) {
    return gone;
  }
  const std::string hash = core::hex(core::sha256(secret));
  return env.db.write([&](Transaction& tx) -> Result<SharedView> {
    const Timestamp now = env.clock.now();
    auto found = repo::find_link_by_hash(tx, hash);
    if (!found || !found->link.active_at(now)) {
      return gone;
    }
    auto v = repo::find_version(tx, found->org, found->link.version);
    auto d = v ? repo::find_document(tx, found->org, v->doc) : std::nullopt;
    if (!v || !d || d->retired_at ||
        (v->status != VersionStatus::published && v->status != VersionStatus::archived)) {
      return gone;
    }
    auto org = accounts::repo::find_org(tx, found->org);
    repo::count_view(tx, found->link.id, now);
    json::object data = version_json(*v);
    data["doc_id"] = d->id.value;
    data["reference"] = d->reference;
    data["recipient"] = found->link.recipient;
    ledger::append(tx, now,
                   ledger::EntryInput{found->org,
                                      {ledger::ActorKind::system, 0,
                                       "public link " + found->link.prefix},
                                      "policy_link",
                                      std::to_string(found->link.id),
                                      "viewed",
                                      std::move(data)});
    SharedView out;
    out.organization = org ? org->name : "";
    out.doc = *d;
    out.version = *v;
    out.superseded = d->current_version != v->id;
    return out;
  });
}

// --- approval rules ---

Result<std::vector<ApprovalRule>> rules(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) {
    std::vector<ApprovalRule> out;
    for (DocType t : kAllDocTypes) {
      out.push_back(rule_for(tx, by.org, t));
    }
    return out;
  });
}

Status set_rule(const Env& env, const Caller& by, const ApprovalRule& rule) {
  if (auto r = require_role(by, kRuleAdmins); !r) {
    return r.error();
  }
  if (rule.min_approvers < 1 || rule.min_approvers > 10) {
    return Error::invalid("min_approvers", "must be between 1 and 10");
  }
  return env.db.write([&](Transaction& tx) -> Status {
    const ApprovalRule before = rule_for(tx, by.org, rule.type);
    if (before.min_approvers == rule.min_approvers &&
        before.require_top_management == rule.require_top_management &&
        before.require_independence == rule.require_independence &&
        repo::find_rule(tx, by.org, rule.type)) {
      return {};
    }
    repo::upsert_rule(tx, by.org, rule, env.clock.now());
    record(tx, env, by, "policy_rule", std::string(doc_type_name(rule.type)), "set",
           {{"min_approvers", rule.min_approvers},
            {"require_top_management", rule.require_top_management},
            {"require_independence", rule.require_independence}});
    return {};
  });
}

// --- Markdown import and export ---

Result<ImportReport> import_markdown(const Env& env, const Caller& by,
                                     const std::vector<ImportFile>& files, bool apply) {
  if (auto r = require_role(by, kAuthors); !r) {
    return r.error();
  }
  if (files.empty()) {
    return Error::invalid("files", "choose at least one Markdown file");
  }
  if (files.size() > 1000) {
    return Error::invalid("files", "import at most 1000 files at a time");
  }
  if (!apply) {
    return env.db.read(
        [&](Transaction& tx) -> Result<ImportReport> { return plan_import(tx, by, files).report; });
  }
  return env.db.write([&](Transaction& tx) -> Result<ImportReport> {
    ImportPlan plan = plan_import(tx, by, files);
    if (!plan.report.ok()) {
      return plan.report;  // nothing written
    }
    const Timestamp now = env.clock.now();
    for (std::size_t i = 0; i < plan.files.size(); ++i) {
      const ParsedFile& p = plan.files[i];
      const auto& res = plan.report.files[i];
      if (res.action == "create") {
        DocId id = repo::insert_document(tx, by.org, p.fields, now);
        VersionId vid = repo::insert_version(tx, by.org, id, 1, p.draft, by.user, by.label, now);
        json::object data = fields_json(p.fields);
        data["version_id"] = vid.value;
        data["number"] = 1;
        data["content_hash"] = content_hash(p.draft.content);
        data["source"] = "import";
        data["file"] = p.result.name;
        record(tx, env, by, "policy", id.str(), "create", std::move(data));
      } else if (res.action == "new draft") {
        const Document& d = *plan.existing[i];
        auto newest = repo::newest_version(tx, by.org, d.id);
        const int number = newest ? newest->number + 1 : 1;
        VersionId vid =
            repo::insert_version(tx, by.org, d.id, number, p.draft, by.user, by.label, now);
        sync_status(tx, by.org, d.id, now);
        json::object data{{"version_id", vid.value},
                          {"number", number},
                          {"content_hash", content_hash(p.draft.content)},
                          {"source", "import"},
                          {"file", p.result.name}};
        record(tx, env, by, "policy", d.id.str(), "new_draft", std::move(data));
      }
    }
    plan.report.applied = true;
    return plan.report;
  });
}

Result<std::vector<ExportedDoc>> export_documents(const Env& env, const Caller& by,
                                                  bool include_drafts) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) {
    std::vector<ExportedDoc> out;
    for (const auto& d : repo::documents(tx, by.org, {})) {
      if (d.retired_at) {
        continue;
      }
      std::optional<Version> v;
      if (include_drafts) {
        v = repo::newest_version(tx, by.org, d.id);
      } else if (d.current_version) {
        v = repo::find_version(tx, by.org, *d.current_version);
      }
      if (!v) {
        continue;
      }
      std::string owner_email;
      if (d.owner) {
        if (auto p = people::repo::find(tx, by.org, *d.owner)) {
          owner_email = p->email;
        }
      }
      ExportedDoc e{d, *v, front_matter(d, *v, owner_email) + v->content};
      out.push_back(std::move(e));
    }
    return out;
  });
}

// --- indicators ---

Result<Indicators> indicators(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) { return indicators_in(tx, by.org, now); });
}

Indicators indicators_in(Transaction& tx, OrgId org, Timestamp now) {
  const auto day = core::days_since_epoch(now);
  Indicators out;
  out.top_management.label = "Top management";
  std::map<std::string, CoverageCount> departments;
  auto add = [&](const repo::DeptCount& c, std::int64_t documents) {
    const std::int64_t due = c.audience * documents;
    out.acknowledgments_due += due;
    out.acknowledged += c.acknowledged;
    const std::string label = c.department.empty() ? kNoDepartment : c.department;
    auto& dc = departments[label];
    dc.label = label;
    dc.audience += due;
    dc.acknowledged += c.acknowledged;
  };
  std::int64_t everyone_documents = 0;
  for (const auto& d : repo::documents(tx, org, {})) {
    if (d.retired_at || !d.current_version) {
      continue;
    }
    DocRow row = make_row(tx, org, d, day);
    ++out.policies;
    if (row.approved_by_top_management) {
      ++out.approved_by_top_management;
    } else {
      out.not_approved_by_top_management.push_back(row);
    }
    if (row.review && row.review->overdue()) {
      out.overdue.push_back(row);
    } else {
      ++out.within_review;
    }
    if (d.audience == AudienceKind::everyone) {
      ++everyone_documents;  // counted together below
      continue;
    }
    const int number = row.current_number.value_or(1);
    const int baseline = repo::baseline_number(tx, d.id, number);
    auto rows = repo::coverage(tx, d, baseline, number, day, now);
    out.top_management.audience += rows.top_management;
    out.top_management.acknowledged += rows.top_management_acknowledged;
    for (const auto& c : rows.departments) {
      add(c, 1);
    }
  }
  if (everyone_documents > 0) {
    // Most documents address everyone: one set-based count over people × those documents.
    auto all = repo::coverage_of_everyone_documents(tx, org, day);
    out.top_management.audience += all.top_management * everyone_documents;
    out.top_management.acknowledged += all.top_management_acknowledged;
    for (const auto& c : all.departments) {
      add(c, everyone_documents);
    }
  }
  std::stable_sort(out.overdue.begin(), out.overdue.end(), [](const DocRow& a, const DocRow& b) {
    return a.review->days_left < b.review->days_left;
  });
  for (auto& [name, c] : departments) {
    out.departments.push_back(c);
  }
  out.last_top_management_signoff = repo::last_signoff(tx, org, Role::top_management);
  if (out.last_top_management_signoff) {
    out.days_since_top_management_signoff =
        day - core::days_since_epoch(*out.last_top_management_signoff);
  }
  return out;
}

std::string_view change_kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::published:
      return "published";
    case ChangeKind::changed:
      return "changed";
    case ChangeKind::retired:
      return "retired";
  }
  return "published";
}

std::vector<RegisterChange> changes_since(Transaction& tx, OrgId org,
                                          std::optional<Timestamp> since) {
  const Timestamp from = since.value_or(Timestamp{std::numeric_limits<std::int64_t>::min()});
  std::vector<RegisterChange> out;
  std::unordered_map<std::int64_t, Document> docs;
  for (auto& d : repo::documents(tx, org, {})) {
    docs.emplace(d.id.value, std::move(d));
  }
  for (const auto& p : repo::published_since(tx, org, from)) {
    auto it = docs.find(p.doc.value);
    if (it == docs.end() || (p.number > 1 && !p.material)) {
      continue;  // a version without material change is not a change the review considers
    }
    out.push_back(RegisterChange{it->second,
                                 p.number == 1 ? ChangeKind::published : ChangeKind::changed,
                                 p.number, p.change_summary, p.published_at});
  }
  for (const auto& [id, d] : docs) {
    if (d.retired_at && *d.retired_at >= from) {
      int number = 0;
      if (d.current_version) {
        if (auto v = repo::find_version(tx, org, *d.current_version)) {
          number = v->number;
        }
      }
      out.push_back(RegisterChange{d, ChangeKind::retired, number, "", *d.retired_at});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RegisterChange& a, const RegisterChange& b) {
    return std::tie(a.at, a.doc.reference) < std::tie(b.at, b.doc.reference);
  });
  return out;
}

}  // namespace mandate::areas::policies
