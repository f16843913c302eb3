// areas/accounts/pages.hpp — HTML pages for signing in and out, switching organization,
// members and roles, and API tokens. Registered in routes.cpp.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::accounts::pages {

http::Response login_form(const Services& s, http::Context& ctx);
http::Response login_submit(const Services& s, http::Context& ctx);
http::Response logout(const Services& s, http::Context& ctx);
http::Response switch_org(const Services& s, http::Context& ctx);
http::Response members(const Services& s, http::Context& ctx);
http::Response members_submit(const Services& s, http::Context& ctx);
http::Response member_remove(const Services& s, http::Context& ctx);
http::Response tokens(const Services& s, http::Context& ctx);
http::Response tokens_submit(const Services& s, http::Context& ctx);
http::Response token_revoke(const Services& s, http::Context& ctx);

// The session cookie for a login (Secure, HttpOnly, SameSite=Lax, Path=/, __Host- prefix),
// and the header value that clears it.
std::string session_cookie(std::string_view value);
std::string clear_session_cookie();

}  // namespace mandate::areas::accounts::pages
