// areas/meetings/api.hpp — JSON API handlers for meetings and the management review
// (/api/v1/meetings…, /api/v1/calendar/tokens), registered in routes.cpp and described in
// docs/api/openapi.yaml, plus the request parsing and the download answers the pages share
// (pages.hpp): path ids, the register's query, signature credentials, attachment and minutes
// responses with their headers.
#pragma once
#include "areas/common/web.hpp"
#include "areas/meetings/minutes.hpp"
#include "areas/meetings/service.hpp"

namespace mandate::areas::meetings::api {

http::Response list(const Services& s, http::Context& ctx);
http::Response create(const Services& s, http::Context& ctx);
http::Response cadence(const Services& s, http::Context& ctx);
http::Response set_cadence(const Services& s, http::Context& ctx);
http::Response indicators(const Services& s, http::Context& ctx);
http::Response get(const Services& s, http::Context& ctx);
http::Response update(const Services& s, http::Context& ctx);
http::Response cancel(const Services& s, http::Context& ctx);
http::Response set_attendance(const Services& s, http::Context& ctx);
http::Response add_item(const Services& s, http::Context& ctx);
http::Response update_item(const Services& s, http::Context& ctx);
http::Response remove_item(const Services& s, http::Context& ctx);
http::Response add_decision(const Services& s, http::Context& ctx);
http::Response update_decision(const Services& s, http::Context& ctx);
http::Response remove_decision(const Services& s, http::Context& ctx);
// Raw body = the file's bytes; ?file_name=…&effective_on=YYYY-MM-DD[&item_id=].
http::Response upload_attachment(const Services& s, http::Context& ctx);
http::Response download(const Services& s, http::Context& ctx);
http::Response review_inputs(const Services& s, http::Context& ctx);
http::Response sign(const Services& s, http::Context& ctx);
http::Response add_addendum(const Services& s, http::Context& ctx);
// ?format=html|pdf
http::Response minutes(const Services& s, http::Context& ctx);
http::Response create_calendar_token(const Services& s, http::Context& ctx);

// --- shared with pages.cpp ---

// Upload body limit: the largest attachment plus room for a multipart envelope and form fields.
inline constexpr std::size_t kUploadBodyLimit =
    static_cast<std::size_t>(kMaxAttachmentBytes) + 64 * 1024;

// Path ids ("id", "item", "d", "a"); Errc::not_found when malformed.
MeetingId meeting_param(const http::Context& ctx);
ItemId item_param(const http::Context& ctx);
DecisionId decision_param(const http::Context& ctx);
AttachmentId attachment_param(const http::Context& ctx);

// The register's query (page and API): type, status, q, from, to (YYYY-MM-DD, or RFC 3339 UTC;
// `to` as a date is inclusive), order (asc|desc). Throws Errc::invalid naming the parameter.
ListQuery query_from(const http::Context& ctx);
// The credentials a signature needs: the password typed again, the session it is typed in
// (empty for an API token: the service refuses) and the client's address.
SignatureAuth signature_auth(const http::Context& ctx, std::string password);

// An attachment as a download: its media type, Content-Disposition attachment with an ASCII
// filename and an RFC 5987 filename*, nosniff, a sandboxing CSP, Cache-Control private, no-store.
http::Response download_response(const Download& d);
// The minutes as a standalone HTML document (a CSP that allows its inline styles and no script)
// or a PDF download.
http::Response minutes_html_response(const Minutes& m);
http::Response minutes_pdf_response(const Minutes& m);
// The public feed URL of a calendar token's secret, on the host the request came to.
std::string feed_url(const http::Context& ctx, std::string_view secret);

}  // namespace mandate::areas::meetings::api
