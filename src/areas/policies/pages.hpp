// areas/policies/pages.hpp — HTML pages for policies: the register (filters, CSV export, Markdown
// import), a document with its versions, signatures, diff, review, campaigns and share links,
// the approval inbox, "my policies" with open-then-acknowledge, coverage, approval rules, and the
// public read-only view of a shared version. Registered in routes.cpp; every change goes through
// the service (areas/policies/service.hpp).
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::policies::pages {

http::Response list(const Services& s, http::Context& ctx);
http::Response new_form(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response import_form(const Services& s, http::Context& ctx);
http::Response import_submit(const Services& s, http::Context& ctx);
http::Response rules(const Services& s, http::Context& ctx);
http::Response set_rule(const Services& s, http::Context& ctx);
http::Response inbox(const Services& s, http::Context& ctx);
http::Response mine(const Services& s, http::Context& ctx);
http::Response detail(const Services& s, http::Context& ctx);
http::Response edit_form(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response version(const Services& s, http::Context& ctx);
http::Response draft_form(const Services& s, http::Context& ctx);
http::Response edit_draft(const Services& s, http::Context& ctx);
http::Response diff(const Services& s, http::Context& ctx);
http::Response new_draft(const Services& s, http::Context& ctx);
http::Response submit(const Services& s, http::Context& ctx);
http::Response approve(const Services& s, http::Context& ctx);
http::Response reject(const Services& s, http::Context& ctx);
http::Response publish(const Services& s, http::Context& ctx);
http::Response retire(const Services& s, http::Context& ctx);
http::Response review(const Services& s, http::Context& ctx);
http::Response read(const Services& s, http::Context& ctx);
http::Response open(const Services& s, http::Context& ctx);
http::Response acknowledge(const Services& s, http::Context& ctx);
http::Response coverage(const Services& s, http::Context& ctx);
http::Response create_campaign(const Services& s, http::Context& ctx);
http::Response close_campaign(const Services& s, http::Context& ctx);
http::Response create_link(const Services& s, http::Context& ctx);
http::Response revoke_link(const Services& s, http::Context& ctx);
// Public (no session): a shared version, read-only, on a bare page.
http::Response shared(const Services& s, http::Context& ctx);

}  // namespace mandate::areas::policies::pages
