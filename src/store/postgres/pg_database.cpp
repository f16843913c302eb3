// store/postgres/pg_database.cpp — PostgreSQL backend (see pg_database.hpp).
#include "store/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "core/crypto.hpp"

namespace mandate::store {

// Type OIDs (pg_type.h; stable across versions).
namespace oid {
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25,
              kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;
}

struct PgDatabase::Conn {
  PGconn* pg = nullptr;
  std::unordered_map<std::string, std::string> rewritten;  // sql -> $n form
  ~Conn() { PQfinish(pg); }
};

std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      out.push_back(c);
      if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

struct Result {
  PGresult* r;
  ~Result() { PQclear(r); }
};

[[noreturn]] void fail_result(PGresult* r, PGconn* pg, std::string_view what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string("postgres: ") + std::string(what) + ": " +
                    (r ? PQresultErrorMessage(r) : PQerrorMessage(pg));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) {
    msg.pop_back();
  }
  if (state != nullptr && std::strcmp(state, "23505") == 0) {
    throw UniqueViolation(msg);
  }
  // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57P01 admin
  // shutdown, 08xxx connection exceptions: a retry may succeed.
  bool transient = state == nullptr || std::strncmp(state, "40", 2) == 0 ||
                   std::strcmp(state, "55P03") == 0 || std::strncmp(state, "08", 2) == 0 ||
                   std::strncmp(state, "57P", 3) == 0;
  throw StoreError(msg, transient);
}

void exec_simple(PGconn* pg, const char* sql) {
  Result r{PQexec(pg, sql)};
  auto st = PQresultStatus(r.r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    fail_result(r.r, pg, sql);
  }
}

Value convert(PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) {
    return Null{};
  }
  const char* v = PQgetvalue(r, row, col);
  int len = PQgetlength(r, row, col);
  switch (PQftype(r, col)) {
    case oid::kInt2:
    case oid::kInt4:
    case oid::kInt8:
      return static_cast<std::int64_t>(std::strtoll(v, nullptr, 10));
    case oid::kBool:
      return std::int64_t{v[0] == 't' ? 1 : 0};
    case oid::kFloat4:
    case oid::kFloat8:
    case oid::kNumeric:
      return std::strtod(v, nullptr);
    case oid::kBytea: {
      // Text format: "\x" followed by hex digits.
      if (len >= 2 && v[0] == '\\' && v[1] == 'x') {
        auto bytes = core::unhex(std::string_view(v + 2, len - 2));
        if (!bytes) {
          throw StoreError("postgres: malformed bytea value");
        }
        return Blob{std::move(*bytes)};
      }
      throw StoreError("postgres: unexpected bytea output format");
    }
    default:
      return std::string(v, len);
  }
}

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PGconn* pg, std::unordered_map<std::string, std::string>& rewritten, bool write)
      : pg_(pg), rewritten_(rewritten), write_(write) {}
  Dialect dialect() const override { return Dialect::postgres; }
  bool writable() const override { return write_; }

  std::vector<Row> query_values(std::string_view sql, std::span<const Value> params) override {
    Result r{run(sql, params)};
    std::vector<Row> rows;
    int nrows = PQntuples(r.r);
    int ncols = PQnfields(r.r);
    rows.reserve(nrows);
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cols;
      cols.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        cols.push_back(convert(r.r, i, c));
      }
      rows.emplace_back(std::move(cols));
    }
    return rows;
  }

  std::int64_t exec_values(std::string_view sql, std::span<const Value> params) override {
    Result r{run(sql, params)};
    const char* n = PQcmdTuples(r.r);
    return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

 private:
  PGresult* run(std::string_view sql, std::span<const Value> params) {
    auto key = std::string(sql);
    auto it = rewritten_.find(key);
    if (it == rewritten_.end()) {
      if (rewritten_.size() > 1024) {
        rewritten_.clear();
      }
      it = rewritten_.emplace(key, rewrite_placeholders(sql)).first;
    }
    const std::size_t n = params.size();
    std::vector<Oid> types(n);
    std::vector<std::string> text(n);
    std::vector<const char*> values(n);
    std::vector<int> lengths(n), formats(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>) {
              types[i] = 0;
              values[i] = nullptr;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              types[i] = oid::kInt8;
              text[i] = std::to_string(v);
              values[i] = text[i].c_str();
            } else if constexpr (std::is_same_v<T, double>) {
              types[i] = oid::kFloat8;
              char buf[64];
              std::snprintf(buf, sizeof buf, "%.17g", v);
              text[i] = buf;
              values[i] = text[i].c_str();
            } else if constexpr (std::is_same_v<T, std::string>) {
              types[i] = oid::kText;
              values[i] = v.c_str();
              lengths[i] = static_cast<int>(v.size());
            } else {
              types[i] = oid::kBytea;
              values[i] = v.bytes.data();
              lengths[i] = static_cast<int>(v.bytes.size());
              formats[i] = 1;  // binary
            }
          },
          params[i]);
    }
    PGresult* r = PQexecParams(pg_, it->second.c_str(), static_cast<int>(n), types.data(),
                               values.data(), lengths.data(), formats.data(), 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Result guard{r};
      fail_result(r, pg_, "query");
    }
    return r;
  }

  PGconn* pg_;
  std::unordered_map<std::string, std::string>& rewritten_;
  bool write_;
};

}  // namespace

