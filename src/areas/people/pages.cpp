// areas/people/pages.cpp — HTML pages of the people directory (see pages.hpp).
#include "areas/people/pages.hpp"

#include "areas/people/api.hpp"
#include "areas/people/service.hpp"
#include "core/text.hpp"
#include "ui/components.hpp"

namespace mandate::areas::people::pages {
namespace {

using ui::Html;
using ui::html;

bool can_edit(const http::Context& ctx) { return caller_of(ctx).has_role(kEditors); }
std::string csrf(const http::Context& ctx) { return ctx.who().csrf_token; }

Html status_badge(Status s) {
  return s == Status::active ? html(R"(<span class="badge status-ok">active</span>)")
                             : html(R"(<span class="badge status-muted">left</span>)");
}

// "?q=…&department=…" without the page parameter, for pagination links.
std::string filter_query(const repo::Query& q) {
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) {
      out += (out.empty() ? "" : "&") + std::string(k) + "=" + http::url_encode(v);
    }
  };
  add("q", q.search);
  add("department", q.department);
  add("status", q.status ? std::string(status_name(*q.status)) : "");
  add("top_management", q.top_management_only ? "true" : "");
  return out;
}

Html field_error(const Error* e, const char* field) {
  if (e && e->fields.contains(field)) {
    return html(R"(<small class="field-error" id="{}-error">{}</small>)", field, e->fields.at(field));
  }
  return {};
}
Html invalid_attr(const Error* e, const char* field) {
  return Html::trusted(e && e->fields.contains(field)
                           ? std::string(R"( aria-invalid="true" aria-describedby=")") + field + "-error\""
                           : "");
}
Html error_summary(const Error* e) {
  if (!e) {
    return {};
  }
  Html items;
  for (const auto& [f, m] : e->fields) {
    items += html(R"(<li><a href="#{}">{}</a>: {}</li>)", f, f, m);
  }
  return html(R"(<div class="form-error" role="alert"><p>{}</p><ul>{}</ul></div>)", e->message, items);
}

struct FormValues {
  std::string name, email, job_title, department, manager_email, status = "active", external_id;
  std::int64_t version = 0;
};

Html person_form(const http::Context& ctx, const std::string& action, const FormValues& v,
                 const Error* e, const char* submit) {
  auto opt = [&](const char* value, const char* label) {
    return html(R"(<option value="{}"{}>{}</option>)", value,
                Html::trusted(v.status == value ? " selected" : ""), label);
  };
  return html(R"({}
<form method="post" action="{}">
<input type="hidden" name="_csrf" value="{}">
<input type="hidden" name="version" value="{}">
<div class="grid">
<div><label for="name">Name</label><input id="name" name="name" required maxlength="200" value="{}"{}>{}</div>
<div><label for="email">E-mail</label><input id="email" name="email" type="email" required maxlength="254" value="{}"{}>{}</div>
</div>
<div class="grid">
<div><label for="job_title">Job title</label><input id="job_title" name="job_title" maxlength="200" value="{}"{}>{}</div>
<div><label for="department">Department</label><input id="department" name="department" maxlength="120" value="{}"{}>{}</div>
</div>
<div class="grid">
<div><label for="manager_email">Manager's e-mail</label><input id="manager_email" name="manager_email" type="email" maxlength="254" value="{}"{}>{}</div>
<div><label for="status">Employment status</label><select id="status" name="status">{}{}</select></div>
<div><label for="external_id">HR employee id</label><input id="external_id" name="external_id" maxlength="64" value="{}"{}>{}</div>
</div>
<button type="submit">{}</button>
</form>)",
              error_summary(e), action, csrf(ctx), v.version, v.name, invalid_attr(e, "name"),
              field_error(e, "name"), v.email, invalid_attr(e, "email"), field_error(e, "email"),
              v.job_title, invalid_attr(e, "job_title"), field_error(e, "job_title"), v.department,
              invalid_attr(e, "department"), field_error(e, "department"), v.manager_email,
              invalid_attr(e, "manager_email"), field_error(e, "manager_email"),
              opt("active", "Active"), opt("left", "Left"), v.external_id,
              invalid_attr(e, "external_id"), field_error(e, "external_id"), submit);
}

