// areas/common/web.hpp
// The kit every area's pages.cpp / api.cpp / routes.cpp uses: the services a handler needs,
// the caller taken from the authenticated principal (organization from the session or token,
// never from the request), form and JSON body parsing with field errors, page rendering in the
// layout, and the JSON conventions of /api/v1. Errors are thrown as ErrorException and mapped
// centrally by http/error_mapping.cpp.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "areas/common/caller.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "ui/html.hpp"

namespace mandate::ledger {
class Signer;
}

namespace mandate::areas {

struct Services {
  store::Database& db;
  const core::Clock& clock;
  const ledger::Signer* signer = nullptr;  // for checkpoints on demand; may be null in tests
  std::string instance_name = "mandate";
  std::function<std::string()> metrics;    // Prometheus text for /metrics
  Env env() const { return Env{db, clock}; }
};

// The caller of an authenticated route.
Caller caller_of(const http::Context& ctx);

// Throws ErrorException for an error result; returns the value otherwise.
template <class T>
T must(Result<T> r) {
  if (!r) {
    throw ErrorException(r.error());
  }
  return std::move(*r);
}
inline void must(Status r) {
  if (!r) {
    throw ErrorException(r.error());
  }
}

// --- forms ---
class Form {
 public:
  // Parses an application/x-www-form-urlencoded body; Errc::bad_request when malformed.
  static Form parse(const http::Context& ctx);
  std::string get(const std::string& name) const;  // first value or ""
  bool has(const std::string& name) const { return values_.contains(name); }
  const std::multimap<std::string, std::string>& all() const { return values_; }

 private:
  std::multimap<std::string, std::string> values_;
};

// --- JSON API ---
// The request body as a JSON object; Errc::bad_request if not JSON or not an object.
core::json::object json_body(const http::Context& ctx);
http::Response json_ok(const core::json::value& v, int status = 200);
std::string iso(core::Timestamp t);
core::json::value iso_or_null(const std::optional<core::Timestamp>& t);
// Parses a positive integer path parameter; Errc::not_found when malformed (ids are opaque).
std::int64_t id_param(const http::Context& ctx, std::string_view name);
// Positive integer query parameter with a default and bounds; Errc::invalid naming it.
int int_query(const http::Context& ctx, const std::string& name, int def, int lo, int hi);

// --- routes ---
// Who may call a route besides the roles listed: only those roles, any signed-in user (also one
// without a role in an organization), or anyone.
enum class Access { roles, any_member, anyone };
inline constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

// Registers an area's routes, one line each, with who may call them (docs/security.md lists
// them all; the authorization integration test walks every one).
class RouteTable {
 public:
  using Handler = std::function<http::Response(const Services&, http::Context&)>;
  RouteTable(http::Router& router, const Services& s) : router_(router), s_(s) {}
  void add(http::Method method, std::string pattern, http::Kind kind, RoleSet roles,
           Handler handler, Access access = Access::roles,
           std::size_t body_limit = kDefaultBodyLimit);

 private:
  http::Router& router_;
  const Services& s_;
};

// --- pages ---
// Renders `body` in the application layout (nav, organization switcher, user menu, flash
// from ?flash=<code>) with the given title and active nav item.
http::Response page(const Services& s, const http::Context& ctx, std::string_view title,
                    std::string_view active_nav, ui::Html body, int status = 200);
// 303 redirect after a successful POST, with a flash code (rendered from a fixed table, so no
// user text is reflected).
http::Response see_other(std::string_view location, std::string_view flash = "");

}  // namespace mandate::areas