PgDatabase::PgDatabase(std::string url, Options opts) : url_(std::move(url)), opts_(opts) {
  checkin(connect(), true);  // fail fast if unreachable
}

PgDatabase::~PgDatabase() {
  for (Conn* c : idle_) {
    delete c;
  }
}

std::string PgDatabase::describe() const {
  // Strip credentials: postgresql://user:pass@host/db -> postgresql://host/db
  std::string s = url_;
  auto scheme = s.find("://");
  auto at = s.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    s.erase(scheme + 3, at - scheme - 2);
  }
  auto q = s.find('?');
  if (q != std::string::npos) {
    s.erase(q);
  }
  return s;
}

PgDatabase::Conn* PgDatabase::connect() {
  auto c = std::make_unique<Conn>();
  c->pg = PQconnectdb(url_.c_str());
  if (c->pg == nullptr || PQstatus(c->pg) != CONNECTION_OK) {
    std::string msg = c->pg ? PQerrorMessage(c->pg) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') {
      msg.pop_back();
    }
    throw StoreError("postgres: cannot connect to " + describe() + ": " + msg, true);
  }
  exec_simple(c->pg, "SET client_min_messages = warning");
  std::string lock = "SET lock_timeout = " + std::to_string(opts_.busy_timeout_ms);
  exec_simple(c->pg, lock.c_str());
  exec_simple(c->pg, "SET TIME ZONE 'UTC'");
  return c.release();
}

PgDatabase::Conn* PgDatabase::checkout() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!idle_.empty()) {
      Conn* c = idle_.back();
      idle_.pop_back();
      ++in_use_;
      return c;
    }
    if (open_ < std::max(1, opts_.read_connections)) {
      ++open_;
      ++in_use_;
      lock.unlock();
      try {
        return connect();
      } catch (...) {
        lock.lock();
        --open_;
        --in_use_;
        throw;
      }
    }
    cv_.wait(lock);
  }
}

void PgDatabase::checkin(Conn* c, bool healthy) {
  {
    std::lock_guard lock(mu_);
    if (in_use_ > 0) {
      --in_use_;
    }
    if (healthy && PQstatus(c->pg) == CONNECTION_OK &&
        PQtransactionStatus(c->pg) == PQTRANS_IDLE) {
      if (open_ == 0) {
        open_ = 1;  // the probe connection from the constructor
      }
      idle_.push_back(c);
      c = nullptr;
    } else {
      --open_;
    }
  }
  delete c;
  cv_.notify_one();
}

Database::Stats PgDatabase::stats() const {
  std::lock_guard lock(mu_);
  return Stats{open_, in_use_};
}

void PgDatabase::transact(bool write, const std::function<bool(Transaction&)>& body) {
  Conn* c = checkout();
  bool healthy = true;
  try {
    exec_simple(c->pg, write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                             : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgTransaction tx(c->pg, c->rewritten, write);
    bool commit = false;
    try {
      commit = body(tx);
    } catch (...) {
      PQclear(PQexec(c->pg, "ROLLBACK"));
      throw;
    }
    exec_simple(c->pg, commit ? "COMMIT" : "ROLLBACK");
  } catch (const StoreError& e) {
    healthy = PQstatus(c->pg) == CONNECTION_OK;
    checkin(c, healthy);
    throw;
  } catch (...) {
    checkin(c, healthy);
    throw;
  }
  checkin(c, healthy);
}

}  // namespace mandate::store
