// ledger/proof.hpp
// Inclusion proofs: that entry #seq of an organization is in the tree its latest signed
// checkpoint commits to — checkable offline with any RFC 9162 implementation and the verifier
// key (tests/ledger/independent_verify.py does it in Python, with no code of ours). The tree
// and its verification are in ledger/merkle.hpp; checkpoints in ledger/checkpoint.hpp.
#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/ledger.hpp"

namespace mandate::ledger {

struct InclusionProof {
  OrgId org;
  std::int64_t seq = 0;
  std::uint64_t leaf_index = 0;  // seq - 1
  std::uint64_t tree_size = 0;   // the checkpoint's
  std::string leaf_bytes;        // what was hashed (canonical JSON), for independent checking
  Hash leaf_hash{};
  std::vector<Hash> path;        // PATH(leaf_index, D[tree_size]), bottom-up
  Checkpoint checkpoint;         // the latest checkpoint; its note carries the signed root
};

// Proves entry `seq` of `org` against the organization's latest checkpoint. Reads the stored
// leaf hashes of the first tree_size entries once (O(tree_size) time, O(log) memory), and
// checks the result before returning it.
// Errors: Errc::not_found when there is no checkpoint yet, or seq is outside it (not yet
//         covered: write a checkpoint with `mandate ledger checkpoint`), or the entry does not
//         exist; Errc::conflict when the stored entry no longer matches the checkpoint (the
//         ledger was altered: `mandate verify` locates it).
// Throws StoreError on database failure. Blocks; call inside Database::read.
Result<InclusionProof> prove(store::Transaction& tx, OrgId org, std::int64_t seq);

// A plain-text rendering, one "key: value" per line — org, seq, leaf_index, tree_size,
// leaf_bytes (one line: canonical JSON has no raw newlines), leaf_hash (hex), one "path: <hex>"
// line per proof hash (bottom-up) — then "checkpoint:" and the signed note verbatim.
std::string render(const InclusionProof& p);

}  // namespace mandate::ledger
