// areas/accounts/service.cpp — accounts use cases (see service.hpp).
#include "areas/accounts/service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace mandate::areas::accounts {
namespace {

using core::Timestamp;
namespace json = core::json;

constexpr std::int64_t kUs = 1'000'000;
constexpr RoleSet kAdmin{Role::admin};

std::string hash_hex(std::string_view secret) { return core::hex(core::sha256(secret)); }

// A hash of a random password with the current parameters: verifying against it for unknown
// accounts makes "no such user" take as long as "wrong password".
const std::string& dummy_hash() {
  static const std::string h = core::password_hash(core::random_token(24));
  return h;
}

Error bad_credentials() {
  return fail(Errc::unauthorized, "The e-mail address or the password is not right.");
}

// Errc::too_many when either the account or the address has too many recent failures.
Status check_throttle(store::Transaction& tx, Timestamp now, std::string_view email,
                      std::string_view ip) {
  Timestamp since{now.us - kThrottleWindowSeconds * kUs};
  struct Key {
    std::string key;
    int max;
    bool reset_by_success;
  };
  for (const Key& k : {Key{"acct:" + std::string(email), kMaxFailuresPerAccount, true},
                       Key{"ip:" + std::string(ip), kMaxFailuresPerAddress, false}}) {
    auto f = repo::failures_since(tx, k.key, since, k.reset_by_success);
    if (f.count >= k.max && f.latest) {
      std::int64_t retry = (f.latest->us + kThrottleWindowSeconds * kUs - now.us) / kUs + 1;
      Error e = fail(Errc::too_many, "Too many failed attempts. Try again later.");
      e.retry_after_s = static_cast<int>(std::max<std::int64_t>(retry, 1));
      return e;
    }
  }
  return {};
}

void record_attempt(store::Transaction& tx, Timestamp now, std::string_view email,
                    std::string_view ip, bool ok) {
  repo::insert_login_attempt(tx, "acct:" + std::string(email), now, ok);
  repo::insert_login_attempt(tx, "ip:" + std::string(ip), now, ok);
}

std::optional<Role> unexpired_role(store::Transaction& tx, OrgId org, UserId user,
                                   Timestamp now) {
  if (!org) {
    return std::nullopt;
  }
  auto m = repo::find_membership(tx, org, user);
  if (!m || m->expired(now)) {
    return std::nullopt;
  }
  return m->role;
}

json::value ts_json(const std::optional<Timestamp>& t) {
  return t ? json::value(core::format_timestamp(*t)) : json::value(nullptr);
}

}  // namespace

Result<LoginResult> login(const Env& env, const LoginInput& in,
                          std::optional<std::string> previous_cookie) {
  const std::string email = core::ascii_lower(core::trim(in.email));
  const Timestamp started = env.clock.now();
  if (email.size() > 254 || in.password.size() > 4096) {
    return bad_credentials();
  }
  auto pre = env.db.read([&](store::Transaction& tx) -> Result<std::optional<User>> {
    if (auto t = check_throttle(tx, started, email, in.ip); !t) {
      return t.error();
    }
    return repo::find_user_by_email(tx, email);
  });
  if (!pre) {
    spdlog::warn("login throttled email={} ip={}", email, in.ip);
    return pre.error();
  }
  const std::optional<User>& user = *pre;
  // Always run one Argon2id verification, whether or not the account exists.
  bool ok = core::password_verify(user ? user->password_hash : dummy_hash(), in.password);
  ok = ok && user && !user->disabled;
  std::optional<std::string> rehash;
  if (ok && core::password_needs_rehash(user->password_hash)) {
    rehash = core::password_hash(in.password);
  }
  const Timestamp now = env.clock.now();
  if (!ok) {
    env.db.write([&](store::Transaction& tx) { record_attempt(tx, now, email, in.ip, false); });
    spdlog::warn("login failed email={} ip={}", email, in.ip);
    return bad_credentials();
  }
  LoginResult out;
  out.cookie_value = core::random_token(32);  // 256 bits
  out.user = *user;
  env.db.write([&](store::Transaction& tx) {
    record_attempt(tx, now, email, in.ip, true);
    if (rehash) {
      repo::set_password_hash(tx, user->id, *rehash);
    }
    repo::set_last_login(tx, user->id, now);
    if (previous_cookie) {
      repo::delete_session(tx, hash_hex(*previous_cookie));
    }
    // Start in the user's home organization: the oldest membership that has not expired.
    auto orgs = repo::orgs_of_user(tx, user->id, now);
    auto home = std::min_element(orgs.begin(), orgs.end(), [](const auto& a, const auto& b) {
      return std::pair(a.second.created_at, a.first.id) < std::pair(b.second.created_at, b.first.id);
    });
    out.session = Session{hash_hex(out.cookie_value),
                          user->id,
                          home == orgs.end() ? OrgId{} : home->first.id,
                          core::random_token(32),
                          now,
                          now,
                          std::nullopt};
    repo::insert_session(tx, out.session, in.ip, in.user_agent.substr(0, 300));
  });
  spdlog::info("login ok user={} ip={}", user->id.value, in.ip);
  return out;
}

