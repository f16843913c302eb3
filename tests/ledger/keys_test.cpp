// tests/ledger/keys_test.cpp — the instance key: the reference key and note of Go's
// golang.org/x/mod/sumdb/note (so Go verifiers accept our checkpoints byte for byte), verifier
// key parsing, and the key file (0600, never overwritten, refused when others can read it).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "ledger/keys.hpp"
#include "support/temp_dir.hpp"

namespace mandate::ledger {
namespace {

// golang.org/x/mod/sumdb/note note_test.go: the PeterNeumann key and its signed note.
constexpr std::string_view kGoVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoSeedHex =  // PRIVATE+KEY+PeterNeumann+c74f20a3+AYEK… without 0x01
    "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173";
constexpr std::string_view kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kGoSignature =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

Signer go_signer() { return Signer("PeterNeumann", *core::unhex(kGoSeedHex)); }

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override { core::crypto_init(); }
  test::TempDir dir_;
};

TEST_F(KeysTest, ReproducesTheGoReferenceKeyAndNoteByteForByte) {
  const Signer s = go_signer();
  EXPECT_EQ(s.key_id(), 0xc74f20a3u);
  EXPECT_EQ(s.verifier_key(), kGoVerifierKey);
  EXPECT_EQ(s.sign_note(kGoText), kGoSignature);
  EXPECT_EQ(s.signed_note(kGoText), std::string(kGoText) + "\n" + std::string(kGoSignature));
}

TEST_F(KeysTest, ParsesVerifierKeysAndRefusesManglings) {
  auto k = parse_verifier_key(kGoVerifierKey);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->name, "PeterNeumann");
  EXPECT_EQ(k->key_id, 0xc74f20a3u);
  EXPECT_EQ(k->public_key, go_signer().public_key());
  const std::string v(kGoVerifierKey);
  // Every proper substring and every single-character change is refused (as Go's tests do).
  for (std::size_t i = 0; i <= v.size(); ++i) {
    for (std::size_t j = i + 1; j <= v.size(); ++j) {
      if (i != 0 || j != v.size()) {
        EXPECT_FALSE(parse_verifier_key(v.substr(i, j - i))) << v.substr(i, j - i);
      }
    }
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string bad = v;
    bad[i] = static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(parse_verifier_key(bad)) << bad;
  }
  EXPECT_FALSE(parse_verifier_key("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
}

TEST_F(KeysTest, KeyNamesFollowTheSignedNoteRules) {
  EXPECT_TRUE(valid_key_name("mandate"));
  EXPECT_TRUE(valid_key_name("example.com/log"));
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "", "two words", "a+b", "tab\there", "nl\n", std::string_view("nul\0", 4)}) {
    EXPECT_FALSE(valid_key_name(bad)) << bad;
    EXPECT_THROW(Signer(std::string(bad), std::string(32, 'x')), SystemError);
  }
  EXPECT_THROW(Signer("mandate", "short"), SystemError);
}

TEST_F(KeysTest, CreatesAPrivateKeyFileAndLoadsTheSameKey) {
  const std::string path = dir_.file("keys/instance.key");
  const Signer created = create_key_file(path, "mandate");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const Signer loaded = load_key_file(path);
  EXPECT_EQ(loaded.name(), "mandate");
  EXPECT_EQ(loaded.public_key(), created.public_key());
  EXPECT_EQ(loaded.verifier_key(), created.verifier_key());
  EXPECT_EQ(loaded.sign_note("x\n"), created.sign_note("x\n"));
  // Only the key file is left behind: the temporary file was linked into place and removed.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(dir_.file("keys"))) {
    ++files;
  }
  EXPECT_EQ(files, 1u);
  // The text format is the documented one.
  std::ifstream in(path);
  std::string magic, name;
  std::getline(in, magic);
  std::getline(in, name);
  EXPECT_EQ(magic, "mandate-ed25519-v1");
  EXPECT_EQ(name, "mandate");
}

TEST_F(KeysTest, NeverOverwritesAnExistingKey) {
  const std::string path = dir_.file("instance.key");
  const Signer first = create_key_file(path, "mandate");
  try {
    create_key_file(path, "mandate");
    FAIL() << "a second key was created over the first";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("never overwritten"), std::string::npos) << e.what();
  }
  EXPECT_EQ(load_key_file(path).public_key(), first.public_key());
  EXPECT_THROW(create_key_file(dir_.file("other.key"), "bad name"), SystemError);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("other.key")));
}

TEST_F(KeysTest, RefusesAKeyFileOthersCanAccess) {
  const std::string path = dir_.file("instance.key");
  create_key_file(path, "mandate");
  for (mode_t mode : {0644, 0640, 0604, 0660, 0601}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    try {
      load_key_file(path);
      FAIL() << "loaded a key with mode " << std::oct << mode;
    } catch (const SystemError& e) {
      EXPECT_NE(std::string(e.what()).find("chmod 600 " + path), std::string::npos) << e.what();
    }
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_NO_THROW(load_key_file(path));
}

TEST_F(KeysTest, RefusesMissingAndMalformedKeyFiles) {
  try {
    load_key_file(dir_.file("missing.key"));
    FAIL();
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("mandate init"), std::string::npos) << e.what();
  }
  auto write = [&](const std::string& text) {
    const std::string path = dir_.file("bad.key");
    std::filesystem::remove(path);
    std::ofstream(path) << text;
    ::chmod(path.c_str(), 0600);
    return path;
  };
  const std::string seed = core::base64(std::string(32, '\x07'));
  EXPECT_NO_THROW(load_key_file(write("mandate-ed25519-v1\nmandate\n" + seed + "\n")));
  for (const std::string& text : std::initializer_list<std::string>{
           std::string(""), "mandate-ed25519-v2\nmandate\n" + seed + "\n",
        "mandate-ed25519-v1\nman date\n" + seed + "\n", "mandate-ed25519-v1\nmandate\n" + seed,
        "mandate-ed25519-v1\nmandate\n" + core::base64(std::string(31, '\x07')) + "\n",
        "mandate-ed25519-v1\nmandate\nnot base64!\n",
        "mandate-ed25519-v1\nmandate\n" + seed + "\nextra\n"}) {
    EXPECT_THROW(load_key_file(write(text)), SystemError) << text;
  }
  EXPECT_THROW(load_key_file(dir_.path().string()), SystemError);  // a directory
}

}  // namespace
}  // namespace mandate::ledger
