// areas/actions/repo.cpp — SQL for actions (see repo.hpp).
#include "areas/actions/repo.hpp"

#include "areas/common/sql.hpp"

namespace mandate::areas::actions::repo {
namespace {

// The row of a list, with the owner's name, the meeting and the carry-over count joined in. The
// carry-over counts are one aggregate of the organization's carry-overs (its one parameter, the
// organization, comes before those of the WHERE): a correlated count per action was a scan of
// action_carryovers per row on PostgreSQL.
constexpr const char* kRowSelect =
    "SELECT a.id, a.org_id, a.title, a.description, a.source, a.source_ref, a.meeting_id, "
    "a.decision_id, a.owner_person_id, a.due_on, a.status, a.cancel_reason, "
    "a.completion_evidence, a.closed_at, a.closed_by_user_id, a.closed_by_label, "
    "a.created_by_label, a.created_at, a.updated_at, a.row_version, COALESCE(p.name, ''), "
    "COALESCE(m.title, ''), m.starts_at, "
    "COALESCE(c.n, 0) "
    "FROM actions a LEFT JOIN people p ON p.id = a.owner_person_id AND p.org_id = a.org_id "
    "LEFT JOIN meetings m ON m.id = a.meeting_id AND m.org_id = a.org_id "
    "LEFT JOIN (SELECT action_id, COUNT(*) AS n FROM action_carryovers WHERE org_id = ? "
    "GROUP BY action_id) c ON c.action_id = a.id ";

std::optional<Timestamp> opt_ts(const store::Row& r, std::size_t i) {
  if (auto v = r.opt_int64(i)) {
    return Timestamp{*v};
  }
  return std::nullopt;
}

Action action_from(const store::Row& r) {
  Action a;
  a.id = ActionId{r.int64(0)};
  a.org = OrgId{r.int64(1)};
  a.title = r.text(2);
  a.description = r.text(3);
  a.source = parse_source(r.text(4)).value_or(Source::other);
  a.source_ref = r.text(5);
  a.meeting_id = r.opt_int64(6);
  a.decision_id = r.opt_int64(7);
  if (auto o = r.opt_int64(8)) {
    a.owner = PersonId{*o};
  }
  a.due_on = r.opt_int64(9);
  a.status = parse_state(r.text(10)).value_or(State::open);
  a.cancel_reason = r.text(11);
  a.completion_evidence = r.text(12);
  a.closed_at = opt_ts(r, 13);
  a.closed_by = UserId{r.opt_int64(14).value_or(0)};
  a.closed_by_label = r.text(15);
  a.created_by_label = r.text(16);
  a.created_at = Timestamp{r.int64(17)};
  a.updated_at = Timestamp{r.int64(18)};
  a.row_version = r.int64(19);
  return a;
}

ActionRow row_from(const store::Row& r) {
  ActionRow row;
  row.action = action_from(r);
  row.owner_name = r.text(20);
  row.meeting_title = r.text(21);
  row.meeting_at = opt_ts(r, 22);
  row.carried_over = static_cast<int>(r.int64(23));
  return row;
}

std::vector<ActionRow> rows_of(Transaction& tx, const std::string& sql,
                               const std::vector<store::Value>& params) {
  std::vector<ActionRow> out;
  for (const auto& r : tx.query_values(sql, params)) {
    out.push_back(row_from(r));
  }
  return out;
}

// WHERE for a Filter, with only the conditions that are set (no "? IS NULL" tests: PostgreSQL
// cannot type an untyped NULL parameter).
std::string where_of(OrgId org, const Filter& f, std::vector<store::Value>& params) {
  std::string sql = "WHERE a.org_id = ?";
  params.emplace_back(org.value);
  if (f.open_only) {
    sql += " AND a.status IN ('open', 'in_progress')";
  }
  if (f.due_before) {
    sql += " AND a.due_on < ?";
    params.emplace_back(*f.due_before);
  }
  if (f.owner) {
    sql += " AND a.owner_person_id = ?";
    params.emplace_back(f.owner->value);
  }
  if (f.source) {
    sql += " AND a.source = ?";
    params.emplace_back(std::string(source_name(*f.source)));
  }
  if (f.state) {
    sql += " AND a.status = ?";
    params.emplace_back(std::string(state_name(*f.state)));
  }
  if (f.meeting_id) {
    sql += " AND a.meeting_id = ?";
    params.emplace_back(*f.meeting_id);
  }
  if (!f.search.empty()) {
    sql += " AND LOWER(a.title) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(like_pattern(f.search));
  }
  return sql;
}

std::string order_of(Sort s, bool descending) {
  const std::string dir = descending ? " DESC" : "";
  const std::string by_due = "(a.due_on IS NULL), a.due_on";
  switch (s) {
    case Sort::due:
      return " ORDER BY (a.due_on IS NULL), a.due_on" + dir + ", a.id" + dir;
    case Sort::status:
      return " ORDER BY CASE a.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 "
             "WHEN 'done' THEN 2 ELSE 3 END" +
             dir + ", " + by_due + ", a.id";
    case Sort::owner:
      return " ORDER BY (p.name IS NULL), LOWER(p.name)" + dir + ", " + by_due + ", a.id";
    case Sort::source:
      return " ORDER BY a.source" + dir + ", " + by_due + ", a.id";
    case Sort::created:
      return " ORDER BY a.created_at" + dir + ", a.id" + dir;
    case Sort::title:
      return " ORDER BY LOWER(a.title)" + dir + ", a.id" + dir;
  }
  return " ORDER BY a.id";
}

constexpr const char* kReviewWhere =
    "WHERE a.org_id = ? AND a.source = 'management_review' AND m.signed_at IS NOT NULL";

}  // namespace

std::vector<ActionRow> list(Transaction& tx, OrgId org, const Filter& f) {
  std::vector<store::Value> params{org.value};  // kRowSelect's carry-over aggregate
  std::string sql = kRowSelect + where_of(org, f, params) + order_of(f.sort, f.descending);
  if (f.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(std::int64_t{f.limit});
    params.emplace_back(std::int64_t{f.offset});
  }
  return rows_of(tx, sql, params);
}

std::int64_t count(Transaction& tx, OrgId org, const Filter& f) {
  std::vector<store::Value> params;
  const std::string sql = "SELECT COUNT(*) FROM actions a " + where_of(org, f, params);
  return tx.query_values(sql, params).at(0).int64(0);
}

std::optional<ActionRow> find(Transaction& tx, OrgId org, ActionId id) {
  auto r = tx.query_one(std::string(kRowSelect) + "WHERE a.org_id = ? AND a.id = ?", org, org, id);
  return r ? std::optional(row_from(*r)) : std::nullopt;
}

ActionId insert(Transaction& tx, OrgId org, const Insert& a, Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO actions (org_id, title, description, source, source_ref, meeting_id, "
      "decision_id, owner_person_id, due_on, status, created_by_label, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
      org, a.fields.title, a.fields.description, source_name(a.source), a.source_ref, a.meeting_id,
      a.decision_id, a.fields.owner, a.fields.due_on, a.created_by_label, at.us, at.us);
  return ActionId{r->int64(0)};
}

bool update_fields(Transaction& tx, OrgId org, ActionId id, const ActionFields& f,
                   std::int64_t expected_row_version, Timestamp at) {
  return tx.exec(
             "UPDATE actions SET title = ?, description = ?, owner_person_id = ?, due_on = ?, "
             "updated_at = ?, row_version = row_version + 1 WHERE org_id = ? AND id = ? AND "
             "row_version = ? AND status IN ('open', 'in_progress')",
             f.title, f.description, f.owner, f.due_on, at.us, org, id, expected_row_version) == 1;
}

void clear_decision(Transaction& tx, OrgId org, ActionId id) {
  tx.exec("UPDATE actions SET decision_id = NULL WHERE org_id = ? AND id = ?", org, id);
}

bool transition(Transaction& tx, OrgId org, ActionId id, const Change& c, Timestamp at) {
  std::optional<UserId> closed_by;
  if (c.closed_by) {
    closed_by = c.closed_by;
  }
  switch (c.to) {
    case State::in_progress:
      return tx.exec(
                 "UPDATE actions SET status = ?, updated_at = ?, row_version = row_version + 1 "
                 "WHERE org_id = ? AND id = ? AND status = ?",
                 state_name(c.to), at.us, org, id, state_name(c.from)) == 1;
    case State::done:
    case State::cancelled:
      return tx.exec(
                 "UPDATE actions SET status = ?, closed_at = ?, closed_by_user_id = ?, "
                 "closed_by_label = ?, cancel_reason = ?, completion_evidence = ?, "
                 "updated_at = ?, row_version = row_version + 1 "
                 "WHERE org_id = ? AND id = ? AND status = ?",
                 state_name(c.to), at.us, closed_by, c.closed_by_label, c.cancel_reason,
                 c.completion_evidence, at.us, org, id, state_name(c.from)) == 1;
    case State::open:
      return tx.exec(
                 "UPDATE actions SET status = 'open', closed_at = NULL, closed_by_user_id = NULL, "
                 "closed_by_label = '', cancel_reason = '', completion_evidence = '', "
                 "updated_at = ?, row_version = row_version + 1 "
                 "WHERE org_id = ? AND id = ? AND status = ?",
                 at.us, org, id, state_name(c.from)) == 1;
  }
  return false;
}

std::int64_t insert_note(Transaction& tx, OrgId org, ActionId id, std::string_view body,
                         UserId author, std::string_view author_label, Timestamp at) {
  std::optional<UserId> by;
  if (author) {
    by = author;
  }
  auto r = tx.query_one(
      "INSERT INTO action_notes (org_id, action_id, body, author_user_id, author_label, at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      org, id, body, by, author_label, at.us);
  tx.exec("UPDATE actions SET updated_at = ? WHERE org_id = ? AND id = ?", at.us, org, id);
  return r->int64(0);
}

std::vector<Note> notes(Transaction& tx, OrgId org, ActionId id) {
  std::vector<Note> out;
  for (const auto& r :
       tx.query("SELECT id, action_id, body, author_user_id, author_label, at FROM action_notes "
                "WHERE org_id = ? AND action_id = ? ORDER BY at, id",
                org, id)) {
    Note n;
    n.id = r.int64(0);
    n.action = ActionId{r.int64(1)};
    n.body = r.text(2);
    n.author = UserId{r.opt_int64(3).value_or(0)};
    n.author_label = r.text(4);
    n.at = Timestamp{r.int64(5)};
    out.push_back(std::move(n));
  }
  return out;
}

CarriedOver insert_carryover(Transaction& tx, OrgId org, ActionId id, std::int64_t meeting_id) {
  auto r = tx.query_one(
      "INSERT INTO action_carryovers (action_id, meeting_id, org_id, status_then) "
      "SELECT a.id, ?, a.org_id, a.status FROM actions a WHERE a.org_id = ? AND a.id = ? AND "
      "a.status IN ('open', 'in_progress') ON CONFLICT (action_id, meeting_id) DO NOTHING "
      "RETURNING status_then",
      meeting_id, org, id);
  if (!r) {
    return {};
  }
  return CarriedOver{true, parse_state(r->text(0)).value_or(State::open)};
}

std::vector<Carryover> carryovers(Transaction& tx, OrgId org, ActionId id) {
  std::vector<Carryover> out;
  for (const auto& r :
       tx.query("SELECT c.meeting_id, m.title, m.starts_at, c.status_then FROM action_carryovers c "
                "JOIN meetings m ON m.id = c.meeting_id WHERE c.org_id = ? AND c.action_id = ? "
                "ORDER BY m.starts_at, c.meeting_id",
                org, id)) {
    out.push_back(Carryover{r.int64(0), r.text(1), Timestamp{r.int64(2)},
                            parse_state(r.text(3)).value_or(State::open)});
  }
  return out;
}

std::vector<ActionRow> review_rows(Transaction& tx, OrgId org,
                                   std::optional<Timestamp> closed_since,
                                   std::int64_t exclude_meeting) {
  std::vector<store::Value> params{org.value, org.value, exclude_meeting};
  std::string sql = std::string(kRowSelect) + kReviewWhere + " AND a.meeting_id <> ?";
  if (closed_since) {
    sql += " AND (a.status IN ('open', 'in_progress') OR a.closed_at > ?)";
    params.emplace_back(closed_since->us);
  }
  return rows_of(tx, sql, params);
}

std::vector<ActionRow> all_review_rows(Transaction& tx, OrgId org) {
  return rows_of(tx,
                 std::string(kRowSelect) +
                     "WHERE a.org_id = ? AND a.source = 'management_review' ORDER BY a.id",
                 {org.value, org.value});
}

std::vector<Action> open_owned_by(Transaction& tx, OrgId org, PersonId person) {
  std::vector<Action> out;
  for (const auto& r :
       tx.query(std::string(kRowSelect) +
                    "WHERE a.org_id = ? AND a.owner_person_id = ? AND a.status IN ('open', "
                    "'in_progress') ORDER BY (a.due_on IS NULL), a.due_on, a.id",
                org, org, person)) {
    out.push_back(action_from(r));
  }
  return out;
}

std::vector<GroupCount> summary(Transaction& tx, OrgId org, GroupBy g, std::int64_t today,
                                std::int64_t escalated_before) {
  const std::string key = g == GroupBy::owner ? "a.owner_person_id" : "a.source";
  const std::string label = g == GroupBy::owner ? "MAX(COALESCE(p.name, ''))" : "''";
  const std::string sql =
      "SELECT " + key + ", " + label +
      ", SUM(CASE WHEN a.status IN ('open', 'in_progress') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status IN ('open', 'in_progress') AND a.due_on < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status IN ('open', 'in_progress') AND a.due_on < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END) "
      "FROM actions a LEFT JOIN people p ON p.id = a.owner_person_id AND p.org_id = a.org_id "
      "WHERE a.org_id = ? GROUP BY " +
      key;
  std::vector<GroupCount> out;
  for (const auto& r : tx.query(sql, today, escalated_before, org)) {
    GroupCount c;
    if (g == GroupBy::owner) {
      if (auto id = r.opt_int64(0)) {
        c.key = std::to_string(*id);
        c.label = r.text(1);
      } else {
        c.label = "No owner";
      }
    } else {
      c.key = r.text(0);
      auto s = parse_source(c.key);
      c.label = s ? std::string(source_label(*s)) : c.key;
    }
    c.open = r.int64(2);
    c.overdue = r.int64(3);
    c.escalated = r.int64(4);
    c.done = r.int64(5);
    c.cancelled = r.int64(6);
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<Settings> find_settings(Transaction& tx, OrgId org) {
  auto r = tx.query_one(
      "SELECT independent_closure, escalate_after_days FROM action_settings WHERE org_id = ?", org);
  if (!r) {
    return std::nullopt;
  }
  return Settings{r->int64(0) != 0, static_cast<int>(r->int64(1))};
}

void upsert_settings(Transaction& tx, OrgId org, const Settings& s, Timestamp at) {
  tx.exec(
      "INSERT INTO action_settings (org_id, independent_closure, escalate_after_days, "
      "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET "
      "independent_closure = excluded.independent_closure, "
      "escalate_after_days = excluded.escalate_after_days, updated_at = excluded.updated_at",
      org, s.independent_closure ? 1 : 0, s.escalate_after_days, at.us);
}

std::optional<PersonRef> find_person(Transaction& tx, OrgId org, PersonId id) {
  auto r = tx.query_one("SELECT name, status FROM people WHERE org_id = ? AND id = ?", org, id);
  if (!r) {
    return std::nullopt;
  }
  return PersonRef{r->text(0), r->text(1) == "active"};
}

bool meeting_exists(Transaction& tx, OrgId org, std::int64_t meeting_id) {
  return tx.query_one("SELECT 1 FROM meetings WHERE org_id = ? AND id = ?", org, meeting_id)
      .has_value();
}

std::optional<std::int64_t> meeting_of_decision(Transaction& tx, OrgId org,
                                                std::int64_t decision_id) {
  auto r = tx.query_one("SELECT meeting_id FROM meeting_decisions WHERE org_id = ? AND id = ?", org,
                        decision_id);
  return r ? r->opt_int64(0) : std::nullopt;
}

}  // namespace mandate::areas::actions::repo
