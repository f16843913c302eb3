// cli/backup.cpp — `mandate backup DEST` and `mandate restore SRC`.
// SQLite: an online, consistent copy (SQLite backup API), then checked (integrity_check and a
// full ledger verification of the copy). PostgreSQL: prints the pg_dump / pg_restore command.
// Restore refuses a file that does not pass the same checks, and replaces the database file
// atomically (rename) — stop `mandate serve` first.
#include <cstdio>
#include <filesystem>

#include "cli/command.hpp"
#include "cli/verify_util.hpp"
#include "store/backup.hpp"

namespace mandate::cli {
namespace {

// Integrity and ledger checks of a SQLite file; throws SystemError naming what failed.
void check_copy(const Globals& g, const std::string& path) {
  auto ic = store::sqlite_integrity_check(path);
  if (ic != "ok") {
    throw SystemError("integrity check of " + path + " failed: " + ic);
  }
  app::Config c = g.config;
  c.db = "sqlite:" + path;
  auto db = open_db(c, false);
  auto summary = verify_database(*db, c, std::nullopt);
  if (!summary.ok) {
    throw SystemError("ledger verification of " + path + " failed: " + summary.text);
  }
  std::printf("checked %s: integrity ok; %s\n", path.c_str(), summary.text.c_str());
}

}  // namespace

void add_backup(CLI::App& app, Globals& g) {
  static std::string dest, src;
  auto* backup = app.add_subcommand("backup", "Make a consistent, verified copy of the database");
  backup->add_option("DEST", dest, "destination file (must not exist)")->required();
  backup->callback([&g] {
    g.run = [&g] {
      auto path = store::sqlite_path_of(g.config.db);
      if (path.empty()) {
        std::printf(
            "PostgreSQL: back up with pg_dump, for example:\n"
            "  pg_dump --format=custom --file=%s \"%s\"\n"
            "and restore into an empty database with pg_restore --dbname=… %s\n",
            dest.c_str(), g.config.db.c_str(), dest.c_str());
        return 0;
      }
      store::sqlite_backup(path, dest);
      check_copy(g, dest);
      std::printf("backup written to %s\n", dest.c_str());
      return 0;
    };
  });

  auto* restore = app.add_subcommand("restore", "Replace the database with a verified backup (server stopped)");
  restore->add_option("SRC", src, "backup file made by mandate backup")->required()->check(CLI::ExistingFile);
  restore->callback([&g] {
    g.run = [&g] {
      auto path = store::sqlite_path_of(g.config.db);
      if (path.empty()) {
        throw SystemError("restore works on SQLite databases; for PostgreSQL use pg_restore");
      }
      check_copy(g, src);
      // Copy next to the target, then rename over it: the database is never half-written.
      std::string tmp = path + ".restore-tmp";
      std::filesystem::remove(tmp);
      store::sqlite_backup(src, tmp);
      for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
      }
      std::filesystem::rename(tmp, path);
      std::printf("restored %s from %s\n", path.c_str(), src.c_str());
      return 0;
    };
  });
}

}  // namespace mandate::cli
