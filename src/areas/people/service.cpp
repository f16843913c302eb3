// areas/people/service.cpp — people use cases (see service.hpp).
#include "areas/people/service.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/text.hpp"

namespace mandate::areas::people {
namespace {

using core::Timestamp;
namespace json = core::json;

std::int64_t today(const Env& env) { return core::days_since_epoch(env.clock.now()); }

json::object fields_json(const PersonFields& f) {
  json::object o{{"name", f.name},
                 {"email", f.email},
                 {"job_title", f.job_title},
                 {"department", f.department},
                 {"status", status_name(f.status)}};
  o["manager_id"] = f.manager ? json::value(f.manager->value) : json::value(nullptr);
  o["external_id"] = f.external_id ? json::value(*f.external_id) : json::value(nullptr);
  return o;
}

PersonFields fields_of(const Person& p) {
  return PersonFields{p.name,     p.email,  p.job_title,  p.department,
                      p.manager,  p.status, p.external_id};
}

// {"field": {"from": …, "to": …}} for every field that differs.
json::object diff(const PersonFields& before, const PersonFields& after,
                  std::vector<std::string>* names = nullptr) {
  json::object a = fields_json(before), b = fields_json(after), out;
  for (auto& kv : b) {
    const json::value& old = a.at(kv.key());
    if (old != kv.value()) {
      out[kv.key()] = json::object{{"from", old}, {"to", kv.value()}};
      if (names) {
        names->emplace_back(kv.key());
      }
    }
  }
  return out;
}

// Checks that refer to other rows: the e-mail is not another person's, the manager exists.
void validate_references(store::Transaction& tx, OrgId org, const PersonFields& f,
                         std::optional<PersonId> self, Validation& v) {
  if (!f.email.empty()) {
    auto other = repo::find_by_email(tx, org, f.email);
    if (other && (!self || other->id != *self)) {
      v.add("email", "is already used by " + other->name);
    }
  }
  if (f.external_id) {
    auto other = repo::find_by_external_id(tx, org, *f.external_id);
    if (other && (!self || other->id != *self)) {
      v.add("external_id", "is already used by " + other->name);
    }
  }
  if (f.manager) {
    if (self && *f.manager == *self) {
      v.add("manager_id", "cannot be the person themself");
    } else if (!repo::find(tx, org, *f.manager)) {
      v.add("manager_id", "is not a person of this organization");
    }
  }
}

std::string normalise_header(std::string_view h) {
  std::string out;
  for (char c : core::ascii_lower(h)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    }
  }
  return out;
}

struct Synonyms {
  Field field;
  std::vector<std::string> names;  // normalised
};
const std::vector<Synonyms>& synonyms() {
  static const std::vector<Synonyms> s = {
      {Field::external_id,
       {"externalid", "employeeid", "employeenumber", "employeeno", "empid", "hrid",
        "personnelnumber", "staffid", "workerid", "id"}},
      {Field::name, {"name", "fullname", "displayname", "employeename", "employee"}},
      {Field::first_name, {"firstname", "givenname", "forename"}},
      {Field::last_name, {"lastname", "surname", "familyname"}},
      {Field::email, {"email", "emailaddress", "workemail", "mail", "businessemail"}},
      {Field::job_title, {"jobtitle", "title", "position", "job", "role"}},
      {Field::department, {"department", "dept", "team", "division", "unit", "businessunit"}},
      {Field::manager_email,
       {"manageremail", "linemanageremail", "supervisoremail", "reportstoemail", "manager"}},
      {Field::manager_external_id,
       {"managerid", "manageremployeeid", "reportstoid", "supervisorid", "linemanagerid"}},
      {Field::status, {"status", "employmentstatus", "state"}},
  };
  return s;
}

std::optional<Status> parse_hr_status(std::string_view s) {
  auto l = core::ascii_lower(core::trim(s));
  if (l.empty() || l == "active" || l == "employed" || l == "current" || l == "yes") {
    return Status::active;
  }
  if (l == "left" || l == "terminated" || l == "inactive" || l == "leaver" || l == "former" ||
      l == "no") {
    return Status::left;
  }
  return std::nullopt;
}

// The planning pass, shared by preview and apply. Reads only.
struct Planned {
  ImportPlan plan;
  struct Change {
    std::size_t row;  // index into plan.rows
    PersonFields fields;
    std::optional<Person> existing;
    std::string manager_email;  // resolved after creates
    std::string manager_ext;
  };
  std::vector<Change> changes;
};

Result<Planned> plan(store::Transaction& tx, OrgId org, std::string_view csv,
                     const ImportOptions& opts) {
  Planned out;
  ImportPlan& p = out.plan;
  auto table = core::parse_csv(csv, p.problems);
  if (!table) {
    return out;  // problems are listed in the plan
  }
  // Map headers to fields.
  std::map<Field, std::size_t> col;  // field -> column index
  for (std::size_t i = 0; i < table->header.size(); ++i) {
    const std::string& h = table->header[i];
    std::optional<Field> f;
    if (auto it = opts.mapping.find(h); it != opts.mapping.end()) {
      if (it->second != "ignore") {
        f = parse_field(it->second);
        if (!f) {
          p.problems.push_back({1, h, "is mapped to an unknown field \"" + it->second + "\""});
          continue;
        }
      }
    } else {
      const std::string n = normalise_header(h);
      for (const auto& s : synonyms()) {
        if (std::find(s.names.begin(), s.names.end(), n) != s.names.end()) {
          f = s.field;
          break;
        }
      }
    }
    if (f && col.contains(*f)) {
      p.problems.push_back({1, h, "maps to " + std::string(field_name(*f)) +
                                      ", which another column already provides"});
      continue;
    }
    if (f) {
      col[*f] = i;
    }
    p.mapping[h] = f ? std::string(field_name(*f)) : "ignore";
  }
  if (!col.contains(Field::email)) {
    p.problems.push_back({1, "", "no e-mail column: add one named \"email\" or map a column to it"});
  }
  if (!col.contains(Field::name) && !(col.contains(Field::first_name) || col.contains(Field::last_name))) {
    p.problems.push_back({1, "", "no name column: add \"name\" (or \"first name\" and \"last name\")"});
  }
  if (!p.problems.empty()) {
    return out;
  }
  auto header_of = [&](Field f) { return table->header[col.at(f)]; };
  auto cell = [&](const core::CsvRow& r, Field f) -> std::string {
    auto it = col.find(f);
    return it == col.end() ? std::string() : r.cells[it->second];
  };

  // Index the organization's people once.
  std::unordered_map<std::string, Person> by_email, by_ext;
  for (auto& person : repo::all(tx, org)) {
    if (person.external_id) {
      by_ext.emplace(*person.external_id, person);
    }
    by_email.emplace(person.email, std::move(person));
  }
  std::unordered_map<std::string, int> file_emails, file_exts;  // -> line
  for (const auto& r : table->rows) {
    ImportRow row;
    row.line = r.line;
    PersonFields f;
    f.name = cell(r, Field::name);
    if (core::trim(f.name).empty()) {
      f.name = std::string(core::trim(cell(r, Field::first_name))) + " " +
               std::string(core::trim(cell(r, Field::last_name)));
    }
    f.email = cell(r, Field::email);
    f.job_title = cell(r, Field::job_title);
    f.department = cell(r, Field::department);
    if (col.contains(Field::external_id)) {
      f.external_id = cell(r, Field::external_id);
    }
    normalise(f);
    Validation v;
    validate(f, v);
    auto status = parse_hr_status(cell(r, Field::status));
    if (!status) {
      row.errors[header_of(Field::status)] = "must be active or left (also: terminated, inactive)";
    } else {
      f.status = *status;
    }
    // Field errors are reported under the CSV column they came from.
    auto column_for = [&](const std::string& field) -> std::string {
      if (field == "name") {
        return col.contains(Field::name) ? header_of(Field::name)
                                         : header_of(col.contains(Field::first_name)
                                                         ? Field::first_name
                                                         : Field::last_name);
      }
      if (auto pf = parse_field(field); pf && col.contains(*pf)) {
        return header_of(*pf);
      }
      return field;
    };
    if (!v.ok()) {
      for (auto& [field, msg] : v.error().fields) {
        row.errors[column_for(field)] = msg;
      }
    }
    // Duplicates inside the file.
    if (!f.email.empty()) {
      if (auto [it, fresh] = file_emails.emplace(f.email, r.line); !fresh) {
        row.errors[header_of(Field::email)] = "repeats line " + std::to_string(it->second);
      }
    }
    if (f.external_id) {
      if (auto [it, fresh] = file_exts.emplace(*f.external_id, r.line); !fresh) {
        row.errors[header_of(Field::external_id)] = "repeats line " + std::to_string(it->second);
      }
    }
    // Match an existing person: by HR id first, else by e-mail.
    std::optional<Person> existing;
    if (f.external_id) {
      if (auto it = by_ext.find(*f.external_id); it != by_ext.end()) {
        existing = it->second;
      }
    }
    if (!existing) {
      if (auto it = by_email.find(f.email); it != by_email.end()) {
        existing = it->second;
        if (f.external_id && existing->external_id && *existing->external_id != *f.external_id) {
          row.errors[header_of(Field::email)] =
              "belongs to " + existing->name + ", whose employee id is " + *existing->external_id;
        }
      }
    } else if (auto it = by_email.find(f.email); it != by_email.end() && it->second.id != existing->id) {
      row.errors[header_of(Field::email)] = "is already used by " + it->second.name;
    }
    row.name = f.name;
    row.email = f.email;
    Planned::Change ch{p.rows.size(), f, existing,
                       core::ascii_lower(core::trim(cell(r, Field::manager_email))),
                       std::string(core::trim(cell(r, Field::manager_external_id)))};
    if (existing) {
      ch.fields.manager = existing->manager;  // kept unless the file names a manager
    }
    p.rows.push_back(std::move(row));
    out.changes.push_back(std::move(ch));
  }
  // Resolve managers against existing people and people created by this file.
  for (auto& ch : out.changes) {
    ImportRow& row = p.rows[ch.row];
    std::optional<std::string> manager_key;
    if (!ch.manager_email.empty()) {
      bool known = by_email.contains(ch.manager_email) || file_emails.contains(ch.manager_email);
      if (!known) {
        row.errors[header_of(Field::manager_email)] = "is not a person here nor in this file";
      } else if (ch.manager_email == ch.fields.email) {
        row.errors[header_of(Field::manager_email)] = "cannot be the person themself";
      }
    } else if (!ch.manager_ext.empty()) {
      bool known = by_ext.contains(ch.manager_ext) || file_exts.contains(ch.manager_ext);
      if (!known) {
        row.errors[header_of(Field::manager_external_id)] = "is not a person here nor in this file";
      } else if (ch.fields.external_id && ch.manager_ext == *ch.fields.external_id) {
        row.errors[header_of(Field::manager_external_id)] = "cannot be the person themself";
      }
    }
    // Decide the action (manager changes are compared once ids are known, see apply).
    if (!row.errors.empty()) {
      row.action = RowAction::reject;
      ++p.rejects;
      continue;
    }
    if (!ch.existing) {
      row.action = RowAction::create;
      ++p.creates;
      continue;
    }
    PersonFields target = ch.fields;
    if (!ch.manager_email.empty() && by_email.contains(ch.manager_email)) {
      target.manager = by_email.at(ch.manager_email).id;
    } else if (!ch.manager_ext.empty() && by_ext.contains(ch.manager_ext)) {
      target.manager = by_ext.at(ch.manager_ext).id;
    }
    diff(fields_of(*ch.existing), target, &row.changed);
    bool manager_from_file = (!ch.manager_email.empty() && !by_email.contains(ch.manager_email)) ||
                             (!ch.manager_ext.empty() && !by_ext.contains(ch.manager_ext));
    if (manager_from_file) {
      row.changed.emplace_back("manager_id");
    }
    if (row.changed.empty()) {
      row.action = RowAction::unchanged;
      ++p.unchanged;
    } else {
      row.action = RowAction::update;
      ++p.updates;
    }
  }
  return out;
}

}  // namespace

