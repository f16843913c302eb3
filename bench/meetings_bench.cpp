// bench/meetings_bench.cpp
// Issue #4's meetings and actions benchmarks on one backend, at the size of a mid-sized
// organization after ten years of use: 2,000 people; ~40 meetings a year (monthly executive
// committees and ISMS steering meetings, quarterly boards, other meetings, a yearly management
// review — ten signed, the eleventh held yesterday and ready to sign), each with agenda items and
// decisions; 20,000 actions of mixed statuses (from meeting and review decisions, and from walks,
// audits, nonconformities and other sources), some review actions carried over by several
// reviews; a dozen published policies acknowledged by everyone. Then, through the services as the
// web edge calls them:
//   1. meetings::indicators (the dashboard calls it per view), p50/p99;
//   2. meetings::review_inputs of the planned review (inputs a–g computed live), p50;
//   3. meetings::sign of that review (freeze of the inputs, carry-over, ledger entry), wall time;
//   4. actions::list (view overdue, limit 50) and actions::export_csv of all actions, p50;
//   5. meetings::minutes + minutes_pdf + minutes_html of the signed review, p50, bytes;
//   6. meetings::calendar_feed of a user invited to every meeting and owning 300 actions, p50.
// scripts/bench (stage g) runs it on SQLite and on PostgreSQL; docs/performance.md records it.
//
//   meetings_bench (--sqlite-dir DIR | --pg URL) [--people 2000] [--years 10] [--actions 20000]
//                  [--runs 30] [--max-seconds 20] [--fixture-dir /dev/shm] [--keep]
//
// The history is written through the services on a fake clock that walks the ten years in order
// (meetings::create, add_item, update_item, set_attendance, add_decision, add_attachment, sign;
// actions::create, start, complete, cancel; policies create/submit/approve/publish and
// bulk_acknowledge), so every row has its ledger entry and every carry-over comes from a real
// sign-off. Only the 2,000 people rows are inserted with plain SQL. The fixture is set-up, not what
// is measured, and is written without waiting for the disk: on SQLite into a file on tmpfs
// (--fixture-dir) that is then copied to DIR, where everything is measured; on PostgreSQL over a
// connection with synchronous_commit=off (then ANALYZE, as autovacuum would), measured over a
// fresh connection with the server's defaults. A fresh schema is used and dropped at the end
// unless --keep. Times are wall clock; on SQLite the process CPU time is printed next to them.
//
// Prints "meetings_bench KEY=VALUE" lines (for scripts/bench) and a Markdown table.
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "areas/accounts/service.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/minutes.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"
#include "areas/people/service.hpp"
#include "areas/policies/service.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/database.hpp"

namespace mandate::bench {
namespace {

namespace accounts = areas::accounts;
namespace actions = areas::actions;
namespace meetings = areas::meetings;
namespace people = areas::people;
namespace policies = areas::policies;
using areas::Caller;
using areas::Env;
using core::Timestamp;
using meetings::MeetingType;
using meetings::Topic;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kHour = 3'600'000'000LL;
constexpr std::int64_t kDay = 24 * kHour;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

[[noreturn]] void die(const std::string& what, const Error& e) {
  std::string msg = "meetings_bench: " + what + ": " + e.message;
  for (const auto& [field, m] : e.fields) {
    msg += " [" + field + ": " + m + "]";
  }
  throw std::runtime_error(msg);
}
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) {
    die(what, r.error());
  }
  return std::move(*r);
}
void must(Status r, const std::string& what) {
  if (!r) {
    die(what, r.error());
  }
}
void expect(bool ok, const std::string& what) {
  if (!ok) {
    throw std::runtime_error("meetings_bench: fixture check failed: " + what);
  }
}

// "12,345" — figures people read.
std::string grouped(double v, int decimals = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  auto dot = s.find('.');
  std::string head = s.substr(0, dot);
  std::string tail = dot == std::string::npos ? "" : s.substr(dot);
  std::string out;
  int n = 0;
  for (auto it = head.rbegin(); it != head.rend(); ++it) {
    if (n > 0 && n % 3 == 0 && *it != '-') {
      out.insert(out.begin(), ',');
    }
    out.insert(out.begin(), *it);
    ++n;
  }
  return out + tail;
}

// Nearest-rank percentile of a sample (sorted copy).
double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

std::string pg_url_with(const std::string& url, const std::string& options) {
  const std::string sep = url.find('?') == std::string::npos ? "?" : "&";
  return url + sep + "options=" + options;
}

// The database under test. SQLite: the fixture is written to a file on tmpfs, then copied to
// DIR and reopened there. PostgreSQL: a fresh schema, written with synchronous_commit=off, then
// reopened with the defaults.
class BenchDb {
 public:
  BenchDb(const std::string& sqlite_dir, const std::string& fixture_dir, const std::string& pg_url,
          bool keep)
      : pg_base_(pg_url), keep_(keep) {
    if (!sqlite_dir.empty()) {
      backend_ = "sqlite";
      std::filesystem::create_directories(sqlite_dir);
      final_ = std::filesystem::path(sqlite_dir) / "meetings_bench.db";
      remove_db(final_);
      if (!fixture_dir.empty()) {
        staging_dir_ =
            std::filesystem::path(fixture_dir) / ("meetings_bench_" + std::to_string(::getpid()));
        std::filesystem::remove_all(staging_dir_);
        std::filesystem::create_directories(staging_dir_);
        staging_ = staging_dir_ / "meetings_bench.db";
        db_ = store::Database::open("sqlite:" + staging_.string());
      } else {
        db_ = store::Database::open("sqlite:" + final_.string());
      }
      return;
    }
    backend_ = "postgres";
    schema_ = "meetings_bench_" + std::to_string(::getpid());
    admin([&](store::Transaction& tx) {
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      tx.exec("CREATE SCHEMA " + schema_);
    });
    db_ = store::Database::open(
        pg_url_with(pg_base_, "-csearch_path%3D" + schema_ + "%20-csynchronous_commit%3Doff"));
  }
  ~BenchDb() {
    db_.reset();
    if (!staging_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(staging_dir_, ec);
    }
    if (keep_) {
      std::printf("meetings_bench: data kept in %s\n",
                  schema_.empty() ? final_.c_str() : ("schema " + schema_).c_str());
    } else if (!schema_.empty()) {
      try {
        admin([&](store::Transaction& tx) {
          tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        });
      } catch (const std::exception& e) {
        std::fprintf(stderr, "meetings_bench: could not drop schema %s: %s\n", schema_.c_str(),
                     e.what());
      }
    } else {
      remove_db(final_);
    }
  }
  store::Database& db() { return *db_; }
  const std::string& backend() const { return backend_; }
  std::string describe() const { return db_->describe(); }

