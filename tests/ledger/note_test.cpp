// tests/ledger/note_test.cpp
// Signed checkpoint notes, the pure half of ledger/checkpoint.hpp: the C2SP layout of what
// write_checkpoint signs, round trips through parse_note / note_signed_by, refusal of other keys,
// names and edited bodies, and parse_note's refusal of malformed notes. Also the verifier key's
// key id recomputed from its definition, and the key file's mode under a permissive umask.
// The Go sumdb/note reference key and key-file handling are in keys_test.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "support/temp_dir.hpp"

namespace mandate::ledger {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";

class NoteTest : public ::testing::Test {
 protected:
  void SetUp() override { core::crypto_init(); }
  static Signer signer(const std::string& name, char fill) {
    return Signer(name, std::string(32, fill));
  }
  static Hash some_root() { return core::sha256(std::string_view("root")); }
  static std::string checkpoint_note(const Signer& s, OrgId org, std::int64_t size,
                                     const Hash& root) {
    return s.signed_note(note_body(origin_of(s.name(), org), size, root));
  }
  // The base64 part of a signature line "— name <base64>\n".
  static std::string signature_b64(const std::string& line) {
    const auto space = line.rfind(' ');
    return line.substr(space + 1, line.size() - space - 2);
  }
};

TEST_F(NoteTest, CheckpointNoteHasTheC2spLayout) {
  const Signer s = signer("mandate.example", 's');
  const Hash root = some_root();
  const std::string note = checkpoint_note(s, OrgId{7}, 42, root);
  const std::string body =
      "mandate.example/org/7\n42\n" + core::base64(std::string(root.begin(), root.end())) + "\n";
  EXPECT_EQ(note_body("mandate.example/org/7", 42, root), body);
  ASSERT_TRUE(note.starts_with(body + "\n" + std::string(kEmDash) + " mandate.example "));
  EXPECT_TRUE(note.ends_with("\n"));
  auto blob = core::unbase64(signature_b64(note.substr(body.size() + 1)));
  ASSERT_TRUE(blob);
  ASSERT_EQ(blob->size(), 4u + 64u);
  const auto id = static_cast<std::uint32_t>(static_cast<unsigned char>((*blob)[0])) << 24 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>((*blob)[1])) << 16 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>((*blob)[2])) << 8 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>((*blob)[3]));
  EXPECT_EQ(id, s.key_id());
  EXPECT_TRUE(core::ed25519_verify(s.public_key(), body, blob->substr(4)));
}

TEST_F(NoteTest, SignedNoteRoundTrips) {
  const Signer s = signer("mandate.example", 's');
  const Hash root = some_root();
  auto parsed = parse_note(checkpoint_note(s, OrgId{3}, 5, root));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->origin, "mandate.example/org/3");
  EXPECT_EQ(parsed->size, 5);
  EXPECT_EQ(parsed->root, root);
  EXPECT_EQ(parsed->body, note_body("mandate.example/org/3", 5, root));
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].name, "mandate.example");
  EXPECT_EQ(parsed->signatures[0].key_id, s.key_id());
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
  EXPECT_TRUE(note_signed_by(*parsed, s.name(), s.public_key()));
  // The empty tree and size 0 are well-formed too.
  auto empty = parse_note(checkpoint_note(s, OrgId{0}, 0, empty_root()));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size, 0);
  EXPECT_EQ(empty->origin, "mandate.example/org/0");
  EXPECT_TRUE(note_signed_by(*empty, s.name(), s.public_key()));
}

