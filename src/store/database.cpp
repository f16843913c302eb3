// store/database.cpp — Row accessors and Database::open (backend selection by URL).
#include "store/database.hpp"

#include "store/migrations.hpp"
#include "store/postgres/pg_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace mandate::store {
namespace {

[[noreturn]] void type_error(std::size_t i, const char* want) {
  throw StoreError("column " + std::to_string(i) + ": expected " + want);
}

}  // namespace

const Value& Row::at(std::size_t i) const {
  if (i >= cols_.size()) {
    throw StoreError("column index " + std::to_string(i) + " out of range");
  }
  return cols_[i];
}

bool Row::is_null(std::size_t i) const { return std::holds_alternative<Null>(at(i)); }

std::int64_t Row::int64(std::size_t i) const {
  const auto& v = at(i);
  if (auto* p = std::get_if<std::int64_t>(&v)) {
    return *p;
  }
  if (auto* d = std::get_if<double>(&v)) {
    return static_cast<std::int64_t>(*d);
  }
  type_error(i, "integer");
}

double Row::real(std::size_t i) const {
  const auto& v = at(i);
  if (auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  if (auto* p = std::get_if<std::int64_t>(&v)) {
    return static_cast<double>(*p);
  }
  type_error(i, "number");
}

const std::string& Row::text(std::size_t i) const {
  const auto& v = at(i);
  if (auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  if (auto* b = std::get_if<Blob>(&v)) {
    return b->bytes;
  }
  type_error(i, "text");
}

const std::string& Row::blob(std::size_t i) const { return text(i); }

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) {
    return std::nullopt;
  }
  return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) {
    return std::nullopt;
  }
  return text(i);
}

std::unique_ptr<Database> Database::open(const std::string& url, Options options) {
  std::unique_ptr<Database> db;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db = std::make_unique<PgDatabase>(url, options);
  } else if (url.starts_with("sqlite:")) {
    db = std::make_unique<SqliteDatabase>(url.substr(7), options);
  } else if (url.ends_with(".db") || url.ends_with(".sqlite")) {
    db = std::make_unique<SqliteDatabase>(url, options);
  } else {
    throw StoreError("unsupported database URL (use sqlite:PATH or postgresql://…)");
  }
  if (options.migrate) {
    migrate(*db);
  }
  return db;
}

}  // namespace mandate::store
