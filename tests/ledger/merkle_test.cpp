// tests/ledger/merkle_test.cpp — the RFC 6962 tree against the known-answer vectors that
// certificate-transparency and transparency-dev use (leaf inputs, node hashes and roots from
// transparency-dev/merkle testonly/constants.go; inclusion and consistency proofs from its
// proof/verify_test.go), then property tests against a reference written straight from the
// RFC's recursive definitions: for every tree of 1..70 leaves, every inclusion and consistency
// proof verifies, and any flipped byte, wrong index or wrong size fails.
#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

Hash h(std::string_view hex_digits) {
  auto bytes = core::unhex(hex_digits);
  EXPECT_TRUE(bytes && bytes->size() == 32) << hex_digits;
  Hash out{};
  if (bytes && bytes->size() == 32) {
    std::copy(bytes->begin(), bytes->end(), out.begin());
  }
  return out;
}

std::vector<Hash> hs(std::initializer_list<std::string_view> list) {
  std::vector<Hash> out;
  for (auto s : list) {
    out.push_back(h(s));
  }
  return out;
}

// The eight leaf inputs of the standard vectors.
std::vector<std::string> kat_inputs() {
  return {std::string(),
          std::string("\x00", 1),
          std::string("\x10"),
          std::string("\x20\x21"),
          std::string("\x30\x31"),
          std::string("\x40\x41\x42\x43"),
          std::string("\x50\x51\x52\x53\x54\x55\x56\x57"),
          std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f")};
}

std::vector<Hash> kat_leaves() {
  std::vector<Hash> out;
  for (const auto& in : kat_inputs()) {
    out.push_back(hash_leaf(in));
  }
  return out;
}

// roots[n] = MTH of the first n inputs.
const std::vector<Hash>& kat_roots() {
  static const auto roots = hs({
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  });
  return roots;
}

TEST(MerkleKatTest, LeafAndNodeHashesMatchTheReference) {
  const auto leaves = kat_leaves();
  EXPECT_EQ(leaves, hs({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"}));
  const std::vector<Hash> level1 = hs({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                                       "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                       "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                       "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"});
  for (std::size_t j = 0; j < 4; ++j) {
    EXPECT_EQ(hash_children(leaves[2 * j], leaves[2 * j + 1]), level1[j]) << j;
  }
  EXPECT_EQ(hash_children(level1[0], level1[1]),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
  EXPECT_EQ(hash_children(level1[2], level1[3]),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
}

TEST(MerkleKatTest, RootsOfEverySizeMatchTheReference) {
  const auto leaves = kat_leaves();
  EXPECT_EQ(empty_root(), kat_roots()[0]);
  CompactRange cr;
  EXPECT_EQ(cr.root(), kat_roots()[0]);
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    EXPECT_EQ(tree_root(std::span(leaves).first(n)), kat_roots()[n]) << "size " << n;
    cr.append(leaves[n - 1]);
    EXPECT_EQ(cr.root(), kat_roots()[n]) << "size " << n;
  }
}

TEST(MerkleKatTest, CompactRangeHoldsThePerfectSubtreesOfTheReference) {
  // transparency-dev testonly.CompactTrees(): the decomposition at sizes 3, 6 and 7.
  const auto leaves = kat_leaves();
  CompactRange cr;
  std::vector<std::vector<CompactRange::Node>> at(9);
  for (std::size_t n = 1; n <= 8; ++n) {
    cr.append(leaves[n - 1]);
    at[n] = cr.nodes();
  }
  ASSERT_EQ(at[3].size(), 2u);
  EXPECT_EQ(at[3][0].range, (Range{0, 2}));
  EXPECT_EQ(at[3][0].hash, h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
  EXPECT_EQ(at[3][1].hash, leaves[2]);
  ASSERT_EQ(at[7].size(), 3u);
  EXPECT_EQ(at[7][0].hash, h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
  EXPECT_EQ(at[7][1].hash, h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"));
  EXPECT_EQ(at[7][2].hash, leaves[6]);
  ASSERT_EQ(at[8].size(), 1u);
  EXPECT_EQ(at[8][0].hash, kat_roots()[8]);
}

struct InclusionVector {
  std::uint64_t leaf;  // 1-based, as in the reference table
  std::uint64_t size;
  std::vector<Hash> proof;
};

std::vector<InclusionVector> inclusion_vectors() {
  return {
      {1, 1, {}},
      {1, 8, hs({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                 "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8, hs({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                 "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {3, 3, hs({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {2, 5, hs({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                 "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
}

struct ConsistencyVector {
  std::uint64_t first, second;
  std::vector<Hash> proof;
};

std::vector<ConsistencyVector> consistency_vectors() {
  return {
      {1, 1, {}},
      {1, 8, hs({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                 "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8, hs({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                 "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5, hs({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
      {6, 7, hs({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                 "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
  };
}

Hash some_hash() { return h("abacaba000000000000000000000000000000000000000000060061e00123456"); }

TEST(MerkleKatTest, InclusionProofsMatchTheReferenceAndVerify) {
  const auto leaves = kat_leaves();
  for (const auto& v : inclusion_vectors()) {
    SCOPED_TRACE("leaf " + std::to_string(v.leaf) + " of " + std::to_string(v.size));
    const std::uint64_t index = v.leaf - 1;
    const Hash& root = kat_roots()[v.size];
    EXPECT_EQ(inclusion_proof(leaves, index, v.size), v.proof);
    EXPECT_TRUE(verify_inclusion(index, v.size, leaves[index], v.proof, root));
    Hash computed{};
    ASSERT_TRUE(root_from_inclusion(index, v.size, leaves[index], v.proof, computed));
    EXPECT_EQ(computed, root);

    // The corruptions of the reference suite must all fail.
    EXPECT_FALSE(verify_inclusion(index - 1, v.size, leaves[index], v.proof, root));
    EXPECT_FALSE(verify_inclusion(index + 1, v.size, leaves[index], v.proof, root));
    EXPECT_FALSE(verify_inclusion(index ^ 2, v.size, leaves[index], v.proof, root));
    EXPECT_FALSE(verify_inclusion(index, v.size * 2, leaves[index], v.proof, root));
    EXPECT_FALSE(verify_inclusion(index, v.size / 2, leaves[index], v.proof, root));
    EXPECT_FALSE(verify_inclusion(index, v.size, hash_leaf("WrongLeaf"), v.proof, root));
    EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], v.proof, empty_root()));
    EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], v.proof, some_hash()));
    auto longer = v.proof;
    longer.push_back(Hash{});
    EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], longer, root));
    longer.back() = root;
    EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], longer, root));
    auto preceded = v.proof;
    preceded.insert(preceded.begin(), root);
    EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], preceded, root));
    for (std::size_t i = 0; i < v.proof.size(); ++i) {
      auto wrong = v.proof;
      wrong[i][0] ^= 8;
      EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], wrong, root)) << i;
    }
    if (!v.proof.empty()) {
      std::vector<Hash> shorter(v.proof.begin(), v.proof.end() - 1);
      EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], shorter, root));
    }
    if (v.proof.size() > 1) {
      auto inserted = v.proof;
      inserted.insert(inserted.begin() + 1, some_hash());
      EXPECT_FALSE(verify_inclusion(index, v.size, leaves[index], inserted, root));
    }
  }
}

TEST(MerkleKatTest, InclusionOfImpossibleLeavesFails) {
  const std::vector<Hash> none;
  for (auto [index, size] : {std::pair<std::uint64_t, std::uint64_t>{0, 0}, {1, 0}, {2, 1}}) {
    EXPECT_FALSE(verify_inclusion(index, size, some_hash(), none, empty_root()));
  }
  // A one-leaf tree: the root is the leaf hash and the proof is empty.
  const Hash leaf = hash_leaf("data");
  EXPECT_TRUE(verify_inclusion(0, 1, leaf, none, leaf));
  EXPECT_FALSE(verify_inclusion(0, 1, leaf, none, empty_root()));
}

TEST(MerkleKatTest, ConsistencyProofsMatchTheReferenceAndVerify) {
  const auto leaves = kat_leaves();
  for (const auto& v : consistency_vectors()) {
    SCOPED_TRACE(std::to_string(v.first) + " -> " + std::to_string(v.second));
    const Hash& r1 = kat_roots()[v.first];
    const Hash& r2 = kat_roots()[v.second];
    EXPECT_EQ(consistency_proof(leaves, v.first, v.second), v.proof);
    EXPECT_TRUE(verify_consistency(v.first, v.second, r1, r2, v.proof));
    if (v.proof.empty()) {
      continue;
    }
    EXPECT_FALSE(verify_consistency(v.first - 1, v.second, r1, r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first + 1, v.second, r1, r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first ^ 2, v.second, r1, r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second * 2, r1, r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second / 2, r1, r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second, some_hash(), r2, v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second, r1, some_hash(), v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second, r2, r1, v.proof));
    EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, std::vector<Hash>{}));
    for (const Hash& extra : {Hash{}, r1, r2}) {
      auto longer = v.proof;
      longer.push_back(extra);
      EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, longer));
      auto preceded = v.proof;
      preceded.insert(preceded.begin(), extra);
      EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, preceded));
    }
    auto preceded = v.proof;
    preceded.insert(preceded.begin(), v.proof[0]);
    EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, preceded));
    std::vector<Hash> truncated(v.proof.begin(), v.proof.end() - 1);
    EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, truncated));
    for (std::size_t i = 0; i < v.proof.size(); ++i) {
      auto wrong = v.proof;
      wrong[i][0] ^= 16;
      EXPECT_FALSE(verify_consistency(v.first, v.second, r1, r2, wrong)) << i;
    }
  }
}

