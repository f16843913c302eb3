// Action use cases on both backends: create and update with field-named validation, the status
// machine (every legal and illegal transition, ledger unchanged on refusal), progress notes,
// owner-scoped rights of members, roles and tenancy, independent closure, escalation, the list
// views with filters, sort and paging, the summary and the CSV export, and the functions the
// meetings area calls inside its own transaction (create_in, update_in, cancel_in,
// detach_decision_in, find_in, review_actions, record_carryovers, open_owned_by,
// review_action_stats). Meetings are inserted with SQL here: the meetings service
// is tested in its own folder.
#include "areas/actions/service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "areas/accounts/service.hpp"
#include "areas/area_fixture.hpp"
#include "areas/people/service.hpp"

namespace mandate::areas::actions {
namespace {

using core::Timestamp;
namespace json = core::json;

constexpr const char* kPw = "a long enough passphrase 1";

struct Member {
  UserId user;
  std::string name;
  Role role = Role::staff;
};

std::int64_t day(const char* s) { return *core::parse_date(s); }
Timestamp at(const char* s) { return *core::parse_timestamp(s); }

class ActionsTest : public test::AreaTest {
 protected:
  void SetUp() override {
    AreaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    carl_ = member("carl@example.com", "Carl Contributor", Role::contributor);
    tina_ = member("tina@example.com", "Tina Top", Role::top_management);
    ivan_ = member("ivan@example.com", "Ivan Isms", Role::isms_manager);
    sam_ = member("sam@example.com", "Sam Staff", Role::staff);
    sue_ = member("sue@example.com", "Sue Staff", Role::staff);
    // People linked to users by e-mail (Sue has no entry in the register).
    sam_p_ = person("Sam Staff", "sam@example.com");
    ivan_p_ = person("Ivan Isms", "ivan@example.com");
    olga_p_ = person("Olga Owner", "olga@example.com");
  }

  Member member(const std::string& email, const std::string& name, Role role) {
    auto u = accounts::create_user(env(), admin(), {email, name, kPw});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    auto m = accounts::set_member(env(), admin(), {email, role, std::nullopt});
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return Member{u ? *u : UserId{}, name, role};
  }
  Caller by(const Member& m, OrgId o = OrgId{}) const {
    return Caller{m.user, TokenId{}, o ? o : org(), m.role, m.name};
  }
  PersonId person(const std::string& name, const std::string& email,
                  people::Status status = people::Status::active) {
    auto r = people::create(
        env(), admin(),
        people::PersonFields{name, email, "Employee", "IT", std::nullopt, status, std::nullopt});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : PersonId{};
  }

  ActionId make(const std::string& title, std::optional<PersonId> owner = std::nullopt,
                std::optional<std::int64_t> due = std::nullopt, Source source = Source::other,
                const std::string& ref = "") {
    auto r = create(env(), by(carl_), source, ref, ActionFields{title, "", owner, due});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ActionId{};
  }
  ActionView get(ActionId id) {
    auto v = view(env(), admin(), id);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? *v : ActionView{};
  }
  State status_of(ActionId id) { return get(id).row.action.status; }
  void ok(const Status& s) { ASSERT_TRUE(s) << s.error().message; }
  void finish(ActionId id, const Caller& c) {
    ok(start(env(), c, id));
    ok(complete(env(), c, id, "Signed contract filed in the DMS"));
  }

  // A meeting row written directly (the meetings service is tested elsewhere).
  std::int64_t meeting(const std::string& title, const char* starts,
                       const char* signed_at = nullptr, OrgId o = OrgId{},
                       const char* type = "management_review") {
    return db().write([&](store::Transaction& tx) {
      std::optional<std::int64_t> signed_us;
      if (signed_at) {
        signed_us = at(signed_at).us;
      }
      return tx
          .query_one(
              "INSERT INTO meetings (org_id, meeting_type, title, starts_at, status, signed_at, "
              "created_by_label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'test', ?, ?) "
              "RETURNING id",
              o ? o : org(), type, title, at(starts).us, signed_at ? "signed" : "planned",
              signed_us, at(starts).us, at(starts).us)
          ->int64(0);
    });
  }
  std::int64_t decision(std::int64_t meeting_id, OrgId o = OrgId{}) {
    return db().write([&](store::Transaction& tx) {
      return tx
          .query_one(
              "INSERT INTO meeting_decisions (org_id, meeting_id, text, decision_type, "
              "created_at, updated_at) VALUES (?, ?, 'Do it', 'improvement', 0, 0) RETURNING id",
              o ? o : org(), meeting_id)
          ->int64(0);
    });
  }
  Result<ActionId> create_in_tx(NewAction a, const Caller& c) {
    return db().write(
        [&](store::Transaction& tx) { return create_in(tx, env(), c, std::move(a)); });
  }
  ActionId review_action(std::int64_t meeting_id, const std::string& title,
                         std::optional<std::int64_t> due = std::nullopt,
                         std::optional<PersonId> owner = std::nullopt) {
    auto r = create_in_tx(NewAction{Source::management_review, "", meeting_id, std::nullopt,
                                    ActionFields{title, "", owner, due}},
                          by(carl_));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ActionId{};
  }
  std::vector<ActionRow> review(std::optional<Timestamp> since, std::int64_t current) {
    return db().read([&](store::Transaction& tx) {
      return review_actions(tx, org(), core::days_since_epoch(clock_.now()), since, current);
    });
  }
  void carry(std::int64_t meeting_id, const std::vector<ActionRow>& rows) {
    db().write(
        [&](store::Transaction& tx) { record_carryovers(tx, env(), by(tina_), meeting_id, rows); });
  }
  ActionPage page(const ListQuery& q, const Caller& c) {
    auto r = list(env(), c, q);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ActionPage{};
  }
  ActionPage page(const ListQuery& q) { return page(q, admin()); }
  std::vector<std::string> titles(const ActionPage& p) {
    std::vector<std::string> out;
    for (const auto& r : p.rows) {
      out.push_back(r.action.title);
    }
    return out;
  }
  std::vector<std::string> titles(const std::vector<ActionRow>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
      out.push_back(r.action.title);
    }
    return out;
  }
  std::vector<std::string> history(ActionId id) {
    std::vector<std::string> out;
    for (const auto& e : get(id).history) {
      out.insert(out.begin(), e.action);
    }
    return out;
  }
  std::int64_t count(const std::string& sql) {
    return db().read([&](store::Transaction& tx) { return tx.query_one(sql)->int64(0); });
  }
  std::int64_t today() const { return core::days_since_epoch(clock_.now()); }

  Member carl_, tina_, ivan_, sam_, sue_;
  PersonId sam_p_, ivan_p_, olga_p_;
};

using Strings = std::vector<std::string>;

// --- create and update ---

TEST_P(ActionsTest, CreateValidatesEachFieldAndRecordsOneEntry) {
  PersonId leaver = person("Lea Left", "lea@example.com", people::Status::left);
  const auto before = ledger_size(org());
  auto bad = create(env(), by(carl_), Source::other, std::string(201, 'r'),
                    ActionFields{"", std::string(20001, 'd'), std::nullopt, -1});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::invalid);
  for (const char* f : {"title", "description", "due_on", "source_ref"}) {
    EXPECT_TRUE(bad.error().fields.contains(f)) << f;
  }
  auto stranger = create(env(), by(carl_), Source::other, "",
                         ActionFields{"T", "", PersonId{424242}, std::nullopt});
  EXPECT_EQ(stranger.error().fields.at("owner_id"), "is not a person of this organization");
  auto left =
      create(env(), by(carl_), Source::other, "", ActionFields{"T", "", leaver, std::nullopt});
  EXPECT_EQ(left.error().fields.at("owner_id"), "Lea Left has left the organization");
  for (Source s : {Source::meeting_decision, Source::management_review}) {
    auto m = create(env(), by(carl_), s, "", ActionFields{"T", "", std::nullopt, std::nullopt});
    ASSERT_FALSE(m);
    EXPECT_TRUE(m.error().fields.contains("source"));
  }
  EXPECT_EQ(create(env(), by(carl_), Source::other, "two\nlines",
                   ActionFields{"T", "", std::nullopt, std::nullopt})
                .error()
                .fields.at("source_ref"),
            "must be plain text on one line");
  EXPECT_EQ(ledger_size(org()), before);

