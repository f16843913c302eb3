// tests/ledger/ledger_fixture.hpp
// Base for the ledger's contract tests (both backends): a fresh migrated database, a fixed
// instance key, a fake clock that ticks one second per entry, helpers to append entries and
// write checkpoints the way services do, and `behind_the_back`, which lifts the append-only
// triggers of migration 0002 and runs raw SQL on the ledger tables, as an attacker with database
// access would. Used by ledger_test.cpp, tamper_test.cpp and independent_verify_test.cpp.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/ledger.hpp"
#include "ledger/verify.hpp"
#include "support/test_db.hpp"

namespace mandate::ledger::test {

inline constexpr const char* kKeyName = "mandate.test";

class LedgerFixture : public mandate::test::BackendTest {
 protected:
  void SetUp() override {
    core::crypto_init();
    BackendTest::SetUp();
  }

  static Actor ada() { return Actor{ActorKind::user, 7, "Ada Lovelace"}; }

  static EntryInput input(OrgId org, std::string entity_type = "person",
                          std::string entity_id = "1", std::string action = "create",
                          Actor actor = ada(), core::json::object data = {}) {
    if (data.empty()) {
      data["name"] = "Grace Hopper";
      data["n"] = 1;
    }
    return EntryInput{org,
                      std::move(actor),
                      std::move(entity_type),
                      std::move(entity_id),
                      std::move(action),
                      std::move(data)};
  }

  // Appends one entry in its own write transaction, one clock second after the previous one.
  Entry add(const EntryInput& in) {
    clock_.advance_seconds(1);
    return db().write([&](store::Transaction& tx) { return append(tx, clock_.now(), in); });
  }
  Entry add(OrgId org) { return add(input(org)); }

  // Appends n entries to `org` in one transaction (entity ids "e1", "e2", …, payload {"i": k}).
  void add_many(OrgId org, int n) {
    db().write([&](store::Transaction& tx) {
      const auto first = size(tx, org) + 1;
      for (int i = 0; i < n; ++i) {
        clock_.advance_seconds(1);
        core::json::object data;
        data["i"] = first + i;
        append(tx, clock_.now(),
               input(org, "person", "e" + std::to_string(first + i), "update", ada(), data));
      }
    });
  }

  Checkpoint checkpoint(OrgId org) {
    return db().write(
        [&](store::Transaction& tx) { return write_checkpoint(tx, org, signer_, clock_.now()); });
  }

  Report verify_all() { return verify(db(), std::nullopt, signer_.public_key(), signer_.name()); }
  Report verify_org(OrgId org) { return verify(db(), org, signer_.public_key(), signer_.name()); }

  std::int64_t head(OrgId org) {
    return db().read([&](store::Transaction& tx) { return size(tx, org); });
  }

  // Lifts the append-only triggers (SQLite: drops them; PostgreSQL: disables them, which the
  // superuser of the test cluster may do) and runs fn in one write transaction.
  void behind_the_back(const std::function<void(store::Transaction&)>& fn) {
    db().write([&](store::Transaction& tx) {
      if (tx.dialect() == store::Dialect::sqlite) {
        for (const char* t : {"ledger_entries_no_update", "ledger_entries_no_delete",
                              "ledger_checkpoints_no_update", "ledger_checkpoints_no_delete"}) {
          tx.exec(std::string("DROP TRIGGER IF EXISTS ") + t);
        }
      } else {
        tx.exec("ALTER TABLE ledger_entries DISABLE TRIGGER USER");
        tx.exec("ALTER TABLE ledger_checkpoints DISABLE TRIGGER USER");
      }
      fn(tx);
    });
  }

  // One stored entry, read back as it is in the table.
  Entry stored(OrgId org, std::int64_t seq) {
    return db().read([&](store::Transaction& tx) {
      auto row = tx.query_one(
          "SELECT " + entry_columns() + " FROM ledger_entries WHERE org_id = ? AND seq = ?", org,
          seq);
      if (!row) {
        ADD_FAILURE() << "no entry #" << seq << " in org " << org.value;
        return Entry{};
      }
      return entry_from_row(*row);
    });
  }

  Signer signer_{kKeyName, std::string(32, 'k')};
  core::FakeClock clock_{*core::parse_timestamp("2026-03-01T09:00:00Z")};
};

}  // namespace mandate::ledger::test