TEST(MerkleKatTest, TrivialConsistencyCasesFollowTheReference) {
  const Hash a = hash_leaf("don't care 1"), b = hash_leaf("don't care 2");
  const std::vector<Hash> none;
  const std::vector<Hash> one{empty_root()};
  EXPECT_FALSE(verify_consistency(0, 0, a, b, none));
  EXPECT_FALSE(verify_consistency(1, 1, a, b, none));
  EXPECT_TRUE(verify_consistency(0, 0, a, a, none));
  EXPECT_TRUE(verify_consistency(0, 1, a, b, none));
  EXPECT_TRUE(verify_consistency(1, 1, b, b, none));
  EXPECT_FALSE(verify_consistency(1, 0, a, b, none));
  EXPECT_FALSE(verify_consistency(2, 1, a, b, none));
  EXPECT_FALSE(verify_consistency(1, 2, a, b, none));
  EXPECT_FALSE(verify_consistency(0, 0, empty_root(), b, none));
  EXPECT_FALSE(verify_consistency(1, 1, empty_root(), b, none));
  EXPECT_FALSE(verify_consistency(0, 0, empty_root(), empty_root(), one));
  EXPECT_FALSE(verify_consistency(0, 1, empty_root(), empty_root(), one));
  EXPECT_FALSE(verify_consistency(1, 1, empty_root(), empty_root(), one));
}

