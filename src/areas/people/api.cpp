// areas/people/api.cpp — JSON API for people (see api.hpp and docs/api/openapi.yaml).
#include "areas/people/api.hpp"

#include "areas/people/service.hpp"
#include "core/text.hpp"

#include <set>

namespace mandate::areas::people::api {
namespace {

namespace json = core::json;

json::object person_json(const Person& p) {
  json::object o{{"id", p.id.value},
                 {"name", p.name},
                 {"email", p.email},
                 {"job_title", p.job_title},
                 {"department", p.department},
                 {"status", status_name(p.status)},
                 {"version", p.version},
                 {"created_at", iso(p.created_at)},
                 {"updated_at", iso(p.updated_at)}};
  o["manager_id"] = p.manager ? json::value(p.manager->value) : json::value(nullptr);
  o["external_id"] = p.external_id ? json::value(*p.external_id) : json::value(nullptr);
  return o;
}

json::object term_json(const TopManagementTerm& t) {
  json::object o{{"id", t.id},
                 {"person_id", t.person.value},
                 {"title", t.title},
                 {"starts_on", core::format_date(t.starts_on)}};
  o["ends_on"] = t.ends_on ? json::value(core::format_date(*t.ends_on)) : json::value(nullptr);
  return o;
}

json::object entry_json(const ledger::Entry& e) {
  return {{"seq", e.seq},
          {"at", iso(e.at)},
          {"actor", e.actor.label},
          {"action", e.action},
          {"data", json::parse(e.payload)}};
}

// Reads the editable fields from a JSON object. Unknown fields are refused.
PersonFields fields_from(const json::object& body, Validation& v) {
  core::JsonReader r(body, v);
  PersonFields f;
  f.name = r.string("name", true, 1000).value_or("");
  f.email = r.string("email", true, 1000).value_or("");
  f.job_title = r.string("job_title", false, 1000).value_or("");
  f.department = r.string("department", false, 1000).value_or("");
  f.external_id = r.string("external_id", false, 1000);
  if (auto m = r.integer("manager_id", false)) {
    f.manager = PersonId{*m};
  }
  if (auto st = r.string("status", false, 20)) {
    if (auto s = parse_status(*st)) {
      f.status = *s;
    } else {
      v.add("status", "must be active or left");
    }
  }
  r.reject_unknown();
  return f;
}

std::int64_t date_field(core::JsonReader& r, Validation& v, const char* name) {
  auto s = r.string(name, true, 10);
  if (!s) {
    return 0;
  }
  auto d = core::parse_date(*s);
  if (!d) {
    v.add(name, "must be a date like 2026-03-31");
    return 0;
  }
  return *d;
}

json::object plan_json(const ImportPlan& p) {
  json::object mapping;
  for (const auto& [h, f] : p.mapping) {
    mapping[h] = f;
  }
  json::array problems, rows;
  for (const auto& pr : p.problems) {
    problems.push_back({{"line", pr.line}, {"column", pr.column}, {"message", pr.message}});
  }
  for (const auto& r : p.rows) {
    json::object errors;
    for (const auto& [c, m] : r.errors) {
      errors[c] = m;
    }
    json::array changed;
    for (const auto& c : r.changed) {
      changed.push_back(json::value(c));
    }
    rows.push_back({{"line", r.line},
                    {"action", row_action_name(r.action)},
                    {"name", r.name},
                    {"email", r.email},
                    {"changed", changed},
                    {"errors", errors}});
  }
  return {{"applied", p.applied},  {"creates", p.creates}, {"updates", p.updates},
          {"unchanged", p.unchanged}, {"rejects", p.rejects}, {"mapping", mapping},
          {"problems", problems}, {"rows", rows}};
}

}  // namespace

repo::Query query_from(const http::Context& ctx) {
  repo::Query q;
  q.search = std::string(core::trim(ctx.req.query_param("q")));
  q.department = ctx.req.query_param("department");
  if (auto st = ctx.req.query_param("status"); !st.empty()) {
    q.status = parse_status(st);
    if (!q.status) {
      throw ErrorException(Error::invalid("status", "must be active or left"));
    }
  }
  auto tm = ctx.req.query_param("top_management");
  q.top_management_only = tm == "true" || tm == "1" || tm == "on";
  q.page = int_query(ctx, "page", 1, 1, 1'000'000);
  q.per_page = int_query(ctx, "per_page", 50, 1, 500);
  if (q.search.size() > 200 || !core::valid_utf8(q.search)) {
    throw ErrorException(Error::invalid("q", "must be at most 200 characters of text"));
  }
  return q;
}

http::Response list(const Services& s, http::Context& ctx) {
  auto q = query_from(ctx);
  auto page = must(search(s.env(), caller_of(ctx), q));
  json::array items;
  for (const auto& p : page.people) {
    items.push_back(person_json(p));
  }
  return json_ok({{"items", items},
                  {"total", page.total},
                  {"page", q.page},
                  {"per_page", q.per_page}});
}

http::Response get(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), PersonId{id_param(ctx, "id")}));
  json::object o = person_json(v.person);
  json::array terms, history;
  for (const auto& t : v.terms) {
    terms.push_back(term_json(t));
  }
  for (const auto& e : v.history) {
    history.push_back(entry_json(e));
  }
  o["top_management_terms"] = terms;
  o["history"] = history;
  return json_ok(o);
}

