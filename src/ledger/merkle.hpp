// ledger/merkle.hpp
// The RFC 6962 / RFC 9162 Merkle tree, pure and in memory: leaf hash SHA-256(0x00 || data),
// interior node SHA-256(0x01 || left || right), MTH of the empty tree SHA-256(""). Everything
// here works on leaf hashes and streams: CompactRange folds leaves into a root with O(log n)
// memory, RangeHasher computes the subtree hashes a proof needs while leaves stream past, so
// roots and proofs over millions of entries never hold more than the hashes they need.
// Proof *shapes* (which subtrees) are pure arithmetic: inclusion_ranges / consistency_ranges
// follow PATH and PROOF of RFC 6962 §2.1.1–2.1.2; verification follows RFC 9162 §2.1.3.2 and
// §2.1.4.2. The storage side lives in ledger/checkpoint.hpp, ledger/verify.hpp and
// ledger/proof.hpp. No I/O; thread-compatible (no shared state).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/crypto.hpp"

namespace mandate::ledger {

using Hash = core::Sha256;

Hash hash_leaf(std::string_view data);                     // SHA-256(0x00 || data)
Hash hash_children(const Hash& left, const Hash& right);   // SHA-256(0x01 || left || right)
Hash empty_root();                                         // SHA-256 of the empty string

// A half-open range of leaf indexes [begin, end): the leaves under one subtree.
struct Range {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::uint64_t size() const { return end - begin; }
  bool operator==(const Range&) const = default;
};

// The root of a growing tree: append leaf hashes in order, read the root (MTH of everything so
// far) at any time. Keeps only the perfect subtrees of the binary decomposition of size()
// (at most 64 hashes); appending costs one SHA-256 per merge, n - 1 in total.
class CompactRange {
 public:
  struct Node {
    Range range;  // a perfect subtree: size is a power of two, begin a multiple of it
    Hash hash;
  };
  void append(const Hash& leaf_hash);
  std::uint64_t size() const { return size_; }
  // MTH(D[0:size()]); empty_root() when nothing was appended.
  Hash root() const;
  // The perfect subtrees covering [0, size()), left to right, largest first.
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  std::vector<Node> nodes_;
  std::uint64_t size_ = 0;
};

// MTH over a whole vector of leaf hashes (iterative, O(n) time, O(log n) memory).
Hash tree_root(std::span<const Hash> leaf_hashes);

// The subtrees whose hashes make PATH(index, D[size]) of RFC 6962 §2.1.1, in proof order (from
// the leaf's sibling up to the root's child). Precondition: index < size (asserted).
std::vector<Range> inclusion_ranges(std::uint64_t index, std::uint64_t size);
// The subtrees whose hashes make PROOF(first, D[second]) of RFC 6962 §2.1.2, in proof order.
// Each lies entirely below `first` (then it is one of CompactRange::nodes() at size `first`) or
// entirely at or after it. Precondition: 0 < first <= second (asserted); first == second gives
// an empty proof.
std::vector<Range> consistency_ranges(std::uint64_t first, std::uint64_t second);

// Computes the hashes of a set of disjoint leaf ranges in one pass over the leaves. Feed leaf
// hashes with add() in increasing index order (leaves outside every range are ignored; a leaf
// inside a range must follow its predecessor without a gap — asserted).
class RangeHasher {
 public:
  explicit RangeHasher(std::vector<Range> ranges);
  void add(std::uint64_t index, const Hash& leaf_hash);
  // True once every range has been fully fed.
  bool complete() const { return next_ == order_.size(); }
  // The hashes, in the order the ranges were given. Precondition: complete() (asserted).
  std::vector<Hash> hashes() const;

 private:
  std::vector<Range> ranges_;
  std::vector<std::size_t> order_;  // indexes into ranges_, sorted by begin
  std::size_t next_ = 0;            // position in order_ of the range being fed
  CompactRange current_;
  std::vector<Hash> out_;
};

// Proofs over an in-memory vector of leaf hashes (tests, small trees): O(size) each.
// PATH(index, D[size]) with size <= leaf_hashes.size(); index < size.
std::vector<Hash> inclusion_proof(std::span<const Hash> leaf_hashes, std::uint64_t index,
                                  std::uint64_t size);
// PROOF(first, D[second]) with 0 < first <= second <= leaf_hashes.size().
std::vector<Hash> consistency_proof(std::span<const Hash> leaf_hashes, std::uint64_t first,
                                    std::uint64_t second);

// RFC 9162 §2.1.3.2: true when `proof` shows that `leaf_hash` is leaf `index` of the tree of
// `size` leaves whose root is `root`. Never throws.
bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                      std::span<const Hash> proof, const Hash& root);
// The root that `proof` implies for leaf `index` of a tree of `size` leaves; false when the
// proof has the wrong length for (index, size).
bool root_from_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                         std::span<const Hash> proof, Hash& root);
// RFC 9162 §2.1.4.2: true when `proof` shows that the tree of `first` leaves with root
// `first_root` is a prefix of the tree of `second` leaves with root `second_root`. Sizes that
// are always consistent (0 → any, n → n with equal roots) need an empty proof. Never throws.
bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, std::span<const Hash> proof);

}  // namespace mandate::ledger
