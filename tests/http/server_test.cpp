// tests/http/server_test.cpp
// Integration tests for http/server.cpp: a real Server on 127.0.0.1:0 in this process, spoken
// to in raw HTTP/1.1 over loopback sockets (and over TLS with a throwaway self-signed
// certificate made by the openssl command). Every wait is bounded.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>

#include "core/errors.hpp"
#include "http/server.hpp"
#include "support/temp_dir.hpp"

namespace mandate::http {
namespace {

using namespace std::chrono_literals;

const bool kQuiet = [] {
  spdlog::set_level(spdlog::level::off);
  return true;
}();

// A one-shot gate a handler can wait on (bounded) and a test can open.
class Gate {
 public:
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool wait(std::chrono::milliseconds limit = 5000ms) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

struct ParsedResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

// A blocking loopback client with a receive timeout, so no test can hang.
class Client {
 public:
  explicit Client(std::uint16_t port, std::chrono::milliseconds timeout = 5000ms) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{};
    tv.tv_sec = timeout.count() / 1000;
    tv.tv_usec = (timeout.count() % 1000) * 1000;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads one response; nullopt when the connection closed or timed out first.
  std::optional<ParsedResponse> read_response(bool head = false) {
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) {
        return std::nullopt;
      }
    }
    ParsedResponse r;
    std::string head_text = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    std::size_t eol = head_text.find("\r\n");
    std::string status_line = head_text.substr(0, eol);
    if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.1 ")) {
      return std::nullopt;
    }
    r.status = std::stoi(status_line.substr(9, 3));
    std::size_t pos = eol == std::string::npos ? head_text.size() : eol + 2;
    while (pos < head_text.size()) {
      std::size_t next = head_text.find("\r\n", pos);
      std::string line = head_text.substr(pos, next == std::string::npos ? std::string::npos
                                                                         : next - pos);
      std::size_t colon = line.find(':');
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      r.headers.add(line.substr(0, colon), v == std::string::npos ? "" : line.substr(v));
      pos = next == std::string::npos ? head_text.size() : next + 2;
    }
    std::size_t length = 0;
    if (auto cl = r.headers.get("content-length"); cl && !head && r.status >= 200) {
      length = std::stoul(std::string(*cl));
    }
    while (buf_.size() < length) {
      if (!fill()) {
        return std::nullopt;
      }
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }
  // True when the server closes the connection (EOF or reset) before `limit`.
  bool closed_within(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      char c[256];
      ssize_t n = ::recv(fd_, c, sizeof c, 0);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        return true;
      }
    }
    return false;
  }

 private:
  bool fill() {
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      return false;
    }
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra) +
         "\r\n";
}

// A Server running run() on its own thread; stopped and joined on destruction.
class RunningServer {
 public:
  RunningServer(std::shared_ptr<Router> router, ServerOptions opts = {}) {
    opts.address = "127.0.0.1";
    opts.port = 0;
    server_ = std::make_unique<Server>(std::move(opts), std::move(router));
    port_ = server_->start();
    thread_ = std::thread([this] { server_->run([this] { shutdown_ran_ = true; }); });
  }
  ~RunningServer() { stop_and_join(); }
  void stop_and_join() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }
  std::uint16_t port() const { return port_; }
  Server& server() { return *server_; }
  bool shutdown_ran() const { return shutdown_ran_; }

 private:
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> shutdown_ran_{false};
};

