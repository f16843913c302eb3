// ledger/checkpoint.hpp
// Signed checkpoints: (tree size, root hash) of an organization's log, in the C2SP
// tlog-checkpoint format inside a C2SP signed note:
//   <origin>\n<tree size>\n<base64 root>\n\n— <key name> <base64(key id || Ed25519 signature)>\n
// The origin is "<instance name>/org/<id>", the instance name being the signing key's name
// (default "mandate"). Written periodically by `mandate serve`, at its shutdown, and on demand
// (ledger page, API, `mandate ledger checkpoint`); stored append-only in ledger_checkpoints.
// A checkpoint is only signed over a log that still holds: the entries it adds are re-hashed
// and the entries before it must still produce the previous checkpoint's root.
// Verification of stored checkpoints is in ledger/verify.hpp; keys in ledger/keys.hpp.
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
// The note text: "<origin>\n<size>\n<base64 root>\n".
std::string note_body(std::string_view origin, std::int64_t size, const Hash& root);

struct ParsedNote {
  std::string body;  // the signed text: up to and including the newline before the blank line
  std::string origin;
  std::int64_t size = 0;
  Hash root{};
  struct Signature {
    std::string name;
    std::uint32_t key_id = 0;
    std::string signature;  // the bytes after the key id (64 for Ed25519)
  };
  std::vector<Signature> signatures;
};
// Parses a signed checkpoint note (signed-note framing: text, blank line, one or more
// "— <name> <base64>" lines, every line newline-terminated; checkpoint body: origin, decimal
// size without leading zeros, base64 32-byte root, optional extension lines). nullopt when
// malformed. Never throws.
std::optional<ParsedNote> parse_note(std::string_view note);
// True when `note` carries a valid Ed25519 signature by (name, public key). Never throws.
bool note_signed_by(const ParsedNote& note, std::string_view name, std::string_view public_key);

// The stored leaf hashes of an organization, in order; limit < 0: all of them. Holds 32 bytes
// per entry: prefer for_each_leaf_hash (ledger.hpp) for big logs.
std::vector<Hash> leaf_hashes(store::Transaction& tx, OrgId org, std::int64_t limit = -1);

// The checkpoint with the largest tree size, if any. Blocks.
std::optional<Checkpoint> latest_checkpoint(store::Transaction& tx, OrgId org);
// Every checkpoint of the organization, by tree size. Blocks.
std::vector<Checkpoint> checkpoints(store::Transaction& tx, OrgId org);

// Signs and stores a checkpoint of the organization's current tree if it grew since the latest
// checkpoint, and returns it; otherwise returns the latest one unchanged. An empty log with no
// checkpoint yields a signed checkpoint of the empty tree that is not stored. `tx` must be a
// write transaction. Reads every leaf hash of the organization (O(n), flat memory).
// Throws StoreError when the log is damaged (an added entry does not match its leaf hash, seqs
// are not contiguous, or the earlier entries no longer produce the latest checkpoint's root):
// nothing is signed over a damaged log; `mandate verify` says where.
Checkpoint write_checkpoint(store::Transaction& tx, OrgId org, const Signer& signer,
                            core::Timestamp now);

// write_checkpoint for every organization whose log grew since its latest checkpoint; roots
// are computed in read transactions, each insert is a short write transaction (so appends are
// not held up), and concurrent callers on several app servers are harmless (the first insert
// of a size wins). Returns how many checkpoints were written. Organizations whose log is
// damaged are skipped; after the others are done, throws StoreError naming them.
std::size_t checkpoint_all(store::Database& db, const Signer& signer, const core::Clock& clock);

}  // namespace mandate::ledger
