// areas/actions/service.cpp — action use cases (see service.hpp).
#include "areas/actions/service.hpp"

#include <algorithm>

#include "areas/actions/repo.hpp"
#include "areas/people/repo.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace mandate::areas::actions {
namespace {

using core::Timestamp;
using store::Transaction;
namespace json = core::json;

// Everyone with a role here may reach the service; what each may see is decided below.
constexpr RoleSet kAnyone = kReaders | kMembers;
constexpr int kMaxLimit = 5000;

std::int64_t today(const Env& env) { return core::days_since_epoch(env.clock.now()); }

Error not_found_action() { return fail(Errc::not_found, "No such action in this organization."); }

// Free text: required or not, valid UTF-8 without control characters, at most `max` characters;
// `one_line` also refuses line breaks.
void check_text(Validation& v, const char* field, const std::string& value, std::size_t max,
                bool required, bool one_line) {
  if (core::trim(value).empty()) {
    if (required) {
      v.add(field, "is required");
    }
    return;
  }
  if (!core::valid_utf8(value) || core::has_control_chars(value) ||
      (one_line && value.find_first_of("\r\n") != std::string::npos)) {
    v.add(field, one_line ? "must be plain text on one line" : "must be plain text");
  } else if (core::utf8_length(value) > max) {
    v.add(field, "must be at most " + std::to_string(max) + " characters");
  }
}

json::value opt_json(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value date_json(const std::optional<std::int64_t>& d) {
  return d ? json::value(core::format_date(*d)) : json::value(nullptr);
}

json::object fields_json(const ActionFields& f) {
  json::object o{{"title", f.title}, {"description", f.description}};
  o["owner_id"] = f.owner ? json::value(f.owner->value) : json::value(nullptr);
  o["due_on"] = date_json(f.due_on);
  return o;
}

ActionFields fields_of(const Action& a) {
  return ActionFields{a.title, a.description, a.owner, a.due_on};
}

json::object status_change(State from, State to) {
  return json::object{{"from", state_name(from)}, {"to", state_name(to)}};
}

// The first day an open action due on d counts as escalated is d + escalate_after_days.
std::int64_t escalated_before(std::int64_t day, const Settings& s) {
  return day - s.escalate_after_days + 1;
}

void decorate(ActionRow& r, std::int64_t day, const Settings& s) {
  r.days_overdue = r.action.days_overdue(day);
  r.escalated = r.days_overdue > 0 && r.days_overdue >= s.escalate_after_days;
}

Settings load_settings(Transaction& tx, OrgId org) {
  return repo::find_settings(tx, org).value_or(Settings{});
}

// What the caller may do with one action: editors act on any; a member acts on the ones they own.
struct Access {
  bool reader = false;
  bool editor = false;
  bool owner = false;
};
Access access_to(Transaction& tx, const Caller& by, const Action& a) {
  Access out;
  out.reader = by.has_role(kReaders);
  out.editor = by.has_role(kEditors);
  if (a.owner && by.has_role(kMembers)) {
    auto me = people::repo::person_of_user(tx, by.org, by.user);
    out.owner = me && *me == *a.owner;
  }
  return out;
}

// The owner must be a person of the organization; a new owner must still be with it.
void check_owner(Transaction& tx, OrgId org, const std::optional<PersonId>& owner,
                 const std::optional<PersonId>& previous, Validation& v) {
  if (!owner) {
    return;
  }
  auto p = repo::find_person(tx, org, *owner);
  if (!p) {
    v.add("owner_id", "is not a person of this organization");
  } else if (!p->active && owner != previous) {
    v.add("owner_id", p->name + " has left the organization");
  }
}

Error stale_error() {
  return fail(Errc::stale,
              "Someone changed this action since you opened it; reload and try again.");
}

// A row loaded for a change by `by`: not_found outside the organization and for a member who may
// not read it (staff see only their own actions, so another's must look like no action at all —
// as view() answers), forbidden for a reader who neither edits nor owns it (an auditor).
Result<ActionRow> load_for_change(Transaction& tx, const Caller& by, ActionId id, Access& access) {
  auto row = repo::find(tx, by.org, id);
  if (!row) {
    return not_found_action();
  }
  access = access_to(tx, by, row->action);
  if (!access.editor && !access.owner) {
    if (!access.reader) {
      return not_found_action();
    }
    return fail(Errc::forbidden, "Only the owner of this action or an editor may change it.");
  }
  return *row;
}

std::string independent_closure_message() {
  return "This organization requires actions to be closed by someone other than their owner: "
         "ask another editor to complete it.";
}

struct Move {
  State to = State::open;
  RoleSet roles;
  std::string text;  // evidence (to done) or reason (to cancelled, to open)
  const char* text_field = "";
  std::string action;  // ledger action
};

// Adds the calling area's context to a ledger entry's data; the entry's own keys win.
void add_context(json::object& data, json::object context) {
  for (auto& kv : context) {
    data.emplace(kv.key(), std::move(kv.value()));
  }
}

// Moves `a` (loaded in `tx`) as `m` says and writes the ledger entry: refuses an illegal
// transition, and completion by the owner where the organization requires independent closure.
Status apply_move(Transaction& tx, const Env& env, const Caller& by, const Action& a, const Move& m,
                  bool by_owner, json::object context) {
  const State from = a.status;
  if (!can_transition(from, m.to)) {
    return fail(Errc::conflict, transition_refusal(from, m.to));
  }
  if (m.to == State::done && by_owner && load_settings(tx, by.org).independent_closure) {
    return fail(Errc::forbidden, independent_closure_message());
  }
  repo::Change c;
  c.from = from;
  c.to = m.to;
  if (m.to == State::done) {
    c.completion_evidence = m.text;
  } else if (m.to == State::cancelled) {
    c.cancel_reason = m.text;
  }
  c.closed_by = by.user;
  c.closed_by_label = by.label;
  if (!repo::transition(tx, by.org, a.id, c, env.clock.now())) {
    return stale_error();
  }
  json::object data{{"status", status_change(from, m.to)}};
  if (*m.text_field) {
    data[m.text_field] = m.text;
  }
  add_context(data, std::move(context));
  record(tx, env, by, "action", a.id.str(), m.action, std::move(data));
  return {};
}

Status move(const Env& env, const Caller& by, ActionId id, const Move& m) {
  if (auto r = require_role(by, m.roles); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    Access access;
    auto row = load_for_change(tx, by, id, access);
    if (!row) {
      return row.error();
    }
    return apply_move(tx, env, by, row->action, m, access.owner, {});
  });
}

Status check_move_text(const char* field, const std::string& text, std::size_t max) {
  Validation v;
  check_text(v, field, text, max, true, false);
  if (!v.ok()) {
    return v.error();
  }
  return {};
}

// The list's selection for `by`: members who are not readers see only their own actions.
struct Selection {
  repo::Filter filter;
  bool empty = false;  // nothing can match (mine without a person, another owner's)
  std::int64_t day = 0;
  Settings settings;
};

Status check_query(const ListQuery& q) {
  Validation v;
  if (q.limit < 1 || q.limit > kMaxLimit) {
    v.add("limit", "must be between 1 and " + std::to_string(kMaxLimit));
  }
  if (q.offset < 0) {
    v.add("offset", "must not be negative");
  }
  check_text(v, "q", q.search, 200, false, true);
  if (!v.ok()) {
    return v.error();
  }
  return {};
}

Selection select(Transaction& tx, const Caller& by, const ListQuery& q, std::int64_t day) {
  Selection s;
  s.day = day;
  s.settings = load_settings(tx, by.org);
  repo::Filter& f = s.filter;
  f.owner = q.owner;
  f.source = q.source;
  f.state = q.state;
  f.meeting_id = q.meeting_id;
  f.search = std::string(core::trim(q.search));
  f.sort = q.sort;
  f.descending = q.descending;
  f.limit = q.limit;
  f.offset = q.offset;
  if (q.view == View::mine || !by.has_role(kReaders)) {
    auto me = people::repo::person_of_user(tx, by.org, by.user);
    if (!me || (q.owner && *q.owner != *me)) {
      s.empty = true;
    }
    f.owner = me;
  }
  switch (q.view) {
    case View::all:
    case View::mine:
      break;
    case View::open:
      f.open_only = true;
      break;
    case View::overdue:
      f.open_only = true;
      f.due_before = day;
      break;
    case View::escalated:
      f.open_only = true;
      f.due_before = escalated_before(day, s.settings);
      break;
  }
  return s;
}

std::vector<ActionRow> decorated(std::vector<ActionRow> rows, std::int64_t day, const Settings& s) {
  for (auto& r : rows) {
    decorate(r, day, s);
  }
  return rows;
}

// Validates and inserts an action with its "create" entry; the caller authorized `by`.
Result<ActionId> insert_action(Transaction& tx, const Env& env, const Caller& by, NewAction a) {
  normalise(a.fields);
  a.source_ref = std::string(core::trim(a.source_ref));
  Validation v;
  validate(a.fields, v);
  check_text(v, "source_ref", a.source_ref, 200, false, true);
  const bool meeting_source =
      a.source == Source::meeting_decision || a.source == Source::management_review;
  if (meeting_source) {
    if (!a.meeting_id) {
      v.add("meeting_id", "is required for an action from a meeting");
    } else if (!repo::meeting_exists(tx, by.org, *a.meeting_id)) {
      v.add("meeting_id", "is not a meeting of this organization");
    }
    if (a.decision_id) {
      auto m = repo::meeting_of_decision(tx, by.org, *a.decision_id);
      if (!m) {
        v.add("decision_id", "is not a decision of this organization");
      } else if (a.meeting_id && *m != *a.meeting_id) {
        v.add("decision_id", "is a decision of another meeting");
      }
    }
  } else if (a.meeting_id || a.decision_id) {
    v.add("source", "only actions from meetings refer to a meeting or a decision");
  }
  check_owner(tx, by.org, a.fields.owner, std::nullopt, v);
  if (!v.ok()) {
    return v.error();
  }
  if (meeting_source && a.source_ref.empty()) {
    a.source_ref = a.decision_id ? "decision:" + std::to_string(*a.decision_id)
                                 : "meeting:" + std::to_string(*a.meeting_id);
  }
  const Timestamp now = env.clock.now();
  ActionId id = repo::insert(
      tx, by.org,
      repo::Insert{a.source, a.source_ref, a.meeting_id, a.decision_id, a.fields, by.label}, now);
  json::object data = fields_json(a.fields);
  data["source"] = source_name(a.source);
  data["source_ref"] = a.source_ref;
  data["meeting_id"] = opt_json(a.meeting_id);
  data["decision_id"] = opt_json(a.decision_id);
  record(tx, env, by, "action", id.str(), "create", std::move(data));
  return id;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// A cancel or reopen reason: trimmed, required, plain text of at most 2,000 characters.
Status check_reason(std::string& reason) {
  reason = std::string(core::trim(reason));
  return check_move_text("reason", reason, 2000);
}

Move cancel_move(std::string reason) {
  return Move{State::cancelled, kEditors, std::move(reason), "reason", "cancel"};
}

// What an edit changes, as {field: {from, to}}; empty when nothing does.
json::object field_changes(const Action& a, const ActionFields& f) {
  json::object before = fields_json(fields_of(a)), after = fields_json(f), changes;
  for (auto& kv : after) {
    if (before.at(kv.key()) != kv.value()) {
      changes[kv.key()] = json::object{{"from", before.at(kv.key())}, {"to", kv.value()}};
    }
  }
  return changes;
}

// Writes a validated edit of `a` (loaded in `tx`) and its ledger entry "update": refused when
// the action is closed or `expected_row_version` is not current, and for an owner who is not a
// person of the organization (or has left it and is new to this action).
Status apply_update(Transaction& tx, const Env& env, const Caller& by, const Action& a,
                    const ActionFields& f, std::int64_t expected_row_version,
                    json::object context) {
  if (!is_open(a.status)) {
    return fail(Errc::conflict, "This action is " + core::ascii_lower(state_label(a.status)) +
                                    ": reopen it first.");
  }
  if (a.row_version != expected_row_version) {
    return stale_error();
  }
  Validation refs;
  check_owner(tx, by.org, f.owner, a.owner, refs);
  if (!refs.ok()) {
    return refs.error();
  }
  json::object changes = field_changes(a, f);
  if (changes.empty()) {
    return {};
  }
  if (!repo::update_fields(tx, by.org, a.id, f, expected_row_version, env.clock.now())) {
    return stale_error();
  }
  json::object data{{"changes", std::move(changes)}};
  add_context(data, std::move(context));
  record(tx, env, by, "action", a.id.str(), "update", std::move(data));
  return {};
}

Status check_fields(ActionFields& f) {
  normalise(f);
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  return {};
}

}  // namespace

std::string_view view_name(View v) {
  switch (v) {
    case View::all:
      return "all";
    case View::mine:
      return "mine";
    case View::open:
      return "open";
    case View::overdue:
      return "overdue";
    case View::escalated:
      return "escalated";
  }
  return "";
}

std::optional<View> parse_view(std::string_view s) {
  const std::string l = core::ascii_lower(core::trim(s));
  for (View v : {View::all, View::mine, View::open, View::overdue, View::escalated}) {
    if (view_name(v) == l) {
      return v;
    }
  }
  return std::nullopt;
}

std::optional<Sort> parse_sort(std::string_view s) {
  const std::string l = core::ascii_lower(core::trim(s));
  if (l == "due") {
    return Sort::due;
  }
  if (l == "status") {
    return Sort::status;
  }
  if (l == "owner") {
    return Sort::owner;
  }
  if (l == "source") {
    return Sort::source;
  }
  if (l == "created") {
    return Sort::created;
  }
  if (l == "title") {
    return Sort::title;
  }
  return std::nullopt;
}

Result<ActionPage> list(const Env& env, const Caller& by, const ListQuery& q) {
  if (auto r = require_role(by, kAnyone); !r) {
    return r.error();
  }
  if (auto r = check_query(q); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](Transaction& tx) -> Result<ActionPage> {
    Selection s = select(tx, by, q, day);
    ActionPage page;
    if (s.empty) {
      return page;
    }
    page.rows = decorated(repo::list(tx, by.org, s.filter), day, s.settings);
    page.total = repo::count(tx, by.org, s.filter);
    return page;
  });
}

