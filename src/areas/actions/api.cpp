// areas/actions/api.cpp — JSON API for actions (see api.hpp and docs/api/openapi.yaml). Bodies
// are read strictly: unknown fields and wrong types are refused naming the field; everything
// else (validation rules, the status machine, authorization, ledger) is the service's.
#include "areas/actions/api.hpp"

#include <charconv>

#include "areas/common/json_body.hpp"
#include "core/text.hpp"

namespace mandate::areas::actions::api {
namespace {

namespace json = core::json;

// ---------------------------------------------------------------- reading bodies

// The editable fields from a body, over `f` (PATCH keeps what is left out). Lengths beyond the
// model's limits are left to the service, which names the field the same way.
void read_fields(JsonBody& b, ActionFields& f, bool create) {
  if (auto x = b.string("title", create, 100'000)) {
    f.title = *x;
  }
  if (auto x = b.string("description", false, 1'000'000)) {
    f.description = *x;
  }
  if (auto x = b.nullable_id("owner_id", "must be a person id (a positive integer) or null")) {
    f.owner = *x ? std::optional(PersonId{**x}) : std::nullopt;
  }
  if (auto x = b.nullable_date("due_on", "must be a date like 2026-03-31, or null")) {
    f.due_on = *x;
  }
}

// When the body already has errors the service is not called: the model's validation adds its
// messages for the other fields, so one request shows every problem.
void with_model_errors(JsonBody& b, ActionFields f) {
  if (b.errors().ok()) {
    return;
  }
  Validation model;
  normalise(f);
  validate(f, model);
  for (const auto& [field, message] : model.error().fields) {
    b.errors().add(field, message);  // keeps the body's own message for the same field
  }
}

// ---------------------------------------------------------------- writing answers

json::value day_or_null(const std::optional<std::int64_t>& d) {
  return d ? json::value(core::format_date(*d)) : json::value(nullptr);
}

json::value id_or_null(const std::optional<std::int64_t>& x) {
  return x ? json::value(*x) : json::value(nullptr);
}

json::object action_json(const ActionRow& r) {
  const Action& a = r.action;
  const bool closed = a.closed_at.has_value();
  return {{"id", a.id.value},
          {"title", a.title},
          {"description", a.description},
          {"source", source_name(a.source)},
          {"source_ref", a.source_ref},
          {"meeting_id", id_or_null(a.meeting_id)},
          {"meeting_title", r.meeting_title},
          {"decision_id", id_or_null(a.decision_id)},
          {"owner_id", a.owner ? json::value(a.owner->value) : json::value(nullptr)},
          {"owner_name", r.owner_name},
          {"due_on", day_or_null(a.due_on)},
          {"status", state_name(a.status)},
          {"days_overdue", r.days_overdue},
          {"escalated", r.escalated},
          {"carried_over", r.carried_over},
          {"cancel_reason", a.cancel_reason},
          {"completion_evidence", a.completion_evidence},
          {"closed_at", iso_or_null(a.closed_at)},
          {"closed_by", closed ? json::value(a.closed_by_label) : json::value(nullptr)},
          {"created_by", a.created_by_label},
          {"created_at", iso(a.created_at)},
          {"updated_at", iso(a.updated_at)},
          {"row_version", a.row_version}};
}

json::object note_json(const Note& n) {
  return {{"id", n.id},
          {"action_id", n.action.value},
          {"body", n.body},
          {"author", n.author_label},
          {"at", iso(n.at)}};
}

json::object detail_json(const ActionView& v) {
  json::object o = action_json(v.row);
  json::array notes, carryovers, history;
  for (const auto& n : v.notes) {
    notes.push_back(note_json(n));
  }
  for (const auto& c : v.carryovers) {
    carryovers.push_back({{"meeting_id", c.meeting_id},
                          {"meeting_title", c.meeting_title},
                          {"meeting_at", iso(c.meeting_at)},
                          {"status_then", state_name(c.status_then)}});
  }
  for (const auto& e : v.history) {
    history.push_back({{"seq", e.seq},
                       {"at", iso(e.at)},
                       {"actor", e.actor.label},
                       {"action", e.action},
                       {"data", json::parse(e.payload)}});
  }
  o["notes"] = std::move(notes);
  o["carryovers"] = std::move(carryovers);
  o["history"] = std::move(history);
  o["permissions"] = json::object{{"can_edit", v.can_edit},
                                  {"can_progress", v.can_progress},
                                  {"can_complete", v.can_complete},
                                  {"complete_refusal", v.complete_refusal}};
  return o;
}

json::object settings_json(const Settings& st) {
  return {{"independent_closure", st.independent_closure},
          {"escalate_after_days", st.escalate_after_days}};
}

// The action after a change, read back through the service.
http::Response detail_answer(const Services& s, const Caller& by, ActionId id, int status = 200) {
  return json_ok(detail_json(must(view(s.env(), by, id))), status);
}

// A move that takes one required text, {"<key>": "…"} (the evidence, the reason): the service
// decides, and the answer is the action after it.
http::Response text_move(const Services& s, http::Context& ctx, std::string_view key,
                         Status (*transition)(const Env&, const Caller&, ActionId, std::string)) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto text = b.string(key, true, 1'000'000);
  b.finish();
  auto by = caller_of(ctx);
  ActionId id = action_param(ctx);
  must(transition(s.env(), by, id, *text));
  return detail_answer(s, by, id);
}

bool truthy(std::string_view name, std::string_view v) {
  if (v.empty() || v == "0" || v == "false") {
    return false;
  }
  if (v == "1" || v == "true" || v == "on") {
    return true;
  }
  throw ErrorException(Error::invalid(std::string(name), "must be 1 or 0 (true or false)"));
}

std::int64_t positive_id(std::string_view name, std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    throw ErrorException(Error::invalid(std::string(name), "must be an id (a positive integer)"));
  }
  return v;
}

constexpr std::pair<Sort, const char*> kSorts[] = {
    {Sort::due, "due"},       {Sort::status, "status"},   {Sort::owner, "owner"},
    {Sort::source, "source"}, {Sort::created, "created"}, {Sort::title, "title"}};

constexpr const char* kViews = "open, mine, overdue, escalated, all";
constexpr const char* kSourcesText =
    "meeting_decision, management_review, walk, audit, nonconformity, other";
constexpr const char* kStatesText = "open, in_progress, done, cancelled";

}  // namespace

