// tests/http/message_test.cpp
// Unit tests for http/message.hpp: headers, cookies, request-target and form decoding, URL
// encoding, Response factories and method names.
#include <gtest/gtest.h>

#include "http/message.hpp"

namespace mandate::http {
namespace {

TEST(MessageTest, HeadersAreStoredLowerCasedAndLookedUpCaseInsensitively) {
  Headers h;
  h.add("Content-Type", "text/plain");
  h.add("X-Thing", "1");
  h.add("x-thing", "2");
  EXPECT_EQ(h.all().front().first, "content-type");
  EXPECT_EQ(h.get("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(h.get("X-THING"), "1");
  h.set("X-Thing", "3");
  EXPECT_EQ(h.get("x-thing"), "3");
  EXPECT_EQ(h.all().size(), 2u);
  EXPECT_FALSE(h.get("absent"));
}

TEST(MessageTest, CookieFindsTheNamedValue) {
  Request r;
  r.headers.add("Cookie", "theme=dark; sid=\"abc123\";  lang = en ; flag");
  EXPECT_EQ(r.cookie("sid"), "abc123");
  EXPECT_EQ(r.cookie("theme"), "dark");
  EXPECT_EQ(r.cookie("lang"), "en");
  EXPECT_FALSE(r.cookie("flag"));
  EXPECT_FALSE(r.cookie("si"));
  Request none;
  EXPECT_FALSE(none.cookie("sid"));
}

TEST(MessageTest, ParseTargetDecodesPathAndQuery) {
  Request r;
  ASSERT_TRUE(parse_target("/people/a%20b?q=x+y&q=2&name=%41%26&empty=&flag", r));
  EXPECT_EQ(r.target, "/people/a%20b?q=x+y&q=2&name=%41%26&empty=&flag");
  EXPECT_EQ(r.path, "/people/a b");
  EXPECT_EQ(r.query_param("q"), "x y");
  EXPECT_EQ(r.query.count("q"), 2u);
  EXPECT_EQ(r.query_param("name"), "A&");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query.count("flag"), 1u);
  EXPECT_EQ(r.query_param("absent"), "");
}

TEST(MessageTest, ParseTargetRejectsWhatIsNotOriginForm) {
  Request r;
  r.path = "/unchanged";
  EXPECT_FALSE(parse_target("http://example.com/", r));
  EXPECT_FALSE(parse_target("*", r));
  EXPECT_FALSE(parse_target("/bad%zzescape", r));
  EXPECT_FALSE(parse_target("relative", r));
  EXPECT_EQ(r.path, "/unchanged");
}

TEST(MessageTest, ParseFormDecodesPlusAndEscapes) {
  auto form = parse_form("name=Ada+Lovelace&note=100%25+sure&tag=a&tag=b&&empty=&bare");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("name")->second, "Ada Lovelace");
  EXPECT_EQ(form->find("note")->second, "100% sure");
  EXPECT_EQ(form->count("tag"), 2u);
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->find("bare")->second, "");
  ASSERT_TRUE(parse_form(""));
  EXPECT_TRUE(parse_form("")->empty());
}

TEST(MessageTest, ParseFormRejectsMalformedEscapes) {
  EXPECT_FALSE(parse_form("a=%"));
  EXPECT_FALSE(parse_form("a=%2"));
  EXPECT_FALSE(parse_form("a=%zz"));
  EXPECT_FALSE(parse_form("%g1=x"));
  EXPECT_FALSE(parse_form("ok=1&bad=%4"));
}

TEST(MessageTest, UrlEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode("/people?id=1&x=a b"), "%2Fpeople%3Fid%3D1%26x%3Da%20b");
  EXPECT_EQ(url_encode("\xc3\xa9"), "%C3%A9");
  std::string tricky = "a+b c&d=e%f/\xff";
  auto back = parse_form("k=" + url_encode(tricky));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->find("k")->second, tricky);
}

TEST(MessageTest, ResponseFactoriesSetTypeStatusAndLocation) {
  auto h = Response::html("<p>x</p>", 201);
  EXPECT_EQ(h.status, 201);
  EXPECT_EQ(h.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(h.body, "<p>x</p>");
  EXPECT_EQ(Response::json("{}").headers.get("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(Response::text("hi").headers.get("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(Response::text("a,b", 200, "text/csv; charset=utf-8").headers.get("content-type"),
            "text/csv; charset=utf-8");
  auto r = Response::redirect("/people/7");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers.get("location"), "/people/7");
  EXPECT_TRUE(r.body.empty());
}

TEST(MessageTest, MethodNamesRoundTrip) {
  for (Method m : {Method::get, Method::head, Method::post, Method::put, Method::patch,
                   Method::del, Method::options}) {
    EXPECT_EQ(parse_method(method_name(m)), m);
  }
  EXPECT_EQ(method_name(Method::del), "DELETE");
  EXPECT_EQ(parse_method("get"), Method::other);
  EXPECT_EQ(parse_method("PROPFIND"), Method::other);
  EXPECT_TRUE(is_safe(Method::head));
  EXPECT_FALSE(is_safe(Method::patch));
}

}  // namespace
}  // namespace mandate::http

namespace mandate::http {
namespace {

TEST(MultipartTest, ParsesFieldsAndFilesByName) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hr.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nname,email\r\nAda,ada@example.com\r\n\r\n"
      "--XyZ--\r\n";
  auto form = parse_multipart(body, "multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("_csrf")->second, "tok");
  EXPECT_EQ(form->find("file")->second, "name,email\r\nAda,ada@example.com\r\n");
}

TEST(MultipartTest, RefusesMalformedBodies) {
  EXPECT_FALSE(parse_multipart("--a\r\nno header end", "multipart/form-data; boundary=a"));
  EXPECT_FALSE(parse_multipart("anything", "multipart/form-data"));
  EXPECT_FALSE(parse_multipart("--a\r\nContent-Disposition: form-data\r\n\r\nx\r\n--a--",
                               "multipart/form-data; boundary=a"));  // a part without a name
}

TEST(MultipartTest, BodyFormFollowsContentType) {
  Request req;
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.body = "a=1";
  EXPECT_EQ(parse_body_form(req)->find("a")->second, "1");
  req.headers.set("Content-Type", "application/json");
  EXPECT_FALSE(parse_body_form(req));
}

}  // namespace
}  // namespace mandate::http