// ---- Property tests against the RFC's recursive definitions --------------------------------

std::uint64_t k_of(std::uint64_t n) {  // largest power of two < n
  std::uint64_t k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

Hash ref_mth(std::span<const Hash> d) {
  if (d.empty()) {
    return empty_root();
  }
  if (d.size() == 1) {
    return d[0];
  }
  const auto k = k_of(d.size());
  return hash_children(ref_mth(d.first(k)), ref_mth(d.subspan(k)));
}

std::vector<Hash> ref_path(std::uint64_t m, std::span<const Hash> d) {
  if (d.size() <= 1) {
    return {};
  }
  const auto k = k_of(d.size());
  std::vector<Hash> out;
  if (m < k) {
    out = ref_path(m, d.first(k));
    out.push_back(ref_mth(d.subspan(k)));
  } else {
    out = ref_path(m - k, d.subspan(k));
    out.push_back(ref_mth(d.first(k)));
  }
  return out;
}

std::vector<Hash> ref_subproof(std::uint64_t m, std::span<const Hash> d, bool complete) {
  if (m == d.size()) {
    return complete ? std::vector<Hash>{} : std::vector<Hash>{ref_mth(d)};
  }
  const auto k = k_of(d.size());
  std::vector<Hash> out;
  if (m <= k) {
    out = ref_subproof(m, d.first(k), complete);
    out.push_back(ref_mth(d.subspan(k)));
  } else {
    out = ref_subproof(m - k, d.subspan(k), false);
    out.push_back(ref_mth(d.first(k)));
  }
  return out;
}

std::vector<Hash> numbered_leaves(std::size_t n) {
  std::vector<Hash> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(hash_leaf(std::to_string(i)));
  }
  return out;
}

TEST(MerklePropertyTest, RootsMatchTheRecursiveDefinition) {
  const auto all = numbered_leaves(70);
  CompactRange cr;
  for (std::size_t n = 1; n <= all.size(); ++n) {
    cr.append(all[n - 1]);
    const auto d = std::span(all).first(n);
    EXPECT_EQ(tree_root(d), ref_mth(d)) << n;
    EXPECT_EQ(cr.root(), ref_mth(d)) << n;
    // The compact range is the binary decomposition of n.
    EXPECT_EQ(cr.nodes().size(), static_cast<std::size_t>(std::popcount(n))) << n;
  }
}