std::optional<Authenticated> authenticate_session(const Env& env, std::string_view cookie_value) {
  if (cookie_value.empty() || cookie_value.size() > 128) {
    return std::nullopt;
  }
  const std::string id_hash = hash_hex(cookie_value);
  const Timestamp now = env.clock.now();
  enum class Next { none, ok, touch, end };
  Next next = Next::none;
  std::optional<Authenticated> out;
  env.db.read([&](store::Transaction& tx) {
    auto s = repo::find_session(tx, id_hash);
    if (!s) {
      return;
    }
    if (now.us - s->last_seen_at.us > kSessionIdleSeconds * kUs ||
        now.us - s->created_at.us > kSessionAbsoluteSeconds * kUs) {
      next = Next::end;
      return;
    }
    auto u = repo::find_user(tx, s->user);
    if (!u || u->disabled) {
      next = Next::end;
      return;
    }
    std::optional<Role> role;
    if (s->org) {
      auto m = repo::find_membership(tx, s->org, s->user);
      if (m && m->expired(now)) {
        next = Next::end;  // e.g. an auditor whose access window closed
        return;
      }
      if (m) {
        role = m->role;
      }
    }
    u->password_hash.clear();
    out = Authenticated{*u, role ? s->org : OrgId{}, role, id_hash, s->csrf_token, std::nullopt,
                        s->step_up_at};
    // Record activity at most once a minute: sliding idle timeout without a write per request.
    next = now.us - s->last_seen_at.us > 60 * kUs ? Next::touch : Next::ok;
  });
  if (next == Next::end) {
    env.db.write([&](store::Transaction& tx) { repo::delete_session(tx, id_hash); });
    return std::nullopt;
  }
  if (next == Next::touch) {
    env.db.write([&](store::Transaction& tx) { repo::touch_session(tx, id_hash, now); });
  }
  return out;
}

std::optional<Authenticated> authenticate_token(const Env& env, std::string_view token) {
  if (!token.starts_with("mdt_") || token.size() > 128) {
    return std::nullopt;
  }
  const Timestamp now = env.clock.now();
  std::optional<Authenticated> out;
  bool touch = false;
  env.db.read([&](store::Transaction& tx) {
    auto t = repo::find_token_by_hash(tx, hash_hex(token));
    if (!t || t->revoked_at || (t->expires_at && now >= *t->expires_at)) {
      return;
    }
    auto u = repo::find_user(tx, t->created_by);
    if (!u) {
      return;
    }
    u->password_hash.clear();
    out = Authenticated{*u, t->org, t->role, "", "", *t, std::nullopt};
    touch = !t->last_used_at || now.us - t->last_used_at->us > 60 * kUs;
  });
  if (out && touch) {
    env.db.write([&](store::Transaction& tx) { repo::touch_token(tx, out->token->id, now); });
  }
  return out;
}

void logout(const Env& env, std::string_view cookie_value) {
  if (cookie_value.empty()) {
    return;
  }
  env.db.write([&](store::Transaction& tx) { repo::delete_session(tx, hash_hex(cookie_value)); });
}

std::vector<std::pair<Organization, Membership>> my_orgs(const Env& env, UserId user) {
  return env.db.read(
      [&](store::Transaction& tx) { return repo::orgs_of_user(tx, user, env.clock.now()); });
}

Status switch_org(const Env& env, std::string_view session_id_hash, UserId user, OrgId org) {
  return env.db.write([&](store::Transaction& tx) -> Status {
    if (!unexpired_role(tx, org, user, env.clock.now())) {
      return fail(Errc::forbidden, "You are not a member of that organization.");
    }
    repo::set_session_org(tx, session_id_hash, org);
    return {};
  });
}

