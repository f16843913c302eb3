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
