// The minutes' data on both backends: the meeting without its history, a review's frozen inputs,
// the actions made from its decisions, the organization's name, and the ledger anchor of the
// sign-off — whose root must equal the root of the organization's log at the sign-off entry,
// however much the log has grown since — with the latest signed checkpoint; the file name.
#include <gtest/gtest.h>

#include "areas/meetings/review_fixture.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/merkle.hpp"

namespace mandate::areas::meetings {
namespace {

using test_support::ReviewFixture;

class MinutesTest : public ReviewFixture {
 protected:
  std::string root_at(std::int64_t size) {
    return db().read([&](store::Transaction& tx) {
      auto leaves = ledger::leaf_hashes(tx, org(), size);
      EXPECT_EQ(static_cast<std::int64_t>(leaves.size()), size);
      return core::hex(ledger::tree_root(leaves));
    });
  }
  std::int64_t sign_entry_seq(MeetingId m) {
    ledger::Filter f;
    f.entity_type = "meeting";
    f.entity_id = m.str();
    f.limit = 100;
    auto entries = db().read([&](store::Transaction& tx) { return ledger::list(tx, org(), f); });
    for (const auto& e : entries) {
      if (e.action == "sign") {
        return e.seq;
      }
    }
    ADD_FAILURE() << "no sign entry";
    return 0;
  }
};

TEST_P(MinutesTest, SignedReviewMinutesCarryInputsActionsAndTheLedgerAnchor) {
  at("2026-02-20T09:00:00Z");
  auto r = meeting(MeetingType::management_review, "Review 2026-03", "2026-03-01T09:00:00Z");
  auto vpn =
      decide(r, "Replace the VPN concentrator", DecisionType::improvement, olga_p_, "2026-06-30");
  auto hire = decide(r, "Hire a security engineer", DecisionType::resource, ivan_p_, "2026-09-30");
  decide(r, "No owner, no action", DecisionType::other);
  at("2026-03-02T09:00:00Z");
  sign_off(r);
  const std::int64_t seq = sign_entry_seq(r);
  const std::string root_then = root_at(seq);

  // The log grows after the sign-off, and a checkpoint is signed over it.
  policy("POL-1", tina_);
  auto other = meeting(MeetingType::board, "Board", "2026-03-10T09:00:00Z");
  const ledger::Signer signer("mandate", std::string(32, 'k'));
  const auto cp = db().write([&](store::Transaction& tx) {
    return ledger::write_checkpoint(tx, org(), signer, clock_.now());
  });
  ASSERT_GT(cp.tree_size, seq);
  ASSERT_NE(root_at(cp.tree_size), root_then);

  at("2026-03-15T09:00:00Z");
  auto m = minutes(env(), as(Role::auditor), r);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->organization, "Acme Ltd");
  EXPECT_EQ(m->generated_at, ts("2026-03-15T09:00:00Z"));
  EXPECT_EQ(m->view.meeting.id, r);
  EXPECT_EQ(m->view.meeting.status, MeetingStatus::signed_off);
  EXPECT_TRUE(m->view.history.empty());
  EXPECT_EQ(m->view.decisions.size(), 3u);

  // The inputs as frozen at sign-off.
  auto frozen = inputs(r);
  ASSERT_TRUE(frozen.frozen);
  ASSERT_EQ(m->inputs.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(to_json(m->inputs[i]), to_json(frozen.inputs[i])) << i;
  }

  // The actions made from its decisions (not the decision without an owner).
  ASSERT_EQ(m->actions.size(), 2u);
  std::vector<actions::ActionId> ids{m->actions[0].action.id, m->actions[1].action.id};
  EXPECT_EQ(ids, (std::vector<actions::ActionId>{action_of(r, vpn), action_of(r, hire)}));
  EXPECT_EQ(m->actions[0].owner_name, "Olga Owner");
  EXPECT_EQ(m->actions[0].action.source, actions::Source::management_review);

  // The anchor: leaf seq - 1, the tree of the first seq entries, as the log had it then.
  ASSERT_TRUE(m->anchor);
  EXPECT_EQ(m->view.meeting.signoff_seq, seq);
  EXPECT_EQ(m->anchor->tree_size, seq);
  EXPECT_EQ(m->anchor->seq, seq - 1);
  EXPECT_EQ(m->anchor->root_hex, root_then);
  EXPECT_EQ(m->anchor->root_hex.size(), 64u);
  EXPECT_EQ(m->anchor->checkpoint_note, cp.note);
  EXPECT_EQ(m->anchor->checkpoint_size, cp.tree_size);
  EXPECT_GT(m->anchor->checkpoint_size, m->anchor->seq);  // the checkpoint covers the sign-off

  EXPECT_EQ(minutes_file_name(*m, "pdf"),
            "minutes-2026-03-01-management-review-" + r.str() + ".pdf");
  EXPECT_EQ(minutes_file_name(*m, ".html"),
            "minutes-2026-03-01-management-review-" + r.str() + ".html");

  // Unsigned minutes of another kind of meeting: no inputs, no anchor.
  auto draft = minutes(env(), admin(), other);
  ASSERT_TRUE(draft) << draft.error().message;
  EXPECT_TRUE(draft->inputs.empty());
  EXPECT_FALSE(draft->anchor);
  EXPECT_TRUE(draft->actions.empty());
  EXPECT_EQ(minutes_file_name(*draft, "pdf"), "minutes-2026-03-10-board-" + other.str() + ".pdf");
}

TEST_P(MinutesTest, AnchorWithoutACheckpointAndForAPlannedReview) {
  at("2026-02-20T09:00:00Z");
  auto r = meeting(MeetingType::management_review, "Review", "2026-03-01T09:00:00Z");
  auto planned = minutes(env(), admin(), r);
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_FALSE(planned->anchor);
  ASSERT_EQ(planned->inputs.size(), 7u);  // live inputs while planned
  EXPECT_FALSE(planned->inputs[0].to_be_presented());
  EXPECT_TRUE(planned->inputs[2].to_be_presented());

  at("2026-03-01T10:00:00Z");
  sign_off(r);
  auto m = minutes(env(), admin(), r);
  ASSERT_TRUE(m && m->anchor);
  const std::int64_t seq = sign_entry_seq(r);
  EXPECT_EQ(m->anchor->tree_size, seq);
  EXPECT_EQ(m->anchor->root_hex, root_at(seq));
  EXPECT_EQ(m->anchor->root_hex, root_at(ledger_size(org())));  // nothing appended since
  EXPECT_TRUE(m->anchor->checkpoint_note.empty());
  EXPECT_EQ(m->anchor->checkpoint_size, 0);
}

TEST_P(MinutesTest, ReadersOnlyAndOwnOrganization) {
  at("2026-02-20T09:00:00Z");
  auto r = meeting(MeetingType::executive_committee, "Exec", "2026-03-01T09:00:00Z");
  EXPECT_EQ(minutes(env(), as(Role::staff), r).error().code, Errc::forbidden);
  EXPECT_EQ(minutes(env(), admin(), MeetingId{r.value + 999}).error().code, Errc::not_found);
  auto other = accounts::create_org(env(), admin(), "Other Ltd", "other", admin_user_);
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(minutes(env(), as(Role::admin, *other), r).error().code, Errc::not_found);
  EXPECT_TRUE(minutes(env(), as(Role::contributor), r));
}

INSTANTIATE_TEST_SUITE_P(Backends, MinutesTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::areas::meetings
