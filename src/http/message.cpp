// http/message.cpp
// The plain Request/Response values of http/message.hpp: header storage, cookie and query
// access, form and target decoding, URL encoding and the Response factories. Uses Boost.URL for
// request-targets; no Beast here (see http/server.cpp for the wire side).
#include "http/message.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.hpp"

namespace mandate::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Decodes %XX escapes (and '+' as a space when asked). nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) {
        return std::nullopt;
      }
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<char>(x - 'A' + 'a');
    }
    if (y >= 'A' && y <= 'Z') {
      y = static_cast<char>(y - 'A' + 'a');
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::head: return "HEAD";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::del: return "DELETE";
    case Method::options: return "OPTIONS";
    case Method::other: return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view s) {
  if (s == "GET") {
    return Method::get;
  }
  if (s == "HEAD") {
    return Method::head;
  }
  if (s == "POST") {
    return Method::post;
  }
  if (s == "PUT") {
    return Method::put;
  }
  if (s == "PATCH") {
    return Method::patch;
  }
  if (s == "DELETE") {
    return Method::del;
  }
  if (s == "OPTIONS") {
    return Method::options;
  }
  return Method::other;
}

void Headers::add(std::string_view name, std::string_view value) {
  items_.emplace_back(core::ascii_lower(name), std::string(value));
}

void Headers::set(std::string_view name, std::string_view value) {
  std::string key = core::ascii_lower(name);
  std::erase_if(items_, [&](const auto& kv) { return kv.first == key; });
  items_.emplace_back(std::move(key), std::string(value));
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (iequals(k, name)) {
      return std::string_view(v);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // Browsers send one Cookie header ("a=1; b=2"); HTTP/2 gateways may split it, so look at all.
  for (const auto& [k, v] : headers.all()) {
    if (k != "cookie") {
      continue;
    }
    std::string_view rest = v;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view pair = core::trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || core::trim(pair.substr(0, eq)) != name) {
        continue;
      }
      std::string_view value = core::trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string{} : it->second;
}

bool parse_target(std::string_view target, Request& req) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    return false;
  }
  const boost::urls::url_view& u = *parsed;
  std::multimap<std::string, std::string> query;
  // params() decodes escapes and treats '+' as a space, like form bodies.
  for (auto param : u.params()) {
    query.emplace(param.key, param.value);
  }
  req.target = std::string(target);
  req.path = u.path();  // origin-form always starts with '/', so never empty
  req.query = std::move(query);
  return true;
}

std::optional<std::multimap<std::string, std::string>> parse_form(std::string_view body) {
  std::multimap<std::string, std::string> out;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>(std::string{})
                                              : percent_decode(pair.substr(eq + 1), true);
    if (!key || !value) {
      return std::nullopt;
    }
    out.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

std::string media_type(std::string_view content_type) {
  return core::ascii_lower(core::trim(content_type.substr(0, content_type.find(';'))));
}

std::string_view header_param(std::string_view value, std::string_view name) {
  std::size_t semi = value.find(';');
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view p = core::trim(value.substr(0, semi));
    std::size_t eq = p.find('=');
    if (eq == std::string_view::npos || core::ascii_lower(core::trim(p.substr(0, eq))) != name) {
      continue;
    }
    std::string_view v = core::trim(p.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
      v = v.substr(1, v.size() - 2);
    }
    return v;
  }
  return {};
}

std::optional<std::vector<FormPart>> parse_multipart_parts(std::string_view body,
                                                           std::string_view content_type) {
  std::string_view boundary = header_param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) {
    return std::nullopt;
  }
  std::vector<FormPart> out;
  const std::string delim = "--" + std::string(boundary);
  const std::string next_delim = "\r\n" + delim;
  std::size_t pos = body.find(delim);
  if (pos == std::string_view::npos) {
    return std::nullopt;
  }
  for (;;) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") {
      return out;  // the closing delimiter
    }
    if (body.substr(pos, 2) != "\r\n") {
      return std::nullopt;
    }
    pos += 2;
    std::size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view head = body.substr(pos, head_end - pos);
    std::size_t data = head_end + 4;
    std::size_t end = body.find(next_delim, data);
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view name, filename;
    while (!head.empty()) {
      std::size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos &&
          core::ascii_lower(core::trim(line.substr(0, colon))) == "content-disposition") {
        name = header_param(line.substr(colon + 1), "name");
        filename = header_param(line.substr(colon + 1), "filename");
      }
    }
    if (name.empty()) {
      return std::nullopt;
    }
    // Browsers send the base name; strip any path a client adds anyway.
    if (auto slash = filename.find_last_of("/\\"); slash != std::string_view::npos) {
      filename.remove_prefix(slash + 1);
    }
    out.push_back({std::string(name), std::string(filename),
                   std::string(body.substr(data, end - data))});
    pos = end + 2;
  }
}

std::optional<std::multimap<std::string, std::string>> parse_multipart(
    std::string_view body, std::string_view content_type) {
  auto parts = parse_multipart_parts(body, content_type);
  if (!parts) {
    return std::nullopt;
  }
  std::multimap<std::string, std::string> out;
  for (auto& p : *parts) {
    out.emplace(std::move(p.name), std::move(p.data));
  }
  return out;
}

std::optional<std::multimap<std::string, std::string>> parse_body_form(const Request& req) {
  std::string_view content_type = req.header("content-type");
  std::string type = media_type(content_type);
  if (type == "application/x-www-form-urlencoded" || (type.empty() && !req.body.empty())) {
    return parse_form(req.body);
  }
  if (type == "multipart/form-data") {
    return parse_multipart(req.body, content_type);
  }
  if (req.body.empty()) {
    return std::multimap<std::string, std::string>{};
  }
  return std::nullopt;
}

std::string url_encode(std::string_view s) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                      b == '-' || b == '.' || b == '_' || b == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kDigits[b >> 4]);
      out.push_back(kDigits[b & 15]);
    }
  }
  return out;
}

Response Response::html(std::string body, int status) {
  return text(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::json(std::string body, int status) {
  return text(std::move(body), status, "application/json; charset=utf-8");
}

Response Response::text(std::string body, int status, std::string_view type) {
  Response r;
  r.status = status;
  r.headers.set("content-type", type);
  r.body = std::move(body);
  return r;
}

Response Response::redirect(std::string_view location, int status) {
  Response r;
  r.status = status;
  r.headers.set("location", location);
  return r;
}

}  // namespace mandate::http