  auto id =
      create(env(), by(carl_), Source::walk, " walk:7 ",
             ActionFields{"  Fix the badge reader ", "Door **B**", olga_p_, day("2026-04-01")});
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(ledger_size(org()), before + 1);
  ActionView v = get(*id);
  const Action& a = v.row.action;
  EXPECT_EQ(a.title, "Fix the badge reader");
  EXPECT_EQ(a.description, "Door **B**");
  EXPECT_EQ(a.source, Source::walk);
  EXPECT_EQ(a.source_ref, "walk:7");
  EXPECT_EQ(a.owner, olga_p_);
  EXPECT_EQ(a.due_on, day("2026-04-01"));
  EXPECT_EQ(a.status, State::open);
  EXPECT_EQ(a.created_by_label, "Carl Contributor");
  EXPECT_EQ(a.created_at, clock_.now());
  EXPECT_EQ(a.row_version, 1);
  EXPECT_FALSE(a.meeting_id);
  EXPECT_EQ(v.row.owner_name, "Olga Owner");
  ASSERT_EQ(v.history.size(), 1u);
  EXPECT_EQ(v.history[0].entity_type, "action");
  EXPECT_EQ(v.history[0].entity_id, id->str());
  EXPECT_EQ(v.history[0].action, "create");
  EXPECT_EQ(v.history[0].actor.label, "Carl Contributor");
  EXPECT_NE(v.history[0].payload.find("\"due_on\":\"2026-04-01\""), std::string::npos);
  EXPECT_NE(v.history[0].payload.find("\"source\":\"walk\""), std::string::npos);
}

TEST_P(ActionsTest, UpdateRecordsTheChangesAndChecksTheRowVersion) {
  ActionId id = make("Write the BCP", olga_p_, day("2026-04-01"));
  const auto before = ledger_size(org());
  ok(update(env(), by(tina_), id, ActionFields{"Write the BCP", "", sam_p_, day("2026-05-01")}, 1));
  EXPECT_EQ(ledger_size(org()), before + 1);
  ActionView v = get(id);
  EXPECT_EQ(v.row.action.owner, sam_p_);
  EXPECT_EQ(v.row.owner_name, "Sam Staff");
  EXPECT_EQ(v.row.action.due_on, day("2026-05-01"));
  EXPECT_EQ(v.row.action.row_version, 2);
  EXPECT_EQ(v.history.at(0).action, "update");
  const std::string& payload = v.history[0].payload;
  EXPECT_NE(payload.find("\"due_on\":{\"from\":\"2026-04-01\",\"to\":\"2026-05-01\"}"),
            std::string::npos)
      << payload;
  EXPECT_EQ(payload.find("title"), std::string::npos) << payload;  // unchanged fields omitted

  auto stale = update(env(), by(tina_), id, ActionFields{"Other", "", sam_p_, std::nullopt}, 1);
  EXPECT_EQ(stale.error().code, Errc::stale);
  auto invalid = update(env(), by(tina_), id, ActionFields{"", "", sam_p_, std::nullopt}, 2);
  EXPECT_TRUE(invalid.error().fields.contains("title"));
  auto stranger =
      update(env(), by(tina_), id, ActionFields{"T", "", PersonId{999999}, std::nullopt}, 2);
  EXPECT_TRUE(stranger.error().fields.contains("owner_id"));
  EXPECT_EQ(update(env(), by(tina_), ActionId{999999},
                   ActionFields{"T", "", std::nullopt, std::nullopt}, 1)
                .error()
                .code,
            Errc::not_found);
  // The same values again change nothing and record nothing.
  ok(update(env(), by(tina_), id, ActionFields{"Write the BCP", "", sam_p_, day("2026-05-01")}, 2));
  EXPECT_EQ(ledger_size(org()), before + 1);

  ok(cancel(env(), by(carl_), id, "Superseded"));
  const auto closed = ledger_size(org());
  auto refused = update(env(), by(tina_), id, ActionFields{"New", "", sam_p_, std::nullopt}, 3);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  EXPECT_EQ(refused.error().message, "This action is cancelled: reopen it first.");
  EXPECT_EQ(ledger_size(org()), closed);
}

TEST_P(ActionsTest, AnOwnerWhoLeftMayStayButNotBeNewlyAssigned) {
  PersonId lea = person("Lea Leaver", "lea@example.com");
  ActionId id = make("Hand over the keys", lea);
  auto v = get(id).row.action;
  // Lea leaves; editing the title keeps her as owner.
  db().write([&](store::Transaction& tx) {
    tx.exec("UPDATE people SET status = 'left' WHERE id = ?", lea);
  });
  ok(update(env(), by(carl_), id, ActionFields{"Hand over all keys", "", lea, std::nullopt},
            v.row_version));
  ActionId other = make("Another");
  auto r = update(env(), by(carl_), other, ActionFields{"Another", "", lea, std::nullopt}, 1);
  EXPECT_EQ(r.error().fields.at("owner_id"), "Lea Leaver has left the organization");
}

// --- status machine ---

TEST_P(ActionsTest, LifecycleRecordsEachStepWithWhoAndWhen) {
  ActionId id = make("Patch the VPN", olga_p_, day("2026-03-10"));
  clock_.set(at("2026-03-02T10:00:00Z"));
  ok(start(env(), by(carl_), id));
  EXPECT_EQ(status_of(id), State::in_progress);
  auto note = add_note(env(), by(carl_), id, "Vendor patch scheduled for Friday");
  ASSERT_TRUE(note) << note.error().message;
  clock_.set(at("2026-03-05T16:30:00Z"));
  ok(complete(env(), by(ivan_), id, "  Change ticket CHG-42 closed  "));
  ActionView v = get(id);
  EXPECT_EQ(v.row.action.status, State::done);
  EXPECT_EQ(v.row.action.completion_evidence, "Change ticket CHG-42 closed");
  EXPECT_EQ(v.row.action.closed_at, at("2026-03-05T16:30:00Z"));
  EXPECT_EQ(v.row.action.closed_by, ivan_.user);
  EXPECT_EQ(v.row.action.closed_by_label, "Ivan Isms");
  EXPECT_TRUE(v.row.action.done_on_time());
  ASSERT_EQ(v.notes.size(), 1u);
  EXPECT_EQ(v.notes[0].id, *note);
  EXPECT_EQ(v.notes[0].body, "Vendor patch scheduled for Friday");
  EXPECT_EQ(v.notes[0].author, carl_.user);
  EXPECT_EQ(v.notes[0].author_label, "Carl Contributor");
  EXPECT_EQ(v.notes[0].at, at("2026-03-02T10:00:00Z"));
  EXPECT_NE(v.history.at(0).payload.find("CHG-42"), std::string::npos);

  ok(reopen(env(), by(tina_), id, "The patch did not cover the second gateway"));
  v = get(id);
  EXPECT_EQ(v.row.action.status, State::open);
  EXPECT_FALSE(v.row.action.closed_at);
  EXPECT_FALSE(v.row.action.closed_by);
  EXPECT_EQ(v.row.action.completion_evidence, "");
  ok(cancel(env(), by(tina_), id, "Gateway decommissioned"));
  v = get(id);
  EXPECT_EQ(v.row.action.status, State::cancelled);
  EXPECT_EQ(v.row.action.cancel_reason, "Gateway decommissioned");
  EXPECT_EQ(v.row.action.closed_by_label, "Tina Top");
  ok(reopen(env(), by(tina_), id, "Gateway kept after all"));
  EXPECT_EQ(get(id).row.action.cancel_reason, "");
  EXPECT_EQ(history(id),
            (Strings{"create", "start", "note", "complete", "reopen", "cancel", "reopen"}));
  EXPECT_NE(get(id).history[0].payload.find("\"status\":{\"from\":\"cancelled\",\"to\":\"open\"}"),
            std::string::npos);
}