std::string_view field_name(Field f) {
  switch (f) {
    case Field::external_id: return "external_id";
    case Field::name: return "name";
    case Field::first_name: return "first_name";
    case Field::last_name: return "last_name";
    case Field::email: return "email";
    case Field::job_title: return "job_title";
    case Field::department: return "department";
    case Field::manager_email: return "manager_email";
    case Field::manager_external_id: return "manager_external_id";
    case Field::status: return "status";
  }
  return "";
}

std::optional<Field> parse_field(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Field::status); ++i) {
    if (field_name(static_cast<Field>(i)) == s) {
      return static_cast<Field>(i);
    }
  }
  return std::nullopt;
}

std::string_view row_action_name(RowAction a) {
  switch (a) {
    case RowAction::create: return "create";
    case RowAction::update: return "update";
    case RowAction::unchanged: return "unchanged";
    case RowAction::reject: return "reject";
  }
  return "";
}

Result<repo::Page> search(const Env& env, const Caller& by, const repo::Query& q) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  repo::Query query = q;
  query.today = today(env);
  return env.db.read([&](store::Transaction& tx) { return repo::search(tx, by.org, query); });
}

Result<PersonView> view(const Env& env, const Caller& by, PersonId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](store::Transaction& tx) -> Result<PersonView> {
    auto p = repo::find(tx, by.org, id);
    if (!p) {
      return fail(Errc::not_found, "No such person in this organization.");
    }
    PersonView v;
    v.person = *p;
    if (p->manager) {
      v.manager = repo::find(tx, by.org, *p->manager);
    }
    v.reports = repo::reports(tx, by.org, id);
    v.terms = repo::terms_of(tx, by.org, id);
    ledger::Filter f;
    f.entity_type = "person";
    f.entity_id = id.str();
    f.limit = 100;
    v.history = ledger::list(tx, by.org, f);
    return v;
  });
}

