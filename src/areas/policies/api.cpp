// areas/policies/api.cpp — JSON API for policies (see api.hpp and docs/api/openapi.yaml). Bodies
// are read strictly: unknown fields and wrong types are refused naming the field; everything
// else (rules, state machine, authorization, ledger) is the service's.
#include "areas/policies/api.hpp"

#include <charconv>
#include <climits>

#include "areas/common/json_body.hpp"
#include "core/text.hpp"

namespace mandate::areas::policies::api {
namespace {

namespace json = core::json;

// ---------------------------------------------------------------- reading bodies

constexpr const char* kTypes =
    "information_security_policy, topic_specific_policy, procedure, standard, guideline, record";
constexpr const char* kClassifications = "public, internal, confidential, restricted";
constexpr const char* kAudiences = "everyone, departments, roles, people";

// Register fields from a body, over `f` (PATCH keeps what is left out).
void read_fields(JsonBody& b, DocumentFields& f, bool create) {
  if (auto x = b.string("reference", create, 200)) {
    f.reference = *x;
  }
  if (auto x = b.string("title", create, 1000)) {
    f.title = *x;
  }
  b.one_of("type", f.type, parse_doc_type, kTypes);
  if (b.has("owner_id")) {
    auto o = b.integer("owner_id", false);
    f.owner = o ? std::optional(PersonId{*o}) : std::nullopt;
  }
  b.one_of("classification", f.classification, parse_classification, kClassifications);
  b.one_of("audience", f.audience, parse_audience_kind, kAudiences);
  if (auto x = b.strings("audience_values", 10'000, 200)) {
    f.audience_values = std::move(*x);
  }
  if (auto x = b.small_int("review_interval_months", false)) {
    f.review_interval_months = *x;
  }
  if (auto x = b.small_int("retention_months", false)) {
    f.retention_months = *x;
  }
  if (auto x = b.strings("requirements", 500, 100)) {
    f.requirements = std::move(*x);
  }
}

// Draft fields from a body, over `f`.
void read_draft(JsonBody& b, DraftFields& f, bool create) {
  if (auto x = b.string("content", create, 4 * 1024 * 1024)) {
    f.content = *x;
  }
  if (auto x = b.string("change_summary", false, 10'000)) {
    f.change_summary = *x;
  }
  if (auto x = b.boolean("material", false)) {
    f.material = *x;
  }
  if (b.is_null("effective_on")) {
    b.raw("effective_on");
    f.effective_on.reset();
  } else if (auto d = b.date("effective_on", false)) {
    f.effective_on = *d;
  }
}

// ---------------------------------------------------------------- writing answers

json::value day_or_null(const std::optional<std::int64_t>& d) {
  return d ? json::value(core::format_date(*d)) : json::value(nullptr);
}

json::array string_array(const std::vector<std::string>& xs) {
  json::array a;
  for (const auto& x : xs) {
    a.push_back(json::value(x));
  }
  return a;
}

json::object document_json(const Document& d) {
  json::object o{{"id", d.id.value},
                 {"reference", d.reference},
                 {"title", d.title},
                 {"type", doc_type_name(d.type)},
                 {"classification", classification_name(d.classification)},
                 {"audience", audience_kind_name(d.audience)},
                 {"audience_values", string_array(d.audience_values)},
                 {"review_interval_months", d.review_interval_months},
                 {"retention_months", d.retention_months},
                 {"requirements", string_array(d.requirements)},
                 {"status", doc_status_name(d.status)},
                 {"last_reviewed_at", iso_or_null(d.last_reviewed_at)},
                 {"retired_at", iso_or_null(d.retired_at)},
                 {"created_at", iso(d.created_at)},
                 {"updated_at", iso(d.updated_at)},
                 {"row_version", d.row_version}};
  o["owner_id"] = d.owner ? json::value(d.owner->value) : json::value(nullptr);
  o["current_version_id"] =
      d.current_version ? json::value(d.current_version->value) : json::value(nullptr);
  return o;
}

json::value review_due_json(const std::optional<ReviewDue>& r) {
  if (!r) {
    return nullptr;
  }
  return json::object{{"due_on", core::format_date(r->due_on)},
                      {"days_left", r->days_left},
                      {"overdue", r->overdue()},
                      {"due_soon", r->due_soon()}};
}

json::object row_json(const DocRow& r) {
  json::object o = document_json(r.doc);
  o["owner_name"] = r.owner_name;
  o["current_version"] = r.current_number ? json::value(*r.current_number) : json::value(nullptr);
  o["published_at"] = iso_or_null(r.published_at);
  o["pending"] = r.pending ? json::value(version_status_name(*r.pending)) : json::value(nullptr);
  o["approved_by_top_management"] = r.approved_by_top_management;
  o["review"] = review_due_json(r.review);
  return o;
}

json::object version_json(const Version& v, bool with_content) {
  json::object o{{"id", v.id.value},
                 {"document_id", v.doc.value},
                 {"number", v.number},
                 {"status", version_status_name(v.status)},
                 {"content_hash", v.content_hash},
                 {"change_summary", v.change_summary},
                 {"material", v.material},
                 {"effective_on", day_or_null(v.effective_on)},
                 {"author_id", v.author.value},
                 {"author", v.author_label},
                 {"created_at", iso(v.created_at)},
                 {"updated_at", iso(v.updated_at)},
                 {"submitted_at", iso_or_null(v.submitted_at)},
                 {"decided_at", iso_or_null(v.decided_at)},
                 {"published_at", iso_or_null(v.published_at)},
                 {"archived_at", iso_or_null(v.archived_at)},
                 {"row_version", v.row_version}};
  if (with_content) {
    o["content"] = v.content;
  }
  return o;
}

json::object approval_json(const Approval& a) {
  return {{"approver_id", a.approver.value},
          {"approver_name", a.approver_name},
          {"decision", decision_name(a.decision)},
          {"comment", a.comment},
          {"signer_name", a.signer_name},
          {"signer_role", a.signer_role},
          {"meaning", a.meaning},
          {"content_hash", a.content_hash},
          {"decided_at", iso_or_null(a.decided_at)},
          {"requested_at", iso(a.requested_at)}};
}

json::object version_view_json(const VersionView& vv, bool with_content) {
  json::object o = version_json(vv.version, with_content);
  json::array approvals;
  for (const auto& a : vv.approvals) {
    approvals.push_back(approval_json(a));
  }
  o["approvals"] = approvals;
  return o;
}

json::object review_json(const Review& r) {
  return {{"id", r.id},
          {"version_id", r.version.value},
          {"outcome", review_outcome_name(r.outcome)},
          {"comment", r.comment},
          {"reviewer_id", r.reviewer.value},
          {"signer_name", r.signer_name},
          {"signer_role", r.signer_role},
          {"meaning", r.meaning},
          {"content_hash", r.content_hash},
          {"at", iso(r.at)}};
}

json::object campaign_json(const Campaign& c) {
  return {{"id", c.id},
          {"document_id", c.doc.value},
          {"version_id", c.version.value},
          {"title", c.title},
          {"due_on", core::format_date(c.due_on)},
          {"created_by", c.created_by},
          {"created_at", iso(c.created_at)},
          {"closed_at", iso_or_null(c.closed_at)}};
}

json::object link_json(const ShareLink& l) {
  return {{"id", l.id},
          {"version_id", l.version.value},
          {"prefix", l.prefix},
          {"recipient", l.recipient},
          {"expires_at", iso(l.expires_at)},
          {"revoked_at", iso_or_null(l.revoked_at)},
          {"created_by", l.created_by},
          {"created_at", iso(l.created_at)},
          {"views", l.views},
          {"last_viewed_at", iso_or_null(l.last_viewed_at)}};
}

json::object rule_json(const ApprovalRule& r) {
  return {{"type", doc_type_name(r.type)},
          {"min_approvers", r.min_approvers},
          {"require_top_management", r.require_top_management},
          {"require_independence", r.require_independence}};
}

json::object entry_json(const ledger::Entry& e) {
  return {{"seq", e.seq},
          {"at", iso(e.at)},
          {"actor", e.actor.label},
          {"action", e.action},
          {"data", json::parse(e.payload)}};
}

json::object count_json(const CoverageCount& c) {
  return {{"label", c.label},
          {"audience", c.audience},
          {"acknowledged", c.acknowledged},
          {"share", c.share()}};
}

json::object detail_json(const DocView& v) {
  json::object o = document_json(v.doc);
  o["owner_name"] = v.owner_name;
  o["review"] = review_due_json(v.review);
  o["rule"] = rule_json(v.rule);
  json::array versions, reviews, campaigns, links, history;
  for (const auto& vv : v.versions) {
    versions.push_back(version_view_json(vv, false));
  }
  for (const auto& r : v.reviews) {
    reviews.push_back(review_json(r));
  }
  for (const auto& c : v.campaigns) {
    campaigns.push_back(campaign_json(c));
  }
  for (const auto& l : v.links) {
    links.push_back(link_json(l));
  }
  for (const auto& e : v.history) {
    history.push_back(entry_json(e));
  }
  o["versions"] = versions;
  o["reviews"] = reviews;
  o["campaigns"] = campaigns;
  o["share_links"] = links;
  o["history"] = history;
  return o;
}

const VersionView* by_id(const DocView& v, VersionId id) {
  for (const auto& vv : v.versions) {
    if (vv.version.id == id) {
      return &vv;
    }
  }
  return nullptr;
}

// The version after a change, read back through the service.
http::Response version_answer(const Services& s, const Caller& by, DocId doc, VersionId id,
                              int status = 200) {
  auto v = must(view(s.env(), by, doc));
  const VersionView* vv = by_id(v, id);
  if (vv == nullptr) {
    throw ErrorException(fail(Errc::not_found, "No such version of this document."));
  }
  auto r = json_ok(version_view_json(*vv, true), status);
  if (status == 201) {
    r.headers.set("Location", "/api/v1/policies/" + doc.str() + "/versions/" +
                                  std::to_string(vv->version.number));
  }
  return r;
}

// 422 in the API's error shape, carrying a per-item report the client can show.
http::Response rejected(const http::Context& ctx, std::string message,
                        const std::map<std::string, std::string>& fields, const char* report_key,
                        json::value report) {
  json::object f;
  for (const auto& [k, m] : fields) {
    f[k] = m;
  }
  json::object err{{"code", "invalid"},
                   {"message", std::move(message)},
                   {"fields", f},
                   {"request_id", ctx.request_id}};
  json::object out{{"error", err}};
  out[report_key] = std::move(report);
  return json_ok(out, 422);
}

bool truthy(std::string_view name, const std::string& v) {
  if (v.empty() || v == "0" || v == "false") {
    return false;
  }
  if (v == "1" || v == "true" || v == "on") {
    return true;
  }
  throw ErrorException(Error::invalid(std::string(name), "must be true or false"));
}

}  // namespace

// ---------------------------------------------------------------- shared helpers

ListQuery query_from(const http::Context& ctx) {
  ListQuery q;
  q.search = std::string(core::trim(ctx.req.query_param("search")));
  if (q.search.size() > 200 || !core::valid_utf8(q.search)) {
    throw ErrorException(Error::invalid("search", "must be at most 200 characters of text"));
  }
  if (auto t = ctx.req.query_param("type"); !t.empty()) {
    q.type = parse_doc_type(t);
    if (!q.type) {
      throw ErrorException(Error::invalid("type", std::string("must be one of ") + kTypes));
    }
  }
  if (auto st = ctx.req.query_param("status"); !st.empty()) {
    q.status = parse_doc_status(st);
    if (!q.status) {
      throw ErrorException(
          Error::invalid("status", "must be one of draft, in_approval, approved, published, retired"));
    }
  }
  q.due_only = truthy("due", ctx.req.query_param("due"));
  q.overdue_only = truthy("overdue", ctx.req.query_param("overdue"));
  if (auto so = ctx.req.query_param("sort"); !so.empty()) {
    auto parsed = parse_sort(so);
    if (!parsed) {
      throw ErrorException(Error::invalid(
          "sort", "must be one of reference, title, type, status, review_due, updated"));
    }
    q.sort = *parsed;
  }
  auto order = ctx.req.query_param("order");
  if (order == "desc") {
    q.descending = true;
  } else if (!order.empty() && order != "asc") {
    throw ErrorException(Error::invalid("order", "must be asc or desc"));
  }
  return q;
}

std::string query_string(const ListQuery& q) {
  std::string out;
  auto add = [&](std::string_view k, std::string_view v) {
    if (!v.empty()) {
      out += (out.empty() ? "" : "&") + std::string(k) + "=" + http::url_encode(v);
    }
  };
  add("search", q.search);
  add("type", q.type ? doc_type_name(*q.type) : "");
  add("status", q.status ? doc_status_name(*q.status) : "");
  add("due", q.due_only ? "1" : "");
  add("overdue", q.overdue_only ? "1" : "");
  static constexpr std::pair<Sort, const char*> kSorts[] = {
      {Sort::reference, "reference"}, {Sort::title, "title"},           {Sort::type, "type"},
      {Sort::status, "status"},       {Sort::review_due, "review_due"}, {Sort::updated, "updated"}};
  for (const auto& [s, name] : kSorts) {
    if (s == q.sort && s != Sort::reference) {
      add("sort", name);
    }
  }
  add("order", q.descending ? "desc" : "");
  return out;
}

DocId doc_param(const http::Context& ctx) { return DocId{id_param(ctx, "id")}; }

const VersionView& numbered(const DocView& v, const http::Context& ctx) {
  const std::int64_t n = id_param(ctx, "n");
  for (const auto& vv : v.versions) {
    if (vv.version.number == n) {
      return vv;
    }
  }
  throw ErrorException(fail(Errc::not_found, "This document has no version " + std::to_string(n) + "."));
}

Version numbered_version(const Services& s, const Caller& by, DocId doc,
                         const http::Context& ctx, bool with_content) {
  const std::int64_t n = id_param(ctx, "n");
  if (n > INT_MAX) {
    throw ErrorException(
        fail(Errc::not_found, "This document has no version " + std::to_string(n) + "."));
  }
  return must(version_by_number(s.env(), by, doc, static_cast<int>(n), with_content));
}

SignatureAuth signature_auth(const http::Context& ctx, std::string password) {
  const auto& p = ctx.who();
  return SignatureAuth{std::move(password), p.is_token() ? std::string() : p.session_id_hash,
                       ctx.req.remote_addr};
}

// ---------------------------------------------------------------- register

http::Response list(const Services& s, http::Context& ctx) {
  auto rows = must(policies::list(s.env(), caller_of(ctx), query_from(ctx)));
  json::array items;
  for (const auto& r : rows) {
    items.push_back(row_json(r));
  }
  return json_ok({{"items", items}, {"total", static_cast<std::int64_t>(rows.size())}});
}

http::Response export_csv(const Services& s, http::Context& ctx) {
  auto csv = must(policies::export_csv(s.env(), caller_of(ctx), query_from(ctx)));
  auto r = http::Response::text(std::move(csv), 200, "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"policies.csv\"");
  return r;
}

http::Response create(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  DocumentFields f;
  DraftFields d;
  read_fields(b, f, true);
  read_draft(b, d, true);
  b.finish();
  auto by = caller_of(ctx);
  DocId id = must(policies::create(s.env(), by, std::move(f), std::move(d)));
  auto r = json_ok(detail_json(must(view(s.env(), by, id))), 201);
  r.headers.set("Location", "/api/v1/policies/" + id.str());
  return r;
}

http::Response get(const Services& s, http::Context& ctx) {
  return json_ok(detail_json(must(view(s.env(), caller_of(ctx), doc_param(ctx)))));
}

http::Response update(const Services& s, http::Context& ctx) {
  // PATCH: fields left out keep their values; "row_version" is required (409 stale otherwise).
  auto body = json_body(ctx);
  auto by = caller_of(ctx);
  DocId id = doc_param(ctx);
  const DocView current = must(view(s.env(), by, id));
  const Document& d = current.doc;
  DocumentFields f{d.reference,       d.title,          d.type,
                   d.owner,           d.classification, d.audience,
                   d.audience_values, d.review_interval_months, d.retention_months,
                   d.requirements};
  JsonBody b(body);
  read_fields(b, f, false);
  auto row_version = b.integer("row_version", true);
  b.finish();
  must(policies::update(s.env(), by, id, std::move(f), *row_version));
  return json_ok(detail_json(must(view(s.env(), by, id))));
}

http::Response rules(const Services& s, http::Context& ctx) {
  json::array items;
  for (const auto& r : must(policies::rules(s.env(), caller_of(ctx)))) {
    items.push_back(rule_json(r));
  }
  return json_ok({{"items", items}});
}

http::Response set_rule(const Services& s, http::Context& ctx) {
  auto type = parse_doc_type(ctx.param("type"));
  if (!type) {
    throw ErrorException(fail(Errc::not_found, "No such document type."));
  }
  auto by = caller_of(ctx);
  ApprovalRule rule = default_rule(*type);
  for (const auto& r : must(policies::rules(s.env(), by))) {
    if (r.type == *type) {
      rule = r;
    }
  }
  auto body = json_body(ctx);
  JsonBody b(body);
  if (auto x = b.small_int("min_approvers", false)) {
    rule.min_approvers = *x;
  }
  if (auto x = b.boolean("require_top_management", false)) {
    rule.require_top_management = *x;
  }
  if (auto x = b.boolean("require_independence", false)) {
    rule.require_independence = *x;
  }
  b.finish();
  rule.type = *type;
  must(policies::set_rule(s.env(), by, rule));
  return json_ok(rule_json(rule));
}

http::Response import(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  std::vector<ImportFile> files;
  const json::value* list = b.raw("files");
  if (list == nullptr || list->is_null()) {
    b.errors().add("files", "is required");
  } else if (!list->is_array() || list->get_array().empty() || list->get_array().size() > 500) {
    b.errors().add("files", "must be a list of 1 to 500 files");
  } else {
    int i = 0;
    for (const auto& x : list->get_array()) {
      const std::string at = "files[" + std::to_string(i++) + "]";
      if (!x.is_object()) {
        b.errors().add(at, "must be an object with name and content");
        continue;
      }
      const auto& o = x.get_object();
      auto* name = o.if_contains("name");
      auto* content = o.if_contains("content");
      if (name == nullptr || !name->is_string() || name->get_string().empty() ||
          name->get_string().size() > 255) {
        b.errors().add(at + ".name", "must be a file name of 1 to 255 characters");
      }
      if (content == nullptr || !content->is_string()) {
        b.errors().add(at + ".content", "must be the file's text");
      }
      for (const auto& kv : o) {
        if (kv.key() != "name" && kv.key() != "content") {
          b.errors().add(at + "." + std::string(kv.key()), "is not a known field");
        }
      }
      if (name != nullptr && name->is_string() && content != nullptr && content->is_string()) {
        files.push_back({std::string(name->get_string()), std::string(content->get_string())});
      }
    }
  }
  bool apply = b.boolean("apply", false).value_or(false);
  b.finish();
  auto report = must(import_markdown(s.env(), caller_of(ctx), files, apply));
  json::array out;
  std::map<std::string, std::string> problems;
  for (const auto& f : report.files) {
    json::object errors;
    for (const auto& [k, m] : f.errors) {
      errors[k] = m;
      problems[f.name + ": " + k] = m;
    }
    out.push_back({{"name", f.name},
                   {"reference", f.reference},
                   {"action", f.action},
                   {"errors", errors}});
  }
  json::object rep{{"applied", report.applied}, {"ok", report.ok()}, {"files", out}};
  if (!report.ok()) {
    return rejected(ctx, "Nothing was imported: some files have problems.", problems, "report",
                    rep);
  }
  return json_ok(rep);
}

// ---------------------------------------------------------------- versions

http::Response version(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), doc_param(ctx)));
  return json_ok(version_view_json(numbered(v, ctx), true));
}

