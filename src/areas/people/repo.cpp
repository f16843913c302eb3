// areas/people/repo.cpp — SQL for people (see repo.hpp).
#include "areas/people/repo.hpp"

#include <algorithm>

#include "areas/common/sql.hpp"

namespace mandate::areas::people::repo {
namespace {

using core::Timestamp;

constexpr const char* kCols =
    "p.id, p.org_id, p.name, p.email, p.job_title, p.department, p.manager_id, p.status, "
    "p.external_id, p.created_at, p.updated_at, p.version";

Person from_row(const store::Row& r) {
  Person p;
  p.id = PersonId{r.int64(0)};
  p.org = OrgId{r.int64(1)};
  p.name = r.text(2);
  p.email = r.text(3);
  p.job_title = r.text(4);
  p.department = r.text(5);
  if (auto m = r.opt_int64(6)) {
    p.manager = PersonId{*m};
  }
  p.status = parse_status(r.text(7)).value_or(Status::active);
  p.external_id = r.opt_text(8);
  p.created_at = Timestamp{r.int64(9)};
  p.updated_at = Timestamp{r.int64(10)};
  p.version = r.int64(11);
  return p;
}

TopManagementTerm term_from(const store::Row& r, std::size_t o = 0) {
  TopManagementTerm t;
  t.id = r.int64(o);
  t.person = PersonId{r.int64(o + 1)};
  t.title = r.text(o + 2);
  t.starts_on = r.int64(o + 3);
  if (auto e = r.opt_int64(o + 4)) {
    t.ends_on = *e;
  }
  return t;
}

std::optional<std::int64_t> manager_value(const PersonFields& f) {
  return f.manager ? std::optional<std::int64_t>(f.manager->value) : std::nullopt;
}

}  // namespace

Page search(Transaction& tx, OrgId org, const Query& q) {
  // One WHERE clause shared by the count and the page; every filter is a bound parameter, and
  // disabled filters compare against a neutral value so the statement text stays the same
  // (prepared-statement cache friendly).
  const std::string where =
      " FROM people p WHERE p.org_id = ?"
      " AND (? = '' OR LOWER(p.name) LIKE LOWER(?) ESCAPE '\\' OR p.email LIKE LOWER(?) ESCAPE '\\'"
      " OR LOWER(p.job_title) LIKE LOWER(?) ESCAPE '\\')"
      " AND (? = '' OR p.department = ?)"
      " AND (? = '' OR p.status = ?)"
      " AND (? = 0 OR EXISTS (SELECT 1 FROM top_management_terms t WHERE t.org_id = p.org_id"
      " AND t.person_id = p.id AND t.starts_on <= ? AND (t.ends_on IS NULL OR t.ends_on > ?)))";
  const std::string pat = like_pattern(q.search);
  const std::string status = q.status ? std::string(status_name(*q.status)) : std::string();
  const std::int64_t tm = q.top_management_only ? 1 : 0;
  Page out;
  out.total = tx.query_one("SELECT COUNT(*)" + where, org, q.search, pat, pat, pat, q.department,
                           q.department, status, status, tm, q.today, q.today)
                  ->int64(0);
  const int per = std::clamp(q.per_page, 1, 500);
  const std::int64_t offset = static_cast<std::int64_t>(std::max(q.page, 1) - 1) * per;
  auto rows = tx.query(std::string("SELECT ") + kCols + where +
                           " ORDER BY p.name, p.id LIMIT ? OFFSET ?",
                       org, q.search, pat, pat, pat, q.department, q.department, status, status,
                       tm, q.today, q.today, per, offset);
  for (auto& r : rows) {
    out.people.push_back(from_row(r));
  }
  return out;
}

std::vector<Person> all(Transaction& tx, OrgId org) {
  std::vector<Person> out;
  for (auto& r : tx.query(std::string("SELECT ") + kCols +
                              " FROM people p WHERE p.org_id = ? ORDER BY LOWER(p.name), p.id",
                          org)) {
    out.push_back(from_row(r));
  }
  return out;
}

std::optional<Person> find(Transaction& tx, OrgId org, PersonId id) {
  auto r = tx.query_one(std::string("SELECT ") + kCols +
                            " FROM people p WHERE p.org_id = ? AND p.id = ?",
                        org, id);
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

std::optional<PersonId> person_of_user(Transaction& tx, OrgId org, UserId user) {
  if (!user) {
    return std::nullopt;
  }
  if (auto r =
          tx.query_one("SELECT id FROM people WHERE org_id = ? AND user_id = ? ORDER BY id LIMIT 1",
                       org, user)) {
    return PersonId{r->int64(0)};
  }
  if (auto r = tx.query_one("SELECT p.id FROM people p JOIN users u ON u.email = p.email "
                            "WHERE p.org_id = ? AND u.id = ? AND p.user_id IS NULL",
                            org, user)) {
    return PersonId{r->int64(0)};
  }
  return std::nullopt;
}

std::optional<Person> find_by_email(Transaction& tx, OrgId org, std::string_view email) {
  auto r = tx.query_one(std::string("SELECT ") + kCols +
                            " FROM people p WHERE p.org_id = ? AND p.email = ?",
                        org, email);
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

std::optional<Person> find_by_external_id(Transaction& tx, OrgId org, std::string_view ext) {
  auto r = tx.query_one(std::string("SELECT ") + kCols +
                            " FROM people p WHERE p.org_id = ? AND p.external_id = ?",
                        org, ext);
  return r ? std::optional(from_row(*r)) : std::nullopt;
}

PersonId insert(Transaction& tx, OrgId org, const PersonFields& f, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO people (org_id, name, email, job_title, department, manager_id, status, "
      "external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, f.name, f.email, f.job_title, f.department, manager_value(f), status_name(f.status),
      f.external_id, at.us, at.us);
  return PersonId{r->int64(0)};
}

bool update(Transaction& tx, OrgId org, PersonId id, const PersonFields& f,
            std::int64_t expected_version, Timestamp at) {
  return tx.exec(
             "UPDATE people SET name = ?, email = ?, job_title = ?, department = ?, "
             "manager_id = ?, status = ?, external_id = ?, updated_at = ?, version = version + 1 "
             "WHERE org_id = ? AND id = ? AND version = ?",
             f.name, f.email, f.job_title, f.department, manager_value(f), status_name(f.status),
             f.external_id, at.us, org, id, expected_version) == 1;
}

std::vector<std::string> departments(Transaction& tx, OrgId org) {
  std::vector<std::string> out;
  for (auto& r : tx.query("SELECT DISTINCT department FROM people WHERE org_id = ? AND "
                          "department <> '' ORDER BY department",
                          org)) {
    out.push_back(r.text(0));
  }
  return out;
}

Counts counts(Transaction& tx, OrgId org, std::int64_t today) {
  auto r = tx.query_one(
      "SELECT COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status = 'left' THEN 1 ELSE 0 END), 0), "
      "COUNT(DISTINCT CASE WHEN status = 'active' AND department <> '' THEN department END) "
      "FROM people WHERE org_id = ?",
      org);
  auto tm = tx.query_one(
      "SELECT COUNT(DISTINCT t.person_id) FROM top_management_terms t JOIN people p ON "
      "p.id = t.person_id WHERE t.org_id = ? AND p.status = 'active' AND t.starts_on <= ? AND "
      "(t.ends_on IS NULL OR t.ends_on > ?)",
      org, today, today);
  return Counts{r->int64(0), r->int64(1), tm->int64(0), r->int64(2)};
}

std::vector<Person> reports(Transaction& tx, OrgId org, PersonId manager) {
  std::vector<Person> out;
  for (auto& r : tx.query(std::string("SELECT ") + kCols +
                              " FROM people p WHERE p.org_id = ? AND p.manager_id = ? "
                              "ORDER BY LOWER(p.name), p.id",
                          org, manager)) {
    out.push_back(from_row(r));
  }
  return out;
}

std::int64_t insert_term(Transaction& tx, OrgId org, const TopManagementTerm& t, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO top_management_terms (org_id, person_id, title, starts_on, ends_on, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      org, t.person, t.title, t.starts_on, t.ends_on, at.us);
  return r->int64(0);
}

std::optional<TopManagementTerm> find_term(Transaction& tx, OrgId org, std::int64_t id) {
  auto r = tx.query_one(
      "SELECT id, person_id, title, starts_on, ends_on FROM top_management_terms "
      "WHERE org_id = ? AND id = ?",
      org, id);
  return r ? std::optional(term_from(*r)) : std::nullopt;
}

void end_term(Transaction& tx, OrgId org, std::int64_t id, std::int64_t ends_on) {
  tx.exec("UPDATE top_management_terms SET ends_on = ? WHERE org_id = ? AND id = ?", ends_on, org,
          id);
}

std::vector<TopManagementTerm> terms_of(Transaction& tx, OrgId org, PersonId person) {
  std::vector<TopManagementTerm> out;
  for (auto& r : tx.query("SELECT id, person_id, title, starts_on, ends_on FROM "
                          "top_management_terms WHERE org_id = ? AND person_id = ? "
                          "ORDER BY starts_on DESC, id DESC",
                          org, person)) {
    out.push_back(term_from(r));
  }
  return out;
}

std::vector<std::pair<Person, TopManagementTerm>> top_management_on(Transaction& tx, OrgId org,
                                                                    std::int64_t day) {
  std::vector<std::pair<Person, TopManagementTerm>> out;
  auto rows = tx.query(std::string("SELECT ") + kCols +
                           ", t.id, t.person_id, t.title, t.starts_on, t.ends_on FROM "
                           "top_management_terms t JOIN people p ON p.id = t.person_id "
                           "WHERE t.org_id = ? AND t.starts_on <= ? AND (t.ends_on IS NULL OR "
                           "t.ends_on > ?) ORDER BY LOWER(p.name), p.id",
                       org, day, day);
  for (auto& r : rows) {
    out.emplace_back(from_row(r), term_from(r, 12));
  }
  return out;
}

}  // namespace mandate::areas::people::repo
