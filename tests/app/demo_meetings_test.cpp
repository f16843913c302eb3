// tests/app/demo_meetings_test.cpp — `mandate demo`'s meetings and actions (app/demo_meetings.cpp),
// built once into a fresh SQLite database at a fixed "now": the register of meetings, the say-do
// gap the indicators must show exactly as designed (a fourteen-month gap between reviews, a review
// without decisions, security missing from the recent executive agendas, review actions done late
// or not at all, one action carried over by two reviews, an escalated one), the thorough review's
// inputs, presenters' material and attachment, the signed addendum, frozen minutes whose hash is
// the SHA-256 of their content, no calendar token, and a ledger that still verifies.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/demo.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"
#include "core/crypto.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/verify.hpp"
#include "support/test_db.hpp"

namespace mandate {
namespace {

namespace meetings = areas::meetings;
namespace actions = areas::actions;
using areas::Caller;
using areas::Env;
using meetings::MeetingType;

const core::Timestamp kNow = *core::parse_timestamp("2026-06-15T10:00:00Z");
const std::int64_t kToday = core::days_since_epoch(kNow);
constexpr std::int64_t kDayUs = 86400LL * 1'000'000;

// The day, `days` before kNow, on which a demo meeting starts (09:00 UTC).
core::Timestamp meeting_at(std::int64_t days) {
  return core::Timestamp{(kToday - days) * kDayUs + 9 * 3600LL * 1'000'000};
}

class DemoMeetingsTest : public ::testing::Test {
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

  static std::vector<meetings::MeetingRow> all_meetings() {
    auto rows = meetings::list(env(), admin(), {});
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<meetings::MeetingRow>{};
  }
  // The demo meeting of `type` held `days` before now.
  static meetings::MeetingView meeting(MeetingType type, std::int64_t days) {
    for (const auto& r : all_meetings()) {
      if (r.meeting.type == type && r.meeting.starts_at == meeting_at(days)) {
        auto v = meetings::view(env(), admin(), r.meeting.id);
        EXPECT_TRUE(v);
        return *v;
      }
    }
    ADD_FAILURE() << "no " << meetings::meeting_type_name(type) << " " << days << " days ago";
    return {};
  }
  static std::vector<actions::ActionRow> actions_in(actions::View view) {
    actions::ListQuery q;
    q.view = view;
    q.limit = 5000;
    auto page = actions::list(env(), admin(), q);
    EXPECT_TRUE(page);
    return page ? page->rows : std::vector<actions::ActionRow>{};
  }
  static actions::ActionRow action(const std::string& title_start) {
    for (const auto& r : actions_in(actions::View::all)) {
      if (r.action.title.starts_with(title_start)) {
        return r;
      }
    }
    ADD_FAILURE() << "no action " << title_start;
    return {};
  }

