// ui/components.cpp — see components.hpp.
#include "ui/components.hpp"

#include <algorithm>
#include <cstdio>

namespace mandate::ui {

Html pagination(std::string_view base, std::string_view query, int page, int pages) {
  if (pages <= 1) {
    return {};
  }
  auto link = [&](int p) {
    std::string href(base);
    href += "?";
    if (!query.empty()) {
      href += std::string(query) + "&";
    }
    href += "page=" + std::to_string(p);
    return href;
  };
  Html prev = page > 1 ? html(R"(<a href="{}" rel="prev">← Previous</a>)", link(page - 1))
                       : html(R"(<span aria-disabled="true">← Previous</span>)");
  Html next = page < pages ? html(R"(<a href="{}" rel="next">Next →</a>)", link(page + 1))
                           : html(R"(<span aria-disabled="true">Next →</span>)");
  return html(R"(<nav class="pagination" aria-label="Pages">{} <span>Page {} of {}</span> {}</nav>)",
              prev, page, pages, next);
}

Html stat_card(std::string_view label, std::string_view value, std::string_view note,
               std::string_view href) {
  Html inner = html(R"(<span class="stat-label">{}</span><span class="stat-value">{}</span><span class="stat-note">{}</span>)",
                    label, value, note);
  if (href.empty()) {
    return html(R"(<div class="stat-card">{}</div>)", inner);
  }
  return html(R"(<a class="stat-card" href="{}">{}</a>)", safe_href(href), inner);
}

Html badge(std::string_view kind, std::string_view text) {
  return html(R"(<span class="badge status-{}">{}</span>)", kind, text);
}

Html bar_chart(std::string_view title, const std::vector<Bar>& bars) {
  const int row = 28, label_w = 180, bar_w = 320, width = label_w + bar_w + 60;
  const int height = row * static_cast<int>(bars.size()) + 8;
  double max = 0;
  for (const auto& b : bars) {
    max = std::max(max, b.value);
  }
  Html rows;
  int y = 4;
  for (const auto& b : bars) {
    int w = max > 0 ? static_cast<int>(b.value / max * bar_w) : 0;
    char value[32];
    std::snprintf(value, sizeof value, "%g", b.value);
    rows += html(R"(<text x="0" y="{}" font-size="13" fill="#1f2937">{}</text><rect x="{}" y="{}" width="{}" height="18" rx="3" fill="#2563eb"></rect><text x="{}" y="{}" font-size="13" fill="#1f2937">{}</text>)",
                 y + 14, b.label, label_w, y, w, label_w + w + 6, y + 14, std::string(value));
    y += row;
  }
  return html(R"(<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet"><title>{}</title>{}</svg>)",
              width, height, title, rows);
}

}  // namespace mandate::ui
