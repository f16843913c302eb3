// Meeting use cases on both backends: creation (a management review's generated agenda and its
// previous review), updates, attendance with top management derived from the dated designations
// on the meeting's date, agenda items, decisions and the actions made from them, content-addressed
// attachments, sign-off by the chair (step-up, roles, blockers), immutability after sign-off with
// signed addenda, freezing a review's inputs and carrying open actions over, cancellation, the
// declared cadence, calendar feed tokens and the iCalendar feed, roles and tenancy.
#include "areas/meetings/service.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <map>

#include "areas/actions/service.hpp"
#include "areas/area_fixture.hpp"
#include "areas/meetings/review.hpp"
#include "areas/people/service.hpp"
#include "core/crypto.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;

constexpr const char* kPw = "a long enough passphrase 1";
const std::string kPdf = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";

struct Member {
  UserId user;
  std::string email;
  std::string name;
  Role role = Role::staff;
  std::string session;  // session id hash, after sign-in
};

Timestamp at(const char* s) { return *core::parse_timestamp(s); }
std::int64_t day(const char* s) { return *core::parse_date(s); }

class MeetingsTest : public test::AreaTest {
 protected:
  void SetUp() override {
    AreaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    carl_ = member("carl@example.com", "Carl Contributor", Role::contributor);
    tina_ = member("tina@example.com", "Tina Top", Role::top_management);
    tom_ = member("tom@example.com", "Tom Top", Role::top_management);
    ivan_ = member("ivan@example.com", "Ivan Isms", Role::isms_manager);
    sam_ = member("sam@example.com", "Sam Staff", Role::staff);
    // People linked to the users by e-mail; Tina and Tom are designated top management.
    tina_p_ = person("Tina Top", "tina@example.com", "Board");
    tom_p_ = person("Tom Top", "tom@example.com", "Board");
    ivan_p_ = person("Ivan Isms", "ivan@example.com", "IT");
    carl_p_ = person("Carl Contributor", "carl@example.com", "IT");
    olga_p_ = person("Olga Owner", "olga@example.com", "Operations");
    designate(tina_p_, day("2025-01-01"));
    designate(tom_p_, day("2025-01-01"));
  }

  Member member(const std::string& email, const std::string& name, Role role) {
    auto u = accounts::create_user(env(), admin(), {email, name, kPw});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    auto m = accounts::set_member(env(), admin(), {email, role, std::nullopt});
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return Member{u ? *u : UserId{}, email, name, role, ""};
  }
  Caller by(const Member& m, OrgId o = OrgId{}) const {
    return Caller{m.user, TokenId{}, o ? o : org(), m.role, m.name};
  }
  SignatureAuth auth(Member& m, std::string password = kPw) {
    if (m.session.empty()) {
      auto l = accounts::login(env(), {m.email, kPw, "127.0.0.1", "test"});
      EXPECT_TRUE(l) << (l ? "" : l.error().message);
      m.session = l ? l->session.id_hash : "";
    }
    return SignatureAuth{std::move(password), m.session, "127.0.0.1"};
  }
  PersonId person(const std::string& name, const std::string& email, const std::string& dept) {
    auto r = people::create(env(), admin(),
                            people::PersonFields{name, email, "Employee", dept, std::nullopt,
                                                 people::Status::active, std::nullopt});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : PersonId{};
  }
  std::int64_t designate(PersonId p, std::int64_t starts_on) {
    auto r = people::designate(env(), admin(), p, "Director", starts_on);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : 0;
  }

  MeetingFields fields(MeetingType type, const char* when = "2026-02-20T10:00:00Z",
                       std::optional<PersonId> chair = std::nullopt,
                       std::vector<PersonId> invitees = {}) {
    MeetingFields f;
    f.type = type;
    f.title = std::string(meeting_type_label(type)) + " " + when;
    f.starts_at = at(when);
    f.duration_minutes = 90;
    f.place = "Room 4, HQ";
    f.chair = chair ? chair : std::optional(tina_p_);
    f.invitees = invitees.empty() ? std::vector<PersonId>{ivan_p_} : invitees;
    return f;
  }
  MeetingId create_meeting(MeetingType type = MeetingType::executive_committee,
                           const char* when = "2026-02-20T10:00:00Z",
                           std::optional<PersonId> chair = std::nullopt,
                           std::vector<PersonId> invitees = {}) {
    auto r = create(env(), by(carl_), fields(type, when, chair, std::move(invitees)));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : MeetingId{};
  }
  MeetingView get(MeetingId id) {
    auto v = view(env(), admin(), id);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? *v : MeetingView{};
  }
  // Everyone present and minutes on the first item (added when there is none).
  void make_signable(MeetingId id) {
    MeetingView v = get(id);
    for (const auto& a : v.attendees) {
      ASSERT_TRUE(set_attendance(env(), by(carl_), id, a.person, Attendance::present));
    }
    if (v.items.empty()) {
      ItemFields f;
      f.title = "Security update";
      f.tags = {Topic::information_security};
      f.minutes = "Discussed the **phishing** results.";
      ASSERT_TRUE(add_item(env(), by(carl_), id, f));
    } else {
      ItemFields f{v.items[0].title, v.items[0].tags, "Reviewed as presented.", "", ""};
      ASSERT_TRUE(update_item(env(), by(carl_), v.items[0].id, f, v.items[0].row_version));
    }
  }
  void sign_as(Member& m, MeetingId id) {
    auto r = sign(env(), by(m), id, auth(m));
    ASSERT_TRUE(r) << r.error().message;
  }
  std::int64_t count(const std::string& sql) {
    return db().read([&](store::Transaction& tx) { return tx.query_one(sql)->int64(0); });
  }
  std::vector<std::string> history(MeetingId id) {
    std::vector<std::string> out;
    for (const auto& e : get(id).history) {
      out.insert(out.begin(), e.action);
    }
    return out;
  }
  Result<actions::ActionView> action(std::int64_t id) {
    return actions::view(env(), admin(), actions::ActionId{id});
  }

  Member carl_, tina_, tom_, ivan_, sam_;
  PersonId tina_p_, tom_p_, ivan_p_, carl_p_, olga_p_;
};

// --- create and update ---

TEST_P(MeetingsTest, CreateValidatesFieldsAndPeopleAndRecordsOneEntry) {
  const auto before = ledger_size(org());
  MeetingFields bad = fields(MeetingType::board);
  bad.title = " ";
  bad.duration_minutes = 2000;
  auto r = create(env(), by(carl_), bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid);
  EXPECT_TRUE(r.error().fields.contains("title"));
  EXPECT_TRUE(r.error().fields.contains("duration_minutes"));

  MeetingFields stranger = fields(MeetingType::board);
  stranger.invitees = {PersonId{987654}};
  EXPECT_EQ(create(env(), by(carl_), stranger).error().fields.at("invitees"),
            "#987654 is not an active person of this organization");
  PersonId leaver = person("Lee Leaver", "lee@example.com", "Sales");
  auto p = people::get(env(), admin(), leaver);
  people::PersonFields left{p->name,       p->email,     p->job_title,
                            p->department, std::nullopt, people::Status::left,
                            std::nullopt};
  ASSERT_TRUE(people::update(env(), admin(), leaver, left, p->version));
  MeetingFields left_chair = fields(MeetingType::board, "2026-02-20T10:00:00Z", leaver);
  EXPECT_EQ(create(env(), by(carl_), left_chair).error().fields.at("chair_id"),
            "is not an active person of this organization");
  EXPECT_EQ(ledger_size(org()), before + 2);  // the leaver's person entries only

  MeetingId id = create_meeting(MeetingType::board);
  EXPECT_EQ(ledger_size(org()), before + 3);
  MeetingView v = get(id);
  EXPECT_EQ(v.meeting.type, MeetingType::board);
  EXPECT_EQ(v.meeting.status, MeetingStatus::planned);
  EXPECT_EQ(v.meeting.place, "Room 4, HQ");
  EXPECT_EQ(v.meeting.duration_minutes, 90);
  EXPECT_EQ(v.meeting.created_by_label, "Carl Contributor");
  EXPECT_EQ(v.chair_name, "Tina Top");
  ASSERT_EQ(v.attendees.size(), 2u);  // the chair is always invited
  EXPECT_EQ(v.attendees[0].name, "Ivan Isms");
  EXPECT_EQ(v.attendees[1].name, "Tina Top");
  for (const auto& a : v.attendees) {
    EXPECT_EQ(a.attendance, Attendance::invited);
  }
  EXPECT_TRUE(v.items.empty());  // only reviews get a generated agenda
  EXPECT_TRUE(v.held);
  EXPECT_EQ(history(id), (std::vector<std::string>{"create"}));
}

