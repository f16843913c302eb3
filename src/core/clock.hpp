// core/clock.hpp
// Time: Timestamp is UTC microseconds since the Unix epoch (what the database stores, as a
// 64-bit integer). Clock is injectable so tests run on a FakeClock. Dates (no time) are
// "YYYY-MM-DD" strings validated by parse_date.
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::core {

struct Timestamp {
  std::int64_t us = 0;
  auto operator<=>(const Timestamp&) const = default;
  static constexpr Timestamp from_seconds(std::int64_t s) { return Timestamp{s * 1'000'000}; }
  std::int64_t seconds() const { return us / 1'000'000; }
};

// "2026-03-01T09:00:00Z" or with fractional seconds "…:00.123456Z"; only UTC ('Z') accepted.
std::optional<Timestamp> parse_timestamp(std::string_view s);
// RFC 3339 UTC with seconds precision: "2026-03-01T09:00:00Z".
std::string format_timestamp(Timestamp t);
// RFC 3339 UTC with microseconds: "2026-03-01T09:00:00.123456Z" (ledger canonical form).
std::string format_timestamp_us(Timestamp t);
// A calendar date "YYYY-MM-DD" (validated: real day of a real month); returns days since epoch.
std::optional<std::int64_t> parse_date(std::string_view s);
std::string format_date(std::int64_t days_since_epoch);
std::int64_t days_since_epoch(Timestamp t);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// Thread-safe settable clock for tests and the demo's history generator.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp t) : us_(t.us) {}
  Timestamp now() const override { return Timestamp{us_.load()}; }
  void set(Timestamp t) { us_.store(t.us); }
  void advance_seconds(std::int64_t s) { us_.fetch_add(s * 1'000'000); }

 private:
  std::atomic<std::int64_t> us_;
};

}  // namespace mandate::core
