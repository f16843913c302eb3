// areas/accounts/model.cpp — validation rules for accounts.
#include "areas/accounts/model.hpp"

#include <boost/json.hpp>

#include <mutex>
#include <unordered_set>

#include "core/embedded.hpp"
#include "core/text.hpp"

namespace mandate::areas::accounts::embedded_passwords {
extern const ::mandate::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace mandate::areas::accounts::embedded_passwords

namespace mandate::areas::accounts {
namespace {

// The common-password list ships with the binary (zxcvbn-ts's list of ~49,000 passwords, from
// npm, embedded at build time) and is parsed once.
const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (std::size_t i = 0; i < embedded_passwords::kFileCount; ++i) {
      auto v = boost::json::parse(embedded_passwords::kFiles[i].view());
      for (const auto& p : v.as_array()) {
        s.insert(core::ascii_lower(std::string(p.as_string())));
      }
    }
    return s;
  }();
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
  return common_passwords().contains(core::ascii_lower(password));
}

void validate_password(std::string_view password, std::string_view email, Validation& v,
                       const std::string& field) {
  if (!core::valid_utf8(password)) {
    v.add(field, "must be valid UTF-8 text");
    return;
  }
  std::size_t len = core::utf8_length(password);
  if (len < 12) {
    v.add(field, "must be at least 12 characters");
  } else if (len > 1024) {
    v.add(field, "must be at most 1024 characters");
  } else if (is_common_password(password)) {
    v.add(field, "is too common; choose a longer phrase that others would not guess");
  } else if (!email.empty() && core::ascii_lower(password) == core::ascii_lower(email)) {
    v.add(field, "must not be your e-mail address");
  }
}

void validate_email(std::string_view email, Validation& v, const std::string& field) {
  if (email.empty()) {
    v.add(field, "is required");
  } else if (!core::valid_utf8(email) || !core::valid_email(email)) {
    v.add(field, "must be an e-mail address like name@example.com");
  }
}

void validate_display_name(std::string_view name, Validation& v, const std::string& field) {
  auto t = core::trim(name);
  if (t.empty()) {
    v.add(field, "is required");
  } else if (!core::valid_utf8(t) || core::has_control_chars(t)) {
    v.add(field, "must be plain text");
  } else if (core::utf8_length(t) > 200) {
    v.add(field, "must be at most 200 characters");
  }
}

void validate_org_name(std::string_view name, Validation& v) {
  validate_display_name(name, v, "name");
}

void validate_slug(std::string_view slug, Validation& v) {
  bool ok = slug.size() >= 2 && slug.size() <= 40 && slug.front() != '-' && slug.back() != '-';
  for (char c : slug) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) {
    v.add("slug", "must be 2 to 40 lower-case letters, digits or dashes");
  }
}

}  // namespace mandate::areas::accounts
