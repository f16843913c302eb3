// ui/components.hpp
// Reusable pieces of pages, each returning Html: pagination, dashboard figures (stat cards),
// badges, and a small SVG bar chart. Forms are written in each page with html() templates and
// these conventions: a <label for> per input, errors in <small class="field-error" id="F-error">
// referenced by aria-describedby, aria-invalid on the input, and an error summary with role=alert.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ui/html.hpp"

namespace mandate::ui {

// "← Previous · Page 2 of 7 · Next →" links to `base`?<query>&page=N (`query` already
// URL-encoded, without the page parameter). Empty when there is one page.
Html pagination(std::string_view base, std::string_view query, int page, int pages);

// A dashboard figure: label, big value, a note under it; the whole card links to the records
// behind the figure when `href` is not empty.
Html stat_card(std::string_view label, std::string_view value, std::string_view note,
               std::string_view href);

// <span class="badge KIND">text</span>; kind is one of ok, warn, bad, muted.
Html badge(std::string_view kind, std::string_view text);

struct Bar {
  std::string label;
  double value = 0;
};
// A horizontal bar chart as inline SVG (presentation attributes only: allowed by the CSP),
// with a <title> and a text value per bar for screen readers.
Html bar_chart(std::string_view title, const std::vector<Bar>& bars);

}  // namespace mandate::ui
