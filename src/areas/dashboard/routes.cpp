// areas/dashboard/routes.cpp — the dashboard page (any member of the organization).
#include "areas/dashboard/routes.hpp"

#include <cmath>
#include <map>

#include "areas/accounts/repo.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"
#include "areas/people/repo.hpp"
#include "areas/policies/service.hpp"
#include "ledger/checkpoint.hpp"
#include "ui/components.hpp"
#include "ui/html.hpp"

namespace mandate::areas::dashboard {
namespace {

using ui::Html;
using ui::html;

struct Figures {
  people::repo::Counts people;
  std::vector<std::pair<people::Person, people::TopManagementTerm>> top;
  std::map<Role, int> members;
  std::int64_t ledger_entries = 0;
  std::optional<ledger::Checkpoint> checkpoint;
};

std::string percent_of(std::int64_t part, std::int64_t whole) {
  if (whole == 0) {
    return "—";
  }
  return std::to_string(static_cast<int>(std::lround(100.0 * double(part) / double(whole)))) + "%";
}

// The policies indicators (ISO/IEC 27001 5.2, 7.5), each figure linking to the records behind
// it; for members who cannot read the register, what they still have to acknowledge.
Html policies_section(const Services& s, const Caller& by) {
  namespace pol = policies;
  if (!by.has_role(pol::kReaders)) {
    if (!by.has_role(pol::kMembers)) {
      return {};
    }
    auto mine = pol::my_policies(s.env(), by);
    if (!mine || !mine->person) {
      return {};
    }
    std::int64_t todo = 0;
    for (const auto& p : mine->policies) {
      todo += p.must_acknowledge() ? 1 : 0;
    }
    return html(R"(<section aria-labelledby="policies-h"><h2 id="policies-h">Policies</h2>{}</section>)",
                ui::stat_grid("My policies",
                              {ui::stat_card("To acknowledge", std::to_string(todo),
                                             std::to_string(mine->policies.size()) + " apply to you",
                                             "/policies/mine")}));
  }
  auto in = must(pol::indicators(s.env(), by));
  if (in.policies == 0) {
    return html(R"(<section aria-labelledby="policies-h"><h2 id="policies-h">Policies</h2>{}</section>)",
                ui::empty_state("No policy is published yet: the indicators start with the first "
                                "published version.",
                                ui::link_button("/policies", "Open the register")));
  }
  const std::int64_t all = in.acknowledgments_due;
  std::string overdue_note = in.overdue.empty()
                                 ? std::string("none overdue")
                                 : "most overdue: " + in.overdue.front().doc.reference +
                                       (in.overdue.front().review
                                            ? " (" + std::to_string(-in.overdue.front().review->days_left) + " days)"
                                            : std::string());
  std::vector<Html> cards{
      ui::stat_card("Approved by top management",
                    percent_of(in.approved_by_top_management, in.policies),
                    std::to_string(in.approved_by_top_management) + " of " + std::to_string(in.policies) +
                        " current versions",
                    in.not_approved_by_top_management.empty() ? "/policies?status=published"
                                                              : "#policies-not-tm"),
      ui::stat_card("Within review interval", percent_of(in.within_review, in.policies),
                    overdue_note,
                    in.overdue.empty() ? "/policies?due=1"
                                       : "/policies?overdue=1&sort=review_due"),
      ui::stat_card("Acknowledged: all staff", percent_of(in.acknowledged, all),
                    std::to_string(in.acknowledged) + " of " + std::to_string(all) + " person × policy",
                    "#policies-coverage"),
      ui::stat_card("Acknowledged: top management",
                    percent_of(in.top_management.acknowledged, in.top_management.audience),
                    std::to_string(in.top_management.acknowledged) + " of " +
                        std::to_string(in.top_management.audience),
                    "#policies-coverage"),
      ui::stat_card("Days since top management signed",
                    in.days_since_top_management_signoff
                        ? std::to_string(*in.days_since_top_management_signoff)
                        : std::string("never"),
                    in.last_top_management_signoff
                        ? "last approval or review " + iso(*in.last_top_management_signoff).substr(0, 10)
                        : std::string("no approval or review by top management"),
                    by.has_role(RoleSet{Role::admin, Role::top_management, Role::isms_manager, Role::auditor})
                        ? "/ledger?entity_type=policy"
                        : "/policies"),
  };
  Html not_tm;
  for (const auto& r : in.not_approved_by_top_management) {
    not_tm += html(R"(<li><a href="/policies/{}">{} · {}</a></li>)", r.doc.id.value, r.doc.reference,
                   r.doc.title);
  }
  Html overdue;
  for (const auto& r : in.overdue) {
    overdue += html(R"(<li><a href="/policies/{}">{} · {}</a> — {} days overdue</li>)", r.doc.id.value,
                    r.doc.reference, r.doc.title, r.review ? -r.review->days_left : 0);
  }
  std::vector<ui::Row> rows;
  std::vector<ui::Bar> bars;
  for (const auto& d : in.departments) {
    std::string label = d.label.empty() ? "(no department)" : d.label;
    rows.push_back({ui::text(label), html("{}", d.acknowledged), html("{}", d.audience),
                    ui::text(percent_of(d.acknowledged, d.audience))});
    bars.push_back({label, std::round(d.share() * 1000) / 10});
  }
  return html(R"(<section aria-labelledby="policies-h"><h2 id="policies-h">Policies</h2>{}
<div class="grid">
<article id="policies-not-tm"><h3>Current version not approved by top management</h3>{}</article>
<article><h3>Review overdue</h3>{}</article>
</div>
<article id="policies-coverage"><h3>Acknowledgment coverage by department</h3><p>Top management, counted separately: <strong>{}</strong> of {} acknowledged ({}). Per-document coverage and who is missing: on each document's <a href="/policies?status=published">coverage page</a>.</p>{}{}</article>
</section>)",
              ui::stat_grid("Policy indicators", cards),
              not_tm.empty() ? html(R"(<p class="empty-state">Every current version carries a top-management signature.</p>)")
                             : html("<ul>{}</ul>", not_tm),
              overdue.empty() ? html(R"(<p class="empty-state">No review is overdue.</p>)")
                              : html("<ul>{}</ul>", overdue),
              in.top_management.acknowledged, in.top_management.audience,
              percent_of(in.top_management.acknowledged, in.top_management.audience),
              bars.empty() ? Html() : ui::percent_chart("Acknowledged, % by department", bars),
              ui::table("Coverage by department",
                        {"Department", {"Acknowledged", true}, {"Due", true}, {"Share", true}}, rows,
                        "Nobody is in an audience yet."));
}

// ---------------------------------------------------------------- management reviews and actions

// How a figure stands against what the organization declared: fine, close (amber), over (red).
enum class Level { fine, amber, red };

// A dashboard figure with its state as a word in a badge (never colour alone), linking to the
// records behind it.
Html figure(std::string_view label, std::string_view value, std::string_view note,
            std::string_view href, Level level = Level::fine, std::string_view state = "") {
  Html badge = level == Level::red     ? html("{} ", ui::badge(ui::Tone::bad, state))
               : level == Level::amber ? html("{} ", ui::badge(ui::Tone::warn, state))
                                       : Html();
  return html(
      R"(<a class="stat-card" href="{}"><span class="stat-label">{}</span><span class="stat-value">{}</span><span class="stat-note">{}{}</span></a>)",
      ui::safe_href(href), label, value, badge, note);
}

std::string date_of(core::Timestamp t) { return iso(t).substr(0, 10); }

// Whole months for a number of days, for comparing with a declared cadence.
std::int64_t months_of(std::int64_t days) {
  return static_cast<std::int64_t>(std::lround(double(days) / (365.0 / 12)));
}

// What a member who cannot read meetings still sees: their own actions.
Html my_actions_section(const Services& s, const Caller& by) {
  if (!by.has_role(actions::kMembers)) {
    return {};
  }
  actions::ListQuery q;
  q.view = actions::View::mine;
  q.limit = 500;
  auto mine = actions::list(s.env(), by, q);
  if (!mine) {
    return {};
  }
  std::int64_t open = 0, overdue = 0;
  for (const auto& r : mine->rows) {
    open += actions::is_open(r.action.status) ? 1 : 0;
    overdue += r.days_overdue > 0 ? 1 : 0;
  }
  if (mine->total == 0) {
    return {};
  }
  return html(
      R"(<section aria-labelledby="actions-h"><h2 id="actions-h">My actions</h2>{}</section>)",
      ui::stat_grid("My actions",
                    {figure("Open actions", std::to_string(open),
                            overdue ? std::to_string(overdue) + " past their due date"
                                    : std::string("none overdue"),
                            "/actions/mine", overdue ? Level::red : Level::fine, "Overdue")}));
}

// Management reviews and actions (ISO/IEC 27001 5.1, 9.3, 10.2): the cadence and say-do-gap
// indicators of meetings::indicators, each figure linking to its records, red or amber when over
// (or close to) the cadence the organization declared.
Html reviews_section(const Services& s, const Caller& by) {
  namespace mt = meetings;
  if (!by.has_role(mt::kReaders)) {
    return my_actions_section(s, by);
  }
  const mt::Indicators in = must(mt::indicators(s.env(), by));
  const std::int64_t today = core::days_since_epoch(s.clock.now());
  const int every = in.cadence.review_every_months;
  const auto interval_days = static_cast<std::int64_t>(std::lround(every * 365.0 / 12));
  const std::string declared =
      "declared every " + std::to_string(every) + (every == 1 ? " month" : " months");

  // Days since the last signed management review, and whether top management attended.
  Html last_card;
  if (in.last_review && in.days_since_last_review) {
    const std::int64_t d = *in.days_since_last_review;
    const std::int64_t left = interval_days - d;
    Level level = in.review_overdue                                       ? Level::red
                  : left <= 30 || !in.last_review->top_management_present ? Level::amber
                                                                          : Level::fine;
    std::string state =
        in.review_overdue ? "Over the declared interval"
        : left <= 30 ? "Due within " + std::to_string(std::max<std::int64_t>(left, 0)) + " days"
                     : "No top management";
    last_card = figure("Days since the last management review", std::to_string(d),
                       date_of(in.last_review->at) +
                           (in.last_review->top_management_present ? ", top management attended; "
                                                                   : ", top management absent; ") +
                           declared,
                       "/meetings/" + in.last_review->id.str(), level, state);
  } else {
    last_card = figure("Days since the last management review", "never",
                       "no signed management review; " + declared,
                       "/meetings?type=management_review", Level::red, "No review");
  }

  // Declared vs actual interval over 24 months: the longest gap (to today included) against the
  // declared cadence, and the number of signed reviews against the number it implies.
  const auto n24 = static_cast<std::int64_t>(in.reviews_24m.size());
  const bool too_few = n24 < in.reviews_expected_24m;
  const bool long_gap = in.longest_interval_days && *in.longest_interval_days > interval_days;
  Html interval_card =
      figure("Longest gap between reviews, months",
             in.longest_interval_days ? std::to_string(months_of(*in.longest_interval_days))
                                      : std::string("—"),
             "last 24 months, " + declared + "; " + std::to_string(n24) + " signed " +
                 (n24 == 1 ? "review" : "reviews") + ", " +
                 std::to_string(in.reviews_expected_24m) + " expected",
             "#reviews-24m", long_gap || too_few ? Level::red : Level::fine,
             long_gap ? "Over the declared cadence" : "Fewer reviews than declared");

  // Security on the executive agenda, last 12 months.
  const auto exec = static_cast<std::int64_t>(in.executive_12m.size());
  const int sec_every = in.cadence.security_agenda_every_months;
  std::string exec_note = std::to_string(in.executive_with_security_12m) + " of " +
                          std::to_string(exec) + " board and executive meetings; ";
  exec_note +=
      in.days_since_security_on_executive_agenda
          ? "the last " + std::to_string(*in.days_since_security_on_executive_agenda) + " days ago"
          : std::string("never on an executive agenda yet");
  exec_note +=
      "; declared every " + std::to_string(sec_every) + (sec_every == 1 ? " month" : " months");
  Html exec_card =
      figure("Security on the executive agenda", percent_of(in.executive_with_security_12m, exec),
             exec_note, "#reviews-executive",
             in.security_agenda_overdue              ? Level::red
             : in.executive_with_security_12m < exec ? Level::amber
                                                     : Level::fine,
             in.security_agenda_overdue ? "Over the declared interval" : "Not in every meeting");

  // Review actions closed by their due date.
  const auto& ra = in.review_actions;
  const bool low = ra.due > 0 && ra.done_on_time * 2 < ra.due;
  Html actions_card =
      figure("Review actions closed by their due date", percent_of(ra.done_on_time, ra.due),
             std::to_string(ra.done_on_time) + " of " + std::to_string(ra.due) + " due on time; " +
                 std::to_string(ra.open) + " open, " + std::to_string(ra.overdue) + " overdue",
             ra.overdue ? "/actions?view=overdue&source=management_review"
                        : "/actions?view=all&source=management_review",
             low                                          ? Level::red
             : ra.overdue > 0 || ra.done_on_time < ra.due ? Level::amber
                                                          : Level::fine,
             low              ? "Fewer than half on time"
             : ra.overdue > 0 ? "Overdue"
                              : "Some late");

  std::int64_t carried_open = 0;
  for (const auto& r : ra.carried_over_twice) {
    carried_open += actions::is_open(r.action.status) ? 1 : 0;
  }
  Html carried_card =
      figure("Carried over two or more reviews", std::to_string(ra.carried_over_twice.size()),
             std::to_string(carried_open) + " still open", "#reviews-carried",
             carried_open > 0 ? Level::red : Level::fine, "Still open");

  std::int64_t decisions = 0;
  for (const auto& r : in.reviews) {
    decisions += r.decisions;
  }
  const auto nrev = static_cast<std::int64_t>(in.reviews.size());
  const auto without = static_cast<std::int64_t>(in.reviews_without_decisions.size());
  std::string per_review = "—";
  if (nrev > 0) {
    const double avg = std::round(10.0 * double(decisions) / double(nrev)) / 10;
    per_review = html("{}", avg).release();
  }
  Html decisions_card = figure(
      "Decisions per review", per_review,
      std::to_string(nrev) + " signed " + (nrev == 1 ? "review" : "reviews") + "; " +
          std::to_string(without) + " without any decision",
      "#reviews-decisions", without > 0 ? Level::red : Level::fine, "A review decided nothing");

  // The records behind the figures.
  std::vector<ui::Row> rows24;
  for (std::size_t i = 0; i < in.reviews_24m.size(); ++i) {
    const auto& r = in.reviews_24m[i];
    Html gap = html("—");
    if (i > 0) {
      const std::int64_t g =
          core::days_since_epoch(r.at) - core::days_since_epoch(in.reviews_24m[i - 1].at);
      gap = g > interval_days ? html("{} {}", g, ui::badge(ui::Tone::bad, "over the cadence"))
                              : html("{}", g);
    }
    rows24.push_back(
        {html(R"(<a href="/meetings/{}">{}</a>)", r.id.value, r.title), ui::text(date_of(r.at)),
         ui::text(r.signed_at ? date_of(*r.signed_at) : std::string("—")),
         r.top_management_present ? ui::badge(ui::Tone::ok, "Attended")
                                  : ui::badge(ui::Tone::bad, "Absent"),
         r.decisions ? html("{}", r.decisions) : ui::badge(ui::Tone::bad, "None"), gap});
  }
  Html exec_list;
  for (const auto& m : in.executive_12m) {
    exec_list += html(R"(<li><a href="/meetings/{}">{}</a> — {}, {} {}</li>)", m.id.value, m.title,
                      mt::meeting_type_label(m.type), date_of(m.at),
                      m.security_on_agenda ? ui::badge(ui::Tone::ok, "security on the agenda")
                                           : ui::badge(ui::Tone::warn, "no security item"));
  }
  Html carried;
  for (const auto& r : ra.carried_over_twice) {
    carried += html(
        R"(<li><a href="/actions/{}">{}</a> — carried over {} times; {}{}</li>)", r.action.id.value,
        r.action.title, r.carried_over, actions::state_label(r.action.status),
        r.days_overdue > 0
            ? html(" {}",
                   ui::badge(ui::Tone::warn, "overdue " + std::to_string(r.days_overdue) + " days"))
            : Html());
  }
  std::vector<ui::Row> decision_rows;
  for (const auto& r : in.reviews) {
    decision_rows.push_back({html(R"(<a href="/meetings/{}">{}</a>)", r.id.value, r.title),
                             ui::text(date_of(r.at)),
                             r.decisions ? html("{}", r.decisions)
                                         : html("0 {}", ui::badge(ui::Tone::bad, "no decision"))});
  }
  return html(
      R"(<section aria-labelledby="reviews-h"><h2 id="reviews-h">Management reviews and actions</h2>{}
<article id="reviews-24m"><h3>Signed management reviews, last 24 months</h3><p class="muted">{}; gaps in days between consecutive reviews; since the latest: {}. <a href="{}">All signed reviews of the period</a>.</p>{}</article>
<div class="grid">
<article id="reviews-executive"><h3>Board and executive meetings, last 12 months</h3>{}</article>
<article id="reviews-carried"><h3>Review actions carried over two or more reviews</h3>{}</article>
</div>
<article id="reviews-decisions"><h3>Decisions per signed management review</h3>{}</article>
</section>)",
      ui::stat_grid("Management review indicators", {last_card, interval_card, exec_card,
                                                     actions_card, carried_card, decisions_card}),
      declared + " (about " + std::to_string(interval_days) + " days)",
      in.days_since_last_review ? std::to_string(*in.days_since_last_review) + " days"
                                : std::string("no signed review"),
      "/meetings?type=management_review&status=signed&from=" + core::format_date(today - 730),
      ui::table("Signed management reviews",
                {"Review",
                 "Held",
                 "Signed",
                 "Top management",
                 {"Decisions", true},
                 {"Days since the previous", true}},
                rows24, "No management review was signed in the last 24 months."),
      exec_list.empty()
          ? html(
                R"(<p class="empty-state">No board or executive meeting in the last 12 months.</p>)")
          : html("<ul>{}</ul>", exec_list),
      carried.empty() ? html(R"(<p class="empty-state">No action was carried over twice.</p>)")
                      : html("<ul>{}</ul>", carried),
      ui::table("Decisions per review, newest first", {"Review", "Held", {"Decisions", true}},
                decision_rows, "No management review is signed yet."));
}

