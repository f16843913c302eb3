// ledger/keys.hpp
// The instance signing key (Ed25519) that signs ledger checkpoints. `mandate init` creates it
// in a file readable only by its owner (mode 0600; written to a temporary file and linked into
// place, so the key file appears complete or not at all and an existing one is never
// overwritten); `mandate serve` loads it and refuses a file that group or others can access.
// File format (text): "mandate-ed25519-v1\n<key name>\n<base64 32-byte seed>\n".
// The verifier key is printed in the Go / C2SP signed-note form
// "<name>+<key id, 8 hex digits>+<base64(0x01 || public key)>" so that any implementation of
// C2SP signed notes (golang.org/x/mod/sumdb/note, tests/ledger/independent_verify.py) can check
// our checkpoints. Checkpoints themselves are in ledger/checkpoint.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::ledger {

// A public key as a verifier names it.
struct VerifierKey {
  std::string name;
  std::uint32_t key_id = 0;
  std::string public_key;  // 32 bytes
};

class Signer {
 public:
  // Throws SystemError when `name` is not a valid key name (see valid_key_name) or the seed is
  // not 32 bytes.
  Signer(std::string name, std::string seed32);
  const std::string& name() const { return name_; }
  const std::string& public_key() const { return public_key_; }  // 32 bytes
  std::uint32_t key_id() const { return key_id_; }
  VerifierKey verifier() const { return VerifierKey{name_, key_id_, public_key_}; }
  // "<name>+<hex key id>+<base64(0x01 || public key)>".
  std::string verifier_key() const;
  // The signature line of a signed note whose text is `body` (which must end with '\n'):
  // "— <name> <base64(key id, 4 bytes big-endian || Ed25519 signature of body)>\n".
  std::string sign_note(std::string_view body) const;
  // The whole signed note: body, a blank line, the signature line.
  std::string signed_note(std::string_view body) const;

 private:
  std::string name_;
  std::string public_key_;
  std::string secret_key_;
  std::uint32_t key_id_ = 0;
};

// A key name per C2SP signed-note: non-empty, no spaces, '+' or control characters.
bool valid_key_name(std::string_view name);

// Key id per C2SP signed-note for Ed25519: the first 4 bytes (big-endian) of
// SHA-256(name || '\n' || 0x01 || public key).
std::uint32_t ed25519_key_id(std::string_view name, std::string_view public_key);

// Parses "<name>+<hex id>+<base64(0x01 || key)>"; nullopt when malformed, not Ed25519, or when
// the id does not match the name and key.
std::optional<VerifierKey> parse_verifier_key(std::string_view text);

// Creates a new key file with a fresh random key; its directory is created if missing.
// Throws SystemError when the file already exists (it is never overwritten), the name is not a
// valid key name, or the file cannot be written. Blocks (fsync).
Signer create_key_file(const std::string& path, const std::string& name);
// Loads a key file. Throws SystemError naming the path when it is missing, not a regular file,
// accessible by group or others (mode & 077; the message says to run chmod 600), or malformed.
Signer load_key_file(const std::string& path);

}  // namespace mandate::ledger