TEST_P(MeetingsTest, ManagementReviewGetsItsGeneratedAgendaAndPreviousReview) {
  MeetingId first = create_meeting(MeetingType::management_review, "2025-06-10T09:00:00Z");
  MeetingView v = get(first);
  ASSERT_EQ(v.items.size(), 8u);
  const char* letters = "abcdefg";
  for (int i = 0; i < 7; ++i) {
    const auto& item = v.items[i];
    ASSERT_TRUE(item.review_input);
    EXPECT_EQ(review_input_letter(*item.review_input), letters[i]);
    EXPECT_EQ(item.title, std::string(1, letters[i]) + ". " +
                              std::string(review_input_title(*item.review_input)));
    EXPECT_EQ(item.position, i + 1);
    ASSERT_FALSE(item.tags.empty());
    EXPECT_EQ(item.tags[0], Topic::information_security);
    EXPECT_EQ(item.tags.size(), 2u);
    EXPECT_TRUE(item.snapshot.empty());
  }
  EXPECT_EQ(v.items[0].title, "a. Status of actions from previous reviews");
  EXPECT_EQ(v.items[5].tags[1], Topic::risk);
  EXPECT_EQ(v.items[7].title, "Outputs: decisions and actions");
  EXPECT_FALSE(v.items[7].review_input);
  EXPECT_EQ(v.items[7].position, 8);
  EXPECT_FALSE(v.meeting.previous_review);

  // Only a signed review counts as the previous one.
  MeetingId second = create_meeting(MeetingType::management_review, "2026-02-10T09:00:00Z");
  EXPECT_FALSE(get(second).meeting.previous_review);
  make_signable(first);
  sign_as(tina_, first);
  MeetingId third = create_meeting(MeetingType::management_review, "2026-02-12T09:00:00Z");
  EXPECT_EQ(get(third).meeting.previous_review, first);
  // A review dated before the signed one has none.
  MeetingId earlier = create_meeting(MeetingType::management_review, "2025-01-10T09:00:00Z");
  EXPECT_FALSE(get(earlier).meeting.previous_review);
  // Sign-off settles the previous review of one created before it was signed.
  make_signable(second);
  sign_as(tina_, second);
  EXPECT_EQ(get(second).meeting.previous_review, first);
}

TEST_P(MeetingsTest, UpdateChecksRowVersionKeepsTypeAndRecordsChanges) {
  MeetingId id = create_meeting();
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, ivan_p_, Attendance::excused));
  MeetingView v = get(id);
  MeetingFields f = fields(MeetingType::executive_committee);
  f.title = "Executive committee March";
  f.invitees = {ivan_p_, olga_p_};
  const auto before = ledger_size(org());
  EXPECT_EQ(update(env(), by(carl_), id, f, v.meeting.row_version - 1).error().code, Errc::stale);
  MeetingFields retyped = f;
  retyped.type = MeetingType::board;
  auto t = update(env(), by(carl_), id, retyped, v.meeting.row_version);
  ASSERT_FALSE(t);
  EXPECT_TRUE(t.error().fields.contains("type"));
  EXPECT_EQ(ledger_size(org()), before);

  ASSERT_TRUE(update(env(), by(carl_), id, f, v.meeting.row_version));
  EXPECT_EQ(ledger_size(org()), before + 1);
  MeetingView after = get(id);
  EXPECT_EQ(after.meeting.title, "Executive committee March");
  EXPECT_EQ(after.meeting.row_version, v.meeting.row_version + 1);
  ASSERT_EQ(after.attendees.size(), 3u);
  // Recorded attendance of those who stay is kept.
  for (const auto& a : after.attendees) {
    if (a.person == ivan_p_) {
      EXPECT_EQ(a.attendance, Attendance::excused);
    }
  }
  const auto& entry = after.history.at(0);
  EXPECT_EQ(entry.action, "update");
  EXPECT_NE(entry.payload.find("\"title\":{\"from\""), std::string::npos);
  EXPECT_NE(entry.payload.find("\"invitees\""), std::string::npos);
  EXPECT_EQ(entry.payload.find("\"place\""), std::string::npos);
  // The same fields again change nothing and write nothing.
  ASSERT_TRUE(update(env(), by(carl_), id, f, after.meeting.row_version));
  EXPECT_EQ(ledger_size(org()), before + 1);
  // Dropping an invitee removes them.
  f.invitees = {olga_p_};
  ASSERT_TRUE(update(env(), by(carl_), id, f, after.meeting.row_version));
  EXPECT_EQ(get(id).attendees.size(), 2u);
}

// --- attendance ---

TEST_P(MeetingsTest, TopManagementIsDerivedFromDesignationsOnTheMeetingDate) {
  PersonId former = person("Fay Former", "fay@example.com", "Board");
  PersonId future = person("Finn Future", "finn@example.com", "Board");
  auto term = designate(former, day("2024-01-01"));
  ASSERT_TRUE(people::end_designation(env(), admin(), former, term, day("2026-02-01")));
  designate(future, day("2026-02-25"));  // designated after the meeting
  MeetingId id = create_meeting(MeetingType::board, "2026-02-20T10:00:00Z", tina_p_,
                                {former, future, ivan_p_});
  for (PersonId p : {tina_p_, former, future, ivan_p_}) {
    ASSERT_TRUE(set_attendance(env(), by(carl_), id, p, Attendance::present));
  }
  MeetingView v = get(id);
  std::map<std::string, bool> tm;
  for (const auto& a : v.attendees) {
    tm[a.name] = a.top_management;
    EXPECT_EQ(a.attendance, Attendance::present);
  }
  EXPECT_TRUE(tm.at("Tina Top"));
  EXPECT_FALSE(tm.at("Fay Former"));  // her designation ended before the meeting
  EXPECT_FALSE(tm.at("Finn Future"));
  EXPECT_FALSE(tm.at("Ivan Isms"));
  // An older meeting, when Fay was still designated, counts her.
  MeetingId old = create_meeting(MeetingType::board, "2025-03-20T10:00:00Z", tina_p_, {former});
  ASSERT_TRUE(set_attendance(env(), by(carl_), old, former, Attendance::present));
  auto rows = list(env(), admin(), {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->at(0).meeting.id, id);  // newest first
  EXPECT_EQ(rows->at(0).present, 4);
  EXPECT_EQ(rows->at(0).top_management_present, 1);
  EXPECT_EQ(rows->at(0).chair_name, "Tina Top");
  EXPECT_EQ(rows->at(1).present, 1);
  EXPECT_EQ(rows->at(1).top_management_present, 1);
  for (const auto& a : get(old).attendees) {
    if (a.person == former) {
      EXPECT_TRUE(a.top_management);
    }
  }
}

TEST_P(MeetingsTest, SetAttendanceAddsInviteesAndRefusesStrangers) {
  MeetingId id = create_meeting();
  const auto before = ledger_size(org());
  auto r = set_attendance(env(), by(carl_), id, PersonId{424242}, Attendance::present);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid);
  EXPECT_TRUE(r.error().fields.contains("person_id"));
  EXPECT_EQ(ledger_size(org()), before);
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, olga_p_, Attendance::present));
  EXPECT_EQ(get(id).attendees.size(), 3u);
  EXPECT_EQ(ledger_size(org()), before + 1);
  // Recording the same attendance again is not a change.
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, olga_p_, Attendance::present));
  EXPECT_EQ(ledger_size(org()), before + 1);
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, olga_p_, Attendance::absent));
  auto entry = get(id).history.at(0);
  EXPECT_EQ(entry.action, "attendance");
  EXPECT_NE(entry.payload.find("\"from\":\"present\""), std::string::npos);
  EXPECT_NE(entry.payload.find("\"to\":\"absent\""), std::string::npos);
  EXPECT_EQ(set_attendance(env(), by(carl_), MeetingId{999999}, olga_p_, Attendance::present)
                .error()
                .code,
            Errc::not_found);
}

