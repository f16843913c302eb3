// The management review on both backends: inputs a–g generated from known records (actions from
// earlier reviews with carry-over, policy changes and performance, improvement decisions of other
// meetings, c/e/f to be presented), the change since the previous signed review, inputs frozen at
// sign-off, and every cadence and say-do-gap indicator on crafted data.
#include <gtest/gtest.h>

#include "areas/meetings/review_fixture.hpp"

namespace mandate::areas::meetings {
namespace {

using test_support::ReviewFixture;
using Strings = std::vector<std::string>;

class ReviewTest : public ReviewFixture {
 protected:
  // Two signed reviews and a third being prepared, with actions from each:
  //   R0 2024-06-10: "Patch the firewall" (done 2024-11-15, late), "Classify the data" (open,
  //                  due 2024-10-31: carried over to R1 and R2).
  //   R1 2025-01-15: "Replace the VPN concentrator" (due 2025-03-31, open), "Hire a security
  //                  engineer" (done 2025-04-01), "Renew the penetration test" (due 2026-06-30),
  //                  "Keep the budget" (no owner: no action).
  //   R2 2025-09-15 planned.
  void build_review_history() {
    at("2024-06-01T09:00:00Z");
    r0_ = meeting(MeetingType::management_review, "Review 2024-06", "2024-06-10T09:00:00Z");
    auto firewall =
        decide(r0_, "Patch the firewall", DecisionType::improvement, olga_p_, "2024-09-30");
    auto classify =
        decide(r0_, "Classify the data", DecisionType::isms_change, ivan_p_, "2024-10-31");
    firewall_ = action_of(r0_, firewall);
    classify_ = action_of(r0_, classify);
    at("2024-06-11T09:00:00Z");
    sign_off(r0_);
    at("2024-11-15T09:00:00Z");
    complete_action(firewall_);

    at("2025-01-10T09:00:00Z");
    r1_ = meeting(MeetingType::management_review, "Review 2025-01", "2025-01-15T09:00:00Z");
    vpn_ = action_of(r1_, decide(r1_, "Replace the VPN concentrator", DecisionType::improvement,
                                 olga_p_, "2025-03-31"));
    hire_ = action_of(r1_, decide(r1_, "Hire a security engineer", DecisionType::resource, ivan_p_,
                                  "2025-06-30"));
    pentest_ = action_of(r1_, decide(r1_, "Renew the penetration test", DecisionType::isms_change,
                                     olga_p_, "2026-06-30"));
    decide(r1_, "Keep the budget", DecisionType::resource);
    at("2025-01-15T10:00:00Z");
    r1_live_ = inputs(r1_);
    at("2025-01-16T09:00:00Z");
    sign_off(r1_);
    at("2025-04-01T09:00:00Z");
    complete_action(hire_);
    at("2025-09-10T09:00:00Z");
    r2_ = meeting(MeetingType::management_review, "Review 2025-09", "2025-09-15T09:00:00Z");
  }
  std::string act(actions::ActionId a, const std::string& title) {
    return "ACT-" + a.str() + " " + title;
  }

