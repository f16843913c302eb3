// app/app.cpp — the application's router: areas, authentication, error pages, assets, health.
#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "areas/accounts/model.hpp"
#include "areas/actions/routes.hpp"
#include "areas/accounts/routes.hpp"
#include "areas/accounts/service.hpp"
#include "areas/dashboard/routes.hpp"
#include "areas/ledger_view/routes.hpp"
#include "areas/meetings/routes.hpp"
#include "areas/people/routes.hpp"
#include "areas/policies/routes.hpp"
#include "store/migrations.hpp"
#include "ui/assets.hpp"
#include "ui/layout.hpp"

namespace mandate::app {
namespace {

std::optional<http::Principal> to_principal(const areas::accounts::Authenticated& a) {
  http::Principal p;
  p.user = a.user.id;
  p.org = a.org;
  p.role = a.role;
  p.email = a.user.email;
  if (a.token) {
    p.token = a.token->id;
    p.display_name = a.token->name;
  } else {
    p.display_name = a.user.display_name;
    p.session_id_hash = a.session_id_hash;
    p.csrf_token = a.csrf_token;
  }
  return p;
}

http::Response healthz(const areas::Services&, http::Context&) {
  return http::Response::text("ok\n");
}

// Ready when the database answers and its schema is the one this binary expects.
http::Response readyz(const areas::Services& s, http::Context&) {
  try {
    int v = s.db.read([](store::Transaction& tx) {
      return static_cast<int>(
          tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->int64(0));
    });
    if (v != store::latest_schema_version()) {
      return http::Response::text("migrations pending\n", 503);
    }
    return http::Response::text("ready\n");
  } catch (const std::exception& e) {
    spdlog::warn("readyz: {}", e.what());
    return http::Response::text("database unreachable\n", 503);
  }
}

http::Response metrics(const areas::Services& s, http::Context&) {
  return http::Response::text(s.metrics ? s.metrics() : std::string(), 200,
                              "text/plain; version=0.0.4; charset=utf-8");
}

// Embedded CSS/JS by content-hashed URL; cached for a year, revalidated by ETag.
http::Response asset(const areas::Services&, http::Context& ctx) {
  const ui::Asset* a = ui::find_asset(ctx.req.path);
  if (a == nullptr) {
    throw ErrorException(fail(Errc::not_found, "No such asset."));
  }
  if (ctx.req.header("if-none-match") == a->etag) {
    http::Response r;
    r.status = 304;
    r.headers.set("ETag", a->etag);
    return r;
  }
  auto r = http::Response::text(std::string(a->bytes), 200, a->content_type);
  r.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  r.headers.set("ETag", a->etag);
  return r;
}

}  // namespace

std::shared_ptr<http::Router> build_router(const areas::Services& s) {
  auto router = std::make_shared<http::Router>();

  router->set_authenticator([&s](const http::Request& req) -> std::optional<http::Principal> {
    auto auth = req.header("authorization");
    if (auth.starts_with("Bearer ")) {
      auto a = areas::accounts::authenticate_token(s.env(), auth.substr(7));
      return a ? to_principal(*a) : std::nullopt;
    }
    if (auto cookie = req.cookie(areas::accounts::kSessionCookie)) {
      auto a = areas::accounts::authenticate_session(s.env(), *cookie);
      return a ? to_principal(*a) : std::nullopt;
    }
    return std::nullopt;
  });
  router->set_error_page_renderer(
      [](const http::Context* ctx, int status, const Error& e) -> std::string {
        return ui::error_page(status, e.message, ctx ? ctx->csp_nonce : std::string(),
                              ctx && ctx->principal)
            .release();
      });

  areas::RouteTable routes(*router, s);
  using areas::Access;
  routes.add(http::Method::get, "/healthz", http::Kind::api, {}, healthz, Access::anyone);
  routes.add(http::Method::get, "/readyz", http::Kind::api, {}, readyz, Access::anyone);
  routes.add(http::Method::get, "/metrics", http::Kind::api, RoleSet{Role::admin}, metrics);
  routes.add(http::Method::get, "/assets/{file}", http::Kind::page, {}, asset, Access::anyone);

  areas::accounts::register_routes(*router, s);
  areas::dashboard::register_routes(*router, s);
  areas::people::register_routes(*router, s);
  areas::policies::register_routes(*router, s);
  areas::meetings::register_routes(*router, s);
  areas::actions::register_routes(*router, s);
  areas::ledger_view::register_routes(*router, s);
  return router;
}

}  // namespace mandate::app
