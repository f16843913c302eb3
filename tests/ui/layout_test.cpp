// The page shell: landmarks, CSRF in both forms, assets by hashed URL, no inline code.
#include "ui/layout.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "core/crypto.hpp"
#include "ui/assets.hpp"
#include "ui/markup.hpp"  // tests/ui/markup.hpp

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
  c.csp_nonce = "nonce-abc987";
  c.flash = Flash{FlashKind::success, "Saved <ok>"};
  return c;
}

int count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

TEST(LayoutTest, PageHasLandmarksSkipLinkAndEscapedText) {
  auto s = page(sample(), html("<h1>{}</h1>", "x")).str();
  for (const char* needle : {"<!doctype html>", "<html lang=\"en\" data-theme=\"light\">",
                             R"(<meta name="viewport" content="width=device-width, initial-scale=1">)",
                             "<header", "<nav aria-label=\"Main\"", "<main id=\"main\"", "<footer",
                             "class=\"skip-link\" href=\"#main\"", "<title>People &lt;&amp;&gt; · Mandate</title>",
                             "Ada &lt;Admin&gt;", "Administrator", "Beta &amp; Co", "aria-current=\"page\"",
                             R"(<p class="notice success" role="status">Saved &lt;ok&gt;</p>)", "<h1>x</h1>"}) {
    EXPECT_NE(s.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(count(s, "<main"), 1);
  EXPECT_EQ(count(s, "<h1>"), 1);
  // The skip link is the first thing to receive focus.
  EXPECT_LT(s.find("skip-link"), s.find("<a href=\"/\""));
}

TEST(LayoutTest, SwitcherAndLogoutAreFormsCarryingTheCsrfToken) {
  auto s = page(sample(), Html()).str();
  EXPECT_NE(s.find(R"(<form method="post" action="/orgs/switch")"), std::string::npos);
  EXPECT_NE(s.find(R"(<form method="post" action="/logout")"), std::string::npos);
  EXPECT_NE(s.find(R"(<select id="org-switch" name="org" data-autosubmit><option value="1" selected>Acme</option><option value="2">Beta &amp; Co</option></select>)"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find(R"(<label for="org-switch")"), std::string::npos);
  EXPECT_EQ(count(s, R"(name="_csrf" value="tok123")"), 2);
}

TEST(LayoutTest, OneOrganizationIsNamedWithoutASwitcher) {
  PageContext c = sample();
  c.orgs = {{1, "Acme", true}};
  auto s = page(c, Html()).str();
  EXPECT_EQ(s.find("/orgs/switch"), std::string::npos);
  EXPECT_NE(s.find(R"(<span class="org-name">Acme</span>)"), std::string::npos);
  EXPECT_EQ(count(s, R"(name="_csrf")"), 1);  // sign-out still carries it
}

TEST(LayoutTest, BreadcrumbsAndUntitledPages) {
  PageContext c = sample();
  c.title.clear();
  c.flash.reset();
  c.breadcrumbs = {{"People", "/people"}, {"Ada", ""}};
  auto s = page(c, Html()).str();
  EXPECT_NE(s.find("<title>Mandate</title>"), std::string::npos);
  EXPECT_NE(s.find(R"(<nav aria-label="breadcrumb")"), std::string::npos);
  EXPECT_EQ(s.find("notice"), std::string::npos);
}

TEST(LayoutTest, NoInlineScriptsStylesEventHandlersOrStrayNonce) {
  PageContext c = sample();
  const std::string hostile = R"h(x" onload="alert(1)" style="a' onclick='b)h";
  c.title = c.user_name = c.user_email = c.org_name = c.role_label = hostile;
  c.orgs.push_back({3, hostile, false});
  c.nav.push_back({hostile, hostile, true});
  c.flash = Flash{FlashKind::error, hostile};
  c.breadcrumbs = {{hostile, hostile}, {hostile, hostile}};
  for (const std::string& s :
       {page(c, text(hostile)).str(), page(sample(), Html()).str(),
        bare_page(hostile, "nonce-abc987", text(hostile)).str(),
        error_page(404, hostile, "nonce-abc987", false).str(),
        error_page(500, "", "nonce-abc987", true).str()}) {
    EXPECT_TRUE(test::forbidden_attributes(s).empty()) << test::forbidden_attributes(s).front();
    EXPECT_EQ(test::count_tags(s, "style"), 0);
    // Two scripts, both our own files by URL, deferred.
    EXPECT_EQ(test::count_tags(s, "script"), 2);
    EXPECT_FALSE(std::regex_search(s, std::regex(R"(<script(?![^>]*\ssrc="/assets/))")));
    // Nothing needs the nonce, so it is nowhere (a nonce on the wrong element would be worse).
    EXPECT_EQ(s.find("nonce-abc987"), std::string::npos);
    EXPECT_EQ(s.find("javascript:"), std::string::npos);
  }
  // Without hostile text, not even the word appears.
  EXPECT_EQ(page(sample(), Html()).str().find("style="), std::string::npos);
}

TEST(LayoutTest, BarePageHasOneMainAndTheAssets) {
  auto s = bare_page("Sign in", "n", html("<h1>Sign in</h1>")).str();
  EXPECT_EQ(count(s, "<main"), 1);
  EXPECT_NE(s.find("<title>Sign in · Mandate</title>"), std::string::npos);
  EXPECT_NE(s.find(asset_url("pico.min.css")), std::string::npos);
  EXPECT_NE(s.find(asset_url("app.js")), std::string::npos);
  EXPECT_EQ(s.find("<nav"), std::string::npos);
}

TEST(LayoutTest, ErrorPageNamesTheStatusAndOffersAWayBack) {
  auto s = error_page(403, "Your role does not allow this.", "n", true).str();
  EXPECT_NE(s.find("<h1>Not allowed</h1>"), std::string::npos);
  EXPECT_NE(s.find("Your role does not allow this."), std::string::npos);
  EXPECT_NE(s.find("HTTP 403"), std::string::npos);
  EXPECT_NE(s.find(R"(href="/")"), std::string::npos);
  EXPECT_NE(error_page(404, "x", "n", false).str().find(R"(href="/login")"), std::string::npos);
  // Without a message, a helpful default for the status.
  auto nf = error_page(404, "", "n", false).str();
  EXPECT_NE(nf.find("<h1>Not found</h1>"), std::string::npos);
  EXPECT_NE(nf.find("There is nothing at this address."), std::string::npos);
  for (int status : {400, 401, 405, 409, 413, 422, 429, 500, 502, 503, 418}) {
    auto e = error_page(status, "", "n", true).str();
    EXPECT_NE(e.find("HTTP " + std::to_string(status)), std::string::npos) << status;
    EXPECT_EQ(e.find("<p></p>"), std::string::npos) << status;
  }
  EXPECT_NE(error_page(500, "", "n", true).str().find("<h1>Something went wrong</h1>"),
            std::string::npos);
  EXPECT_NE(error_page(404, "<b>", "n", true).str().find("&lt;b&gt;"), std::string::npos);
}

TEST(AssetsTest, EveryAssetIsServedByItsHashedUrlOnly) {
  const std::pair<const char*, const char*> assets[] = {
      {"pico.min.css", "text/css; charset=utf-8"},
      {"app.css", "text/css; charset=utf-8"},
      {"htmx.min.js", "text/javascript; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
  };
  for (const auto& [name, type] : assets) {
    std::string url = asset_url(name);
    std::smatch m;
    std::string stem = std::string(name).substr(0, std::string(name).rfind('.'));
    std::string ext = std::string(name).substr(std::string(name).rfind('.') + 1);
    ASSERT_TRUE(std::regex_match(url, m, std::regex("/assets/" + std::regex_replace(stem, std::regex(R"(\.)"), R"(\.)") +
                                                    R"(\.([0-9a-f]{12})\.)" + ext)))
        << url;
    const Asset* a = find_asset(url);
    ASSERT_NE(a, nullptr) << url;
    EXPECT_EQ(a->url, url);
    EXPECT_EQ(a->content_type, type);
    EXPECT_FALSE(a->bytes.empty());
    EXPECT_EQ(core::hex(core::sha256(a->bytes)).substr(0, 12), m[1].str()) << name;
    EXPECT_EQ(a->etag, "\"" + m[1].str() + "\"");
    EXPECT_EQ(find_asset(url), a);  // one table, computed once
  }
  std::string url = asset_url("app.css");
  std::string wrong = url;
  wrong[wrong.size() - 5] = wrong[wrong.size() - 5] == '0' ? '1' : '0';
  EXPECT_EQ(find_asset(wrong), nullptr);
  EXPECT_EQ(find_asset("/assets/app.000000000000.css"), nullptr);
  EXPECT_EQ(find_asset("/assets/app.css"), nullptr);
  EXPECT_EQ(find_asset("app.css"), nullptr);
  EXPECT_EQ(find_asset(""), nullptr);
  EXPECT_NE(page(sample(), Html()).str().find(url), std::string::npos);
}

}  // namespace
}  // namespace mandate::ui
