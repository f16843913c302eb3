// cli/migrate.cpp — `mandate migrate`: apply pending schema migrations and report the version.
#include <cstdio>

#include "cli/command.hpp"
#include "store/migrations.hpp"

namespace mandate::cli {

void add_migrate(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("migrate", "Apply pending database migrations");
  cmd->callback([&g] {
    g.run = [&g] {
      auto db = open_db(g.config, false);
      int before = store::schema_version(*db);
      int applied = store::migrate(*db);
      std::printf("schema version %d -> %d (%d migration%s applied)\n", before,
                  store::schema_version(*db), applied, applied == 1 ? "" : "s");
      return 0;
    };
  });
}

}  // namespace mandate::cli
