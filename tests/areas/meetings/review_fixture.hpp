// tests/areas/meetings/review_fixture.hpp
// The management review tests' fixture (both backends): an organization with Tina (top
// management, designated since 2023), Ivan (ISMS manager), Carl (contributor) and Olga (a person
// without an account), and helpers that make meetings, decisions, actions and policies through
// the services on a fake clock. Used by review_test.cpp and minutes_test.cpp.
#pragma once
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "areas/actions/service.hpp"
#include "areas/area_fixture.hpp"
#include "areas/meetings/minutes.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"
#include "areas/people/service.hpp"
#include "areas/policies/service.hpp"

namespace mandate::areas::meetings::test_support {

using core::Timestamp;

inline constexpr const char* kPw = "a long enough passphrase 1";

struct Member {
  UserId user;
  std::string email;
  std::string name;
  Role role = Role::staff;
};

class ReviewFixture : public mandate::test::AreaTest {
 protected:
  void SetUp() override {
    AreaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    at("2023-06-01T09:00:00Z");
    tina_ = member("tina@example.com", "Tina Top", Role::top_management);
    ivan_ = member("ivan@example.com", "Ivan Isms", Role::isms_manager);
    carl_ = member("carl@example.com", "Carl Contributor", Role::contributor);
    tina_p_ = person("Tina Top", "tina@example.com", "Board");
    ivan_p_ = person("Ivan Isms", "ivan@example.com", "IT");
    olga_p_ = person("Olga Owner", "olga@example.com", "IT");
    auto d = people::designate(env(), admin(), tina_p_, "Chief Executive Officer",
                               *core::parse_date("2023-01-01"));
    ASSERT_TRUE(d) << d.error().message;
  }

  static Timestamp ts(const std::string& s) {
    auto t = core::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(Timestamp{});
  }
  static std::int64_t day(const std::string& s) { return *core::parse_date(s); }
  void at(const std::string& s) { clock_.set(ts(s)); }

  Member member(const std::string& email, const std::string& name, Role role) {
    auto u = accounts::create_user(env(), admin(), {email, name, kPw});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    auto m = accounts::set_member(env(), admin(), {email, role, std::nullopt});
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return Member{u ? *u : UserId{}, email, name, role};
  }
  Caller by(const Member& m) const { return Caller{m.user, TokenId{}, org(), m.role, m.name}; }
  // A fresh session each time: the fake clock jumps months between signatures.
  SignatureAuth auth(const Member& m) {
    auto l = accounts::login(env(), {m.email, kPw, "127.0.0.1", "test"});
    EXPECT_TRUE(l) << (l ? "" : l.error().message);
    return SignatureAuth{kPw, l ? l->session.id_hash : "", "127.0.0.1"};
  }
  PersonId person(const std::string& name, const std::string& email, const std::string& dept) {
    auto r = people::create(env(), admin(),
                            people::PersonFields{name, email, "Employee", dept, std::nullopt,
                                                 people::Status::active, std::nullopt});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : PersonId{};
  }

  // --- meetings ---
  MeetingId meeting(MeetingType type, const std::string& title, const std::string& starts,
                    std::optional<PersonId> chair = std::nullopt,
                    std::vector<PersonId> invitees = {}) {
    MeetingFields f;
    f.type = type;
    f.title = title;
    f.starts_at = ts(starts);
    f.place = "Board room";
    f.chair = chair.value_or(tina_p_);
    f.invitees = invitees.empty() ? std::vector<PersonId>{tina_p_, ivan_p_} : invitees;
    auto r = create(env(), by(ivan_), f);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : MeetingId{};
  }
  ItemId item(MeetingId m, const std::string& title, std::vector<Topic> tags) {
    auto r =
        add_item(env(), by(ivan_), m, ItemFields{title, std::move(tags), "Discussed.", "", ""});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ItemId{};
  }
  DecisionId decide(MeetingId m, const std::string& text, DecisionType type,
                    std::optional<PersonId> owner = std::nullopt,
                    std::optional<std::string> due = std::nullopt) {
    DecisionFields f;
    f.text = text;
    f.type = type;
    f.owner = owner;
    if (due) {
      f.due_on = day(*due);
    }
    auto r = add_decision(env(), by(ivan_), m, f);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : DecisionId{};
  }
  MeetingView get(MeetingId m) {
    auto v = view(env(), admin(), m);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? *v : MeetingView{};
  }
  actions::ActionId action_of(MeetingId m, DecisionId d) {
    for (const auto& row : get(m).decisions) {
      if (row.decision.id == d && row.decision.action_id) {
        return actions::ActionId{*row.decision.action_id};
      }
    }
    ADD_FAILURE() << "decision " << d.value << " has no action";
    return actions::ActionId{};
  }
  // Records everyone present and a minuted item (tagged `other`), so that sign-off can proceed.
  void hold(MeetingId m) {
    for (const auto& a : get(m).attendees) {
      auto r = set_attendance(env(), by(ivan_), m, a.person, Attendance::present);
      ASSERT_TRUE(r) << r.error().message;
    }
    item(m, "Discussion", {Topic::other});
  }
  void sign_off(MeetingId m, const Member& chair) {
    hold(m);
    auto r = sign(env(), by(chair), m, auth(chair));
    ASSERT_TRUE(r) << r.error().message;
  }
  void sign_off(MeetingId m) { sign_off(m, tina_); }
  void complete_action(actions::ActionId a) {
    auto s = actions::start(env(), by(ivan_), a);
    ASSERT_TRUE(s) << s.error().message;
    auto r = actions::complete(env(), by(ivan_), a, "Done, see the ticket.");
    ASSERT_TRUE(r) << r.error().message;
  }

