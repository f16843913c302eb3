// cli/ledger.cpp — `mandate ledger prove --org ID --seq N`: an inclusion proof of one entry
// against the latest signed checkpoint, printed for offline verification; and
// `mandate ledger checkpoint`: write checkpoints now.
#include <cstdio>

#include "cli/command.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/proof.hpp"

namespace mandate::cli {

void add_ledger(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("ledger", "Ledger proofs and checkpoints");
  cmd->require_subcommand(1);
  auto* prove = cmd->add_subcommand("prove", "Print an inclusion proof for one entry");
  static std::int64_t org = 0, seq = 0;
  prove->add_option("--org", org, "organization id")->required();
  prove->add_option("--seq", seq, "entry sequence number")->required()->check(CLI::PositiveNumber);
  prove->callback([&g] {
    g.run = [&g] {
      auto db = open_db(g.config, false);
      auto proof = db->read([&](store::Transaction& tx) { return ledger::prove(tx, OrgId{org}, seq); });
      if (!proof) {
        throw ErrorException(proof.error());
      }
      auto signer = ledger::load_key_file(g.config.key_file);
      std::printf("%s", ledger::render(*proof).c_str());
      std::printf("verifier key: %s\n", signer.verifier_key().c_str());
      return 0;
    };
  });
  auto* checkpoint = cmd->add_subcommand("checkpoint", "Write a signed checkpoint for every organization with new entries");
  checkpoint->callback([&g] {
    g.run = [&g] {
      auto db = open_db(g.config);
      auto signer = ledger::load_key_file(g.config.key_file);
      core::SystemClock clock;
      auto n = ledger::checkpoint_all(*db, signer, clock);
      std::printf("%zu checkpoint(s) written\n", static_cast<std::size_t>(n));
      return 0;
    };
  });
}

}  // namespace mandate::cli