http::Response dashboard(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  if (!by.org || !by.role) {
    return page(s, ctx, "No organization", "dashboard",
                html(R"(<h1>No organization yet</h1><p class="empty-state">Your account is not a member of any organization, or your access has ended. Ask an administrator to add you.</p>)"));
  }
  const bool directory = by.has_role(RoleSet{Role::admin, Role::top_management, Role::isms_manager,
                                             Role::contributor, Role::auditor});
  const auto today = core::days_since_epoch(s.clock.now());
  Figures f = s.db.read([&](store::Transaction& tx) {
    Figures out;
    out.people = people::repo::counts(tx, by.org, today);
    out.top = people::repo::top_management_on(tx, by.org, today);
    for (const auto& m : accounts::repo::members(tx, by.org)) {
      if (!m.membership.expired(s.clock.now())) {
        ++out.members[m.membership.role];
      }
    }
    out.ledger_entries = ledger::size(tx, by.org);
    out.checkpoint = ledger::latest_checkpoint(tx, by.org);
    return out;
  });
  auto link = [&](const char* href) { return directory ? std::string(href) : std::string(); };
  Html cards = ui::stat_card("People", std::to_string(f.people.people),
                             std::to_string(f.people.left) + " have left", link("/people?status=active")) +
               ui::stat_card("Top management", std::to_string(f.people.top_management),
                             "designated today", link("/people?top_management=true")) +
               ui::stat_card("Departments", std::to_string(f.people.departments), "", link("/people")) +
               ui::stat_card("Ledger entries", std::to_string(f.ledger_entries),
                             f.checkpoint ? "last checkpoint covers " + std::to_string(f.checkpoint->tree_size)
                                          : "no checkpoint yet",
                             by.has_role(RoleSet{Role::admin, Role::top_management, Role::isms_manager, Role::auditor}) ? "/ledger" : "");
  Html top;
  for (const auto& [p, t] : f.top) {
    top += html(R"(<tr><td>{}</td><td>{}</td><td>{}</td></tr>)",
                directory ? html(R"(<a href="/people/{}">{}</a>)", p.id.value, p.name) : html("{}", p.name),
                t.title, core::format_date(t.starts_on));
  }
  Html members;
  int total_members = 0;
  for (Role r : kAllRoles) {
    int n = f.members.contains(r) ? f.members.at(r) : 0;
    total_members += n;
    members += html(R"(<tr><td>{}</td><td class="num">{}</td></tr>)", role_label(r), n);
  }
  Html checkpoint = f.checkpoint
                        ? html(R"(<p>Last signed checkpoint: <strong>{}</strong> entries, at <time datetime="{}">{}</time>. Root <code>{}</code>.</p>)",
                               f.checkpoint->tree_size, iso(f.checkpoint->created_at),
                               iso(f.checkpoint->created_at), core::hex(f.checkpoint->root).substr(0, 16) + "…")
                        : html(R"(<p class="empty-state">No signed checkpoint yet: one is written every few minutes while the server runs.</p>)");
  Html body = html(R"(<h1>Dashboard</h1>
<section class="stat-grid" aria-label="Key figures">{}</section>
<div class="grid">
<article><h2>Top management today</h2>
{}
</article>
<article><h2>Members by role</h2>
<table><thead><tr><th scope="col">Role</th><th scope="col" class="num">Members</th></tr></thead><tbody>{}</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num">{}</td></tr></tfoot></table>
</article>
</div>
{}
{}
<article><h2>Ledger</h2>{}</article>)",
                   cards,
                   top.empty() ? html(R"(<p class="empty-state">No one is designated as top management. Designate the leaders on their person page: later indicators (attendance, approvals) depend on it.</p>)")
                               : html(R"(<table><thead><tr><th scope="col">Name</th><th scope="col">Title</th><th scope="col">Since</th></tr></thead><tbody>{}</tbody></table>)", top),
                   members, total_members, policies_section(s, by), reviews_section(s, by),
                   checkpoint);
  return page(s, ctx, "Dashboard", "dashboard", body);
}

}  // namespace

void register_routes(http::Router& router, const Services& s) {
  RouteTable routes(router, s);
  routes.add(http::Method::get, "/", http::Kind::page, {}, dashboard, Access::any_member);
}

}  // namespace mandate::areas::dashboard
