// tests/http/router_test.cpp
// Unit tests for the central pipeline in http/router.cpp and the error rendering in
// http/error_mapping.cpp: matching, authorization, CSRF, error shapes, exception mapping and the
// headers every response carries. No sockets: Requests are built by hand.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "http/error_mapping.hpp"
#include "http/router.hpp"

namespace mandate::http {
namespace {

namespace json = boost::json;

const bool kQuiet = [] {
  spdlog::set_level(spdlog::level::off);
  return true;
}();

constexpr std::string_view kSessionCsrf = "session-csrf-token-0123456789";

Request make_request(Method m, std::string_view target,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string body = {}) {
  Request r;
  r.method = m;
  EXPECT_TRUE(parse_target(target, r)) << target;
  r.headers.add("Host", "mandate.test");
  for (auto& [k, v] : headers) {
    r.headers.add(k, v);
  }
  r.body = std::move(body);
  r.remote_addr = "127.0.0.1";
  return r;
}

Principal session_user(std::optional<Role> role) {
  Principal p;
  p.user = UserId(1);
  p.org = OrgId(1);
  p.role = role;
  p.display_name = "Ada";
  p.session_id_hash = "hash";
  p.csrf_token = std::string(kSessionCsrf);
  return p;
}

Principal token_user(Role role) {
  Principal p;
  p.user = UserId(2);
  p.org = OrgId(1);
  p.role = role;
  p.token = TokenId(9);
  return p;
}

Handler text(std::string s) {
  return [s](Context&) { return Response::text(s); };
}

// A router whose authenticator reads "X-Test-User: session-<role>|session|token-<role>".
class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.set_authenticator([](const Request& req) -> std::optional<Principal> {
      std::string_view who = req.header("x-test-user");
      if (who == "session") {
        return session_user(std::nullopt);
      }
      if (who.starts_with("session-")) {
        return session_user(parse_role(who.substr(8)));
      }
      if (who.starts_with("token-")) {
        return token_user(*parse_role(who.substr(6)));
      }
      return std::nullopt;
    });
  }

  void add(Route r) { router_.add(std::move(r)); }

  Response run(const Request& req) { return router_.handle(req, "req-1"); }

  Router router_;
};

json::object error_of(const Response& r) {
  auto v = json::parse(r.body);
  return v.as_object().at("error").as_object();
}

// ---------------------------------------------------------------- matching

TEST_F(RouterTest, MatchesLiteralPathsAndCapturesSegments) {
  add({.method = Method::get, .pattern = "/", .is_public = true, .handler = text("root")});
  add({.method = Method::get,
       .pattern = "/orgs/{org}/people/{id}",
       .is_public = true,
       .handler = [](Context& c) {
         return Response::text(std::string(c.param("org")) + ":" + std::string(c.param("id")) +
                               ":" + std::string(c.param("absent")));
       }});
  EXPECT_EQ(run(make_request(Method::get, "/")).body, "root");
  auto r = run(make_request(Method::get, "/orgs/7/people/a%20b?x=1"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "7:a b:");
  EXPECT_EQ(run(make_request(Method::get, "/orgs/7/people/")).status, 404);
  EXPECT_EQ(run(make_request(Method::get, "/orgs/7/people")).status, 404);
  EXPECT_EQ(run(make_request(Method::get, "/orgs/7/people/1/x")).status, 404);
}

TEST_F(RouterTest, LiteralSegmentBeatsCaptureWhateverTheOrder) {
  add({.method = Method::get, .pattern = "/people/{id}", .is_public = true,
       .handler = text("one")});
  add({.method = Method::get, .pattern = "/people/new", .is_public = true,
       .handler = text("new")});
  add({.method = Method::get, .pattern = "/{section}/export", .is_public = true,
       .handler = text("section")});
  EXPECT_EQ(run(make_request(Method::get, "/people/new")).body, "new");
  EXPECT_EQ(run(make_request(Method::get, "/people/42")).body, "one");
  EXPECT_EQ(run(make_request(Method::get, "/people/export")).body, "one");
  EXPECT_EQ(run(make_request(Method::get, "/policies/export")).body, "section");
}

TEST_F(RouterTest, UnknownPathIs404HtmlOrJsonUnderApi) {
  add({.method = Method::get, .pattern = "/x", .is_public = true, .handler = text("x")});
  auto page = run(make_request(Method::get, "/nope"));
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.headers.get("content-type"), "text/html; charset=utf-8");
  auto api = run(make_request(Method::get, "/api/v1/nope"));
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(error_of(api).at("code"), "not_found");
}

