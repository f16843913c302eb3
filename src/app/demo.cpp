// app/demo.cpp — the demo organization and its people history (see demo.hpp); the policy set
// is woven in from demo_policies.cpp.
#include "app/demo.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <random>
#include <set>

#include "areas/accounts/service.hpp"
#include "areas/people/service.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"

namespace mandate::app {
namespace {

using areas::Caller;
using areas::Env;
namespace people = areas::people;
namespace accounts = areas::accounts;

constexpr std::array kFirst = {"Amelia", "Ben",    "Chloe",  "Daniel", "Elena",  "Farid",
                               "Grace",  "Hugo",   "Ines",   "Jonas",  "Keiko",  "Liam",
                               "Maya",   "Noah",   "Olivia", "Pavel",  "Quinn",  "Rosa",
                               "Samir",  "Tara",   "Umar",   "Vera",   "Wen",    "Xavier",
                               "Yara",   "Zoltan", "Aisha",  "Bruno",  "Carmen", "Dmitri",
                               "Emma",   "Felix",  "Greta",  "Hamid",  "Ivy",    "Jakub"};
constexpr std::array kLast = {"Andersen", "Baptiste", "Costa",   "Dubois",   "Eriksen",
                              "Fischer",  "Garcia",   "Hansen",  "Ito",      "Jansen",
                              "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor",
                              "Petrov",   "Quinlan",  "Rossi",   "Schmidt",  "Tanaka",
                              "Ueda",     "Vargas",   "Weber",   "Xu",       "Yilmaz",
                              "Zimmermann", "Achterberg", "Bianchi", "Castillo", "Delacroix"};

struct Dept {
  const char* name;
  int weight;
  std::array<const char*, 4> titles;
};
constexpr std::array kDepts = {
    Dept{"Operations", 30, {"Dispatcher", "Warehouse Lead", "Route Planner", "Fleet Coordinator"}},
    Dept{"Sales", 14, {"Account Manager", "Sales Representative", "Key Account Lead", "Sales Analyst"}},
    Dept{"Finance", 8, {"Accountant", "Controller", "Payroll Specialist", "Financial Analyst"}},
    Dept{"IT", 12, {"Systems Engineer", "Developer", "Service Desk Analyst", "Network Engineer"}},
    Dept{"Human Resources", 5, {"HR Partner", "Recruiter", "HR Administrator", "Learning Lead"}},
    Dept{"Customer Service", 14, {"Agent", "Team Lead", "Quality Analyst", "Claims Handler"}},
    Dept{"Legal & Compliance", 4, {"Legal Counsel", "Compliance Officer", "Paralegal", "Privacy Analyst"}},
    Dept{"Procurement", 5, {"Buyer", "Supplier Manager", "Category Lead", "Contract Analyst"}},
};

// A readable, strong generated password: four random words-ish chunks.
std::string generated_password() { return core::random_token(15); }

// "first.last@northwind.example"; a number is added only when the name is already taken.
std::string email_of(const std::string& first, const std::string& last, int n,
                     std::set<std::string>* used = nullptr) {
  std::string e = core::ascii_lower(first) + "." + core::ascii_lower(last);
  for (auto pos = e.find("\xC3\xA1"); pos != std::string::npos; pos = e.find("\xC3\xA1")) {
    e.replace(pos, 2, "a");
  }
  for (auto& c : e) {
    if (c == ' ' || c == '&') {
      c = '-';
    }
  }
  std::string out = e + "@northwind.example";
  if (used != nullptr) {
    for (int k = 2; !used->insert(out).second; ++k) {
      out = e + std::to_string(k) + "@northwind.example";
    }
    return out;
  }
  if (n > 0) {
    out = e + std::to_string(n) + "@northwind.example";
  }
  return out;
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) {
    throw SystemError(std::string("demo: ") + what + ": " + r.error().message);
  }
  return std::move(*r);
}
void must(Status r, const char* what) {
  if (!r) {
    throw SystemError(std::string("demo: ") + what + ": " + r.error().message);
  }
}

}  // namespace