FormValues values_from(const Form& f) {
  FormValues v{f.get("name"),          f.get("email"),  f.get("job_title"), f.get("department"),
               f.get("manager_email"), f.get("status"), f.get("external_id"), 0};
  try {
    v.version = std::stoll(f.get("version"));
  } catch (...) {
    v.version = 0;
  }
  return v;
}

// Form values -> fields; the manager is given by e-mail and resolved here.
Result<PersonFields> fields_from(const Services& s, const http::Context& ctx, const FormValues& v) {
  PersonFields f{v.name, v.email, v.job_title, v.department, std::nullopt, Status::active,
                 v.external_id.empty() ? std::nullopt : std::optional(v.external_id)};
  Validation val;
  auto st = parse_status(v.status);
  if (!st) {
    val.add("status", "must be active or left");
  } else {
    f.status = *st;
  }
  auto manager_email = core::ascii_lower(core::trim(v.manager_email));
  if (!manager_email.empty()) {
    auto by = caller_of(ctx);
    auto m = s.db.read([&](store::Transaction& tx) {
      return repo::find_by_email(tx, by.org, manager_email);
    });
    if (!m) {
      val.add("manager_email", "is not the e-mail of a person in this organization");
    } else {
      f.manager = m->id;
    }
  }
  if (!val.ok()) {
    return val.error();
  }
  return f;
}

// Maps service field names to the form's (manager_id -> manager_email).
Error form_error(Error e) {
  if (auto it = e.fields.find("manager_id"); it != e.fields.end()) {
    e.fields["manager_email"] = it->second;
    e.fields.erase(it);
  }
  return e;
}

Html plan_table(const ImportPlan& p) {
  Html rows;
  for (const auto& r : p.rows) {
    Html detail;
    if (!r.errors.empty()) {
      for (const auto& [c, m] : r.errors) {
        detail += html(R"(<div class="field-error">column “{}”: {}</div>)", c, m);
      }
    } else if (!r.changed.empty()) {
      std::string names;
      for (const auto& c : r.changed) {
        names += (names.empty() ? "" : ", ") + c;
      }
      detail = html("changes: {}", names);
    }
    rows += html(R"(<tr class="plan-{}"><td>{}</td><td><span class="badge action-{}">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                 row_action_name(r.action), r.line, row_action_name(r.action),
                 row_action_name(r.action), r.name, r.email, detail);
  }
  Html problems;
  for (const auto& pr : p.problems) {
    problems += html(R"(<li>line {}{}: {}</li>)", pr.line,
                     pr.column.empty() ? Html() : html(R"(, column “{}”)", pr.column), pr.message);
  }
  if (!problems.empty()) {
    problems = html(R"(<div class="form-error" role="alert"><p>The file cannot be imported:</p><ul>{}</ul></div>)", problems);
  }
  Html mapping;
  for (const auto& [h, f] : p.mapping) {
    mapping += html(R"(<tr><td>{}</td><td>{}</td></tr>)", h, f);
  }
  return html(R"({}
<p class="plan-summary"><strong>{}</strong> to create · <strong>{}</strong> to update · <strong>{}</strong> unchanged · <strong>{}</strong> rejected</p>
<details><summary>Column mapping</summary><table><thead><tr><th scope="col">CSV column</th><th scope="col">Field</th></tr></thead><tbody>{}</tbody></table></details>
<table class="plan"><caption>Rows</caption><thead><tr><th scope="col">Line</th><th scope="col">Action</th><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Details</th></tr></thead><tbody>{}</tbody></table>)",
              problems, p.creates, p.updates, p.unchanged, p.rejects, mapping, rows);
}