// --- agenda and decisions ---

TEST_P(MeetingsTest, AgendaItemsAndGeneratedReviewItems) {
  MeetingId review = create_meeting(MeetingType::management_review);
  MeetingView v = get(review);
  const AgendaItem input_a = v.items[0];
  const auto before = ledger_size(org());
  // A generated input keeps its title and cannot be removed.
  ItemFields renamed{"Something else", input_a.tags, "", "", ""};
  auto r = update_item(env(), by(carl_), input_a.id, renamed, input_a.row_version);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().fields.contains("title"));
  EXPECT_EQ(remove_item(env(), by(carl_), input_a.id).error().code, Errc::conflict);
  EXPECT_EQ(ledger_size(org()), before);
  // Its minutes, presenter and material can be written.
  ItemFields filled{input_a.title, input_a.tags, "All open actions discussed.", "Ivan Isms",
                    "Slides attached."};
  ASSERT_TRUE(update_item(env(), by(carl_), input_a.id, filled, input_a.row_version));
  EXPECT_EQ(update_item(env(), by(carl_), input_a.id, filled, input_a.row_version).error().code,
            Errc::stale);
  AgendaItem updated = get(review).items[0];
  EXPECT_EQ(updated.minutes, "All open actions discussed.");
  EXPECT_EQ(updated.presenter, "Ivan Isms");
  EXPECT_EQ(updated.material, "Slides attached.");
  EXPECT_EQ(updated.row_version, input_a.row_version + 1);

  ItemFields extra;
  extra.title = "Any other business";
  extra.tags = {Topic::other, Topic::budget};
  auto added = add_item(env(), by(carl_), review, extra);
  ASSERT_TRUE(added);
  MeetingView with = get(review);
  ASSERT_EQ(with.items.size(), 9u);
  EXPECT_EQ(with.items.back().position, 9);
  EXPECT_EQ(with.items.back().tags, (std::vector<Topic>{Topic::budget, Topic::other}));
  // A decision linked to the item keeps its text and loses the link when the item goes.
  DecisionFields d;
  d.text = "Move the offsite to May.";
  d.item = *added;
  auto dec = add_decision(env(), by(carl_), review, d);
  ASSERT_TRUE(dec);
  ASSERT_TRUE(remove_item(env(), by(carl_), *added));
  MeetingView without = get(review);
  EXPECT_EQ(without.items.size(), 8u);
  ASSERT_EQ(without.decisions.size(), 1u);
  EXPECT_FALSE(without.decisions[0].decision.item);
  EXPECT_EQ(without.decisions[0].decision.text, "Move the offsite to May.");
  EXPECT_EQ(history(review), (std::vector<std::string>{"create", "item_update", "item_add",
                                                       "decision_add", "item_remove"}));
  auto invalid = add_item(env(), by(carl_), review, ItemFields{});
  ASSERT_FALSE(invalid);
  EXPECT_TRUE(invalid.error().fields.contains("title"));
}

TEST_P(MeetingsTest, SecurityOnTheAgendaFollowsTheTopics) {
  MeetingId plain = create_meeting(MeetingType::board, "2026-01-10T10:00:00Z");
  ItemFields budget;
  budget.title = "Budget";
  budget.tags = {Topic::budget, Topic::other};
  ASSERT_TRUE(add_item(env(), by(carl_), plain, budget));
  MeetingId secure = create_meeting(MeetingType::board, "2026-02-10T10:00:00Z");
  ItemFields risk;
  risk.title = "Top risks";
  risk.tags = {Topic::risk};
  ASSERT_TRUE(add_item(env(), by(carl_), secure, risk));
  auto rows = list(env(), admin(), ListQuery{});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_TRUE(rows->at(0).security_on_agenda);
  EXPECT_EQ(rows->at(0).items, 1);
  EXPECT_FALSE(rows->at(1).security_on_agenda);
  // Filters: type, time range, search; ascending order.
  ListQuery q;
  q.descending = false;
  q.search = "2026-01";
  EXPECT_EQ(list(env(), admin(), q)->size(), 1u);
  q.search.clear();
  EXPECT_EQ(list(env(), admin(), q)->at(0).meeting.id, plain);
  q.from = at("2026-02-01T00:00:00Z");
  EXPECT_EQ(list(env(), admin(), q)->size(), 1u);
  q.from.reset();
  q.type = MeetingType::management_review;
  EXPECT_TRUE(list(env(), admin(), q)->empty());
  q.type.reset();
  q.status = MeetingStatus::cancelled;
  EXPECT_TRUE(list(env(), admin(), q)->empty());
  q.status.reset();
  q.limit = 0;
  EXPECT_TRUE(list(env(), admin(), q).error().fields.contains("limit"));
}

