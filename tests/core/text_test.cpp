#include <gtest/gtest.h>

#include "core/text.hpp"

namespace mandate::core {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("caf\xC3\xA9 \xF0\x9F\x94\x92"));
  EXPECT_FALSE(valid_utf8("\xC3"));          // truncated
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("\xFF"));
  EXPECT_EQ(utf8_length("caf\xC3\xA9"), 4u);
}

TEST(TextTest, EmailAndTrim) {
  EXPECT_TRUE(valid_email("ada@example.com"));
  EXPECT_FALSE(valid_email("ada@example"));
  EXPECT_FALSE(valid_email("a da@example.com"));
  EXPECT_FALSE(valid_email("@example.com"));
  EXPECT_FALSE(valid_email("a@b@example.com"));
  EXPECT_EQ(trim("  x y \n"), "x y");
  EXPECT_EQ(ascii_lower("AbC"), "abc");
  EXPECT_TRUE(has_control_chars(std::string("a\x01", 2)));
  EXPECT_FALSE(has_control_chars("a\tb"));
}

}  // namespace
}  // namespace mandate::core

TEST(TextTest, PlainTextIsValidUtf8WithoutControlCharactersWithinALength) {
  EXPECT_TRUE(mandate::core::is_plain_text("Ärger über\tZeilen\r\n", 20));
  EXPECT_TRUE(mandate::core::is_plain_text("äöü", 3));   // code points, not bytes
  EXPECT_FALSE(mandate::core::is_plain_text("äöüx", 3));
  EXPECT_FALSE(mandate::core::is_plain_text("bell\a", 100));
  EXPECT_FALSE(mandate::core::is_plain_text("\xC3\x28", 100));
  EXPECT_TRUE(mandate::core::is_plain_text("", 0));
}
