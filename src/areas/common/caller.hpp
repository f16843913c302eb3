// areas/common/caller.hpp
// Who is acting, as every service sees it: the user or API token, the organization it acts in
// (always taken from the session or token, never from the request), its role there, and the
// printed name that goes into the ledger. Also the environment services run in (database,
// clock). Shared by every area; no I/O here.
#pragma once
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "ledger/ledger.hpp"
#include "store/database.hpp"

namespace mandate::areas {

struct Caller {
  UserId user;
  TokenId token;             // set when acting through an API token
  OrgId org;
  std::optional<Role> role;  // role in `org`
  std::string label;         // printed name: "Ada Lovelace" or "token hr-sync"

  static Caller system(OrgId org, std::string label) {
    return Caller{UserId{}, TokenId{}, org, Role::admin, std::move(label)};
  }
  bool has_role(RoleSet allowed) const { return role && allowed.contains(*role); }
  ledger::Actor actor() const {
    if (token) {
      return {ledger::ActorKind::token, token.value, label};
    }
    if (user) {
      return {ledger::ActorKind::user, user.value, label};
    }
    return {ledger::ActorKind::system, 0, label};
  }
};

struct Env {
  store::Database& db;
  const core::Clock& clock;
};

// Defense in depth behind the router's per-route check: services re-check the role.
inline Status require_role(const Caller& c, RoleSet allowed) {
  if (!c.has_role(allowed)) {
    return fail(Errc::forbidden, "Your role does not allow this.");
  }
  return {};
}

// Writes a ledger entry for `c` in `tx` at the clock's now.
inline ledger::Entry record(store::Transaction& tx, const Env& env, const Caller& c,
                            std::string entity_type, std::string entity_id, std::string action,
                            core::json::object data) {
  return ledger::append(tx, env.clock.now(),
                        ledger::EntryInput{c.org, c.actor(), std::move(entity_type),
                                           std::move(entity_id), std::move(action),
                                           std::move(data)});
}

}  // namespace mandate::areas
