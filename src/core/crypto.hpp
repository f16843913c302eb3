// core/crypto.hpp
// Thin wrappers over the audited libraries: OpenSSL EVP for SHA-256 (hardware SHA
// instructions on the ledger's hot path), libsodium for randomness, Argon2id, Ed25519 and
// constant-time comparison. Call crypto_init() once at start-up (idempotent, thread-safe).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mandate::core {

using Sha256 = std::array<std::uint8_t, 32>;

void crypto_init();  // throws SystemError if libsodium cannot initialise

Sha256 sha256(std::span<const std::uint8_t> data);
Sha256 sha256(std::string_view data);
// Streaming SHA-256 for multi-part inputs (Merkle nodes, files).
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  void update(std::span<const std::uint8_t> data);
  void update(std::string_view data);
  Sha256 finish();

 private:
  void* ctx_;
};

std::string random_bytes(std::size_t n);   // cryptographically secure
std::string random_token(std::size_t n);   // n random bytes, base64url without padding

std::string hex(std::span<const std::uint8_t> data);
std::string hex(std::string_view data);
std::optional<std::string> unhex(std::string_view s);
std::string base64(std::string_view data);                 // standard, padded
std::optional<std::string> unbase64(std::string_view s);   // standard, padded
std::string base64url(std::string_view data);              // url-safe, no padding

bool constant_time_equal(std::string_view a, std::string_view b);

// Argon2id in libsodium's encoded form ($argon2id$v=19$m=…,t=…,p=1$salt$hash): parameters
// travel with the hash. Blocks for tens of milliseconds; never call on an I/O thread.
struct PasswordParams {
  std::uint64_t ops = 2;                     // t
  std::size_t mem_bytes = 19ull * 1024 * 1024;  // m
};
std::string password_hash(std::string_view password, PasswordParams p = {});
bool password_verify(std::string_view encoded, std::string_view password);
// True when `encoded` was made with weaker parameters than `p` (re-hash on next login).
bool password_needs_rehash(std::string_view encoded, PasswordParams p = {});

// Ed25519.
struct Ed25519Keypair {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium form: seed || public key)
};
Ed25519Keypair ed25519_generate();
Ed25519Keypair ed25519_from_seed(std::string_view seed32);
std::string ed25519_sign(std::string_view secret_key, std::string_view message);  // 64 bytes
bool ed25519_verify(std::string_view public_key, std::string_view message,
                    std::string_view signature);

}  // namespace mandate::core
