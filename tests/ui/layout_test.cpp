// The page shell: landmarks, CSRF in both forms, assets by hashed URL, no inline code.
#include "ui/layout.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "ui/assets.hpp"

namespace mandate::ui {
namespace {

PageContext sample() {
  PageContext c;
  c.title = "People <&>";
  c.user_name = "Ada <Admin>";
  c.user_email = "ada@example.com";
  c.org_name = "Acme";
  c.role_label = "Administrator";
  c.orgs = {{1, "Acme", true}, {2, "Beta & Co", false}};
  c.nav = {{"Dashboard", "/", false}, {"People", "/people", true}};
  c.csrf_token = "tok123";
  c.csp_nonce = "nonce1";
  c.flash = Flash{FlashKind::success, "Saved <ok>"};
  return c;
}

TEST(LayoutTest, PageHasLandmarksSkipLinkAndEscapedText) {
  auto s = page(sample(), html("<h1>{}</h1>", "x")).str();
  for (const char* needle : {"<html lang=\"en\">", "<header", "<nav aria-label=\"Main\"",
                             "<main id=\"main\"", "<footer", "class=\"skip-link\" href=\"#main\"",
                             "People &lt;&amp;&gt; · Mandate", "Ada &lt;Admin&gt;",
                             "Beta &amp; Co", "aria-current=\"page\"", "Saved &lt;ok&gt;"}) {
    EXPECT_NE(s.find(needle), std::string::npos) << needle;
  }
}

TEST(LayoutTest, SwitcherAndLogoutAreFormsCarryingTheCsrfToken) {
  auto s = page(sample(), Html()).str();
  EXPECT_NE(s.find(R"(action="/orgs/switch")"), std::string::npos);
  EXPECT_NE(s.find(R"(action="/logout")"), std::string::npos);
  std::regex token(R"re(name="_csrf" value="tok123")re");
  EXPECT_EQ(std::distance(std::sregex_iterator(s.begin(), s.end(), token), std::sregex_iterator()), 2);
}

TEST(LayoutTest, NoInlineScriptsStylesOrEventHandlers) {
  auto s = page(sample(), Html()).str() + error_page(404, "gone", "n", false).str();
  EXPECT_EQ(s.find("style="), std::string::npos);
  EXPECT_EQ(s.find("<style"), std::string::npos);
  EXPECT_FALSE(std::regex_search(s, std::regex(R"(<script(?![^>]*\ssrc=))")));
  EXPECT_FALSE(std::regex_search(s, std::regex(R"(\son[a-z]+=)")));
}

TEST(LayoutTest, AssetsAreServedByTheirHashedUrlOnly) {
  std::string url = asset_url("app.css");
  EXPECT_TRUE(std::regex_match(url, std::regex(R"(/assets/app\.[0-9a-f]{12}\.css)"))) << url;
  const Asset* a = find_asset(url);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->content_type, "text/css; charset=utf-8");
  EXPECT_FALSE(a->bytes.empty());
  EXPECT_EQ(find_asset("/assets/app.000000000000.css"), nullptr);
  EXPECT_EQ(find_asset("/assets/app.css"), nullptr);
  EXPECT_NE(find_asset(asset_url("htmx.min.js")), nullptr);
  EXPECT_NE(page(sample(), Html()).str().find(url), std::string::npos);
}

TEST(LayoutTest, ErrorPageNamesTheStatusAndOffersAWayBack) {
  auto s = error_page(403, "Your role does not allow this.", "n", true).str();
  EXPECT_NE(s.find("Not allowed"), std::string::npos);
  EXPECT_NE(s.find("Your role does not allow this."), std::string::npos);
  EXPECT_NE(s.find(R"(href="/")"), std::string::npos);
  EXPECT_NE(error_page(404, "x", "n", false).str().find(R"(href="/login")"), std::string::npos);
}

}  // namespace
}  // namespace mandate::ui