Result<std::string> export_csv(const Env& env, const Caller& by, const ListQuery& q) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  ListQuery all = q;
  all.limit = 1;
  all.offset = 0;
  if (auto r = check_query(all); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](Transaction& tx) -> Result<std::string> {
    Selection s = select(tx, by, all, day);
    s.filter.limit = 0;  // the whole selection
    std::string out =
        core::csv_line({"id", "title", "source", "source reference", "meeting", "owner", "due on",
                        "status", "days overdue", "escalated", "carried over", "closed at",
                        "closed by", "cancel reason", "completion evidence"});
    if (s.empty) {
      return out;
    }
    for (const auto& r : decorated(repo::list(tx, by.org, s.filter), day, s.settings)) {
      const Action& a = r.action;
      std::string meeting = r.meeting_title;
      if (r.meeting_at) {
        meeting += " (" + core::format_date(core::days_since_epoch(*r.meeting_at)) + ")";
      }
      out += core::csv_line({a.id.str(), a.title, std::string(source_label(a.source)), a.source_ref,
                             meeting, r.owner_name, a.due_on ? core::format_date(*a.due_on) : "",
                             std::string(state_label(a.status)), std::to_string(r.days_overdue),
                             yes_no(r.escalated), std::to_string(r.carried_over),
                             a.closed_at ? core::format_timestamp(*a.closed_at) : "",
                             a.closed_by_label, a.cancel_reason, a.completion_evidence});
    }
    return out;
  });
}

