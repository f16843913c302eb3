// areas/policies/pages.cpp — HTML pages for policies (see pages.hpp). Handlers parse the form or
// query, call the service and render through ui::Html; a refused form is shown again with the
// service's field errors (422) beside the fields, everything else goes to the central error
// mapping. Rendered Markdown comes from ui::markdown (cmark-gfm in safe mode).
#include "areas/policies/pages.hpp"

#include <algorithm>
#include <cmath>

#include "areas/people/repo.hpp"
#include "areas/policies/api.hpp"
#include "areas/policies/service.hpp"
#include "core/text.hpp"
#include "ui/components.hpp"
#include "ui/layout.hpp"
#include "ui/markdown.hpp"

namespace mandate::areas::policies::pages {
namespace {

using ui::ButtonKind;
using ui::Html;
using ui::html;
using ui::text;

// ---------------------------------------------------------------- small pieces

std::string csrf(const http::Context& ctx) { return ctx.who().csrf_token; }
bool can(const http::Context& ctx, RoleSet roles) { return caller_of(ctx).has_role(roles); }
std::string doc_url(DocId id) { return "/policies/" + id.str(); }
std::string version_url(DocId id, int n) { return doc_url(id) + "/versions/" + std::to_string(n); }

Html doc_status_badge(DocStatus s) {
  switch (s) {
    case DocStatus::draft: return ui::badge(ui::Tone::muted, "Draft");
    case DocStatus::in_approval: return ui::badge(ui::Tone::info, "In approval");
    case DocStatus::approved: return ui::badge(ui::Tone::warn, "Approved, not published");
    case DocStatus::published: return ui::badge(ui::Tone::ok, "Published");
    case DocStatus::retired: break;
  }
  return ui::badge(ui::Tone::muted, "Retired");
}

Html version_status_badge(VersionStatus s) {
  switch (s) {
    case VersionStatus::draft: return ui::badge(ui::Tone::muted, "Draft");
    case VersionStatus::in_approval: return ui::badge(ui::Tone::info, "In approval");
    case VersionStatus::approved: return ui::badge(ui::Tone::warn, "Approved");
    case VersionStatus::rejected: return ui::badge(ui::Tone::bad, "Rejected");
    case VersionStatus::published: return ui::badge(ui::Tone::ok, "Published (current)");
    case VersionStatus::archived: break;
  }
  return ui::badge(ui::Tone::muted, "Archived");
}

Html decision_badge(Decision d) {
  switch (d) {
    case Decision::approved: return ui::badge(ui::Tone::ok, "Approved");
    case Decision::rejected: return ui::badge(ui::Tone::bad, "Rejected");
    case Decision::pending: break;
  }
  return ui::badge(ui::Tone::info, "Pending");
}

// A content hash: the first 12 characters, the whole hash in the title and for screen readers.
Html hash_code(std::string_view h) {
  if (h.empty()) {
    return html("—");
  }
  std::string shown(h.substr(0, 12));
  return html(R"(<code class="hash" title="{}">{}…<span class="visually-hidden">{}</span></code>)", h,
              shown, h.substr(std::min<std::size_t>(12, h.size())));
}

// A UTC time: "2026-03-01 09:00:12 UTC" in a <time> element.
Html when(core::Timestamp t) {
  std::string s = iso(t);
  std::string shown = s.size() >= 19 ? s.substr(0, 10) + " " + s.substr(11, 8) + " UTC" : s;
  return html(R"(<time datetime="{}">{}</time>)", s, shown);
}
Html when(const std::optional<core::Timestamp>& t) { return t ? when(*t) : html("—"); }
Html day(const std::optional<std::int64_t>& d) {
  return d ? html(R"(<time datetime="{}">{}</time>)", core::format_date(*d), core::format_date(*d))
           : html("—");
}

Html review_text(const std::optional<ReviewDue>& r) {
  if (!r) {
    return html(R"(<span class="muted">no review clock (not published)</span>)");
  }
  if (r->overdue()) {
    return html("{} {}", day(r->due_on),
                ui::badge(ui::Tone::bad, "Overdue by " + std::to_string(-r->days_left) + " days"));
  }
  if (r->due_soon()) {
    return html("{} {}", day(r->due_on),
                ui::badge(ui::Tone::warn, "Due in " + std::to_string(r->days_left) + " days"));
  }
  return html("{} {}", day(r->due_on), ui::badge(ui::Tone::ok, "Within interval"));
}

// "Top management" for a role name recorded with a signature; the name itself if unknown.
std::string role_text(std::string_view name) {
  auto r = parse_role(name);
  return r ? std::string(role_label(*r)) : std::string(name);
}

Html yes_no(bool b, std::string_view yes = "Yes", std::string_view no = "No") {
  return b ? ui::badge(ui::Tone::ok, yes) : ui::badge(ui::Tone::warn, no);
}

// Rendered Markdown in the document frame.
Html rendered(const std::string& markdown) {
  return html(R"(<div class="policy-content">{}</div>)", ui::markdown(markdown));
}

std::string classification_label(Classification c) {
  switch (c) {
    case Classification::public_: return "Public";
    case Classification::internal: return "Internal";
    case Classification::confidential: return "Confidential";
    case Classification::restricted: break;
  }
  return "Restricted";
}

std::string audience_label(AudienceKind k) {
  switch (k) {
    case AudienceKind::everyone: return "Everyone";
    case AudienceKind::departments: return "Departments";
    case AudienceKind::roles: return "Roles";
    case AudienceKind::people: break;
  }
  return "Selected people";
}

std::string joined(const std::vector<std::string>& xs, std::string_view sep = ", ") {
  std::string out;
  for (const auto& x : xs) {
    out += (out.empty() ? "" : std::string(sep)) + x;
  }
  return out;
}

std::string audience_text(const Document& d) {
  if (d.audience == AudienceKind::everyone) {
    return "Everyone";
  }
  if (d.audience == AudienceKind::people) {
    return std::to_string(d.audience_values.size()) + " selected people";
  }
  return audience_label(d.audience) + ": " + joined(d.audience_values);
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

// "12 of 40 (30%)".
std::string count_text(const CoverageCount& c) {
  if (c.audience == 0) {
    return "nobody in the audience";
  }
  return std::to_string(c.acknowledged) + " of " + std::to_string(c.audience) + " (" +
         percent(c.share()) + ")";
}

const VersionView* current_of(const DocView& v) {
  for (const auto& vv : v.versions) {
    if (v.doc.current_version && vv.version.id == *v.doc.current_version) {
      return &vv;
    }
  }
  return nullptr;
}

// Which form on a page failed, and why: that form shows the error summary and field messages.
struct FormError {
  std::string form;
  Error error;
  const Error* for_form(std::string_view name) const { return form == name ? &error : nullptr; }
};
const Error* error_of(const FormError* fe, std::string_view name) {
  return fe ? fe->for_form(name) : nullptr;
}

// A refused action becomes a FormError when the user can fix it in the form (invalid input, a
// wrong password); anything else (conflict, forbidden, not found) goes to the error page.
std::optional<FormError> form_error(std::string form, const Error& e) {
  if (e.code == Errc::invalid || e.code == Errc::unauthorized) {
    FormError fe{std::move(form), e};
    if (e.code == Errc::unauthorized) {
      fe.error.code = Errc::invalid;
      fe.error.fields["password"] = "is not your password";
    }
    return fe;
  }
  return std::nullopt;
}

std::int64_t int_or(const std::string& s, std::int64_t def) {
  try {
    std::size_t used = 0;
    auto v = std::stoll(s, &used);
    return used == s.size() ? v : def;
  } catch (...) {
    return def;
  }
}

// ---------------------------------------------------------------- register and draft forms

struct RegisterValues {
  std::string reference, title, type = "topic_specific_policy", owner_email,
                                classification = "internal", audience = "everyone",
                                audience_values, review_interval_months = "12",
                                retention_months = "84", requirements;
  std::int64_t row_version = 0;
};

struct DraftValues {
  std::string content, change_summary, effective_on;
  bool material = true;
  std::int64_t row_version = 0;
};

const std::map<std::string, std::string>& field_labels() {
  static const std::map<std::string, std::string> m = {
      {"reference", "Reference"},
      {"title", "Title"},
      {"type", "Type"},
      {"owner_email", "Owner's e-mail"},
      {"classification", "Classification"},
      {"audience", "Applies to"},
      {"audience_values", "Departments, roles or people"},
      {"review_interval_months", "Review interval"},
      {"retention_months", "Retention"},
      {"requirements", "Related requirements"},
      {"content", "Content"},
      {"change_summary", "Change summary"},
      {"material", "Material change"},
      {"effective_on", "Effective date"},
      {"approvers", "Approvers"},
      {"password", "Password"},
      {"comment", "Comment"},
      {"reason", "Reason"},
      {"due_on", "Due date"},
      {"recipient", "Recipient"},
      {"expires_at", "Expires on"},
      {"files", "Markdown files"},
      {"min_approvers", "Minimum approvers"}};
  return m;
}

Html register_fields(const RegisterValues& v, const Error* e) {
  std::vector<ui::Option> types, classes, audiences;
  for (DocType t : kAllDocTypes) {
    types.push_back({std::string(doc_type_name(t)), std::string(doc_type_label(t))});
  }
  for (auto c : {Classification::public_, Classification::internal, Classification::confidential,
                 Classification::restricted}) {
    classes.push_back({std::string(classification_name(c)), classification_label(c)});
  }
  for (auto k : {AudienceKind::everyone, AudienceKind::departments, AudienceKind::roles,
                 AudienceKind::people}) {
    audiences.push_back({std::string(audience_kind_name(k)), audience_label(k)});
  }
  using ui::error_for;
  return html(R"(<fieldset><legend>Register</legend>
<div class="grid">{}{}</div>
<div class="grid">{}{}{}</div>
<div class="grid">{}{}</div>
<div class="grid">{}{}</div>
{}
</fieldset>)",
              ui::text_field("reference", "Reference", v.reference, error_for(e, "reference"),
                             {.required = true, .maxlength = 40, .hint = "Unique, e.g. POL-001",
                              .placeholder = "POL-001"}),
              ui::text_field("title", "Title", v.title, error_for(e, "title"),
                             {.required = true, .maxlength = 300}),
              ui::select_field("type", "Type", types, v.type, error_for(e, "type")),
              ui::select_field("classification", "Classification", classes, v.classification,
                               error_for(e, "classification")),
              ui::text_field("owner_email", "Owner's e-mail", v.owner_email,
                             error_for(e, "owner_email"),
                             {.type = "email", .maxlength = 254,
                              .hint = "A person in the people register; optional"}),
              ui::select_field("audience", "Applies to", audiences, v.audience,
                               error_for(e, "audience")),
              ui::text_field("audience_values", "Departments, roles or people", v.audience_values,
                             error_for(e, "audience_values"),
                             {.maxlength = 20000,
                              .hint = "Comma separated: department names, role names (staff, "
                                      "contributor…) or people's e-mails, as “Applies to” says"}),
              ui::text_field("review_interval_months", "Review interval (months)",
                             v.review_interval_months, error_for(e, "review_interval_months"),
                             {.type = "number", .required = true, .hint = "1 to 60",
                              .inputmode = "numeric"}),
              ui::text_field("retention_months", "Retention (months)", v.retention_months,
                             error_for(e, "retention_months"),
                             {.type = "number", .required = true,
                              .hint = "How long a retired document is kept; 0 to 1200",
                              .inputmode = "numeric"}),
              ui::text_field("requirements", "Related requirements", v.requirements,
                             error_for(e, "requirements"),
                             {.maxlength = 5000,
                              .hint = "Catalog ids, comma separated: ISO27001:5.2, ISO27001:A.5.1"}));
}

Html draft_fields(const DraftValues& v, const Error* e) {
  using ui::error_for;
  return html(R"(<fieldset><legend>Text of this version</legend>
{}
{}
<div class="grid">{}{}</div>
</fieldset>)",
              ui::textarea_field("content", "Content (Markdown)", v.content, error_for(e, "content"),
                                 {.required = true,
                                  .hint = "GitHub-flavoured Markdown: headings, lists, tables, "
                                          "task lists. Raw HTML is not shown.",
                                  .rows = 22}),
              ui::textarea_field("change_summary", "Change summary", v.change_summary,
                                 error_for(e, "change_summary"),
                                 {.maxlength = 2000,
                                  .hint = "What changed and why, for approvers and readers",
                                  .rows = 3}),
              ui::checkbox("material", "Material change (everyone must acknowledge it again)",
                           v.material, error_for(e, "material")),
              ui::text_field("effective_on", "Effective date", v.effective_on,
                             error_for(e, "effective_on"),
                             {.type = "date", .hint = "When it takes effect; optional"}));
}

RegisterValues register_values(const Form& f) {
  RegisterValues v{f.get("reference"),        f.get("title"),
                   f.get("type"),             f.get("owner_email"),
                   f.get("classification"),   f.get("audience"),
                   f.get("audience_values"),  f.get("review_interval_months"),
                   f.get("retention_months"), f.get("requirements"),
                   int_or(f.get("row_version"), 0)};
  return v;
}

DraftValues draft_values(const Form& f) {
  return DraftValues{f.get("content"), f.get("change_summary"), f.get("effective_on"),
                     f.get("material") == "true", int_or(f.get("row_version"), 0)};
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ',' || s[i] == '\n' || s[i] == ';') {
      auto item = core::trim(s.substr(start, i - start));
      if (!item.empty()) {
        out.emplace_back(item);
      }
      start = i + 1;
    }
  }
  return out;
}

