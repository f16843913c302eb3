// store/sqlite/sqlite_database.cpp — SQLite backend (see sqlite_database.hpp).
#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <clocale>
#include <cwctype>
#include <filesystem>
#include <unordered_map>

namespace mandate::store {

struct SqliteDatabase::Conn {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache;
  ~Conn() {
    for (auto& [sql, st] : cache) {
      sqlite3_finalize(st);
    }
    sqlite3_close_v2(db);
  }
};

namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw UniqueViolation(msg);
  }
  bool transient = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
  throw StoreError(msg, transient);
}

// SQLite's built-in lower() folds ASCII only; PostgreSQL folds every letter. Searches written
// as LOWER(x) LIKE LOWER(?) must answer alike on both, so connections get a lower() that maps
// each code point with the C.UTF-8 locale's towlower (ASCII stays ASCII; invalid UTF-8 is
// returned unchanged).
locale_t utf8_locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

std::string unicode_lower(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > in.size()) {
      return std::string(in);
    }
    char32_t cp = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3F);
    }
    if (utf8_locale() != static_cast<locale_t>(nullptr)) {
      cp = static_cast<char32_t>(towlower_l(static_cast<wint_t>(cp), utf8_locale()));
    }
    if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    i += len;
  }
  return out;
}

void sql_lower(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::string lowered = unicode_lower(std::string_view(p, sqlite3_value_bytes(argv[0])));
  sqlite3_result_text64(ctx, lowered.data(), lowered.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void exec_simple(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(std::string("sqlite: ") + sql + ": " + msg,
                     (rc & 0xff) == SQLITE_BUSY);
  }
}

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(sqlite3* db, std::unordered_map<std::string, sqlite3_stmt*>& cache,
                    bool write)
      : db_(db), cache_(cache), write_(write) {}
  Dialect dialect() const override { return Dialect::sqlite; }
  bool writable() const override { return write_; }

  std::vector<Row> query_values(std::string_view sql, std::span<const Value> params) override {
    std::vector<Row> rows;
    run(sql, params, &rows);
    return rows;
  }

  std::int64_t exec_values(std::string_view sql, std::span<const Value> params) override {
    run(sql, params, nullptr);
    return sqlite3_changes64(db_);
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      return it->second;
    }
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, &tail);
    if (rc != SQLITE_OK) {
      fail(db_, rc, "prepare");
    }
    if (cache_.size() > 512) {
      // Bound the cache; statements are cheap to prepare again.
      for (auto& [k, s] : cache_) {
        sqlite3_finalize(s);
      }
      cache_.clear();
    }
    cache_.emplace(std::string(sql), st);
    return st;
  }

  void run(std::string_view sql, std::span<const Value> params, std::vector<Row>* out) {
    sqlite3_stmt* st = prepare(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{st};
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st)) {
      throw StoreError("parameter count mismatch for: " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>) {
              return sqlite3_bind_null(st, idx);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(st, idx, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(st, idx, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              return sqlite3_bind_text64(st, idx, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            } else {
              return sqlite3_bind_blob64(st, idx, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) {
        fail(db_, rc, "bind");
      }
    }
    const int ncol = sqlite3_column_count(st);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) {
        break;
      }
      if (rc != SQLITE_ROW) {
        fail(db_, rc, "step");
      }
      if (out == nullptr) {
        continue;
      }
      std::vector<Value> cols;
      cols.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL:
            cols.emplace_back(Null{});
            break;
          case SQLITE_INTEGER:
            cols.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c)));
            break;
          case SQLITE_FLOAT:
            cols.emplace_back(sqlite3_column_double(st, c));
            break;
          case SQLITE_BLOB: {
            const void* p = sqlite3_column_blob(st, c);
            int n = sqlite3_column_bytes(st, c);
            cols.emplace_back(Blob{std::string(static_cast<const char*>(p), n)});
            break;
          }
          default: {
            const auto* p = sqlite3_column_text(st, c);
            int n = sqlite3_column_bytes(st, c);
            cols.emplace_back(std::string(reinterpret_cast<const char*>(p), n));
          }
        }
      }
      out->emplace_back(std::move(cols));
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*>& cache_;
  bool write_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, Options opts)
    : path_(std::move(path)), opts_(opts) {
  if (path_.empty()) {
    throw StoreError("sqlite: empty database path");
  }
  auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
  }
  writer_ = open_connection(false);
  // WAL is a property of the file; set once by the writer.
  exec_simple(writer_->db, "PRAGMA journal_mode=WAL");
}

