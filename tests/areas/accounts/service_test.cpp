// Accounts use cases on both backends: login, throttling, sessions, switching, members, tokens.
#include "areas/accounts/service.hpp"

#include <gtest/gtest.h>

#include "areas/area_fixture.hpp"

namespace mandate::areas::accounts {
namespace {

using test::kAdminPassword;

class AccountsTest : public test::AreaTest {
 protected:
  LoginInput creds(std::string pw = kAdminPassword, std::string ip = "127.0.0.1") {
    return LoginInput{"Admin@Example.com ", std::move(pw), std::move(ip), "test"};
  }
  UserId add_user(const std::string& email, Role role,
                  std::optional<core::Timestamp> expires = std::nullopt) {
    auto u = create_user(env(), admin(), {email, "User " + email, "a long enough passphrase 1"});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    auto m = set_member(env(), admin(), {email, role, expires});
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return *u;
  }
};

TEST_P(AccountsTest, LoginOpensSessionInFirstOrganization) {
  auto r = login(env(), creds());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cookie_value.size(), 43u);  // 32 bytes base64url
  EXPECT_NE(r->session.id_hash, r->cookie_value);
  auto who = authenticate_session(env(), r->cookie_value);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->org, org());
  EXPECT_EQ(who->role, Role::admin);
  EXPECT_FALSE(who->csrf_token.empty());
}

TEST_P(AccountsTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto wrong = login(env(), creds("wrong password entirely"));
  LoginInput unknown = creds();
  unknown.email = "nobody@example.com";
  auto none = login(env(), unknown);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(none);
  EXPECT_EQ(wrong.error().code, Errc::unauthorized);
  EXPECT_EQ(wrong.error().message, none.error().message);
}

TEST_P(AccountsTest, AccountIsThrottledAfterFiveFailuresThenRecovers) {
  for (int i = 0; i < kMaxFailuresPerAccount; ++i) {
    EXPECT_EQ(login(env(), creds("wrong password entirely")).error().code, Errc::unauthorized);
  }
  auto blocked = login(env(), creds());  // even the right password
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, Errc::too_many);
  EXPECT_GT(blocked.error().retry_after_s, 0);
  EXPECT_LE(blocked.error().retry_after_s, kThrottleWindowSeconds + 1);
  clock_.advance_seconds(kThrottleWindowSeconds + 1);
  EXPECT_TRUE(login(env(), creds()));
}

TEST_P(AccountsTest, AddressIsThrottledAcrossAccounts) {
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    LoginInput in = creds("wrong password entirely", "10.9.9.9");
    in.email = "user" + std::to_string(i) + "@example.com";
    EXPECT_FALSE(login(env(), in));
  }
  EXPECT_EQ(login(env(), creds(kAdminPassword, "10.9.9.9")).error().code, Errc::too_many);
  EXPECT_TRUE(login(env(), creds(kAdminPassword, "10.9.9.10")));
}

TEST_P(AccountsTest, ASuccessDoesNotResetTheAddressCount) {
  for (int i = 0; i < kMaxFailuresPerAddress - 1; ++i) {
    LoginInput in = creds("wrong password entirely", "10.8.8.8");
    in.email = "user" + std::to_string(i) + "@example.com";
    EXPECT_FALSE(login(env(), in));
  }
  EXPECT_TRUE(login(env(), creds(kAdminPassword, "10.8.8.8")));
  LoginInput one_more = creds("wrong password entirely", "10.8.8.8");
  one_more.email = "someone@example.com";
  EXPECT_EQ(login(env(), one_more).error().code, Errc::unauthorized);
  EXPECT_EQ(login(env(), creds(kAdminPassword, "10.8.8.8")).error().code, Errc::too_many);
}

TEST_P(AccountsTest, SessionEndsAfterIdleAndAbsoluteTimeouts) {
  auto r = login(env(), creds());
  ASSERT_TRUE(r);
  clock_.advance_seconds(kSessionIdleSeconds - 10);
  EXPECT_TRUE(authenticate_session(env(), r->cookie_value));  // activity slides the window
  clock_.advance_seconds(kSessionIdleSeconds - 10);
  EXPECT_TRUE(authenticate_session(env(), r->cookie_value));
  clock_.advance_seconds(kSessionIdleSeconds + 1);
  EXPECT_FALSE(authenticate_session(env(), r->cookie_value));

  auto again = login(env(), creds());
  ASSERT_TRUE(again);
  for (int i = 0; i < 25; ++i) {  // active every 29 min for more than 12 h
    clock_.advance_seconds(29 * 60);
    if (!authenticate_session(env(), again->cookie_value)) {
      EXPECT_GT((i + 1) * 29 * 60, kSessionAbsoluteSeconds);
      return;
    }
  }
  FAIL() << "session outlived the absolute timeout";
}

TEST_P(AccountsTest, LoginRotatesAndLogoutEndsTheSession) {
  auto first = login(env(), creds());
  auto second = login(env(), creds(), first->cookie_value);
  ASSERT_TRUE(second);
  EXPECT_FALSE(authenticate_session(env(), first->cookie_value));
  logout(env(), second->cookie_value);
  EXPECT_FALSE(authenticate_session(env(), second->cookie_value));
}

TEST_P(AccountsTest, ExpiredAuditorSessionEnds) {
  auto until = core::Timestamp{clock_.now().us + 3600LL * 1'000'000};
  add_user("auditor@example.com", Role::auditor, until);
  auto r = login(env(), LoginInput{"auditor@example.com", "a long enough passphrase 1", "1.1.1.1", ""});
  ASSERT_TRUE(r);
  auto who = authenticate_session(env(), r->cookie_value);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->role, Role::auditor);
  clock_.advance_seconds(3601);
  EXPECT_FALSE(authenticate_session(env(), r->cookie_value));
}

