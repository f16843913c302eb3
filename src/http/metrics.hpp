// http/metrics.hpp
// Internal to the http layer: the server's request counters, latency histogram and gauges,
// rendered as Prometheus text by Server::metrics_text(). Kept out of http/server.cpp so it
// compiles (and is unit-tested) without Beast.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace mandate::http {

// Thread-safe: record() and the gauges may be used from any thread while text() runs.
class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram buckets; +Inf is implicit.
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                        0.1,   0.25,   0.5,   1.0,  2.5,   5.0, 10.0};

  // One finished request. `route` is the route name ("unmatched" when none matched).
  void record(std::string_view route, std::string_view method, int status, double seconds);

  std::atomic<std::int64_t> in_flight{0};    // requests read and not yet answered
  std::atomic<std::int64_t> queue_depth{0};  // requests waiting for a worker thread
  std::atomic<std::int64_t> connections{0};  // open client connections

  // Prometheus text exposition format (version 0.0.4), one family per metric.
  std::string text() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(std::size(kBuckets), 0);
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

// Escapes a Prometheus label value (backslash, double quote, newline).
std::string prometheus_label(std::string_view v);

}  // namespace mandate::http
