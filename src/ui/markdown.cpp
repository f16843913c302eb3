// ui/markdown.cpp — see markdown.hpp.
#include "ui/markdown.hpp"

#include "core/markdown.hpp"

namespace mandate::ui {

// Trusted because core::render_markdown emits only allow-listed markup (see core/markdown.hpp);
// tests/core/markdown_test.cpp and tests/fuzz/markdown_fuzz.cpp hold it to core::is_safe_html.
Html markdown(std::string_view markdown) {
  return Html::trusted(core::render_markdown(markdown, 1));
}

}  // namespace mandate::ui
