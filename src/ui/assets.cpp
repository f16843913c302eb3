// ui/assets.cpp — the embedded assets and their hashed URLs (computed once, thread-safe).
#include "ui/assets.hpp"

#include <map>
#include <vector>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/result.hpp"

namespace mandate::ui::embedded_assets {
extern const ::mandate::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace mandate::ui::embedded_assets

namespace mandate::ui {
namespace {

std::string content_type(std::string_view ext) {
  if (ext == ".css") {
    return "text/css; charset=utf-8";
  }
  if (ext == ".js") {
    return "text/javascript; charset=utf-8";
  }
  if (ext == ".svg") {
    return "image/svg+xml";
  }
  if (ext == ".woff2") {
    return "font/woff2";
  }
  return "application/octet-stream";
}

// Assets by plain name and by hashed URL; built once, read-only afterwards.
struct Table {
  std::map<std::string, Asset, std::less<>> by_name;
  std::map<std::string, const Asset*, std::less<>> by_url;
};

const Table& table() {
  static const Table t = [] {
    Table out;
    for (std::size_t i = 0; i < embedded_assets::kFileCount; ++i) {
      const auto& f = embedded_assets::kFiles[i];
      std::string name = f.name;
      auto slash = name.rfind('/');
      if (slash != std::string::npos) {
        name = name.substr(slash + 1);
      }
      std::string hash = core::hex(core::sha256(f.view())).substr(0, 12);
      auto dot = name.rfind('.');
      std::string stem = name.substr(0, dot), ext = name.substr(dot);
      Asset a;
      a.url = "/assets/" + stem + "." + hash + ext;
      a.bytes = f.view();
      a.content_type = content_type(ext);
      a.etag = "\"" + hash + "\"";
      out.by_name.emplace(name, std::move(a));
    }
    for (auto& [n, a] : out.by_name) {
      out.by_url.emplace(a.url, &a);
    }
    return out;
  }();
  return t;
}

}  // namespace

std::string asset_url(std::string_view name) {
  auto it = table().by_name.find(name);
  MANDATE_ASSERT(it != table().by_name.end(), "unknown asset name");
  return it->second.url;
}

const Asset* find_asset(std::string_view url_path) {
  auto it = table().by_url.find(url_path);
  return it == table().by_url.end() ? nullptr : it->second;
}

}  // namespace mandate::ui
