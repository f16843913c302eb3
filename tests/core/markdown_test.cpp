// tests/core/markdown_test.cpp — core::render_markdown: GFM features, the XSS corpus (every
// payload must come out as safe HTML with its dangerous parts gone), the image and link policy,
// and core::is_safe_html itself (it must reject known-bad markup, or the corpus proves nothing).
// The same payloads seed the fuzz target's corpus (tests/fuzz/corpus/markdown/).
#include "core/markdown.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace mandate::core {
namespace {

using namespace std::string_literals;

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// ------------------------------------------------------------------ GFM features

TEST(MarkdownTest, RendersTables) {
  const std::string out = render_markdown(
      "| Control | Owner |\n"
      "|:--------|:-----:|\n"
      "| A.5.1   | CISO  |\n");
  EXPECT_TRUE(contains(out, "<table>")) << out;
  EXPECT_TRUE(contains(out, "<th align=\"left\">Control</th>")) << out;
  EXPECT_TRUE(contains(out, "<th align=\"center\">Owner</th>")) << out;
  EXPECT_TRUE(contains(out, "<td align=\"left\">A.5.1</td>")) << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, RendersTaskLists) {
  const std::string out = render_markdown("- [ ] review access\n- [x] sign policy\n");
  EXPECT_TRUE(contains(out, "<li><input type=\"checkbox\" disabled=\"\" /> review access</li>"))
      << out;
  EXPECT_TRUE(
      contains(out, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> sign policy</li>"))
      << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, RendersStrikethroughAndEmphasis) {
  const std::string out = render_markdown("~~old~~ **new** *text* `code`");
  EXPECT_EQ(out, "<p><del>old</del> <strong>new</strong> <em>text</em> <code>code</code></p>\n");
}

TEST(MarkdownTest, RendersAutolinks) {
  const std::string out =
      render_markdown("See www.example.com, https://example.org/a?b=1 and ciso@example.com.");
  EXPECT_TRUE(contains(out, "<a href=\"http://www.example.com\">www.example.com</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a>"))
      << out;
  EXPECT_TRUE(contains(out, "<a href=\"mailto:ciso@example.com\">ciso@example.com</a>")) << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, ShiftsHeadingsForAPageWithItsOwnTitle) {
  const std::string out = render_markdown("# Policy\n\n## Scope\n\n###### Deep\n", 1);
  EXPECT_TRUE(contains(out, "<h2>Policy</h2>")) << out;
  EXPECT_TRUE(contains(out, "<h3>Scope</h3>")) << out;
  EXPECT_TRUE(contains(out, "<h6>Deep</h6>")) << out;  // capped
  EXPECT_FALSE(contains(out, "<h1>")) << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, RendersHeadingsListsQuotesAndCode) {
  const std::string out = render_markdown(
      "# Policy\n\n## Scope\n\n> Quote\n\n3. third\n4. fourth\n\n---\n\n```cpp\nint x;\n```\n");
  EXPECT_TRUE(contains(out, "<h1>Policy</h1>")) << out;
  EXPECT_TRUE(contains(out, "<h2>Scope</h2>")) << out;
  EXPECT_TRUE(contains(out, "<blockquote>")) << out;
  EXPECT_TRUE(contains(out, "<ol start=\"3\">")) << out;
  EXPECT_TRUE(contains(out, "<hr />")) << out;
  EXPECT_TRUE(contains(out, "<pre><code class=\"language-cpp\">int x;\n</code></pre>")) << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, KeepsSafeLinks) {
  const std::string out = render_markdown(
      "[a](https://example.com/x) [b](http://example.com) [c](mailto:ciso@example.com) "
      "[d](/policies/3) [e](#scope) [f](?version=2) [g](annex/a.md \"Annex A\")");
  EXPECT_TRUE(contains(out, "<a href=\"https://example.com/x\">a</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"http://example.com\">b</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"mailto:ciso@example.com\">c</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"/policies/3\">d</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"#scope\">e</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"?version=2\">f</a>")) << out;
  EXPECT_TRUE(contains(out, "<a href=\"annex/a.md\" title=\"Annex A\">g</a>")) << out;
  EXPECT_TRUE(is_safe_html(out)) << out;
}

TEST(MarkdownTest, UnsafeLinkKeepsItsTextButLosesTheLink) {
  EXPECT_EQ(render_markdown("[click me](javascript:alert(1))"), "<p>click me</p>\n");
  EXPECT_EQ(render_markdown("[**bold**](ftp://example.com/x)"), "<p><strong>bold</strong></p>\n");
}

TEST(MarkdownTest, ImagesBecomeLinksToTheirUrl) {
  EXPECT_EQ(render_markdown("![Org chart](https://cdn.example.com/org.png \"Chart\")"),
            "<p><a href=\"https://cdn.example.com/org.png\" title=\"Chart\">Org chart</a></p>\n");
  // No alt text: the URL is the link's text.
  EXPECT_EQ(render_markdown("![](/files/org.png)"),
            "<p><a href=\"/files/org.png\">/files/org.png</a></p>\n");
  // Inside a link, an image is its alt text (a link cannot hold a link).
  EXPECT_EQ(render_markdown("[![logo](https://x.example/l.png)](https://example.com)"),
            "<p><a href=\"https://example.com\">logo</a></p>\n");
  // An image with an unsafe URL is its alt text.
  EXPECT_EQ(render_markdown("![pixel](data:image/png;base64,iVBORw0KGgo=)"), "<p>pixel</p>\n");
}

TEST(MarkdownTest, RawHtmlIsDroppedNotShown) {
  EXPECT_EQ(render_markdown("before <b>bold</b> after"), "<p>before bold after</p>\n");
  EXPECT_EQ(render_markdown("<div class=\"x\">\nhidden\n</div>\n\nshown"), "<p>shown</p>\n");
  // Text that merely looks like HTML is escaped, not dropped.
  EXPECT_EQ(render_markdown("if a < b and c > d"), "<p>if a &lt; b and c &gt; d</p>\n");
}

TEST(MarkdownTest, InvalidUtf8IsReplaced) {
  const std::string out = render_markdown("caf\xC3 \xFF ok");
  EXPECT_TRUE(contains(out, "\xEF\xBF\xBD")) << out;  // U+FFFD
  EXPECT_TRUE(contains(out, "ok")) << out;
  const std::string nul = render_markdown("a\0b"s);
  EXPECT_FALSE(contains(nul, "\0"s));
  EXPECT_TRUE(contains(nul,
                       "a\xEF\xBF\xBD"
                       "b"))
      << nul;
}

TEST(MarkdownTest, EmptyInputRendersNothing) { EXPECT_EQ(render_markdown(""), ""); }

TEST(MarkdownTest, ManyImageOpenersStayFast) {
  // cmark-gfm 0.29.0.gfm.6 is quadratic in "![" openers within a paragraph (CVE-2023-22486):
  // unguarded, this input takes about a minute.
  std::string input;
  for (int i = 0; i < 100'000; ++i) {
    input += "![[]()";
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string out = render_markdown(input);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(is_safe_html(out));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  // Below the guard's threshold images are untouched.
  EXPECT_EQ(render_markdown("![a](/x.png) `![b](y)`"),
            "<p><a href=\"/x.png\">a</a> <code>![b](y)</code></p>\n");
}

TEST(MarkdownTest, ConcurrentRenderingAgrees) {
  const std::string input =
      "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nwww.example.com";
  const std::string expected = render_markdown(input);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        mismatches[static_cast<std::size_t>(t)] += render_markdown(input) != expected ? 1 : 0;
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// ------------------------------------------------------------------ XSS corpus

struct Payload {
  const char* name;
  std::string markdown;
  std::vector<std::string> forbidden;  // lower-case; must not appear in the lower-cased output
};

// Substrings that must never appear in any output, whatever the input.
const std::vector<std::string_view> kAlwaysForbidden{
    // clang-format off
    "<script", "<iframe", "<svg", "<img", "<object", "<embed", "<style", "<form", "<math",
    "<base", "<meta", "<link", "<!--", "<div", "<span", "<body", "<details",
    "href=\"javascript", "href=\"vbscript", "href=\"data", "href=\"file",
    // clang-format on
};

std::vector<Payload> xss_corpus() {
  return {
      {"script_block", "<script>alert(1)</script>", {"alert"}},
      {"script_uppercase_src", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", {"evil"}},
      {"script_split", "<scr<script>ipt>alert(1)</script>", {"<scr"}},
      {"script_inline", "hello <script>alert(1)</script> world", {"<scr"}},
      {"img_onerror", "<img src=x onerror=alert(1)>", {"onerror", "alert"}},
      {"img_onerror_inline", "text <img src=x onerror=alert(1)> text", {"onerror", "alert"}},
      {"svg_onload", "<svg onload=alert(1)>", {"onload"}},
      {"svg_inline", "x <svg/onload=alert(1)> y", {" onload"}},  // not a tag: shown as text
      {"iframe", "<iframe src=\"javascript:alert(1)\"></iframe>", {"javascript", "iframe"}},
      {"anchor_html", "<a href=\"javascript:alert(1)\">x</a>", {"javascript", "href"}},
      {"anchor_entity_html", "<a href=\"&#106;avascript:alert(1)\">x</a>", {"href", "&#106;"}},
      {"anchor_ok_href_onclick",
       "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
       {"onclick", "alert"}},
      {"div_onclick_markdown", "<div onclick=\"alert(1)\">*x*</div>", {"onclick", "alert"}},
      {"markdown_inside_html_block",
       "<div>\n[x](javascript:alert(1))\n</div>",
       {"javascript", "href"}},
      {"md_link_javascript", "[x](javascript:alert(1))", {"javascript", "href"}},
      {"md_link_uppercase", "[x](JAVASCRIPT:alert(1))", {"javascript", "href"}},
      {"md_link_mixed_case", "[x](JaVaScRiPt:alert(1))", {"javascript", "href"}},
      {"md_link_entity_colon", "[x](javascript&#58;alert(1))", {"javascript", "href"}},
      {"md_link_hex_entity_colon", "[x](javascript&#x3A;alert(1))", {"javascript", "href"}},
      {"md_link_named_colon", "[x](javascript&colon;alert(1))", {"javascript", "href"}},
      {"md_link_all_entities",
       "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
       {"javascript", "href"}},
      {"md_link_padded_entity", "[x](&#0000106avascript:alert(1))", {"href"}},
      {"md_link_percent_letter", "[x](java%73cript:alert(1))", {"href", "cript"}},
      {"md_link_percent_prefix", "[x](%6A%61vascript:alert(1))", {"href", "vascript"}},
      {"md_link_double_percent", "[x](java%2573cript:alert(1))", {"href"}},
      {"md_link_percent_colon", "[x](javascript%3Aalert(1))", {"href"}},
      {"md_link_entity_tab", "[x](jav&#x09;ascript:alert(1))", {"href"}},
      {"md_link_entity_newline", "[x](jav&#x0A;ascript:alert(1))", {"href"}},
      {"md_link_named_tab", "[x](jav&Tab;ascript:alert(1))", {"href"}},
      {"md_link_angle_tab", "[x](<java\tscript:alert(1)>)", {"href"}},
      {"md_link_angle_space", "[x](<javascript :alert(1)>)", {"href"}},
      {"md_link_angle_plain", "[x](<javascript:alert(1)>)", {"href", "javascript"}},
      {"md_link_leading_space", "[x](   javascript:alert(1))", {"href", "javascript"}},
      {"md_link_control_char", "[x](\x01javascript:alert(1))", {"href"}},
      {"md_link_with_title", "[x](javascript:alert(1) \"title\")", {"href", "javascript"}},
      {"md_link_slashes", "[x](javascript://%0aalert(1))", {"href"}},
      {"md_link_vbscript", "[x](vbscript:msgbox(1))", {"vbscript", "href"}},
      {"md_link_livescript", "[x](livescript:alert(1))", {"livescript", "href"}},
      {"md_link_data_html",
       "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
       {"data:", "href"}},
      {"md_link_data_mixed_case",
       "[x](DaTa:text/html,<script>alert(1)</script>)",
       {"data:", "href"}},
      {"md_link_file", "[x](file:///etc/passwd)", {"file:", "href"}},
      {"md_link_mailto_javascript", "[x](mailto:javascript:alert(1))", {"href", "javascript"}},
      {"md_link_https_javascript", "[x](https:javascript:alert(1))", {"href", "javascript"}},
      {"md_link_query_javascript", "[x](/?next=javascript:alert(1))", {"href", "javascript"}},
      {"md_link_backslash", "[x](\\\\javascript:alert(1))", {"href"}},
      {"md_link_zero_width", "[x](java\xE2\x80\x8Bscript:alert(1))", {"href"}},
      {"md_link_line_separator", "[x](javascript\xE2\x80\xA8:alert(1))", {"href"}},
      {"md_link_fullwidth",
       "[x](\xEF\xBD\x8A\xEF\xBD\x81\xEF\xBD\x96\xEF\xBD\x81\xEF\xBD\x93\xEF\xBD\x83\xEF\xBD\x92"
       "\xEF\xBD\x89\xEF\xBD\x90\xEF\xBD\x94:alert(1))",
       {"href"}},
      {"md_link_null_byte", "[x](java\0script:alert(1))"s, {"href", "\0"s}},
      {"md_image_javascript", "![x](javascript:alert(1))", {"javascript", "href"}},
      {"md_image_data_svg",
       "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
       {"data:", "href"}},
      {"md_image_onerror_title",
       "![x](https://ok.example/a.png \"\\\" onerror=\\\"alert(1)\")",
       {"\" onerror", "\"onerror"}},
      {"autolink_javascript", "<javascript:alert(1)>", {"href"}},
      {"autolink_uppercase", "<JAVASCRIPT:alert(1)>", {"href"}},
      {"autolink_vbscript", "<vbscript:msgbox(1)>", {"href"}},
      {"autolink_data", "<data:text/html,xx>", {"href"}},
      {"autolink_at_sign", "<javascript:alert(1)@example.com>", {"href"}},
      {"autolink_quote", "<https://ok.example/\"onclick=\"alert(1)>", {"\"onclick", "\" onclick"}},
      {"ext_autolink_quote",
       "www.example.com/\"onmouseover=\"alert(1)",
       {"\"onmouseover", "\" onmouseover"}},
      {"ext_autolink_script", "https://example.com/<script>alert(1)</script>", {}},
      {"reference_javascript", "[x][r]\n\n[r]: javascript:alert(1)", {"javascript", "href"}},
      {"reference_shortcut", "[x]\n\n[x]: javascript:alert(1) \"t\"", {"javascript", "href"}},
      {"reference_angle", "[r]: <javascript:alert(1)>\n\n[x][r]", {"javascript", "href"}},
      {"reference_title_script",
       "[r]: https://ok.example '\"><script>alert(1)</script>'\n\n[x][r]",
       {}},
      {"title_attribute_breakout",
       "[x](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
       {"\" onmouseover"}},
      {"title_single_quotes", "[x](https://ok.example 'a\" onclick=\"alert(1)')", {"\" onclick"}},
      {"title_javascript", "[x](https://ok.example \"javascript:alert(1)\")", {"javascript"}},
      {"title_script_tag", "[x](https://ok.example \"<script>alert(1)</script>\")", {}},
      {"url_quote_breakout", "[x](https://ok.example/\"onmouseover=\"alert(1))", {"\"onmouseover"}},
      {"html_comment", "<!-- <script>alert(1)</script> -->", {"alert"}},
      {"html_comment_inline", "x <!-- comment --> y", {"comment"}},
      {"cdata", "<![CDATA[<script>alert(1)</script>]]>", {"cdata", "alert"}},
      {"processing_instruction", "<?php echo 1; ?>", {"<?", "php"}},
      {"doctype", "<!DOCTYPE html>", {"doctype"}},
      {"style_block",
       "<style>body{background:url(javascript:alert(1))}</style>",
       {"javascript", "background"}},
      {"style_attribute",
       "x <span style=\"background:url(javascript:alert(1))\">y</span>",
       {"javascript", "style"}},
      {"object", "<object data=\"javascript:alert(1)\"></object>", {"javascript"}},
      {"embed", "<embed src=\"javascript:alert(1)\">", {"javascript"}},
      {"form_action",
       "<form action=\"javascript:alert(1)\"><input type=submit></form>",
       {"javascript", "submit"}},
      {"math_mglyph",
       "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
       {"onerror", "mglyph"}},
      {"details_ontoggle", "<details open ontoggle=alert(1)>", {"ontoggle"}},
      {"body_onload", "<body onload=alert(1)>", {"onload"}},
      {"meta_refresh",
       "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
       {"refresh", "javascript"}},
      {"base_href", "<base href=\"javascript:alert(1)//\">", {"javascript"}},
      {"link_text_html", "[<img src=x onerror=alert(1)>](https://ok.example)", {"onerror"}},
      {"nested_brackets", "[[x](javascript:alert(1))](https://ok.example)", {"javascript:"}},
      {"nested_brackets_deep", "[[[[x](javascript:alert(1))]]]", {"href"}},
      {"strikethrough_link", "~~[x](javascript:alert(1))~~", {"href", "javascript"}},
      {"table_cell_html", "| a |\n|---|\n| <img src=x onerror=alert(1)> |", {"onerror"}},
      {"table_cell_link", "| a |\n|---|\n| [x](javascript:alert(1)) |", {"href", "javascript"}},
      {"tasklist_html", "- [ ] <script>alert(1)</script>", {"<scr"}},
      {"code_span", "`<script>alert(1)</script>`", {}},
      {"code_block", "```html\n<script>alert(1)</script>\n```", {}},
      {"fence_info_breakout", "```\"><script>alert(1)</script>\nx\n```", {"alert"}},
      {"fence_info_javascript", "```javascript:alert(1)\nx\n```", {"javascript"}},
      {"backslash_escaped_tags", "\\<script>alert(1)\\</script>", {}},
      {"entity_escaped_tags", "&lt;script&gt;alert(1)&lt;/script&gt;", {}},
      {"overlong_utf8_angle",
       "\xC0\xBCscript\xC0\xBE"
       "alert(1)",
       {}},
      {"rtl_override", "[x](https://ok.example/\xE2\x80\xAEgnp.exe)", {}},
      {"link_then_script", "[x](https://ok.example)<script>alert(1)</script>", {"<scr"}},
  };
}

TEST(MarkdownTest, XssCorpusRendersSafely) {
  const auto corpus = xss_corpus();
  ASSERT_GE(corpus.size(), 60u);
  for (const auto& p : corpus) {
    SCOPED_TRACE(p.name);
    const std::string out = render_markdown(p.markdown);
    EXPECT_TRUE(is_safe_html(out)) << out;
    const std::string low = lower(out);
    for (auto bad : kAlwaysForbidden) {
      EXPECT_FALSE(contains(low, bad)) << "'" << bad << "' in " << out;
    }
    for (const auto& bad : p.forbidden) {
      EXPECT_FALSE(contains(low, bad)) << "'" << bad << "' in " << out;
    }
  }
}

TEST(MarkdownTest, XssCorpusKeepsHarmlessParts) {
  // Safety must not come from throwing everything away.
  EXPECT_EQ(render_markdown("`<script>alert(1)</script>`"),
            "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>\n");
  EXPECT_EQ(render_markdown("[x](https://ok.example \"javascript:alert(1)\")"),
            "<p><a href=\"https://ok.example\">x</a></p>\n");
  EXPECT_EQ(render_markdown("[<img src=x onerror=alert(1)>](https://ok.example)"),
            "<p><a href=\"https://ok.example\"></a></p>\n");
  EXPECT_EQ(render_markdown("```\"><script>alert(1)</script>\nx\n```"),
            "<pre><code>x\n</code></pre>\n");
  EXPECT_EQ(render_markdown("```python title=\"javascript:alert(1)\"\nx\n```"),
            "<pre><code class=\"language-python\">x\n</code></pre>\n");
  EXPECT_EQ(render_markdown("[x](https://ok.example/\"onmouseover=\"alert(1))"),
            "<p><a href=\"https://ok.example/%22onmouseover=%22alert(1)\">x</a></p>\n");
}

// Every file of the fuzz target's seed corpus (the payloads above and more) renders safely.
TEST(MarkdownTest, FuzzSeedCorpusRendersSafely) {
  const std::filesystem::path dir = MANDATE_MARKDOWN_CORPUS_DIR;
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string out = render_markdown(ss.str());
    EXPECT_TRUE(is_safe_html(out)) << entry.path() << "\n" << out;
    ++files;
  }
  EXPECT_GE(files, 60);
}

// ------------------------------------------------------------------ the checker itself

TEST(MarkdownTest, CheckerAcceptsRendererMarkup) {
  EXPECT_TRUE(is_safe_html(""));
  EXPECT_TRUE(is_safe_html("<p>plain &amp; simple</p>\n"));
  EXPECT_TRUE(
      is_safe_html("<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"T\">x</a>"
                   "<a href=\"mailto:a@example.com\">m</a><a href=\"/rel\">r</a>"
                   "<a href=\"#frag\">f</a><a href=\"\">e</a></p>"));
  EXPECT_TRUE(
      is_safe_html("<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> x"
                   "</li>\n</ul>\n<hr />\n<br />\n<ol start=\"2\"><li>y</li></ol>"));
  EXPECT_TRUE(
      is_safe_html("<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n</tr>\n</thead>\n"
                   "<tbody>\n<tr>\n<td align=\"right\"><del>b</del></td>\n</tr>\n"
                   "</tbody>\n</table>\n"));
  EXPECT_TRUE(is_safe_html("<pre><code class=\"language-cpp\">x &lt;script&gt;</code></pre>"));
  EXPECT_TRUE(is_safe_html("<p>text about javascript: in prose is fine</p>"));
}

TEST(MarkdownTest, CheckerRejectsKnownBadMarkup) {
  const std::vector<std::string> bad = {
      "<script>alert(1)</script>",
      "<p>x</p><SCRIPT>alert(1)</SCRIPT>",
      "<p onclick=\"alert(1)\">x</p>",
      "<p ONMOUSEOVER=\"alert(1)\">x</p>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
      "<a href=\" javascript:alert(1)\">x</a>",
      "<a href=\"java&#x73;cript:alert(1)\">x</a>",
      "<a href=\"java&#115cript:alert(1)\">x</a>",
      "<a href=\"jav&#9;ascript:alert(1)\">x</a>",
      "<a href=\"javascript&colon;alert(1)\">x</a>",
      "<a href=\"java%73cript:alert(1)\">x</a>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<a href=\"data:text/html,x\">x</a>",
      "<a href=\"file:///etc/passwd\">x</a>",
      "<a href=\"x&colon;y\">x</a>",
      "<a href=\"&unknownref;x\">x</a>",
      "<a href='javascript:alert(1)'>x</a>",
      "<a href=javascript:alert(1)>x</a>",
      "<a href=\"https://ok.example\" title=\"javascript:alert(1)\">x</a>",
      "<a href=\"https://ok.example\" target=\"_blank\">x</a>",
      "<img src=\"https://tracker.example/p.png\" />",
      "<iframe src=\"https://ok.example\"></iframe>",
      "<div>x</div>",
      "<p style=\"color:red\">x</p>",
      "<!-- raw HTML omitted -->",
      "<!DOCTYPE html>",
      "<?xml version=\"1.0\"?>",
      "<p>a < b</p>",
      "<a href=\"https://ok.example\"",
      "<a href=\"https://ok.example>x</a>",
      "<input type=\"checkbox\" />",
      "<input type=\"text\" disabled=\"\" />",
      "<p type=\"checkbox\">x</p>",
      "</p >x<p class=\"a<b\">",
  };
  for (const auto& html : bad) {
    EXPECT_FALSE(is_safe_html(html)) << html;
  }
}

}  // namespace
}  // namespace mandate::core
