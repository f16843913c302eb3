// core/json.hpp
// JSON helpers on Boost.JSON: canonical serialization (for the ledger's hashed payloads), strict
// parsing of request bodies (size- and depth-limited, duplicate keys refused) and typed field
// readers that report errors by field name.
#pragma once
#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mandate::core {

namespace json = boost::json;

// Canonical form: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
// numbers as Boost.JSON prints them (integers exactly). Same value -> same bytes, always.
std::string canonical_json(const json::value& v);

// Parses a request body. Errc::bad_request for malformed JSON, too-deep nesting (> 32), or
// duplicate keys; never throws on input.
Result<json::value> parse_json(std::string_view body);

// Reads fields from a JSON object, collecting errors into a Validation. Unknown fields are
// reported by reject_unknown(). Field names in messages are the JSON keys.
class JsonReader {
 public:
  JsonReader(const json::object& obj, Validation& v) : obj_(obj), v_(v) {}
  std::optional<std::string> string(std::string_view key, bool required, std::size_t max_len);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  bool has(std::string_view key) const { return obj_.contains(key); }
  // Adds "unknown field" errors for keys not read through this reader.
  void reject_unknown();

 private:
  const json::object& obj_;
  Validation& v_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace mandate::core
