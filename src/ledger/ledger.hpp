// ledger/ledger.hpp
// The tamper-evident record of every state change. Services call append() inside the same
// write transaction as the change itself, so the change and its entry commit together or not
// at all. Per organization, entries are numbered 1, 2, 3, … (seq) and form an RFC 6962 / 9162
// Merkle tree (leaf = SHA-256(0x00 || canonical leaf bytes)); see ledger/merkle.hpp for the
// tree, ledger/checkpoint.hpp for signed checkpoints and ledger/verify.hpp for verification.
// org 0 is the instance's own log (users, organizations).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
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

// The bytes that are hashed for a leaf (before the 0x00 prefix): the canonical JSON of
// {"org","seq","at","actor_kind","actor_id","actor_label","entity_type","entity_id","action",
//  "data"} with `at` in format_timestamp_us form and "data" the parsed payload.
std::string leaf_bytes(const Entry& e);
core::Sha256 leaf_hash(const Entry& e);

// Appends an entry in `tx` (which must be a write transaction), assigning the next seq for the
// organization (serialized per organization: PostgreSQL row lock on ledger_heads; SQLite's
// single writer). `at` is the server's clock. Throws StoreError on database failure.
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

// Newest first.
std::vector<Entry> list(store::Transaction& tx, OrgId org, const Filter& f);
// Number of entries of the organization (its ledger head).
std::int64_t size(store::Transaction& tx, OrgId org);

}  // namespace mandate::ledger
