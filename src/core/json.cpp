// core/json.cpp — canonical JSON, strict parsing, typed field readers.
#include "core/json.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <set>
#include <vector>

namespace mandate::core {
namespace {

void write_canonical(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::object: {
      const auto& o = v.get_object();
      std::vector<const json::key_value_pair*> items;
      items.reserve(o.size());
      for (const auto& kv : o) {
        items.push_back(&kv);
      }
      std::sort(items.begin(), items.end(),
                [](auto* a, auto* b) { return a->key() < b->key(); });
      out.push_back('{');
      bool first = true;
      for (auto* kv : items) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        out += json::serialize(json::string_view(kv->key()));
        out.push_back(':');
        write_canonical(kv->value(), out);
      }
      out.push_back('}');
      break;
    }
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        write_canonical(e, out);
      }
      out.push_back(']');
      break;
    }
    default:
      out += json::serialize(v);
  }
}

// Boost.JSON 1.81 silently keeps one of two equal keys; ambiguous input must be refused, so a
// SAX pass over the (already validated) body tracks the keys of every open object.
struct DuplicateKeyHandler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  std::vector<std::set<std::string>> objects;
  std::string key;
  bool duplicate = false;
  using ec = boost::system::error_code;
  using sv = json::string_view;
  bool on_document_begin(ec&) { return true; }
  bool on_document_end(ec&) { return true; }
  bool on_object_begin(ec&) {
    objects.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, ec&) {
    objects.pop_back();
    return true;
  }
  bool on_array_begin(ec&) { return true; }
  bool on_array_end(std::size_t, ec&) { return true; }
  bool on_key_part(sv s, std::size_t, ec&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(sv s, std::size_t, ec& e) {
    key.append(s.data(), s.size());
    if (!objects.back().insert(key).second) {
      duplicate = true;
      e = json::error::syntax;  // stop early
      return false;
    }
    key.clear();
    return true;
  }
  bool on_string_part(sv, std::size_t, ec&) { return true; }
  bool on_string(sv, std::size_t, ec&) { return true; }
  bool on_number_part(sv, ec&) { return true; }
  bool on_int64(std::int64_t, sv, ec&) { return true; }
  bool on_uint64(std::uint64_t, sv, ec&) { return true; }
  bool on_double(double, sv, ec&) { return true; }
  bool on_bool(bool, ec&) { return true; }
  bool on_null(ec&) { return true; }
  bool on_comment_part(sv, ec&) { return true; }
  bool on_comment(sv, ec&) { return true; }
};

bool has_duplicate_keys(std::string_view body) {
  json::parse_options opt;
  opt.max_depth = 32;
  json::basic_parser<DuplicateKeyHandler> p(opt);
  boost::system::error_code ec;
  p.write_some(false, body.data(), body.size(), ec);
  return p.handler().duplicate;
}

}  // namespace

std::string canonical_json(const json::value& v) {
  std::string out;
  write_canonical(v, out);
  return out;
}

Result<json::value> parse_json(std::string_view body) {
  json::parse_options opt;
  opt.max_depth = 32;
  opt.allow_invalid_utf8 = false;
  boost::system::error_code ec;
  json::stream_parser p({}, opt);
  p.write(body.data(), body.size(), ec);
  if (!ec) {
    p.finish(ec);
  }
  if (ec) {
    return fail(Errc::bad_request, "The request body is not valid JSON: " + ec.message() + ".");
  }
  if (has_duplicate_keys(body)) {
    return fail(Errc::bad_request, "The request body has a duplicate key.");
  }
  return p.release();
}

std::optional<std::string> JsonReader::string(std::string_view key, bool required,
                                              std::size_t max_len) {
  seen_.emplace(key);
  auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) {
      v_.add(std::string(key), "is required");
    }
    return std::nullopt;
  }
  if (!v->is_string()) {
    v_.add(std::string(key), "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_string();
  if (s.size() > max_len) {
    v_.add(std::string(key), "must be at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> JsonReader::integer(std::string_view key, bool required) {
  seen_.emplace(key);
  auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) {
      v_.add(std::string(key), "is required");
    }
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->get_int64();
  }
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  v_.add(std::string(key), "must be an integer");
  return std::nullopt;
}

std::optional<bool> JsonReader::boolean(std::string_view key, bool required) {
  seen_.emplace(key);
  auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) {
      v_.add(std::string(key), "is required");
    }
    return std::nullopt;
  }
  if (!v->is_bool()) {
    v_.add(std::string(key), "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

void JsonReader::reject_unknown() {
  for (const auto& kv : obj_) {
    if (!seen_.contains(kv.key())) {
      v_.add(std::string(kv.key()), "is not a known field");
    }
  }
}

}  // namespace mandate::core
