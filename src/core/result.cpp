// core/result.cpp — names for Errc and the assertion handler.
#include "core/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace mandate {

std::string_view errc_name(Errc e) {
  switch (e) {
    case Errc::invalid: return "invalid";
    case Errc::bad_request: return "bad_request";
    case Errc::unauthorized: return "unauthorized";
    case Errc::forbidden: return "forbidden";
    case Errc::not_found: return "not_found";
    case Errc::method_not_allowed: return "method_not_allowed";
    case Errc::conflict: return "conflict";
    case Errc::stale: return "stale";
    case Errc::too_large: return "too_large";
    case Errc::too_many: return "too_many_requests";
    case Errc::unavailable: return "unavailable";
  }
  return "unknown";
}

Error Error::invalid(std::string field, std::string msg) {
  Error e{Errc::invalid, "Some fields are not valid.", {}, 0};
  e.fields.emplace(std::move(field), std::move(msg));
  return e;
}

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw ErrorException(e);
}

void assert_failed(const char* cond, const char* why, const char* file, int line) {
  std::fprintf(stderr, "assertion failed: %s (%s) at %s:%d\n", cond, why, file, line);
  std::abort();
}

}  // namespace mandate
