// Contract tests for the store API, run on both backends.
#include <gtest/gtest.h>

#include <thread>

#include "core/result.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_database.hpp"
#include "support/test_db.hpp"

namespace mandate::store {
namespace {

class StoreTest : public test::BackendTest {};

TEST_P(StoreTest, MigrationsAreAppliedOnceAndRecorded) {
  EXPECT_EQ(schema_version(db()), latest_schema_version());
  EXPECT_EQ(migrate(db()), 0);
}

TEST_P(StoreTest, InsertReturningAndQuery) {
  auto id = db().write([](Transaction& tx) {
    auto row = tx.query_one(
        "INSERT INTO organizations (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
        "acme", "Acme \xE2\x80\x94 Ltd", std::int64_t{42});
    return row->int64(0);
  });
  EXPECT_GT(id, 0);
  auto name = db().read([&](Transaction& tx) {
    return tx.query_one("SELECT name, created_at FROM organizations WHERE id = ?", id)->text(0);
  });
  EXPECT_EQ(name, "Acme \xE2\x80\x94 Ltd");
}

TEST_P(StoreTest, BlobsAndNullsRoundTrip) {
  std::string bytes("\x00\x01\xff\x7f", 4);
  db().write([&](Transaction& tx) {
    tx.exec(
        "INSERT INTO ledger_checkpoints (org_id, tree_size, root_hash, note, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        1, 1, Blob{bytes}, "note", 5);
    tx.exec(
        "INSERT INTO organizations (slug, name, created_at) VALUES (?, ?, ?)", "o", "O", 1);
  });
  db().read([&](Transaction& tx) {
    auto row = tx.query_one("SELECT root_hash FROM ledger_checkpoints WHERE org_id = ?", 1);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->blob(0), bytes);
    auto u = tx.query_one("SELECT NULL, 1.5");
    EXPECT_TRUE(u->is_null(0));
    EXPECT_DOUBLE_EQ(u->real(1), 1.5);
  });
}

TEST_P(StoreTest, ExceptionRollsBack) {
  EXPECT_THROW(db().write([](Transaction& tx) {
    tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES ('x', 'X', 1)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto n = db().read([](Transaction& tx) {
    return tx.query_one("SELECT COUNT(*) FROM organizations")->int64(0);
  });
  EXPECT_EQ(n, 0);
}

TEST_P(StoreTest, ErrorResultRollsBack) {
  Result<int> r = db().write([](Transaction& tx) -> Result<int> {
    tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES ('x', 'X', 1)");
    return fail(Errc::conflict, "no");
  });
  EXPECT_TRUE(r.has_error());
  auto n = db().read([](Transaction& tx) {
    return tx.query_one("SELECT COUNT(*) FROM organizations")->int64(0);
  });
  EXPECT_EQ(n, 0);
}

TEST_P(StoreTest, UniqueViolationIsTyped) {
  db().write([](Transaction& tx) {
    tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES ('x', 'X', 1)");
  });
  EXPECT_THROW(db().write([](Transaction& tx) {
    tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES ('x', 'Y', 1)");
  }),
               UniqueViolation);
}

TEST_P(StoreTest, ReadTransactionsCannotWrite) {
  EXPECT_THROW(db().read([](Transaction& tx) {
    tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES ('x', 'X', 1)");
  }),
               StoreError);
}

TEST_P(StoreTest, LedgerRowsCannotBeUpdatedOrDeleted) {
  db().write([](Transaction& tx) {
    tx.exec(
        "INSERT INTO ledger_entries (org_id, seq, at, actor_kind, actor_id, actor_label, "
        "entity_type, entity_id, action, payload, leaf_hash) VALUES (1, 1, 1, 'user', 1, 'a', "
        "'person', '1', 'create', '{}', ?)",
        Blob{"h"});
  });
  EXPECT_THROW(db().write([](Transaction& tx) { tx.exec("UPDATE ledger_entries SET action = 'x'"); }),
               StoreError);
  EXPECT_THROW(db().write([](Transaction& tx) { tx.exec("DELETE FROM ledger_entries"); }),
               StoreError);
}

TEST_P(StoreTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        db().write([&](Transaction& tx) {
          tx.exec("INSERT INTO organizations (slug, name, created_at) VALUES (?, 'n', 1)",
                  "s" + std::to_string(t) + "_" + std::to_string(i));
        });
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  auto n = db().read([](Transaction& tx) {
    return tx.query_one("SELECT COUNT(*) FROM organizations")->int64(0);
  });
  EXPECT_EQ(n, kThreads * kEach);
}

TEST(PlaceholderTest, RewritesOutsideQuotesOnly) {
  EXPECT_EQ(rewrite_placeholders("SELECT ? , '?', \"a?\" WHERE x = ?"),
            "SELECT $1 , '?', \"a?\" WHERE x = $2");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::store