// Form values -> register fields, with what cannot be parsed added to `val`. E-mails (owner,
// people in the audience) are resolved to people of the caller's organization here; the service
// validates everything else.
DocumentFields fields_from(const Services& s, const http::Context& ctx, const RegisterValues& v,
                           Validation& val) {
  DocumentFields f;
  f.reference = v.reference;
  f.title = v.title;
  if (auto t = parse_doc_type(v.type)) {
    f.type = *t;
  } else {
    val.add("type", "choose a type");
  }
  if (auto c = parse_classification(v.classification)) {
    f.classification = *c;
  } else {
    val.add("classification", "choose a classification");
  }
  if (auto a = parse_audience_kind(v.audience)) {
    f.audience = *a;
  } else {
    val.add("audience", "choose who it applies to");
  }
  auto number = [&](const std::string& text, const char* field, int& out) {
    auto n = int_or(std::string(core::trim(text)), INT64_MIN);
    if (n == INT64_MIN || n < -1'000'000 || n > 1'000'000) {
      val.add(field, "must be a whole number");
    } else {
      out = static_cast<int>(n);
    }
  };
  number(v.review_interval_months, "review_interval_months", f.review_interval_months);
  number(v.retention_months, "retention_months", f.retention_months);
  f.requirements = split_list(v.requirements);
  const OrgId org = caller_of(ctx).org;
  auto person_by_email = [&](std::string_view email) {
    return s.db.read([&](store::Transaction& tx) {
      return people::repo::find_by_email(tx, org, core::ascii_lower(core::trim(email)));
    });
  };
  if (auto email = core::trim(v.owner_email); !email.empty()) {
    if (auto p = person_by_email(email)) {
      f.owner = p->id;
    } else {
      val.add("owner_email", "is not the e-mail of a person in this organization");
    }
  }
  for (auto& item : split_list(v.audience_values)) {
    if (f.audience == AudienceKind::people && item.find('@') != std::string::npos) {
      if (auto p = person_by_email(item)) {
        f.audience_values.push_back(p->id.str());
      } else {
        val.add("audience_values", item + " is not the e-mail of a person in this organization");
      }
    } else {
      f.audience_values.push_back(item);
    }
  }
  return f;
}

// Service field names -> the form's.
Error form_fields(Error e) {
  if (auto it = e.fields.find("owner_id"); it != e.fields.end()) {
    e.fields["owner_email"] = it->second;
    e.fields.erase(it);
  }
  return e;
}

DraftFields draft_from(const DraftValues& v, Validation& val) {
  DraftFields f{v.content, v.change_summary, v.material, std::nullopt};
  if (auto d = core::trim(v.effective_on); !d.empty()) {
    auto parsed = core::parse_date(d);
    if (!parsed) {
      val.add("effective_on", "must be a date like 2026-03-31");
    } else {
      f.effective_on = *parsed;
    }
  }
  return f;
}

// When the form itself has errors the service is not called; the model's validation adds its
// messages for the other fields so one submission shows every problem.
Error with_model_errors(Validation& val, DocumentFields f, const DraftFields* d) {
  normalise(f);
  validate(f, val);
  if (d != nullptr) {
    validate(*d, val);
  }
  return form_fields(val.error());
}

RegisterValues values_of(const Services& s, const http::Context& ctx, const DocView& v) {
  const Document& d = v.doc;
  RegisterValues r;
  r.reference = d.reference;
  r.title = d.title;
  r.type = doc_type_name(d.type);
  r.classification = classification_name(d.classification);
  r.audience = audience_kind_name(d.audience);
  r.review_interval_months = std::to_string(d.review_interval_months);
  r.retention_months = std::to_string(d.retention_months);
  r.requirements = joined(d.requirements);
  r.row_version = d.row_version;
  const OrgId org = caller_of(ctx).org;
  s.db.read([&](store::Transaction& tx) {
    if (d.owner) {
      if (auto p = people::repo::find(tx, org, *d.owner)) {
        r.owner_email = p->email;
      }
    }
    std::vector<std::string> values;
    for (const auto& x : d.audience_values) {
      auto id = int_or(x, 0);
      auto p = d.audience == AudienceKind::people && id > 0
                   ? people::repo::find(tx, org, PersonId{id})
                   : std::nullopt;
      values.push_back(p ? p->email : x);
    }
    r.audience_values = joined(values);
    return 0;
  });
  return r;
}

Html labelled_summary(const Error* e) { return ui::error_summary(e, field_labels()); }

// The error summary of a form whose controls have ids other than their field names (several
// forms on one page): its links must reach the controls.
Html summary_with_ids(const Error* e,
                      std::initializer_list<std::pair<std::string_view, std::string>> ids) {
  if (e == nullptr) {
    return {};
  }
  Error linked = *e;
  linked.fields.clear();
  std::map<std::string, std::string> labels;
  for (const auto& [field, message] : e->fields) {
    std::string id = field;
    for (const auto& [name, control] : ids) {
      if (field == name) {
        id = control;
      }
    }
    linked.fields[id] = message;
    auto l = field_labels().find(field);
    labels[id] = l == field_labels().end() ? field : l->second;
  }
  return ui::error_summary(&linked, labels);
}

// ---------------------------------------------------------------- register page

Html register_table(const std::vector<DocRow>& rows) {
  std::vector<ui::Row> out;
  for (const auto& r : rows) {
    Html version = r.current_number
                       ? html("v{} · {}", *r.current_number,
                              day(r.published_at ? std::optional(core::days_since_epoch(*r.published_at))
                                                 : std::nullopt))
                       : html(R"(<span class="muted">none published</span>)");
    if (r.pending) {
      std::string next(version_status_name(*r.pending));
      std::replace(next.begin(), next.end(), '_', ' ');
      version += html(" {}", ui::badge(ui::Tone::info, "next: " + next));
    }
    out.push_back({html(R"(<a href="{}">{}</a>)", doc_url(r.doc.id), r.doc.reference),
                   text(r.doc.title), text(doc_type_label(r.doc.type)),
                   doc_status_badge(r.doc.status), version,
                   text(r.owner_name.empty() ? "—" : r.owner_name), review_text(r.review),
                   r.current_number ? yes_no(r.approved_by_top_management, "Yes", "No: not by top management")
                                    : html("—")});
  }
  return ui::table(std::to_string(rows.size()) + (rows.size() == 1 ? " document" : " documents"),
                   {"Reference", "Title", "Type", "Status", "Current version", "Owner",
                    "Review due", "Top-management approval"},
                   out, "No document matches these filters.");
}

}  // namespace

