// cli/serve.cpp — `mandate serve`: open the database (migrating it), load the instance key, build
// the router, serve HTTP until SIGTERM/SIGINT, writing signed checkpoints periodically and once
// more at shutdown.
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "app/app.hpp"
#include "cli/command.hpp"
#include "http/server.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"

namespace mandate::cli {
namespace {

// Writes checkpoints every `interval` seconds until stopped. Failures are logged, not fatal:
// the next round tries again, and shutdown writes one more.
class Checkpointer {
 public:
  Checkpointer(store::Database& db, const ledger::Signer& signer, const core::Clock& clock,
               int interval_s)
      : thread_([this, &db, &signer, &clock, interval_s] {
          std::unique_lock lock(mu_);
          while (!cv_.wait_for(lock, std::chrono::seconds(interval_s), [this] { return stop_; })) {
            lock.unlock();
            run_once(db, signer, clock);
            lock.lock();
          }
        }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  static void run_once(store::Database& db, const ledger::Signer& signer, const core::Clock& clock) {
    try {
      ledger::checkpoint_all(db, signer, clock);
    } catch (const std::exception& e) {
      spdlog::error("checkpoint failed: {}", e.what());
    }
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

void add_serve(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("serve", "Serve the web UI and the JSON API");
  cmd->callback([&g] {
    g.run = [&g] {
      const auto& c = g.config;
      auto started = std::chrono::steady_clock::now();
      auto db = open_db(c);
      auto signer = ledger::load_key_file(c.key_file);
      core::SystemClock clock;
      http::ServerOptions opts;
      opts.address = c.address;
      opts.port = c.port;
      opts.io_threads = c.io_threads;
      opts.worker_threads = c.workers;
      opts.tls_cert = c.tls_cert;
      opts.tls_key = c.tls_key;
      std::unique_ptr<http::Server> server;
      areas::Services services{*db, clock, &signer, c.instance_name, {}};
      services.metrics = [&server, &db] {
        auto st = db->stats();
        std::string out = server ? server->metrics_text() : std::string();
        out += "# HELP mandate_db_connections Database connections open.\n"
               "# TYPE mandate_db_connections gauge\nmandate_db_connections " +
               std::to_string(st.connections) +
               "\n# HELP mandate_db_connections_in_use Database connections in use.\n"
               "# TYPE mandate_db_connections_in_use gauge\nmandate_db_connections_in_use " +
               std::to_string(st.in_use) + "\n";
        return out;
      };
      auto router = app::build_router(services);
      server = std::make_unique<http::Server>(opts, router);
      auto port = server->start();
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
      std::printf("Mandate is serving on %s://%s:%u (%s, started in %lld ms)\n",
                  c.tls_cert.empty() ? "http" : "https", c.address.c_str(), port,
                  db->describe().c_str(), static_cast<long long>(ms));
      std::fflush(stdout);
      {
        Checkpointer checkpoints(*db, signer, clock, c.checkpoint_interval_s);
        server->run([&] { Checkpointer::run_once(*db, signer, clock); });
      }
      std::printf("Mandate stopped.\n");
      return 0;
    };
  });
}

}  // namespace mandate::cli