TEST_P(MeetingsTest, DecisionsWithOwnerAndDueDateBecomeActionsKeptInStep) {
  MeetingId exec = create_meeting();
  MeetingId review = create_meeting(MeetingType::management_review, "2026-02-21T10:00:00Z");
  const auto due = day("2026-06-30");
  DecisionFields f;
  f.text = "Run a phishing simulation for all staff.\nReport the click rate.";
  f.type = DecisionType::improvement;
  f.owner = olga_p_;
  f.due_on = due;
  const auto before = ledger_size(org());
  auto d = add_decision(env(), by(carl_), exec, f);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(ledger_size(org()), before + 2);  // the decision and its action
  MeetingView v = get(exec);
  ASSERT_EQ(v.decisions.size(), 1u);
  const DecisionRow& row = v.decisions[0];
  EXPECT_EQ(row.owner_name, "Olga Owner");
  ASSERT_TRUE(row.decision.action_id);
  EXPECT_EQ(row.action_status, actions::State::open);
  EXPECT_EQ(row.action_due_on, due);
  auto a = action(*row.decision.action_id);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->row.action.source, actions::Source::meeting_decision);
  EXPECT_EQ(a->row.action.title, "Run a phishing simulation for all staff.");
  EXPECT_EQ(a->row.action.description, f.text);
  EXPECT_EQ(a->row.action.meeting_id, exec.value);
  EXPECT_EQ(a->row.action.decision_id, d->value);
  EXPECT_EQ(a->row.action.owner, olga_p_);

  // In a review the action's source is the management review.
  auto rd = add_decision(env(), by(carl_), review, f);
  ASSERT_TRUE(rd);
  auto ra = action(*get(review).decisions[0].decision.action_id);
  EXPECT_EQ(ra->row.action.source, actions::Source::management_review);

  // A decision without a due date has no action, until it gets one.
  DecisionFields plain;
  plain.text = "Note the auditor's praise.";
  plain.owner = ivan_p_;
  auto p = add_decision(env(), by(carl_), exec, plain);
  ASSERT_TRUE(p);
  Decision pd = get(exec).decisions[1].decision;
  EXPECT_FALSE(pd.action_id);
  plain.due_on = day("2026-04-30");
  ASSERT_TRUE(update_decision(env(), by(carl_), *p, plain, pd.row_version));
  pd = get(exec).decisions[1].decision;
  ASSERT_TRUE(pd.action_id);
  EXPECT_EQ(action(*pd.action_id)->row.action.due_on, day("2026-04-30"));

  // Changing owner and date updates the action.
  f.owner = ivan_p_;
  f.due_on = day("2026-07-31");
  EXPECT_EQ(update_decision(env(), by(carl_), *d, f, row.decision.row_version + 5).error().code,
            Errc::stale);
  ASSERT_TRUE(update_decision(env(), by(carl_), *d, f, row.decision.row_version));
  auto moved = action(*row.decision.action_id);
  EXPECT_EQ(moved->row.action.owner, ivan_p_);
  EXPECT_EQ(moved->row.action.due_on, day("2026-07-31"));
  EXPECT_EQ(moved->history.at(0).action, "update");
  for (const std::string& part : std::vector<std::string>{
           std::string("\"due_on\":{\"from\":\"2026-06-30\",\"to\":\"2026-07-31\"}"),
           "\"decision_id\":" + d->str(), "\"meeting_id\":" + exec.str()}) {
    EXPECT_NE(moved->history.at(0).payload.find(part), std::string::npos)
        << part << " in " << moved->history.at(0).payload;
  }
  // Only the decision's type changes: the action is already in step, nothing is recorded on it.
  const auto action_entries = moved->history.size();
  f.type = DecisionType::isms_change;
  ASSERT_TRUE(
      update_decision(env(), by(carl_), *d, f, get(exec).decisions[0].decision.row_version));
  EXPECT_EQ(action(*row.decision.action_id)->history.size(), action_entries);

  // Withdrawing a decision cancels its action.
  ASSERT_TRUE(remove_decision(env(), by(carl_), *d));
  auto cancelled = action(*row.decision.action_id);
  EXPECT_EQ(cancelled->row.action.status, actions::State::cancelled);
  EXPECT_EQ(cancelled->row.action.cancel_reason, "decision withdrawn before sign-off");
  EXPECT_FALSE(cancelled->row.action.decision_id);
  EXPECT_EQ(cancelled->row.action.meeting_id, exec.value);
  EXPECT_EQ(cancelled->history.at(0).action, "cancel");
  for (const std::string& part :
       std::vector<std::string>{std::string("\"status\":{\"from\":\"open\",\"to\":\"cancelled\"}"),
                                "\"decision_id\":" + d->str(), "\"meeting_id\":" + exec.str()}) {
    EXPECT_NE(cancelled->history.at(0).payload.find(part), std::string::npos)
        << part << " in " << cancelled->history.at(0).payload;
  }
  EXPECT_EQ(get(exec).decisions.size(), 1u);

  // A decision whose action is done cannot be withdrawn or moved.
  ASSERT_TRUE(actions::start(env(), admin(), actions::ActionId{*pd.action_id}));
  ASSERT_TRUE(actions::complete(env(), admin(), actions::ActionId{*pd.action_id}, "Done."));
  const auto settled = ledger_size(org());
  auto withdraw = remove_decision(env(), by(carl_), *p);
  ASSERT_FALSE(withdraw);
  EXPECT_EQ(withdraw.error().code, Errc::conflict);
  EXPECT_EQ(withdraw.error().message,
            "The action made from this decision is done: the decision can no longer be withdrawn.");
  plain.due_on = day("2026-05-31");
  pd = get(exec).decisions[0].decision;
  auto moved_done = update_decision(env(), by(carl_), *p, plain, pd.row_version);
  ASSERT_FALSE(moved_done);
  EXPECT_EQ(moved_done.error().code, Errc::conflict);
  EXPECT_EQ(moved_done.error().message,
            "The action made from this decision is done: reopen it before changing the decision.");
  // Refused as a whole: the decision kept its date, the action its own, nothing recorded.
  EXPECT_EQ(get(exec).decisions[0].decision.due_on, day("2026-04-30"));
  EXPECT_EQ(action(*pd.action_id)->row.action.due_on, day("2026-04-30"));
  EXPECT_EQ(ledger_size(org()), settled);

  // References: an item of another meeting, an owner who is not a person.
  DecisionFields wrong;
  wrong.text = "X";
  wrong.item = get(review).items[0].id;
  wrong.owner = PersonId{555555};
  const auto size = ledger_size(org());
  auto w = add_decision(env(), by(carl_), exec, wrong);
  ASSERT_FALSE(w);
  EXPECT_TRUE(w.error().fields.contains("item_id"));
  EXPECT_TRUE(w.error().fields.contains("owner_id"));
  DecisionFields dated;
  dated.text = "Y";
  dated.due_on = due;
  EXPECT_EQ(add_decision(env(), by(carl_), exec, dated).error().fields.at("due_on"),
            "needs an owner");
  EXPECT_EQ(ledger_size(org()), size);
}

// --- attachments ---

TEST_P(MeetingsTest, AttachmentsAreLimitedHashedAndStoredOnce) {
  MeetingId id = create_meeting();
  MeetingId other = create_meeting(MeetingType::board);
  const auto today = core::days_since_epoch(clock_.now());
  const auto before = ledger_size(org());
  auto html = add_attachment(env(), by(carl_), id, std::nullopt, "minutes.html",
                             "<html><script>alert(1)</script></html>", today);
  ASSERT_FALSE(html);
  EXPECT_NE(html.error().fields.at("file").find("type .html is not allowed"), std::string::npos);
  auto big = add_attachment(env(), by(carl_), id, std::nullopt, "big.pdf",
                            kPdf + std::string(kMaxAttachmentBytes, ' '), today);
  EXPECT_EQ(big.error().fields.at("file"), "is larger than 10 MiB");
  auto disguised = add_attachment(env(), by(carl_), id, std::nullopt, "report.pdf",
                                  "<html><body>not a pdf</body></html>", today);
  EXPECT_EQ(disguised.error().fields.at("file"), "does not look like a PDF");
  auto future = add_attachment(env(), by(carl_), id, std::nullopt, "a.pdf", kPdf, today + 1);
  EXPECT_EQ(future.error().fields.at("effective_on"), "must not be after today");
  EXPECT_TRUE(add_attachment(env(), by(carl_), id, std::nullopt, "a.pdf", kPdf, 0)
                  .error()
                  .fields.contains("effective_on"));
  auto foreign_item = add_attachment(env(), by(carl_), other, ItemId{123456}, "a.pdf", kPdf, today);
  EXPECT_TRUE(foreign_item.error().fields.contains("item_id"));
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 0);

  const Timestamp first_at = clock_.now();
  auto a = add_attachment(env(), by(carl_), id, std::nullopt, "<script>alert(1)</script>\".pdf",
                          kPdf, today - 3);
  ASSERT_TRUE(a) << a.error().message;
  clock_.advance_seconds(3600);
  // The same bytes again, in another meeting: one blob.
  auto b = add_attachment(env(), by(carl_), other, std::nullopt, "copy.pdf", kPdf, today);
  ASSERT_TRUE(b);
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 1);
  EXPECT_EQ(ledger_size(org()), before + 2);

  MeetingView v = get(id);
  ASSERT_EQ(v.attachments.size(), 1u);
  const Attachment& att = v.attachments[0];
  EXPECT_EQ(att.file_name, "script>.pdf");  // the last path component, quotes removed
  EXPECT_EQ(att.media_type, "application/pdf");
  EXPECT_EQ(att.size, static_cast<std::int64_t>(kPdf.size()));
  EXPECT_EQ(att.sha256, core::hex(core::sha256(kPdf)));
  EXPECT_EQ(att.received_at, first_at);
  EXPECT_EQ(att.effective_on, today - 3);
  EXPECT_EQ(att.uploaded_by_label, "Carl Contributor");
  EXPECT_NE(v.history.at(0).payload.find(att.sha256), std::string::npos);

  auto dl = download(env(), as(Role::auditor), id, *a);
  ASSERT_TRUE(dl) << dl.error().message;
  EXPECT_EQ(dl->bytes, kPdf);
  EXPECT_EQ(dl->attachment.file_name, "script>.pdf");
  // An attachment is served only through its own meeting.
  EXPECT_EQ(download(env(), admin(), other, *a).error().code, Errc::not_found);
  EXPECT_EQ(download(env(), admin(), id, AttachmentId{999999}).error().code, Errc::not_found);

  // Received-at never changes: a later upload and a removal leave it as it was.
  auto text = add_attachment(env(), by(carl_), id, std::nullopt, "notes.txt", "Notes\n", today);
  ASSERT_TRUE(text);
  ASSERT_TRUE(remove_attachment(env(), by(carl_), id, *text));
  EXPECT_EQ(remove_attachment(env(), by(carl_), id, *text).error().code, Errc::not_found);
  MeetingView again = get(id);
  ASSERT_EQ(again.attachments.size(), 1u);
  EXPECT_EQ(again.attachments[0].received_at, first_at);
  // Removing an attachment keeps the blob (the other meeting still refers to it).
  ASSERT_TRUE(remove_attachment(env(), by(carl_), id, *a));
  EXPECT_TRUE(download(env(), admin(), other, *b));
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 2);
}

