// ui/layout.cpp — the page shell (see layout.hpp).
#include "ui/layout.hpp"

#include "ui/assets.hpp"

namespace mandate::ui {
namespace {

Html head(std::string_view title) {
  return html(R"(<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'>
<link rel="icon" href="data:,">
<title>{} · Mandate</title>
<link rel="stylesheet" href="{}">
<link rel="stylesheet" href="{}">
<script src="{}" defer></script>
<script src="{}" defer></script>
</head>)",
              title, asset_url("pico.min.css"), asset_url("app.css"), asset_url("htmx.min.js"),
              asset_url("app.js"));
}

const char* flash_class(FlashKind k) {
  switch (k) {
    case FlashKind::success: return "notice success";
    case FlashKind::error: return "notice error";
    default: return "notice";
  }
}

}  // namespace

Html page(const PageContext& ctx, const Html& main_content) {
  Html nav;
  for (const auto& n : ctx.nav) {
    nav += n.active ? html(R"(<li><a href="{}" aria-current="page">{}</a></li>)", safe_href(n.href), n.label)
                    : html(R"(<li><a href="{}">{}</a></li>)", safe_href(n.href), n.label);
  }
  Html switcher;
  if (ctx.orgs.size() > 1) {
    Html options;
    for (const auto& o : ctx.orgs) {
      options += html(R"(<option value="{}"{}>{}</option>)", o.id,
                      Html::trusted(o.current ? " selected" : ""), o.name);
    }
    switcher = html(R"(<form method="post" action="/orgs/switch" class="org-switcher">
<input type="hidden" name="_csrf" value="{}">
<label for="org-switch" class="visually-hidden">Organization</label>
<select id="org-switch" name="org" data-autosubmit>{}</select>
<button type="submit" class="secondary outline small">Switch</button>
</form>)",
                    ctx.csrf_token, options);
  } else if (!ctx.org_name.empty()) {
    switcher = html(R"(<span class="org-name">{}</span>)", ctx.org_name);
  }
  Html flash;
  if (ctx.flash) {
    flash = html(R"(<p class="{}" role="status">{}</p>)", flash_class(ctx.flash->kind), ctx.flash->text);
  }
  Html doc = html(R"(<!doctype html>
<html lang="en">
{}
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<div class="container topbar-inner">
<a href="/" class="brand">Mandate</a>
{}
<div class="user-menu">
<span class="user" title="{}">{}<small>{}</small></span>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="_csrf" value="{}">
<button type="submit" class="secondary outline small">Sign out</button>
</form>
</div>
</div>
<nav aria-label="Main" class="container mainnav"><ul>{}</ul></nav>
</header>
<main id="main" class="container" tabindex="-1">
{}
{}
</main>
<footer class="container footer"><small>Mandate — every change recorded in a tamper-evident ledger.</small></footer>
</body>
</html>
)",
                  head(ctx.title), switcher, ctx.user_email, ctx.user_name, ctx.role_label,
                  ctx.csrf_token, nav, flash, main_content);
  return doc;
}

Html bare_page(std::string_view title, std::string_view csp_nonce, const Html& content) {
  (void)csp_nonce;
  return html(R"(<!doctype html>
<html lang="en">
{}
<body class="bare">
<main id="main" class="container narrow">
{}
</main>
</body>
</html>
)",
              head(title), content);
}

Html error_page(int status, std::string_view message, std::string_view csp_nonce, bool signed_in) {
  const char* heading = status == 404   ? "Not found"
                        : status == 403 ? "Not allowed"
                        : status == 401 ? "Please sign in"
                        : status == 409 ? "Conflict"
                        : status == 413 ? "Too large"
                        : status == 422 ? "Please check the form"
                        : status == 429 ? "Too many attempts"
                        : status >= 500 ? "Something went wrong"
                                        : "Request not accepted";
  Html back = signed_in ? html(R"(<a href="/" role="button">Back to the dashboard</a>)")
                        : html(R"(<a href="/login" role="button">Sign in</a>)");
  return bare_page(heading, csp_nonce,
                   html(R"(<article class="error-page"><h1>{}</h1><p>{}</p><p class="muted">HTTP {}</p>{}</article>)",
                        heading, message, status, back));
}

}  // namespace mandate::ui
