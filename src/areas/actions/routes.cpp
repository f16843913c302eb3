// areas/actions/routes.cpp — actions routes and who may call them (docs/security.md). The role
// sets are the service's (areas/actions/service.hpp), which re-checks them; it also refuses a
// staff member who is not the owner of the action (404).
#include "areas/actions/routes.hpp"

#include "areas/actions/api.hpp"
#include "areas/actions/pages.hpp"
#include "areas/actions/service.hpp"

namespace mandate::areas::actions {

namespace {
// Reading the register and an action: the readers (auditors included) and the members who own
// actions. The list refuses any view but "mine" to a role that cannot read the register, and the
// service shows such a member only the actions they own.
constexpr RoleSet kViewers{Role::admin,       Role::top_management, Role::isms_manager,
                           Role::contributor, Role::staff,          Role::auditor};
}  // namespace

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  RouteTable routes(router, s);
  routes.add(Method::get, "/actions", Kind::page, kViewers, pages::list);
  routes.add(Method::get, "/actions/mine", Kind::page, kMembers, pages::mine);
  routes.add(Method::get, "/actions/by-owner", Kind::page, kReaders, pages::by_owner);
  routes.add(Method::get, "/actions/by-source", Kind::page, kReaders, pages::by_source);
  routes.add(Method::get, "/actions/export.csv", Kind::page, kReaders, api::export_csv);
  routes.add(Method::get, "/actions/new", Kind::page, kEditors, pages::new_form);
  routes.add(Method::post, "/actions", Kind::page, kEditors, pages::create);
  routes.add(Method::get, "/actions/settings", Kind::page, kSettingsAdmins, pages::settings);
  routes.add(Method::post, "/actions/settings", Kind::page, kSettingsAdmins, pages::set_settings);
  routes.add(Method::get, "/actions/{id}", Kind::page, kViewers, pages::detail);
  routes.add(Method::get, "/actions/{id}/edit", Kind::page, kEditors, pages::edit_form);
  routes.add(Method::post, "/actions/{id}", Kind::page, kEditors, pages::update);
  routes.add(Method::post, "/actions/{id}/start", Kind::page, kMembers, pages::start);
  routes.add(Method::post, "/actions/{id}/complete", Kind::page, kMembers, pages::complete);
  routes.add(Method::post, "/actions/{id}/cancel", Kind::page, kEditors, pages::cancel);
  routes.add(Method::post, "/actions/{id}/reopen", Kind::page, kEditors, pages::reopen);
  routes.add(Method::post, "/actions/{id}/notes", Kind::page, kMembers, pages::add_note);

  routes.add(Method::get, "/api/v1/actions", Kind::api, kViewers, api::list);
  routes.add(Method::post, "/api/v1/actions", Kind::api, kEditors, api::create);
  routes.add(Method::get, "/api/v1/actions/summary", Kind::api, kReaders, api::summary);
  routes.add(Method::get, "/api/v1/actions/settings", Kind::api, kReaders, api::settings);
  routes.add(Method::put, "/api/v1/actions/settings", Kind::api, kSettingsAdmins,
             api::set_settings);
  routes.add(Method::get, "/api/v1/actions/{id}", Kind::api, kViewers, api::get);
  routes.add(Method::patch, "/api/v1/actions/{id}", Kind::api, kEditors, api::update);
  routes.add(Method::post, "/api/v1/actions/{id}/start", Kind::api, kMembers, api::start);
  routes.add(Method::post, "/api/v1/actions/{id}/complete", Kind::api, kMembers, api::complete);
  routes.add(Method::post, "/api/v1/actions/{id}/cancel", Kind::api, kEditors, api::cancel);
  routes.add(Method::post, "/api/v1/actions/{id}/reopen", Kind::api, kEditors, api::reopen);
  routes.add(Method::post, "/api/v1/actions/{id}/notes", Kind::api, kMembers, api::add_note);
}

}  // namespace mandate::areas::actions
