// cli/common.cpp — shared helpers for commands: open the database, pick the organization and the
// caller of a command acting in one, report usage errors, read secrets.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "areas/accounts/repo.hpp"
#include "cli/command.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"

namespace mandate::cli {

std::unique_ptr<store::Database> open_db(const app::Config& c, bool migrate) {
  store::Options o;
  o.migrate = migrate;
  o.read_connections = std::max(2, c.workers);
  return store::Database::open(c.db, o);
}

std::function<int()> reporting_usage_errors(std::function<int()> command) {
  return [command = std::move(command)] {
    try {
      return command();
    } catch (const UsageError& e) {
      std::fprintf(stderr, "mandate: %s\n", e.message.c_str());
      return 2;
    }
  };
}

namespace {

namespace accounts = areas::accounts;

// --org: a numeric id or a slug; optional when the instance has exactly one organization.
accounts::Organization resolve_org(store::Database& db, const std::string& spec) {
  return db.read([&](store::Transaction& tx) -> accounts::Organization {
    if (spec.empty()) {
      auto all = accounts::repo::all_orgs(tx);
      if (all.size() == 1) {
        return all.front();
      }
      if (all.empty()) {
        throw UsageError{"--org: this instance has no organization yet (run mandate init)"};
      }
      throw UsageError{"--org is required: this instance has " + std::to_string(all.size()) +
                       " organizations (give an id or a slug)"};
    }
    const bool numeric =
        std::all_of(spec.begin(), spec.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::optional<accounts::Organization> org;
    if (numeric && spec.size() <= 18) {
      org = accounts::repo::find_org(tx, OrgId{std::stoll(spec)});
    }
    if (!org) {
      org = accounts::repo::find_org_by_slug(tx, spec);
    }
    if (!org) {
      throw UsageError{"--org: no organization has the id or slug \"" + spec + "\""};
    }
    return *org;
  });
}

// The system labelled `label`, or the member whose e-mail is `as` with their role.
areas::Caller resolve_caller(store::Database& db, const core::Clock& clock,
                             const accounts::Organization& org, const std::string& as,
                             const std::string& label) {
  if (as.empty()) {
    return areas::Caller::system(org.id, label);
  }
  const std::string email = core::ascii_lower(core::trim(as));
  return db.read([&](store::Transaction& tx) -> areas::Caller {
    auto user = accounts::repo::find_user_by_email(tx, email);
    if (!user) {
      throw UsageError{"--as: no user has the e-mail " + email};
    }
    if (user->disabled) {
      throw UsageError{"--as: the account " + email + " is disabled"};
    }
    auto m = accounts::repo::find_membership(tx, org.id, user->id);
    if (!m || m->expired(clock.now())) {
      throw UsageError{"--as: " + email + " is not a member of " + org.slug};
    }
    return areas::Caller{user->id, TokenId{}, org.id, m->role, user->display_name};
  });
}

}  // namespace

OrgSession open_org_session(Globals& g, const std::string& database, const std::string& org,
                            const std::string& as, const std::string& label) {
  if (!database.empty()) {
    g.config.db = database;
  }
  OrgSession s;
  s.db = open_db(g.config);
  s.org = resolve_org(*s.db, org);
  s.by = resolve_caller(*s.db, s.clock, s.org, as, label);
  return s;
}

namespace {
std::string read_line_noecho(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}
}  // namespace

std::string read_secret(const char* env, const std::string& prompt, bool confirm) {
  if (const char* v = std::getenv(env)) {
    return v;
  }
  if (!isatty(STDIN_FILENO)) {
    throw SystemError(std::string("no terminal to ask for the password: set ") + env);
  }
  std::string first = read_line_noecho(prompt + ": ");
  if (confirm && read_line_noecho("Again: ") != first) {
    throw SystemError("the two passwords differ");
  }
  return first;
}

}  // namespace mandate::cli