TEST_P(ActionsTest, EveryRefusedTransitionNamesTheStatusAndWritesNothing) {
  ActionId open_id = make("Open one");
  ActionId progress_id = make("In progress one");
  ok(start(env(), by(carl_), progress_id));
  ActionId done_id = make("Done one");
  finish(done_id, by(carl_));
  ActionId cancelled_id = make("Cancelled one");
  ok(cancel(env(), by(carl_), cancelled_id, "Not needed"));

  struct Attempt {
    ActionId id;
    State to;
    const char* status;
  };
  const Attempt attempts[] = {
      {open_id, State::done, "open"},
      {open_id, State::open, "open"},
      {progress_id, State::in_progress, "in progress"},
      {progress_id, State::open, "in progress"},
      {done_id, State::in_progress, "done"},
      {done_id, State::done, "done"},
      {done_id, State::cancelled, "done"},
      {cancelled_id, State::in_progress, "cancelled"},
      {cancelled_id, State::done, "cancelled"},
      {cancelled_id, State::cancelled, "cancelled"},
  };
  const auto before = ledger_size(org());
  for (const auto& t : attempts) {
    const State from = status_of(t.id);
    Status r;
    switch (t.to) {
      case State::in_progress:
        r = start(env(), by(tina_), t.id);
        break;
      case State::done:
        r = complete(env(), by(tina_), t.id, "Evidence");
        break;
      case State::cancelled:
        r = cancel(env(), by(tina_), t.id, "Reason");
        break;
      case State::open:
        r = reopen(env(), by(tina_), t.id, "Reason");
        break;
    }
    ASSERT_FALSE(r) << state_name(from) << " -> " << state_name(t.to);
    EXPECT_EQ(r.error().code, Errc::conflict);
    EXPECT_EQ(r.error().message, transition_refusal(from, t.to));
    EXPECT_NE(r.error().message.find(std::string("This action is ") + t.status), std::string::npos)
        << r.error().message;
    EXPECT_EQ(status_of(t.id), from);
  }
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(start(env(), by(tina_), ActionId{987654}).error().code, Errc::not_found);
  EXPECT_EQ(ledger_size(org()), before);
}

TEST_P(ActionsTest, TextInputsAreRequiredAndBounded) {
  ActionId id = make("Review access rights");
  ok(start(env(), by(carl_), id));
  const auto before = ledger_size(org());
  EXPECT_EQ(complete(env(), by(carl_), id, "   ").error().fields.at("completion_evidence"),
            "is required");
  EXPECT_EQ(complete(env(), by(carl_), id, std::string(10001, 'e'))
                .error()
                .fields.at("completion_evidence"),
            "must be at most 10000 characters");
  EXPECT_EQ(complete(env(), by(carl_), id, "bad\x01").error().fields.at("completion_evidence"),
            "must be plain text");
  EXPECT_EQ(cancel(env(), by(carl_), id, "").error().fields.at("reason"), "is required");
  EXPECT_EQ(cancel(env(), by(carl_), id, std::string(2001, 'r')).error().fields.at("reason"),
            "must be at most 2000 characters");
  EXPECT_EQ(reopen(env(), by(carl_), id, "").error().fields.at("reason"), "is required");
  EXPECT_EQ(add_note(env(), by(carl_), id, " \n ").error().fields.at("body"), "is required");
  EXPECT_EQ(add_note(env(), by(carl_), id, std::string(10001, 'b')).error().fields.at("body"),
            "must be at most 10000 characters");
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(status_of(id), State::in_progress);
  // Exactly at the limits is accepted; a note on a closed action documents what came after.
  ok(complete(env(), by(carl_), id, std::string(10000, 'e')));
  EXPECT_TRUE(add_note(env(), by(carl_), id, std::string(10000, 'b')));
  EXPECT_EQ(ledger_size(org()), before + 2);
}

// --- roles, owners, tenancy ---

TEST_P(ActionsTest, EditorsActOnAnyActionAndTheAuditorOnlyReads) {
  ActionId id = make("Define KPIs", olga_p_);
  for (const Caller& c : {by(carl_), by(tina_), by(ivan_), admin()}) {
    ActionId mine = make("For " + c.label);
    ok(update(env(), c, mine, ActionFields{"Edited by " + c.label, "", olga_p_, std::nullopt}, 1));
    ok(start(env(), c, mine));
    EXPECT_TRUE(add_note(env(), c, mine, "Progress"));
    ok(complete(env(), c, mine, "Done"));
    ok(reopen(env(), c, mine, "Again"));
    ok(cancel(env(), c, mine, "Dropped"));
  }
  auto auditor = as(Role::auditor);
  const auto before = ledger_size(org());
  EXPECT_TRUE(list(env(), auditor, {}));
  EXPECT_TRUE(view(env(), auditor, id));
  EXPECT_TRUE(summary(env(), auditor, GroupBy::owner));
  EXPECT_TRUE(export_csv(env(), auditor, {}));
  EXPECT_TRUE(settings(env(), auditor));
  auto av = view(env(), auditor, id);
  EXPECT_FALSE(av->can_edit);
  EXPECT_FALSE(av->can_progress);
  EXPECT_FALSE(av->can_complete);
  EXPECT_EQ(
      create(env(), auditor, Source::other, "", ActionFields{"T", "", std::nullopt, std::nullopt})
          .error()
          .code,
      Errc::forbidden);
  EXPECT_EQ(
      update(env(), auditor, id, ActionFields{"T", "", std::nullopt, std::nullopt}, 1).error().code,
      Errc::forbidden);
  EXPECT_EQ(start(env(), auditor, id).error().code, Errc::forbidden);
  EXPECT_EQ(complete(env(), auditor, id, "x").error().code, Errc::forbidden);
  EXPECT_EQ(cancel(env(), auditor, id, "x").error().code, Errc::forbidden);
  EXPECT_EQ(reopen(env(), auditor, id, "x").error().code, Errc::forbidden);
  EXPECT_EQ(add_note(env(), auditor, id, "x").error().code, Errc::forbidden);
  EXPECT_EQ(set_settings(env(), auditor, Settings{true, 10}).error().code, Errc::forbidden);
  // Settings: admin and ISMS manager only.
  EXPECT_EQ(set_settings(env(), by(carl_), Settings{true, 10}).error().code, Errc::forbidden);
  EXPECT_EQ(set_settings(env(), by(tina_), Settings{true, 10}).error().code, Errc::forbidden);
  // No role in the organization: nothing at all.
  Caller nobody{carl_.user, TokenId{}, org(), std::nullopt, "Carl"};
  EXPECT_EQ(list(env(), nobody, {}).error().code, Errc::forbidden);
  EXPECT_EQ(view(env(), nobody, id).error().code, Errc::forbidden);
  EXPECT_EQ(settings(env(), nobody).error().code, Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);
}

