// ledger/verify.cpp — full ledger verification in one streaming pass per log (see verify.hpp).
#include "ledger/verify.hpp"

#include <climits>

#include "ledger/checkpoint.hpp"
#include "ledger/ledger.hpp"
#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

std::string short_hex(const Hash& h) { return core::hex(h).substr(0, 16); }

// Column readers that never throw: a row edited behind our back may hold anything.
const std::string* bytes_at(const store::Row& r, std::size_t i) {
  if (const auto* s = std::get_if<std::string>(&r.at(i))) {
    return s;
  }
  if (const auto* b = std::get_if<store::Blob>(&r.at(i))) {
    return &b->bytes;
  }
  return nullptr;
}
std::optional<std::int64_t> int_at(const store::Row& r, std::size_t i) {
  if (const auto* v = std::get_if<std::int64_t>(&r.at(i))) {
    return *v;
  }
  return std::nullopt;
}

// Verifies one organization's log, appending its failures to the report.
class LogVerifier {
 public:
  LogVerifier(store::Transaction& tx, OrgId org, std::string_view public_key,
              std::string_view key_name, Report& report)
      : tx_(tx),
        org_(org),
        public_key_(public_key),
        key_name_(key_name),
        origin_(origin_of(key_name, org)),
        report_(report) {}

  void run() {
    cps_ = checkpoints(tx_, org_);
    check_checkpoints_up_to(0);
    stream_entries();
    // Checkpoints beyond the last entry: entries at the end were removed.
    while (next_cp_ < cps_.size()) {
      const Checkpoint& cp = cps_[next_cp_++];
      ++report_.checkpoints;
      if (check_note(cp)) {
        fail(Failure::Kind::checkpoint, cp.tree_size,
             "checkpoint of size " + std::to_string(cp.tree_size) +
                 " covers more entries than exist (" + std::to_string(tree_.size()) +
                 "): entries at the end were deleted");
      }
    }
    check_head();
    report_.uncovered += static_cast<std::int64_t>(tree_.size()) - (good_ ? good_->size : 0);
    for (auto kind : {Failure::Kind::entry, Failure::Kind::head, Failure::Kind::checkpoint}) {
      if (auto& f = first_[static_cast<std::size_t>(kind)]) {
        report_.failures.push_back(std::move(*f));
        return;
      }
    }
  }

 private:
  struct GoodCheckpoint {
    std::int64_t size = 0;
    Hash root{};
    std::vector<CompactRange::Node> nodes;  // the tree's perfect subtrees at that size
  };

  // Keeps the first failure of each kind; run() reports the first of entry, head, checkpoint.
  void fail(Failure::Kind kind, std::int64_t where, std::string what, std::int64_t first = 0,
            std::int64_t last = 0) {
    auto& slot = first_[static_cast<std::size_t>(kind)];
    if (!slot) {
      slot = Failure{org_, kind, where, std::move(what), first, last};
    }
  }

  void stream_entries() {
    std::int64_t after = INT64_MIN;
    std::string bytes;
    for (;;) {
      auto rows = tx_.query(
          "SELECT seq, at, actor_kind, actor_id, actor_label, entity_type, entity_id, action, "
          "payload, leaf_hash FROM ledger_entries WHERE org_id = ? AND seq > ? ORDER BY seq "
          "LIMIT ?",
          org_, after, kLeafChunk);
      for (const auto& r : rows) {
        auto seq = int_at(r, 0);
        if (!seq) {
          // Keyset pagination needs an integer; nothing after this row can be read in order.
          fail(Failure::Kind::entry, expected_,
               "an entry after #" + std::to_string(expected_ - 1) +
                   " has a sequence number that is not an integer");
          return;
        }
        after = *seq;
        entry(r, *seq, bytes);
      }
      if (rows.size() < static_cast<std::size_t>(kLeafChunk)) {
        return;
      }
    }
  }

