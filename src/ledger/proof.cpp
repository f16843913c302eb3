// ledger/proof.cpp — inclusion proofs against the latest checkpoint (see proof.hpp).
#include "ledger/proof.hpp"

namespace mandate::ledger {

Result<InclusionProof> prove(store::Transaction& tx, OrgId org, std::int64_t seq) {
  auto cp = latest_checkpoint(tx, org);
  if (!cp) {
    return fail(Errc::not_found, "No checkpoint exists for this organization yet.");
  }
  if (seq < 1 || seq > cp->tree_size) {
    return fail(Errc::not_found, "Entry #" + std::to_string(seq) +
                                     " is not covered by the latest checkpoint (size " +
                                     std::to_string(cp->tree_size) + ").");
  }
  auto row = tx.query_one(
      "SELECT " + entry_columns() + " FROM ledger_entries WHERE org_id = ? AND seq = ?", org, seq);
  if (!row) {
    return fail(Errc::not_found, "Entry #" + std::to_string(seq) + " does not exist.");
  }
  const Entry e = entry_from_row(*row);
  InclusionProof p;
  p.org = org;
  p.seq = seq;
  p.leaf_index = static_cast<std::uint64_t>(seq - 1);
  p.tree_size = static_cast<std::uint64_t>(cp->tree_size);
  p.leaf_bytes = leaf_bytes(e);
  p.leaf_hash = e.leaf_hash;
  RangeHasher path(inclusion_ranges(p.leaf_index, p.tree_size));
  const auto n = for_each_leaf_hash(tx, org, cp->tree_size,
                                    [&](std::uint64_t i, const Hash& h) { path.add(i, h); });
  const std::string damaged =
      "Entry #" + std::to_string(seq) +
      " no longer matches the latest checkpoint: the ledger was altered; run `mandate verify`.";
  if (n != p.tree_size || !path.complete() || hash_leaf(p.leaf_bytes) != p.leaf_hash) {
    return fail(Errc::conflict, damaged);
  }
  p.path = path.hashes();
  p.checkpoint = *cp;
  if (!verify_inclusion(p.leaf_index, p.tree_size, p.leaf_hash, p.path, cp->root)) {
    return fail(Errc::conflict, damaged);
  }
  return p;
}

std::string render(const InclusionProof& p) {
  std::string out;
  out += "org: " + p.org.str() + "\n";
  out += "seq: " + std::to_string(p.seq) + "\n";
  out += "leaf_index: " + std::to_string(p.leaf_index) + "\n";
  out += "tree_size: " + std::to_string(p.tree_size) + "\n";
  out += "leaf_bytes: " + p.leaf_bytes + "\n";
  out += "leaf_hash: " + core::hex(p.leaf_hash) + "\n";
  for (const auto& h : p.path) {
    out += "path: " + core::hex(h) + "\n";
  }
  out += "checkpoint:\n" + p.checkpoint.note;
  return out;
}

}  // namespace mandate::ledger
