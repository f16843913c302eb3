// store/sqlite/sqlite_database.hpp
// The embedded backend. One writer connection (writes are serialized in-process by a mutex and
// across processes by BEGIN IMMEDIATE + busy timeout) and a small pool of reader connections
// (WAL lets them read a consistent snapshot while the writer works). Every connection: WAL,
// foreign_keys=ON, synchronous=FULL, busy_timeout.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mandate::store {

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, Options opts);
  ~SqliteDatabase() override;
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }
  Stats stats() const override;
  const std::string& path() const { return path_; }

 protected:
  void transact(bool write, const std::function<bool(Transaction&)>& body) override;

 private:
  struct Conn;
  Conn* open_connection(bool readonly);
  std::string path_;
  Options opts_;
  std::mutex write_mu_;
  Conn* writer_ = nullptr;
  mutable std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<Conn*> idle_readers_;
  std::vector<Conn*> all_readers_;
  int readers_in_use_ = 0;
  bool writer_in_use_ = false;
};

}  // namespace mandate::store
