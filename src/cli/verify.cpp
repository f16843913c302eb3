// cli/verify.cpp — `mandate verify [--org ID]`: recompute every leaf and root, check every
// checkpoint's signature and consistency; on failure name the first entry or checkpoint that
// does not hold and exit 1.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/verify_util.hpp"
#include "ledger/keys.hpp"
#include "ledger/verify.hpp"

namespace mandate::cli {

VerifySummary verify_database(store::Database& db, const app::Config& c, std::optional<OrgId> org) {
  auto signer = ledger::load_key_file(c.key_file);
  auto report = ledger::verify(db, org, signer.public_key(), signer.name());
  return VerifySummary{report.ok, report.summary()};
}

void add_verify(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("verify", "Verify the ledger (every entry, root and checkpoint)");
  static std::int64_t org = -1;
  cmd->add_option("--org", org, "only this organization id (0: the instance log)");
  cmd->callback([&g] {
    g.run = [&g] {
      auto db = open_db(g.config, false);
      auto summary = verify_database(*db, g.config, org >= 0 ? std::optional(OrgId{org}) : std::nullopt);
      std::printf("%s %s\n", summary.ok ? "OK" : "FAILED", summary.text.c_str());
      return summary.ok ? 0 : 1;
    };
  });
}

}  // namespace mandate::cli
