// areas/accounts/repo.cpp — SQL for accounts (see repo.hpp).
#include "areas/accounts/repo.hpp"

namespace mandate::areas::accounts::repo {
namespace {

using core::Timestamp;

std::optional<Timestamp> opt_ts(const store::Row& r, std::size_t i) {
  auto v = r.opt_int64(i);
  return v ? std::optional<Timestamp>(Timestamp{*v}) : std::nullopt;
}
std::optional<std::int64_t> opt_us(const std::optional<Timestamp>& t) {
  return t ? std::optional<std::int64_t>(t->us) : std::nullopt;
}

Organization org_from(const store::Row& r) {
  return Organization{OrgId{r.int64(0)}, r.text(1), r.text(2), Timestamp{r.int64(3)}};
}
constexpr const char* kOrgCols = "id, slug, name, created_at";

User user_from(const store::Row& r, std::size_t o = 0) {
  return User{UserId{r.int64(o)},         r.text(o + 1), r.text(o + 2), r.text(o + 3),
              r.int64(o + 4) != 0,        Timestamp{r.int64(o + 5)}, opt_ts(r, o + 6)};
}
constexpr const char* kUserCols =
    "id, email, display_name, password_hash, disabled, created_at, last_login_at";

Membership membership_from(const store::Row& r, std::size_t o = 0) {
  auto role = parse_role(r.text(o + 2));
  if (!role) {
    throw StoreError("memberships.role has an unknown value: " + r.text(o + 2));
  }
  return Membership{OrgId{r.int64(o)}, UserId{r.int64(o + 1)}, *role, opt_ts(r, o + 3),
                    Timestamp{r.int64(o + 4)}};
}

Session session_from(const store::Row& r) {
  return Session{r.text(0),
                 UserId{r.int64(1)},
                 OrgId{r.opt_int64(2).value_or(0)},
                 r.text(3),
                 Timestamp{r.int64(4)},
                 Timestamp{r.int64(5)},
                 opt_ts(r, 6)};
}
constexpr const char* kSessionCols =
    "id_hash, user_id, org_id, csrf_token, created_at, last_seen_at, step_up_at";

ApiToken token_from(const store::Row& r) {
  auto role = parse_role(r.text(2));
  if (!role) {
    throw StoreError("api_tokens.role has an unknown value");
  }
  return ApiToken{TokenId{r.int64(0)},       OrgId{r.int64(1)}, *role,         r.text(3),
                  r.text(4),                 UserId{r.int64(5)}, Timestamp{r.int64(6)},
                  opt_ts(r, 7),              opt_ts(r, 8),       opt_ts(r, 9)};
}
constexpr const char* kTokenCols =
    "id, org_id, role, name, prefix, created_by, created_at, expires_at, last_used_at, "
    "revoked_at";

std::string sel(const char* cols, const char* rest) {
  return std::string("SELECT ") + cols + " " + rest;
}

}  // namespace

OrgId insert_org(Transaction& tx, std::string_view slug, std::string_view name, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO organizations (slug, name, created_at) VALUES (?, ?, ?) RETURNING id", slug,
      name, at.us);
  return OrgId{r->int64(0)};
}

std::optional<Organization> find_org(Transaction& tx, OrgId id) {
  auto r = tx.query_one(sel(kOrgCols, "FROM organizations WHERE id = ?"), id);
  return r ? std::optional(org_from(*r)) : std::nullopt;
}

std::optional<Organization> find_org_by_slug(Transaction& tx, std::string_view slug) {
  auto r = tx.query_one(sel(kOrgCols, "FROM organizations WHERE slug = ?"), slug);
  return r ? std::optional(org_from(*r)) : std::nullopt;
}

std::vector<Organization> all_orgs(Transaction& tx) {
  std::vector<Organization> out;
  for (auto& r : tx.query(sel(kOrgCols, "FROM organizations ORDER BY name, id"))) {
    out.push_back(org_from(r));
  }
  return out;
}