SqliteDatabase::~SqliteDatabase() {
  for (Conn* c : all_readers_) {
    delete c;
  }
  delete writer_;
}

SqliteDatabase::Conn* SqliteDatabase::open_connection(bool readonly) {
  auto conn = std::make_unique<Conn>();
  int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path_.c_str(), &conn->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = conn->db ? sqlite3_errmsg(conn->db) : sqlite3_errstr(rc);
    throw StoreError("sqlite: cannot open " + path_ + ": " + msg);
  }
  sqlite3_extended_result_codes(conn->db, 1);
  sqlite3_busy_timeout(conn->db, opts_.busy_timeout_ms);
  sqlite3_create_function_v2(conn->db, "lower", 1,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             sql_lower, nullptr, nullptr, nullptr);
  exec_simple(conn->db, "PRAGMA foreign_keys=ON");
  exec_simple(conn->db, "PRAGMA synchronous=FULL");
  // Page cache of up to 64 MiB per connection (default 2 MiB), allocated as pages are read: the
  // coverage of a document over millions of acknowledgments reads tens of MiB of index per call,
  // which otherwise goes back to the OS through pread every time.
  exec_simple(conn->db, "PRAGMA cache_size=-65536");
  return conn.release();
}

Database::Stats SqliteDatabase::stats() const {
  std::lock_guard lock(pool_mu_);
  return Stats{static_cast<int>(all_readers_.size()) + 1,
               readers_in_use_ + (writer_in_use_ ? 1 : 0)};
}

void SqliteDatabase::transact(bool write, const std::function<bool(Transaction&)>& body) {
  if (write) {
    std::lock_guard lock(write_mu_);
    {
      std::lock_guard pl(pool_mu_);
      writer_in_use_ = true;
    }
    struct InUse {
      SqliteDatabase* self;
      ~InUse() {
        std::lock_guard pl(self->pool_mu_);
        self->writer_in_use_ = false;
      }
    } in_use{this};
    exec_simple(writer_->db, "BEGIN IMMEDIATE");
    SqliteTransaction tx(writer_->db, writer_->cache, true);
    bool commit = false;
    try {
      commit = body(tx);
    } catch (...) {
      sqlite3_exec(writer_->db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
    if (commit) {
      try {
        exec_simple(writer_->db, "COMMIT");
      } catch (...) {
        sqlite3_exec(writer_->db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    } else {
      exec_simple(writer_->db, "ROLLBACK");
    }
    return;
  }

  Conn* conn = nullptr;
  {
    std::unique_lock lock(pool_mu_);
    if (idle_readers_.empty() && static_cast<int>(all_readers_.size()) < opts_.read_connections) {
      lock.unlock();
      Conn* c = open_connection(true);
      lock.lock();
      all_readers_.push_back(c);
      idle_readers_.push_back(c);
    }
    pool_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
    conn = idle_readers_.back();
    idle_readers_.pop_back();
    ++readers_in_use_;
  }
  struct Return {
    SqliteDatabase* self;
    Conn* c;
    ~Return() {
      {
        std::lock_guard l(self->pool_mu_);
        self->idle_readers_.push_back(c);
        --self->readers_in_use_;
      }
      self->pool_cv_.notify_one();
    }
  } ret{this, conn};
  exec_simple(conn->db, "BEGIN");
  SqliteTransaction tx(conn->db, conn->cache, false);
  try {
    body(tx);
  } catch (...) {
    sqlite3_exec(conn->db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  exec_simple(conn->db, "COMMIT");
}

}  // namespace mandate::store
