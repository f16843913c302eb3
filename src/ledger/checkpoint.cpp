// ledger/checkpoint.cpp — signed checkpoints (see checkpoint.hpp).
#include "ledger/checkpoint.hpp"

#include <charconv>

#include "core/crypto.hpp"
#include "ledger/ledger.hpp"

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

constexpr const char* kCheckpointCols = "org_id, tree_size, root_hash, note, created_at";

Checkpoint from_row(const store::Row& r) {
  return Checkpoint{OrgId{r.int64(0)}, r.int64(1), to_hash(r.blob(2)), r.text(3),
                    core::Timestamp{r.int64(4)}};
}

[[noreturn]] void damaged(OrgId org, const std::string& what) {
  throw StoreError("the ledger of " +
                   (org.value == 0 ? std::string("the instance log") : "organization " + org.str()) +
                   " is damaged (" + what +
                   "), so no checkpoint is signed over it; run `mandate verify` to locate it");
}

struct TreeHead {
  std::int64_t size = 0;
  Hash root{};
};

// The organization's current size and root, checked before anything is signed over them: the
// entries up to `latest` must still produce its root, and every later entry must be in
// sequence and match its leaf hash. Reads in chunks; memory stays flat.
TreeHead current_tree(store::Transaction& tx, OrgId org, const std::optional<Checkpoint>& latest) {
  const std::int64_t head = size(tx, org);
  const std::int64_t known = latest ? latest->tree_size : 0;
  if (known > head) {
    damaged(org, "the head says " + std::to_string(head) + " entries but a checkpoint covers " +
                     std::to_string(known));
  }
  CompactRange tree;
  if (known > 0) {
    const auto n = for_each_leaf_hash(tx, org, known,
                                      [&](std::uint64_t, const Hash& h) { tree.append(h); });
    if (n != static_cast<std::uint64_t>(known) || tree.root() != latest->root) {
      damaged(org, "entries #1 to #" + std::to_string(known) +
                       " no longer produce the root of their checkpoint");
    }
  }
  std::int64_t expected = known + 1;
  std::string bytes;
  while (expected <= head) {
    auto rows = tx.query(
        "SELECT seq, at, actor_kind, actor_id, actor_label, entity_type, entity_id, action, "
        "payload, leaf_hash FROM ledger_entries WHERE org_id = ? AND seq >= ? AND seq <= ? "
        "ORDER BY seq LIMIT ?",
        org, expected, head, kLeafChunk);
    if (rows.empty()) {
      break;
    }
    for (const auto& r : rows) {
      const std::int64_t seq = r.int64(0);
      if (seq != expected) {
        damaged(org, "entry #" + std::to_string(expected) + " is missing");
      }
      bytes.clear();
      append_leaf_bytes(LeafFields{org.value, seq, r.int64(1), r.text(2), r.int64(3), r.text(4),
                                   r.text(5), r.text(6), r.text(7), r.text(8)},
                        bytes);
      const Hash stored = to_hash(r.blob(9));
      if (hash_leaf(bytes) != stored) {
        damaged(org, "entry #" + std::to_string(seq) + " does not match its leaf hash");
      }
      tree.append(stored);
      ++expected;
    }
  }
  if (expected != head + 1) {
    damaged(org, "entry #" + std::to_string(expected) + " is missing");
  }
  return TreeHead{head, tree.root()};
}

// Inserts unless a checkpoint of that size exists (another server got there first); returns
// whether a row was written.
bool store_checkpoint(store::Transaction& tx, const Checkpoint& cp) {
  return tx.exec(
             "INSERT INTO ledger_checkpoints (org_id, tree_size, root_hash, note, created_at) "
             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, tree_size) DO NOTHING",
             cp.org, cp.tree_size, store::Blob{std::string(cp.root.begin(), cp.root.end())},
             cp.note, cp.created_at.us) > 0;
}

Checkpoint sign(OrgId org, const TreeHead& t, const Signer& signer, core::Timestamp now) {
  return Checkpoint{org, t.size, t.root,
                    signer.signed_note(note_body(origin_of(signer.name(), org), t.size, t.root)),
                    now};
}