UserId insert_user(Transaction& tx, std::string_view email, std::string_view display_name,
                   std::string_view password_hash, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO users (email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) "
      "RETURNING id",
      email, display_name, password_hash, at.us);
  return UserId{r->int64(0)};
}

std::optional<User> find_user(Transaction& tx, UserId id) {
  auto r = tx.query_one(sel(kUserCols, "FROM users WHERE id = ?"), id);
  return r ? std::optional(user_from(*r)) : std::nullopt;
}

std::optional<User> find_user_by_email(Transaction& tx, std::string_view email_lower) {
  auto r = tx.query_one(sel(kUserCols, "FROM users WHERE email = ?"), email_lower);
  return r ? std::optional(user_from(*r)) : std::nullopt;
}

void set_password_hash(Transaction& tx, UserId id, std::string_view hash) {
  tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", hash, id);
}

void set_last_login(Transaction& tx, UserId id, Timestamp at) {
  tx.exec("UPDATE users SET last_login_at = ? WHERE id = ?", at.us, id);
}

std::int64_t count_users(Transaction& tx) {
  return tx.query_one("SELECT COUNT(*) FROM users")->int64(0);
}

void upsert_membership(Transaction& tx, const Membership& m) {
  tx.exec(
      "INSERT INTO memberships (org_id, user_id, role, expires_at, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, "
      "expires_at = excluded.expires_at",
      m.org, m.user, role_name(m.role), opt_us(m.expires_at), m.created_at.us);
}

std::optional<Membership> find_membership(Transaction& tx, OrgId org, UserId user) {
  auto r = tx.query_one(
      "SELECT org_id, user_id, role, expires_at, created_at FROM memberships "
      "WHERE org_id = ? AND user_id = ?",
      org, user);
  return r ? std::optional(membership_from(*r)) : std::nullopt;
}

bool delete_membership(Transaction& tx, OrgId org, UserId user) {
  return tx.exec("DELETE FROM memberships WHERE org_id = ? AND user_id = ?", org, user) > 0;
}

std::vector<MemberRow> members(Transaction& tx, OrgId org) {
  std::vector<MemberRow> out;
  auto rows = tx.query(
      "SELECT m.org_id, m.user_id, m.role, m.expires_at, m.created_at, u.id, u.email, "
      "u.display_name, u.password_hash, u.disabled, u.created_at, u.last_login_at "
      "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? "
      "ORDER BY u.display_name, u.id",
      org);
  for (auto& r : rows) {
    User u = user_from(r, 5);
    u.password_hash.clear();
    out.push_back(MemberRow{membership_from(r, 0), std::move(u)});
  }
  return out;
}

std::vector<std::pair<Organization, Membership>> orgs_of_user(Transaction& tx, UserId user,
                                                              Timestamp now) {
  std::vector<std::pair<Organization, Membership>> out;
  auto rows = tx.query(
      "SELECT o.id, o.slug, o.name, o.created_at, m.org_id, m.user_id, m.role, m.expires_at, "
      "m.created_at FROM memberships m JOIN organizations o ON o.id = m.org_id "
      "WHERE m.user_id = ? AND (m.expires_at IS NULL OR m.expires_at > ?) ORDER BY o.name, o.id",
      user, now.us);
  for (auto& r : rows) {
    out.emplace_back(org_from(r), membership_from(r, 4));
  }
  return out;
}

std::int64_t count_members_with_role(Transaction& tx, OrgId org, Role role) {
  return tx.query_one("SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = ?", org,
                      role_name(role))
      ->int64(0);
}

void insert_session(Transaction& tx, const Session& s, std::string_view ip, std::string_view ua) {
  tx.exec(
      "INSERT INTO sessions (id_hash, user_id, org_id, csrf_token, created_at, last_seen_at, "
      "ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      s.id_hash, s.user, s.org ? std::optional<std::int64_t>(s.org.value) : std::nullopt,
      s.csrf_token, s.created_at.us, s.last_seen_at.us, ip, ua);
}

