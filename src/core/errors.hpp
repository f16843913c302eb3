// core/errors.hpp
// Infrastructure failures: thrown, caught once per request (→ 500/503, logged with detail,
// never shown to the client) or once per CLI command (→ one line, exit code 1).
#pragma once
#include <stdexcept>
#include <string>

namespace mandate {

// The database failed: unreachable, constraint violated unexpectedly, disk full, corrupt.
// `transient` is true when a retry may succeed (busy, connection lost) → 503.
struct StoreError : std::runtime_error {
  bool transient = false;
  explicit StoreError(const std::string& what, bool is_transient = false)
      : std::runtime_error(what), transient(is_transient) {}
};

// The operating system or a library failed (file I/O, crypto init, bad key file).
struct SystemError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace mandate
