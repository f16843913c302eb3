// http/server.hpp
// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines. It reads requests within
// limits (header size, per-route body limit known before the body is read, head deadline, idle
// timeout, max connections), hands each complete request to Router::handle on a bounded worker
// pool and writes the answer. Optional native TLS. The only translation unit that includes Beast.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace mandate::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;            // 0: pick a free port (tests)
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t max_queue = 256;          // pending requests beyond this -> 503
  std::size_t max_connections = 1024;
  std::size_t max_header_bytes = 16 * 1024;
  int head_timeout_s = 10;              // whole request head must arrive within this
  int idle_timeout_s = 60;              // keep-alive idle
  std::string tls_cert;                 // PEM paths; both set -> HTTPS only
  std::string tls_key;
};

class Metrics;

class Server {
 public:
  Server(ServerOptions opts, std::shared_ptr<const Router> router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts listening; throws SystemError with a clear message (port in use, bad
  // address, unreadable certificate). Returns the bound port.
  std::uint16_t start();
  // Blocks until stop() or SIGTERM/SIGINT; then stops accepting, lets in-flight requests
  // finish (bounded), runs on_shutdown (e.g. write a checkpoint) and returns.
  void run(const std::function<void()>& on_shutdown = {});
  void stop();

  // Prometheus text for /metrics (requests by route and status, latency histogram, queue).
  std::string metrics_text() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mandate::http
