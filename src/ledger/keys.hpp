// ledger/keys.hpp
// The instance signing key (Ed25519). `mandate init` creates it in a file readable only by its
// owner (mode 0600, created with O_EXCL so nothing is ever overwritten); `mandate serve` loads
// it and refuses a file that others can read. The verifier key is printed in the Go
// signed-note form "<name>+<key id hex>+<base64(0x01 || public key)>" so that any
// implementation of C2SP signed notes can check our checkpoints.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace mandate::ledger {

class Signer {
 public:
  Signer(std::string name, std::string seed32);
  const std::string& name() const { return name_; }
  const std::string& public_key() const { return public_key_; }  // 32 bytes
  std::uint32_t key_id() const { return key_id_; }
  std::string verifier_key() const;
  // The signature line of a signed note for `body`: "— <name> <base64(keyid || sig)>\n".
  std::string sign_note(std::string_view body) const;

 private:
  std::string name_;
  std::string public_key_;
  std::string secret_key_;
  std::uint32_t key_id_ = 0;
};

// Key id per C2SP signed-note: first 4 bytes (big-endian) of SHA-256(name || '\n' || 0x01 || pub).
std::uint32_t ed25519_key_id(std::string_view name, std::string_view public_key);

// Creates a new key file; throws SystemError when it exists or cannot be written. `name` must be
// a non-empty string without spaces or '+'.
Signer create_key_file(const std::string& path, const std::string& name);
// Loads a key file; throws SystemError naming the path when missing, malformed, or readable by
// group or others.
Signer load_key_file(const std::string& path);

}  // namespace mandate::ledger