TEST_F(NoteTest, NoteSignedByRefusesOtherKeysNamesAndBodies) {
  const Signer s = signer("mandate.example", 's');
  const Signer impostor = signer("mandate.example", 'i');  // same name, another key
  const Signer renamed = signer("mandate.other", 's');     // same key, another name
  const std::string note = checkpoint_note(s, OrgId{1}, 9, some_root());
  auto parsed = parse_note(note);
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(note_signed_by(*parsed, impostor.name(), impostor.public_key()));
  EXPECT_FALSE(note_signed_by(*parsed, "mandate.other", s.public_key()));
  EXPECT_FALSE(note_signed_by(*parsed, s.name(), std::string(32, '\0')));
  EXPECT_FALSE(note_signed_by(*parsed, s.name(), ""));
  // Another key's signature over the same body does not pass as ours.
  auto forged = parse_note(checkpoint_note(impostor, OrgId{1}, 9, some_root()));
  ASSERT_TRUE(forged);
  EXPECT_FALSE(note_signed_by(*forged, s.name(), s.public_key()));
  auto other_name = parse_note(checkpoint_note(renamed, OrgId{1}, 9, some_root()));
  ASSERT_TRUE(other_name);
  EXPECT_FALSE(note_signed_by(*other_name, s.name(), s.public_key()));
  // A body changed after signing (size 9 -> 10) keeps a signature that no longer verifies.
  std::string edited = note;
  edited.replace(edited.find("\n9\n"), 3, "\n10\n");
  auto changed = parse_note(edited);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->size, 10);
  EXPECT_FALSE(note_signed_by(*changed, s.name(), s.public_key()));
  // Every part of the signature matters.
  for (std::size_t i = 0; i < 64; i += 9) {
    auto p = *parsed;
    p.signatures[0].signature[i] ^= 1;
    EXPECT_FALSE(note_signed_by(p, s.name(), s.public_key())) << "signature byte " << i;
  }
  auto truncated = *parsed;
  truncated.signatures[0].signature.pop_back();
  EXPECT_FALSE(note_signed_by(truncated, s.name(), s.public_key()));
  auto wrong_id = *parsed;
  wrong_id.signatures[0].key_id ^= 1;
  EXPECT_FALSE(note_signed_by(wrong_id, s.name(), s.public_key()));
}

TEST_F(NoteTest, SeveralSignaturesAndExtensionLinesAreAccepted) {
  const Signer s = signer("mandate.example", 's');
  const Signer witness = signer("witness.example", 'w');
  const std::string body =
      note_body(origin_of(s.name(), OrgId{2}), 3, some_root()) + "extension line\n";
  const std::string note = body + "\n" + witness.sign_note(body) + s.sign_note(body);
  auto parsed = parse_note(note);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->body, body);
  EXPECT_EQ(parsed->signatures.size(), 2u);
  EXPECT_EQ(parsed->size, 3);
  EXPECT_TRUE(note_signed_by(*parsed, s.name(), s.public_key()));
  EXPECT_TRUE(note_signed_by(*parsed, witness.name(), witness.public_key()));
}

