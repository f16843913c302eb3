// http/server.cpp
// The wire side of http/server.hpp: Beast/Asio C++20 coroutines read each request within its
// limits, hand it to Router::handle (http/router.cpp) on a bounded worker pool and write the
// answer. The only translation unit that includes Beast; http/message.cpp holds the plain
// Request/Response values it converts to and from, http/metrics.cpp the counters.
#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "http/metrics.hpp"

namespace mandate::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// Bounds on closing a connection politely (TLS close_notify, reading what the client still
// sends so that our last response is not destroyed by a TCP reset).
constexpr auto kLingerTime = 1s;
constexpr std::size_t kLingerBytes = 1024 * 1024;
// Body limit for requests that match no route: they get a 404/405, but their (small) body is
// still read so the connection stays usable.
constexpr std::size_t kUnmatchedBodyLimit = 64 * 1024;
// Connections refused for being over max_connections that may be answering at once; beyond
// this they are closed without a word.
constexpr std::int64_t kMaxRejecting = 64;

using PlainStream = beast::tcp_stream;
using TlsStream = asio::ssl::stream<beast::tcp_stream>;

// What stop() needs to reach a connection: close it if it is waiting for a next request.
struct ConnectionBase {
  virtual ~ConnectionBase() = default;
  virtual void close_if_idle() = 0;  // call on the connection's strand
  asio::any_io_executor strand;
  bool idle = false;  // waiting for the first byte of a request; touched on the strand only
};

template <class Stream>
struct Connection : ConnectionBase {
  template <class... Args>
  explicit Connection(Args&&... args) : stream(std::forward<Args>(args)...) {}
  void close_if_idle() override {
    if (idle) {
      beast::error_code ec;
      beast::get_lowest_layer(stream).socket().close(ec);
    }
  }
  Stream stream;
};

std::string http_date() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

