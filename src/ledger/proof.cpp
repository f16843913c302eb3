// ledger/proof.cpp — inclusion proofs against the latest checkpoint (see proof.hpp).
#include "ledger/proof.hpp"

namespace mandate::ledger {

Result<InclusionProof> prove(store::Transaction& tx, OrgId org, std::int64_t seq) {
  auto cp = latest_checkpoint(tx, org);
  if (!cp || seq < 1 || seq > cp->tree_size) {
    return fail(Errc::not_found, cp ? "Entry #" + std::to_string(seq) +
                                          " is not covered by the latest checkpoint (size " +
                                          std::to_string(cp->tree_size) + ")."
                                    : std::string("No checkpoint exists for this organization yet."));
  }
  auto row = tx.query_one("SELECT " + entry_columns() + " FROM ledger_entries WHERE org_id = ? AND seq = ?",
                          org, seq);
  if (!row) {
    return fail(Errc::not_found, "Entry #" + std::to_string(seq) + " does not exist.");
  }
  Entry e = entry_from_row(*row);
  Tree tree(leaf_hashes(tx, org, cp->tree_size));
  InclusionProof p;
  p.org = org;
  p.seq = seq;
  p.leaf_index = static_cast<std::uint64_t>(seq - 1);
  p.tree_size = static_cast<std::uint64_t>(cp->tree_size);
  p.leaf_bytes = leaf_bytes(e);
  p.leaf_hash = e.leaf_hash;
  p.path = tree.inclusion_proof(p.leaf_index, p.tree_size);
  p.checkpoint = *cp;
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
