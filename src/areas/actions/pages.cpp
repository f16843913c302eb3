// areas/actions/pages.cpp — HTML pages for actions (see pages.hpp). Handlers parse the form or
// query, call the service and render through ui::Html; a refused form is shown again with the
// field errors beside the fields (422, 409 for a stale edit), everything else goes to the central
// error mapping. Markdown (description, evidence, notes) is rendered by ui::markdown (cmark-gfm
// in safe mode).
#include "areas/actions/pages.hpp"

#include <charconv>
#include <map>

#include "areas/actions/api.hpp"
#include "areas/actions/service.hpp"
#include "areas/people/repo.hpp"
#include "core/text.hpp"
#include "ui/components.hpp"
#include "ui/markdown.hpp"

namespace mandate::areas::actions::pages {
namespace {

using ui::ButtonKind;
using ui::Html;
using ui::html;
using ui::text;

constexpr int kPerPage = 50;
// Up to this many active people the owner is a select; beyond, a field taking an id or e-mail.
constexpr int kMaxOwnerOptions = 500;
// Who may open a person's page (the directory readers; people/routes.cpp).
constexpr RoleSet kDirectory{Role::admin, Role::top_management, Role::isms_manager,
                             Role::contributor, Role::auditor};

// ---------------------------------------------------------------- small pieces

std::string csrf(const http::Context& ctx) { return ctx.who().csrf_token; }
bool can(const http::Context& ctx, RoleSet roles) { return caller_of(ctx).has_role(roles); }
std::string action_url(ActionId id) { return "/actions/" + id.str(); }
std::string list_url(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = "/actions";
  char sep = '?';
  for (const auto& [k, v] : params) {
    out += sep + k + "=" + http::url_encode(v);
    sep = '&';
  }
  return out;
}

// A UTC time: "2026-03-01 09:00 UTC" in a <time> element.
Html when(core::Timestamp t) {
  std::string s = iso(t);
  std::string shown = s.size() >= 16 ? s.substr(0, 10) + " " + s.substr(11, 5) + " UTC" : s;
  return html(R"(<time datetime="{}">{}</time>)", s, shown);
}
Html when(const std::optional<core::Timestamp>& t) { return t ? when(*t) : html("—"); }
Html day(const std::optional<std::int64_t>& d) {
  return d ? html(R"(<time datetime="{}">{}</time>)", core::format_date(*d), core::format_date(*d))
           : html(R"(<span class="muted">no due date</span>)");
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Html state_badge(State s) {
  switch (s) {
    case State::open:
      return ui::badge(ui::Tone::info, "Open");
    case State::in_progress:
      return ui::badge(ui::Tone::info, "In progress");
    case State::done:
      return ui::badge(ui::Tone::ok, "Done");
    case State::cancelled:
      break;
  }
  return ui::badge(ui::Tone::muted, "Cancelled");
}

// Overdue and escalated markers: a word in the badge, never colour alone.
Html markers(const ActionRow& r) {
  Html out;
  if (r.days_overdue > 0) {
    out +=
        html(" {}", ui::badge(ui::Tone::warn, "Overdue " + plural(r.days_overdue, "day", "days")));
  }
  if (r.escalated) {
    out += html(" {}", ui::badge(ui::Tone::bad, "Escalated"));
  }
  return out;
}

Html status_cell(const ActionRow& r) {
  return html("{}{}", state_badge(r.action.status), markers(r));
}

// Where the action came from: the meeting (and its decision) for meeting sources, else the label
// and the reference the creator gave.
Html source_cell(const ActionRow& r) {
  const Action& a = r.action;
  if (a.meeting_id) {
    std::string href = "/meetings/" + std::to_string(*a.meeting_id);
    if (a.decision_id) {
      href += "#decision-" + std::to_string(*a.decision_id);
    }
    return html(
        R"({}: <a href="{}">{}</a>{})", source_label(a.source), href,
        r.meeting_title.empty() ? "meeting " + std::to_string(*a.meeting_id) : r.meeting_title,
        r.meeting_at ? html(R"( <span class="muted">{}</span>)", iso(*r.meeting_at).substr(0, 10))
                     : Html());
  }
  if (a.source_ref.empty()) {
    return text(source_label(a.source));
  }
  return html(R"({} <span class="muted">{}</span>)", source_label(a.source), a.source_ref);
}

Html owner_cell(const http::Context& ctx, const ActionRow& r) {
  if (!r.action.owner) {
    return html(R"(<span class="muted">no owner</span>)");
  }
  const std::string name = r.owner_name.empty() ? "person " + r.action.owner->str() : r.owner_name;
  if (can(ctx, kDirectory)) {
    return html(R"(<a href="/people/{}">{}</a>)", r.action.owner->value, name);
  }
  return text(name);
}

// Rendered Markdown in the document frame (the policies style).
Html rendered(const std::string& markdown) {
  return html(R"(<div class="policy-content">{}</div>)", ui::markdown(markdown));
}

const std::map<std::string, std::string>& field_labels() {
  static const std::map<std::string, std::string> m = {
      {"title", "Title"},
      {"description", "Description"},
      {"owner_id", "Owner"},
      {"due_on", "Due date"},
      {"source", "Source"},
      {"source_ref", "Source reference"},
      {"completion_evidence", "Completion evidence"},
      {"reason", "Reason"},
      {"body", "Note"},
      {"independent_closure", "Independent closure"},
      {"escalate_after_days", "Escalate after"},
      {"row_version", "Record version"}};
  return m;
}

Html labelled_summary(const Error* e) { return ui::error_summary(e, field_labels()); }

// The error summary of a form whose controls have ids other than their field names (several
// forms on one page): its links must reach the controls.
Html summary_with_ids(const Error* e, std::string_view field, const std::string& id) {
  if (e == nullptr) {
    return {};
  }
  Error linked = *e;
  linked.fields.clear();
  std::map<std::string, std::string> labels;
  for (const auto& [f, message] : e->fields) {
    std::string target = f == field ? id : f;
    linked.fields[target] = message;
    auto l = field_labels().find(f);
    labels[target] = l == field_labels().end() ? f : l->second;
  }
  return ui::error_summary(&linked, labels);
}

std::int64_t int_or(std::string_view s, std::int64_t def) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : def;
}

// ---------------------------------------------------------------- the register

struct Tab {
  const char* label;
  std::string href;
  bool current;
};

// The views as tabs; a view keeps the filters. Members who cannot read the register have one
// view (their own actions) and no tabs.
Html tabs(const http::Context& ctx, const ListQuery& q, std::string_view current) {
  if (!can(ctx, kReaders)) {
    return {};
  }
  std::vector<Tab> items;
  auto view_link = [&](View v) {
    ListQuery x = q;
    x.view = v;
    return list_url(api::query_params(x));
  };
  items.push_back({"Open", view_link(View::open), current == "open"});
  items.push_back({"Mine", view_link(View::mine), current == "mine"});
  items.push_back({"Overdue", view_link(View::overdue), current == "overdue"});
  items.push_back({"Escalated", view_link(View::escalated), current == "escalated"});
  items.push_back({"All", view_link(View::all), current == "all"});
  items.push_back({"By owner", "/actions/by-owner", current == "by-owner"});
  items.push_back({"By source", "/actions/by-source", current == "by-source"});
  Html lis;
  for (const auto& t : items) {
    lis += t.current ? html(R"(<li><a href="{}" aria-current="page">{}</a></li>)", t.href, t.label)
                     : html(R"(<li><a href="{}">{}</a></li>)", t.href, t.label);
  }
  return html(R"(<nav class="mainnav tabs" aria-label="Views of the actions"><ul>{}</ul></nav>)",
              lis);
}

Html header_actions(const http::Context& ctx, const ListQuery* q) {
  Html actions;
  if (can(ctx, kEditors)) {
    actions += ui::link_button("/actions/new", "New action");
  }
  if (can(ctx, kSettingsAdmins)) {
    actions += ui::link_button("/actions/settings", "Settings", ButtonKind::outline);
  }
  if (q != nullptr && can(ctx, kReaders)) {
    std::string qs = api::query_string(*q);
    actions += ui::link_button("/actions/export.csv?" + qs, "Export CSV", ButtonKind::outline);
  }
  return actions;
}

constexpr const char* kSubtitle =
    "What management decided must be done, by whom and by when (ISO/IEC 27001 9.3.3, 10.2)";

Html filters(const Services& s, const http::Context& ctx, const ListQuery& q) {
  std::vector<ui::Option> sources{{"", "Any source"}}, states{{"", "Any status"}};
  for (Source x : kAllSources) {
    sources.push_back({std::string(source_name(x)), std::string(source_label(x))});
  }
  for (State x : kAllStates) {
    states.push_back({std::string(state_name(x)), std::string(state_label(x))});
  }
  std::vector<ui::Option> sorts{{"due", "Due date"},  {"status", "Status"},   {"owner", "Owner"},
                                {"source", "Source"}, {"created", "Created"}, {"title", "Title"}};
  Html owner;
  if (can(ctx, kReaders) && q.view != View::mine) {
    // The people who own actions (one grouped query), not the whole register.
    std::vector<ui::Option> owners{{"", "Anyone"}};
    if (auto groups = summary(s.env(), caller_of(ctx), GroupBy::owner)) {
      for (const auto& g : *groups) {
        if (!g.key.empty()) {
          owners.push_back({g.key, g.label});
        }
      }
    }
    owner = ui::select_field("owner", "Owner", owners, q.owner ? q.owner->str() : "");
  }
  return ui::get_form(
      "/actions",
      html(
          R"({}{}<div class="grid">{}{}{}{}</div><div class="grid">{}{}<div>{}</div></div>)",
          ui::hidden_field("view", view_name(q.view)),
          q.meeting_id ? ui::hidden_field("meeting", std::to_string(*q.meeting_id)) : Html(),
          ui::text_field("q", "Search", q.search, "",
                         {.type = "search", .maxlength = 200, .placeholder = "Words in the title"}),
          ui::select_field("source", "Source", sources, q.source ? source_name(*q.source) : ""),
          owner, ui::select_field("state", "Status", states, q.state ? state_name(*q.state) : ""),
          ui::select_field("sort", "Sort by", sorts, api::sort_name(q.sort)),
          ui::checkbox("desc", "Descending", q.descending, "", {}), ui::submit_button("Filter")),
      {.css_class = "filters", .aria_label = "Filter actions"});
}

Html register_table(const http::Context& ctx, const ActionPage& p, int offset) {
  std::vector<ui::Row> rows;
  for (const auto& r : p.rows) {
    const Action& a = r.action;
    rows.push_back({html(R"(<a href="{}">{}</a> <span class="muted">#{}</span>)", action_url(a.id),
                         a.title, a.id.value),
                    source_cell(r), owner_cell(ctx, r), day(a.due_on), status_cell(r),
                    r.carried_over > 0 ? html("{}", r.carried_over) : html("—")});
  }
  std::string caption = p.total <= static_cast<std::int64_t>(p.rows.size())
                            ? plural(p.total, "action", "actions")
                            : "Actions " + std::to_string(offset + 1) + "–" +
                                  std::to_string(offset + static_cast<int>(p.rows.size())) +
                                  " of " + std::to_string(p.total);
  return ui::table(caption, {"Action", "Source", "Owner", "Due", "Status", {"Carried over", true}},
                   rows, "No action matches this view and these filters.");
}

http::Response list_page(const Services& s, http::Context& ctx, ListQuery q) {
  auto by = caller_of(ctx);
  if (!by.has_role(kReaders) && q.view != View::mine) {
    throw ErrorException(
        fail(Errc::forbidden, "Your role shows your own actions only: see My actions."));
  }
  const int page_no = int_query(ctx, "page", 1, 1, 1'000'000);
  q.limit = kPerPage;
  q.offset = (page_no - 1) * kPerPage;
  auto result = must(actions::list(s.env(), by, q));
  const std::string current(view_name(q.view));
  const bool mine = q.view == View::mine;
  Html body;
  if (mine && result.total == 0 && q.search.empty() && !q.state && !q.source) {
    body = ui::empty_state(
        "No action is assigned to you. Actions are assigned to people in the people register; "
        "your account is matched to your person by the e-mail you sign in with.");
  } else {
    const int pages = static_cast<int>((result.total + kPerPage - 1) / kPerPage);
    body = html("{}{}", register_table(ctx, result, q.offset),
                ui::pagination("/actions", api::query_params(q), page_no, pages));
  }
  std::string title = mine ? "My actions" : "Actions";
  Html out = html("{}{}{}{}", ui::page_header(title, kSubtitle, header_actions(ctx, &q)),
                  tabs(ctx, q, current), filters(s, ctx, q), body);
  return page(s, ctx, title, mine ? "my-actions" : "actions", out);
}

// ---------------------------------------------------------------- summaries

Html count_link(std::int64_t n, std::vector<std::pair<std::string, std::string>> params) {
  if (n == 0) {
    return html(R"(<span class="muted">0</span>)");
  }
  return html(R"(<a href="{}">{}</a>)", list_url(params), n);
}

http::Response summary_page(const Services& s, http::Context& ctx, GroupBy g) {
  auto groups = must(summary(s.env(), caller_of(ctx), g));
  const bool owners = g == GroupBy::owner;
  const std::string param = owners ? "owner" : "source";
  std::vector<ui::Row> rows;
  std::vector<ui::Bar> bars;
  GroupCount total;
  for (const auto& c : groups) {
    // Actions without an owner cannot be filtered by owner: their row links nowhere.
    auto p = [&](std::string view, std::string state = "") {
      std::vector<std::pair<std::string, std::string>> out{{"view", std::move(view)}};
      if (!c.key.empty()) {
        out.emplace_back(param, c.key);
      }
      if (!state.empty()) {
        out.emplace_back("state", std::move(state));
      }
      return out;
    };
    const bool linkable = !c.key.empty();
    std::string label = c.label.empty() ? (owners ? "(no owner)" : c.key) : c.label;
    auto cell = [&](std::int64_t n, std::string view, std::string state = "") {
      return linkable ? count_link(n, p(std::move(view), std::move(state))) : html("{}", n);
    };
    rows.push_back(
        {linkable ? html(R"(<a href="{}">{}</a>)", list_url(p("all")), label) : text(label),
         cell(c.open, "open"), cell(c.overdue, "overdue"), cell(c.escalated, "escalated"),
         cell(c.done, "all", "done"), cell(c.cancelled, "all", "cancelled")});
    if (c.overdue > 0) {
      bars.push_back({label, static_cast<double>(c.overdue)});
    }
    total.open += c.open;
    total.overdue += c.overdue;
    total.escalated += c.escalated;
    total.done += c.done;
    total.cancelled += c.cancelled;
  }
  if (!groups.empty()) {
    rows.push_back({html("<strong>Total</strong>"), count_link(total.open, {{"view", "open"}}),
                    count_link(total.overdue, {{"view", "overdue"}}),
                    count_link(total.escalated, {{"view", "escalated"}}),
                    count_link(total.done, {{"view", "all"}, {"state", "done"}}),
                    count_link(total.cancelled, {{"view", "all"}, {"state", "cancelled"}})});
  }
  const std::string title = owners ? "Actions by owner" : "Actions by source";
  Html chart =
      total.overdue > 0
          ? ui::bar_chart("Overdue actions " + std::string(owners ? "by owner" : "by source"), bars)
          : Html();
  ListQuery q;
  q.view = View::all;
  Html body = html("{}{}{}{}", ui::page_header(title, kSubtitle, header_actions(ctx, nullptr)),
                   tabs(ctx, q, owners ? "by-owner" : "by-source"),
                   ui::table(title,
                             {owners ? "Owner" : "Source",
                              {"Open", true},
                              {"Overdue", true},
                              {"Escalated", true},
                              {"Done", true},
                              {"Cancelled", true}},
                             rows, "No action yet."),
                   chart);
  return page(s, ctx, title, "actions", body);
}

// ---------------------------------------------------------------- new and edit forms

struct FormValues {
  std::string title, description, owner_id, due_on, source = "other", source_ref;
  std::int64_t row_version = 0;
};

FormValues form_values(const Form& f) {
  return FormValues{f.get("title"),
                    f.get("description"),
                    std::string(core::trim(f.get("owner_id"))),
                    std::string(core::trim(f.get("due_on"))),
                    f.get("source"),
                    f.get("source_ref"),
                    int_or(f.get("row_version"), 0)};
}

Html owner_field(const Services& s, const http::Context& ctx, const FormValues& v, const Error* e) {
  const OrgId org = caller_of(ctx).org;
  const auto current = int_or(v.owner_id, 0);
  struct Choices {
    people::repo::Page page;
    std::optional<people::Person> current;
  };
  Choices c = s.db.read([&](store::Transaction& tx) {
    people::repo::Query q;
    q.status = people::Status::active;
    q.per_page = kMaxOwnerOptions;
    Choices out{people::repo::search(tx, org, q), std::nullopt};
    if (current > 0) {
      out.current = people::repo::find(tx, org, PersonId{current});
    }
    return out;
  });
  const std::string_view err = ui::error_for(e, "owner_id");
  if (c.page.total > kMaxOwnerOptions) {
    std::string shown = c.current ? c.current->email : v.owner_id;
    return ui::text_field("owner_id", "Owner", shown, err,
                          {.maxlength = 320,
                           .hint = "The e-mail (or the id) of a person in the people register; "
                                   "leave empty for none yet",
                           .placeholder = "name@example.com"});
  }
  std::vector<ui::Option> options{{"", "No owner yet"}};
  bool listed = false;
  for (const auto& p : c.page.people) {
    listed = listed || p.id.value == current;
    options.push_back({p.id.str(), p.department.empty() ? p.name : p.name + " · " + p.department});
  }
  if (c.current && !listed) {
    options.push_back({c.current->id.str(), c.current->name + " (left)"});
  }
  return ui::select_field("owner_id", "Owner", options, v.owner_id, err,
                          {.hint = "Who does it; they see it under My actions"});
}

Html action_fields(const Services& s, const http::Context& ctx, const FormValues& v, const Error* e,
                   bool create) {
  using ui::error_for;
  Html source;
  if (create) {
    std::vector<ui::Option> sources;
    for (Source x : {Source::other, Source::walk, Source::audit, Source::nonconformity}) {
      sources.push_back({std::string(source_name(x)), std::string(source_label(x))});
    }
    source = html(
        R"(<div class="grid">{}{}</div>)",
        ui::select_field("source", "Source", sources, v.source, error_for(e, "source"),
                         {.hint = "Decisions of a meeting create their actions from the "
                                  "meeting page"}),
        ui::text_field("source_ref", "Source reference", v.source_ref, error_for(e, "source_ref"),
                       {.maxlength = 200,
                        .hint = "The record it comes from, e.g. audit:2026-1 or walk:7; "
                                "optional"}));
  }
  return html(
      R"({}{}<div class="grid">{}{}</div>{})",
      ui::text_field(
          "title", "Title", v.title, error_for(e, "title"),
          {.required = true, .maxlength = 300, .placeholder = "Replace the VPN concentrator"}),
      ui::textarea_field(
          "description", "Description (Markdown)", v.description, error_for(e, "description"),
          {.hint = "What is to be done and what counts as done; optional", .rows = 5}),
      owner_field(s, ctx, v, e),
      ui::text_field("due_on", "Due date", v.due_on, error_for(e, "due_on"),
                     {.type = "date", .hint = "Optional; overdue and escalation count from it"}),
      source);
}

// Form values -> fields, with what cannot be parsed added to `val`. An owner given as an e-mail
// is resolved to a person of the caller's organization here; the service validates the rest.
ActionFields fields_from(const Services& s, const http::Context& ctx, const FormValues& v,
                         Validation& val) {
  ActionFields f;
  f.title = v.title;
  f.description = v.description;
  if (!v.owner_id.empty()) {
    if (v.owner_id.find('@') != std::string::npos) {
      const OrgId org = caller_of(ctx).org;
      auto p = s.db.read([&](store::Transaction& tx) {
        return people::repo::find_by_email(tx, org, core::ascii_lower(v.owner_id));
      });
      if (p) {
        f.owner = p->id;
      } else {
        val.add("owner_id", "is not the e-mail of a person in this organization");
      }
    } else if (auto id = int_or(v.owner_id, 0); id > 0) {
      f.owner = PersonId{id};
    } else {
      val.add("owner_id", "choose a person from the list");
    }
  }
  if (!v.due_on.empty()) {
    if (auto d = core::parse_date(v.due_on)) {
      f.due_on = *d;
    } else {
      val.add("due_on", "must be a date like 2026-03-31");
    }
  }
  return f;
}

// When the form itself has errors the service is not called; the model's validation adds its
// messages for the other fields so one submission shows every problem.
Error with_model_errors(Validation& val, ActionFields f) {
  normalise(f);
  validate(f, val);
  return val.error();
}

Html new_page(const Services& s, const http::Context& ctx, const FormValues& v, const Error* e) {
  return html("{}{}{}{}", ui::breadcrumb({{"Actions", "/actions"}, {"New action", ""}}),
              ui::page_header("New action",
                              "An action that does not come from a meeting: a walk, an audit, a "
                              "nonconformity or anything else management wants done."),
              labelled_summary(e),
              ui::post_form("/actions", csrf(ctx),
                            html("{}{}", action_fields(s, ctx, v, e, true),
                                 ui::submit_button("Create action"))));
}

Html edit_page(const Services& s, const http::Context& ctx, ActionId id, const FormValues& v,
               const Error* e) {
  return html(
      "{}{}{}{}",
      ui::breadcrumb({{"Actions", "/actions"}, {"#" + id.str(), action_url(id)}, {"Edit", ""}}),
      ui::page_header("Edit action #" + id.str(), v.title), labelled_summary(e),
      ui::post_form(action_url(id), csrf(ctx),
                    html("{}{}{}", ui::hidden_field("row_version", std::to_string(v.row_version)),
                         action_fields(s, ctx, v, e, false), ui::submit_button("Save changes"))));
}

// ---------------------------------------------------------------- one action

// Which form on the action page failed, why, and what was typed (shown again).
struct FormError {
  std::string form;
  Error error;
  std::string value;
};
const Error* error_of(const FormError* fe, std::string_view form) {
  return fe != nullptr && fe->form == form ? &fe->error : nullptr;
}
std::string value_of(const FormError* fe, std::string_view form) {
  return fe != nullptr && fe->form == form ? fe->value : std::string();
}

// A one-field form (evidence, a reason, a note) with its own ids, so several fit on one page.
Html text_form(const http::Context& ctx, const FormError* fe, std::string_view form,
               const std::string& action, std::string_view field, std::string_view label,
               std::string_view hint, std::string_view button, ButtonKind kind,
               std::string_view confirm = "") {
  const Error* e = error_of(fe, form);
  const std::string id = std::string(form) + "-" + std::string(field);
  return html(
      "{}{}", summary_with_ids(e, field, id),
      ui::post_form(action, csrf(ctx),
                    html("{}{}",
                         ui::textarea_field(
                             field, label, value_of(fe, form), ui::error_for(e, field),
                             {.required = true, .hint = std::string(hint), .id = id, .rows = 3}),
                         ui::submit_button(button, kind)),
                    {.confirm = std::string(confirm)}));
}

Html facts(const http::Context& ctx, const ActionView& v) {
  const ActionRow& r = v.row;
  const Action& a = r.action;
  Html due = day(a.due_on);
  if (r.days_overdue > 0) {
    due += html(" — {} past due{}", plural(r.days_overdue, "day", "days"),
                r.escalated ? Html(html(", {}", ui::badge(ui::Tone::bad, "escalated"))) : Html());
  }
  std::vector<ui::Term> terms{
      {"Status", status_cell(r)},
      {"Owner", owner_cell(ctx, r)},
      {"Due", due},
      {"Source", source_cell(r)},
  };
  if (r.carried_over > 0) {
    terms.emplace_back("Carried over", html(R"({} <a href="#carryovers-h">(see below)</a>)",
                                            plural(r.carried_over, "signed management review",
                                                   "signed management reviews")));
  }
  terms.emplace_back("Created", html("{} by {}", when(a.created_at), a.created_by_label));
  if (a.closed_at) {
    terms.emplace_back(a.status == State::cancelled ? "Cancelled" : "Closed",
                       html("{} by {}", when(a.closed_at), a.closed_by_label));
  }
  if (a.status == State::cancelled && !a.cancel_reason.empty()) {
    terms.emplace_back("Reason", text(a.cancel_reason));
  }
  terms.emplace_back("Record version", html("{} (updated {})", a.row_version, when(a.updated_at)));
  return ui::description_list(terms);
}

// The transitions the caller may make now (the service re-checks every one).
Html work_section(const http::Context& ctx, const ActionView& v, const FormError* fe) {
  const Action& a = v.row.action;
  const std::string base = action_url(a.id);
  const bool editor = can(ctx, kEditors);
  Html out;
  if (a.status == State::open && v.can_progress) {
    out += html(
        R"(<article><h3>Start</h3><p class="muted">Marks the action as in progress.</p>{}</article>)",
        ui::action_button(base + "/start", csrf(ctx), "Start work", ButtonKind::primary));
  }
  if (is_open(a.status)) {
    if (v.can_complete) {
      out += html(R"(<article><h3>Complete</h3>{}</article>)",
                  text_form(ctx, fe, "complete", base + "/complete", "completion_evidence",
                            "Completion evidence",
                            "What shows it is done: a document, a ticket, a link, a short "
                            "description. Markdown.",
                            "Mark as done", ButtonKind::primary));
    } else if (!v.complete_refusal.empty()) {
      out += html(R"(<article><h3>Complete</h3><p class="muted">{}</p></article>)",
                  v.complete_refusal);
    }
    if (editor) {
      const Error* e = error_of(fe, "cancel");
      out += html(
          R"(<article><details{}><summary>Cancel this action</summary><p class="muted">It will not be done; the reason is kept with it and in the ledger.</p>{}</details></article>)",
          Html::trusted(e ? " open" : ""),
          text_form(ctx, fe, "cancel", base + "/cancel", "reason", "Reason",
                    "Why it is no longer needed", "Cancel the action", ButtonKind::danger,
                    "Cancel this action?"));
    }
  } else if (editor) {
    const Error* e = error_of(fe, "reopen");
    out += html(
        R"(<article><details{}><summary>Reopen this action</summary><p class="muted">Back to open; the reason is kept in the ledger.</p>{}</details></article>)",
        Html::trusted(e ? " open" : ""),
        text_form(ctx, fe, "reopen", base + "/reopen", "reason", "Reason", "Why it needs more work",
                  "Reopen", ButtonKind::secondary));
  }
  if (out.empty()) {
    return {};
  }
  return html(
      R"(<section aria-labelledby="work-h"><h2 id="work-h">Progress</h2><div class="grid">{}</div></section>)",
      out);
}

Html notes_section(const http::Context& ctx, const ActionView& v, const FormError* fe) {
  Html items;
  for (const auto& n : v.notes) {
    items += html(R"(<li id="note-{}"><p><strong>{}</strong> · {}</p>{}</li>)", n.id,
                  n.author_label, when(n.at), rendered(n.body));
  }
  Html list = v.notes.empty() ? html(R"(<p class="empty-state">No progress note yet.</p>)")
                              : html(R"(<ol class="timeline">{}</ol>)", items);
  Html form;
  if (v.can_progress || v.can_edit) {
    form = html(R"(<details{}><summary>Add a progress note</summary>{}</details>)",
                Html::trusted(error_of(fe, "note") ? " open" : ""),
                text_form(ctx, fe, "note", action_url(v.row.action.id) + "/notes", "body", "Note",
                          "What happened, what is blocking, what is next. Markdown.", "Add note",
                          ButtonKind::secondary));
  }
  return html(
      R"(<section aria-labelledby="notes-h"><h2 id="notes-h">Progress notes</h2>{}{}</section>)",
      list, form);
}

Html carryovers_section(const ActionView& v) {
  if (v.carryovers.empty()) {
    return {};
  }
  std::vector<ui::Row> rows;
  for (const auto& c : v.carryovers) {
    rows.push_back({html(R"(<a href="/meetings/{}">{}</a>)", c.meeting_id, c.meeting_title),
                    when(c.meeting_at), state_badge(c.status_then)});
  }
  return html(
      R"(<section aria-labelledby="carryovers-h"><h2 id="carryovers-h">Carried over</h2><p class="muted">Open when these management reviews were signed: each listed it under input (a).</p>{}</section>)",
      ui::table("Signed management reviews it was carried over to",
                {"Review", "Date (UTC)", "Status then"}, rows));
}

Html history_section(const ActionView& v) {
  std::vector<ui::Row> rows;
  for (const auto& e : v.history) {
    rows.push_back({html(R"(<a href="/ledger?entity_type=action&amp;entity_id={}">#{}</a>)",
                         v.row.action.id.value, e.seq),
                    when(e.at), text(e.actor.label), text(e.action),
                    html(R"(<code class="payload">{}</code>)", e.payload)});
  }
  return html(R"(<section aria-labelledby="history-h"><h2 id="history-h">History</h2>{}</section>)",
              ui::table("History from the ledger, newest first",
                        {"Entry", "When (UTC)", "By", "Action", "What changed"}, rows,
                        "No ledger entries yet."));
}

Html detail_page(const http::Context& ctx, const ActionView& v, const FormError* fe) {
  const Action& a = v.row.action;
  Html actions;
  if (v.can_edit && is_open(a.status)) {
    actions += ui::link_button(action_url(a.id) + "/edit", "Edit", ButtonKind::secondary);
  }
  Html alert;
  if (v.row.escalated) {
    alert =
        ui::alert(ui::FlashKind::error, "Escalated: " + plural(v.row.days_overdue, "day", "days") +
                                            " past its due date.");
  }
  Html description =
      a.description.empty()
          ? Html()
          : html(
                R"(<section aria-labelledby="desc-h"><h2 id="desc-h">Description</h2>{}</section>)",
                rendered(a.description));
  Html evidence =
      a.completion_evidence.empty()
          ? Html()
          : html(
                R"(<section aria-labelledby="evidence-h"><h2 id="evidence-h">Completion evidence</h2>{}</section>)",
                rendered(a.completion_evidence));
  const bool reader = can(ctx, kReaders);
  return html(
      "{}{}{}{}{}{}{}{}{}{}",
      ui::breadcrumb({{reader ? "Actions" : "My actions", reader ? "/actions" : "/actions/mine"},
                      {"#" + a.id.str(), ""}}),
      ui::page_header(
          a.title, "Action #" + a.id.str() + " · " + std::string(source_label(a.source)), actions),
      alert, facts(ctx, v), description, evidence, work_section(ctx, v, fe),
      notes_section(ctx, v, fe), carryovers_section(v), history_section(v));
}

http::Response detail_with(const Services& s, const http::Context& ctx, ActionId id,
                           const FormError* fe) {
  auto v = must(view(s.env(), caller_of(ctx), id));
  return page(s, ctx, "Action #" + id.str() + " " + v.row.action.title,
              can(ctx, kReaders) ? "actions" : "my-actions", detail_page(ctx, v, fe),
              fe ? 422 : 200);
}

// Runs a transition; invalid input re-renders the action page with the error at the form that
// caused it, anything else (conflict, forbidden, not found) goes to the error page.
template <class F>
http::Response act(const Services& s, const http::Context& ctx, ActionId id, std::string form,
                   std::string value, F&& f, std::string_view flash) {
  mandate::Status r = f();
  if (!r) {
    if (r.error().code == Errc::invalid) {
      FormError fe{std::move(form), r.error(), std::move(value)};
      return detail_with(s, ctx, id, &fe);
    }
    throw ErrorException(r.error());
  }
  return see_other(action_url(id), flash);
}

// ---------------------------------------------------------------- settings

Html settings_page(const http::Context& ctx, const Settings& st, const std::string& days,
                   const Error* e) {
  using ui::error_for;
  return html(
      "{}{}{}{}", ui::breadcrumb({{"Actions", "/actions"}, {"Settings", ""}}),
      ui::page_header("Action settings", "For every action of this organization"),
      labelled_summary(e),
      ui::post_form("/actions/settings", csrf(ctx),
                    html("{}{}{}",
                         ui::checkbox("independent_closure",
                                      "Independent closure: the owner cannot mark their "
                                      "own action as done; someone else closes it",
                                      st.independent_closure, error_for(e, "independent_closure")),
                         ui::text_field("escalate_after_days", "Escalate after (days overdue)",
                                        days, error_for(e, "escalate_after_days"),
                                        {.type = "number",
                                         .required = true,
                                         .hint = "An open action this many days past its "
                                                 "due date is marked escalated; 1 to 365",
                                         .inputmode = "numeric"}),
                         ui::submit_button("Save settings"))));
}

}  // namespace

// ---------------------------------------------------------------- handlers

http::Response list(const Services& s, http::Context& ctx) {
  return list_page(s, ctx, api::query_from(ctx, can(ctx, kReaders) ? View::open : View::mine));
}

http::Response mine(const Services& s, http::Context& ctx) {
  ListQuery q = api::query_from(ctx, View::mine);
  q.view = View::mine;
  return list_page(s, ctx, q);
}

http::Response by_owner(const Services& s, http::Context& ctx) {
  return summary_page(s, ctx, GroupBy::owner);
}

http::Response by_source(const Services& s, http::Context& ctx) {
  return summary_page(s, ctx, GroupBy::source);
}

http::Response new_form(const Services& s, http::Context& ctx) {
  return page(s, ctx, "New action", "actions", new_page(s, ctx, FormValues{}, nullptr));
}

http::Response create(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  FormValues v = form_values(form);
  Validation val;
  ActionFields f = fields_from(s, ctx, v, val);
  auto source = parse_source(v.source);
  if (!source) {
    val.add("source", "choose a source");
  }
  Result<ActionId> r = val.ok() ? actions::create(s.env(), caller_of(ctx), *source, v.source_ref, f)
                                : Result<ActionId>(with_model_errors(val, f));
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "New action", "actions", new_page(s, ctx, v, &e), 422);
  }
  return see_other(action_url(*r), "action-created");
}

