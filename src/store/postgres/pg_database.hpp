// store/postgres/pg_database.hpp
// The scale-out backend over libpq: a bounded pool of connections (blocking checkout), each
// statement sent with PQexecParams (typed parameters, '?' rewritten to $n), text results
// converted by column type. Write transactions run at READ COMMITTED; repositories that need
// serialization take row locks (SELECT … FOR UPDATE), e.g. the ledger head per organization.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mandate::store {

// Rewrites '?' placeholders to $1, $2, … outside quoted literals and identifiers.
std::string rewrite_placeholders(std::string_view sql);

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, Options opts);
  ~PgDatabase() override;
  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override;
  Stats stats() const override;

 protected:
  void transact(bool write, const std::function<bool(Transaction&)>& body) override;

 private:
  struct Conn;
  Conn* connect();
  Conn* checkout();
  void checkin(Conn* c, bool healthy);
  std::string url_;
  Options opts_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Conn*> idle_;
  int open_ = 0;
  int in_use_ = 0;
};

}  // namespace mandate::store
