// areas/common/sql.hpp
// SQL text the areas' repositories share. Header-only; no I/O.
#pragma once
#include <string>
#include <string_view>

namespace mandate::areas {

// A LIKE pattern matching text that contains `s`: %, _ and \ in `s` escaped with a backslash, so
// use it with ESCAPE '\' (portable to SQLite and PostgreSQL).
inline std::string like_pattern(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace mandate::areas
