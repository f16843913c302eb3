// Components: forms tie errors to their fields, tables and pagination escape what they are
// given, and nothing rendered carries a style attribute or an inline event handler.
#include "ui/components.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "ui/markup.hpp"  // tests/ui/markup.hpp

namespace mandate::ui {
namespace {

bool has(const Html& h, std::string_view needle) { return h.str().find(needle) != std::string::npos; }

int count(const std::string& s, std::string_view needle) {
  int n = 0;
  for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

// Text an attacker could type into any field, aimed at both text and attribute contexts.
const std::string kHostile = R"h(x" onmouseover="alert(1)" style="x' onfocus='y' <script>z</script>&)h";

TEST(ComponentsTest, TextFieldWithAnErrorIsInvalidAndDescribedByIt) {
  Html f = text_field("email", "E-mail", "a@b", "must be an e-mail address",
                      {.type = "email", .required = true, .autocomplete = "email", .maxlength = 254});
  EXPECT_TRUE(has(f, R"(<label for="email">E-mail</label>)")) << f.str();
  EXPECT_TRUE(has(f, R"(<input type="email" value="a@b" id="email" name="email" aria-invalid="true" aria-describedby="email-error" required autocomplete="email" maxlength="254">)"))
      << f.str();
  EXPECT_TRUE(has(f, R"(<small class="field-error" id="email-error">must be an e-mail address</small>)"));
}

TEST(ComponentsTest, FieldWithoutErrorIsNotMarkedInvalid) {
  Html f = text_field("name", "Name", "Ada", "", {.hint = "As in the HR system"});
  EXPECT_FALSE(has(f, "aria-invalid")) << f.str();
  EXPECT_FALSE(has(f, "field-error"));
  EXPECT_FALSE(has(f, "required"));
  EXPECT_TRUE(has(f, R"(aria-describedby="name-hint")"));
  EXPECT_TRUE(has(f, R"(<small class="hint" id="name-hint">As in the HR system</small>)"));
}

TEST(ComponentsTest, HintAndErrorAreBothDescribingTheControl) {
  Html f = textarea_field("purpose", "Purpose", "", "is required",
                          {.required = true, .hint = "One paragraph", .id = "p1", .rows = 6});
  EXPECT_TRUE(has(f, R"(<label for="p1">)")) << f.str();
  EXPECT_TRUE(has(f, R"(<textarea rows="6" id="p1" name="purpose" aria-invalid="true" aria-describedby="p1-hint p1-error" required>)"))
      << f.str();
}

TEST(ComponentsTest, FieldValuesAreEscapedAndPasswordsNeverEchoed) {
  Html f = text_field("q", "Search", kHostile);
  EXPECT_TRUE(has(f, "value=\"x&quot; onmouseover=&quot;alert(1)&quot;")) << f.str();
  Html pw = text_field("password", "Password", "hunter2", "", {.type = "password"});
  EXPECT_FALSE(has(pw, "hunter2"));
  EXPECT_TRUE(has(pw, R"(value="")"));
  Html ta = textarea_field("notes", "Notes", "</textarea><script>");
  EXPECT_TRUE(has(ta, "&lt;/textarea&gt;&lt;script&gt;</textarea>")) << ta.str();
}

TEST(ComponentsTest, SelectMarksTheChosenOption) {
  Html s = select_field("status", "Status", {{"active", "Active"}, {"left", "Left"}}, "left",
                        "must be active or left");
  EXPECT_TRUE(has(s, R"(<option value="active">Active</option><option value="left" selected>Left</option>)"))
      << s.str();
  EXPECT_TRUE(has(s, R"(<select id="status" name="status" aria-invalid="true" aria-describedby="status-error">)"));
}

TEST(ComponentsTest, CheckboxSubmitsTrueAndShowsItsState) {
  Html on = checkbox("top", "Top management only", true);
  EXPECT_TRUE(has(on, R"(<label for="top"><input type="checkbox" value="true" id="top" name="top" checked> Top management only</label>)"))
      << on.str();
  EXPECT_FALSE(has(checkbox("top", "x", false), "checked"));
}

TEST(ComponentsTest, ErrorSummaryLinksToEachFieldByLabel) {
  Validation v;
  v.add("email", "is already used");
  v.add("name", "is required");
  Error e = v.error("Two fields need attention.");
  Html s = error_summary(&e, {{"email", "E-mail"}});
  EXPECT_TRUE(has(s, R"(role="alert")")) << s.str();
  EXPECT_TRUE(has(s, "Two fields need attention."));
  EXPECT_TRUE(has(s, R"(<li><a href="#email">E-mail</a>: is already used</li>)"));
  EXPECT_TRUE(has(s, R"(<li><a href="#name">name</a>: is required</li>)"));
  EXPECT_TRUE(error_summary(nullptr).empty());
  EXPECT_EQ(error_for(&e, "email"), "is already used");
  EXPECT_EQ(error_for(&e, "job_title"), "");
  EXPECT_EQ(error_for(nullptr, "email"), "");
}

TEST(ComponentsTest, PostFormCarriesTheCsrfTokenAndConfirmation) {
  Html f = post_form("/admin/tokens/7/revoke", "tok\"1", submit_button("Revoke", ButtonKind::danger),
                     {.confirm = "Revoke this token?", .css_class = "inline"});
  EXPECT_EQ(f.str(),
            R"(<form method="post" action="/admin/tokens/7/revoke" class="inline" data-confirm="Revoke this token?">)"
            R"(<input type="hidden" name="_csrf" value="tok&quot;1"><button type="submit" class="danger">Revoke</button></form>)");
  Html a = action_button("/x", "t", "Remove", ButtonKind::secondary, "Sure?");
  EXPECT_TRUE(has(a, R"(data-confirm="Sure?")")) << a.str();
  EXPECT_TRUE(has(a, R"(name="_csrf" value="t")"));
  EXPECT_TRUE(has(post_form("javascript:alert(1)", "t", Html()), R"(action="#")"));
  Html up = post_form("/people/import", "t", Html(), {.multipart = true});
  EXPECT_TRUE(has(up, R"(enctype="multipart/form-data")"));
}

TEST(ComponentsTest, GetFormHasNoCsrfToken) {
  Html f = get_form("/people", text_field("q", "Search", ""), {.css_class = "filters", .aria_label = "Filter people"});
  EXPECT_TRUE(has(f, R"(<form method="get" action="/people" class="filters" aria-label="Filter people">)")) << f.str();
  EXPECT_FALSE(has(f, "_csrf"));
}

TEST(ComponentsTest, TableHasCaptionHeadersAndNumericCells) {
  Html t = table("Members <2026>", {"Name", {"Count", true}, {"Actions", false, true}},
                 {{text("Ada & Co"), html("{}", 3), Html()}});
  EXPECT_TRUE(has(t, R"(<caption>Members &lt;2026&gt;</caption>)")) << t.str();
  EXPECT_TRUE(has(t, R"(<th scope="col">Name</th><th scope="col" class="num">Count</th><th scope="col"><span class="visually-hidden">Actions</span></th>)"));
  EXPECT_TRUE(has(t, R"(<tr><td>Ada &amp; Co</td><td class="num">3</td><td></td></tr>)"));
  EXPECT_TRUE(has(t, R"(role="region" aria-label="Members &lt;2026&gt;" tabindex="0")"));
}

TEST(ComponentsTest, TableWithoutRowsShowsTheEmptyState) {
  Html t = table("People", {"Name"}, {}, "No one matches these filters.");
  EXPECT_EQ(t.str(), R"(<p class="empty-state">No one matches these filters.</p>)");
  Html e = empty_state("No policies yet.", link_button("/policies/new", "Add a policy"));
  EXPECT_TRUE(has(e, R"(<a href="/policies/new" role="button">Add a policy</a>)")) << e.str();
}

TEST(ComponentsTest, PaginationKeepsOtherParametersEncodedAndEscaped) {
  QueryParams params = {{"q", "a&b \"<x>\""}, {"department", "R&D"}, {"page", "9"}, {"status", ""}};
  std::string p = pagination("/people", params, 2, 3).str();
  EXPECT_TRUE(p.find(R"(href="/people?q=a%26b%20%22%3Cx%3E%22&amp;department=R%26D&amp;page=1")") != std::string::npos) << p;
  EXPECT_TRUE(p.find(R"(href="/people?q=a%26b%20%22%3Cx%3E%22&amp;department=R%26D&amp;page=3")") != std::string::npos) << p;
  EXPECT_EQ(p.find("page=9"), std::string::npos);
  EXPECT_EQ(p.find("status="), std::string::npos);
  EXPECT_NE(p.find("Page 2 of 3"), std::string::npos);
  EXPECT_EQ(p.find("<form"), std::string::npos);  // plain GET links
}

TEST(ComponentsTest, PaginationWithARawQueryEscapesItAndMarksTheEnds) {
  EXPECT_TRUE(pagination("/people", "q=a%20b", 1, 1).empty());
  auto mid = pagination("/people", "q=a%20b", 2, 3).str();
  EXPECT_NE(mid.find(R"(href="/people?q=a%20b&amp;page=1" rel="prev")"), std::string::npos) << mid;
  EXPECT_NE(mid.find(R"(href="/people?q=a%20b&amp;page=3" rel="next")"), std::string::npos);
  auto first = pagination("/people", "", 1, 3).str();
  EXPECT_NE(first.find(R"(<span aria-disabled="true"><span aria-hidden="true">← </span>Previous</span>)"),
            std::string::npos)
      << first;
  EXPECT_EQ(first.find("rel=\"prev\""), std::string::npos);
  auto last = pagination("/people", "x=\"y\"", 3, 3).str();
  EXPECT_NE(last.find(R"(href="/people?x=&quot;y&quot;&amp;page=2")"), std::string::npos) << last;
  EXPECT_EQ(last.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(pagination("/people", "", 99, 3).str().find("Page 3 of 3"), std::string::npos);
}

TEST(ComponentsTest, UrlEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("Az09-._~ /?&=#%+é"), "Az09-._~%20%2F%3F%26%3D%23%25%2B%C3%A9");
}

TEST(ComponentsTest, AlertsUseRolesThatMatchTheirUrgency) {
  EXPECT_EQ(alert(FlashKind::success, "Saved <ok>").str(),
            R"(<p class="notice success" role="status">Saved &lt;ok&gt;</p>)");
  EXPECT_EQ(flash({FlashKind::error, "No"}).str(), R"(<p class="notice error" role="alert">No</p>)");
  EXPECT_EQ(alert(FlashKind::info, html("<ul><li>a</li></ul>")).str(),
            R"(<div class="notice" role="status"><ul><li>a</li></ul></div>)");
}

TEST(ComponentsTest, BadgesBreadcrumbsAndDescriptionLists) {
  EXPECT_EQ(badge(Tone::warn, "due <soon>").str(), R"(<span class="badge status-warn">due &lt;soon&gt;</span>)");
  EXPECT_EQ(badge("ok", "active").str(), R"(<span class="badge status-ok">active</span>)");
  Html b = breadcrumb({{"People", "/people"}, {"Evil", "javascript:x"}, {"Ada <A>", "/ignored"}});
  EXPECT_TRUE(has(b, R"(<nav aria-label="breadcrumb")")) << b.str();
  EXPECT_TRUE(has(b, R"(<li><a href="/people">People</a></li><li><a href="#">Evil</a></li><li><span aria-current="page">Ada &lt;A&gt;</span></li>)"));
  EXPECT_FALSE(has(b, "/ignored"));
  EXPECT_TRUE(breadcrumb({}).empty());
  Html d = description_list({{"E-mail", "a<b"}, {"Manager", html(R"(<a href="/people/2">Bo</a>)")}});
  EXPECT_EQ(d.str(), R"(<dl class="facts"><dt>E-mail</dt><dd>a&lt;b</dd><dt>Manager</dt><dd><a href="/people/2">Bo</a></dd></dl>)");
  Html h = page_header("People", "Everyone in scope", link_button("/people/new", "Add"));
  EXPECT_TRUE(has(h, "<h1>People</h1>")) << h.str();
  EXPECT_TRUE(has(h, R"(<div class="actions"><a href="/people/new" role="button">Add</a></div>)"));
}

TEST(ComponentsTest, StatCardLinksOnlyWhenGivenALink) {
  EXPECT_TRUE(has(stat_card("People", "12", "", "/people"), R"(<a class="stat-card" href="/people">)"));
  EXPECT_FALSE(has(stat_card("People", "12"), "<a "));
  EXPECT_FALSE(has(stat_card("People", "12"), "stat-note"));
  EXPECT_TRUE(has(stat_card("<x>", "1", "3 left"), R"(<span class="stat-note">3 left</span>)"));
  EXPECT_TRUE(has(stat_card("<x>", "1"), "&lt;x&gt;"));
  EXPECT_TRUE(has(stat_card("x", "1", "", "javascript:alert(1)"), R"(href="#")"));
  EXPECT_TRUE(has(stat_grid("Key figures", {stat_card("a", "1"), stat_card("b", "2")}),
                  R"(<section class="stat-grid" aria-label="Key figures"><div class="stat-card">)"));
}

TEST(ComponentsTest, BarChartIsAccessibleSvgScaledToTheLargestValue) {
  Html svg = bar_chart("Coverage <by> department", {{"IT", 80}, {"Sales & Ops", 40}, {"Legal", 0}});
  const std::string& s = svg.str();
  EXPECT_TRUE(has(svg, "<title>Coverage &lt;by&gt; department</title>")) << s;
  EXPECT_TRUE(has(svg, R"(role="img" aria-label="Coverage &lt;by&gt; department: IT 80, Sales &amp; Ops 40, Legal 0")"));
  EXPECT_TRUE(has(svg, R"(width="260" height="20")"));  // the largest bar is full width
  EXPECT_TRUE(has(svg, R"(width="130" height="20")"));  // half of it
  EXPECT_TRUE(has(svg, R"(width="0" height="20")"));
  EXPECT_EQ(count(s, "<rect"), 3);
  Html none = bar_chart({{"A", 0}, {"B", -5}});
  EXPECT_TRUE(has(none, "<title>Chart</title>")) << none.str();
  EXPECT_FALSE(has(none, "width=\"-"));
  EXPECT_TRUE(has(bar_chart({{"A", 1000}, {"B", 1}}), R"(width="2" height="20")"));  // visible
}

TEST(ComponentsTest, PercentChartIsScaledToAHundredWithPercentSigns) {
  Html svg = percent_chart("Acknowledged", {{"Board", 50}, {"IT", 100}, {"Odd", 140}});
  EXPECT_TRUE(has(svg, R"(aria-label="Acknowledged: Board 50%, IT 100%, Odd 140%")")) << svg.str();
  EXPECT_TRUE(has(svg, R"(width="130" height="20")"));  // 50% is half a bar, not a full one
  EXPECT_EQ(count(svg.str(), R"(width="260" height="20")"), 2);  // capped at the full width
  EXPECT_TRUE(has(svg, ">50%</text>"));
}

TEST(ComponentsTest, NoComponentEmitsStyleOrEventHandlerAttributes) {
  Validation v;
  v.add(kHostile, kHostile);
  Error e = v.error(kHostile);
  const FieldOptions o{.type = kHostile, .required = true, .autocomplete = kHostile, .maxlength = 5,
                       .hint = kHostile, .id = kHostile, .inputmode = kHostile,
                       .placeholder = kHostile, .autofocus = true, .disabled = true, .rows = 2};
  const Html all[] = {
      text(kHostile),
      alert(FlashKind::error, kHostile),
      alert(FlashKind::info, text(kHostile)),
      badge(kHostile, kHostile),
      badge(Tone::bad, kHostile),
      empty_state(kHostile, link_button(kHostile, kHostile, ButtonKind::outline)),
      page_header(kHostile, kHostile, link_button("/x", kHostile)),
      breadcrumb({{kHostile, kHostile}, {kHostile, kHostile}}),
      table(kHostile, {Column(kHostile, true, false), Column(kHostile, false, true)},
            {{text(kHostile), text(kHostile)}}),
      pagination(kHostile, kHostile, 2, 3),
      pagination("/x", QueryParams{{kHostile, kHostile}}, 2, 3),
      description_list({{kHostile, kHostile}}),
      stat_card(kHostile, kHostile, kHostile, kHostile),
      stat_grid(kHostile, {stat_card(kHostile, kHostile)}),
      bar_chart(kHostile, {{kHostile, 3}, {kHostile, 1}}),
      text_field(kHostile, kHostile, kHostile, kHostile, o),
      textarea_field(kHostile, kHostile, kHostile, kHostile, o),
      select_field(kHostile, kHostile, {{kHostile, kHostile}}, kHostile, kHostile, o),
      checkbox(kHostile, kHostile, true, kHostile, o),
      csrf_field(kHostile),
      hidden_field(kHostile, kHostile),
      submit_button(kHostile, ButtonKind::danger),
      error_summary(&e, {{kHostile, kHostile}}),
      post_form(kHostile, kHostile, Html(),
                {.confirm = kHostile, .multipart = true, .css_class = kHostile,
                 .aria_label = kHostile}),
      get_form(kHostile, Html()),
      action_button(kHostile, kHostile, kHostile, ButtonKind::danger, kHostile),
  };
  for (const Html& h : all) {
    EXPECT_TRUE(test::forbidden_attributes(h.str()).empty())
        << test::forbidden_attributes(h.str()).front() << " in " << h.str();
    EXPECT_EQ(test::count_tags(h.str(), "script"), 0) << h.str();
    EXPECT_EQ(test::count_tags(h.str(), "style"), 0) << h.str();
    EXPECT_EQ(h.str().find("<script>z"), std::string::npos) << h.str();
  }
}

TEST(ComponentsTest, TheTagScannerSeesRealHandlers) {
  // The scanner used above must not be blind: raw markup with handlers is caught.
  EXPECT_EQ(test::forbidden_attributes(R"(<p onclick="x">)").size(), 1u);
  EXPECT_EQ(test::forbidden_attributes(R"(<svg><rect STYLE='fill:red'/></svg>)").size(), 1u);
  EXPECT_EQ(test::forbidden_attributes(R"(<a href=x onmouseover=y>)").size(), 1u);
  EXPECT_EQ(test::forbidden_attributes(R"(<p title="unterminated>)").size(), 1u);
  EXPECT_TRUE(test::forbidden_attributes(R"(<p title="a onclick=b">)").empty());
}

}  // namespace
}  // namespace mandate::ui