// ---------------------------------------------------------------- shared helpers

std::string_view sort_name(Sort s) {
  for (const auto& [x, name] : kSorts) {
    if (x == s) {
      return name;
    }
  }
  return "due";
}

ListQuery query_from(const http::Context& ctx, View default_view) {
  ListQuery q;
  q.view = default_view;
  const auto& req = ctx.req;
  if (auto v = req.query_param("view"); !v.empty()) {
    auto parsed = parse_view(v);
    if (!parsed) {
      throw ErrorException(Error::invalid("view", std::string("must be one of ") + kViews));
    }
    q.view = *parsed;
  }
  if (auto v = req.query_param("source"); !v.empty()) {
    q.source = parse_source(v);
    if (!q.source) {
      throw ErrorException(Error::invalid("source", std::string("must be one of ") + kSourcesText));
    }
  }
  if (auto v = req.query_param("owner"); !v.empty()) {
    q.owner = PersonId{positive_id("owner", v)};
  }
  if (auto v = req.query_param("state"); !v.empty()) {
    q.state = parse_state(v);
    if (!q.state) {
      throw ErrorException(Error::invalid("state", std::string("must be one of ") + kStatesText));
    }
  }
  if (auto v = req.query_param("meeting"); !v.empty()) {
    q.meeting_id = positive_id("meeting", v);
  }
  q.search = std::string(core::trim(req.query_param("q")));
  if (!core::is_plain_text(q.search, 200)) {
    throw ErrorException(Error::invalid("q", "must be at most 200 characters of text"));
  }
  if (auto v = req.query_param("sort"); !v.empty()) {
    auto parsed = parse_sort(v);
    if (!parsed) {
      throw ErrorException(
          Error::invalid("sort", "must be one of due, status, owner, source, created, title"));
    }
    q.sort = *parsed;
  }
  q.descending = truthy("desc", req.query_param("desc"));
  return q;
}

std::vector<std::pair<std::string, std::string>> query_params(const ListQuery& q) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("view", std::string(view_name(q.view)));
  if (q.source) {
    out.emplace_back("source", std::string(source_name(*q.source)));
  }
  if (q.owner) {
    out.emplace_back("owner", q.owner->str());
  }
  if (q.state) {
    out.emplace_back("state", std::string(state_name(*q.state)));
  }
  if (q.meeting_id) {
    out.emplace_back("meeting", std::to_string(*q.meeting_id));
  }
  if (!q.search.empty()) {
    out.emplace_back("q", q.search);
  }
  if (q.sort != Sort::due) {
    out.emplace_back("sort", std::string(sort_name(q.sort)));
  }
  if (q.descending) {
    out.emplace_back("desc", "1");
  }
  return out;
}

std::string query_string(const ListQuery& q) {
  std::string out;
  for (const auto& [k, v] : query_params(q)) {
    out += (out.empty() ? "" : "&") + k + "=" + http::url_encode(v);
  }
  return out;
}

ActionId action_param(const http::Context& ctx) { return ActionId{id_param(ctx, "id")}; }

// ---------------------------------------------------------------- register

http::Response list(const Services& s, http::Context& ctx) {
  // Members who cannot read the register list their own actions only (view mine, the default).
  auto by = caller_of(ctx);
  const bool reader = by.has_role(kReaders);
  ListQuery q = query_from(ctx, reader ? View::open : View::mine);
  if (!reader && q.view != View::mine) {
    throw ErrorException(
        fail(Errc::forbidden, "Your role lists your own actions only (view=mine)."));
  }
  q.limit = int_query(ctx, "limit", 500, 1, 5000);
  q.offset = int_query(ctx, "offset", 0, 0, 100'000'000);
  auto page = must(actions::list(s.env(), by, q));
  json::array items;
  for (const auto& r : page.rows) {
    items.push_back(action_json(r));
  }
  return json_ok(
      {{"actions", items}, {"total", page.total}, {"limit", q.limit}, {"offset", q.offset}});
}

