// bench/policies_bench.cpp
// Issue #3's policy benchmarks on one backend: bulk acknowledgment ingest for a 100,000-person
// organization (policies::bulk_acknowledge, one call per batch of 1,000 / 10,000 / 100,000
// e-mails, each on a freshly published document so every item is recorded; then the same call
// again, where every item is already recorded) and the coverage query over 5,000,000
// acknowledgments (policies::coverage of one document, 20 runs, p50/p99; policies::indicators
// over all documents). scripts/bench runs it on SQLite and, when it can, on PostgreSQL, and
// appends its table to build/bench/results.md; docs/performance.md records the figures.
//
//   policies_bench (--sqlite-dir DIR | --pg URL) [--people 100000] [--documents 50] [--runs 20]
//                  [--max-seconds 60] [--no-coverage] [--keep]
//
// What is measured goes through the service, as the JSON API calls it. The fixture (people,
// 5,000,000 acknowledgment rows) is written with plain multi-row SQL through the store API: it
// is set-up, not what is measured. The documents themselves are created, submitted, signed
// (password re-asked in a real session) and published through the service. A fresh SQLite file
// in DIR, or a fresh schema in the PostgreSQL database at URL (dropped at the end unless --keep,
// which leaves the data for EXPLAIN). Coverage times are wall clock; on SQLite the process CPU
// time is printed next to them (the query runs in this process), which a busy machine distorts
// less.
//
// Prints "policies_bench KEY=VALUE" lines (for scripts/bench) and a Markdown table.
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "areas/accounts/service.hpp"
#include "areas/people/service.hpp"
#include "areas/policies/service.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "store/database.hpp"

namespace mandate::bench {
namespace {

namespace accounts = areas::accounts;
namespace people = areas::people;
namespace policies = areas::policies;
using areas::Caller;
using areas::Env;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

[[noreturn]] void die(const std::string& what, const Error& e) {
  std::string msg = "policies_bench: " + what + ": " + e.message;
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

// The database under test: a fresh SQLite file, or a fresh schema on a PostgreSQL server.
class BenchDb {
 public:
  BenchDb(const std::string& sqlite_dir, const std::string& pg_url, bool keep)
      : pg_base_(pg_url), keep_(keep) {
    if (!sqlite_dir.empty()) {
      std::filesystem::create_directories(sqlite_dir);
      auto file = std::filesystem::path(sqlite_dir) / "policies_bench.db";
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file.string() + suffix);
      }
      backend_ = "sqlite";
      db_ = store::Database::open("sqlite:" + file.string());
      return;
    }
    backend_ = "postgres";
    schema_ = "policies_bench_" + std::to_string(::getpid());
    admin([&](store::Transaction& tx) {
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      tx.exec("CREATE SCHEMA " + schema_);
    });
    std::string sep = pg_url.find('?') == std::string::npos ? "?" : "&";
    db_ = store::Database::open(pg_url + sep + "options=-csearch_path%3D" + schema_);
  }
  ~BenchDb() {
    db_.reset();
    if (keep_) {
      std::printf("policies_bench: data kept in %s\n",
                  schema_.empty() ? "the SQLite file" : ("schema " + schema_).c_str());
    } else if (!schema_.empty()) {
      try {
        admin([&](store::Transaction& tx) {
          tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        });
      } catch (const std::exception& e) {
        std::fprintf(stderr, "policies_bench: could not drop schema %s: %s\n", schema_.c_str(),
                     e.what());
      }
    }
  }
  store::Database& db() { return *db_; }
  const std::string& backend() const { return backend_; }
  std::string describe() const { return db_->describe(); }

 private:
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
  std::unique_ptr<store::Database> db_;
};

struct Settings {
  std::string sqlite_dir;
  std::string pg_url;
  int people = 100'000;
  int documents = 50;
  int runs = 20;
  double max_seconds = 60;
  bool coverage = true;
  bool keep = false;
};

struct Row {
  std::string measure;
  std::string value;
  std::string target;
  std::string met;
};

class Bench {
 public:
  Bench(store::Database& db, std::string backend, Settings s)
      : db_(db), backend_(std::move(backend)), s_(std::move(s)), env_{db_, clock_} {}

