// cli/verify_util.hpp — shared by `mandate verify`, backup and restore: verify the ledger of a
// database with the instance's public key and summarise it in one line.
#pragma once
#include <optional>
#include <string>

#include "app/config.hpp"
#include "core/ids.hpp"
#include "store/database.hpp"

namespace mandate::cli {

struct VerifySummary {
  bool ok = false;
  std::string text;  // one line: counts, or the first failure
};
VerifySummary verify_database(store::Database& db, const app::Config& c, std::optional<OrgId> org);

}  // namespace mandate::cli
