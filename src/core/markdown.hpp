// core/markdown.hpp
// GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks) to HTML through
// cmark-gfm in safe mode, for policy documents. On top of safe mode the syntax tree is cleaned
// before rendering:
//  - raw HTML (blocks and inline tags, comments included) is dropped, not shown as text;
//  - a link whose destination has a scheme other than http, https or mailto (read after
//    decoding character references and percent-escapes, removing blanks and control characters
//    and lower-casing, as a browser might) loses its destination: its text stays as plain text.
//    Relative, "?query" and "#fragment" URLs are kept;
//  - an image becomes a link to its URL with the alt text as the link's text: no <img> is ever
//    emitted, since a remote image in a policy is a beacon that tells a third party who read it;
//  - link titles mentioning a script scheme and code-block languages that are not a plain word
//    are dropped (they end up in attribute values).
// Links carry no rel/target: they open in the same tab (no window.opener to protect) and every
// page is served with Referrer-Policy: same-origin (http/router.cpp), so nothing leaks.
// The output is safe to embed in a page (ui::markdown wraps it as Html::trusted).
// tests/core/markdown_test.cpp holds the XSS corpus; tests/fuzz/markdown_fuzz.cpp checks the
// same invariants on generated input. Pure and thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mandate::core {

// Renders `markdown` (UTF-8; invalid sequences are replaced) to an HTML fragment.
std::string render_markdown(std::string_view markdown);
// The same, with every heading moved `heading_shift` levels down (capped at h6): a document shown
// inside a page that has its own <h1> starts at <h2>, so the page keeps one h1 and an outline.
std::string render_markdown(std::string_view markdown, int heading_shift);

// The same cleaned syntax tree as plain data, for renderers other than HTML (report/pdf.cpp lays
// it out in a PDF). Raw HTML is gone, disallowed links are plain text, images are links; headings
// keep their own levels. Pure and thread-safe.
struct MarkdownNode {
  enum class Kind {
    document,
    paragraph,
    heading,  // level
    block_quote,
    list,        // ordered, start
    item,        // task: "" | "open" | "done"
    code_block,  // literal (ends with a newline as in the source)
    thematic_break,
    table,
    table_row,  // header
    table_cell,
    text,  // literal
    code,  // literal
    soft_break,
    line_break,
    emph,
    strong,
    strikethrough,
    link,  // url
  };
  Kind kind = Kind::document;
  std::string literal;
  std::string url;
  int level = 0;
  bool ordered = false;
  int start = 1;
  bool header = false;
  std::string task;
  std::vector<MarkdownNode> children;
};
MarkdownNode parse_markdown(std::string_view markdown);

// The check the fuzz target and the tests apply to any output, deliberately stricter than a
// browser: true when every tag in `html` is one the renderer emits (p, h1-h6, ul, ol, li, a, em,
// strong, del, code, pre, blockquote, hr, br, table, thead, tbody, tr, th, td, and input only as
// a disabled checkbox), with only the attributes it emits (href, title, class, align, start,
// type, checked, disabled; double-quoted), no comment or other markup, no "<script" anywhere,
// no attribute value mentioning javascript:/vbscript: after decoding, and no href whose scheme
// is other than http, https or mailto.
bool is_safe_html(std::string_view html);

}  // namespace mandate::core