  void run() {
    setup();
    bulk();
    if (s_.coverage) {
      coverage();
    }
    print_table();
  }

 private:
  void key(const std::string& k, const std::string& v) {
    std::printf("policies_bench %s_%s=%s\n", backend_.c_str(), k.c_str(), v.c_str());
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

  // An organization with an admin (the author), a top-management approver signed in with a session,
  // an HR-sync API token (the bulk caller), and s_.people active people in 20 departments, a dozen
  // of them designated top management.
  void setup() {
    auto t0 = Clock::now();
    const std::string admin_pw = core::random_token(15);
    auto init = must(accounts::initialise(env_, {"admin@bench.example", "Bench Admin", admin_pw},
                                          "Bench Corporation", "bench"),
                     "initialise");
    org_ = init.org;
    admin_ = Caller{init.user, TokenId{}, org_, Role::admin, "Bench Admin"};

    approver_pw_ = core::random_token(15);
    UserId approver_user =
        must(accounts::create_user(env_, admin_, {"ceo@bench.example", "Bench CEO", approver_pw_}),
             "create approver");
    must(accounts::set_member(env_, admin_, {"ceo@bench.example", Role::top_management, {}}),
         "approver membership");
    auto login = must(
        accounts::login(env_, {"ceo@bench.example", approver_pw_, "127.0.0.1", "policies_bench"}),
        "approver login");
    approver_session_ = login.session.id_hash;
    approver_ = Caller{approver_user, TokenId{}, org_, Role::top_management, "Bench CEO"};

    auto token = must(accounts::create_token(env_, admin_, {"hr-sync", Role::isms_manager, {}}),
                      "API token");
    importer_ = Caller{UserId{}, token.token.id, org_, Role::isms_manager, "token hr-sync"};

    detect_fast_fixture();
    insert_people();
    const double people_s = seconds_since(t0);

    // Top management: a dozen people, designated through the service.
    const std::int64_t today = core::days_since_epoch(clock_.now());
    auto ids = db_.read([&](store::Transaction& tx) {
      std::vector<PersonId> out;
      for (const auto& r :
           tx.query("SELECT id FROM people WHERE org_id = ? ORDER BY id LIMIT 12", org_)) {
        out.push_back(PersonId{r.int64(0)});
      }
      return out;
    });
    for (PersonId p : ids) {
      must(people::designate(env_, admin_, p, "Director", today - 30), "designate");
    }
    say(backend_ + ": organization with " + grouped(s_.people) + " people (" +
        grouped(people_s, 1) + " s, fixture)");
    key("setup_people_s", people_s);
  }

  void insert_people() {
    static constexpr const char* kDepartments[] = {
        "Operations",  "Sales",      "Finance",     "IT",        "Human Resources",
        "Support",     "Legal",      "Procurement", "Marketing", "Research",
        "Logistics",   "Facilities", "Security",    "Quality",   "Manufacturing",
        "Engineering", "Product",    "Data",        "Audit",     "Executive"};
    const std::int64_t now = clock_.now().us;
    constexpr int kChunk = 1000;  // rows per statement: 9 parameters each
    db_.write([&](store::Transaction& tx) {
      fixture_mode(tx);
      for (int start = 0; start < s_.people; start += kChunk) {
        const int n = std::min(kChunk, s_.people - start);
        std::string sql =
            "INSERT INTO people (org_id, name, email, job_title, department, status, external_id, "
            "created_at, updated_at) VALUES ";
        std::vector<store::Value> vals;
        vals.reserve(static_cast<std::size_t>(n) * 9);
        for (int i = 0; i < n; ++i) {
          const int k = start + i;
          sql += i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
          vals.emplace_back(org_.value);
          vals.emplace_back("Person " + std::to_string(k));
          vals.emplace_back(email(k));
          vals.emplace_back(std::string("Employee"));
          vals.emplace_back(std::string(kDepartments[(k * 7919) % 20]));
          vals.emplace_back(std::string("active"));
          vals.emplace_back("E" + std::to_string(100000 + k));
          vals.emplace_back(now);
          vals.emplace_back(now);
        }
        tx.exec_values(sql, vals);
      }
    });
  }

  // PostgreSQL: fixture inserts skip the per-row foreign-key triggers when the role may (a
  // superuser, as in scripts/test-pg's throwaway cluster): 5,000,000 rows then load in about a
  // minute instead of several. The rows reference existing people, versions and documents either
  // way. Never used for what is measured.
  void detect_fast_fixture() {
    if (backend_ != "postgres") {
      return;
    }
    try {
      db_.write(
          [](store::Transaction& tx) { tx.exec("SET LOCAL session_replication_role = replica"); });
      fixture_fast_ = true;
    } catch (const StoreError&) {
      say("postgres: not allowed to skip foreign-key checks for the fixture; loading is slower");
    }
  }
  void fixture_mode(store::Transaction& tx) {
    if (fixture_fast_) {
      tx.exec("SET LOCAL session_replication_role = replica");
    }
  }

  static std::string email(int k) { return "person" + std::to_string(k) + "@bench.example"; }

  struct Published {
    policies::DocId doc;
    policies::VersionId version;
    std::string hash;
  };
  // Create → submit to the top-management approver → approve (password re-asked) → publish.
  Published publish(const std::string& reference, const std::string& title) {
    policies::DocumentFields f;
    f.reference = reference;
    f.title = title;
    f.type = policies::DocType::topic_specific_policy;
    policies::DraftFields d;
    d.content = "# " + title + "\n\nEveryone at Bench Corporation follows this policy.\n\n" +
                "| rule | applies to |\n|---|---|\n| lock your screen | everyone |\n";
    d.change_summary = "First version";
    auto doc = must(policies::create(env_, admin_, f, d), "create " + reference);
    auto view = must(policies::view(env_, admin_, doc), "view " + reference);
    const policies::Version v = view.versions.front().version;
    must(policies::submit(env_, admin_, v.id, {approver_.user}), "submit " + reference);
    must(policies::approve(env_, approver_, v.id,
                           policies::SignatureAuth{approver_pw_, approver_session_, "127.0.0.1"},
                           "Approved for the benchmark"),
         "approve " + reference);
    must(policies::publish(env_, admin_, v.id), "publish " + reference);
    return {doc, v.id, v.content_hash};
  }

  // bulk_acknowledge with the first n people's e-mails, on a freshly published document; then the
  // same request again (every item already recorded).
  void bulk() {
    for (int n : {1000, 10'000, 100'000}) {
      if (n > s_.people) {
        continue;
      }
      const std::string tag = std::to_string(n);
      auto pub = publish("BULK-" + tag, "Bulk ingest " + tag);
      std::vector<policies::BulkItem> items;
      items.reserve(static_cast<std::size_t>(n));
      for (int k = 0; k < n; ++k) {
        items.push_back({email(k), std::nullopt});
      }
      auto t0 = Clock::now();
      auto r = must(policies::bulk_acknowledge(env_, importer_, pub.doc, 1, items),
                    "bulk_acknowledge " + tag);
      const double s = seconds_since(t0);
      if (!r.applied || r.recorded != n) {
        throw std::runtime_error(
            "policies_bench: bulk " + tag + ": applied=" + std::to_string(r.applied) +
            " recorded=" + std::to_string(r.recorded) + " rejected=" + std::to_string(r.rejected));
      }
      auto t1 = Clock::now();
      auto again = must(policies::bulk_acknowledge(env_, importer_, pub.doc, 1, items),
                        "bulk_acknowledge again " + tag);
      const double s2 = seconds_since(t1);
      if (again.already != n) {
        throw std::runtime_error("policies_bench: bulk " + tag +
                                 " again: already=" + std::to_string(again.already));
      }
      const double rate = n / s, rate2 = n / s2;
      say("bulk_acknowledge " + grouped(n) + " items: " + grouped(s * 1000, 1) + " ms = " +
          grouped(rate) + " acks/s; again (all already recorded): " + grouped(s2 * 1000, 1) +
          " ms = " + grouped(rate2) + " items/s");
      key("bulk_" + tag + "_ms", s * 1000);
      key("bulk_" + tag + "_acks_per_s", rate);
      key("bulk_" + tag + "_again_ms", s2 * 1000);
      rows_.push_back({"`bulk_acknowledge`, " + grouped(n) + " e-mails in one call",
                       grouped(rate) + " acks/s (" + grouped(s * 1000, 1) + " ms)",
                       "≥ 50,000 acks/s", rate >= 50'000 ? "yes" : "no"});
      rows_.push_back({"the same call again (all already recorded)",
                       grouped(rate2) + " items/s (" + grouped(s2 * 1000, 1) + " ms)", "—", "—"});
    }
  }

  // s_.documents published documents, each acknowledged by every person (one INSERT … SELECT per
  // document, one transaction each); then coverage of one document at a time and indicators.
  void coverage() {
    auto t0 = Clock::now();
    std::vector<Published> docs;
    for (int i = 0; i < s_.documents; ++i) {
      char ref[32];
      std::snprintf(ref, sizeof ref, "COV-%03d", i + 1);
      docs.push_back(publish(ref, std::string("Coverage policy ") + ref));
    }
    const double docs_s = seconds_since(t0);
    auto t1 = Clock::now();
    const std::int64_t at = clock_.now().us;
    std::int64_t rows = 0;
    for (const auto& d : docs) {
      rows += db_.write([&](store::Transaction& tx) {
        fixture_mode(tx);
        return tx.exec(
            "INSERT INTO policy_acknowledgments (version_id, person_id, org_id, doc_id, "
            "version_number, content_hash, at, source) "
            "SELECT ?, id, org_id, ?, 1, ?, ?, 'api' FROM people WHERE org_id = ?",
            d.version, d.doc, d.hash, at, org_);
      });
    }
    if (backend_ == "postgres") {
      // What autovacuum does shortly after a load this size; SQLite gets no statistics, as in
      // production (Mandate never runs ANALYZE there).
      db_.write([](store::Transaction& tx) {
        tx.exec("ANALYZE people");
        tx.exec("ANALYZE policy_acknowledgments");
      });
    }
    const double load_s = seconds_since(t1);
    say(grouped(s_.documents) + " documents published through the service (" + grouped(docs_s, 1) +
        " s); " + grouped(static_cast<double>(rows)) + " acknowledgment rows loaded (" +
        grouped(load_s, 1) + " s, fixture)");
    key("coverage_rows", static_cast<double>(rows));
    key("coverage_load_s", load_s);

    // A warm-up call, then s_.runs calls, each on the next document (bounded in time).
    auto check = must(policies::coverage(env_, admin_, docs.front().doc), "coverage");
    if (check.overall.audience != s_.people || check.overall.acknowledged != s_.people) {
      throw std::runtime_error("policies_bench: coverage says " +
                               std::to_string(check.overall.acknowledged) + " of " +
                               std::to_string(check.overall.audience) + ", expected " +
                               std::to_string(s_.people) + " of " + std::to_string(s_.people));
    }
    std::vector<double> ms, cpu;
    auto start = Clock::now();
    for (int i = 0; i < s_.runs && (i == 0 || seconds_since(start) < s_.max_seconds); ++i) {
      auto t = Clock::now();
      const double c0 = cpu_ms();
      auto c = must(policies::coverage(env_, admin_, docs[i % docs.size()].doc), "coverage");
      ms.push_back(seconds_since(t) * 1000);
      cpu.push_back(cpu_ms() - c0);
      if (c.departments.empty()) {
        throw std::runtime_error("policies_bench: coverage without departments");
      }
    }
    const double p50 = percentile(ms, 50), p99 = percentile(ms, 99);
    const double cpu50 = percentile(cpu, 50);
    const bool in_process = backend_ == "sqlite";
    const std::string cpu_note = in_process ? " (CPU " + grouped(cpu50, 1) + " ms)" : "";
    say("coverage (overall, top management, " + std::to_string(check.departments.size()) +
        " departments) over " + grouped(static_cast<double>(rows)) +
        " rows: " + std::to_string(ms.size()) + " runs, p50 " + grouped(p50, 1) + " ms" + cpu_note +
        ", p99 " + grouped(p99, 1) + " ms");
    key("coverage_runs", static_cast<double>(ms.size()));
    key("coverage_p50_ms", p50);
    key("coverage_p99_ms", p99);
    if (in_process) {
      key("coverage_p50_cpu_ms", cpu50);
    }
    rows_.push_back({"`coverage` of one document (" + grouped(static_cast<double>(rows)) +
                         " acknowledgments stored), p50 of " + std::to_string(ms.size()),
                     grouped(p50, 1) + " ms" + cpu_note, "< 50 ms", p50 < 50 ? "yes" : "no"});
    rows_.push_back({"`coverage`, p99 of " + std::to_string(ms.size()), grouped(p99, 1) + " ms",
                     "< 50 ms", p99 < 50 ? "yes" : "no"});

    std::vector<double> ind;
    start = Clock::now();
    for (int i = 0; i < 3 && (i == 0 || seconds_since(start) < s_.max_seconds); ++i) {
      auto t = Clock::now();
      auto r = must(policies::indicators(env_, admin_), "indicators");
      ind.push_back(seconds_since(t) * 1000);
      if (r.policies < s_.documents) {
        throw std::runtime_error("policies_bench: indicators count " + std::to_string(r.policies) +
                                 " policies");
      }
    }
    const double ind_p50 = percentile(ind, 50);
    say("indicators (" + std::to_string(docs.size() + 3) + " published documents): " +
        std::to_string(ind.size()) + " runs, median " + grouped(ind_p50, 1) + " ms, worst " +
        grouped(*std::max_element(ind.begin(), ind.end()), 1) + " ms");
    key("indicators_ms", ind_p50);
    rows_.push_back({"`indicators`, all " + std::to_string(docs.size() + 3) +
                         " published documents, median of " + std::to_string(ind.size()),
                     grouped(ind_p50, 1) + " ms", "—", "—"});
  }

  void print_table() {
    std::printf("\n| measure (%s) | value | target | met? |\n|---|---:|---:|---|\n",
                backend_ == "sqlite" ? "SQLite" : "PostgreSQL");
    for (const auto& r : rows_) {
      std::printf("| %s | %s | %s | %s |\n", r.measure.c_str(), r.value.c_str(), r.target.c_str(),
                  r.met.c_str());
    }
    std::printf("\n");
    std::fflush(stdout);
  }

  store::Database& db_;
  std::string backend_;
  Settings s_;
  core::SystemClock clock_;
  Env env_;
  OrgId org_;
  Caller admin_, approver_, importer_;
  std::string approver_pw_, approver_session_;
  std::vector<Row> rows_;
  bool fixture_fast_ = false;
};

}  // namespace
}  // namespace mandate::bench

int main(int argc, char** argv) {
  using namespace mandate::bench;
  Settings s;
  CLI::App app{"Policies benchmark: bulk acknowledgment ingest and coverage (issue #3)"};
  auto* dir = app.add_option("--sqlite-dir", s.sqlite_dir, "directory for a fresh SQLite file");
  auto* pg = app.add_option("--pg", s.pg_url, "PostgreSQL URL (a fresh schema is used)");
  dir->excludes(pg);
  app.add_option("--people", s.people, "people in the organization")
      ->check(CLI::Range(1000, 1'000'000));
  app.add_option("--documents", s.documents, "documents for the coverage fixture")
      ->check(CLI::Range(1, 500));
  app.add_option("--runs", s.runs, "coverage runs")->check(CLI::Range(1, 1000));
  app.add_option("--max-seconds", s.max_seconds, "bound for the timed loops")
      ->check(CLI::PositiveNumber);
  bool no_coverage = false;
  app.add_flag("--no-coverage", no_coverage, "only the bulk ingest");
  app.add_flag("--keep", s.keep, "keep the SQLite file or PostgreSQL schema (for EXPLAIN)");
  CLI11_PARSE(app, argc, argv);
  s.coverage = !no_coverage;
  if (s.sqlite_dir.empty() == s.pg_url.empty()) {
    std::fprintf(stderr, "policies_bench: give exactly one of --sqlite-dir and --pg\n");
    return 2;
  }
  try {
    BenchDb db(s.sqlite_dir, s.pg_url, s.keep);
    std::printf("policies_bench on %s\n", db.describe().c_str());
    Bench(db.db(), db.backend(), s).run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
