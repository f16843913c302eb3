// http/error_mapping.cpp
// Errc -> HTTP status, and the JSON and HTML renderings of an error. Change how an error looks
// here and nowhere else (see docs/errors.md). Declared in http/error_mapping.hpp.
#include "http/error_mapping.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "core/json.hpp"
#include "core/text.hpp"

namespace mandate::http::detail {

namespace {


std::string minimal_page(int status, std::string_view message, std::string_view request_id) {
  std::string title = std::to_string(status) + " " + std::string(reason_phrase(status));
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  core::append_html_escaped(out, title);
  out += "</title></head><body><h1>";
  core::append_html_escaped(out, title);
  out += "</h1><p>";
  core::append_html_escaped(out, message);
  out += "</p><p><small>Request id: ";
  core::append_html_escaped(out, request_id);
  out += "</small></p></body></html>\n";
  return out;
}

// The q-value of one media-range parameter list ("q=0.8"); 1 when absent, 0 when malformed.
double q_value(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view p = core::trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string_view v = p.substr(2);
      // from_chars for double is available in libstdc++ 12.
      double q = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
      if (ec != std::errc{} || ptr != v.data() + v.size() || q < 0 || q > 1) {
        return 0;
      }
      return q;
    }
  }
  return 1;
}

Response page_response(int status, const Error& e, const Context* ctx,
                       const ErrorPageRenderer& page, const std::string& request_id) {
  if (page) {
    try {
      return Response::html(page(ctx, status, e), status);
    } catch (const std::exception& ex) {
      spdlog::error("request {}: error page renderer failed: {}", request_id, ex.what());
    } catch (...) {
      spdlog::error("request {}: error page renderer failed", request_id);
    }
  }
  return Response::html(minimal_page(status, e.message, request_id), status);
}

}  // namespace

int status_for(Errc c) {
  switch (c) {
    case Errc::invalid: return 422;
    case Errc::bad_request: return 400;
    case Errc::unauthorized: return 401;
    case Errc::forbidden: return 403;
    case Errc::not_found: return 404;
    case Errc::method_not_allowed: return 405;
    case Errc::conflict: return 409;
    case Errc::stale: return 409;
    case Errc::too_large: return 413;
    case Errc::too_many: return 429;
    case Errc::unavailable: return 503;
  }
  return 500;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

bool prefers_json(const Request& req) {
  std::string_view accept = req.header("accept");
  double q_json = 0;
  double q_html = 0;
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view item = core::trim(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string type = core::ascii_lower(core::trim(item.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
    if (type == "application/json" ||
        (type.starts_with("application/") && type.ends_with("+json"))) {
      q_json = std::max(q_json, q);
    } else if (type == "text/html") {
      q_html = std::max(q_html, q);
    }
  }
  return q_json > 0 && q_json >= q_html;
}

std::string error_json(std::string_view code, std::string_view message,
                       const std::map<std::string, std::string>& fields,
                       std::string_view request_id) {
  core::json::object f;
  for (const auto& [k, v] : fields) {
    f[k] = v;
  }
  // boost::json::object keeps insertion order, which fixes the documented key order.
  core::json::object err;
  err["code"] = code;
  err["message"] = message;
  err["fields"] = std::move(f);
  err["request_id"] = request_id;
  core::json::object root;
  root["error"] = std::move(err);
  return core::json::serialize(root);
}

Response render_error(const Error& e, bool json, const Context* ctx, const ErrorPageRenderer& page,
                      const std::string& request_id) noexcept {
  try {
    int status = status_for(e.code);
    Response r = json ? Response::json(error_json(errc_name(e.code), e.message, e.fields,
                                                  request_id),
                                       status)
                      : page_response(status, e, ctx, page, request_id);
    if (e.code == Errc::too_many || (e.code == Errc::unavailable && e.retry_after_s > 0)) {
      r.headers.set("retry-after", std::to_string(std::max(1, e.retry_after_s)));
    }
    if (json && status == 401) {
      r.headers.set("www-authenticate", "Bearer");
    }
    return r;
  } catch (...) {
    // Only allocation can fail above; answer with something rather than nothing.
    Response r;
    r.status = 500;
    return r;
  }
}

Response render_internal_error(bool json, const Context* ctx, const ErrorPageRenderer& page,
                               const std::string& request_id) noexcept {
  try {
    static constexpr std::string_view kMessage =
        "Something went wrong on our side. The error was logged; please try again later.";
    if (json) {
      return Response::json(error_json("internal", kMessage, {}, request_id), 500);
    }
    return page_response(500, Error::make(Errc::unavailable, std::string(kMessage)), ctx, page,
                         request_id);
  } catch (...) {
    Response r;
    r.status = 500;
    return r;
  }
}

}  // namespace mandate::http::detail
