#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace mandate::core {
namespace {

TEST(CryptoTest, Sha256KnownAnswer) {
  EXPECT_EQ(hex(sha256(std::string_view("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.update(std::string_view("a"));
  h.update(std::string_view("bc"));
  EXPECT_EQ(h.finish(), sha256(std::string_view("abc")));
}

TEST(CryptoTest, HexAndBase64RoundTrip) {
  std::string bytes("\x00\xff\x10 ok", 6);
  EXPECT_EQ(*unhex(hex(bytes)), bytes);
  EXPECT_EQ(*unbase64(base64(bytes)), bytes);
  EXPECT_FALSE(unhex("zz"));
  EXPECT_FALSE(unbase64("***"));
  EXPECT_EQ(base64("abc"), "YWJj");
}

TEST(CryptoTest, PasswordHashVerifiesAndCarriesParameters) {
  crypto_init();
  PasswordParams weak{1, 8 * 1024 * 1024};
  auto h = password_hash("correct horse battery", weak);
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(password_verify(h, "correct horse battery"));
  EXPECT_FALSE(password_verify(h, "wrong"));
  EXPECT_TRUE(password_needs_rehash(h));
  EXPECT_FALSE(password_needs_rehash(h, weak));
}

TEST(CryptoTest, Ed25519SignsAndRejectsTampering) {
  crypto_init();
  auto k = ed25519_generate();
  auto sig = ed25519_sign(k.secret_key, "message");
  EXPECT_TRUE(ed25519_verify(k.public_key, "message", sig));
  EXPECT_FALSE(ed25519_verify(k.public_key, "messagf", sig));
  auto k2 = ed25519_from_seed(std::string(32, '\x01'));
  EXPECT_EQ(ed25519_from_seed(std::string(32, '\x01')).public_key, k2.public_key);
}

TEST(CryptoTest, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

}  // namespace
}  // namespace mandate::core
