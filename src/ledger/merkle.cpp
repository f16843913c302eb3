// ledger/merkle.cpp — RFC 6962 tree, proofs and RFC 9162 verification (see merkle.hpp).
#include "ledger/merkle.hpp"

#include <bit>

#include "core/result.hpp"

namespace mandate::ledger {
namespace {

// Largest power of two strictly less than n (n >= 2).
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

Hash hash_leaf(std::string_view data) {
  core::Sha256Hasher h;
  const std::uint8_t prefix = 0x00;
  h.update(std::span(&prefix, 1));
  h.update(data);
  return h.finish();
}

Hash hash_children(const Hash& left, const Hash& right) {
  std::uint8_t buf[65];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 33);
  return core::sha256(std::span<const std::uint8_t>(buf, sizeof buf));
}

Hash empty_root() { return core::sha256(std::string_view()); }

Tree::Tree(std::vector<Hash> leaf_hashes) {
  levels_.push_back(std::move(leaf_hashes));
  while (levels_.back().size() >= 2) {
    const auto& below = levels_.back();
    std::vector<Hash> up(below.size() / 2);
    for (std::size_t j = 0; j < up.size(); ++j) {
      up[j] = hash_children(below[2 * j], below[2 * j + 1]);
    }
    levels_.push_back(std::move(up));
  }
}

Hash Tree::subtree(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  MANDATE_ASSERT(n > 0 && end <= size(), "subtree range out of bounds");
  if (std::has_single_bit(n) && begin % n == 0) {
    return levels_[std::countr_zero(n)][begin / n];
  }
  const std::uint64_t k = split_point(n);
  return hash_children(subtree(begin, begin + k), subtree(begin + k, end));
}

Hash Tree::root(std::uint64_t n) const {
  MANDATE_ASSERT(n <= size(), "root beyond the tree");
  return n == 0 ? empty_root() : subtree(0, n);
}

std::vector<Hash> Tree::inclusion_proof(std::uint64_t index, std::uint64_t n) const {
  MANDATE_ASSERT(index < n && n <= size(), "inclusion proof out of range");
  std::vector<Hash> path;
  std::uint64_t begin = 0, end = n;
  // PATH(m, D[begin:end]) iteratively; collected top-down, returned bottom-up.
  while (end - begin > 1) {
    const std::uint64_t k = split_point(end - begin);
    if (index - begin < k) {
      path.push_back(subtree(begin + k, end));
      end = begin + k;
    } else {
      path.push_back(subtree(begin, begin + k));
      begin += k;
    }
  }
  return {path.rbegin(), path.rend()};
}

void Tree::subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool complete,
                    std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!complete) {
      out.push_back(subtree(begin, end));
    }
    return;
  }
  const std::uint64_t k = split_point(n);
  if (m <= k) {
    subproof(m, begin, begin + k, complete, out);
    out.push_back(subtree(begin + k, end));
  } else {
    subproof(m - k, begin + k, end, false, out);
    out.push_back(subtree(begin, begin + k));
  }
}

std::vector<Hash> Tree::consistency_proof(std::uint64_t m, std::uint64_t n) const {
  MANDATE_ASSERT(m > 0 && m <= n && n <= size(), "consistency proof out of range");
  std::vector<Hash> out;
  subproof(m, 0, n, true, out);
  return out;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                      std::span<const Hash> proof, const Hash& root) {
  if (index >= size) {
    return false;
  }
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) {
      return false;
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = hash_children(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = hash_children(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, std::span<const Hash> proof) {
  if (first > second) {
    return false;
  }
  if (first == second) {
    return proof.empty() && first_root == second_root;
  }
  if (first == 0) {
    return proof.empty();  // every tree extends the empty one
  }
  if (proof.empty()) {
    return false;
  }
  std::vector<Hash> path;
  if (std::has_single_bit(first)) {
    path.push_back(first_root);
  }
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1, sn = second - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) {
      return false;
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = hash_children(c, fr);
      sr = hash_children(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = hash_children(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

}  // namespace mandate::ledger
