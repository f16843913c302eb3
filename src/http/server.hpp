// http/server.hpp
// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines. It reads requests within
// limits (header size, per-route body limit known before the body is read, head deadline, idle
// timeout, max connections), hands each complete request to Router::handle on a bounded worker
// pool and writes the answer. Optional native TLS. The only translation unit that includes Beast.
//
// Lifecycle: construct, start() (binds), run() (blocks serving until stop() or a signal). Every
// request is logged as one access-log line (request id, remote, method, path without query,
// status, bytes, ms) — never cookies, Authorization or bodies — and counted in metrics_text().
#pragma once
#include <cstddef>
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
  std::size_t max_queue = 256;          // requests waiting beyond busy workers -> 503 Retry-After: 1
  std::size_t max_connections = 1024;   // extra connections get a 503 and are closed
  std::size_t max_header_bytes = 16 * 1024;  // request line + headers; larger -> 431
  int head_timeout_s = 10;              // whole request head must arrive within this
  int idle_timeout_s = 60;              // keep-alive idle; also bounds writing a response
  int body_timeout_s = 120;             // the whole body must arrive within this
  int shutdown_grace_s = 10;            // how long run() waits for in-flight requests on stop
  std::string tls_cert;                 // PEM paths; both set -> HTTPS only
  std::string tls_key;
  // Appended to metrics_text() (e.g. database pool gauges); must return Prometheus text and be
  // safe to call from any thread.
  std::function<std::string()> extra_metrics;
};

class Metrics;

class Server {
 public:
  Server(ServerOptions opts, std::shared_ptr<const Router> router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts listening; throws SystemError with a clear message ("cannot listen on
  // 127.0.0.1:8080: Address already in use", bad address, unreadable or mismatched TLS
  // certificate/key, only one of tls_cert/tls_key set). Returns the bound port (the chosen one
  // when opts.port is 0). Calling it again returns the same port.
  std::uint16_t start();
  // Serves on opts.io_threads threads (this one included) until stop() or SIGTERM/SIGINT; then
  // stops accepting, closes idle keep-alive connections, lets in-flight requests finish (up to
  // shutdown_grace_s, then drops the connections but still waits for running handlers), runs
  // on_shutdown (e.g. write a checkpoint) and returns. Calls start() first if needed. Call once.
  void run(const std::function<void()>& on_shutdown = {});
  // Asks run() to shut down as above. Thread-safe, idempotent, may be called before run().
  void stop();

  // Prometheus text for /metrics: mandate_http_requests_total{route,method,status},
  // mandate_http_request_duration_seconds{route} histogram, mandate_http_in_flight,
  // mandate_http_queue_depth, mandate_http_connections, then opts.extra_metrics(). Thread-safe.
  std::string metrics_text() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mandate::http