Html import_page(const http::Context& ctx, const std::string& csv, const ImportPlan* plan,
                 const Error* error) {
  Html result, apply;
  if (plan) {
    result = plan_table(*plan);
    if (plan->applied) {
      result = html(R"(<p class="notice success" role="status">Imported: {} created, {} updated, {} unchanged.</p>)",
                    plan->creates, plan->updates, plan->unchanged) + result;
    } else if (plan->ok()) {
      apply = html(R"(<form method="post" action="/people/import">
<input type="hidden" name="_csrf" value="{}"><input type="hidden" name="mode" value="apply">
<textarea name="csv" hidden>{}</textarea>
<button type="submit">Apply this import</button></form>)",
                   csrf(ctx), csv);
    } else {
      result = html(R"(<p class="form-error" role="alert">Nothing will be imported until every row is valid. Fix the file and preview again.</p>)") + result;
    }
  }
  Html err;
  if (error) {
    err = error_summary(error);
  }
  return html(R"(<h1>Import people</h1>
<p>Upload an export from your HR system (CSV, UTF-8, with a header row). Columns are recognised by name — e-mail, name (or first and last name), employee id, job title, department, manager e-mail, status. You will see a preview first; the import is applied all at once, or not at all.</p>
{}
<form method="post" action="/people/import" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="{}">
<input type="hidden" name="mode" value="preview">
<label for="file">CSV file</label>
<input id="file" name="file" type="file" accept=".csv,text/csv">
<label for="csv">…or paste the CSV</label>
<textarea id="csv" name="csv" rows="8" spellcheck="false">{}</textarea>
<button type="submit">Preview</button>
</form>
{}
{})",
              err, csrf(ctx), csv, result, apply);
}

}  // namespace

http::Response list(const Services& s, http::Context& ctx) {
  auto q = api::query_from(ctx);
  auto by = caller_of(ctx);
  auto page_data = must(search(s.env(), by, q));
  auto depts = s.db.read([&](store::Transaction& tx) { return repo::departments(tx, by.org); });
  Html dept_opts = html(R"(<option value="">All departments</option>)");
  for (const auto& d : depts) {
    dept_opts += html(R"(<option value="{}"{}>{}</option>)", d,
                      Html::trusted(d == q.department ? " selected" : ""), d);
  }
  std::string status = q.status ? std::string(status_name(*q.status)) : "";
  auto status_opt = [&](const char* v, const char* label) {
    return html(R"(<option value="{}"{}>{}</option>)", v, Html::trusted(status == v ? " selected" : ""), label);
  };
  Html rows;
  for (const auto& p : page_data.people) {
    rows += html(R"(<tr><td><a href="/people/{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                 p.id.value, p.name, p.email, p.job_title, p.department, status_badge(p.status));
  }
  Html table = page_data.people.empty()
                   ? html(R"(<p class="empty-state">No one matches these filters.</p>)")
                   : html(R"(<table><caption>{} {}</caption><thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Job title</th><th scope="col">Department</th><th scope="col">Status</th></tr></thead><tbody>{}</tbody></table>)",
                          page_data.total, page_data.total == 1 ? "person" : "people", rows);
  std::int64_t pages = (page_data.total + q.per_page - 1) / q.per_page;
  Html pager = ui::pagination("/people", filter_query(q), q.page, static_cast<int>(std::max<std::int64_t>(pages, 1)));
  Html actions;
  if (can_edit(ctx)) {
    actions = html(R"(<a href="/people/new" role="button">Add a person</a> <a href="/people/import" role="button" class="secondary">Import from HR</a> )");
  }
  std::string fq = filter_query(q);
  actions += html(R"(<a href="/people/export.csv{}" role="button" class="secondary outline">Export CSV</a>)",
                  fq.empty() ? std::string() : "?" + fq);
  Html body = html(R"(<h1>People</h1>
<p class="actions">{}</p>
<form method="get" action="/people" class="filters">
<div class="grid">
<div><label for="q">Search</label><input id="q" name="q" type="search" value="{}" placeholder="Name, e-mail or job title"></div>
<div><label for="department">Department</label><select id="department" name="department">{}</select></div>
<div><label for="status">Status</label><select id="status" name="status">{}{}{}</select></div>
</div>
<label for="top_management"><input id="top_management" name="top_management" type="checkbox" value="true"{}> Top management only</label>
<button type="submit">Filter</button>
</form>
{}
{})",
                   actions, q.search, dept_opts, status_opt("", "Any"), status_opt("active", "Active"),
                   status_opt("left", "Left"), Html::trusted(q.top_management_only ? " checked" : ""),
                   table, pager);
  return page(s, ctx, "People", "people", body);
}

