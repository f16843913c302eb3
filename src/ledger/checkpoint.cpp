// ledger/checkpoint.cpp — signed checkpoints (see checkpoint.hpp).
#include "ledger/checkpoint.hpp"

#include <charconv>

#include "core/crypto.hpp"

namespace mandate::ledger {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";

Hash to_hash(const std::string& bytes) {
  Hash h{};
  if (bytes.size() == h.size()) {
    std::copy(bytes.begin(), bytes.end(), h.begin());
  }
  return h;
}

Checkpoint from_row(const store::Row& r) {
  return Checkpoint{OrgId{r.int64(0)}, r.int64(1), to_hash(r.blob(2)), r.text(3),
                    core::Timestamp{r.int64(4)}};
}

}  // namespace

std::string origin_of(std::string_view instance_name, OrgId org) {
  return std::string(instance_name) + "/org/" + std::to_string(org.value);
}

std::string note_body(std::string_view origin, std::int64_t size, const Hash& root) {
  return std::string(origin) + "\n" + std::to_string(size) + "\n" +
         core::base64(std::string(root.begin(), root.end())) + "\n";
}

std::optional<ParsedNote> parse_note(std::string_view note) {
  auto sep = note.find("\n\n");
  if (sep == std::string_view::npos) {
    return std::nullopt;
  }
  ParsedNote p;
  p.body = std::string(note.substr(0, sep + 1));
  // Body: origin, size, root (extension lines are allowed after them but not used here).
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < p.body.size();) {
    auto nl = p.body.find('\n', pos);
    lines.emplace_back(std::string_view(p.body).substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() < 3 || lines[0].empty()) {
    return std::nullopt;
  }
  p.origin = std::string(lines[0]);
  auto [ptr, ec] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), p.size);
  if (ec != std::errc() || ptr != lines[1].data() + lines[1].size() || p.size < 0) {
    return std::nullopt;
  }
  auto root = core::unbase64(lines[2]);
  if (!root || root->size() != 32) {
    return std::nullopt;
  }
  p.root = to_hash(*root);
  // Signature lines: "— <name> <base64>".
  std::string_view sigs = note.substr(sep + 2);
  while (!sigs.empty()) {
    auto nl = sigs.find('\n');
    if (nl == std::string_view::npos) {
      return std::nullopt;  // every line ends with a newline
    }
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (!line.starts_with(kEmDash) || line.size() < kEmDash.size() + 2 ||
        line[kEmDash.size()] != ' ') {
      return std::nullopt;
    }
    line.remove_prefix(kEmDash.size() + 1);
    auto space = line.rfind(' ');
    if (space == std::string_view::npos) {
      return std::nullopt;
    }
    auto blob = core::unbase64(line.substr(space + 1));
    if (!blob || blob->size() < 5) {
      return std::nullopt;
    }
    ParsedNote::Signature s;
    s.name = std::string(line.substr(0, space));
    const auto* b = reinterpret_cast<const unsigned char*>(blob->data());
    s.key_id = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
               (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
    s.signature = blob->substr(4);
    p.signatures.push_back(std::move(s));
  }
  if (p.signatures.empty()) {
    return std::nullopt;
  }
  return p;
}

bool note_signed_by(const ParsedNote& note, std::string_view name, std::string_view public_key) {
  const std::uint32_t id = ed25519_key_id(name, public_key);
  for (const auto& s : note.signatures) {
    if (s.name == name && s.key_id == id && core::ed25519_verify(public_key, note.body, s.signature)) {
      return true;
    }
  }
  return false;
}

std::vector<Hash> leaf_hashes(store::Transaction& tx, OrgId org, std::int64_t limit) {
  std::vector<Hash> out;
  auto rows = limit < 0 ? tx.query("SELECT leaf_hash FROM ledger_entries WHERE org_id = ? ORDER BY seq", org)
                        : tx.query("SELECT leaf_hash FROM ledger_entries WHERE org_id = ? ORDER BY seq LIMIT ?", org, limit);
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(to_hash(r.blob(0)));
  }
  return out;
}

std::optional<Checkpoint> latest_checkpoint(store::Transaction& tx, OrgId org) {
  auto r = tx.query_one(
      "SELECT org_id, tree_size, root_hash, note, created_at FROM ledger_checkpoints "
      "WHERE org_id = ? ORDER BY tree_size DESC LIMIT 1",
      org);
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

std::vector<Checkpoint> checkpoints(store::Transaction& tx, OrgId org) {
  std::vector<Checkpoint> out;
  for (const auto& r : tx.query("SELECT org_id, tree_size, root_hash, note, created_at FROM "
                                "ledger_checkpoints WHERE org_id = ? ORDER BY tree_size",
                                org)) {
    out.push_back(from_row(r));
  }
  return out;
}

Checkpoint write_checkpoint(store::Transaction& tx, OrgId org, const Signer& signer,
                            core::Timestamp now) {
  auto latest = latest_checkpoint(tx, org);
  auto leaves = leaf_hashes(tx, org);
  const auto size = static_cast<std::int64_t>(leaves.size());
  if (latest && latest->tree_size >= size) {
    return *latest;
  }
  Tree tree(std::move(leaves));
  Hash root = tree.root();
  std::string body = note_body(origin_of(signer.name(), org), size, root);
  Checkpoint cp{org, size, root, body + "\n" + signer.sign_note(body), now};
  tx.exec(
      "INSERT INTO ledger_checkpoints (org_id, tree_size, root_hash, note, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      org, size, store::Blob{std::string(root.begin(), root.end())}, cp.note, now.us);
  return cp;
}

std::size_t checkpoint_all(store::Database& db, const Signer& signer, const core::Clock& clock) {
  auto grown = db.read([](store::Transaction& tx) {
    std::vector<OrgId> out;
    for (const auto& r : tx.query(
             "SELECT h.org_id FROM ledger_heads h WHERE h.size > COALESCE((SELECT MAX(tree_size) "
             "FROM ledger_checkpoints c WHERE c.org_id = h.org_id), 0) ORDER BY h.org_id")) {
      out.emplace_back(r.int64(0));
    }
    return out;
  });
  std::size_t written = 0;
  for (OrgId org : grown) {
    db.write([&](store::Transaction& tx) {
      auto before = latest_checkpoint(tx, org);
      auto cp = write_checkpoint(tx, org, signer, clock.now());
      if (!before || cp.tree_size != before->tree_size) {
        ++written;
      }
    });
  }
  return written;
}

}  // namespace mandate::ledger