TEST_P(ActionsTest, StaffSeeAndProgressOnlyTheActionsTheyOwn) {
  ActionId own = make("Lock the server room", sam_p_, day("2026-03-20"));
  ActionId foreign = make("Rotate the keys", olga_p_, day("2026-03-20"));
  ActionId unowned = make("Nobody's", std::nullopt);
  const Caller sam = by(sam_);

  // Reads: their own only; another's does not exist for them.
  auto v = view(env(), sam, own);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_TRUE(v->can_progress);
  EXPECT_FALSE(v->can_edit);
  EXPECT_FALSE(v->can_complete);  // open: start first
  EXPECT_EQ(v->complete_refusal, "This action is open: start it before completing it.");
  EXPECT_EQ(view(env(), sam, foreign).error().code, Errc::not_found);
  EXPECT_EQ(view(env(), sam, unowned).error().code, Errc::not_found);
  for (View which : {View::all, View::open, View::mine, View::overdue}) {
    ListQuery q;
    q.view = which;
    clock_.set(at("2026-03-25T09:00:00Z"));
    EXPECT_EQ(titles(page(q, sam)), Strings{"Lock the server room"}) << view_name(which);
  }
  ListQuery theirs;
  theirs.owner = olga_p_;
  EXPECT_EQ(page(theirs, sam).total, 0);
  EXPECT_EQ(export_csv(env(), sam, {}).error().code, Errc::forbidden);
  EXPECT_EQ(summary(env(), sam, GroupBy::owner).error().code, Errc::forbidden);

  // Writes on another's action are refused and write nothing; like reads, they answer not_found
  // so a staff member cannot learn which action ids exist.
  const auto before = ledger_size(org());
  EXPECT_EQ(start(env(), sam, foreign).error().code, Errc::not_found);
  EXPECT_EQ(add_note(env(), sam, foreign, "Me too").error().code, Errc::not_found);
  EXPECT_EQ(complete(env(), sam, foreign, "x").error().code, Errc::not_found);
  EXPECT_EQ(start(env(), sam, unowned).error().code, Errc::not_found);
  // Editing, cancelling and reopening are for editors, even on their own.
  EXPECT_EQ(
      update(env(), sam, own, ActionFields{"Mine now", "", sam_p_, std::nullopt}, 1).error().code,
      Errc::forbidden);
  EXPECT_EQ(cancel(env(), sam, own, "No").error().code, Errc::forbidden);
  EXPECT_EQ(create(env(), sam, Source::other, "", ActionFields{"T", "", sam_p_, std::nullopt})
                .error()
                .code,
            Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);

  // Their own: start, note, complete.
  ok(start(env(), sam, own));
  EXPECT_TRUE(add_note(env(), sam, own, "Lock ordered"));
  ok(complete(env(), sam, own, "Photo of the new lock"));
  EXPECT_EQ(get(own).row.action.closed_by, sam_.user);
  EXPECT_EQ(reopen(env(), sam, own, "Oops").error().code, Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before + 3);

  // A staff member with no entry in the people register owns nothing.
  ListQuery mine;
  mine.view = View::mine;
  EXPECT_EQ(page(mine, by(sue_)).total, 0);
  EXPECT_EQ(page({}, by(sue_)).total, 0);
  EXPECT_EQ(view(env(), by(sue_), own).error().code, Errc::not_found);
  EXPECT_EQ(start(env(), by(sue_), foreign).error().code, Errc::not_found);
}

TEST_P(ActionsTest, APersonLinkedToAUserByIdIsThatUsersWhateverTheEmail) {
  PersonId susan = person("Susan Staff", "susan.private@example.org");
  db().write([&](store::Transaction& tx) {
    tx.exec("UPDATE people SET user_id = ? WHERE id = ?", sue_.user, susan);
  });
  ActionId id = make("Susan's", susan);
  ok(start(env(), by(sue_), id));
  ListQuery mine;
  mine.view = View::mine;
  EXPECT_EQ(titles(page(mine, by(sue_))), Strings{"Susan's"});
  // Linking by id wins over the e-mail: Sam's entry stays Sam's.
  EXPECT_EQ(view(env(), by(sue_), make("Sam's", sam_p_)).error().code, Errc::not_found);
}

TEST_P(ActionsTest, MyActionsAreTheOnesOwnedByTheCallersPerson) {
  make("Ivan's first", ivan_p_);
  make("Olga's", olga_p_);
  ActionId second = make("Ivan's second", ivan_p_);
  finish(second, by(carl_));
  ListQuery q;
  q.view = View::mine;
  q.sort = Sort::title;
  auto p = page(q, by(ivan_));
  EXPECT_EQ(titles(p), (Strings{"Ivan's first", "Ivan's second"}));  // every status
  q.state = State::open;
  EXPECT_EQ(titles(page(q, by(ivan_))), Strings{"Ivan's first"});
  // Tina is an editor without a person: "mine" is empty, the register is not.
  EXPECT_EQ(page(q, by(tina_)).total, 0);
  ListQuery all;
  all.view = View::all;
  EXPECT_EQ(page(all, by(tina_)).total, 3);
}

TEST_P(ActionsTest, AnotherOrganizationsActionsDoNotExist) {
  ActionId id = make("Ours", olga_p_);
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other) << other.error().message;
  const Caller them = as(Role::admin, *other);
  const auto before = ledger_size(org());
  const auto theirs_before = ledger_size(*other);
  EXPECT_EQ(view(env(), them, id).error().code, Errc::not_found);
  EXPECT_EQ(start(env(), them, id).error().code, Errc::not_found);
  EXPECT_EQ(complete(env(), them, id, "x").error().code, Errc::not_found);
  EXPECT_EQ(cancel(env(), them, id, "x").error().code, Errc::not_found);
  EXPECT_EQ(reopen(env(), them, id, "x").error().code, Errc::not_found);
  EXPECT_EQ(add_note(env(), them, id, "x").error().code, Errc::not_found);
  EXPECT_EQ(
      update(env(), them, id, ActionFields{"T", "", std::nullopt, std::nullopt}, 1).error().code,
      Errc::not_found);
  ListQuery all;
  all.view = View::all;
  EXPECT_EQ(page(all, them).total, 0);
  auto csv = export_csv(env(), them, all);
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 1);
  EXPECT_TRUE(summary(env(), them, GroupBy::source)->empty());
  // Their new action cannot be owned by our people nor refer to our meetings.
  auto cross = create(env(), them, Source::other, "", ActionFields{"T", "", olga_p_, std::nullopt});
  EXPECT_EQ(cross.error().fields.at("owner_id"), "is not a person of this organization");
  const auto ours = meeting("Our review", "2026-01-10T09:00:00Z");
  auto r = db().write([&](store::Transaction& tx) {
    return create_in(tx, env(), them,
                     NewAction{Source::management_review, "", ours, std::nullopt,
                               ActionFields{"T", "", std::nullopt, std::nullopt}});
  });
  EXPECT_EQ(r.error().fields.at("meeting_id"), "is not a meeting of this organization");
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(ledger_size(*other), theirs_before);
}

TEST_P(ActionsTest, IndependentClosureKeepsTheOwnerFromClosingTheirOwnAction) {
  ActionId sams = make("Sam's", sam_p_);
  ActionId ivans = make("Ivan's", ivan_p_);
  ok(start(env(), by(sam_), sams));
  ok(start(env(), by(ivan_), ivans));
  ok(set_settings(env(), by(ivan_), Settings{true, 30}));
  EXPECT_EQ(get(sams).history.size(), 2u);  // settings are their own entity
  const auto before = ledger_size(org());
  auto r = complete(env(), by(sam_), sams, "Done it");
  EXPECT_EQ(r.error().code, Errc::forbidden);
  EXPECT_NE(r.error().message.find("someone other than their owner"), std::string::npos);
  // An editor who owns the action is refused just the same.
  EXPECT_EQ(complete(env(), by(ivan_), ivans, "Done it").error().code, Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);
  auto v = view(env(), by(sam_), sams);
  EXPECT_FALSE(v->can_complete);
  EXPECT_EQ(v->complete_refusal, "closed by someone other than the owner");
  EXPECT_TRUE(v->can_progress);
  EXPECT_TRUE(add_note(env(), by(sam_), sams, "Ready for closure"));
  // Someone else closes them.
  ok(complete(env(), by(carl_), sams, "Checked by Carl"));
  ok(complete(env(), by(tina_), ivans, "Checked by Tina"));
  EXPECT_EQ(get(sams).row.action.closed_by_label, "Carl Contributor");

  ok(set_settings(env(), admin(), Settings{false, 30}));
  ActionId again = make("Sam's next", sam_p_);
  ok(start(env(), by(sam_), again));
  EXPECT_TRUE(view(env(), by(sam_), again)->can_complete);
  ok(complete(env(), by(sam_), again, "Done"));
}

// --- settings and escalation ---

TEST_P(ActionsTest, SettingsDefaultAndEachChangeIsRecorded) {
  auto s = settings(env(), by(sam_));
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->independent_closure);
  EXPECT_EQ(s->escalate_after_days, 30);
  const auto before = ledger_size(org());
  EXPECT_EQ(
      set_settings(env(), admin(), Settings{true, 0}).error().fields.count("escalate_after_days"),
      1u);
  EXPECT_EQ(set_settings(env(), admin(), Settings{true, 366}).error().code, Errc::invalid);
  ok(set_settings(env(), admin(), Settings{false, 30}));  // no change: nothing recorded
  EXPECT_EQ(ledger_size(org()), before);
  ok(set_settings(env(), by(ivan_), Settings{true, 14}));
  ok(set_settings(env(), by(ivan_), Settings{true, 21}));
  EXPECT_EQ(ledger_size(org()), before + 2);
  s = settings(env(), admin());
  EXPECT_TRUE(s->independent_closure);
  EXPECT_EQ(s->escalate_after_days, 21);
  auto entries = db().read([&](store::Transaction& tx) {
    ledger::Filter f;
    f.entity_type = "action_settings";
    return ledger::list(tx, org(), f);
  });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entity_id, "org");
  EXPECT_EQ(entries[0].action, "set");
  EXPECT_EQ(entries[0].payload, "{\"changes\":{\"escalate_after_days\":{\"from\":14,\"to\":21}}}");
}

