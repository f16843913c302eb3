// cli/main.cpp — the `mandate` binary: global settings, subcommands, one error line on failure.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "cli/command.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/result.hpp"

#ifndef MANDATE_VERSION
#define MANDATE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace mandate;
  CLI::App app{"Mandate — leadership and commitment of an ISMS, on the record.", "mandate"};
  app.set_version_flag("--version", std::string("mandate ") + MANDATE_VERSION);
  app.require_subcommand(1);
  cli::Globals g;
  g.root = &app;
  // Settings are accepted by every subcommand (they fall through to the root).
  static std::map<std::string, std::string> raw;
  for (auto& s : app::settings(g.config)) {
    std::string flag = "--" + s.name;
    for (auto& c : flag) {
      c = c == '_' ? '-' : c;
    }
    app.add_option(flag, raw[s.name], s.help + " [env MANDATE_" + [&] {
      std::string e;
      for (char c : s.name) {
        e.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      }
      return e;
    }() + "]");
  }
  std::string config_file;
  app.add_option("--config", config_file, "YAML config file [env MANDATE_CONFIG]");

  cli::add_init(app, g);
  cli::add_serve(app, g);
  cli::add_migrate(app, g);
  cli::add_demo(app, g);
  cli::add_user(app, g);
  cli::add_people(app, g);
  cli::add_docs(app, g);
  cli::add_review(app, g);
  cli::add_verify(app, g);
  cli::add_ledger(app, g);
  cli::add_backup(app, g);
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every other parse failure is a usage error: exit 2.
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (auto& [name, value] : raw) {
      std::string flag = "--" + name;
      for (auto& c : flag) {
        c = c == '_' ? '-' : c;
      }
      if (app.count(flag) > 0) {
        g.flag_values[name] = value;
      }
    }
    if (app.count("--config") > 0) {
      g.config_file = config_file;
    }
    app::resolve(g.config, g.flag_values, g.config_file);
    spdlog::set_level(spdlog::level::from_str(g.config.log_level));
    core::crypto_init();
    return g.run ? g.run() : 0;
  } catch (const ErrorException& e) {
    std::fprintf(stderr, "mandate: %s\n", e.error.message.c_str());
    for (const auto& [field, msg] : e.error.fields) {
      std::fprintf(stderr, "  %s: %s\n", field.c_str(), msg.c_str());
    }
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mandate: %s\n", e.what());
    return 1;
  }
}
