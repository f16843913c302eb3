// areas/accounts/pages.cpp — sign-in, organization switching, dashboard, members, API tokens.
#include "areas/accounts/pages.hpp"

#include <map>

#include "areas/accounts/service.hpp"
#include "core/text.hpp"
#include "ui/layout.hpp"

namespace mandate::areas::accounts::pages {
namespace {

using ui::Html;
using ui::html;
using ui::text;

// Only local paths are accepted as the post-login destination (no open redirect).
std::string safe_next(std::string_view next) {
  if (next.size() > 1 && next.size() < 2000 && next[0] == '/' && next[1] != '/' &&
      next[1] != '\\' && next.find("://") == std::string_view::npos &&
      next.find_first_of("\r\n") == std::string_view::npos) {
    return std::string(next);
  }
  return "/";
}

Html login_body(std::string_view email, std::string_view next, std::string_view error,
                std::map<std::string, std::string> fields = {}) {
  Html err;
  if (!error.empty()) {
    err = html(R"(<p class="form-error" role="alert" id="login-error">{}</p>)", error);
  }
  (void)fields;
  return html(R"(<section class="login">
<article>
<header><h1>Mandate</h1><p>Leadership and commitment, on the record.</p></header>
{}
<form method="post" action="/login">
<input type="hidden" name="next" value="{}">
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="{}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">Sign in</button>
</form>
</article>
</section>)",
              err, next, email);
}

Html role_options(Role selected) {
  Html out;
  for (Role r : kAllRoles) {
    out += html(R"(<option value="{}"{}>{}</option>)", role_name(r),
                Html::trusted(r == selected ? " selected" : ""), role_label(r));
  }
  return out;
}

std::string csrf(const http::Context& ctx) { return ctx.who().csrf_token; }

std::optional<core::Timestamp> parse_local_date_end(std::string_view date) {
  // A date from <input type="date">: access ends at the end of that day (UTC).
  auto d = core::parse_date(date);
  if (!d) {
    return std::nullopt;
  }
  return core::Timestamp{(*d + 1) * 86400LL * 1'000'000};
}

Html members_body(const Services& s, const http::Context& ctx, const Error* error,
                  const Form* form) {
  auto by = caller_of(ctx);
  Html rows;
  for (const auto& m : list_members(s.env(), by)) {
    Html expiry = m.membership.expires_at
                      ? html("{}", core::format_date(core::days_since_epoch(*m.membership.expires_at) - 1))
                      : html("—");
    Html remove = html(R"(<form method="post" action="/admin/members/{}/remove" class="inline" data-confirm="Remove {} from this organization?">
<input type="hidden" name="_csrf" value="{}"><button type="submit" class="secondary outline small">Remove</button></form>)",
                       m.user.id.value, m.user.display_name, csrf(ctx));
    rows += html(R"(<tr><td>{}</td><td>{}</td><td><span class="badge role-{}">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                 m.user.display_name, m.user.email, role_name(m.membership.role),
                 role_label(m.membership.role), expiry,
                 m.user.last_login_at ? html("{}", iso(*m.user.last_login_at)) : html("never"),
                 remove);
  }
  auto field_error = [&](const char* f) -> Html {
    if (error && error->fields.contains(f)) {
      return html(R"(<small class="field-error" id="{}-error">{}</small>)", f, error->fields.at(f));
    }
    return {};
  };
  auto invalid = [&](const char* f) -> Html {
    return Html::trusted(error && error->fields.contains(f) ? R"( aria-invalid="true")" : "");
  };
  Html summary;
  if (error) {
    summary = html(R"(<p class="form-error" role="alert">{}</p>)", error->message);
  }
  Role selected = Role::staff;
  if (form) {
    selected = parse_role(form->get("role")).value_or(Role::staff);
  }
  return html(R"(<h1>Members and roles</h1>
<p>Who can sign in to this organization and with which role. Auditors need an end date: their access stops then.</p>
<table>
<caption>Members</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Access ends</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>{}</tbody>
</table>
<article>
<h2>Add a member or change a role</h2>
{}
<form method="post" action="/admin/members">
<input type="hidden" name="_csrf" value="{}">
<div class="grid">
<div><label for="email">E-mail of an existing user</label>
<input id="email" name="email" type="email" required maxlength="254" value="{}"{} aria-describedby="email-error">{}</div>
<div><label for="role">Role</label><select id="role" name="role">{}</select></div>
<div><label for="expires_at">Access ends (auditors)</label>
<input id="expires_at" name="expires_at" type="date" value="{}"{} aria-describedby="expires_at-error">{}</div>
</div>
<button type="submit">Save member</button>
</form>
<p><small>New users are created with <code>mandate user add</code> or <code>POST /api/v1/users</code>.</small></p>
</article>)",
              rows, summary, csrf(ctx), form ? form->get("email") : "", invalid("email"),
              field_error("email"), role_options(selected), form ? form->get("expires_at") : "",
              invalid("expires_at"), field_error("expires_at"));
}