Status step_up(const Env& env, std::string_view session_id_hash, UserId user,
               std::string_view password, std::string_view ip) {
  const Timestamp now = env.clock.now();
  auto u = env.db.read([&](store::Transaction& tx) -> Result<User> {
    auto found = repo::find_user(tx, user);
    if (!found) {
      return fail(Errc::unauthorized, "Your session has ended.");
    }
    if (auto t = check_throttle(tx, now, found->email, ip); !t) {
      return t.error();
    }
    return *found;
  });
  if (!u) {
    return u.error();
  }
  bool ok = core::password_verify(u->password_hash, password);
  env.db.write([&](store::Transaction& tx) {
    record_attempt(tx, now, u->email, ip, ok);
    if (ok) {
      repo::set_session_step_up(tx, session_id_hash, now);
    }
  });
  if (!ok) {
    spdlog::warn("step-up failed user={} ip={}", user.value, ip);
    return Error::invalid("password", "is not right");
  }
  return {};
}

Result<UserId> create_user(const Env& env, const Caller& by, const NewUser& in) {
  if (auto r = require_role(by, kAdmin); !r) {
    return r.error();
  }
  Validation v;
  const std::string email = core::ascii_lower(core::trim(in.email));
  validate_email(email, v);
  validate_display_name(in.display_name, v);
  validate_password(in.password, email, v);
  if (!v.ok()) {
    return v.error();
  }
  const std::string hash = core::password_hash(in.password);  // outside the write lock
  return env.db.write([&](store::Transaction& tx) -> Result<UserId> {
    if (repo::find_user_by_email(tx, email)) {
      return Error::invalid("email", "already belongs to a user");
    }
    UserId id = repo::insert_user(tx, email, core::trim(in.display_name), hash, env.clock.now());
    Caller instance = by;
    instance.org = OrgId{0};
    record(tx, env, instance, "user", id.str(), "create",
           {{"email", email}, {"display_name", std::string(core::trim(in.display_name))}});
    return id;
  });
}

Result<OrgId> create_org(const Env& env, const Caller& by, std::string_view name,
                         std::string_view slug, UserId first_admin) {
  Validation v;
  validate_org_name(name, v);
  validate_slug(slug, v);
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Result<OrgId> {
    if (repo::find_org_by_slug(tx, slug)) {
      return Error::invalid("slug", "is already used by another organization");
    }
    if (!repo::find_user(tx, first_admin)) {
      return fail(Errc::not_found, "No such user.");
    }
    const Timestamp now = env.clock.now();
    OrgId org = repo::insert_org(tx, slug, core::trim(name), now);
    repo::upsert_membership(tx, Membership{org, first_admin, Role::admin, std::nullopt, now});
    Caller in_instance = by;
    in_instance.org = OrgId{0};
    record(tx, env, in_instance, "organization", org.str(), "create",
           {{"name", std::string(core::trim(name))}, {"slug", slug}});
    Caller in_org = by;
    in_org.org = org;
    record(tx, env, in_org, "organization", org.str(), "create",
           {{"name", std::string(core::trim(name))}, {"slug", slug}});
    record(tx, env, in_org, "membership", first_admin.str(), "grant",
           {{"user_id", first_admin.value}, {"role", "admin"}});
    return org;
  });
}

Status set_member(const Env& env, const Caller& by, const MemberInput& in) {
  if (auto r = require_role(by, kAdmin); !r) {
    return r.error();
  }
  const std::string email = core::ascii_lower(core::trim(in.email));
  const Timestamp now = env.clock.now();
  Validation v;
  validate_email(email, v);
  if (in.role == Role::auditor && !in.expires_at) {
    v.add("expires_at", "is required for auditors (their access is time-limited)");
  }
  if (in.expires_at && *in.expires_at <= now) {
    v.add("expires_at", "must be in the future");
  }
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Status {
    auto user = repo::find_user_by_email(tx, email);
    if (!user) {
      return Error::invalid("email", "does not belong to a user of this instance");
    }
    auto before = repo::find_membership(tx, by.org, user->id);
    if (before && before->role == Role::admin && in.role != Role::admin &&
        repo::count_members_with_role(tx, by.org, Role::admin) <= 1) {
      return fail(Errc::conflict, "The organization must keep at least one administrator.");
    }
    repo::upsert_membership(
        tx, Membership{by.org, user->id, in.role, in.expires_at, before ? before->created_at : now});
    json::object data{{"user_id", user->id.value},
                      {"email", user->email},
                      {"role", role_name(in.role)},
                      {"expires_at", ts_json(in.expires_at)}};
    if (before) {
      data["previous_role"] = role_name(before->role);
    }
    record(tx, env, by, "membership", user->id.str(), before ? "update" : "grant",
           std::move(data));
    return {};
  });
}

