// areas/common/web.cpp — the handler kit (see web.hpp).
#include "areas/common/web.hpp"

#include <charconv>

namespace mandate::areas {

Caller caller_of(const http::Context& ctx) {
  const auto& p = ctx.who();
  Caller c;
  c.user = p.user;
  c.token = p.token;
  c.org = p.org;
  c.role = p.role;
  c.label = p.is_token() ? "token " + p.display_name : p.display_name;
  return c;
}

Form Form::parse(const http::Context& ctx) {
  auto parsed = http::parse_body_form(ctx.req);
  if (!parsed) {
    throw ErrorException(fail(Errc::bad_request, "The form data is malformed."));
  }
  Form f;
  f.values_ = std::move(*parsed);
  return f;
}

std::string Form::get(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string() : it->second;
}

core::json::object json_body(const http::Context& ctx) {
  auto type = ctx.req.header("content-type");
  if (!type.starts_with("application/json")) {
    throw ErrorException(fail(Errc::bad_request, "Send the body as application/json."));
  }
  auto v = core::parse_json(ctx.req.body);
  if (!v) {
    throw ErrorException(v.error());
  }
  if (!v->is_object()) {
    throw ErrorException(fail(Errc::bad_request, "The request body must be a JSON object."));
  }
  return std::move(v->as_object());
}

http::Response json_ok(const core::json::value& v, int status) {
  return http::Response::json(core::json::serialize(v), status);
}

std::string iso(core::Timestamp t) { return core::format_timestamp(t); }

core::json::value iso_or_null(const std::optional<core::Timestamp>& t) {
  return t ? core::json::value(iso(*t)) : core::json::value(nullptr);
}

std::int64_t id_param(const http::Context& ctx, std::string_view name) {
  auto s = ctx.param(name);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    throw ErrorException(fail(Errc::not_found, "No such record."));
  }
  return v;
}

int int_query(const http::Context& ctx, const std::string& name, int def, int lo, int hi) {
  auto s = ctx.req.query_param(name);
  if (s.empty()) {
    return def;
  }
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
    throw ErrorException(Error::invalid(
        name, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi)));
  }
  return v;
}

void RouteTable::add(http::Method method, std::string pattern, http::Kind kind, RoleSet roles,
                     Handler handler, Access access, std::size_t body_limit) {
  http::Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.kind = kind;
  r.roles = roles;
  r.is_public = access == Access::anyone;
  r.any_member = access == Access::any_member;
  r.body_limit = body_limit;
  r.handler = [&s = s_, h = std::move(handler)](http::Context& ctx) { return h(s, ctx); };
  router_.add(std::move(r));
}

http::Response see_other(std::string_view location, std::string_view flash) {
  std::string loc(location);
  if (!flash.empty()) {
    loc += (loc.find('?') == std::string::npos ? "?flash=" : "&flash=") + std::string(flash);
  }
  return http::Response::redirect(loc, 303);
}

}  // namespace mandate::areas
