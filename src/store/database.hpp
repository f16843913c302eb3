// store/database.hpp
// The one database API every repository uses: Database (a connection source for one backend)
// hands out Transactions; a Transaction runs SQL with bound parameters and returns Rows.
// SQL is written once, in portable SQL with '?' placeholders; the PostgreSQL backend rewrites
// them to $n. Backends live in store/sqlite and store/postgres — the only code that includes
// sqlite3.h / libpq-fe.h.
//
// Threading: Database is thread-safe; a Transaction belongs to the thread that got it. All calls
// block: run them on the worker pool, never on an HTTP I/O thread.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/errors.hpp"
#include "core/ids.hpp"

namespace mandate::store {

enum class Dialect { sqlite, postgres };

struct Null {};
struct Blob {
  std::string bytes;
};
using Value = std::variant<Null, std::int64_t, double, std::string, Blob>;

// Converts C++ arguments to Values: integers, bool (0/1), double, strings, Blob, strong ids,
// std::optional<T> (nullopt -> NULL), std::nullopt / Null.
template <class T>
Value to_value(const T& v) {
  if constexpr (std::is_same_v<T, Value>) {
    return v;
  } else if constexpr (std::is_same_v<T, Null> || std::is_same_v<T, std::nullopt_t>) {
    return Null{};
  } else if constexpr (std::is_same_v<T, bool>) {
    return std::int64_t{v ? 1 : 0};
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::int64_t>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(v);
  } else if constexpr (std::is_same_v<T, Blob>) {
    return v;
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return std::string(std::string_view(v));
  } else if constexpr (requires { v.value; std::int64_t{v.value}; }) {
    return std::int64_t{v.value};  // strong ids
  } else if constexpr (requires { v.has_value(); *v; }) {
    return v ? to_value(*v) : Value{Null{}};
  } else {
    static_assert(sizeof(T) == 0, "unsupported SQL parameter type");
  }
}

// One result row. Column access by index; a type mismatch or NULL where a value is required
// throws StoreError (a schema bug, not user input).
class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  std::size_t size() const { return cols_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  const std::string& text(std::size_t i) const;
  const std::string& blob(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& at(std::size_t i) const;

 private:
  std::vector<Value> cols_;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;
  virtual bool writable() const = 0;

  // Runs one statement. Throws StoreError on any database error; a unique-constraint
  // violation throws UniqueViolation so repositories can turn it into Errc::conflict.
  virtual std::vector<Row> query_values(std::string_view sql, std::span<const Value> params) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual std::int64_t exec_values(std::string_view sql, std::span<const Value> params) = 0;

  template <class... Args>
  std::vector<Row> query(std::string_view sql, const Args&... args) {
    Value vals[] = {Value{}, to_value(args)...};
    return query_values(sql, std::span<const Value>(vals + 1, sizeof...(Args)));
  }
  template <class... Args>
  std::optional<Row> query_one(std::string_view sql, const Args&... args) {
    auto rows = query(sql, args...);
    if (rows.empty()) {
      return std::nullopt;
    }
    return std::move(rows.front());
  }
  template <class... Args>
  std::int64_t exec(std::string_view sql, const Args&... args) {
    Value vals[] = {Value{}, to_value(args)...};
    return exec_values(sql, std::span<const Value>(vals + 1, sizeof...(Args)));
  }
};

struct UniqueViolation : StoreError {
  using StoreError::StoreError;
};

struct Options {
  int read_connections = 4;      // SQLite reader connections / PostgreSQL pool size
  int busy_timeout_ms = 5000;    // SQLite busy timeout; PostgreSQL lock_timeout
  bool migrate = true;           // apply pending migrations on open
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens "sqlite:PATH" (or a bare path ending in .db) or "postgresql://…" / "postgres://…".
  // Applies pending migrations when options.migrate. Throws StoreError (unreachable, bad URL,
  // database newer than this binary, failed migration).
  static std::unique_ptr<Database> open(const std::string& url, Options options = {});

  virtual Dialect dialect() const = 0;
  // A short description for logs and /readyz, without credentials.
  virtual std::string describe() const = 0;

  // Runs fn(Transaction&) in a read-only transaction and returns its result.
  template <class F>
  auto read(F&& fn) {
    return run_tx(false, std::forward<F>(fn));
  }
  // Runs fn(Transaction&) in a write transaction (SQLite: BEGIN IMMEDIATE on the single writer
  // connection). Commits when fn returns — unless it returns a Result holding an error — and
  // rolls back on that error or on an exception.
  template <class F>
  auto write(F&& fn) {
    return run_tx(true, std::forward<F>(fn));
  }

  // Pool statistics for /metrics.
  struct Stats {
    int connections = 0;
    int in_use = 0;
  };
  virtual Stats stats() const = 0;

 protected:
  // Runs body in a transaction; body returns true to commit, false to roll back.
  virtual void transact(bool write, const std::function<bool(Transaction&)>& body) = 0;

 private:
  template <class F>
  auto run_tx(bool write, F&& fn) {
    using R = std::invoke_result_t<F&, Transaction&>;
    if constexpr (std::is_void_v<R>) {
      transact(write, [&](Transaction& tx) {
        fn(tx);
        return true;
      });
    } else {
      std::optional<R> out;
      transact(write, [&](Transaction& tx) {
        out.emplace(fn(tx));
        if constexpr (requires { out->has_error(); }) {
          return !out->has_error();
        } else {
          return true;
        }
      });
      return std::move(*out);
    }
  }
};

}  // namespace mandate::store