std::optional<Session> find_session(Transaction& tx, std::string_view id_hash) {
  auto r = tx.query_one(sel(kSessionCols, "FROM sessions WHERE id_hash = ?"), id_hash);
  return r ? std::optional(session_from(*r)) : std::nullopt;
}

void touch_session(Transaction& tx, std::string_view id_hash, Timestamp at) {
  tx.exec("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", at.us, id_hash);
}

void set_session_org(Transaction& tx, std::string_view id_hash, OrgId org) {
  tx.exec("UPDATE sessions SET org_id = ? WHERE id_hash = ?", org, id_hash);
}

void set_session_step_up(Transaction& tx, std::string_view id_hash, Timestamp at) {
  tx.exec("UPDATE sessions SET step_up_at = ? WHERE id_hash = ?", at.us, id_hash);
}

void delete_session(Transaction& tx, std::string_view id_hash) {
  tx.exec("DELETE FROM sessions WHERE id_hash = ?", id_hash);
}

void delete_sessions_of_user(Transaction& tx, UserId user) {
  tx.exec("DELETE FROM sessions WHERE user_id = ?", user);
}

std::int64_t delete_expired_sessions(Transaction& tx, Timestamp now) {
  return tx.exec("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
                 now.us - kSessionIdleSeconds * 1'000'000,
                 now.us - kSessionAbsoluteSeconds * 1'000'000);
}

TokenId insert_token(Transaction& tx, const ApiToken& t, std::string_view token_hash) {
  auto r = tx.query_one(
      "INSERT INTO api_tokens (org_id, role, name, token_hash, prefix, created_by, created_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      t.org, role_name(t.role), t.name, token_hash, t.prefix, t.created_by, t.created_at.us,
      opt_us(t.expires_at));
  return TokenId{r->int64(0)};
}

std::optional<ApiToken> find_token_by_hash(Transaction& tx, std::string_view token_hash) {
  auto r = tx.query_one(sel(kTokenCols, "FROM api_tokens WHERE token_hash = ?"), token_hash);
  return r ? std::optional(token_from(*r)) : std::nullopt;
}

std::optional<ApiToken> find_token(Transaction& tx, OrgId org, TokenId id) {
  auto r = tx.query_one(sel(kTokenCols, "FROM api_tokens WHERE org_id = ? AND id = ?"), org, id);
  return r ? std::optional(token_from(*r)) : std::nullopt;
}

std::vector<ApiToken> tokens(Transaction& tx, OrgId org) {
  std::vector<ApiToken> out;
  for (auto& r : tx.query(sel(kTokenCols, "FROM api_tokens WHERE org_id = ? ORDER BY id DESC"),
                          org)) {
    out.push_back(token_from(r));
  }
  return out;
}

void revoke_token(Transaction& tx, TokenId id, Timestamp at) {
  tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.us, id);
}

void touch_token(Transaction& tx, TokenId id, Timestamp at) {
  tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", at.us, id);
}

void insert_login_attempt(Transaction& tx, std::string_view key, Timestamp at, bool success) {
  tx.exec("INSERT INTO login_attempts (throttle_key, at, success) VALUES (?, ?, ?)", key, at.us,
          success);
}

Failures failures_since(Transaction& tx, std::string_view key, Timestamp since,
                        bool reset_by_success) {
  auto r = tx.query_one(
      "SELECT COUNT(*), MAX(at) FROM login_attempts WHERE throttle_key = ? AND success = 0 "
      "AND at >= ? AND (? = 0 OR at > COALESCE((SELECT MAX(at) FROM login_attempts "
      "WHERE throttle_key = ? AND success = 1), 0))",
      key, since.us, reset_by_success, key);
  return Failures{r->int64(0), opt_ts(*r, 1)};
}

void prune_login_attempts(Transaction& tx, Timestamp before) {
  tx.exec("DELETE FROM login_attempts WHERE at < ?", before.us);
}

}  // namespace mandate::areas::accounts::repo
