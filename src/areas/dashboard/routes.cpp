// areas/dashboard/routes.cpp — the dashboard page (any member of the organization).
#include "areas/dashboard/routes.hpp"

#include <map>

#include "areas/accounts/repo.hpp"
#include "areas/people/repo.hpp"
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
<article><h2>Ledger</h2>{}</article>)",
                   cards,
                   top.empty() ? html(R"(<p class="empty-state">No one is designated as top management. Designate the leaders on their person page: later indicators (attendance, approvals) depend on it.</p>)")
                               : html(R"(<table><thead><tr><th scope="col">Name</th><th scope="col">Title</th><th scope="col">Since</th></tr></thead><tbody>{}</tbody></table>)", top),
                   members, total_members, checkpoint);
  return page(s, ctx, "Dashboard", "dashboard", body);
}

}  // namespace

void register_routes(http::Router& router, const Services& s) {
  RouteTable routes(router, s);
  routes.add(http::Method::get, "/", http::Kind::page, {}, dashboard, Access::any_member);
}

}  // namespace mandate::areas::dashboard
