// tests/support/test_db.hpp
// Fresh, migrated databases for tests, on both backends:
//   - SQLite: a new file in a temp directory;
//   - PostgreSQL: a new schema in the server named by MANDATE_TEST_PG (a libpq URL; set by
//     scripts/test-pg, which `make test` runs). Without it, PostgreSQL cases are skipped —
//     unless MANDATE_REQUIRE_PG=1 (as in `make test`), where they fail instead.
// Use with TEST_P and INSTANTIATE_TEST_SUITE_P(Backends, X, test::all_backends(),
// test::backend_name).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace mandate::test {

enum class Backend { sqlite, postgres };

::testing::internal::ParamGenerator<Backend> all_backends();
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// A migrated, empty database. Owns its temp dir / schema and drops it on destruction.
class TestDb {
 public:
  // Skips the current test (GTEST_SKIP semantics via the returned nullptr) when the backend is
  // not available; check with available().
  explicit TestDb(Backend b, store::Options opts = {});
  ~TestDb();
  bool available() const { return db_ != nullptr; }
  store::Database& db() { return *db_; }
  // The URL that opens this same database (for the binary under test).
  const std::string& url() const { return url_; }
  // For PostgreSQL: run raw SQL as the superuser in this schema (tamper tests).
  Backend backend() const { return backend_; }

 private:
  Backend backend_;
  std::unique_ptr<TempDir> dir_;
  std::string url_;
  std::string schema_;
  std::unique_ptr<store::Database> db_;
};

// Fixture base for contract tests: db() is fresh for every test.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override { tdb_.reset(); }
  store::Database& db() { return tdb_->db(); }
  TestDb& test_db() { return *tdb_; }

 private:
  std::unique_ptr<TestDb> tdb_;
};

}  // namespace mandate::test
