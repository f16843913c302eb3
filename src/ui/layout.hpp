// ui/layout.hpp
// The page shell: a complete HTML5 document with landmarks (header, nav, main, footer), a skip
// link, the organization switcher and sign-out as real POST forms carrying the CSRF token (they
// work without JavaScript), the assets by their content-hashed URLs, breadcrumbs and a flash
// message. bare_page is the shell for pages without a signed-in user (sign-in, errors).
// No inline scripts or styles: the CSP allows only our own files, so the nonce is accepted for
// the day an element needs it but nothing rendered here carries it. Pure and thread-safe.
// Siblings: ui/components.hpp (Flash, Crumb, forms, tables), ui/assets.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/components.hpp"
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
  bool active = false;  // rendered with aria-current="page"
};

struct PageContext {
  std::string title;        // "People" → <title>People · Mandate</title>
  std::string user_name;
  std::string user_email;
  std::string org_name;     // shown when there is nothing to switch to
  std::string role_label;   // "Administrator"
  std::vector<OrgChoice> orgs;  // the switcher appears with two or more
  std::vector<NavItem> nav;
  std::string csrf_token;   // put in the switcher and sign-out forms
  std::string csp_nonce;
  std::optional<Flash> flash;
  std::vector<Crumb> breadcrumbs;  // above the content when not empty
};

// A signed-in page: header (product name, organization switcher, user, sign-out), main
// navigation, <main id="main"> holding the flash and `main_content`, footer.
Html page(const PageContext& ctx, const Html& main_content);
// A page without a user (sign-in, errors before authentication): head, <main id="main">, content.
Html bare_page(std::string_view title, std::string_view csp_nonce, const Html& content);
// An error page (400, 401, 403, 404, 409, 413, 422, 429, 500, 503…): a heading for the status,
// `message` (or a helpful default when empty), what to do next, and a way back (the dashboard
// when signed in, else the sign-in page). Text only: no internals belong in `message`.
Html error_page(int status, std::string_view message, std::string_view csp_nonce,
                bool signed_in);

}  // namespace mandate::ui
