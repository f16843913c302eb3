// ledger/merkle.cpp — RFC 6962 tree hashing, proof shapes and RFC 9162 verification (see
// merkle.hpp).
#include "ledger/merkle.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

#include "core/result.hpp"

namespace mandate::ledger {
namespace {

// The largest power of two strictly less than n (n >= 2): RFC 6962's split point k.
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

Hash hash_leaf(std::string_view data) {
  // One contiguous buffer and one digest call: cheaper than a streaming context per leaf.
  std::string buf;
  buf.reserve(data.size() + 1);
  buf.push_back('\0');
  buf.append(data);
  return core::sha256(std::string_view(buf));
}

Hash hash_children(const Hash& left, const Hash& right) {
  std::uint8_t buf[1 + 2 * sizeof(Hash)];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 1 + sizeof(Hash));
  return core::sha256(std::span<const std::uint8_t>(buf, sizeof buf));
}

Hash empty_root() { return core::sha256(std::string_view()); }

void CompactRange::append(const Hash& leaf_hash) {
  nodes_.push_back(Node{Range{size_, size_ + 1}, leaf_hash});
  ++size_;
  // Merge equal-sized neighbours: the decomposition of size_ into powers of two.
  while (nodes_.size() >= 2 &&
         nodes_[nodes_.size() - 2].range.size() == nodes_.back().range.size()) {
    Node right = nodes_.back();
    nodes_.pop_back();
    Node& left = nodes_.back();
    left.hash = hash_children(left.hash, right.hash);
    left.range.end = right.range.end;
  }
}

Hash CompactRange::root() const {
  if (nodes_.empty()) {
    return empty_root();
  }
  // MTH(D[n]) = H(MTH(D[0:k]), MTH(D[k:n])) where D[0:k] is the largest perfect subtree: fold
  // the decomposition from the right.
  Hash r = nodes_.back().hash;
  for (std::size_t i = nodes_.size() - 1; i-- > 0;) {
    r = hash_children(nodes_[i].hash, r);
  }
  return r;
}

Hash tree_root(std::span<const Hash> leaf_hashes) {
  CompactRange cr;
  for (const Hash& h : leaf_hashes) {
    cr.append(h);
  }
  return cr.root();
}

std::vector<Range> inclusion_ranges(std::uint64_t index, std::uint64_t size) {
  MANDATE_ASSERT(index < size, "inclusion proof for a leaf outside the tree");
  std::vector<Range> path;
  std::uint64_t begin = 0, end = size;
  // PATH(m, D[begin:end]) unrolled: siblings are found top-down, the proof lists them bottom-up.
  while (end - begin > 1) {
    const std::uint64_t k = split_point(end - begin);
    if (index - begin < k) {
      path.push_back(Range{begin + k, end});
      end = begin + k;
    } else {
      path.push_back(Range{begin, begin + k});
      begin += k;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<Range> consistency_ranges(std::uint64_t first, std::uint64_t second) {
  MANDATE_ASSERT(first > 0 && first <= second, "consistency proof for impossible sizes");
  // SUBPROOF(m, D[begin:end], complete) unrolled: each step records the sibling subtree it
  // passes by; the proof is the innermost node (if any) followed by the siblings, bottom-up.
  std::vector<Range> siblings;
  std::vector<Range> out;
  std::uint64_t m = first, begin = 0, end = second;
  bool complete = true;
  while (m != end - begin) {
    const std::uint64_t k = split_point(end - begin);
    if (m <= k) {
      siblings.push_back(Range{begin + k, end});
      end = begin + k;
    } else {
      siblings.push_back(Range{begin, begin + k});
      begin += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) {
    out.push_back(Range{begin, end});
  }
  out.insert(out.end(), siblings.rbegin(), siblings.rend());
  return out;
}

RangeHasher::RangeHasher(std::vector<Range> ranges)
    : ranges_(std::move(ranges)), order_(ranges_.size()), out_(ranges_.size()) {
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::sort(order_.begin(), order_.end(),
            [&](std::size_t a, std::size_t b) { return ranges_[a].begin < ranges_[b].begin; });
  for (std::size_t i = 0; i < order_.size(); ++i) {
    MANDATE_ASSERT(ranges_[order_[i]].size() > 0, "empty range");
    MANDATE_ASSERT(i == 0 || ranges_[order_[i - 1]].end <= ranges_[order_[i]].begin,
                   "ranges overlap");
  }
}

void RangeHasher::add(std::uint64_t index, const Hash& leaf_hash) {
  if (complete()) {
    return;
  }
  const Range& r = ranges_[order_[next_]];
  if (index < r.begin) {
    return;
  }
  MANDATE_ASSERT(index == r.begin + current_.size(), "leaves must arrive in order, without gaps");
  current_.append(leaf_hash);
  if (current_.size() == r.size()) {
    out_[order_[next_]] = current_.root();
    current_ = CompactRange{};
    ++next_;
  }
}

std::vector<Hash> RangeHasher::hashes() const {
  MANDATE_ASSERT(complete(), "range hashes read before every range was fed");
  return out_;
}

namespace {

std::vector<Hash> hash_ranges(std::span<const Hash> leaves, const std::vector<Range>& ranges) {
  std::vector<Hash> out;
  out.reserve(ranges.size());
  for (const Range& r : ranges) {
    out.push_back(tree_root(leaves.subspan(r.begin, r.size())));
  }
  return out;
}

}  // namespace

std::vector<Hash> inclusion_proof(std::span<const Hash> leaf_hashes, std::uint64_t index,
                                  std::uint64_t size) {
  MANDATE_ASSERT(size <= leaf_hashes.size(), "tree larger than its leaves");
  return hash_ranges(leaf_hashes, inclusion_ranges(index, size));
}

std::vector<Hash> consistency_proof(std::span<const Hash> leaf_hashes, std::uint64_t first,
                                    std::uint64_t second) {
  MANDATE_ASSERT(second <= leaf_hashes.size(), "tree larger than its leaves");
  return hash_ranges(leaf_hashes, consistency_ranges(first, second));
}

bool root_from_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                         std::span<const Hash> proof, Hash& root) {
  if (index >= size) {
    return false;
  }
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) {
      return false;  // the proof is longer than the path
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = hash_children(p, r);
      // A right edge without a sibling: climb until this node is a right child again.
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = hash_children(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return false;  // the proof is shorter than the path
  }
  root = r;
  return true;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                      std::span<const Hash> proof, const Hash& root) {
  Hash r{};
  return root_from_inclusion(index, size, leaf_hash, proof, r) && r == root;
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
  // RFC 9162 §2.1.4.2. When `first` is a power of two, its root is the first node of the path.
  std::size_t i = 0;
  Hash fr{}, sr{};
  if (std::has_single_bit(first)) {
    fr = sr = first_root;
  } else {
    fr = sr = proof[0];
    i = 1;
  }
  std::uint64_t fn = first - 1, sn = second - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  for (; i < proof.size(); ++i) {
    const Hash& c = proof[i];
    if (sn == 0) {
      return false;
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = hash_children(c, fr);
      sr = hash_children(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = hash_children(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == first_root && sr == second_root;
}

}  // namespace mandate::ledger
