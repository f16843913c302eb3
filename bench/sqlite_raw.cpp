// bench/sqlite_raw.cpp
// The write ceiling for scripts/bench: raw SQLite (C API, no Mandate code) committing one
// single-row INSERT per transaction, the way Mandate's store commits an audited write — WAL,
// BEGIN IMMEDIATE, synchronous=FULL — in a fresh file under the given directory (the same disk
// as the benchmark's database). Runs synchronous=NORMAL too, for context: it skips the fsync on
// every commit, which Mandate does not.
//
//   sqlite_raw --dir D [--transactions N (2000)] [--max-seconds S (10)]
//
// Each mode stops after N transactions or S seconds, whichever comes first (a slow disk cannot
// stall the benchmark), and prints one line, e.g.
// "sqlite_raw synchronous=FULL tx=2000 seconds=1.23 tx_per_s=1626", which scripts/bench parses. This file is a ceiling, which is why it calls sqlite3_* itself;
// everywhere else only src/store/sqlite does.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace mandate::bench {
namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

void exec(sqlite3* db, const char* sql) { check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); }

// A row shaped like a small audited record: a few short text columns and a timestamp.
struct Run {
  int transactions = 0;
  double seconds = 0;
};

Run run_mode(const std::filesystem::path& dir, const char* synchronous, int transactions,
             double max_seconds) {
  auto file = dir / (std::string("sqlite_raw_") + synchronous + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(file.string() + suffix);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + file.string() + ": " + msg);
  }
  Run run;
  try {
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, (std::string("PRAGMA synchronous=") + synchronous).c_str());
    exec(db,
         "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
         " department TEXT, created_at TEXT NOT NULL)");
    sqlite3_stmt* ins = nullptr;
    check(db,
          sqlite3_prepare_v2(db,
                             "INSERT INTO t (email, name, department, created_at) "
                             "VALUES (?, ?, 'Engineering', '2026-03-01T09:00:00Z')",
                             -1, &ins, nullptr),
          "prepare");
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(max_seconds);
    for (int i = 0; i < transactions; ++i) {
      exec(db, "BEGIN IMMEDIATE");
      std::string email = "person" + std::to_string(i) + "@bench.example";
      std::string name = "Person " + std::to_string(i);
      sqlite3_bind_text(ins, 1, email.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, name.c_str(), -1, SQLITE_TRANSIENT);
      check(db, sqlite3_step(ins), "insert");
      sqlite3_reset(ins);
      exec(db, "COMMIT");
      run.transactions = i + 1;
      if (std::chrono::steady_clock::now() >= deadline) {
        break;
      }
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_finalize(ins);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(file.string() + suffix);
  }
  return run;
}

int run(int argc, char** argv) {
  std::filesystem::path dir = ".";
  int transactions = 2000;
  double max_seconds = 10;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (arg == "--transactions" && i + 1 < argc) {
      transactions = std::atoi(argv[++i]);
    } else if (arg == "--max-seconds" && i + 1 < argc) {
      max_seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: sqlite_raw --dir D [--transactions N (2000)] [--max-seconds S (10)]\n");
      return 2;
    }
  }
  if (transactions <= 0 || !(max_seconds > 0)) {
    std::fprintf(stderr, "sqlite_raw: --transactions and --max-seconds must be positive\n");
    return 2;
  }
  std::filesystem::create_directories(dir);
  for (const char* mode : {"FULL", "NORMAL"}) {
    Run r = run_mode(dir, mode, transactions, max_seconds);
    std::printf("sqlite_raw synchronous=%s tx=%d seconds=%.3f tx_per_s=%.0f\n", mode,
                r.transactions, r.seconds, r.transactions / r.seconds);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace
}  // namespace mandate::bench

int main(int argc, char** argv) {
  try {
    return mandate::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sqlite_raw: %s\n", e.what());
    return 1;
  }
}
