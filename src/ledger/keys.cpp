// ledger/keys.cpp — the instance key file and note signing (see keys.hpp).
#include "ledger/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <sstream>

#include "core/crypto.hpp"
#include "core/errors.hpp"

namespace mandate::ledger {
namespace {

constexpr std::string_view kMagic = "mandate-ed25519-v1";
constexpr std::string_view kEmDash = "\xE2\x80\x94";

void check_name(const std::string& name) {
  if (name.empty() || name.find_first_of(" +\n\t") != std::string::npos) {
    throw SystemError("instance name must be non-empty without spaces or '+': \"" + name + "\"");
  }
}

}  // namespace

std::uint32_t ed25519_key_id(std::string_view name, std::string_view public_key) {
  core::Sha256Hasher h;
  h.update(name);
  h.update(std::string_view("\n\x01", 2));
  h.update(public_key);
  auto d = h.finish();
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         std::uint32_t{d[3]};
}

Signer::Signer(std::string name, std::string seed32) : name_(std::move(name)) {
  auto kp = core::ed25519_from_seed(seed32);
  public_key_ = kp.public_key;
  secret_key_ = kp.secret_key;
  key_id_ = ed25519_key_id(name_, public_key_);
}

std::string Signer::verifier_key() const {
  char id[9];
  std::snprintf(id, sizeof id, "%08x", key_id_);
  return name_ + "+" + id + "+" + core::base64(std::string("\x01", 1) + public_key_);
}

std::string Signer::sign_note(std::string_view body) const {
  std::string sig = core::ed25519_sign(secret_key_, body);
  std::string blob;
  blob.push_back(static_cast<char>(key_id_ >> 24));
  blob.push_back(static_cast<char>(key_id_ >> 16));
  blob.push_back(static_cast<char>(key_id_ >> 8));
  blob.push_back(static_cast<char>(key_id_));
  blob += sig;
  return std::string(kEmDash) + " " + name_ + " " + core::base64(blob) + "\n";
}

Signer create_key_file(const std::string& path, const std::string& name) {
  check_name(name);
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw SystemError("cannot create key file " + path + ": " + std::strerror(errno) +
                      (errno == EEXIST ? " (it already exists; it is never overwritten)" : ""));
  }
  std::string seed = core::random_bytes(32);
  std::string text = std::string(kMagic) + "\n" + name + "\n" + core::base64(seed) + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    std::filesystem::remove(path);
    throw SystemError("cannot write key file " + path);
  }
  return Signer(name, seed);
}

Signer load_key_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw SystemError("cannot read the instance key " + path + ": " + std::strerror(errno) +
                      " (run `mandate init` first, or set --key-file)");
  }
  if ((st.st_mode & 077) != 0) {
    throw SystemError("the instance key " + path +
                      " is readable by group or others; run: chmod 600 " + path);
  }
  std::ifstream in(path);
  std::string magic, name, seed_b64;
  std::getline(in, magic);
  std::getline(in, name);
  std::getline(in, seed_b64);
  auto seed = core::unbase64(seed_b64);
  if (magic != kMagic || name.empty() || !seed || seed->size() != 32) {
    throw SystemError("the instance key " + path + " is not a Mandate key file");
  }
  check_name(name);
  return Signer(name, *seed);
}

}  // namespace mandate::ledger
