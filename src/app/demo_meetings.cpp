// app/demo_meetings.cpp — the demo's meetings and actions over two years (see demo.hpp):
// quarterly executive committees and a few board meetings (information security on the agenda in
// some, and not in the last months), three management reviews — a baseline, a thin one with no
// decision fourteen months before the latest, and a thorough one with every input, presenters'
// material, an attachment and decisions of each kind — and the actions made from the decisions:
// done on time, done late, cancelled, re-planned, overdue, escalated, and one carried over by two
// reviews. The declared cadence (a review every 12 months, security on the executive agenda every
// 3) is what the indicators hold this history against. Everything goes through the meetings and
// actions services; minutes are signed by the CEO as chair in a session opened by
// accounts::login, with her password, as the web edge would. The longer texts are in
// demo_meeting_texts.hpp.
#include <algorithm>
#include <array>

#include "app/demo.hpp"
#include "app/demo_meeting_texts.hpp"
#include "areas/accounts/service.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/service.hpp"
#include "core/errors.hpp"
#include "report/pdf.hpp"

namespace mandate::app::demo {
namespace {

namespace meetings = areas::meetings;
namespace actions = areas::actions;
namespace accounts = areas::accounts;
using areas::Caller;
using areas::Env;
using meetings::Attendance;
using meetings::DecisionType;
using meetings::MeetingType;
using meetings::ReviewInput;
using meetings::Topic;

constexpr std::int64_t kHour = 3600LL * 1'000'000;
constexpr std::int64_t kDay = 24 * kHour;

// What happens to an action after its meeting, each step on its day (days before the end of the
// history).
struct Step {
  enum class Kind { start, note, replan, complete, cancel };
  Kind kind;
  int at;
  std::string text;  // note, completion evidence, cancel reason, re-plan note
  int due = 0;       // replan: the new due date (days before the end; negative: later)
};

struct ItemPlan {
  std::string title;  // ignored for a review's generated items (they keep theirs)
  std::vector<Topic> tags;
  std::string minutes;
  std::string presenter;
  std::string material;
};

struct DecisionPlan {
  int item = -1;  // position of the agenda item it belongs to (-1: none)
  std::string text;
  DecisionType type = DecisionType::other;
  std::string owner;       // key of PolicyCast::key; "" none
  std::optional<int> due;  // days before the end of the history (negative: later); needs owner
  std::vector<Step> steps;
};

struct AttachmentPlan {
  int item = -1;
  std::string file_name;
  int effective = 0;  // days before the end of the history
};

struct MeetingPlan {
  MeetingType type = MeetingType::executive_committee;
  std::string title;  // the month and year are appended
  int at = 0;         // days before the end of the history (negative: planned, later)
  int duration = 120;
  std::string place;
  std::string secretary;  // "ism" or "contributor": who records the minutes
  std::vector<std::pair<std::string, Attendance>> people;  // the chair (the CEO) first
  std::vector<ItemPlan> items;  // reviews: one per generated item, a..g then outputs
  std::vector<DecisionPlan> decisions;
  std::optional<int> signed_at;  // days before the end; nullopt: not held yet
  std::optional<AttachmentPlan> attachment;
  std::string addendum;  // signed by the ISM on addendum_at
  int addendum_at = 0;
};

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

// "March 2026" for a day since the epoch.
std::string month_year(std::int64_t day) {
  const std::string d = core::format_date(day);  // "2026-03-01"
  return std::string(kMonths.at(static_cast<std::size_t>(std::stoi(d.substr(5, 2)) - 1))) + " " +
         d.substr(0, 4);
}

class Story {
 public:
  Story(const Env& env, Timeline& tl, const PolicyCast& cast, MeetingOutcome& out)
      : env_(env), tl_(tl), cast_(cast), out_(out) {}

  void schedule();