  void entry(const store::Row& r, std::int64_t seq, std::string& bytes) {
    auto label = [seq] { return "entry #" + std::to_string(seq); };  // built only on failure
    if (seq < expected_) {
      // Only possible below 1: seqs are unique and read in order.
      fail(Failure::Kind::entry, seq, label() + " has an impossible sequence number (logs start at #1)");
      return;
    }
    if (seq > expected_) {
      fail(Failure::Kind::entry, expected_,
           seq == expected_ + 1
               ? "entry #" + std::to_string(expected_) + " is missing (the next one is #" +
                     std::to_string(seq) + "): entries were deleted"
               : "entries #" + std::to_string(expected_) + " to #" + std::to_string(seq - 1) +
                     " are missing (the next one is #" + std::to_string(seq) +
                     "): entries were deleted");
      expected_ = seq;
    }
    Hash stored{};
    const std::string* stored_bytes = bytes_at(r, 9);
    if (stored_bytes != nullptr && stored_bytes->size() == stored.size()) {
      std::copy(stored_bytes->begin(), stored_bytes->end(), stored.begin());
    }
    auto at = int_at(r, 1), actor_id = int_at(r, 3);
    const std::string *kind = bytes_at(r, 2), *actor_label = bytes_at(r, 4),
                      *type = bytes_at(r, 5), *id = bytes_at(r, 6), *action = bytes_at(r, 7),
                      *payload = bytes_at(r, 8);
    if (!at || !actor_id || !kind || !actor_label || !type || !id || !action || !payload) {
      fail(Failure::Kind::entry, seq, label() + " has a column of the wrong type: it was changed");
    } else {
      // The 0x00 leaf prefix first, then the leaf bytes: one buffer, one digest, no copy.
      bytes.assign(1, '\0');
      append_leaf_bytes(LeafFields{org_.value, seq, *at, *kind, *actor_id, *actor_label, *type,
                                   *id, *action, *payload},
                        bytes);
      if (core::sha256(std::string_view(bytes)) != stored) {
        fail(Failure::Kind::entry, seq, label() + " does not match its leaf hash: its content was changed");
      }
    }
    tree_.append(stored);
    if (good_) {
      since_good_.push_back(stored);
    }
    ++report_.entries;
    ++expected_;
    check_checkpoints_up_to(static_cast<std::int64_t>(tree_.size()));
  }

  // Checks every checkpoint whose size the stream has reached.
  void check_checkpoints_up_to(std::int64_t n) {
    while (next_cp_ < cps_.size() && cps_[next_cp_].tree_size <= n) {
      check_checkpoint(cps_[next_cp_++]);
    }
  }

  // Form, signature, origin, and agreement of the stored columns with the signed note; the
  // failure (if any) is recorded. True when they hold.
  bool check_note(const Checkpoint& cp) {
    const std::string label = "checkpoint of size " + std::to_string(cp.tree_size);
    auto note = parse_note(cp.note);
    if (!note) {
      fail(Failure::Kind::checkpoint, cp.tree_size, label + " is not a well-formed signed note");
      return false;
    }
    if (!note_signed_by(*note, key_name_, public_key_)) {
      fail(Failure::Kind::checkpoint, cp.tree_size,
           label + " has no valid signature by the instance key: it was forged or altered");
      return false;
    }
    if (note->origin != origin_ || note->size != cp.tree_size || note->root != cp.root) {
      fail(Failure::Kind::checkpoint, cp.tree_size,
           label + " does not match its signed note (origin, size or root differ)");
      return false;
    }
    return true;
  }

  void check_checkpoint(const Checkpoint& cp) {
    ++report_.checkpoints;
    if (!check_note(cp)) {
      return;
    }
    const std::string label = "checkpoint of size " + std::to_string(cp.tree_size);
    const Hash root = tree_.root();
    if (root != cp.root) {
      const std::int64_t first = good_ ? good_->size + 1 : 1;
      fail(Failure::Kind::checkpoint, cp.tree_size,
           label + ": the entries no longer produce its signed root (" + short_hex(cp.root) +
               "…, now " + short_hex(root) + "…): an entry between #" + std::to_string(first) +
               " and #" + std::to_string(cp.tree_size) + " was rewritten",
           first, cp.tree_size);
      return;
    }
    if (good_ && good_->size > 0 && !consistent(*good_, cp)) {
      fail(Failure::Kind::checkpoint, cp.tree_size,
           label + " is not consistent with the checkpoint of size " +
               std::to_string(good_->size));
      return;
    }
    good_ = GoodCheckpoint{cp.tree_size, cp.root, tree_.nodes()};
    since_good_.clear();
  }

