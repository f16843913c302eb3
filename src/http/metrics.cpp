// http/metrics.cpp
// Prometheus text rendering of the counters in http/metrics.hpp.
#include "http/metrics.hpp"

#include <fmt/format.h>

namespace mandate::http {

void Metrics::record(std::string_view route, std::string_view method, int status,
                     double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), std::string(method), status}];
  Histogram& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < std::size(kBuckets); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.counts[i];
    }
  }
  ++h.count;
  h.sum += seconds;
}

std::string prometheus_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Metrics::text() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP mandate_http_requests_total HTTP requests answered.\n";
  out += "# TYPE mandate_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("mandate_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       prometheus_label(route), prometheus_label(method), status, n);
  }
  out += "# HELP mandate_http_request_duration_seconds Time from request read to response written.\n";
  out += "# TYPE mandate_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = prometheus_label(route);
    // Bucket counts are already cumulative: record() increments every bucket >= the sample.
    for (std::size_t i = 0; i < std::size(kBuckets); ++i) {
      out += fmt::format("mandate_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         label, kBuckets[i], h.counts[i]);
    }
    out += fmt::format("mandate_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       label, h.count);
    out += fmt::format("mandate_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                       h.sum);
    out += fmt::format("mandate_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       h.count);
  }
  out += "# HELP mandate_http_in_flight Requests being processed.\n";
  out += "# TYPE mandate_http_in_flight gauge\n";
  out += fmt::format("mandate_http_in_flight {}\n", in_flight.load());
  out += "# HELP mandate_http_queue_depth Requests waiting for a worker thread.\n";
  out += "# TYPE mandate_http_queue_depth gauge\n";
  out += fmt::format("mandate_http_queue_depth {}\n", queue_depth.load());
  out += "# HELP mandate_http_connections Open client connections.\n";
  out += "# TYPE mandate_http_connections gauge\n";
  out += fmt::format("mandate_http_connections {}\n", connections.load());
  return out;
}

}  // namespace mandate::http