http::Response detail(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), PersonId{id_param(ctx, "id")}));
  const Person& p = v.person;
  const auto today = core::days_since_epoch(s.clock.now());
  Html manager = v.manager ? html(R"(<a href="/people/{}">{}</a>)", v.manager->id.value, v.manager->name)
                           : html("—");
  Html reports;
  for (const auto& r : v.reports) {
    reports += html(R"(<li><a href="/people/{}">{}</a> — {}</li>)", r.id.value, r.name, r.job_title);
  }
  if (!reports.empty()) {
    reports = html(R"(<h2>Direct reports ({})</h2><ul>{}</ul>)", v.reports.size(), reports);
  }
  Html terms;
  for (const auto& t : v.terms) {
    Html end;
    if (!t.ends_on && can_edit(ctx)) {
      end = html(R"(<form method="post" action="/people/{}/top-management/{}/end" class="inline">
<input type="hidden" name="_csrf" value="{}">
<label for="ends_on-{}" class="visually-hidden">End date</label>
<input id="ends_on-{}" name="ends_on" type="date" required value="{}">
<button type="submit" class="secondary outline small">End designation</button></form>)",
                 p.id.value, t.id, csrf(ctx), t.id, t.id, core::format_date(today));
    }
    terms += html(R"(<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)", t.title,
                  core::format_date(t.starts_on), t.ends_on ? html("{}", core::format_date(*t.ends_on)) : html("—"),
                  t.covers(today) ? html(R"(<span class="badge status-ok">current</span>)") : html(R"(<span class="badge status-muted">past</span>)"),
                  end);
  }
  Html designate;
  if (can_edit(ctx) && p.status == Status::active) {
    designate = html(R"(<details><summary>Designate as top management</summary>
<form method="post" action="/people/{}/top-management">
<input type="hidden" name="_csrf" value="{}">
<div class="grid"><div><label for="title">Title in top management</label><input id="title" name="title" required maxlength="200" value="{}"></div>
<div><label for="starts_on">From</label><input id="starts_on" name="starts_on" type="date" required value="{}"></div></div>
<button type="submit">Designate</button></form></details>)",
                     p.id.value, csrf(ctx), p.job_title, core::format_date(today));
  }
  Html history;
  for (const auto& e : v.history) {
    history += html(R"(<tr><td><a href="/ledger?entity_type=person&amp;entity_id={}">#{}</a></td><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td><code class="payload">{}</code></td></tr>)",
                    p.id.value, e.seq, iso(e.at), iso(e.at), e.actor.label, e.action, e.payload);
  }
  Html edit;
  if (can_edit(ctx)) {
    edit = html(R"(<a href="/people/{}/edit" role="button" class="secondary">Edit</a>)", p.id.value);
  }
  Html body = html(R"(<nav aria-label="Breadcrumb"><ul><li><a href="/people">People</a></li><li>{}</li></ul></nav>
<h1>{} {}</h1>
<p>{}</p>
<dl class="facts">
<dt>E-mail</dt><dd>{}</dd>
<dt>Job title</dt><dd>{}</dd>
<dt>Department</dt><dd>{}</dd>
<dt>Manager</dt><dd>{}</dd>
<dt>HR employee id</dt><dd>{}</dd>
<dt>Record version</dt><dd>{} (updated {})</dd>
</dl>
{}
<h2>Top-management designations</h2>
{}
{}
<h2>History</h2>
<p>Every change to this person, from the tamper-evident ledger.</p>
<table><thead><tr><th scope="col">Entry</th><th scope="col">When (UTC)</th><th scope="col">By</th><th scope="col">Action</th><th scope="col">What changed</th></tr></thead><tbody>{}</tbody></table>)",
                   p.name, p.name, status_badge(p.status), edit, p.email, p.job_title, p.department,
                   manager, p.external_id.value_or("—"), p.version, iso(p.updated_at), reports,
                   terms.empty() ? html(R"(<p class="empty-state">Not designated as top management.</p>)")
                                 : html(R"(<table><thead><tr><th scope="col">Title</th><th scope="col">From</th><th scope="col">Until (exclusive)</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>{}</tbody></table>)", terms),
                   designate, history);
  return page(s, ctx, p.name, "people", body);
}

