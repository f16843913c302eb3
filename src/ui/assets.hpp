// ui/assets.hpp
// CSS and JavaScript compiled into the binary (Pico CSS and htmx from npm, our app.css and
// app.js from web/src), served under content-hashed URLs so they can be cached forever.
#pragma once
#include <string>
#include <string_view>

namespace mandate::ui {

struct Asset {
  std::string url;           // "/assets/app.3f2a9c1b0d4e.css"
  std::string_view bytes;
  std::string content_type;  // "text/css; charset=utf-8"
  std::string etag;          // "\"3f2a9c1b0d4e\""
};

// The hashed URL of an embedded file by its plain name ("app.css"). Asserts the name exists.
std::string asset_url(std::string_view name);
// The asset at a request path, or nullptr (wrong name or stale hash). Thread-safe.
const Asset* find_asset(std::string_view url_path);

}  // namespace mandate::ui
