// areas/meetings/pages.hpp — HTML pages for meetings and the management review: the register
// and a month calendar, new/edit forms, the meeting page (attendance, agenda with minutes,
// decisions and their actions, attachments, addenda, sign-off, history), the review workspace
// that walks through inputs a–g, outputs and sign-off, the declared cadence, the user's calendar
// feed tokens and the public .ics feed. Registered in routes.cpp; every change goes through the
// service (areas/meetings/service.hpp).
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::meetings::pages {

http::Response list(const Services& s, http::Context& ctx);
// ?month=YYYY-MM (default: this month, UTC).
http::Response calendar(const Services& s, http::Context& ctx);
http::Response new_form(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response cadence(const Services& s, http::Context& ctx);
http::Response set_cadence(const Services& s, http::Context& ctx);
http::Response detail(const Services& s, http::Context& ctx);
http::Response edit_form(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response cancel(const Services& s, http::Context& ctx);
http::Response set_attendance(const Services& s, http::Context& ctx);
http::Response add_item(const Services& s, http::Context& ctx);
http::Response update_item(const Services& s, http::Context& ctx);
http::Response remove_item(const Services& s, http::Context& ctx);
http::Response add_decision(const Services& s, http::Context& ctx);
http::Response update_decision(const Services& s, http::Context& ctx);
http::Response remove_decision(const Services& s, http::Context& ctx);
// multipart/form-data: file, effective_on, item_id.
http::Response upload(const Services& s, http::Context& ctx);
http::Response download(const Services& s, http::Context& ctx);
http::Response remove_attachment(const Services& s, http::Context& ctx);
// ?step=a..g|outputs|signoff
http::Response review(const Services& s, http::Context& ctx);
http::Response sign(const Services& s, http::Context& ctx);
http::Response add_addendum(const Services& s, http::Context& ctx);
http::Response minutes_html(const Services& s, http::Context& ctx);
http::Response minutes_pdf(const Services& s, http::Context& ctx);
http::Response calendar_tokens(const Services& s, http::Context& ctx);
http::Response create_calendar_token(const Services& s, http::Context& ctx);
http::Response revoke_calendar_token(const Services& s, http::Context& ctx);
// Public (no session): /calendar/feed/<secret>.ics as text/calendar.
http::Response calendar_feed(const Services& s, http::Context& ctx);

}  // namespace mandate::areas::meetings::pages