  // The fixture is written: reopen where it is measured (copying a staged SQLite file).
  void ready_for_measurement() {
    db_.reset();
    if (!schema_.empty()) {
      db_ = store::Database::open(pg_url_with(pg_base_, "-csearch_path%3D" + schema_));
      db_->write([](store::Transaction& tx) { tx.exec("ANALYZE"); });
      return;
    }
    if (!staging_.empty()) {
      for (const char* suffix : {"", "-wal"}) {
        const std::filesystem::path from = staging_.string() + suffix;
        if (std::filesystem::exists(from)) {
          std::filesystem::copy_file(from, final_.string() + suffix,
                                     std::filesystem::copy_options::overwrite_existing);
        }
      }
      std::filesystem::remove_all(staging_dir_);
      staging_dir_.clear();
      staging_.clear();
    }
    db_ = store::Database::open("sqlite:" + final_.string());
  }
  std::uintmax_t sqlite_bytes() const {
    std::uintmax_t n = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code ec;
      auto s = std::filesystem::file_size(final_.string() + suffix, ec);
      n += ec ? 0 : s;
    }
    return n;
  }

 private:
  static void remove_db(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(file.string() + suffix);
    }
  }
  template <class F>
  void admin(F&& fn) {
    store::Options o;
    o.migrate = false;
    o.read_connections = 1;
    auto a = store::Database::open(pg_base_, o);
    a->write(std::forward<F>(fn));
  }

  std::string pg_base_;
  bool keep_ = false;
  std::string backend_;
  std::string schema_;
  std::filesystem::path final_, staging_dir_, staging_;
  std::unique_ptr<store::Database> db_;
};

struct Settings {
  std::string sqlite_dir;
  std::string fixture_dir = "/dev/shm";
  std::string pg_url;
  int people = 2000;
  int years = 10;
  int actions = 20'000;
  int runs = 30;
  double max_seconds = 20;
  bool keep = false;
};

struct Row {
  std::string measure;
  std::string value;
  std::string target;
  std::string met;
};

// A sample of timed calls: wall ms and process CPU ms.
struct Sample {
  std::vector<double> ms, cpu;
  double p50() const { return percentile(ms, 50); }
  double p99() const { return percentile(ms, 99); }
  double cpu50() const { return percentile(cpu, 50); }
  double first = 0;  // the warm-up call
};

constexpr const char* kPw = "a long enough bench passphrase 7";

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};

std::string month_year(Timestamp t) {
  const std::string d = core::format_date(core::days_since_epoch(t));  // "2026-03-01"
  return std::string(kMonths[std::stoi(d.substr(5, 2)) - 1]) + " " + d.substr(0, 4);
}

// Markdown minutes of some substance (a review item's discussion).
std::string minutes_text(const std::string& topic, int n) {
  std::string s = "## " + topic + "\n\n";
  for (int i = 0; i < n; ++i) {
    s += "The committee discussed " + topic +
         " in detail. The information security manager presented the figures and the trend "
         "since the previous review; the members asked about the causes of the remaining gaps "
         "and agreed on the follow-up recorded below.\n\n"
         "- the owners confirmed their dates\n- the budget holder noted the resources needed\n"
         "- the risk owner accepted the residual risk where stated\n\n";
  }
  return s + "| figure | now | previous |\n|---|---:|---:|\n| open items | 12 | 17 |\n";
}

class Bench {
 public:
  Bench(BenchDb& bdb, Settings s)
      : bdb_(bdb), backend_(bdb.backend()), s_(std::move(s)), clock_(Timestamp{0}), rng_(20261202) {
    // The end of the history: today at 12:00 UTC.
    const std::int64_t today = core::days_since_epoch(core::SystemClock().now());
    end_ = Timestamp{today * kDay + 12 * kHour};
    start_ = Timestamp{end_.us - static_cast<std::int64_t>(s_.years) * 365 * kDay};
    clock_.set(Timestamp{start_.us - 60 * kDay});
  }

  void run() {
    auto t0 = Clock::now();
    setup();
    plan_history();
    play();
    const double fixture_s = seconds_since(t0);
    check_fixture();
    say(backend_ + ": fixture written through the services in " + grouped(fixture_s, 1) + " s (" +
        grouped(static_cast<double>(events_.size())) + " service calls)");
    key("fixture_s", fixture_s);
    auto t1 = Clock::now();
    bdb_.ready_for_measurement();
    say("reopened for measurement (" + grouped(seconds_since(t1), 1) + " s)" +
        (backend_ == "sqlite"
             ? ", " + grouped(static_cast<double>(bdb_.sqlite_bytes()) / 1e6, 1) + " MB on disk"
             : ""));
    clock_.set(end_);
    describe_fixture();
    bench_indicators();
    bench_review_inputs();
    bench_sign();
    bench_actions();
    bench_minutes();
    bench_calendar();
    print_table();
  }

 private:
  store::Database& db() { return bdb_.db(); }
  Env env() { return Env{db(), clock_}; }

  void key(const std::string& k, const std::string& v) {
    std::printf("meetings_bench %s_%s=%s\n", backend_.c_str(), k.c_str(), v.c_str());
    std::fflush(stdout);
  }
  void key(const std::string& k, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    key(k, std::string(buf));
  }
  void say(const std::string& line) {
    std::printf("   %s\n", line.c_str());
    std::fflush(stdout);
  }
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double chance() { return std::uniform_real_distribution<double>(0, 1)(rng_); }

  // --- set-up: organization, accounts, people ---

