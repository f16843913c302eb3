// http/message.hpp
// Request and Response as plain C++ values: what handlers, middleware and tests see. Only
// http/server.cpp converts them to and from Beast messages, so no other translation unit pays
// for Beast's headers. Implemented in http/message.cpp; none of these functions block, and all
// are safe to call from any thread on distinct objects.
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
std::string_view method_name(Method m);  // "GET", "DELETE"; "OTHER" for Method::other
Method parse_method(std::string_view s);  // case-sensitive (RFC 9110); unknown -> other
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
  // Value of the first cookie called `name` in the Cookie header(s); surrounding double
  // quotes are removed. nullopt when absent.
  std::optional<std::string> cookie(std::string_view name) const;
  // First value of a query parameter, or "" when absent.
  std::string query_param(std::string_view name) const;
};

// Fills req.target, req.path (percent-decoded) and req.query (decoded, '+' as space) from an
// origin-form request-target ("/a/b?x=1"). Returns false, leaving req unchanged, when the target
// is not valid origin-form (absolute-form, '*', bad percent-escapes).
bool parse_target(std::string_view target, Request& req);

// application/x-www-form-urlencoded body parsing ('+' is a space). Returns nullopt on malformed
// encoding (a '%' not followed by two hex digits).
std::optional<std::multimap<std::string, std::string>> parse_form(std::string_view body);
// The media type of a Content-Type value, lower-cased, without parameters ("text/csv").
std::string media_type(std::string_view content_type);
// Parameter `name` of a header value ("multipart/form-data; boundary=x" -> "x"); quotes removed;
// empty when absent.
std::string_view header_param(std::string_view value, std::string_view name);
// multipart/form-data body (RFC 7578): part name -> content (file parts: the file's bytes; the
// filename is ignored). nullopt when malformed or without a boundary.
std::optional<std::multimap<std::string, std::string>> parse_multipart(
    std::string_view body, std::string_view content_type);

// One part of a multipart/form-data body: the field name, the file name the client sent (the
// last path component; empty for a plain field) and the bytes.
struct FormPart {
  std::string name;
  std::string filename;
  std::string data;
};
// The parts of a multipart/form-data body in order, with file names (parse_multipart drops them).
// nullopt when malformed or without a boundary.
std::optional<std::vector<FormPart>> parse_multipart_parts(std::string_view body,
                                                           std::string_view content_type);

struct Request;
// A form body of either encoding, chosen by Content-Type; an empty body is an empty form.
// nullopt when malformed or of another type.
std::optional<std::multimap<std::string, std::string>> parse_body_form(const Request& req);

// Percent-encodes every byte outside RFC 3986 "unreserved" (A-Z a-z 0-9 - . _ ~); a space
// becomes %20. For building query strings and redirect targets.
std::string url_encode(std::string_view s);

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  // Content-Type "text/html; charset=utf-8".
  static Response html(std::string body, int status = 200);
  // Content-Type "application/json; charset=utf-8"; `body` must already be JSON.
  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200, std::string_view type = "text/plain; charset=utf-8");
  // Empty body with a Location header (303 See Other by default: the POST-redirect-GET answer).
  static Response redirect(std::string_view location, int status = 303);
};

}  // namespace mandate::http