 private:
  std::int64_t today() const { return core::days_since_epoch(cast_.now); }
  // Office work (sign-offs, action updates) happens at 15:00 UTC, `days` before the end of the
  // history (days >= 1, so never after it).
  core::Timestamp on(int days) const {
    return core::Timestamp{(today() - days) * kDay + 15 * kHour};
  }
  // Meetings start at 09:00 UTC on their day.
  core::Timestamp starts(int days_ago) const {
    return core::Timestamp{(today() - days_ago) * kDay + 9 * kHour};
  }

  Caller caller(const Login& l, Role role) const {
    return Caller{l.user, TokenId{}, cast_.org, role, l.name};
  }
  Caller ism() const { return caller(cast_.ism, Role::isms_manager); }
  Caller contributor() const { return caller(cast_.contributor, Role::contributor); }
  Caller by_key(const std::string& key) const { return key == "ism" ? ism() : contributor(); }
  PersonId person(const std::string& key) const { return cast_.key.at(key); }

  // A signing session: the signer logs in, signs (re-entering the password, as the service
  // requires for each signature) and logs out.
  void signing_session(const Login& who, Role role,
                       const std::function<void(const Caller&, const areas::SignatureAuth&)>& fn) {
    auto li = must(accounts::login(env_, {who.email, who.password, "127.0.0.1", "mandate demo"}),
                   "login " + who.email);
    auto a = accounts::authenticate_session(env_, li.cookie_value);
    if (!a || a->org != cast_.org) {
      throw SystemError("demo: the session just opened for " + who.email + " is not valid");
    }
    const Caller by{a->user.id, TokenId{}, a->org, a->role ? a->role : std::optional(role),
                    a->user.display_name};
    fn(by, areas::SignatureAuth{who.password, a->session_id_hash, "127.0.0.1"});
    accounts::logout(env_, li.cookie_value);
  }

  std::vector<meetings::AgendaItem> items_of(const Caller& by, meetings::MeetingId id) {
    auto v = must(meetings::view(env_, by, id), "view meeting");
    std::sort(v.items.begin(), v.items.end(),
              [](const auto& a, const auto& b) { return a.position < b.position; });
    return v.items;
  }

  void add(MeetingPlan plan);
  // The CEO signs the minutes of each sitting's meetings in one session.
  void schedule_sittings();
  void record(std::size_t index);
  void step(std::size_t meeting, std::size_t decision, const Step& s);
  std::string attachment_bytes() const;

