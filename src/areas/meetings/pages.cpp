// areas/meetings/pages.cpp — HTML pages for meetings and the management review (see pages.hpp).
// Handlers parse the form or query, call the service and render through ui::Html; a refused form
// is shown again with the service's field errors (422) beside the fields, everything else goes
// to the central error mapping. Minutes and material are Markdown rendered by ui::markdown
// (cmark-gfm in safe mode). Once minutes are signed (or the meeting cancelled) no edit control is
// rendered; the service refuses every write anyway.
#include "areas/meetings/pages.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "areas/actions/service.hpp"
#include "areas/meetings/api.hpp"
#include "areas/meetings/minutes.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"
#include "areas/people/repo.hpp"
#include "core/text.hpp"
#include "ui/components.hpp"
#include "ui/layout.hpp"
#include "ui/markdown.hpp"

namespace mandate::areas::meetings::pages {
namespace {

using ui::ButtonKind;
using ui::Html;
using ui::html;
using ui::text;

// ---------------------------------------------------------------- small pieces

std::string csrf(const http::Context& ctx) { return ctx.who().csrf_token; }
bool can(const http::Context& ctx, RoleSet roles) { return caller_of(ctx).has_role(roles); }
std::string meeting_url(MeetingId id) { return "/meetings/" + id.str(); }

// A UTC time: "2026-03-01 09:00 UTC" in a <time> element.
Html when(core::Timestamp t) {
  std::string s = iso(t);
  std::string shown = s.size() >= 16 ? s.substr(0, 10) + " " + s.substr(11, 5) + " UTC" : s;
  return html(R"(<time datetime="{}">{}</time>)", s, shown);
}
Html when(const std::optional<core::Timestamp>& t) { return t ? when(*t) : html("—"); }
Html day(std::int64_t d) {
  return html(R"(<time datetime="{}">{}</time>)", core::format_date(d), core::format_date(d));
}
Html day(const std::optional<std::int64_t>& d) { return d ? day(*d) : html("—"); }

// A content hash: the first 12 characters, the whole hash in the title and for screen readers.
Html hash_code(std::string_view h) {
  if (h.empty()) {
    return html("—");
  }
  return html(R"(<code class="hash" title="{}">{}…<span class="visually-hidden">{}</span></code>)",
              h, h.substr(0, 12), h.substr(std::min<std::size_t>(12, h.size())));
}

Html rendered(const std::string& markdown) {
  return html(R"(<div class="policy-content">{}</div>)", ui::markdown(markdown));
}

std::string role_text(std::string_view name) {
  auto r = parse_role(name);
  return r ? std::string(role_label(*r)) : std::string(name);
}

Html status_badge(const Meeting& m, core::Timestamp now) {
  switch (m.status) {
    case MeetingStatus::signed_off:
      return ui::badge(ui::Tone::ok, "Signed");
    case MeetingStatus::cancelled:
      return ui::badge(ui::Tone::muted, "Cancelled");
    case MeetingStatus::planned:
      break;
  }
  return m.starts_at <= now ? ui::badge(ui::Tone::warn, "Held, not signed")
                            : ui::badge(ui::Tone::info, "Planned");
}

Html type_badge(MeetingType t) {
  return ui::badge(t == MeetingType::management_review ? ui::Tone::info : ui::Tone::muted,
                   meeting_type_label(t));
}

std::string attendance_label(Attendance a) {
  switch (a) {
    case Attendance::present:
      return "Present";
    case Attendance::excused:
      return "Excused";
    case Attendance::absent:
      return "Absent";
    case Attendance::invited:
      break;
  }
  return "Not recorded";
}

Html attendance_badge(Attendance a) {
  switch (a) {
    case Attendance::present:
      return ui::badge(ui::Tone::ok, "Present");
    case Attendance::excused:
      return ui::badge(ui::Tone::muted, "Excused");
    case Attendance::absent:
      return ui::badge(ui::Tone::bad, "Absent");
    case Attendance::invited:
      break;
  }
  return ui::badge(ui::Tone::warn, "Not recorded");
}

Html action_state_badge(actions::State st) {
  switch (st) {
    case actions::State::open:
      return ui::badge(ui::Tone::info, "Open");
    case actions::State::in_progress:
      return ui::badge(ui::Tone::warn, "In progress");
    case actions::State::done:
      return ui::badge(ui::Tone::ok, "Done");
    case actions::State::cancelled:
      break;
  }
  return ui::badge(ui::Tone::muted, "Cancelled");
}

Html tag_badges(const std::vector<Topic>& tags) {
  Html out;
  for (Topic t : tags) {
    out += html(" {}",
                ui::badge(is_security_topic(t) ? ui::Tone::info : ui::Tone::muted, topic_label(t)));
  }
  return out;
}

// A place that is a web link becomes one; anything else is text.
Html place_html(const std::string& place) {
  if (place.empty()) {
    return html("—");
  }
  const std::string lower = core::ascii_lower(place.substr(0, 8));
  if (lower.starts_with("https://") || lower.starts_with("http://")) {
    return html(R"(<a href="{}" rel="noopener noreferrer">{}</a>)", ui::safe_href(place), place);
  }
  return text(place);
}

std::int64_t int_or(const std::string& s, std::int64_t def) {
  if (s.empty()) {
    return def;
  }
  try {
    std::size_t used = 0;
    auto v = std::stoll(s, &used);
    return used == s.size() ? v : def;
  } catch (...) {
    return def;
  }
}

// "2026-03-31T09:00" (an <input type="datetime-local">) for a timestamp, UTC.
std::string local_input(core::Timestamp t) {
  std::string s = iso(t);
  return s.size() >= 16 ? s.substr(0, 16) : s;
}

// "2026-03-31T09:00" or "2026-03-31T09:00:00", read as UTC.
std::optional<core::Timestamp> parse_local(std::string_view s) {
  s = core::trim(s);
  if (s.size() == 16) {
    return core::parse_timestamp(std::string(s) + ":00Z");
  }
  if (s.size() == 19) {
    return core::parse_timestamp(std::string(s) + "Z");
  }
  return core::parse_timestamp(s);
}

// Which form on a page failed, and why: that form shows the error summary and field messages.
struct FormError {
  std::string form;
  Error error;
};
const Error* error_of(const FormError* fe, std::string_view name) {
  return fe != nullptr && fe->form == name ? &fe->error : nullptr;
}

// A refused change becomes a FormError when the user can fix it in the form (invalid input, a
// wrong password, a stale row version); anything else goes to the error page.
std::optional<FormError> form_error(std::string form, const Error& e) {
  if (e.code == Errc::invalid || e.code == Errc::unauthorized || e.code == Errc::stale) {
    FormError fe{std::move(form), e};
    if (e.code == Errc::unauthorized) {
      fe.error.code = Errc::invalid;
      fe.error.fields["password"] = "is not your password";
    }
    return fe;
  }
  return std::nullopt;
}

const std::map<std::string, std::string>& field_labels() {
  static const std::map<std::string, std::string> m = {
      {"type", "Type"},
      {"title", "Title"},
      {"starts_at", "Date and time (UTC)"},
      {"duration_minutes", "Duration"},
      {"place", "Place or link"},
      {"chair_id", "Chair"},
      {"invitees", "Invitees"},
      {"reason", "Reason"},
      {"person_id", "Person"},
      {"attendance", "Attendance"},
      {"tags", "Topics"},
      {"minutes", "Minutes"},
      {"presenter", "Presenter"},
      {"material", "Material"},
      {"text", "Decision"},
      {"item_id", "Agenda item"},
      {"owner_id", "Owner"},
      {"due_on", "Due date"},
      {"file", "File"},
      {"effective_on", "Effective date"},
      {"password", "Password"},
      {"body", "Addendum"},
      {"review_every_months", "Management review every"},
      {"security_agenda_every_months", "Security on the executive agenda every"},
      {"row_version", "Record version"}};
  return m;
}

// The error summary of a form whose controls have ids other than their field names (several
// forms on one page): its links must reach the controls (ids are "<prefix><field>").
Html summary(const Error* e, std::string_view prefix = "") {
  if (e == nullptr) {
    return {};
  }
  Error linked = *e;
  linked.fields.clear();
  std::map<std::string, std::string> labels;
  for (const auto& [field, message] : e->fields) {
    std::string id = std::string(prefix) + field;
    linked.fields[id] = message;
    auto l = field_labels().find(field);
    labels[id] = l == field_labels().end() ? field : l->second;
  }
  return ui::error_summary(&linked, labels);
}

// ---------------------------------------------------------------- people choices

struct PersonChoice {
  PersonId id;
  std::string name;
  std::string department;
  std::string email;
  bool top_management = false;
};

// The active people of the caller's organization, by name, with today's top-management marker.
std::vector<PersonChoice> people_choices(const Services& s, const http::Context& ctx) {
  const OrgId org = caller_of(ctx).org;
  const std::int64_t today = core::days_since_epoch(s.clock.now());
  return s.db.read([&](store::Transaction& tx) {
    std::set<std::int64_t> tm;
    for (const auto& [p, term] : people::repo::top_management_on(tx, org, today)) {
      tm.insert(p.id.value);
    }
    std::vector<PersonChoice> out;
    for (const auto& p : people::repo::all(tx, org)) {
      if (p.status == people::Status::active) {
        out.push_back({p.id, p.name, p.department, p.email, tm.contains(p.id.value)});
      }
    }
    return out;
  });
}

std::string choice_label(const PersonChoice& p) {
  std::string l = p.name;
  if (!p.department.empty()) {
    l += " · " + p.department;
  }
  if (p.top_management) {
    l += " (top management)";
  }
  return l;
}

std::vector<ui::Option> person_options(const std::vector<PersonChoice>& people,
                                       std::string_view none_label) {
  std::vector<ui::Option> out{{"", std::string(none_label)}};
  for (const auto& p : people) {
    out.push_back({p.id.str(), choice_label(p)});
  }
  return out;
}

// Aria attributes of a hand-written control with an optional hint and error.
Html described_by(std::string_view id, bool hint, std::string_view error) {
  std::string ids;
  if (hint) {
    ids += std::string(id) + "-hint";
  }
  if (!error.empty()) {
    ids += (ids.empty() ? "" : " ") + std::string(id) + "-error";
  }
  Html out;
  if (!ids.empty()) {
    out += html(R"( aria-describedby="{}")", ids);
  }
  if (!error.empty()) {
    out += html(R"( aria-invalid="true")");
  }
  return out;
}

Html field_error(std::string_view id, std::string_view error) {
  return error.empty() ? Html()
                       : html(R"(<small class="field-error" id="{}-error">{}</small>)", id, error);
}

// <select multiple> of people, chosen ones selected.
Html invitee_select(const std::vector<PersonChoice>& people, const std::vector<std::string>& chosen,
                    std::string_view error) {
  std::set<std::string> sel(chosen.begin(), chosen.end());
  Html opts;
  for (const auto& p : people) {
    opts += html(R"(<option value="{}"{}>{}</option>)", p.id.value,
                 Html::trusted(sel.contains(p.id.str()) ? " selected" : ""), choice_label(p));
  }
  const int size = static_cast<int>(std::clamp<std::size_t>(people.size(), 4, 12));
  return html(
      R"(<div class="field"><label for="invitees">Invitees</label><small class="hint" id="invitees-hint">Hold Ctrl (⌘ on a Mac) to choose several. The chair is always invited; attendance is recorded on the meeting page.</small><select id="invitees" name="invitees" multiple size="{}"{}>{}</select>{}</div>)",
      size, described_by("invitees", true, error), opts, field_error("invitees", error));
}

// Checkboxes for the topic tags; a hidden marker tells the handler the tags were in the form
// (no box checked means "no tags").
Html topic_boxes(std::string_view prefix, const std::vector<Topic>& chosen,
                 std::string_view error) {
  Html boxes;
  for (Topic t : kAllTopics) {
    const std::string id = std::string(prefix) + "tag-" + std::string(topic_name(t));
    const bool on = std::find(chosen.begin(), chosen.end(), t) != chosen.end();
    boxes += html(
        R"(<label for="{}"><input type="checkbox" id="{}" name="tags" value="{}"{}> {}</label>)",
        id, id, topic_name(t), Html::trusted(on ? " checked" : ""), topic_label(t));
  }
  const std::string fid = std::string(prefix) + "tags";
  return html(
      R"(<fieldset id="{}"{}><legend>Topics</legend><input type="hidden" name="tags_present" value="1">{}{}</fieldset>)",
      fid, described_by(fid, false, error), boxes, field_error(fid, error));
}

std::vector<Topic> topics_from(const Form& f, Validation& val) {
  std::vector<Topic> out;
  auto [lo, hi] = f.all().equal_range("tags");
  for (auto it = lo; it != hi; ++it) {
    if (auto t = parse_topic(it->second)) {
      out.push_back(*t);
    } else {
      val.add("tags", "choose topics from the list");
    }
  }
  return out;
}

std::optional<PersonId> person_from(const std::string& v, const char* field, Validation& val) {
  if (core::trim(v).empty()) {
    return std::nullopt;
  }
  auto n = int_or(std::string(core::trim(v)), 0);
  if (n <= 0) {
    val.add(field, "choose a person from the list");
    return std::nullopt;
  }
  return PersonId{n};
}

std::optional<std::int64_t> date_from(const std::string& v, const char* field, Validation& val) {
  auto t = core::trim(v);
  if (t.empty()) {
    return std::nullopt;
  }
  auto d = core::parse_date(t);
  if (!d) {
    val.add(field, "must be a date like 2026-03-31");
  }
  return d;
}

// Where a form on the review workspace sends the user back to: "review-a" … "review-signoff";
// anything else means the meeting page.
std::optional<std::string> review_return(const Form& f) {
  const std::string r = f.get("return");
  if (!r.starts_with("review-")) {
    return std::nullopt;
  }
  const std::string step = r.substr(7);
  if (step == "outputs" || step == "signoff" || parse_review_input(step)) {
    return step;
  }
  return std::nullopt;
}

// 303 to `path` with the flash code in the query and the fragment last (see_other would put the
// query after a fragment, where the browser never sends it).
http::Response see_other_at(std::string path, std::string_view anchor, std::string_view flash) {
  if (!flash.empty()) {
    path += (path.find('?') == std::string::npos ? "?flash=" : "&flash=") + std::string(flash);
  }
  return http::Response::redirect(path + std::string(anchor), 303);
}

// After a change: back to the review step the form was on, or to the meeting page at `anchor`.
http::Response back_to(MeetingId id, const std::optional<std::string>& step,
                       std::string_view anchor, std::string_view flash) {
  if (step) {
    return see_other_at(meeting_url(id) + "/review?step=" + *step, "", flash);
  }
  return see_other_at(meeting_url(id), anchor, flash);
}

// ---------------------------------------------------------------- register

Html register_table(const std::vector<MeetingRow>& rows, core::Timestamp now) {
  std::vector<ui::Row> out;
  for (const auto& r : rows) {
    const Meeting& m = r.meeting;
    out.push_back(
        {when(m.starts_at), html(R"(<a href="{}">{}</a>)", meeting_url(m.id), m.title),
         type_badge(m.type), status_badge(m, now), text(r.chair_name.empty() ? "—" : r.chair_name),
         r.security_on_agenda ? ui::badge(ui::Tone::ok, "Security on the agenda")
                              : html(R"(<span class="muted">no</span>)"),
         html("{} <span class=\"muted\">({})</span>", r.present, r.top_management_present),
         html("{}", r.decisions)});
  }
  return ui::table(std::to_string(rows.size()) + (rows.size() == 1 ? " meeting" : " meetings"),
                   {"Date (UTC)",
                    "Title",
                    "Type",
                    "Status",
                    "Chair",
                    "Information security",
                    {"Present (top management)", true},
                    {"Decisions", true}},
                   out, "No meeting matches these filters.");
}

std::string date_value(const std::optional<core::Timestamp>& t, bool end) {
  if (!t) {
    return {};
  }
  auto d = core::days_since_epoch(*t);
  if (end && t->us % (86400LL * 1'000'000) == 0) {
    d -= 1;  // "to" as a date is inclusive
  }
  return core::format_date(d);
}

Html register_actions(const http::Context& ctx) {
  Html actions;
  if (can(ctx, kEditors)) {
    actions += ui::link_button("/meetings/new", "New meeting");
  }
  actions += ui::link_button("/meetings/calendar", "Calendar", ButtonKind::secondary);
  if (can(ctx, kCadenceAdmins)) {
    actions += ui::link_button("/meetings/cadence", "Cadence", ButtonKind::outline);
  }
  actions += ui::link_button("/calendar", "Calendar feed", ButtonKind::outline);
  return actions;
}

}  // namespace

http::Response list(const Services& s, http::Context& ctx) {
  auto q = api::query_from(ctx);
  auto rows = must(meetings::list(s.env(), caller_of(ctx), q));
  std::vector<ui::Option> types{{"", "Any type"}}, statuses{{"", "Any status"}};
  for (MeetingType t : kAllMeetingTypes) {
    types.push_back({std::string(meeting_type_name(t)), std::string(meeting_type_label(t))});
  }
  statuses.push_back({"planned", "Planned or held, not signed"});
  statuses.push_back({"signed", "Signed"});
  statuses.push_back({"cancelled", "Cancelled"});
  Html filters = ui::get_form(
      "/meetings",
      html(R"(<div class="grid">{}{}{}</div><div class="grid">{}{}<div>{}</div></div>)",
           ui::text_field("q", "Search", q.search, "", {.type = "search", .placeholder = "Title"}),
           ui::select_field("type", "Type", types, q.type ? meeting_type_name(*q.type) : ""),
           ui::select_field("status", "Status", statuses,
                            q.status ? meeting_status_name(*q.status) : ""),
           ui::text_field("from", "From", date_value(q.from, false), "", {.type = "date"}),
           ui::text_field("to", "To", date_value(q.to, true), "", {.type = "date"}),
           ui::submit_button("Filter")),
      {.css_class = "filters", .aria_label = "Filter meetings"});
  const bool unfiltered = !q.type && !q.status && !q.from && !q.to && q.search.empty();
  Html table =
      rows.empty() && unfiltered
          ? ui::empty_state(
                "No meetings yet. Record the executive and board meetings where information "
                "security is discussed, and plan the management review (ISO/IEC 27001 9.3).",
                can(ctx, kEditors) ? ui::link_button("/meetings/new", "New meeting") : Html())
          : register_table(rows, s.clock.now());
  Html body = html("{}{}{}",
                   ui::page_header("Meetings",
                                   "Board, executive and ISMS meetings and the management review: "
                                   "attendance, minutes, decisions (ISO/IEC 27001 5.1, 9.3)",
                                   register_actions(ctx)),
                   filters, table);
  return page(s, ctx, "Meetings", "meetings", body);
}

// ---------------------------------------------------------------- calendar

namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

struct Month {
  int year = 1970;
  int month = 1;  // 1..12
  std::string key() const {
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02d", year, month);
    return b;
  }
  std::int64_t first_day() const { return *core::parse_date(key() + "-01"); }
  Month next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  Month prev() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
  std::string label() const {
    return std::string(kMonthNames[month - 1]) + " " + std::to_string(year);
  }
};

std::optional<Month> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') {
    return std::nullopt;
  }
  if (!core::parse_date(std::string(s) + "-01")) {
    return std::nullopt;
  }
  Month m{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2)))};
  if (m.year < 1971 || m.year > 9998) {
    return std::nullopt;
  }
  return m;
}

}  // namespace