Result<Person> get(const Env& env, const Caller& by, PersonId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](store::Transaction& tx) -> Result<Person> {
    auto p = repo::find(tx, by.org, id);
    if (!p) {
      return fail(Errc::not_found, "No such person in this organization.");
    }
    return *p;
  });
}

Result<PersonId> create(const Env& env, const Caller& by, PersonFields f) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  normalise(f);
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Result<PersonId> {
    Validation refs;
    validate_references(tx, by.org, f, std::nullopt, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    PersonId id = repo::insert(tx, by.org, f, env.clock.now());
    record(tx, env, by, "person", id.str(), "create", fields_json(f));
    return id;
  });
}

mandate::Status update(const Env& env, const Caller& by, PersonId id, PersonFields f,
              std::int64_t expected_version) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  normalise(f);
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](store::Transaction& tx) -> mandate::Status {
    auto before = repo::find(tx, by.org, id);
    if (!before) {
      return fail(Errc::not_found, "No such person in this organization.");
    }
    if (before->version != expected_version) {
      return fail(Errc::stale, "Someone changed this person since you opened it; reload and try again.");
    }
    Validation refs;
    validate_references(tx, by.org, f, id, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    auto changes = diff(fields_of(*before), f);
    if (changes.empty()) {
      return {};
    }
    if (!repo::update(tx, by.org, id, f, expected_version, env.clock.now())) {
      return fail(Errc::stale, "Someone changed this person since you opened it; reload and try again.");
    }
    record(tx, env, by, "person", id.str(), "update", {{"changes", std::move(changes)}});
    return {};
  });
}