TEST_F(RouterTest, KnownPathWithOtherMethodIs405WithAllow) {
  add({.method = Method::get, .pattern = "/things/{id}", .is_public = true, .handler = text("")});
  add({.method = Method::del, .pattern = "/things/{id}", .is_public = true, .handler = text("")});
  add({.method = Method::post, .pattern = "/things/{id}/archive", .is_public = true,
       .handler = text("")});
  auto r = run(make_request(Method::put, "/things/3", {{"Accept", "application/json"}}));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers.get("allow"), "GET, HEAD, DELETE");
  EXPECT_EQ(error_of(r).at("code"), "method_not_allowed");
  EXPECT_EQ(router_.allowed_methods("/things/3/archive"), "POST");
  EXPECT_TRUE(router_.match(Method::put, "/things/3").method_mismatch);
  EXPECT_FALSE(router_.match(Method::put, "/elsewhere").method_mismatch);
}

TEST_F(RouterTest, HeadIsServedByGetWithoutBodyButWithLength) {
  add({.method = Method::get, .pattern = "/page", .is_public = true, .handler = text("12345")});
  auto r = run(make_request(Method::head, "/page"));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.headers.get("content-length"), "5");
  EXPECT_EQ(r.headers.get("content-type"), "text/plain; charset=utf-8");
}

TEST_F(RouterTest, RouteNameDefaultsToPattern) {
  add({.method = Method::get, .pattern = "/a/{id}", .handler = text("")});
  add({.method = Method::get, .pattern = "/b", .handler = text(""), .name = "bee"});
  EXPECT_EQ(router_.routes()[0].name, "/a/{id}");
  EXPECT_EQ(router_.routes()[1].name, "bee");
}

// ---------------------------------------------------------------- authorization

TEST_F(RouterTest, PublicRouteServesAnonymousCallers) {
  add({.method = Method::get, .pattern = "/login", .is_public = true, .handler = text("form")});
  EXPECT_EQ(run(make_request(Method::get, "/login")).status, 200);
}

TEST_F(RouterTest, AnonymousPageGetRedirectsToLoginWithNext) {
  add({.method = Method::get, .pattern = "/people", .any_member = true, .handler = text("")});
  auto r = run(make_request(Method::get, "/people?page=2&q=a+b"));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers.get("location"), "/login?next=%2Fpeople%3Fpage%3D2%26q%3Da%2Bb");
}

TEST_F(RouterTest, AnonymousPagePostIs401) {
  add({.method = Method::post, .pattern = "/people", .any_member = true, .handler = text("")});
  auto r = run(make_request(Method::post, "/people", {{"Origin", "http://mandate.test"}}));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_FALSE(r.headers.get("location"));
}

