// areas/accounts/service.hpp
// Use cases for accounts: log in and out, resolve a session cookie or API token to a caller,
// switch organization, step-up re-authentication, and administration of organizations, users,
// members and API tokens. Authorization is re-checked here and every state change writes its
// ledger entry in the same transaction (sessions and login attempts are authentication state,
// not governance records: they go to the access log and login_attempts, not the ledger).
// All functions block (database, Argon2id): call them on the worker pool.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/accounts/model.hpp"
#include "areas/accounts/repo.hpp"
#include "areas/common/caller.hpp"

namespace mandate::areas::accounts {

// Login throttling policy.
inline constexpr int kMaxFailuresPerAccount = 5;    // within the window → locked
inline constexpr int kMaxFailuresPerAddress = 30;
inline constexpr std::int64_t kThrottleWindowSeconds = 15 * 60;

struct LoginInput {
  std::string email;
  std::string password;
  std::string ip;
  std::string user_agent;
};

struct LoginResult {
  std::string cookie_value;  // the new session id: goes to the client, never stored or logged
  Session session;
  User user;
};

// Verifies the credentials and opens a new session (a fresh id, so a pre-login session id can
// never be reused: `previous_cookie`, if any, is deleted). The session starts in the user's
// home organization: the oldest unexpired membership.
// Errors: Errc::unauthorized with the same message for unknown e-mail, wrong password and
//         disabled account; Errc::too_many (retry_after_s set) when throttled.
Result<LoginResult> login(const Env& env, const LoginInput& in,
                          std::optional<std::string> previous_cookie = std::nullopt);

// The resolved caller for a request.
struct Authenticated {
  User user;
  OrgId org;
  std::optional<Role> role;
  std::string session_id_hash;  // when by session
  std::string csrf_token;
  std::optional<ApiToken> token;  // when by API token
  std::optional<core::Timestamp> step_up_at;
};

// Resolves a session cookie: unknown, idle for 30 min, older than 12 h, or belonging to a
// disabled user → nullopt (and the session row is deleted). An expired membership (auditors)
// in the session's organization ends the session too.
std::optional<Authenticated> authenticate_session(const Env& env, std::string_view cookie_value);
// Resolves "Bearer <token>": unknown, revoked or expired → nullopt. Records last use.
std::optional<Authenticated> authenticate_token(const Env& env, std::string_view token);

void logout(const Env& env, std::string_view cookie_value);

// Organizations the user can switch to (unexpired memberships).
std::vector<std::pair<Organization, Membership>> my_orgs(const Env& env, UserId user);
// Errc::forbidden when the user is not an (unexpired) member of `org`.
Status switch_org(const Env& env, std::string_view session_id_hash, UserId user, OrgId org);

// Re-asks the password inside a session (for signatures). Errc::unauthorized when wrong (the
// attempt counts towards throttling), Errc::too_many when throttled.
Status step_up(const Env& env, std::string_view session_id_hash, UserId user,
               std::string_view password, std::string_view ip);

// --- Administration (role admin in the caller's organization) ---

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
};
// Creates a user (instance log entry). Errc::invalid (fields email — also when the e-mail is
// taken —, display_name, password).
Result<UserId> create_user(const Env& env, const Caller& by, const NewUser& in);

// Creates an organization and makes `first_admin` its admin. Errc::invalid (name, slug),
// Errc::conflict (slug taken).
Result<OrgId> create_org(const Env& env, const Caller& by, std::string_view name,
                         std::string_view slug, UserId first_admin);

struct MemberInput {
  std::string email;
  Role role = Role::staff;
  std::optional<core::Timestamp> expires_at;  // required for auditors
};
// Adds an existing user (by e-mail) to the caller's organization or changes their role.
// Errc::invalid (email: no such user; expires_at: required for auditors / in the past),
// Errc::conflict when it would leave the organization without an admin.
Status set_member(const Env& env, const Caller& by, const MemberInput& in);
Status remove_member(const Env& env, const Caller& by, UserId user);
std::vector<repo::MemberRow> list_members(const Env& env, const Caller& by);

struct NewToken {
  std::string name;
  Role role = Role::contributor;
  std::optional<core::Timestamp> expires_at;
};
struct CreatedToken {
  ApiToken token;
  std::string secret;  // "mdt_…": shown once, stored only hashed
};
Result<CreatedToken> create_token(const Env& env, const Caller& by, const NewToken& in);
Status revoke_token(const Env& env, const Caller& by, TokenId id);
std::vector<ApiToken> list_tokens(const Env& env, const Caller& by);

// Instance bootstrap for `mandate init`: first organization + first admin, when there are no
// users yet. Errc::conflict when already initialised.
struct InitResult {
  OrgId org;
  UserId user;
};
Result<InitResult> initialise(const Env& env, const NewUser& admin, std::string_view org_name,
                              std::string_view org_slug);

}  // namespace mandate::areas::accounts
