// ledger/keys.cpp — the instance key file and signed-note signatures (see keys.hpp).
#include "ledger/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/crypto.hpp"
#include "core/errors.hpp"

namespace mandate::ledger {
namespace {

constexpr std::string_view kMagic = "mandate-ed25519-v1";
constexpr std::string_view kEmDash = "\xE2\x80\x94";
constexpr std::uint8_t kAlgEd25519 = 0x01;
constexpr std::size_t kMaxKeyFile = 4096;

std::string errno_text() { return std::strerror(errno); }

// Closes a descriptor on every path out of a scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void fsync_dir(const std::filesystem::path& dir) {
  Fd d{::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd >= 0) {
    ::fsync(d.fd);
  }
}

}  // namespace

bool valid_key_name(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '+') {
      return false;
    }
  }
  return true;
}

std::uint32_t ed25519_key_id(std::string_view name, std::string_view public_key) {
  std::string buf;
  buf.reserve(name.size() + 2 + public_key.size());
  buf.append(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(kAlgEd25519));
  buf.append(public_key);
  const auto d = core::sha256(std::string_view(buf));
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         std::uint32_t{d[3]};
}

Signer::Signer(std::string name, std::string seed32) : name_(std::move(name)) {
  if (!valid_key_name(name_)) {
    throw SystemError("the key name must be non-empty, without spaces or '+': \"" + name_ + "\"");
  }
  auto kp = core::ed25519_from_seed(seed32);  // throws SystemError unless 32 bytes
  public_key_ = std::move(kp.public_key);
  secret_key_ = std::move(kp.secret_key);
  key_id_ = ed25519_key_id(name_, public_key_);
}

std::string Signer::verifier_key() const {
  char id[9];
  std::snprintf(id, sizeof id, "%08x", static_cast<unsigned>(key_id_));
  return name_ + "+" + id + "+" + core::base64(std::string(1, static_cast<char>(kAlgEd25519)) + public_key_);
}

std::string Signer::sign_note(std::string_view body) const {
  std::string blob;
  blob.push_back(static_cast<char>(key_id_ >> 24));
  blob.push_back(static_cast<char>(key_id_ >> 16));
  blob.push_back(static_cast<char>(key_id_ >> 8));
  blob.push_back(static_cast<char>(key_id_));
  blob += core::ed25519_sign(secret_key_, body);
  return std::string(kEmDash) + " " + name_ + " " + core::base64(blob) + "\n";
}

std::string Signer::signed_note(std::string_view body) const {
  return std::string(body) + "\n" + sign_note(body);
}

std::optional<VerifierKey> parse_verifier_key(std::string_view text) {
  const auto p1 = text.find('+');
  if (p1 == std::string_view::npos) {
    return std::nullopt;
  }
  const auto p2 = text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) {
    return std::nullopt;
  }
  VerifierKey k;
  k.name = std::string(text.substr(0, p1));
  const std::string_view id_hex = text.substr(p1 + 1, p2 - p1 - 1);
  if (!valid_key_name(k.name) || id_hex.size() != 8 ||
      id_hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return std::nullopt;
  }
  k.key_id = static_cast<std::uint32_t>(std::stoul(std::string(id_hex), nullptr, 16));
  auto key = core::unbase64(text.substr(p2 + 1));
  if (!key || key->size() != 33 || static_cast<std::uint8_t>((*key)[0]) != kAlgEd25519) {
    return std::nullopt;
  }
  k.public_key = key->substr(1);
  if (ed25519_key_id(k.name, k.public_key) != k.key_id) {
    return std::nullopt;
  }
  return k;
}

Signer create_key_file(const std::string& path, const std::string& name) {
  if (!valid_key_name(name)) {
    throw SystemError("the instance name must be non-empty, without spaces or '+': \"" + name +
                      "\"");
  }
  const std::filesystem::path target(path);
  const auto dir = target.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      throw SystemError("cannot create the directory of the key file " + path + ": " +
                        ec.message());
    }
  }
  std::string seed = core::random_bytes(32);
  Signer signer(name, seed);
  const std::string text = std::string(kMagic) + "\n" + name + "\n" + core::base64(seed) + "\n";
  // Write a private temporary file, then link() it into place: link never replaces an existing
  // file (EEXIST), and the key file is never seen half-written.
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
    if (f.fd < 0) {
      throw SystemError("cannot create key file " + tmp + ": " + errno_text());
    }
    if (::fchmod(f.fd, 0600) != 0 || !write_all(f.fd, text) || ::fsync(f.fd) != 0) {
      const std::string why = errno_text();
      ::unlink(tmp.c_str());
      throw SystemError("cannot write key file " + tmp + ": " + why);
    }
  }
  const int rc = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    throw SystemError("cannot create key file " + path + ": " + std::strerror(link_errno) +
                      (link_errno == EEXIST ? " (an existing key is never overwritten)" : ""));
  }
  fsync_dir(dir);
  return signer;
}

Signer load_key_file(const std::string& path) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    throw SystemError("cannot read the instance key " + path + ": " + errno_text() +
                      " (run `mandate init` first, or set --key-file)");
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    throw SystemError("cannot stat the instance key " + path + ": " + errno_text());
  }
  if (!S_ISREG(st.st_mode)) {
    throw SystemError("the instance key " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw SystemError("the instance key " + path + " is accessible by group or others (mode " +
                      mode + "); run: chmod 600 " + path);
  }
  std::string text;
  char buf[1024];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw SystemError("cannot read the instance key " + path + ": " + errno_text());
    }
    if (n == 0) {
      break;
    }
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxKeyFile) {
      break;
    }
  }
  // Exactly three newline-terminated lines.
  std::string_view rest(text);
  std::string_view lines[3];
  bool ok = text.size() <= kMaxKeyFile;
  for (auto& line : lines) {
    const auto nl = rest.find('\n');
    if (nl == std::string_view::npos) {
      ok = false;
      break;
    }
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
  }
  std::optional<std::string> seed;
  if (ok && rest.empty() && lines[0] == kMagic && valid_key_name(lines[1])) {
    seed = core::unbase64(lines[2]);
  }
  if (!seed || seed->size() != 32) {
    throw SystemError("the instance key " + path + " is not a Mandate key file");
  }
  return Signer(std::string(lines[1]), *seed);
}

}  // namespace mandate::ledger