http::Response list(const Services& s, http::Context& ctx) {
  auto q = api::query_from(ctx);
  auto rows = must(policies::list(s.env(), caller_of(ctx), q));
  std::vector<ui::Option> types{{"", "Any type"}}, statuses{{"", "Any status"}};
  for (DocType t : kAllDocTypes) {
    types.push_back({std::string(doc_type_name(t)), std::string(doc_type_label(t))});
  }
  for (auto st : {DocStatus::draft, DocStatus::in_approval, DocStatus::approved,
                  DocStatus::published, DocStatus::retired}) {
    statuses.push_back({std::string(doc_status_name(st)), std::string(doc_status_name(st))});
  }
  std::vector<ui::Option> sorts{{"reference", "Reference"}, {"title", "Title"},
                                {"type", "Type"},           {"status", "Status"},
                                {"review_due", "Review due"}, {"updated", "Last updated"}};
  std::string sort_name;
  for (const auto& o : sorts) {
    if (parse_sort(o.value) == q.sort) {
      sort_name = o.value;
    }
  }
  Html filters = ui::get_form(
      "/policies",
      html(R"(<div class="grid">{}{}{}</div><div class="grid">{}{}<div>{}{}</div></div>{})",
           ui::text_field("search", "Search", q.search, "",
                          {.type = "search", .placeholder = "Reference or title"}),
           ui::select_field("type", "Type", types, q.type ? doc_type_name(*q.type) : ""),
           ui::select_field("status", "Status", statuses,
                            q.status ? doc_status_name(*q.status) : ""),
           ui::select_field("sort", "Sort by", sorts, sort_name),
           ui::select_field("order", "Order",
                            {{"asc", "Ascending"}, {"desc", "Descending"}},
                            q.descending ? "desc" : "asc"),
           ui::checkbox("due", "Review due within 30 days or overdue", q.due_only, "",
                        {}),
           ui::checkbox("overdue", "Review overdue", q.overdue_only, "", {}),
           ui::submit_button("Filter")),
      {.css_class = "filters", .aria_label = "Filter documents"});
  Html actions;
  if (can(ctx, kAuthors)) {
    actions += ui::link_button("/policies/new", "New document") +
               ui::link_button("/policies/import", "Import Markdown", ButtonKind::secondary);
  }
  if (can(ctx, kRuleAdmins)) {
    actions += ui::link_button("/policies/rules", "Approval rules", ButtonKind::outline);
  }
  std::string qs = api::query_string(q);
  actions += ui::link_button("/policies/export.csv" + (qs.empty() ? std::string() : "?" + qs),
                             "Export CSV", ButtonKind::outline);
  const bool unfiltered = qs.empty() || qs == "order=desc";
  Html table = rows.empty() && unfiltered
                   ? ui::empty_state(
                         "No documents yet. Start with the information security policy: write it "
                         "here or import your existing Markdown files.",
                         can(ctx, kAuthors) ? ui::link_button("/policies/new", "New document")
                                            : Html())
                   : register_table(rows);
  Html body = html("{}{}{}",
                   ui::page_header("Policies",
                                   "The register of policies and documented information (ISO/IEC "
                                   "27001 5.2, 7.5)",
                                   actions),
                   filters, table);
  return page(s, ctx, "Policies", "policies", body);
}

namespace {

Html new_page(const http::Context& ctx, const RegisterValues& r, const DraftValues& d,
              const Error* e) {
  return html("{}{}{}",
              ui::breadcrumb({{"Policies", "/policies"}, {"New document", ""}}),
              ui::page_header("New document",
                              "Creates the document with version 1 as a draft; submit it for "
                              "approval from the document page."),
              html("{}{}", labelled_summary(e),
                   ui::post_form("/policies", csrf(ctx),
                                 html("{}{}{}", register_fields(r, e), draft_fields(d, e),
                                      ui::submit_button("Create document")))));
}

}  // namespace

http::Response new_form(const Services& s, http::Context& ctx) {
  return page(s, ctx, "New document", "policies", new_page(ctx, {}, {}, nullptr));
}

http::Response create(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  auto rv = register_values(form);
  auto dv = draft_values(form);
  Validation val;
  auto f = fields_from(s, ctx, rv, val);
  auto d = draft_from(dv, val);
  Result<DocId> r = val.ok() ? policies::create(s.env(), caller_of(ctx), f, d)
                             : Result<DocId>(with_model_errors(val, f, &d));
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    Error e = form_fields(r.error());
    return page(s, ctx, "New document", "policies", new_page(ctx, rv, dv, &e), 422);
  }
  return see_other(doc_url(*r), "policy-created");
}

// ---------------------------------------------------------------- register edit

namespace {

Html edit_page(const http::Context& ctx, DocId id, const std::string& reference,
               const RegisterValues& r, const Error* e) {
  return html("{}{}{}{}",
              ui::breadcrumb({{"Policies", "/policies"}, {reference, doc_url(id)}, {"Edit", ""}}),
              ui::page_header("Edit " + reference,
                              "Register fields only; the text changes through a new draft."),
              labelled_summary(e),
              ui::post_form(doc_url(id), csrf(ctx),
                            html("{}{}{}", ui::hidden_field("row_version", std::to_string(r.row_version)),
                                 register_fields(r, e), ui::submit_button("Save changes"))));
}

}  // namespace

http::Response edit_form(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), api::doc_param(ctx)));
  return page(s, ctx, "Edit " + v.doc.reference, "policies",
              edit_page(ctx, v.doc.id, v.doc.reference, values_of(s, ctx, v), nullptr));
}

http::Response update(const Services& s, http::Context& ctx) {
  DocId id = api::doc_param(ctx);
  auto form = Form::parse(ctx);
  auto rv = register_values(form);
  Validation val;
  auto f = fields_from(s, ctx, rv, val);
  mandate::Status r = val.ok() ? policies::update(s.env(), caller_of(ctx), id, f, rv.row_version)
                               : mandate::Status(with_model_errors(val, f, nullptr));
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::stale) {
      throw ErrorException(r.error());
    }
    Error e = form_fields(r.error());
    return page(s, ctx, "Edit document", "policies", edit_page(ctx, id, rv.reference, rv, &e),
                e.code == Errc::stale ? 409 : 422);
  }
  return see_other(doc_url(id), "policy-saved");
}

// ---------------------------------------------------------------- document page

