// cli/command.hpp
// The `mandate` command line: one file per command (init, serve, migrate, demo, user, people,
// docs, review, verify, ledger, backup), wired in main.cpp. Every command shares the configuration
// settings (app/config.hpp) and reports a failure as one clear line on stderr with a non-zero
// exit code (2 for a usage error).
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/config.hpp"
#include "areas/accounts/model.hpp"
#include "areas/common/caller.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace mandate::cli {

struct Globals {
  app::Config config;
  std::map<std::string, std::string> flag_values;  // setting name -> raw flag value
  std::optional<std::string> config_file;
  std::function<int()> run;                        // the chosen command
  // Resolves the configuration (flags > env > file > defaults). Call first in every command.
  const app::Config& resolve(CLI::App& root);
  CLI::App* root = nullptr;
};

// Opens the configured database (applying migrations unless migrate = false).
std::unique_ptr<store::Database> open_db(const app::Config& c, bool migrate = true);
// A problem with the command line or what it names (a bad argument, an unknown organization or
// user): one line on stderr and exit code 2, through reporting_usage_errors().
struct UsageError {
  std::string message;
};

// The command, wrapped so that a UsageError it throws is printed as "mandate: MESSAGE" on stderr
// and gives exit code 2; anything else passes through. For Globals::run.
std::function<int()> reporting_usage_errors(std::function<int()> command);

// What a command acting in one organization works with: the database, the organization and the
// caller, as the services see them.
struct OrgSession {
  std::unique_ptr<store::Database> db;
  areas::accounts::Organization org;
  areas::Caller by;
  core::SystemClock clock;
  areas::Env env() const { return areas::Env{*db, clock}; }
};

// Opens the database (`database`, a command's --database, when not empty; the configured one,
// --db, otherwise), then picks the organization named by `org` (--org: a numeric id or a slug;
// optional when the instance has exactly one) and the caller: the system, labelled `label`, when
// `as` is empty, or the member whose e-mail is `as` (--as), acting with their role in the
// organization exactly as if signed in. Throws UsageError naming --org or --as when they name no
// usable organization or member; StoreError as open_db().
OrgSession open_org_session(Globals& g, const std::string& database, const std::string& org,
                            const std::string& as, const std::string& label);

// Reads a secret from the environment variable `env` if set, else from the terminal without
// echo (asking twice when `confirm`). Throws SystemError when neither is possible.
std::string read_secret(const char* env, const std::string& prompt, bool confirm);

void add_init(CLI::App& app, Globals& g);
void add_serve(CLI::App& app, Globals& g);
void add_migrate(CLI::App& app, Globals& g);
void add_demo(CLI::App& app, Globals& g);
void add_user(CLI::App& app, Globals& g);
void add_people(CLI::App& app, Globals& g);
void add_docs(CLI::App& app, Globals& g);
void add_review(CLI::App& app, Globals& g);
void add_verify(CLI::App& app, Globals& g);
void add_ledger(CLI::App& app, Globals& g);
void add_backup(CLI::App& app, Globals& g);

}  // namespace mandate::cli
