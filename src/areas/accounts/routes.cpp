// areas/accounts/routes.cpp — accounts routes and who may call them (docs/security.md).
#include "areas/accounts/routes.hpp"

#include "areas/accounts/api.hpp"
#include "areas/accounts/pages.hpp"

namespace mandate::areas::accounts {

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  const RoleSet admin{Role::admin};
  auto bind = [&s](http::Response (*fn)(const Services&, http::Context&)) {
    return [&s, fn](http::Context& ctx) { return fn(s, ctx); };
  };
  auto add = [&](Method m, std::string pattern, Kind kind, RoleSet roles,
                 http::Response (*fn)(const Services&, http::Context&), bool is_public = false,
                 bool any_member = false) {
    http::Route r;
    r.method = m;
    r.pattern = std::move(pattern);
    r.kind = kind;
    r.roles = roles;
    r.is_public = is_public;
    r.any_member = any_member;
    r.handler = bind(fn);
    router.add(std::move(r));
  };
  add(Method::get, "/login", Kind::page, {}, pages::login_form, true);
  add(Method::post, "/login", Kind::page, {}, pages::login_submit, true);
  add(Method::post, "/logout", Kind::page, {}, pages::logout, false, true);
  add(Method::post, "/orgs/switch", Kind::page, {}, pages::switch_org, false, true);
  add(Method::get, "/admin/members", Kind::page, admin, pages::members);
  add(Method::post, "/admin/members", Kind::page, admin, pages::members_submit);
  add(Method::post, "/admin/members/{user}/remove", Kind::page, admin, pages::member_remove);
  add(Method::get, "/admin/tokens", Kind::page, admin, pages::tokens);
  add(Method::post, "/admin/tokens", Kind::page, admin, pages::tokens_submit);
  add(Method::post, "/admin/tokens/{id}/revoke", Kind::page, admin, pages::token_revoke);

  add(Method::get, "/api/v1/me", Kind::api, {}, api::me, false, true);
  add(Method::get, "/api/v1/members", Kind::api, admin, api::members);
  add(Method::put, "/api/v1/members", Kind::api, admin, api::put_member);
  add(Method::del, "/api/v1/members/{user}", Kind::api, admin, api::delete_member);
  add(Method::post, "/api/v1/users", Kind::api, admin, api::create_user);
  add(Method::post, "/api/v1/organizations", Kind::api, admin, api::create_org);
  add(Method::get, "/api/v1/tokens", Kind::api, admin, api::tokens);
  add(Method::post, "/api/v1/tokens", Kind::api, admin, api::create_token);
  add(Method::post, "/api/v1/tokens/{id}/revoke", Kind::api, admin, api::revoke_token);
}

}  // namespace mandate::areas::accounts
