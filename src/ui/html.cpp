// ui/html.cpp — escaping, numbers, join and safe_href of ui/html.hpp.
#include "ui/html.hpp"

#include <charconv>
#include <cmath>

#include "core/result.hpp"
#include "core/text.hpp"

namespace mandate::ui {

void append_escaped(std::string& out, std::string_view s) { core::append_html_escaped(out, s); }

Html text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s);
  return Html::trusted(std::move(out));
}

namespace detail {

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-inf" : "inf";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  // 32 bytes always hold the shortest round-trip form of a double.
  MANDATE_ASSERT(ec == std::errc(), "to_chars buffer too small");
  out.append(buf, end);
}

}  // namespace detail

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
  // Browsers drop tabs and newlines inside URLs ("/\t/evil" becomes "//evil") and ignore
  // leading control characters before a scheme: refuse them all.
  for (unsigned char c : url) {
    if (c < 0x20 || c == 0x7F) {
      return "#";
    }
  }
  if (url.empty()) {
    return "#";
  }
  // Relative references we produce: "/path" (not "//host" or "/\host"), "?query", "#fragment".
  if (url[0] == '/') {
    const bool other_host = url.size() > 1 && (url[1] == '/' || url[1] == '\\');
    return other_host ? "#" : std::string(url);
  }
  if (url[0] == '?' || url[0] == '#') {
    return std::string(url);
  }
  std::string scheme = core::ascii_lower(url.substr(0, 8));
  if (scheme.starts_with("https://") || scheme.starts_with("http://") ||
      scheme.starts_with("mailto:")) {
    for (unsigned char c : url) {
      if (c == ' ') {
        return "#";
      }
    }
    return std::string(url);
  }
  return "#";
}

}  // namespace mandate::ui
