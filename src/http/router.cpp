// http/router.cpp
// Route matching and the one central request pipeline of http/router.hpp: authentication hook,
// authorization, CSRF, the handler, error mapping (http/error_mapping.cpp) and the security
// headers every response carries. No Beast here; http/server.cpp feeds it plain Requests.
#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/error_mapping.hpp"

namespace mandate::http {

namespace {

// Splits "/a/b" into {"a", "b"}; "/" into {""}; "/a/" into {"a", ""}.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') {
    return out;
  }
  path.remove_prefix(1);
  for (;;) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool method_serves(Method route_method, Method request_method) {
  return route_method == request_method ||
         (request_method == Method::head && route_method == Method::get);
}

std::string own_origin(const Request& req) {
  return std::string(req.tls ? "https://" : "http://") + core::ascii_lower(req.header("host"));
}

// The CSRF token the request carries: header X-CSRF-Token, else form field _csrf.
std::string presented_csrf_token(const Request& req) {
  if (auto h = req.headers.get("x-csrf-token")) {
    return std::string(*h);
  }
  if (auto form = parse_body_form(req)) {
    if (auto it = form->find("_csrf"); it != form->end()) {
      return it->second;
    }
  }
  return {};
}

// Why the request fails the CSRF rules of Router::handle, or nullopt when it passes.
std::optional<std::string> csrf_failure(const Request& req,
                                        const std::optional<Principal>& principal) {
  auto fetch_site = req.headers.get("sec-fetch-site");
  if (fetch_site && *fetch_site != "same-origin" && *fetch_site != "none") {
    return "cross-site request (Sec-Fetch-Site: " + std::string(*fetch_site) + ")";
  }
  auto origin = req.headers.get("origin");
  if (origin && core::ascii_lower(*origin) != own_origin(req)) {
    return std::string("request from another origin");
  }
  if (principal && principal->is_token()) {
    return std::nullopt;  // a bearer token is not ambient authority: nothing to forge
  }
  if (principal) {
    std::string token = presented_csrf_token(req);
    if (token.empty()) {
      return std::string("missing CSRF token");
    }
    if (principal->csrf_token.empty() || !core::constant_time_equal(token, principal->csrf_token)) {
      return std::string("wrong CSRF token");
    }
    return std::nullopt;
  }
  if (!fetch_site && !origin) {
    return std::string("no Origin or Sec-Fetch-Site header and no session token");
  }
  return std::nullopt;
}

std::string content_security_policy(std::string_view nonce) {
  std::string n = "'nonce-" + std::string(nonce) + "'";
  return "default-src 'none'; script-src 'self' " + n + "; style-src 'self' " + n +
         "; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
         "frame-ancestors 'none'; base-uri 'none'";
}

void finish_response(Response& res, const Request& req, bool has_principal,
                     const std::string& nonce, const std::string& request_id) {
  Headers& h = res.headers;
  if (!h.get("content-security-policy")) {
    h.set("content-security-policy", content_security_policy(nonce));
  }
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "same-origin");
  h.set("x-frame-options", "DENY");
  h.set("cross-origin-opener-policy", "same-origin");
  h.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  h.set("x-request-id", request_id);
  if (has_principal && !h.get("cache-control")) {
    h.set("cache-control", "no-store");
  }
  if (req.tls) {
    h.set("strict-transport-security", "max-age=31536000");
  }
  if (req.method == Method::head) {
    if (!h.get("content-length")) {
      h.set("content-length", std::to_string(res.body.size()));
    }
    res.body.clear();
  }
}

std::string fresh_nonce() {
  // libsodium must be initialised before its RNG is used; once per process.
  static const bool initialised = (core::crypto_init(), true);
  (void)initialised;
  return core::random_token(16);
}

bool wants_json(const Request& req, const Route* route) {
  if (route != nullptr && route->kind == Kind::api) {
    return true;
  }
  if (route == nullptr && req.path.starts_with("/api/")) {
    return true;
  }
  return detail::prefers_json(req);
}

}  // namespace

