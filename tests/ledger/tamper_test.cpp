// tests/ledger/tamper_test.cpp
// The tamper suite, on SQLite and PostgreSQL: someone with write access to the database lifts
// the append-only triggers and edits, deletes, inserts or swaps ledger rows and checkpoints.
// verify() must fail and name what no longer holds: the entry (seq), the checkpoint (its tree
// size) or the head, with a phrase saying what happened.
//
// Each scenario gets its own organization holding the same honest log — 10 entries, checkpoints
// of sizes 4 and 10 — so that one database and one verify() run check a whole table of
// scenarios (a fresh PostgreSQL schema costs ~0.3 s; one per scenario would make the suite
// slow). verify() reports the first failure of each organization, so each scenario's failure
// is found by its organization; organization 2 (3 entries, a checkpoint of size 3) is never
// touched and must stay clean.
#include <gtest/gtest.h>

#include <map>

#include "ledger/merkle.hpp"
#include "ledger/proof.hpp"
#include "ledger_fixture.hpp"

namespace mandate::ledger {
namespace {

using test::LedgerFixture;
using Kind = Failure::Kind;

const OrgId kClean{2};
constexpr std::int64_t kFirstScenarioOrg = 100;

store::Blob blob(const Hash& h) { return store::Blob{std::string(h.begin(), h.end())}; }

// --- Raw edits, as an attacker makes them (triggers already lifted) ---------------------------

Entry read_entry(store::Transaction& tx, OrgId org, std::int64_t seq) {
  auto row = tx.query_one(
      "SELECT " + entry_columns() + " FROM ledger_entries WHERE org_id = ? AND seq = ?", org, seq);
  if (!row) {
    ADD_FAILURE() << "no entry #" << seq << " in org " << org.value;
    return Entry{};
  }
  return entry_from_row(*row);
}

void set_payload(store::Transaction& tx, OrgId org, std::int64_t seq, const std::string& payload) {
  EXPECT_EQ(tx.exec("UPDATE ledger_entries SET payload = ? WHERE org_id = ? AND seq = ?", payload,
                    org, seq),
            1);
}

// Rewrites entry `seq` with a new payload AND the leaf hash that payload gives: the entry
// itself looks fine, only the signed checkpoints can tell.
void rewrite_with_hash(store::Transaction& tx, OrgId org, std::int64_t seq,
                       const std::string& payload) {
  Entry e = read_entry(tx, org, seq);
  e.payload = payload;
  EXPECT_EQ(tx.exec("UPDATE ledger_entries SET payload = ?, leaf_hash = ? WHERE org_id = ? AND "
                    "seq = ?",
                    e.payload, blob(leaf_hash(e)), org, seq),
            1);
}

void insert_entry(store::Transaction& tx, const Entry& e) {
  tx.exec("INSERT INTO ledger_entries (" + entry_columns() +
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.org, e.seq, e.at.us, actor_kind_name(e.actor.kind), e.actor.id, e.actor.label,
          e.entity_type, e.entity_id, e.action, e.payload, blob(e.leaf_hash));
}

void insert_checkpoint(store::Transaction& tx, OrgId org, std::int64_t size, const Hash& root,
                       const std::string& note) {
  tx.exec(
      "INSERT INTO ledger_checkpoints (org_id, tree_size, root_hash, note, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      org, size, blob(root), note, std::int64_t{0});
}

void set_note(store::Transaction& tx, OrgId org, std::int64_t size, const std::string& note) {
  EXPECT_EQ(tx.exec("UPDATE ledger_checkpoints SET note = ? WHERE org_id = ? AND tree_size = ?",
                    note, org, size),
            1);
}

Checkpoint read_checkpoint(store::Transaction& tx, OrgId org, std::int64_t size) {
  for (auto& cp : checkpoints(tx, org)) {
    if (cp.tree_size == size) {
      return cp;
    }
  }
  ADD_FAILURE() << "no checkpoint of size " << size << " in org " << org.value;
  return Checkpoint{};
}

// --- The table --------------------------------------------------------------------------------

// What verify() must report for a scenario's organization.
struct Expected {
  Kind kind;
  std::int64_t where;
  std::vector<std::string> phrases;  // each must appear in Failure::what
  std::int64_t first_seq = 0;        // when non-zero: the seq range named for a checkpoint
  std::int64_t last_seq = 0;
};

struct Scenario {
  std::string name;
  std::function<void(store::Transaction&, OrgId)> tamper;  // runs with the triggers lifted
  Expected expected;
};

class TamperTest : public LedgerFixture {
 protected:
  // The honest log every scenario starts from: 10 entries (payload {"i": seq}), checkpoints
  // after #4 and #10.
  void honest_log(store::Transaction& tx, OrgId org, int entries = 10) {
    for (int seq = 1; seq <= entries; ++seq) {
      clock_.advance_seconds(1);
      core::json::object data;
      data["i"] = seq;
      append(tx, clock_.now(),
             input(org, "person", "e" + std::to_string(seq), "update", ada(), data));
      if (seq == 4 || seq == entries) {
        write_checkpoint(tx, org, signer_, clock_.now());
      }
    }
  }

  // Builds one honest log per scenario (plus the clean one), applies every tamper in one
  // transaction, runs verify() once and checks each scenario's failure.
  void run(const std::vector<Scenario>& scenarios) {
    db().write([&](store::Transaction& tx) {
      honest_log(tx, kClean, 3);
      for (std::size_t i = 0; i < scenarios.size(); ++i) {
        honest_log(tx, org_of(i));
      }
    });
    const Report honest = verify_all();
    ASSERT_TRUE(honest.ok) << honest.summary();
    behind_the_back([&](store::Transaction& tx) {
      for (std::size_t i = 0; i < scenarios.size(); ++i) {
        scenarios[i].tamper(tx, org_of(i));
      }
    });
    const Report r = verify_all();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.failures.size(), scenarios.size()) << r.summary();
    std::map<std::int64_t, Failure> by_org;
    for (const auto& f : r.failures) {
      EXPECT_TRUE(by_org.emplace(f.org.value, f).second) << "two failures for org " << f.org.value;
    }
    EXPECT_FALSE(by_org.contains(kClean.value)) << by_org[kClean.value].what;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const Scenario& s = scenarios[i];
      SCOPED_TRACE(s.name);
      auto it = by_org.find(org_of(i).value);
      if (it == by_org.end()) {
        ADD_FAILURE() << "verify() did not notice";
        continue;
      }
      const Failure& f = it->second;
      const Expected& x = s.expected;
      EXPECT_EQ(failure_kind_name(f.kind), failure_kind_name(x.kind)) << f.what;
      EXPECT_EQ(f.where, x.where) << f.what;
      for (const auto& phrase : x.phrases) {
        EXPECT_NE(f.what.find(phrase), std::string::npos)
            << "\"" << phrase << "\" not in \"" << f.what << "\"";
      }
      if (x.first_seq != 0) {
        EXPECT_EQ(f.first_seq, x.first_seq);
        EXPECT_EQ(f.last_seq, x.last_seq);
      }
    }
    // Failures come in organization order; the summary leads with the first.
    if (!r.failures.empty()) {
      EXPECT_TRUE(r.summary().starts_with("organization " + std::to_string(kFirstScenarioOrg) +
                                          ": " + r.failures.front().what))
          << r.summary();
    }
    // Verifying one organization reports only its own damage.
    EXPECT_TRUE(verify_org(kClean).ok);
    const Report one = verify_org(org_of(0));
    EXPECT_FALSE(one.ok);
    EXPECT_EQ(one.failures.size(), 1u);
  }

