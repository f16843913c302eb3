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
  auto add = [&](Method m, std::string pattern, Kind kind, RoleSet roles,
                 http::Response (*fn)(const Services&, http::Context&),
                 std::size_t body_limit = 64 * 1024) {
    http::Route r;
    r.method = m;
    r.pattern = std::move(pattern);
    r.kind = kind;
    r.roles = roles;
    r.body_limit = body_limit;
    r.handler = [&s, fn](http::Context& ctx) { return fn(s, ctx); };
    router.add(std::move(r));
  };
  add(Method::get, "/people", Kind::page, kReaders, pages::list);
  add(Method::get, "/people/export.csv", Kind::page, kReaders, api::export_csv);
  add(Method::get, "/people/new", Kind::page, kEditors, pages::new_form);
  add(Method::post, "/people", Kind::page, kEditors, pages::create);
  add(Method::get, "/people/import", Kind::page, kEditors, pages::import_form);
  add(Method::post, "/people/import", Kind::page, kEditors, pages::import_submit, kImportLimit);
  add(Method::get, "/people/{id}", Kind::page, kReaders, pages::detail);
  add(Method::get, "/people/{id}/edit", Kind::page, kEditors, pages::edit_form);
  add(Method::post, "/people/{id}", Kind::page, kEditors, pages::update);
  add(Method::post, "/people/{id}/top-management", Kind::page, kEditors, pages::designate);
  add(Method::post, "/people/{id}/top-management/{term}/end", Kind::page, kEditors,
      pages::end_designation);

  add(Method::get, "/api/v1/people", Kind::api, kReaders, api::list);
  add(Method::post, "/api/v1/people", Kind::api, kEditors, api::create);
  add(Method::post, "/api/v1/people/import", Kind::api, kEditors, api::import, kImportLimit);
  add(Method::get, "/api/v1/people/export.csv", Kind::api, kReaders, api::export_csv);
  add(Method::get, "/api/v1/people/{id}", Kind::api, kReaders, api::get);
  add(Method::patch, "/api/v1/people/{id}", Kind::api, kEditors, api::update);
  add(Method::post, "/api/v1/people/{id}/top-management", Kind::api, kEditors, api::designate);
  add(Method::post, "/api/v1/people/{id}/top-management/{term}/end", Kind::api, kEditors,
      api::end_designation);
}

}  // namespace mandate::areas::people