// A request is counted once its response is written, just after the client can read it: wait
// (bounded) until every needle shows up. Returns the last metrics text.
std::string wait_for_metrics(Server& server, std::initializer_list<std::string_view> needles) {
  std::string m;
  for (int i = 0; i < 200; ++i) {
    m = server.metrics_text();
    bool all = true;
    for (auto n : needles) {
      all = all && m.find(n) != std::string::npos;
    }
    if (all) {
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  return m;
}

std::shared_ptr<Router> basic_router() {
  auto r = std::make_shared<Router>();
  r->add({.method = Method::get, .pattern = "/hello", .is_public = true,
          .handler = [](Context&) { return Response::text("hello"); }});
  r->add({.method = Method::get, .pattern = "/echo/{word}", .is_public = true,
          .handler = [](Context& c) {
            return Response::text(std::string(c.param("word")) + "|" + c.req.path + "|" +
                                  c.req.query_param("q") + "|" + c.req.remote_addr + "|" +
                                  std::string(c.req.header("x-custom")));
          }});
  r->add({.method = Method::post, .pattern = "/upload", .is_public = true, .body_limit = 10,
          .handler = [](Context& c) { return Response::text("got " + c.req.body); }});
  return r;
}

TEST(ServerTest, ServesTwoRequestsOnOneKeepAliveConnection) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send(get("/hello")));
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "hello");
  EXPECT_TRUE(first->headers.get("x-request-id"));
  EXPECT_TRUE(first->headers.get("date"));
  EXPECT_EQ(first->headers.get("x-content-type-options"), "nosniff");
  ASSERT_TRUE(c.send(get("/echo/a%20b?q=x+y", "X-Custom: yes\r\n")));
  auto second = c.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "a b|/echo/a b|x y|127.0.0.1|yes");
  EXPECT_NE(first->headers.get("x-request-id"), second->headers.get("x-request-id"));
}

TEST(ServerTest, AnswersPipelinedRequestsInOrder) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.send(get("/echo/one") + get("/echo/two") + get("/hello")));
  for (std::string_view expected : {"one|", "two|", "hello"}) {
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->body.starts_with(expected)) << r->body;
  }
}

