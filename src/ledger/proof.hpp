// ledger/proof.hpp
// Inclusion proofs: that entry #seq of an organization is in the tree its latest signed
// checkpoint commits to — checkable offline with any RFC 9162 implementation and the verifier
// key (tests/ledger/independent_verify.py does it in Python, with no code of ours).
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
  std::uint64_t tree_size = 0;
  std::string leaf_bytes;        // what was hashed (canonical JSON), for independent checking
  Hash leaf_hash{};
  std::vector<Hash> path;
  Checkpoint checkpoint;
};

// Errc::not_found when the entry does not exist or no checkpoint covers it yet (write one
// with `mandate ledger checkpoint`). Blocks; call inside Database::read.
Result<InclusionProof> prove(store::Transaction& tx, OrgId org, std::int64_t seq);

// A plain-text rendering: one "key: value" per line, hashes in hex, then the checkpoint note.
std::string render(const InclusionProof& p);

}  // namespace mandate::ledger
