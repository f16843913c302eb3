// ui/layout.cpp — the page shell (see layout.hpp).
#include "ui/layout.hpp"

#include "ui/assets.hpp"

namespace mandate::ui {
namespace {

// Everything in <head> after the title; the asset URLs never change while the process runs.
const Html& head_tail() {
  static const Html tail = html(R"(
<link rel="stylesheet" href="{}">
<link rel="stylesheet" href="{}">
<script src="{}" defer></script>
<script src="{}" defer></script>
</head>)",
                                asset_url("pico.min.css"), asset_url("app.css"),
                                asset_url("htmx.min.js"), asset_url("app.js"));
  return tail;
}

// htmx must not inject its indicator <style> (the CSP would refuse it) nor evaluate code.
Html head(std::string_view title) {
  Html full_title = title.empty() ? html("Mandate") : html("{} · Mandate", title);
  return html(R"(<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'>
<link rel="icon" href="data:,">
<title>{}</title>{})",
              full_title, head_tail());
}

Html org_switcher(const PageContext& ctx) {
  if (ctx.orgs.size() < 2) {
    return ctx.org_name.empty() ? Html() : html(R"(<span class="org-name">{}</span>)", ctx.org_name);
  }
  Html options;
  for (const auto& o : ctx.orgs) {
    options += o.current ? html(R"(<option value="{}" selected>{}</option>)", o.id, o.name)
                         : html(R"(<option value="{}">{}</option>)", o.id, o.name);
  }
  // app.js submits on change; the button keeps it working without JavaScript.
  return html(R"(<form method="post" action="/orgs/switch" class="org-switcher">
<input type="hidden" name="_csrf" value="{}">
<label for="org-switch" class="visually-hidden">Organization</label>
<select id="org-switch" name="org" data-autosubmit>{}</select>
<button type="submit" class="secondary outline small">Switch</button>
</form>)",
              ctx.csrf_token, options);
}

// A small shield beside the product name; decorative.
constexpr std::string_view kMark =
    R"(<svg class="mark" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22"><path d="M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5l-8-3z" fill="#1e3a8a"></path><path d="m8.5 12 2.5 2.5 4.5-5" fill="none" stroke="#ffffff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path></svg>)";

}  // namespace

Html page(const PageContext& ctx, const Html& main_content) {
  Html nav;
  for (const auto& n : ctx.nav) {
    nav += n.active ? html(R"(<li><a href="{}" aria-current="page">{}</a></li>)", safe_href(n.href), n.label)
                    : html(R"(<li><a href="{}">{}</a></li>)", safe_href(n.href), n.label);
  }
  Html user_detail = ctx.role_label.empty() ? Html() : html("<small>{}</small>", ctx.role_label);
  Html doc = html(R"(<!doctype html>
<html lang="en" data-theme="light">
{}
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<div class="container topbar-inner">
<a href="/" class="brand">{}<span>Mandate</span></a>
{}
<div class="user-menu">
<span class="user" title="{}">{}{}</span>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="_csrf" value="{}">
<button type="submit" class="secondary outline small">Sign out</button>
</form>
</div>
</div>
<nav aria-label="Main" class="container mainnav"><ul>{}</ul></nav>
</header>
<main id="main" class="container" tabindex="-1">
{}{}
{}
</main>
<footer class="container footer"><small>Mandate — every change recorded in a tamper-evident ledger.</small></footer>
</body>
</html>
)",
                  head(ctx.title), Html::trusted(std::string(kMark)), org_switcher(ctx),
                  ctx.user_email, ctx.user_name, user_detail, ctx.csrf_token, nav,
                  breadcrumb(ctx.breadcrumbs), ctx.flash ? flash(*ctx.flash) : Html(),
                  main_content);
  return doc;
}

Html bare_page(std::string_view title, std::string_view csp_nonce, const Html& content) {
  (void)csp_nonce;  // nothing inline to tag (see layout.hpp)
  return html(R"(<!doctype html>
<html lang="en" data-theme="light">
{}
<body class="bare">
<main id="main" class="container narrow" tabindex="-1">
{}
</main>
</body>
</html>
)",
              head(title), content);
}

namespace {

struct StatusText {
  const char* heading;
  const char* message;  // used when the caller gives none
};

StatusText status_text(int status) {
  switch (status) {
    case 400: return {"Request not understood", "The request could not be read. Go back and try again."};
    case 401: return {"Please sign in", "Your session has ended or you are not signed in."};
    case 403: return {"Not allowed", "Your role in this organization does not allow this. Ask an administrator if you need access."};
    case 404: return {"Not found", "There is nothing at this address. The link may be wrong, or the record is not in this organization."};
    case 405: return {"Not allowed here", "This address does not accept that kind of request."};
    case 409: return {"Conflict", "The record changed, or its state does not allow this. Reload the page and try again."};
    case 413: return {"Too large", "That is more than one request may carry. Try a smaller file."};
    case 422: return {"Please check the form", "Some fields are not valid."};
    case 429: return {"Too many attempts", "Wait a minute, then try again."};
    case 503: return {"Temporarily unavailable", "Mandate cannot answer right now. Try again in a moment."};
    default: break;
  }
  if (status >= 500) {
    return {"Something went wrong", "The error has been logged. Try again in a moment; if it persists, tell your administrator."};
  }
  return {"Request not accepted", "The request could not be completed."};
}

}  // namespace

Html error_page(int status, std::string_view message, std::string_view csp_nonce, bool signed_in) {
  StatusText t = status_text(status);
  std::string_view body = message.empty() ? std::string_view(t.message) : message;
  Html back = signed_in ? html(R"(<a href="/" role="button">Back to the dashboard</a>)")
                        : html(R"(<a href="/login" role="button">Sign in</a>)");
  return bare_page(t.heading, csp_nonce,
                   html(R"(<article class="error-page"><h1>{}</h1><p>{}</p><p class="muted">HTTP {}</p>{}</article>)",
                        t.heading, body, status, back));
}

}  // namespace mandate::ui
