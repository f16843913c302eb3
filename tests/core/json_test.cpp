#include <gtest/gtest.h>

#include "core/json.hpp"

namespace mandate::core {
namespace {

TEST(JsonTest, CanonicalFormSortsKeysAndDropsWhitespace) {
  auto v = json::parse(R"({ "b": [1, {"z": true, "a": null}], "a": "x\u00e9" })");
  EXPECT_EQ(canonical_json(v), "{\"a\":\"x\xC3\xA9\",\"b\":[1,{\"a\":null,\"z\":true}]}");
}

TEST(JsonTest, ParseRefusesMalformedDeepAndDuplicate) {
  EXPECT_EQ(parse_json("{").error().code, Errc::bad_request);
  EXPECT_EQ(parse_json(R"({"a":1,"a":2})").error().code, Errc::bad_request);
  EXPECT_EQ(parse_json(std::string(40, '[') + std::string(40, ']')).error().code,
            Errc::bad_request);
  EXPECT_EQ(parse_json("\"\xff\"").error().code, Errc::bad_request);
  EXPECT_TRUE(parse_json(R"({"a":[1,2]})"));
}

TEST(JsonTest, ReaderReportsWrongTypesMissingAndUnknownFields) {
  auto v = json::parse(R"({"name": 5, "age": "x", "extra": 1, "ok": true})");
  Validation val;
  JsonReader r(v.as_object(), val);
  EXPECT_FALSE(r.string("name", true, 10));
  EXPECT_FALSE(r.integer("age", true));
  EXPECT_FALSE(r.string("email", true, 10));
  EXPECT_TRUE(r.boolean("ok", false));
  r.reject_unknown();
  auto e = val.error();
  EXPECT_EQ(e.fields.at("name"), "must be a string");
  EXPECT_EQ(e.fields.at("age"), "must be an integer");
  EXPECT_EQ(e.fields.at("email"), "is required");
  EXPECT_EQ(e.fields.at("extra"), "is not a known field");
  EXPECT_EQ(e.fields.size(), 4u);
}

}  // namespace
}  // namespace mandate::core