// --- sign-off ---

TEST_P(MeetingsTest, SignOffNeedsTheChairAsTopManagementWithStepUp) {
  MeetingId id = create_meeting();
  // Blockers first: attendance not recorded, no minutes.
  MeetingView fresh = get(id);
  ASSERT_EQ(fresh.signoff_blockers.size(), 2u);
  EXPECT_EQ(fresh.signoff_blockers[0], "attendance not recorded for: Ivan Isms, Tina Top");
  EXPECT_EQ(fresh.signoff_blockers[1], "no minutes recorded");
  const auto before = ledger_size(org());
  auto blocked = sign(env(), by(tina_), id, auth(tina_));
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, Errc::conflict);
  EXPECT_NE(blocked.error().message.find("attendance not recorded for: Ivan Isms, Tina Top"),
            std::string::npos);
  make_signable(id);
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, tina_p_, Attendance::excused));
  EXPECT_EQ(get(id).signoff_blockers,
            (std::vector<std::string>{"the chair is not recorded as present"}));
  ASSERT_TRUE(set_attendance(env(), by(carl_), id, tina_p_, Attendance::present));
  EXPECT_TRUE(get(id).signoff_blockers.empty());
  const auto ready = ledger_size(org());
  EXPECT_GT(ready, before);

  // Not the chair: another top-management user; roles other than top management; an API token.
  EXPECT_EQ(sign(env(), by(tom_), id, auth(tom_)).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), by(ivan_), id, auth(ivan_)).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), admin(), id, SignatureAuth{kPw, "x", ""}).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), as(Role::auditor), id, SignatureAuth{kPw, "x", ""}).error().code,
            Errc::forbidden);
  Caller token{UserId{}, TokenId{7}, org(), Role::top_management, "token ci"};
  EXPECT_EQ(sign(env(), token, id, SignatureAuth{kPw, "", ""}).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), by(tina_), id, SignatureAuth{kPw, "", ""}).error().code,
            Errc::forbidden);  // no session
  // Wrong password: nothing signed.
  auto wrong = sign(env(), by(tina_), id, auth(tina_, "not my password"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Errc::unauthorized);
  EXPECT_TRUE(wrong.error().fields.contains("password"));
  EXPECT_EQ(ledger_size(org()), ready);
  EXPECT_EQ(get(id).meeting.status, MeetingStatus::planned);

  sign_as(tina_, id);
  MeetingView v = get(id);
  EXPECT_EQ(v.meeting.status, MeetingStatus::signed_off);
  EXPECT_TRUE(v.signoff_blockers.empty());
  EXPECT_EQ(v.meeting.signer, tina_.user);
  EXPECT_EQ(v.meeting.signer_name, "Tina Top");
  EXPECT_EQ(v.meeting.signer_role, "top_management");
  EXPECT_EQ(v.meeting.signature_meaning, "Minutes approved by the chair");
  EXPECT_EQ(v.meeting.signed_at, clock_.now());
  ASSERT_FALSE(v.meeting.frozen_content.empty());
  EXPECT_EQ(v.meeting.content_hash, core::hex(core::sha256(v.meeting.frozen_content)));
  EXPECT_EQ(v.meeting.frozen_content,
            core::canonical_json(*core::parse_json(v.meeting.frozen_content)));
  for (const char* part : {"\"attendees\"", "\"items\"", "\"decisions\"", "\"attachments\"",
                           "Discussed the **phishing** results.", "\"attendance\":\"present\""}) {
    EXPECT_NE(v.meeting.frozen_content.find(part), std::string::npos) << part;
  }
  const auto& entry = v.history.at(0);
  EXPECT_EQ(entry.action, "sign");
  ASSERT_TRUE(v.meeting.signoff_seq);
  EXPECT_EQ(*v.meeting.signoff_seq, entry.seq);
  EXPECT_NE(entry.payload.find(v.meeting.content_hash), std::string::npos);
  EXPECT_EQ(ledger_size(org()), ready + 1);
}

TEST_P(MeetingsTest, TheChairMustHoldTopManagementAndTheMeetingMustHaveTakenPlace) {
  // Carl chairs, but he is a contributor: nobody can sign.
  MeetingId carl_chairs =
      create_meeting(MeetingType::isms_steering, "2026-02-20T10:00:00Z", carl_p_);
  make_signable(carl_chairs);
  EXPECT_EQ(sign(env(), by(carl_), carl_chairs, auth(carl_)).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), by(tina_), carl_chairs, auth(tina_)).error().code, Errc::forbidden);
  // A meeting in the future cannot be signed.
  MeetingId later = create_meeting(MeetingType::board, "2026-03-05T10:00:00Z");
  make_signable(later);
  MeetingView v = get(later);
  EXPECT_FALSE(v.held);
  EXPECT_EQ(v.signoff_blockers, (std::vector<std::string>{"the meeting has not taken place"}));
  const auto before = ledger_size(org());
  EXPECT_EQ(sign(env(), by(tina_), later, auth(tina_)).error().code, Errc::conflict);
  EXPECT_EQ(ledger_size(org()), before);
  clock_.set(at("2026-03-05T12:00:00Z"));
  sign_as(tina_, later);
}

