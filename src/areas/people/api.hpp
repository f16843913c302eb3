// areas/people/api.hpp — JSON API handlers for people (/api/v1/people…), registered in routes.cpp.
#pragma once
#include "areas/common/web.hpp"
#include "areas/people/repo.hpp"

namespace mandate::areas::people::api {

http::Response list(const Services& s, http::Context& ctx);
http::Response get(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response designate(const Services& s, http::Context& ctx);
http::Response end_designation(const Services& s, http::Context& ctx);
http::Response import(const Services& s, http::Context& ctx);
http::Response export_csv(const Services& s, http::Context& ctx);

// Query parameters shared by the list page, the API and the export: q, department, status,
// top_management, page, per_page. Errc::invalid naming a bad parameter.
repo::Query query_from(const http::Context& ctx);

}  // namespace mandate::areas::people::api
