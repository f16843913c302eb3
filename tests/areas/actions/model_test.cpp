// Action model: names, the transition table and its refusal messages, days overdue and done on
// time, normalisation and validation with field names, settings.
#include "areas/actions/model.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "areas/actions/service.hpp"

namespace mandate::areas::actions {
namespace {

std::int64_t day(const char* s) { return *core::parse_date(s); }

TEST(ActionModelTest, NamesRoundTrip) {
  for (Source s : kAllSources) {
    EXPECT_EQ(parse_source(source_name(s)), s);
    EXPECT_FALSE(source_label(s).empty());
  }
  for (State s : kAllStates) {
    EXPECT_EQ(parse_state(state_name(s)), s);
    EXPECT_FALSE(state_label(s).empty());
  }
  EXPECT_EQ(source_name(Source::meeting_decision), "meeting_decision");
  EXPECT_EQ(state_name(State::in_progress), "in_progress");
  EXPECT_EQ(state_label(State::in_progress), "In progress");
  EXPECT_EQ(parse_state(" Done "), State::done);
  EXPECT_FALSE(parse_state("closed"));
  EXPECT_FALSE(parse_source("email"));
  for (View v : {View::all, View::mine, View::open, View::overdue, View::escalated}) {
    EXPECT_EQ(parse_view(view_name(v)), v);
  }
  EXPECT_FALSE(parse_view("late"));
  EXPECT_EQ(parse_sort("due"), Sort::due);
  EXPECT_EQ(parse_sort("Owner"), Sort::owner);
  EXPECT_EQ(parse_sort("title"), Sort::title);
  EXPECT_FALSE(parse_sort("colour"));
}

TEST(ActionModelTest, TransitionTableIsExactlyTheDocumentedOne) {
  const std::map<std::pair<State, State>, bool> legal{
      {{State::open, State::in_progress}, true}, {{State::in_progress, State::done}, true},
      {{State::open, State::cancelled}, true},   {{State::in_progress, State::cancelled}, true},
      {{State::done, State::open}, true},        {{State::cancelled, State::open}, true},
  };
  for (State from : kAllStates) {
    for (State to : kAllStates) {
      const bool expected = legal.contains({from, to});
      EXPECT_EQ(can_transition(from, to), expected) << state_name(from) << " -> " << state_name(to);
      EXPECT_EQ(transition_refusal(from, to).empty(), expected)
          << state_name(from) << " -> " << state_name(to);
    }
  }
  EXPECT_TRUE(is_open(State::open));
  EXPECT_TRUE(is_open(State::in_progress));
  EXPECT_FALSE(is_open(State::done));
  EXPECT_FALSE(is_open(State::cancelled));
}

TEST(ActionModelTest, RefusalsNameTheCurrentStatus) {
  EXPECT_EQ(transition_refusal(State::open, State::done),
            "This action is open: start it before completing it.");
  EXPECT_EQ(transition_refusal(State::done, State::done), "This action is done already.");
  EXPECT_EQ(transition_refusal(State::cancelled, State::done),
            "This action is cancelled: reopen it before completing it.");
  EXPECT_EQ(transition_refusal(State::in_progress, State::in_progress),
            "This action is in progress already.");
  EXPECT_EQ(transition_refusal(State::done, State::in_progress),
            "This action is done: reopen it before starting it again.");
  EXPECT_EQ(transition_refusal(State::done, State::cancelled),
            "This action is done: only open or in-progress actions can be cancelled.");
  EXPECT_EQ(transition_refusal(State::in_progress, State::open),
            "This action is in progress: only done or cancelled actions can be reopened.");
}

TEST(ActionModelTest, DaysOverdueCountsOnlyOpenActionsPastTheirDueDate) {
  Action a;
  a.due_on = day("2026-03-01");
  EXPECT_EQ(a.days_overdue(day("2026-02-28")), 0);
  EXPECT_EQ(a.days_overdue(day("2026-03-01")), 0);  // due today is not late
  EXPECT_EQ(a.days_overdue(day("2026-03-02")), 1);
  EXPECT_TRUE(a.overdue(day("2026-03-02")));
  a.status = State::in_progress;
  EXPECT_EQ(a.days_overdue(day("2026-03-11")), 10);
  a.status = State::done;
  EXPECT_EQ(a.days_overdue(day("2026-03-11")), 0);
  a.status = State::cancelled;
  EXPECT_FALSE(a.overdue(day("2026-03-11")));
  Action undated;
  EXPECT_EQ(undated.days_overdue(day("2030-01-01")), 0);
}

TEST(ActionModelTest, DoneOnTimeComparesTheClosingDayWithTheDueDate) {
  Action a;
  a.due_on = day("2026-03-01");
  a.status = State::done;
  a.closed_at = core::parse_timestamp("2026-03-01T23:59:59Z");
  EXPECT_TRUE(a.done_on_time());
  a.closed_at = core::parse_timestamp("2026-03-02T00:00:00Z");
  EXPECT_FALSE(a.done_on_time());
  a.closed_at = core::parse_timestamp("2026-02-01T00:00:00Z");
  a.status = State::cancelled;
  EXPECT_FALSE(a.done_on_time());
  a.status = State::done;
  a.due_on.reset();
  EXPECT_FALSE(a.done_on_time());
}

TEST(ActionModelTest, NormaliseTrimsAndValidAcceptsAFullAction) {
  ActionFields f{"  Renew the supplier contract ", "\n- check terms\n", PersonId{3},
                 day("2026-04-01")};
  normalise(f);
  EXPECT_EQ(f.title, "Renew the supplier contract");
  EXPECT_EQ(f.description, "- check terms");
  Validation v;
  validate(f, v);
  EXPECT_TRUE(v.ok());
  Validation minimal;
  validate(ActionFields{"Title", "", std::nullopt, std::nullopt}, minimal);
  EXPECT_TRUE(minimal.ok());
}

std::map<std::string, std::string> errors_of(const ActionFields& f) {
  Validation v;
  validate(f, v);
  return v.ok() ? std::map<std::string, std::string>{} : v.error().fields;
}

TEST(ActionModelTest, ValidationNamesEachField) {
  EXPECT_EQ(errors_of({"", "", std::nullopt, std::nullopt}).at("title"), "is required");
  EXPECT_EQ(errors_of({std::string(301, 'x'), "", std::nullopt, std::nullopt}).at("title"),
            "must be at most 300 characters");
  EXPECT_TRUE(errors_of({std::string(300, 'x'), "", std::nullopt, std::nullopt}).empty());
  // 300 code points of two bytes each is still within the limit.
  std::string umlauts;
  for (int i = 0; i < 300; ++i) {
    umlauts += "\xc3\xa4";
  }
  EXPECT_TRUE(errors_of({umlauts, "", std::nullopt, std::nullopt}).empty());
  EXPECT_EQ(errors_of({"two\nlines", "", std::nullopt, std::nullopt}).at("title"),
            "must be plain text on one line");
  EXPECT_EQ(errors_of({"bad \xff byte", "", std::nullopt, std::nullopt}).at("title"),
            "must be plain text on one line");
  EXPECT_EQ(errors_of({"T", std::string(20001, 'd'), std::nullopt, std::nullopt}).at("description"),
            "must be at most 20000 characters");
  EXPECT_TRUE(errors_of({"T", std::string(20000, 'd'), std::nullopt, std::nullopt}).empty());
  EXPECT_EQ(errors_of({"T", "bell\x07", std::nullopt, std::nullopt}).at("description"),
            "must be plain text (Markdown)");
  EXPECT_EQ(errors_of({"T", "", PersonId{0}, std::nullopt}).at("owner_id"),
            "is not a person of this organization");
  EXPECT_EQ(errors_of({"T", "", PersonId{-4}, std::nullopt}).at("owner_id"),
            "is not a person of this organization");
  EXPECT_EQ(errors_of({"T", "", std::nullopt, -1}).at("due_on"), "must be a date like 2026-04-01");
  EXPECT_EQ(errors_of({"T", "", std::nullopt, 2932897}).at("due_on"),
            "must be a date like 2026-04-01");
  EXPECT_TRUE(errors_of({"T", "", std::nullopt, day("9999-12-31")}).empty());
  auto all = errors_of({"", std::string(20001, 'd'), PersonId{0}, -5});
  EXPECT_EQ(all.size(), 4u);
}

TEST(ActionModelTest, SettingsBoundEscalation) {
  for (int days : {1, 30, 365}) {
    Validation v;
    validate(Settings{true, days}, v);
    EXPECT_TRUE(v.ok()) << days;
  }
  for (int days : {0, -1, 366}) {
    Validation v;
    validate(Settings{false, days}, v);
    ASSERT_FALSE(v.ok()) << days;
    EXPECT_EQ(v.error().fields.at("escalate_after_days"), "must be between 1 and 365 days");
  }
  Settings d;
  EXPECT_FALSE(d.independent_closure);
  EXPECT_EQ(d.escalate_after_days, 30);
}

}  // namespace
}  // namespace mandate::areas::actions