Html tokens_body(const Services& s, const http::Context& ctx, const Error* error,
                 const CreatedToken* created, const Form* form) {
  Html rows;
  for (const auto& t : list_tokens(s.env(), caller_of(ctx))) {
    Html state = t.revoked_at ? html(R"(<span class="badge status-bad">revoked</span>)")
                 : (t.expires_at && *t.expires_at <= s.clock.now())
                     ? html(R"(<span class="badge status-warn">expired</span>)")
                     : html(R"(<span class="badge status-ok">active</span>)");
    Html action;
    if (!t.revoked_at) {
      action = html(R"(<form method="post" action="/admin/tokens/{}/revoke" class="inline" data-confirm="Revoke the token {}? Integrations using it stop working.">
<input type="hidden" name="_csrf" value="{}"><button type="submit" class="secondary outline small">Revoke</button></form>)",
                    t.id.value, t.name, csrf(ctx));
    }
    rows += html(R"(<tr><td>{}</td><td><code>{}…</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                 t.name, t.prefix, role_label(t.role), state,
                 t.expires_at ? html("{}", iso(*t.expires_at)) : html("never"),
                 t.last_used_at ? html("{}", iso(*t.last_used_at)) : html("never"), action);
  }
  Html shown;
  if (created) {
    shown = html(R"(<article class="secret" aria-live="polite">
<h2>Token created: copy it now</h2>
<p>This is the only time the token is shown. Store it in your integration's secret store.</p>
<p><code id="new-token">{}</code></p>
</article>)",
                 created->secret);
  }
  Html summary;
  if (error) {
    summary = html(R"(<p class="form-error" role="alert">{}</p>)", error->message);
    for (const auto& [f, m] : error->fields) {
      summary += html(R"(<p class="field-error">{}: {}</p>)", f, m);
    }
  }
  Role selected = form ? parse_role(form->get("role")).value_or(Role::contributor) : Role::contributor;
  return html(R"(<h1>API tokens</h1>
<p>Tokens let integrations (HR, ticketing, training systems) use the JSON API as one role in this organization. Send them as <code>Authorization: Bearer …</code>.</p>
{}
<table>
<caption>Tokens</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>{}</tbody>
</table>
<article>
<h2>Create a token</h2>
{}
<form method="post" action="/admin/tokens">
<input type="hidden" name="_csrf" value="{}">
<div class="grid">
<div><label for="name">Name</label><input id="name" name="name" required maxlength="200" placeholder="hr-sync" value="{}"></div>
<div><label for="role">Role</label><select id="role" name="role">{}</select></div>
<div><label for="expires_at">Expires (optional)</label><input id="expires_at" name="expires_at" type="date" value="{}"></div>
</div>
<button type="submit">Create token</button>
</form>
</article>)",
              shown, rows, summary, csrf(ctx), form ? form->get("name") : "",
              role_options(selected), form ? form->get("expires_at") : "");
}

}  // namespace

std::string session_cookie(std::string_view value) {
  return std::string(kSessionCookie) + "=" + std::string(value) +
         "; Path=/; Secure; HttpOnly; SameSite=Lax";
}

std::string clear_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0";
}

http::Response login_form(const Services& s, http::Context& ctx) {
  (void)s;
  if (ctx.principal) {
    return see_other(safe_next(ctx.req.query_param("next")));
  }
  return http::Response::html(
      ui::bare_page("Sign in", ctx.csp_nonce, login_body("", safe_next(ctx.req.query_param("next")), ""))
          .release());
}

