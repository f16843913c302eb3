// areas/policies/routes.cpp — policies routes and who may call them (docs/security.md). The role
// sets are the service's (areas/policies/service.hpp), which re-checks them.
#include "areas/policies/routes.hpp"

#include "areas/policies/api.hpp"
#include "areas/policies/pages.hpp"
#include "areas/policies/service.hpp"

namespace mandate::areas::policies {

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  constexpr std::size_t kImportLimit = 8 * 1024 * 1024;  // a folder of Markdown documents
  constexpr std::size_t kBulkLimit = 16 * 1024 * 1024;   // 100,000 acknowledgments
  constexpr std::size_t kDraftLimit = 4 * 1024 * 1024;   // a 1 MiB document, encoded
  RouteTable routes(router, s);
  routes.add(Method::get, "/policies", Kind::page, kReaders, pages::list);
  routes.add(Method::get, "/policies/export.csv", Kind::page, kReaders, api::export_csv);
  routes.add(Method::get, "/policies/new", Kind::page, kAuthors, pages::new_form);
  routes.add(Method::post, "/policies", Kind::page, kAuthors, pages::create, Access::roles,
             kDraftLimit);
  routes.add(Method::get, "/policies/import", Kind::page, kAuthors, pages::import_form);
  routes.add(Method::post, "/policies/import", Kind::page, kAuthors, pages::import_submit,
             Access::roles, kImportLimit);
  routes.add(Method::get, "/policies/rules", Kind::page, kRuleAdmins, pages::rules);
  routes.add(Method::post, "/policies/rules", Kind::page, kRuleAdmins, pages::set_rule);
  routes.add(Method::get, "/policies/inbox", Kind::page, kApproverRoles, pages::inbox);
  routes.add(Method::get, "/policies/mine", Kind::page, kMembers, pages::mine);
  routes.add(Method::get, "/policies/{id}", Kind::page, kReaders, pages::detail);
  routes.add(Method::get, "/policies/{id}/edit", Kind::page, kAuthors, pages::edit_form);
  routes.add(Method::post, "/policies/{id}", Kind::page, kAuthors, pages::update);
  routes.add(Method::get, "/policies/{id}/versions/{n}", Kind::page, kReaders, pages::version);
  routes.add(Method::get, "/policies/{id}/versions/{n}/edit", Kind::page, kAuthors,
             pages::draft_form);
  routes.add(Method::post, "/policies/{id}/versions/{n}", Kind::page, kAuthors, pages::edit_draft,
             Access::roles, kDraftLimit);
  routes.add(Method::get, "/policies/{id}/diff", Kind::page, kReaders, pages::diff);
  routes.add(Method::post, "/policies/{id}/drafts", Kind::page, kAuthors, pages::new_draft);
  routes.add(Method::post, "/policies/{id}/versions/{n}/submit", Kind::page, kAuthors,
             pages::submit);
  routes.add(Method::post, "/policies/{id}/versions/{n}/approve", Kind::page, kApproverRoles,
             pages::approve);
  routes.add(Method::post, "/policies/{id}/versions/{n}/reject", Kind::page, kApproverRoles,
             pages::reject);
  routes.add(Method::post, "/policies/{id}/versions/{n}/publish", Kind::page, kPublishers,
             pages::publish);
  routes.add(Method::post, "/policies/{id}/retire", Kind::page, kPublishers, pages::retire);
  routes.add(Method::post, "/policies/{id}/review", Kind::page, kPublishers, pages::review);
  routes.add(Method::get, "/policies/{id}/read", Kind::page, kMembers, pages::read);
  routes.add(Method::post, "/policies/{id}/open", Kind::page, kMembers, pages::open);
  routes.add(Method::post, "/policies/{id}/acknowledge", Kind::page, kMembers,
             pages::acknowledge);
  routes.add(Method::get, "/policies/{id}/coverage", Kind::page, kReaders, pages::coverage);
  routes.add(Method::post, "/policies/{id}/campaigns", Kind::page, kPublishers,
             pages::create_campaign);
  routes.add(Method::post, "/policies/{id}/campaigns/{c}/close", Kind::page, kPublishers,
             pages::close_campaign);
  routes.add(Method::post, "/policies/{id}/versions/{n}/links", Kind::page, kPublishers,
             pages::create_link);
  routes.add(Method::post, "/policies/{id}/links/{l}/revoke", Kind::page, kPublishers,
             pages::revoke_link);
  routes.add(Method::get, "/p/{token}", Kind::page, {}, pages::shared, Access::anyone);