namespace demo {

void Timeline::at(core::Timestamp t, std::function<void()> fn) {
  queue_.push(Event{t, next_order_++, std::move(fn)});
}

void Timeline::reach(core::Timestamp t) {
  while (!queue_.empty() && queue_.top().at <= t) {
    // Copy out before popping: the event may schedule others.
    Event e = queue_.top();
    queue_.pop();
    clock_.set(e.at);
    e.fn();
  }
  clock_.set(t);
}

}  // namespace demo

Result<DemoResult> build_demo(store::Database& db, const core::Clock& real_clock,
                              const DemoOptions& opts) {
  if (db.read([](store::Transaction& tx) {
        return tx.query_one("SELECT COUNT(*) FROM users")->int64(0);
      }) > 0) {
    return fail(Errc::conflict,
                "the database already has users; run the demo on a fresh database");
  }
  // The history logs its signers in and out: keep those routine lines out of the demo's output.
  struct QuietLog {
    spdlog::level::level_enum was = spdlog::get_level();
    QuietLog() { spdlog::set_level(std::max(was, spdlog::level::warn)); }
    ~QuietLog() { spdlog::set_level(was); }
  } quiet;
  std::mt19937 rng(opts.seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };

  // History starts two years ago and walks forward to now.
  const core::Timestamp now = real_clock.now();
  auto days_ago = [&](std::int64_t d) { return core::Timestamp{now.us - d * 86400 * 1'000'000}; };
  core::FakeClock clock(days_ago(730));
  Env env{db, clock};
  demo::Timeline timeline(clock);
  DemoResult out;

  DemoLogin admin{"admin", "admin@northwind.example", generated_password(), "Morgan Admin"};
  auto init = must(accounts::initialise(env, {admin.email, admin.name, admin.password},
                                        opts.org_name, opts.org_slug),
                   "initialise");
  out.org = init.org;
  out.logins.push_back(admin);
  Caller by{init.user, TokenId{}, init.org, Role::admin, admin.name};
  std::vector<demo::Member> members;
  demo::PolicyCast cast;
  cast.org = init.org;
  cast.now = now;
  cast.admin = by;
  cast.members = &members;
  auto add_member = [&](PersonId id, const people::PersonFields& f) {
    members.push_back({id, f.email, f.department, f.job_title, clock.now(), std::nullopt});
  };

  // Top management and the ISM come first; everyone else reports into them.
  struct Lead {
    const char* first;
    const char* last;
    const char* title;
    const char* dept;
    const char* key;
  };
  const std::array<Lead, 6> leads = {{
      {"Helena", "Brandt", "Chief Executive Officer", "Executive", "ceo"},
      {"Marcus", "Oyelaran", "Chief Financial Officer", "Finance", "cfo"},
      {"Sofia", "Lindgren", "Chief Operating Officer", "Operations", "coo"},
      {"Rajesh", "Menon", "Chief Technology Officer", "IT", "cto"},
      {"Claire", "Fontaine", "Chief Commercial Officer", "Sales", "cco"},
      {"Tomás", "Herrera", "Information Security Manager", "IT", "ism"},
  }};
  // People who also log in (the contributor writes policies, the staff login works in
  // Operations), so that "My policies" has someone to show for every role but the auditor.
  const std::array<Lead, 2> login_people = {{
      {"Casey", "Nowak", "Compliance Officer", "Legal & Compliance", "contributor"},
      {"Sam", "Porter", "Dispatcher", "Operations", "staff"},
  }};
  std::set<std::string> used;  // e-mails handed out
  for (const auto& l : leads) {
    used.insert(email_of(l.first, l.last, 0));
  }
  for (const auto& l : login_people) {
    used.insert(email_of(l.first, l.last, 0));
  }
  std::vector<PersonId> exec_ids;
  PersonId ceo;
  for (const auto& l : leads) {
    people::PersonFields f{std::string(l.first) + " " + l.last, email_of(l.first, l.last, 0),
                           l.title, l.dept, ceo ? std::optional(ceo) : std::nullopt,
                           people::Status::active, "NW" + std::to_string(1000 + exec_ids.size())};
    PersonId id = must(people::create(env, by, f), "create executive");
    if (!ceo) {
      ceo = id;
    }
    exec_ids.push_back(id);
    add_member(id, f);
    cast.key[l.key] = id;
    clock.advance_seconds(3600);
  }
  // Designations: the five chiefs, dated. The CCO joined the board a year in.
  const auto day0 = core::days_since_epoch(clock.now());
  for (std::size_t i = 0; i < 5; ++i) {
    must(people::designate(env, by, exec_ids[i], leads[i].title, i == 4 ? day0 + 365 : day0 - 400),
         "designate");
  }
  // Department heads report to the relevant chief.
  std::vector<std::pair<std::string, PersonId>> heads;
  int n = 0;
  for (const auto& d : kDepts) {
    std::string first = kFirst[pick(kFirst.size())], last = kLast[pick(kLast.size())];
    PersonId boss = exec_ids[std::string(d.name) == "Finance"       ? 1
                             : std::string(d.name) == "IT"           ? 3
                             : std::string(d.name) == "Sales"        ? 4
                             : std::string(d.name) == "Operations"   ? 2
                                                                     : 0];
    people::PersonFields f{first + " " + last, email_of(first, last, ++n, &used),
                           std::string("Head of ") + d.name, d.name, boss, people::Status::active,
                           "NW" + std::to_string(1100 + n)};
    heads.emplace_back(d.name, must(people::create(env, by, f), "create head"));
    add_member(heads.back().second, f);
    cast.key[std::string("head:") + d.name] = heads.back().second;
  }
  for (const auto& l : login_people) {
    auto head = std::find_if(heads.begin(), heads.end(),
                             [&](const auto& h) { return h.first == l.dept; });
    people::PersonFields f{std::string(l.first) + " " + l.last, email_of(l.first, l.last, 0),
                           l.title, l.dept, head->second, people::Status::active,
                           "NW" + std::to_string(1200 + cast.key.size())};
    PersonId id = must(people::create(env, by, f), "create login person");
    add_member(id, f);
    cast.key[l.key] = id;
  }
  // One user per role, each linked by e-mail to their person where it makes sense. The auditor
  // arrives for the audit, a month before the end of the history.
  clock.advance_seconds(3600);
  struct RoleUser {
    Role role;
    std::string email;
    std::string name;
    demo::Login* login;
  };
  const std::vector<RoleUser> role_users = {
      {Role::top_management, email_of("Helena", "Brandt", 0), "Helena Brandt", &cast.ceo},
      {Role::isms_manager, email_of("Tomás", "Herrera", 0), "Tomás Herrera", &cast.ism},
      {Role::contributor, email_of("Casey", "Nowak", 0), "Casey Nowak", &cast.contributor},
      {Role::staff, email_of("Sam", "Porter", 0), "Sam Porter", &cast.staff},
  };
  auto add_login = [&](Role role, const std::string& email, const std::string& name,
                       std::optional<core::Timestamp> expires) {
    DemoLogin login{std::string(role_name(role)), email, generated_password(), name};
    UserId id = must(accounts::create_user(env, by, {login.email, login.name, login.password}),
                     "create user");
    must(accounts::set_member(env, by, {login.email, role, expires}), "add member");
    out.logins.push_back(login);
    return demo::Login{id, login.email, login.password, login.name};
  };
  for (const auto& ru : role_users) {
    *ru.login = add_login(ru.role, ru.email, ru.name, std::nullopt);
  }

  // The policy set's history, woven into the people history below.
  demo::PolicyOutcome policies;
  demo::schedule_policies(env, timeline, cast, opts.seed, policies);
  // Meetings, decisions and actions over the same two years.
  demo::MeetingOutcome meetings;
  demo::schedule_meetings(env, timeline, cast, meetings);

  // Staff, spread over two years of hiring; some have left.
  int total_weight = 0;
  for (const auto& d : kDepts) {
    total_weight += d.weight;
  }
  const int staff = std::max(
      0, opts.people - static_cast<int>(leads.size() + heads.size() + login_people.size()));
  const std::int64_t step = 500LL * 86400 / std::max(staff, 1);  // hiring ends ~8 months ago
  std::vector<std::size_t> staff_members;  // indices into members
  for (int i = 0; i < staff; ++i) {
    int w = pick(total_weight);
    std::size_t di = 0;
    while (w >= kDepts[di].weight) {
      w -= kDepts[di].weight;
      ++di;
    }
    const auto& d = kDepts[di];
    std::string first = kFirst[pick(kFirst.size())], last = kLast[pick(kLast.size())];
    people::PersonFields f{first + " " + last, email_of(first, last, ++n, &used), d.titles[pick(4)],
                           d.name, heads[di].second, people::Status::active,
                           "NW" + std::to_string(2000 + i)};
    timeline.reach(clock.now());
    PersonId id = must(people::create(env, by, f), "create staff");
    staff_members.push_back(members.size());
    add_member(id, f);
    clock.advance_seconds(step);
  }
  // The CTO stepped back from the top-management team six months ago (a dated end, not a
  // deletion); the IT department now reports to the board through the CEO.
  timeline.reach(days_ago(180));
  {
    auto v = must(people::view(env, by, exec_ids[3]), "view cto");
    must(people::end_designation(env, by, exec_ids[3], v.terms.front().id,
                                 core::days_since_epoch(clock.now())),
         "end designation");
  }

  // Leavers and movers: a realistic trickle of changes over the last months.
  timeline.reach(days_ago(170));
  for (int i = 0; i < static_cast<int>(staff_members.size()) / 12; ++i) {
    clock.advance_seconds(6 * 86400 + pick(86400));
    timeline.reach(clock.now());
    demo::Member& m = members[staff_members[pick(staff_members.size())]];
    auto v = must(people::view(env, by, m.id), "view");
    const bool leaves = i % 2 == 0;
    people::PersonFields f{v.person.name, v.person.email, v.person.job_title,
                           v.person.department, v.person.manager,
                           leaves ? people::Status::left : people::Status::active,
                           v.person.external_id};
    if (!leaves) {
      f.job_title = "Senior " + f.job_title;
    }
    if (people::update(env, by, m.id, f, v.person.version) && leaves && !m.left) {
      m.left = clock.now();
    }
  }
  timeline.reach(days_ago(30));
  add_login(Role::auditor, "auditor@certify.example", "Avery Auditor",
            core::Timestamp{now.us + 30LL * 86400 * 1'000'000});
  // A second organization (a subsidiary) so switching has somewhere to go.
  timeline.reach(days_ago(7));
  out.second_org = must(accounts::create_org(env, by, "Northwind Freight GmbH", "northwind-freight",
                                             init.user),
                        "create second org");
  Caller by2{init.user, TokenId{}, out.second_org, Role::admin, admin.name};
  for (int i = 0; i < 12; ++i) {
    std::string first = kFirst[pick(kFirst.size())], last = kLast[pick(kLast.size())];
    must(people::create(env, by2,
                        people::PersonFields{first + " " + last, email_of(first, last, ++n, &used),
                                             "Freight Coordinator", "Freight", std::nullopt,
                                             people::Status::active, std::nullopt}),
         "create freight person");
  }
  must(accounts::set_member(env, by2, {email_of("Tomás", "Herrera", 0), Role::isms_manager, {}}),
       "freight ism");
  timeline.reach(now);
  out.people = static_cast<int>(members.size());
  out.policies = policies.documents;
  out.meetings = meetings.meetings;
  out.share_link_secret = policies.share_link_secret;
  return out;
}

}  // namespace mandate::app