namespace {

Html signatures(const VersionView& vv) {
  if (vv.approvals.empty()) {
    return html(R"(<span class="muted">none</span>)");
  }
  Html items;
  for (const auto& a : vv.approvals) {
    if (a.decision == Decision::pending) {
      items += html(R"(<li>{} {}</li>)", a.approver_name, decision_badge(a.decision));
      continue;
    }
    items += html(R"(<li class="signature">{} <strong>{}</strong> ({}) — {}, {}; hash signed {}{}</li>)",
                  decision_badge(a.decision), a.signer_name, role_text(a.signer_role), a.meaning,
                  when(a.decided_at), hash_code(a.content_hash),
                  a.comment.empty() ? Html() : html(R"(<br><q>{}</q>)", a.comment));
  }
  return html(R"(<ul class="signatures">{}</ul>)", items);
}

Html versions_table(const DocView& v) {
  std::vector<ui::Row> rows;
  for (const auto& vv : v.versions) {
    const Version& x = vv.version;
    rows.push_back({html(R"(<a href="{}">v{}</a>)", version_url(v.doc.id, x.number), x.number),
                    version_status_badge(x.status), hash_code(x.content_hash),
                    text(x.author_label), text(x.change_summary.empty() ? "—" : x.change_summary),
                    x.material ? ui::badge(ui::Tone::warn, "Material") : ui::badge(ui::Tone::muted, "Minor"),
                    day(x.effective_on), signatures(vv)});
  }
  return ui::table("Versions, newest first",
                   {"Version", "Status", "Content hash", "Author", "Change summary", "Change",
                    "Effective", "Signatures"},
                   rows);
}

Html compare_form(const DocView& v) {
  if (v.versions.size() < 2) {
    return {};
  }
  std::vector<ui::Option> opts;
  for (const auto& vv : v.versions) {
    opts.push_back({std::to_string(vv.version.number),
                    "v" + std::to_string(vv.version.number) + " (" +
                        std::string(version_status_name(vv.version.status)) + ")"});
  }
  const VersionView* cur = current_of(v);
  int to = v.versions.front().version.number;
  int from = cur && cur->version.number != to ? cur->version.number : v.versions[1].version.number;
  return ui::get_form(
      doc_url(v.doc.id) + "/diff",
      html(R"(<div class="grid">{}{}<div>{}</div></div>)",
           ui::select_field("from", "Compare", opts, std::to_string(from), "", {.id = "diff-from"}),
           ui::select_field("to", "with", opts, std::to_string(to), "", {.id = "diff-to"}),
           ui::submit_button("Show differences", ButtonKind::secondary)),
      {.css_class = "filters", .aria_label = "Compare versions"});
}

std::string rule_text(const ApprovalRule& r) {
  std::string t = "At least " + std::to_string(r.min_approvers) +
                  (r.min_approvers == 1 ? " named approver" : " named approvers");
  if (r.require_top_management) {
    t += "; at least one from top management";
  }
  if (r.require_independence) {
    t += "; the author cannot be the only approver";
  }
  return t + ".";
}

Html submit_form(const http::Context& ctx, const Services& s, const DocView& v,
                 const Version& draft, const FormError* fe) {
  const Error* e = error_of(fe, "submit");
  Html boxes;
  for (const auto& c : must(approver_candidates(s.env(), caller_of(ctx)))) {
    std::string id = "approver-" + c.user.str();
    boxes += html(R"(<label for="{}"><input type="checkbox" id="{}" name="approvers" value="{}"> {} <span class="muted">({})</span></label>)",
                  id, id, c.user.value, c.name, role_label(c.role));
  }
  Html err = ui::error_for(e, "approvers").empty()
                 ? Html()
                 : html(R"(<small class="field-error" id="approvers-error">{}</small>)",
                        ui::error_for(e, "approvers"));
  return html(R"(<h3>Submit version {} for approval</h3>{}<p class="muted">Rule for {}: {} Once submitted, the text is frozen and its hash is what approvers sign.</p>{})",
              draft.number, labelled_summary(e), doc_type_label(v.doc.type), rule_text(v.rule),
              ui::post_form(version_url(v.doc.id, draft.number) + "/submit", csrf(ctx),
                            html(R"(<fieldset id="approvers"{}><legend>Approvers</legend>{}</fieldset>{}{})",
                                 Html::trusted(e && e->fields.contains("approvers")
                                                   ? R"( aria-describedby="approvers-error")"
                                                   : ""),
                                 boxes.empty() ? html(R"(<p class="empty-state">No member can approve yet: approvers need the admin, top management, ISMS manager or contributor role.</p>)")
                                               : boxes,
                                 err, ui::submit_button("Submit for approval"))));
}

// The work waiting on the newest version, with the actions the caller may take.
Html pending_box(const http::Context& ctx, const Services& s, const DocView& v,
                 const FormError* fe) {
  const bool retired = v.doc.status == DocStatus::retired;
  Html out;
  for (const auto& vv : v.versions) {
    const Version& x = vv.version;
    if (x.status == VersionStatus::draft && can(ctx, kAuthors) && !retired) {
      out += html(R"(<article class="pending"><h2>Version {} is a draft</h2><p>{}</p><p class="actions">{}{}</p>{}</article>)",
                  x.number, x.change_summary.empty() ? "No change summary yet." : x.change_summary,
                  ui::link_button(version_url(v.doc.id, x.number) + "/edit", "Edit the draft"),
                  v.versions.size() > 1
                      ? ui::link_button(doc_url(v.doc.id) + "/diff?from=" +
                                            std::to_string(v.versions[1].version.number) +
                                            "&to=" + std::to_string(x.number),
                                        "Compare with the previous version", ButtonKind::outline)
                      : Html(),
                  submit_form(ctx, s, v, x, fe));
    } else if (x.status == VersionStatus::in_approval) {
      bool mine = false;
      for (const auto& a : vv.approvals) {
        mine = mine || (a.approver == caller_of(ctx).user && a.decision == Decision::pending);
      }
      out += html(R"(<article class="pending"><h2>Version {} is waiting for approval</h2><p>Content hash {}; submitted {}.</p>{}{}</article>)",
                  x.number, hash_code(x.content_hash), when(x.submitted_at), signatures(vv),
                  mine ? html(R"(<p class="actions">{}</p>)",
                              ui::link_button("/policies/inbox#v" + x.id.str(),
                                              "Decide in your approval inbox"))
                       : Html());
    } else if (x.status == VersionStatus::approved) {
      out += html(R"(<article class="pending"><h2>Version {} is approved and not yet published</h2>{}{}</article>)",
                  x.number, signatures(vv),
                  can(ctx, kPublishers) && !retired
                      ? html(R"(<p>Publishing makes it the current version for its audience and archives the previous one.</p>{})",
                             ui::action_button(version_url(v.doc.id, x.number) + "/publish",
                                               csrf(ctx), "Publish version " + std::to_string(x.number),
                                               ButtonKind::primary))
                      : Html());
    }
  }
  return out;
}

Html review_section(const http::Context& ctx, const DocView& v, const FormError* fe) {
  Html reviews;
  std::vector<ui::Row> rows;
  for (const auto& r : v.reviews) {
    rows.push_back({when(r.at),
                    r.outcome == ReviewOutcome::no_change ? ui::badge(ui::Tone::ok, "No change")
                                                          : ui::badge(ui::Tone::info, "New version"),
                    html("<strong>{}</strong> ({}) — {}", r.signer_name, role_text(r.signer_role), r.meaning),
                    hash_code(r.content_hash), text(r.comment.empty() ? "—" : r.comment)});
  }
  reviews = ui::table("Reviews", {"When (UTC)", "Outcome", "Signed by", "Hash signed", "Comment"},
                      rows, "No review recorded yet.");
  Html forms;
  if (can(ctx, kPublishers) && v.doc.current_version && v.doc.status != DocStatus::retired) {
    const Error* e1 = error_of(fe, "review-no-change");
    const Error* e2 = error_of(fe, "review-new-version");
    forms = html(R"(<div class="grid"><article><h3>Reviewed: no change</h3><p class="muted">Signed like an approval, bound to the current version's hash; restarts the review clock.</p>{}{}</article><article><h3>Review leads to a new version</h3><p class="muted">Records the review and starts a draft to change.</p>{}{}</article></div>)",
                 summary_with_ids(e1, {{"password", "review-password"}, {"comment", "review-comment"}}),
                 ui::post_form(doc_url(v.doc.id) + "/review", csrf(ctx),
                               html("{}{}{}{}", ui::hidden_field("outcome", "no_change"),
                                    ui::text_field("password", "Your password (to sign)", "",
                                                   ui::error_for(e1, "password"),
                                                   {.type = "password", .required = true,
                                                    .autocomplete = "current-password",
                                                    .id = "review-password"}),
                                    ui::textarea_field("comment", "Comment", "",
                                                       ui::error_for(e1, "comment"),
                                                       {.id = "review-comment", .rows = 2}),
                                    ui::submit_button("Sign: reviewed, no change"))),
                 summary_with_ids(e2, {{"comment", "review-new-comment"}}),
                 ui::post_form(doc_url(v.doc.id) + "/review", csrf(ctx),
                               html("{}{}{}", ui::hidden_field("outcome", "new_version"),
                                    ui::textarea_field("comment", "What needs to change", "",
                                                       ui::error_for(e2, "comment"),
                                                       {.id = "review-new-comment", .rows = 2}),
                                    ui::submit_button("Start a new version", ButtonKind::secondary))));
  }
  return html(R"(<section aria-labelledby="review-h"><h2 id="review-h">Review</h2><p>Next review due: {} (every {} months, from the last approval or review).</p>{}{}</section>)",
              review_text(v.review), v.doc.review_interval_months, reviews, forms);
}

Html campaigns_section(const http::Context& ctx, const Services& s, const DocView& v,
                       const FormError* fe) {
  Html summary;
  if (v.doc.current_version) {
    auto c = policies::coverage(s.env(), caller_of(ctx), v.doc.id);
    if (c) {
      summary = html(R"(<p>Acknowledged the current version: <strong>{}</strong> of everyone; top management: <strong>{}</strong>. <a href="{}/coverage">Coverage by department and who is missing</a>.</p>)",
                     count_text(c->overall), count_text(c->top_management), doc_url(v.doc.id));
    }
  }
  std::vector<ui::Row> rows;
  for (const auto& c : v.campaigns) {
    Html state = c.closed_at ? html("{} {}", ui::badge(ui::Tone::muted, "Closed"), when(c.closed_at))
                             : ui::badge(ui::Tone::info, "Open");
    Html action;
    if (!c.closed_at && can(ctx, kPublishers)) {
      action = ui::action_button(doc_url(v.doc.id) + "/campaigns/" + std::to_string(c.id) + "/close",
                                 csrf(ctx), "Close", ButtonKind::outline);
    }
    rows.push_back({text(c.title), day(c.due_on), state, text(c.created_by), action});
  }
  Html table = ui::table("Campaigns", {"Title", "Due", "State", "Started by", {"Actions", false, true}},
                         rows, "No acknowledgment campaign yet.");
  Html form;
  if (can(ctx, kPublishers) && v.doc.current_version && v.doc.status != DocStatus::retired) {
    const Error* e = error_of(fe, "campaign");
    form = html(R"(<details{}><summary>Start a campaign for the current version</summary>{}{}</details>)",
                Html::trusted(e ? " open" : ""), summary_with_ids(e, {{"title", "campaign-title"}}),
                ui::post_form(doc_url(v.doc.id) + "/campaigns", csrf(ctx),
                              html(R"(<div class="grid">{}{}</div>{})",
                                   ui::text_field("title", "Title", "", ui::error_for(e, "title"),
                                                  {.required = true, .maxlength = 300,
                                                   .id = "campaign-title",
                                                   .placeholder = "Annual acknowledgment 2026"}),
                                   ui::text_field("due_on", "Due date", "", ui::error_for(e, "due_on"),
                                                  {.type = "date", .required = true}),
                                   ui::submit_button("Start campaign"))));
  }
  return html(R"(<section aria-labelledby="campaigns-h"><h2 id="campaigns-h">Acknowledgments</h2>{}{}{}</section>)",
              summary, table, form);
}

Html links_section(const http::Context& ctx, const Services& s, const DocView& v,
                   const FormError* fe) {
  if (!can(ctx, kPublishers)) {
    return {};
  }
  const auto now = s.clock.now();
  std::vector<ui::Row> rows;
  for (const auto& l : v.links) {
    int number = 0;
    for (const auto& vv : v.versions) {
      if (vv.version.id == l.version) {
        number = vv.version.number;
      }
    }
    Html state = l.revoked_at       ? ui::badge(ui::Tone::muted, "Revoked")
                 : l.active_at(now) ? ui::badge(ui::Tone::ok, "Active")
                                    : ui::badge(ui::Tone::muted, "Expired");
    Html action = l.active_at(now)
                      ? ui::action_button(doc_url(v.doc.id) + "/links/" + std::to_string(l.id) + "/revoke",
                                          csrf(ctx), "Revoke", ButtonKind::danger,
                                          "Revoke this link? Anyone holding it loses access.")
                      : Html();
    rows.push_back({html("<code>{}…</code>", l.prefix), text(l.recipient), html("v{}", number),
                    when(l.expires_at), state, html("{} (last {})", l.views, when(l.last_viewed_at)),
                    action});
  }
  Html table = ui::table("Share links", {"Link", "Recipient", "Version", "Expires (UTC)", "State",
                                         {"Views", true}, {"Actions", false, true}},
                         rows, "No share link yet.");
  std::vector<ui::Option> versions;
  for (const auto& vv : v.versions) {
    if (vv.version.status == VersionStatus::published || vv.version.status == VersionStatus::archived) {
      versions.push_back({std::to_string(vv.version.number),
                          "v" + std::to_string(vv.version.number) +
                              (vv.version.status == VersionStatus::published ? " (current)" : " (archived)")});
    }
  }
  Html form;
  if (!versions.empty()) {
    const Error* e = error_of(fe, "link");
    const auto default_expiry = core::days_since_epoch(now) + 30;
    // One form for every shareable version: the handler reads the "version" field.
    form = html(R"(<details{}><summary>Share a version with an interested party</summary><p class="muted">Creates a read-only public link that expires; every view is counted and written to the ledger. The link is shown once.</p>{}{}</details>)",
                Html::trusted(e ? " open" : ""), summary_with_ids(e, {{"expires_at", "expires_on"}}),
                ui::post_form(version_url(v.doc.id, std::stoi(versions.front().value)) + "/links", csrf(ctx),
                              html(R"(<div class="grid">{}{}{}</div>{})",
                                   ui::select_field("version", "Version", versions, versions.front().value, "",
                                                    {.id = "link-version"}),
                                   ui::text_field("recipient", "Recipient", "", ui::error_for(e, "recipient"),
                                                  {.required = true, .maxlength = 300,
                                                   .placeholder = "Acme Ltd (customer due diligence)"}),
                                   ui::text_field("expires_on", "Expires on (start of day, UTC)",
                                                  core::format_date(default_expiry),
                                                  ui::error_for(e, "expires_at"),
                                                  {.type = "date", .required = true, .hint = "At most a year ahead"}),
                                   ui::submit_button("Create link"))));
  }
  return html(R"(<section aria-labelledby="links-h"><h2 id="links-h">Share links</h2>{}{}</section>)",
              table, form);
}

Html history_table(const DocView& v) {
  std::vector<ui::Row> rows;
  for (const auto& e : v.history) {
    rows.push_back({html(R"(<a href="/ledger?entity_type=policy&amp;entity_id={}">#{}</a>)", v.doc.id.value, e.seq),
                    when(e.at), text(e.actor.label), text(e.action),
                    html(R"(<code class="payload">{}</code>)", e.payload)});
  }
  return ui::table("History from the ledger, newest first",
                   {"Entry", "When (UTC)", "By", "Action", "What changed"}, rows,
                   "No ledger entries yet.");
}

Html detail_page(const Services& s, const http::Context& ctx, const DocView& v,
                 const FormError* fe) {
  const Document& d = v.doc;
  const bool retired = d.status == DocStatus::retired;
  Html actions;
  if (can(ctx, kAuthors) && !retired) {
    actions += ui::link_button(doc_url(d.id) + "/edit", "Edit register fields", ButtonKind::secondary);
    bool open_draft = false;
    for (const auto& vv : v.versions) {
      open_draft = open_draft || vv.version.status == VersionStatus::draft ||
                   vv.version.status == VersionStatus::in_approval;
    }
    if (!open_draft) {
      actions += ui::action_button(doc_url(d.id) + "/drafts", csrf(ctx), "Start a new draft",
                                   ButtonKind::primary);
    }
  }
  if (d.current_version) {
    actions += ui::link_button(doc_url(d.id) + "/coverage", "Coverage", ButtonKind::outline);
  }
  Html owner = v.owner_name.empty() ? html("—")
               : d.owner ? html(R"(<a href="/people/{}">{}</a>)", d.owner->value, v.owner_name)
                         : text(v.owner_name);
  Html facts = ui::description_list({
      {"Status", doc_status_badge(d.status)},
      {"Type", doc_type_label(d.type)},
      {"Owner", owner},
      {"Classification", classification_label(d.classification)},
      {"Applies to", audience_text(d)},
      {"Review", html("every {} months; next due {}", d.review_interval_months, review_text(v.review))},
      {"Retention", std::to_string(d.retention_months) + " months after retirement"},
      {"Related requirements", d.requirements.empty() ? std::string("—") : joined(d.requirements)},
      {"Approval rule", rule_text(v.rule)},
      {"Record version", html("{} (updated {})", d.row_version, when(d.updated_at))},
  });
  const VersionView* cur = current_of(v);
  Html current;
  if (cur) {
    current = html(R"(<section aria-labelledby="current-h"><h2 id="current-h">Current version: v{}</h2><p class="muted">Published {} · effective {} · content hash {}{}</p>{}</section>)",
                   cur->version.number, when(cur->version.published_at), day(cur->version.effective_on),
                   hash_code(cur->version.content_hash),
                   can(ctx, kMembers) ? html(R"( · <a href="{}/read">Read and acknowledge</a>)", doc_url(d.id)) : Html(),
                   rendered(cur->version.content));
  } else if (!v.versions.empty()) {
    const Version& n = v.versions.front().version;
    current = html(R"(<section aria-labelledby="current-h"><h2 id="current-h">No published version yet</h2><p class="muted">Showing version {} ({}).</p>{}</section>)",
                   n.number, version_status_name(n.status), rendered(n.content));
  }
  Html retire;
  if (can(ctx, kPublishers) && !retired) {
    const Error* e = error_of(fe, "retire");
    retire = html(R"(<section aria-labelledby="retire-h"><h2 id="retire-h">Retire</h2><details{}><summary>Retire this document</summary><p class="muted">It no longer applies; it is kept for its retention period. Pending approvals end.</p>{}{}</details></section>)",
                  Html::trusted(e ? " open" : ""), labelled_summary(e),
                  ui::post_form(doc_url(d.id) + "/retire", csrf(ctx),
                                html("{}{}", ui::textarea_field("reason", "Reason", "", ui::error_for(e, "reason"),
                                                                {.required = true, .rows = 2}),
                                     ui::submit_button("Retire document", ButtonKind::danger)),
                                {.confirm = "Retire " + d.reference + "? It will no longer apply."}));
  }
  Html retired_note = retired ? ui::alert(ui::FlashKind::info, "Retired on " + iso(d.retired_at.value_or(d.updated_at)) + ": this document no longer applies.")
                              : Html();
  return html(R"({}{}{}{}{}{}<section aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>{}{}</section>{}{}{}{}<section aria-labelledby="history-h"><h2 id="history-h">History</h2>{}</section>)",
              ui::breadcrumb({{"Policies", "/policies"}, {d.reference, ""}}),
              ui::page_header(d.reference + " · " + d.title, std::string(doc_type_label(d.type)), actions),
              retired_note, pending_box(ctx, s, v, fe), facts, current, versions_table(v),
              compare_form(v), review_section(ctx, v, fe), campaigns_section(ctx, s, v, fe),
              links_section(ctx, s, v, fe), retire, history_table(v));
}

http::Response detail_with(const Services& s, const http::Context& ctx, DocId id,
                           const FormError* fe) {
  auto v = must(view(s.env(), caller_of(ctx), id));
  return page(s, ctx, v.doc.reference + " " + v.doc.title, "policies", detail_page(s, ctx, v, fe),
              fe ? 422 : 200);
}

// Runs a document action; a fixable refusal re-renders the document page with the error at the
// form that caused it.
template <class F>
http::Response act(const Services& s, const http::Context& ctx, DocId id, std::string form, F&& f,
                   std::string_view location, std::string_view flash) {
  mandate::Status r = f();
  if (!r) {
    if (auto fe = form_error(std::move(form), r.error())) {
      return detail_with(s, ctx, id, &*fe);
    }
    throw ErrorException(r.error());
  }
  return see_other(location, flash);
}

}  // namespace