http::Response calendar(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const std::int64_t today = core::days_since_epoch(s.clock.now());
  Month month;
  if (auto p = ctx.req.query_param("month"); !p.empty()) {
    auto m = parse_month(p);
    if (!m) {
      throw ErrorException(Error::invalid("month", "must be a month like 2026-03"));
    }
    month = *m;
  } else {
    const std::string d = core::format_date(today);
    month = *parse_month(d.substr(0, 7));
  }
  const std::int64_t first = month.first_day();
  const std::int64_t after = month.next().first_day();
  // Whole weeks, Monday to Sunday (1970-01-01 was a Thursday): the days of the neighbouring
  // months that share a week with this one are shown too, muted.
  const std::int64_t grid_from = first - ((first + 3) % 7 + 7) % 7;
  const std::int64_t grid_to = after + (7 - ((after + 3) % 7 + 7) % 7) % 7;
  ListQuery q;
  q.from = core::Timestamp::from_seconds(grid_from * 86400);
  q.to = core::Timestamp::from_seconds(grid_to * 86400);
  q.descending = false;
  q.limit = 5000;
  auto rows = must(meetings::list(s.env(), by, q));
  std::map<std::int64_t, std::vector<Html>> cells;
  int meeting_count = 0;
  for (const auto& r : rows) {
    const Meeting& m = r.meeting;
    const std::int64_t d = core::days_since_epoch(m.starts_at);
    meeting_count += d >= first && d < after;
    std::string t = iso(m.starts_at);
    cells[d].push_back(html(
        R"(<li class="cal-meeting"><a href="{}"><time datetime="{}">{}</time> {}</a> {}{}</li>)",
        meeting_url(m.id), t, t.substr(11, 5), m.title, type_badge(m.type),
        m.status == MeetingStatus::cancelled ? html(" {}", ui::badge(ui::Tone::muted, "Cancelled"))
                                             : Html()));
  }
  int action_count = 0;
  if (by.has_role(actions::kReaders)) {
    actions::ListQuery aq;
    aq.view = actions::View::all;
    aq.limit = 5000;
    if (auto page = actions::list(s.env(), by, aq)) {
      for (const auto& r : page->rows) {
        const auto& a = r.action;
        if (!a.due_on || *a.due_on < grid_from || *a.due_on >= grid_to ||
            a.status == actions::State::cancelled) {
          continue;
        }
        action_count += *a.due_on >= first && *a.due_on < after;
        cells[*a.due_on].push_back(
            html(R"(<li class="cal-action"><a href="/actions/{}">Due: {}</a> {}</li>)", a.id.value,
                 a.title,
                 r.days_overdue > 0 ? ui::badge(ui::Tone::bad, "Overdue")
                                    : action_state_badge(a.status)));
      }
    }
  }
  Html weeks;
  for (std::int64_t d = grid_from; d < grid_to;) {
    Html row;
    for (int i = 0; i < 7; ++i, ++d) {
      const std::string date = core::format_date(d);
      const bool outside = d < first || d >= after;
      Html items;
      if (auto it = cells.find(d); it != cells.end()) {
        for (const auto& h : it->second) {
          items += h;
        }
        items = html(R"(<ul class="cal-items">{}</ul>)", items);
      }
      const char* attrs = d == today ? R"( class="cal-today" aria-current="date")"
                          : outside  ? R"( class="cal-outside muted")"
                                     : "";
      row += html(R"(<td{}><time class="cal-day" datetime="{}">{}</time>{}</td>)",
                  Html::trusted(attrs), date,
                  outside ? date.substr(5, 2) + "-" + date.substr(8, 2)
                          : std::to_string(std::stoi(date.substr(8, 2))),
                  items);
    }
    weeks += html("<tr>{}</tr>", row);
  }
  Html nav = html(
      R"(<nav class="pagination" aria-label="Months"><a href="/meetings/calendar?month={}" rel="prev">← {}</a> · <a href="/meetings/calendar">This month</a> · <a href="/meetings/calendar?month={}" rel="next">{} →</a></nav>)",
      month.prev().key(), month.prev().label(), month.next().key(), month.next().label());
  Html grid = html(
      R"(<div class="table-wrap" role="region" aria-label="Calendar" tabindex="0"><table class="calendar"><caption>{}: {}, {} (UTC)</caption><thead><tr><th scope="col">Mon</th><th scope="col">Tue</th><th scope="col">Wed</th><th scope="col">Thu</th><th scope="col">Fri</th><th scope="col">Sat</th><th scope="col">Sun</th></tr></thead><tbody>{}</tbody></table></div>)",
      month.label(),
      std::to_string(meeting_count) + (meeting_count == 1 ? " meeting" : " meetings"),
      std::to_string(action_count) + (action_count == 1 ? " action due date" : " action due dates"),
      weeks);
  Html body = html(
      "{}{}{}{}", ui::breadcrumb({{"Meetings", "/meetings"}, {"Calendar", ""}}),
      ui::page_header("Calendar · " + month.label(),
                      "Meetings and the due dates of actions, by day (UTC)", register_actions(ctx)),
      nav, grid);
  return page(s, ctx, "Calendar " + month.label(), "meetings", body);
}

