// areas/accounts/model.hpp
// Organizations (tenants), users, memberships with roles, sessions and API tokens: the types
// and their validation rules. No I/O. Siblings: repo (SQL), service (use cases: login,
// authenticate, members, tokens), pages/api/routes (the web edge).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"

namespace mandate::areas::accounts {

struct Organization {
  OrgId id;
  std::string slug;
  std::string name;
  core::Timestamp created_at;
};

struct User {
  UserId id;
  std::string email;  // lower-cased
  std::string display_name;
  std::string password_hash;
  bool disabled = false;
  core::Timestamp created_at;
  std::optional<core::Timestamp> last_login_at;
};

struct Membership {
  OrgId org;
  UserId user;
  Role role = Role::staff;
  std::optional<core::Timestamp> expires_at;  // auditors: access ends then
  core::Timestamp created_at;
  bool expired(core::Timestamp now) const { return expires_at && now >= *expires_at; }
};

struct Session {
  std::string id_hash;  // hex SHA-256 of the cookie value; the value itself is never stored
  UserId user;
  OrgId org;
  std::string csrf_token;
  core::Timestamp created_at;
  core::Timestamp last_seen_at;
  std::optional<core::Timestamp> step_up_at;
};

struct ApiToken {
  TokenId id;
  OrgId org;
  Role role = Role::staff;
  std::string name;
  std::string prefix;  // first characters of the token, shown to recognise it
  UserId created_by;
  core::Timestamp created_at;
  std::optional<core::Timestamp> expires_at;
  std::optional<core::Timestamp> last_used_at;
  std::optional<core::Timestamp> revoked_at;
};

// Session lifetime (issue: 30 min idle, 12 h absolute).
inline constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr std::int64_t kSessionAbsoluteSeconds = 12 * 3600;
inline constexpr const char* kSessionCookie = "__Host-mandate";

// Password rules (NIST SP 800-63B style): 12..1024 characters, no composition rules, not in
// the shipped list of common passwords, not the e-mail address. Adds errors under `field`.
void validate_password(std::string_view password, std::string_view email, Validation& v,
                       const std::string& field = "password");
bool is_common_password(std::string_view password);

// Validation of simple fields; each adds a message under the given field name.
void validate_email(std::string_view email, Validation& v, const std::string& field = "email");
void validate_display_name(std::string_view name, Validation& v,
                           const std::string& field = "display_name");
void validate_org_name(std::string_view name, Validation& v);
// "acme-corp": 2..40 of [a-z0-9-], not starting or ending with '-'.
void validate_slug(std::string_view slug, Validation& v);

}  // namespace mandate::areas::accounts
