// ledger/ledger.cpp — appending and reading entries (see ledger.hpp).
#include "ledger/ledger.hpp"

#include <algorithm>
#include <climits>

#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

std::optional<ActorKind> parse_actor_kind(std::string_view s) {
  for (ActorKind k : {ActorKind::user, ActorKind::token, ActorKind::system}) {
    if (actor_kind_name(k) == s) {
      return k;
    }
  }
  return std::nullopt;
}

constexpr const char* kCols =
    "org_id, seq, at, actor_kind, actor_id, actor_label, entity_type, entity_id, action, "
    "payload, leaf_hash";

// A JSON string exactly as Boost.JSON's serializer writes it (and so as core::canonical_json
// does): '"' and '\\' escaped, control characters as \b \t \n \f \r or \u00xx (lower-case hex),
// every other byte — including non-ASCII — as is. Tested against json::serialize for every byte.
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::string_view actor_kind_name(ActorKind k) {
  switch (k) {
    case ActorKind::user: return "user";
    case ActorKind::token: return "token";
    case ActorKind::system: return "system";
  }
  return "system";
}

void append_leaf_bytes(const LeafFields& f, std::string& out) {
  // Keys in canonical (byte-sorted) order; the "data" value is the stored canonical payload.
  out += "{\"action\":";
  append_json_string(out, f.action);
  out += ",\"actor_id\":";
  out += std::to_string(f.actor_id);
  out += ",\"actor_kind\":";
  append_json_string(out, f.actor_kind);
  out += ",\"actor_label\":";
  append_json_string(out, f.actor_label);
  out += ",\"at\":";
  append_json_string(out, core::format_timestamp_us(core::Timestamp{f.at_us}));
  out += ",\"data\":";
  out += f.payload;
  out += ",\"entity_id\":";
  append_json_string(out, f.entity_id);
  out += ",\"entity_type\":";
  append_json_string(out, f.entity_type);
  out += ",\"org\":";
  out += std::to_string(f.org);
  out += ",\"seq\":";
  out += std::to_string(f.seq);
  out += "}";
}

std::string leaf_bytes(const Entry& e) {
  std::string out;
  out.reserve(256 + e.payload.size());
  append_leaf_bytes(LeafFields{e.org.value, e.seq, e.at.us, actor_kind_name(e.actor.kind),
                               e.actor.id, e.actor.label, e.entity_type, e.entity_id, e.action,
                               e.payload},
                    out);
  return out;
}

core::Sha256 leaf_hash(const Entry& e) { return hash_leaf(leaf_bytes(e)); }

Entry entry_from_row(const store::Row& r) {
  Entry e;
  e.org = OrgId{r.int64(0)};
  e.seq = r.int64(1);
  e.at = core::Timestamp{r.int64(2)};
  e.actor.kind = parse_actor_kind(r.text(3)).value_or(ActorKind::system);
  e.actor.id = r.int64(4);
  e.actor.label = r.text(5);
  e.entity_type = r.text(6);
  e.entity_id = r.text(7);
  e.action = r.text(8);
  e.payload = r.text(9);
  const std::string& h = r.blob(10);
  if (h.size() == e.leaf_hash.size()) {
    std::copy(h.begin(), h.end(), e.leaf_hash.begin());
  }
  return e;
}

std::string entry_columns() { return kCols; }

