#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace mandate::core {
namespace {

TEST(ClockTest, ParsesAndFormatsUtcTimestamps) {
  auto t = parse_timestamp("2026-03-01T09:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2026-03-01T09:00:00Z");
  auto f = parse_timestamp("2026-03-01T09:00:00.25Z");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->us - t->us, 250000);
  EXPECT_EQ(format_timestamp_us(*f), "2026-03-01T09:00:00.250000Z");
}

TEST(ClockTest, RejectsNonUtcAndImpossibleTimes) {
  EXPECT_FALSE(parse_timestamp("2026-03-01T09:00:00+01:00"));
  EXPECT_FALSE(parse_timestamp("2026-02-30T09:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-03-01T24:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-03-01 09:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-03-01T09:00:00.1234567Z"));
}

TEST(ClockTest, DatesValidateTheCalendar) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("23-01-01"));
  EXPECT_EQ(format_date(*parse_date("1999-12-31")), "1999-12-31");
  EXPECT_EQ(*parse_date("1970-01-02"), 1);
}

TEST(ClockTest, FakeClockAdvances) {
  FakeClock c(Timestamp::from_seconds(100));
  c.advance_seconds(5);
  EXPECT_EQ(c.now().seconds(), 105);
}

}  // namespace
}  // namespace mandate::core
