// ledger/verify.hpp
// Full verification of the ledger, as `mandate verify`, the ledger page and the API run it:
// every entry's leaf hash is recomputed from its fields, sequence numbers must run 1..N without
// gaps, the head must equal N, and every checkpoint must carry a valid signature by the
// instance key, name its organization, and have the root recomputed over its first tree_size
// leaves; consecutive checkpoints must be consistent (RFC 6962 consistency proof checked with
// the RFC 9162 algorithm). Failures name the first entry or checkpoint that does not hold.
// Blocks; reads in one transaction; memory ≈ 64 bytes per entry of the largest organization.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "store/database.hpp"

namespace mandate::ledger {

struct Failure {
  OrgId org;
  enum class Kind { entry, head, checkpoint } kind = Kind::entry;
  std::int64_t where = 0;  // seq for entries; tree_size for checkpoints; size for the head
  std::string what;
};

struct Report {
  bool ok = true;
  std::int64_t orgs = 0;
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  std::vector<Failure> failures;  // the first failure of each organization, in org order
  // One line: "3 organizations, 1204 entries and 7 checkpoints verified" or the first failure.
  std::string summary() const;
};

// `org` limits verification to one organization. `public_key` and `key_name` identify the
// instance key (checkpoints signed by anything else fail).
Report verify(store::Database& db, std::optional<OrgId> org, std::string_view public_key,
              std::string_view key_name);

}  // namespace mandate::ledger