http::Response detail(const Services& s, http::Context& ctx) {
  return detail_with(s, ctx, api::doc_param(ctx), nullptr);
}

// ---------------------------------------------------------------- one version

http::Response version(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), api::doc_param(ctx)));
  const VersionView& vv = api::numbered(v, ctx);
  const Version& x = vv.version;
  Html actions;
  if (x.status == VersionStatus::draft && can(ctx, kAuthors)) {
    actions += ui::link_button(version_url(v.doc.id, x.number) + "/edit", "Edit the draft");
  }
  if (x.number > 1) {
    actions += ui::link_button(doc_url(v.doc.id) + "/diff?from=" + std::to_string(x.number - 1) +
                                   "&to=" + std::to_string(x.number),
                               "Changes from v" + std::to_string(x.number - 1), ButtonKind::outline);
  }
  Html facts = ui::description_list({
      {"Status", version_status_badge(x.status)},
      {"Content hash (SHA-256)", html("<code>{}</code>", x.content_hash)},
      {"Author", x.author_label},
      {"Change summary", x.change_summary.empty() ? std::string("—") : x.change_summary},
      {"Material change", x.material ? "Yes: everyone acknowledges again" : "No"},
      {"Effective", day(x.effective_on)},
      {"Created", when(x.created_at)},
      {"Submitted", when(x.submitted_at)},
      {"Decided", when(x.decided_at)},
      {"Published", when(x.published_at)},
      {"Archived", when(x.archived_at)},
  });
  Html body = html(R"({}{}{}<section aria-labelledby="sig-h"><h2 id="sig-h">Signatures</h2>{}</section><section aria-labelledby="text-h"><h2 id="text-h">Text</h2>{}</section>)",
                   ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(v.doc.id)},
                                   {"Version " + std::to_string(x.number), ""}}),
                   ui::page_header(v.doc.reference + " · version " + std::to_string(x.number), v.doc.title, actions),
                   facts, signatures(vv), rendered(x.content));
  return page(s, ctx, v.doc.reference + " v" + std::to_string(x.number), "policies", body);
}

namespace {

Html draft_page(const http::Context& ctx, const DocView& v, int number, const DraftValues& d,
                const Error* e) {
  return html("{}{}{}{}",
              ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(v.doc.id)},
                              {"Edit version " + std::to_string(number), ""}}),
              ui::page_header("Edit draft version " + std::to_string(number) + " of " + v.doc.reference,
                              v.doc.title),
              labelled_summary(e),
              ui::post_form(version_url(v.doc.id, number), csrf(ctx),
                            html("{}{}{}", ui::hidden_field("row_version", std::to_string(d.row_version)),
                                 draft_fields(d, e), ui::submit_button("Save draft"))));
}

}  // namespace

http::Response draft_form(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), api::doc_param(ctx)));
  const Version& x = api::numbered(v, ctx).version;
  if (x.status != VersionStatus::draft) {
    throw ErrorException(fail(Errc::conflict,
                              "Version " + std::to_string(x.number) + " is " +
                                  std::string(version_status_name(x.status)) +
                                  ": submitted versions are immutable. Start a new draft to change "
                                  "the text."));
  }
  DraftValues d{x.content, x.change_summary,
                x.effective_on ? core::format_date(*x.effective_on) : std::string(), x.material,
                x.row_version};
  return page(s, ctx, "Edit draft", "policies", draft_page(ctx, v, x.number, d, nullptr));
}

http::Response edit_draft(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  auto v = must(view(s.env(), by, api::doc_param(ctx)));
  const Version& x = api::numbered(v, ctx).version;
  auto form = Form::parse(ctx);
  auto dv = draft_values(form);
  Validation val;
  auto f = draft_from(dv, val);
  if (!val.ok()) {
    validate(f, val);
  }
  mandate::Status r = val.ok() ? policies::edit_draft(s.env(), by, x.id, f, dv.row_version)
                               : mandate::Status(val.error());
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::stale) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Edit draft", "policies", draft_page(ctx, v, x.number, dv, &e),
                r.error().code == Errc::stale ? 409 : 422);
  }
  return see_other(doc_url(v.doc.id), "draft-saved");
}

// ---------------------------------------------------------------- diff

namespace {

Html diff_line(const core::DiffLine& l) {
  Html body;
  if (l.spans.empty()) {
    body = text(l.text);
  } else {
    for (const auto& sp : l.spans) {
      if (!sp.changed) {
        body += text(sp.text);
      } else if (l.op == core::DiffOp::remove) {
        body += html("<del>{}</del>", sp.text);
      } else {
        body += html("<ins>{}</ins>", sp.text);
      }
    }
  }
  auto num = [](int n) { return n > 0 ? std::to_string(n) : std::string(); };
  switch (l.op) {
    case core::DiffOp::remove:
      return html(R"(<tr class="diff-remove"><td class="ln">{}</td><td class="ln"></td><td class="mark"><span aria-hidden="true">−</span><span class="visually-hidden">removed</span></td><td class="code">{}</td></tr>)",
                  num(l.old_line), body);
    case core::DiffOp::add:
      return html(R"(<tr class="diff-add"><td class="ln"></td><td class="ln">{}</td><td class="mark"><span aria-hidden="true">+</span><span class="visually-hidden">added</span></td><td class="code">{}</td></tr>)",
                  num(l.new_line), body);
    case core::DiffOp::keep:
      break;
  }
  return html(R"(<tr class="diff-keep"><td class="ln">{}</td><td class="ln">{}</td><td class="mark"></td><td class="code">{}</td></tr>)",
              num(l.old_line), num(l.new_line), body);
}

std::string lines_text(int n) { return std::to_string(n) + (n == 1 ? " line" : " lines"); }

// "Lines 11–17", "Line 4", or, for a side without lines, where the change sits.
std::string line_range(int start, int count) {
  if (count == 0) {
    return start == 0 ? "Before line 1" : "After line " + std::to_string(start);
  }
  if (count == 1) {
    return "Line " + std::to_string(start);
  }
  return "Lines " + std::to_string(start) + "–" + std::to_string(start + count - 1);
}

Html version_card(std::string_view label, const DocId doc, const Version& x) {
  return html(R"(<article><h2>{}: <a href="{}">version {}</a> {}</h2><dl class="facts"><dt>Content hash</dt><dd><code>{}</code></dd><dt>Change summary</dt><dd>{}</dd><dt>Material change</dt><dd>{}</dd><dt>Effective</dt><dd>{}</dd></dl></article>)",
              label, version_url(doc, x.number), x.number, version_status_badge(x.status),
              x.content_hash, x.change_summary.empty() ? "—" : x.change_summary,
              x.material ? "Yes" : "No", day(x.effective_on));
}

}  // namespace