  // --- policies (Carl writes, the approver signs, Ivan publishes) ---
  policies::DocId policy(const std::string& ref, const Member& approver) {
    policies::DocumentFields f;
    f.reference = ref;
    f.title = "Policy " + ref;
    auto r = policies::create(env(), by(carl_), f,
                              policies::DraftFields{"# " + ref + "\n\nText.\n", "First", true, {}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    publish_newest(*r, approver, std::nullopt);
    return *r;
  }
  void publish_newest(policies::DocId id, const Member& approver, std::optional<bool> material) {
    auto v = policies::view(env(), admin(), id);
    ASSERT_TRUE(v);
    const auto& newest = v->versions.front().version;
    ASSERT_TRUE(policies::submit(env(), by(carl_), newest.id, {approver.user}));
    ASSERT_TRUE(
        policies::approve(env(), by(approver), newest.id, auth(approver), "Fine.", material));
    auto p = policies::publish(env(), by(ivan_), newest.id);
    ASSERT_TRUE(p) << p.error().message;
  }
  void revise(policies::DocId id, const std::string& summary, bool material,
              const Member& approver) {
    auto v = policies::new_draft(env(), by(carl_), id);
    ASSERT_TRUE(v) << v.error().message;
    auto d = policies::view(env(), admin(), id);
    const auto& draft = d->versions.front().version;
    ASSERT_TRUE(policies::edit_draft(
        env(), by(carl_), *v,
        policies::DraftFields{draft.content + "\nMore " + summary + ".\n", summary, material, {}},
        draft.row_version));
    publish_newest(id, approver, material);
  }
  void acknowledge(policies::DocId id, int number, std::vector<std::string> emails) {
    std::vector<policies::BulkItem> items;
    for (auto& e : emails) {
      items.push_back(policies::BulkItem{e, std::nullopt});
    }
    auto r = policies::bulk_acknowledge(env(), admin(), id, number, items);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(r->applied);
  }

  // --- inputs ---
  ReviewInputs inputs(MeetingId m) {
    auto r = review_inputs(env(), admin(), m);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ReviewInputs{};
  }
  static const InputData& input(const ReviewInputs& in, ReviewInput which) {
    for (const auto& d : in.inputs) {
      if (d.input == which) {
        return d;
      }
    }
    ADD_FAILURE() << "input " << review_input_letter(which) << " missing";
    static const InputData none;
    return none;
  }
  static const InputSection& section(const ReviewInputs& in, ReviewInput which,
                                     const std::string& key) {
    for (const auto& s : input(in, which).sections) {
      if (s.key == key) {
        return s;
      }
    }
    ADD_FAILURE() << "section " << key << " missing";
    static const InputSection none;
    return none;
  }
  static const InputMetric& metric(const InputSection& s, const std::string& key) {
    for (const auto& m : s.metrics) {
      if (m.key == key) {
        return m;
      }
    }
    ADD_FAILURE() << "metric " << key << " missing in " << s.key;
    static const InputMetric none;
    return none;
  }
  static std::vector<std::string> labels(const InputSection& s) {
    std::vector<std::string> out;
    for (const auto& r : s.rows) {
      out.push_back(r.label);
    }
    return out;
  }
  static std::vector<std::string> statuses(const InputSection& s) {
    std::vector<std::string> out;
    for (const auto& r : s.rows) {
      out.push_back(r.status);
    }
    return out;
  }

  Member tina_, ivan_, carl_;
  PersonId tina_p_, ivan_p_, olga_p_;
};

}  // namespace mandate::areas::meetings::test_support