bool valid_header_name(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool valid_header_value(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// The path part of a raw request-target, for the access log: no query (it may carry tokens),
// bounded length. The target's bytes were already checked by the parser (no controls).
std::string_view log_path(std::string_view target) {
  target = target.substr(0, target.find('?'));
  return target.substr(0, 256);
}

std::string endpoint_text(const std::string& address, std::uint16_t port) {
  if (address.find(':') != std::string::npos) {
    return "[" + address + "]:" + std::to_string(port);
  }
  return address + ":" + std::to_string(port);
}

void log_coroutine_failure(std::exception_ptr e) {
  if (!e) {
    return;
  }
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::error("http connection failed: {}", ex.what());
  } catch (...) {
    spdlog::error("http connection failed with a non-standard exception");
  }
}

bool is_disconnect(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::eof || ec == bhttp::error::end_of_stream ||
         ec == bhttp::error::partial_message || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor ||
         ec == asio::ssl::error::stream_truncated;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, std::shared_ptr<const Router> r)
      : opts(std::move(o)),
        router(std::move(r)),
        workers(static_cast<std::size_t>(std::max(1, opts.worker_threads))),
        ioc(std::max(1, opts.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control) {}

  ~Impl() {
    // Handlers still queued on the pool hold coroutine frames that live in ioc: let them finish
    // before ioc (declared after the pool) destroys those frames.
    workers.join();
  }

  // Set-up, fixed before run().
  ServerOptions opts;
  std::shared_ptr<const Router> router;
  std::optional<asio::ssl::context> tls;
  std::uint16_t port = 0;
  bool started = false;

  // Shared state, any thread.
  Metrics metrics;
  std::atomic<std::size_t> pending{0};  // requests on the worker pool, running or queued
  std::atomic<std::int64_t> rejecting{0};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> stopping{false};
  std::mutex connections_mu;
  std::map<std::uint64_t, std::weak_ptr<ConnectionBase>> connections;
  std::uint64_t next_connection_id = 0;  // on `control` only

  // Declared last so it is destroyed first: its frames reference everything above. The pool is
  // declared before it and joined in ~Impl.
  asio::thread_pool workers;
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, shutdown
  tcp::acceptor acceptor;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;

  void load_tls();
  void begin_stop();
  asio::awaitable<void> accept_loop();
  template <class Stream>
  void launch(std::shared_ptr<Connection<Stream>> conn, asio::any_io_executor strand, bool over,
              std::string remote, std::uint64_t id);
  asio::awaitable<void> wait_for_drain();
  template <class Stream>
  asio::awaitable<void> serve(std::shared_ptr<Connection<Stream>> conn, std::string remote,
                              std::uint64_t id);
  template <class Stream>
  asio::awaitable<void> reject(std::shared_ptr<Connection<Stream>> conn);
  // The two below take the stream by reference: callers await them at once, inside the
  // connection's own frame that owns the stream.
  template <class Stream>
  asio::awaitable<beast::error_code> write_response(Stream& stream, Response res, bool head,
                                                    bool keep_alive);
  template <class Stream>
  asio::awaitable<void> close_politely(Stream& stream);
  // Not a coroutine: the returned awaitable runs Router::handle on the pool when awaited, and
  // resumes the awaiting coroutine on its own strand. Await it at once (it refers to its
  // arguments).
  asio::awaitable<Response> handle_on_worker(const Request& req, const std::string& request_id);
};

void Server::Impl::load_tls() {
  if (opts.tls_cert.empty() != opts.tls_key.empty()) {
    throw SystemError("TLS needs both tls_cert and tls_key; only one is set");
  }
  if (opts.tls_cert.empty()) {
    return;
  }
  for (const std::string* path : {&opts.tls_cert, &opts.tls_key}) {
    std::ifstream in(*path);
    if (!in) {
      throw SystemError("cannot read TLS " +
                        std::string(path == &opts.tls_cert ? "certificate" : "key") + " file '" +
                        *path + "': " + std::strerror(errno));
    }
  }
  tls.emplace(asio::ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::single_dh_use |
                   asio::ssl::context::no_compression);
  beast::error_code ec;
  tls->use_certificate_chain_file(opts.tls_cert, ec);
  if (ec) {
    throw SystemError("invalid TLS certificate file '" + opts.tls_cert + "': " + ec.message());
  }
  tls->use_private_key_file(opts.tls_key, asio::ssl::context::pem, ec);
  if (ec) {
    throw SystemError("invalid TLS key file '" + opts.tls_key + "': " + ec.message());
  }
  if (SSL_CTX_check_private_key(tls->native_handle()) != 1) {
    throw SystemError("TLS key '" + opts.tls_key + "' does not match certificate '" +
                      opts.tls_cert + "'");
  }
}

void Server::Impl::begin_stop() {
  if (stop_requested.exchange(true)) {
    return;
  }
  asio::post(control, [this] {
    stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    std::lock_guard lock(connections_mu);
    for (auto& [id, weak] : connections) {
      if (auto conn = weak.lock()) {
        asio::post(conn->strand, [conn] { conn->close_if_idle(); });
      }
    }
    asio::co_spawn(control, wait_for_drain(), log_coroutine_failure);
  });
}

asio::awaitable<void> Server::Impl::wait_for_drain() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opts.shutdown_grace_s);
  asio::steady_timer timer(control);
  while (metrics.connections.load() > 0 || pending.load() > 0 || rejecting.load() > 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      spdlog::warn("shutdown: {} connections still open after {} s; closing them",
                   metrics.connections.load(), opts.shutdown_grace_s);
      break;
    }
    timer.expires_after(20ms);
    co_await timer.async_wait(kTuple);
  }
  work.reset();
  ioc.stop();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
    if (stopping || !acceptor.is_open()) {
      co_return;
    }
    if (ec) {
      // Out of file descriptors or similar: back off instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer timer(control, 100ms);
      co_await timer.async_wait(kTuple);
      continue;
    }
    beast::error_code ep_ec;
    auto remote_ep = socket.remote_endpoint(ep_ec);
    std::string remote = ep_ec ? std::string("?") : remote_ep.address().to_string();
    auto strand = socket.get_executor();
    bool over = static_cast<std::size_t>(metrics.connections.load()) >= opts.max_connections;
    if (over && rejecting.load() >= kMaxRejecting) {
      socket.close(ep_ec);
      continue;
    }
    // Counted here, on the accept strand, so the checks above never see a stale number;
    // serve() and reject() give them back when they end.
    ++(over ? rejecting : metrics.connections);
    std::uint64_t id = ++next_connection_id;
    if (tls) {
      launch(std::make_shared<Connection<TlsStream>>(std::move(socket), *tls), strand, over,
             std::move(remote), id);
    } else {
      launch(std::make_shared<Connection<PlainStream>>(std::move(socket)), strand, over,
             std::move(remote), id);
    }
  }
}