TEST(ServerTest, HeadKeepsLengthWithoutBodyAndUnknownPathIs404) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers.get("content-length"), "5");
  ASSERT_TRUE(c.send(get("/nowhere")));
  auto missing = c.read_response();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(ServerTest, OversizedHeadersAre431) {
  ServerOptions opts;
  opts.max_header_bytes = 1024;
  RunningServer s(basic_router(), opts);
  Client c(s.port());
  ASSERT_TRUE(c.send(get("/hello", "X-Big: " + std::string(4000, 'a') + "\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(c.closed_within(3000ms));
}

TEST(ServerTest, BodyOverRouteLimitIs413BeforeTheBodyIsSent) {
  RunningServer s(basic_router());
  Client c(s.port());
  // Only the head is sent: the answer must not wait for the 1 MB body.
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                     "Content-Length: 1000000\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(c.closed_within(3000ms));

  Client ok(s.port());
  ASSERT_TRUE(ok.send("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                      "Content-Length: 5\r\n\r\nabcde"));
  auto accepted = ok.read_response();
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200);
  EXPECT_EQ(accepted->body, "got abcde");
}

TEST(ServerTest, ChunkedBodyOverRouteLimitIs413) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"
                     "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);

  Client ok(s.port());
  ASSERT_TRUE(ok.send("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  auto accepted = ok.read_response();
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->body, "got abcde");
}

TEST(ServerTest, ExpectContinueGetsAnInterimResponse) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                     "Expect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("xyz"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "got xyz");
}

TEST(ServerTest, MalformedRequestIs400AndCloses) {
  RunningServer s(basic_router());
  Client c(s.port());
  ASSERT_TRUE(c.send("THIS IS NOT HTTP\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(c.closed_within(3000ms));

  Client bad_target(s.port());
  ASSERT_TRUE(bad_target.send(get("/bad%zz")));
  auto t = bad_target.read_response();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, 400);
}

TEST(ServerTest, SlowHeadAndIdleKeepAliveAreCutOffAtTheirTimeouts) {
  ServerOptions opts;
  opts.head_timeout_s = 1;
  opts.idle_timeout_s = 1;
  RunningServer s(basic_router(), opts);
  Client c(s.port());
  Client silent(s.port());  // connects and never sends a byte
  Client idle(s.port());    // one request, then nothing
  ASSERT_TRUE(idle.send(get("/hello")));
  ASSERT_TRUE(idle.read_response());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n"));  // never finished
  std::this_thread::sleep_for(300ms);
  ASSERT_TRUE(c.send("X-Drip: 1\r\n"));
  EXPECT_TRUE(c.closed_within(3000ms));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 2500ms);
  EXPECT_TRUE(silent.closed_within(1000ms));
  EXPECT_TRUE(idle.closed_within(1000ms));
}

TEST(ServerTest, FullQueueAnswers503WithoutRunningTheHandler) {
  auto router = basic_router();
  Gate entered;
  Gate release;
  std::atomic<int> runs{0};
  router->add({.method = Method::get, .pattern = "/slow", .is_public = true,
               .handler = [&](Context&) {
                 ++runs;
                 entered.open();
                 release.wait();
                 return Response::text("done");
               }});
  ServerOptions opts;
  opts.worker_threads = 1;
  opts.max_queue = 0;
  RunningServer s(router, opts);
  Client busy(s.port());
  ASSERT_TRUE(busy.send(get("/slow")));
  ASSERT_TRUE(entered.wait());
  Client refused(s.port());
  ASSERT_TRUE(refused.send(get("/slow")));
  auto r = refused.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->headers.get("retry-after"), "1");
  EXPECT_EQ(runs.load(), 1);
  release.open();
  auto done = busy.read_response();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body, "done");
  const std::string_view refused_line =
      "mandate_http_requests_total{route=\"/slow\",method=\"GET\",status=\"503\"} 1";
  EXPECT_NE(wait_for_metrics(s.server(), {refused_line}).find(refused_line), std::string::npos);
}

TEST(ServerTest, ConnectionsOverTheLimitGet503) {
  ServerOptions opts;
  opts.max_connections = 1;
  RunningServer s(basic_router(), opts);
  Client first(s.port());
  ASSERT_TRUE(first.send(get("/hello")));
  ASSERT_TRUE(first.read_response());  // the first connection is established and kept open
  Client extra(s.port());
  auto r = extra.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_TRUE(extra.closed_within(3000ms));
  ASSERT_TRUE(first.send(get("/hello")));
  auto again = first.read_response();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST(ServerTest, StopLetsTheInFlightRequestFinish) {
  auto router = basic_router();
  Gate entered;
  Gate release;
  router->add({.method = Method::get, .pattern = "/slow", .is_public = true,
               .handler = [&](Context&) {
                 entered.open();
                 release.wait();
                 return Response::text("finished");
               }});
  RunningServer s(router);
  Client idle(s.port());
  ASSERT_TRUE(idle.send(get("/hello")));
  ASSERT_TRUE(idle.read_response());
  auto c = std::make_unique<Client>(s.port());
  ASSERT_TRUE(c->send(get("/slow")));
  ASSERT_TRUE(entered.wait());
  std::thread stopper([&] { s.stop_and_join(); });
  // The idle keep-alive connection is closed promptly; new connections are refused.
  EXPECT_TRUE(idle.closed_within(3000ms));
  EXPECT_FALSE(s.shutdown_ran());
  release.open();
  auto r = c->read_response();
  c.reset();  // a well-behaved client closes after "Connection: close"
  stopper.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->headers.get("connection"), "close");
  EXPECT_TRUE(s.shutdown_ran());
  Client late(s.port());
  EXPECT_FALSE(late.connected());
}

TEST(ServerTest, StopBeforeRunMakesRunReturnAfterShutdownWork) {
  ServerOptions opts;
  opts.address = "127.0.0.1";
  opts.port = 0;
  Server server(opts, basic_router());
  server.start();
  server.stop();
  bool ran = false;
  auto done = std::async(std::launch::async, [&] { server.run([&] { ran = true; }); });
  ASSERT_EQ(done.wait_for(3s), std::future_status::ready);
  EXPECT_TRUE(ran);
}

TEST(ServerTest, MetricsCountRequestsAndAppendExtra) {
  ServerOptions opts;
  opts.extra_metrics = [] { return std::string("mandate_db_pool_size 4\n"); };
  RunningServer s(basic_router(), opts);
  Client c(s.port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(c.send(get("/echo/x")));
    ASSERT_TRUE(c.read_response());
  }
  ASSERT_TRUE(c.send(get("/nope")));
  ASSERT_TRUE(c.read_response());
  std::string m = wait_for_metrics(s.server(), {"status=\"404\"} 1", "mandate_http_in_flight 0"});
  EXPECT_NE(m.find("mandate_http_requests_total{route=\"/echo/{word}\",method=\"GET\","
                   "status=\"200\"} 2"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("mandate_http_requests_total{route=\"unmatched\",method=\"GET\","
                   "status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(m.find("mandate_http_request_duration_seconds_count{route=\"/echo/{word}\"} 2"),
            std::string::npos);
  EXPECT_NE(m.find("mandate_http_in_flight 0"), std::string::npos);
  EXPECT_NE(m.find("mandate_http_queue_depth 0"), std::string::npos);
  EXPECT_TRUE(m.ends_with("mandate_db_pool_size 4\n"));
}

TEST(ServerTest, StartReportsAPortInUseClearly) {
  RunningServer first(basic_router());
  ServerOptions opts;
  opts.address = "127.0.0.1";
  opts.port = first.port();
  Server second(opts, basic_router());
  try {
    second.start();
    FAIL() << "expected SystemError";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" +
                                         std::to_string(first.port()) + ": "),
              std::string::npos)
        << e.what();
  }
  ServerOptions bad;
  bad.address = "not-an-address";
  EXPECT_THROW(Server(bad, basic_router()).start(), SystemError);
}

TEST(ServerTest, UnreadableOrHalfTlsConfigurationFailsAtStart) {
  ServerOptions opts;
  opts.address = "127.0.0.1";
  opts.port = 0;
  opts.tls_cert = "/nonexistent/cert.pem";
  opts.tls_key = "/nonexistent/key.pem";
  try {
    Server(opts, basic_router()).start();
    FAIL() << "expected SystemError";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/cert.pem"), std::string::npos);
  }
  opts.tls_key.clear();
  EXPECT_THROW(Server(opts, basic_router()).start(), SystemError);
}

// ---------------------------------------------------------------- TLS

TEST(ServerTest, ServesHttpsWithHsts) {
  test::TempDir dir;
  std::string cert = dir.file("cert.pem");
  std::string key = dir.file("key.pem");
  std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                    "-days 1 -subj /CN=localhost -keyout '" + key + "' -out '" + cert +
                    "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ServerOptions opts;
  opts.tls_cert = cert;
  opts.tls_key = key;
  RunningServer s(basic_router(), opts);

  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(s.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  ASSERT_EQ(SSL_connect(ssl), 1);
  std::string req = get("/hello", "Connection: close\r\n");
  ASSERT_EQ(SSL_write(ssl, req.data(), static_cast<int>(req.size())), static_cast<int>(req.size()));
  std::string resp;
  char buf[4096];
  for (;;) {
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n <= 0) {
      break;
    }
    resp.append(buf, static_cast<std::size_t>(n));
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  EXPECT_TRUE(resp.starts_with("HTTP/1.1 200 OK\r\n")) << resp;
  std::string lower = resp;
  for (char& ch : lower) {
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  EXPECT_NE(lower.find("\r\nstrict-transport-security: max-age=31536000\r\n"), std::string::npos)
      << resp;
  EXPECT_TRUE(resp.ends_with("\r\n\r\nhello"));

  Client plain(s.port());  // plain HTTP to the TLS port gets nothing useful, and no hang
  ASSERT_TRUE(plain.send(get("/hello")));
  EXPECT_FALSE(plain.read_response());
}

}  // namespace
}  // namespace mandate::http