  routes.add(Method::get, "/api/v1/policies", Kind::api, kReaders, api::list);
  routes.add(Method::post, "/api/v1/policies", Kind::api, kAuthors, api::create, Access::roles,
             kDraftLimit);
  routes.add(Method::get, "/api/v1/policies/export.csv", Kind::api, kReaders, api::export_csv);
  routes.add(Method::get, "/api/v1/policies/indicators", Kind::api, kReaders, api::indicators);
  routes.add(Method::get, "/api/v1/policies/inbox", Kind::api, kApproverRoles, api::inbox);
  routes.add(Method::get, "/api/v1/policies/mine", Kind::api, kMembers, api::mine);
  routes.add(Method::get, "/api/v1/policies/rules", Kind::api, kReaders, api::rules);
  routes.add(Method::put, "/api/v1/policies/rules/{type}", Kind::api, kRuleAdmins, api::set_rule);
  routes.add(Method::post, "/api/v1/policies/import", Kind::api, kAuthors, api::import,
             Access::roles, kImportLimit);
  routes.add(Method::get, "/api/v1/policies/{id}", Kind::api, kReaders, api::get);
  routes.add(Method::patch, "/api/v1/policies/{id}", Kind::api, kAuthors, api::update);
  routes.add(Method::get, "/api/v1/policies/{id}/versions/{n}", Kind::api, kReaders,
             api::version);
  routes.add(Method::get, "/api/v1/policies/{id}/diff", Kind::api, kReaders, api::diff);
  routes.add(Method::post, "/api/v1/policies/{id}/drafts", Kind::api, kAuthors, api::new_draft);
  routes.add(Method::patch, "/api/v1/policies/{id}/versions/{n}", Kind::api, kAuthors,
             api::edit_draft, Access::roles, kDraftLimit);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/submit", Kind::api, kAuthors,
             api::submit);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/approve", Kind::api,
             kApproverRoles, api::approve);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/reject", Kind::api,
             kApproverRoles, api::reject);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/publish", Kind::api, kPublishers,
             api::publish);
  routes.add(Method::post, "/api/v1/policies/{id}/retire", Kind::api, kPublishers, api::retire);
  routes.add(Method::post, "/api/v1/policies/{id}/review", Kind::api, kPublishers, api::review);
  routes.add(Method::post, "/api/v1/policies/{id}/open", Kind::api, kMembers, api::open);
  routes.add(Method::post, "/api/v1/policies/{id}/acknowledge", Kind::api, kMembers,
             api::acknowledge);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/acknowledgments", Kind::api,
             kAckImporters, api::bulk_acknowledge, Access::roles, kBulkLimit);
  routes.add(Method::get, "/api/v1/policies/{id}/coverage", Kind::api, kReaders, api::coverage);
  routes.add(Method::post, "/api/v1/policies/{id}/campaigns", Kind::api, kPublishers,
             api::create_campaign);
  routes.add(Method::post, "/api/v1/policies/{id}/versions/{n}/links", Kind::api, kPublishers,
             api::create_link);
  routes.add(Method::post, "/api/v1/policies/{id}/links/{l}/revoke", Kind::api, kPublishers,
             api::revoke_link);
}

}  // namespace mandate::areas::policies