template <class Stream>
void Server::Impl::launch(std::shared_ptr<Connection<Stream>> conn, asio::any_io_executor strand,
                          bool over, std::string remote, std::uint64_t id) {
  conn->strand = strand;
  if (over) {
    asio::co_spawn(strand, reject(std::move(conn)), log_coroutine_failure);
  } else {
    asio::co_spawn(strand, serve(std::move(conn), std::move(remote), id), log_coroutine_failure);
  }
}

asio::awaitable<Response> Server::Impl::handle_on_worker(const Request& req,
                                                         const std::string& request_id) {
  return asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      [this, &req, &request_id](auto handler) {
        ++metrics.queue_depth;
        asio::post(workers, [this, &req, &request_id, handler = std::move(handler)]() mutable {
          --metrics.queue_depth;
          Response res = router->handle(req, request_id);
          --pending;
          auto ex = asio::get_associated_executor(handler);
          asio::dispatch(ex, [handler = std::move(handler), res = std::move(res)]() mutable {
            std::move(handler)(std::move(res));
          });
        });
      },
      asio::use_awaitable);
}

template <class Stream>
asio::awaitable<beast::error_code> Server::Impl::write_response(Stream& stream, Response res,
                                                                bool head, bool keep_alive) {
  bhttp::response<bhttp::string_body> out;
  out.version(11);
  if (res.status < 100 || res.status > 599) {
    spdlog::error("handler returned invalid status {}; sending 500", res.status);
    res.status = 500;
  }
  out.result(static_cast<unsigned>(res.status));
  std::optional<std::string> head_length;
  for (const auto& [name, value] : res.headers.all()) {
    if (!valid_header_name(name) || !valid_header_value(value)) {
      spdlog::error("dropping invalid response header '{}'", name.substr(0, 64));
      continue;
    }
    if (name == "content-length" || name == "connection" || name == "transfer-encoding") {
      if (name == "content-length") {
        head_length = value;
      }
      continue;  // framing is ours to decide
    }
    out.insert(name, value);
  }
  out.set(bhttp::field::date, http_date());
  out.keep_alive(keep_alive);
  if (head) {
    // The router kept the GET body's length and dropped the body.
    out.set(bhttp::field::content_length, head_length.value_or(std::to_string(res.body.size())));
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(opts.idle_timeout_s));
  auto [ec, n] = co_await bhttp::async_write(stream, out, kTuple);
  co_return ec;
}

template <class Stream>
asio::awaitable<void> Server::Impl::close_politely(Stream& stream) {
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(kLingerTime);
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    co_await stream.async_shutdown(kTuple);
  } else {
    beast::error_code ec;
    lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Read (and drop) what the client still sends until it closes, so the kernel does not
    // answer it with a reset that could destroy our response before the client reads it.
    char sink[8192];
    std::size_t total = 0;
    while (!ec && total < kLingerBytes) {
      auto [rec, n] = co_await lowest.async_read_some(asio::buffer(sink), kTuple);
      ec = rec;
      total += n;
    }
  }
  beast::error_code ignored;
  lowest.socket().close(ignored);
}

template <class Stream>
asio::awaitable<void> Server::Impl::reject(std::shared_ptr<Connection<Stream>> conn) {
  struct Done {
    std::atomic<std::int64_t>& n;
    ~Done() { --n; }
  } done{rejecting};
  auto& stream = conn->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(std::chrono::seconds(opts.head_timeout_s));
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTuple);
    if (ec) {
      co_return;
    }
  }
  Request req;
  req.tls = std::is_same_v<Stream, TlsStream>;
  Error busy = fail(Errc::unavailable, "The server has too many connections. Please retry.");
  busy.retry_after_s = 1;
  std::string id = core::random_token(16);
  beast::error_code ec =
      co_await write_response(stream, router->error_response(&req, busy, id), false, false);
  spdlog::warn("request_id={} connection refused: over max_connections={}", id,
               opts.max_connections);
  if (!ec) {
    co_await close_politely(stream);
  }
}