http::Response diff(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto v = must(view(s.env(), by, id));
  if (v.versions.size() < 2 && ctx.req.query_param("from").empty()) {
    return page(s, ctx, "Compare versions", "policies",
                html("{}{}{}", ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(id)}, {"Compare", ""}}),
                     ui::page_header("Compare versions of " + v.doc.reference),
                     ui::empty_state("This document has one version: there is nothing to compare yet.")));
  }
  int to_default = v.versions.front().version.number;
  const VersionView* cur = current_of(v);
  int from_default = cur && cur->version.number != to_default ? cur->version.number
                     : v.versions.size() > 1                  ? v.versions[1].version.number
                                                              : to_default;
  const int from = int_query(ctx, "from", from_default, 1, 1'000'000);
  const int to = int_query(ctx, "to", to_default, 1, 1'000'000);
  auto d = must(policies::diff(s.env(), by, id, from, to));
  Html hunks;
  for (const auto& h : d.diff.hunks) {
    Html lines;
    for (const auto& l : h.lines) {
      lines += diff_line(l);
    }
    hunks += html(R"(<tbody><tr class="diff-hunk"><th colspan="4" scope="rowgroup">{} of v{} → {} of v{}</th></tr>{}</tbody>)",
                  line_range(h.old_start, h.old_count), d.from.number,
                  line_range(h.new_start, h.new_count), d.to.number, lines);
  }
  Html table = d.diff.hunks.empty()
                   ? ui::empty_state("The two versions have the same text.")
                   : html(R"(<div class="table-wrap" role="region" aria-label="Differences" tabindex="0"><table class="diff"><caption>Differences: <span class="diff-stat-add">{} added</span>, <span class="diff-stat-remove">{} removed</span>. Removed text is marked − and struck through; added text is marked + and underlined.</caption><thead><tr><th scope="col">v{}</th><th scope="col">v{}</th><th scope="col"><span class="visually-hidden">Change</span></th><th scope="col">Text</th></tr></thead>{}</table></div>)",
                          lines_text(d.diff.added), lines_text(d.diff.removed), d.from.number,
                          d.to.number, hunks);
  Html body = html(R"({}{}{}<div class="grid">{}{}</div>{})",
                   ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(id)}, {"Compare", ""}}),
                   ui::page_header("Changes from version " + std::to_string(d.from.number) +
                                       " to version " + std::to_string(d.to.number),
                                   v.doc.reference + " · " + v.doc.title),
                   compare_form(v), version_card("From", id, d.from), version_card("To", id, d.to),
                   table);
  return page(s, ctx, "Compare " + v.doc.reference, "policies", body);
}

// ---------------------------------------------------------------- actions on versions

http::Response new_draft(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  Form::parse(ctx);
  VersionId draft = must(policies::new_draft(s.env(), by, id));
  for (const auto& vv : must(view(s.env(), by, id)).versions) {
    if (vv.version.id == draft) {
      return see_other(version_url(id, vv.version.number) + "/edit", "draft-started");
    }
  }
  return see_other(doc_url(id), "draft-started");
}

http::Response submit(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  const VersionId vid = api::numbered_version(s, by, id, ctx).id;
  auto form = Form::parse(ctx);
  std::vector<UserId> approvers;
  auto [lo, hi] = form.all().equal_range("approvers");
  for (auto it = lo; it != hi; ++it) {
    auto n = int_or(it->second, 0);
    if (n <= 0) {
      throw ErrorException(Error::invalid("approvers", "choose approvers from the list"));
    }
    approvers.push_back(UserId{n});
  }
  return act(s, ctx, id, "submit",
             [&] { return policies::submit(s.env(), by, vid, std::move(approvers)); }, doc_url(id),
             "policy-submitted");
}

namespace {

Html inbox_page(const Services& s, const http::Context& ctx, VersionId target, const Error* e) {
  auto items = must(policies::inbox(s.env(), caller_of(ctx)));
  Html out;
  for (const auto& it : items) {
    const Version& x = it.version;
    const Error* err = x.id == target ? e : nullptr;
    const std::string base = version_url(it.doc.id, x.number);
    const std::string sfx = "-" + x.id.str();
    Html compare = it.doc.current_version
                       ? html(R"(<a href="{}/diff?to={}">Compare with the current version</a>)",
                              doc_url(it.doc.id), x.number)
                       : html(R"(<span class="muted">First version: nothing published to compare with.</span>)");
    Html others;
    for (const auto& a : it.approvals) {
      others += html("<li>{} {}</li>", a.approver_name, decision_badge(a.decision));
    }
    out += html(R"(<article class="inbox-item" id="v{}"><header><h2><a href="{}">{} · {}</a> — version {}</h2><p class="muted">{} · submitted {} by {}</p></header>
<dl class="facts"><dt>Content hash (SHA-256)</dt><dd><code>{}</code></dd><dt>Change summary</dt><dd>{}</dd><dt>Material change</dt><dd>{}</dd><dt>Effective</dt><dd>{}</dd><dt>Approvers</dt><dd><ul class="signatures">{}</ul></dd></dl>
<p>{}</p>
<details open><summary>Text of version {}</summary>{}</details>
{}
<div class="grid"><div><h3>Approve</h3>{}</div><div><h3>Reject</h3>{}</div></div></article>)",
                x.id.value, doc_url(it.doc.id), it.doc.reference, it.doc.title, x.number,
                doc_type_label(it.doc.type), when(x.submitted_at), x.author_label, x.content_hash,
                x.change_summary.empty() ? "—" : x.change_summary, x.material ? "Yes" : "No",
                day(x.effective_on), others, compare, x.number, rendered(x.content),
                summary_with_ids(err, {{"password", "password" + sfx}, {"comment", "reject-comment" + sfx}}),
                ui::post_form(base + "/approve", csrf(ctx),
                              html("{}{}{}<p class=\"muted\">Your signature binds to hash <code>{}</code>.</p>{}",
                                   ui::text_field("password", "Your password (to sign)", "",
                                                  ui::error_for(err, "password"),
                                                  {.type = "password", .required = true,
                                                   .autocomplete = "current-password",
                                                   .id = "password" + sfx}),
                                   ui::textarea_field("comment", "Comment", "", "",
                                                      {.id = "approve-comment" + sfx, .rows = 2}),
                                   ui::checkbox("material", "Material change", x.material, "",
                                                {.id = "material" + sfx}),
                                   x.content_hash.substr(0, 12) + "…",
                                   ui::submit_button("Approve and sign"))),
                ui::post_form(base + "/reject", csrf(ctx),
                              html("{}{}",
                                   ui::textarea_field("comment", "Why (required)", "",
                                                      ui::error_for(err, "comment"),
                                                      {.required = true, .id = "reject-comment" + sfx,
                                                       .rows = 2}),
                                   ui::submit_button("Reject", ButtonKind::danger))));
  }
  if (items.empty()) {
    out = ui::empty_state("Nothing is waiting for your decision.");
  }
  return html("{}{}", ui::page_header("Approval inbox",
                                      "Versions submitted to you. Approving asks for your password: "
                                      "it is an electronic signature bound to the text's hash."),
              out);
}

}  // namespace

http::Response inbox(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Approval inbox", "approvals", inbox_page(s, ctx, VersionId{}, nullptr));
}

namespace {

// A decision from the inbox; a wrong password or a missing comment shows the inbox again with
// the message beside that version's field.
template <class F>
http::Response decide(const Services& s, const http::Context& ctx, VersionId vid, F&& f,
                      std::string_view flash) {
  mandate::Status r = f();
  if (!r) {
    if (auto fe = form_error("decision", r.error())) {
      return page(s, ctx, "Approval inbox", "approvals", inbox_page(s, ctx, vid, &fe->error), 422);
    }
    throw ErrorException(r.error());
  }
  return see_other("/policies/inbox", flash);
}

}  // namespace

http::Response approve(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const VersionId vid = api::numbered_version(s, by, api::doc_param(ctx), ctx).id;
  auto form = Form::parse(ctx);
  std::optional<bool> material = form.get("material") == "true";
  return decide(s, ctx, vid,
                [&] {
                  return policies::approve(s.env(), by, vid, api::signature_auth(ctx, form.get("password")),
                                           form.get("comment"), material);
                },
                "policy-approved");
}

http::Response reject(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const VersionId vid = api::numbered_version(s, by, api::doc_param(ctx), ctx).id;
  auto form = Form::parse(ctx);
  return decide(s, ctx, vid, [&] { return policies::reject(s.env(), by, vid, form.get("comment")); },
                "policy-rejected");
}

http::Response publish(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  const VersionId vid = api::numbered_version(s, by, id, ctx).id;
  Form::parse(ctx);
  must(policies::publish(s.env(), by, vid));
  return see_other(doc_url(id), "policy-published");
}

http::Response retire(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto form = Form::parse(ctx);
  return act(s, ctx, id, "retire", [&] { return policies::retire(s.env(), by, id, form.get("reason")); },
             doc_url(id), "policy-retired");
}

http::Response review(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto form = Form::parse(ctx);
  auto outcome = parse_review_outcome(form.get("outcome"));
  if (!outcome) {
    throw ErrorException(Error::invalid("outcome", "must be no_change or new_version"));
  }
  if (*outcome == ReviewOutcome::no_change) {
    return act(s, ctx, id, "review-no-change",
               [&] {
                 return review_no_change(s.env(), by, id, api::signature_auth(ctx, form.get("password")),
                                         form.get("comment"));
               },
               doc_url(id), "policy-reviewed");
  }
  auto draft = review_new_version(s.env(), by, id, form.get("comment"));
  if (!draft) {
    if (auto fe = form_error("review-new-version", draft.error())) {
      return detail_with(s, ctx, id, &*fe);
    }
    throw ErrorException(draft.error());
  }
  for (const auto& vv : must(view(s.env(), by, id)).versions) {
    if (vv.version.id == *draft) {
      return see_other(version_url(id, vv.version.number) + "/edit", "draft-started");
    }
  }
  return see_other(doc_url(id), "draft-started");
}

// ---------------------------------------------------------------- staff: mine, read, acknowledge

