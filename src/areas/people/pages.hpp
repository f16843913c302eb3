// areas/people/pages.hpp — HTML pages for the people directory: list with search, filters and
// pagination, person detail with history, create/edit, top-management designations, CSV import
// with preview. Registered in routes.cpp.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::people::pages {

http::Response list(const Services& s, http::Context& ctx);
http::Response detail(const Services& s, http::Context& ctx);
http::Response new_form(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response edit_form(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response designate(const Services& s, http::Context& ctx);
http::Response end_designation(const Services& s, http::Context& ctx);
http::Response import_form(const Services& s, http::Context& ctx);
http::Response import_submit(const Services& s, http::Context& ctx);

}  // namespace mandate::areas::people::pages