template <class Stream>
asio::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection<Stream>> conn,
                                          std::string remote, std::uint64_t id) {
  constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
  {
    std::lock_guard lock(connections_mu);
    connections.emplace(id, conn);
  }
  struct Unregister {
    Impl& self;
    std::uint64_t id;
    ~Unregister() {
      std::lock_guard lock(self.connections_mu);
      self.connections.erase(id);
      --self.metrics.connections;
    }
  } unregister{*this, id};

  auto& stream = conn->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  const auto head_timeout = std::chrono::seconds(opts.head_timeout_s);
  const auto idle_timeout = std::chrono::seconds(opts.idle_timeout_s);
  // The first request's head (and the TLS handshake) must arrive within head_timeout of accept.
  lowest.expires_after(head_timeout);
  if constexpr (kTls) {
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTuple);
    if (ec) {
      co_return;
    }
  }

  beast::flat_buffer buffer;
  for (bool first = true;; first = false) {
    if (buffer.size() == 0) {
      // Waiting for the next request: the only state in which stop() closes the connection.
      if (!first) {
        lowest.expires_after(idle_timeout);
      }
      conn->idle = true;
      if (stopping) {
        co_return;
      }
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
      conn->idle = false;
      if (ec) {
        co_return;
      }
      buffer.commit(n);
    }
    if (!first) {
      lowest.expires_after(head_timeout);
    }

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opts.max_header_bytes));
    parser.body_limit(boost::none);  // checked below against the route's own limit
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    const auto started_at = std::chrono::steady_clock::now();
    const std::string request_id = core::random_token(16);

    Request req;
    req.remote_addr = remote;
    req.tls = kTls;
    std::string route_name = "unmatched";
    std::string method_text = "-";
    std::string path_text = "-";
    bool close_after = false;
    std::optional<Response> early;  // an answer decided while reading

    if (hec) {
      if (is_disconnect(hec)) {
        co_return;  // slow or vanished client: nothing to answer
      }
      close_after = true;
      if (hec == bhttp::error::header_limit) {
        // Errc has no 431; too_large renders the body, the status is the transport's.
        early = router->error_response(
            &req, fail(Errc::too_large, "The request headers are too large."), request_id);
        early->status = 431;
      } else {
        early = router->error_response(
            &req, fail(Errc::bad_request, "The request is not valid HTTP."), request_id);
      }
    } else {
      auto& msg = parser.get();
      method_text = std::string(msg.method_string().substr(0, 16));
      path_text = std::string(log_path(msg.target()));
      req.method = parse_method(msg.method_string());
      for (const auto& field : msg) {
        req.headers.add(field.name_string(), field.value());
      }
      if (!parse_target(msg.target(), req)) {
        close_after = true;
        early = router->error_response(
            &req, fail(Errc::bad_request, "The request target is not valid."), request_id);
      }
    }

    if (!early) {
      RouteMatch match = router->match(req.method, req.path);
      std::size_t limit = match.route != nullptr ? match.route->body_limit : kUnmatchedBodyLimit;
      if (match.route != nullptr) {
        route_name = match.route->name;
      }
      if (auto length = parser.content_length(); length && *length > limit) {
        // Refused before reading a byte of it; the unread body makes the connection unusable.
        close_after = true;
        early = router->error_response(
            &req, fail(Errc::too_large, "The request body is too large."), request_id);
      } else if (!parser.is_done()) {
        parser.body_limit(limit);
        auto expect = parser.get()[bhttp::field::expect];
        if (beast::iequals(expect, "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
          auto [cec, cn] = co_await bhttp::async_write(stream, cont, kTuple);
          if (cec) {
            co_return;
          }
        }
        lowest.expires_after(std::chrono::seconds(opts.body_timeout_s));
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec == bhttp::error::body_limit) {
          close_after = true;
          early = router->error_response(
              &req, fail(Errc::too_large, "The request body is too large."), request_id);
        } else if (bec && is_disconnect(bec)) {
          co_return;
        } else if (bec) {
          close_after = true;
          early = router->error_response(
              &req, fail(Errc::bad_request, "The request body is malformed."), request_id);
        }
      }
    }

    ++metrics.in_flight;
    Response res;
    if (early) {
      res = std::move(*early);
    } else {
      req.body = std::move(parser.get().body());
      const std::size_t capacity =
          static_cast<std::size_t>(std::max(1, opts.worker_threads)) + opts.max_queue;
      if (pending.fetch_add(1) >= capacity) {
        --pending;
        Error busy = fail(Errc::unavailable, "The server is busy. Please retry.");
        busy.retry_after_s = 1;
        res = router->error_response(&req, busy, request_id);
      } else {
        res = co_await handle_on_worker(req, request_id);
      }
    }
    const int status = res.status;
    const bool head = req.method == Method::head && !hec;
    const bool keep_alive = !close_after && !stopping && !hec && parser.get().keep_alive();
    std::size_t bytes = head ? 0 : res.body.size();
    beast::error_code wec = co_await write_response(stream, std::move(res), head, keep_alive);
    --metrics.in_flight;

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at).count();
    // method_name() folds unknown methods into "OTHER": labels must not grow without bound.
    metrics.record(route_name, hec ? "-" : method_name(req.method), status, seconds);
    spdlog::info(
        "request_id={} remote={} method={} path={} route={} status={} bytes={} ms={:.1f}{}",
        request_id, remote, method_text, path_text, route_name, status, bytes, seconds * 1000.0,
        wec ? " write_failed=" + wec.message() : std::string());
    if (wec) {
      co_return;
    }
    if (!keep_alive) {
      co_await close_politely(stream);
      co_return;
    }
  }
}