Entry append(store::Transaction& tx, core::Timestamp at, const EntryInput& in) {
  std::int64_t head = 0;
  if (tx.dialect() == store::Dialect::postgres) {
    // Make sure the head row exists, then lock it: concurrent appends to this organization
    // queue here until our transaction ends, and READ COMMITTED re-reads the row they waited
    // for, so each sees the size the previous one committed.
    tx.exec("INSERT INTO ledger_heads (org_id, size) VALUES (?, 0) ON CONFLICT (org_id) DO NOTHING",
            in.org);
    head = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ? FOR UPDATE", in.org)
               ->int64(0);
  } else {
    // SQLite: every write transaction runs on the one writer connection (BEGIN IMMEDIATE).
    auto row = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ?", in.org);
    head = row ? row->int64(0) : 0;
  }
  Entry e;
  e.org = in.org;
  e.seq = head + 1;
  e.at = at;
  e.actor = in.actor;
  e.entity_type = in.entity_type;
  e.entity_id = in.entity_id;
  e.action = in.action;
  e.payload = core::canonical_json(in.data);
  e.leaf_hash = leaf_hash(e);
  tx.exec(std::string("INSERT INTO ledger_entries (") + kCols +
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.org, e.seq, e.at.us, actor_kind_name(e.actor.kind), e.actor.id, e.actor.label,
          e.entity_type, e.entity_id, e.action, e.payload,
          store::Blob{std::string(e.leaf_hash.begin(), e.leaf_hash.end())});
  tx.exec(
      "INSERT INTO ledger_heads (org_id, size) VALUES (?, ?) "
      "ON CONFLICT (org_id) DO UPDATE SET size = excluded.size",
      e.org, e.seq);
  return e;
}

std::vector<Entry> list(store::Transaction& tx, OrgId org, const Filter& f) {
  // Only the filters in use go into the statement, so the planner can use the index that fits
  // (entity lookups use ledger_entries_entity; a person's history must not scan the whole
  // organization). At most 2^6 statement texts exist; each stays in the prepared cache.
  std::string sql = std::string("SELECT ") + kCols + " FROM ledger_entries WHERE org_id = ?";
  std::vector<store::Value> params;
  params.reserve(8);
  params.emplace_back(std::in_place_type<std::int64_t>, org.value);
  if (f.entity_type) {
    sql += " AND entity_type = ?";
    params.emplace_back(std::in_place_type<std::string>, *f.entity_type);
  }
  if (f.entity_id) {
    sql += " AND entity_id = ?";
    params.emplace_back(std::in_place_type<std::string>, *f.entity_id);
  }
  if (f.actor_label) {
    std::string pattern = "%";
    for (char c : *f.actor_label) {
      if (c == '%' || c == '_' || c == '\\') {
        pattern.push_back('\\');
      }
      pattern.push_back(c);
    }
    pattern.push_back('%');
    sql += " AND LOWER(actor_label) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(std::in_place_type<std::string>, std::move(pattern));
  }
  if (f.from) {
    sql += " AND at >= ?";
    params.emplace_back(std::in_place_type<std::int64_t>, f.from->us);
  }
  if (f.to) {
    sql += " AND at < ?";
    params.emplace_back(std::in_place_type<std::int64_t>, f.to->us);
  }
  if (f.before_seq > 0) {
    sql += " AND seq < ?";
    params.emplace_back(std::in_place_type<std::int64_t>, f.before_seq);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.emplace_back(std::in_place_type<std::int64_t>, std::max(1, f.limit));
  std::vector<Entry> out;
  for (auto& r : tx.query_values(sql, params)) {
    out.push_back(entry_from_row(r));
  }
  return out;
}

std::int64_t size(store::Transaction& tx, OrgId org) {
  auto r = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ?", org);
  return r ? r->int64(0) : 0;
}

std::uint64_t for_each_leaf_hash(store::Transaction& tx, OrgId org, std::int64_t up_to,
                                 const std::function<void(std::uint64_t, const core::Sha256&)>& fn) {
  std::uint64_t index = 0;
  std::int64_t after = INT64_MIN;
  for (;;) {
    auto rows = tx.query(
        "SELECT seq, leaf_hash FROM ledger_entries WHERE org_id = ? AND seq > ? AND seq <= ? "
        "ORDER BY seq LIMIT ?",
        org, after, up_to, kLeafChunk);
    for (const auto& r : rows) {
      after = r.int64(0);
      core::Sha256 h{};
      const std::string* bytes = nullptr;
      if (const auto* b = std::get_if<store::Blob>(&r.at(1))) {
        bytes = &b->bytes;
      } else if (const auto* t = std::get_if<std::string>(&r.at(1))) {
        bytes = t;
      }
      if (bytes != nullptr && bytes->size() == h.size()) {
        std::copy(bytes->begin(), bytes->end(), h.begin());
      }
      fn(index++, h);
    }
    if (rows.size() < static_cast<std::size_t>(kLeafChunk)) {
      return index;
    }
  }
}

}  // namespace mandate::ledger