  const Env& env_;
  Timeline& tl_;
  const PolicyCast& cast_;
  MeetingOutcome& out_;
  std::vector<MeetingPlan> plans_;
  std::vector<meetings::MeetingId> ids_;                                      // by plan
  std::map<std::pair<std::size_t, std::size_t>, actions::ActionId> actions_;  // (plan, decision)
  std::map<int, std::vector<std::size_t>> sittings_;  // day (days before the end) -> plans
};

// The ISM's status of the risk treatment plan, as the PDF they attached to the review.
std::string Story::attachment_bytes() const {
  report::Document doc;
  doc.title = "Risk treatment plan — status";
  doc.subject = "Northwind Logistics ISMS";
  doc.footer = "Northwind Logistics · internal";
  doc.blocks.push_back(report::Heading{1, "Risk treatment plan — status"});
  doc.blocks.push_back(report::Paragraph{
      report::plain("Prepared by the Information Security Manager for the management review."),
      false, true});
  report::Table t;
  t.header = {"Risk", "Level", "Treatment", "Owner", "Status"};
  t.widths = {0.28, 0.1, 0.3, 0.14, 0.18};
  const std::array<std::array<const char*, 5>, 5> rows = {{
      {"TMS unavailable for more than 48 hours", "High",
       "Immutable backups; business continuity "
       "exercise",
       "COO", "Exercise open"},
      {"Phishing leading to account takeover", "Medium", "MFA everywhere; awareness", "ISM",
       "Done"},
      {"End-of-life firewall at the Bremen cross-dock", "High", "Replace the appliances",
       "Head of IT", "In progress"},
      {"Northwind Freight sites not assessed", "High", "Risk assessment of the three sites", "ISM",
       "Not started"},
      {"Outage of the cloud TMS vendor", "Medium", "Exit plan, SLA monitoring", "COO",
       "In progress"},
  }};
  for (const auto& r : rows) {
    std::vector<report::Text> cells;
    for (const char* c : r) {
      cells.push_back(report::plain(c));
    }
    t.rows.push_back(std::move(cells));
  }
  doc.blocks.push_back(std::move(t));
  doc.blocks.push_back(report::Paragraph{
      report::plain("Three risks remain above the risk appetite approved by top management."),
      false, false});
  return report::render_pdf(doc);
}

void Story::add(MeetingPlan plan) {
  const std::size_t index = plans_.size();
  plans_.push_back(std::move(plan));
  ids_.emplace_back();
  const MeetingPlan& p = plans_.back();
  const core::Timestamp at = starts(p.at);

  // Invitations go out ten days before (the planned one a few days ago).
  tl_.at(p.at < 0 ? on(5) : core::Timestamp{at.us - 10 * kDay}, [this, index] {
    const MeetingPlan& m = plans_[index];
    meetings::MeetingFields f;
    f.type = m.type;
    f.title = m.title + " — " + month_year(today() - m.at);
    f.starts_at = starts(m.at);
    f.duration_minutes = m.duration;
    f.place = m.place;
    f.chair = person("ceo");
    for (const auto& [key, a] : m.people) {
      f.invitees.push_back(person(key));
    }
    const Caller by = by_key(m.secretary);
    ids_[index] = must(meetings::create(env_, by, f), "create meeting " + f.title);
    ++out_.meetings;
    if (!m.signed_at) {  // planned: the agenda goes out with the invitation
      for (const auto& item : m.items) {
        must(meetings::add_item(env_, by, ids_[index],
                                {item.title, item.tags, "", item.presenter, item.material}),
             "agenda item " + item.title);
      }
    }
  });
  if (!p.signed_at) {
    return;
  }
  if (p.attachment) {  // the presenter's file, uploaded the day before
    tl_.at(core::Timestamp{at.us - kDay}, [this, index] {
      const auto items = items_of(ism(), ids_[index]);
      const auto& a = *plans_[index].attachment;
      must(meetings::add_attachment(env_, ism(), ids_[index], items.at(a.item).id, a.file_name,
                                    attachment_bytes(), today() - a.effective),
           "attach " + a.file_name);
    });
  }
  // The minutes are written up right after the meeting.
  tl_.at(core::Timestamp{at.us + (p.duration + 30) * 60 * 1'000'000LL},
         [this, index] { record(index); });
  sittings_[*p.signed_at].push_back(index);
  if (!p.addendum.empty()) {
    tl_.at(on(p.addendum_at), [this, index] {
      signing_session(
          cast_.ism, Role::isms_manager, [&](const Caller& by, const areas::SignatureAuth& auth) {
            must(meetings::add_addendum(env_, by, ids_[index], plans_[index].addendum, auth),
                 "addendum " + plans_[index].title);
          });
    });
  }
  for (std::size_t d = 0; d < p.decisions.size(); ++d) {
    for (const auto& s : p.decisions[d].steps) {
      tl_.at(on(s.at), [this, index, d, s] { step(index, d, s); });
    }
  }
}

void Story::schedule_sittings() {
  for (const auto& [day, indexes] : sittings_) {
    tl_.at(on(day), [this, list = indexes] {
      signing_session(
          cast_.ceo, Role::top_management, [&](const Caller& by, const areas::SignatureAuth& auth) {
            for (std::size_t index : list) {
              must(meetings::sign(env_, by, ids_[index], auth), "sign " + plans_[index].title);
            }
          });
    });
  }
}

// Attendance, minutes and decisions, recorded by the secretary after the meeting.
void Story::record(std::size_t index) {
  const MeetingPlan& p = plans_[index];
  const Caller by = by_key(p.secretary);
  const meetings::MeetingId id = ids_[index];
  for (const auto& [key, a] : p.people) {
    must(meetings::set_attendance(env_, by, id, person(key), a), "attendance " + key);
  }
  if (p.type == MeetingType::management_review) {
    const auto items = items_of(by, id);  // generated: a..g, then the outputs
    for (std::size_t i = 0; i < p.items.size() && i < items.size(); ++i) {
      const ItemPlan& plan = p.items[i];
      if (plan.minutes.empty() && plan.material.empty()) {
        continue;
      }
      const auto& item = items[i];
      must(meetings::update_item(
               env_, by, item.id,
               {item.title, item.tags, plan.minutes, plan.presenter, plan.material},
               item.row_version),
           "minutes " + item.title);
    }
  } else {
    for (const auto& item : p.items) {
      must(meetings::add_item(env_, by, id,
                              {item.title, item.tags, item.minutes, item.presenter, item.material}),
           "agenda item " + item.title);
    }
  }
  if (p.decisions.empty()) {
    return;
  }
  const auto items = items_of(by, id);
  std::vector<meetings::DecisionId> made;
  for (const auto& d : p.decisions) {
    meetings::DecisionFields f;
    f.text = d.text;
    f.type = d.type;
    if (d.item >= 0) {
      f.item = items.at(static_cast<std::size_t>(d.item)).id;
    }
    if (!d.owner.empty()) {
      f.owner = person(d.owner);
    }
    if (d.due) {
      f.due_on = today() - *d.due;
    }
    made.push_back(must(meetings::add_decision(env_, by, id, f), "decision " + d.text));
  }
  auto view = must(meetings::view(env_, by, id), "view meeting");
  for (std::size_t i = 0; i < made.size(); ++i) {
    auto row = std::find_if(view.decisions.begin(), view.decisions.end(),
                            [&](const auto& r) { return r.decision.id == made[i]; });
    if (row == view.decisions.end()) {
      throw SystemError("demo: a decision just made is not in its meeting");
    }
    if (row->decision.action_id) {
      actions_[{index, i}] = actions::ActionId{*row->decision.action_id};
      ++out_.actions;
    } else if (p.decisions[i].due) {
      throw SystemError("demo: a decision with an owner and a due date made no action");
    }
  }
}

// One step of an action's life. The owner records it when they have a login (the CEO, the ISM);
// otherwise whoever keeps the meeting's records does, on the owner's word.
void Story::step(std::size_t meeting, std::size_t decision, const Step& s) {
  const DecisionPlan& d = plans_[meeting].decisions[decision];
  const actions::ActionId id = actions_.at({meeting, decision});
  const Caller by = d.owner == "ceo"   ? caller(cast_.ceo, Role::top_management)
                    : d.owner == "ism" ? ism()
                                       : by_key(plans_[meeting].secretary);
  const std::string what = "action " + d.text.substr(0, 40);
  switch (s.kind) {
    case Step::Kind::start:
      must(actions::start(env_, by, id), "start " + what);
      break;
    case Step::Kind::note:
      must(actions::add_note(env_, by, id, s.text), "note " + what);
      break;
    case Step::Kind::replan: {
      auto v = must(actions::view(env_, by, id), "view " + what);
      const auto& a = v.row.action;
      must(actions::update(env_, by, id, {a.title, a.description, a.owner, today() - s.due},
                           a.row_version),
           "replan " + what);
      must(actions::add_note(env_, by, id, s.text), "note " + what);
      break;
    }
    case Step::Kind::complete:
      must(actions::complete(env_, by, id, s.text), "complete " + what);
      break;
    case Step::Kind::cancel:
      must(actions::cancel(env_, by, id, s.text), "cancel " + what);
      break;
  }
}

void Story::schedule() {
  using A = Attendance;
  using K = Step::Kind;
  const A P = A::present, E = A::excused, X = A::absent;
  const std::string head_office = "Hamburg head office, board room";
  const std::string video = "Video conference (Teams)";
  const Topic sec = Topic::information_security;

  // The ISM declares the cadence the organization holds itself to (and states it in the
  // information security policy: a report to top management every quarter).
  tl_.at(on(705), [this] { must(meetings::set_cadence(env_, ism(), {12, 3}), "set cadence"); });

  // A review's items: one per input a–g, then the outputs.
  auto review_items = [](std::array<ItemPlan, 8> items) {
    return std::vector<ItemPlan>(items.begin(), items.end());
  };
  auto minutes = [](std::string_view text) { return ItemPlan{"", {}, std::string(text), "", ""}; };
  auto presented = [](std::string_view text, std::string presenter, std::string_view material) {
    return ItemPlan{"", {}, std::string(text), std::move(presenter), std::string(material)};
  };

  add({MeetingType::executive_committee,
       "Executive committee",
       700,
       150,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cto", P}, {"ism", P}},
       {{"Quarterly results and forecast",
         {Topic::budget},
         "Revenue 4% ahead of plan; the fuel surcharge covers the diesel price increase. Forecast "
         "unchanged."},
        {"ISO/IEC 27001 programme: scope and plan",
         {sec, Topic::objectives},
         std::string(texts::kIsmsProgramme),
         "Tomás Herrera (ISM)"},
        {"Fleet renewal",
         {Topic::other},
         "Twelve electric vans for the city routes in Hamburg; leasing offers by next quarter."}},
       {{1,
         "Scope of the ISMS: all sites and systems of Northwind Logistics; certification target "
         "within 18 months; the ISM reports progress to this committee every quarter.",
         DecisionType::isms_change}},
       697});

  // The baseline management review: four actions, one of which will still be open two reviews
  // later.
  add({MeetingType::management_review,
       "Management review",
       680,
       180,
       head_office,
       "ism",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cto", P}, {"ism", P}},
       review_items({minutes(texts::kFirstReviewActions), minutes(texts::kFirstReviewIssues),
                     presented("Not presented: the register of interested parties is being "
                               "drawn up.",
                               "Casey Nowak (Compliance Officer)", ""),
                     minutes(texts::kFirstReviewPerformance),
                     presented("Nothing to report yet.", "Claire Fontaine (CCO)", ""),
                     presented(texts::kFirstReviewRisk, "Tomás Herrera (ISM)", ""),
                     minutes("Quick wins from the gap analysis: MFA for remote access, a tested "
                             "restore of the TMS."),
                     minutes(texts::kFirstReviewOutputs)}),
       {{7,
         "Restore test of the transport management system backups, with the result reported to "
         "the ISM.",
         DecisionType::improvement,
         "head:IT",
         560,
         {{K::start, 600, ""},
          {K::note, 562, "Restore environment delayed by the storage supplier; test next week."},
          {K::complete, 548,
           "Full restore of the TMS database and application in 9 hours (target 12). Test report "
           "filed in the ISMS folder."}}},
        {7,
         "Multi-factor authentication for all remote access (VPN, webmail, TMS portal).",
         DecisionType::isms_change,
         "cto",
         480,
         {{K::start, 640, ""},
          {K::complete, 490,
           "MFA enforced for VPN, webmail and the TMS portal; 100% of remote users enrolled "
           "(report from the identity provider)."}}},
        {7,
         "Business continuity exercise for the Hamburg hub: running the depots for 48 hours "
         "without the TMS.",
         DecisionType::improvement,
         "coo",
         500,
         {{K::note, 505, "Postponed: peak season. New date to be agreed with the depot managers."},
          {K::note, 300,
           "Scenario drafted with the ISM; the date is not fixed yet (Freight "
           "acquisition)."},
          {K::note, 40,
           "Carried over again at the management review; the CEO asked for a firm "
           "date within the quarter."}}},
        {7,
         "Hire a second information security engineer.",
         DecisionType::resource,
         "cfo",
         560,
         {{K::start, 660, ""},
          {K::complete, 575, "Signed contract; the engineer starts on the first of next month."}}}},
       677});

  add({MeetingType::executive_committee,
       "Executive committee",
       600,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", E}, {"cto", P}, {"ism", P}},
       {{"Half-year results",
         {Topic::budget},
         "Margins under pressure in Sales; pricing review for the key accounts."},
        {"Security awareness programme",
         {sec, Topic::policy},
         std::string(texts::kAwareness),
         "Tomás Herrera (ISM)"},
        {"Warehouse automation pilot",
         {Topic::other},
         "Pilot of autonomous forklifts at the Bremen cross-dock approved for six months."}},
       {{1,
         "Roll out the security awareness e-learning to all staff through the LMS.",
         DecisionType::improvement,
         "head:Human Resources",
         510,
         {{K::start, 590, ""},
          {K::complete, 512,
           "E-learning live in the LMS; 92% of staff completed it within two months (LMS "
           "report)."}}}},
       595});

  // The board meets in the week after the executive committee; the CEO signs both minutes in
  // one sitting.
  add({MeetingType::board,
       "Board meeting",
       598,
       180,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"ism", P}},
       {{"Half-year accounts", {Topic::budget}, "The board took note of the half-year accounts."},
        {"ISO/IEC 27001 certification: budget",
         {sec, Topic::budget},
         "The ISM presented the certification plan and its cost: certification body, external "
         "support for the first internal audit, and tooling.",
         "Tomás Herrera (ISM)"}},
       {{1, "Budget for the certification programme approved (EUR 85,000 over 18 months).",
         DecisionType::resource}},
       595});