// ---------------------------------------------------------------- new / edit

namespace {

struct MeetingValues {
  std::string type = "executive_committee", title, starts_at, duration_minutes = "60", place,
              chair_id;
  std::vector<std::string> invitees;
  std::int64_t row_version = 0;
};

MeetingValues meeting_values(const Form& f) {
  MeetingValues v{f.get("type"),
                  f.get("title"),
                  f.get("starts_at"),
                  f.get("duration_minutes"),
                  f.get("place"),
                  f.get("chair_id"),
                  {},
                  int_or(f.get("row_version"), 0)};
  auto [lo, hi] = f.all().equal_range("invitees");
  for (auto it = lo; it != hi; ++it) {
    v.invitees.push_back(it->second);
  }
  return v;
}

MeetingValues values_of(const MeetingView& v) {
  MeetingValues r;
  r.type = meeting_type_name(v.meeting.type);
  r.title = v.meeting.title;
  r.starts_at = local_input(v.meeting.starts_at);
  r.duration_minutes = std::to_string(v.meeting.duration_minutes);
  r.place = v.meeting.place;
  r.chair_id = v.meeting.chair ? v.meeting.chair->str() : "";
  for (const auto& a : v.attendees) {
    r.invitees.push_back(a.person.str());
  }
  r.row_version = v.meeting.row_version;
  return r;
}

MeetingFields fields_from(const MeetingValues& v, Validation& val) {
  MeetingFields f;
  if (auto t = parse_meeting_type(v.type)) {
    f.type = *t;
  } else {
    val.add("type", "choose a type");
  }
  f.title = v.title;
  if (auto t = parse_local(v.starts_at)) {
    f.starts_at = *t;
  } else {
    val.add("starts_at", "must be a date and time like 2026-03-31T09:00 (UTC)");
  }
  auto n = int_or(std::string(core::trim(v.duration_minutes)), INT64_MIN);
  if (n == INT64_MIN || n < -1'000'000 || n > 1'000'000) {
    val.add("duration_minutes", "must be a whole number of minutes");
  } else {
    f.duration_minutes = static_cast<int>(n);
  }
  f.place = v.place;
  f.chair = person_from(v.chair_id, "chair_id", val);
  for (const auto& x : v.invitees) {
    if (auto p = person_from(x, "invitees", val)) {
      f.invitees.push_back(*p);
    }
  }
  return f;
}

// When the form itself has errors the service is not called; the model's validation adds its
// messages for the other fields so one submission shows every problem.
Error with_model_errors(Validation& val, MeetingFields f) {
  normalise(f);
  validate(f, val);
  return val.error();
}

Html meeting_fields(const std::vector<PersonChoice>& people, const MeetingValues& v, const Error* e,
                    bool editing) {
  using ui::error_for;
  std::vector<ui::Option> types;
  for (MeetingType t : kAllMeetingTypes) {
    types.push_back({std::string(meeting_type_name(t)), std::string(meeting_type_label(t))});
  }
  Html type =
      editing
          ? html(R"({}<p><strong>Type:</strong> {} <span class="muted">(cannot change)</span></p>)",
                 ui::hidden_field("type", v.type),
                 parse_meeting_type(v.type) ? meeting_type_label(*parse_meeting_type(v.type))
                                            : std::string_view(v.type))
          : ui::select_field("type", "Type", types, v.type, error_for(e, "type"),
                             {.hint = "A management review gets its agenda generated from "
                                      "the inputs of ISO/IEC 27001 9.3.2 a–g"});
  return html(
      R"(<fieldset><legend>Meeting</legend>{}{}<div class="grid">{}{}</div>{}{}{}</fieldset>)",
      type,
      ui::text_field(
          "title", "Title", v.title, error_for(e, "title"),
          {.required = true, .maxlength = 200, .placeholder = "Executive committee, March 2026"}),
      ui::text_field(
          "starts_at", "Date and time (UTC)", v.starts_at, error_for(e, "starts_at"),
          {.type = "datetime-local", .required = true, .hint = "In UTC, e.g. 2026-03-31T09:00"}),
      ui::text_field(
          "duration_minutes", "Duration (minutes)", v.duration_minutes,
          error_for(e, "duration_minutes"),
          {.type = "number", .required = true, .hint = "5 to 1440", .inputmode = "numeric"}),
      ui::text_field("place", "Place or link", v.place, error_for(e, "place"),
                     {.maxlength = 500, .placeholder = "Board room, or https://meet…"}),
      ui::select_field("chair_id", "Chair", person_options(people, "— no chair yet —"), v.chair_id,
                       error_for(e, "chair_id"),
                       {.hint = "Signs the minutes; must be top management to sign"}),
      invitee_select(people, v.invitees, error_for(e, "invitees")));
}

Html new_page(const Services& s, const http::Context& ctx, const MeetingValues& v, const Error* e) {
  return html("{}{}{}{}", ui::breadcrumb({{"Meetings", "/meetings"}, {"New meeting", ""}}),
              ui::page_header("New meeting",
                              "Attendance, agenda and minutes are recorded on the "
                              "meeting page."),
              summary(e),
              ui::post_form("/meetings", csrf(ctx),
                            html("{}{}", meeting_fields(people_choices(s, ctx), v, e, false),
                                 ui::submit_button("Create meeting"))));
}

Html edit_page(const Services& s, const http::Context& ctx, MeetingId id, const MeetingValues& v,
               const Error* e) {
  return html(
      "{}{}{}{}",
      ui::breadcrumb({{"Meetings", "/meetings"}, {v.title, meeting_url(id)}, {"Edit", ""}}),
      ui::page_header("Edit " + v.title), summary(e),
      ui::post_form(meeting_url(id), csrf(ctx),
                    html("{}{}{}", ui::hidden_field("row_version", std::to_string(v.row_version)),
                         meeting_fields(people_choices(s, ctx), v, e, true),
                         ui::submit_button("Save changes"))));
}

}  // namespace

http::Response new_form(const Services& s, http::Context& ctx) {
  MeetingValues v;
  if (auto t = ctx.req.query_param("type"); parse_meeting_type(t)) {
    v.type = t;
  }
  return page(s, ctx, "New meeting", "meetings", new_page(s, ctx, v, nullptr));
}

http::Response create(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  auto v = meeting_values(form);
  Validation val;
  auto f = fields_from(v, val);
  Result<MeetingId> r = val.ok() ? meetings::create(s.env(), caller_of(ctx), f)
                                 : Result<MeetingId>(with_model_errors(val, f));
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "New meeting", "meetings", new_page(s, ctx, v, &e), 422);
  }
  return see_other(meeting_url(*r), "meeting-created");
}

http::Response edit_form(const Services& s, http::Context& ctx) {
  auto v = must(view(s.env(), caller_of(ctx), api::meeting_param(ctx)));
  if (v.meeting.frozen()) {
    throw ErrorException(
        fail(Errc::conflict, v.meeting.status == MeetingStatus::cancelled
                                 ? "This meeting is cancelled."
                                 : "Signed minutes are immutable: add an addendum."));
  }
  return page(s, ctx, "Edit " + v.meeting.title, "meetings",
              edit_page(s, ctx, v.meeting.id, values_of(v), nullptr));
}

http::Response update(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  auto v = meeting_values(form);
  Validation val;
  auto f = fields_from(v, val);
  mandate::Status r = val.ok() ? meetings::update(s.env(), caller_of(ctx), id, f, v.row_version)
                               : mandate::Status(with_model_errors(val, f));
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::stale) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Edit meeting", "meetings", edit_page(s, ctx, id, v, &e),
                e.code == Errc::stale ? 409 : 422);
  }
  return see_other(meeting_url(id), "meeting-saved");
}

// ---------------------------------------------------------------- meeting page

