// core/text.hpp
// Small text utilities used by validation everywhere: UTF-8 well-formedness, trimming, e-mail
// syntax, lower-casing ASCII. No locale dependence.
#pragma once
#include <string>
#include <string_view>

namespace mandate::core {

bool valid_utf8(std::string_view s);
std::string_view trim(std::string_view s);
std::string ascii_lower(std::string_view s);
// A pragmatic address check: one '@', non-empty local part, a dot in the domain, no spaces or
// control characters, at most 254 bytes.
bool valid_email(std::string_view s);
// True if `s` contains a control character other than tab/newline/carriage return.
bool has_control_chars(std::string_view s);
// Appends `s` with & < > " ' replaced by HTML entities (safe in text and quoted attributes).
void append_html_escaped(std::string& out, std::string_view s);

// Number of Unicode code points (s must be valid UTF-8).
std::size_t utf8_length(std::string_view s);
// A free-text field's rule: valid UTF-8, no control characters other than tab/newline/carriage
// return, at most `max_chars` code points.
bool is_plain_text(std::string_view s, std::size_t max_chars);

}  // namespace mandate::core
