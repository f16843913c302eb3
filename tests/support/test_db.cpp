// tests/support/test_db.cpp — fresh databases per test on SQLite and PostgreSQL.
#include "support/test_db.hpp"

#include <atomic>
#include <cstdlib>
#include <unistd.h>

namespace mandate::test {
namespace {

std::string pg_base() {
  const char* url = std::getenv("MANDATE_TEST_PG");
  return url ? url : "";
}

bool pg_required() {
  const char* r = std::getenv("MANDATE_REQUIRE_PG");
  return r && std::string(r) == "1";
}

std::string with_search_path(const std::string& base, const std::string& schema) {
  // libpq URL: add options=-csearch_path%3D<schema>
  std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  return base + sep + "options=-csearch_path%3D" + schema;
}

}  // namespace

::testing::internal::ParamGenerator<Backend> all_backends() {
  return ::testing::Values(Backend::sqlite, Backend::postgres);
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

TestDb::TestDb(Backend b, store::Options opts) : backend_(b) {
  if (b == Backend::sqlite) {
    dir_ = std::make_unique<TempDir>();
    url_ = "sqlite:" + dir_->file("test.db");
    db_ = store::Database::open(url_, opts);
    return;
  }
  std::string base = pg_base();
  if (base.empty()) {
    return;
  }
  static std::atomic<int> counter{0};
  schema_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  {
    store::Options o;
    o.migrate = false;
    o.read_connections = 1;
    auto admin = store::Database::open(base, o);
    admin->write([&](store::Transaction& tx) {
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      tx.exec("CREATE SCHEMA " + schema_);
    });
  }
  url_ = with_search_path(base, schema_);
  db_ = store::Database::open(url_, opts);
}

TestDb::~TestDb() {
  db_.reset();
  if (!schema_.empty()) {
    try {
      store::Options o;
      o.migrate = false;
      o.read_connections = 1;
      auto admin = store::Database::open(pg_base(), o);
      admin->write([&](store::Transaction& tx) {
        tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      });
    } catch (...) {
      // Best effort: the throwaway cluster is deleted at the end of the run anyway.
    }
  }
}

void BackendTest::SetUp() {
  tdb_ = std::make_unique<TestDb>(GetParam());
  if (!tdb_->available()) {
    if (pg_required()) {
      FAIL() << "PostgreSQL required (MANDATE_REQUIRE_PG=1) but MANDATE_TEST_PG is not set";
    }
    GTEST_SKIP() << "PostgreSQL not available: set MANDATE_TEST_PG (make test does)";
  }
}

}  // namespace mandate::test