Result<std::int64_t> designate(const Env& env, const Caller& by, PersonId person,
                               std::string title, std::int64_t starts_on) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  title = std::string(core::trim(title));
  Validation v;
  if (title.empty()) {
    v.add("title", "is required (e.g. Chief Executive Officer)");
  } else if (!core::is_plain_text(title, 200)) {
    v.add("title", "must be plain text of at most 200 characters");
  }
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    auto p = repo::find(tx, by.org, person);
    if (!p) {
      return fail(Errc::not_found, "No such person in this organization.");
    }
    if (p->status == Status::left) {
      return fail(Errc::conflict, p->name + " has left the organization.");
    }
    for (const auto& t : repo::terms_of(tx, by.org, person)) {
      if (!t.ends_on || *t.ends_on > starts_on) {
        return fail(Errc::conflict, p->name + " already has a top-management designation from " +
                                        core::format_date(t.starts_on) + "; end it first.");
      }
    }
    TopManagementTerm t{0, person, title, starts_on, std::nullopt};
    auto id = repo::insert_term(tx, by.org, t, env.clock.now());
    record(tx, env, by, "person", person.str(), "designate_top_management",
           {{"term_id", id}, {"title", title}, {"starts_on", core::format_date(starts_on)}});
    return id;
  });
}

mandate::Status end_designation(const Env& env, const Caller& by, PersonId person,
                                std::int64_t term_id, std::int64_t ends_on) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  return env.db.write([&](store::Transaction& tx) -> mandate::Status {
    auto t = repo::find_term(tx, by.org, term_id);
    if (!t || t->person != person) {
      return fail(Errc::not_found, "No such designation in this organization.");
    }
    if (t->ends_on) {
      return fail(Errc::conflict, "That designation has already ended.");
    }
    if (ends_on <= t->starts_on) {
      return Error::invalid("ends_on", "must be after the start (" + core::format_date(t->starts_on) + ")");
    }
    repo::end_term(tx, by.org, term_id, ends_on);
    record(tx, env, by, "person", t->person.str(), "end_top_management",
           {{"term_id", term_id}, {"title", t->title}, {"ends_on", core::format_date(ends_on)}});
    return {};
  });
}

