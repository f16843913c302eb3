// The Html type escapes by construction; safe_href keeps only harmless URLs.
#include "ui/html.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace mandate::ui {
namespace {

TEST(HtmlTest, EscapesEachMarkupCharacter) {
  const std::pair<const char*, const char*> cases[] = {
      {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"},
      {"plain é ✓", "plain é ✓"}, {"", ""},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(text(in).str(), out) << in;
    std::string appended = "x";
    append_escaped(appended, in);
    EXPECT_EQ(appended, std::string("x") + out) << in;
  }
  EXPECT_EQ(text("<a href=\"x\" onclick='y'>&</a>").str(),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlTest, TemplateEscapesStringsButNotHtml) {
  Html inner = html("<b>{}</b>", "<i>");
  EXPECT_EQ(html(R"(<p title="{}">{} {} {}</p>)", "\"q\"", inner, 42, std::string("&")).str(),
            "<p title=\"&quot;q&quot;\"><b>&lt;i&gt;</b> 42 &amp;</p>");
  std::string_view sv = "'";
  EXPECT_EQ(html("{}{}", sv, '<').str(), "&#39;&lt;");
}

TEST(HtmlTest, TemplateWritesNumbersInTheirShortestForm) {
  EXPECT_EQ(html("{} {} {} {}", 2.5, 3.0, -7, std::int64_t{1} << 40).str(), "2.5 3 -7 1099511627776");
  EXPECT_EQ(html("{}", true).str(), "true");
}

TEST(HtmlTest, TemplateWithoutHolesIsCopiedAsIs) {
  EXPECT_EQ(html("<hr>").str(), "<hr>");
  EXPECT_EQ(html("{} and {}", "a", "b").str(), "a and b");
}

TEST(HtmlTest, JoinEscapesTheSeparatorOnly) {
  EXPECT_EQ(join({html("<b>a</b>"), text("<c>")}, " & ").str(), "<b>a</b> &amp; &lt;c&gt;");
  EXPECT_EQ(join({}).str(), "");
}

TEST(HtmlTest, HtmlConcatenates) {
  Html a = html("<p>");
  a += text("x");
  EXPECT_EQ((a + html("</p>")).str(), "<p>x</p>");
  EXPECT_TRUE(Html().empty());
  EXPECT_EQ(Html::trusted("<svg/>").release(), "<svg/>");
}

TEST(HtmlTest, SafeHrefKeepsRelativeHttpAndMailtoUrls) {
  for (const char* good : {"/", "/people?q=a", "/people/3/edit#history", "?page=2", "#main",
                           "https://example.com/x?a=1&b=2", "http://example.com",
                           "HTTP://example.com", "HtTpS://example.com",
                           "mailto:ism@example.com", "MAILTO:ism@example.com",
                           "/search?q=a b"}) {
    EXPECT_EQ(safe_href(good), good) << good;
  }
}

TEST(HtmlTest, SafeHrefRefusesScriptsOtherHostsAndHiddenCharacters) {
  for (const char* bad : {"javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x",
                          "\tjavascript:x", "java\nscript:x", "data:text/html,<script>",
                          "DATA:x", "vbscript:x", "file:///etc/passwd", "ftp://example.com",
                          "//evil.example/x", "/\\evil.example", "/\t/evil.example",
                          "/\n/evil.example", "\x01/x", "/x\x7f", "", "example.com",
                          "https://exa mple.com", "https:", "people/3"}) {
    EXPECT_EQ(safe_href(bad), "#") << bad;
  }
}

}  // namespace
}  // namespace mandate::ui
