// areas/people/model.cpp — normalisation and validation of people.
#include "areas/people/model.hpp"

#include "core/text.hpp"

namespace mandate::areas::people {
namespace {

void text_field(const std::string& value, const char* field, std::size_t max, bool required,
                Validation& v) {
  if (value.empty()) {
    if (required) {
      v.add(field, "is required");
    }
    return;
  }
  if (!core::valid_utf8(value) || core::has_control_chars(value)) {
    v.add(field, "must be plain text");
  } else if (core::utf8_length(value) > max) {
    v.add(field, "must be at most " + std::to_string(max) + " characters");
  }
}

}  // namespace

std::string_view status_name(Status s) { return s == Status::active ? "active" : "left"; }

std::optional<Status> parse_status(std::string_view s) {
  auto l = core::ascii_lower(core::trim(s));
  if (l == "active") {
    return Status::active;
  }
  if (l == "left") {
    return Status::left;
  }
  return std::nullopt;
}

void normalise(PersonFields& f) {
  f.name = std::string(core::trim(f.name));
  f.email = core::ascii_lower(core::trim(f.email));
  f.job_title = std::string(core::trim(f.job_title));
  f.department = std::string(core::trim(f.department));
  if (f.external_id) {
    f.external_id = std::string(core::trim(*f.external_id));
    if (f.external_id->empty()) {
      f.external_id.reset();
    }
  }
}

void validate(const PersonFields& f, Validation& v) {
  text_field(f.name, "name", 200, true, v);
  if (f.email.empty()) {
    v.add("email", "is required");
  } else if (!core::valid_utf8(f.email) || !core::valid_email(f.email)) {
    v.add("email", "must be an e-mail address like name@example.com");
  }
  text_field(f.job_title, "job_title", 200, false, v);
  text_field(f.department, "department", 120, false, v);
  if (f.external_id) {
    text_field(*f.external_id, "external_id", 64, false, v);
  }
}

}  // namespace mandate::areas::people
