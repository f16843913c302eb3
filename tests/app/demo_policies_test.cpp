// tests/app/demo_policies_test.cpp — `mandate demo`'s policy set (app/demo_policies.cpp), built
// once into a fresh SQLite database at a fixed "now": the register and its versions, signatures
// made through approve() by the named signers, the cases the indicators must expose (a review
// overdue, a current version approved by the ISM alone, partial coverage with Operations'
// leaders lagging), the inbox, "My policies" for the logins, the campaign, the share link, and a
// ledger that verifies and stays in time order in every organization.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/demo.hpp"
#include "areas/accounts/service.hpp"
#include "areas/policies/service.hpp"
#include "core/crypto.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/verify.hpp"
#include "support/test_db.hpp"

namespace mandate {
namespace {

namespace policies = areas::policies;
using areas::Caller;
using areas::Env;

const core::Timestamp kNow = *core::parse_timestamp("2026-06-15T10:00:00Z");

class DemoPoliciesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    core::crypto_init();
    tdb_ = new test::TestDb(test::Backend::sqlite);
    clock_ = new core::FakeClock(kNow);
    auto r = app::build_demo(tdb_->db(), *clock_, app::DemoOptions{});
    ASSERT_TRUE(r) << r.error().message;
    demo_ = new app::DemoResult(*r);
  }
  static void TearDownTestSuite() {
    delete demo_;
    delete clock_;
    delete tdb_;
  }

  static store::Database& db() { return tdb_->db(); }
  static Env env() { return Env{db(), *clock_}; }
  static Caller admin() { return Caller::system(demo_->org, "test"); }
  // The caller a login's session would give: its user and role in the demo organization.
  static Caller login(const std::string& role) {
    for (const auto& l : demo_->logins) {
      if (l.role == role) {
        auto user = db().read([&](store::Transaction& tx) {
          return areas::accounts::repo::find_user_by_email(tx, l.email);
        });
        EXPECT_TRUE(user) << l.email;
        return Caller{user->id, TokenId{}, demo_->org, parse_role(role), l.name};
      }
    }
    ADD_FAILURE() << "no login for " << role;
    return admin();
  }
  static policies::DocRow row(const std::string& ref) {
    auto rows = policies::list(env(), admin(), {});
    EXPECT_TRUE(rows);
    for (const auto& r : *rows) {
      if (r.doc.reference == ref) {
        return r;
      }
    }
    ADD_FAILURE() << "no document " << ref;
    return {};
  }

  static test::TestDb* tdb_;
  static core::FakeClock* clock_;
  static app::DemoResult* demo_;
};
test::TestDb* DemoPoliciesTest::tdb_ = nullptr;
core::FakeClock* DemoPoliciesTest::clock_ = nullptr;
app::DemoResult* DemoPoliciesTest::demo_ = nullptr;

