// areas/actions/pages.hpp — HTML pages for actions: the register with its views as tabs (open,
// mine, overdue, escalated, all), filters, CSV export and the by-owner and by-source summaries;
// new and edit forms; an action with its source, notes, carry-overs, ledger history and the
// transitions the caller may make (start, complete with evidence, cancel and reopen with a
// reason); the organization's settings. Registered in routes.cpp; every change goes through the
// service (areas/actions/service.hpp).
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::actions::pages {

http::Response list(const Services& s, http::Context& ctx);
http::Response mine(const Services& s, http::Context& ctx);
http::Response by_owner(const Services& s, http::Context& ctx);
http::Response by_source(const Services& s, http::Context& ctx);
http::Response new_form(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response settings(const Services& s, http::Context& ctx);
http::Response set_settings(const Services& s, http::Context& ctx);
http::Response detail(const Services& s, http::Context& ctx);
http::Response edit_form(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response start(const Services& s, http::Context& ctx);
http::Response complete(const Services& s, http::Context& ctx);
http::Response cancel(const Services& s, http::Context& ctx);
http::Response reopen(const Services& s, http::Context& ctx);
http::Response add_note(const Services& s, http::Context& ctx);

}  // namespace mandate::areas::actions::pages