  static OrgId org_of(std::size_t i) {
    return OrgId{kFirstScenarioOrg + static_cast<std::int64_t>(i)};
  }
};

TEST_P(TamperTest, EditedEntriesAreNamedBySeq) {
  run({
      {"payload edited",
       [](auto& tx, OrgId o) { set_payload(tx, o, 6, R"({"i":600})"); },
       {Kind::entry, 6, {"entry #6", "content was changed"}}},
      {"whitespace added to a payload",
       [](auto& tx, OrgId o) { set_payload(tx, o, 2, R"({"i": 2})"); },
       {Kind::entry, 2, {"entry #2"}}},
      {"actor label edited",
       [](auto& tx, OrgId o) {
         tx.exec(
             "UPDATE ledger_entries SET actor_label = 'Someone Else' WHERE org_id = ? AND seq = 3",
             o);
       },
       {Kind::entry, 3, {"entry #3"}}},
      {"timestamp moved a day back",
       [](auto& tx, OrgId o) {
         tx.exec("UPDATE ledger_entries SET at = at - 86400000000 WHERE org_id = ? AND seq = 8", o);
       },
       {Kind::entry, 8, {"entry #8"}}},
      {"actor kind changed",
       [](auto& tx, OrgId o) {
         tx.exec("UPDATE ledger_entries SET actor_kind = 'system' WHERE org_id = ? AND seq = 4", o);
       },
       {Kind::entry, 4, {"entry #4"}}},
      // ledger.hpp: verification hashes the stored columns as they are, so a kind this version
      // does not know is not normalised back to the one that was signed ("system").
      {"unknown actor kind",
       [this](auto& tx, OrgId o) {
         append(
             tx, clock_.now(),
             input(o, "organization", "1", "create", Actor{ActorKind::system, 0, "mandate init"}));
         tx.exec("UPDATE ledger_entries SET actor_kind = 'root' WHERE org_id = ? AND seq = 11", o);
       },
       {Kind::entry, 11, {"entry #11"}}},
      {"leaf hash overwritten with junk",
       [](auto& tx, OrgId o) {
         tx.exec("UPDATE ledger_entries SET leaf_hash = ? WHERE org_id = ? AND seq = 5",
                 store::Blob{"short"}, o);
       },
       {Kind::entry, 5, {"entry #5"}}},
      {"payloads of #3 and #7 swapped",
       [](auto& tx, OrgId o) {
         const Entry three = read_entry(tx, o, 3), seven = read_entry(tx, o, 7);
         set_payload(tx, o, 3, seven.payload);
         set_payload(tx, o, 7, three.payload);
       },
       {Kind::entry, 3, {"entry #3"}}},
      {"rows #3 and #7 swapped with their hashes (the seq is hashed too)",
       [](auto& tx, OrgId o) {
         const Entry three = read_entry(tx, o, 3), seven = read_entry(tx, o, 7);
         for (const auto& [seq, from] : {std::pair{3, seven}, std::pair{7, three}}) {
           tx.exec(
               "UPDATE ledger_entries SET payload = ?, entity_id = ?, at = ?, leaf_hash = ? "
               "WHERE org_id = ? AND seq = ?",
               from.payload, from.entity_id, from.at.us, blob(from.leaf_hash), o, seq);
         }
       },
       {Kind::entry, 3, {"entry #3"}}},
      {"many entries edited: the first is named",
       [](auto& tx, OrgId o) {
         EXPECT_EQ(
             tx.exec("UPDATE ledger_entries SET payload = '{}' WHERE org_id = ? AND seq > 1", o),
             9);
       },
       {Kind::entry, 2, {"entry #2"}}},
      {"payload edited and its leaf hash recomputed",
       [](auto& tx, OrgId o) { rewrite_with_hash(tx, o, 7, R"({"approved":true,"i":7})"); },
       {Kind::checkpoint, 10, {"checkpoint of size 10", "between #5 and #10", "rewritten"}, 5, 10}},
      {"an entry under the first checkpoint rewritten with its hash",
       [](auto& tx, OrgId o) { rewrite_with_hash(tx, o, 2, R"({"i":-2})"); },
       {Kind::checkpoint, 4, {"checkpoint of size 4", "between #1 and #4"}, 1, 4}},
  });
}

TEST_P(TamperTest, DeletedAndForgedRowsAreNamed) {
  run({
      {"middle row deleted",
       [](auto& tx, OrgId o) {
         EXPECT_EQ(tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq = 6", o), 1);
       },
       {Kind::entry, 6, {"entry #6 is missing", "#7"}}},
      {"run of rows deleted",
       [](auto& tx, OrgId o) {
         EXPECT_EQ(
             tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq BETWEEN 3 AND 5", o), 3);
       },
       {Kind::entry, 3, {"#3", "missing"}}},
      {"first row deleted",
       [](auto& tx, OrgId o) {
         tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq = 1", o);
       },
       {Kind::entry, 1, {"entry #1 is missing"}}},
      {"last rows deleted: the head disagrees",
       [](auto& tx, OrgId o) {
         EXPECT_EQ(tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq > 8", o), 2);
       },
       {Kind::head, 10, {"head says 10 entries", "#8"}}},
      {"last rows deleted and the head moved back: the checkpoint covers more",
       [](auto& tx, OrgId o) {
         tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq > 8", o);
         tx.exec("UPDATE ledger_heads SET size = 8 WHERE org_id = ?", o);
       },
       {Kind::checkpoint, 10, {"checkpoint of size 10 covers more entries than exist (8)"}}},
      {"rows after the last checkpoint deleted",
       [this](auto& tx, OrgId o) {
         for (int i = 0; i < 3; ++i) {
           append(tx, clock_.now(), input(o));  // #11..#13, not checkpointed
         }
         tx.exec("DELETE FROM ledger_entries WHERE org_id = ? AND seq > 11", o);
       },
       {Kind::head, 13, {"head says 13 entries", "#11"}}},
      {"a well-formed row forged at the end",
       [](auto& tx, OrgId o) {
         Entry forged = read_entry(tx, o, 10);
         forged.seq = 11;
         forged.payload = R"({"i":11})";
         forged.leaf_hash = leaf_hash(forged);
         insert_entry(tx, forged);
       },
       {Kind::head, 10, {"head says 10 entries", "#11"}}},
      {"head moved forward",
       [](auto& tx, OrgId o) { tx.exec("UPDATE ledger_heads SET size = 12 WHERE org_id = ?", o); },
       {Kind::head, 12, {"head says 12 entries", "#10"}}},
      {"head row deleted",
       [](auto& tx, OrgId o) { tx.exec("DELETE FROM ledger_heads WHERE org_id = ?", o); },
       {Kind::head, 0, {"head says 0 entries", "#10"}}},
      {"a row with seq 0 inserted",
       [](auto& tx, OrgId o) {
         Entry zero = read_entry(tx, o, 1);
         zero.seq = 0;
         zero.leaf_hash = leaf_hash(zero);
         insert_entry(tx, zero);
       },
       {Kind::entry, 0, {"entry #0", "impossible sequence number"}}},
  });
}

TEST_P(TamperTest, TamperedCheckpointsAreNamedByTreeSize) {
  run({
      {"signature forged (one byte changed)",
       [this](auto& tx, OrgId o) {
         auto note = parse_note(read_checkpoint(tx, o, 10).note);
         ASSERT_TRUE(note);
         std::string sig = note->signatures[0].signature;
         sig[17] ^= 0x01;
         std::string id_and_sig;
         for (int shift : {24, 16, 8, 0}) {
           id_and_sig.push_back(static_cast<char>(signer_.key_id() >> shift));
         }
         set_note(tx, o, 10,
                  note->body + "\n\xE2\x80\x94 " + signer_.name() + " " +
                      core::base64(id_and_sig + sig) + "\n");
       },
       {Kind::checkpoint,
        10,
        {"checkpoint of size 10 has no valid signature by the instance key"}}},
      {"another root written into the note",
       [](auto& tx, OrgId o) {
         const Checkpoint cp = read_checkpoint(tx, o, 10);
         const Hash fake = core::sha256(std::string_view("another root"));
         const std::string old_b64 = core::base64(std::string(cp.root.begin(), cp.root.end()));
         std::string note = cp.note;
         note.replace(note.find(old_b64), old_b64.size(),
                      core::base64(std::string(fake.begin(), fake.end())));
         set_note(tx, o, 10, note);
       },
       {Kind::checkpoint, 10, {"checkpoint of size 10", "no valid signature"}}},
      {"stored root changed",
       [](auto& tx, OrgId o) {
         tx.exec("UPDATE ledger_checkpoints SET root_hash = ? WHERE org_id = ? AND tree_size = 4",
                 blob(core::sha256(std::string_view("another root"))), o);
       },
       {Kind::checkpoint, 4, {"checkpoint of size 4 does not match its signed note"}}},
      {"stored size changed",
       [](auto& tx, OrgId o) {
         tx.exec("UPDATE ledger_checkpoints SET tree_size = 5 WHERE org_id = ? AND tree_size = 4",
                 o);
       },
       {Kind::checkpoint, 5, {"checkpoint of size 5 does not match its signed note"}}},
      {"history rewritten and re-signed by another key of the same name",
       [](auto& tx, OrgId o) {
         const Signer attacker(test::kKeyName, std::string(32, 'x'));
         rewrite_with_hash(tx, o, 9, R"({"forged":true,"i":9})");
         const Hash root = tree_root(leaf_hashes(tx, o));
         tx.exec(
             "UPDATE ledger_checkpoints SET root_hash = ?, note = ? WHERE org_id = ? AND "
             "tree_size = 10",
             blob(root), attacker.signed_note(note_body(origin_of(attacker.name(), o), 10, root)),
             o);
       },
       {Kind::checkpoint,
        10,
        {"checkpoint of size 10 has no valid signature by the instance key"}}},
      {"a checkpoint by another key inserted",
       [this](auto& tx, OrgId o) {
         append(tx, clock_.now(), input(o));
         append(tx, clock_.now(), input(o));
         const Signer attacker("attacker.example", std::string(32, 'a'));
         const Hash root = tree_root(leaf_hashes(tx, o));
         insert_checkpoint(
             tx, o, 12, root,
             attacker.signed_note(note_body(origin_of(attacker.name(), o), 12, root)));
       },
       {Kind::checkpoint, 12, {"checkpoint of size 12", "no valid signature by the instance key"}}},
      {"a genuine checkpoint of another organization replayed",
       [](auto& tx, OrgId o) {
         auto theirs = latest_checkpoint(tx, kClean);  // size 3, signed for .../org/2
         ASSERT_TRUE(theirs);
         insert_checkpoint(tx, o, theirs->tree_size, theirs->root, theirs->note);
       },
       {Kind::checkpoint, 3, {"checkpoint of size 3"}}},
      {"note garbled",
       [](auto& tx, OrgId o) { set_note(tx, o, 4, "not a signed note"); },
       {Kind::checkpoint, 4, {"checkpoint of size 4 is not a well-formed signed note"}}},
  });
}

TEST_P(TamperTest, VerifyingWithAnotherKeyFailsEveryOrganization) {
  db().write([&](store::Transaction& tx) {
    honest_log(tx, OrgId{1});
    honest_log(tx, kClean, 3);
  });
  const Signer other(test::kKeyName, std::string(32, 'o'));
  const Report r = verify(db(), std::nullopt, other.public_key(), other.name());
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].org, OrgId{1});
  EXPECT_EQ(r.failures[0].kind, Kind::checkpoint);
  EXPECT_EQ(r.failures[0].where, 4);  // the first checkpoint
  EXPECT_EQ(r.failures[1].org, kClean);
  EXPECT_EQ(r.failures[1].where, 3);
  // The right key under another instance name: no signature is by that key name.
  const Report renamed = verify(db(), std::nullopt, signer_.public_key(), "mandate.renamed");
  EXPECT_FALSE(renamed.ok);
  EXPECT_EQ(renamed.failures.size(), 2u);
  EXPECT_TRUE(verify_all().ok);
}

// Nothing is signed or proved over a damaged log.
TEST_P(TamperTest, DamagedLogsGetNoCheckpointsAndNoProofs) {
  const OrgId edited{1}, rewritten{3}, healthy{4};
  db().write([&](store::Transaction& tx) {
    for (OrgId o : {edited, rewritten, healthy, kClean}) {
      honest_log(tx, o);
      append(tx, clock_.now(), input(o));  // #11, not yet checkpointed
    }
  });
  behind_the_back([&](store::Transaction& tx) {
    set_payload(tx, edited, 11, R"({"i":"changed"})");    // after the latest checkpoint
    rewrite_with_hash(tx, rewritten, 3, R"({"i":333})");  // under it, hash recomputed
  });
  auto count = [&](OrgId o) {
    return db().read([&](store::Transaction& tx) { return checkpoints(tx, o).size(); });
  };
  for (OrgId o : {edited, rewritten}) {
    SCOPED_TRACE("org " + o.str());
    try {
      checkpoint(o);
      ADD_FAILURE() << "a checkpoint was signed over a damaged log";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("organization " + o.str()), std::string::npos)
          << e.what();
      EXPECT_NE(std::string(e.what()).find("mandate verify"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(o), 2u);
  }
  // checkpoint_all signs the healthy logs, then names the damaged ones.
  try {
    checkpoint_all(db(), signer_, clock_);
    ADD_FAILURE() << "checkpoint_all signed over a damaged log";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("organization 1"), std::string::npos) << what;
    EXPECT_NE(what.find("organization 3"), std::string::npos) << what;
    EXPECT_EQ(what.find("organization 4"), std::string::npos) << what;
  }
  EXPECT_EQ(count(edited), 2u);
  EXPECT_EQ(count(rewritten), 2u);
  EXPECT_EQ(count(healthy), 3u);
  EXPECT_EQ(count(kClean), 3u);
  // Proofs against the latest checkpoint: the rewritten log changed its root, so no entry of
  // it proves any more; the edited entry of the other log is past its checkpoint.
  for (std::int64_t seq : {3, 9}) {
    auto p = db().read([&](store::Transaction& tx) { return prove(tx, rewritten, seq); });
    ASSERT_FALSE(p) << seq;
    EXPECT_EQ(p.error().code, Errc::conflict) << seq;
    EXPECT_NE(p.error().message.find("mandate verify"), std::string::npos) << p.error().message;
  }
  behind_the_back([&](store::Transaction& tx) { set_payload(tx, edited, 5, R"({"i":"five"})"); });
  auto p = db().read([&](store::Transaction& tx) { return prove(tx, edited, 5); });
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::conflict);
  EXPECT_TRUE(db().read([&](store::Transaction& tx) { return prove(tx, healthy, 11); }));
}

INSTANTIATE_TEST_SUITE_P(Backends, TamperTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::ledger
