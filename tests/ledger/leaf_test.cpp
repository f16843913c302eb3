// tests/ledger/leaf_test.cpp — the bytes a ledger leaf hashes: a pinned example (expected hash
// computed with Python's hashlib), and equality with core::canonical_json of the documented
// object for awkward strings (every byte value, quotes, control characters, UTF-8).
#include <gtest/gtest.h>

#include "core/json.hpp"
#include "ledger/ledger.hpp"
#include "ledger/merkle.hpp"

namespace mandate::ledger {
namespace {

namespace json = core::json;

Entry sample() {
  Entry e;
  e.org = OrgId{7};
  e.seq = 3;
  e.at = *core::parse_timestamp("2026-03-01T09:00:00.123456Z");
  e.actor = Actor{ActorKind::user, 42, "Ada \"the\" Lovelace"};
  e.entity_type = "person";
  e.entity_id = "17";
  e.action = "update";
  e.payload = core::canonical_json(json::object{{"b", 1}, {"a", "x"}});
  return e;
}

// The documented definition, built with the generic canonicaliser.
std::string documented_leaf_bytes(const Entry& e) {
  json::object o{{"org", e.org.value},
                 {"seq", e.seq},
                 {"at", core::format_timestamp_us(e.at)},
                 {"actor_kind", actor_kind_name(e.actor.kind)},
                 {"actor_id", e.actor.id},
                 {"actor_label", e.actor.label},
                 {"entity_type", e.entity_type},
                 {"entity_id", e.entity_id},
                 {"action", e.action},
                 {"data", json::parse(e.payload)}};
  return core::canonical_json(o);
}

TEST(LeafTest, BytesAndHashOfAPinnedEntry) {
  const Entry e = sample();
  EXPECT_EQ(leaf_bytes(e),
            R"({"action":"update","actor_id":42,"actor_kind":"user","actor_label":"Ada \"the\" Lovelace",)"
            R"("at":"2026-03-01T09:00:00.123456Z","data":{"a":"x","b":1},"entity_id":"17",)"
            R"("entity_type":"person","org":7,"seq":3})");
  EXPECT_EQ(core::hex(leaf_hash(e)),
            "a3627fc341dcba9ffda398e682039f32d32648167fbc45b7760a245050ccf5f2");
  EXPECT_EQ(leaf_hash(e), hash_leaf(leaf_bytes(e)));
}

TEST(LeafTest, EqualsCanonicalJsonOfTheDocumentedObjectForEveryByte) {
  std::string every;
  for (int c = 0; c < 256; ++c) {
    every.push_back(static_cast<char>(c));
  }
  Entry e = sample();
  for (const std::string& s :
       {every, std::string("quote \" backslash \\ slash / tab \t nl \n cr \r"),
        std::string("\xE2\x80\x94 \xF0\x9F\x94\x90 caf\xC3\xA9"), std::string()}) {
    e.actor.label = s;
    e.entity_id = s;
    e.entity_type = s;
    e.action = s;
    EXPECT_EQ(leaf_bytes(e), documented_leaf_bytes(e));
  }
  e.payload = core::canonical_json(json::object{
      {"nested", json::object{{"z", json::array{1, 2.5, nullptr, true}}, {"a", "\x01"}}},
      {"big", std::uint64_t{18446744073709551615ull}},
      {"neg", -9223372036854775807LL}});
  EXPECT_EQ(leaf_bytes(e), documented_leaf_bytes(e));
}

TEST(LeafTest, EveryFieldChangesTheHash) {
  const Entry base = sample();
  const Hash h = leaf_hash(base);
  auto differs = [&](auto mutate) {
    Entry e = base;
    mutate(e);
    return leaf_hash(e) != h;
  };
  EXPECT_TRUE(differs([](Entry& e) { e.org = OrgId{8}; }));
  EXPECT_TRUE(differs([](Entry& e) { e.seq = 4; }));
  EXPECT_TRUE(differs([](Entry& e) { e.at.us += 1; }));
  EXPECT_TRUE(differs([](Entry& e) { e.actor.kind = ActorKind::token; }));
  EXPECT_TRUE(differs([](Entry& e) { e.actor.id = 43; }));
  EXPECT_TRUE(differs([](Entry& e) { e.actor.label += " "; }));
  EXPECT_TRUE(differs([](Entry& e) { e.entity_type = "persons"; }));
  EXPECT_TRUE(differs([](Entry& e) { e.entity_id = "18"; }));
  EXPECT_TRUE(differs([](Entry& e) { e.action = "create"; }));
  EXPECT_TRUE(differs([](Entry& e) { e.payload = R"({"a":"y","b":1})"; }));
  // Semantically equal but not the stored bytes: a rewrite behind our back, still detected.
  EXPECT_TRUE(differs([](Entry& e) { e.payload = R"({"a":"x", "b":1})"; }));
}

}  // namespace
}  // namespace mandate::ledger