  // Builds PROOF(m, D[n]) from the entries — nodes below m from the tree as it was at m, nodes
  // from m on from the leaves seen since — and checks it against the two signed roots.
  bool consistent(const GoodCheckpoint& prev, const Checkpoint& cp) const {
    const auto m = static_cast<std::uint64_t>(prev.size);
    const auto n = static_cast<std::uint64_t>(cp.tree_size);
    std::vector<Hash> proof;
    for (const Range& r : consistency_ranges(m, n)) {
      if (r.end <= m) {
        bool found = false;
        for (const auto& node : prev.nodes) {
          if (node.range == r) {
            proof.push_back(node.hash);
            found = true;
            break;
          }
        }
        MANDATE_ASSERT(found, "a consistency proof node below the old size is a compact-range node");
      } else {
        proof.push_back(tree_root(std::span<const Hash>(since_good_).subspan(r.begin - m, r.size())));
      }
    }
    return verify_consistency(m, n, prev.root, cp.root, proof);
  }

  void check_head() {
    auto head = tx_.query_one("SELECT size FROM ledger_heads WHERE org_id = ?", org_);
    // With contiguous seqs the last seq is the count; a gap is already an entry failure.
    const std::int64_t last = expected_ - 1;
    const std::optional<std::int64_t> h = head ? int_at(*head, 0) : std::optional<std::int64_t>(0);
    if (!h) {
      fail(Failure::Kind::head, 0, "the ledger head is not a number: it was changed");
    } else if (*h != last) {
      fail(Failure::Kind::head, *h,
           "the ledger head says " + std::to_string(*h) + " entries but the last entry is #" +
               std::to_string(last) + ": entries were added or removed behind Mandate's back");
    }
  }

  store::Transaction& tx_;
  OrgId org_;
  std::string_view public_key_;
  std::string_view key_name_;
  std::string origin_;
  Report& report_;
  std::optional<Failure> first_[3];  // by Failure::Kind

  std::vector<Checkpoint> cps_;
  std::size_t next_cp_ = 0;
  std::int64_t expected_ = 1;
  CompactRange tree_;                 // over the stored leaf hashes, in log order
  std::optional<GoodCheckpoint> good_;
  std::vector<Hash> since_good_;      // stored leaf hashes after good_->size
};

}  // namespace

std::string_view failure_kind_name(Failure::Kind k) {
  switch (k) {
    case Failure::Kind::entry: return "entry";
    case Failure::Kind::head: return "head";
    case Failure::Kind::checkpoint: return "checkpoint";
  }
  return "entry";
}

std::string Report::summary() const {
  if (!failures.empty()) {
    const auto& f = failures.front();
    const std::string scope = f.org.value == 0 ? "instance log" : "organization " + f.org.str();
    return scope + ": " + f.what;
  }
  return std::to_string(orgs) + (orgs == 1 ? " log, " : " logs, ") + std::to_string(entries) +
         (entries == 1 ? " entry and " : " entries and ") + std::to_string(checkpoints) +
         (checkpoints == 1 ? " checkpoint verified" : " checkpoints verified");
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
               "SELECT org_id FROM ledger_heads UNION SELECT DISTINCT org_id FROM ledger_entries "
               "UNION SELECT DISTINCT org_id FROM ledger_checkpoints ORDER BY 1")) {
        orgs.emplace_back(r.int64(0));
      }
    }
    for (OrgId o : orgs) {
      ++report.orgs;
      LogVerifier(tx, o, public_key, key_name, report).run();
    }
  });
  report.ok = report.failures.empty();
  return report;
}

}  // namespace mandate::ledger