http::Response detail(const Services& s, http::Context& ctx) {
  return detail_with(s, ctx, api::action_param(ctx), nullptr);
}

http::Response edit_form(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto v = must(view(s.env(), caller_of(ctx), id));
  const Action& a = v.row.action;
  if (!is_open(a.status)) {
    throw ErrorException(fail(
        Errc::conflict,
        "This action is " + std::string(state_name(a.status)) + ": reopen it before changing it."));
  }
  FormValues fv{a.title,
                a.description,
                a.owner ? a.owner->str() : std::string(),
                a.due_on ? core::format_date(*a.due_on) : std::string(),
                std::string(source_name(a.source)),
                a.source_ref,
                a.row_version};
  return page(s, ctx, "Edit action #" + id.str(), "actions", edit_page(s, ctx, id, fv, nullptr));
}

http::Response update(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto form = Form::parse(ctx);
  FormValues v = form_values(form);
  Validation val;
  ActionFields f = fields_from(s, ctx, v, val);
  mandate::Status r = val.ok() ? actions::update(s.env(), caller_of(ctx), id, f, v.row_version)
                               : mandate::Status(with_model_errors(val, f));
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::stale) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Edit action #" + id.str(), "actions", edit_page(s, ctx, id, v, &e),
                e.code == Errc::stale ? 409 : 422);
  }
  return see_other(action_url(id), "action-saved");
}

