// areas/meetings/routes.cpp — meetings, management review and calendar-feed routes and who may
// call them (docs/security.md). The role sets are the service's (areas/meetings/service.hpp),
// which re-checks them.
#include "areas/meetings/routes.hpp"

#include "areas/meetings/api.hpp"
#include "areas/meetings/pages.hpp"
#include "areas/meetings/service.hpp"

namespace mandate::areas::meetings {

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  constexpr std::size_t kMinutesLimit = 1024 * 1024;  // an item's minutes and material, encoded
  constexpr std::size_t kUploadLimit = api::kUploadBodyLimit;
  RouteTable routes(router, s);
  routes.add(Method::get, "/meetings", Kind::page, kReaders, pages::list);
  routes.add(Method::get, "/meetings/calendar", Kind::page, kReaders, pages::calendar);
  routes.add(Method::get, "/meetings/new", Kind::page, kEditors, pages::new_form);
  routes.add(Method::post, "/meetings", Kind::page, kEditors, pages::create);
  routes.add(Method::get, "/meetings/cadence", Kind::page, kCadenceAdmins, pages::cadence);
  routes.add(Method::post, "/meetings/cadence", Kind::page, kCadenceAdmins, pages::set_cadence);
  routes.add(Method::get, "/meetings/{id}", Kind::page, kReaders, pages::detail);
  routes.add(Method::get, "/meetings/{id}/edit", Kind::page, kEditors, pages::edit_form);
  routes.add(Method::post, "/meetings/{id}", Kind::page, kEditors, pages::update);
  routes.add(Method::post, "/meetings/{id}/cancel", Kind::page, kEditors, pages::cancel);
  routes.add(Method::post, "/meetings/{id}/attendance", Kind::page, kEditors,
             pages::set_attendance);
  routes.add(Method::post, "/meetings/{id}/items", Kind::page, kEditors, pages::add_item,
             Access::roles, kMinutesLimit);
  routes.add(Method::post, "/meetings/{id}/items/{item}", Kind::page, kEditors, pages::update_item,
             Access::roles, kMinutesLimit);
  routes.add(Method::post, "/meetings/{id}/items/{item}/remove", Kind::page, kEditors,
             pages::remove_item);
  routes.add(Method::post, "/meetings/{id}/decisions", Kind::page, kEditors, pages::add_decision);
  routes.add(Method::post, "/meetings/{id}/decisions/{d}", Kind::page, kEditors,
             pages::update_decision);
  routes.add(Method::post, "/meetings/{id}/decisions/{d}/remove", Kind::page, kEditors,
             pages::remove_decision);
  routes.add(Method::post, "/meetings/{id}/attachments", Kind::page, kEditors, pages::upload,
             Access::roles, kUploadLimit);
  routes.add(Method::get, "/meetings/{id}/attachments/{a}", Kind::page, kReaders, pages::download);
  routes.add(Method::post, "/meetings/{id}/attachments/{a}/remove", Kind::page, kEditors,
             pages::remove_attachment);
  routes.add(Method::get, "/meetings/{id}/review", Kind::page, kReaders, pages::review);
  routes.add(Method::post, "/meetings/{id}/sign", Kind::page, kSigners, pages::sign);
  routes.add(Method::post, "/meetings/{id}/addenda", Kind::page, kAddendumSigners,
             pages::add_addendum, Access::roles, kMinutesLimit);
  routes.add(Method::get, "/meetings/{id}/minutes.html", Kind::page, kReaders, pages::minutes_html);
  routes.add(Method::get, "/meetings/{id}/minutes.pdf", Kind::page, kReaders, pages::minutes_pdf);
  routes.add(Method::get, "/calendar", Kind::page, kMembers, pages::calendar_tokens);
  routes.add(Method::post, "/calendar/tokens", Kind::page, kMembers, pages::create_calendar_token);
  routes.add(Method::post, "/calendar/tokens/{id}/revoke", Kind::page, kMembers,
             pages::revoke_calendar_token);
  routes.add(Method::get, "/calendar/feed/{file}", Kind::page, {}, pages::calendar_feed,
             Access::anyone);

  routes.add(Method::get, "/api/v1/meetings", Kind::api, kReaders, api::list);
  routes.add(Method::post, "/api/v1/meetings", Kind::api, kEditors, api::create);
  routes.add(Method::get, "/api/v1/meetings/cadence", Kind::api, kReaders, api::cadence);
  routes.add(Method::put, "/api/v1/meetings/cadence", Kind::api, kCadenceAdmins, api::set_cadence);
  routes.add(Method::get, "/api/v1/meetings/indicators", Kind::api, kReaders, api::indicators);
  routes.add(Method::get, "/api/v1/meetings/{id}", Kind::api, kReaders, api::get);
  routes.add(Method::patch, "/api/v1/meetings/{id}", Kind::api, kEditors, api::update);
  routes.add(Method::post, "/api/v1/meetings/{id}/cancel", Kind::api, kEditors, api::cancel);
  routes.add(Method::put, "/api/v1/meetings/{id}/attendance/{person}", Kind::api, kEditors,
             api::set_attendance);
  routes.add(Method::post, "/api/v1/meetings/{id}/items", Kind::api, kEditors, api::add_item,
             Access::roles, kMinutesLimit);
  routes.add(Method::patch, "/api/v1/meetings/{id}/items/{item}", Kind::api, kEditors,
             api::update_item, Access::roles, kMinutesLimit);
  routes.add(Method::del, "/api/v1/meetings/{id}/items/{item}", Kind::api, kEditors,
             api::remove_item);
  routes.add(Method::post, "/api/v1/meetings/{id}/decisions", Kind::api, kEditors,
             api::add_decision);
  routes.add(Method::patch, "/api/v1/meetings/{id}/decisions/{d}", Kind::api, kEditors,
             api::update_decision);
  routes.add(Method::del, "/api/v1/meetings/{id}/decisions/{d}", Kind::api, kEditors,
             api::remove_decision);
  routes.add(Method::post, "/api/v1/meetings/{id}/attachments", Kind::api, kEditors,
             api::upload_attachment, Access::roles, kUploadLimit);
  routes.add(Method::get, "/api/v1/meetings/{id}/attachments/{a}", Kind::api, kReaders,
             api::download);
  routes.add(Method::get, "/api/v1/meetings/{id}/review-inputs", Kind::api, kReaders,
             api::review_inputs);
  routes.add(Method::post, "/api/v1/meetings/{id}/sign", Kind::api, kSigners, api::sign);
  routes.add(Method::post, "/api/v1/meetings/{id}/addenda", Kind::api, kAddendumSigners,
             api::add_addendum, Access::roles, kMinutesLimit);
  routes.add(Method::get, "/api/v1/meetings/{id}/minutes", Kind::api, kReaders, api::minutes);
  routes.add(Method::post, "/api/v1/calendar/tokens", Kind::api, kMembers,
             api::create_calendar_token);
}

}  // namespace mandate::areas::meetings