TEST_P(ActionsTest, EscalationMarksOpenActionsOverdueByTheConfiguredDays) {
  const auto t = today();
  ActionId due_today = make("Due today", olga_p_, t);
  ActionId late9 = make("Late 9 days", olga_p_, t - 9);
  ActionId late10 = make("Late 10 days", olga_p_, t - 10);
  ActionId late40 = make("Late 40 days", sam_p_, t - 40);
  ActionId closed = make("Closed late", sam_p_, t - 40);
  finish(closed, by(carl_));
  ok(set_settings(env(), admin(), Settings{false, 10}));

  auto row = [&](ActionId id) { return get(id).row; };
  EXPECT_EQ(row(due_today).days_overdue, 0);
  EXPECT_FALSE(row(due_today).escalated);
  EXPECT_EQ(row(late9).days_overdue, 9);
  EXPECT_FALSE(row(late9).escalated);
  EXPECT_EQ(row(late10).days_overdue, 10);
  EXPECT_TRUE(row(late10).escalated);
  EXPECT_TRUE(row(late40).escalated);
  EXPECT_FALSE(row(closed).escalated);
  EXPECT_EQ(row(closed).days_overdue, 0);

  ListQuery q;
  q.view = View::overdue;
  EXPECT_EQ(titles(page(q)), (Strings{"Late 40 days", "Late 10 days", "Late 9 days"}));
  q.view = View::escalated;
  EXPECT_EQ(titles(page(q)), (Strings{"Late 40 days", "Late 10 days"}));
  for (const auto& r : page(q).rows) {
    EXPECT_TRUE(r.escalated);
  }
  auto groups = summary(env(), admin(), GroupBy::owner);
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].label, "Olga Owner");
  EXPECT_EQ((*groups)[0].open, 3);
  EXPECT_EQ((*groups)[0].overdue, 2);
  EXPECT_EQ((*groups)[0].escalated, 1);
  EXPECT_EQ((*groups)[1].label, "Sam Staff");
  EXPECT_EQ((*groups)[1].escalated, 1);
  EXPECT_EQ((*groups)[1].done, 1);

  ok(set_settings(env(), admin(), Settings{false, 9}));
  EXPECT_TRUE(row(late9).escalated);
  EXPECT_EQ(page(q).total, 3);
  clock_.advance_seconds(86400);  // a day later, the action due today is one day late
  EXPECT_EQ(row(due_today).days_overdue, 1);
}

// --- views, filters, sort, paging, export ---

TEST_P(ActionsTest, ListFiltersSortsAndPages) {
  const auto t = today();
  const auto m = meeting("Steering Q1", "2026-01-15T10:00:00Z", nullptr, OrgId{}, "isms_steering");
  auto from_meeting = create_in_tx(NewAction{Source::meeting_decision, "", m, std::nullopt,
                                             ActionFields{"Budget the SIEM", "", ivan_p_, t + 30}},
                                   by(carl_));
  ASSERT_TRUE(from_meeting) << from_meeting.error().message;
  make("alpha audit finding", olga_p_, t + 5, Source::audit, "audit:3");
  make("Beta walk remark", sam_p_, t - 3, Source::walk, "walk:1");
  make("Charlie undated", std::nullopt, std::nullopt);
  ActionId done = make("Delta done", olga_p_, t - 1);
  finish(done, by(carl_));

  ListQuery q;  // default: open, by due date (undated last)
  auto p = page(q);
  EXPECT_EQ(titles(p), (Strings{"Beta walk remark", "alpha audit finding", "Budget the SIEM",
                                "Charlie undated"}));
  EXPECT_EQ(p.total, 4);
  q.descending = true;  // undated still last
  EXPECT_EQ(titles(page(q)), (Strings{"Budget the SIEM", "alpha audit finding", "Beta walk remark",
                                      "Charlie undated"}));
  q = {};
  q.view = View::all;
  EXPECT_EQ(page(q).total, 5);
  q.sort = Sort::title;
  EXPECT_EQ(titles(page(q)), (Strings{"alpha audit finding", "Beta walk remark", "Budget the SIEM",
                                      "Charlie undated", "Delta done"}));
  q.descending = true;
  EXPECT_EQ(page(q).rows.front().action.title, "Delta done");
  q.descending = false;
  q.sort = Sort::owner;  // Ivan, Olga, Olga, Sam, none
  auto by_owner = page(q);
  EXPECT_EQ(by_owner.rows.front().owner_name, "Ivan Isms");
  EXPECT_EQ(by_owner.rows.back().owner_name, "");
  q.sort = Sort::status;
  EXPECT_EQ(page(q).rows.back().action.title, "Delta done");
  q.sort = Sort::created;
  EXPECT_EQ(page(q).rows.front().action.title, "Budget the SIEM");

  // Filters.
  ListQuery f;
  f.view = View::all;
  f.source = Source::walk;
  EXPECT_EQ(titles(page(f)), Strings{"Beta walk remark"});
  f = {};
  f.view = View::all;
  f.owner = olga_p_;
  EXPECT_EQ(page(f).total, 2);
  f.state = State::done;
  EXPECT_EQ(titles(page(f)), Strings{"Delta done"});
  f = {};
  f.view = View::all;
  f.meeting_id = m;
  auto in_meeting = page(f);
  ASSERT_EQ(titles(in_meeting), Strings{"Budget the SIEM"});
  EXPECT_EQ(in_meeting.rows[0].meeting_title, "Steering Q1");
  EXPECT_EQ(in_meeting.rows[0].meeting_at, at("2026-01-15T10:00:00Z"));
  EXPECT_EQ(in_meeting.rows[0].action.source_ref, "meeting:" + std::to_string(m));
  f = {};
  f.view = View::all;
  f.search = "  WALK ";
  EXPECT_EQ(titles(page(f)), Strings{"Beta walk remark"});
  f.search = "100%";
  EXPECT_EQ(page(f).total, 0);
  f = {};
  f.view = View::overdue;
  EXPECT_EQ(titles(page(f)), Strings{"Beta walk remark"});

  // Paging keeps the total of the whole selection.
  ListQuery pg;
  pg.view = View::all;
  pg.sort = Sort::title;
  pg.limit = 2;
  pg.offset = 2;
  auto second = page(pg);
  EXPECT_EQ(titles(second), (Strings{"Budget the SIEM", "Charlie undated"}));
  EXPECT_EQ(second.total, 5);
  pg.offset = 10;
  EXPECT_TRUE(page(pg).rows.empty());
  pg.limit = 0;
  EXPECT_TRUE(list(env(), admin(), pg).error().fields.contains("limit"));
  pg.limit = 5001;
  EXPECT_TRUE(list(env(), admin(), pg).error().fields.contains("limit"));
  pg.limit = 10;
  pg.offset = -1;
  EXPECT_TRUE(list(env(), admin(), pg).error().fields.contains("offset"));
  pg.offset = 0;
  pg.search = "bad\nsearch";
  EXPECT_TRUE(list(env(), admin(), pg).error().fields.contains("q"));
}