  MeetingId r0_, r1_, r2_;
  actions::ActionId firewall_, classify_, vpn_, hire_, pentest_;
  ReviewInputs r1_live_;
};

TEST_P(ReviewTest, InputAListsOpenActionsAndThoseClosedSinceThePreviousReview) {
  build_review_history();
  // R1 while planned: R0's open action (overdue) and the one closed after R0's sign-off.
  const auto& a1 = section(r1_live_, ReviewInput::actions_status, "actions");
  EXPECT_EQ(labels(a1),
            (Strings{act(classify_, "Classify the data"), act(firewall_, "Patch the firewall")}));
  EXPECT_EQ(statuses(a1), (Strings{"overdue 76 days", "done 2024-11-15"}));
  EXPECT_EQ(a1.rows[0].detail,
            "owner Ivan Isms · due 2024-10-31 · from Review 2024-06 (2024-06-10)");
  EXPECT_TRUE(a1.rows[0].flag);
  EXPECT_FALSE(a1.rows[1].flag);
  EXPECT_EQ(a1.rows[0].href, "/actions/" + classify_.str());

  // R2: open ones first, most overdue first; the action closed before R1's sign-off is gone.
  at("2025-09-15T12:00:00Z");
  auto r2 = inputs(r2_);
  EXPECT_FALSE(r2.frozen);
  EXPECT_EQ(r2.previous_review, r1_);
  EXPECT_EQ(r2.previous_review_at, ts("2025-01-15T09:00:00Z"));
  const auto& a = section(r2, ReviewInput::actions_status, "actions");
  EXPECT_EQ(labels(a),
            (Strings{act(classify_, "Classify the data"), act(vpn_, "Replace the VPN concentrator"),
                     act(pentest_, "Renew the penetration test"),
                     act(hire_, "Hire a security engineer")}));
  EXPECT_EQ(statuses(a),
            (Strings{"overdue 319 days", "overdue 168 days", "open", "done 2025-04-01"}));
  EXPECT_EQ(a.rows[0].detail,
            "owner Ivan Isms · due 2024-10-31 · from Review 2024-06 (2024-06-10) · carried over "
            "1×");
  EXPECT_EQ(a.rows[1].detail,
            "owner Olga Owner · due 2025-03-31 · from Review 2025-01 (2025-01-15)");
  EXPECT_EQ((std::vector<bool>{a.rows[0].flag, a.rows[1].flag, a.rows[2].flag, a.rows[3].flag}),
            (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(metric(a, "actions.open").value, 3);
  EXPECT_EQ(metric(a, "actions.overdue").value, 2);
  EXPECT_TRUE(metric(a, "actions.overdue").flag);
  EXPECT_EQ(metric(a, "actions.done_since").value, 1);
  EXPECT_EQ(metric(a, "actions.carried_over_twice").value, 0);
  // The change since R1: its frozen figures.
  EXPECT_EQ(metric(a, "actions.open").previous, 1);
  EXPECT_EQ(metric(a, "actions.overdue").previous, 1);
  EXPECT_EQ(metric(a, "actions.done_since").previous, 1);
  EXPECT_EQ(metric(a, "actions.carried_over_twice").previous, 0);

  // Signing R2 carries its open actions over once more: "Classify the data" twice.
  at("2025-09-16T09:00:00Z");
  sign_off(r2_);
  at("2026-02-20T09:00:00Z");
  auto r3 = meeting(MeetingType::management_review, "Review 2026-03", "2026-03-01T09:00:00Z");
  const auto in3 = inputs(r3);
  const auto& a3 = section(in3, ReviewInput::actions_status, "actions");
  ASSERT_EQ(a3.rows.size(), 3u);  // the done one was closed before R2's sign-off
  EXPECT_EQ(a3.rows[0].label, act(classify_, "Classify the data"));
  EXPECT_NE(a3.rows[0].detail.find("carried over 2×"), std::string::npos) << a3.rows[0].detail;
  EXPECT_NE(a3.rows[1].detail.find("carried over 1×"), std::string::npos) << a3.rows[1].detail;
  EXPECT_EQ(metric(a3, "actions.carried_over_twice").value, 1);
  EXPECT_TRUE(metric(a3, "actions.carried_over_twice").flag);
  EXPECT_EQ(metric(a3, "actions.carried_over_twice").previous, 0);
  EXPECT_EQ(metric(a3, "actions.open").previous, 3);
  EXPECT_EQ(metric(a3, "actions.done_since").value, 0);
}

TEST_P(ReviewTest, EveryInputShowsTheRecords) {
  // Before R1: three policies, an executive meeting with an improvement decision.
  at("2025-01-01T09:00:00Z");
  auto pol_a = policy("POL-A", tina_);
  auto pol_c = policy("POL-C", tina_);
  auto pol_d = policy("POL-D", ivan_);
  at("2025-01-10T09:00:00Z");
  auto e0 = meeting(MeetingType::executive_committee, "Executive committee 2025-01",
                    "2025-01-12T09:00:00Z");
  decide(e0, "Before the first review", DecisionType::improvement);
  auto r1 = meeting(MeetingType::management_review, "Review 2025-01", "2025-01-15T09:00:00Z");
  decide(r1, "An improvement of the review itself", DecisionType::improvement);
  at("2025-01-16T09:00:00Z");
  sign_off(r1);

  // Since R1: decisions in other meetings, policy changes.
  at("2025-02-01T09:00:00Z");
  auto e1 = meeting(MeetingType::executive_committee, "Executive committee 2025-02",
                    "2025-02-01T09:00:00Z");
  auto passkeys = decide(e1, "Adopt passkeys", DecisionType::improvement, olga_p_, "2025-05-31");
  decide(e1, "Budget for training", DecisionType::resource, ivan_p_, "2025-06-30");
  decide(e1, "Write a secure coding guide", DecisionType::improvement);
  auto cancelled = meeting(MeetingType::board, "Board 2025-02", "2025-02-05T09:00:00Z");
  decide(cancelled, "Withdrawn with the meeting", DecisionType::improvement);
  ASSERT_TRUE(cancel(env(), by(ivan_), cancelled, "Postponed"));
  at("2025-03-01T09:00:00Z");
  auto pol_b = policy("POL-B", ivan_);
  at("2025-03-01T10:00:00Z");
  revise(pol_a, "Scope extended", true, tina_);
  at("2025-03-01T11:00:00Z");
  revise(pol_a, "Typos", false, tina_);
  at("2025-03-02T09:00:00Z");
  acknowledge(pol_a, 3, {"tina@example.com", "ivan@example.com", "olga@example.com"});
  acknowledge(pol_b, 1, {"tina@example.com"});
  at("2025-04-01T09:00:00Z");
  ASSERT_TRUE(policies::retire(env(), by(ivan_), pol_c, "Merged into POL-A"));

  at("2026-02-20T09:00:00Z");
  auto r2 = meeting(MeetingType::management_review, "Review 2026-03", "2026-03-01T09:00:00Z");
  decide(r2, "Improve this review's own process", DecisionType::improvement);
  at("2026-03-01T10:00:00Z");
  const auto in = inputs(r2);
  ASSERT_EQ(in.inputs.size(), 7u);
  EXPECT_EQ(in.previous_review, r1);

  // a: R1 carries no actions (its only decision has no owner).
  const auto& a = section(in, ReviewInput::actions_status, "actions");
  EXPECT_TRUE(a.rows.empty());
  EXPECT_EQ(a.empty_text, "No actions from earlier management reviews.");

  // b: first publication, material change (the non-material v3 left out), retirement.
  ASSERT_EQ(input(in, ReviewInput::issues).sections.size(), 1u);
  const auto& b = section(in, ReviewInput::issues, "policies.changes");
  EXPECT_EQ(b.title, "Policies published, changed materially or retired since the previous review");
  EXPECT_EQ(labels(b), (Strings{"POL-B Policy POL-B", "POL-A Policy POL-A", "POL-C Policy POL-C"}));
  EXPECT_EQ(statuses(b), (Strings{"published v1", "changed materially: v2", "retired"}));
  EXPECT_EQ(b.rows[0].detail, "Topic-specific policy · 2025-03-01 · First");
  EXPECT_EQ(b.rows[1].detail, "Topic-specific policy · 2025-03-01 · Scope extended");
  EXPECT_EQ(b.rows[2].detail, "Topic-specific policy · 2025-04-01");
  EXPECT_EQ(b.rows[0].href, "/policies/" + pol_b.str());
  EXPECT_EQ(b.rows[2].href, "/policies/" + pol_c.str());
  EXPECT_EQ(metric(b, "policies.published").value, 1);
  EXPECT_EQ(metric(b, "policies.changed").value, 1);
  EXPECT_EQ(metric(b, "policies.retired").value, 1);
  // R1 had no previous review: everything up to its sign-off, three first publications.
  EXPECT_EQ(metric(b, "policies.published").previous, 3);
  EXPECT_EQ(metric(b, "policies.changed").previous, 0);

  // c, e, f: no records yet.
  EXPECT_TRUE(input(in, ReviewInput::interested_parties).to_be_presented());
  EXPECT_TRUE(input(in, ReviewInput::party_feedback).to_be_presented());
  EXPECT_TRUE(input(in, ReviewInput::risk).to_be_presented());

  // d: A (approved by Tina, reviewed 2025-03-01), B (Ivan, 2025-03-01), D (Ivan, 2025-01-01:
  // overdue since 2026-01-01). Acknowledgments: A by all three people, B by Tina.
  const auto& d = section(in, ReviewInput::performance, "policies.performance");
  EXPECT_EQ(metric(d, "policies.in_force").value, 3);
  EXPECT_DOUBLE_EQ(metric(d, "policies.approved_by_top_management").value, 33.3);
  EXPECT_EQ(metric(d, "policies.approved_by_top_management").unit, "%");
  EXPECT_DOUBLE_EQ(metric(d, "policies.within_review").value, 66.7);
  EXPECT_TRUE(metric(d, "policies.within_review").flag);
  EXPECT_DOUBLE_EQ(metric(d, "policies.acknowledged").value, 44.4);  // 4 of 3 people × 3
  EXPECT_DOUBLE_EQ(metric(d, "policies.acknowledged_top_management").value, 66.7);  // 2 of 3
  EXPECT_TRUE(metric(d, "policies.acknowledged_top_management").flag);
  EXPECT_EQ(metric(d, "policies.overdue").value, 1);
  EXPECT_EQ(metric(d, "policies.overdue").href, "/policies?overdue=1");
  EXPECT_EQ(labels(d), (Strings{"POL-D Policy POL-D"}));
  EXPECT_EQ(statuses(d), (Strings{"overdue 59 days"}));
  EXPECT_EQ(d.rows[0].detail, "no owner · review due 2026-01-01");
  EXPECT_EQ(d.rows[0].href, "/policies/" + pol_d.str());
  EXPECT_NE(d.note.find("to be presented"), std::string::npos);
  EXPECT_NE(d.note.find("audit"), std::string::npos);
  // At R1 (2025-01-16): three policies, all approved within their interval, none acknowledged.
  EXPECT_EQ(metric(d, "policies.in_force").previous, 3);
  EXPECT_EQ(metric(d, "policies.approved_by_top_management").previous, 66.7);
  EXPECT_EQ(metric(d, "policies.overdue").previous, 0);
  EXPECT_EQ(metric(d, "policies.acknowledged").previous, 0);

  // g: improvement decisions of other meetings held since R1's sign-off (not the cancelled
  // meeting's, not this review's, not resource decisions, not those before R1).
  const auto& g = section(in, ReviewInput::improvement, "decisions.improvement");
  EXPECT_EQ(labels(g), (Strings{"Adopt passkeys", "Write a secure coding guide"}));
  EXPECT_EQ(g.rows[0].detail,
            "Executive committee 2025-02 (Executive committee, 2025-02-01) · owner Olga Owner · "
            "due 2025-05-31");
  EXPECT_EQ(g.rows[0].status, "action ACT-" + action_of(e1, passkeys).str() + ": overdue 274 days");
  EXPECT_TRUE(g.rows[0].flag);
  EXPECT_EQ(g.rows[1].detail,
            "Executive committee 2025-02 (Executive committee, 2025-02-01) · no owner");
  EXPECT_EQ(g.rows[1].status, "no action");
  EXPECT_EQ(g.rows[1].href, "/meetings/" + e1.str());
  EXPECT_EQ(metric(g, "decisions.improvement").value, 2);
  EXPECT_EQ(metric(g, "decisions.improvement").previous, 1);  // R1 saw e0's decision
}

TEST_P(ReviewTest, SignedInputsAreFrozenWhileRecordsMoveOn) {
  build_review_history();
  at("2025-09-16T09:00:00Z");
  auto live = inputs(r2_);
  sign_off(r2_);
  auto signed_in = inputs(r2_);
  EXPECT_TRUE(signed_in.frozen);
  ASSERT_EQ(signed_in.inputs.size(), 7u);
  std::vector<std::string> frozen_json;
  for (std::size_t i = 0; i < 7; ++i) {
    frozen_json.push_back(to_json(signed_in.inputs[i]));
    // What the chair signed is what the workspace showed just before (same day, same records).
    EXPECT_EQ(frozen_json[i], to_json(live.inputs[i])) << i;
  }
  EXPECT_TRUE(signed_in.inputs[2].to_be_presented());

  // The records move on: an action done, a policy published, a new improvement decision.
  at("2025-10-01T09:00:00Z");
  complete_action(vpn_);
  policy("POL-NEW", tina_);
  auto e = meeting(MeetingType::board, "Board 2025-10", "2025-10-01T09:00:00Z");
  decide(e, "Phishing exercise", DecisionType::improvement);
  at("2026-01-01T09:00:00Z");
  auto later = inputs(r2_);
  EXPECT_TRUE(later.frozen);
  ASSERT_EQ(later.inputs.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(to_json(later.inputs[i]), frozen_json[i]) << i;
  }
  // A review being prepared now sees the changes.
  auto r3 = meeting(MeetingType::management_review, "Review 2026-01", "2026-01-10T09:00:00Z");
  auto in3 = inputs(r3);
  EXPECT_EQ(labels(section(in3, ReviewInput::issues, "policies.changes")),
            (Strings{"POL-NEW Policy POL-NEW"}));
  EXPECT_EQ(labels(section(in3, ReviewInput::improvement, "decisions.improvement")),
            (Strings{"Phishing exercise"}));
  EXPECT_EQ(statuses(section(in3, ReviewInput::actions_status, "actions")),
            (Strings{"overdue 427 days", "open", "done 2025-10-01"}));
}

TEST_P(ReviewTest, InputsOfOtherMeetingsAndOrganizationsAreRefused) {
  at("2025-01-10T09:00:00Z");
  auto exec = meeting(MeetingType::executive_committee, "Executive", "2025-01-12T09:00:00Z");
  auto r = review_inputs(env(), admin(), exec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::conflict);
  EXPECT_EQ(review_inputs(env(), admin(), MeetingId{exec.value + 1000}).error().code,
            Errc::not_found);
  EXPECT_EQ(review_inputs(env(), as(Role::staff), exec).error().code, Errc::forbidden);
  auto other = accounts::create_org(env(), admin(), "Other Ltd", "other", admin_user_);
  ASSERT_TRUE(other) << other.error().message;
  auto review = meeting(MeetingType::management_review, "Review", "2025-01-15T09:00:00Z");
  EXPECT_EQ(review_inputs(env(), as(Role::admin, *other), review).error().code, Errc::not_found);
  EXPECT_TRUE(
      review_inputs(env(), as(Role::auditor),
                    meeting(MeetingType::management_review, "Review 2", "2025-02-15T09:00:00Z")));
}

TEST_P(ReviewTest, SnapshotJsonRoundTrips) {
  InputData d;
  d.input = ReviewInput::performance;
  InputSection s;
  s.key = "k";
  s.title = "Title \"quoted\" ü";
  s.empty_text = "none";
  s.note = "note";
  InputMetric m;
  m.key = "m.share";
  m.label = "Share";
  m.value = 66.7;
  m.unit = "%";
  m.previous = 50;
  m.href = "/x?y=1";
  m.flag = true;
  s.metrics.push_back(m);
  m.key = "m.count";
  m.value = 3;
  m.previous.reset();
  m.flag = false;
  s.metrics.push_back(m);
  s.rows.push_back(InputRow{"label", "detail", "status", "/r/1", true});
  d.sections.push_back(s);
  const std::string text = to_json(d);
  EXPECT_NE(text.find("\"input\":\"d\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"value\":3}"), std::string::npos) << text;  // counts stay integers
  EXPECT_NE(text.find("\"previous\":null"), std::string::npos) << text;
  auto back = input_from_json(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), text);
  EXPECT_EQ(back->sections[0].metrics[0].previous, 50);
  EXPECT_DOUBLE_EQ(back->sections[0].metrics[0].value, 66.7);
  EXPECT_FALSE(back->sections[0].metrics[1].previous);
  EXPECT_EQ(back->sections[0].rows[0].href, "/r/1");
  EXPECT_TRUE(input_from_json(to_json(InputData{ReviewInput::risk, {}}))->to_be_presented());
  for (const char* bad : {"", "null", "{}", "{\"input\":\"h\",\"sections\":[]}",
                          "{\"input\":\"a\",\"sections\":[{\"key\":1}]}", "[1,2]", "{\"input\""}) {
    EXPECT_FALSE(input_from_json(bad)) << bad;
  }
}

// --- indicators ---

TEST_P(ReviewTest, IndicatorsWithoutRecordsAreOverdue) {
  auto ind = indicators(env(), admin());
  ASSERT_TRUE(ind) << ind.error().message;
  EXPECT_FALSE(ind->last_review);
  EXPECT_TRUE(ind->review_overdue);
  EXPECT_TRUE(ind->security_agenda_overdue);
  EXPECT_FALSE(ind->days_since_security_on_executive_agenda);
  EXPECT_TRUE(ind->intervals_days.empty());
  EXPECT_EQ(ind->cadence.review_every_months, 12);
  EXPECT_EQ(ind->reviews_expected_24m, 2);
  EXPECT_EQ(indicators(env(), as(Role::staff)).error().code, Errc::forbidden);
}

TEST_P(ReviewTest, EveryIndicatorOnCraftedData) {
  ASSERT_TRUE(set_cadence(env(), by(ivan_), Cadence{6, 3}));
  // Tom signs as top management (role) but is not designated top management in the register.
  auto tom = member("tom@example.com", "Tom Deputy", Role::top_management);
  auto tom_p = person("Tom Deputy", "tom@example.com", "Board");

  // R1 2023-12-01: three actions — done on time, done late, open (carried over to R2 and R3).
  at("2023-11-20T09:00:00Z");
  auto r1 = meeting(MeetingType::management_review, "Review 2023-12", "2023-12-01T09:00:00Z");
  auto on_time =
      action_of(r1, decide(r1, "On time", DecisionType::improvement, olga_p_, "2024-02-29"));
  auto late = action_of(r1, decide(r1, "Late", DecisionType::improvement, olga_p_, "2024-01-31"));
  auto open =
      action_of(r1, decide(r1, "Still open", DecisionType::isms_change, ivan_p_, "2024-06-30"));
  at("2023-12-02T09:00:00Z");
  sign_off(r1);
  at("2024-02-01T09:00:00Z");
  complete_action(on_time);
  at("2024-03-10T09:00:00Z");
  complete_action(late);
  // R2 2024-09-01: one decision without an action.
  at("2024-08-20T09:00:00Z");
  auto r2 = meeting(MeetingType::management_review, "Review 2024-09", "2024-09-01T09:00:00Z");
  decide(r2, "Keep going", DecisionType::other);
  at("2024-09-02T09:00:00Z");
  sign_off(r2);
  // R3 2025-03-01: thin — no decision, chaired by Tom, no designated top management present.
  at("2025-02-20T09:00:00Z");
  auto r3 = meeting(MeetingType::management_review, "Review 2025-03", "2025-03-01T09:00:00Z", tom_p,
                    {tom_p, ivan_p_});
  at("2025-03-02T09:00:00Z");
  sign_off(r3, tom);

  // Executive meetings (recorded afterwards): security on the agenda in some, not all.
  auto e1 = meeting(MeetingType::board, "Board 2024-05", "2024-05-01T09:00:00Z");
  item(e1, "Risk appetite", {Topic::risk});
  auto e2 = meeting(MeetingType::executive_committee, "Exec 2024-09", "2024-09-01T09:00:00Z");
  item(e2, "Budget", {Topic::budget});
  auto e3 = meeting(MeetingType::executive_committee, "Exec 2025-02", "2025-02-01T09:00:00Z");
  item(e3, "Security report", {Topic::information_security, Topic::budget});
  auto e5 = meeting(MeetingType::executive_committee, "Exec 2025-04", "2025-04-01T09:00:00Z");
  item(e5, "Incidents", {Topic::incidents});
  ASSERT_TRUE(cancel(env(), by(ivan_), e5, "No quorum"));
  auto e4 = meeting(MeetingType::executive_committee, "Exec 2025-05", "2025-05-01T09:00:00Z");
  item(e4, "Other business", {Topic::other});
  auto steering = meeting(MeetingType::isms_steering, "Steering", "2025-05-15T09:00:00Z");
  item(steering, "Audit", {Topic::audit});
  auto future = meeting(MeetingType::board, "Board 2025-07", "2025-07-01T09:00:00Z");
  item(future, "Security", {Topic::information_security});

  at("2025-06-01T09:00:00Z");
  auto ind = indicators(env(), by(tina_));
  ASSERT_TRUE(ind) << ind.error().message;
  EXPECT_EQ(ind->cadence.review_every_months, 6);
  ASSERT_TRUE(ind->last_review);
  EXPECT_EQ(ind->last_review->id, r3);
  EXPECT_FALSE(ind->last_review->top_management_present);
  EXPECT_EQ(ind->days_since_last_review, 92);
  EXPECT_FALSE(ind->review_overdue);  // due 2025-09-01
  ASSERT_EQ(ind->reviews_24m.size(), 3u);
  EXPECT_EQ(ind->reviews_24m[0].id, r1);
  EXPECT_TRUE(ind->reviews_24m[0].top_management_present);
  EXPECT_EQ(ind->reviews_24m[0].decisions, 3);
  EXPECT_EQ(ind->intervals_days, (std::vector<std::int64_t>{275, 181, 92}));
  EXPECT_EQ(ind->longest_interval_days, 275);  // longer than the declared six months
  EXPECT_EQ(ind->reviews_expected_24m, 4);
  ASSERT_EQ(ind->reviews.size(), 3u);
  EXPECT_EQ(ind->reviews[0].id, r3);
  EXPECT_EQ(ind->reviews[1].decisions, 1);
  ASSERT_EQ(ind->reviews_without_decisions.size(), 1u);
  EXPECT_EQ(ind->reviews_without_decisions[0].id, r3);

  ASSERT_EQ(ind->executive_12m.size(), 3u);  // not the board of 2024-05, the cancelled, the future
  EXPECT_EQ(ind->executive_12m[0].id, e4);
  EXPECT_EQ(ind->executive_12m[1].id, e3);
  EXPECT_EQ(ind->executive_12m[2].id, e2);
  EXPECT_FALSE(ind->executive_12m[0].security_on_agenda);
  EXPECT_TRUE(ind->executive_12m[1].security_on_agenda);
  EXPECT_FALSE(ind->executive_12m[2].security_on_agenda);  // budget alone is not security
  EXPECT_EQ(ind->executive_with_security_12m, 1);
  EXPECT_EQ(ind->days_since_security_on_executive_agenda, 120);
  EXPECT_TRUE(ind->security_agenda_overdue);  // every 3 months: due 2025-05-01

  EXPECT_EQ(ind->review_actions.due, 3);
  EXPECT_EQ(ind->review_actions.done_on_time, 1);
  EXPECT_EQ(ind->review_actions.open, 1);
  EXPECT_EQ(ind->review_actions.overdue, 1);
  ASSERT_EQ(ind->review_actions.carried_over_twice.size(), 1u);
  EXPECT_EQ(ind->review_actions.carried_over_twice[0].action.id, open);
  EXPECT_EQ(ind->review_actions.carried_over_twice[0].carried_over, 2);

  // Three months later both cadences are missed; the longest gap is now the open one.
  at("2025-09-02T09:00:00Z");
  ind = indicators(env(), admin());
  EXPECT_TRUE(ind->review_overdue);
  EXPECT_EQ(ind->days_since_last_review, 185);
  EXPECT_EQ(ind->intervals_days.back(), 185);
  EXPECT_EQ(ind->longest_interval_days, 275);
  EXPECT_EQ(ind->reviews_24m.size(), 3u);  // 24 months back: 2023-09-02
  // A security item on the executive agenda resets that clock.
  auto e6 = meeting(MeetingType::board, "Board 2025-09", "2025-09-01T09:00:00Z");
  item(e6, "Supplier risk", {Topic::suppliers});
  ind = indicators(env(), admin());
  EXPECT_EQ(ind->days_since_security_on_executive_agenda, 1);
  EXPECT_FALSE(ind->security_agenda_overdue);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::areas::meetings
