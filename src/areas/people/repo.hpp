// areas/people/repo.hpp
// SQL for people and top-management terms: the only code that touches those tables.
// Contract-tested on SQLite and PostgreSQL in tests/areas/people/. Every query is scoped by the
// organization. Blocks; call inside Database::read/write. Throws StoreError (UniqueViolation on
// a duplicate e-mail or external id).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/people/model.hpp"
#include "store/database.hpp"

namespace mandate::areas::people::repo {

using store::Transaction;

struct Query {
  std::string search;  // matches name, e-mail or job title (case-insensitive substring)
  std::string department;
  std::optional<Status> status;
  bool top_management_only = false;  // designated on `today`
  std::int64_t today = 0;            // days since epoch, for top_management_only
  int page = 1;                      // 1-based
  int per_page = 50;
};
struct Page {
  std::vector<Person> people;
  std::int64_t total = 0;
};
Page search(Transaction& tx, OrgId org, const Query& q);
// Every person of the organization, by name (exports, import matching).
std::vector<Person> all(Transaction& tx, OrgId org);

std::optional<Person> find(Transaction& tx, OrgId org, PersonId id);
std::optional<Person> find_by_email(Transaction& tx, OrgId org, std::string_view email);
std::optional<Person> find_by_external_id(Transaction& tx, OrgId org, std::string_view ext);
// The people-register entry of a user: linked by user id, else by the user's e-mail (an entry
// linked to no user). nullopt for no user (the system) or no entry.
std::optional<PersonId> person_of_user(Transaction& tx, OrgId org, UserId user);

PersonId insert(Transaction& tx, OrgId org, const PersonFields& f, core::Timestamp at);
// Optimistic concurrency: returns false when `expected_version` is no longer current.
bool update(Transaction& tx, OrgId org, PersonId id, const PersonFields& f,
            std::int64_t expected_version, core::Timestamp at);

std::vector<std::string> departments(Transaction& tx, OrgId org);
struct Counts {
  std::int64_t people = 0;   // active
  std::int64_t left = 0;
  std::int64_t top_management = 0;  // active people designated today
  std::int64_t departments = 0;
};
Counts counts(Transaction& tx, OrgId org, std::int64_t today);
// Direct reports of a person.
std::vector<Person> reports(Transaction& tx, OrgId org, PersonId manager);

std::int64_t insert_term(Transaction& tx, OrgId org, const TopManagementTerm& t,
                         core::Timestamp at);
std::optional<TopManagementTerm> find_term(Transaction& tx, OrgId org, std::int64_t id);
void end_term(Transaction& tx, OrgId org, std::int64_t id, std::int64_t ends_on);
std::vector<TopManagementTerm> terms_of(Transaction& tx, OrgId org, PersonId person);
// People designated top management on `day`, with their term.
std::vector<std::pair<Person, TopManagementTerm>> top_management_on(Transaction& tx, OrgId org,
                                                                    std::int64_t day);

}  // namespace mandate::areas::people::repo