TEST_P(AccountsTest, AuditorsNeedAnExpiry) {
  create_user(env(), admin(), {"aud@example.com", "Aud", "a long enough passphrase 1"});
  auto r = set_member(env(), admin(), {"aud@example.com", Role::auditor, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().fields.contains("expires_at"));
}

TEST_P(AccountsTest, PasswordRulesNameTheField) {
  for (const char* pw : {"short", "password1234", "123456789012"}) {
    auto r = create_user(env(), admin(), {"x@example.com", "X", pw});
    ASSERT_FALSE(r) << pw;
    EXPECT_TRUE(r.error().fields.contains("password")) << pw;
  }
  EXPECT_TRUE(create_user(env(), admin(), {"x@example.com", "X", "violet staple engine river"}));
  auto dup = create_user(env(), admin(), {"X@example.com", "X", "violet staple engine river"});
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().fields.contains("email"));
}

TEST_P(AccountsTest, OnlyAdminsManageMembersAndTokens) {
  for (Role r : kAllRoles) {
    if (r == Role::admin) {
      continue;
    }
    auto before = ledger_size(org());
    EXPECT_EQ(set_member(env(), as(r), {"admin@example.com", Role::staff, {}}).error().code,
              Errc::forbidden);
    EXPECT_EQ(create_token(env(), as(r), {"t", Role::staff, {}}).error().code, Errc::forbidden);
    EXPECT_EQ(ledger_size(org()), before);
  }
}

TEST_P(AccountsTest, LastAdminCannotBeDemotedOrRemoved) {
  auto before = ledger_size(org());
  auto r = set_member(env(), admin(), {"admin@example.com", Role::staff, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::conflict);
  EXPECT_EQ(remove_member(env(), admin(), admin_user_).error().code, Errc::conflict);
  EXPECT_EQ(ledger_size(org()), before);
}

TEST_P(AccountsTest, MembershipChangesAreInTheLedger) {
  auto before = ledger_size(org());
  UserId u = add_user("ism@example.com", Role::isms_manager);
  EXPECT_EQ(ledger_size(org()), before + 1);
  ASSERT_TRUE(set_member(env(), admin(), {"ism@example.com", Role::top_management, {}}));
  ASSERT_TRUE(remove_member(env(), admin(), u));
  auto entries = db().read([&](store::Transaction& tx) {
    ledger::Filter f;
    f.entity_type = "membership";
    return ledger::list(tx, org(), f);
  });
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "revoke");
  EXPECT_EQ(entries[1].action, "update");
  EXPECT_NE(entries[1].payload.find("\"previous_role\":\"isms_manager\""), std::string::npos);
  EXPECT_EQ(entries[2].action, "grant");
}

TEST_P(AccountsTest, SwitchingRequiresMembership) {
  auto other = create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other);
  auto r = login(env(), creds());
  ASSERT_TRUE(switch_org(env(), r->session.id_hash, admin_user_, *other));
  EXPECT_EQ(authenticate_session(env(), r->cookie_value)->org, *other);
  UserId u = add_user("staff@example.com", Role::staff);
  EXPECT_EQ(switch_org(env(), r->session.id_hash, u, *other).error().code, Errc::forbidden);
  EXPECT_EQ(my_orgs(env(), admin_user_).size(), 2u);
}

TEST_P(AccountsTest, TokensAuthenticateUntilRevokedOrExpired) {
  auto t = create_token(env(), admin(), {"hr-sync", Role::isms_manager, {}});
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->secret.starts_with("mdt_"));
  auto who = authenticate_token(env(), t->secret);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->role, Role::isms_manager);
  EXPECT_EQ(who->org, org());
  EXPECT_FALSE(authenticate_token(env(), t->secret + "x"));
  ASSERT_TRUE(revoke_token(env(), admin(), t->token.id));
  EXPECT_FALSE(authenticate_token(env(), t->secret));
  EXPECT_EQ(revoke_token(env(), admin(), t->token.id).error().code, Errc::conflict);

  auto soon = core::Timestamp{clock_.now().us + 60'000'000};
  auto e = create_token(env(), admin(), {"short", Role::auditor, soon});
  ASSERT_TRUE(e);
  EXPECT_TRUE(authenticate_token(env(), e->secret));
  clock_.advance_seconds(61);
  EXPECT_FALSE(authenticate_token(env(), e->secret));
  auto listed = list_tokens(env(), admin());
  EXPECT_EQ(listed.size(), 2u);
}

TEST_P(AccountsTest, StepUpChecksThePassword) {
  auto r = login(env(), creds());
  auto bad = step_up(env(), r->session.id_hash, admin_user_, "not it at all", "127.0.0.1");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().fields.contains("password"));
  EXPECT_FALSE(authenticate_session(env(), r->cookie_value)->step_up_at);
  ASSERT_TRUE(step_up(env(), r->session.id_hash, admin_user_, kAdminPassword, "127.0.0.1"));
  EXPECT_EQ(authenticate_session(env(), r->cookie_value)->step_up_at, clock_.now());
}

TEST_P(AccountsTest, InitialiseOnlyOnce) {
  auto again = initialise(env(), {"b@example.com", "B", "another long passphrase"}, "B", "b-co");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::areas::accounts
