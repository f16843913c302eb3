// areas/meetings/review_inputs.cpp — the management review's inputs (9.3.2 a–g): the snapshot
// JSON, the table of providers that fill them from the records, and compute_inputs() with the
// change since the previous signed review (see review.hpp). Reads only.
#include <algorithm>
#include <cmath>
#include <map>

#include "areas/actions/service.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/review_repo.hpp"
#include "areas/policies/service.hpp"
#include "core/json.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;
using store::Transaction;
namespace json = core::json;

// --- snapshot JSON ---

// Whole numbers are written as integers (counts, days), others as doubles (shares).
json::value number_json(double v) {
  if (std::isfinite(v) && std::nearbyint(v) == v && std::fabs(v) < 9.0e15) {
    return json::value(static_cast<std::int64_t>(v));
  }
  return json::value(v);
}

std::optional<double> number_of(const json::value& v) {
  if (v.is_int64()) {
    return static_cast<double>(v.get_int64());
  }
  if (v.is_uint64()) {
    return static_cast<double>(v.get_uint64());
  }
  if (v.is_double()) {
    return v.get_double();
  }
  return std::nullopt;
}

const json::value* member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}
bool read_string(const json::object& o, std::string_view key, std::string& out) {
  const auto* v = member(o, key);
  if (v == nullptr || !v->is_string()) {
    return false;
  }
  out = std::string(v->get_string());
  return true;
}
bool read_bool(const json::object& o, std::string_view key, bool& out) {
  const auto* v = member(o, key);
  if (v == nullptr || !v->is_bool()) {
    return false;
  }
  out = v->get_bool();
  return true;
}
const json::array* read_array(const json::object& o, std::string_view key) {
  const auto* v = member(o, key);
  return v != nullptr && v->is_array() ? &v->get_array() : nullptr;
}

std::optional<InputMetric> metric_from(const json::value& v) {
  if (!v.is_object()) {
    return std::nullopt;
  }
  const auto& o = v.get_object();
  InputMetric m;
  const auto* value = member(o, "value");
  const auto* previous = member(o, "previous");
  if (!read_string(o, "key", m.key) || !read_string(o, "label", m.label) ||
      !read_string(o, "unit", m.unit) || !read_string(o, "href", m.href) ||
      !read_bool(o, "flag", m.flag) || value == nullptr || !number_of(*value) ||
      previous == nullptr || !(previous->is_null() || number_of(*previous))) {
    return std::nullopt;
  }
  m.value = *number_of(*value);
  if (!previous->is_null()) {
    m.previous = number_of(*previous);
  }
  return m;
}

std::optional<InputRow> row_from(const json::value& v) {
  if (!v.is_object()) {
    return std::nullopt;
  }
  const auto& o = v.get_object();
  InputRow r;
  if (!read_string(o, "label", r.label) || !read_string(o, "detail", r.detail) ||
      !read_string(o, "status", r.status) || !read_string(o, "href", r.href) ||
      !read_bool(o, "flag", r.flag)) {
    return std::nullopt;
  }
  return r;
}

std::optional<InputSection> section_from(const json::value& v) {
  if (!v.is_object()) {
    return std::nullopt;
  }
  const auto& o = v.get_object();
  InputSection s;
  const auto* metrics = read_array(o, "metrics");
  const auto* rows = read_array(o, "rows");
  if (!read_string(o, "key", s.key) || !read_string(o, "title", s.title) ||
      !read_string(o, "empty_text", s.empty_text) || !read_string(o, "note", s.note) ||
      metrics == nullptr || rows == nullptr) {
    return std::nullopt;
  }
  for (const auto& m : *metrics) {
    auto metric = metric_from(m);
    if (!metric) {
      return std::nullopt;
    }
    s.metrics.push_back(std::move(*metric));
  }
  for (const auto& r : *rows) {
    auto row = row_from(r);
    if (!row) {
      return std::nullopt;
    }
    s.rows.push_back(std::move(*row));
  }
  return s;
}

// --- formatting of rows and figures ---

std::string date_text(std::int64_t day) { return core::format_date(day); }
std::string date_text(Timestamp t) { return core::format_date(core::days_since_epoch(t)); }

std::string days_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// A share in percent with one decimal: 2 of 3 -> 66.7.
double percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) {
    return 0;
  }
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

std::string lower_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

