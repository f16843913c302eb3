// core/result.hpp
// Outcomes a user can cause (not found, invalid field, forbidden, conflict, …) travel as
// Result<T> = boost::system::result<T, Error>. Infrastructure failures throw (StoreError,
// SystemError, see core/errors.hpp); bugs assert (MANDATE_ASSERT). The HTTP edge maps Errc to a
// status in exactly one place: http/error_mapping.cpp.
#pragma once
#include <boost/system/result.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace mandate {

enum class Errc {
  invalid = 1,       // 422: a field failed validation (Error::fields names which)
  bad_request,       // 400: malformed request (syntax, not semantics)
  unauthorized,      // 401: no valid session or token
  forbidden,         // 403: authenticated, but the role or organization does not allow it
  not_found,         // 404
  method_not_allowed,// 405
  conflict,          // 409: state does not allow it (illegal transition, duplicate)
  stale,             // 409: the record changed since it was read
  too_large,         // 413
  too_many,          // 429: throttled (Error::retry_after_s)
  unavailable,       // 503
};

std::string_view errc_name(Errc e);

// A user-facing error: a stable code, a human message, and per-field messages for forms.
struct Error {
  Errc code{Errc::invalid};
  std::string message;
  std::map<std::string, std::string> fields;  // field name -> message
  int retry_after_s = 0;                      // for Errc::too_many

  static Error invalid(std::string field, std::string msg);
  static Error make(Errc c, std::string msg) { return Error{c, std::move(msg), {}, 0}; }
};

// Thrown by Result::value() on an error: callers that are sure use *r; others check.
struct ErrorException : std::exception {
  Error error;
  explicit ErrorException(Error e) : error(std::move(e)) {}
  const char* what() const noexcept override { return error.message.c_str(); }
};
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;
using Status = boost::system::result<void, Error>;

inline Error fail(Errc c, std::string msg) { return Error::make(c, std::move(msg)); }

// Accumulates field errors during validation; ok() when none were added.
class Validation {
 public:
  void add(std::string field, std::string msg) {
    fields_.emplace(std::move(field), std::move(msg));
  }
  bool ok() const { return fields_.empty(); }
  Error error(std::string message = "Some fields are not valid.") const {
    return Error{Errc::invalid, std::move(message), fields_, 0};
  }

 private:
  std::map<std::string, std::string> fields_;
};

}  // namespace mandate

#define MANDATE_ASSERT(cond, why) \
  ((cond) ? (void)0 : ::mandate::assert_failed(#cond, why, __FILE__, __LINE__))
namespace mandate {
[[noreturn]] void assert_failed(const char* cond, const char* why, const char* file, int line);
}
