// core/clock.cpp — timestamp and date parsing/formatting on std::chrono's civil calendar.
#include "core/clock.hpp"

#include <chrono>
#include <cstdio>

namespace mandate::core {
namespace {

namespace ch = std::chrono;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) {
    return false;
  }
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<std::int64_t> civil_days(int y, int m, int d) {
  ch::year_month_day ymd{ch::year{y}, ch::month{static_cast<unsigned>(m)},
                         ch::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return ch::sys_days{ymd}.time_since_epoch().count();
}

}  // namespace

std::optional<std::int64_t> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) ||
      !digits(s, 5, 2, m) || !digits(s, 8, 2, d) || y < 1900 || y > 9999) {
    return std::nullopt;
  }
  return civil_days(y, m, d);
}

std::string format_date(std::int64_t days) {
  ch::year_month_day ymd{ch::sys_days{ch::days{days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::int64_t days_since_epoch(Timestamp t) {
  return ch::floor<ch::days>(ch::sys_time<ch::microseconds>{ch::microseconds{t.us}})
      .time_since_epoch()
      .count();
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.ffffff]Z
  if (s.size() < 20 || s[10] != 'T' || s.back() != 'Z') {
    return std::nullopt;
  }
  auto day = parse_date(s.substr(0, 10));
  int hh, mm, ss;
  if (!day || s[13] != ':' || s[16] != ':' || !digits(s, 11, 2, hh) || !digits(s, 14, 2, mm) ||
      !digits(s, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59) {
    return std::nullopt;
  }
  std::int64_t frac_us = 0;
  std::size_t pos = 19;
  if (s[pos] == '.') {
    std::size_t n = s.size() - 1 - (pos + 1);
    if (n == 0 || n > 6) {
      return std::nullopt;
    }
    int f;
    if (!digits(s, pos + 1, n, f)) {
      return std::nullopt;
    }
    frac_us = f;
    for (std::size_t i = n; i < 6; ++i) {
      frac_us *= 10;
    }
    pos += 1 + n;
  }
  if (pos != s.size() - 1) {
    return std::nullopt;
  }
  std::int64_t secs = *day * 86400 + hh * 3600 + mm * 60 + ss;
  return Timestamp{secs * 1'000'000 + frac_us};
}

std::string format_timestamp(Timestamp t) {
  std::int64_t secs = t.us >= 0 ? t.us / 1'000'000 : (t.us - 999'999) / 1'000'000;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  std::int64_t rem = secs - days * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(days).c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::string format_timestamp_us(Timestamp t) {
  std::string base = format_timestamp(t);
  std::int64_t frac = ((t.us % 1'000'000) + 1'000'000) % 1'000'000;
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%06lldZ", static_cast<long long>(frac));
  base.pop_back();
  return base + buf;
}

Timestamp SystemClock::now() const {
  auto d = ch::system_clock::now().time_since_epoch();
  return Timestamp{ch::duration_cast<ch::microseconds>(d).count()};
}

}  // namespace mandate::core