TEST(MerklePropertyTest, EveryInclusionProofVerifiesAndNoCorruptedOneDoes) {
  const auto all = numbered_leaves(70);
  for (std::uint64_t n = 1; n <= all.size(); ++n) {
    const auto d = std::span(all).first(n);
    const Hash root = ref_mth(d);
    for (std::uint64_t i = 0; i < n; ++i) {
      SCOPED_TRACE("index " + std::to_string(i) + " of " + std::to_string(n));
      const auto proof = inclusion_proof(all, i, n);
      ASSERT_EQ(proof, ref_path(i, d));
      ASSERT_TRUE(verify_inclusion(i, n, all[i], proof, root));
      // The streaming form gives the same proof.
      RangeHasher rh(inclusion_ranges(i, n));
      for (std::uint64_t j = 0; j < n; ++j) {
        rh.add(j, all[j]);
      }
      ASSERT_TRUE(rh.complete());
      ASSERT_EQ(rh.hashes(), proof);
      for (std::size_t p = 0; p < proof.size(); ++p) {
        for (std::size_t byte : {std::size_t{0}, std::size_t{31}}) {
          auto wrong = proof;
          wrong[p][byte] ^= 0x01;
          ASSERT_FALSE(verify_inclusion(i, n, all[i], wrong, root)) << p;
        }
      }
      auto bad_leaf = all[i];
      bad_leaf[7] ^= 0x80;
      ASSERT_FALSE(verify_inclusion(i, n, bad_leaf, proof, root));
      auto bad_root = root;
      bad_root[0] ^= 0x01;
      ASSERT_FALSE(verify_inclusion(i, n, all[i], proof, bad_root));
      if (n > 1) {
        ASSERT_FALSE(verify_inclusion((i + 1) % n, n, all[i], proof, root));
      }
      // A proof does not bind the tree size beyond its shape (RFC 9162 checks the path length),
      // so a wrong size must fail whenever it implies a path of another length.
      for (std::uint64_t other : {n + 1, 2 * n, n - 1}) {
        if (other > i && other != n && inclusion_ranges(i, other).size() != proof.size()) {
          ASSERT_FALSE(verify_inclusion(i, other, all[i], proof, root)) << other;
        }
      }
    }
  }
}

TEST(MerklePropertyTest, EveryConsistencyProofVerifiesAndNoCorruptedOneDoes) {
  const auto all = numbered_leaves(70);
  std::vector<Hash> roots{empty_root()};
  for (std::size_t n = 1; n <= all.size(); ++n) {
    roots.push_back(ref_mth(std::span(all).first(n)));
  }
  for (std::uint64_t n = 1; n <= all.size(); ++n) {
    const auto d = std::span(all).first(n);
    for (std::uint64_t m = 1; m <= n; ++m) {
      SCOPED_TRACE(std::to_string(m) + " -> " + std::to_string(n));
      const auto proof = consistency_proof(all, m, n);
      ASSERT_EQ(proof, ref_subproof(m, d, true));
      ASSERT_TRUE(verify_consistency(m, n, roots[m], roots[n], proof));
      // Every node below m is one of the compact range's nodes at m.
      const auto ranges = consistency_ranges(m, n);
      CompactRange at_m;
      for (std::uint64_t j = 0; j < m; ++j) {
        at_m.append(all[j]);
      }
      for (const Range& r : ranges) {
        ASSERT_TRUE(r.end <= m || r.begin >= m);
        if (r.end <= m) {
          bool found = false;
          for (const auto& node : at_m.nodes()) {
            found = found || node.range == r;
          }
          ASSERT_TRUE(found);
        }
      }
      for (std::size_t p = 0; p < proof.size(); ++p) {
        auto wrong = proof;
        wrong[p][p % 32] ^= 0x04;
        ASSERT_FALSE(verify_consistency(m, n, roots[m], roots[n], wrong)) << p;
      }
      if (m < n) {
        auto r1 = roots[m];
        r1[31] ^= 0x01;
        ASSERT_FALSE(verify_consistency(m, n, r1, roots[n], proof));
        auto r2 = roots[n];
        r2[0] ^= 0x01;
        ASSERT_FALSE(verify_consistency(m, n, roots[m], r2, proof));
        for (std::uint64_t other : {n + 1, 2 * n}) {
          if (consistency_ranges(m, other).size() != proof.size()) {
            ASSERT_FALSE(verify_consistency(m, other, roots[m], roots[n], proof)) << other;
          }
        }
      }
    }
  }
}

TEST(MerklePropertyTest, RangeHasherComputesDisjointRangesInOnePass) {
  const auto all = numbered_leaves(40);
  const std::vector<Range> ranges{{32, 40}, {3, 4}, {8, 16}, {17, 31}};
  RangeHasher rh(ranges);
  EXPECT_FALSE(rh.complete());
  for (std::uint64_t j = 0; j < all.size(); ++j) {
    rh.add(j, all[j]);
  }
  ASSERT_TRUE(rh.complete());
  const auto got = rh.hashes();
  ASSERT_EQ(got.size(), ranges.size());
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_EQ(got[i], ref_mth(std::span(all).subspan(ranges[i].begin, ranges[i].size()))) << i;
  }
}

}  // namespace
}  // namespace mandate::ledger
