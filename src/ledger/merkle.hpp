// ledger/merkle.hpp
// The RFC 6962 / RFC 9162 Merkle tree, pure and in memory: leaf hash SHA-256(0x00 || data),
// interior node SHA-256(0x01 || left || right). Tree keeps every level of the perfect,
// aligned subtrees (about 2 hashes per leaf), so any subtree hash, root, inclusion proof or
// consistency proof costs O(log² n). Verification functions implement RFC 9162 §2.1.3.2 and
// §2.1.4.2 exactly. No I/O; thread-compatible.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/crypto.hpp"

namespace mandate::ledger {

using Hash = core::Sha256;

Hash hash_leaf(std::string_view data);
Hash hash_children(const Hash& left, const Hash& right);
Hash empty_root();  // SHA-256 of the empty string

class Tree {
 public:
  explicit Tree(std::vector<Hash> leaf_hashes);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  const Hash& leaf(std::uint64_t i) const { return levels_[0][i]; }
  // MTH of the first `n` leaves (n <= size()).
  Hash root(std::uint64_t n) const;
  Hash root() const { return root(size()); }
  // PATH(index, D[n]) of RFC 6962 §2.1.1 (index < n <= size()).
  std::vector<Hash> inclusion_proof(std::uint64_t index, std::uint64_t n) const;
  // PROOF(m, D[n]) of RFC 6962 §2.1.2 (0 < m <= n <= size()).
  std::vector<Hash> consistency_proof(std::uint64_t m, std::uint64_t n) const;

 private:
  Hash subtree(std::uint64_t begin, std::uint64_t end) const;  // MTH(D[begin:end])
  void subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool complete,
                std::vector<Hash>& out) const;
  std::vector<std::vector<Hash>> levels_;  // levels_[k][j]: perfect subtree of 2^k leaves at j*2^k
};

bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                      std::span<const Hash> proof, const Hash& root);
bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, std::span<const Hash> proof);

}  // namespace mandate::ledger
