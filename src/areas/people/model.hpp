// areas/people/model.hpp
// People of an organization (from HR): name, e-mail, job title, department, manager, employment
// status, and dated top-management designations — who was top management when, which later
// indicators (attendance, approvals) depend on. Types and validation only; no I/O. Siblings:
// csv (HR import parsing), repo (SQL), service (use cases), pages/api/routes (web edge).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace mandate::areas::people {

enum class Status { active, left };
std::string_view status_name(Status s);
std::optional<Status> parse_status(std::string_view s);  // "active", "left" (case-insensitive)

struct Person {
  PersonId id;
  OrgId org;
  std::string name;
  std::string email;  // lower-cased, unique per organization
  std::string job_title;
  std::string department;
  std::optional<PersonId> manager;
  Status status = Status::active;
  std::optional<std::string> external_id;  // the HR system's employee id
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::int64_t version = 1;
};

// The editable fields, as submitted by a form, the API or a CSV row.
struct PersonFields {
  std::string name;
  std::string email;
  std::string job_title;
  std::string department;
  std::optional<PersonId> manager;
  Status status = Status::active;
  std::optional<std::string> external_id;
};

// Normalises (trims, lower-cases the e-mail) and validates. Field errors use these names:
// name, email, job_title, department, status, external_id, manager_id.
void normalise(PersonFields& f);
void validate(const PersonFields& f, Validation& v);

struct TopManagementTerm {
  std::int64_t id = 0;
  PersonId person;
  std::string title;             // "Chief Executive Officer"
  std::int64_t starts_on = 0;    // days since epoch
  std::optional<std::int64_t> ends_on;
  bool covers(std::int64_t day) const {
    return starts_on <= day && (!ends_on || day < *ends_on);
  }
};

}  // namespace mandate::areas::people