Result<std::vector<GroupCount>> summary(const Env& env, const Caller& by, GroupBy g) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](Transaction& tx) -> Result<std::vector<GroupCount>> {
    const Settings s = load_settings(tx, by.org);
    auto groups = repo::summary(tx, by.org, g, day, escalated_before(day, s));
    if (g == GroupBy::owner) {
      // By name; actions without an owner last.
      std::sort(groups.begin(), groups.end(), [](const GroupCount& a, const GroupCount& b) {
        if (a.key.empty() != b.key.empty()) {
          return b.key.empty();
        }
        const auto la = core::ascii_lower(a.label), lb = core::ascii_lower(b.label);
        return la != lb ? la < lb : a.key < b.key;
      });
    } else {
      auto rank = [](const GroupCount& c) {
        auto source = parse_source(c.key);
        return source ? static_cast<int>(*source) : 100;
      };
      std::sort(groups.begin(), groups.end(),
                [&](const GroupCount& a, const GroupCount& b) { return rank(a) < rank(b); });
    }
    return groups;
  });
}

Result<ActionView> view(const Env& env, const Caller& by, ActionId id) {
  if (auto r = require_role(by, kAnyone); !r) {
    return r.error();
  }
  const auto day = today(env);
  return env.db.read([&](Transaction& tx) -> Result<ActionView> {
    auto row = repo::find(tx, by.org, id);
    if (!row) {
      return not_found_action();
    }
    const Access access = access_to(tx, by, row->action);
    if (!access.reader && !access.owner) {
      // A member sees only their own actions; another's is not theirs to know about.
      return not_found_action();
    }
    const Settings s = load_settings(tx, by.org);
    ActionView out;
    out.row = std::move(*row);
    decorate(out.row, day, s);
    out.notes = repo::notes(tx, by.org, id);
    out.carryovers = repo::carryovers(tx, by.org, id);
    ledger::Filter f;
    f.entity_type = "action";
    f.entity_id = id.str();
    f.limit = 100;
    out.history = ledger::list(tx, by.org, f);
    const State st = out.row.action.status;
    const bool actor = access.editor || access.owner;
    out.can_edit = access.editor && is_open(st);
    out.can_progress = actor;
    if (actor) {
      if (!can_transition(st, State::done)) {
        out.complete_refusal = transition_refusal(st, State::done);
      } else if (access.owner && s.independent_closure) {
        out.complete_refusal = "closed by someone other than the owner";
      } else {
        out.can_complete = true;
      }
    }
    return out;
  });
}