namespace {

struct PageState {
  const Services& s;
  const http::Context& ctx;
  const MeetingView& v;
  const FormError* fe;
  std::vector<PersonChoice> people;
  bool editable = false;  // an editor, and the meeting is planned
};

// Whether the signed-in user is the chair's person (matched by e-mail, as the people register
// links accounts), for showing the signature form; the service decides.
bool viewer_is_chair(const PageState& p) {
  if (!p.v.meeting.chair) {
    return false;
  }
  const std::string email = core::ascii_lower(p.ctx.who().email);
  for (const auto& c : p.people) {
    if (c.id == *p.v.meeting.chair) {
      return !email.empty() && c.email == email;
    }
  }
  return false;
}

std::string item_label(const MeetingView& v, const std::optional<ItemId>& id) {
  if (!id) {
    return "—";
  }
  for (const auto& i : v.items) {
    if (i.id == *id) {
      return std::to_string(i.position) + ". " + i.title;
    }
  }
  return "—";
}

std::vector<ui::Option> item_options(const MeetingView& v) {
  std::vector<ui::Option> out{{"", "— none —"}};
  for (const auto& i : v.items) {
    out.push_back({i.id.str(), std::to_string(i.position) + ". " + i.title});
  }
  return out;
}

Html facts(const PageState& p) {
  const Meeting& m = p.v.meeting;
  std::vector<ui::Term> t{
      {"Status", status_badge(m, p.s.clock.now())},
      {"Type", type_badge(m.type)},
      {"Date and time", html("{} · {} minutes", when(m.starts_at), m.duration_minutes)},
      {"Place or link", place_html(m.place)},
      {"Chair", p.v.chair_name.empty() ? html(R"(<span class="muted">none yet</span>)")
                                       : html(R"(<a href="/people/{}">{}</a>)",
                                              m.chair ? m.chair->value : 0, p.v.chair_name)}};
  if (m.is_review()) {
    t.push_back({"Previous review",
                 m.previous_review ? html(R"(<a href="{}">meeting {}</a>)",
                                          meeting_url(*m.previous_review), m.previous_review->value)
                                   : html(R"(<span class="muted">none: the first review</span>)")});
  }
  if (m.status == MeetingStatus::cancelled) {
    t.push_back({"Cancelled because", m.cancel_reason});
  }
  t.push_back({"Created by", m.created_by_label});
  t.push_back({"Record version", html("{} (updated {})", m.row_version, when(m.updated_at))});
  return ui::description_list(t);
}

Html attendance_select(std::string_view id, Attendance current) {
  Html opts;
  for (Attendance a : {Attendance::present, Attendance::excused, Attendance::absent}) {
    opts += html(R"(<option value="{}"{}>{}</option>)", attendance_name(a),
                 Html::trusted(a == current ? " selected" : ""), attendance_label(a));
  }
  if (current == Attendance::invited) {
    opts = html(R"(<option value="" selected disabled>Choose…</option>)") + opts;
  }
  return html(R"(<select id="{}" name="attendance" required>{}</select>)", id, opts);
}

Html attendance_section(const PageState& p) {
  const Meeting& m = p.v.meeting;
  std::vector<ui::Row> rows;
  int present = 0, tm_present = 0, tm = 0;
  for (const auto& a : p.v.attendees) {
    present += a.attendance == Attendance::present;
    tm += a.top_management;
    tm_present += a.top_management && a.attendance == Attendance::present;
    Html control;
    if (p.editable) {
      const std::string id = "att-" + a.person.str();
      control = ui::post_form(
          meeting_url(m.id) + "/attendance", csrf(p.ctx),
          html(R"({}<label class="visually-hidden" for="{}">Attendance of {}</label>{}{})",
               ui::hidden_field("person_id", a.person.str()), id, a.name,
               attendance_select(id, a.attendance),
               ui::submit_button("Save", ButtonKind::secondary)),
          {.css_class = "inline", .aria_label = "Attendance of " + a.name});
    }
    ui::Row row{
        html(R"(<a href="/people/{}">{}</a>{})", a.person.value, a.name,
             m.chair && *m.chair == a.person ? html(" {}", ui::badge(ui::Tone::info, "Chair"))
                                             : Html()),
        text(a.department.empty() ? "—" : a.department),
        a.top_management ? ui::badge(ui::Tone::info, "Top management") : html("—"),
        attendance_badge(a.attendance)};
    if (p.editable) {
      row.push_back(control);
    }
    rows.push_back(std::move(row));
  }
  std::vector<ui::Column> cols{"Name", "Department", "Top management", "Attendance"};
  if (p.editable) {
    cols.push_back({"Record attendance", false, true});
  }
  Html add;
  if (p.editable) {
    const Error* e = error_of(p.fe, "attendance");
    std::vector<ui::Option> att{{"invited", "Invited (not recorded yet)"},
                                {"present", "Present"},
                                {"excused", "Excused"},
                                {"absent", "Absent"}};
    add =
        html(R"(<details{}><summary>Add someone who was not invited</summary>{}{}</details>)",
             Html::trusted(e ? " open" : ""), summary(e, "add-"),
             ui::post_form(
                 meeting_url(m.id) + "/attendance", csrf(p.ctx),
                 html(R"(<div class="grid">{}{}</div>{})",
                      ui::select_field(
                          "person_id", "Person", person_options(p.people, "— choose —"), "",
                          ui::error_for(e, "person_id"), {.required = true, .id = "add-person_id"}),
                      ui::select_field("attendance", "Attendance", att, "present",
                                       ui::error_for(e, "attendance"), {.id = "add-attendance"}),
                      ui::submit_button("Add", ButtonKind::secondary))));
  }
  return html(
      R"(<section aria-labelledby="att-h" id="attendance"><h2 id="att-h">Attendance</h2><p>{} present of {} invited; top management present: <strong>{}</strong> of {} designated invitees (designation on the meeting's date).</p>{}{}</section>)",
      present, p.v.attendees.size(), tm_present, tm,
      ui::table("Invitees and attendance", cols, rows, "Nobody is invited yet."), add);
}

Html item_form(const PageState& p, const AgendaItem& i, const std::string& return_to,
               bool open = false) {
  const std::string form = "item-" + i.id.str();
  const Error* e = error_of(p.fe, form);
  const std::string pre = "i" + i.id.str() + "-";
  using ui::error_for;
  Html title = i.review_input
                   ? ui::hidden_field("title", i.title)
                   : ui::text_field("title", "Title", i.title, error_for(e, "title"),
                                    {.required = true, .maxlength = 300, .id = pre + "title"});
  return html(
      R"(<details class="item-edit"{}><summary>Edit this item: minutes, topics, presenter and material</summary>{}{}</details>)",
      Html::trusted(e || open ? " open" : ""), summary(e, pre),
      ui::post_form(
          meeting_url(p.v.meeting.id) + "/items/" + i.id.str(), csrf(p.ctx),
          html("{}{}{}{}{}<div class=\"grid\">{}</div>{}{}",
               ui::hidden_field("row_version", std::to_string(i.row_version)),
               return_to.empty() ? Html() : ui::hidden_field("return", return_to), title,
               topic_boxes(pre, i.tags, error_for(e, "tags")),
               ui::textarea_field("minutes", "Minutes (Markdown)", i.minutes,
                                  error_for(e, "minutes"), {.id = pre + "minutes", .rows = 6}),
               ui::text_field("presenter", "Presenter", i.presenter, error_for(e, "presenter"),
                              {.maxlength = 200, .id = pre + "presenter"}),
               ui::textarea_field("material", "Presenter's material (Markdown)", i.material,
                                  error_for(e, "material"), {.id = pre + "material", .rows = 4}),
               ui::submit_button("Save item", ButtonKind::secondary))));
}

Html agenda_section(const PageState& p) {
  const Meeting& m = p.v.meeting;
  Html items;
  for (const auto& i : p.v.items) {
    Html input =
        i.review_input
            ? html(R"( <a class="badge status-info" href="{}/review?step={}">Input {} (9.3.2)</a>)",
                   meeting_url(m.id), review_input_letter(*i.review_input),
                   review_input_letter(*i.review_input))
            : Html();
    Html presenter =
        i.presenter.empty() ? Html() : html(R"(<p class="muted">Presented by {}</p>)", i.presenter);
    Html minutes = i.minutes.empty() ? html(R"(<p class="muted">No minutes recorded.</p>)")
                                     : rendered(i.minutes);
    Html material = i.material.empty()
                        ? Html()
                        : html(R"(<details><summary>Presenter's material</summary>{}</details>)",
                               rendered(i.material));
    Html controls;
    if (p.editable) {
      controls = item_form(p, i, "");
      if (!i.review_input) {
        controls += ui::action_button(
            meeting_url(m.id) + "/items/" + i.id.str() + "/remove", csrf(p.ctx), "Remove item",
            ButtonKind::danger, "Remove this agenda item? Decisions linked to it keep their text.");
      }
    }
    items += html(
        R"(<article class="agenda-item" id="item-{}"><header><h3>{}. {}</h3><p>{}{}</p></header>{}{}{}{}</article>)",
        i.id.value, i.position, i.title, tag_badges(i.tags), input, presenter, minutes, material,
        controls);
  }
  if (p.v.items.empty()) {
    items = ui::empty_state("No agenda items yet.");
  }
  Html add;
  if (p.editable) {
    const Error* e = error_of(p.fe, "item-new");
    using ui::error_for;
    add = html(
        R"(<details{}><summary>Add an agenda item</summary>{}{}</details>)",
        Html::trusted(e ? " open" : ""), summary(e, "new-"),
        ui::post_form(
            meeting_url(m.id) + "/items", csrf(p.ctx),
            html("{}{}{}<div class=\"grid\">{}</div>{}{}",
                 ui::text_field("title", "Title", "", error_for(e, "title"),
                                {.required = true, .maxlength = 300, .id = "new-title"}),
                 topic_boxes("new-", {Topic::information_security}, error_for(e, "tags")),
                 ui::textarea_field("minutes", "Minutes (Markdown)", "", error_for(e, "minutes"),
                                    {.id = "new-minutes", .rows = 4}),
                 ui::text_field("presenter", "Presenter", "", error_for(e, "presenter"),
                                {.maxlength = 200, .id = "new-presenter"}),
                 ui::textarea_field("material", "Presenter's material (Markdown)", "",
                                    error_for(e, "material"), {.id = "new-material", .rows = 3}),
                 ui::submit_button("Add item"))));
  }
  return html(
      R"(<section aria-labelledby="agenda-h" id="agenda"><h2 id="agenda-h">Agenda and minutes</h2>{}{}</section>)",
      items, add);
}

std::vector<ui::Option> decision_type_options() {
  std::vector<ui::Option> out;
  for (DecisionType t : kAllDecisionTypes) {
    out.push_back({std::string(decision_type_name(t)), std::string(decision_type_label(t))});
  }
  return out;
}

Html decision_fields(const PageState& p, const std::string& pre, const Error* e,
                     const std::string& text_v, DecisionType type, const std::string& item,
                     const std::string& owner, const std::string& due) {
  using ui::error_for;
  return html("{}<div class=\"grid\">{}{}</div><div class=\"grid\">{}{}</div>",
              ui::textarea_field("text", "Decision", text_v, error_for(e, "text"),
                                 {.required = true, .id = pre + "text", .rows = 3}),
              ui::select_field("type", "Type", decision_type_options(), decision_type_name(type),
                               error_for(e, "type"), {.id = pre + "type"}),
              ui::select_field("item_id", "Agenda item", item_options(p.v), item,
                               error_for(e, "item_id"), {.id = pre + "item_id"}),
              ui::select_field("owner_id", "Owner", person_options(p.people, "— no owner —"), owner,
                               error_for(e, "owner_id"), {.id = pre + "owner_id"}),
              ui::text_field("due_on", "Due date", due, error_for(e, "due_on"),
                             {.type = "date",
                              .hint = "With an owner, the decision becomes an action",
                              .id = pre + "due_on"}));
}

Html decision_action(const DecisionRow& d) {
  if (!d.decision.action_id) {
    return html(R"(<span class="muted">no action (needs an owner and a due date)</span>)");
  }
  return html(R"(<a href="/actions/{}">Action {}</a> {})", *d.decision.action_id,
              *d.decision.action_id,
              d.action_status ? action_state_badge(*d.action_status) : Html());
}

Html decisions_table(const PageState& p, const std::vector<const DecisionRow*>& rows,
                     const std::string& return_to, std::string_view caption) {
  std::vector<ui::Row> out;
  for (const DecisionRow* dp : rows) {
    const DecisionRow& d = *dp;
    const Decision& x = d.decision;
    ui::Row row{text(x.text),
                text(decision_type_label(x.type)),
                text(item_label(p.v, x.item)),
                text(d.owner_name.empty() ? "—" : d.owner_name),
                day(x.due_on),
                decision_action(d)};
    if (p.editable) {
      const std::string form = "decision-" + x.id.str();
      const Error* e = error_of(p.fe, form);
      const std::string pre = "d" + x.id.str() + "-";
      row.push_back(html(
          R"(<details{}><summary>Edit</summary>{}{}</details>{})", Html::trusted(e ? " open" : ""),
          summary(e, pre),
          ui::post_form(
              meeting_url(p.v.meeting.id) + "/decisions/" + x.id.str(), csrf(p.ctx),
              html("{}{}{}{}", ui::hidden_field("row_version", std::to_string(x.row_version)),
                   return_to.empty() ? Html() : ui::hidden_field("return", return_to),
                   decision_fields(p, pre, e, x.text, x.type, x.item ? x.item->str() : "",
                                   x.owner ? x.owner->str() : "",
                                   x.due_on ? core::format_date(*x.due_on) : ""),
                   ui::submit_button("Save decision", ButtonKind::secondary))),
          ui::action_button(meeting_url(p.v.meeting.id) + "/decisions/" + x.id.str() + "/remove",
                            csrf(p.ctx), "Remove", ButtonKind::danger,
                            "Remove this decision? Its action is cancelled.")));
    }
    out.push_back(std::move(row));
  }
  std::vector<ui::Column> cols{"Decision", "Type", "Agenda item", "Owner", "Due", "Action"};
  if (p.editable) {
    cols.push_back({"Change", false, true});
  }
  return ui::table(caption, cols, out, "No decision recorded yet.");
}

Html add_decision_form(const PageState& p, const std::string& return_to, DecisionType type,
                       const std::string& item, bool open) {
  const Error* e = error_of(p.fe, "decision-new");
  return html(R"(<details{}><summary>Record a decision</summary>{}{}</details>)",
              Html::trusted(e || open ? " open" : ""), summary(e, "nd-"),
              ui::post_form(
                  meeting_url(p.v.meeting.id) + "/decisions", csrf(p.ctx),
                  html("{}{}{}", return_to.empty() ? Html() : ui::hidden_field("return", return_to),
                       decision_fields(p, "nd-", e, "", type, item, "", ""),
                       ui::submit_button("Record decision"))));
}

Html decisions_section(const PageState& p) {
  std::vector<const DecisionRow*> rows;
  for (const auto& d : p.v.decisions) {
    rows.push_back(&d);
  }
  return html(
      R"(<section aria-labelledby="dec-h" id="decisions"><h2 id="dec-h">Decisions</h2>{}{}</section>)",
      decisions_table(p, rows, "", "Decisions and their actions"),
      p.editable ? add_decision_form(p, "", DecisionType::other, "", false) : Html());
}

std::string size_text(std::int64_t n) {
  if (n < 1024) {
    return std::to_string(n) + " B";
  }
  if (n < 1024 * 1024) {
    return std::to_string((n + 512) / 1024) + " KiB";
  }
  char b[32];
  std::snprintf(b, sizeof b, "%.1f MiB", static_cast<double>(n) / (1024.0 * 1024.0));
  return b;
}

Html attachments_section(const PageState& p) {
  const Meeting& m = p.v.meeting;
  std::vector<ui::Row> rows;
  for (const auto& a : p.v.attachments) {
    ui::Row row{html(R"(<a href="{}/attachments/{}" download>{}</a>)", meeting_url(m.id),
                     a.id.value, a.file_name),
                text(a.media_type),
                text(size_text(a.size)),
                hash_code(a.sha256),
                when(a.received_at),
                day(a.effective_on),
                text(item_label(p.v, a.item)),
                text(a.uploaded_by_label)};
    if (p.editable) {
      row.push_back(ui::action_button(meeting_url(m.id) + "/attachments/" + a.id.str() + "/remove",
                                      csrf(p.ctx), "Remove", ButtonKind::danger,
                                      "Remove this attachment from the meeting?"));
    }
    rows.push_back(std::move(row));
  }
  std::vector<ui::Column> cols{"File",           "Type",      {"Size", true}, "SHA-256",
                               "Received (UTC)", "Effective", "Agenda item",  "Uploaded by"};
  if (p.editable) {
    cols.push_back({"Remove", false, true});
  }
  Html form;
  if (p.editable) {
    const Error* e = error_of(p.fe, "upload");
    const std::string err(ui::error_for(e, "file"));
    const std::string today = core::format_date(core::days_since_epoch(p.s.clock.now()));
    form = html(
        R"(<details{}><summary>Upload evidence</summary>{}{}</details>)",
        Html::trusted(e ? " open" : ""), summary(e, "up-"),
        ui::post_form(
            meeting_url(m.id) + "/attachments", csrf(p.ctx),
            html(
                R"(<div class="field"><label for="up-file">File</label><small class="hint" id="up-file-hint">PDF, PNG, JPEG, Office or OpenDocument files, text, CSV or Markdown; at most 10 MiB. Stored once by its SHA-256 and always served as a download.</small><input id="up-file" name="file" type="file" required{}>{}</div><div class="grid">{}{}</div>{})",
                described_by("up-file", true, err), field_error("up-file", err),
                ui::text_field("effective_on", "Effective date", today,
                               ui::error_for(e, "effective_on"),
                               {.type = "date",
                                .required = true,
                                .hint = "The date of what the file shows (not after today)",
                                .id = "up-effective_on"}),
                ui::select_field("item_id", "Agenda item", item_options(p.v), "",
                                 ui::error_for(e, "item_id"), {.id = "up-item_id"}),
                ui::submit_button("Upload")),
            {.multipart = true}));
  }
  return html(
      R"(<section aria-labelledby="files-h" id="attachments"><h2 id="files-h">Attachments</h2>{}{}</section>)",
      ui::table("Evidence attached to the meeting", cols, rows, "No attachment yet."), form);
}

Html signature_block(const Meeting& m) {
  return html(
      R"(<div class="notice success signature-block" role="status"><p><strong>Signed by {}</strong> ({}) on {} — {}.</p><p>Content hash (SHA-256) of the frozen minutes: <code>{}</code></p><p>{}</p></div>)",
      m.signer_name, role_text(m.signer_role), when(m.signed_at), m.signature_meaning,
      m.content_hash,
      m.signoff_seq
          ? html(
                R"(Ledger entry <a href="/ledger?entity_type=meeting&amp;entity_id={}">#{}</a>. These minutes can no longer change; corrections are signed addenda.)",
                m.id.value, *m.signoff_seq)
          : html("These minutes can no longer change; corrections are signed addenda."));
}

// The sign-off panel: the signature once signed; before, what still blocks sign-off, or the
// password form for the chair.
Html signoff_panel(const PageState& p, const std::string& return_to) {
  const Meeting& m = p.v.meeting;
  if (m.status == MeetingStatus::signed_off) {
    return signature_block(m);
  }
  if (m.status == MeetingStatus::cancelled) {
    return ui::alert(ui::FlashKind::info, "This meeting was cancelled: there is nothing to sign.");
  }
  if (!p.v.signoff_blockers.empty()) {
    Html items;
    for (const auto& b : p.v.signoff_blockers) {
      items += html("<li>{}</li>", b);
    }
    return html(
        R"(<div class="notice" role="status"><p>The minutes cannot be signed yet:</p><ul class="signoff-blockers">{}</ul></div>)",
        items);
  }
  const std::string chair = p.v.chair_name.empty() ? "the chair" : p.v.chair_name;
  if (!can(p.ctx, kSigners) || !viewer_is_chair(p)) {
    return html(
        R"(<p>Ready for sign-off. Waiting for {} to sign with their password (the chair signs, as top management).</p>)",
        chair);
  }
  const Error* e = error_of(p.fe, "sign");
  const std::string meaning =
      m.is_review() ? "Management review signed off by the chair" : "Minutes approved by the chair";
  return html(
      R"(<div class="signoff-form"><p>Signing is an electronic signature: your printed name, role, the time and the meaning “{}” are recorded with the SHA-256 of the frozen minutes. After that the minutes cannot change{}.</p>{}{}</div>)",
      meaning, m.is_review() ? "; open actions from earlier reviews are carried over" : "",
      summary(e, "sign-"),
      ui::post_form(
          meeting_url(m.id) + "/sign", csrf(p.ctx),
          html("{}{}{}", return_to.empty() ? Html() : ui::hidden_field("return", return_to),
               ui::text_field("password", "Your password (to sign)", "",
                              ui::error_for(e, "password"),
                              {.type = "password",
                               .required = true,
                               .autocomplete = "current-password",
                               .id = "sign-password"}),
               ui::submit_button("Sign the minutes")),
          {.confirm = "Sign and freeze these minutes?"}));
}

Html addenda_section(const PageState& p) {
  const Meeting& m = p.v.meeting;
  if (m.status != MeetingStatus::signed_off && p.v.addenda.empty()) {
    return {};
  }
  Html list;
  for (const auto& a : p.v.addenda) {
    list += html(
        R"(<article class="addendum" id="addendum-{}"><header><p><strong>Addendum {}</strong> · signed by {} ({}) on {} — {}; hash {}</p></header>{}</article>)",
        a.id, a.id, a.signer_name, role_text(a.signer_role), when(a.signed_at), a.meaning,
        hash_code(a.content_hash), rendered(a.body));
  }
  if (p.v.addenda.empty()) {
    list = ui::empty_state("No addendum.");
  }
  Html form;
  if (m.status == MeetingStatus::signed_off && can(p.ctx, kAddendumSigners)) {
    const Error* e = error_of(p.fe, "addendum");
    form = html(
        R"(<details{}><summary>Add a signed addendum</summary><p class="muted">A dated correction to the signed minutes, signed with your password; the minutes themselves stay as signed.</p>{}{}</details>)",
        Html::trusted(e ? " open" : ""), summary(e, "add-"),
        ui::post_form(
            meeting_url(m.id) + "/addenda", csrf(p.ctx),
            html("{}{}{}",
                 ui::textarea_field("body", "Addendum (Markdown)", "", ui::error_for(e, "body"),
                                    {.required = true, .id = "add-body", .rows = 4}),
                 ui::text_field("password", "Your password (to sign)", "",
                                ui::error_for(e, "password"),
                                {.type = "password",
                                 .required = true,
                                 .autocomplete = "current-password",
                                 .id = "add-password"}),
                 ui::submit_button("Sign addendum"))));
  }
  return html(
      R"(<section aria-labelledby="addenda-h" id="addenda"><h2 id="addenda-h">Addenda</h2>{}{}</section>)",
      list, form);
}

Html history_table(const MeetingView& v) {
  std::vector<ui::Row> rows;
  for (const auto& e : v.history) {
    rows.push_back({html(R"(<a href="/ledger?entity_type=meeting&amp;entity_id={}">#{}</a>)",
                         v.meeting.id.value, e.seq),
                    when(e.at), text(e.actor.label), text(e.action),
                    html(R"(<code class="payload">{}</code>)", e.payload)});
  }
  return ui::table("History from the ledger, newest first",
                   {"Entry", "When (UTC)", "By", "Action", "What changed"}, rows,
                   "No ledger entries yet.");
}

Html cancel_section(const PageState& p) {
  if (!p.editable) {
    return {};
  }
  const Error* e = error_of(p.fe, "cancel");
  return html(
      R"(<section aria-labelledby="cancel-h"><h2 id="cancel-h">Cancel</h2><details{}><summary>Cancel this meeting</summary>{}{}</details></section>)",
      Html::trusted(e ? " open" : ""), summary(e, "cancel-"),
      ui::post_form(meeting_url(p.v.meeting.id) + "/cancel", csrf(p.ctx),
                    html("{}{}",
                         ui::textarea_field("reason", "Reason", "", ui::error_for(e, "reason"),
                                            {.required = true, .id = "cancel-reason", .rows = 2}),
                         ui::submit_button("Cancel meeting", ButtonKind::danger)),
                    {.confirm = "Cancel this meeting?"}));
}

Html export_links(MeetingId id) {
  return html(
      R"(<p class="export-links">Export: <a href="{}/minutes.html">HTML</a> | <a href="{}/minutes.pdf">PDF</a></p>)",
      meeting_url(id), meeting_url(id));
}

Html detail_page(const PageState& p) {
  const Meeting& m = p.v.meeting;
  Html actions;
  if (m.is_review()) {
    actions += ui::link_button(meeting_url(m.id) + "/review", "Review workspace");
  }
  if (p.editable) {
    actions += ui::link_button(meeting_url(m.id) + "/edit", "Edit", ButtonKind::secondary);
  }
  Html banner;
  if (m.status == MeetingStatus::signed_off) {
    banner =
        ui::alert(ui::FlashKind::success,
                  "Signed: these minutes are frozen. Corrections are added as signed addenda.");
  } else if (m.status == MeetingStatus::cancelled) {
    banner = ui::alert(ui::FlashKind::info, "Cancelled: " + m.cancel_reason);
  }
  return html(
      R"({}{}{}{}{}{}{}{}{}<section aria-labelledby="signoff-h" id="signoff"><h2 id="signoff-h">Sign-off</h2>{}</section>{}{}<section aria-labelledby="history-h"><h2 id="history-h">History</h2>{}</section>)",
      ui::breadcrumb({{"Meetings", "/meetings"}, {m.title, ""}}),
      ui::page_header(
          m.title, std::string(meeting_type_label(m.type)) + " · " + iso(m.starts_at).substr(0, 10),
          actions),
      banner, export_links(m.id), facts(p), attendance_section(p), agenda_section(p),
      decisions_section(p), attachments_section(p), signoff_panel(p, ""), addenda_section(p),
      cancel_section(p), history_table(p.v));
}

http::Response detail_with(const Services& s, const http::Context& ctx, MeetingId id,
                           const FormError* fe) {
  auto by = caller_of(ctx);
  auto v = must(view(s.env(), by, id));
  PageState p{s, ctx, v, fe, people_choices(s, ctx), false};
  p.editable = can(ctx, kEditors) && !v.meeting.frozen();
  return page(s, ctx, v.meeting.title, "meetings", detail_page(p),
              fe ? (fe->error.code == Errc::stale ? 409 : 422) : 200);
}

}  // namespace