Result<Counts> counts(const Env& env, const Caller& by) {
  if (auto r = require_role(by, RoleSet::all()); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](store::Transaction& tx) {
    return Counts{repo::counts(tx, by.org, day), repo::top_management_on(tx, by.org, day)};
  });
}

Result<ImportPlan> preview_import(const Env& env, const Caller& by, std::string_view csv,
                                  const ImportOptions& opts) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  return env.db.read([&](store::Transaction& tx) -> Result<ImportPlan> {
    auto planned = plan(tx, by.org, csv, opts);
    if (!planned) {
      return planned.error();
    }
    return std::move(planned->plan);
  });
}

Result<ImportPlan> apply_import(const Env& env, const Caller& by, std::string_view csv,
                                const ImportOptions& opts) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  // The write transaction rolls back on an error Result: a rejected plan is returned as data
  // (applied = false) and nothing is written.
  std::optional<ImportPlan> rejected;
  auto result = env.db.write([&](store::Transaction& tx) -> Result<ImportPlan> {
    auto planned = plan(tx, by.org, csv, opts);
    if (!planned) {
      return planned.error();
    }
    if (!planned->plan.ok()) {
      rejected = std::move(planned->plan);
      return fail(Errc::invalid, "nothing applied");
    }
    const Timestamp now = env.clock.now();
    // 1. Create new people (managers resolved below, when every id exists).
    std::unordered_map<std::string, PersonId> ids_by_email, ids_by_ext;
    for (auto& ch : planned->changes) {
      const ImportRow& row = planned->plan.rows[ch.row];
      if (row.action == RowAction::create) {
        PersonFields f = ch.fields;
        f.manager.reset();
        PersonId id = repo::insert(tx, by.org, f, now);
        ch.existing = Person{id, by.org, f.name, f.email, f.job_title, f.department,
                             std::nullopt, f.status, f.external_id, now, now, 1};
        json::object data = fields_json(f);
        data["source"] = "csv import";
        data["line"] = row.line;
        record(tx, env, by, "person", id.str(), "create", std::move(data));
      }
    }
    for (auto& person : repo::all(tx, by.org)) {
      if (person.external_id) {
        ids_by_ext.emplace(*person.external_id, person.id);
      }
      ids_by_email.emplace(person.email, person.id);
    }
    // 2. Apply updates and manager links.
    for (auto& ch : planned->changes) {
      ImportRow& row = planned->plan.rows[ch.row];
      PersonFields target = ch.fields;
      if (!ch.manager_email.empty()) {
        target.manager = ids_by_email.at(ch.manager_email);
      } else if (!ch.manager_ext.empty()) {
        target.manager = ids_by_ext.at(ch.manager_ext);
      } else if (row.action == RowAction::create) {
        continue;
      }
      auto current = repo::find(tx, by.org, ch.existing->id);
      auto changes = diff(fields_of(*current), target);
      if (changes.empty()) {
        continue;
      }
      repo::update(tx, by.org, current->id, target, current->version, now);
      record(tx, env, by, "person", current->id.str(),
             row.action == RowAction::create ? "link_manager" : "update",
             {{"changes", std::move(changes)}, {"source", "csv import"}, {"line", row.line}});
    }
    planned->plan.applied = true;
    return std::move(planned->plan);
  });
  if (rejected) {
    return std::move(*rejected);
  }
  return result;
}

Result<std::string> export_csv(const Env& env, const Caller& by, repo::Query q) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  q.today = today(env);
  q.page = 1;
  q.per_page = 500;
  return env.db.read([&](store::Transaction& tx) {
    std::string out = core::csv_line({"employee_id", "name", "email", "job_title", "department",
                                      "manager_email", "status", "top_management"});
    std::unordered_map<std::int64_t, std::string> emails;
    for (const auto& p : repo::all(tx, by.org)) {
      emails.emplace(p.id.value, p.email);
    }
    std::set<std::int64_t> tm;
    for (const auto& [p, t] : repo::top_management_on(tx, by.org, q.today)) {
      tm.insert(p.id.value);
    }
    for (;;) {
      auto page = repo::search(tx, by.org, q);
      for (const auto& p : page.people) {
        out += core::csv_line({p.external_id.value_or(""), p.name, p.email, p.job_title,
                               p.department, p.manager ? emails[p.manager->value] : "",
                               std::string(status_name(p.status)),
                               tm.contains(p.id.value) ? "yes" : "no"});
      }
      if (static_cast<std::int64_t>(q.page) * q.per_page >= page.total) {
        break;
      }
      ++q.page;
    }
    return out;
  });
}

}  // namespace mandate::areas::people