  static test::TestDb* tdb_;
  static core::FakeClock* clock_;
  static app::DemoResult* demo_;
};
test::TestDb* DemoMeetingsTest::tdb_ = nullptr;
core::FakeClock* DemoMeetingsTest::clock_ = nullptr;
app::DemoResult* DemoMeetingsTest::demo_ = nullptr;

TEST_F(DemoMeetingsTest, TwoYearsOfExecutiveBoardAndReviewMeetingsAndOnePlanned) {
  const auto rows = all_meetings();
  ASSERT_EQ(rows.size(), 16u);
  EXPECT_EQ(demo_->meetings, 16);
  int executive = 0, board = 0, reviews = 0, signed_off = 0;
  for (const auto& r : rows) {
    executive += r.meeting.type == MeetingType::executive_committee;
    board += r.meeting.type == MeetingType::board;
    reviews += r.meeting.type == MeetingType::management_review;
    if (r.meeting.status == meetings::MeetingStatus::signed_off) {
      ++signed_off;
      EXPECT_LT(r.meeting.starts_at, kNow) << r.meeting.title;
      EXPECT_EQ(r.meeting.signer_name, "Helena Brandt") << r.meeting.title;
      EXPECT_GT(r.present, 0) << r.meeting.title;
      EXPECT_GT(r.items, 0) << r.meeting.title;
    }
    EXPECT_GE(r.meeting.starts_at, core::Timestamp{kNow.us - 730 * kDayUs}) << r.meeting.title;
  }
  EXPECT_EQ(executive, 9);  // eight quarterly ones held, the next one planned
  EXPECT_EQ(board, 4);
  EXPECT_EQ(reviews, 3);
  EXPECT_EQ(signed_off, 15);
  // Each board meeting falls in the week after an executive committee, and the CEO signs both
  // minutes in one sitting: fifteen signatures at eleven times.
  std::set<std::int64_t> sittings;
  for (const auto& r : rows) {
    if (r.meeting.signed_at) {
      sittings.insert(r.meeting.signed_at->us);
    }
  }
  EXPECT_EQ(sittings.size(), 11u);

  // The next executive committee, in the coming weeks, with security on its agenda.
  const auto& next = rows.front();  // newest first
  EXPECT_EQ(next.meeting.type, MeetingType::executive_committee);
  EXPECT_EQ(next.meeting.status, meetings::MeetingStatus::planned);
  EXPECT_EQ(next.meeting.starts_at, meeting_at(-25));
  EXPECT_TRUE(next.security_on_agenda);
  EXPECT_EQ(next.decisions, 0);
}

TEST_F(DemoMeetingsTest, IndicatorsShowTheDesignedSayDoGap) {
  auto ind = meetings::indicators(env(), admin());
  ASSERT_TRUE(ind) << ind.error().message;
  EXPECT_EQ(ind->cadence.review_every_months, 12);
  EXPECT_EQ(ind->cadence.security_agenda_every_months, 3);

  // The latest review: thorough, attended by top management, 43 days ago.
  ASSERT_TRUE(ind->last_review);
  EXPECT_EQ(ind->last_review->at, meeting_at(43));
  EXPECT_TRUE(ind->last_review->top_management_present);
  EXPECT_EQ(ind->last_review->decisions, 7);
  ASSERT_TRUE(ind->days_since_last_review);
  EXPECT_EQ(*ind->days_since_last_review, 43);
  EXPECT_FALSE(ind->review_overdue);

  // Three reviews in 24 months (two expected), but fourteen months between the last two.
  ASSERT_EQ(ind->reviews_24m.size(), 3u);
  EXPECT_EQ(ind->reviews_24m[0].at, meeting_at(680));
  EXPECT_EQ(ind->reviews_24m[1].at, meeting_at(475));
  EXPECT_EQ(ind->reviews_24m[2].at, meeting_at(43));
  EXPECT_EQ(ind->intervals_days, (std::vector<std::int64_t>{205, 432, 43}));
  ASSERT_TRUE(ind->longest_interval_days);
  EXPECT_EQ(*ind->longest_interval_days, 432);
  EXPECT_GT(*ind->longest_interval_days, 365) << "the declared 12-month cadence was missed";
  EXPECT_EQ(ind->reviews_expected_24m, 2);

  // The thin review decided nothing.
  ASSERT_EQ(ind->reviews.size(), 3u);
  ASSERT_EQ(ind->reviews_without_decisions.size(), 1u);
  EXPECT_EQ(ind->reviews_without_decisions.front().at, meeting_at(475));
  EXPECT_EQ(ind->reviews_without_decisions.front().decisions, 0);

  // Executive and board meetings in the last 12 months: half had security on the agenda, the
  // last one (the board's NIS2 briefing) almost five months ago; the declared cadence is three.
  ASSERT_EQ(ind->executive_12m.size(), 6u);
  std::vector<std::pair<std::int64_t, bool>> seen;
  for (const auto& m : ind->executive_12m) {
    seen.emplace_back((kToday * kDayUs + 9 * 3600LL * 1'000'000 - m.at.us) / kDayUs,
                      m.security_on_agenda);
  }
  EXPECT_EQ(seen,
            (std::vector<std::pair<std::int64_t, bool>>{
                {60, false}, {147, true}, {150, false}, {237, false}, {240, true}, {330, true}}));
  EXPECT_EQ(ind->executive_with_security_12m, 3);
  EXPECT_LT(ind->executive_with_security_12m, std::ssize(ind->executive_12m));
  ASSERT_TRUE(ind->days_since_security_on_executive_agenda);
  EXPECT_EQ(*ind->days_since_security_on_executive_agenda, 147);
  EXPECT_TRUE(ind->security_agenda_overdue);

  // Review actions: seven due (or done), three of them done by their due date; one carried over
  // by two reviews.
  const auto& ra = ind->review_actions;
  EXPECT_EQ(ra.due, 7);
  EXPECT_EQ(ra.done_on_time, 3);
  EXPECT_EQ(ra.open, 5);
  EXPECT_EQ(ra.overdue, 2);
  ASSERT_EQ(ra.carried_over_twice.size(), 1u);
  EXPECT_TRUE(ra.carried_over_twice.front().action.title.starts_with(
      "Business continuity exercise for the Hamburg hub"));
  EXPECT_EQ(ra.carried_over_twice.front().carried_over, 2);
}

TEST_F(DemoMeetingsTest, ActionsAreDoneOnTimeLateCancelledOverdueAndOneEscalated) {
  const auto overdue = actions_in(actions::View::overdue);
  std::vector<std::pair<std::string, std::int64_t>> got;
  for (const auto& r : overdue) {
    got.emplace_back(r.action.title.substr(0, 24), r.days_overdue);
  }
  std::sort(got.begin(), got.end(), [](auto& a, auto& b) { return a.second > b.second; });
  EXPECT_EQ(got,
            (std::vector<std::pair<std::string, std::int64_t>>{{"Business continuity exer", 500},
                                                               {"Replace the end-of-life ", 25},
                                                               {"Extend the ISMS scope to", 20}}));
  const auto escalated = actions_in(actions::View::escalated);
  ASSERT_EQ(escalated.size(), 1u);
  EXPECT_TRUE(escalated.front().escalated);
  EXPECT_GE(escalated.front().days_overdue, 30);
  EXPECT_TRUE(escalated.front().action.title.starts_with("Business continuity"));

  // Carried over by the thin review and by the thorough one, with the notes of its slipping.
  const auto bc = action("Business continuity exercise");
  EXPECT_EQ(bc.action.source, actions::Source::management_review);
  EXPECT_EQ(bc.action.status, actions::State::open);
  EXPECT_EQ(bc.carried_over, 2);
  auto bcv = actions::view(env(), admin(), bc.action.id);
  ASSERT_TRUE(bcv);
  ASSERT_EQ(bcv->carryovers.size(), 2u);
  EXPECT_EQ(bcv->carryovers[0].meeting_at, meeting_at(475));
  EXPECT_EQ(bcv->carryovers[1].meeting_at, meeting_at(43));
  EXPECT_EQ(bcv->notes.size(), 3u);

  // The firewall was re-planned once and is in progress; overdue, not yet escalated.
  const auto fw = action("Replace the end-of-life firewall");
  EXPECT_EQ(fw.action.source, actions::Source::meeting_decision);
  EXPECT_EQ(fw.action.status, actions::State::in_progress);
  EXPECT_FALSE(fw.escalated);
  ASSERT_TRUE(fw.action.due_on);
  EXPECT_EQ(*fw.action.due_on, kToday - 25);

  // Done on time, done late, cancelled with a reason.
  EXPECT_TRUE(action("Hire a second information security engineer").action.done_on_time());
  EXPECT_TRUE(action("Budget for a 24/7 managed detection").action.done_on_time());
  const auto restore = action("Restore test of the transport management system");
  EXPECT_EQ(restore.action.status, actions::State::done);
  EXPECT_FALSE(restore.action.done_on_time());
  EXPECT_EQ(restore.carried_over, 0) << "done, late, before the thin review";
  const auto rotterdam = action("Prepare the business case for a sales office");
  EXPECT_EQ(rotterdam.action.status, actions::State::cancelled);
  EXPECT_FALSE(rotterdam.action.cancel_reason.empty());
  const auto nis2 = action("NIS2 training for every member");
  EXPECT_EQ(nis2.action.status, actions::State::done);
  EXPECT_EQ(nis2.action.closed_by_label, "Helena Brandt") << "the CEO closed her own action";

  const auto all = actions_in(actions::View::all);
  EXPECT_EQ(all.size(), 17u);
  EXPECT_EQ(actions_in(actions::View::open).size(), 6u);
}

TEST_F(DemoMeetingsTest, TheThoroughReviewHasEveryInputPresentersMaterialAndDecisions) {
  const auto v = meeting(MeetingType::management_review, 43);
  EXPECT_EQ(v.meeting.status, meetings::MeetingStatus::signed_off);
  EXPECT_EQ(v.meeting.signer_name, "Helena Brandt");
  EXPECT_EQ(v.meeting.signer_role, "top_management");
  ASSERT_TRUE(v.meeting.previous_review);
  const auto thin = meeting(MeetingType::management_review, 475);
  EXPECT_EQ(*v.meeting.previous_review, thin.meeting.id);

  int top_present = 0;
  for (const auto& a : v.attendees) {
    EXPECT_EQ(a.attendance, meetings::Attendance::present) << a.name;
    top_present += a.top_management;
  }
  EXPECT_EQ(top_present, 4);  // CEO, CFO, COO, CCO (the CTO stepped back)

  ASSERT_EQ(v.items.size(), 8u);
  for (const auto& item : v.items) {
    EXPECT_FALSE(item.minutes.empty()) << item.title;
    if (item.review_input) {
      EXPECT_FALSE(item.snapshot.empty()) << item.title << ": frozen at sign-off";
    }
  }
  auto inputs = meetings::review_inputs(env(), admin(), v.meeting.id);
  ASSERT_TRUE(inputs);
  EXPECT_TRUE(inputs->frozen);
  ASSERT_EQ(inputs->inputs.size(), 7u);
  for (const auto& item : v.items) {
    if (!item.review_input) {
      continue;
    }
    const auto& data = inputs->inputs.at(
        static_cast<std::size_t>(meetings::review_input_letter(*item.review_input) - 'a'));
    if (data.to_be_presented()) {
      EXPECT_FALSE(item.presenter.empty()) << item.title;
      EXPECT_FALSE(item.material.empty()) << item.title;
    }
  }
  EXPECT_TRUE(inputs->inputs[2].to_be_presented());  // c: interested parties
  EXPECT_TRUE(inputs->inputs[4].to_be_presented());  // e: feedback
  EXPECT_TRUE(inputs->inputs[5].to_be_presented());  // f: risk

  // Decisions of each kind; those with an owner and a date became actions.
  ASSERT_EQ(v.decisions.size(), 7u);
  int with_action = 0;
  std::set<meetings::DecisionType> types;
  for (const auto& d : v.decisions) {
    types.insert(d.decision.type);
    if (d.decision.owner && d.decision.due_on) {
      ++with_action;
      EXPECT_TRUE(d.decision.action_id) << d.decision.text;
      EXPECT_TRUE(d.action_status) << d.decision.text;
    }
  }
  EXPECT_EQ(with_action, 6);
  EXPECT_TRUE(types.count(meetings::DecisionType::improvement));
  EXPECT_TRUE(types.count(meetings::DecisionType::isms_change));
  EXPECT_TRUE(types.count(meetings::DecisionType::resource));

  // The ISM's risk treatment plan, attached to input f: a real PDF, stored by its SHA-256.
  ASSERT_EQ(v.attachments.size(), 1u);
  const auto& att = v.attachments.front();
  EXPECT_EQ(att.file_name, "risk-treatment-plan-status.pdf");
  EXPECT_EQ(att.media_type, "application/pdf");
  EXPECT_EQ(att.effective_on, kToday - 45);
  auto dl = meetings::download(env(), admin(), v.meeting.id, att.id);
  ASSERT_TRUE(dl);
  EXPECT_TRUE(dl->bytes.starts_with("%PDF-"));
  EXPECT_EQ(att.sha256, core::hex(core::sha256(dl->bytes)));
  EXPECT_EQ(att.size, std::ssize(dl->bytes));
}

TEST_F(DemoMeetingsTest, TheThinReviewDecidedNothingAndCarriesASignedAddendum) {
  const auto v = meeting(MeetingType::management_review, 475);
  EXPECT_EQ(v.meeting.status, meetings::MeetingStatus::signed_off);
  EXPECT_TRUE(v.decisions.empty());
  EXPECT_EQ(v.meeting.duration_minutes, 30);
  int minuted = 0;
  for (const auto& item : v.items) {
    minuted += !item.minutes.empty();
  }
  EXPECT_EQ(minuted, 2);
  const auto excused_or_absent = std::count_if(v.attendees.begin(), v.attendees.end(), [](auto& a) {
    return a.attendance == meetings::Attendance::excused ||
           a.attendance == meetings::Attendance::absent;
  });
  EXPECT_EQ(excused_or_absent, 3);

  ASSERT_EQ(v.addenda.size(), 1u);
  const auto& add = v.addenda.front();
  EXPECT_EQ(add.signer_name, "Tomás Herrera");
  EXPECT_EQ(add.signer_role, "isms_manager");
  EXPECT_NE(add.body.find("internal audit"), std::string::npos);
  EXPECT_EQ(add.content_hash, core::hex(core::sha256(add.body + "\n" + v.meeting.content_hash)));
  EXPECT_GT(add.signed_at, *v.meeting.signed_at);
}

TEST_F(DemoMeetingsTest, EverySignedMeetingsHashIsTheSha256OfItsFrozenContent) {
  int checked = 0;
  for (const auto& r : all_meetings()) {
    if (r.meeting.status != meetings::MeetingStatus::signed_off) {
      continue;
    }
    auto v = meetings::view(env(), admin(), r.meeting.id);
    ASSERT_TRUE(v);
    ASSERT_FALSE(v->meeting.frozen_content.empty()) << r.meeting.title;
    EXPECT_EQ(v->meeting.content_hash, core::hex(core::sha256(v->meeting.frozen_content)))
        << r.meeting.title;
    EXPECT_TRUE(v->meeting.signoff_seq) << r.meeting.title;
    ++checked;
  }
  EXPECT_EQ(checked, 15);
}

TEST_F(DemoMeetingsTest, NoCalendarTokenIsMadeForAnyone) {
  db().read([&](store::Transaction& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM calendar_tokens")->int64(0), 0);
  });
}

TEST_F(DemoMeetingsTest, TheLedgerHoldsEverySignatureAndCarryOverAndVerifies) {
  db().read([&](store::Transaction& tx) {
    auto count = [&](const char* type, const char* action) {
      return tx
          .query_one(
              "SELECT COUNT(*) FROM ledger_entries WHERE org_id = ? AND entity_type = ? "
              "AND action = ?",
              demo_->org, std::string(type), std::string(action))
          ->int64(0);
    };
    EXPECT_EQ(count("meeting", "sign"), 15);
    EXPECT_EQ(count("meeting", "addendum"), 1);
    EXPECT_EQ(count("meeting_cadence", "set"), 1);
    // Only the continuity exercise was still open at a later review: at the thin one and at the
    // thorough one.
    EXPECT_EQ(count("action", "carried_over"), 2);
  });
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