  void setup() {
    auto init = must(accounts::initialise(env(), {"admin@bench.example", "Bench Admin", kPw},
                                          "Bench Corporation", "bench"),
                     "initialise");
    org_ = init.org;
    admin_ = Caller{init.user, TokenId{}, org_, Role::admin, "Bench Admin"};
    ceo_user_ = must(accounts::create_user(env(), admin_, {"ceo@bench.example", "Cora CEO", kPw}),
                     "create CEO");
    must(accounts::set_member(env(), admin_, {"ceo@bench.example", Role::top_management, {}}),
         "CEO membership");
    ism_user_ = must(accounts::create_user(env(), admin_, {"ism@bench.example", "Ian ISM", kPw}),
                     "create ISM");
    must(accounts::set_member(env(), admin_, {"ism@bench.example", Role::isms_manager, {}}),
         "ISM membership");
    ceo_ = Caller{ceo_user_, TokenId{}, org_, Role::top_management, "Cora CEO"};
    ism_ = Caller{ism_user_, TokenId{}, org_, Role::isms_manager, "Ian ISM"};
    insert_people();
    // The CEO and seven executives are top management for the whole history.
    const std::int64_t from = core::days_since_epoch(start_) - 30;
    for (int i : {0, 2, 3, 4, 5, 6, 7, 8}) {
      must(people::designate(env(), admin_, person_[i],
                             i == 0 ? "Chief Executive Officer" : "Executive director", from),
           "designate");
    }
  }

  // Index 0 the CEO, 1 the ISMS manager (the calendar user), 2..8 executives, 9..39 managers,
  // the rest staff; all active.
  void insert_people() {
    static constexpr const char* kDepartments[] = {
        "Operations", "Sales",     "Finance",    "IT",       "Human Resources", "Support",
        "Legal",      "Logistics", "Facilities", "Security", "Quality",         "Engineering"};
    const std::int64_t now_us = clock_.now().us;
    constexpr int kChunk = 500;
    db().write([&](store::Transaction& tx) {
      for (int start = 0; start < s_.people; start += kChunk) {
        const int n = std::min(kChunk, s_.people - start);
        std::string sql =
            "INSERT INTO people (org_id, name, email, job_title, department, status, external_id, "
            "created_at, updated_at) VALUES ";
        std::vector<store::Value> vals;
        for (int i = 0; i < n; ++i) {
          const int k = start + i;
          sql += i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
          vals.emplace_back(org_.value);
          vals.emplace_back(k == 0   ? std::string("Cora CEO")
                            : k == 1 ? std::string("Ian ISM")
                                     : "Person " + std::to_string(k));
          vals.emplace_back(k == 0   ? std::string("ceo@bench.example")
                            : k == 1 ? std::string("ism@bench.example")
                                     : "person" + std::to_string(k) + "@bench.example");
          vals.emplace_back(std::string(k < 9 ? "Executive" : k < 40 ? "Manager" : "Employee"));
          vals.emplace_back(std::string(kDepartments[(k * 7919) % 12]));
          vals.emplace_back(std::string("active"));
          vals.emplace_back("E" + std::to_string(100000 + k));
          vals.emplace_back(now_us);
          vals.emplace_back(now_us);
        }
        tx.exec_values(sql, vals);
      }
    });
    person_ = db().read([&](store::Transaction& tx) {
      std::vector<PersonId> out;
      for (const auto& r : tx.query("SELECT id FROM people WHERE org_id = ? ORDER BY id", org_)) {
        out.push_back(PersonId{r.int64(0)});
      }
      return out;
    });
    expect(static_cast<int>(person_.size()) == s_.people, "people inserted");
  }

  // --- the history, as events on the fake clock ---

  struct Event {
    std::int64_t at;
    std::int64_t seq;
    std::function<void()> fn;
  };
  void at(std::int64_t t, std::function<void()> fn) {
    events_.push_back(Event{t, static_cast<std::int64_t>(events_.size()), std::move(fn)});
  }

  // Where an action slot's action id lands once created.
  struct ActionPlan {
    PersonId owner;
    std::int64_t created = 0;  // us
    std::int64_t due = 0;      // days since epoch
    bool review = false;
  };

