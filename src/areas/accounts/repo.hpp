// areas/accounts/repo.hpp
// SQL for organizations, users, memberships, sessions, API tokens and login attempts: the only
// code that touches those tables. Contract-tested on SQLite and PostgreSQL in
// tests/areas/accounts/. Every function blocks; call inside Database::read/write. Throws
// StoreError on database failure (UniqueViolation on a duplicate key).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/accounts/model.hpp"
#include "store/database.hpp"

namespace mandate::areas::accounts::repo {

using store::Transaction;

OrgId insert_org(Transaction& tx, std::string_view slug, std::string_view name, core::Timestamp at);
std::optional<Organization> find_org(Transaction& tx, OrgId id);
std::optional<Organization> find_org_by_slug(Transaction& tx, std::string_view slug);
std::vector<Organization> all_orgs(Transaction& tx);

UserId insert_user(Transaction& tx, std::string_view email, std::string_view display_name,
                   std::string_view password_hash, core::Timestamp at);
std::optional<User> find_user(Transaction& tx, UserId id);
std::optional<User> find_user_by_email(Transaction& tx, std::string_view email_lower);
void set_password_hash(Transaction& tx, UserId id, std::string_view hash);
void set_last_login(Transaction& tx, UserId id, core::Timestamp at);
std::int64_t count_users(Transaction& tx);

void upsert_membership(Transaction& tx, const Membership& m);
std::optional<Membership> find_membership(Transaction& tx, OrgId org, UserId user);
bool delete_membership(Transaction& tx, OrgId org, UserId user);
struct MemberRow {
  Membership membership;
  User user;
};
std::vector<MemberRow> members(Transaction& tx, OrgId org);
// Organizations the user belongs to (memberships not expired at `now`), by name.
std::vector<std::pair<Organization, Membership>> orgs_of_user(Transaction& tx, UserId user,
                                                              core::Timestamp now);
std::int64_t count_members_with_role(Transaction& tx, OrgId org, Role role);

void insert_session(Transaction& tx, const Session& s, std::string_view ip, std::string_view ua);
std::optional<Session> find_session(Transaction& tx, std::string_view id_hash);
void touch_session(Transaction& tx, std::string_view id_hash, core::Timestamp at);
void set_session_org(Transaction& tx, std::string_view id_hash, OrgId org);
void set_session_step_up(Transaction& tx, std::string_view id_hash, core::Timestamp at);
void delete_session(Transaction& tx, std::string_view id_hash);
void delete_sessions_of_user(Transaction& tx, UserId user);
std::int64_t delete_expired_sessions(Transaction& tx, core::Timestamp now);

TokenId insert_token(Transaction& tx, const ApiToken& t, std::string_view token_hash);
std::optional<ApiToken> find_token_by_hash(Transaction& tx, std::string_view token_hash);
std::optional<ApiToken> find_token(Transaction& tx, OrgId org, TokenId id);
std::vector<ApiToken> tokens(Transaction& tx, OrgId org);
void revoke_token(Transaction& tx, TokenId id, core::Timestamp at);
void touch_token(Transaction& tx, TokenId id, core::Timestamp at);

void insert_login_attempt(Transaction& tx, std::string_view key, core::Timestamp at, bool success);
// Failures for `key` at or after `since`, and the time of the latest one. With
// `reset_by_success`, only failures after the key's latest success count (accounts: logging in
// proves the password); without it every failure in the window counts (client addresses: one
// good login must not reset guessing across other accounts).
struct Failures {
  std::int64_t count = 0;
  std::optional<core::Timestamp> latest;
};
Failures failures_since(Transaction& tx, std::string_view key, core::Timestamp since,
                        bool reset_by_success);
void prune_login_attempts(Transaction& tx, core::Timestamp before);

}  // namespace mandate::areas::accounts::repo
