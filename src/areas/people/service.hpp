// areas/people/service.hpp
// Use cases for people: search, view with history, create and edit, top-management
// designations, CSV import from HR (preview, then all-or-nothing apply, one ledger entry per
// change) and CSV export. Authorization is re-checked here; every change writes its ledger
// entry in the same transaction. All functions block: call them on the worker pool.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "areas/common/caller.hpp"
#include "areas/people/model.hpp"
#include "areas/people/repo.hpp"
#include "core/csv.hpp"

namespace mandate::areas::people {

// Who may read the directory and who may change it (docs/security.md).
inline constexpr RoleSet kReaders{Role::admin, Role::top_management, Role::isms_manager,
                                  Role::contributor, Role::auditor};
inline constexpr RoleSet kEditors{Role::admin, Role::isms_manager};

Result<repo::Page> search(const Env& env, const Caller& by, const repo::Query& q);

struct PersonView {
  Person person;
  std::optional<Person> manager;
  std::vector<Person> reports;
  std::vector<TopManagementTerm> terms;
  std::vector<ledger::Entry> history;  // newest first
};
// Errc::not_found when the id is not a person of the caller's organization.
Result<PersonView> view(const Env& env, const Caller& by, PersonId id);

// One person, without history (cheaper than view). Errc::not_found as for view.
Result<Person> get(const Env& env, const Caller& by, PersonId id);

// Errc::invalid (field errors; "email" when already used in this organization, "manager_id"
// when not a person of the organization), Errc::forbidden.
Result<PersonId> create(const Env& env, const Caller& by, PersonFields f);
// As create, plus Errc::stale when `expected_version` is not current, Errc::not_found.
mandate::Status update(const Env& env, const Caller& by, PersonId id, PersonFields f,
              std::int64_t expected_version);

// Designates `person` as top management from `starts_on` (days since epoch), with a title.
// Errc::invalid (title, starts_on), Errc::conflict when a term already covers that day.
Result<std::int64_t> designate(const Env& env, const Caller& by, PersonId person,
                               std::string title, std::int64_t starts_on);
// Ends a term of `person` on `ends_on` (exclusive). Errc::not_found when the term is not that
// person's; Errc::invalid when before its start; Errc::conflict when already ended.
mandate::Status end_designation(const Env& env, const Caller& by, PersonId person,
                                std::int64_t term_id, std::int64_t ends_on);

struct Counts {
  repo::Counts people;
  std::vector<std::pair<Person, TopManagementTerm>> top_management;
};
Result<Counts> counts(const Env& env, const Caller& by);

// --- CSV import from HR ---

// Import fields and the CSV header names recognised for each (case and punctuation ignored).
enum class Field {
  external_id, name, first_name, last_name, email, job_title, department, manager_email,
  manager_external_id, status
};
std::string_view field_name(Field f);
std::optional<Field> parse_field(std::string_view s);

struct ImportOptions {
  // Explicit mapping from a CSV header to a field name (overrides recognition); a header mapped
  // to "ignore" is skipped.
  std::map<std::string, std::string> mapping;
};

enum class RowAction { create, update, unchanged, reject };
std::string_view row_action_name(RowAction a);

struct ImportRow {
  int line = 0;
  RowAction action = RowAction::reject;
  std::string name;
  std::string email;
  std::vector<std::string> changed;              // fields that change (updates)
  std::map<std::string, std::string> errors;     // CSV column header (or "line") -> message
};

struct ImportPlan {
  std::map<std::string, std::string> mapping;    // CSV header -> field name or "ignore"
  std::vector<core::CsvProblem> problems;        // file-level problems (not CSV, no e-mail column)
  std::vector<ImportRow> rows;
  int creates = 0, updates = 0, unchanged = 0, rejects = 0;
  bool applied = false;
  bool ok() const { return problems.empty() && rejects == 0; }
};

// Dry run: what would be created, updated or rejected. Never writes.
Result<ImportPlan> preview_import(const Env& env, const Caller& by, std::string_view csv,
                                  const ImportOptions& opts = {});
// Plans again inside one write transaction and applies it only if nothing is rejected
// (all-or-nothing); plan.applied tells which. One ledger entry per created or updated person.
Result<ImportPlan> apply_import(const Env& env, const Caller& by, std::string_view csv,
                                const ImportOptions& opts = {});

// CSV of the people matching `q` (all pages), with a header row.
Result<std::string> export_csv(const Env& env, const Caller& by, repo::Query q);

}  // namespace mandate::areas::people
