// areas/accounts/api.hpp — JSON API handlers for the caller, members, users, organizations and
// API tokens (/api/v1/…), registered in routes.cpp.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::accounts::api {

http::Response me(const Services& s, http::Context& ctx);
http::Response members(const Services& s, http::Context& ctx);
http::Response put_member(const Services& s, http::Context& ctx);
http::Response delete_member(const Services& s, http::Context& ctx);
http::Response create_user(const Services& s, http::Context& ctx);
http::Response create_org(const Services& s, http::Context& ctx);
http::Response tokens(const Services& s, http::Context& ctx);
http::Response create_token(const Services& s, http::Context& ctx);
http::Response revoke_token(const Services& s, http::Context& ctx);

}  // namespace mandate::areas::accounts::api