http::Response diff(const Services& s, http::Context& ctx) {
  const int from = int_query(ctx, "from", 0, 1, 1'000'000);
  const int to = int_query(ctx, "to", 0, 1, 1'000'000);
  Validation v;
  if (from == 0) {
    v.add("from", "is required: a version number");
  }
  if (to == 0) {
    v.add("to", "is required: a version number");
  }
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  auto d = must(policies::diff(s.env(), caller_of(ctx), doc_param(ctx), from, to));
  json::array hunks;
  for (const auto& h : d.diff.hunks) {
    json::array lines;
    for (const auto& l : h.lines) {
      json::array spans;
      for (const auto& sp : l.spans) {
        spans.push_back({{"text", sp.text}, {"changed", sp.changed}});
      }
      const char* op = l.op == core::DiffOp::add      ? "add"
                       : l.op == core::DiffOp::remove ? "remove"
                                                      : "keep";
      lines.push_back({{"op", op},
                       {"old_line", l.old_line},
                       {"new_line", l.new_line},
                       {"text", l.text},
                       {"spans", spans}});
    }
    hunks.push_back({{"old_start", h.old_start},
                     {"old_count", h.old_count},
                     {"new_start", h.new_start},
                     {"new_count", h.new_count},
                     {"lines", lines}});
  }
  return json_ok({{"from", version_json(d.from, false)},
                  {"to", version_json(d.to, false)},
                  {"added", d.diff.added},
                  {"removed", d.diff.removed},
                  {"hunks", hunks}});
}

