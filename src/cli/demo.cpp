// cli/demo.cpp — `mandate demo`: a believable organization in a fresh database, with generated
// logins printed once (see app/demo.hpp). Creates the instance key if missing.
#include <cstdio>
#include <filesystem>

#include "app/demo.hpp"
#include "cli/command.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"

namespace mandate::cli {

void add_demo(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("demo", "Load a demo organization into a fresh database");
  static app::DemoOptions opts;
  cmd->add_option("--people", opts.people, "number of people")->check(CLI::Range(20, 200000))->capture_default_str();
  cmd->add_option("--seed", opts.seed, "random seed for names and history")->capture_default_str();
  cmd->callback([&g] {
    g.run = [&g] {
      const auto& c = g.config;
      auto db = open_db(c);
      if (!std::filesystem::exists(c.key_file)) {
        ledger::create_key_file(c.key_file, c.instance_name);
      }
      auto signer = ledger::load_key_file(c.key_file);
      core::SystemClock clock;
      auto r = app::build_demo(*db, clock, opts);
      if (!r) {
        throw ErrorException(r.error());
      }
      ledger::checkpoint_all(*db, signer, clock);
      std::printf("Demo organization loaded: %d people, %d policies and %d meetings in \"%s\", "
                  "plus a second organization.\n",
                  r->people, r->policies, r->meetings, opts.org_name.c_str());
      std::printf("Logins (generated for this run; shown only now):\n");
      for (const auto& l : r->logins) {
        std::printf("  %-15s %-34s %s\n", l.role.c_str(), l.email.c_str(), l.password.c_str());
      }
      if (!r->share_link_secret.empty()) {
        std::printf("The auditor's share link to the information security policy: /p/%s\n",
                    r->share_link_secret.c_str());
      }
      std::fflush(stdout);
      return 0;
    };
  });
}

}  // namespace mandate::cli
