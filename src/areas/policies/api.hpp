// areas/policies/api.hpp — JSON API handlers for policies (/api/v1/policies…), registered in
// routes.cpp and described in docs/api/openapi.yaml, plus the few request-parsing helpers the
// pages share (the register's query, version numbers in paths, signature credentials).
#pragma once
#include "areas/common/web.hpp"
#include "areas/policies/service.hpp"

namespace mandate::areas::policies::api {

http::Response list(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response export_csv(const Services& s, http::Context& ctx);
http::Response indicators(const Services& s, http::Context& ctx);
http::Response inbox(const Services& s, http::Context& ctx);
http::Response mine(const Services& s, http::Context& ctx);
http::Response rules(const Services& s, http::Context& ctx);
http::Response set_rule(const Services& s, http::Context& ctx);
http::Response import(const Services& s, http::Context& ctx);
http::Response get(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response version(const Services& s, http::Context& ctx);
http::Response diff(const Services& s, http::Context& ctx);
http::Response new_draft(const Services& s, http::Context& ctx);
http::Response edit_draft(const Services& s, http::Context& ctx);
http::Response submit(const Services& s, http::Context& ctx);
http::Response approve(const Services& s, http::Context& ctx);
http::Response reject(const Services& s, http::Context& ctx);
http::Response publish(const Services& s, http::Context& ctx);
http::Response retire(const Services& s, http::Context& ctx);
http::Response review(const Services& s, http::Context& ctx);
http::Response open(const Services& s, http::Context& ctx);
http::Response acknowledge(const Services& s, http::Context& ctx);
http::Response bulk_acknowledge(const Services& s, http::Context& ctx);
http::Response coverage(const Services& s, http::Context& ctx);
http::Response create_campaign(const Services& s, http::Context& ctx);
http::Response create_link(const Services& s, http::Context& ctx);
http::Response revoke_link(const Services& s, http::Context& ctx);

// --- shared with pages.cpp ---

// The register's query parameters (page, API and CSV export alike): search, type, status, due,
// overdue (true/1/on), sort (reference, title, type, status, review_due, updated), order
// (asc/desc). Throws ErrorException (Errc::invalid naming the parameter).
ListQuery query_from(const http::Context& ctx);
// The same parameters as a URL query string ("type=procedure&overdue=1"), without a leading '?'.
std::string query_string(const ListQuery& q);

// The document id in the path ("id"); Errc::not_found when malformed.
DocId doc_param(const http::Context& ctx);
// The version numbered by path parameter "n" in `v`; throws Errc::not_found when the document
// has no such version.
const VersionView& numbered(const DocView& v, const http::Context& ctx);
// The version numbered by path parameter "n" of document `doc`, read alone (not the whole
// DocView); content only `with_content`. Throws Errc::not_found / forbidden as the service says.
Version numbered_version(const Services& s, const Caller& by, DocId doc,
                         const http::Context& ctx, bool with_content = false);
// The credentials a signature needs: the password typed again, the session it is typed in
// (empty for an API token: the service refuses) and the client's address.
SignatureAuth signature_auth(const http::Context& ctx, std::string password);

}  // namespace mandate::areas::policies::api