Server::Server(ServerOptions opts, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>(std::move(opts), std::move(router))) {}

Server::~Server() = default;

std::uint16_t Server::start() {
  Impl& s = *impl_;
  if (s.started) {
    return s.port;
  }
  core::crypto_init();
  s.load_tls();
  const std::string where = endpoint_text(s.opts.address, s.opts.port);
  beast::error_code ec;
  auto address = asio::ip::make_address(s.opts.address, ec);
  if (ec) {
    throw SystemError("cannot listen on " + where + ": not an IP address");
  }
  tcp::endpoint endpoint(address, s.opts.port);
  auto check = [&](const char* step) {
    if (ec) {
      beast::error_code ignored;
      s.acceptor.close(ignored);
      throw SystemError("cannot listen on " + where + ": " + ec.message() + " (" + step + ")");
    }
  };
  s.acceptor.open(endpoint.protocol(), ec);
  check("open");
  s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  check("reuse_address");
  s.acceptor.bind(endpoint, ec);
  check("bind");
  s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  check("listen");
  s.port = s.acceptor.local_endpoint().port();
  s.started = true;
  asio::co_spawn(s.control, s.accept_loop(), log_coroutine_failure);
  spdlog::info("listening on {}://{}", s.tls ? "https" : "http",
               endpoint_text(s.opts.address, s.port));
  return s.port;
}

void Server::run(const std::function<void()>& on_shutdown) {
  Impl& s = *impl_;
  start();
  s.work.emplace(s.ioc.get_executor());
  asio::signal_set signals(s.control, SIGINT, SIGTERM);
  signals.async_wait([this](const beast::error_code& ec, int signo) {
    if (!ec) {
      spdlog::info("received signal {}; shutting down", signo);
      impl_->begin_stop();
    }
  });
  auto serve_io = [&s] {
    for (;;) {
      try {
        s.ioc.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("http io thread: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < s.opts.io_threads; ++i) {
    threads.emplace_back(serve_io);
  }
  serve_io();
  for (auto& t : threads) {
    t.join();
  }
  // Handlers still running on the pool finish before shutdown work starts.
  s.workers.join();
  spdlog::info("http server stopped");
  if (on_shutdown) {
    on_shutdown();
  }
}

void Server::stop() { impl_->begin_stop(); }

std::string Server::metrics_text() const {
  std::string out = impl_->metrics.text();
  if (impl_->opts.extra_metrics) {
    out += impl_->opts.extra_metrics();
  }
  return out;
}

}  // namespace mandate::http