http::Response mine(const Services& s, http::Context& ctx) {
  auto m = must(my_policies(s.env(), caller_of(ctx)));
  Html body;
  if (!m.person) {
    body = ui::empty_state(
        "Your account is not linked to anyone in the people register, so no policy is assigned to "
        "you yet. The register matches accounts to people by e-mail: ask your ISMS manager to add "
        "you with the e-mail you sign in with.");
  } else {
    std::vector<ui::Row> todo, done;
    for (const auto& p : m.policies) {
      Html doc = html(R"(<a href="{}/read">{} · {}</a>)", doc_url(p.doc.id), p.doc.reference, p.doc.title);
      Html version = html("v{}{}", p.current.number,
                          p.current.effective_on ? html(", effective {}", day(p.current.effective_on)) : Html());
      if (p.must_acknowledge()) {
        Html state = p.opened_at ? html("{} {}", ui::badge(ui::Tone::warn, "Opened, not acknowledged"), when(p.opened_at))
                                 : ui::badge(ui::Tone::bad, "Not opened yet");
        Html due = p.due_on ? day(p.due_on) : html(R"(<span class="muted">no deadline</span>)");
        todo.push_back({doc, version, state, due,
                        ui::link_button(doc_url(p.doc.id) + "/read", "Read and acknowledge")});
      } else {
        Html state = html("{} {}", ui::badge(ui::Tone::ok, "Acknowledged v" + std::to_string(p.acknowledged_number)),
                          when(p.acknowledged_at));
        done.push_back({doc, version, state});
      }
    }
    body = html(R"(<section aria-labelledby="todo-h"><h2 id="todo-h">To acknowledge ({})</h2>{}</section><section aria-labelledby="done-h"><h2 id="done-h">Acknowledged ({})</h2>{}</section>)",
                todo.size(),
                ui::table("Policies you still have to read and acknowledge",
                          {"Policy", "Version", "State", "Due", {"Action", false, true}}, todo,
                          "Nothing to acknowledge: you are up to date."),
                done.size(),
                ui::table("Policies you have acknowledged", {"Policy", "Version", "State"}, done,
                          "None yet."));
  }
  return page(s, ctx, "My policies", "my-policies",
              html("{}{}", ui::page_header("My policies",
                                           "The policies that apply to you. Open each one, read it, "
                                           "then acknowledge it."),
                   body));
}

http::Response read(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto m = must(my_policies(s.env(), by));
  const MyPolicy* mine = nullptr;
  for (const auto& p : m.policies) {
    if (p.doc.id == id) {
      mine = &p;
    }
  }
  if (!m.person) {
    throw ErrorException(fail(Errc::forbidden,
                              "Your account is not linked to a person in the people register."));
  }
  if (mine == nullptr) {
    throw ErrorException(fail(Errc::not_found, "This policy does not apply to you, or it is not published."));
  }
  auto crumbs = ui::breadcrumb({{"My policies", "/policies/mine"}, {mine->doc.reference, ""}});
  auto header = ui::page_header(mine->doc.reference + " · " + mine->doc.title,
                                "Version " + std::to_string(mine->current.number));
  if (!mine->opened_at) {
    // Nothing is recorded until the person asks for the text: opening is a POST.
    Html covered = mine->must_acknowledge()
                       ? Html()
                       : ui::alert(ui::FlashKind::info,
                                   "Your acknowledgment of version " +
                                       std::to_string(mine->acknowledged_number) +
                                       " still covers this one: nothing material changed since.");
    Html body = html(R"({}{}{}<article><p>Open the document to read it. The time you open it is recorded; you can acknowledge it after reading.</p>{}</article>)",
                     crumbs, header, covered,
                     ui::post_form(doc_url(id) + "/open", csrf(ctx), ui::submit_button("Open the document")));
    return page(s, ctx, mine->doc.reference, "my-policies", body);
  }
  // Already opened: open() records nothing more and returns the text.
  auto o = must(policies::open(s.env(), by, id));
  Html ack = o.acknowledged_at
                 ? ui::alert(ui::FlashKind::success, "You acknowledged this version on " + iso(*o.acknowledged_at) + ".")
                 : ui::post_form(doc_url(id) + "/acknowledge", csrf(ctx),
                                 html(R"({}<p>By acknowledging you confirm that you have read and understood version {} (content hash <code>{}</code>).</p>{})",
                                      ui::hidden_field("content_hash", o.version.content_hash), o.version.number,
                                      o.version.content_hash.substr(0, 12) + "…",
                                      ui::submit_button("I have read and understood it")));
  Html body = html(R"({}{}<p class="muted">Opened {} · effective {} · content hash {}</p>{}<section aria-labelledby="ack-h"><h2 id="ack-h">Acknowledge</h2>{}</section>)",
                   crumbs, header, when(o.opened_at), day(o.version.effective_on),
                   hash_code(o.version.content_hash), rendered(o.version.content), ack);
  return page(s, ctx, mine->doc.reference, "my-policies", body);
}

http::Response open(const Services& s, http::Context& ctx) {
  DocId id = api::doc_param(ctx);
  Form::parse(ctx);
  must(policies::open(s.env(), caller_of(ctx), id));
  return see_other(doc_url(id) + "/read");
}

http::Response acknowledge(const Services& s, http::Context& ctx) {
  DocId id = api::doc_param(ctx);
  auto form = Form::parse(ctx);
  must(policies::acknowledge(s.env(), caller_of(ctx), id, form.get("content_hash")));
  return see_other("/policies/mine", "policy-acknowledged");
}

// ---------------------------------------------------------------- coverage

http::Response coverage(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto v = must(view(s.env(), by, id));
  auto crumbs = ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(id)}, {"Coverage", ""}});
  auto header = ui::page_header("Acknowledgment coverage", v.doc.reference + " · " + v.doc.title);
  const VersionView* cur = current_of(v);
  if (!cur) {
    return page(s, ctx, "Coverage", "policies",
                html("{}{}{}", crumbs, header,
                     ui::empty_state("No version is published yet: there is nothing to acknowledge.")));
  }
  auto c = must(policies::coverage(s.env(), by, id));
  auto miss = must(missing(s.env(), by, id, 500));
  Html cards = ui::stat_grid("Coverage", {
      ui::stat_card("Everyone", percent(c.overall.share()), count_text(c.overall), "#missing"),
      ui::stat_card("Top management", percent(c.top_management.share()), count_text(c.top_management),
                    "#missing"),
  });
  std::vector<ui::Row> rows;
  std::vector<ui::Bar> bars;
  for (const auto& d : c.departments) {
    std::string label = d.label.empty() ? "(no department)" : d.label;
    rows.push_back({text(label), html("{}", d.audience), html("{}", d.acknowledged),
                    text(percent(d.share()))});
    bars.push_back({label, std::round(d.share() * 1000) / 10});
  }
  std::vector<ui::Row> missing_rows;
  for (const auto& m : miss) {
    missing_rows.push_back({html(R"(<a href="/people/{}">{}</a>)", m.person.value, m.name),
                            text(m.department.empty() ? "—" : m.department),
                            m.top_management ? ui::badge(ui::Tone::info, "Top management") : Html(),
                            m.opened_at ? html("{} {}", ui::badge(ui::Tone::warn, "Opened"), when(m.opened_at))
                                        : ui::badge(ui::Tone::bad, "Not opened")});
  }
  std::vector<ui::Row> camp;
  for (const auto& cp : v.campaigns) {
    camp.push_back({text(cp.title), day(cp.due_on),
                    cp.closed_at ? ui::badge(ui::Tone::muted, "Closed") : ui::badge(ui::Tone::info, "Open")});
  }
  Html body = html(R"({}{}<p>Of version {} (content hash {}), among active people in its audience. An acknowledgment of an earlier version counts when nothing material changed since.</p>{}<section aria-labelledby="dept-h"><h2 id="dept-h">By department</h2>{}{}</section><section aria-labelledby="missing-h" id="missing"><h2 id="missing-h">Not acknowledged yet ({}{})</h2>{}</section><section aria-labelledby="camp-h"><h2 id="camp-h">Campaigns</h2>{}</section>)",
                   crumbs, header, cur->version.number, hash_code(cur->version.content_hash), cards,
                   bars.empty() ? Html() : ui::bar_chart("Acknowledged, % by department", bars),
                   ui::table("Coverage by department", {"Department", {"In audience", true}, {"Acknowledged", true}, {"Share", true}},
                             rows, "Nobody is in the audience."),
                   miss.size(), miss.size() >= 500 ? ", first 500 shown" : "",
                   ui::table("People who have not acknowledged the current version",
                             {"Name", "Department", "Top management", "Opened"}, missing_rows,
                             "Everyone in the audience has acknowledged it."),
                   ui::table("Campaigns", {"Title", "Due", "State"}, camp, "No campaign yet."));
  return page(s, ctx, "Coverage " + v.doc.reference, "policies", body);
}

http::Response create_campaign(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto form = Form::parse(ctx);
  auto due = core::parse_date(core::trim(form.get("due_on")));
  return act(s, ctx, id, "campaign",
             [&]() -> mandate::Status {
               if (!due) {
                 return Error::invalid("due_on", "must be a date");
               }
               auto r = policies::create_campaign(s.env(), by, id, form.get("title"), *due);
               return r ? mandate::Status() : mandate::Status(r.error());
             },
             doc_url(id), "campaign-started");
}

http::Response close_campaign(const Services& s, http::Context& ctx) {
  DocId id = api::doc_param(ctx);
  Form::parse(ctx);
  must(policies::close_campaign(s.env(), caller_of(ctx), id_param(ctx, "c")));
  return see_other(doc_url(id), "campaign-closed");
}

// ---------------------------------------------------------------- share links

http::Response create_link(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  DocId id = api::doc_param(ctx);
  auto v = must(view(s.env(), by, id));
  auto form = Form::parse(ctx);
  // The form names the version in a field (one form for every shareable version); the number
  // in the path is the default.
  const Version* target = &api::numbered(v, ctx).version;
  if (auto n = int_or(form.get("version"), 0); n > 0) {
    target = nullptr;
    for (const auto& vv : v.versions) {
      if (vv.version.number == n) {
        target = &vv.version;
      }
    }
    if (target == nullptr) {
      throw ErrorException(fail(Errc::not_found, "This document has no version " + std::to_string(n) + "."));
    }
  }
  auto expires_day = core::parse_date(core::trim(form.get("expires_on")));
  Result<CreatedLink> created =
      expires_day ? create_share_link(s.env(), by, target->id, form.get("recipient"),
                                      core::Timestamp::from_seconds(*expires_day * 86400))
                  : Result<CreatedLink>(Error::invalid("expires_at", "must be a date"));
  if (!created) {
    if (auto fe = form_error("link", created.error())) {
      return detail_with(s, ctx, id, &*fe);
    }
    throw ErrorException(created.error());
  }
  const std::string url = (ctx.req.tls ? "https://" : "http://") + std::string(ctx.req.header("host")) +
                          "/p/" + created->secret;
  Html body = html(R"({}{}<div class="notice success secret" role="status"><p>Send this link to {}. It is shown only now: Mandate keeps only its hash.</p><p><code>{}</code></p><p>It opens version {} read-only until {}; revoke it on the document page at any time.</p></div><p>{}</p>)",
                   ui::breadcrumb({{"Policies", "/policies"}, {v.doc.reference, doc_url(id)}, {"Share link", ""}}),
                   ui::page_header("Share link created", v.doc.reference + " · " + v.doc.title),
                   created->link.recipient, url, target->number, when(created->link.expires_at),
                   ui::link_button(doc_url(id), "Back to the document", ButtonKind::secondary));
  return page(s, ctx, "Share link", "policies", body, 201);
}