http::Response start(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  Form::parse(ctx);
  must(actions::start(s.env(), caller_of(ctx), id));
  return see_other(action_url(id), "action-started");
}

http::Response complete(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto form = Form::parse(ctx);
  std::string evidence = form.get("completion_evidence");
  return act(
      s, ctx, id, "complete", evidence,
      [&] { return actions::complete(s.env(), caller_of(ctx), id, evidence); }, "action-completed");
}

http::Response cancel(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto form = Form::parse(ctx);
  std::string reason = form.get("reason");
  return act(
      s, ctx, id, "cancel", reason,
      [&] { return actions::cancel(s.env(), caller_of(ctx), id, reason); }, "action-cancelled");
}

http::Response reopen(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto form = Form::parse(ctx);
  std::string reason = form.get("reason");
  return act(
      s, ctx, id, "reopen", reason,
      [&] { return actions::reopen(s.env(), caller_of(ctx), id, reason); }, "action-reopened");
}

http::Response add_note(const Services& s, http::Context& ctx) {
  ActionId id = api::action_param(ctx);
  auto form = Form::parse(ctx);
  std::string body = form.get("body");
  auto r = actions::add_note(s.env(), caller_of(ctx), id, body);
  if (!r) {
    if (r.error().code == Errc::invalid) {
      FormError fe{"note", r.error(), body};
      return detail_with(s, ctx, id, &fe);
    }
    throw ErrorException(r.error());
  }
  // The flash goes in the query, before the fragment that scrolls to the new note.
  return see_other(action_url(id) + "?flash=action-note-added#note-" + std::to_string(*r));
}

http::Response settings(const Services& s, http::Context& ctx) {
  auto st = must(actions::settings(s.env(), caller_of(ctx)));
  return page(s, ctx, "Action settings", "actions",
              settings_page(ctx, st, std::to_string(st.escalate_after_days), nullptr));
}

http::Response set_settings(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  Settings st;
  st.independent_closure = form.get("independent_closure") == "true";
  const std::string days(core::trim(form.get("escalate_after_days")));
  Validation val;
  const auto n = int_or(days, INT64_MIN);
  if (n == INT64_MIN || n < -1'000'000 || n > 1'000'000) {
    val.add("escalate_after_days", "must be a whole number of days from 1 to 365");
  } else {
    st.escalate_after_days = static_cast<int>(n);
  }
  mandate::Status r =
      val.ok() ? actions::set_settings(s.env(), caller_of(ctx), st) : mandate::Status(val.error());
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    const Error e = r.error();
    return page(s, ctx, "Action settings", "actions", settings_page(ctx, st, days, &e), 422);
  }
  return see_other("/actions/settings", "action-settings-saved");
}

}  // namespace mandate::areas::actions::pages