http::Response login_submit(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  LoginInput in{form.get("email"), form.get("password"), ctx.req.remote_addr,
                std::string(ctx.req.header("user-agent"))};
  std::string next = safe_next(form.get("next"));
  auto previous = ctx.req.cookie(kSessionCookie);
  auto r = login(s.env(), in, previous);
  if (!r) {
    int status = r.error().code == Errc::too_many ? 429 : 401;
    auto resp = http::Response::html(
        ui::bare_page("Sign in", ctx.csp_nonce, login_body(in.email, next, r.error().message))
            .release(),
        status);
    if (r.error().retry_after_s > 0) {
      resp.headers.set("Retry-After", std::to_string(r.error().retry_after_s));
    }
    return resp;
  }
  auto resp = see_other(next);
  resp.headers.add("Set-Cookie", session_cookie(r->cookie_value));
  return resp;
}

http::Response logout(const Services& s, http::Context& ctx) {
  if (auto c = ctx.req.cookie(kSessionCookie)) {
    accounts::logout(s.env(), *c);
  }
  auto resp = see_other("/login");
  resp.headers.add("Set-Cookie", clear_session_cookie());
  return resp;
}

http::Response switch_org(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  std::int64_t org = 0;
  try {
    org = std::stoll(form.get("org"));
  } catch (...) {
    throw ErrorException(Error::invalid("org", "must be an organization id"));
  }
  const auto& p = ctx.who();
  must(accounts::switch_org(s.env(), p.session_id_hash, p.user, OrgId{org}));
  return see_other("/", "switched");
}

http::Response members(const Services& s, http::Context& ctx) {
  return page(s, ctx, "Members and roles", "members", members_body(s, ctx, nullptr, nullptr));
}

http::Response members_submit(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  MemberInput in;
  in.email = form.get("email");
  auto role = parse_role(form.get("role"));
  Validation v;
  if (!role) {
    v.add("role", "must be one of the listed roles");
  }
  if (auto e = form.get("expires_at"); !e.empty()) {
    in.expires_at = parse_local_date_end(e);
    if (!in.expires_at) {
      v.add("expires_at", "must be a date");
    }
  }
  Status r = v.ok() ? set_member(s.env(), caller_of(ctx), {in.email, *role, in.expires_at})
                    : Status(v.error());
  if (!r) {
    if (r.error().code != Errc::invalid && r.error().code != Errc::conflict) {
      throw ErrorException(r.error());
    }
    Error e = r.error();
    return page(s, ctx, "Members and roles", "members", members_body(s, ctx, &e, &form),
                e.code == Errc::conflict ? 409 : 422);
  }
  return see_other("/admin/members", "member-saved");
}

http::Response member_remove(const Services& s, http::Context& ctx) {
  must(remove_member(s.env(), caller_of(ctx), UserId{id_param(ctx, "user")}));
  return see_other("/admin/members", "member-removed");
}

http::Response tokens(const Services& s, http::Context& ctx) {
  return page(s, ctx, "API tokens", "tokens", tokens_body(s, ctx, nullptr, nullptr, nullptr));
}

http::Response tokens_submit(const Services& s, http::Context& ctx) {
  auto form = Form::parse(ctx);
  NewToken in;
  in.name = form.get("name");
  Validation v;
  auto role = parse_role(form.get("role"));
  if (!role) {
    v.add("role", "must be one of the listed roles");
  } else {
    in.role = *role;
  }
  if (auto e = form.get("expires_at"); !e.empty()) {
    in.expires_at = parse_local_date_end(e);
    if (!in.expires_at) {
      v.add("expires_at", "must be a date");
    }
  }
  auto r = v.ok() ? create_token(s.env(), caller_of(ctx), in) : Result<CreatedToken>(v.error());
  if (!r) {
    if (r.error().code != Errc::invalid) {
      throw ErrorException(r.error());
    }
    Error e = r.error();
    return page(s, ctx, "API tokens", "tokens", tokens_body(s, ctx, &e, nullptr, &form), 422);
  }
  // The secret is rendered once, in this response (no-store), never in a redirect URL.
  return page(s, ctx, "API tokens", "tokens", tokens_body(s, ctx, nullptr, &*r, nullptr), 201);
}

http::Response token_revoke(const Services& s, http::Context& ctx) {
  must(revoke_token(s.env(), caller_of(ctx), TokenId{id_param(ctx, "id")}));
  return see_other("/admin/tokens", "token-revoked");
}

}  // namespace mandate::areas::accounts::pages
