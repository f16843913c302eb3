// areas/common/fields.hpp
// Rules for fields that several areas' models and services share: enum values read back from
// their names, the last day a date field may hold, one-line text fields and short free-text notes
// (a reason, a comment). Header-only; no I/O. The areas' own rules stay in their model.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/text.hpp"

namespace mandate::areas {

// 9999-12-31 in days since 1970-01-01: the last day a date field may hold.
inline constexpr std::int64_t kLastDay = 2932896;

// The value of `all` whose name(e) is `s`, ignoring case and surrounding white space.
template <class E, std::size_t N>
std::optional<E> parse_by_name(std::string_view s, const E (&all)[N], std::string_view (*name)(E)) {
  const std::string l = core::ascii_lower(core::trim(s));
  for (E e : all) {
    if (name(e) == l) {
      return e;
    }
  }
  return std::nullopt;
}

// Plain text on one line: valid UTF-8, no control characters, at most `max` characters. Adds to
// `v` under `field`: "is required" (when empty and required), "must be plain text on one line" or
// "must be at most <max> characters".
inline void line_field(const std::string& value, const char* field, std::size_t max, bool required,
                       Validation& v) {
  if (value.empty()) {
    if (required) {
      v.add(field, "is required");
    }
    return;
  }
  if (!core::valid_utf8(value) || core::has_control_chars(value) ||
      value.find_first_of("\r\n") != std::string::npos) {
    v.add(field, "must be plain text on one line");
  } else if (core::utf8_length(value) > max) {
    v.add(field, "must be at most " + std::to_string(max) + " characters");
  }
}

// A short note a use case takes with it (why a meeting is cancelled, a reviewer's comment):
// trims `text` in place, then Errc::invalid naming `field` when it is empty and `why` is given
// ("is required: <why>"), or when it is not plain text of at most 2000 characters.
inline Status check_note(std::string& text, const char* field, std::string_view why = {}) {
  text = std::string(core::trim(text));
  if (text.empty() && !why.empty()) {
    return Error::invalid(field, "is required: " + std::string(why));
  }
  if (!core::is_plain_text(text, 2000)) {
    return Error::invalid(field, "must be plain text of at most 2000 characters");
  }
  return {};
}

}  // namespace mandate::areas