  add({MeetingType::executive_committee,
       "Executive committee",
       510,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cto", P}},
       {{"Quarterly results", {Topic::budget}, "Results in line with the forecast."},
        {"Sales office in Rotterdam",
         {Topic::other},
         "Claire Fontaine (not yet on the committee) presented the idea by video: two account "
         "managers for the Benelux retail chains."},
        {"Customer service restructuring",
         {Topic::other},
         "Two teams merge into one; the claims handlers move to Finance."}},
       {{1,
         "Prepare the business case for a sales office in Rotterdam.",
         DecisionType::other,
         "cco",
         400,
         {{K::cancel, 418,
           "The executive committee decided against a Rotterdam office: the business case does "
           "not pay back within three years."}}}},
       505});

  add({MeetingType::board,
       "Board meeting",
       507,
       180,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}},
       {{"Annual accounts",
         {Topic::budget},
         "The annual accounts were approved for submission to the shareholders' meeting."},
        {"Warehouse extension in Bremen",
         {Topic::budget},
         "Financing by a shareholder loan; construction to start in spring."}},
       {{0, "Annual accounts approved for the shareholders' meeting.", DecisionType::other}},
       505});

  // The thin review: the CEO and the ISM, half an hour, figures noted, nothing decided — and
  // then fourteen months without another one.
  add({MeetingType::management_review,
       "Management review",
       475,
       30,
       video,
       "ism",
       {{"ceo", P}, {"cfo", E}, {"coo", X}, {"cto", E}, {"ism", P}},
       review_items({minutes(texts::kThinReviewActions),
                     {},
                     {},
                     minutes(texts::kThinReviewPerformance),
                     {},
                     {},
                     {},
                     {}}),
       {},
       473,
       std::nullopt,
       std::string(texts::kThinReviewAddendum),
       452});

  add({MeetingType::executive_committee,
       "Executive committee",
       420,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cto", X}, {"cco", P}},
       {{"Budget for next year",
         {Topic::budget},
         "The CFO presented the budget: 3% growth, flat headcount outside Operations."},
        {"Fuel price hedging", {Topic::other}, "Hedge 40% of next year's diesel volume."},
        {"Sales office in Rotterdam: business case",
         {Topic::other},
         "Claire Fontaine presented the business case: it does not pay back within three "
         "years."}},
       {{0, "Budget for next year approved as presented.", DecisionType::resource},
        {2, "No sales office in Rotterdam; the Benelux accounts stay with the Hamburg team.",
         DecisionType::other}},
       416});

  add({MeetingType::executive_committee,
       "Executive committee",
       330,
       150,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cto", P}, {"cco", P}, {"ism", P}},
       {{"Quarterly results", {Topic::budget}, "Results slightly below the forecast (volume)."},
        {"Penetration test results",
         {sec, Topic::audit},
         std::string(texts::kPenTest),
         "Tomás Herrera (ISM)"},
        {"End-of-life firewall at the Bremen cross-dock",
         {sec, Topic::risk, Topic::budget},
         std::string(texts::kFirewall)}},
       {{2,
         "Replace the end-of-life firewall at the Bremen cross-dock.",
         DecisionType::resource,
         "head:IT",
         150,
         {{K::start, 300, ""},
          {K::note, 200, "Appliances ordered; the supplier's delivery slipped by eight weeks."},
          {K::replan, 160,
           "Re-planned with the ISM: the delivery slipped, the change window is now after the "
           "peak season.",
           25},
          {K::note, 35, "Appliances delivered; the change window was cancelled by Operations."}}},
        {1,
         "Fix the two high findings of the penetration test.",
         DecisionType::improvement,
         "cto",
         300,
         {{K::start, 328, ""},
          {K::complete, 296,
           "TLS configuration fixed (retest by the testers passed); the firewall finding is "
           "tracked by its own action."}}}},
       327});

  add({MeetingType::executive_committee,
       "Executive committee",
       240,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", E}, {"coo", P}, {"cto", P}, {"cco", P}, {"ism", P}},
       {{"Quarterly results", {Topic::budget}, "Results on forecast; CFO excused, figures sent."},
        {"Ransomware readiness",
         {sec, Topic::incidents},
         std::string(texts::kRansomware),
         "Tomás Herrera (ISM)"},
        {"Customer portal relaunch", {Topic::other}, "Go-live moved to the next quarter."}},
       {{1,
         "Ransomware tabletop exercise with the management team.",
         DecisionType::improvement,
         "ism",
         150,
         {{K::start, 200, ""},
          {K::complete, 170,
           "Tabletop held with the CEO, COO, CCO and the Head of IT; lessons learned added to "
           "POL-007 and the risk register."}}}},
       234});

  add({MeetingType::board,
       "Board meeting",
       237,
       240,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", E}, {"cco", P}},
       {{"Strategy: acquisition of Northwind Freight GmbH",
         {Topic::other, Topic::budget},
         "The CEO presented the acquisition: about 120 people, three sites, rail and road "
         "freight."}},
       {{0, "Proceed with the acquisition of Northwind Freight GmbH.", DecisionType::other}},
       234});

  add({MeetingType::executive_committee,
       "Executive committee",
       150,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cco", P}},
       {{"Quarterly results", {Topic::budget}, "Results ahead of forecast (Freight included)."},
        {"Fleet telematics tender",
         {Topic::other},
         "Three offers; the preferred bidder is the incumbent."},
        {"Hiring plan", {Topic::budget}, "Eight drivers and two dispatchers for the peak."}},
       {{1,
         "Award the telematics tender to the preferred bidder after the contract review.",
         DecisionType::other,
         "coo",
         100,
         {{K::start, 140, ""}, {K::complete, 104, "Contract signed."}}}},
       144});

  add({MeetingType::board,
       "Board meeting",
       147,
       180,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", P}, {"cco", P}, {"ism", P}},
       {{"NIS2: duties of the management body",
         {sec, Topic::risk},
         std::string(texts::kNis2Board),
         "Casey Nowak (Compliance Officer) and Tomás Herrera (ISM)"},
        {"Integration of Northwind Freight GmbH",
         {Topic::other},
         "Integration on plan; IT systems to be merged next year."}},
       {{0,
         "NIS2 training for every member of the management body.",
         DecisionType::improvement,
         "ceo",
         60,
         {{K::start, 110, ""},
          {K::complete, 64,
           "All five members completed the NIS2 management-body training (certificates "
           "attached to the training records)."}}}},
       144});

  add({MeetingType::executive_committee,
       "Executive committee",
       60,
       120,
       head_office,
       "contributor",
       {{"ceo", P}, {"cfo", P}, {"coo", X}, {"cco", P}},
       {{"Quarterly results", {Topic::budget}, "Results on forecast."},
        {"Peak season staffing",
         {Topic::other},
         "Temporary staff for the warehouses from the usual agencies."}},
       {},
       57});

  // The thorough review: every input, presenters' material, an attachment, seven decisions.
  add({MeetingType::management_review,
       "Management review",
       43,
       240,
       head_office,
       "ism",
       {{"ceo", P},
        {"cfo", P},
        {"coo", P},
        {"cco", P},
        {"head:IT", P},
        {"ism", P},
        {"contributor", P}},
       review_items(
           {minutes(texts::kReviewActions), minutes(texts::kReviewIssues),
            presented(texts::kReviewParties, "Casey Nowak (Compliance Officer)",
                      texts::kReviewPartiesMaterial),
            minutes(texts::kReviewPerformance),
            presented(texts::kReviewFeedback, "Claire Fontaine (CCO)",
                      texts::kReviewFeedbackMaterial),
            presented(texts::kReviewRisk, "Tomás Herrera (ISM)", texts::kReviewRiskMaterial),
            minutes(texts::kReviewImprovement), minutes(texts::kReviewOutputs)}),
       {{6,
         "Quarterly phishing simulations with short follow-up training; no one is named.",
         DecisionType::improvement,
         "ism",
         -60,
         {{K::start, 35, ""},
          {K::note, 10, "First simulation sent to all staff: 11% clicked (23% two years ago)."}}},
        {1,
         "Extend the ISMS scope to Northwind Freight GmbH: scope statement, statement of "
         "applicability and policies.",
         DecisionType::isms_change,
         "coo",
         20,
         {}},
        {6,
         "Budget for a 24/7 managed detection and response service.",
         DecisionType::resource,
         "cfo",
         13,
         {{K::start, 40, ""},
          {K::complete, 16,
           "Contract with the MDR provider signed; onboarding starts next "
           "month."}}},
        {3,
         "Top management approves the supplier security policy (POL-005), so far approved by the "
         "ISM alone.",
         DecisionType::isms_change,
         "ceo",
         -30,
         {}},
        {6,
         "Information security becomes a standing item of every executive committee, reported by "
         "the ISM.",
         DecisionType::improvement,
         "ceo",
         -25,
         {}},
        {5,
         "Risk assessment of the three sites of Northwind Freight GmbH.",
         DecisionType::isms_change,
         "ism",
         28,
         {{K::start, 38, ""},
          {K::complete, 22,
           "Risk assessment of the three Freight sites done; four new risks in the register."}}},
        {7,
         "Information security policy v3 approved (scope extended to Northwind Freight GmbH, "
         "new objectives, NIS2).",
         DecisionType::isms_change}},
       41,
       AttachmentPlan{5, "risk-treatment-plan-status.pdf", 45}});

  // The next executive committee, in a few weeks: security is on the agenda this time.
  add({MeetingType::executive_committee,
       "Executive committee",
       -25,
       150,
       head_office,
       "contributor",
       {{"ceo", A::invited},
        {"cfo", A::invited},
        {"coo", A::invited},
        {"cco", A::invited},
        {"ism", A::invited}},
       {{"Quarterly results", {Topic::budget}, ""},
        {"Information security report",
         {sec, Topic::risk, Topic::incidents},
         "",
         "Tomás Herrera (ISM)"},
        {"Business continuity exercise: the date", {sec, Topic::risk}, "", "Sofia Lindgren (COO)"}},
       {},
       std::nullopt});

  schedule_sittings();
}

}  // namespace

void schedule_meetings(const areas::Env& env, Timeline& timeline, const PolicyCast& cast,
                       MeetingOutcome& out) {
  // The story outlives this call: its events run as the people history reaches them.
  auto story = std::make_shared<Story>(env, timeline, cast, out);
  story->schedule();
  timeline.keep(std::move(story));
}

}  // namespace mandate::app::demo
