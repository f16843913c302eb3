// areas/common/page.cpp — rendering a page in the layout for the current caller (see web.hpp).
#include <algorithm>
#include <map>

#include "areas/accounts/service.hpp"
#include "areas/actions/service.hpp"
#include "areas/common/web.hpp"
#include "areas/meetings/service.hpp"
#include "areas/policies/service.hpp"
#include "ui/layout.hpp"

namespace mandate::areas {
namespace {

// Flash messages by code: fixed texts, so nothing from the URL is reflected into the page.
const std::map<std::string, std::pair<ui::FlashKind, std::string>, std::less<>>& flashes() {
  static const std::map<std::string, std::pair<ui::FlashKind, std::string>, std::less<>> m = {
      {"switched", {ui::FlashKind::info, "Switched organization."}},
      {"person-saved", {ui::FlashKind::success, "Saved. The change is in the ledger."}},
      {"designated", {ui::FlashKind::success, "Designated as top management."}},
      {"designation-ended", {ui::FlashKind::success, "The designation has ended."}},
      {"member-saved", {ui::FlashKind::success, "Member saved."}},
      {"member-removed", {ui::FlashKind::success, "Member removed."}},
      {"token-revoked", {ui::FlashKind::success, "Token revoked."}},
      {"checkpoint-written", {ui::FlashKind::success, "Checkpoint written and signed."}},
      {"policy-created", {ui::FlashKind::success, "Document created with version 1 as a draft."}},
      {"policy-saved", {ui::FlashKind::success, "Saved. The change is in the ledger."}},
      {"draft-started", {ui::FlashKind::success, "New draft started from the latest text."}},
      {"draft-saved", {ui::FlashKind::success, "Draft saved."}},
      {"policy-submitted", {ui::FlashKind::success, "Submitted for approval: the text is now frozen."}},
      {"policy-approved", {ui::FlashKind::success, "Approved and signed. Your signature is in the ledger."}},
      {"policy-rejected", {ui::FlashKind::success, "Rejected. The author has your comment."}},
      {"policy-published", {ui::FlashKind::success, "Published: this version now applies to its audience."}},
      {"policy-retired", {ui::FlashKind::success, "Document retired."}},
      {"policy-reviewed", {ui::FlashKind::success, "Review signed: no change. The review clock restarts."}},
      {"policy-acknowledged", {ui::FlashKind::success, "Acknowledged. Thank you."}},
      {"campaign-started", {ui::FlashKind::success, "Acknowledgment campaign started."}},
      {"campaign-closed", {ui::FlashKind::success, "Campaign closed."}},
      {"link-revoked", {ui::FlashKind::success, "Share link revoked: it no longer opens."}},
      {"rule-saved", {ui::FlashKind::success, "Approval rule saved."}},
      {"action-created", {ui::FlashKind::success, "Action created. It is in the ledger."}},
      {"action-saved", {ui::FlashKind::success, "Saved. The change is in the ledger."}},
      {"action-started", {ui::FlashKind::success, "Started: the action is in progress."}},
      {"action-completed", {ui::FlashKind::success, "Done. The completion evidence is recorded."}},
      {"action-cancelled", {ui::FlashKind::success, "Action cancelled; the reason is recorded."}},
      {"action-reopened", {ui::FlashKind::success, "Action reopened."}},
      {"action-note-added", {ui::FlashKind::success, "Progress note added."}},
      {"action-settings-saved", {ui::FlashKind::success, "Action settings saved."}},
      {"meeting-created", {ui::FlashKind::success, "Meeting created. It is in the ledger."}},
      {"meeting-saved", {ui::FlashKind::success, "Saved. The change is in the ledger."}},
      {"meeting-cancelled", {ui::FlashKind::success, "Meeting cancelled; the reason is recorded."}},
      {"attendance-saved", {ui::FlashKind::success, "Attendance recorded."}},
      {"item-added", {ui::FlashKind::success, "Agenda item added."}},
      {"item-saved", {ui::FlashKind::success, "Agenda item saved."}},
      {"item-removed", {ui::FlashKind::success, "Agenda item removed."}},
      {"decision-added", {ui::FlashKind::success, "Decision recorded."}},
      {"decision-saved", {ui::FlashKind::success, "Decision saved."}},
      {"decision-removed",
       {ui::FlashKind::success, "Decision withdrawn; its action, if any, is cancelled."}},
      {"attachment-added",
       {ui::FlashKind::success, "Attachment stored with its SHA-256 and the time received."}},
      {"attachment-removed", {ui::FlashKind::success, "Attachment removed from the meeting."}},
      {"meeting-signed",
       {ui::FlashKind::success, "Signed. The minutes are frozen; corrections go in addenda."}},
      {"addendum-signed", {ui::FlashKind::success, "Addendum signed and added to the minutes."}},
      {"cadence-saved", {ui::FlashKind::success, "Declared cadence saved."}},
      {"calendar-token-revoked",
       {ui::FlashKind::success, "Calendar feed address revoked: it no longer answers."}},
  };
  return m;
}

// How many of the caller's own actions are overdue, for the nav: the "mine" view, due first
// (a person owns a handful of actions; closed ones are never overdue).
std::int64_t my_overdue_actions(const Services& s, const Caller& by) {
  actions::ListQuery q;
  q.view = actions::View::mine;
  q.sort = actions::Sort::due;
  q.limit = 500;
  auto mine = actions::list(s.env(), by, q);
  if (!mine) {
    return 0;
  }
  return std::count_if(mine->rows.begin(), mine->rows.end(),
                       [](const actions::ActionRow& r) { return r.days_overdue > 0; });
}

}  // namespace

http::Response page(const Services& s, const http::Context& ctx, std::string_view title,
                    std::string_view active_nav, ui::Html body, int status) {
  const auto& p = ctx.who();
  ui::PageContext pc;
  pc.title = std::string(title);
  pc.user_name = p.display_name;
  pc.user_email = p.email;
  pc.role_label = p.role ? std::string(role_label(*p.role)) : "no role";
  pc.csrf_token = p.csrf_token;
  pc.csp_nonce = ctx.csp_nonce;
  for (const auto& [org, m] : accounts::my_orgs(s.env(), p.user)) {
    pc.orgs.push_back({org.id.value, org.name, org.id == p.org});
    if (org.id == p.org) {
      pc.org_name = org.name;
    }
  }
  auto nav = [&](const char* key, const char* label, const char* href, RoleSet roles) {
    if (p.role && roles.contains(*p.role)) {
      pc.nav.push_back({label, href, active_nav == key});
    }
  };
  nav("dashboard", "Dashboard", "/", RoleSet::all());
  nav("people", "People", "/people",
      {Role::admin, Role::top_management, Role::isms_manager, Role::contributor, Role::auditor});
  nav("policies", "Policies", "/policies", policies::kReaders);
  nav("my-policies", "My policies", "/policies/mine", policies::kMembers);
  if (p.role && policies::kApproverRoles.contains(*p.role)) {
    // The number of versions waiting for this approver's signature (one COUNT).
    auto waiting = policies::pending_approvals(s.env(), caller_of(ctx));
    const std::int64_t n = waiting ? *waiting : 0;
    pc.nav.push_back({n ? "Approvals (" + std::to_string(n) + ")" : std::string("Approvals"),
                      "/policies/inbox", active_nav == "approvals"});
  }
  nav("meetings", "Meetings", "/meetings", meetings::kReaders);
  nav("actions", "Actions", "/actions", actions::kReaders);
  if (p.role && actions::kMembers.contains(*p.role)) {
    // The caller's overdue actions (their own few open actions, read once).
    const std::int64_t n = my_overdue_actions(s, caller_of(ctx));
    pc.nav.push_back({n ? "My actions (" + std::to_string(n) + " overdue)" : std::string("My actions"),
                      "/actions/mine", active_nav == "my-actions"});
  }
  nav("ledger", "Ledger", "/ledger",
      {Role::admin, Role::top_management, Role::isms_manager, Role::auditor});
  nav("members", "Members", "/admin/members", {Role::admin});
  nav("tokens", "API tokens", "/admin/tokens", {Role::admin});
  if (auto f = flashes().find(ctx.req.query_param("flash")); f != flashes().end()) {
    pc.flash = ui::Flash{f->second.first, f->second.second};
  }
  return http::Response::html(ui::page(pc, body).release(), status);
}

}  // namespace mandate::areas
