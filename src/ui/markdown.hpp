// ui/markdown.hpp
// Markdown as Html: the one sanctioned use of Html::trusted for user-written content. The text is
// rendered by core::render_markdown (cmark-gfm in safe mode plus a syntax-tree clean-up: no raw
// HTML, only http/https/mailto/relative links, no images, no event attributes), whose output is
// checked by core::is_safe_html in the tests and by the fuzz target (tests/fuzz/). Siblings:
// ui/html.hpp (the Html type), ui/components.hpp.
#pragma once
#include <string_view>

#include "ui/html.hpp"

namespace mandate::ui {

// `markdown` (UTF-8; invalid sequences are replaced) rendered to an HTML fragment for a page that
// has its own <h1>: the document's headings start at <h2> (# → h2, ## → h3, …, capped at h6).
// Pure and thread-safe.
Html markdown(std::string_view markdown);

}  // namespace mandate::ui
