// areas/dashboard/routes.cpp — the dashboard page (any member of the organization).
#include "areas/dashboard/routes.hpp"

#include <cmath>
#include <map>

#include "areas/accounts/repo.hpp"
#include "areas/people/repo.hpp"
#include "areas/policies/service.hpp"
#include "ledger/checkpoint.hpp"
#include "ui/components.hpp"

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
<article><h2>Ledger</h2>{}</article>)",
                   cards,
                   top.empty() ? html(R"(<p class="empty-state">No one is designated as top management. Designate the leaders on their person page: later indicators (attendance, approvals) depend on it.</p>)")
                               : html(R"(<table><thead><tr><th scope="col">Name</th><th scope="col">Title</th><th scope="col">Since</th></tr></thead><tbody>{}</tbody></table>)", top),
                   members, total_members, policies_section(s, by), checkpoint);
  return page(s, ctx, "Dashboard", "dashboard", body);
}

}  // namespace

void register_routes(http::Router& router, const Services& s) {
  RouteTable routes(router, s);
  routes.add(http::Method::get, "/", http::Kind::page, {}, dashboard, Access::any_member);
}

}  // namespace mandate::areas::dashboard