TEST_F(NoteTest, ParseNoteRejectsMalformedNotes) {
  const Signer s = signer("mandate.example", 's');
  const Hash root = some_root();
  const std::string root_b64 = core::base64(std::string(root.begin(), root.end()));
  const std::string body = note_body(origin_of(s.name(), OrgId{1}), 5, root);
  const std::string sig = s.sign_note(body);
  const std::string sig_b64 = signature_b64(sig);
  const std::string good = body + "\n" + sig;
  ASSERT_TRUE(parse_note(good));
  auto with_body = [&](const std::string& b) { return b + "\n" + s.sign_note(b); };
  const std::string dash(kEmDash);
  const std::string origin = "mandate.example/org/1\n";
  const std::pair<const char*, std::string> cases[] = {
      {"empty", ""},
      {"body only", body},
      {"no blank line", body + sig},
      {"no signature", body + "\n"},
      {"signature without newline", good.substr(0, good.size() - 1)},
      {"trailing junk line", good + "junk\n"},
      {"hyphen instead of em dash", body + "\n- mandate.example " + sig_b64 + "\n"},
      {"no space after the dash", body + "\n" + dash + "mandate.example " + sig_b64 + "\n"},
      {"no name", body + "\n" + dash + " " + sig_b64 + "\n"},
      {"signer name with a plus", body + "\n" + dash + " a+b " + sig_b64 + "\n"},
      {"signature not base64", body + "\n" + dash + " mandate.example ***\n"},
      {"signature too short",
       body + "\n" + dash + " mandate.example " + core::base64("abcd") + "\n"},
      {"two lines of body", with_body(origin + "5\n")},
      {"empty origin", with_body("\n5\n" + root_b64 + "\n")},
      {"blank line inside the body", with_body(origin + "\n5\n" + root_b64 + "\n")},
      {"size not a number", with_body(origin + "five\n" + root_b64 + "\n")},
      {"size with junk", with_body(origin + "5x\n" + root_b64 + "\n")},
      {"size with a leading zero", with_body(origin + "05\n" + root_b64 + "\n")},
      {"size with a sign", with_body(origin + "+5\n" + root_b64 + "\n")},
      {"negative size", with_body(origin + "-5\n" + root_b64 + "\n")},
      {"size overflows", with_body(origin + "99999999999999999999\n" + root_b64 + "\n")},
      {"empty size", with_body(origin + "\n" + root_b64 + "\n")},
      {"root not base64", with_body(origin + "5\n%%%\n")},
      {"root too short", with_body(origin + "5\n" + core::base64("short") + "\n")},
      {"root too long", with_body(origin + "5\n" + core::base64(std::string(33, 'r')) + "\n")},
      {"control character", with_body(origin + "5\n" + root_b64 + "\n\x01\n")},
      {"carriage returns", with_body("mandate.example/org/1\r\n5\r\n" + root_b64 + "\r\n")},
  };
  for (const auto& [what, note] : cases) {
    EXPECT_FALSE(parse_note(note)) << what << ":\n" << note;
  }
}

TEST_F(NoteTest, VerifierKeyCarriesNameKeyIdAndPublicKey) {
  const Signer s = signer("mandate.example", 'k');
  const std::string vkey = s.verifier_key();
  std::smatch m;
  ASSERT_TRUE(
      std::regex_match(vkey, m, std::regex("^([^+]+)\\+([0-9a-f]{8})\\+([A-Za-z0-9+/=]+)$")))
      << vkey;
  EXPECT_EQ(m[1].str(), "mandate.example");
  auto key = core::unbase64(m[3].str());
  ASSERT_TRUE(key);
  ASSERT_EQ(key->size(), 33u);
  EXPECT_EQ((*key)[0], '\x01');
  EXPECT_EQ(key->substr(1), s.public_key());
  // Key id: the first four bytes of SHA-256(name || "\n" || 0x01 || public key).
  const auto digest = core::sha256(std::string("mandate.example\n\x01") + s.public_key());
  EXPECT_EQ(m[2].str(), core::hex(std::span<const std::uint8_t>(digest.data(), 4)));
  EXPECT_EQ(ed25519_key_id("mandate.example", s.public_key()), s.key_id());
  EXPECT_NE(ed25519_key_id("mandate.other", s.public_key()), s.key_id());
  auto parsed = parse_verifier_key(vkey);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->name, s.name());
  EXPECT_EQ(parsed->key_id, s.key_id());
  EXPECT_EQ(parsed->public_key, s.public_key());
}

TEST_F(NoteTest, KeyFileIsOwnerOnlyEvenUnderAPermissiveUmask) {
  test::TempDir dir;
  const mode_t old_mask = ::umask(0);
  const std::string path = dir.file("instance.key");
  EXPECT_NO_THROW(create_key_file(path, "mandate"));
  ::umask(old_mask);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  // A file already there is left alone, whatever it holds.
  const std::string other = dir.file("other.key");
  { std::ofstream(other) << "precious"; }
  EXPECT_THROW(create_key_file(other, "mandate"), SystemError);
  std::ifstream in(other);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "precious");
}

}  // namespace
}  // namespace mandate::ledger
