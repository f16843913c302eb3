// areas/accounts/api.cpp — JSON API for accounts (see api.hpp and docs/api/openapi.yaml).
#include "areas/accounts/api.hpp"

#include "areas/accounts/service.hpp"

namespace mandate::areas::accounts::api {
namespace {

namespace json = core::json;

json::object token_json(const ApiToken& t) {
  return {{"id", t.id.value},
          {"name", t.name},
          {"role", role_name(t.role)},
          {"prefix", t.prefix},
          {"created_at", iso(t.created_at)},
          {"expires_at", iso_or_null(t.expires_at)},
          {"last_used_at", iso_or_null(t.last_used_at)},
          {"revoked_at", iso_or_null(t.revoked_at)}};
}

std::optional<core::Timestamp> timestamp_field(core::JsonReader& r, Validation& v,
                                               const char* name) {
  auto s = r.string(name, false, 40);
  if (!s) {
    return std::nullopt;
  }
  auto t = core::parse_timestamp(*s);
  if (!t) {
    v.add(name, "must be a UTC time like 2026-12-31T18:00:00Z");
  }
  return t;
}

Role role_field(core::JsonReader& r, Validation& v, bool required) {
  auto s = r.string("role", required, 40);
  if (!s) {
    return Role::staff;
  }
  auto role = parse_role(*s);
  if (!role) {
    v.add("role", "must be one of admin, top_management, isms_manager, contributor, staff, auditor");
    return Role::staff;
  }
  return *role;
}

}  // namespace

http::Response me(const Services& s, http::Context& ctx) {
  const auto& p = ctx.who();
  json::array orgs;
  if (!p.is_token()) {
    for (const auto& [o, m] : my_orgs(s.env(), p.user)) {
      orgs.push_back({{"id", o.id.value}, {"name", o.name}, {"slug", o.slug},
                      {"role", role_name(m.role)}});
    }
  }
  json::object out{{"user_id", p.user.value},
                   {"name", p.display_name},
                   {"email", p.email},
                   {"organization_id", p.org.value},
                   {"organizations", orgs}};
  out["role"] = p.role ? json::value(role_name(*p.role)) : json::value(nullptr);
  out["via"] = p.is_token() ? "token" : "session";
  return json_ok(out);
}

http::Response members(const Services& s, http::Context& ctx) {
  json::array items;
  for (const auto& m : list_members(s.env(), caller_of(ctx))) {
    items.push_back({{"user_id", m.user.id.value},
                     {"email", m.user.email},
                     {"name", m.user.display_name},
                     {"role", role_name(m.membership.role)},
                     {"expires_at", iso_or_null(m.membership.expires_at)},
                     {"last_login_at", iso_or_null(m.user.last_login_at)}});
  }
  return json_ok({{"items", items}});
}

http::Response put_member(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  MemberInput in;
  in.email = r.string("email", true, 254).value_or("");
  in.role = role_field(r, v, true);
  in.expires_at = timestamp_field(r, v, "expires_at");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  must(set_member(s.env(), caller_of(ctx), in));
  return members(s, ctx);
}

http::Response delete_member(const Services& s, http::Context& ctx) {
  must(remove_member(s.env(), caller_of(ctx), UserId{id_param(ctx, "user")}));
  http::Response r;
  r.status = 204;
  return r;
}

http::Response create_user(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  NewUser in;
  in.email = r.string("email", true, 254).value_or("");
  in.display_name = r.string("display_name", true, 1000).value_or("");
  in.password = r.string("password", true, 4096).value_or("");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  auto id = must(accounts::create_user(s.env(), caller_of(ctx), in));
  return json_ok({{"id", id.value}, {"email", in.email}}, 201);
}

http::Response create_org(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  auto name = r.string("name", true, 1000).value_or("");
  auto slug = r.string("slug", true, 100).value_or("");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  auto by = caller_of(ctx);
  auto id = must(accounts::create_org(s.env(), by, name, slug, by.user));
  return json_ok({{"id", id.value}, {"name", name}, {"slug", slug}}, 201);
}

http::Response tokens(const Services& s, http::Context& ctx) {
  json::array items;
  for (const auto& t : list_tokens(s.env(), caller_of(ctx))) {
    items.push_back(token_json(t));
  }
  return json_ok({{"items", items}});
}

http::Response create_token(const Services& s, http::Context& ctx) {
  auto body = json_body(ctx);
  Validation v;
  core::JsonReader r(body, v);
  NewToken in;
  in.name = r.string("name", true, 1000).value_or("");
  in.role = role_field(r, v, true);
  in.expires_at = timestamp_field(r, v, "expires_at");
  r.reject_unknown();
  if (!v.ok()) {
    throw ErrorException(v.error());
  }
  auto created = must(accounts::create_token(s.env(), caller_of(ctx), in));
  json::object o = token_json(created.token);
  o["secret"] = created.secret;
  return json_ok(o, 201);
}

http::Response revoke_token(const Services& s, http::Context& ctx) {
  must(accounts::revoke_token(s.env(), caller_of(ctx), TokenId{id_param(ctx, "id")}));
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace mandate::areas::accounts::api