TEST_P(MeetingsTest, SignedMinutesRefuseEveryWriteAndTakeSignedAddenda) {
  MeetingId id = create_meeting();
  make_signable(id);
  DecisionFields df;
  df.text = "Approve the access review procedure.";
  df.type = DecisionType::isms_change;
  df.owner = olga_p_;
  df.due_on = day("2026-05-01");
  auto d = add_decision(env(), by(carl_), id, df);
  ASSERT_TRUE(d);
  auto att = add_attachment(env(), by(carl_), id, std::nullopt, "pack.pdf", kPdf,
                            core::days_since_epoch(clock_.now()));
  ASSERT_TRUE(att);
  // An addendum needs signed minutes.
  EXPECT_EQ(add_addendum(env(), by(ivan_), id, "Correction.", auth(ivan_)).error().code,
            Errc::conflict);
  sign_as(tina_, id);
  MeetingView signed_view = get(id);
  const auto before = ledger_size(org());
  const auto& item = signed_view.items[0];
  const auto& decision = signed_view.decisions[0].decision;

  std::vector<std::pair<std::string, Status>> writes;
  MeetingFields f = fields(MeetingType::executive_committee);
  writes.emplace_back("update", update(env(), by(carl_), id, f, signed_view.meeting.row_version));
  writes.emplace_back("cancel", cancel(env(), by(carl_), id, "Too late"));
  writes.emplace_back("attendance",
                      set_attendance(env(), by(carl_), id, ivan_p_, Attendance::absent));
  auto item_added = add_item(env(), by(carl_), id, ItemFields{"New", {}, "", "", ""});
  writes.emplace_back("add_item", item_added ? Status{} : Status{item_added.error()});
  writes.emplace_back(
      "update_item",
      update_item(env(), by(carl_), item.id,
                  ItemFields{item.title, item.tags, "Rewritten.", "", ""}, item.row_version));
  writes.emplace_back("remove_item", remove_item(env(), by(carl_), item.id));
  auto added = add_decision(env(), by(carl_), id, df);
  writes.emplace_back("add_decision", added ? Status{} : Status{added.error()});
  df.text = "Changed after the fact.";
  writes.emplace_back("update_decision",
                      update_decision(env(), by(carl_), *d, df, decision.row_version));
  writes.emplace_back("remove_decision", remove_decision(env(), by(carl_), *d));
  auto more = add_attachment(env(), by(carl_), id, std::nullopt, "late.pdf", kPdf,
                             core::days_since_epoch(clock_.now()));
  writes.emplace_back("add_attachment", more ? Status{} : Status{more.error()});
  writes.emplace_back("remove_attachment", remove_attachment(env(), by(carl_), id, *att));
  writes.emplace_back("sign", sign(env(), by(tina_), id, auth(tina_)));
  for (const auto& [what, status] : writes) {
    ASSERT_FALSE(status) << what;
    EXPECT_EQ(status.error().code, Errc::conflict) << what;
    if (what != "sign") {
      EXPECT_NE(status.error().message.find("signed minutes are immutable: add an addendum"),
                std::string::npos)
          << what << ": " << status.error().message;
    }
  }
  EXPECT_EQ(ledger_size(org()), before);
  MeetingView after = get(id);
  EXPECT_EQ(after.meeting.frozen_content, signed_view.meeting.frozen_content);
  EXPECT_EQ(after.meeting.row_version, signed_view.meeting.row_version);
  EXPECT_EQ(after.items[0].minutes, "Discussed the **phishing** results.");
  EXPECT_EQ(after.decisions.size(), 1u);
  EXPECT_EQ(after.attachments.size(), 1u);
  // Nothing else moved either: every item, the decision and its action as signed.
  ASSERT_EQ(after.items.size(), signed_view.items.size());
  for (std::size_t i = 0; i < after.items.size(); ++i) {
    EXPECT_EQ(after.items[i].id, signed_view.items[i].id);
    EXPECT_EQ(after.items[i].title, signed_view.items[i].title);
    EXPECT_EQ(after.items[i].minutes, signed_view.items[i].minutes);
    EXPECT_EQ(after.items[i].row_version, signed_view.items[i].row_version);
  }
  EXPECT_EQ(after.decisions[0].decision.text, "Approve the access review procedure.");
  EXPECT_EQ(after.decisions[0].decision.row_version, decision.row_version);
  EXPECT_EQ(after.decisions[0].action_status, actions::State::open);
  EXPECT_EQ(after.decisions[0].action_due_on, day("2026-05-01"));
  EXPECT_EQ(after.attachments[0].id, *att);
  ASSERT_EQ(after.attendees.size(), signed_view.attendees.size());
  for (std::size_t i = 0; i < after.attendees.size(); ++i) {
    EXPECT_EQ(after.attendees[i].person, signed_view.attendees[i].person);
    EXPECT_EQ(after.attendees[i].attendance, signed_view.attendees[i].attendance);
  }

  // Addenda: signed with step-up by an addendum signer.
  EXPECT_EQ(add_addendum(env(), by(carl_), id, "Correction.", auth(carl_)).error().code,
            Errc::forbidden);
  EXPECT_TRUE(
      add_addendum(env(), by(ivan_), id, "  ", auth(ivan_)).error().fields.contains("body"));
  auto wrong = add_addendum(env(), by(ivan_), id, "Correction.", auth(ivan_, "nope"));
  EXPECT_EQ(wrong.error().code, Errc::unauthorized);
  EXPECT_EQ(ledger_size(org()), before);
  clock_.advance_seconds(86'400);
  const std::string body = "The access review covers contractors too.";
  auto add = add_addendum(env(), by(ivan_), id, "  " + body + "\n", auth(ivan_));
  ASSERT_TRUE(add) << add.error().message;
  EXPECT_EQ(ledger_size(org()), before + 1);
  MeetingView amended = get(id);
  ASSERT_EQ(amended.addenda.size(), 1u);
  const Addendum& a = amended.addenda[0];
  EXPECT_EQ(a.id, *add);
  EXPECT_EQ(a.body, body);
  EXPECT_EQ(a.content_hash,
            core::hex(core::sha256(body + "\n" + signed_view.meeting.content_hash)));
  EXPECT_EQ(a.signer, ivan_.user);
  EXPECT_EQ(a.signer_name, "Ivan Isms");
  EXPECT_EQ(a.signer_role, "isms_manager");
  EXPECT_EQ(a.signed_at, clock_.now());
  EXPECT_FALSE(a.meaning.empty());
  EXPECT_EQ(amended.history.at(0).action, "addendum");
  EXPECT_NE(amended.history.at(0).payload.find(a.content_hash), std::string::npos);
  // The minutes themselves did not change.
  EXPECT_EQ(amended.meeting.content_hash, signed_view.meeting.content_hash);
  EXPECT_EQ(amended.meeting.row_version, signed_view.meeting.row_version);
  Caller token{UserId{}, TokenId{9}, org(), Role::isms_manager, "token ci"};
  EXPECT_EQ(add_addendum(env(), token, id, "X", SignatureAuth{kPw, "", ""}).error().code,
            Errc::forbidden);
}

TEST_P(MeetingsTest, ReviewSignOffFreezesInputsAndCarriesOpenActionsOver) {
  // The first review decides an action; once signed, the next review carries it over.
  MeetingId first = create_meeting(MeetingType::management_review, "2025-09-15T09:00:00Z");
  DecisionFields df;
  df.text = "Replace the VPN concentrator.";
  df.type = DecisionType::resource;
  df.owner = olga_p_;
  df.due_on = day("2025-12-31");
  ASSERT_TRUE(add_decision(env(), by(carl_), first, df));
  make_signable(first);
  sign_as(tina_, first);
  MeetingView f1 = get(first);
  EXPECT_EQ(f1.meeting.signature_meaning, "Management review signed off by the chair");
  const std::int64_t action_id = *f1.decisions[0].decision.action_id;
  for (const auto& item : f1.items) {
    if (item.review_input) {
      auto data = input_from_json(item.snapshot);
      ASSERT_TRUE(data) << item.title;
      EXPECT_EQ(data->input, *item.review_input);
    } else {
      EXPECT_TRUE(item.snapshot.empty());
    }
  }
  EXPECT_TRUE(action(action_id)->carryovers.empty());

  MeetingId second = create_meeting(MeetingType::management_review, "2026-02-25T09:00:00Z");
  EXPECT_EQ(get(second).meeting.previous_review, first);
  make_signable(second);
  sign_as(tina_, second);
  auto a = action(action_id);
  ASSERT_TRUE(a);
  ASSERT_EQ(a->carryovers.size(), 1u);
  EXPECT_EQ(a->carryovers[0].meeting_id, second.value);
  EXPECT_EQ(a->row.carried_over, 1);
  MeetingView f2 = get(second);
  // Input a froze the open action, listed in the signed content too.
  const AgendaItem& input_a = f2.items[0];
  ASSERT_EQ(input_a.review_input, ReviewInput::actions_status);
  auto data = input_from_json(input_a.snapshot);
  ASSERT_TRUE(data);
  ASSERT_FALSE(data->to_be_presented());
  EXPECT_NE(input_a.snapshot.find("Replace the VPN concentrator."), std::string::npos);
  EXPECT_NE(f2.meeting.frozen_content.find("Replace the VPN concentrator."), std::string::npos);
  auto frozen = review_inputs(env(), admin(), second);
  ASSERT_TRUE(frozen);
  EXPECT_TRUE(frozen->frozen);
  EXPECT_EQ(frozen->previous_review, first);
}

// --- cancel, cadence ---

TEST_P(MeetingsTest, CancelNeedsAReasonAndEndsChanges) {
  MeetingId id = create_meeting();
  const auto before = ledger_size(org());
  EXPECT_TRUE(cancel(env(), by(carl_), id, "  ").error().fields.contains("reason"));
  EXPECT_EQ(ledger_size(org()), before);
  ASSERT_TRUE(cancel(env(), by(carl_), id, "Quorum not reached"));
  MeetingView v = get(id);
  EXPECT_EQ(v.meeting.status, MeetingStatus::cancelled);
  EXPECT_EQ(v.meeting.cancel_reason, "Quorum not reached");
  EXPECT_TRUE(v.signoff_blockers.empty());
  EXPECT_EQ(cancel(env(), by(carl_), id, "Again").error().code, Errc::conflict);
  auto upd =
      update(env(), by(carl_), id, fields(MeetingType::executive_committee), v.meeting.row_version);
  EXPECT_EQ(upd.error().code, Errc::conflict);
  EXPECT_NE(upd.error().message.find("cancelled"), std::string::npos);
  EXPECT_EQ(sign(env(), by(tina_), id, auth(tina_)).error().code, Errc::conflict);
  EXPECT_EQ(add_addendum(env(), by(ivan_), id, "X", auth(ivan_)).error().code, Errc::conflict);
  EXPECT_EQ(ledger_size(org()), before + 1);
  ListQuery q;
  q.status = MeetingStatus::cancelled;
  EXPECT_EQ(list(env(), admin(), q)->size(), 1u);
}

TEST_P(MeetingsTest, CadenceHasDefaultsAndRecordsChanges) {
  auto c = cadence(env(), as(Role::auditor));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->review_every_months, 12);
  EXPECT_EQ(c->security_agenda_every_months, 3);
  const auto before = ledger_size(org());
  auto bad = set_cadence(env(), by(ivan_), Cadence{0, 30});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().fields.contains("review_every_months"));
  EXPECT_TRUE(bad.error().fields.contains("security_agenda_every_months"));
  EXPECT_EQ(set_cadence(env(), by(carl_), Cadence{6, 2}).error().code, Errc::forbidden);
  EXPECT_EQ(set_cadence(env(), as(Role::auditor), Cadence{6, 2}).error().code, Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);
  ASSERT_TRUE(set_cadence(env(), by(ivan_), Cadence{6, 2}));
  EXPECT_EQ(ledger_size(org()), before + 1);
  ASSERT_TRUE(set_cadence(env(), by(ivan_), Cadence{6, 2}));  // unchanged: no entry
  EXPECT_EQ(ledger_size(org()), before + 1);
  c = cadence(env(), by(sam_));
  EXPECT_EQ(c.error().code, Errc::forbidden);
  c = cadence(env(), admin());
  EXPECT_EQ(c->review_every_months, 6);
  EXPECT_EQ(c->security_agenda_every_months, 2);
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other);
  EXPECT_EQ(cadence(env(), as(Role::admin, *other))->review_every_months, 12);
}

