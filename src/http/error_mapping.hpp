// http/error_mapping.hpp
// Internal to the http layer: how an Error becomes a response. The one place that maps Errc to
// an HTTP status and renders the error body — JSON for APIs and clients that ask for JSON, the
// ErrorPageRenderer hook (or a minimal escaped page) for browsers. Used by http/router.cpp;
// security headers are added afterwards by the router, not here.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace mandate::http::detail {

// The status for an error code: invalid 422, bad_request 400, unauthorized 401, forbidden 403,
// not_found 404, method_not_allowed 405, conflict/stale 409, too_large 413, too_many 429,
// unavailable 503.
int status_for(Errc c);
// "Not Found" for 404; "Error" for statuses it does not know.
std::string_view reason_phrase(int status);

// True when the client asked for JSON: Accept lists application/json (or application/*+json)
// with a q-value > 0 and at least as high as any explicit text/html entry. Wildcards alone
// ("*/*") do not count, so browsers and plain fetch() get HTML.
bool prefers_json(const Request& req);

// The JSON error body, exactly:
//   {"error":{"code":"…","message":"…","fields":{…},"request_id":"…"}}
std::string error_json(std::string_view code, std::string_view message,
                       const std::map<std::string, std::string>& fields,
                       std::string_view request_id);

// Renders `e` (status from status_for) as JSON when `json`, else through `page` (or the
// built-in minimal page when `page` is unset or throws). Adds Retry-After for too_many (and for
// unavailable when e.retry_after_s > 0) and `WWW-Authenticate: Bearer` to JSON 401s.
// `ctx` is null when the error happened before a route matched. Never throws.
Response render_error(const Error& e, bool json, const Context* ctx, const ErrorPageRenderer& page,
                      const std::string& request_id) noexcept;

// 500 Internal Server Error with a generic message and code "internal" — nothing from the
// exception reaches the client. The page renderer receives status 500 with an Error whose code
// is Errc::unavailable (Errc has no "internal"); renderers should key on the status.
Response render_internal_error(bool json, const Context* ctx, const ErrorPageRenderer& page,
                               const std::string& request_id) noexcept;

}  // namespace mandate::http::detail
