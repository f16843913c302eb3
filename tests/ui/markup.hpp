// tests/ui/markup.hpp
// A deliberately small HTML tag scanner for the ui tests: it walks the start tags of rendered
// markup and returns each tag's name and attribute names, so a test can assert that no
// attribute is `style` or an `on…` event handler even when hostile text was rendered into
// attribute values (escaped text stays inside its quotes and is not an attribute).
#pragma once
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::ui::test {

struct Tag {
  std::string name;
  std::vector<std::string> attributes;
};

inline std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Start tags of `html` in order. Comments, doctype and end tags are skipped. An unterminated
// quoted value ends the scan with a tag named "!unterminated" (the test then fails on it).
inline std::vector<Tag> start_tags(std::string_view html) {
  std::vector<Tag> tags;
  std::size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; };
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) {
      continue;  // "</x>", "<!doctype>", "<!-- -->"
    }
    Tag t;
    while (i < html.size() && !is_space(html[i]) && html[i] != '>' && html[i] != '/') {
      t.name.push_back(html[i++]);
    }
    t.name = lower(t.name);
    while (i < html.size() && html[i] != '>') {
      if (is_space(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      std::string attr;
      while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>') {
        attr.push_back(html[i++]);
      }
      t.attributes.push_back(lower(attr));
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
          char q = html[i++];
          std::size_t end = html.find(q, i);
          if (end == std::string_view::npos) {
            tags.push_back({"!unterminated", {}});
            return tags;
          }
          i = end + 1;
        } else {
          while (i < html.size() && !is_space(html[i]) && html[i] != '>') {
            ++i;
          }
        }
      }
    }
    tags.push_back(std::move(t));
  }
  return tags;
}

// Attribute names that a strict CSP would refuse or that run script: style, on*.
inline std::vector<std::string> forbidden_attributes(std::string_view html) {
  std::vector<std::string> out;
  for (const auto& t : start_tags(html)) {
    if (t.name == "!unterminated") {
      out.push_back("!unterminated");
    }
    for (const auto& a : t.attributes) {
      if (a == "style" || a.starts_with("on")) {
        out.push_back(t.name + "." + a);
      }
    }
  }
  return out;
}

// Number of start tags named `name` (e.g. "script", "style").
inline int count_tags(std::string_view html, std::string_view name) {
  int n = 0;
  for (const auto& t : start_tags(html)) {
    n += t.name == name;
  }
  return n;
}

}  // namespace mandate::ui::test