InputMetric metric(std::string key, std::string label, double value, std::string unit,
                   std::string href, bool flag) {
  InputMetric m;
  m.key = std::move(key);
  m.label = std::move(label);
  m.value = value;
  m.unit = std::move(unit);
  m.href = std::move(href);
  m.flag = flag;
  return m;
}

// "overdue 12 days", "open", "in progress", "done 2026-03-04", "cancelled".
std::string action_status_text(const actions::Action& a, std::int64_t today) {
  if (const auto late = a.days_overdue(today); late > 0) {
    return "overdue " + days_text(late);
  }
  if (a.status == actions::State::done && a.closed_at) {
    return "done " + date_text(*a.closed_at);
  }
  return lower_first(actions::state_label(a.status));
}

std::string since_text(const ProviderContext& c) {
  return c.since ? " since the previous review" : "";
}

// --- providers ---

// a. Every action from earlier signed reviews: open ones (overdue first) and those closed since
// the previous review, with owner, due date, status now and how often it was carried over.
std::optional<InputSection> actions_from_reviews(Transaction& tx, const ProviderContext& c) {
  InputSection s;
  s.key = "actions";
  s.title = "Actions from previous management reviews";
  s.empty_text = "No actions from earlier management reviews.";
  std::int64_t open = 0, overdue = 0, done = 0, carried_twice = 0;
  for (const auto& row : actions::review_actions(tx, c.org, c.today, c.since, c.meeting.value)) {
    const auto& a = row.action;
    InputRow r;
    r.label = "ACT-" + a.id.str() + " " + a.title;
    r.detail = row.owner_name.empty() ? "no owner" : "owner " + row.owner_name;
    r.detail += a.due_on ? " · due " + date_text(*a.due_on) : " · no due date";
    if (!row.meeting_title.empty()) {
      r.detail += " · from " + row.meeting_title;
      if (row.meeting_at) {
        r.detail += " (" + date_text(*row.meeting_at) + ")";
      }
    }
    if (row.carried_over > 0) {
      r.detail += " · carried over " + std::to_string(row.carried_over) + "×";
    }
    r.status = action_status_text(a, c.today);
    r.flag = a.overdue(c.today) || (actions::is_open(a.status) && row.carried_over >= 2);
    r.href = "/actions/" + a.id.str();
    s.rows.push_back(std::move(r));
    if (actions::is_open(a.status)) {
      ++open;
      if (a.overdue(c.today)) {
        ++overdue;
      }
      if (row.carried_over >= 2) {
        ++carried_twice;
      }
    } else if (a.status == actions::State::done) {
      ++done;
    }
  }
  const std::string list = "/actions?view=all&source=management_review";
  s.metrics.push_back(metric("actions.open", "Open actions from earlier reviews",
                             static_cast<double>(open), "",
                             "/actions?view=open&source=management_review", false));
  s.metrics.push_back(metric("actions.overdue", "Of which overdue", static_cast<double>(overdue),
                             "", "/actions?view=overdue&source=management_review", overdue > 0));
  s.metrics.push_back(metric("actions.done_since", "Done" + since_text(c),
                             static_cast<double>(done), "", list + "&state=done", false));
  s.metrics.push_back(metric("actions.carried_over_twice",
                             "Open and carried over two or more reviews",
                             static_cast<double>(carried_twice), "", list, carried_twice > 0));
  return s;
}

// b. Policies published, changed materially or retired since the previous review.
std::optional<InputSection> policy_changes(Transaction& tx, const ProviderContext& c) {
  InputSection s;
  s.key = "policies.changes";
  s.title = "Policies published, changed materially or retired" + since_text(c);
  s.empty_text = "No policy was published, changed materially or retired" + since_text(c) + ".";
  std::int64_t published = 0, changed = 0, retired = 0;
  for (const auto& ch : policies::changes_since(tx, c.org, c.since)) {
    InputRow r;
    r.label = ch.doc.reference + " " + ch.doc.title;
    r.detail = std::string(policies::doc_type_label(ch.doc.type)) + " · " + date_text(ch.at);
    if (!ch.change_summary.empty()) {
      r.detail += " · " + ch.change_summary;
    }
    switch (ch.kind) {
      case policies::ChangeKind::published:
        r.status = "published v" + std::to_string(ch.number);
        ++published;
        break;
      case policies::ChangeKind::changed:
        r.status = "changed materially: v" + std::to_string(ch.number);
        ++changed;
        break;
      case policies::ChangeKind::retired:
        r.status = "retired";
        ++retired;
        break;
    }
    r.href = "/policies/" + ch.doc.id.str();
    s.rows.push_back(std::move(r));
  }
  s.metrics.push_back(metric("policies.published", "Policies published for the first time",
                             static_cast<double>(published), "", "/policies", false));
  s.metrics.push_back(metric("policies.changed", "Policies changed materially",
                             static_cast<double>(changed), "", "/policies", false));
  s.metrics.push_back(metric("policies.retired", "Policies retired", static_cast<double>(retired),
                             "", "/policies?status=retired", false));
  return s;
}