http::Response detail(const Services& s, http::Context& ctx) {
  return detail_with(s, ctx, api::meeting_param(ctx), nullptr);
}

// ---------------------------------------------------------------- review workspace

namespace {

const char* kStepsAfter[] = {"outputs", "signoff"};

std::string step_title(std::string_view step) {
  if (step == "outputs") {
    return "Outputs: decisions and actions";
  }
  if (step == "signoff") {
    return "Sign-off";
  }
  auto in = parse_review_input(step);
  return std::string(step) + ". " + std::string(review_input_title(*in));
}

std::string number_text(double v, std::string_view unit) {
  char b[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(b, sizeof b, "%.0f", v);
  } else {
    std::snprintf(b, sizeof b, "%.1f", v);
  }
  std::string out = b;
  if (unit == "%") {
    return out + "%";
  }
  return unit.empty() ? out : out + " " + std::string(unit);
}

Html change_cell(const InputMetric& m) {
  if (!m.previous) {
    return html(R"(<span class="muted">—</span>)");
  }
  const double d = m.value - *m.previous;
  if (std::fabs(d) < 1e-9) {
    return html(
        R"(<span aria-hidden="true">→</span> <span class="visually-hidden">unchanged</span>0)");
  }
  const std::string amount = number_text(std::fabs(d), m.unit == "%" ? "%" : "");
  return d > 0
             ? html(
                   R"(<span aria-hidden="true">↑</span> <span class="visually-hidden">up by</span>+{})",
                   amount)
             : html(
                   R"(<span aria-hidden="true">↓</span> <span class="visually-hidden">down by</span>−{})",
                   amount);
}

Html record_link(const std::string& label, const std::string& href) {
  return href.empty() ? text(label) : html(R"(<a href="{}">{}</a>)", ui::safe_href(href), label);
}

Html section_html(const InputSection& sec) {
  Html metrics;
  if (!sec.metrics.empty()) {
    Html rows;
    for (const auto& m : sec.metrics) {
      Html value = m.flag ? html(R"({} <span class="visually-hidden">(a bad sign)</span>)",
                                 ui::badge(ui::Tone::bad, number_text(m.value, m.unit)))
                          : text(number_text(m.value, m.unit));
      rows += html(
          R"(<tr{}><th scope="row">{}</th><td class="numeric">{}</td><td class="numeric">{}</td><td class="numeric">{}</td></tr>)",
          Html::trusted(m.flag ? R"( class="flag")" : ""), record_link(m.label, m.href), value,
          m.previous ? text(number_text(*m.previous, m.unit)) : html("—"), change_cell(m));
    }
    metrics = html(
        R"(<div class="table-wrap" role="region" aria-label="{} figures" tabindex="0"><table class="input-metrics"><caption>Figures now and at the previous review</caption><thead><tr><th scope="col">Figure</th><th scope="col">Now</th><th scope="col">Previous review</th><th scope="col">Change</th></tr></thead><tbody>{}</tbody></table></div>)",
        sec.title, rows);
  }
  Html rows;
  if (sec.rows.empty()) {
    rows = sec.empty_text.empty() ? Html() : ui::empty_state(sec.empty_text);
  } else {
    Html body;
    for (const auto& r : sec.rows) {
      body += html(R"(<tr{}><td>{}</td><td>{}</td><td>{}</td></tr>)",
                   Html::trusted(r.flag ? R"( class="flag")" : ""), record_link(r.label, r.href),
                   r.detail.empty() ? html("—") : text(r.detail),
                   r.flag ? ui::badge(ui::Tone::bad, r.status) : text(r.status));
    }
    rows = html(
        R"(<div class="table-wrap" role="region" aria-label="{} records" tabindex="0"><table class="input-rows"><caption>Records ({})</caption><thead><tr><th scope="col">Record</th><th scope="col">Detail</th><th scope="col">Status</th></tr></thead><tbody>{}</tbody></table></div>)",
        sec.title, sec.rows.size(), body);
  }
  return html(R"(<section class="input-section" aria-label="{}"><h3>{}</h3>{}{}</section>)",
              sec.title, sec.title, metrics, rows);
}

const AgendaItem* item_for(const MeetingView& v, ReviewInput in) {
  for (const auto& i : v.items) {
    if (i.review_input && *i.review_input == in) {
      return &i;
    }
  }
  return nullptr;
}

Html stepper(MeetingId id, const ReviewInputs& ri, std::string_view current) {
  Html items;
  auto li = [&](const std::string& step, const std::string& label, Html mark) {
    const bool here = step == current;
    items += html(R"(<li><a href="{}/review?step={}"{}>{}</a>{}</li>)", meeting_url(id), step,
                  Html::trusted(here ? R"( aria-current="step")" : ""),
                  here ? html("<strong>{}</strong>", label) : text(label), mark);
  };
  for (const auto& d : ri.inputs) {
    const std::string step(1, review_input_letter(d.input));
    li(step, step + ". " + std::string(review_input_title(d.input)),
       d.to_be_presented() ? html(" {}", ui::badge(ui::Tone::warn, "To be presented"))
                           : html(" {}", ui::badge(ui::Tone::ok, "From the records")));
  }
  li("outputs", "Outputs: decisions and actions", Html());
  li("signoff", "Sign-off", Html());
  return html(R"(<nav class="review-steps" aria-label="Management review steps"><ol>{}</ol></nav>)",
              items);
}

std::vector<std::string> all_steps(const ReviewInputs& ri) {
  std::vector<std::string> out;
  for (const auto& d : ri.inputs) {
    out.emplace_back(1, review_input_letter(d.input));
  }
  for (const char* s : kStepsAfter) {
    out.emplace_back(s);
  }
  return out;
}

Html step_nav(MeetingId id, const std::vector<std::string>& steps, std::string_view current) {
  auto it = std::find(steps.begin(), steps.end(), current);
  Html prev, next;
  if (it != steps.end() && it != steps.begin()) {
    prev = ui::link_button(meeting_url(id) + "/review?step=" + *(it - 1),
                           "← " + step_title(*(it - 1)), ButtonKind::outline);
  }
  if (it != steps.end() && it + 1 != steps.end()) {
    next = ui::link_button(meeting_url(id) + "/review?step=" + *(it + 1),
                           step_title(*(it + 1)) + " →", ButtonKind::secondary);
  }
  return html(R"(<p class="actions step-nav">{}{}</p>)", prev, next);
}

Html input_step(const PageState& p, const ReviewInputs& ri, ReviewInput in) {
  const InputData* d = nullptr;
  for (const auto& x : ri.inputs) {
    if (x.input == in) {
      d = &x;
    }
  }
  const AgendaItem* item = item_for(p.v, in);
  const std::string step(1, review_input_letter(in));
  Html data;
  if (d == nullptr || d->to_be_presented()) {
    Html who = item && !item->presenter.empty()
                   ? html("Presenter: <strong>{}</strong>.", item->presenter)
                   : html(R"(<span class="muted">No presenter named yet.</span>)");
    data = html(
        R"(<div class="notice to-be-presented"><p>{} Mandate has no records for this input yet: it is presented at the meeting. {}</p></div>{})",
        ui::badge(ui::Tone::warn, "To be presented"), who,
        item && !item->material.empty()
            ? html(R"(<h3>Presenter's material</h3>{})", rendered(item->material))
            : html(R"(<p class="muted">No material attached yet.</p>)"));
  } else {
    for (const auto& sec : d->sections) {
      data += section_html(sec);
    }
  }
  Html discussion;
  if (item != nullptr) {
    discussion = html(
        R"(<section aria-labelledby="disc-h"><h3 id="disc-h">Discussion (minutes of this input)</h3>{}{}</section>)",
        item->minutes.empty() ? html(R"(<p class="muted">No minutes recorded.</p>)")
                              : rendered(item->minutes),
        p.editable ? item_form(p, *item, "review-" + step,
                               (d == nullptr || d->to_be_presented()) && item->material.empty())
                   : Html());
  }
  return html(
      R"(<section aria-labelledby="step-h"><h2 id="step-h">{}</h2><p class="muted">ISO/IEC 27001 9.3.2 {}{}</p>{}{}</section>)",
      step_title(step), step,
      ri.frozen ? " · frozen at sign-off"
                : " · live from the records, with the change since the previous review",
      data, discussion);
}

Html outputs_step(const PageState& p) {
  std::vector<const DecisionRow*> outputs, others;
  for (const auto& d : p.v.decisions) {
    const auto t = d.decision.type;
    (t == DecisionType::improvement || t == DecisionType::isms_change || t == DecisionType::resource
         ? outputs
         : others)
        .push_back(&d);
  }
  // The generated "Outputs" item (the first one that is not an input) is the default link.
  std::string outputs_item;
  for (const auto& i : p.v.items) {
    if (!i.review_input && outputs_item.empty()) {
      outputs_item = i.id.str();
    }
  }
  return html(
      R"(<section aria-labelledby="step-h"><h2 id="step-h">Outputs: decisions and actions</h2><p class="muted">ISO/IEC 27001 9.3.3: decisions on continual improvement opportunities, on any need for changes to the ISMS, and on resources. A decision with an owner and a due date becomes an action, followed up at the next review.</p>{}{}{}</section>)",
      decisions_table(p, outputs, "review-outputs",
                      "Improvement, ISMS change and resource decisions"),
      others.empty() ? Html() : decisions_table(p, others, "review-outputs", "Other decisions"),
      p.editable ? add_decision_form(p, "review-outputs", DecisionType::improvement, outputs_item,
                                     outputs.empty())
                 : Html());
}

Html signoff_step(const PageState& p) {
  int present = 0, tm_present = 0;
  for (const auto& a : p.v.attendees) {
    present += a.attendance == Attendance::present;
    tm_present += a.top_management && a.attendance == Attendance::present;
  }
  return html(
      R"(<section aria-labelledby="step-h"><h2 id="step-h">Sign-off</h2><p>{} present, of whom {} top management; {} decisions. <a href="{}#attendance">Record attendance on the meeting page</a>.</p>{}{}</section>)",
      present, tm_present, p.v.decisions.size(), meeting_url(p.v.meeting.id),
      signoff_panel(p, "review-signoff"), export_links(p.v.meeting.id));
}

http::Response review_with(const Services& s, const http::Context& ctx, MeetingId id,
                           std::string step, const FormError* fe) {
  auto by = caller_of(ctx);
  auto v = must(view(s.env(), by, id));
  auto ri = must(meetings::review_inputs(s.env(), by, id));
  const auto steps = all_steps(ri);
  if (step.empty()) {
    step = "a";
  }
  if (std::find(steps.begin(), steps.end(), step) == steps.end()) {
    throw ErrorException(Error::invalid("step", "must be one of a–g, outputs, signoff"));
  }
  PageState p{s, ctx, v, fe, people_choices(s, ctx), false};
  p.editable = can(ctx, kEditors) && !v.meeting.frozen();
  Html content = step == "outputs"   ? outputs_step(p)
                 : step == "signoff" ? signoff_step(p)
                                     : input_step(p, ri, *parse_review_input(step));
  Html banner = v.meeting.status == MeetingStatus::signed_off
                    ? ui::alert(ui::FlashKind::success,
                                "Signed: the inputs below are the snapshot frozen at sign-off.")
                    : Html();
  Html body =
      html(R"({}{}{}<div class="review-workspace">{}<div class="review-step">{}{}</div></div>)",
           ui::breadcrumb({{"Meetings", "/meetings"},
                           {v.meeting.title, meeting_url(id)},
                           {"Review workspace", ""}}),
           ui::page_header("Management review · " + v.meeting.title,
                           "Inputs a–g from the records, outputs, sign-off (ISO/IEC 27001 9.3)",
                           ui::link_button(meeting_url(id), "Meeting page", ButtonKind::outline)),
           banner, stepper(id, ri, step), content, step_nav(id, steps, step));
  return page(s, ctx, "Review " + v.meeting.title, "meetings", body,
              fe ? (fe->error.code == Errc::stale ? 409 : 422) : 200);
}

// Runs a change; a fixable refusal re-renders the page the form was on (the meeting page or the
// review workspace) with the error at that form.
template <class F>
http::Response act(const Services& s, const http::Context& ctx, MeetingId id, std::string form,
                   const std::optional<std::string>& step, F&& f, std::string_view anchor,
                   std::string_view flash) {
  mandate::Status r = f();
  if (!r) {
    if (auto fe = form_error(std::move(form), r.error())) {
      return step ? review_with(s, ctx, id, *step, &*fe) : detail_with(s, ctx, id, &*fe);
    }
    throw ErrorException(r.error());
  }
  return back_to(id, step, anchor, flash);
}

}  // namespace

