// areas/common/json_body.cpp — strict reading of JSON request bodies (see json_body.hpp).
#include "areas/common/json_body.hpp"

#include <climits>

#include "core/text.hpp"

namespace mandate::areas {

namespace json = core::json;

json::object json_body_or_empty(const http::Context& ctx) {
  if (core::trim(ctx.req.body).empty()) {
    return {};
  }
  return json_body(ctx);
}

std::optional<std::string> JsonBody::string(std::string_view key, bool required, std::size_t max) {
  known_.emplace(key);
  return r_.string(key, required, max);
}

std::optional<std::int64_t> JsonBody::integer(std::string_view key, bool required) {
  known_.emplace(key);
  return r_.integer(key, required);
}

std::optional<int> JsonBody::small_int(std::string_view key, bool required) {
  auto x = integer(key, required);
  if (!x) {
    return std::nullopt;
  }
  if (*x < INT_MIN / 2 || *x > INT_MAX / 2) {
    v_.add(std::string(key), "is out of range");
    return std::nullopt;
  }
  return static_cast<int>(*x);
}

std::optional<bool> JsonBody::boolean(std::string_view key, bool required) {
  known_.emplace(key);
  return r_.boolean(key, required);
}

std::optional<std::int64_t> JsonBody::date(std::string_view key, bool required) {
  auto s = string(key, required, 10);
  if (!s) {
    return std::nullopt;
  }
  auto d = core::parse_date(*s);
  if (!d) {
    v_.add(std::string(key), "must be a date like 2026-03-31");
  }
  return d;
}

std::optional<core::Timestamp> JsonBody::timestamp(std::string_view key, bool required) {
  auto s = string(key, required, 40);
  if (!s) {
    return std::nullopt;
  }
  auto t = core::parse_timestamp(*s);
  if (!t) {
    v_.add(std::string(key), "must be a UTC time like 2026-12-31T18:00:00Z");
  }
  return t;
}

std::optional<std::optional<std::int64_t>> JsonBody::nullable_id(std::string_view key,
                                                                 std::string_view message) {
  if (!has(key)) {
    return std::nullopt;
  }
  if (is_null(key)) {
    known_.emplace(key);
    return std::optional<std::int64_t>{};
  }
  auto x = integer(key, false);
  if (x && *x <= 0) {
    v_.add(std::string(key), std::string(message));
  }
  return std::optional<std::int64_t>(x);
}

std::optional<std::optional<std::int64_t>> JsonBody::nullable_date(std::string_view key,
                                                                   std::string_view message) {
  if (!has(key)) {
    return std::nullopt;
  }
  if (is_null(key)) {
    known_.emplace(key);
    return std::optional<std::int64_t>{};
  }
  auto s = string(key, false, 10);
  std::optional<std::int64_t> d = s ? core::parse_date(*s) : std::nullopt;
  if (s && !d) {
    v_.add(std::string(key), std::string(message));
  }
  return d;
}

std::optional<std::vector<std::string>> JsonBody::strings(std::string_view key,
                                                          std::size_t max_items,
                                                          std::size_t max_len) {
  const json::value* a = raw(key);
  if (a == nullptr || a->is_null()) {
    return std::nullopt;
  }
  if (!a->is_array() || a->get_array().size() > max_items) {
    v_.add(std::string(key), "must be a list of at most " + std::to_string(max_items) + " strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& x : a->get_array()) {
    if (!x.is_string() || x.get_string().size() > max_len) {
      v_.add(std::string(key),
             "must be a list of strings of at most " + std::to_string(max_len) + " characters");
      return std::nullopt;
    }
    out.emplace_back(x.get_string());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> JsonBody::ids(std::string_view key, bool required,
                                                       std::size_t max_items) {
  const json::value* a = raw(key);
  if (a == nullptr || a->is_null()) {
    if (required) {
      v_.add(std::string(key), "is required");
    }
    return std::nullopt;
  }
  if (!a->is_array() || a->get_array().size() > max_items) {
    v_.add(std::string(key), "must be a list of at most " + std::to_string(max_items) + " ids");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (const auto& x : a->get_array()) {
    if (!x.is_int64() || x.get_int64() <= 0) {
      v_.add(std::string(key), "must be a list of ids (positive integers)");
      return std::nullopt;
    }
    out.push_back(x.get_int64());
  }
  return out;
}

const json::value* JsonBody::raw(std::string_view key) {
  known_.emplace(key);
  return o_.if_contains(key);
}

bool JsonBody::is_null(std::string_view key) const {
  const json::value* x = o_.if_contains(key);
  return x != nullptr && x->is_null();
}

void JsonBody::finish() {
  for (const auto& kv : o_) {
    if (!known_.contains(kv.key())) {
      v_.add(std::string(kv.key()), "is not a known field");
    }
  }
  if (!v_.ok()) {
    throw ErrorException(v_.error());
  }
}

}  // namespace mandate::areas
