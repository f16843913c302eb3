// app/demo.hpp
// `mandate demo`: builds a believable organization for evaluation and tests — ~250 people in
// departments with managers, a dated top-management team, an Information Security Manager, one
// user for each role with a generated password (returned once, never fixed), a policy set with
// its approvals, reviews and acknowledgments (demo_policies.cpp), meetings, management reviews
// and actions (demo_meetings.cpp), and two years of history in the ledger (the demo clock walks
// forward through it, people, policy and meeting events woven together in time order).
// Everything goes through the services, so every record has its ledger entry. Deterministic for
// a given seed except for the passwords and secrets, which always come from the system's random
// source.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "areas/common/caller.hpp"
#include "core/errors.hpp"

namespace mandate::app {

struct DemoOptions {
  int people = 250;
  unsigned seed = 27001;
  std::string org_name = "Northwind Logistics";
  std::string org_slug = "northwind";
};

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
  std::string name;
};

struct DemoResult {
  OrgId org;
  OrgId second_org;
  int people = 0;
  int policies = 0;
  int meetings = 0;  // including the one planned in the coming weeks
  std::vector<DemoLogin> logins;
  std::string share_link_secret;  // the auditor's link to the information security policy
};

// Errc::conflict when the database already has users (demo data goes into a fresh database).
Result<DemoResult> build_demo(store::Database& db, const core::Clock& real_clock,
                              const DemoOptions& opts);

// --- the history generator's parts, shared by demo.cpp and demo_policies.cpp ---
namespace demo {

// A demo step's service call must succeed: its value, or SystemError "demo: <what>: <message>
// <field>: <why>; ..." (a refusal there is a bug in the demo).
[[noreturn]] inline void refused(const Error& e, const std::string& what) {
  std::string detail = e.message;
  for (const auto& [field, msg] : e.fields) {
    detail += " " + field + ": " + msg + ";";
  }
  throw SystemError("demo: " + what + ": " + detail);
}
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) {
    refused(r.error(), what);
  }
  return std::move(*r);
}
inline void must(Status r, const std::string& what) {
  if (!r) {
    refused(r.error(), what);
  }
}

// Events in time order. The people history calls reach(t) before each of its own changes, so
// the policy events scheduled in between run first, each with the demo clock set to its time:
// every organization's ledger stays in time order.
class Timeline {
 public:
  explicit Timeline(core::FakeClock& clock) : clock_(clock) {}
  // Schedules fn at t (events at the same time run in the order they were scheduled). An event
  // may schedule later events.
  void at(core::Timestamp t, std::function<void()> fn);
  // Runs every event due at or before t, then leaves the clock at t.
  void reach(core::Timestamp t);
  // Keeps `state` (what a set of events shares) alive as long as the timeline.
  void keep(std::shared_ptr<void> state) { kept_.push_back(std::move(state)); }

 private:
  struct Event {
    core::Timestamp at;
    std::int64_t order = 0;
    std::function<void()> fn;
    bool operator>(const Event& o) const {
      return std::tie(at.us, order) > std::tie(o.at.us, o.order);
    }
  };
  core::FakeClock& clock_;
  std::int64_t next_order_ = 0;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue_;
  std::vector<std::shared_ptr<void>> kept_;
};

// A person of the demo register as the generator tracks them (the register itself is the truth).
struct Member {
  PersonId id;
  std::string email;
  std::string department;
  std::string job_title;
  core::Timestamp joined;
  std::optional<core::Timestamp> left;
  bool active_at(core::Timestamp t) const { return joined <= t && (!left || t < *left); }
};

// A demo login and its password (needed to sign: approvals re-ask it).
struct Login {
  UserId user;
  std::string email;
  std::string password;
  std::string name;
};

struct PolicyCast {
  OrgId org;
  core::Timestamp now;  // the end of the history
  areas::Caller admin;
  Login ceo, ism, contributor, staff;  // top management, ISMS manager, contributor, staff
  // Key people by role in the story: "ceo", "cfo", "coo", "cto", "cco", "ism", "head:<dept>",
  // "contributor", "staff".
  std::map<std::string, PersonId> key;
  const std::vector<Member>* members = nullptr;  // grows while the people history runs
};

struct PolicyOutcome {
  int documents = 0;
  std::string share_link_secret;  // set once its event has run
};

// Schedules the policy set's two years on `timeline`: the register, versions with change
// summaries (material and not), approvals signed with the signers' passwords in sessions opened
// through accounts::login, publications, reviews, openings and acknowledgments in the UI and in
// bulk from an LMS token, a campaign, a pending approval, a draft in progress and a share link.
// `out` is filled as the events run. Throws SystemError when a service refuses a step (a bug).
void schedule_policies(const areas::Env& env, Timeline& timeline, const PolicyCast& cast,
                       unsigned seed, PolicyOutcome& out);

struct MeetingOutcome {
  int meetings = 0;  // created so far
  int actions = 0;   // made from decisions so far
};

// Schedules two years of meetings (demo_meetings.cpp) on `timeline`, with the same cast: the
// declared cadence, quarterly executive committees and board meetings (information security on
// the agenda in some), three management reviews (a baseline, a thin one without decisions
// fourteen months before the latest, and a thorough one), decisions and the actions made from
// them with their progress (done on time, late, overdue, escalated, one carried over twice), an
// attachment, a signed addendum, and the next executive committee planned. Minutes are signed by
// the CEO as chair with her password in a session opened through accounts::login. Throws
// SystemError when a service refuses a step (a bug).
void schedule_meetings(const areas::Env& env, Timeline& timeline, const PolicyCast& cast,
                       MeetingOutcome& out);

}  // namespace demo

}  // namespace mandate::app
