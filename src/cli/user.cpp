// cli/user.cpp — `mandate user add`: create a user and optionally give them a role in an
// organization. The password comes from MANDATE_USER_PASSWORD or a prompt, never a flag.
#include <cstdio>

#include "areas/accounts/service.hpp"
#include "cli/command.hpp"
#include "core/clock.hpp"

namespace mandate::cli {

void add_user(CLI::App& app, Globals& g) {
  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create a user (password from MANDATE_USER_PASSWORD or a prompt)");
  static std::string email, name, org_slug, role = "staff", expires;
  add->add_option("--email", email, "e-mail address (login)")->required();
  add->add_option("--name", name, "display name")->required();
  add->add_option("--org", org_slug, "organization slug to add the user to");
  add->add_option("--role", role, "role in that organization")
      ->check(CLI::IsMember({"admin", "top_management", "isms_manager", "contributor", "staff",
                             "auditor"}));
  add->add_option("--expires", expires, "membership expiry, RFC 3339 UTC (required for auditors)");
  add->callback([&g] {
    g.run = [&g] {
      auto db = open_db(g.config);
      core::SystemClock clock;
      areas::Env env{*db, clock};
      auto cli_caller = areas::Caller::system(OrgId{0}, "mandate user add (cli)");
      std::string password = read_secret("MANDATE_USER_PASSWORD", "Password for " + email, true);
      auto id = areas::accounts::create_user(env, cli_caller, {email, name, password});
      if (!id) {
        throw ErrorException(id.error());
      }
      std::printf("user %lld created: %s\n", static_cast<long long>(id->value), email.c_str());
      if (!org_slug.empty()) {
        auto org = db->read([&](store::Transaction& tx) {
          return areas::accounts::repo::find_org_by_slug(tx, org_slug);
        });
        if (!org) {
          throw ErrorException(Error::invalid("org", "no organization has the slug " + org_slug));
        }
        std::optional<core::Timestamp> until;
        if (!expires.empty()) {
          until = core::parse_timestamp(expires);
          if (!until) {
            throw ErrorException(Error::invalid("expires", "must look like 2026-12-31T18:00:00Z"));
          }
        }
        auto by = areas::Caller::system(org->id, "mandate user add (cli)");
        auto m = areas::accounts::set_member(env, by, {email, *parse_role(role), until});
        if (!m) {
          throw ErrorException(m.error());
        }
        std::printf("added to %s as %s\n", org->name.c_str(), role.c_str());
      }
      return 0;
    };
  });
}

}  // namespace mandate::cli
