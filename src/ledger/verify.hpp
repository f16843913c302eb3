// ledger/verify.hpp
// Full verification of the ledger, as `mandate verify`, the ledger page and the API run it.
// For each organization's log, in one pass over its entries (read in chunks, in one read
// transaction, so a live server's appends do not disturb it):
//   - seqs run 1, 2, 3, … without gaps (a gap names the first missing seq);
//   - every stored leaf hash equals the one recomputed from the entry's columns;
//   - ledger_heads.size equals the number of entries;
//   - every checkpoint is a well-formed signed note with a valid signature by the instance key,
//     for this organization's origin, whose stored size and root are the ones it signs, and
//     whose root equals the root recomputed over its first tree_size stored leaf hashes; when
//     it does not, the failure names the range of seqs (after the previous good checkpoint, up
//     to this one) where the change must be;
//   - an RFC 6962 consistency proof between consecutive good checkpoints, built from the
//     entries, verifies with the RFC 9162 algorithm against their signed roots.
// What cannot be detected from the database alone: entries appended (with the head moved)
// after the latest checkpoint — Report::uncovered counts them — and checkpoints deleted, as
// long as at least the remaining ones stay consistent (deleting checkpoints loses evidence but
// rewrites nothing). Keep copies of checkpoints elsewhere to guard against truncation.
// Memory: O(number of checkpoints + entries between two good checkpoints × 32 bytes); time:
// O(entries). Blocks; call it off the I/O threads.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "store/database.hpp"

namespace mandate::ledger {

struct Failure {
  OrgId org;
  enum class Kind { entry, head, checkpoint } kind = Kind::entry;
  std::int64_t where = 0;  // seq for entries; tree_size for checkpoints; the head's size
  std::string what;        // one sentence naming the entry or checkpoint
  // For a checkpoint whose root no longer matches: the seqs where the change must be.
  std::int64_t first_seq = 0;
  std::int64_t last_seq = 0;
};
std::string_view failure_kind_name(Failure::Kind k);  // "entry", "head", "checkpoint"

struct Report {
  bool ok = true;
  std::int64_t orgs = 0;
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  std::int64_t uncovered = 0;  // entries after the latest good checkpoint of their log
  // The first failure of each organization, in organization order. Within a log the first is
  // the first bad entry (in seq order); else a head that disagrees with the entries; else the
  // first checkpoint (by tree size) that does not hold.
  std::vector<Failure> failures;
  // One line: "2 logs, 1204 entries and 7 checkpoints verified", or the first failure:
  // "organization 3: entry #17 does not match its leaf hash: its content was changed".
  std::string summary() const;
};

// Verifies every log (org unset: every organization with entries, a head or checkpoints,
// including the instance log 0) or one. `public_key` (32 bytes) and `key_name` identify the
// instance key; its name is also the instance name in checkpoint origins. Never throws on
// tampered content (it is reported); throws StoreError when the database fails.
Report verify(store::Database& db, std::optional<OrgId> org, std::string_view public_key,
              std::string_view key_name);

}  // namespace mandate::ledger