http::Response new_form(const Services& s, http::Context& ctx) {
  FormValues v;
  return page(s, ctx, "Add a person", "people",
              html("<h1>Add a person</h1>{}", person_form(ctx, "/people", v, nullptr, "Add person")));
}

http::Response create(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  auto v = values_from(form);
  auto f = fields_from(s, ctx, v);
  Result<PersonId> r = f ? people::create(s.env(), caller_of(ctx), *f) : Result<PersonId>(f.error());
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    Error e = form_error(r.error());
    return page(s, ctx, "Add a person", "people",
                html("<h1>Add a person</h1>{}", person_form(ctx, "/people", v, &e, "Add person")), 422);
  }
  return see_other("/people/" + r->str(), "person-saved");
}

http::Response edit_form(const Services& s, http::Context& ctx) {
  auto pv = must(view(s.env(), caller_of(ctx), PersonId{id_param(ctx, "id")}));
  const Person& p = pv.person;
  FormValues v{p.name, p.email, p.job_title, p.department, pv.manager ? pv.manager->email : "",
               std::string(status_name(p.status)), p.external_id.value_or(""), p.version};
  return page(s, ctx, "Edit " + p.name, "people",
              html("<h1>Edit {}</h1>{}", p.name,
                   person_form(ctx, "/people/" + p.id.str(), v, nullptr, "Save changes")));
}

http::Response update(const Services& s, http::Context& ctx) {
  PersonId id{id_param(ctx, "id")};
  auto form = Form::parse(ctx);
  auto v = values_from(form);
  auto f = fields_from(s, ctx, v);
  mandate::Status r = f ? people::update(s.env(), caller_of(ctx), id, *f, v.version) : mandate::Status(f.error());
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::stale) {
      throw ErrorException(r.error());
    }
    Error e = form_error(r.error());
    return page(s, ctx, "Edit person", "people",
                html("<h1>Edit {}</h1>{}", v.name,
                     person_form(ctx, "/people/" + id.str(), v, &e, "Save changes")),
                e.code == Errc::stale ? 409 : 422);
  }
  return see_other("/people/" + id.str(), "person-saved");
}

http::Response designate(const Services& s, http::Context& ctx) {
  PersonId id{id_param(ctx, "id")};
  auto form = Form::parse(ctx);
  auto day = core::parse_date(form.get("starts_on"));
  if (!day) {
    throw ErrorException(Error::invalid("starts_on", "must be a date"));
  }
  must(people::designate(s.env(), caller_of(ctx), id, form.get("title"), *day));
  return see_other("/people/" + id.str(), "designated");
}

http::Response end_designation(const Services& s, http::Context& ctx) {
  PersonId id{id_param(ctx, "id")};
  auto form = Form::parse(ctx);
  auto day = core::parse_date(form.get("ends_on"));
  if (!day) {
    throw ErrorException(Error::invalid("ends_on", "must be a date"));
  }
  must(people::end_designation(s.env(), caller_of(ctx), id, id_param(ctx, "term"), *day));
  return see_other("/people/" + id.str(), "designation-ended");
}

http::Response import_form(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Import people", "people", import_page(ctx, "", nullptr, nullptr));
}

http::Response import_submit(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  std::string csv = form.get("file");
  if (core::trim(csv).empty()) {
    csv = form.get("csv");
  }
  if (core::trim(csv).empty()) {
    Error e = Error::invalid("csv", "choose a CSV file or paste its content");
    return page(s, ctx, "Import people", "people", import_page(ctx, "", nullptr, &e), 422);
  }
  auto by = caller_of(ctx);
  bool apply = form.get("mode") == "apply";
  auto plan = must(apply ? apply_import(s.env(), by, csv, {}) : preview_import(s.env(), by, csv, {}));
  return page(s, ctx, "Import people", "people", import_page(ctx, csv, &plan, nullptr),
              plan.ok() ? 200 : 422);
}

}  // namespace mandate::areas::people::pages
