// ui/html.cpp — escaping and the small helpers of ui/html.hpp.
#include "ui/html.hpp"

#include "core/text.hpp"

namespace mandate::ui {

void append_escaped(std::string& out, std::string_view s) { core::append_html_escaped(out, s); }

Html text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s);
  return Html::trusted(std::move(out));
}

Html join(const std::vector<Html>& parts, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& p : parts) {
    if (!first) {
      append_escaped(out, sep);
    }
    first = false;
    out += p.str();
  }
  return Html::trusted(std::move(out));
}

std::string safe_href(std::string_view url) {
  if (url.empty()) {
    return "#";
  }
  // Relative references we produce: "/path" (not "//host"), "?query", "#fragment".
  if ((url[0] == '/' && (url.size() == 1 || (url[1] != '/' && url[1] != '\\'))) || url[0] == '?' ||
      url[0] == '#') {
    return std::string(url);
  }
  std::string lower;
  for (char c : url.substr(0, 8)) {
    lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  if (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")) {
    for (unsigned char c : url) {
      if (c < 0x21 || c == 0x7F) {
        return "#";
      }
    }
    return std::string(url);
  }
  return "#";
}

}  // namespace mandate::ui
