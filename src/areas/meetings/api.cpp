// areas/meetings/api.cpp — JSON API for meetings and the management review (see api.hpp and
// docs/api/openapi.yaml). Bodies are read strictly: unknown fields and wrong types are refused
// naming the field; everything else (rules, freezing, authorization, ledger) is the service's.
#include "areas/meetings/api.hpp"

#include <charconv>

#include "areas/common/json_body.hpp"
#include "areas/meetings/review.hpp"
#include "areas/people/repo.hpp"
#include "core/text.hpp"

namespace mandate::areas::meetings::api {
namespace {

namespace json = core::json;

// ---------------------------------------------------------------- reading bodies

constexpr const char* kTypes =
    "board, executive_committee, management_review, isms_steering, other";
constexpr const char* kStatuses = "planned, signed, cancelled";
constexpr const char* kAttendance = "invited, present, excused, absent";
constexpr const char* kDecisionTypes = "improvement, isms_change, resource, risk_acceptance, other";
constexpr const char* kTopics =
    "information_security, risk, suppliers, budget, incidents, audit, policy, objectives, other";

// Meeting fields from a body, over `f` (PATCH keeps what is left out).
void read_fields(JsonBody& b, MeetingFields& f, bool create) {
  if (create) {
    if (!b.has("type")) {
      b.errors().add("type", "is required");
    }
    b.one_of("type", f.type, parse_meeting_type, kTypes);
  } else if (b.has("type")) {
    // The type cannot change; the service says so when it differs.
    b.one_of("type", f.type, parse_meeting_type, kTypes);
  }
  if (auto x = b.string("title", create, 2000)) {
    f.title = *x;
  }
  if (auto t = b.timestamp("starts_at", create)) {
    f.starts_at = *t;
  }
  if (auto x = b.small_int("duration_minutes", false)) {
    f.duration_minutes = *x;
  }
  if (auto x = b.string("place", false, 5000)) {
    f.place = *x;
  }
  if (auto c = b.nullable_id("chair_id")) {
    f.chair = *c ? std::optional(PersonId{**c}) : std::nullopt;
  }
  if (auto xs = b.ids("invitees", false, 1000)) {
    f.invitees.clear();
    for (auto x : *xs) {
      f.invitees.push_back(PersonId{x});
    }
  }
}

void read_item(JsonBody& b, ItemFields& f, bool create) {
  if (auto x = b.string("title", create, 3000)) {
    f.title = *x;
  }
  if (auto xs = b.strings("tags", 20, 64)) {
    f.tags.clear();
    for (const auto& t : *xs) {
      if (auto topic = parse_topic(t)) {
        f.tags.push_back(*topic);
      } else {
        b.errors().add("tags", std::string("must be a list of: ") + kTopics);
        break;
      }
    }
  }
  if (auto x = b.string("minutes", false, 400'000)) {
    f.minutes = *x;
  }
  if (auto x = b.string("presenter", false, 2000)) {
    f.presenter = *x;
  }
  if (auto x = b.string("material", false, 400'000)) {
    f.material = *x;
  }
}

void read_decision(JsonBody& b, DecisionFields& f, bool create) {
  if (auto x = b.string("text", create, 20'000)) {
    f.text = *x;
  }
  b.one_of("type", f.type, parse_decision_type, kDecisionTypes);
  if (auto x = b.nullable_id("item_id")) {
    f.item = *x ? std::optional(ItemId{**x}) : std::nullopt;
  }
  if (auto x = b.nullable_id("owner_id")) {
    f.owner = *x ? std::optional(PersonId{**x}) : std::nullopt;
  }
  if (auto x = b.nullable_date("due_on")) {
    f.due_on = *x;
  }
}

// When the body itself has errors the service is not called; the model's validation (and, for
// meetings, whether the chair and invitees are people of the organization) adds its messages
// for the other fields so one request shows every problem. Messages already there are kept.
template <class Fields>
void add_model_errors(JsonBody& b, Fields f) {
  if (!b.errors().ok()) {
    normalise(f);
    validate(f, b.errors());
  }
}

bool active_person(store::Transaction& tx, OrgId org, PersonId id) {
  auto p = people::repo::find(tx, org, id);
  return p && p->status == people::Status::active;
}

void add_meeting_errors(const Services& s, const Caller& by, JsonBody& b, const MeetingFields& f) {
  if (b.errors().ok()) {
    return;
  }
  add_model_errors(b, f);
  s.db.read([&](store::Transaction& tx) {
    auto active = [&](PersonId id) { return active_person(tx, by.org, id); };
    if (f.chair && !active(*f.chair)) {
      b.errors().add("chair_id", "is not an active person of this organization");
    }
    for (PersonId id : f.invitees) {
      if (!active(id)) {
        b.errors().add("invitees", "must be active people of this organization");
        break;
      }
    }
    return 0;
  });
}

void add_decision_errors(const Services& s, const Caller& by, JsonBody& b,
                         const DecisionFields& f) {
  if (b.errors().ok()) {
    return;
  }
  add_model_errors(b, f);
  if (f.owner &&
      !s.db.read([&](store::Transaction& tx) { return active_person(tx, by.org, *f.owner); })) {
    b.errors().add("owner_id", "is not an active person of this organization");
  }
}

// ---------------------------------------------------------------- writing answers

json::value day_or_null(const std::optional<std::int64_t>& d) {
  return d ? json::value(core::format_date(*d)) : json::value(nullptr);
}
template <class T>
json::value id_or_null(const std::optional<T>& id) {
  return id ? json::value(id->value) : json::value(nullptr);
}

json::object meeting_json(const Meeting& m) {
  json::object o{{"id", m.id.value},
                 {"type", meeting_type_name(m.type)},
                 {"title", m.title},
                 {"starts_at", iso(m.starts_at)},
                 {"duration_minutes", m.duration_minutes},
                 {"place", m.place},
                 {"status", meeting_status_name(m.status)},
                 {"cancel_reason", m.cancel_reason},
                 {"content_hash", m.content_hash},
                 {"signed_at", iso_or_null(m.signed_at)},
                 {"signer_name", m.signer_name},
                 {"signer_role", m.signer_role},
                 {"signature_meaning", m.signature_meaning},
                 {"created_by", m.created_by_label},
                 {"created_at", iso(m.created_at)},
                 {"updated_at", iso(m.updated_at)},
                 {"row_version", m.row_version}};
  o["chair_id"] = id_or_null(m.chair);
  o["previous_review_id"] = id_or_null(m.previous_review);
  o["signoff_seq"] = m.signoff_seq ? json::value(*m.signoff_seq) : json::value(nullptr);
  return o;
}

json::object row_json(const MeetingRow& r) {
  json::object o = meeting_json(r.meeting);
  o["chair_name"] = r.chair_name;
  o["items"] = r.items;
  o["decisions"] = r.decisions;
  o["present"] = r.present;
  o["top_management_present"] = r.top_management_present;
  o["security_on_agenda"] = r.security_on_agenda;
  return o;
}

json::object attendee_json(const Attendee& a) {
  return {{"person_id", a.person.value},
          {"name", a.name},
          {"department", a.department},
          {"attendance", attendance_name(a.attendance)},
          {"top_management", a.top_management}};
}

json::object item_json(const AgendaItem& i) {
  json::array tags;
  for (Topic t : i.tags) {
    tags.push_back(json::value(topic_name(t)));
  }
  json::object o{{"id", i.id.value},
                 {"position", i.position},
                 {"title", i.title},
                 {"tags", tags},
                 {"minutes", i.minutes},
                 {"presenter", i.presenter},
                 {"material", i.material},
                 {"created_at", iso(i.created_at)},
                 {"updated_at", iso(i.updated_at)},
                 {"row_version", i.row_version}};
  o["review_input"] = i.review_input
                          ? json::value(std::string(1, review_input_letter(*i.review_input)))
                          : json::value(nullptr);
  o["snapshot"] = nullptr;
  if (!i.snapshot.empty()) {
    if (auto v = core::parse_json(i.snapshot)) {
      o["snapshot"] = std::move(*v);
    }
  }
  return o;
}

json::object decision_json(const DecisionRow& r) {
  const Decision& d = r.decision;
  json::object o{{"id", d.id.value},
                 {"text", d.text},
                 {"type", decision_type_name(d.type)},
                 {"owner_name", r.owner_name},
                 {"created_at", iso(d.created_at)},
                 {"updated_at", iso(d.updated_at)},
                 {"row_version", d.row_version}};
  o["item_id"] = id_or_null(d.item);
  o["owner_id"] = id_or_null(d.owner);
  o["due_on"] = day_or_null(d.due_on);
  o["action_id"] = d.action_id ? json::value(*d.action_id) : json::value(nullptr);
  o["action_status"] =
      r.action_status ? json::value(actions::state_name(*r.action_status)) : json::value(nullptr);
  o["action_due_on"] = day_or_null(r.action_due_on);
  return o;
}

json::object attachment_json(const Attachment& a) {
  json::object o{{"id", a.id.value},
                 {"sha256", a.sha256},
                 {"file_name", a.file_name},
                 {"media_type", a.media_type},
                 {"size", a.size},
                 {"received_at", iso(a.received_at)},
                 {"effective_on", core::format_date(a.effective_on)},
                 {"uploaded_by", a.uploaded_by_label},
                 {"href", "/api/v1/meetings/" + a.meeting.str() + "/attachments/" + a.id.str()}};
  o["item_id"] = id_or_null(a.item);
  return o;
}

json::object addendum_json(const Addendum& a) {
  return {{"id", a.id},
          {"body", a.body},
          {"content_hash", a.content_hash},
          {"signer_name", a.signer_name},
          {"signer_role", a.signer_role},
          {"meaning", a.meaning},
          {"signed_at", iso(a.signed_at)}};
}

json::object entry_json(const ledger::Entry& e) {
  json::object o{{"seq", e.seq}, {"at", iso(e.at)}, {"actor", e.actor.label}, {"action", e.action}};
  auto data = core::parse_json(e.payload);
  o["data"] = data ? std::move(*data) : json::value(e.payload);
  return o;
}

json::object detail_json(const MeetingView& v) {
  json::object o = meeting_json(v.meeting);
  o["chair_name"] = v.chair_name;
  o["held"] = v.held;
  json::array blockers, attendees, items, decisions, attachments, addenda, history;
  for (const auto& b : v.signoff_blockers) {
    blockers.push_back(json::value(b));
  }
  for (const auto& a : v.attendees) {
    attendees.push_back(attendee_json(a));
  }
  for (const auto& i : v.items) {
    items.push_back(item_json(i));
  }
  for (const auto& d : v.decisions) {
    decisions.push_back(decision_json(d));
  }
  for (const auto& a : v.attachments) {
    attachments.push_back(attachment_json(a));
  }
  for (const auto& a : v.addenda) {
    addenda.push_back(addendum_json(a));
  }
  for (const auto& e : v.history) {
    history.push_back(entry_json(e));
  }
  o["signoff_blockers"] = blockers;
  o["attendees"] = attendees;
  o["items"] = items;
  o["decisions"] = decisions;
  o["attachments"] = attachments;
  o["addenda"] = addenda;
  o["history"] = history;
  return o;
}

json::object cadence_json(const Cadence& c) {
  return {{"review_every_months", c.review_every_months},
          {"security_agenda_every_months", c.security_agenda_every_months}};
}

json::value opt_int(const std::optional<std::int64_t>& x) {
  return x ? json::value(*x) : json::value(nullptr);
}

json::object summary_json(const ReviewSummary& r) {
  return {{"id", r.id.value},
          {"title", r.title},
          {"at", iso(r.at)},
          {"signed_at", iso_or_null(r.signed_at)},
          {"top_management_present", r.top_management_present},
          {"decisions", r.decisions},
          {"href", "/meetings/" + r.id.str()}};
}

json::object action_row_json(const actions::ActionRow& r) {
  const actions::Action& a = r.action;
  json::object o{{"id", a.id.value},
                 {"title", a.title},
                 {"source", actions::source_name(a.source)},
                 {"owner_name", r.owner_name},
                 {"status", actions::state_name(a.status)},
                 {"days_overdue", r.days_overdue},
                 {"escalated", r.escalated},
                 {"carried_over", r.carried_over},
                 {"href", "/actions/" + a.id.str()}};
  o["owner_id"] = id_or_null(a.owner);
  o["due_on"] = day_or_null(a.due_on);
  o["meeting_id"] = opt_int(a.meeting_id);
  return o;
}

json::object input_json(const InputData& d) {
  json::array sections;
  for (const auto& s : d.sections) {
    json::array metrics, rows;
    for (const auto& m : s.metrics) {
      json::object mo{{"key", m.key},   {"label", m.label}, {"value", m.value},
                      {"unit", m.unit}, {"href", m.href},   {"flag", m.flag}};
      mo["previous"] = m.previous ? json::value(*m.previous) : json::value(nullptr);
      metrics.push_back(mo);
    }
    for (const auto& r : s.rows) {
      rows.push_back(json::object{{"label", r.label},
                                  {"detail", r.detail},
                                  {"status", r.status},
                                  {"href", r.href},
                                  {"flag", r.flag}});
    }
    sections.push_back(json::object{{"key", s.key},
                                    {"title", s.title},
                                    {"metrics", metrics},
                                    {"rows", rows},
                                    {"empty_text", s.empty_text}});
  }
  return {{"input", std::string(1, review_input_letter(d.input))},
          {"title", review_input_title(d.input)},
          {"to_be_presented", d.to_be_presented()},
          {"sections", sections}};
}

// The meeting as GET answers it, read back after a change.
http::Response detail_answer(const Services& s, const Caller& by, MeetingId id, int status = 200) {
  auto v = must(view(s.env(), by, id));
  auto r = json_ok(detail_json(v), status);
  if (status == 201) {
    r.headers.set("Location", "/api/v1/meetings/" + id.str());
  }
  return r;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

// The ASCII fallback of a file name for Content-Disposition's quoted filename: bytes outside
// printable ASCII become '_' (safe_file_name has already removed quotes and backslashes).
std::string ascii_file_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(b >= 0x20 && b < 0x7f && c != '"' && c != '\\' ? c : '_');
  }
  return out.empty() ? std::string("attachment") : out;
}

std::string content_disposition(std::string_view kind, std::string_view name) {
  return std::string(kind) + "; filename=\"" + ascii_file_name(name) + "\"; filename*=UTF-8''" +
         http::url_encode(name);
}

std::optional<core::Timestamp> time_param(const http::Context& ctx, const std::string& name,
                                          bool end_of_day) {
  auto s = std::string(core::trim(ctx.req.query_param(name)));
  if (s.empty()) {
    return std::nullopt;
  }
  if (auto d = core::parse_date(s)) {
    return core::Timestamp::from_seconds((*d + (end_of_day ? 1 : 0)) * 86400);
  }
  if (auto t = core::parse_timestamp(s)) {
    return t;
  }
  throw ErrorException(Error::invalid(
      name, "must be a date like 2026-03-31 or a UTC time like 2026-03-31T09:00:00Z"));
}

}  // namespace

// ---------------------------------------------------------------- shared helpers

MeetingId meeting_param(const http::Context& ctx) { return MeetingId{id_param(ctx, "id")}; }
ItemId item_param(const http::Context& ctx) { return ItemId{id_param(ctx, "item")}; }
DecisionId decision_param(const http::Context& ctx) { return DecisionId{id_param(ctx, "d")}; }
AttachmentId attachment_param(const http::Context& ctx) { return AttachmentId{id_param(ctx, "a")}; }

ListQuery query_from(const http::Context& ctx) {
  ListQuery q;
  q.search = std::string(core::trim(ctx.req.query_param("q")));
  if (q.search.size() > 200 || !core::valid_utf8(q.search)) {
    throw ErrorException(Error::invalid("q", "must be at most 200 characters of text"));
  }
  if (auto t = ctx.req.query_param("type"); !t.empty()) {
    q.type = parse_meeting_type(t);
    if (!q.type) {
      throw ErrorException(Error::invalid("type", std::string("must be one of ") + kTypes));
    }
  }
  if (auto st = ctx.req.query_param("status"); !st.empty()) {
    q.status = parse_meeting_status(st);
    if (!q.status) {
      throw ErrorException(Error::invalid("status", std::string("must be one of ") + kStatuses));
    }
  }
  q.from = time_param(ctx, "from", false);
  q.to = time_param(ctx, "to", true);
  auto order = ctx.req.query_param("order");
  if (order == "asc") {
    q.descending = false;
  } else if (!order.empty() && order != "desc") {
    throw ErrorException(Error::invalid("order", "must be asc or desc"));
  }
  q.limit = int_query(ctx, "limit", 500, 1, 5000);
  return q;
}

SignatureAuth signature_auth(const http::Context& ctx, std::string password) {
  const auto& p = ctx.who();
  return SignatureAuth{std::move(password), p.is_token() ? std::string() : p.session_id_hash,
                       ctx.req.remote_addr};
}

http::Response download_response(const Download& d) {
  const std::string name = safe_file_name(d.attachment.file_name);
  http::Response r = http::Response::text(d.bytes, 200, d.attachment.media_type);
  r.headers.set("Content-Disposition", content_disposition("attachment", name));
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

http::Response minutes_html_response(const Minutes& m) {
  http::Response r = http::Response::html(minutes_html(m));
  // A standalone document with its own inline styles: no script may run, nothing is loaded.
  r.headers.set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  r.headers.set("Content-Disposition", content_disposition("inline", minutes_file_name(m, "html")));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

http::Response minutes_pdf_response(const Minutes& m) {
  http::Response r = http::Response::text(minutes_pdf(m), 200, "application/pdf");
  r.headers.set("Content-Disposition",
                content_disposition("attachment", minutes_file_name(m, "pdf")));
  r.headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

std::string feed_url(const http::Context& ctx, std::string_view secret) {
  return (ctx.req.tls ? "https://" : "http://") + std::string(ctx.req.header("host")) +
         "/calendar/feed/" + std::string(secret) + ".ics";
}

// ---------------------------------------------------------------- register

http::Response list(const Services& s, http::Context& ctx) {
  auto rows = must(meetings::list(s.env(), caller_of(ctx), query_from(ctx)));
  json::array out;
  for (const auto& r : rows) {
    out.push_back(row_json(r));
  }
  return json_ok(json::object{{"meetings", out}, {"total", rows.size()}});
}

http::Response create(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  MeetingFields f;
  read_fields(b, f, true);
  auto by = caller_of(ctx);
  add_meeting_errors(s, by, b, f);
  b.finish();
  const MeetingId id = must(meetings::create(s.env(), by, std::move(f)));
  return detail_answer(s, by, id, 201);
}

http::Response cadence(const Services& s, http::Context& ctx) {
  return json_ok(cadence_json(must(meetings::cadence(s.env(), caller_of(ctx)))));
}

http::Response set_cadence(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto by = caller_of(ctx);
  Cadence c = must(meetings::cadence(s.env(), by));
  if (auto x = b.small_int("review_every_months", false)) {
    c.review_every_months = *x;
  }
  if (auto x = b.small_int("security_agenda_every_months", false)) {
    c.security_agenda_every_months = *x;
  }
  b.finish();
  must(meetings::set_cadence(s.env(), by, c));
  return json_ok(cadence_json(c));
}

http::Response indicators(const Services& s, http::Context& ctx) {
  auto in = must(meetings::indicators(s.env(), caller_of(ctx)));
  json::array r24, intervals, exec, reviews, without, twice;
  for (const auto& r : in.reviews_24m) {
    r24.push_back(summary_json(r));
  }
  for (auto d : in.intervals_days) {
    intervals.push_back(d);
  }
  for (const auto& e : in.executive_12m) {
    exec.push_back(json::object{{"id", e.id.value},
                                {"title", e.title},
                                {"type", meeting_type_name(e.type)},
                                {"at", iso(e.at)},
                                {"security_on_agenda", e.security_on_agenda},
                                {"href", "/meetings/" + e.id.str()}});
  }
  for (const auto& r : in.reviews) {
    reviews.push_back(summary_json(r));
  }
  for (const auto& r : in.reviews_without_decisions) {
    without.push_back(summary_json(r));
  }
  for (const auto& r : in.review_actions.carried_over_twice) {
    twice.push_back(action_row_json(r));
  }
  const auto& ra = in.review_actions;
  json::object o{{"cadence", cadence_json(in.cadence)},
                 {"review_overdue", in.review_overdue},
                 {"reviews_24m", r24},
                 {"intervals_days", intervals},
                 {"reviews_expected_24m", in.reviews_expected_24m},
                 {"executive_12m", exec},
                 {"executive_with_security_12m", in.executive_with_security_12m},
                 {"security_agenda_overdue", in.security_agenda_overdue},
                 {"review_actions",
                  json::object{{"due", ra.due},
                               {"done_on_time", ra.done_on_time},
                               {"share_done_on_time",
                                ra.due > 0 ? json::value(static_cast<double>(ra.done_on_time) /
                                                         static_cast<double>(ra.due))
                                           : json::value(nullptr)},
                               {"open", ra.open},
                               {"overdue", ra.overdue},
                               {"carried_over_twice", twice}}},
                 {"reviews", reviews},
                 {"reviews_without_decisions", without}};
  o["last_review"] =
      in.last_review ? json::value(summary_json(*in.last_review)) : json::value(nullptr);
  o["days_since_last_review"] = opt_int(in.days_since_last_review);
  o["longest_interval_days"] = opt_int(in.longest_interval_days);
  o["days_since_security_on_executive_agenda"] =
      opt_int(in.days_since_security_on_executive_agenda);
  return json_ok(o);
}

// ---------------------------------------------------------------- one meeting

http::Response get(const Services& s, http::Context& ctx) {
  return detail_answer(s, caller_of(ctx), meeting_param(ctx));
}

http::Response update(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  auto v = must(view(s.env(), by, id));
  MeetingFields f;
  f.type = v.meeting.type;
  f.title = v.meeting.title;
  f.starts_at = v.meeting.starts_at;
  f.duration_minutes = v.meeting.duration_minutes;
  f.place = v.meeting.place;
  f.chair = v.meeting.chair;
  for (const auto& a : v.attendees) {
    f.invitees.push_back(a.person);
  }
  read_fields(b, f, false);
  auto row_version = b.integer("row_version", true);
  add_meeting_errors(s, by, b, f);
  b.finish();
  must(meetings::update(s.env(), by, id, std::move(f), *row_version));
  return detail_answer(s, by, id);
}

http::Response cancel(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto reason = b.string("reason", true, 20'000);
  b.finish();
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  must(meetings::cancel(s.env(), by, id, *reason));
  return detail_answer(s, by, id);
}

http::Response set_attendance(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  Attendance a = Attendance::invited;
  if (!b.has("attendance")) {
    b.errors().add("attendance", "is required");
  }
  b.one_of("attendance", a, parse_attendance, kAttendance);
  b.finish();
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  must(meetings::set_attendance(s.env(), by, id, PersonId{id_param(ctx, "person")}, a));
  return detail_answer(s, by, id);
}

// ---------------------------------------------------------------- agenda

namespace {

const AgendaItem& find_item(const MeetingView& v, ItemId id) {
  for (const auto& i : v.items) {
    if (i.id == id) {
      return i;
    }
  }
  throw ErrorException(fail(Errc::not_found, "This meeting has no such agenda item."));
}

const DecisionRow& find_decision(const MeetingView& v, DecisionId id) {
  for (const auto& d : v.decisions) {
    if (d.decision.id == id) {
      return d;
    }
  }
  throw ErrorException(fail(Errc::not_found, "This meeting has no such decision."));
}

}  // namespace

http::Response add_item(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  ItemFields f;
  read_item(b, f, true);
  add_model_errors(b, f);
  b.finish();
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const ItemId item = must(meetings::add_item(s.env(), by, id, std::move(f)));
  auto r = json_ok(item_json(find_item(must(view(s.env(), by, id)), item)), 201);
  r.headers.set("Location", "/api/v1/meetings/" + id.str() + "/items/" + item.str());
  return r;
}

http::Response update_item(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const ItemId item = item_param(ctx);
  // The item must belong to this meeting (of the caller's organization): 404 otherwise.
  const AgendaItem current = find_item(must(view(s.env(), by, id)), item);
  ItemFields f{current.title, current.tags, current.minutes, current.presenter, current.material};
  read_item(b, f, false);
  auto row_version = b.integer("row_version", true);
  add_model_errors(b, f);
  b.finish();
  must(meetings::update_item(s.env(), by, item, std::move(f), *row_version));
  return json_ok(item_json(find_item(must(view(s.env(), by, id)), item)));
}

http::Response remove_item(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const ItemId item = item_param(ctx);
  find_item(must(view(s.env(), by, id)), item);
  must(meetings::remove_item(s.env(), by, item));
  return no_content();
}

// ---------------------------------------------------------------- decisions

http::Response add_decision(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  DecisionFields f;
  read_decision(b, f, true);
  auto by = caller_of(ctx);
  add_decision_errors(s, by, b, f);
  b.finish();
  const MeetingId id = meeting_param(ctx);
  const DecisionId d = must(meetings::add_decision(s.env(), by, id, std::move(f)));
  auto r = json_ok(decision_json(find_decision(must(view(s.env(), by, id)), d)), 201);
  r.headers.set("Location", "/api/v1/meetings/" + id.str() + "/decisions/" + d.str());
  return r;
}

http::Response update_decision(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const DecisionId d = decision_param(ctx);
  const Decision current = find_decision(must(view(s.env(), by, id)), d).decision;
  DecisionFields f{current.text, current.type, current.item, current.owner, current.due_on};
  read_decision(b, f, false);
  auto row_version = b.integer("row_version", true);
  add_decision_errors(s, by, b, f);
  b.finish();
  must(meetings::update_decision(s.env(), by, d, std::move(f), *row_version));
  return json_ok(decision_json(find_decision(must(view(s.env(), by, id)), d)));
}

http::Response remove_decision(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const DecisionId d = decision_param(ctx);
  find_decision(must(view(s.env(), by, id)), d);
  must(meetings::remove_decision(s.env(), by, d));
  return no_content();
}

// ---------------------------------------------------------------- attachments

http::Response upload_attachment(const Services& s, http::Context& ctx) {
  Validation val;
  const std::string file_name = ctx.req.query_param("file_name");
  if (core::trim(file_name).empty()) {
    val.add("file_name", "is required: the file's name, with its extension");
  } else if (file_name.size() > 1000 || !core::valid_utf8(file_name)) {
    val.add("file_name", "must be at most 1,000 bytes of text");
  }
  std::optional<std::int64_t> effective =
      core::parse_date(core::trim(ctx.req.query_param("effective_on")));
  if (!effective) {
    val.add("effective_on", "is required: a date like 2026-03-31");
  }
  std::optional<ItemId> item;
  if (auto x = ctx.req.query_param("item_id"); !x.empty()) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(x.data(), x.data() + x.size(), n);
    if (ec != std::errc() || p != x.data() + x.size() || n <= 0) {
      val.add("item_id", "must be the id of an agenda item of this meeting");
    } else {
      item = ItemId{n};
    }
  }
  if (!val.ok()) {
    throw ErrorException(val.error());
  }
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  const AttachmentId a =
      must(meetings::add_attachment(s.env(), by, id, item, file_name, ctx.req.body, *effective));
  for (const auto& x : must(view(s.env(), by, id)).attachments) {
    if (x.id == a) {
      auto r = json_ok(attachment_json(x), 201);
      r.headers.set("Location", "/api/v1/meetings/" + id.str() + "/attachments/" + a.str());
      return r;
    }
  }
  return json_ok(json::object{{"id", a.value}}, 201);
}

http::Response download(const Services& s, http::Context& ctx) {
  return download_response(
      must(meetings::download(s.env(), caller_of(ctx), meeting_param(ctx), attachment_param(ctx))));
}

// ---------------------------------------------------------------- review, sign-off, minutes

http::Response review_inputs(const Services& s, http::Context& ctx) {
  auto in = must(meetings::review_inputs(s.env(), caller_of(ctx), meeting_param(ctx)));
  json::array inputs;
  for (const auto& d : in.inputs) {
    inputs.push_back(input_json(d));
  }
  json::object o{{"frozen", in.frozen}, {"inputs", inputs}};
  o["previous_review_id"] = id_or_null(in.previous_review);
  o["previous_review_at"] = iso_or_null(in.previous_review_at);
  return json_ok(o);
}

http::Response sign(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto password = b.string("password", true, 1024);
  b.finish();
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  must(meetings::sign(s.env(), by, id, signature_auth(ctx, *password)));
  return detail_answer(s, by, id);
}

http::Response add_addendum(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  JsonBody b(body);
  auto text = b.string("body", true, 200'000);
  auto password = b.string("password", true, 1024);
  b.finish();
  auto by = caller_of(ctx);
  const MeetingId id = meeting_param(ctx);
  // Another organization's meeting is not found, whoever asks (before the signer check).
  must(view(s.env(), by, id));
  const std::int64_t n =
      must(meetings::add_addendum(s.env(), by, id, *text, signature_auth(ctx, *password)));
  for (const auto& a : must(view(s.env(), by, id)).addenda) {
    if (a.id == n) {
      return json_ok(addendum_json(a), 201);
    }
  }
  return json_ok(json::object{{"id", n}}, 201);
}

http::Response minutes(const Services& s, http::Context& ctx) {
  const std::string format = ctx.req.query_param("format");
  if (!format.empty() && format != "html" && format != "pdf") {
    throw ErrorException(Error::invalid("format", "must be html or pdf"));
  }
  auto m = must(meetings::minutes(s.env(), caller_of(ctx), meeting_param(ctx)));
  return format == "pdf" ? minutes_pdf_response(m) : minutes_html_response(m);
}

// ---------------------------------------------------------------- calendar feed tokens

http::Response create_calendar_token(const Services& s, http::Context& ctx) {
  auto body = json_body_or_empty(ctx);
  JsonBody b(body);
  b.finish();
  auto created = must(meetings::create_calendar_token(s.env(), caller_of(ctx)));
  auto r = json_ok(json::object{{"id", created.token.id},
                                {"prefix", created.token.prefix},
                                {"created_at", iso(created.token.created_at)},
                                {"url", feed_url(ctx, created.secret)}},
                   201);
  return r;
}

}  // namespace mandate::areas::meetings::api
