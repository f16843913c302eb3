// http/message.hpp
// Request and Response as plain C++ values: what handlers, middleware and tests see. Only
// http/server.cpp converts them to and from Beast messages, so no other translation unit pays
// for Beast's headers.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::http {

enum class Method { get, head, post, put, patch, del, options, other };
std::string_view method_name(Method m);
Method parse_method(std::string_view s);
inline bool is_safe(Method m) {
  return m == Method::get || m == Method::head || m == Method::options;
}

// Header names are stored lower-cased; lookups are case-insensitive.
class Headers {
 public:
  void add(std::string_view name, std::string_view value);
  void set(std::string_view name, std::string_view value);  // replaces all of that name
  std::optional<std::string_view> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  Method method = Method::get;
  std::string target;    // as received: path + optional ?query
  std::string path;      // percent-decoded path, no query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  Headers headers;
  std::string body;
  std::string remote_addr;  // client IP as text
  bool tls = false;

  std::string_view header(std::string_view name) const {
    return headers.get(name).value_or(std::string_view{});
  }
  std::optional<std::string> cookie(std::string_view name) const;
  // First value of a query parameter, or "" when absent.
  std::string query_param(std::string_view name) const;
};

// application/x-www-form-urlencoded body parsing. Returns nullopt on malformed encoding.
std::optional<std::multimap<std::string, std::string>> parse_form(std::string_view body);
std::string url_encode(std::string_view s);  // for building query strings and redirects

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  static Response html(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200, std::string_view type = "text/plain; charset=utf-8");
  static Response redirect(std::string_view location, int status = 303);
};

}  // namespace mandate::http