Result<ActionId> create(const Env& env, const Caller& by, Source source, std::string source_ref,
                        ActionFields f) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (source == Source::meeting_decision || source == Source::management_review) {
    return Error::invalid("source", "actions from meetings are created by the meeting's decisions");
  }
  return env.db.write([&](Transaction& tx) -> Result<ActionId> {
    return insert_action(
        tx, env, by,
        NewAction{source, std::move(source_ref), std::nullopt, std::nullopt, std::move(f)});
  });
}

Status update(const Env& env, const Caller& by, ActionId id, ActionFields f,
              std::int64_t expected_row_version) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (auto r = check_fields(f); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    Access access;
    auto row = load_for_change(tx, by, id, access);
    if (!row) {
      return row.error();
    }
    return apply_update(tx, env, by, row->action, f, expected_row_version, {});
  });
}

Status start(const Env& env, const Caller& by, ActionId id) {
  return move(env, by, id, Move{State::in_progress, kMembers, "", "", "start"});
}

Status complete(const Env& env, const Caller& by, ActionId id, std::string evidence) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  evidence = std::string(core::trim(evidence));
  if (auto r = check_move_text("completion_evidence", evidence, 10000); !r) {
    return r.error();
  }
  return move(env, by, id,
              Move{State::done, kMembers, std::move(evidence), "completion_evidence", "complete"});
}

