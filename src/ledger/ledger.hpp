// ledger/ledger.hpp
// The tamper-evident record of every state change. Services call append() inside the same
// write transaction as the change itself, so the change and its entry commit together or not
// at all. Per organization, entries are numbered 1, 2, 3, … (seq) and form an RFC 6962 / 9162
// Merkle tree (leaf = SHA-256(0x00 || canonical leaf bytes)); see ledger/merkle.hpp for the
// tree, ledger/checkpoint.hpp for signed checkpoints and ledger/verify.hpp for verification.
// org 0 is the instance's own log (users, organizations).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace mandate::ledger {

enum class ActorKind { user, token, system };
std::string_view actor_kind_name(ActorKind k);

struct Actor {
  ActorKind kind = ActorKind::system;
  std::int64_t id = 0;      // user id, token id, or 0 for the system
  std::string label;        // printed name at the time ("Ada Lovelace", "token hr-sync", "mandate init")
};

struct EntryInput {
  OrgId org;                // OrgId{0}: the instance log
  Actor actor;
  std::string entity_type;  // "person", "membership", "api_token", …
  std::string entity_id;
  std::string action;       // "create", "update", "import", "revoke", …
  core::json::object data;  // what changed; stored as canonical JSON
};

struct Entry {
  OrgId org;
  std::int64_t seq = 0;
  core::Timestamp at;
  Actor actor;
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::string payload;      // canonical JSON of EntryInput::data
  core::Sha256 leaf_hash{};
};

// The bytes that are hashed for a leaf (before the 0x00 prefix): the canonical JSON
// (core::canonical_json: keys sorted, no whitespace) of
//   {"action","actor_id","actor_kind","actor_label","at","data","entity_id","entity_type",
//    "org","seq"}
// with `at` in format_timestamp_us form and "data" the stored payload text spliced in
// verbatim. append() stores the payload canonical, so for every entry it writes this is exactly
// canonical_json of that object; a payload edited behind Mandate's back — even by whitespace —
// changes the bytes and so the hash. Never throws.
std::string leaf_bytes(const Entry& e);
core::Sha256 leaf_hash(const Entry& e);

// The same bytes from stored columns as they are (verification reads rows this way, so that an
// unknown actor_kind written behind our back is hashed as written, not normalised).
struct LeafFields {
  std::int64_t org = 0;
  std::int64_t seq = 0;
  std::int64_t at_us = 0;
  std::string_view actor_kind;
  std::int64_t actor_id = 0;
  std::string_view actor_label;
  std::string_view entity_type;
  std::string_view entity_id;
  std::string_view action;
  std::string_view payload;
};
// Appends leaf_bytes of `f` to `out` (reuse `out` across calls to avoid allocations).
void append_leaf_bytes(const LeafFields& f, std::string& out);

// Appends an entry in `tx` (which must be a write transaction), assigning the next seq for the
// organization: seq = head + 1, and the head moves in the same transaction, so the entry
// commits or rolls back with the change it records. Serialized per organization: on PostgreSQL
// a row lock on the organization's ledger_heads row (created on first use) held until commit;
// on SQLite the single writer connection. `at` is the server's clock (UTC). Throws StoreError on
// database failure (the caller's transaction then rolls back). Blocks.
Entry append(store::Transaction& tx, core::Timestamp at, const EntryInput& in);

struct Filter {
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> actor_label;   // substring match
  std::optional<core::Timestamp> from;      // inclusive
  std::optional<core::Timestamp> to;        // exclusive
  std::int64_t before_seq = 0;              // 0: from the newest; else entries with seq < this
  int limit = 50;
};
// Reads a full ledger_entries row selected with entry_columns() (in that order).
Entry entry_from_row(const store::Row& r);
std::string entry_columns();

// Entries of `org` matching every set filter, newest first, at most f.limit (at least 1).
// Keyset pagination: pass the last seq of a page as before_seq for the next. Blocks.
std::vector<Entry> list(store::Transaction& tx, OrgId org, const Filter& f);
// Number of entries of the organization (its ledger head); 0 for an unknown organization.
std::int64_t size(store::Transaction& tx, OrgId org);

// Calls fn(index, stored leaf hash) for the organization's entries with seq <= up_to, in seq
// order (index counts from 0), reading kLeafChunk rows per query so that memory stays flat.
// Returns how many were visited. A stored hash of the wrong length is passed as all zeros.
inline constexpr int kLeafChunk = 8192;
std::uint64_t for_each_leaf_hash(store::Transaction& tx, OrgId org, std::int64_t up_to,
                                 const std::function<void(std::uint64_t, const core::Sha256&)>& fn);

}  // namespace mandate::ledger