  PersonId owner_for(std::size_t slot) {
    // Every (actions / 300)-th action is the calendar user's: 300 in all.
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(s_.actions) / 300);
    if (slot % every == every / 2 && owned_by_ism_ < 300) {
      ++owned_by_ism_;
      return person_[1];
    }
    if (chance() < 0.5) {
      return person_[static_cast<std::size_t>(uniform(2, std::min(39, s_.people - 1)))];
    }
    return person_[static_cast<std::size_t>(uniform(40, s_.people - 1))];
  }

  // The action's life after it was created: started, completed (always from in progress; on time
  // or late), cancelled, or left open (overdue, some escalated). Review actions are slower: some
  // stay open across several reviews and are carried over.
  void plan_fate(std::size_t slot, const ActionPlan& p) {
    const std::int64_t end = end_.us;
    const std::int64_t due_us = p.due * kDay + 15 * kHour;
    const bool old = end - p.created > 365 * kDay;
    const double r = chance();
    auto when = [&](std::int64_t t) { return std::clamp(t, p.created + 2 * kHour, end + kDay); };
    std::int64_t done_at = 0, cancel_at = 0, start_at = 0;
    if (p.review) {
      if (r < 0.55) {
        done_at = due_us + uniform(-20, 15) * kDay;
      } else if (r < 0.65) {
        cancel_at = p.created + uniform(20, 120) * kDay;
      } else if (r < 0.85) {
        done_at = due_us + uniform(200, 1100) * kDay;  // carried over by one to three reviews
        start_at = p.created + uniform(10, 60) * kDay;
      }  // else left open
    } else if (old) {
      if (r < 0.85) {
        done_at = due_us + uniform(-30, 40) * kDay;
      } else if (r < 0.93) {
        cancel_at = p.created + uniform(5, 60) * kDay;
      }
    } else {
      if (r < 0.55) {
        done_at = due_us + uniform(-30, 30) * kDay;
      } else if (r < 0.60) {
        cancel_at = p.created + uniform(5, 60) * kDay;
      } else if (r < 0.75) {
        start_at = p.created + uniform(2, 30) * kDay;
      }
    }
    done_at = done_at ? when(done_at) : 0;
    cancel_at = cancel_at ? when(cancel_at) : 0;
    if (done_at && !start_at) {
      start_at = p.created + uniform(1, 10) * kDay;  // done only from in progress
    }
    start_at = start_at ? when(start_at) : 0;
    if (done_at && start_at >= done_at) {
      start_at = done_at - kHour;
    }
    if (start_at && (start_at < end) && (!done_at || start_at < done_at)) {
      at(start_at,
         [this, slot] { must(actions::start(env(), ism_, action_[slot]), "start action"); });
    }
    if (done_at && done_at < end) {
      at(done_at, [this, slot] {
        must(actions::complete(env(), ism_, action_[slot],
                               "Done: see the change ticket and the updated procedure."),
             "complete action");
      });
    } else if (cancel_at && cancel_at < end) {
      at(cancel_at, [this, slot] {
        must(actions::cancel(env(), ism_, action_[slot], "Superseded by a later decision."),
             "cancel action");
      });
    }
  }

  struct MeetingSlot {
    MeetingType type;
    std::int64_t starts;  // us
  };

  void plan_history() {
    // The meetings: per month an executive committee, an ISMS steering meeting and (11 months in
    // 12) another meeting; a board each quarter; a management review each year (the last one
    // held yesterday and left to sign). ~40 a year.
    std::vector<MeetingSlot> slots;
    const std::int64_t months = static_cast<std::int64_t>(s_.years) * 12;
    for (std::int64_t m = 0; m < months; ++m) {
      const std::int64_t base = start_.us + m * 365 * kDay / 12;
      slots.push_back({MeetingType::executive_committee, base + 4 * kDay + 9 * kHour});
      slots.push_back({MeetingType::isms_steering, base + 14 * kDay + 10 * kHour});
      if (m % 12 != 7) {
        slots.push_back({MeetingType::other, base + 19 * kDay + 14 * kHour});
      }
      if (m % 3 == 1) {
        slots.push_back({MeetingType::board, base + 24 * kDay + 9 * kHour});
      }
    }
    for (int y = 0; y <= s_.years; ++y) {
      // Ten signed reviews a year apart (the first a day before the ten years), the eleventh
      // yesterday.
      const std::int64_t day = core::days_since_epoch(end_) - 1 - 365LL * (s_.years - y);
      slots.push_back({MeetingType::management_review, day * kDay + 9 * kHour});
    }
    std::sort(slots.begin(), slots.end(),
              [](const MeetingSlot& a, const MeetingSlot& b) { return a.starts < b.starts; });
    int reviews = 0, others = 0;
    for (const auto& sl : slots) {
      (sl.type == MeetingType::management_review ? reviews : others)++;
    }
    meeting_.resize(slots.size());

    // Actions: 25 per review (with owner and date), 40% of the rest from other meetings'
    // decisions, the others from walks, audits, nonconformities and other sources.
    constexpr int kReviewDecisions = 25;
    const int review_actions = reviews * kReviewDecisions;
    const int meeting_actions = std::max(0, s_.actions * 2 / 5 - review_actions);
    const int other_actions = s_.actions - review_actions - meeting_actions;
    action_.resize(static_cast<std::size_t>(s_.actions));
    std::size_t next_slot = 0;
    int meeting_actions_left = meeting_actions;
    int others_left = others;

    for (std::size_t i = 0; i < slots.size(); ++i) {
      const auto& sl = slots[i];
      const bool review = sl.type == MeetingType::management_review;
      const bool last = review && i + 1 == slots.size();
      int decisions = kReviewDecisions;
      if (!review) {
        decisions = meeting_actions_left / others_left;
        meeting_actions_left -= decisions;
        --others_left;
      }
      std::vector<std::size_t> my_slots;
      for (int d = 0; d < decisions; ++d) {
        my_slots.push_back(next_slot++);
      }
      plan_meeting(i, sl, my_slots, last);
    }

    // Actions from other sources, spread over the years.
    static constexpr actions::Source kSources[] = {actions::Source::walk, actions::Source::audit,
                                                   actions::Source::nonconformity,
                                                   actions::Source::other};
    for (int k = 0; k < other_actions; ++k) {
      const std::size_t slot = next_slot++;
      ActionPlan p;
      p.owner = owner_for(slot);
      p.created = start_.us + static_cast<std::int64_t>(
                                  chance() * static_cast<double>(end_.us - start_.us - 2 * kDay));
      p.due = core::days_since_epoch(Timestamp{p.created}) + uniform(14, 120);
      const actions::Source source = kSources[static_cast<std::size_t>(uniform(0, 3))];
      at(p.created, [this, slot, p, source] {
        actions::ActionFields f;
        f.title = std::string(actions::source_label(source)) + " finding " + std::to_string(slot) +
                  ": fix the control and record the evidence";
        f.description = "Raised during the " + core::ascii_lower(actions::source_label(source)) +
                        "; the owner agrees the fix with the ISMS manager.";
        f.owner = p.owner;
        f.due_on = p.due;
        action_[slot] = must(actions::create(env(), ism_, source, "ref:" + std::to_string(slot), f),
                             "create action");
      });
      plan_fate(slot, p);
    }
    expect(next_slot == action_.size(), "every action slot planned");

    // A dozen policies published ten months before the end, acknowledged by everyone.
    at(end_.us - 300 * kDay, [this] { publish_policies(); });
  }

  std::vector<PersonId> invitees_for(MeetingType type, PersonId chair) {
    std::vector<PersonId> out{chair, person_[1]};
    if (type == MeetingType::management_review || type == MeetingType::executive_committee ||
        type == MeetingType::board) {
      for (int i = 2; i <= 8; ++i) {
        out.push_back(person_[static_cast<std::size_t>(i)]);
      }
    } else {
      for (int i = 0; i < 6; ++i) {
        out.push_back(person_[static_cast<std::size_t>(uniform(9, std::min(39, s_.people - 1)))]);
      }
    }
    return out;
  }

  void plan_meeting(std::size_t index, const MeetingSlot& sl, const std::vector<std::size_t>& slots,
                    bool last) {
    const bool review = sl.type == MeetingType::management_review;
    meetings::MeetingFields f;
    f.type = sl.type;
    f.title = std::string(meetings::meeting_type_label(sl.type)) + " — " +
              month_year(Timestamp{sl.starts});
    f.starts_at = Timestamp{sl.starts};
    f.duration_minutes = review ? 180 : 90;
    f.place = review ? "Board room and https://meet.bench.example/review" : "Board room";
    const PersonId chair = (review || meetings::is_executive(sl.type)) ? person_[0]
                           : sl.type == MeetingType::isms_steering
                               ? person_[1]
                               : person_[static_cast<std::size_t>(uniform(2, 8))];
    f.chair = chair;
    f.invitees = invitees_for(sl.type, chair);
    // Created two or three weeks before.
    at(sl.starts - (review ? 21 : 14) * kDay, [this, index, f] {
      meeting_[index] = must(meetings::create(env(), ism_, f), "create meeting");
    });

    // Agenda (reviews: the generated items, minuted), after the meeting.
    const std::int64_t after = sl.starts + 2 * kHour;
    if (review) {
      at(after, [this, index] { minute_review(index); });
      at(after + 60'000'000, [this, index, invitees = f.invitees] {
        for (std::size_t k = 0; k < invitees.size(); ++k) {
          must(meetings::set_attendance(env(), ism_, meeting_[index], invitees[k],
                                        k == invitees.size() - 1 ? meetings::Attendance::excused
                                                                 : meetings::Attendance::present),
               "attendance");
        }
      });
    } else {
      const bool security = sl.type == MeetingType::isms_steering ||
                            (meetings::is_executive(sl.type) ? chance() < 0.6 : chance() < 0.2);
      at(after, [this, index, security, type = sl.type] {
        const std::vector<std::pair<std::string, std::vector<Topic>>> items{
            {"Results and forecast", {Topic::budget}},
            {security ? "Information security: incidents and risks" : "Projects",
             security ? std::vector<Topic>{Topic::information_security, Topic::incidents}
                      : std::vector<Topic>{Topic::other}},
            {"Suppliers and contracts", {Topic::other}},
            {"Any other business", {Topic::other}}};
        for (const auto& [title, tags] : items) {
          must(meetings::add_item(
                   env(), ism_, meeting_[index],
                   meetings::ItemFields{title, tags,
                                        minutes_text(title, type == MeetingType::board ? 2 : 1), "",
                                        ""}),
               "add item");
        }
      });
    }

    // Decisions with owner and date (each makes an action), two without.
    static constexpr meetings::DecisionType kTypes[] = {
        meetings::DecisionType::improvement, meetings::DecisionType::isms_change,
        meetings::DecisionType::resource, meetings::DecisionType::risk_acceptance,
        meetings::DecisionType::other};
    const std::int64_t decided = after + 2 * 60'000'000;
    const std::int64_t meeting_day = core::days_since_epoch(Timestamp{sl.starts});
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const std::size_t slot = slots[k];
      ActionPlan p;
      p.owner = owner_for(slot);
      p.created = decided + static_cast<std::int64_t>(k) * 1'000'000;
      p.due = meeting_day + (review ? uniform(60, 240) : uniform(14, 120));
      p.review = review;
      const auto type = kTypes[static_cast<std::size_t>(uniform(0, review ? 3 : 4))];
      at(p.created, [this, index, slot, p, type, k] {
        meetings::DecisionFields d;
        d.text = std::string(meetings::decision_type_label(type)) + " " + std::to_string(k + 1) +
                 ": " + "assign the owner to implement the agreed measure and report back";
        d.type = type;
        d.owner = p.owner;
        d.due_on = p.due;
        auto id = must(meetings::add_decision(env(), ism_, meeting_[index], d), "decision");
        action_[slot] = db().read([&](store::Transaction& tx) {
          auto r = tx.query_one(
              "SELECT action_id FROM meeting_decisions WHERE org_id = ? AND id = ?", org_, id);
          return actions::ActionId{r ? r->opt_int64(0).value_or(0) : 0};
        });
        expect(static_cast<bool>(action_[slot]), "a decision with owner and date has an action");
      });
      plan_fate(slot, p);
    }
    at(decided + static_cast<std::int64_t>(slots.size()) * 1'000'000 + 500'000, [this, index] {
      for (int k = 0; k < 2; ++k) {
        meetings::DecisionFields d;
        d.text = k ? "Noted the quarterly figures." : "Agreed the next meeting's agenda.";
        d.type = meetings::DecisionType::other;
        must(meetings::add_decision(env(), ism_, meeting_[index], d), "decision without action");
      }
    });

    if (review) {
      // The evidence the ISMS manager attached.
      at(after + 30 * 60'000'000LL, [this, index] {
        std::string csv = "risk,level,treatment,owner,status\n";
        for (int k = 0; k < 40; ++k) {
          csv += "R-" + std::to_string(k + 1) + ",high,reduce,Person " + std::to_string(k + 9) +
                 ",in progress\n";
        }
        must(meetings::add_attachment(env(), ism_, meeting_[index], std::nullopt,
                                      "risk-treatment-plan.csv", csv,
                                      core::days_since_epoch(clock_.now()) - 1),
             "attachment");
      });
      if (!last) {
        // Signed by the chair the next day, in a session of her own.
        at(sl.starts + kDay + 6 * kHour, [this, index] {
          must(meetings::sign(env(), ceo_, meeting_[index], ceo_auth()), "sign review");
          ++signed_reviews_;
        });
      } else {
        review_to_sign_ = index;
      }
    }
  }

  // A review's generated items: minutes for each, the presenter's material for the inputs
  // Mandate holds no records of (c, e, f).
  void minute_review(std::size_t index) {
    auto v = must(meetings::view(env(), ism_, meeting_[index]), "view review");
    for (const auto& item : v.items) {
      meetings::ItemFields f{item.title, item.tags, minutes_text(item.title, 3), "", ""};
      if (item.review_input && (*item.review_input == meetings::ReviewInput::interested_parties ||
                                *item.review_input == meetings::ReviewInput::party_feedback ||
                                *item.review_input == meetings::ReviewInput::risk)) {
        f.presenter = "Person 12, risk owner";
        f.material = minutes_text("the presenter's material", 2);
      }
      must(meetings::update_item(env(), ism_, item.id, f, item.row_version), "minute review item");
    }
  }

  areas::SignatureAuth ceo_auth() {
    auto l = must(accounts::login(env(), {"ceo@bench.example", kPw, "127.0.0.1", "meetings_bench"}),
                  "CEO login");
    return areas::SignatureAuth{kPw, l.session.id_hash, "127.0.0.1"};
  }

  void publish_policies() {
    const auto approver = ceo_auth();
    std::vector<policies::BulkItem> everyone;
    for (int k = 0; k < s_.people; ++k) {
      everyone.push_back({k == 0   ? std::string("ceo@bench.example")
                          : k == 1 ? std::string("ism@bench.example")
                                   : "person" + std::to_string(k) + "@bench.example",
                          std::nullopt});
    }
    for (int i = 0; i < 12; ++i) {
      policies::DocumentFields f;
      f.reference = "POL-" + std::to_string(100 + i);
      f.title = "Policy " + std::to_string(i + 1);
      f.type = policies::DocType::topic_specific_policy;
      policies::DraftFields d;
      d.content = "# " + f.title + "\n\nEveryone at Bench Corporation follows this policy.\n";
      d.change_summary = "First version";
      auto doc = must(policies::create(env(), admin_, f, d), "create policy");
      auto view = must(policies::view(env(), admin_, doc), "view policy");
      const auto v = view.versions.front().version;
      must(policies::submit(env(), admin_, v.id, {ceo_user_}), "submit policy");
      must(policies::approve(env(), ceo_, v.id, approver, "Approved."), "approve policy");
      must(policies::publish(env(), admin_, v.id), "publish policy");
      auto r = must(policies::bulk_acknowledge(env(), admin_, doc, 1, everyone), "acknowledge");
      expect(r.applied, "policy acknowledged");
    }
  }

  void play() {
    std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
      return a.at != b.at ? a.at < b.at : a.seq < b.seq;
    });
    auto t0 = Clock::now();
    const std::size_t step = std::max<std::size_t>(1, events_.size() / 5);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      clock_.set(Timestamp{events_[i].at});
      events_[i].fn();
      if ((i + 1) % step == 0) {
        say("history: " + grouped(static_cast<double>(i + 1)) + " of " +
            grouped(static_cast<double>(events_.size())) + " service calls, " +
            grouped(seconds_since(t0), 1) + " s");
      }
    }
  }

  std::int64_t count(const std::string& sql) {
    return db().read([&](store::Transaction& tx) { return tx.query_one(sql, org_)->int64(0); });
  }

  void check_fixture() {
    expect(signed_reviews_ == s_.years, "signed reviews: " + std::to_string(signed_reviews_));
    expect(count("SELECT COUNT(*) FROM actions WHERE org_id = ?") == s_.actions,
           "actions: " + std::to_string(count("SELECT COUNT(*) FROM actions WHERE org_id = ?")));
    expect(owned_by_ism_ == 300 || s_.actions < 300, "300 actions owned by the calendar user");
  }

  void describe_fixture() {
    const auto meetings_n = count("SELECT COUNT(*) FROM meetings WHERE org_id = ?");
    const auto items = count("SELECT COUNT(*) FROM meeting_items WHERE org_id = ?");
    const auto decisions = count("SELECT COUNT(*) FROM meeting_decisions WHERE org_id = ?");
    const auto open = count(
        "SELECT COUNT(*) FROM actions WHERE org_id = ? AND status IN ('open', 'in_progress')");
    const auto done = count("SELECT COUNT(*) FROM actions WHERE org_id = ? AND status = 'done'");
    const auto cancelled =
        count("SELECT COUNT(*) FROM actions WHERE org_id = ? AND status = 'cancelled'");
    const auto carry = count("SELECT COUNT(*) FROM action_carryovers WHERE org_id = ?");
    const auto carried_twice = count(
        "SELECT COUNT(*) FROM (SELECT action_id FROM action_carryovers WHERE org_id = ? "
        "GROUP BY action_id HAVING COUNT(*) >= 2) x");
    const auto ledger = count("SELECT COUNT(*) FROM ledger_entries WHERE org_id = ?");
    const auto invited = count(
        "SELECT COUNT(*) FROM meeting_attendees WHERE org_id = ? AND person_id = (SELECT id FROM "
        "people WHERE email = 'ism@bench.example')");
    say(grouped(static_cast<double>(meetings_n)) + " meetings, " +
        grouped(static_cast<double>(items)) + " agenda items, " +
        grouped(static_cast<double>(decisions)) + " decisions; " +
        grouped(static_cast<double>(s_.actions)) + " actions (" +
        grouped(static_cast<double>(open)) + " open, " + grouped(static_cast<double>(done)) +
        " done, " + grouped(static_cast<double>(cancelled)) + " cancelled), " +
        grouped(static_cast<double>(carry)) + " carry-overs (" +
        grouped(static_cast<double>(carried_twice)) + " actions carried over twice or more); " +
        grouped(static_cast<double>(ledger)) + " ledger entries; the calendar user is invited to " +
        grouped(static_cast<double>(invited)) + " meetings");
    key("meetings", static_cast<double>(meetings_n));
    key("actions_open", static_cast<double>(open));
    key("carryovers", static_cast<double>(carry));
    key("ledger_entries", static_cast<double>(ledger));
    fixture_line_ = grouped(static_cast<double>(meetings_n)) + " meetings, " +
                    grouped(static_cast<double>(decisions)) + " decisions, " +
                    grouped(static_cast<double>(s_.actions)) + " actions (" +
                    grouped(static_cast<double>(open)) + " open), " +
                    grouped(static_cast<double>(carry)) + " carry-overs, " +
                    grouped(static_cast<double>(ledger)) + " ledger entries";
  }

  // --- measurements ---

  Sample measure(int runs, const std::function<void()>& fn) {
    Sample s;
    auto w = Clock::now();
    fn();  // warm-up
    s.first = seconds_since(w) * 1000;
    auto start = Clock::now();
    for (int i = 0; i < runs && (i == 0 || seconds_since(start) < s_.max_seconds); ++i) {
      auto t = Clock::now();
      const double c0 = cpu_ms();
      fn();
      s.ms.push_back(seconds_since(t) * 1000);
      s.cpu.push_back(cpu_ms() - c0);
    }
    return s;
  }
  std::string cpu_note(const Sample& s) const {
    return backend_ == "sqlite" ? " (CPU " + grouped(s.cpu50(), 1) + " ms)" : "";
  }
  void row(const std::string& measure, double value_ms, const std::string& extra,
           double target_ms) {
    rows_.push_back({measure, grouped(value_ms, value_ms < 10 ? 2 : 1) + " ms" + extra,
                     "< " + grouped(target_ms) + " ms", value_ms < target_ms ? "yes" : "no"});
  }
  void record(const std::string& k, const Sample& s) {
    key(k + "_p50_ms", s.p50());
    key(k + "_p99_ms", s.p99());
    key(k + "_runs", static_cast<double>(s.ms.size()));
    if (backend_ == "sqlite") {
      key(k + "_p50_cpu_ms", s.cpu50());
    }
  }

  void bench_indicators() {
    meetings::Indicators last;
    auto s = measure(s_.runs * 2,
                     [&] { last = must(meetings::indicators(env(), admin_), "indicators"); });
    expect(static_cast<int>(last.reviews.size()) == s_.years, "indicators list the signed reviews");
    say("indicators: " + std::to_string(s.ms.size()) + " runs, p50 " + grouped(s.p50(), 1) + " ms" +
        cpu_note(s) + ", p99 " + grouped(s.p99(), 1) + " ms (" +
        std::to_string(last.reviews.size()) + " signed reviews, " +
        std::to_string(last.executive_12m.size()) + " executive meetings in 12 months, " +
        std::to_string(last.review_actions.carried_over_twice.size()) +
        " review actions carried over twice)");
    record("indicators", s);
    row("`meetings::indicators` (dashboard), p50 of " + std::to_string(s.ms.size()), s.p50(),
        cpu_note(s), 50);
    row("`meetings::indicators`, p99", s.p99(), "", 100);
  }

  void bench_review_inputs() {
    const auto id = meeting_[review_to_sign_];
    meetings::ReviewInputs last;
    auto s = measure(s_.runs,
                     [&] { last = must(meetings::review_inputs(env(), admin_, id), "inputs"); });
    expect(!last.frozen && last.inputs.size() == 7, "live inputs a-g");
    std::size_t rows = 0;
    for (const auto& in : last.inputs) {
      for (const auto& sec : in.sections) {
        rows += sec.rows.size();
      }
    }
    say("review_inputs (planned review, live): " + std::to_string(s.ms.size()) + " runs, p50 " +
        grouped(s.p50(), 1) + " ms" + cpu_note(s) + ", p99 " + grouped(s.p99(), 1) + " ms (" +
        std::to_string(rows) + " rows across a–g)");
    record("review_inputs", s);
    row("`meetings::review_inputs` of a planned review (a–g live, " + std::to_string(rows) +
            " rows), p50 of " + std::to_string(s.ms.size()),
        s.p50(), cpu_note(s), 200);
  }

  void bench_sign() {
    const auto id = meeting_[review_to_sign_];
    const auto before = count("SELECT COUNT(*) FROM action_carryovers WHERE org_id = ?");
    auto auth = ceo_auth();
    // The step-up alone (Argon2id of the password), as sign() runs it.
    auto t_up = Clock::now();
    must(areas::verify_signature_password(env(), ceo_, auth), "step-up");
    const double step_up_ms = seconds_since(t_up) * 1000;
    auth = ceo_auth();
    auto t = Clock::now();
    must(meetings::sign(env(), ceo_, id, auth), "sign the review");
    const double ms = seconds_since(t) * 1000;
    const auto carried = count("SELECT COUNT(*) FROM action_carryovers WHERE org_id = ?") - before;
    say("sign (freeze a–g, " + std::to_string(carried) +
        " actions carried over): " + grouped(ms, 1) +
        " ms wall, of which the password step-up alone takes ~" + grouped(step_up_ms, 1) + " ms");
    key("sign_ms", ms);
    key("sign_step_up_ms", step_up_ms);
    key("sign_carried_over", static_cast<double>(carried));
    row("`meetings::sign` of the review (freeze, " + std::to_string(carried) +
            " carried over, step-up ~" + grouped(step_up_ms, 0) + " ms), one call",
        ms, "", 1000);
  }

  void bench_actions() {
    actions::ListQuery q;
    q.view = actions::View::overdue;
    q.limit = 50;
    actions::ActionPage page;
    auto s =
        measure(s_.runs * 2, [&] { page = must(actions::list(env(), admin_, q), "list overdue"); });
    expect(page.rows.size() == 50, "50 overdue actions listed");
    say("actions::list overdue, limit 50 (of " + grouped(static_cast<double>(page.total)) +
        "): p50 " + grouped(s.p50(), 2) + " ms" + cpu_note(s) + ", p99 " + grouped(s.p99(), 1) +
        " ms");
    record("actions_overdue", s);
    row("`actions::list` view overdue, limit 50 (of " + grouped(static_cast<double>(page.total)) +
            "), p50 of " + std::to_string(s.ms.size()),
        s.p50(), cpu_note(s), 20);

    actions::ListQuery all;
    all.view = actions::View::all;
    std::string csv;
    auto e = measure(std::max(3, s_.runs / 3),
                     [&] { csv = must(actions::export_csv(env(), admin_, all), "export csv"); });
    const auto lines = std::count(csv.begin(), csv.end(), '\n');
    say("actions::export_csv all: " + grouped(static_cast<double>(lines)) + " lines, " +
        grouped(static_cast<double>(csv.size()) / 1e6, 2) + " MB, p50 " + grouped(e.p50(), 1) +
        " ms" + cpu_note(e));
    record("actions_export", e);
    key("actions_export_bytes", static_cast<double>(csv.size()));
    row("`actions::export_csv` of all " + grouped(static_cast<double>(lines - 1)) + " actions (" +
            grouped(static_cast<double>(csv.size()) / 1e6, 1) + " MB), p50 of " +
            std::to_string(e.ms.size()),
        e.p50(), cpu_note(e), 500);
  }

  void bench_minutes() {
    const auto id = meeting_[review_to_sign_];
    meetings::Minutes m;
    auto s = measure(s_.runs, [&] { m = must(meetings::minutes(env(), admin_, id), "minutes"); });
    expect(m.anchor.has_value() && m.inputs.size() == 7, "signed minutes with their anchor");
    std::string pdf;
    auto p = measure(std::max(3, s_.runs / 3), [&] { pdf = meetings::minutes_pdf(m); });
    expect(pdf.rfind("%PDF-", 0) == 0, "a PDF");
    std::string html;
    auto h = measure(s_.runs, [&] { html = meetings::minutes_html(m); });
    say("minutes(): p50 " + grouped(s.p50(), 1) + " ms" + cpu_note(s) + " (ledger tree head over " +
        grouped(static_cast<double>(m.anchor->tree_size)) + " entries); minutes_pdf: p50 " +
        grouped(p.p50(), 1) + " ms, " + grouped(static_cast<double>(pdf.size()) / 1024, 0) +
        " KiB (first call " + grouped(p.first, 1) + " ms); minutes_html: p50 " +
        grouped(h.p50(), 2) + " ms, " + grouped(static_cast<double>(html.size()) / 1024, 0) +
        " KiB");
    record("minutes", s);
    record("minutes_pdf", p);
    record("minutes_html", h);
    key("minutes_pdf_bytes", static_cast<double>(pdf.size()));
    key("minutes_html_bytes", static_cast<double>(html.size()));
    key("minutes_pdf_first_ms", p.first);
    row("`meetings::minutes` of the signed review (" + std::to_string(m.view.decisions.size()) +
            " decisions, anchor over " + grouped(static_cast<double>(m.anchor->tree_size)) +
            " ledger entries), p50 of " + std::to_string(s.ms.size()),
        s.p50(), cpu_note(s), 100);
    row("`minutes_pdf` (" + grouped(static_cast<double>(pdf.size()) / 1024, 0) +
            " KiB; first call " + grouped(p.first, 0) + " ms), p50 of " +
            std::to_string(p.ms.size()),
        p.p50(), "", 500);
    row("`minutes_html` (" + grouped(static_cast<double>(html.size()) / 1024, 0) +
            " KiB), p50 of " + std::to_string(h.ms.size()),
        h.p50(), "", 50);
    rows_.push_back({"minutes + PDF, the export as `mandate review export --format pdf` runs it",
                     grouped(s.p50() + p.p50(), 1) + " ms", "< 1,000 ms",
                     s.p50() + p.p50() < 1000 ? "yes" : "no"});
  }

  void bench_calendar() {
    auto token = must(meetings::create_calendar_token(env(), ism_), "calendar token");
    std::string ics;
    auto s =
        measure(s_.runs, [&] { ics = must(meetings::calendar_feed(env(), token.secret), "feed"); });
    std::size_t events = 0, pos = 0;
    while ((pos = ics.find("BEGIN:VEVENT", pos)) != std::string::npos) {
      ++events;
      pos += 12;
    }
    expect(events > 0, "calendar events");
    const auto open_owned = count(
        "SELECT COUNT(*) FROM actions WHERE org_id = ? AND status IN ('open', 'in_progress') AND "
        "owner_person_id = (SELECT id FROM people WHERE email = 'ism@bench.example')");
    say("calendar_feed (invited to every meeting, 300 actions of which " +
        std::to_string(open_owned) + " open): " + std::to_string(events) + " events, " +
        grouped(static_cast<double>(ics.size()) / 1024, 0) + " KiB, p50 " + grouped(s.p50(), 2) +
        " ms" + cpu_note(s) + ", p99 " + grouped(s.p99(), 1) + " ms");
    record("calendar", s);
    key("calendar_events", static_cast<double>(events));
    row("`meetings::calendar_feed` (" + std::to_string(events) +
            " events: 12 months of meetings, " + std::to_string(open_owned) +
            " open actions), p50 of " + std::to_string(s.ms.size()),
        s.p50(), cpu_note(s), 100);
  }

  void print_table() {
    std::printf("\n| measure (%s: %s) | value | target | met? |\n|---|---:|---:|---|\n",
                backend_ == "sqlite" ? "SQLite" : "PostgreSQL", fixture_line_.c_str());
    for (const auto& r : rows_) {
      std::printf("| %s | %s | %s | %s |\n", r.measure.c_str(), r.value.c_str(), r.target.c_str(),
                  r.met.c_str());
    }
    std::printf("\n");
    std::fflush(stdout);
  }

  BenchDb& bdb_;
  std::string backend_;
  Settings s_;
  core::FakeClock clock_;
  std::mt19937_64 rng_;
  Timestamp start_, end_;
  OrgId org_;
  UserId ceo_user_, ism_user_;
  Caller admin_, ceo_, ism_;
  std::vector<PersonId> person_;
  std::vector<Event> events_;
  std::vector<meetings::MeetingId> meeting_;
  std::vector<actions::ActionId> action_;
  std::size_t review_to_sign_ = 0;
  int signed_reviews_ = 0;
  int owned_by_ism_ = 0;
  std::string fixture_line_;
  std::vector<Row> rows_;
};

}  // namespace
}  // namespace mandate::bench