TEST_P(ActionsTest, SummaryCountsByOwnerAndBySource) {
  const auto t = today();
  make("a", olga_p_, t - 2, Source::audit);
  make("b", olga_p_, t + 2, Source::walk);
  make("c", std::nullopt, std::nullopt, Source::walk);
  ActionId d = make("d", ivan_p_, std::nullopt, Source::other);
  ok(cancel(env(), by(carl_), d, "Duplicate"));
  auto owners = summary(env(), by(carl_), GroupBy::owner);
  ASSERT_TRUE(owners);
  ASSERT_EQ(owners->size(), 3u);
  EXPECT_EQ((*owners)[0].label, "Ivan Isms");
  EXPECT_EQ((*owners)[0].key, ivan_p_.str());
  EXPECT_EQ((*owners)[0].cancelled, 1);
  EXPECT_EQ((*owners)[0].open, 0);
  EXPECT_EQ((*owners)[1].label, "Olga Owner");
  EXPECT_EQ((*owners)[1].open, 2);
  EXPECT_EQ((*owners)[1].overdue, 1);
  EXPECT_EQ((*owners)[2].key, "");
  EXPECT_EQ((*owners)[2].label, "No owner");
  EXPECT_EQ((*owners)[2].open, 1);
  auto sources = summary(env(), by(carl_), GroupBy::source);
  ASSERT_EQ(sources->size(), 3u);
  EXPECT_EQ((*sources)[0].key, "walk");
  EXPECT_EQ((*sources)[0].label, "Leadership walk");
  EXPECT_EQ((*sources)[0].open, 2);
  EXPECT_EQ((*sources)[1].key, "audit");
  EXPECT_EQ((*sources)[1].overdue, 1);
  EXPECT_EQ((*sources)[2].key, "other");
  EXPECT_EQ((*sources)[2].cancelled, 1);
}

TEST_P(ActionsTest, CsvExportHasAHeaderAndOneLinePerActionOfTheSelection) {
  const auto t = today();
  ActionId id = make("Train staff, all of them", olga_p_, t - 2, Source::audit, "audit:9");
  make("=HYPERLINK(\"http://evil\")", std::nullopt);
  ActionId done = make("Done already", olga_p_);
  finish(done, by(carl_));
  ListQuery q;
  q.sort = Sort::title;
  auto csv = export_csv(env(), admin(), q);
  ASSERT_TRUE(csv) << csv.error().message;
  const std::string header =
      "id,title,source,source reference,meeting,owner,due on,status,days overdue,escalated,"
      "carried over,closed at,closed by,cancel reason,completion evidence\r\n";
  EXPECT_EQ(csv->substr(0, header.size()), header);
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 3);  // header + 2 open actions
  EXPECT_NE(csv->find(id.str() + ",\"Train staff, all of them\",Audit,audit:9,,Olga Owner," +
                      core::format_date(t - 2) + ",Open,2,no,0,,,,"),
            std::string::npos)
      << *csv;
  EXPECT_NE(csv->find("'=HYPERLINK"), std::string::npos) << *csv;  // formula neutralised
  EXPECT_EQ(csv->find("Done already"), std::string::npos);
  // The limit of a page does not cut the export.
  q.view = View::all;
  q.limit = 1;
  auto all = export_csv(env(), admin(), q);
  EXPECT_EQ(std::count(all->begin(), all->end(), '\n'), 4);
  EXPECT_NE(all->find("Signed contract filed in the DMS"), std::string::npos);
  EXPECT_NE(all->find(",Done,0,no,0,2026-03-01T09:00:00Z,Carl Contributor,,"), std::string::npos)
      << *all;
}

TEST_P(ActionsTest, ViewShowsNotesCarryOversAndHistory) {
  const auto r1 = meeting("Review 2025", "2025-06-01T09:00:00Z", "2025-06-02T09:00:00Z");
  ActionId id = review_action(r1, "Encrypt laptops", day("2025-09-01"), sam_p_);
  const auto r2 = meeting("Review 2026", "2026-02-20T09:00:00Z", "2026-02-21T09:00:00Z");
  carry(r2, review(std::nullopt, r2));
  EXPECT_TRUE(add_note(env(), by(sam_), id, "Half done"));
  auto v = view(env(), by(sam_), id);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->row.meeting_title, "Review 2025");
  EXPECT_EQ(v->row.carried_over, 1);
  ASSERT_EQ(v->carryovers.size(), 1u);
  EXPECT_EQ(v->carryovers[0].meeting_id, r2);
  EXPECT_EQ(v->carryovers[0].meeting_title, "Review 2026");
  EXPECT_EQ(v->carryovers[0].meeting_at, at("2026-02-20T09:00:00Z"));
  EXPECT_EQ(v->carryovers[0].status_then, State::open);
  ASSERT_EQ(v->notes.size(), 1u);
  EXPECT_EQ(v->notes[0].author_label, "Sam Staff");
  ASSERT_EQ(v->history.size(), 3u);  // newest first
  EXPECT_EQ(v->history[0].action, "note");
  EXPECT_EQ(v->history[1].action, "carried_over");
  EXPECT_EQ(v->history[1].payload,
            "{\"meeting_id\":" + std::to_string(r2) + ",\"status_then\":\"open\"}");
  EXPECT_EQ(v->history[2].action, "create");
  EXPECT_EQ(v->row.days_overdue, today() - day("2025-09-01"));
  EXPECT_TRUE(v->row.escalated);
}

// --- for the meetings area ---

TEST_P(ActionsTest, CreateInChecksTheMeetingAndTheDecision) {
  const auto m = meeting("Board", "2026-02-01T09:00:00Z", nullptr, OrgId{}, "board");
  const auto other_m = meeting("Other board", "2026-02-02T09:00:00Z", nullptr, OrgId{}, "board");
  const auto d = decision(m);
  const auto before = ledger_size(org());
  auto no_meeting = create_in_tx(NewAction{Source::meeting_decision, "", std::nullopt, std::nullopt,
                                           ActionFields{"T", "", {}, {}}},
                                 by(carl_));
  EXPECT_EQ(no_meeting.error().fields.at("meeting_id"), "is required for an action from a meeting");
  auto wrong_decision = create_in_tx(
      NewAction{Source::meeting_decision, "", other_m, d, ActionFields{"T", "", {}, {}}},
      by(carl_));
  EXPECT_EQ(wrong_decision.error().fields.at("decision_id"), "is a decision of another meeting");
  auto unknown_decision = create_in_tx(
      NewAction{Source::meeting_decision, "", m, 99999, ActionFields{"T", "", {}, {}}}, by(carl_));
  EXPECT_TRUE(unknown_decision.error().fields.contains("decision_id"));
  auto walk_with_meeting = create_in_tx(
      NewAction{Source::walk, "", m, std::nullopt, ActionFields{"T", "", {}, {}}}, by(carl_));
  EXPECT_TRUE(walk_with_meeting.error().fields.contains("source"));
  auto bad_fields = create_in_tx(
      NewAction{Source::meeting_decision, "", m, d, ActionFields{"", "", PersonId{0}, -3}},
      by(carl_));
  EXPECT_EQ(bad_fields.error().fields.size(), 3u);
  EXPECT_EQ(ledger_size(org()), before);

  auto ok_id = create_in_tx(NewAction{Source::meeting_decision, "", m, d,
                                      ActionFields{"Hire a CISO", "", olga_p_, day("2026-06-30")}},
                            by(tina_));
  ASSERT_TRUE(ok_id) << ok_id.error().message;
  EXPECT_EQ(ledger_size(org()), before + 1);
  ActionView v = get(*ok_id);
  EXPECT_EQ(v.row.action.source, Source::meeting_decision);
  EXPECT_EQ(v.row.action.meeting_id, m);
  EXPECT_EQ(v.row.action.decision_id, d);
  EXPECT_EQ(v.row.action.source_ref, "decision:" + std::to_string(d));
  EXPECT_EQ(v.row.action.created_by_label, "Tina Top");
  EXPECT_EQ(v.row.meeting_title, "Board");
  EXPECT_NE(v.history.at(0).payload.find("\"decision_id\":" + std::to_string(d)),
            std::string::npos);
}

