// tests/ledger/actor_case_test.cpp
// The actor filter of ledger::list() folds case with SQL LOWER(): PostgreSQL folds every letter,
// and SQLite connections get a Unicode-aware lower() (store/sqlite) so both answer alike — a
// user typing "émilie" finds "Émilie Durand" on either backend.
#include <gtest/gtest.h>

#include "ledger_fixture.hpp"

namespace mandate::ledger {
namespace {

class ActorCaseTest : public test::LedgerFixture {};

TEST_P(ActorCaseTest, ActorFilterFoldsNonAsciiCaseOnBothBackends) {
  const OrgId org{1};
  add(input(org, "person", "1", "create", Actor{ActorKind::user, 1, "\xC3\x89milie Durand"}));
  add(input(org, "person", "1", "create", Actor{ActorKind::user, 2, "Ada Lovelace"}));
  for (const std::string search : {"\xC3\xA9milie", "\xC3\x89MILIE", "\xC3\x89milie"}) {
    Filter f;
    f.actor_label = search;
    auto found = db().read([&](store::Transaction& tx) { return list(tx, org, f); });
    ASSERT_EQ(found.size(), 1u) << search;
    EXPECT_EQ(found[0].seq, 1) << search;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ActorCaseTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::ledger
