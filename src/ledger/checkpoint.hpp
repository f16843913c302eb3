// ledger/checkpoint.hpp
// Signed checkpoints: (tree size, root hash) of an organization's log, in the C2SP
// tlog-checkpoint format inside a C2SP signed note:
//   <origin>\n<tree size>\n<base64 root>\n\n— <key name> <base64(key id || Ed25519 signature)>\n
// The origin is "<instance name>/org/<id>". Written periodically by `mandate serve`, at shutdown,
// on demand (UI, API, `mandate ledger checkpoint`), and stored append-only.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "ledger/keys.hpp"
#include "ledger/merkle.hpp"
#include "store/database.hpp"

namespace mandate::ledger {

struct Checkpoint {
  OrgId org;
  std::int64_t tree_size = 0;
  Hash root{};
  std::string note;  // the whole signed note
  core::Timestamp created_at;
};

std::string origin_of(std::string_view instance_name, OrgId org);
std::string note_body(std::string_view origin, std::int64_t size, const Hash& root);

struct ParsedNote {
  std::string body;  // text up to and including the last body newline
  std::string origin;
  std::int64_t size = 0;
  Hash root{};
  struct Signature {
    std::string name;
    std::uint32_t key_id = 0;
    std::string signature;  // 64 bytes
  };
  std::vector<Signature> signatures;
};
// Parses a signed checkpoint note; nullopt when malformed.
std::optional<ParsedNote> parse_note(std::string_view note);
// True when `note` carries a valid signature by (name, public key).
bool note_signed_by(const ParsedNote& note, std::string_view name, std::string_view public_key);

// All leaf hashes of an organization, in order (for roots and proofs).
std::vector<Hash> leaf_hashes(store::Transaction& tx, OrgId org, std::int64_t limit = -1);

std::optional<Checkpoint> latest_checkpoint(store::Transaction& tx, OrgId org);
std::vector<Checkpoint> checkpoints(store::Transaction& tx, OrgId org);

// Signs and stores a checkpoint of the organization's current tree, unless the latest one
// already covers it (then returns that one). `tx` must be a write transaction.
Checkpoint write_checkpoint(store::Transaction& tx, OrgId org, const Signer& signer,
                            core::Timestamp now);
// write_checkpoint for every organization whose log grew; returns how many were written.
std::size_t checkpoint_all(store::Database& db, const Signer& signer, const core::Clock& clock);

}  // namespace mandate::ledger
