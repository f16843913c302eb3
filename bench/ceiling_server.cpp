// bench/ceiling_server.cpp
// The ceiling for the load benchmarks (scripts/bench): a bare Boost.Beast HTTP/1.1 keep-alive
// server that answers every request with the same prepared response — the exact body bytes of
// a file (saved from Mandate's /healthz or /people), and optionally Mandate's response headers
// too — so the wire traffic matches and the only difference left is Mandate's own work
// (routing, sessions, authorization, the database, rendering). Same threading as Mandate's
// default (one I/O thread) unless --threads says otherwise. Loopback only by default.
//
//   ceiling_server --port P --body-file F --content-type T [--headers-file H] [--threads N]
//
// Prints "ceiling listening on 127.0.0.1:P" once accepting, runs until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace mandate::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kIdleTimeout = std::chrono::seconds(30);

using Response = bhttp::response<bhttp::string_body>;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Headers saved by `curl -D file`: the status line, then "Name: value" lines. Fields the
// ceiling sets itself (framing, connection management) are skipped.
void add_saved_headers(Response& res, const std::string& path) {
  std::istringstream lines(read_file(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    auto colon = line.find(':');
    if (line.empty() || line.starts_with("HTTP/") || colon == std::string::npos) {
      continue;
    }
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (beast::iequals(name, "content-length") || beast::iequals(name, "connection") ||
        beast::iequals(name, "transfer-encoding") || beast::iequals(name, "keep-alive") ||
        beast::iequals(name, "content-type") || beast::iequals(name, "set-cookie")) {
      continue;
    }
    res.insert(name, value);
  }
}

// One keep-alive connection: read a request, write the shared response, until the client
// closes, asks to close, or idles past the timeout. The response is immutable and shared.
asio::awaitable<void> serve(beast::tcp_stream stream, std::shared_ptr<const Response> prepared,
                            std::shared_ptr<const Response> prepared_close) {
  beast::flat_buffer buffer;
  for (;;) {
    stream.expires_after(kIdleTimeout);
    bhttp::request<bhttp::string_body> req;
    auto [rec, rn] = co_await bhttp::async_read(stream, buffer, req, kTuple);
    if (rec) {
      break;
    }
    const bool keep = req.keep_alive();
    const Response& res = keep ? *prepared : *prepared_close;
    auto [wec, wn] = co_await bhttp::async_write(stream, res, kTuple);
    if (wec || !keep) {
      break;
    }
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<const Response> keep,
                                  std::shared_ptr<const Response> close) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(
        asio::make_strand(acceptor.get_executor()), kTuple);
    if (ec == asio::error::operation_aborted) {
      co_return;
    }
    if (ec) {
      continue;  // e.g. EMFILE under overload: keep accepting
    }
    socket.set_option(tcp::no_delay(true));
    auto ex = socket.get_executor();
    asio::co_spawn(ex, serve(beast::tcp_stream(std::move(socket)), keep, close), asio::detached);
  }
}

int run(int argc, char** argv) {
  CLI::App app{"Bare Beast server answering every request with one file's bytes"};
  std::string address = "127.0.0.1";
  unsigned short port = 0;
  std::string body_file;
  std::string content_type = "application/octet-stream";
  std::string headers_file;
  int threads = 1;
  app.add_option("--address", address, "address to listen on")->capture_default_str();
  app.add_option("--port", port, "port (0 picks a free one)")->capture_default_str();
  app.add_option("--body-file", body_file, "file whose bytes are every response's body")
      ->required();
  app.add_option("--content-type", content_type, "Content-Type of the responses")
      ->capture_default_str();
  app.add_option("--headers-file", headers_file,
                 "extra response headers as saved by curl -D (framing headers skipped)");
  app.add_option("--threads", threads, "I/O threads (Mandate's default is 1)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto keep = std::make_shared<Response>(bhttp::status::ok, 11);
  keep->set(bhttp::field::content_type, content_type);
  if (!headers_file.empty()) {
    add_saved_headers(*keep, headers_file);
  }
  keep->body() = read_file(body_file);
  keep->keep_alive(true);
  keep->prepare_payload();
  auto close = std::make_shared<Response>(*keep);
  close->keep_alive(false);

  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc);
  tcp::endpoint endpoint(asio::ip::make_address(address), port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    ioc.stop();
  });
  asio::co_spawn(ioc, accept_loop(acceptor, keep, close), asio::detached);

  std::printf("ceiling listening on %s:%u (%zu body bytes, %d thread%s)\n", address.c_str(),
              acceptor.local_endpoint().port(), keep->body().size(), threads,
              threads == 1 ? "" : "s");
  std::fflush(stdout);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) {
    pool.emplace_back([&ioc] { ioc.run(); });
  }
  ioc.run();
  for (auto& t : pool) {
    t.join();
  }
  return 0;
}

}  // namespace
}  // namespace mandate::bench

int main(int argc, char** argv) {
  try {
    return mandate::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ceiling_server: %s\n", e.what());
    return 1;
  }
}