http::Response create(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  auto f = fields_from(body, v);
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  auto id = must(people::create(s.env(), caller_of(ctx), f));
  auto r = json_ok(person_json(must(people::get(s.env(), caller_of(ctx), id))), 201);
  r.headers.set("Location", "/api/v1/people/" + id.str());
  return r;
}

http::Response update(const Services& s, http::Context& ctx) {
  // PATCH: fields left out keep their current values; "version" is required (optimistic
  // concurrency: 409 when someone changed the person in between).
  auto body = json_body(ctx);
  PersonId id{id_param(ctx, "id")};
  const Person current = must(people::get(s.env(), caller_of(ctx), id));
  Validation v;
  core::JsonReader r(body, v);
  PersonFields f{current.name,    current.email,  current.job_title, current.department,
                 current.manager, current.status, current.external_id};
  if (auto x = r.string("name", false, 1000)) {
    f.name = *x;
  }
  if (auto x = r.string("email", false, 1000)) {
    f.email = *x;
  }
  if (auto x = r.string("job_title", false, 1000)) {
    f.job_title = *x;
  }
  if (auto x = r.string("department", false, 1000)) {
    f.department = *x;
  }
  if (r.has("external_id")) {
    f.external_id = r.string("external_id", false, 1000);
  }
  if (r.has("manager_id")) {
    auto m = r.integer("manager_id", false);
    f.manager = m ? std::optional(PersonId{*m}) : std::nullopt;
  }
  if (auto st = r.string("status", false, 20)) {
    if (auto parsed = parse_status(*st)) {
      f.status = *parsed;
    } else {
      v.add("status", "must be active or left");
    }
  }
  auto version = r.integer("version", true);
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  must(people::update(s.env(), caller_of(ctx), id, f, *version));
  return json_ok(person_json(must(people::get(s.env(), caller_of(ctx), id))));
}

http::Response designate(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  auto title = r.string("title", true, 1000);
  auto starts = date_field(r, v, "starts_on");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  PersonId id{id_param(ctx, "id")};
  auto term = must(people::designate(s.env(), caller_of(ctx), id, *title, starts));
  return json_ok({{"id", term}, {"person_id", id.value}, {"title", *title},
                  {"starts_on", core::format_date(starts)}, {"ends_on", nullptr}},
                 201);
}

http::Response end_designation(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  auto ends = date_field(r, v, "ends_on");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  must(people::end_designation(s.env(), caller_of(ctx), PersonId{id_param(ctx, "id")},
                               id_param(ctx, "term"), ends));
  return json_ok({{"id", id_param(ctx, "term")}, {"ends_on", core::format_date(ends)}});
}

http::Response import(const Services& s, http::Context& ctx) {
  // Either a raw text/csv body (?dry_run=true for a preview) or JSON
  // {"csv": "...", "mapping": {"Header": "field"}, "dry_run": false}.
  std::string csv;
  ImportOptions opts;
  bool dry_run = ctx.req.query_param("dry_run") == "true";
  auto type = ctx.req.header("content-type");
  if (type.starts_with("application/json")) {
    auto body = json_body(ctx);
    Validation v;
    core::JsonReader r(body, v);
    csv = r.string("csv", true, 16 * 1024 * 1024).value_or("");
    dry_run = r.boolean("dry_run", false).value_or(dry_run);
    if (auto* m = body.if_contains("mapping")) {
      if (!m->is_object()) {
        v.add("mapping", "must be an object of header -> field");
      } else {
        for (const auto& kv : m->get_object()) {
          if (!kv.value().is_string()) {
            v.add("mapping", "values must be field names");
            break;
          }
          opts.mapping[std::string(kv.key())] = std::string(kv.value().get_string());
        }
      }
    }
    std::set<std::string> known{"csv", "mapping", "dry_run"};
    for (const auto& kv : body) {
      if (!known.contains(std::string(kv.key()))) {
        v.add(std::string(kv.key()), "is not a known field");
      }
    }
    if (!v.ok()) {
      throw ErrorException(v.error());
    }
  } else if (type.starts_with("text/csv") || type.empty()) {
    csv = ctx.req.body;
  } else {
    throw ErrorException(fail(Errc::bad_request, "Send text/csv or application/json."));
  }
  auto by = caller_of(ctx);
  auto plan = must(dry_run ? preview_import(s.env(), by, csv, opts)
                           : apply_import(s.env(), by, csv, opts));
  if (plan.ok()) {
    return json_ok(plan_json(plan));
  }
  // Rejected: 422 in the API's error shape, with the whole plan for the client to show.
  json::object fields;
  for (const auto& pr : plan.problems) {
    fields["line " + std::to_string(pr.line) + (pr.column.empty() ? "" : ", " + pr.column)] =
        pr.message;
  }
  for (const auto& r : plan.rows) {
    for (const auto& [c, m] : r.errors) {
      fields["line " + std::to_string(r.line) + ", " + c] = m;
    }
  }
  json::object err{{"code", "invalid"},
                   {"message", "Nothing was imported: the file has problems."},
                   {"fields", fields},
                   {"request_id", ctx.request_id}};
  return json_ok({{"error", err}, {"plan", plan_json(plan)}}, 422);
}

http::Response export_csv(const Services& s, http::Context& ctx) {
  auto q = query_from(ctx);
  auto csv = must(people::export_csv(s.env(), caller_of(ctx), q));
  auto r = http::Response::text(std::move(csv), 200, "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"people.csv\"");
  return r;
}

}  // namespace mandate::areas::people::api
