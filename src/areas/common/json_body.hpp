// areas/common/json_body.hpp
// Strict reading of a JSON request body, shared by every area's api.cpp: scalars through
// core::JsonReader, plus the dates, times, ids, lists and named values the areas' bodies use.
// Every key read is remembered, so finish() can refuse the others; every problem is collected
// under its field (the JSON key) and finish() throws them together (Errc::invalid, 422).
// Siblings: web.hpp (json_body, the rest of the handler kit).
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "areas/common/web.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"

namespace mandate::areas {

// The request body as an object; an empty body counts as {} (for transitions without fields).
// Errc::bad_request as json_body() otherwise.
core::json::object json_body_or_empty(const http::Context& ctx);

// A JSON object read field by field. Reading a key marks it known, whatever its value. A reader
// gives nullopt when the key is absent or null ("is required" when `required`), or when the value
// is not what it asks for (with a message naming the field). Holds a reference to the object:
// keep the object alive while reading. Not thread-safe.
class JsonBody {
 public:
  explicit JsonBody(const core::json::object& o) : o_(o), r_(o, v_) {}
  JsonBody(const JsonBody&) = delete;
  JsonBody& operator=(const JsonBody&) = delete;

  std::optional<std::string> string(std::string_view key, bool required, std::size_t max);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  // An integer within ±INT_MAX/2 ("is out of range" otherwise), so sums of two stay in an int.
  std::optional<int> small_int(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  // A "YYYY-MM-DD" string, as days since the epoch.
  std::optional<std::int64_t> date(std::string_view key, bool required);
  // A UTC time like "2026-12-31T18:00:00Z".
  std::optional<core::Timestamp> timestamp(std::string_view key, bool required);

  // Values that may be null to clear them. Outer nullopt: the key is absent (leave the value
  // alone). Otherwise the value read, nullopt inside for null or a value of the wrong type (with
  // its error). An integer that is not positive, or a string that is not a date, records
  // `message` under the key (the id is still given, so later checks see what was sent).
  std::optional<std::optional<std::int64_t>> nullable_id(
      std::string_view key, std::string_view message = "must be an id (a positive integer)");
  std::optional<std::optional<std::int64_t>> nullable_date(
      std::string_view key, std::string_view message = "must be a date like 2026-03-31");

  // A list of at most `max_items` strings of at most `max_len` bytes each; null is absent.
  std::optional<std::vector<std::string>> strings(std::string_view key, std::size_t max_items,
                                                  std::size_t max_len);
  // A list of at most `max_items` ids (positive integers); null is absent.
  std::optional<std::vector<std::int64_t>> ids(std::string_view key, bool required,
                                               std::size_t max_items);

  // One of a set of names: `parse` maps the string to T; "must be one of <allowed>" when it
  // does not. Absent or null leaves `out` alone.
  template <class T>
  void one_of(std::string_view key, T& out, std::optional<T> (*parse)(std::string_view),
              std::string_view allowed) {
    if (auto s = string(key, false, 64)) {
      if (auto x = parse(*s)) {
        out = *x;
      } else {
        v_.add(std::string(key), "must be one of " + std::string(allowed));
      }
    }
  }

  // The value under `key` (nullptr when absent), marked as known; the caller checks its type.
  const core::json::value* raw(std::string_view key);
  bool has(std::string_view key) const { return o_.contains(key); }
  bool is_null(std::string_view key) const;
  // The errors so far; handlers add their own (cross-field rules, the model's validation).
  // A field keeps its first message.
  Validation& errors() { return v_; }
  // Refuses every key not read ("is not a known field") and throws the errors collected as an
  // ErrorException (Errc::invalid); returns when there are none.
  void finish();

 private:
  const core::json::object& o_;
  Validation v_;
  core::JsonReader r_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace mandate::areas
