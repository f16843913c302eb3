// http/router.hpp
// Routes and the central request pipeline. Every route declares its method, path pattern,
// who may call it (public, or a RoleSet), its body limit and whether it answers HTML or JSON.
// Authorization, CSRF checks, error mapping and security headers happen here, once, for all
// routes — handlers only do their use case.
//
// Handlers are synchronous: the server runs the whole pipeline on its bounded worker pool, so
// handlers may call the database and Argon2 freely and never block an I/O thread.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "http/message.hpp"

namespace mandate::http {

// Who is calling, resolved from a session cookie or a bearer token by the Authenticator.
struct Principal {
  UserId user;
  OrgId org;                 // the organization the session/token acts in (0: none chosen)
  std::optional<Role> role;  // role in that organization
  std::string display_name;
  std::string email;
  TokenId token;             // set when authenticated by an API token
  std::string session_id_hash;  // set when authenticated by a session
  std::string csrf_token;       // the session's CSRF token
  bool is_token() const { return static_cast<bool>(token); }
};

enum class Kind { page, api };

struct Context;
using Handler = std::function<Response(Context&)>;

struct Route {
  Method method = Method::get;
  std::string pattern;            // "/people/{id}"; segments in braces capture
  Kind kind = Kind::page;
  bool is_public = false;         // no authentication needed
  bool any_member = false;        // any authenticated user, even without an org role
  RoleSet roles;                  // allowed roles when neither of the above
  std::size_t body_limit = 64 * 1024;
  Handler handler;
  std::string name;               // metric label; defaults to the pattern
};

struct Context {
  const Request& req;
  const Route& route;
  std::vector<std::pair<std::string, std::string>> params;  // path captures
  std::optional<Principal> principal;
  std::string request_id;
  std::string csp_nonce;  // per response; use on inline <script>/<style>

  std::string_view param(std::string_view name) const;
  // Principal for authenticated routes (asserted present by the pipeline).
  const Principal& who() const;
};

// Resolves the caller. Returns nullopt when no credentials were presented or they are invalid
// or expired. Called on the worker pool (may query the database).
using Authenticator = std::function<std::optional<Principal>(const Request&)>;
// Renders an error as an HTML page for Kind::page routes (the UI supplies it; http stays
// UI-agnostic). JSON errors are rendered by http itself.
using ErrorPageRenderer = std::function<std::string(const Context*, int status, const Error&)>;

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  bool method_mismatch = false;  // path exists with another method -> 405
};

class Router {
 public:
  void add(Route r);
  RouteMatch match(Method m, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

  void set_authenticator(Authenticator a) { auth_ = std::move(a); }
  void set_error_page_renderer(ErrorPageRenderer r) { render_error_page_ = std::move(r); }

  // Runs the whole pipeline for a fully read request: match, authenticate, authorize, CSRF,
  // handler, error mapping, security headers. Never throws.
  Response handle(const Request& req, const std::string& request_id) const;
  // The response for an error raised before the pipeline (e.g. 413 while reading).
  Response error_response(const Request* req, const Error& e, const std::string& request_id) const;

 private:
  std::vector<Route> routes_;
  Authenticator auth_;
  ErrorPageRenderer render_error_page_;
};

}  // namespace mandate::http
