// The Html type escapes by construction; safe_href keeps only harmless URLs.
#include "ui/html.hpp"

#include <gtest/gtest.h>

#include "ui/components.hpp"

namespace mandate::ui {
namespace {

TEST(HtmlTest, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(text("<a href=\"x\" onclick='y'>&</a>").str(),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlTest, TemplateEscapesStringsButNotHtml) {
  Html inner = html("<b>{}</b>", "<i>");
  EXPECT_EQ(html(R"(<p title="{}">{} {} {}</p>)", "\"q\"", inner, 42, std::string("&")).str(),
            "<p title=\"&quot;q&quot;\"><b>&lt;i&gt;</b> 42 &amp;</p>");
}

TEST(HtmlTest, SafeHrefRefusesScriptAndForeignRelativeUrls) {
  for (const char* good : {"/people?q=a", "?page=2", "#main", "https://example.com/x",
                           "HTTP://example.com", "mailto:ism@example.com"}) {
    EXPECT_EQ(safe_href(good), good) << good;
  }
  for (const char* bad : {"javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x",
                          "data:text/html,<script>", "vbscript:x", "//evil.example/x",
                          "/\\evil.example", "", "https://exa mple.com"}) {
    EXPECT_EQ(safe_href(bad), "#") << bad;
  }
}

TEST(HtmlTest, PaginationKeepsFiltersAndMarksTheEnds) {
  EXPECT_TRUE(pagination("/people", "q=a%20b", 1, 1).empty());
  auto p = pagination("/people", "q=a%20b", 2, 3).str();
  EXPECT_NE(p.find(R"(href="/people?q=a%20b&amp;page=1")"), std::string::npos) << p;
  EXPECT_NE(p.find(R"(href="/people?q=a%20b&amp;page=3")"), std::string::npos);
  EXPECT_NE(p.find("Page 2 of 3"), std::string::npos);
  auto first = pagination("/people", "", 1, 3).str();
  EXPECT_NE(first.find(R"(<span aria-disabled="true">← Previous</span>)"), std::string::npos);
}

TEST(HtmlTest, StatCardLinksOnlyWhenGivenALink) {
  EXPECT_NE(stat_card("People", "12", "", "/people").str().find(R"(<a class="stat-card" href="/people">)"),
            std::string::npos);
  EXPECT_EQ(stat_card("People", "12", "", "").str().find("<a "), std::string::npos);
  EXPECT_NE(stat_card("<x>", "1", "", "").str().find("&lt;x&gt;"), std::string::npos);
}

TEST(HtmlTest, BarChartIsAccessibleSvgWithoutStyleAttributes) {
  auto svg = bar_chart("Coverage <by> department", {{"IT", 80}, {"Sales", 40}}).str();
  EXPECT_NE(svg.find("<title>Coverage &lt;by&gt; department</title>"), std::string::npos);
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
}

}  // namespace
}  // namespace mandate::ui
