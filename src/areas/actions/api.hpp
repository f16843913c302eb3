// areas/actions/api.hpp — JSON API handlers for actions (/api/v1/actions…), registered in
// routes.cpp and described in docs/api/openapi.yaml, plus the request parsing the pages share
// (pages.hpp): the register's query, the action id in paths, the CSV export.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "areas/actions/service.hpp"
#include "areas/common/web.hpp"

namespace mandate::areas::actions::api {

http::Response list(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
// ?by=owner|source (default owner).
http::Response summary(const Services& s, http::Context& ctx);
http::Response settings(const Services& s, http::Context& ctx);
http::Response set_settings(const Services& s, http::Context& ctx);
http::Response get(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response start(const Services& s, http::Context& ctx);
http::Response complete(const Services& s, http::Context& ctx);
http::Response cancel(const Services& s, http::Context& ctx);
http::Response reopen(const Services& s, http::Context& ctx);
http::Response add_note(const Services& s, http::Context& ctx);
// The register as CSV (the page route /actions/export.csv), with the list's query.
http::Response export_csv(const Services& s, http::Context& ctx);

// --- shared with pages.cpp ---

// The register's query parameters (page, API and CSV alike): view (open, mine, overdue,
// escalated, all; `default_view` when absent), source, owner (a person id), state, meeting (a
// meeting id), q (title search), sort (due, status, owner, source, created, title), desc
// (1/true/on). Paging (limit, offset; page) is the caller's. Throws ErrorException
// (Errc::invalid naming the parameter).
ListQuery query_from(const http::Context& ctx, View default_view = View::open);
// The same parameters as name/value pairs for links (empty values and defaults left out; the
// view is always included), URL-encoded by whoever builds the link.
std::vector<std::pair<std::string, std::string>> query_params(const ListQuery& q);
// "view=overdue&source=audit" from query_params(q), URL-encoded, without a leading '?'.
std::string query_string(const ListQuery& q);
std::string_view sort_name(Sort s);

// The action id in the path ("id"); Errc::not_found when malformed.
ActionId action_param(const http::Context& ctx);

}  // namespace mandate::areas::actions::api