http::Response export_csv(const Services& s, http::Context& ctx) {
  ListQuery q = query_from(ctx);
  q.limit = 5000;
  auto csv = must(actions::export_csv(s.env(), caller_of(ctx), q));
  auto r = http::Response::text(std::move(csv), 200, "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"actions.csv\"");
  return r;
}

http::Response create(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  ActionFields f;
  read_fields(b, f, true);
  Source source = Source::other;
  b.one_of("source", source, parse_source, "other, walk, audit, nonconformity");
  std::string source_ref = b.string("source_ref", false, 10'000).value_or("");
  with_model_errors(b, f);
  b.finish();
  auto by = caller_of(ctx);
  ActionId id = must(actions::create(s.env(), by, source, std::move(source_ref), std::move(f)));
  auto r = detail_answer(s, by, id, 201);
  r.headers.set("Location", "/api/v1/actions/" + id.str());
  return r;
}

http::Response summary(const Services& s, http::Context& ctx) {
  const std::string by_text = ctx.req.query_param("by");
  GroupBy g = GroupBy::owner;
  if (by_text == "source") {
    g = GroupBy::source;
  } else if (!by_text.empty() && by_text != "owner") {
    throw ErrorException(Error::invalid("by", "must be owner or source"));
  }
  json::array groups;
  for (const auto& c : must(actions::summary(s.env(), caller_of(ctx), g))) {
    groups.push_back({{"key", c.key},
                      {"label", c.label},
                      {"open", c.open},
                      {"overdue", c.overdue},
                      {"escalated", c.escalated},
                      {"done", c.done},
                      {"cancelled", c.cancelled}});
  }
  return json_ok({{"by", g == GroupBy::owner ? "owner" : "source"}, {"groups", groups}});
}

http::Response settings(const Services& s, http::Context& ctx) {
  return json_ok(settings_json(must(actions::settings(s.env(), caller_of(ctx)))));
}

http::Response set_settings(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  Settings st = must(actions::settings(s.env(), by));
  auto body = json_body(ctx);
  JsonBody b(body);
  if (auto x = b.boolean("independent_closure", false)) {
    st.independent_closure = *x;
  }
  if (auto x = b.integer("escalate_after_days", false)) {
    if (*x < -1'000'000 || *x > 1'000'000) {
      b.errors().add("escalate_after_days", "must be a whole number of days from 1 to 365");
    } else {
      st.escalate_after_days = static_cast<int>(*x);
    }
  }
  b.finish();
  must(actions::set_settings(s.env(), by, st));
  return json_ok(settings_json(must(actions::settings(s.env(), by))));
}

// ---------------------------------------------------------------- one action

http::Response get(const Services& s, http::Context& ctx) {
  return detail_answer(s, caller_of(ctx), action_param(ctx));
}

http::Response update(const Services& s, http::Context& ctx) {
  // PATCH: fields left out keep their values; "row_version" is required (409 stale otherwise).
  auto body = json_body(ctx);
  auto by = caller_of(ctx);
  ActionId id = action_param(ctx);
  const ActionView current = must(view(s.env(), by, id));
  const Action& a = current.row.action;
  ActionFields f{a.title, a.description, a.owner, a.due_on};
  JsonBody b(body);
  read_fields(b, f, false);
  auto row_version = b.integer("row_version", true);
  with_model_errors(b, f);
  b.finish();
  must(actions::update(s.env(), by, id, std::move(f), *row_version));
  return detail_answer(s, by, id);
}

http::Response start(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  auto by = caller_of(ctx);
  ActionId id = action_param(ctx);
  must(actions::start(s.env(), by, id));
  return detail_answer(s, by, id);
}

http::Response complete(const Services& s, http::Context& ctx) {
  return text_move(s, ctx, "completion_evidence", actions::complete);
}

http::Response cancel(const Services& s, http::Context& ctx) {
  return text_move(s, ctx, "reason", actions::cancel);
}

http::Response reopen(const Services& s, http::Context& ctx) {
  return text_move(s, ctx, "reason", actions::reopen);
}

http::Response add_note(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto text = b.string("body", true, 1'000'000);
  b.finish();
  auto by = caller_of(ctx);
  ActionId id = action_param(ctx);
  const std::int64_t note = must(actions::add_note(s.env(), by, id, *text));
  for (const auto& n : must(view(s.env(), by, id)).notes) {
    if (n.id == note) {
      return json_ok(note_json(n), 201);
    }
  }
  return json_ok({{"id", note}, {"action_id", id.value}}, 201);
}

}  // namespace mandate::areas::actions::api
