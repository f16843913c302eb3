// tests/areas/area_fixture.hpp
// A migrated database (both backends) with one initialised organization, its admin, a fake
// clock, and helpers to make callers of any role. Base for the area service tests.
#pragma once
#include <gtest/gtest.h>

#include "areas/accounts/service.hpp"
#include "areas/common/caller.hpp"
#include "core/crypto.hpp"
#include "support/test_db.hpp"

namespace mandate::test {

inline constexpr const char* kAdminPassword = "correct horse battery staple";

class AreaTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    core::crypto_init();
    auto init = areas::accounts::initialise(
        env(), {"admin@example.com", "Ada Admin", kAdminPassword}, "Acme Ltd", "acme");
    ASSERT_TRUE(init) << init.error().message;
    org_ = init->org;
    admin_user_ = init->user;
  }

  areas::Env env() { return areas::Env{db(), clock_}; }
  OrgId org() const { return org_; }
  areas::Caller as(Role r, OrgId o = OrgId{}) const {
    return areas::Caller{admin_user_, TokenId{}, o ? o : org_, r, "Ada Admin"};
  }
  areas::Caller admin() const { return as(Role::admin); }
  std::int64_t ledger_size(OrgId o) {
    return db().read([&](store::Transaction& tx) { return ledger::size(tx, o); });
  }

  core::FakeClock clock_{*core::parse_timestamp("2026-03-01T09:00:00Z")};
  OrgId org_;
  UserId admin_user_;
};

}  // namespace mandate::test
