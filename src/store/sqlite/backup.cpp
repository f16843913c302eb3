// store/sqlite/backup.cpp — SQLite online backup and integrity check (see store/backup.hpp).
#include "store/backup.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "core/errors.hpp"

namespace mandate::store {
namespace {

struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close_v2(db); }
};

void open(Db& d, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &d.db, flags, nullptr) != SQLITE_OK) {
    throw StoreError("cannot open " + path + ": " + (d.db ? sqlite3_errmsg(d.db) : "out of memory"));
  }
  sqlite3_busy_timeout(d.db, 10000);
}

}  // namespace

void sqlite_backup(const std::string& src_path, const std::string& dest_path) {
  if (std::filesystem::exists(dest_path)) {
    throw StoreError("backup destination already exists: " + dest_path);
  }
  if (!std::filesystem::exists(src_path)) {
    throw StoreError("no database at " + src_path);
  }
  Db src, dst;
  open(src, src_path, SQLITE_OPEN_READONLY);
  open(dst, dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
  if (b == nullptr) {
    throw StoreError(std::string("backup failed: ") + sqlite3_errmsg(dst.db));
  }
  int rc;
  do {
    rc = sqlite3_backup_step(b, 1024);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(20);
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::error_code ec;
    std::filesystem::remove(dest_path, ec);
    throw StoreError(std::string("backup failed: ") + sqlite3_errstr(rc));
  }
}

std::string sqlite_integrity_check(const std::string& path) {
  Db d;
  open(d, path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(d.db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK) {
    return sqlite3_errmsg(d.db);
  }
  std::string result = "no result";
  if (sqlite3_step(st) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  } else {
    result = sqlite3_errmsg(d.db);
  }
  sqlite3_finalize(st);
  return result;
}

std::string sqlite_path_of(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    return url.substr(7);
  }
  if (url.find("://") == std::string::npos && (url.ends_with(".db") || url.ends_with(".sqlite"))) {
    return url;
  }
  return {};
}

}  // namespace mandate::store