int main(int argc, char** argv) {
  using namespace mandate::bench;
  Settings s;
  CLI::App app{"Meetings and actions benchmark (issue #4)"};
  auto* dir = app.add_option("--sqlite-dir", s.sqlite_dir, "directory for a fresh SQLite file");
  auto* pg = app.add_option("--pg", s.pg_url, "PostgreSQL URL (a fresh schema is used)");
  dir->excludes(pg);
  app.add_option("--fixture-dir", s.fixture_dir,
                 "SQLite: where the fixture is written before it is copied to --sqlite-dir "
                 "(tmpfs; empty: write it in place)");
  app.add_option("--people", s.people, "people in the organization")
      ->check(CLI::Range(100, 100'000));
  app.add_option("--years", s.years, "years of meetings (a signed review each)")
      ->check(CLI::Range(2, 30));
  app.add_option("--actions", s.actions, "actions in all")->check(CLI::Range(1000, 200'000));
  app.add_option("--runs", s.runs, "runs per measure")->check(CLI::Range(1, 1000));
  app.add_option("--max-seconds", s.max_seconds, "bound for each timed loop")
      ->check(CLI::PositiveNumber);
  app.add_flag("--keep", s.keep, "keep the SQLite file or PostgreSQL schema (for EXPLAIN)");
  CLI11_PARSE(app, argc, argv);
  if (s.sqlite_dir.empty() == s.pg_url.empty()) {
    std::fprintf(stderr, "meetings_bench: give exactly one of --sqlite-dir and --pg\n");
    return 2;
  }
  if (!s.fixture_dir.empty() && !std::filesystem::is_directory(s.fixture_dir)) {
    s.fixture_dir.clear();
  }
  try {
    BenchDb db(s.sqlite_dir, s.fixture_dir, s.pg_url, s.keep);
    std::printf("meetings_bench on %s\n", db.describe().c_str());
    Bench(db, s).run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