bool parse_size(std::string_view s, std::int64_t& out) {
  // Decimal ASCII, no sign, no leading zeros (except "0" itself).
  if (s.empty() || (s.size() > 1 && s[0] == '0')) {
    return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && out >= 0;
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
  if (note.empty() || note.back() != '\n') {
    return std::nullopt;
  }
  for (char ch : note) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      return std::nullopt;
    }
  }
  // The signature block starts after the last blank line (as in Go's note.Open).
  const auto sep = note.rfind("\n\n");
  if (sep == std::string_view::npos) {
    return std::nullopt;
  }
  ParsedNote p;
  p.body = std::string(note.substr(0, sep + 1));
  std::vector<std::string_view> lines;
  for (std::string_view rest = p.body; !rest.empty();) {
    const auto nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  for (auto line : lines) {
    if (line.empty()) {
      return std::nullopt;
    }
  }
  if (lines.size() < 3) {
    return std::nullopt;
  }
  p.origin = std::string(lines[0]);
  auto root = core::unbase64(lines[2]);
  if (!parse_size(lines[1], p.size) || !root || root->size() != p.root.size()) {
    return std::nullopt;
  }
  p.root = to_hash(*root);
  for (std::string_view sigs = note.substr(sep + 2); !sigs.empty();) {
    const auto nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (!line.starts_with(kEmDash) || line.size() < kEmDash.size() + 2 ||
        line[kEmDash.size()] != ' ') {
      return std::nullopt;
    }
    line.remove_prefix(kEmDash.size() + 1);
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
      return std::nullopt;
    }
    ParsedNote::Signature s;
    s.name = std::string(line.substr(0, space));
    auto blob = core::unbase64(line.substr(space + 1));
    if (!valid_key_name(s.name) || !blob || blob->size() < 5) {
      return std::nullopt;
    }
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
    if (s.name == name && s.key_id == id && s.signature.size() == 64 &&
        core::ed25519_verify(public_key, note.body, s.signature)) {
      return true;
    }
  }
  return false;
}

std::vector<Hash> leaf_hashes(store::Transaction& tx, OrgId org, std::int64_t limit) {
  std::vector<Hash> out;
  for_each_leaf_hash(tx, org, limit < 0 ? INT64_MAX : limit,
                     [&](std::uint64_t, const Hash& h) { out.push_back(h); });
  return out;
}

std::optional<Checkpoint> latest_checkpoint(store::Transaction& tx, OrgId org) {
  auto r = tx.query_one(std::string("SELECT ") + kCheckpointCols +
                            " FROM ledger_checkpoints WHERE org_id = ? "
                            "ORDER BY tree_size DESC LIMIT 1",
                        org);
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

std::vector<Checkpoint> checkpoints(store::Transaction& tx, OrgId org) {
  std::vector<Checkpoint> out;
  for (const auto& r : tx.query(std::string("SELECT ") + kCheckpointCols +
                                    " FROM ledger_checkpoints WHERE org_id = ? ORDER BY tree_size",
                                org)) {
    out.push_back(from_row(r));
  }
  return out;
}

Checkpoint write_checkpoint(store::Transaction& tx, OrgId org, const Signer& signer,
                            core::Timestamp now) {
  auto latest = latest_checkpoint(tx, org);
  if (latest && latest->tree_size >= size(tx, org)) {
    return *latest;
  }
  const TreeHead t = current_tree(tx, org, latest);
  Checkpoint cp = sign(org, t, signer, now);
  if (t.size == 0 || store_checkpoint(tx, cp)) {
    return cp;
  }
  return *latest_checkpoint(tx, org);  // a concurrent writer stored this size first
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
  std::string failures;
  for (OrgId org : grown) {
    std::optional<TreeHead> t;
    try {
      t = db.read([&](store::Transaction& tx) -> std::optional<TreeHead> {
        auto latest = latest_checkpoint(tx, org);
        if (latest && latest->tree_size >= size(tx, org)) {
          return std::nullopt;
        }
        return current_tree(tx, org, latest);
      });
    } catch (const StoreError& e) {
      failures += (failures.empty() ? "" : "; ") + std::string(e.what());
      continue;
    }
    if (!t || t->size == 0) {
      continue;
    }
    const Checkpoint cp = sign(org, *t, signer, clock.now());
    db.write([&](store::Transaction& tx) {
      // The entries up to t->size never change, so the root computed from the read snapshot
      // is still right; only skip when someone already covered this size or more.
      auto latest = latest_checkpoint(tx, org);
      if ((!latest || latest->tree_size < cp.tree_size) && store_checkpoint(tx, cp)) {
        ++written;
      }
    });
  }
  if (!failures.empty()) {
    throw StoreError(failures);
  }
  return written;
}

}  // namespace mandate::ledger