http::Response revoke_link(const Services& s, http::Context& ctx) {
  DocId id = api::doc_param(ctx);
  Form::parse(ctx);
  must(revoke_share_link(s.env(), caller_of(ctx), id_param(ctx, "l")));
  return see_other(doc_url(id), "link-revoked");
}

http::Response shared(const Services& s, http::Context& ctx) {
  auto token = ctx.param("token");
  if (token.size() > 200) {
    throw ErrorException(fail(Errc::not_found, "No such record."));
  }
  auto v = must(view_shared(s.env(), token));
  Html body = html(R"(<div class="shared-doc"><header><p class="muted">{} · shared read-only</p><h1>{} · {}</h1>{}</header><dl class="facts"><dt>Version</dt><dd>{} {}</dd><dt>Effective</dt><dd>{}</dd><dt>Published</dt><dd>{}</dd><dt>Content hash (SHA-256)</dt><dd><code>{}</code></dd></dl>{}</div>)",
                   v.organization, v.doc.reference, v.doc.title,
                   v.superseded ? ui::alert(ui::FlashKind::info, "This version has been superseded: a newer version is in force. Ask your contact for the current one.")
                                : Html(),
                   v.version.number, version_status_badge(v.version.status), day(v.version.effective_on),
                   when(v.version.published_at), v.version.content_hash, rendered(v.version.content));
  auto r = http::Response::html(
      ui::bare_page(v.doc.reference + " " + v.doc.title, ctx.csp_nonce, body).release());
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("X-Robots-Tag", "noindex, nofollow");
  return r;
}

// ---------------------------------------------------------------- approval rules

namespace {

Html rules_page(const Services& s, const http::Context& ctx, std::optional<DocType> failed,
                const Error* e) {
  Html forms;
  for (const auto& r : must(policies::rules(s.env(), caller_of(ctx)))) {
    const std::string t(doc_type_name(r.type));
    const Error* err = failed == r.type ? e : nullptr;
    forms += html(R"(<article id="rule-{}"><h2>{}</h2>{}{}</article>)", t, doc_type_label(r.type),
                  summary_with_ids(err, {{"min_approvers", "min-" + t}}),
                  ui::post_form("/policies/rules", csrf(ctx),
                                html(R"({}<div class="grid">{}{}{}</div>{})", ui::hidden_field("type", t),
                                     ui::text_field("min_approvers", "Minimum approvers",
                                                    std::to_string(r.min_approvers),
                                                    ui::error_for(err, "min_approvers"),
                                                    {.type = "number", .required = true,
                                                     .hint = "1 to 10", .id = "min-" + t,
                                                     .inputmode = "numeric"}),
                                     ui::checkbox("require_top_management", "At least one top-management approver",
                                                  r.require_top_management, "", {.id = "tm-" + t}),
                                     ui::checkbox("require_independence", "The author cannot be the only approver",
                                                  r.require_independence, "", {.id = "ind-" + t}),
                                     ui::submit_button("Save rule", ButtonKind::secondary))));
  }
  return html("{}{}{}",
              ui::breadcrumb({{"Policies", "/policies"}, {"Approval rules", ""}}),
              ui::page_header("Approval rules",
                              "What a version of each document type needs before it can be "
                              "published. Changes apply to the next submission."),
              forms);
}

}  // namespace

http::Response rules(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Approval rules", "policies", rules_page(s, ctx, std::nullopt, nullptr));
}

http::Response set_rule(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  auto type = parse_doc_type(form.get("type"));
  if (!type) {
    throw ErrorException(Error::invalid("type", "choose a document type"));
  }
  ApprovalRule rule{*type, 0, form.get("require_top_management") == "true",
                    form.get("require_independence") == "true"};
  auto n = int_or(std::string(core::trim(form.get("min_approvers"))), INT64_MIN);
  mandate::Status r = n == INT64_MIN || n < -1000 || n > 1000
                          ? mandate::Status(Error::invalid("min_approvers", "must be a whole number"))
                          : (rule.min_approvers = static_cast<int>(n),
                             policies::set_rule(s.env(), caller_of(ctx), rule));
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Approval rules", "policies", rules_page(s, ctx, type, &e), 422);
  }
  return see_other("/policies/rules#rule-" + std::string(doc_type_name(*type)), "rule-saved");
}

// ---------------------------------------------------------------- Markdown import

namespace {

// The uploaded files of a multipart/form-data body (parts named "files"), with their file names:
// http::parse_multipart keeps part names only, and a file's name is what identifies a document
// without front matter. Parts without a file name, or empty, are skipped.
std::vector<ImportFile> uploaded_files(const http::Request& req) {
  std::vector<ImportFile> out;
  std::string_view ct = req.header("content-type");
  if (http::media_type(ct) != "multipart/form-data") {
    return out;
  }
  std::string_view boundary = http::header_param(ct, "boundary");
  if (boundary.empty()) {
    return out;
  }
  std::string_view body = req.body;
  const std::string delim = "--" + std::string(boundary);
  const std::string next = "\r\n" + delim;
  std::size_t pos = body.find(delim);
  while (pos != std::string_view::npos) {
    pos += delim.size();
    if (body.substr(pos, 2) != "\r\n") {
      break;  // "--": the closing delimiter
    }
    pos += 2;
    std::size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) {
      break;
    }
    std::string_view head = body.substr(pos, head_end - pos);
    std::size_t data = head_end + 4;
    std::size_t end = body.find(next, data);
    if (end == std::string_view::npos) {
      break;
    }
    std::string name, filename;
    while (!head.empty()) {
      std::size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos &&
          core::ascii_lower(core::trim(line.substr(0, colon))) == "content-disposition") {
        name = http::header_param(line.substr(colon + 1), "name");
        filename = http::header_param(line.substr(colon + 1), "filename");
      }
    }
    // Browsers send the base name; strip any path a client adds anyway.
    if (auto slash = filename.find_last_of("/\\"); slash != std::string::npos) {
      filename = filename.substr(slash + 1);
    }
    if (name == "files" && !filename.empty() && end > data) {
      out.push_back({filename, std::string(body.substr(data, end - data))});
    }
    pos = end + 2;
  }
  return out;
}

Html import_report(const ImportReport& r) {
  std::vector<ui::Row> rows;
  int counts[4] = {0, 0, 0, 0};
  for (const auto& f : r.files) {
    const char* tone = f.action == "create"      ? "ok"
                       : f.action == "new draft" ? "warn"
                       : f.action == "reject"    ? "bad"
                                                 : "muted";
    counts[f.action == "create" ? 0 : f.action == "new draft" ? 1 : f.action == "reject" ? 3 : 2]++;
    Html errors;
    for (const auto& [k, m] : f.errors) {
      errors += html(R"(<div class="field-error">{}: {}</div>)", k, m);
    }
    rows.push_back({text(f.name), text(f.reference.empty() ? "—" : f.reference),
                    ui::badge(tone, f.action), errors.empty() ? html("—") : errors});
  }
  return html(R"(<p class="plan-summary"><strong>{}</strong> to create · <strong>{}</strong> new drafts · <strong>{}</strong> unchanged · <strong>{}</strong> rejected</p>{})",
              counts[0], counts[1], counts[2], counts[3],
              ui::table("Files", {"File", "Reference", "Action", "Problems"}, rows));
}

Html import_page(const http::Context& ctx, const std::vector<ImportFile>& files,
                 const ImportReport* report, const Error* e) {
  Html result;
  if (report) {
    result = import_report(*report);
    if (report->applied) {
      result = ui::alert(ui::FlashKind::success, "Imported. New documents and drafts are in the register.") + result;
    } else if (report->ok()) {
      Html hidden;
      for (const auto& f : files) {
        hidden += html(R"(<input type="hidden" name="file_name" value="{}"><textarea name="file_content" hidden>{}</textarea>)",
                       f.name, f.content);
      }
      result += ui::post_form("/policies/import", csrf(ctx),
                              html("{}{}{}", ui::hidden_field("mode", "apply"), hidden,
                                   ui::submit_button("Apply this import")));
    } else {
      result = ui::alert(ui::FlashKind::error,
                         "Nothing will be imported until every file is valid. Fix the files and preview again.") +
               result;
    }
  }
  return html(R"({}{}{}{}{})",
              ui::breadcrumb({{"Policies", "/policies"}, {"Import", ""}}),
              ui::page_header("Import Markdown documents",
                              "Existing documents as Markdown files. Optional front matter between "
                              "--- lines: reference, title, type, owner (e-mail), classification, "
                              "audience, review_interval_months, retention_months, requirements. "
                              "Without it, the reference comes from the file name and the title "
                              "from the first heading."),
              labelled_summary(e),
              ui::post_form("/policies/import", csrf(ctx),
                            html(R"({}<div class="field"><label for="files">Markdown files</label><small class="hint" id="files-hint">One or more .md files, 8 MiB in all. You will see a preview first; the import applies all at once or not at all.</small><input id="files" name="files" type="file" accept=".md,.markdown,text/markdown" multiple required aria-describedby="files-hint{}"{}>{}</div>{})",
                                 ui::hidden_field("mode", "preview"),
                                 Html::trusted(ui::error_for(e, "files").empty() ? "" : " files-error"),
                                 Html::trusted(ui::error_for(e, "files").empty() ? "" : R"( aria-invalid="true")"),
                                 ui::error_for(e, "files").empty()
                                     ? Html()
                                     : html(R"(<small class="field-error" id="files-error">{}</small>)", ui::error_for(e, "files")),
                                 ui::submit_button("Preview")),
                            {.multipart = true}),
              result);
}

}  // namespace

http::Response import_form(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Import documents", "policies", import_page(ctx, {}, nullptr, nullptr));
}

http::Response import_submit(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  const bool apply = form.get("mode") == "apply";
  std::vector<ImportFile> files;
  if (apply) {
    auto [nl, nh] = form.all().equal_range("file_name");
    auto [cl, ch] = form.all().equal_range("file_content");
    for (; nl != nh && cl != ch; ++nl, ++cl) {
      files.push_back({nl->second, cl->second});
    }
  } else {
    files = uploaded_files(ctx.req);
  }
  if (files.empty()) {
    Error e = Error::invalid("files", "choose one or more Markdown files");
    return page(s, ctx, "Import documents", "policies", import_page(ctx, {}, nullptr, &e), 422);
  }
  auto report = must(import_markdown(s.env(), caller_of(ctx), files, apply));
  return page(s, ctx, "Import documents", "policies", import_page(ctx, files, &report, nullptr),
              report.ok() ? 200 : 422);
}

}  // namespace mandate::areas::policies::pages
