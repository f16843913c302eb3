// areas/common/names.hpp
// Printed names the services put into views, signatures and ledger data: the signer's name and a
// person's name, read in the caller's transaction. Header-only. Throws StoreError on database
// failure; blocks, call inside Database::run().
#pragma once
#include <optional>
#include <string>

#include "areas/accounts/repo.hpp"
#include "areas/common/caller.hpp"
#include "areas/people/repo.hpp"

namespace mandate::areas {

// The name a signature by `by` records: the account's display name, or the caller's label when
// there is no such account.
inline std::string signer_name(store::Transaction& tx, const Caller& by) {
  if (auto u = accounts::repo::find_user(tx, by.user)) {
    return u->display_name;
  }
  return by.label;
}

// The name of person `p` of organization `org`; "" for no person or one not in `org`.
inline std::string person_name(store::Transaction& tx, OrgId org, std::optional<PersonId> p) {
  if (!p) {
    return "";
  }
  auto person = people::repo::find(tx, org, *p);
  return person ? person->name : "";
}

}  // namespace mandate::areas