http::Response review(const Services& s, http::Context& ctx) {
  return review_with(s, ctx, api::meeting_param(ctx), ctx.req.query_param("step"), nullptr);
}

// ---------------------------------------------------------------- changes on the meeting page

http::Response cancel(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "cancel", std::nullopt,
      [&] { return meetings::cancel(s.env(), caller_of(ctx), id, form.get("reason")); }, "",
      "meeting-cancelled");
}

http::Response set_attendance(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "attendance", std::nullopt,
      [&]() -> mandate::Status {
        Validation val;
        auto person = person_from(form.get("person_id"), "person_id", val);
        auto a = parse_attendance(form.get("attendance"));
        if (!person && val.ok()) {
          val.add("person_id", "choose a person");
        }
        if (!a) {
          val.add("attendance", "choose present, excused or absent");
        }
        if (!val.ok()) {
          return val.error();
        }
        return meetings::set_attendance(s.env(), caller_of(ctx), id, *person, *a);
      },
      "#attendance", "attendance-saved");
}

namespace {

ItemFields item_fields(const Form& form, ItemFields base, Validation& val) {
  if (form.has("title")) {
    base.title = form.get("title");
  }
  if (form.has("tags_present")) {
    base.tags = topics_from(form, val);
  }
  if (form.has("minutes")) {
    base.minutes = form.get("minutes");
  }
  if (form.has("presenter")) {
    base.presenter = form.get("presenter");
  }
  if (form.has("material")) {
    base.material = form.get("material");
  }
  return base;
}

}  // namespace