Status cancel(const Env& env, const Caller& by, ActionId id, std::string reason) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (auto r = check_reason(reason); !r) {
    return r.error();
  }
  return move(env, by, id, cancel_move(std::move(reason)));
}

Status reopen(const Env& env, const Caller& by, ActionId id, std::string reason) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (auto r = check_reason(reason); !r) {
    return r.error();
  }
  return move(env, by, id, Move{State::open, kEditors, std::move(reason), "reason", "reopen"});
}

Result<std::int64_t> add_note(const Env& env, const Caller& by, ActionId id, std::string body) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  body = std::string(core::trim(body));
  if (auto r = check_move_text("body", body, 10000); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<std::int64_t> {
    Access access;
    auto row = load_for_change(tx, by, id, access);
    if (!row) {
      return row.error();
    }
    const std::int64_t note =
        repo::insert_note(tx, by.org, id, body, by.user, by.label, env.clock.now());
    record(tx, env, by, "action", id.str(), "note", {{"note_id", note}, {"body", body}});
    return note;
  });
}

Result<Settings> settings(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kAnyone); !r) {
    return r.error();
  }
  return env.db.read(
      [&](Transaction& tx) -> Result<Settings> { return load_settings(tx, by.org); });
}

Status set_settings(const Env& env, const Caller& by, const Settings& s) {
  if (auto r = require_role(by, kSettingsAdmins); !r) {
    return r.error();
  }
  Validation v;
  validate(s, v);
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    const Settings before = load_settings(tx, by.org);
    json::object changes;
    if (before.independent_closure != s.independent_closure) {
      changes["independent_closure"] =
          json::object{{"from", before.independent_closure}, {"to", s.independent_closure}};
    }
    if (before.escalate_after_days != s.escalate_after_days) {
      changes["escalate_after_days"] =
          json::object{{"from", before.escalate_after_days}, {"to", s.escalate_after_days}};
    }
    if (changes.empty()) {
      return {};
    }
    repo::upsert_settings(tx, by.org, s, env.clock.now());
    record(tx, env, by, "action_settings", "org", "set", {{"changes", std::move(changes)}});
    return {};
  });
}

// --- for other areas ---

Result<ActionId> create_in(Transaction& tx, const Env& env, const Caller& by, NewAction a) {
  return insert_action(tx, env, by, std::move(a));
}

