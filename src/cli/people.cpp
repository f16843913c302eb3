// cli/people.cpp — `mandate people import FILE`: the HR import, as in the UI and the API:
// a preview (--dry-run) or an all-or-nothing apply, with problems reported by line and column.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "areas/accounts/repo.hpp"
#include "areas/people/service.hpp"
#include "cli/command.hpp"

namespace mandate::cli {
namespace {

void print_plan(const areas::people::ImportPlan& p) {
  for (const auto& [header, field] : p.mapping) {
    std::printf("  column \"%s\" -> %s\n", header.c_str(), field.c_str());
  }
  for (const auto& pr : p.problems) {
    std::printf("  line %d%s%s: %s\n", pr.line, pr.column.empty() ? "" : ", column ",
                pr.column.c_str(), pr.message.c_str());
  }
  for (const auto& r : p.rows) {
    if (r.action == areas::people::RowAction::reject) {
      for (const auto& [col, msg] : r.errors) {
        std::printf("  line %d, column \"%s\": %s\n", r.line, col.c_str(), msg.c_str());
      }
    }
  }
  std::printf("%d to create, %d to update, %d unchanged, %d rejected\n", p.creates, p.updates,
              p.unchanged, p.rejects);
}

}  // namespace

void add_people(CLI::App& app, Globals& g) {
  auto* people = app.add_subcommand("people", "Manage people");
  people->require_subcommand(1);
  auto* imp = people->add_subcommand("import", "Import people from an HR CSV export");
  static std::string file, org_slug;
  static bool dry_run = false;
  static std::vector<std::string> maps;
  imp->add_option("FILE", file, "CSV file (UTF-8, header row)")->required()->check(CLI::ExistingFile);
  imp->add_option("--org", org_slug, "organization slug")->required();
  imp->add_flag("--dry-run", dry_run, "only show what would change");
  imp->add_option("--map", maps, "map a CSV header to a field: \"Header=field\" (field or ignore)");
  imp->callback([&g] {
    g.run = [&g] {
      std::ifstream in(file, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      areas::people::ImportOptions opts;
      for (const auto& m : maps) {
        auto eq = m.find('=');
        if (eq == std::string::npos) {
          throw ErrorException(Error::invalid("map", "must look like \"Header=field\""));
        }
        opts.mapping[m.substr(0, eq)] = m.substr(eq + 1);
      }
      auto db = open_db(g.config);
      core::SystemClock clock;
      areas::Env env{*db, clock};
      auto org = db->read([&](store::Transaction& tx) {
        return areas::accounts::repo::find_org_by_slug(tx, org_slug);
      });
      if (!org) {
        throw ErrorException(Error::invalid("org", "no organization has the slug " + org_slug));
      }
      auto by = areas::Caller::system(org->id, "mandate people import (cli)");
      auto plan = dry_run ? areas::people::preview_import(env, by, ss.str(), opts)
                          : areas::people::apply_import(env, by, ss.str(), opts);
      if (!plan) {
        throw ErrorException(plan.error());
      }
      print_plan(*plan);
      if (!plan->ok()) {
        std::printf("nothing was imported: fix the problems above and run again\n");
        return 2;
      }
      std::printf(dry_run ? "dry run: nothing written\n" : "imported\n");
      return 0;
    };
  });
}

}  // namespace mandate::cli
