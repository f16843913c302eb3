// ui/html.hpp
// Html: markup that is safe by construction. The only ways to make one are
//   html("<p class=\"x\">{}</p>", value)  — the template is a compile-time literal (checked by a
//                                            consteval constructor); every argument that is not
//                                            already Html is escaped (& < > " ');
//   text(s)                               — escaped text;
//   Html::trusted(s)                      — for output of our own renderers (cmark-gfm in safe
//                                            mode, SVG charts); grep for it in review.
// Arguments may be Html, strings, a char, integers or doubles (written in their shortest form).
// Everything here is pure and thread-safe. Siblings: ui/layout.hpp (page shell),
// ui/components.hpp (tables, forms, pagination, flash), ui/assets.hpp (embedded CSS/JS).
#pragma once
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mandate::ui {

class Html {
 public:
  Html() = default;
  static Html trusted(std::string s) {
    Html h;
    h.s_ = std::move(s);
    return h;
  }
  const std::string& str() const { return s_; }
  std::string release() { return std::move(s_); }
  bool empty() const { return s_.empty(); }
  Html& operator+=(const Html& o) {
    s_ += o.s_;
    return *this;
  }
  friend Html operator+(Html a, const Html& b) {
    a += b;
    return a;
  }

 private:
  std::string s_;
};

// Appends `s` with & < > " ' replaced by &amp; &lt; &gt; &quot; &#39; (safe in text and in
// quoted attribute values).
void append_escaped(std::string& out, std::string_view s);
// Escaped text as Html.
Html text(std::string_view s);

namespace detail {
consteval std::size_t count_holes(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '{' && s[i + 1] == '}') {
      ++n;
      ++i;
    }
  }
  return n;
}
// Shortest text that reads back as `v` ("2.5", not "2.500000"); "nan"/"inf" as such.
void append_number(std::string& out, double v);
template <class T>
void append_arg(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, Html>) {
    out += v.str();
  } else if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_same_v<T, char>) {
    append_escaped(out, std::string_view(&v, 1));
  } else if constexpr (std::is_integral_v<T>) {
    out += std::to_string(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    append_number(out, static_cast<double>(v));
  } else {
    append_escaped(out, std::string_view(v));
  }
}
}  // namespace detail

// A markup template whose "{}" holes match the argument count, checked at compile time.
template <class... Args>
struct Template {
  std::string_view s;
  template <std::size_t N>
  consteval Template(const char (&lit)[N]) : s(lit, N - 1) {  // NOLINT: implicit by design
    if (detail::count_holes(s) != sizeof...(Args)) {
      throw "html template: number of {} holes does not match the arguments";
    }
  }
};

template <class... Args>
Html html(Template<std::type_identity_t<Args>...> t, const Args&... args) {
  std::string out;
  out.reserve(t.s.size() + 16 * sizeof...(Args));
  std::string_view rest = t.s;
  [[maybe_unused]] auto put = [&](const auto& a) {
    auto pos = rest.find("{}");
    out.append(rest.substr(0, pos));
    detail::append_arg(out, a);
    rest.remove_prefix(pos + 2);
  };
  (put(args), ...);
  out.append(rest);
  return Html::trusted(std::move(out));
}

// Joins a list of fragments; `sep` is text (escaped).
Html join(const std::vector<Html>& parts, std::string_view sep = "");

// An href value that is safe to emit: relative references starting with one '/' ("/people?q=a",
// not "//host" or "/\\host"), '?' or '#'; absolute http:, https: and mailto: URLs (any case).
// Anything else (javascript:, data:, vbscript:, a leading space, a control character anywhere,
// which browsers would strip) becomes "#". The result still needs escaping: pass it as a hole.
std::string safe_href(std::string_view url);

}  // namespace mandate::ui
