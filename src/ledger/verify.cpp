// ledger/verify.cpp — full ledger verification (see verify.hpp).
#include "ledger/verify.hpp"

#include "ledger/checkpoint.hpp"
#include "ledger/ledger.hpp"
#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

std::string hex8(const Hash& h) { return core::hex(h).substr(0, 16); }

// Verifies one organization; returns its first failure, if any.
std::optional<Failure> verify_org(store::Transaction& tx, OrgId org, std::string_view public_key,
                                  std::string_view key_name, Report& report) {
  std::optional<Failure> first;
  auto fail = [&](Failure::Kind k, std::int64_t where, std::string what) {
    if (!first) {
      first = Failure{org, k, where, std::move(what)};
    }
  };
  // 1. Entries, streamed in chunks: contiguous numbering and leaf hashes.
  std::vector<Hash> leaves;
  std::int64_t expected = 1;
  constexpr int kChunk = 5000;
  for (;;) {
    auto rows = tx.query("SELECT " + entry_columns() +
                             " FROM ledger_entries WHERE org_id = ? AND seq >= ? ORDER BY seq LIMIT ?",
                         org, expected, kChunk);
    for (const auto& r : rows) {
      Entry e = entry_from_row(r);
      if (e.seq != expected) {
        fail(Failure::Kind::entry, expected,
             "entry #" + std::to_string(expected) + " is missing (the next one is #" +
                 std::to_string(e.seq) + "): entries were deleted");
        expected = e.seq;
      }
      Hash recomputed = leaf_hash(e);
      if (recomputed != e.leaf_hash) {
        fail(Failure::Kind::entry, e.seq,
             "entry #" + std::to_string(e.seq) + " does not match its leaf hash: its content was changed");
      }
      leaves.push_back(recomputed);
      ++expected;
      ++report.entries;
    }
    if (static_cast<int>(rows.size()) < kChunk) {
      break;
    }
  }
  const auto count = static_cast<std::int64_t>(leaves.size());
  // 2. The head.
  auto head = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ?", org);
  const std::int64_t head_size = head ? head->int64(0) : 0;
  if (head_size != expected - 1) {
    fail(Failure::Kind::head, head_size,
         "the ledger head says " + std::to_string(head_size) + " entries but the last entry is #" +
             std::to_string(expected - 1) + ": entries were added or removed behind Mandate's back");
  }
  // 3. Checkpoints: signature, origin, root over the first tree_size leaves, consistency.
  Tree tree(std::move(leaves));
  const std::string origin = origin_of(key_name, org);
  std::optional<Checkpoint> previous;
  for (const auto& cp : checkpoints(tx, org)) {
    ++report.checkpoints;
    const std::string where = "checkpoint of size " + std::to_string(cp.tree_size);
    auto note = parse_note(cp.note);
    if (!note) {
      fail(Failure::Kind::checkpoint, cp.tree_size, where + " is not a well-formed signed note");
      continue;
    }
    if (!note_signed_by(*note, key_name, public_key)) {
      fail(Failure::Kind::checkpoint, cp.tree_size, where + " has no valid signature by the instance key");
      continue;
    }
    if (note->origin != origin || note->size != cp.tree_size || note->root != cp.root) {
      fail(Failure::Kind::checkpoint, cp.tree_size,
           where + " does not match its signed note (origin, size or root differ)");
      continue;
    }
    if (cp.tree_size > count) {
      fail(Failure::Kind::checkpoint, cp.tree_size,
           where + " covers more entries than exist (" + std::to_string(count) +
               "): entries at the end were deleted");
      continue;
    }
    Hash root = tree.root(static_cast<std::uint64_t>(cp.tree_size));
    if (root != note->root) {
      std::int64_t from = previous ? previous->tree_size + 1 : 1;
      fail(Failure::Kind::checkpoint, cp.tree_size,
           where + ": the entries no longer produce its signed root (" + hex8(note->root) +
               "…, now " + hex8(root) + "…): an entry between #" + std::to_string(from) +
               " and #" + std::to_string(cp.tree_size) + " was rewritten");
      continue;
    }
    if (previous && previous->tree_size > 0) {
      auto proof = tree.consistency_proof(static_cast<std::uint64_t>(previous->tree_size),
                                          static_cast<std::uint64_t>(cp.tree_size));
      if (!verify_consistency(static_cast<std::uint64_t>(previous->tree_size),
                              static_cast<std::uint64_t>(cp.tree_size), previous->root, cp.root,
                              proof)) {
        fail(Failure::Kind::checkpoint, cp.tree_size,
             where + " is not consistent with the checkpoint of size " +
                 std::to_string(previous->tree_size));
        continue;
      }
    }
    previous = cp;
  }
  return first;
}

}  // namespace

std::string Report::summary() const {
  if (!failures.empty()) {
    const auto& f = failures.front();
    std::string scope = f.org.value == 0 ? "instance log" : "organization " + f.org.str();
    return scope + ": " + f.what;
  }
  return std::to_string(orgs) + (orgs == 1 ? " log, " : " logs, ") + std::to_string(entries) +
         " entries and " + std::to_string(checkpoints) + " checkpoints verified";
}

Report verify(store::Database& db, std::optional<OrgId> org, std::string_view public_key,
              std::string_view key_name) {
  Report report;
  db.read([&](store::Transaction& tx) {
    std::vector<OrgId> orgs;
    if (org) {
      orgs.push_back(*org);
    } else {
      for (const auto& r : tx.query(
               "SELECT org_id FROM ledger_entries GROUP BY org_id UNION "
               "SELECT org_id FROM ledger_checkpoints UNION SELECT org_id FROM ledger_heads "
               "ORDER BY 1")) {
        orgs.emplace_back(r.int64(0));
      }
    }
    for (OrgId o : orgs) {
      ++report.orgs;
      if (auto f = verify_org(tx, o, public_key, key_name, report)) {
        report.failures.push_back(std::move(*f));
      }
    }
  });
  report.ok = report.failures.empty();
  return report;
}

}  // namespace mandate::ledger