TEST_P(ActionsTest, UpdateInKeepsAnActionInStepWithTheRulesOfUpdate) {
  const auto m = meeting("Board", "2026-02-01T09:00:00Z", nullptr, OrgId{}, "board");
  const auto d = decision(m);
  auto id = create_in_tx(NewAction{Source::meeting_decision, "", m, d,
                                   ActionFields{"Hire a CISO", "", olga_p_, day("2026-06-30")}},
                         by(carl_));
  ASSERT_TRUE(id) << id.error().message;
  const json::object context{{"decision_id", d}, {"meeting_id", m}};
  auto in_step = [&](ActionFields f, const Caller& c) {
    return db().write([&](store::Transaction& tx) {
      return update_in(tx, env(), c, *id, std::move(f), context);
    });
  };
  const auto before = ledger_size(org());
  // Refused like update(): invalid fields by name, an owner who is not a person, another
  // organization's action; nothing recorded.
  auto invalid = in_step(ActionFields{" ", std::string(20001, 'd'), olga_p_, -1}, by(carl_));
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, Errc::invalid);
  for (const char* f : {"title", "description", "due_on"}) {
    EXPECT_TRUE(invalid.error().fields.contains(f)) << f;
  }
  EXPECT_EQ(in_step(ActionFields{"T", "", PersonId{999999}, std::nullopt}, by(carl_))
                .error()
                .fields.at("owner_id"),
            "is not a person of this organization");
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(in_step(ActionFields{"T", "", std::nullopt, std::nullopt}, as(Role::admin, *other))
                .error()
                .code,
            Errc::not_found);
  EXPECT_EQ(ledger_size(org()), before);

  // A change: the fields, one "update" entry shaped like update()'s with the caller's context.
  ok(in_step(
      ActionFields{"  Hire a CISO by summer ", "Budget approved.", sam_p_, day("2026-07-31")},
      by(tina_)));
  EXPECT_EQ(ledger_size(org()), before + 1);
  ActionView v = get(*id);
  EXPECT_EQ(v.row.action.title, "Hire a CISO by summer");
  EXPECT_EQ(v.row.action.description, "Budget approved.");
  EXPECT_EQ(v.row.action.owner, sam_p_);
  EXPECT_EQ(v.row.action.due_on, day("2026-07-31"));
  EXPECT_EQ(v.row.action.row_version, 2);
  const ledger::Entry& e = v.history.at(0);
  EXPECT_EQ(e.entity_type, "action");
  EXPECT_EQ(e.entity_id, id->str());
  EXPECT_EQ(e.action, "update");
  EXPECT_EQ(e.actor.label, "Tina Top");
  for (const std::string& part : std::vector<std::string>{
           "\"due_on\":{\"from\":\"2026-06-30\",\"to\":\"2026-07-31\"}",
           "\"title\":{\"from\":\"Hire a CISO\",\"to\":\"Hire a CISO by summer\"}",
           "\"owner_id\":{\"from\":" + olga_p_.str() + ",\"to\":" + sam_p_.str() + "}",
           "\"decision_id\":" + std::to_string(d), "\"meeting_id\":" + std::to_string(m)}) {
    EXPECT_NE(e.payload.find(part), std::string::npos) << part << " in " << e.payload;
  }
  // Already in step: nothing recorded, even once the action is closed.
  const ActionFields same{"Hire a CISO by summer", "Budget approved.", sam_p_, day("2026-07-31")};
  ok(in_step(same, by(tina_)));
  EXPECT_EQ(ledger_size(org()), before + 1);
  finish(*id, by(carl_));
  const auto done = ledger_size(org());
  ok(in_step(same, by(tina_)));
  // A change to a done action is refused as update() refuses it.
  auto closed = in_step(ActionFields{"Hire two", "", sam_p_, day("2026-07-31")}, by(tina_));
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, Errc::conflict);
  EXPECT_EQ(closed.error().message, "This action is done: reopen it first.");
  EXPECT_EQ(ledger_size(org()), done);
  EXPECT_EQ(get(*id).row.action.title, "Hire a CISO by summer");
}

TEST_P(ActionsTest, CancelInWithdrawsAnActionWithTheRulesOfCancel) {
  const auto m = meeting("Board", "2026-02-01T09:00:00Z", nullptr, OrgId{}, "board");
  const auto d = decision(m);
  auto id = create_in_tx(NewAction{Source::meeting_decision, "", m, d,
                                   ActionFields{"Hire a CISO", "", olga_p_, day("2026-06-30")}},
                         by(carl_));
  ASSERT_TRUE(id) << id.error().message;
  const json::object context{{"decision_id", d}, {"meeting_id", m}};
  auto withdraw = [&](std::string reason, const Caller& c) {
    return db().write([&](store::Transaction& tx) {
      return cancel_in(tx, env(), c, *id, std::move(reason), context);
    });
  };
  const auto before = ledger_size(org());
  EXPECT_EQ(withdraw("  ", by(carl_)).error().fields.at("reason"), "is required");
  EXPECT_TRUE(withdraw(std::string(2001, 'r'), by(carl_)).error().fields.contains("reason"));
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(withdraw("Withdrawn", as(Role::admin, *other)).error().code, Errc::not_found);
  EXPECT_EQ(ledger_size(org()), before);

  ok(start(env(), by(carl_), *id));
  ok(withdraw(" decision withdrawn before sign-off ", by(tina_)));
  EXPECT_EQ(ledger_size(org()), before + 2);
  ActionView v = get(*id);
  EXPECT_EQ(v.row.action.status, State::cancelled);
  EXPECT_EQ(v.row.action.cancel_reason, "decision withdrawn before sign-off");
  EXPECT_EQ(v.row.action.closed_by, tina_.user);
  EXPECT_EQ(v.row.action.closed_by_label, "Tina Top");
  EXPECT_EQ(v.row.action.closed_at, clock_.now());
  const ledger::Entry& e = v.history.at(0);
  EXPECT_EQ(e.action, "cancel");
  for (const std::string& part : std::vector<std::string>{
           std::string("\"status\":{\"from\":\"in_progress\",\"to\":\"cancelled\"}"),
           std::string("\"reason\":\"decision withdrawn before sign-off\""),
           "\"decision_id\":" + std::to_string(d), "\"meeting_id\":" + std::to_string(m)}) {
    EXPECT_NE(e.payload.find(part), std::string::npos) << part << " in " << e.payload;
  }
  // A closed action cannot be cancelled again; nothing recorded.
  auto again = withdraw("Again", by(tina_));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().message, "This action is cancelled already.");
  EXPECT_EQ(ledger_size(org()), before + 2);

  // Detaching forgets the decision only: the meeting and the source reference stay.
  db().write([&](store::Transaction& tx) { detach_decision_in(tx, org(), *id); });
  const Action a = get(*id).row.action;
  EXPECT_FALSE(a.decision_id);
  EXPECT_EQ(a.meeting_id, m);
  EXPECT_EQ(a.source_ref, "decision:" + std::to_string(d));
  EXPECT_EQ(count("SELECT COUNT(*) FROM actions WHERE decision_id IS NOT NULL"), 0);
  // find_in sees only the organization's own actions.
  db().read([&](store::Transaction& tx) {
    EXPECT_EQ(find_in(tx, org(), *id)->title, "Hire a CISO");
    EXPECT_FALSE(find_in(tx, *other, *id));
  });
}