// --- calendar ---

int count_components(const std::string& ics, icalcomponent_kind kind) {
  icalcomponent* cal = icalparser_parse_string(ics.c_str());
  if (!cal) {
    return -1;
  }
  int n = 0;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, kind); c;
       c = icalcomponent_get_next_component(cal, kind)) {
    ++n;
  }
  icalcomponent_free(cal);
  return n;
}

TEST_P(MeetingsTest, CalendarTokensAreOwnHashedAndLimited) {
  Caller token{UserId{}, TokenId{3}, org(), Role::contributor, "token ci"};
  EXPECT_EQ(create_calendar_token(env(), token).error().code, Errc::forbidden);
  const auto before = ledger_size(org());
  auto t = create_calendar_token(env(), by(tina_));
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_TRUE(t->secret.starts_with("mdc_"));
  EXPECT_EQ(t->token.prefix, t->secret.substr(0, 12));
  EXPECT_EQ(ledger_size(org()), before + 1);
  // Stored hashed, never in clear.
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_tokens WHERE token_hash = '" +
                  core::hex(core::sha256(t->secret)) + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_tokens WHERE token_hash = '" + t->secret + "'"),
            0);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(create_calendar_token(env(), by(tina_)));
  }
  EXPECT_EQ(create_calendar_token(env(), by(tina_)).error().code, Errc::conflict);
  EXPECT_EQ(calendar_tokens(env(), by(tina_))->size(), 5u);
  EXPECT_TRUE(calendar_tokens(env(), by(sam_))->empty());
  // Someone else's token is not theirs to revoke.
  EXPECT_EQ(revoke_calendar_token(env(), by(sam_), t->token.id).error().code, Errc::not_found);
  ASSERT_TRUE(revoke_calendar_token(env(), by(tina_), t->token.id));
  EXPECT_EQ(revoke_calendar_token(env(), by(tina_), t->token.id).error().code, Errc::conflict);
  EXPECT_TRUE(create_calendar_token(env(), by(tina_)));  // a slot is free again
  auto mine = calendar_tokens(env(), by(tina_));
  EXPECT_EQ(mine->size(), 6u);
  EXPECT_EQ(std::count_if(mine->begin(), mine->end(),
                          [](const CalendarToken& c) { return c.revoked_at.has_value(); }),
            1);
}

