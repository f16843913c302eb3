// ui/layout.hpp
// The page shell: a complete HTML5 document with landmarks (header, nav, main, footer), a skip
// link, the organization switcher and sign-out as real forms (they work without JavaScript),
// the assets by their content-hashed URLs, and a flash message. bare_page is the shell for
// pages without a signed-in user (sign-in, errors). No inline scripts or styles: the CSP allows
// only our own files (and nonce-tagged elements, which the layout does not need).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/html.hpp"

namespace mandate::ui {

struct OrgChoice {
  std::int64_t id = 0;
  std::string name;
  bool current = false;
};

struct NavItem {
  std::string label;
  std::string href;
  bool active = false;
};

enum class FlashKind { info, success, error };
struct Flash {
  FlashKind kind = FlashKind::info;
  std::string text;
};

struct PageContext {
  std::string title;
  std::string user_name;
  std::string user_email;
  std::string org_name;
  std::string role_label;
  std::vector<OrgChoice> orgs;
  std::vector<NavItem> nav;
  std::string csrf_token;
  std::string csp_nonce;
  std::optional<Flash> flash;
};

Html page(const PageContext& ctx, const Html& main_content);
Html bare_page(std::string_view title, std::string_view csp_nonce, const Html& content);
// An error page (403, 404, 422, 500, …): a heading for the status, the message, a way back.
Html error_page(int status, std::string_view message, std::string_view csp_nonce,
                bool signed_in);

}  // namespace mandate::ui
