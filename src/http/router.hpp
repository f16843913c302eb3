// http/router.hpp
// Routes and the central request pipeline. Every route declares its method, path pattern,
// who may call it (public, or a RoleSet), its body limit and whether it answers HTML or JSON.
// Authorization, CSRF checks, error mapping and security headers happen here, once, for all
// routes — handlers only do their use case.
//
// Handlers are synchronous: the server runs the whole pipeline on its bounded worker pool, so
// handlers may call the database and Argon2 freely and never block an I/O thread.
//
// Set-up: build one Router at start-up (add routes, set the hooks), then share it as
// shared_ptr<const Router>; after that it is immutable and handle() is safe on any number of
// threads at once. Implemented in http/router.cpp; errors render in http/error_mapping.cpp.
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

// One endpoint. A HEAD request is served by the GET route of the same path (body dropped)
// unless a HEAD route exists.
struct Route {
  Method method = Method::get;
  // "/people/{id}": segments in braces capture one non-empty path segment (percent-decoded)
  // into Context::params. When several patterns match, the one with a literal segment at the
  // first position where they differ wins ("/people/new" beats "/people/{id}").
  std::string pattern;
  Kind kind = Kind::page;
  bool is_public = false;         // no authentication needed
  bool any_member = false;        // any authenticated user, even without an org role
  RoleSet roles;                  // allowed roles when neither of the above
  std::size_t body_limit = 64 * 1024;  // larger bodies are refused with 413 before reading
  // Returns the response, or throws mandate::ErrorException for an outcome the user caused
  // (rendered through error_mapping); StoreError/SystemError/anything else becomes 500 (503
  // for a transient StoreError), logged with detail and never shown to the client.
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

  std::string_view param(std::string_view name) const;  // "" when the pattern has no such capture
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
  // Registers a route; an empty name becomes the pattern. A malformed pattern (not starting
  // with '/', unbalanced braces) or a duplicate method+pattern is a programming error and
  // asserts. Not thread-safe: call during set-up only.
  void add(Route r);
  // Finds the route for a percent-decoded path (HEAD falls back to GET). When the path exists
  // only for other methods, route is null and method_mismatch is true.
  RouteMatch match(Method m, std::string_view path) const;
  // The methods served at `path`, for the Allow header: "GET, HEAD, POST" (empty if none).
  std::string allowed_methods(std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

  void set_authenticator(Authenticator a) { auth_ = std::move(a); }
  void set_error_page_renderer(ErrorPageRenderer r) { render_error_page_ = std::move(r); }

  // Runs the whole pipeline for a fully read request. Never throws. Blocks while the
  // authenticator and handler run; call it on a worker thread, never on an I/O thread.
  //  1. match: unknown path -> 404; path known for other methods -> 405 with Allow.
  //  2. authenticate (the Authenticator hook; unset -> nobody), even on public routes.
  //  3. authorize: is_public -> anyone; any_member -> any principal; else principal.role must
  //     be in roles. No principal: Kind::page GET/HEAD -> 303 to /login?next=<target>, other
  //     methods 401; Kind::api -> 401 JSON with WWW-Authenticate: Bearer. Not allowed -> 403.
  //  4. CSRF on POST/PUT/PATCH/DELETE (and unknown methods) -> 403 "forbidden" on failure:
  //     Sec-Fetch-Site, when present, must be same-origin or none; Origin, when present, must
  //     equal the request's own origin (http[s]:// + Host). A session principal must also send
  //     its csrf_token in header X-CSRF-Token or form field _csrf (urlencoded or multipart
  //     body); a bearer-token principal is exempt from the token. An anonymous request with
  //     neither header is refused (no token can vouch for it).
  //  5. handler; errors are mapped by http/error_mapping.cpp. JSON errors for Kind::api, for
  //     unmatched paths under /api/, and whenever Accept prefers application/json.
  //  6. headers on every response: CSP with a fresh nonce (kept if the handler set its own),
  //     nosniff, Referrer-Policy, X-Frame-Options, COOP, Permissions-Policy, X-Request-Id,
  //     HSTS when req.tls, Cache-Control: no-store when a principal is present and the handler
  //     set no Cache-Control. HEAD: body dropped, Content-Length kept.
  Response handle(const Request& req, const std::string& request_id) const;
  // The response for an error raised before the pipeline (e.g. 413 while reading), with the
  // same rendering and security headers as handle(). `req` may be null or partial (headers
  // only); when it names a route, that route's Kind picks JSON or HTML. Never throws.
  Response error_response(const Request* req, const Error& e, const std::string& request_id) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the capture name
    bool capture = false;
  };
  Response run_pipeline(const Request& req, const std::string& request_id,
                        const std::string& nonce, bool& has_principal) const;

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;  // parallel to routes_
  Authenticator auth_;
  ErrorPageRenderer render_error_page_;
};

}  // namespace mandate::http
