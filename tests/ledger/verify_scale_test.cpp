// tests/ledger/verify_scale_test.cpp — verify, checkpoints and proofs over a log larger than
// one read chunk (kLeafChunk), with checkpoints on and around chunk boundaries, on SQLite; and
// the timing of a big run: MANDATE_LEDGER_SCALE_ENTRIES=1000000 makes the log that large and
// prints how long appending, checkpointing, verifying and proving took.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/crypto.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/ledger.hpp"
#include "ledger/proof.hpp"
#include "ledger/verify.hpp"
#include "support/test_db.hpp"

namespace mandate::ledger {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST(LedgerScaleTest, VerifiesALogLargerThanOneChunkInOnePass) {
  core::crypto_init();
  const char* env = std::getenv("MANDATE_LEDGER_SCALE_ENTRIES");
  const std::int64_t n = env != nullptr ? std::atoll(env) : 3 * kLeafChunk + 100;
  ASSERT_GT(n, 2 * kLeafChunk + 1);
  test::TestDb tdb(test::Backend::sqlite);
  auto& db = tdb.db();
  const Signer signer("mandate", std::string(32, 's'));
  const OrgId org{1};
  core::Timestamp at = *core::parse_timestamp("2026-01-01T00:00:00Z");
  // Checkpoints at, just after and just before chunk boundaries, and at the end.
  const std::vector<std::int64_t> marks{1, kLeafChunk - 1, kLeafChunk, kLeafChunk + 1,
                                        2 * kLeafChunk + 1, n};
  auto t0 = std::chrono::steady_clock::now();
  double checkpointing = 0;
  std::int64_t done = 0;
  for (std::int64_t mark : marks) {
    db.write([&](store::Transaction& tx) {
      for (; done < mark; ++done) {
        at.us += 1'000'000;
        core::json::object data{{"name", "Person " + std::to_string(done)},
                                {"department", "Finance"}, {"i", done}};
        append(tx, at, EntryInput{org, Actor{ActorKind::user, 7, "Ada Lovelace"}, "person",
                                  std::to_string(done % 5000), "update", data});
      }
    });
    auto c0 = std::chrono::steady_clock::now();
    const auto cp =
        db.write([&](store::Transaction& tx) { return write_checkpoint(tx, org, signer, at); });
    checkpointing += seconds_since(c0);
    ASSERT_EQ(cp.tree_size, mark);
  }
  const double appending = seconds_since(t0) - checkpointing;

  t0 = std::chrono::steady_clock::now();
  const Report r = verify(db, std::nullopt, signer.public_key(), signer.name());
  const double verifying = seconds_since(t0);
  ASSERT_TRUE(r.ok) << r.summary();
  EXPECT_EQ(r.entries, n);
  EXPECT_EQ(r.checkpoints, static_cast<std::int64_t>(marks.size()));
  EXPECT_EQ(r.uncovered, 0);

  t0 = std::chrono::steady_clock::now();
  for (std::int64_t seq : {std::int64_t{1}, std::int64_t{kLeafChunk}, std::int64_t{kLeafChunk + 1}, n}) {
    auto p = db.read([&](store::Transaction& tx) { return prove(tx, org, seq); });
    ASSERT_TRUE(p) << seq;
    EXPECT_TRUE(verify_inclusion(p->leaf_index, p->tree_size, p->leaf_hash, p->path,
                                 p->checkpoint.root));
  }
  const double proving = seconds_since(t0) / 4;
  std::printf("ledger scale: %lld entries, %zu checkpoints: append %.2f s, checkpoints %.2f s, "
              "verify %.2f s, one proof %.3f s\n",
              static_cast<long long>(n), marks.size(), appending, checkpointing, verifying, proving);
}

}  // namespace
}  // namespace mandate::ledger