Status remove_member(const Env& env, const Caller& by, UserId user) {
  if (auto r = require_role(by, kAdmin); !r) {
    return r.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Status {
    auto m = repo::find_membership(tx, by.org, user);
    if (!m) {
      return fail(Errc::not_found, "That user is not a member of this organization.");
    }
    if (m->role == Role::admin && repo::count_members_with_role(tx, by.org, Role::admin) <= 1) {
      return fail(Errc::conflict, "The organization must keep at least one administrator.");
    }
    repo::delete_membership(tx, by.org, user);
    record(tx, env, by, "membership", user.str(), "revoke",
           {{"user_id", user.value}, {"role", role_name(m->role)}});
    return {};
  });
}

std::vector<repo::MemberRow> list_members(const Env& env, const Caller& by) {
  return env.db.read([&](store::Transaction& tx) { return repo::members(tx, by.org); });
}

Result<CreatedToken> create_token(const Env& env, const Caller& by, const NewToken& in) {
  if (auto r = require_role(by, kAdmin); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  Validation v;
  auto name = core::trim(in.name);
  validate_display_name(name, v, "name");
  if (in.expires_at && *in.expires_at <= now) {
    v.add("expires_at", "must be in the future");
  }
  if (in.role == Role::auditor && !in.expires_at) {
    v.add("expires_at", "is required for auditor tokens");
  }
  if (!v.ok()) {
    return v.error();
  }
  CreatedToken out;
  out.secret = "mdt_" + core::random_token(32);
  out.token = ApiToken{TokenId{}, by.org,      in.role,        std::string(name),
                       out.secret.substr(0, 12), by.user, now, in.expires_at, std::nullopt,
                       std::nullopt};
  return env.db.write([&](store::Transaction& tx) -> Result<CreatedToken> {
    out.token.id = repo::insert_token(tx, out.token, hash_hex(out.secret));
    record(tx, env, by, "api_token", out.token.id.str(), "create",
           {{"name", out.token.name},
            {"role", role_name(in.role)},
            {"prefix", out.token.prefix},
            {"expires_at", ts_json(in.expires_at)}});
    return out;
  });
}

Status revoke_token(const Env& env, const Caller& by, TokenId id) {
  if (auto r = require_role(by, kAdmin); !r) {
    return r.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Status {
    auto t = repo::find_token(tx, by.org, id);
    if (!t) {
      return fail(Errc::not_found, "No such API token in this organization.");
    }
    if (t->revoked_at) {
      return fail(Errc::conflict, "That token is already revoked.");
    }
    repo::revoke_token(tx, id, env.clock.now());
    record(tx, env, by, "api_token", id.str(), "revoke", {{"name", t->name}});
    return {};
  });
}

std::vector<ApiToken> list_tokens(const Env& env, const Caller& by) {
  return env.db.read([&](store::Transaction& tx) { return repo::tokens(tx, by.org); });
}

Result<InitResult> initialise(const Env& env, const NewUser& admin, std::string_view org_name,
                              std::string_view org_slug) {
  Validation v;
  const std::string email = core::ascii_lower(core::trim(admin.email));
  validate_email(email, v);
  validate_display_name(admin.display_name, v);
  validate_password(admin.password, email, v);
  validate_org_name(org_name, v);
  validate_slug(org_slug, v);
  if (!v.ok()) {
    return v.error();
  }
  const std::string hash = core::password_hash(admin.password);
  return env.db.write([&](store::Transaction& tx) -> Result<InitResult> {
    if (repo::count_users(tx) > 0) {
      return fail(Errc::conflict, "This instance is already initialised.");
    }
    const Timestamp now = env.clock.now();
    Caller sys = Caller::system(OrgId{0}, "mandate init");
    UserId user = repo::insert_user(tx, email, core::trim(admin.display_name), hash, now);
    record(tx, env, sys, "user", user.str(), "create",
           {{"email", email}, {"display_name", std::string(core::trim(admin.display_name))}});
    OrgId org = repo::insert_org(tx, org_slug, core::trim(org_name), now);
    record(tx, env, sys, "organization", org.str(), "create",
           {{"name", std::string(core::trim(org_name))}, {"slug", org_slug}});
    repo::upsert_membership(tx, Membership{org, user, Role::admin, std::nullopt, now});
    Caller in_org = Caller::system(org, "mandate init");
    record(tx, env, in_org, "organization", org.str(), "create",
           {{"name", std::string(core::trim(org_name))}, {"slug", org_slug}});
    record(tx, env, in_org, "membership", user.str(), "grant",
           {{"user_id", user.value}, {"email", email}, {"role", "admin"}});
    return InitResult{org, user};
  });
}

}  // namespace mandate::areas::accounts