TEST_P(MeetingsTest, CalendarFeedListsMeetingsAndActionDueDates) {
  MeetingId board = create_meeting(MeetingType::board, "2026-03-20T10:00:00Z", tina_p_, {ivan_p_});
  MeetingId called_off =
      create_meeting(MeetingType::executive_committee, "2026-04-02T08:30:00Z", ivan_p_, {tina_p_});
  ASSERT_TRUE(cancel(env(), by(carl_), called_off, "Moved"));
  MeetingId without_tina =
      create_meeting(MeetingType::isms_steering, "2026-03-22T10:00:00Z", ivan_p_, {carl_p_});
  MeetingId long_ago = create_meeting(MeetingType::board, "2024-01-10T10:00:00Z", tina_p_);
  DecisionFields df;
  df.text = "Renew the cyber insurance.";
  df.owner = tina_p_;
  df.due_on = day("2026-05-15");
  auto d = add_decision(env(), by(carl_), board, df);
  ASSERT_TRUE(d);
  const std::int64_t action_id = *get(board).decisions[0].decision.action_id;

  auto t = create_calendar_token(env(), by(tina_));
  ASSERT_TRUE(t);
  auto feed = calendar_feed(env(), t->secret);
  ASSERT_TRUE(feed) << feed.error().message;
  const std::string& ics = *feed;
  for (const std::string& line :
       {std::string("BEGIN:VCALENDAR"), std::string("VERSION:2.0"),
        std::string("PRODID:-//Mandate//Meetings//EN"), std::string("METHOD:PUBLISH"),
        std::string("X-WR-CALNAME:Mandate — Acme Ltd"), std::string("Chair: Tina Top"),
        std::string("Cancelled: Moved"), "UID:meeting-" + board.str() + "@acme",
        std::string("DTSTART:20260320T100000Z"), std::string("DTEND:20260320T113000Z"),
        std::string("LOCATION:Room 4\\, HQ"), "UID:meeting-" + called_off.str() + "@acme",
        std::string("STATUS:CANCELLED"), std::string("STATUS:CONFIRMED"),
        "UID:action-" + std::to_string(action_id) + "@acme",
        std::string("DTSTART;VALUE=DATE:20260515"),
        std::string("SUMMARY:Action due: Renew the cyber insurance."),
        std::string("END:VCALENDAR")}) {
    EXPECT_NE(ics.find(line), std::string::npos) << line << "\n" << ics;
  }
  EXPECT_EQ(ics.find("meeting-" + without_tina.str() + "@"), std::string::npos);
  EXPECT_EQ(ics.find("meeting-" + long_ago.str() + "@"), std::string::npos);
  EXPECT_NE(ics.find("\r\n"), std::string::npos);
  EXPECT_EQ(count_components(ics, ICAL_VEVENT_COMPONENT), 3);

  // Unknown, malformed and revoked tokens look the same.
  EXPECT_EQ(calendar_feed(env(), "mdc_unknown").error().code, Errc::not_found);
  EXPECT_EQ(calendar_feed(env(), "nonsense").error().code, Errc::not_found);
  ASSERT_TRUE(revoke_calendar_token(env(), by(tina_), t->token.id));
  EXPECT_EQ(calendar_feed(env(), t->secret).error().code, Errc::not_found);
  // A user no longer a member loses the feed.
  auto ivan_token = create_calendar_token(env(), by(ivan_));
  ASSERT_TRUE(ivan_token);
  ASSERT_TRUE(calendar_feed(env(), ivan_token->secret));
  ASSERT_TRUE(accounts::remove_member(env(), admin(), ivan_.user));
  EXPECT_EQ(calendar_feed(env(), ivan_token->secret).error().code, Errc::not_found);
  // Done actions leave the feed.
  ASSERT_TRUE(actions::start(env(), admin(), actions::ActionId{action_id}));
  ASSERT_TRUE(actions::complete(env(), admin(), actions::ActionId{action_id}, "Renewed."));
  auto t2 = create_calendar_token(env(), by(tina_));
  auto after = calendar_feed(env(), t2->secret);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->find("action-" + std::to_string(action_id)), std::string::npos);
  EXPECT_EQ(count_components(*after, ICAL_VEVENT_COMPONENT), 2);
}

// --- roles and tenancy ---

TEST_P(MeetingsTest, AuditorsReadButCannotEditOrSign) {
  MeetingId id = create_meeting();
  auto att = add_attachment(env(), by(carl_), id, std::nullopt, "pack.pdf", kPdf,
                            core::days_since_epoch(clock_.now()));
  ASSERT_TRUE(att);
  make_signable(id);
  Caller auditor = as(Role::auditor);
  EXPECT_TRUE(list(env(), auditor, {}));
  EXPECT_TRUE(view(env(), auditor, id));
  EXPECT_TRUE(download(env(), auditor, id, *att));
  const auto before = ledger_size(org());
  MeetingView v = get(id);
  EXPECT_EQ(create(env(), auditor, fields(MeetingType::board)).error().code, Errc::forbidden);
  EXPECT_EQ(
      update(env(), auditor, id, fields(MeetingType::executive_committee), v.meeting.row_version)
          .error()
          .code,
      Errc::forbidden);
  EXPECT_EQ(cancel(env(), auditor, id, "No").error().code, Errc::forbidden);
  EXPECT_EQ(set_attendance(env(), auditor, id, ivan_p_, Attendance::absent).error().code,
            Errc::forbidden);
  EXPECT_EQ(add_item(env(), auditor, id, ItemFields{"X", {}, "", "", ""}).error().code,
            Errc::forbidden);
  EXPECT_EQ(update_item(env(), auditor, v.items[0].id, ItemFields{"X", {}, "", "", ""},
                        v.items[0].row_version)
                .error()
                .code,
            Errc::forbidden);
  EXPECT_EQ(remove_item(env(), auditor, v.items[0].id).error().code, Errc::forbidden);
  EXPECT_EQ(add_decision(env(), auditor, id, DecisionFields{"X", DecisionType::other, {}, {}, {}})
                .error()
                .code,
            Errc::forbidden);
  EXPECT_EQ(add_attachment(env(), auditor, id, std::nullopt, "a.pdf", kPdf, 1).error().code,
            Errc::forbidden);
  EXPECT_EQ(remove_attachment(env(), auditor, id, *att).error().code, Errc::forbidden);
  EXPECT_EQ(sign(env(), auditor, id, SignatureAuth{kPw, "s", ""}).error().code, Errc::forbidden);
  EXPECT_EQ(set_cadence(env(), auditor, Cadence{}).error().code, Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);
  // Staff read nothing here.
  EXPECT_EQ(list(env(), by(sam_), {}).error().code, Errc::forbidden);
  EXPECT_EQ(view(env(), by(sam_), id).error().code, Errc::forbidden);
  EXPECT_EQ(download(env(), by(sam_), id, *att).error().code, Errc::forbidden);
}

TEST_P(MeetingsTest, OtherOrganizationsSeeNothing) {
  MeetingId id = create_meeting(MeetingType::management_review);
  DecisionFields df;
  df.text = "Decide.";
  auto d = add_decision(env(), by(carl_), id, df);
  ASSERT_TRUE(d);
  auto att = add_attachment(env(), by(carl_), id, std::nullopt, "pack.pdf", kPdf,
                            core::days_since_epoch(clock_.now()));
  ASSERT_TRUE(att);
  MeetingView v = get(id);
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other);
  Caller b = as(Role::admin, *other);
  const auto before = ledger_size(org());
  EXPECT_EQ(view(env(), b, id).error().code, Errc::not_found);
  EXPECT_TRUE(list(env(), b, {})->empty());
  EXPECT_EQ(update(env(), b, id, fields(MeetingType::management_review), v.meeting.row_version)
                .error()
                .code,
            Errc::not_found);
  EXPECT_EQ(cancel(env(), b, id, "Mine").error().code, Errc::not_found);
  EXPECT_EQ(set_attendance(env(), b, id, ivan_p_, Attendance::present).error().code,
            Errc::not_found);
  EXPECT_EQ(add_item(env(), b, id, ItemFields{"X", {}, "", "", ""}).error().code, Errc::not_found);
  EXPECT_EQ(update_item(env(), b, v.items[0].id, ItemFields{v.items[0].title, {}, "x", "", ""},
                        v.items[0].row_version)
                .error()
                .code,
            Errc::not_found);
  EXPECT_EQ(remove_item(env(), b, v.items[7].id).error().code, Errc::not_found);
  EXPECT_EQ(add_decision(env(), b, id, df).error().code, Errc::not_found);
  EXPECT_EQ(update_decision(env(), b, *d, df, 1).error().code, Errc::not_found);
  EXPECT_EQ(remove_decision(env(), b, *d).error().code, Errc::not_found);
  EXPECT_EQ(add_attachment(env(), b, id, std::nullopt, "a.pdf", kPdf, 1).error().code,
            Errc::not_found);
  EXPECT_EQ(download(env(), b, id, *att).error().code, Errc::not_found);
  EXPECT_EQ(remove_attachment(env(), b, id, *att).error().code, Errc::not_found);
  EXPECT_EQ(ledger_size(org()), before);
  // Their own meeting cannot name our people.
  MeetingFields theirs = fields(MeetingType::board);
  EXPECT_TRUE(create(env(), b, theirs).error().fields.contains("chair_id"));
  // Blobs are per organization: the same bytes are stored again for them.
  theirs.chair.reset();
  theirs.invitees.clear();
  auto mine = create(env(), b, theirs);
  ASSERT_TRUE(mine);
  ASSERT_TRUE(add_attachment(env(), b, *mine, std::nullopt, "a.pdf", kPdf, 1));
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingsTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::areas::meetings