std::string_view Context::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) {
      return v;
    }
  }
  return {};
}

const Principal& Context::who() const {
  MANDATE_ASSERT(principal.has_value(), "who() called on a route that allows anonymous callers");
  return *principal;
}

void Router::add(Route r) {
  MANDATE_ASSERT(!r.pattern.empty() && r.pattern.front() == '/', "route pattern must start with /");
  MANDATE_ASSERT(static_cast<bool>(r.handler), "route needs a handler");
  std::vector<Segment> segments;
  for (std::string_view s : split_path(r.pattern)) {
    bool open = s.starts_with('{');
    bool close = s.ends_with('}');
    MANDATE_ASSERT(open == close, "unbalanced braces in route pattern");
    if (open) {
      MANDATE_ASSERT(s.size() > 2 && s.find_first_of("{}/", 1) == s.size() - 1,
                     "malformed capture in route pattern");
      segments.push_back({std::string(s.substr(1, s.size() - 2)), true});
    } else {
      MANDATE_ASSERT(s.find_first_of("{}") == std::string_view::npos,
                     "braces inside a literal route segment");
      segments.push_back({std::string(s), false});
    }
  }
  for (const Route& existing : routes_) {
    MANDATE_ASSERT(existing.method != r.method || existing.pattern != r.pattern,
                   "duplicate route");
  }
  if (r.name.empty()) {
    r.name = r.pattern;
  }
  routes_.push_back(std::move(r));
  compiled_.push_back(std::move(segments));
}

RouteMatch Router::match(Method m, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string_view> parts = split_path(path);
  if (parts.empty()) {
    return result;
  }
  std::size_t best = routes_.size();
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = compiled_[i];
    if (segs.size() != parts.size()) {
      continue;
    }
    bool ok = true;
    for (std::size_t k = 0; k < segs.size() && ok; ++k) {
      ok = segs[k].capture ? !parts[k].empty() : segs[k].text == parts[k];
    }
    if (!ok) {
      continue;
    }
    if (!method_serves(routes_[i].method, m)) {
      result.method_mismatch = true;
      continue;
    }
    if (best == routes_.size()) {
      best = i;
      continue;
    }
    // More specific wins: a literal where the other captures, at the first difference; then an
    // exact method (a HEAD route) over the GET fallback.
    const auto& cur = compiled_[best];
    int verdict = 0;
    for (std::size_t k = 0; k < segs.size() && verdict == 0; ++k) {
      if (segs[k].capture != cur[k].capture) {
        verdict = segs[k].capture ? -1 : 1;
      }
    }
    if (verdict > 0 || (verdict == 0 && routes_[i].method == m)) {
      best = i;
    }
  }
  if (best < routes_.size()) {
    result.route = &routes_[best];
    result.method_mismatch = false;
    const auto& segs = compiled_[best];
    for (std::size_t k = 0; k < segs.size(); ++k) {
      if (segs[k].capture) {
        result.params.emplace_back(segs[k].text, std::string(parts[k]));
      }
    }
  }
  return result;
}

std::string Router::allowed_methods(std::string_view path) const {
  static constexpr std::array kOrder = {Method::get,   Method::head, Method::post,
                                        Method::put,   Method::patch, Method::del,
                                        Method::options};
  std::string out;
  for (Method m : kOrder) {
    if (match(m, path).route != nullptr) {
      if (!out.empty()) {
        out += ", ";
      }
      out += method_name(m);
    }
  }
  return out;
}

Response Router::handle(const Request& req, const std::string& request_id) const {
  std::string nonce;
  Response res;
  bool has_principal = false;
  try {
    nonce = fresh_nonce();
    res = run_pipeline(req, request_id, nonce, has_principal);
  } catch (...) {
    // run_pipeline catches everything a handler throws; this is allocation failure or a bug.
    spdlog::error("request {}: unexpected failure outside the handler", request_id);
    res = detail::render_internal_error(detail::prefers_json(req), nullptr, render_error_page_,
                                        request_id);
  }
  try {
    finish_response(res, req, has_principal, nonce, request_id);
  } catch (...) {
    spdlog::error("request {}: could not add response headers", request_id);
    res = Response{};
    res.status = 500;
  }
  return res;
}

