// areas/accounts/routes.cpp — accounts routes and who may call them (docs/security.md).
#include "areas/accounts/routes.hpp"

#include "areas/accounts/api.hpp"
#include "areas/accounts/pages.hpp"

namespace mandate::areas::accounts {

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  const RoleSet admin{Role::admin};
  RouteTable routes(router, s);
  routes.add(Method::get, "/login", Kind::page, {}, pages::login_form, Access::anyone);
  routes.add(Method::post, "/login", Kind::page, {}, pages::login_submit, Access::anyone);
  routes.add(Method::post, "/logout", Kind::page, {}, pages::logout, Access::any_member);
  routes.add(Method::post, "/orgs/switch", Kind::page, {}, pages::switch_org, Access::any_member);
  routes.add(Method::get, "/admin/members", Kind::page, admin, pages::members);
  routes.add(Method::post, "/admin/members", Kind::page, admin, pages::members_submit);
  routes.add(Method::post, "/admin/members/{user}/remove", Kind::page, admin, pages::member_remove);
  routes.add(Method::get, "/admin/tokens", Kind::page, admin, pages::tokens);
  routes.add(Method::post, "/admin/tokens", Kind::page, admin, pages::tokens_submit);
  routes.add(Method::post, "/admin/tokens/{id}/revoke", Kind::page, admin, pages::token_revoke);

  routes.add(Method::get, "/api/v1/me", Kind::api, {}, api::me, Access::any_member);
  routes.add(Method::get, "/api/v1/members", Kind::api, admin, api::members);
  routes.add(Method::put, "/api/v1/members", Kind::api, admin, api::put_member);
  routes.add(Method::del, "/api/v1/members/{user}", Kind::api, admin, api::delete_member);
  routes.add(Method::post, "/api/v1/users", Kind::api, admin, api::create_user);
  routes.add(Method::post, "/api/v1/organizations", Kind::api, admin, api::create_org);
  routes.add(Method::get, "/api/v1/tokens", Kind::api, admin, api::tokens);
  routes.add(Method::post, "/api/v1/tokens", Kind::api, admin, api::create_token);
  routes.add(Method::post, "/api/v1/tokens/{id}/revoke", Kind::api, admin, api::revoke_token);
}

}  // namespace mandate::areas::accounts