TEST_F(DemoPoliciesTest, BuildsTheInformationSecurityPolicyAndEightTopicSpecificPolicies) {
  auto rows = policies::list(env(), admin(), {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 9u);
  EXPECT_EQ(demo_->policies, 9);
  int topic = 0;
  for (const auto& r : *rows) {
    EXPECT_EQ(r.doc.status, policies::DocStatus::published) << r.doc.reference;
    ASSERT_TRUE(r.current_number) << r.doc.reference;
    topic += r.doc.type == policies::DocType::topic_specific_policy;
  }
  EXPECT_EQ(topic, 8);
  const auto isp = row("POL-001");
  EXPECT_EQ(isp.doc.type, policies::DocType::information_security_policy);
  EXPECT_EQ(isp.current_number, 3);
  EXPECT_TRUE(isp.approved_by_top_management);
}

TEST_F(DemoPoliciesTest, VersionsCarryChangeSummariesMaterialAndNotAndSignaturesByTheCeo) {
  auto view = policies::view(env(), admin(), row("POL-001").doc.id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->versions.size(), 3u);  // newest first
  const auto& v3 = view->versions[0];
  const auto& v2 = view->versions[1];
  EXPECT_EQ(v3.version.number, 3);
  EXPECT_TRUE(v3.version.material);
  EXPECT_FALSE(v2.version.material);
  EXPECT_FALSE(v3.version.change_summary.empty());
  EXPECT_NE(v3.version.content.find("Northwind Freight GmbH"), std::string::npos);
  EXPECT_EQ(v3.version.status, policies::VersionStatus::published);
  EXPECT_EQ(v2.version.status, policies::VersionStatus::archived);
  for (const auto& vv : view->versions) {
    ASSERT_EQ(vv.approvals.size(), 1u) << vv.version.number;
    const auto& a = vv.approvals.front();
    EXPECT_EQ(a.decision, policies::Decision::approved);
    EXPECT_EQ(a.signer_name, "Helena Brandt");
    EXPECT_EQ(a.signer_role, "top_management");
    EXPECT_EQ(a.content_hash, vv.version.content_hash);
    EXPECT_EQ(a.content_hash, policies::content_hash(vv.version.content));
  }
  // Yearly approvals: roughly a year apart, the last one within the review interval.
  const auto at = [&](int i) { return view->versions[i].approvals.front().decided_at->us; };
  EXPECT_GT(at(0) - at(1), 300LL * 86400 * 1'000'000);
  EXPECT_GT(at(1) - at(2), 300LL * 86400 * 1'000'000);
  ASSERT_TRUE(view->review);
  EXPECT_FALSE(view->review->overdue());

  // A typo fix is a version too, and not material.
  auto acp = policies::view(env(), admin(), row("POL-003").doc.id);
  ASSERT_TRUE(acp);
  ASSERT_EQ(acp->versions.size(), 3u);
  EXPECT_FALSE(acp->versions[0].version.material);
  EXPECT_NE(acp->versions[0].version.change_summary.find("Typo"), std::string::npos);
  auto d = policies::diff(env(), admin(), acp->doc.id, 2, 3);
  ASSERT_TRUE(d);
}

TEST_F(DemoPoliciesTest, IndicatorsExposeTheOverdueReviewTheIsmOnlyApprovalAndPartialCoverage) {
  auto ind = policies::indicators(env(), admin());
  ASSERT_TRUE(ind);
  EXPECT_EQ(ind->policies, 9);
  ASSERT_GE(ind->overdue.size(), 1u);
  EXPECT_EQ(ind->overdue.front().doc.reference, "POL-006");
  ASSERT_TRUE(ind->overdue.front().review);
  // Last approved about fifteen months ago with a twelve-month interval.
  EXPECT_LT(ind->overdue.front().review->days_left, -60);
  EXPECT_GT(ind->overdue.front().review->days_left, -120);
  ASSERT_GE(ind->not_approved_by_top_management.size(), 1u);
  EXPECT_TRUE(std::any_of(ind->not_approved_by_top_management.begin(),
                          ind->not_approved_by_top_management.end(),
                          [](const auto& r) { return r.doc.reference == "POL-005"; }));
  EXPECT_EQ(ind->approved_by_top_management + std::ssize(ind->not_approved_by_top_management),
            ind->policies);
  ASSERT_GT(ind->acknowledgments_due, 0);
  const double overall = double(ind->acknowledged) / double(ind->acknowledgments_due);
  EXPECT_GE(overall, 0.70);
  EXPECT_LE(overall, 0.85);
  EXPECT_GT(ind->top_management.audience, 0);
  EXPECT_LT(ind->top_management.share(), overall) << "top management lags behind staff";
  ASSERT_TRUE(ind->days_since_top_management_signoff);
  EXPECT_LT(*ind->days_since_top_management_signoff, 60);
}

TEST_F(DemoPoliciesTest, TheIsmAloneApprovedTheCurrentSupplierPolicy) {
  auto view = policies::view(env(), admin(), row("POL-005").doc.id);
  ASSERT_TRUE(view);
  const auto& current = view->versions.front();
  EXPECT_EQ(current.version.status, policies::VersionStatus::published);
  ASSERT_EQ(current.approvals.size(), 1u);
  EXPECT_EQ(current.approvals.front().signer_name, "Tomás Herrera");
  EXPECT_EQ(current.approvals.front().signer_role, "isms_manager");
}

TEST_F(DemoPoliciesTest, OperationsLeadersLagOnTheInformationSecurityPolicy) {
  const auto id = row("POL-001").doc.id;
  auto c = policies::coverage(env(), admin(), id);
  ASSERT_TRUE(c);
  EXPECT_LT(c->overall.share(), 1.0);
  EXPECT_GT(c->overall.share(), 0.5);
  EXPECT_LT(c->top_management.share(), c->overall.share());
  auto ops = std::find_if(c->departments.begin(), c->departments.end(),
                          [](const auto& d) { return d.label == "Operations"; });
  ASSERT_NE(ops, c->departments.end());
  EXPECT_LT(ops->share(), c->overall.share());
  auto missing = policies::missing(env(), admin(), id);
  ASSERT_TRUE(missing);
  auto coo = std::find_if(missing->begin(), missing->end(),
                          [](const auto& m) { return m.name == "Sofia Lindgren"; });
  ASSERT_NE(coo, missing->end());
  EXPECT_TRUE(coo->top_management);
  EXPECT_EQ(coo->department, "Operations");
  EXPECT_TRUE(std::any_of(missing->begin(), missing->end(), [](const auto& m) {
    return m.department == "Operations" && m.name != "Sofia Lindgren" && m.opened_at.has_value();
  })) << "the staff login opened it but has not acknowledged it";
}

TEST_F(DemoPoliciesTest, TopManagementHasOnePendingApprovalInTheInbox) {
  auto inbox = policies::inbox(env(), login("top_management"));
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ(inbox->front().doc.reference, "POL-002");
  EXPECT_EQ(inbox->front().version.number, 4);
  EXPECT_EQ(inbox->front().version.status, policies::VersionStatus::in_approval);
  EXPECT_EQ(row("POL-004").pending, policies::VersionStatus::draft);
}

TEST_F(DemoPoliciesTest, TheLoginsArePeopleWithTheirOwnPolicies) {
  auto staff = policies::my_policies(env(), login("staff"));
  ASSERT_TRUE(staff);
  ASSERT_TRUE(staff->person);
  auto isp = std::find_if(staff->policies.begin(), staff->policies.end(),
                          [](const auto& p) { return p.doc.reference == "POL-001"; });
  ASSERT_NE(isp, staff->policies.end());
  EXPECT_TRUE(isp->must_acknowledge());
  EXPECT_TRUE(isp->opened_at);
  ASSERT_TRUE(isp->due_on);
  EXPECT_EQ(*isp->due_on, core::days_since_epoch(kNow) + 14);
  // Department-only policies (IT) are not addressed to an Operations dispatcher.
  EXPECT_FALSE(std::any_of(staff->policies.begin(), staff->policies.end(),
                           [](const auto& p) { return p.doc.reference == "POL-008"; }));

  auto ceo = policies::my_policies(env(), login("top_management"));
  ASSERT_TRUE(ceo);
  ASSERT_TRUE(ceo->person);
  for (const auto& p : ceo->policies) {
    EXPECT_FALSE(p.must_acknowledge()) << p.doc.reference << ": the CEO leads by example";
  }
  auto contributor = policies::my_policies(env(), login("contributor"));
  ASSERT_TRUE(contributor);
  EXPECT_TRUE(contributor->person);
}

TEST_F(DemoPoliciesTest, AcknowledgmentsCameFromTheUiAndFromTheLmsToken) {
  db().read([&](store::Transaction& tx) {
    EXPECT_GT(
        tx.query_one("SELECT COUNT(*) FROM policy_acknowledgments WHERE source = 'ui'")->int64(0),
        5);
    EXPECT_GT(
        tx.query_one("SELECT COUNT(*) FROM policy_acknowledgments WHERE source = 'api'")->int64(0),
        1000);
    EXPECT_GT(tx.query_one("SELECT COUNT(*) FROM ledger_entries WHERE org_id = ? AND "
                           "action = 'bulk_acknowledged' AND actor_label = 'token lms-sync'",
                           demo_->org)
                  ->int64(0),
              10);
    // Signers logged in for each signing session, and signed with their password.
    EXPECT_GT(tx.query_one("SELECT COUNT(*) FROM login_attempts WHERE success = 1")->int64(0), 10);
  });
}

TEST_F(DemoPoliciesTest, TheAuditorsShareLinkShowsTheCurrentPolicy) {
  ASSERT_FALSE(demo_->share_link_secret.empty());
  auto shared = policies::view_shared(env(), demo_->share_link_secret);
  ASSERT_TRUE(shared) << shared.error().message;
  EXPECT_EQ(shared->doc.reference, "POL-001");
  EXPECT_EQ(shared->version.number, 3);
  EXPECT_FALSE(shared->superseded);
}

TEST_F(DemoPoliciesTest, TheLedgerVerifiesAndEveryLogIsInTimeOrder) {
  ledger::Signer signer("demo-test", std::string(32, '\x07'));
  ledger::checkpoint_all(db(), signer, *clock_);
  auto report = ledger::verify(db(), std::nullopt, signer.public_key(), signer.name());
  EXPECT_TRUE(report.ok) << report.summary();
  db().read([&](store::Transaction& tx) {
    auto out_of_order = tx.query_one(
        "SELECT COUNT(*) FROM ledger_entries a JOIN ledger_entries b "
        "ON b.org_id = a.org_id AND b.seq = a.seq + 1 WHERE b.at < a.at");
    EXPECT_EQ(out_of_order->int64(0), 0);
    auto future = tx.query_one("SELECT COUNT(*) FROM ledger_entries WHERE at > ?", kNow.us);
    EXPECT_EQ(future->int64(0), 0);
  });
}

}  // namespace
}  // namespace mandate