http::Response add_item(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "item-new", review_return(form),
      [&]() -> mandate::Status {
        Validation val;
        auto f = item_fields(form, {}, val);
        if (!val.ok()) {
          return val.error();
        }
        auto r = meetings::add_item(s.env(), caller_of(ctx), id, std::move(f));
        return r ? mandate::Status() : mandate::Status(r.error());
      },
      "#agenda", "item-added");
}

http::Response update_item(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = api::meeting_param(ctx);
  const ItemId item = api::item_param(ctx);
  auto v = must(view(s.env(), by, id));
  const AgendaItem* current = nullptr;
  for (const auto& i : v.items) {
    if (i.id == item) {
      current = &i;
    }
  }
  if (current == nullptr) {
    throw ErrorException(fail(Errc::not_found, "This meeting has no such agenda item."));
  }
  auto form = Form::parse(ctx);
  const auto step = review_return(form);
  const ItemFields base{current->title, current->tags, current->minutes, current->presenter,
                        current->material};
  return act(
      s, ctx, id, "item-" + item.str(), step,
      [&]() -> mandate::Status {
        Validation val;
        auto f = item_fields(form, base, val);
        if (!val.ok()) {
          return val.error();
        }
        return meetings::update_item(s.env(), by, item, std::move(f),
                                     int_or(form.get("row_version"), 0));
      },
      "#item-" + item.str(), "item-saved");
}

http::Response remove_item(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = api::meeting_param(ctx);
  const ItemId item = api::item_param(ctx);
  Form::parse(ctx);
  bool found = false;
  for (const auto& i : must(view(s.env(), by, id)).items) {
    found = found || i.id == item;
  }
  if (!found) {
    throw ErrorException(fail(Errc::not_found, "This meeting has no such agenda item."));
  }
  must(meetings::remove_item(s.env(), by, item));
  return see_other_at(meeting_url(id), "#agenda", "item-removed");
}

namespace {

DecisionFields decision_fields_from(const Form& form, Validation& val) {
  DecisionFields f;
  f.text = form.get("text");
  if (auto t = parse_decision_type(form.get("type"))) {
    f.type = *t;
  } else {
    val.add("type", "choose a type");
  }
  const std::string item_id = form.get("item_id");  // trim() views it: keep it alive
  if (auto x = core::trim(item_id); !x.empty()) {
    auto n = int_or(std::string(x), 0);
    if (n <= 0) {
      val.add("item_id", "choose an agenda item from the list");
    } else {
      f.item = ItemId{n};
    }
  }
  f.owner = person_from(form.get("owner_id"), "owner_id", val);
  f.due_on = date_from(form.get("due_on"), "due_on", val);
  return f;
}

Error with_decision_errors(Validation& val, DecisionFields f) {
  normalise(f);
  validate(f, val);
  return val.error();
}

}  // namespace

http::Response add_decision(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "decision-new", review_return(form),
      [&]() -> mandate::Status {
        Validation val;
        auto f = decision_fields_from(form, val);
        if (!val.ok()) {
          return with_decision_errors(val, f);
        }
        auto r = meetings::add_decision(s.env(), caller_of(ctx), id, std::move(f));
        return r ? mandate::Status() : mandate::Status(r.error());
      },
      "#decisions", "decision-added");
}

http::Response update_decision(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = api::meeting_param(ctx);
  const DecisionId d = api::decision_param(ctx);
  bool found = false;
  for (const auto& x : must(view(s.env(), by, id)).decisions) {
    found = found || x.decision.id == d;
  }
  if (!found) {
    throw ErrorException(fail(Errc::not_found, "This meeting has no such decision."));
  }
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "decision-" + d.str(), review_return(form),
      [&]() -> mandate::Status {
        Validation val;
        auto f = decision_fields_from(form, val);
        if (!val.ok()) {
          return with_decision_errors(val, f);
        }
        return meetings::update_decision(s.env(), by, d, std::move(f),
                                         int_or(form.get("row_version"), 0));
      },
      "#decisions", "decision-saved");
}