http::Response new_draft(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  VersionId id = must(policies::new_draft(s.env(), by, doc));
  return version_answer(s, by, doc, id, 201);
}

http::Response edit_draft(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const Version cur = numbered_version(s, by, doc, ctx, true);
  DraftFields f{cur.content, cur.change_summary, cur.material, cur.effective_on};
  JsonBody b(body);
  read_draft(b, f, false);
  auto row_version = b.integer("row_version", true);
  b.finish();
  must(policies::edit_draft(s.env(), by, cur.id, std::move(f), *row_version));
  return version_answer(s, by, doc, cur.id);
}

http::Response submit(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto ids = b.ids("approvers", true, 50);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const VersionId id = numbered_version(s, by, doc, ctx).id;
  std::vector<UserId> approvers;
  for (auto x : *ids) {
    approvers.push_back(UserId{x});
  }
  must(policies::submit(s.env(), by, id, std::move(approvers)));
  return version_answer(s, by, doc, id);
}

http::Response approve(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto password = b.string("password", true, 1024);
  auto comment = b.string("comment", false, 10'000).value_or("");
  auto material = b.boolean("material", false);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const VersionId id = numbered_version(s, by, doc, ctx).id;
  must(policies::approve(s.env(), by, id, signature_auth(ctx, *password), std::move(comment),
                         material));
  return version_answer(s, by, doc, id);
}

http::Response reject(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto comment = b.string("comment", false, 10'000).value_or("");
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const VersionId id = numbered_version(s, by, doc, ctx).id;
  must(policies::reject(s.env(), by, id, std::move(comment)));
  return version_answer(s, by, doc, id);
}

http::Response publish(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const VersionId id = numbered_version(s, by, doc, ctx).id;
  must(policies::publish(s.env(), by, id));
  return version_answer(s, by, doc, id);
}

http::Response retire(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto reason = b.string("reason", false, 10'000).value_or("");
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  must(policies::retire(s.env(), by, doc, std::move(reason)));
  return json_ok(detail_json(must(view(s.env(), by, doc))));
}

http::Response review(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto outcome_text = b.string("outcome", true, 20);
  auto comment = b.string("comment", false, 10'000).value_or("");
  std::optional<ReviewOutcome> outcome;
  if (outcome_text) {
    outcome = parse_review_outcome(*outcome_text);
    if (!outcome) {
      b.errors().add("outcome", "must be no_change or new_version");
    }
  }
  std::optional<std::string> password;
  if (outcome == ReviewOutcome::no_change) {
    password = b.string("password", true, 1024);
  } else if (b.has("password")) {
    b.raw("password");
    b.errors().add("password", "is only for outcome no_change");
  }
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  if (*outcome == ReviewOutcome::no_change) {
    must(review_no_change(s.env(), by, doc, signature_auth(ctx, *password), std::move(comment)));
    auto v = must(view(s.env(), by, doc));
    return json_ok({{"outcome", "no_change"},
                    {"review", v.reviews.empty() ? json::value(nullptr)
                                                 : json::value(review_json(v.reviews.front()))},
                    {"document", detail_json(v)}});
  }
  VersionId draft = must(review_new_version(s.env(), by, doc, std::move(comment)));
  auto v = must(view(s.env(), by, doc));
  const VersionView* vv = by_id(v, draft);
  return json_ok({{"outcome", "new_version"},
                  {"review", v.reviews.empty() ? json::value(nullptr)
                                               : json::value(review_json(v.reviews.front()))},
                  {"draft", vv ? json::value(version_view_json(*vv, false)) : json::value(nullptr)}},
                 201);
}

// ---------------------------------------------------------------- approvals and staff

http::Response inbox(const Services& s, http::Context& ctx) {
  json::array items;
  for (const auto& it : must(policies::inbox(s.env(), caller_of(ctx)))) {
    json::array approvals;
    for (const auto& a : it.approvals) {
      approvals.push_back(approval_json(a));
    }
    items.push_back({{"document", document_json(it.doc)},
                     {"version", version_json(it.version, true)},
                     {"approvals", approvals}});
  }
  return json_ok({{"items", items}});
}

http::Response mine(const Services& s, http::Context& ctx) {
  auto m = must(my_policies(s.env(), caller_of(ctx)));
  json::array items;
  for (const auto& p : m.policies) {
    items.push_back({{"document", document_json(p.doc)},
                     {"version", version_json(p.current, false)},
                     {"opened_at", iso_or_null(p.opened_at)},
                     {"acknowledged_at", iso_or_null(p.acknowledged_at)},
                     {"acknowledged_number", p.acknowledged_number},
                     {"must_acknowledge", p.must_acknowledge()},
                     {"due_on", day_or_null(p.due_on)}});
  }
  return json_ok({{"person_id", m.person ? json::value(m.person->value) : json::value(nullptr)},
                  {"items", items}});
}

http::Response open(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  auto o = must(policies::open(s.env(), caller_of(ctx), doc_param(ctx)));
  return json_ok({{"document", document_json(o.doc)},
                  {"version", version_json(o.version, true)},
                  {"opened_at", iso(o.opened_at)},
                  {"acknowledged_at", iso_or_null(o.acknowledged_at)}});
}

http::Response acknowledge(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto hash = b.string("content_hash", true, 128);
  b.finish();
  auto a = must(policies::acknowledge(s.env(), caller_of(ctx), doc_param(ctx), *hash));
  return json_ok({{"document_id", a.doc.value},
                  {"version_id", a.version.value},
                  {"version_number", a.version_number},
                  {"person_id", a.person.value},
                  {"content_hash", a.content_hash},
                  {"at", iso(a.at)},
                  {"source", ack_source_name(a.source)}});
}

http::Response bulk_acknowledge(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  std::vector<BulkItem> items;
  const json::value* list = b.raw("acknowledgments");
  if (list == nullptr || list->is_null()) {
    b.errors().add("acknowledgments", "is required");
  } else if (!list->is_array()) {
    b.errors().add("acknowledgments", "must be a list of {person, at}");
  } else {
    items.reserve(list->get_array().size());
    int i = 0;
    for (const auto& x : list->get_array()) {
      const std::string at = "acknowledgments[" + std::to_string(i++) + "]";
      if (!x.is_object()) {
        b.errors().add(at, "must be an object with person and optionally at");
        continue;
      }
      BulkItem item;
      bool bad = false;
      for (const auto& kv : x.get_object()) {
        if (kv.key() == "person") {
          if (!kv.value().is_string() || kv.value().get_string().empty() ||
              kv.value().get_string().size() > 320) {
            b.errors().add(at + ".person", "must be an e-mail, an HR id or #<id>");
            bad = true;
          } else {
            item.person = std::string(kv.value().get_string());
          }
        } else if (kv.key() == "at") {
          if (kv.value().is_null()) {
            continue;
          }
          auto t = kv.value().is_string() ? core::parse_timestamp(kv.value().get_string())
                                          : std::nullopt;
          if (!t) {
            b.errors().add(at + ".at", "must be a UTC time like 2026-03-01T09:00:00Z");
            bad = true;
          }
          item.at = t;
        } else {
          b.errors().add(at + "." + std::string(kv.key()), "is not a known field");
        }
      }
      if (item.person.empty() && !bad) {
        b.errors().add(at + ".person", "is required");
        continue;
      }
      items.push_back(std::move(item));
    }
  }
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const int number = static_cast<int>(std::min<std::int64_t>(id_param(ctx, "n"), INT_MAX));
  auto r = must(policies::bulk_acknowledge(s.env(), by, doc, number, items));
  json::array out;
  std::map<std::string, std::string> problems;
  for (const auto& it : r.items) {
    json::object o{{"index", it.index},
                   {"person", it.person},
                   {"outcome", bulk_outcome_name(it.outcome)}};
    if (!it.error.empty()) {
      o["error"] = it.error;
      problems["acknowledgments[" + std::to_string(it.index) + "]"] = it.error;
    }
    out.push_back(std::move(o));
  }
  json::object report{{"applied", r.applied},   {"recorded", r.recorded},
                      {"already", r.already},   {"rejected", r.rejected},
                      {"items", out}};
  if (!r.applied) {
    return rejected(ctx, "Nothing was recorded: some items were rejected.", problems, "report",
                    report);
  }
  return json_ok(report);
}

// ---------------------------------------------------------------- coverage, campaigns, links

http::Response coverage(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  auto c = must(policies::coverage(s.env(), by, doc));
  auto miss = must(missing(s.env(), by, doc, int_query(ctx, "limit", 500, 1, 5000)));
  json::array depts, missing_json;
  for (const auto& d : c.departments) {
    depts.push_back(count_json(d));
  }
  for (const auto& m : miss) {
    missing_json.push_back({{"person_id", m.person.value},
                            {"name", m.name},
                            {"department", m.department},
                            {"top_management", m.top_management},
                            {"opened_at", iso_or_null(m.opened_at)}});
  }
  return json_ok({{"overall", count_json(c.overall)},
                  {"top_management", count_json(c.top_management)},
                  {"departments", depts},
                  {"missing", missing_json}});
}

http::Response create_campaign(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto title = b.string("title", true, 1000);
  auto due = b.date("due_on", true);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const std::int64_t id = must(policies::create_campaign(s.env(), by, doc, *title, *due));
  for (const auto& c : must(view(s.env(), by, doc)).campaigns) {
    if (c.id == id) {
      return json_ok(campaign_json(c), 201);
    }
  }
  return json_ok({{"id", id}}, 201);
}

http::Response create_link(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto recipient = b.string("recipient", false, 1000).value_or("");
  auto expires = b.timestamp("expires_at", true);
  b.finish();
  auto by = caller_of(ctx);
  DocId doc = doc_param(ctx);
  const VersionId id = numbered_version(s, by, doc, ctx).id;
  auto created = must(create_share_link(s.env(), by, id, std::move(recipient), *expires));
  const std::string host(ctx.req.header("host"));
  json::object o = link_json(created.link);
  o["secret"] = created.secret;
  o["url"] = (ctx.req.tls ? "https://" : "http://") + host + "/p/" + created.secret;
  return json_ok(o, 201);
}

http::Response revoke_link(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  // The link is found by its id in the caller's organization (the service scopes it).
  must(revoke_share_link(s.env(), caller_of(ctx), id_param(ctx, "l")));
  http::Response r;
  r.status = 204;
  return r;
}

// ---------------------------------------------------------------- indicators

http::Response indicators(const Services& s, http::Context& ctx) {
  auto in = must(policies::indicators(s.env(), caller_of(ctx)));
  json::array not_approved, overdue, depts;
  for (const auto& r : in.not_approved_by_top_management) {
    not_approved.push_back(row_json(r));
  }
  for (const auto& r : in.overdue) {
    overdue.push_back(row_json(r));
  }
  for (const auto& d : in.departments) {
    depts.push_back(count_json(d));
  }
  CoverageCount all{"", in.acknowledgments_due, in.acknowledged};
  return json_ok(
      {{"policies", in.policies},
       {"approved_by_top_management", in.approved_by_top_management},
       {"not_approved_by_top_management", not_approved},
       {"within_review", in.within_review},
       {"overdue", overdue},
       {"coverage", count_json(all)},
       {"top_management_coverage", count_json(in.top_management)},
       {"departments", depts},
       {"days_since_top_management_signoff",
        in.days_since_top_management_signoff
            ? json::value(*in.days_since_top_management_signoff)
            : json::value(nullptr)},
       {"last_top_management_signoff", iso_or_null(in.last_top_management_signoff)}});
}

}  // namespace mandate::areas::policies::api
