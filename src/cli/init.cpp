// cli/init.cpp — `mandate init`: create the instance signing key (mode 0600) and the first
// organization with its administrator. The password comes from MANDATE_ADMIN_PASSWORD or a
// prompt; there is no default password.
#include <cstdio>
#include <filesystem>

#include "areas/accounts/service.hpp"
#include "cli/command.hpp"
#include "ledger/keys.hpp"

namespace mandate::cli {

void add_init(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("init", "Create the instance key and the first administrator");
  static std::string email, name, org_name = "My organization", org_slug = "main";
  cmd->add_option("--admin-email", email, "the first administrator's e-mail (login)")->required();
  cmd->add_option("--admin-name", name, "the first administrator's name")->required();
  cmd->add_option("--org-name", org_name, "name of the first organization")->capture_default_str();
  cmd->add_option("--org-slug", org_slug, "short name of the first organization")->capture_default_str();
  cmd->callback([&g] {
    g.run = [&g] {
      const auto& c = g.config;
      auto db = open_db(c);
      std::string password =
          read_secret("MANDATE_ADMIN_PASSWORD", "Password for " + email, true);
      core::SystemClock clock;
      areas::Env env{*db, clock};
      // Validate everything before creating the key, so a typo leaves nothing behind.
      bool key_exists = std::filesystem::exists(c.key_file);
      auto r = areas::accounts::initialise(env, {email, name, password}, org_name, org_slug);
      if (!r) {
        throw ErrorException(r.error());
      }
      if (!key_exists) {
        auto signer = ledger::create_key_file(c.key_file, c.instance_name);
        std::printf("instance key written to %s (verifier key: %s)\n", c.key_file.c_str(),
                    signer.verifier_key().c_str());
      } else {
        auto signer = ledger::load_key_file(c.key_file);
        std::printf("using the existing instance key %s (verifier key: %s)\n", c.key_file.c_str(),
                    signer.verifier_key().c_str());
      }
      std::printf("organization \"%s\" (%s) created with administrator %s\n", org_name.c_str(),
                  org_slug.c_str(), email.c_str());
      return 0;
    };
  });
}

}  // namespace mandate::cli