http::Response remove_decision(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  const MeetingId id = api::meeting_param(ctx);
  const DecisionId d = api::decision_param(ctx);
  Form::parse(ctx);
  bool found = false;
  for (const auto& x : must(view(s.env(), by, id)).decisions) {
    found = found || x.decision.id == d;
  }
  if (!found) {
    throw ErrorException(fail(Errc::not_found, "This meeting has no such decision."));
  }
  must(meetings::remove_decision(s.env(), by, d));
  return see_other_at(meeting_url(id), "#decisions", "decision-removed");
}

// ---------------------------------------------------------------- attachments

http::Response upload(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto parts = http::media_type(ctx.req.header("content-type")) == "multipart/form-data"
                   ? http::parse_multipart_parts(ctx.req.body, ctx.req.header("content-type"))
                   : std::nullopt;
  if (!parts) {
    throw ErrorException(fail(Errc::bad_request, "Send the file as multipart/form-data."));
  }
  const http::FormPart* file = nullptr;
  std::string effective, item;
  for (const auto& part : *parts) {
    if (part.name == "file" && file == nullptr) {
      file = &part;
    } else if (part.name == "effective_on") {
      effective = part.data;
    } else if (part.name == "item_id") {
      item = part.data;
    }
  }
  return act(
      s, ctx, id, "upload", std::nullopt,
      [&]() -> mandate::Status {
        Validation val;
        if (file == nullptr || file->filename.empty()) {
          val.add("file", "choose a file");
        }
        auto day = date_from(effective, "effective_on", val);
        if (!day && val.ok()) {
          val.add("effective_on", "is required: the date of what the file shows");
        }
        std::optional<ItemId> it;
        if (auto x = core::trim(item); !x.empty()) {
          auto n = int_or(std::string(x), 0);
          if (n <= 0) {
            val.add("item_id", "choose an agenda item from the list");
          } else {
            it = ItemId{n};
          }
        }
        if (!val.ok()) {
          return val.error();
        }
        auto r = meetings::add_attachment(s.env(), caller_of(ctx), id, it, file->filename,
                                          file->data, *day);
        return r ? mandate::Status() : mandate::Status(r.error());
      },
      "#attachments", "attachment-added");
}

http::Response download(const Services& s, http::Context& ctx) {
  return api::download_response(must(meetings::download(
      s.env(), caller_of(ctx), api::meeting_param(ctx), api::attachment_param(ctx))));
}

http::Response remove_attachment(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  Form::parse(ctx);
  must(meetings::remove_attachment(s.env(), caller_of(ctx), id, api::attachment_param(ctx)));
  return see_other_at(meeting_url(id), "#attachments", "attachment-removed");
}

// ---------------------------------------------------------------- sign-off, addenda, minutes

http::Response sign(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  const auto step = review_return(form);
  mandate::Status r =
      meetings::sign(s.env(), caller_of(ctx), id, api::signature_auth(ctx, form.get("password")));
  if (!r) {
    if (auto fe = form_error("sign", r.error())) {
      return step ? review_with(s, ctx, id, *step, &*fe) : detail_with(s, ctx, id, &*fe);
    }
    throw ErrorException(r.error());
  }
  return see_other_at(meeting_url(id), "#signoff", "meeting-signed");
}

http::Response add_addendum(const Services& s, http::Context& ctx) {
  const MeetingId id = api::meeting_param(ctx);
  auto form = Form::parse(ctx);
  return act(
      s, ctx, id, "addendum", std::nullopt,
      [&]() -> mandate::Status {
        auto r = meetings::add_addendum(s.env(), caller_of(ctx), id, form.get("body"),
                                        api::signature_auth(ctx, form.get("password")));
        return r ? mandate::Status() : mandate::Status(r.error());
      },
      "#addenda", "addendum-signed");
}

http::Response minutes_html(const Services& s, http::Context& ctx) {
  return api::minutes_html_response(
      must(meetings::minutes(s.env(), caller_of(ctx), api::meeting_param(ctx))));
}

http::Response minutes_pdf(const Services& s, http::Context& ctx) {
  return api::minutes_pdf_response(
      must(meetings::minutes(s.env(), caller_of(ctx), api::meeting_param(ctx))));
}

// ---------------------------------------------------------------- cadence

namespace {

Html cadence_page(const Services& s, const http::Context& ctx, const Cadence& c,
                  const std::string& review_v, const std::string& security_v, const Error* e) {
  auto in = meetings::indicators(s.env(), caller_of(ctx));
  Html figures;
  if (in) {
    std::vector<Html> cards;
    cards.push_back(ui::stat_card(
        "Days since the last signed review",
        in->days_since_last_review ? std::to_string(*in->days_since_last_review) : "never",
        in->review_overdue ? "overdue against the declared cadence" : "within the declared cadence",
        in->last_review ? meeting_url(in->last_review->id) : ""));
    cards.push_back(ui::stat_card("Signed reviews, last 24 months",
                                  std::to_string(in->reviews_24m.size()),
                                  "expected " + std::to_string(in->reviews_expected_24m),
                                  "/meetings?type=management_review"));
    cards.push_back(ui::stat_card(
        "Executive meetings with security, 12 months",
        std::to_string(in->executive_with_security_12m) + " of " +
            std::to_string(in->executive_12m.size()),
        in->security_agenda_overdue ? "security on the agenda is overdue" : "on track",
        "/meetings?type=executive_committee"));
    figures = ui::stat_grid("Say-do gap", cards);
  }
  using ui::error_for;
  return html(
      "{}{}{}{}{}", ui::breadcrumb({{"Meetings", "/meetings"}, {"Cadence", ""}}),
      ui::page_header("Declared cadence",
                      "What the organization intends: the indicators compare it with what "
                      "actually happened."),
      figures, summary(e),
      ui::post_form(
          "/meetings/cadence", csrf(ctx),
          html(
              R"(<div class="grid">{}{}</div>{}<p class="muted">Currently: a management review every {} months; information security on the executive agenda at least every {} months.</p>)",
              ui::text_field(
                  "review_every_months", "Management review every (months)", review_v,
                  error_for(e, "review_every_months"),
                  {.type = "number", .required = true, .hint = "1 to 36", .inputmode = "numeric"}),
              ui::text_field(
                  "security_agenda_every_months",
                  "Security on the executive agenda at least every (months)", security_v,
                  error_for(e, "security_agenda_every_months"),
                  {.type = "number", .required = true, .hint = "1 to 24", .inputmode = "numeric"}),
              ui::submit_button("Save cadence"), c.review_every_months,
              c.security_agenda_every_months)));
}

}  // namespace

http::Response cadence(const Services& s, http::Context& ctx) {
  auto c = must(meetings::cadence(s.env(), caller_of(ctx)));
  return page(s, ctx, "Cadence", "meetings",
              cadence_page(s, ctx, c, std::to_string(c.review_every_months),
                           std::to_string(c.security_agenda_every_months), nullptr));
}

http::Response set_cadence(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  auto form = Form::parse(ctx);
  const std::string rv = form.get("review_every_months");
  const std::string sv = form.get("security_agenda_every_months");
  Validation val;
  Cadence c;
  auto number = [&](const std::string& t, const char* field, int& out) {
    auto n = int_or(std::string(core::trim(t)), INT64_MIN);
    if (n == INT64_MIN || n < -1'000'000 || n > 1'000'000) {
      val.add(field, "must be a whole number of months");
    } else {
      out = static_cast<int>(n);
    }
  };
  number(rv, "review_every_months", c.review_every_months);
  number(sv, "security_agenda_every_months", c.security_agenda_every_months);
  if (!val.ok()) {
    validate(c, val);
  }
  mandate::Status r =
      val.ok() ? meetings::set_cadence(s.env(), by, c) : mandate::Status(val.error());
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Cadence", "meetings",
                cadence_page(s, ctx, must(meetings::cadence(s.env(), by)), rv, sv, &e), 422);
  }
  return see_other("/meetings/cadence", "cadence-saved");
}

// ---------------------------------------------------------------- calendar feed tokens

namespace {

Html tokens_page(const Services& s, const http::Context& ctx) {
  auto tokens = must(meetings::calendar_tokens(s.env(), caller_of(ctx)));
  std::vector<ui::Row> rows;
  for (const auto& t : tokens) {
    rows.push_back(
        {html("<code>{}…</code>", t.prefix), when(t.created_at),
         t.revoked_at ? html("{} {}", ui::badge(ui::Tone::muted, "Revoked"), when(t.revoked_at))
                      : ui::badge(ui::Tone::ok, "Active"),
         t.revoked_at ? Html()
                      : ui::action_button("/calendar/tokens/" + std::to_string(t.id) + "/revoke",
                                          csrf(ctx), "Revoke", ButtonKind::danger,
                                          "Revoke this feed? Calendars using it stop updating.")});
  }
  return html(
      "{}{}{}{}",
      ui::page_header("Calendar feed",
                      "Subscribe to your meetings and the due dates of your actions in "
                      "your calendar application (iCalendar, .ics). The feed address is "
                      "secret: anyone who has it can read the feed, so revoke it if it "
                      "leaks."),
      ui::table("Your feed addresses",
                {"Address", "Created (UTC)", "State", {"Actions", false, true}}, rows,
                "You have no feed address yet."),
      html(
          R"(<p class="muted">At most five active addresses. The address is shown once, when it is created.</p>)"),
      ui::post_form("/calendar/tokens", csrf(ctx), ui::submit_button("Create a feed address")));
}

}  // namespace

http::Response calendar_tokens(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Calendar feed", "calendar", tokens_page(s, ctx));
}

http::Response create_calendar_token(const Services& s, http::Context& ctx) {
  Form::parse(ctx);
  auto created = must(meetings::create_calendar_token(s.env(), caller_of(ctx)));
  const std::string url = api::feed_url(ctx, created.secret);
  Html body = html(
      R"({}{}<div class="notice success secret" role="status"><p>Add this address to your calendar application as a subscription. It is shown only now: Mandate keeps only its hash.</p><p><code>{}</code></p></div><p>{}</p>)",
      ui::breadcrumb({{"Calendar feed", "/calendar"}, {"New address", ""}}),
      ui::page_header("Feed address created"), url,
      ui::link_button("/calendar", "Back to your feed addresses", ButtonKind::secondary));
  return page(s, ctx, "Calendar feed", "calendar", body, 201);
}

http::Response revoke_calendar_token(const Services& s, http::Context& ctx) {
  Form::parse(ctx);
  must(meetings::revoke_calendar_token(s.env(), caller_of(ctx), id_param(ctx, "id")));
  return see_other("/calendar", "calendar-token-revoked");
}

http::Response calendar_feed(const Services& s, http::Context& ctx) {
  std::string_view file = ctx.param("file");
  if (!file.ends_with(".ics") || file.size() > 204) {
    throw ErrorException(fail(Errc::not_found, "No such calendar feed."));
  }
  file.remove_suffix(4);
  auto ics = must(meetings::calendar_feed(s.env(), file));
  auto r = http::Response::text(std::move(ics), 200, "text/calendar; charset=utf-8");
  r.headers.set("Content-Disposition", "inline; filename=\"mandate.ics\"");
  r.headers.set("Cache-Control", "private, no-store");
  r.headers.set("X-Robots-Tag", "noindex, nofollow");
  return r;
}

}  // namespace mandate::areas::meetings::pages