// d. Performance as far as Mandate has records: the policies' approval, review and
// acknowledgment figures, and the documents past their review date.
std::optional<InputSection> policy_performance(Transaction& tx, const ProviderContext& c) {
  const auto ind = policies::indicators_in(tx, c.org, c.now);
  InputSection s;
  s.key = "policies.performance";
  s.title = "Policies: approval, review and acknowledgment";
  s.empty_text = "No policy is past its review date.";
  s.note =
      "Nonconformities and corrective actions, other monitoring and measurement results, audit "
      "results and the fulfilment of the information security objectives: to be presented "
      "(Mandate holds no records of them yet).";
  s.metrics.push_back(metric("policies.in_force", "Policies in force",
                             static_cast<double>(ind.policies), "", "/policies?status=published",
                             false));
  s.metrics.push_back(metric("policies.approved_by_top_management", "Approved by top management",
                             percent(ind.approved_by_top_management, ind.policies), "%",
                             "/policies?status=published", false));
  s.metrics.push_back(metric("policies.within_review", "Within their review interval",
                             percent(ind.within_review, ind.policies), "%",
                             "/policies?status=published", !ind.overdue.empty()));
  s.metrics.push_back(metric("policies.acknowledged", "Acknowledgment coverage, all staff",
                             percent(ind.acknowledged, ind.acknowledgments_due), "%", "/policies",
                             false));
  s.metrics.push_back(
      metric("policies.acknowledged_top_management", "Acknowledgment coverage, top management",
             percent(ind.top_management.acknowledged, ind.top_management.audience), "%",
             "/policies", ind.top_management.acknowledged < ind.top_management.audience));
  s.metrics.push_back(metric("policies.overdue", "Policies past their review date",
                             static_cast<double>(ind.overdue.size()), "", "/policies?overdue=1",
                             !ind.overdue.empty()));
  for (const auto& d : ind.overdue) {
    InputRow r;
    r.label = d.doc.reference + " " + d.doc.title;
    r.detail = d.owner_name.empty() ? "no owner" : "owner " + d.owner_name;
    r.detail += " · review due " + date_text(d.review->due_on);
    r.status = "overdue " + days_text(-d.review->days_left);
    r.flag = true;
    r.href = "/policies/" + d.doc.id.str();
    s.rows.push_back(std::move(r));
  }
  return s;
}

// g. Improvement decisions taken in other meetings since the previous review.
std::optional<InputSection> improvement_decisions(Transaction& tx, const ProviderContext& c) {
  InputSection s;
  s.key = "decisions.improvement";
  s.title = "Improvement decisions of other meetings" + since_text(c);
  s.empty_text = "No improvement decision was recorded in other meetings" + since_text(c) + ".";
  auto rows = review_repo::improvement_decisions(tx, c.org, c.since, c.now, c.meeting);
  for (const auto& d : rows) {
    InputRow r;
    r.label = d.text;
    r.detail = d.meeting_title + " (" + std::string(meeting_type_label(d.meeting_type)) + ", " +
               date_text(d.meeting_at) + ")";
    r.detail += d.owner_name.empty() ? " · no owner" : " · owner " + d.owner_name;
    if (d.due_on) {
      r.detail += " · due " + date_text(*d.due_on);
    }
    if (d.action_id) {
      const auto state = actions::parse_state(d.action_status).value_or(actions::State::open);
      actions::Action a;
      a.status = state;
      a.due_on = d.due_on;
      r.status =
          "action ACT-" + std::to_string(*d.action_id) + ": " + action_status_text(a, c.today);
      r.flag = a.overdue(c.today);
    } else {
      r.status = "no action";
    }
    r.href = "/meetings/" + d.meeting.str();
    s.rows.push_back(std::move(r));
  }
  s.metrics.push_back(metric("decisions.improvement", "Improvement decisions",
                             static_cast<double>(rows.size()), "", "/meetings", false));
  return s;
}

}  // namespace

