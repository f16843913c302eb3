// ui/assets.hpp
// CSS and JavaScript compiled into the binary (Pico CSS and htmx from web/node_modules, our
// app.css and app.js from web/src; see src/ui/CMakeLists.txt), served under content-hashed URLs
// so they can be cached forever: the HTTP layer answers a find_asset() hit with
// `Cache-Control: public, max-age=31536000, immutable` and the ETag, anything else under
// /assets/ with 404. The table is built once, on first use (thread-safe static initialization);
// both functions are then lock-free lookups.
#pragma once
#include <string>
#include <string_view>

namespace mandate::ui {

struct Asset {
  std::string url;           // "/assets/app.3f2a9c1b0d4e.css"
  std::string_view bytes;    // the embedded file; lives as long as the process
  std::string content_type;  // "text/css; charset=utf-8"
  std::string etag;          // "\"3f2a9c1b0d4e\"" (the hash in the URL, quoted)
};

// The hashed URL of an embedded file by its plain name: "pico.min.css", "htmx.min.js",
// "app.css" or "app.js" → "/assets/<stem>.<first 12 hex digits of SHA-256>.<ext>".
// Asserts the name exists (an unknown name is a bug in the caller).
std::string asset_url(std::string_view name);
// The asset at a request path, or nullptr (unknown name, stale or wrong hash, no hash).
const Asset* find_asset(std::string_view url_path);

}  // namespace mandate::ui
