// ledger/ledger.cpp — appending and reading entries (see ledger.hpp).
#include "ledger/ledger.hpp"

#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

namespace json = core::json;

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

}  // namespace

std::string_view actor_kind_name(ActorKind k) {
  switch (k) {
    case ActorKind::user: return "user";
    case ActorKind::token: return "token";
    case ActorKind::system: return "system";
  }
  return "system";
}

std::string leaf_bytes(const Entry& e) {
  json::object o{{"org", e.org.value},
                 {"seq", e.seq},
                 {"at", core::format_timestamp_us(e.at)},
                 {"actor_kind", actor_kind_name(e.actor.kind)},
                 {"actor_id", e.actor.id},
                 {"actor_label", e.actor.label},
                 {"entity_type", e.entity_type},
                 {"entity_id", e.entity_id},
                 {"action", e.action}};
  // The payload is stored canonical; parse it so the leaf is one canonical document. A payload
  // that is not JSON (tampering) still hashes deterministically as a string.
  boost::system::error_code ec;
  auto data = json::parse(e.payload, ec);
  o["data"] = ec ? json::value(e.payload) : std::move(data);
  return core::canonical_json(o);
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
  // Serialize appends per organization. PostgreSQL: a row lock on the organization's head
  // (created on first use); SQLite: the single writer connection already serializes.
  std::int64_t head = 0;
  if (tx.dialect() == store::Dialect::postgres) {
    tx.exec("INSERT INTO ledger_heads (org_id, size) VALUES (?, 0) ON CONFLICT (org_id) DO NOTHING",
            in.org);
    head = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ? FOR UPDATE", in.org)->int64(0);
  } else {
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
  // Disabled filters compare against neutral values so the statement text never changes.
  std::string sql = std::string("SELECT ") + kCols +
                    " FROM ledger_entries WHERE org_id = ?"
                    " AND (? = '' OR entity_type = ?) AND (? = '' OR entity_id = ?)"
                    " AND (? = '' OR LOWER(actor_label) LIKE LOWER(?) ESCAPE '\\')"
                    " AND at >= ? AND at < ? AND (? = 0 OR seq < ?)"
                    " ORDER BY seq DESC LIMIT ?";
  std::string actor = f.actor_label.value_or("");
  std::string pattern = "%";
  for (char c : actor) {
    if (c == '%' || c == '_' || c == '\\') {
      pattern.push_back('\\');
    }
    pattern.push_back(c);
  }
  pattern.push_back('%');
  const std::string type = f.entity_type.value_or(""), id = f.entity_id.value_or("");
  std::vector<Entry> out;
  for (auto& r : tx.query(sql, org, type, type, id, id, actor, pattern,
                          f.from ? f.from->us : INT64_MIN, f.to ? f.to->us : INT64_MAX,
                          f.before_seq, f.before_seq, std::max(1, f.limit))) {
    out.push_back(entry_from_row(r));
  }
  return out;
}

std::int64_t size(store::Transaction& tx, OrgId org) {
  auto r = tx.query_one("SELECT size FROM ledger_heads WHERE org_id = ?", org);
  return r ? r->int64(0) : 0;
}

}  // namespace mandate::ledger