Response Router::run_pipeline(const Request& req, const std::string& request_id,
                              const std::string& nonce, bool& has_principal) const {
  RouteMatch m = match(req.method, req.path);
  if (m.route == nullptr) {
    bool json = wants_json(req, nullptr);
    if (m.method_mismatch) {
      Response r = detail::render_error(
          fail(Errc::method_not_allowed, "This method is not allowed here."), json, nullptr,
          render_error_page_, request_id);
      r.headers.set("allow", allowed_methods(req.path));
      return r;
    }
    return detail::render_error(fail(Errc::not_found, "There is nothing at this address."),
                                json, nullptr, render_error_page_, request_id);
  }
  const Route& route = *m.route;
  const bool json = wants_json(req, &route);
  Context ctx{req, route, std::move(m.params), std::nullopt, request_id, nonce};
  try {
    if (auth_) {
      ctx.principal = auth_(req);
      has_principal = ctx.principal.has_value();
    }
    if (!route.is_public) {
      if (!ctx.principal) {
        bool navigation = req.method == Method::get || req.method == Method::head;
        if (route.kind == Kind::page && navigation && !json) {
          return Response::redirect("/login?next=" + url_encode(req.target));
        }
        return detail::render_error(fail(Errc::unauthorized, "Please sign in."), json, &ctx,
                                    render_error_page_, request_id);
      }
      const auto& role = ctx.principal->role;
      if (!route.any_member && !(role && route.roles.contains(*role))) {
        return detail::render_error(
            fail(Errc::forbidden, "Your role does not allow this action."), json, &ctx,
            render_error_page_, request_id);
      }
    }
    if (!is_safe(req.method)) {
      if (auto why = csrf_failure(req, ctx.principal)) {
        spdlog::warn("request {} route {}: CSRF check failed: {}", request_id, route.name, *why);
        return detail::render_error(fail(Errc::forbidden, "CSRF check failed: " + *why + "."),
                                    json, &ctx, render_error_page_, request_id);
      }
    }
    return route.handler(ctx);
  } catch (const ErrorException& e) {
    return detail::render_error(e.error, json, &ctx, render_error_page_, request_id);
  } catch (const StoreError& e) {
    if (e.transient) {
      spdlog::warn("request {} route {}: transient store error: {}", request_id, route.name,
                   e.what());
      Error busy = fail(Errc::unavailable, "The service is busy. Please try again shortly.");
      busy.retry_after_s = 1;
      return detail::render_error(busy, json, &ctx, render_error_page_, request_id);
    }
    spdlog::error("request {} route {}: store error: {}", request_id, route.name, e.what());
  } catch (const SystemError& e) {
    spdlog::error("request {} route {}: system error: {}", request_id, route.name, e.what());
  } catch (const std::exception& e) {
    spdlog::error("request {} route {}: unhandled exception: {}", request_id, route.name,
                  e.what());
  } catch (...) {
    spdlog::error("request {} route {}: unhandled non-standard exception", request_id,
                  route.name);
  }
  return detail::render_internal_error(json, &ctx, render_error_page_, request_id);
}

Response Router::error_response(const Request* req, const Error& e,
                                const std::string& request_id) const {
  static const Request kEmpty;
  const Request& r = req != nullptr ? *req : kEmpty;
  Response res;
  std::string nonce;
  try {
    nonce = fresh_nonce();
    const Route* route = req != nullptr ? match(r.method, r.path).route : nullptr;
    res = detail::render_error(e, wants_json(r, route), nullptr, render_error_page_, request_id);
    finish_response(res, r, false, nonce, request_id);
  } catch (...) {
    res = Response{};
    res.status = detail::status_for(e.code);
  }
  return res;
}

}  // namespace mandate::http
