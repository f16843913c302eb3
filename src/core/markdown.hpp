// core/markdown.hpp
// GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks) to HTML through
// cmark-gfm in safe mode, for policy documents. Raw HTML is never passed through, links and
// images whose scheme is not http, https or mailto (or a relative/fragment URL) lose their
// destination, and no element carries an event attribute: the output is safe to embed in a page
// (ui::markdown wraps it as Html::trusted). tests/core/markdown_test.cpp holds the XSS corpus;
// tests/fuzz/markdown_fuzz.cpp checks the same invariants on generated input. Pure and
// thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace mandate::core {

// Renders `markdown` (UTF-8; invalid sequences are replaced) to an HTML fragment.
std::string render_markdown(std::string_view markdown);

// The check the fuzz target and the tests apply to any output: true when `html` contains no raw tag outside the renderer's allow-list, no on*= attribute, and
// no href/src whose scheme is other than http, https, mailto, or relative.
bool is_safe_html(std::string_view html);

}  // namespace mandate::core