TEST_P(ActionsTest, ReviewActionsListsOverdueFirstThenByDueThenTheClosedOnes) {
  clock_.set(at("2025-06-03T09:00:00Z"));
  const auto r1 = meeting("Review 1", "2025-06-01T09:00:00Z", "2025-06-02T12:00:00Z");
  ActionId late30 = review_action(r1, "late 30", day("2026-01-30"));
  ActionId late5 = review_action(r1, "late 5", day("2026-02-24"));
  ActionId undated = review_action(r1, "undated");
  ActionId future = review_action(r1, "future", day("2026-06-01"));
  ActionId closed_before = review_action(r1, "closed before");
  ActionId closed_after = review_action(r1, "closed after");
  ActionId cancelled_after = review_action(r1, "cancelled after");
  ok(start(env(), by(carl_), future));
  clock_.set(at("2025-10-01T09:00:00Z"));
  finish(closed_before, by(carl_));
  const auto r2 = meeting("Review 2", "2025-12-01T09:00:00Z", "2025-12-02T12:00:00Z");
  clock_.set(at("2026-01-10T09:00:00Z"));
  ok(cancel(env(), by(carl_), cancelled_after, "Obsolete"));
  clock_.set(at("2026-01-05T09:00:00Z"));
  finish(closed_after, by(carl_));
  // Not listed: the review being prepared, an unsigned one, a plain meeting decision.
  clock_.set(at("2026-03-01T09:00:00Z"));
  const auto current = meeting("Review 3", "2026-03-15T09:00:00Z");
  review_action(current, "from the current review", day("2026-01-01"));
  const auto unsigned_review = meeting("Draft review", "2026-02-01T09:00:00Z");
  review_action(unsigned_review, "from an unsigned review", day("2026-01-01"));
  const auto exec = meeting("Exec", "2025-11-01T09:00:00Z", "2025-11-02T09:00:00Z", OrgId{},
                            "executive_committee");
  ASSERT_TRUE(create_in_tx(NewAction{Source::meeting_decision, "", exec, std::nullopt,
                                     ActionFields{"exec decision", "", {}, day("2026-01-01")}},
                           by(carl_)));
  // Another organization's review actions stay there.
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  const auto their_review =
      meeting("Their review", "2025-06-01T09:00:00Z", "2025-06-02T12:00:00Z", *other);
  ASSERT_TRUE(create_in_tx(NewAction{Source::management_review, "", their_review, std::nullopt,
                                     ActionFields{"theirs", "", {}, day("2026-01-01")}},
                           as(Role::admin, *other)));

  auto since_r2 = review(at("2025-12-02T12:00:00Z"), current);
  EXPECT_EQ(titles(since_r2),
            (Strings{"late 30", "late 5", "future", "undated", "closed after", "cancelled after"}));
  EXPECT_EQ(since_r2[0].days_overdue, 30);
  EXPECT_EQ(since_r2[0].action.id, late30);
  EXPECT_EQ(since_r2[1].action.id, late5);
  EXPECT_EQ(since_r2[1].days_overdue, 5);
  EXPECT_TRUE(since_r2[0].escalated);
  EXPECT_FALSE(since_r2[1].escalated);
  EXPECT_EQ(since_r2[2].action.status, State::in_progress);
  EXPECT_EQ(since_r2[3].action.id, undated);
  EXPECT_EQ(since_r2[4].action.id, closed_after);
  EXPECT_EQ(since_r2[5].action.id, cancelled_after);
  EXPECT_EQ(since_r2[0].meeting_title, "Review 1");
  auto everything = review(std::nullopt, current);
  EXPECT_EQ(everything.size(), 7u);
  EXPECT_EQ(everything[4].action.id, closed_before);  // closed ones by closing time
  (void)r2;
}

TEST_P(ActionsTest, CarryOversAreRecordedOncePerReviewAndCounted) {
  const auto r1 = meeting("Review 1", "2025-03-01T09:00:00Z", "2025-03-02T09:00:00Z");
  ActionId stuck = review_action(r1, "stuck", day("2025-06-01"), olga_p_);
  ActionId done = review_action(r1, "done", day("2025-06-01"));
  ok(start(env(), by(carl_), stuck));
  const auto r2 = meeting("Review 2", "2025-09-01T09:00:00Z");
  // Sign-off of review 2: its input (a) lists both; only the open one is carried over.
  finish(done, by(carl_));
  auto rows = review(std::nullopt, r2);
  ASSERT_EQ(rows.size(), 2u);
  const auto before = ledger_size(org());
  carry(r2, rows);
  EXPECT_EQ(ledger_size(org()), before + 1);
  carry(r2, rows);  // again: nothing new
  EXPECT_EQ(ledger_size(org()), before + 1);
  db().write([&](store::Transaction& tx) {
    tx.exec("UPDATE meetings SET signed_at = ? WHERE id = ?", at("2025-09-02T09:00:00Z").us, r2);
  });
  const auto r3 = meeting("Review 3", "2026-02-01T09:00:00Z");
  carry(r3, review(std::nullopt, r3));
  ActionView v = get(stuck);
  EXPECT_EQ(v.row.carried_over, 2);
  ASSERT_EQ(v.carryovers.size(), 2u);
  EXPECT_EQ(v.carryovers[0].meeting_id, r2);
  EXPECT_EQ(v.carryovers[1].meeting_id, r3);
  EXPECT_EQ(v.carryovers[1].status_then, State::in_progress);
  EXPECT_EQ(get(done).row.carried_over, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM action_carryovers"), 2);
  EXPECT_EQ(history(stuck), (Strings{"create", "start", "carried_over", "carried_over"}));
  EXPECT_EQ(v.history[0].actor.label, "Tina Top");
  ListQuery q;
  q.view = View::all;
  auto csv = export_csv(env(), admin(), q);
  EXPECT_NE(csv->find(",In progress," + std::to_string(today() - day("2025-06-01")) + ",yes,2,"),
            std::string::npos)
      << *csv;
}

TEST_P(ActionsTest, ReviewActionStatsShareDoneOnTimeAndCarriedOverTwice) {
  clock_.set(at("2025-03-03T09:00:00Z"));
  const auto r1 = meeting("Review 1", "2025-03-01T09:00:00Z", "2025-03-02T09:00:00Z");
  ActionId on_time = review_action(r1, "on time", day("2025-04-01"));
  ActionId late_done = review_action(r1, "late but done", day("2025-04-01"));
  ActionId overdue = review_action(r1, "overdue", day("2025-05-01"));
  review_action(r1, "not due yet", day("2026-12-01"));
  review_action(r1, "undated");
  ActionId cancelled = review_action(r1, "cancelled", day("2025-04-01"));
  ActionId early = review_action(r1, "done before due", day("2026-12-01"));
  clock_.set(at("2025-03-20T09:00:00Z"));
  finish(on_time, by(carl_));
  finish(early, by(carl_));
  ok(cancel(env(), by(carl_), cancelled, "Not needed"));
  clock_.set(at("2025-04-10T09:00:00Z"));
  finish(late_done, by(carl_));
  // Not a review action: does not count.
  make("manual overdue", olga_p_, day("2025-01-01"));
  const auto r2 = meeting("Review 2", "2025-09-01T09:00:00Z", "2025-09-02T09:00:00Z");
  const auto r3 = meeting("Review 3", "2026-02-01T09:00:00Z", "2026-02-02T09:00:00Z");
  clock_.set(at("2026-03-01T09:00:00Z"));
  carry(r2, review(std::nullopt, r2));
  carry(r3, review(std::nullopt, r3));
  ActionId once = review_action(r2, "carried once", day("2025-12-01"));
  carry(r3, review(std::nullopt, r3));

  auto stats =
      db().read([&](store::Transaction& tx) { return review_action_stats(tx, org(), today()); });
  // Due: on time, late but done, overdue, done before due (done with a due date), carried once.
  EXPECT_EQ(stats.due, 5);
  EXPECT_EQ(stats.done_on_time, 2);
  EXPECT_EQ(stats.open, 4);  // overdue, not due yet, undated, carried once
  EXPECT_EQ(stats.overdue, 2);
  // overdue, not due yet and undated were open at both sign-offs; "carried once" only at r3.
  EXPECT_EQ(titles(stats.carried_over_twice), (Strings{"overdue", "not due yet", "undated"}));
  for (const auto& r : stats.carried_over_twice) {
    EXPECT_EQ(r.carried_over, 2);
  }
  EXPECT_EQ(get(once).row.carried_over, 1);
  EXPECT_EQ(get(overdue).row.carried_over, 2);
}

TEST_P(ActionsTest, OpenOwnedByListsAPersonsOpenActionsByDueDate) {
  make("later", olga_p_, day("2026-05-01"));
  make("undated", olga_p_);
  make("sooner", olga_p_, day("2026-04-01"));
  make("someone else's", sam_p_, day("2026-03-15"));
  ActionId closed = make("closed", olga_p_, day("2026-03-10"));
  ok(cancel(env(), by(carl_), closed, "No"));
  ActionId progressing = make("in progress", olga_p_, day("2026-04-15"));
  ok(start(env(), by(carl_), progressing));
  auto rows = db().read([&](store::Transaction& tx) { return open_owned_by(tx, org(), olga_p_); });
  Strings got;
  for (const auto& a : rows) {
    got.push_back(a.title);
  }
  EXPECT_EQ(got, (Strings{"sooner", "in progress", "later", "undated"}));
  auto none = db().read([&](store::Transaction& tx) { return open_owned_by(tx, org(), ivan_p_); });
  EXPECT_TRUE(none.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ActionsTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::areas::actions
