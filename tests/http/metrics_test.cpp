// tests/http/metrics_test.cpp
// Unit tests for the Prometheus rendering in http/metrics.cpp.
#include <gtest/gtest.h>

#include "http/metrics.hpp"

namespace mandate::http {
namespace {

bool contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsTest, CountsRequestsByRouteMethodAndStatus) {
  Metrics m;
  m.record("/people/{id}", "GET", 200, 0.002);
  m.record("/people/{id}", "GET", 200, 0.2);
  m.record("/people/{id}", "POST", 422, 20.0);
  m.in_flight = 3;
  m.queue_depth = 1;
  std::string t = m.text();
  EXPECT_TRUE(contains(t, "# TYPE mandate_http_requests_total counter\n"));
  EXPECT_TRUE(contains(
      t, "mandate_http_requests_total{route=\"/people/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(
      t, "mandate_http_requests_total{route=\"/people/{id}\",method=\"POST\",status=\"422\"} 1\n"));
  EXPECT_TRUE(contains(t, "# TYPE mandate_http_request_duration_seconds histogram\n"));
  // Buckets are cumulative.
  EXPECT_TRUE(contains(
      t, "mandate_http_request_duration_seconds_bucket{route=\"/people/{id}\",le=\"0.001\"} 0\n"));
  EXPECT_TRUE(contains(
      t, "mandate_http_request_duration_seconds_bucket{route=\"/people/{id}\",le=\"0.0025\"} 1\n"));
  EXPECT_TRUE(contains(
      t, "mandate_http_request_duration_seconds_bucket{route=\"/people/{id}\",le=\"10\"} 2\n"));
  EXPECT_TRUE(contains(
      t, "mandate_http_request_duration_seconds_bucket{route=\"/people/{id}\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(contains(t, "mandate_http_request_duration_seconds_count{route=\"/people/{id}\"} 3\n"));
  EXPECT_TRUE(contains(t, "mandate_http_in_flight 3\n"));
  EXPECT_TRUE(contains(t, "mandate_http_queue_depth 1\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  EXPECT_EQ(prometheus_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace mandate::http