TEST_F(RouterTest, AnonymousApiCallIs401JsonWithBearerChallenge) {
  add({.method = Method::get, .pattern = "/api/v1/people", .kind = Kind::api, .any_member = true,
       .handler = text("")});
  auto r = run(make_request(Method::get, "/api/v1/people"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers.get("www-authenticate"), "Bearer");
  EXPECT_EQ(error_of(r).at("code"), "unauthorized");
}

TEST_F(RouterTest, AnyMemberAdmitsPrincipalWithoutRole) {
  add({.method = Method::get, .pattern = "/me", .any_member = true,
       .handler = [](Context& c) { return Response::text(c.who().display_name); }});
  auto r = run(make_request(Method::get, "/me", {{"X-Test-User", "session"}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Ada");
}

TEST_F(RouterTest, RolesDecideAccessAndOthersGet403) {
  add({.method = Method::get, .pattern = "/budget", .roles = {Role::top_management, Role::admin},
       .handler = text("budget")});
  add({.method = Method::get, .pattern = "/api/v1/budget", .kind = Kind::api,
       .roles = {Role::top_management}, .handler = text("budget")});
  EXPECT_EQ(run(make_request(Method::get, "/budget", {{"X-Test-User", "session-admin"}})).status,
            200);
  EXPECT_EQ(
      run(make_request(Method::get, "/budget", {{"X-Test-User", "session-top_management"}}))
          .status,
      200);
  auto staff = run(make_request(Method::get, "/budget", {{"X-Test-User", "session-staff"}}));
  EXPECT_EQ(staff.status, 403);
  EXPECT_EQ(staff.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(run(make_request(Method::get, "/budget", {{"X-Test-User", "session"}})).status, 403);
  auto api = run(make_request(Method::get, "/api/v1/budget", {{"X-Test-User", "token-auditor"}}));
  EXPECT_EQ(api.status, 403);
  EXPECT_EQ(error_of(api).at("code"), "forbidden");
}

TEST_F(RouterTest, NoAuthenticatorMeansNobody) {
  Router bare;
  bare.add({.method = Method::get, .pattern = "/api/x", .kind = Kind::api, .any_member = true,
            .handler = text("")});
  bare.add({.method = Method::get, .pattern = "/open", .is_public = true, .handler = text("ok")});
  EXPECT_EQ(bare.handle(make_request(Method::get, "/api/x"), "id").status, 401);
  EXPECT_EQ(bare.handle(make_request(Method::get, "/open"), "id").status, 200);
}

// ---------------------------------------------------------------- CSRF

class CsrfTest : public RouterTest {
 protected:
  CsrfTest() {
    add({.method = Method::post, .pattern = "/people", .any_member = true,
         .handler = text("created")});
    add({.method = Method::del, .pattern = "/api/v1/people/{id}", .kind = Kind::api,
         .roles = {Role::admin}, .handler = text("deleted")});
    add({.method = Method::post, .pattern = "/login", .is_public = true,
         .handler = text("welcome")});
  }
  Response post(std::vector<std::pair<std::string, std::string>> headers, std::string body = {}) {
    return run(make_request(Method::post, "/people", std::move(headers), std::move(body)));
  }
};

TEST_F(CsrfTest, SessionPostWithoutTokenIsRejected) {
  auto r = post({{"X-Test-User", "session"}, {"Sec-Fetch-Site", "same-origin"},
                 {"Origin", "http://mandate.test"}});
  EXPECT_EQ(r.status, 403);
  auto j = run(make_request(Method::post, "/people",
                            {{"X-Test-User", "session"}, {"Accept", "application/json"}}));
  EXPECT_EQ(j.status, 403);
  EXPECT_EQ(error_of(j).at("code"), "forbidden");
  EXPECT_NE(std::string(error_of(j).at("message").as_string()).find("CSRF"), std::string::npos);
}

TEST_F(CsrfTest, SessionPostWithWrongTokenIsRejected) {
  EXPECT_EQ(post({{"X-Test-User", "session"}, {"X-CSRF-Token", "nope"}}).status, 403);
  EXPECT_EQ(post({{"X-Test-User", "session"},
                  {"Content-Type", "application/x-www-form-urlencoded"}},
                 "name=x&_csrf=" + std::string(kSessionCsrf) + "x")
                .status,
            403);
}

TEST_F(CsrfTest, SessionTokenInHeaderOrFormFieldPasses) {
  auto header = post({{"X-Test-User", "session"}, {"X-CSRF-Token", std::string(kSessionCsrf)}});
  EXPECT_EQ(header.status, 200);
  EXPECT_EQ(header.body, "created");
  auto form = post({{"X-Test-User", "session"},
                    {"Sec-Fetch-Site", "same-origin"},
                    {"Origin", "http://mandate.test"},
                    {"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"}},
                   "name=Ada+L&_csrf=" + std::string(kSessionCsrf));
  EXPECT_EQ(form.status, 200);
  std::string multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                          "filename=\"_csrf\"\r\n\r\nnot it\r\n"
                          "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
                          std::string(kSessionCsrf) + "\r\n--XyZ--\r\n";
  auto mp = post({{"X-Test-User", "session"},
                  {"Content-Type", "multipart/form-data; boundary=\"XyZ\""}},
                 multipart);
  EXPECT_EQ(mp.status, 200);
}

TEST_F(CsrfTest, CrossSiteFetchIsRejectedEvenWithToken) {
  for (const char* site : {"cross-site", "same-site"}) {
    EXPECT_EQ(post({{"X-Test-User", "session"},
                    {"Sec-Fetch-Site", site},
                    {"X-CSRF-Token", std::string(kSessionCsrf)}})
                  .status,
              403)
        << site;
  }
  EXPECT_EQ(post({{"X-Test-User", "session"},
                  {"Sec-Fetch-Site", "none"},
                  {"X-CSRF-Token", std::string(kSessionCsrf)}})
                .status,
            200);
}

TEST_F(CsrfTest, ForeignOriginIsRejected) {
  for (const char* origin : {"http://evil.test", "https://mandate.test", "null",
                             "http://mandate.test:8080"}) {
    EXPECT_EQ(post({{"X-Test-User", "session"},
                    {"Origin", origin},
                    {"X-CSRF-Token", std::string(kSessionCsrf)}})
                  .status,
              403)
        << origin;
  }
  auto tls = make_request(Method::post, "/people",
                          {{"X-Test-User", "session"},
                           {"Origin", "https://mandate.test"},
                           {"X-CSRF-Token", std::string(kSessionCsrf)}});
  tls.tls = true;
  EXPECT_EQ(run(tls).status, 200);
}

TEST_F(CsrfTest, BearerTokenSkipsTokenCheckButNotCrossSiteCheck) {
  auto ok = run(make_request(Method::del, "/api/v1/people/3", {{"X-Test-User", "token-admin"}}));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "deleted");
  auto cross = run(make_request(Method::del, "/api/v1/people/3",
                                {{"X-Test-User", "token-admin"}, {"Sec-Fetch-Site", "cross-site"}}));
  EXPECT_EQ(cross.status, 403);
  auto session = run(make_request(Method::del, "/api/v1/people/3",
                                  {{"X-Test-User", "session-admin"}}));
  EXPECT_EQ(session.status, 403);
}

TEST_F(CsrfTest, AnonymousPostNeedsSameOriginEvidence) {
  auto bare = run(make_request(Method::post, "/login"));
  EXPECT_EQ(bare.status, 403);
  EXPECT_EQ(run(make_request(Method::post, "/login", {{"Sec-Fetch-Site", "same-origin"}})).status,
            200);
  EXPECT_EQ(run(make_request(Method::post, "/login", {{"Origin", "http://MANDATE.test"}})).status,
            200);
  EXPECT_EQ(run(make_request(Method::post, "/login", {{"Origin", "http://evil.test"}})).status,
            403);
}

// ---------------------------------------------------------------- errors

TEST_F(RouterTest, EveryErrcHasItsStatusAndTheExactJsonShape) {
  struct Case {
    Errc code;
    int status;
  };
  const Case cases[] = {{Errc::invalid, 422},       {Errc::bad_request, 400},
                        {Errc::unauthorized, 401},  {Errc::forbidden, 403},
                        {Errc::not_found, 404},     {Errc::method_not_allowed, 405},
                        {Errc::conflict, 409},      {Errc::stale, 409},
                        {Errc::too_large, 413},     {Errc::too_many, 429},
                        {Errc::unavailable, 503}};
  Errc current = Errc::invalid;
  add({.method = Method::get, .pattern = "/api/fail", .kind = Kind::api, .is_public = true,
       .handler = [&current](Context&) -> Response {
         Error e = fail(current, "It failed.");
         if (current == Errc::invalid) {
           e.fields["title"] = "Required.";
         }
         throw ErrorException(e);
       }});
  for (const Case& c : cases) {
    current = c.code;
    auto r = run(make_request(Method::get, "/api/fail"));
    EXPECT_EQ(r.status, c.status) << errc_name(c.code);
    EXPECT_EQ(detail::status_for(c.code), c.status);
    EXPECT_EQ(r.headers.get("content-type"), "application/json; charset=utf-8");
    std::string fields = c.code == Errc::invalid ? R"({"title":"Required."})" : "{}";
    EXPECT_EQ(r.body, R"({"error":{"code":")" + std::string(errc_name(c.code)) +
                          R"(","message":"It failed.","fields":)" + fields +
                          R"(,"request_id":"req-1"}})");
  }
}

TEST_F(RouterTest, TooManyAndUnavailableCarryRetryAfter) {
  add({.method = Method::get, .pattern = "/api/slow", .kind = Kind::api, .is_public = true,
       .handler = [](Context&) -> Response {
         Error e = fail(Errc::too_many, "Slow down.");
         e.retry_after_s = 30;
         throw ErrorException(e);
       }});
  add({.method = Method::get, .pattern = "/api/busy", .kind = Kind::api, .is_public = true,
       .handler = [](Context&) -> Response {
         throw ErrorException(fail(Errc::too_many, "Slow down."));
       }});
  EXPECT_EQ(run(make_request(Method::get, "/api/slow")).headers.get("retry-after"), "30");
  EXPECT_EQ(run(make_request(Method::get, "/api/busy")).headers.get("retry-after"), "1");
}

TEST_F(RouterTest, PageErrorsUseTheRendererAndJsonWhenAcceptPrefersIt) {
  int seen_status = 0;
  bool had_context = false;
  router_.set_error_page_renderer([&](const Context* ctx, int status, const Error& e) {
    seen_status = status;
    had_context = ctx != nullptr;
    return "<p>custom " + e.message + "</p>";
  });
  add({.method = Method::get, .pattern = "/p", .is_public = true,
       .handler = [](Context&) -> Response {
         throw ErrorException(fail(Errc::conflict, "Already approved."));
       }});
  auto page = run(make_request(Method::get, "/p"));
  EXPECT_EQ(page.status, 409);
  EXPECT_EQ(page.body, "<p>custom Already approved.</p>");
  EXPECT_EQ(seen_status, 409);
  EXPECT_TRUE(had_context);
  auto j = run(make_request(Method::get, "/p", {{"Accept", "application/json"}}));
  EXPECT_EQ(error_of(j).at("code"), "conflict");
  auto browser = run(make_request(
      Method::get, "/p", {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}}));
  EXPECT_EQ(browser.headers.get("content-type"), "text/html; charset=utf-8");
  run(make_request(Method::get, "/unknown"));
  EXPECT_EQ(seen_status, 404);
  EXPECT_FALSE(had_context);
}

TEST_F(RouterTest, MinimalErrorPageEscapesAndSurvivesARendererThatThrows) {
  add({.method = Method::get, .pattern = "/p", .is_public = true,
       .handler = [](Context&) -> Response {
         throw ErrorException(fail(Errc::invalid, "<script>alert(1)</script>"));
       }});
  auto plain = run(make_request(Method::get, "/p"));
  EXPECT_EQ(plain.status, 422);
  EXPECT_EQ(plain.body.find("<script>"), std::string::npos);
  EXPECT_NE(plain.body.find("&lt;script&gt;"), std::string::npos);
  router_.set_error_page_renderer([](const Context*, int, const Error&) -> std::string {
    throw std::runtime_error("template missing");
  });
  auto fallback = run(make_request(Method::get, "/p"));
  EXPECT_EQ(fallback.status, 422);
  EXPECT_NE(fallback.body.find("&lt;script&gt;"), std::string::npos);
}

TEST(ErrorMappingTest, PrefersJsonOnlyWhenAskedExplicitly) {
  auto with_accept = [](std::string accept) {
    Request r;
    r.headers.add("Accept", accept);
    return detail::prefers_json(r);
  };
  EXPECT_TRUE(with_accept("application/json"));
  EXPECT_TRUE(with_accept("application/problem+json"));
  EXPECT_TRUE(with_accept("application/json, text/plain, */*"));
  EXPECT_TRUE(with_accept("text/html;q=0.5, application/json"));
  EXPECT_FALSE(with_accept("text/html, application/json;q=0.9"));
  EXPECT_FALSE(with_accept("*/*"));
  EXPECT_FALSE(with_accept("application/json;q=0"));
  EXPECT_FALSE(with_accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
  EXPECT_FALSE(detail::prefers_json(Request{}));
}

// Captures spdlog output for the duration of a test.
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)) {
    previous_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("capture", sink_);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const {
    std::string all;
    for (auto& line : sink_->last_formatted()) {
      all += line;
    }
    return all;
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(RouterTest, ExceptionsBecome500Or503WithoutInternals) {
  int which = 0;
  add({.method = Method::get, .pattern = "/api/boom", .kind = Kind::api, .is_public = true,
       .handler = [&which](Context&) -> Response {
         switch (which) {
           case 0: throw StoreError("SELECT secret_column FROM t: disk I/O error", true);
           case 1: throw StoreError("SELECT secret_column FROM t: constraint");
           case 2: throw SystemError("secret_column: open failed");
           case 3: throw std::runtime_error("secret_column vanished");
           default: throw 42;
         }
       },
       .name = "boom"});
  const int expected[] = {503, 500, 500, 500, 500};
  for (which = 0; which < 5; ++which) {
    LogCapture log;
    auto r = run(make_request(Method::get, "/api/boom"));
    EXPECT_EQ(r.status, expected[which]) << which;
    EXPECT_EQ(r.body.find("secret_column"), std::string::npos) << r.body;
    auto e = error_of(r);
    EXPECT_EQ(e.at("code"), which == 0 ? "unavailable" : "internal");
    EXPECT_EQ(e.at("request_id"), "req-1");
    if (which == 0) {
      EXPECT_EQ(r.headers.get("retry-after"), "1");
    }
    EXPECT_NE(log.text().find("req-1"), std::string::npos);
    EXPECT_NE(log.text().find("boom"), std::string::npos);
    if (which < 4) {
      EXPECT_NE(log.text().find("secret_column"), std::string::npos);
    }
  }
}

TEST_F(RouterTest, FailingAuthenticatorIsMappedLikeAHandlerFailure) {
  router_.set_authenticator([](const Request&) -> std::optional<Principal> {
    throw StoreError("db gone", true);
  });
  add({.method = Method::get, .pattern = "/p", .any_member = true, .handler = text("")});
  auto r = run(make_request(Method::get, "/p"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body.find("db gone"), std::string::npos);
}

TEST_F(RouterTest, HandlerMayReturnItsOwnErrorResponse) {
  add({.method = Method::get, .pattern = "/teapot", .is_public = true,
       .handler = [](Context&) { return Response::text("short and stout", 418); }});
  auto r = run(make_request(Method::get, "/teapot"));
  EXPECT_EQ(r.status, 418);
  EXPECT_EQ(r.body, "short and stout");
  EXPECT_TRUE(r.headers.get("content-security-policy"));
}

TEST_F(RouterTest, ErrorResponseBeforeThePipelineFollowsTheRouteKind) {
  add({.method = Method::post, .pattern = "/api/upload", .kind = Kind::api, .is_public = true,
       .handler = text("")});
  auto req = make_request(Method::post, "/api/upload");
  auto r = router_.error_response(&req, fail(Errc::too_large, "Too big."), "rid");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(error_of(r).at("request_id"), "rid");
  EXPECT_EQ(r.headers.get("x-request-id"), "rid");
  auto page = router_.error_response(nullptr, fail(Errc::bad_request, "Bad."), "rid");
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(page.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(page.headers.get("content-security-policy"));
}

// ---------------------------------------------------------------- headers

void expect_security_headers(const Response& r, std::string_view request_id) {
  auto csp = r.headers.get("content-security-policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("default-src 'none'"), std::string_view::npos);
  EXPECT_NE(csp->find("script-src 'self' 'nonce-"), std::string_view::npos);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string_view::npos);
  EXPECT_NE(csp->find("base-uri 'none'"), std::string_view::npos);
  EXPECT_NE(csp->find("form-action 'self'"), std::string_view::npos);
  EXPECT_EQ(csp->find("unsafe-inline"), std::string_view::npos);
  EXPECT_EQ(r.headers.get("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.headers.get("referrer-policy"), "same-origin");
  EXPECT_EQ(r.headers.get("x-frame-options"), "DENY");
  EXPECT_EQ(r.headers.get("cross-origin-opener-policy"), "same-origin");
  EXPECT_EQ(r.headers.get("permissions-policy"), "camera=(), microphone=(), geolocation=()");
  EXPECT_EQ(r.headers.get("x-request-id"), request_id);
}

TEST_F(RouterTest, SecurityHeadersOnSuccessAndErrorWithFreshNonce) {
  std::string nonce;
  add({.method = Method::get, .pattern = "/ok", .is_public = true,
       .handler = [&nonce](Context& c) {
         nonce = c.csp_nonce;
         return Response::html("<p>ok</p>");
       }});
  auto ok = run(make_request(Method::get, "/ok"));
  expect_security_headers(ok, "req-1");
  EXPECT_EQ(nonce.size(), 22u);  // 16 bytes, base64url without padding
  EXPECT_NE(ok.headers.get("content-security-policy")->find("'nonce-" + nonce + "'"),
            std::string_view::npos);
  EXPECT_FALSE(ok.headers.get("strict-transport-security"));
  std::string first = nonce;
  run(make_request(Method::get, "/ok"));
  EXPECT_NE(nonce, first);

  expect_security_headers(run(make_request(Method::get, "/missing")), "req-1");
  auto denied = run(make_request(Method::post, "/ok"));
  EXPECT_EQ(denied.status, 405);
  expect_security_headers(denied, "req-1");

  auto tls = make_request(Method::get, "/ok");
  tls.tls = true;
  EXPECT_EQ(run(tls).headers.get("strict-transport-security"), "max-age=31536000");
}

TEST_F(RouterTest, CacheControlNoStoreOnlyForPrincipalsAndOnlyIfUnset) {
  add({.method = Method::get, .pattern = "/page", .is_public = true, .handler = text("")});
  add({.method = Method::get, .pattern = "/asset", .is_public = true,
       .handler = [](Context&) {
         auto r = Response::text("css");
         r.headers.set("Cache-Control", "public, max-age=3600");
         return r;
       }});
  add({.method = Method::get, .pattern = "/secret", .roles = {Role::admin},
       .handler = text("")});
  EXPECT_FALSE(run(make_request(Method::get, "/page")).headers.get("cache-control"));
  EXPECT_EQ(run(make_request(Method::get, "/page", {{"X-Test-User", "session"}}))
                .headers.get("cache-control"),
            "no-store");
  EXPECT_EQ(run(make_request(Method::get, "/asset", {{"X-Test-User", "session"}}))
                .headers.get("cache-control"),
            "public, max-age=3600");
  auto forbidden = run(make_request(Method::get, "/secret", {{"X-Test-User", "session-staff"}}));
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.headers.get("cache-control"), "no-store");
}

}  // namespace
}  // namespace mandate::http