std::string to_json(const InputData& d) {
  json::array sections;
  for (const auto& s : d.sections) {
    json::array metrics;
    for (const auto& m : s.metrics) {
      metrics.push_back(
          json::object{{"key", m.key},
                       {"label", m.label},
                       {"value", number_json(m.value)},
                       {"unit", m.unit},
                       {"previous", m.previous ? number_json(*m.previous) : json::value(nullptr)},
                       {"href", m.href},
                       {"flag", m.flag}});
    }
    json::array rows;
    for (const auto& r : s.rows) {
      rows.push_back(json::object{{"label", r.label},
                                  {"detail", r.detail},
                                  {"status", r.status},
                                  {"href", r.href},
                                  {"flag", r.flag}});
    }
    sections.push_back(json::object{{"key", s.key},
                                    {"title", s.title},
                                    {"metrics", std::move(metrics)},
                                    {"rows", std::move(rows)},
                                    {"empty_text", s.empty_text},
                                    {"note", s.note}});
  }
  return core::canonical_json(json::object{{"input", std::string(1, review_input_letter(d.input))},
                                           {"sections", std::move(sections)}});
}

std::optional<InputData> input_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec || !v.is_object()) {
    return std::nullopt;
  }
  const auto& o = v.get_object();
  std::string letter;
  const auto* sections = read_array(o, "sections");
  if (!read_string(o, "input", letter) || sections == nullptr) {
    return std::nullopt;
  }
  auto input = parse_review_input(letter);
  if (!input) {
    return std::nullopt;
  }
  InputData d;
  d.input = *input;
  for (const auto& s : *sections) {
    auto section = section_from(s);
    if (!section) {
      return std::nullopt;
    }
    d.sections.push_back(std::move(*section));
  }
  return d;
}

const std::vector<InputProvider>& input_providers() {
  static const std::vector<InputProvider> providers{
      {ReviewInput::actions_status, "actions", actions_from_reviews},
      {ReviewInput::issues, "policies.changes", policy_changes},
      {ReviewInput::performance, "policies.performance", policy_performance},
      {ReviewInput::improvement, "decisions.improvement", improvement_decisions},
  };
  return providers;
}

std::optional<ProviderContext> review_context(Transaction& tx, OrgId org, MeetingId id,
                                              Timestamp now) {
  auto m = review_repo::find(tx, org, id);
  if (!m || m->type != MeetingType::management_review) {
    return std::nullopt;
  }
  ProviderContext c;
  c.org = org;
  c.meeting = id;
  c.now = now;
  c.today = core::days_since_epoch(now);
  if (auto prev = review_repo::previous_signed_review(tx, org, m->starts_at, id)) {
    c.previous_review = prev->id;
    c.since = prev->signed_at;
  }
  return c;
}

std::vector<InputData> compute_inputs(Transaction& tx, const ProviderContext& ctx) {
  std::vector<InputData> out;
  for (ReviewInput input : kAllReviewInputs) {
    InputData d;
    d.input = input;
    for (const auto& p : input_providers()) {
      if (p.input != input) {
        continue;
      }
      if (auto s = p.fill(tx, ctx)) {
        d.sections.push_back(std::move(*s));
      }
    }
    out.push_back(std::move(d));
  }
  if (!ctx.previous_review) {
    return out;
  }
  // The change since the previous review: the same key's value in its frozen snapshots.
  std::map<std::string, double, std::less<>> previous;
  for (const auto& item : review_repo::input_items(tx, ctx.org, *ctx.previous_review)) {
    if (auto d = input_from_json(item.snapshot)) {
      for (const auto& s : d->sections) {
        for (const auto& m : s.metrics) {
          previous.emplace(m.key, m.value);
        }
      }
    }
  }
  for (auto& d : out) {
    for (auto& s : d.sections) {
      for (auto& m : s.metrics) {
        if (auto it = previous.find(m.key); it != previous.end()) {
          m.previous = it->second;
        }
      }
    }
  }
  return out;
}

}  // namespace mandate::areas::meetings
