// areas/people/routes.cpp — people routes and who may call them (docs/security.md).
#include "areas/people/routes.hpp"

#include "areas/people/api.hpp"
#include "areas/people/pages.hpp"
#include "areas/people/service.hpp"

namespace mandate::areas::people {

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  constexpr std::size_t kImportLimit = 8 * 1024 * 1024;  // an HR export of ~100,000 people
  RouteTable routes(router, s);
  routes.add(Method::get, "/people", Kind::page, kReaders, pages::list);
  routes.add(Method::get, "/people/export.csv", Kind::page, kReaders, api::export_csv);
  routes.add(Method::get, "/people/new", Kind::page, kEditors, pages::new_form);
  routes.add(Method::post, "/people", Kind::page, kEditors, pages::create);
  routes.add(Method::get, "/people/import", Kind::page, kEditors, pages::import_form);
  routes.add(Method::post, "/people/import", Kind::page, kEditors, pages::import_submit,
             Access::roles, kImportLimit);
  routes.add(Method::get, "/people/{id}", Kind::page, kReaders, pages::detail);
  routes.add(Method::get, "/people/{id}/edit", Kind::page, kEditors, pages::edit_form);
  routes.add(Method::post, "/people/{id}", Kind::page, kEditors, pages::update);
  routes.add(Method::post, "/people/{id}/top-management", Kind::page, kEditors, pages::designate);
  routes.add(Method::post, "/people/{id}/top-management/{term}/end", Kind::page, kEditors,
             pages::end_designation);

  routes.add(Method::get, "/api/v1/people", Kind::api, kReaders, api::list);
  routes.add(Method::post, "/api/v1/people", Kind::api, kEditors, api::create);
  routes.add(Method::post, "/api/v1/people/import", Kind::api, kEditors, api::import, Access::roles,
             kImportLimit);
  routes.add(Method::get, "/api/v1/people/export.csv", Kind::api, kReaders, api::export_csv);
  routes.add(Method::get, "/api/v1/people/{id}", Kind::api, kReaders, api::get);
  routes.add(Method::patch, "/api/v1/people/{id}", Kind::api, kEditors, api::update);
  routes.add(Method::post, "/api/v1/people/{id}/top-management", Kind::api, kEditors, api::designate);
  routes.add(Method::post, "/api/v1/people/{id}/top-management/{term}/end", Kind::api, kEditors,
             api::end_designation);
}

}  // namespace mandate::areas::people