std::optional<Action> find_in(Transaction& tx, OrgId org, ActionId id) {
  auto row = repo::find(tx, org, id);
  if (!row) {
    return std::nullopt;
  }
  return std::move(row->action);
}

Status update_in(Transaction& tx, const Env& env, const Caller& by, ActionId id, ActionFields f,
                 json::object context) {
  if (auto r = check_fields(f); !r) {
    return r.error();
  }
  auto a = find_in(tx, by.org, id);
  if (!a) {
    return not_found_action();
  }
  if (field_changes(*a, f).empty()) {
    return {};  // already in step: nothing to refuse, nothing to record
  }
  return apply_update(tx, env, by, *a, f, a->row_version, std::move(context));
}

Status cancel_in(Transaction& tx, const Env& env, const Caller& by, ActionId id, std::string reason,
                 json::object context) {
  if (auto r = check_reason(reason); !r) {
    return r.error();
  }
  auto a = find_in(tx, by.org, id);
  if (!a) {
    return not_found_action();
  }
  return apply_move(tx, env, by, *a, cancel_move(std::move(reason)), false, std::move(context));
}

void detach_decision_in(Transaction& tx, OrgId org, ActionId id) {
  repo::clear_decision(tx, org, id);
}

std::vector<ActionRow> review_actions(Transaction& tx, OrgId org, std::int64_t today,
                                      std::optional<core::Timestamp> closed_since,
                                      std::int64_t current_meeting) {
  const Settings s = load_settings(tx, org);
  auto rows = decorated(repo::review_rows(tx, org, closed_since, current_meeting), today, s);
  std::sort(rows.begin(), rows.end(), [](const ActionRow& x, const ActionRow& y) {
    const Action &a = x.action, &b = y.action;
    if (is_open(a.status) != is_open(b.status)) {
      return is_open(a.status);
    }
    if (is_open(a.status)) {
      if (x.days_overdue != y.days_overdue) {
        return x.days_overdue > y.days_overdue;
      }
      if (a.due_on.has_value() != b.due_on.has_value()) {
        return a.due_on.has_value();
      }
      if (a.due_on && *a.due_on != *b.due_on) {
        return *a.due_on < *b.due_on;
      }
      return a.id < b.id;
    }
    if (a.closed_at != b.closed_at) {
      return a.closed_at < b.closed_at;
    }
    return a.id < b.id;
  });
  return rows;
}

void record_carryovers(Transaction& tx, const Env& env, const Caller& by, std::int64_t meeting_id,
                       const std::vector<ActionRow>& open_actions) {
  for (const auto& r : open_actions) {
    if (!is_open(r.action.status)) {
      continue;
    }
    auto c = repo::insert_carryover(tx, by.org, r.action.id, meeting_id);
    if (!c.inserted) {
      continue;
    }
    record(tx, env, by, "action", r.action.id.str(), "carried_over",
           {{"meeting_id", meeting_id}, {"status_then", state_name(c.status_then)}});
  }
}

std::vector<Action> open_owned_by(Transaction& tx, OrgId org, PersonId person) {
  return repo::open_owned_by(tx, org, person);
}

ReviewActionStats review_action_stats(Transaction& tx, OrgId org, std::int64_t today) {
  const Settings s = load_settings(tx, org);
  ReviewActionStats out;
  for (auto& r : decorated(repo::all_review_rows(tx, org), today, s)) {
    const Action& a = r.action;
    if (a.due_on && a.status != State::cancelled &&
        (*a.due_on < today || a.status == State::done)) {
      ++out.due;
      if (a.done_on_time()) {
        ++out.done_on_time;
      }
    }
    if (is_open(a.status)) {
      ++out.open;
      if (r.days_overdue > 0) {
        ++out.overdue;
      }
    }
    if (r.carried_over >= 2) {
      out.carried_over_twice.push_back(std::move(r));
    }
  }
  std::stable_sort(out.carried_over_twice.begin(), out.carried_over_twice.end(),
                   [](const ActionRow& x, const ActionRow& y) {
                     if (is_open(x.action.status) != is_open(y.action.status)) {
                       return is_open(x.action.status);
                     }
                     if (x.carried_over != y.carried_over) {
                       return x.carried_over > y.carried_over;
                     }
                     return x.days_overdue > y.days_overdue;
                   });
  return out;
}

Settings settings_in(Transaction& tx, OrgId org) { return load_settings(tx, org); }

}  // namespace mandate::areas::actions
