// app/demo.hpp
// `mandate demo`: builds a believable organization for evaluation and tests — ~250 people in
// departments with managers, a dated top-management team, an Information Security Manager, one
// user for each role with a generated password (returned once, never fixed), and two years of
// history in the ledger (the demo clock walks forward through it). Deterministic for a given
// seed except for the passwords, which always come from the system's random source.
#pragma once
#include <string>
#include <vector>

#include "areas/common/caller.hpp"

namespace mandate::app {

struct DemoOptions {
  int people = 250;
  unsigned seed = 27001;
  std::string org_name = "Northwind Logistics";
  std::string org_slug = "northwind";
};

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
  std::string name;
};

struct DemoResult {
  OrgId org;
  OrgId second_org;
  int people = 0;
  std::vector<DemoLogin> logins;
};

// Errc::conflict when the database already has users (demo data goes into a fresh database).
Result<DemoResult> build_demo(store::Database& db, const core::Clock& real_clock,
                              const DemoOptions& opts);

}  // namespace mandate::app
