// tests/ledger/ledger_test.cpp
// Contract tests of the ledger on SQLite and PostgreSQL: numbering per organization (also under
// concurrent writers), the canonical leaf bytes, rollback with the caller's transaction, list()
// filters and keyset pagination, checkpoints (written only when the tree grew, checkpoint_all),
// verify() on an untouched ledger, and prove() + verify_inclusion against the checkpoint root.
// Tampering lives in tamper_test.cpp. A fresh PostgreSQL schema costs ~0.3 s, so related checks
// share one test (and one database), each on organizations of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <thread>

#include "ledger/merkle.hpp"
#include "ledger/proof.hpp"
#include "ledger_fixture.hpp"

namespace mandate::ledger {
namespace {

using test::LedgerFixture;

class LedgerTest : public LedgerFixture {
 protected:
  std::vector<std::int64_t> seqs(OrgId org, const Filter& f) {
    auto entries = db().read([&](store::Transaction& tx) { return list(tx, org, f); });
    std::vector<std::int64_t> out;
    for (const auto& e : entries) {
      out.push_back(e.seq);
    }
    return out;
  }
  std::vector<Hash> stored_leaf_hashes(OrgId org) {
    return db().read([&](store::Transaction& tx) { return leaf_hashes(tx, org); });
  }
};

// --- Appending --------------------------------------------------------------------------------

TEST_P(LedgerTest, AppendNumbersPerOrganizationAndStoresWhatItReturns) {
  {  // numbering: 1, 2, 3, … independently per organization (0 is the instance log)
    const OrgId a{1}, b{2}, instance{0};
    EXPECT_EQ(head(a), 0);
    EXPECT_EQ(add(a).seq, 1);
    EXPECT_EQ(add(a).seq, 2);
    EXPECT_EQ(add(b).seq, 1);
    EXPECT_EQ(add(instance).seq, 1);
    EXPECT_EQ(add(a).seq, 3);
    EXPECT_EQ(add(b).seq, 2);
    EXPECT_EQ(head(a), 3);
    EXPECT_EQ(head(b), 2);
    EXPECT_EQ(head(instance), 1);
    EXPECT_EQ(head(OrgId{99}), 0);
  }
  {  // what append() returns is what it stored
    core::json::object data;
    data["zeta"] = "last";
    data["alpha"] = core::json::array{1, 2, 3};
    data["mid"] = core::json::object{{"y", true}, {"x", nullptr}};
    const Entry e = add(input(OrgId{4}, "policy", "p-17", "approve",
                              Actor{ActorKind::token, 12, "token hr-sync"}, data));
    EXPECT_EQ(e.org, OrgId{4});
    EXPECT_EQ(e.at, clock_.now());
    EXPECT_EQ(e.payload, R"({"alpha":[1,2,3],"mid":{"x":null,"y":true},"zeta":"last"})");
    EXPECT_EQ(e.leaf_hash, leaf_hash(e));
    EXPECT_EQ(e.leaf_hash, hash_leaf(leaf_bytes(e)));
    const Entry s = stored(OrgId{4}, 1);
    EXPECT_EQ(s.seq, 1);
    EXPECT_EQ(s.at, e.at);
    EXPECT_EQ(s.actor.kind, ActorKind::token);
    EXPECT_EQ(s.actor.id, 12);
    EXPECT_EQ(s.actor.label, "token hr-sync");
    EXPECT_EQ(s.entity_type, "policy");
    EXPECT_EQ(s.entity_id, "p-17");
    EXPECT_EQ(s.action, "approve");
    EXPECT_EQ(s.payload, e.payload);
    EXPECT_EQ(s.leaf_hash, e.leaf_hash);
  }
  {  // several appends in one transaction
    db().write([&](store::Transaction& tx) {
      for (int i = 1; i <= 5; ++i) {
        EXPECT_EQ(append(tx, clock_.now(), input(OrgId{3})).seq, i);
        EXPECT_EQ(size(tx, OrgId{3}), i);
      }
    });
    EXPECT_EQ(head(OrgId{3}), 5);
  }
  {  // an append rolls back with the caller's transaction
    add(OrgId{11});
    EXPECT_THROW(db().write([&](store::Transaction& tx) {
      append(tx, clock_.now(), input(OrgId{11}));
      append(tx, clock_.now(), input(OrgId{12}));
      throw std::runtime_error("the change failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(head(OrgId{11}), 1);
    EXPECT_EQ(head(OrgId{12}), 0);
    EXPECT_EQ(add(OrgId{11}).seq, 2);
    EXPECT_EQ(add(OrgId{12}).seq, 1);
  }
  // ledger.hpp: the leaf bytes are exactly canonical_json of the documented object, also for
  // awkward strings stored and read back by the database (every ASCII byte including controls
  // and DEL, quotes, backslashes, multi-byte UTF-8; PostgreSQL text holds no NUL and only valid
  // UTF-8 — leaf_test.cpp covers every byte value without a database).
  {
    std::string every_byte;
    for (int c = 1; c < 0x80; ++c) {
      every_byte.push_back(static_cast<char>(c));
    }
    every_byte += "\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x94\x92";
    core::json::object data;
    data["text"] = every_byte;
    data["num"] = -42;
    data["real"] = 1.5;
    const Entry e = add(input(OrgId{21}, "type \"q\"", "id\\1\n", "act\t\x01",
                              Actor{ActorKind::user, 3, every_byte}, data));
    core::json::object expected;
    expected["org"] = 21;
    expected["seq"] = 1;
    expected["at"] = core::format_timestamp_us(e.at);
    expected["actor_kind"] = "user";
    expected["actor_id"] = 3;
    expected["actor_label"] = every_byte;
    expected["entity_type"] = "type \"q\"";
    expected["entity_id"] = "id\\1\n";
    expected["action"] = "act\t\x01";
    expected["data"] = data;
    EXPECT_EQ(leaf_bytes(e), core::canonical_json(expected));
    EXPECT_EQ(leaf_bytes(stored(OrgId{21}, 1)), core::canonical_json(expected));
    EXPECT_TRUE(core::json::parse(leaf_bytes(e)).is_object());
  }
  const Report r = verify_all();
  EXPECT_TRUE(r.ok) << r.summary();
  EXPECT_EQ(r.orgs, 8);  // 0, 1, 2, 3, 4, 11, 12, 21
}

TEST_P(LedgerTest, ConcurrentAppendsGetContiguousNumbers) {
  constexpr int kThreads = 4, kPerThread = 25;
  const OrgId org{5}, other{6};
  std::vector<std::thread> threads;
  std::vector<std::vector<std::int64_t>> got(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Two organizations in one transaction: both heads move together.
        auto e = db().write([&](store::Transaction& tx) {
          append(tx, clock_.now(), input(other));
          return append(tx, clock_.now(), input(org, "person", std::to_string(t)));
        });
        got[t].push_back(e.seq);
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  std::vector<std::int64_t> all;
  for (const auto& g : got) {
    EXPECT_TRUE(std::is_sorted(g.begin(), g.end()));  // each thread sees its own order
    all.insert(all.end(), g.begin(), g.end());
  }
  std::sort(all.begin(), all.end());
  std::vector<std::int64_t> expected(kThreads * kPerThread);
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(all, expected);
  EXPECT_EQ(head(org), kThreads * kPerThread);
  EXPECT_EQ(head(other), kThreads * kPerThread);
  EXPECT_TRUE(verify_all().ok) << verify_all().summary();
}

// --- Listing ----------------------------------------------------------------------------------

TEST_P(LedgerTest, ListFiltersAndPages) {
  {  // newest first, scoped to the organization
    add_many(OrgId{1}, 4);
    add_many(OrgId{2}, 2);
    EXPECT_EQ(seqs(OrgId{1}, {}), (std::vector<std::int64_t>{4, 3, 2, 1}));
    EXPECT_EQ(seqs(OrgId{2}, {}), (std::vector<std::int64_t>{2, 1}));
    EXPECT_TRUE(seqs(OrgId{9}, {}).empty());
    auto entries = db().read([&](store::Transaction& tx) { return list(tx, OrgId{1}, {}); });
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].payload, R"({"i":4})");
    EXPECT_EQ(entries[0].leaf_hash, leaf_hash(entries[0]));
  }
  {  // by entity type and id
    const OrgId org{3};
    add(input(org, "person", "1"));
    add(input(org, "person", "2"));
    add(input(org, "policy", "1"));
    add(input(org, "person", "1", "update"));
    Filter by_type;
    by_type.entity_type = "person";
    EXPECT_EQ(seqs(org, by_type), (std::vector<std::int64_t>{4, 2, 1}));
    Filter by_entity = by_type;
    by_entity.entity_id = "1";
    EXPECT_EQ(seqs(org, by_entity), (std::vector<std::int64_t>{4, 1}));
    Filter by_id;
    by_id.entity_id = "1";
    EXPECT_EQ(seqs(org, by_id), (std::vector<std::int64_t>{4, 3, 1}));
    Filter none;
    none.entity_type = "meeting";
    EXPECT_TRUE(seqs(org, none).empty());
  }
  {  // by actor: a case-insensitive substring, LIKE wildcards taken literally
    const OrgId org{4};
    add(input(org, "person", "1", "create", Actor{ActorKind::user, 1, "Ada Lovelace"}));
    add(input(org, "person", "1", "create", Actor{ActorKind::user, 2, "Grace Hopper"}));
    add(input(org, "person", "1", "create", Actor{ActorKind::token, 3, "token 100% sync_job"}));
    add(input(org, "person", "1", "create", Actor{ActorKind::system, 0, "token 1000 syncXjob"}));
    add(input(org, "person", "1", "create", Actor{ActorKind::system, 0, "back\\slash"}));
    auto by_actor = [&](std::string s) {
      Filter f;
      f.actor_label = std::move(s);
      return seqs(org, f);
    };
    EXPECT_EQ(by_actor("lovelace"), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(by_actor("HOPPER"), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(by_actor("a"), (std::vector<std::int64_t>{5, 2, 1}));
    EXPECT_EQ(by_actor("token"), (std::vector<std::int64_t>{4, 3}));
    // LIKE wildcards in the search text are literal characters.
    EXPECT_EQ(by_actor("0%"), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(by_actor("c_j"), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(by_actor("%"), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(by_actor("_"), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(by_actor("\\"), (std::vector<std::int64_t>{5}));
    EXPECT_TRUE(by_actor("nobody").empty());
    EXPECT_EQ(by_actor("").size(), 5u);  // empty: no filter
  }
  {  // by date: from inclusive, to exclusive
    const OrgId org{5};
    std::vector<core::Timestamp> at;
    for (int i = 0; i < 5; ++i) {
      at.push_back(add(org).at);  // one second apart
    }
    Filter f;
    f.from = at[1];
    f.to = at[3];
    EXPECT_EQ(seqs(org, f), (std::vector<std::int64_t>{3, 2}));
    Filter from_only;
    from_only.from = at[3];
    EXPECT_EQ(seqs(org, from_only), (std::vector<std::int64_t>{5, 4}));
    Filter to_only;
    to_only.to = at[1];
    EXPECT_EQ(seqs(org, to_only), (std::vector<std::int64_t>{1}));
    Filter between;
    between.from = core::Timestamp{at[1].us + 1};
    between.to = core::Timestamp{at[2].us + 1};
    EXPECT_EQ(seqs(org, between), (std::vector<std::int64_t>{3}));
    Filter empty;
    empty.from = at[2];
    empty.to = at[2];
    EXPECT_TRUE(seqs(org, empty).empty());
  }
  {  // keyset pagination with before_seq
    const OrgId org{6};
    add_many(org, 11);
    std::vector<std::int64_t> walked;
    Filter f;
    f.limit = 4;
    int pages = 0;
    for (;;) {
      auto page = seqs(org, f);
      ASSERT_LE(page.size(), 4u);
      if (page.empty()) {
        break;
      }
      ++pages;
      walked.insert(walked.end(), page.begin(), page.end());
      f.before_seq = page.back();
    }
    EXPECT_EQ(pages, 3);
    std::vector<std::int64_t> expected(11);
    std::iota(expected.rbegin(), expected.rend(), 1);
    EXPECT_EQ(walked, expected);
    // Filters and pagination combine.
    Filter combined;
    combined.entity_id = "e3";
    combined.before_seq = 3;
    EXPECT_TRUE(seqs(org, combined).empty());
    combined.before_seq = 4;
    EXPECT_EQ(seqs(org, combined), (std::vector<std::int64_t>{3}));
    // A limit below 1 still returns one entry.
    Filter tiny;
    tiny.limit = 0;
    EXPECT_EQ(seqs(org, tiny), (std::vector<std::int64_t>{11}));
    tiny.limit = -5;
    EXPECT_EQ(seqs(org, tiny), (std::vector<std::int64_t>{11}));
  }
}

// --- Checkpoints ------------------------------------------------------------------------------

TEST_P(LedgerTest, CheckpointsAreSignedOverTheCurrentTreeOnlyWhenItGrew) {
  {  // the signed note carries the current root
    const OrgId org{3};
    add_many(org, 7);
    const Checkpoint cp = checkpoint(org);
    EXPECT_EQ(cp.org, org);
    EXPECT_EQ(cp.tree_size, 7);
    EXPECT_EQ(cp.root, tree_root(stored_leaf_hashes(org)));
    EXPECT_EQ(cp.created_at, clock_.now());
    auto note = parse_note(cp.note);
    ASSERT_TRUE(note);
    EXPECT_EQ(note->origin, std::string(test::kKeyName) + "/org/3");
    EXPECT_EQ(note->size, 7);
    EXPECT_EQ(note->root, cp.root);
    EXPECT_TRUE(note_signed_by(*note, signer_.name(), signer_.public_key()));
    auto latest = db().read([&](store::Transaction& tx) { return latest_checkpoint(tx, org); });
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->note, cp.note);
    EXPECT_EQ(latest->root, cp.root);
    EXPECT_EQ(latest->created_at, cp.created_at);
    EXPECT_FALSE(
        db().read([&](store::Transaction& tx) { return latest_checkpoint(tx, OrgId{4}); }));
  }
  {  // an empty log: signed but not stored
    const Checkpoint cp = checkpoint(OrgId{8});
    EXPECT_EQ(cp.tree_size, 0);
    EXPECT_EQ(cp.root, empty_root());
    auto note = parse_note(cp.note);
    ASSERT_TRUE(note);
    EXPECT_TRUE(note_signed_by(*note, signer_.name(), signer_.public_key()));
    EXPECT_TRUE(
        db().read([&](store::Transaction& tx) { return checkpoints(tx, OrgId{8}); }).empty());
  }
  {  // nothing new: the stored checkpoint is returned
    const OrgId org{1};
    add_many(org, 3);
    const Checkpoint first = checkpoint(org);
    clock_.advance_seconds(60);
    const Checkpoint again = checkpoint(org);
    EXPECT_EQ(again.tree_size, 3);
    EXPECT_EQ(again.note, first.note);
    EXPECT_EQ(again.created_at, first.created_at);  // the stored one, not a new one
    add_many(org, 2);
    const Checkpoint grown = checkpoint(org);
    EXPECT_EQ(grown.tree_size, 5);
    auto all = db().read([&](store::Transaction& tx) { return checkpoints(tx, org); });
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].tree_size, 3);
    EXPECT_EQ(all[1].tree_size, 5);
    // The later root extends the earlier one.
    auto leaves = stored_leaf_hashes(org);
    EXPECT_TRUE(
        verify_consistency(3, 5, all[0].root, all[1].root, consistency_proof(leaves, 3, 5)));
    EXPECT_TRUE(verify_all().ok) << verify_all().summary();
  }
}

TEST_P(LedgerTest, CheckpointAllCoversEveryOrganizationThatGrew) {
  add_many(OrgId{0}, 2);
  add_many(OrgId{1}, 3);
  add_many(OrgId{2}, 1);
  EXPECT_EQ(checkpoint_all(db(), signer_, clock_), 3u);
  EXPECT_EQ(checkpoint_all(db(), signer_, clock_), 0u);
  add(OrgId{2});
  clock_.advance_seconds(10);
  EXPECT_EQ(checkpoint_all(db(), signer_, clock_), 1u);
  auto latest = db().read([&](store::Transaction& tx) { return latest_checkpoint(tx, OrgId{2}); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->tree_size, 2);
  EXPECT_EQ(latest->created_at, clock_.now());
  for (auto [org, size] : {std::pair{0, 2}, {1, 3}}) {
    auto cps = db().read([&](store::Transaction& tx) { return checkpoints(tx, OrgId{org}); });
    ASSERT_EQ(cps.size(), 1u) << org;
    EXPECT_EQ(cps[0].tree_size, size);
  }
  const Report r = verify_all();
  EXPECT_TRUE(r.ok) << r.summary();
  EXPECT_EQ(r.checkpoints, 4);
}

// --- Verification -----------------------------------------------------------------------------

TEST_P(LedgerTest, VerifyPassesOnAnUntouchedAppendOnlyLedger) {
  const Report empty = verify_all();
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.orgs, 0);
  add_many(OrgId{0}, 3);
  add_many(OrgId{1}, 10);
  checkpoint(OrgId{1});
  add_many(OrgId{1}, 5);
  checkpoint(OrgId{1});
  add_many(OrgId{1}, 2);  // entries after the last checkpoint are fine
  add_many(OrgId{2}, 1);
  checkpoint(OrgId{2});
  const Report r = verify_all();
  EXPECT_TRUE(r.ok) << r.summary();
  EXPECT_TRUE(r.failures.empty());
  EXPECT_EQ(r.orgs, 3);
  EXPECT_EQ(r.entries, 3 + 17 + 1);
  EXPECT_EQ(r.checkpoints, 3);
  EXPECT_EQ(r.uncovered, 3 + 2);  // the instance log has no checkpoint; org 1 grew by 2
  EXPECT_TRUE(r.summary().starts_with("3 logs, 21 entries and 3 checkpoints verified"))
      << r.summary();
  const Report one = verify_org(OrgId{1});
  EXPECT_TRUE(one.ok);
  EXPECT_EQ(one.orgs, 1);
  EXPECT_EQ(one.entries, 17);
  EXPECT_EQ(one.checkpoints, 2);
  EXPECT_EQ(one.uncovered, 2);
  EXPECT_TRUE(one.summary().starts_with("1 log, 17 entries and 2 checkpoints verified"))
      << one.summary();
  checkpoint(OrgId{1});
  EXPECT_EQ(verify_org(OrgId{1}).summary(), "1 log, 17 entries and 3 checkpoints verified");
  EXPECT_EQ(verify_org(OrgId{1}).uncovered, 0);
  {  // the triggers of migration 0002 refuse changes to what verify() just accepted
    EXPECT_THROW(db().write([](store::Transaction& tx) {
      tx.exec("UPDATE ledger_entries SET payload = '{}' WHERE seq = 1");
    }),
                 StoreError);
    EXPECT_THROW(db().write([](store::Transaction& tx) {
      tx.exec("DELETE FROM ledger_entries WHERE seq = 2");
    }),
                 StoreError);
    EXPECT_THROW(db().write([](store::Transaction& tx) {
      tx.exec("UPDATE ledger_checkpoints SET note = 'x'");
    }),
                 StoreError);
    EXPECT_THROW(
        db().write([](store::Transaction& tx) { tx.exec("DELETE FROM ledger_checkpoints"); }),
        StoreError);
    EXPECT_TRUE(verify_all().ok);
  }
}

// --- Proofs -----------------------------------------------------------------------------------

TEST_P(LedgerTest, ProofsVerifyAgainstTheLatestCheckpointRoot) {
  {  // every entry, with the leaf bytes it was hashed from
    const OrgId org{1};
    add_many(org, 13);
    const Checkpoint cp = checkpoint(org);
    for (std::int64_t seq = 1; seq <= 13; ++seq) {
      auto p = db().read([&](store::Transaction& tx) { return prove(tx, org, seq); });
      ASSERT_TRUE(p) << seq << ": " << p.error().message;
      EXPECT_EQ(p->org, org);
      EXPECT_EQ(p->seq, seq);
      EXPECT_EQ(p->leaf_index, static_cast<std::uint64_t>(seq - 1));
      EXPECT_EQ(p->tree_size, 13u);
      EXPECT_EQ(p->checkpoint.note, cp.note);
      EXPECT_EQ(p->leaf_bytes, leaf_bytes(stored(org, seq)));
      EXPECT_EQ(p->leaf_hash, hash_leaf(p->leaf_bytes));
      EXPECT_TRUE(
          verify_inclusion(p->leaf_index, p->tree_size, hash_leaf(p->leaf_bytes), p->path, cp.root))
          << seq;
      auto wrong = p->leaf_bytes;
      wrong[wrong.size() / 2] ^= 1;
      EXPECT_FALSE(
          verify_inclusion(p->leaf_index, p->tree_size, hash_leaf(wrong), p->path, cp.root));
    }
  }
  {  // entries past the latest checkpoint wait for the next one
    const OrgId org{2};
    add_many(org, 4);
    checkpoint(org);
    add_many(org, 5);
    auto p = db().read([&](store::Transaction& tx) { return prove(tx, org, 6); });
    ASSERT_FALSE(p);  // not covered yet
    EXPECT_EQ(p.error().code, Errc::not_found);
    EXPECT_NE(p.error().message.find("size 4"), std::string::npos) << p.error().message;
    const Checkpoint later = checkpoint(org);
    for (std::int64_t seq : {2, 6, 9}) {
      auto q = db().read([&](store::Transaction& tx) { return prove(tx, org, seq); });
      ASSERT_TRUE(q) << q.error().message;
      EXPECT_EQ(q->tree_size, 9u);
      EXPECT_TRUE(verify_inclusion(q->leaf_index, 9, q->leaf_hash, q->path, later.root)) << seq;
    }
  }
  {  // nothing to prove against
    const OrgId org{3};
    add_many(org, 3);
    auto none = db().read([&](store::Transaction& tx) { return prove(tx, org, 1); });
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::not_found);
    checkpoint(org);
    for (std::int64_t seq : {0, -1, 4, 1000}) {
      auto r = db().read([&](store::Transaction& tx) { return prove(tx, org, seq); });
      ASSERT_FALSE(r) << seq;
      EXPECT_EQ(r.error().code, Errc::not_found) << seq;
    }
    auto other = db().read([&](store::Transaction& tx) { return prove(tx, OrgId{4}, 1); });
    EXPECT_FALSE(other);
  }
  {  // the rendering an independent verifier reads
    const OrgId org{5};
    add_many(org, 6);
    const Checkpoint cp = checkpoint(org);
    auto p = db().read([&](store::Transaction& tx) { return prove(tx, org, 5); });
    ASSERT_TRUE(p);
    const std::string text = render(*p);
    EXPECT_TRUE(text.starts_with("org: 5\nseq: 5\nleaf_index: 4\ntree_size: 6\n")) << text;
    EXPECT_NE(text.find("leaf_bytes: " + p->leaf_bytes + "\n"), std::string::npos);
    EXPECT_NE(text.find("leaf_hash: " + core::hex(p->leaf_hash) + "\n"), std::string::npos);
    ASSERT_EQ(p->path.size(), 2u);  // PATH(4, D[6]): leaf 5, then MTH(D[0:4])
    for (const auto& h : p->path) {
      EXPECT_NE(text.find("path: " + core::hex(h) + "\n"), std::string::npos);
    }
    EXPECT_TRUE(text.ends_with("checkpoint:\n" + cp.note)) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::ledger
