// areas/meetings/service.cpp — meeting use cases (see service.hpp). The calendar tokens and feed
// are in calendar.cpp; the review inputs and indicators in review.cpp.
#include "areas/meetings/service.hpp"

#include <algorithm>

#include "areas/actions/service.hpp"
#include "areas/common/fields.hpp"
#include "areas/common/names.hpp"
#include "areas/meetings/repo.hpp"
#include "areas/meetings/review.hpp"
#include "areas/people/repo.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;
using store::Transaction;
namespace json = core::json;

constexpr std::int64_t kMaxAttachmentsPerMeeting = 100;
constexpr const char* kWithdrawn = "decision withdrawn before sign-off";

std::int64_t today(const Env& env) { return core::days_since_epoch(env.clock.now()); }
std::int64_t day_of(const Meeting& m) { return core::days_since_epoch(m.starts_at); }

Error not_found_meeting() { return fail(Errc::not_found, "No such meeting in this organization."); }
Error not_found_item() {
  return fail(Errc::not_found, "No such agenda item in this organization.");
}
Error not_found_decision() {
  return fail(Errc::not_found, "No such decision in this organization.");
}
Error not_found_attachment() {
  return fail(Errc::not_found, "No such attachment to this meeting.");
}

// Why a signed or cancelled meeting refuses a change.
Error frozen_error(const Meeting& m) {
  if (m.status == MeetingStatus::cancelled) {
    return fail(Errc::conflict, "\"" + m.title + "\" was cancelled: it can no longer change.");
  }
  return fail(Errc::conflict, "The minutes of \"" + m.title +
                                  "\" are signed; signed minutes are immutable: add an addendum.");
}

Result<Meeting> load(Transaction& tx, OrgId org, MeetingId id) {
  auto m = repo::find(tx, org, id);
  if (!m) {
    return not_found_meeting();
  }
  return *m;
}

// The meeting, only while it may still change.
Result<Meeting> load_planned(Transaction& tx, OrgId org, MeetingId id) {
  auto m = load(tx, org, id);
  if (m && m->frozen()) {
    return frozen_error(*m);
  }
  return m;
}

// An active person of the organization, or nullopt.
std::optional<repo::PersonRef> active_person(Transaction& tx, OrgId org, PersonId p) {
  auto found = repo::people_by_id(tx, org, {p});
  if (found.empty() || !found.front().active) {
    return std::nullopt;
  }
  return found.front();
}

json::value opt_json(std::optional<std::int64_t> v) {
  return v ? json::value(*v) : json::value(nullptr);
}
template <class I>
json::value opt_id(const std::optional<I>& v) {
  return v ? json::value(v->value) : json::value(nullptr);
}
json::value opt_date(std::optional<std::int64_t> d) {
  return d ? json::value(core::format_date(*d)) : json::value(nullptr);
}

std::string text_hash(std::string_view s) { return core::hex(core::sha256(s)); }

// The changed keys of two objects with the same keys: {"key": {"from": …, "to": …}}.
json::object changes_of(const json::object& before, const json::object& after) {
  json::object changes;
  for (const auto& kv : after) {
    const json::value* old = before.if_contains(kv.key());
    if (!old || *old != kv.value()) {
      changes[kv.key()] =
          json::object{{"from", old ? *old : json::value(nullptr)}, {"to", kv.value()}};
    }
  }
  return changes;
}

// The first steps of every edit: the caller's role (an editor), then the fields normalised and
// validated by the model (Errc::forbidden, Errc::invalid).
template <class Fields>
Status check_edit(const Caller& by, Fields& f) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  normalise(f);
  Validation v;
  validate(f, v);
  if (!v.ok()) {
    return v.error();
  }
  return {};
}

// --- meetings ---

json::object fields_json(const MeetingFields& f) {
  json::array invitees;
  std::vector<std::int64_t> ids;
  for (PersonId p : f.invitees) {
    ids.push_back(p.value);
  }
  std::sort(ids.begin(), ids.end());
  for (auto id : ids) {
    invitees.emplace_back(id);
  }
  return json::object{{"type", meeting_type_name(f.type)},
                      {"title", f.title},
                      {"starts_at", core::format_timestamp(f.starts_at)},
                      {"duration_minutes", f.duration_minutes},
                      {"place", f.place},
                      {"chair_id", opt_id(f.chair)},
                      {"invitees", std::move(invitees)}};
}

MeetingFields fields_of(const Meeting& m, const std::vector<Attendee>& attendees) {
  MeetingFields f{m.type, m.title, m.starts_at, m.duration_minutes, m.place, m.chair, {}};
  for (const auto& a : attendees) {
    f.invitees.push_back(a.person);
  }
  return f;
}

// Chair and invitees must be active people of the organization.
void validate_people(Transaction& tx, OrgId org, const MeetingFields& f, Validation& v) {
  auto found = repo::people_by_id(tx, org, f.invitees);
  auto active = [&](PersonId p) {
    return std::any_of(found.begin(), found.end(),
                       [&](const repo::PersonRef& r) { return r.id == p && r.active; });
  };
  if (f.chair && !active(*f.chair)) {
    v.add("chair_id", "is not an active person of this organization");
  }
  for (PersonId p : f.invitees) {
    if (!active(p) && !(f.chair && p == *f.chair)) {
      v.add("invitees", "#" + p.str() + " is not an active person of this organization");
      break;
    }
  }
}

// The topic of each review input besides information security (the agenda's tags).
Topic input_topic(ReviewInput i) {
  switch (i) {
    case ReviewInput::actions_status:
      return Topic::objectives;
    case ReviewInput::issues:
      return Topic::risk;
    case ReviewInput::interested_parties:
      return Topic::suppliers;
    case ReviewInput::performance:
      return Topic::audit;
    case ReviewInput::party_feedback:
      return Topic::suppliers;
    case ReviewInput::risk:
      return Topic::risk;
    case ReviewInput::improvement:
      return Topic::objectives;
  }
  return Topic::information_security;
}

// A management review's agenda: inputs a–g, then the outputs.
int generate_review_agenda(Transaction& tx, OrgId org, MeetingId id, Timestamp now) {
  int n = 0;
  for (ReviewInput i : kAllReviewInputs) {
    ItemFields f;
    f.title = std::string(1, review_input_letter(i)) + ". " + std::string(review_input_title(i));
    f.tags = {Topic::information_security, input_topic(i)};
    normalise(f);
    repo::insert_item(tx, org, id, f, i, now);
    ++n;
  }
  ItemFields out;
  out.title = "Outputs: decisions and actions";
  out.tags = {Topic::information_security};
  repo::insert_item(tx, org, id, out, std::nullopt, now);
  return n + 1;
}

std::optional<MeetingId> previous_review_for(Transaction& tx, OrgId org, Timestamp starts_at,
                                             std::optional<MeetingId> self) {
  auto prev = repo::latest_signed_review_before(tx, org, starts_at, self);
  return prev ? std::optional(prev->id) : std::nullopt;
}

// Why sign-off is not possible yet (see MeetingView::signoff_blockers).
std::vector<std::string> blockers_of(const Meeting& m, const std::vector<Attendee>& attendees,
                                     const std::vector<AgendaItem>& items, Timestamp now) {
  std::vector<std::string> out;
  if (m.frozen()) {
    return out;
  }
  if (m.starts_at > now) {
    out.emplace_back("the meeting has not taken place");
  }
  if (!m.chair) {
    out.emplace_back("no chair named");
  }
  std::string unrecorded;
  for (const auto& a : attendees) {
    if (a.attendance == Attendance::invited) {
      unrecorded += (unrecorded.empty() ? "" : ", ") + a.name;
    }
  }
  if (!unrecorded.empty()) {
    out.push_back("attendance not recorded for: " + unrecorded);
  }
  if (m.chair) {
    auto chair = std::find_if(attendees.begin(), attendees.end(),
                              [&](const Attendee& a) { return a.person == *m.chair; });
    if (chair != attendees.end() && chair->attendance != Attendance::invited &&
        chair->attendance != Attendance::present) {
      out.emplace_back("the chair is not recorded as present");
    }
  }
  if (std::none_of(items.begin(), items.end(),
                   [](const AgendaItem& i) { return !i.minutes.empty(); })) {
    out.emplace_back("no minutes recorded");
  }
  return out;
}

// --- items ---

json::array tags_json(const std::vector<Topic>& tags) {
  json::array a;
  for (Topic t : tags) {
    a.emplace_back(topic_name(t));
  }
  return a;
}

// Ledger form of an item's fields: long texts by their hash.
json::object item_json(const ItemFields& f) {
  return json::object{{"title", f.title},
                      {"tags", tags_json(f.tags)},
                      {"minutes_sha256", f.minutes.empty() ? "" : text_hash(f.minutes)},
                      {"presenter", f.presenter},
                      {"material_sha256", f.material.empty() ? "" : text_hash(f.material)}};
}

ItemFields item_fields_of(const AgendaItem& i) {
  return ItemFields{i.title, i.tags, i.minutes, i.presenter, i.material};
}

Result<std::pair<AgendaItem, Meeting>> load_item_planned(Transaction& tx, OrgId org, ItemId id) {
  auto item = repo::find_item(tx, org, id);
  if (!item) {
    return not_found_item();
  }
  auto m = load_planned(tx, org, item->meeting);
  if (!m) {
    return m.error();
  }
  return std::pair{*item, *m};
}

// --- decisions ---

json::object decision_json(const DecisionFields& f) {
  return json::object{{"text", f.text},
                      {"type", decision_type_name(f.type)},
                      {"item_id", opt_id(f.item)},
                      {"owner_id", opt_id(f.owner)},
                      {"due_on", opt_date(f.due_on)}};
}

DecisionFields decision_fields_of(const Decision& d) {
  return DecisionFields{d.text, d.type, d.item, d.owner, d.due_on};
}

// Checks that refer to rows: the item is on this meeting's agenda, the owner is active.
void validate_decision_refs(Transaction& tx, OrgId org, MeetingId meeting, const DecisionFields& f,
                            Validation& v) {
  if (f.item) {
    auto item = repo::find_item(tx, org, *f.item);
    if (!item || item->meeting != meeting) {
      v.add("item_id", "is not an agenda item of this meeting");
    }
  }
  if (f.owner && !active_person(tx, org, *f.owner)) {
    v.add("owner_id", "is not an active person of this organization");
  }
}

// The action's title and description made from a decision's text: the first line (at most 300
// characters) as title; the whole text as description when the title does not hold all of it.
std::pair<std::string, std::string> action_text(const std::string& text) {
  std::string_view first = text;
  if (auto nl = first.find_first_of("\r\n"); nl != std::string_view::npos) {
    first = first.substr(0, nl);
  }
  std::string title(core::trim(first));
  if (core::utf8_length(title) > 300) {
    std::size_t bytes = 0, chars = 0;
    while (bytes < title.size() && chars < 299) {
      ++bytes;
      while (bytes < title.size() && (static_cast<unsigned char>(title[bytes]) & 0xC0) == 0x80) {
        ++bytes;
      }
      ++chars;
    }
    title = title.substr(0, bytes) + "…";
  }
  return {title, title == text ? std::string() : text};
}

Result<std::int64_t> create_action(Transaction& tx, const Env& env, const Caller& by,
                                   const Meeting& m, DecisionId d, const DecisionFields& f) {
  actions::NewAction a;
  a.source = m.is_review() ? actions::Source::management_review : actions::Source::meeting_decision;
  a.source_ref = "decision:" + d.str();
  a.meeting_id = m.id.value;
  a.decision_id = d.value;
  auto [title, description] = action_text(f.text);
  a.fields = actions::ActionFields{title, description, f.owner, f.due_on};
  auto id = actions::create_in(tx, env, by, std::move(a));
  if (!id) {
    return id.error();
  }
  repo::set_decision_action(tx, by.org, d, id->value);
  return id->value;
}

// The action made from a decision, when there is one.
std::optional<actions::Action> decision_action(Transaction& tx, OrgId org, const Decision& d) {
  if (!d.action_id) {
    return std::nullopt;
  }
  return actions::find_in(tx, org, actions::ActionId{*d.action_id});
}

// An error from keeping a decision's action in step, said in terms of the decision: a closed
// action blocks the change (`what`: what the user should do about it).
Error in_step_error(Error e, const actions::Action& a, std::string_view what) {
  if (e.code != Errc::conflict) {
    return e;
  }
  return fail(Errc::conflict, "The action made from this decision is " +
                                  core::ascii_lower(actions::state_label(a.status)) + ": " +
                                  std::string(what) + ".");
}

// --- sign-off ---

struct Signable {
  Meeting meeting;
  std::vector<Attendee> attendees;
  std::vector<AgendaItem> items;
};

// The checks of sign(), before the password and again inside the write.
Result<Signable> check_signable(Transaction& tx, const Env& env, const Caller& by, MeetingId id) {
  auto m = load_planned(tx, by.org, id);
  if (!m) {
    return m.error();
  }
  if (m->chair && people::repo::person_of_user(tx, by.org, by.user) != m->chair) {
    return fail(Errc::forbidden, "Only the chair, " + person_name(tx, by.org, m->chair) +
                                     ", can sign these minutes.");
  }
  Signable s{*m, repo::attendees(tx, by.org, id, day_of(*m)), repo::items(tx, by.org, id)};
  auto blockers = blockers_of(s.meeting, s.attendees, s.items, env.clock.now());
  if (!blockers.empty()) {
    std::string msg = "The minutes cannot be signed yet: ";
    for (std::size_t i = 0; i < blockers.size(); ++i) {
      msg += (i ? "; " : "") + blockers[i];
    }
    return fail(Errc::conflict, msg + ".");
  }
  return s;
}

// The canonical JSON of what the chair signs: the meeting, attendees, agenda with minutes and a
// review's frozen inputs, decisions with their actions, and the attachments by hash.
std::string frozen_content(Transaction& tx, OrgId org, const Meeting& m,
                           const std::vector<Attendee>& attendees) {
  json::object meeting{{"id", m.id.value},
                       {"type", meeting_type_name(m.type)},
                       {"title", m.title},
                       {"starts_at", core::format_timestamp(m.starts_at)},
                       {"duration_minutes", m.duration_minutes},
                       {"place", m.place},
                       {"chair_id", opt_id(m.chair)},
                       {"chair_name", person_name(tx, org, m.chair)},
                       {"previous_review_id", opt_id(m.previous_review)}};
  json::array people;
  for (const auto& a : attendees) {
    people.push_back(json::object{{"person_id", a.person.value},
                                  {"name", a.name},
                                  {"department", a.department},
                                  {"attendance", attendance_name(a.attendance)},
                                  {"top_management", a.top_management}});
  }
  json::array items;
  for (const auto& i : repo::items(tx, org, m.id)) {
    json::value snapshot = nullptr;
    if (!i.snapshot.empty()) {
      auto parsed = core::parse_json(i.snapshot);
      snapshot = parsed ? *parsed : json::value(i.snapshot);
    }
    items.push_back(json::object{
        {"id", i.id.value},
        {"position", i.position},
        {"title", i.title},
        {"tags", tags_json(i.tags)},
        {"minutes", i.minutes},
        {"review_input", i.review_input
                             ? json::value(std::string(1, review_input_letter(*i.review_input)))
                             : json::value(nullptr)},
        {"presenter", i.presenter},
        {"material", i.material},
        {"snapshot", std::move(snapshot)}});
  }
  json::array decisions;
  for (const auto& d : repo::decisions(tx, org, m.id)) {
    json::object o = decision_json(decision_fields_of(d));
    o["id"] = d.id.value;
    o["owner_name"] = person_name(tx, org, d.owner);
    o["action"] = nullptr;
    if (auto a = decision_action(tx, org, d)) {
      o["action"] = json::object{{"id", a->id.value},
                                 {"title", a->title},
                                 {"owner_id", opt_id(a->owner)},
                                 {"due_on", opt_date(a->due_on)},
                                 {"status", actions::state_name(a->status)}};
    }
    decisions.push_back(std::move(o));
  }
  json::array files;
  for (const auto& a : repo::attachments(tx, org, m.id)) {
    files.push_back(json::object{{"id", a.id.value},
                                 {"item_id", opt_id(a.item)},
                                 {"file_name", a.file_name},
                                 {"media_type", a.media_type},
                                 {"size", a.size},
                                 {"sha256", a.sha256},
                                 {"received_at", core::format_timestamp(a.received_at)},
                                 {"effective_on", core::format_date(a.effective_on)}});
  }
  return core::canonical_json(json::object{{"meeting", std::move(meeting)},
                                           {"attendees", std::move(people)},
                                           {"items", std::move(items)},
                                           {"decisions", std::move(decisions)},
                                           {"attachments", std::move(files)}});
}

// A management review at sign-off: the previous review as of now, each generated item's input
// frozen as its snapshot, and its open actions from earlier reviews recorded as carried over.
void freeze_review(Transaction& tx, const Env& env, const Caller& by, Meeting& m) {
  auto found = review_context(tx, by.org, m.id, env.clock.now());
  MANDATE_ASSERT(found.has_value(), "a management review has a review context");
  const ProviderContext& ctx = *found;
  if (ctx.previous_review != m.previous_review) {
    repo::set_previous_review(tx, by.org, m.id, ctx.previous_review);
    m.previous_review = ctx.previous_review;
  }
  auto inputs = compute_inputs(tx, ctx);
  for (const auto& item : repo::items(tx, by.org, m.id)) {
    if (!item.review_input) {
      continue;
    }
    auto in = std::find_if(inputs.begin(), inputs.end(),
                           [&](const InputData& d) { return d.input == *item.review_input; });
    InputData data = in != inputs.end() ? *in : InputData{*item.review_input, {}};
    repo::set_snapshot(tx, by.org, item.id, to_json(data));
  }
  std::vector<actions::ActionRow> open;
  for (auto& row : actions::review_actions(tx, by.org, ctx.today, ctx.since, m.id.value)) {
    if (actions::is_open(row.action.status)) {
      open.push_back(std::move(row));
    }
  }
  if (!open.empty()) {
    actions::record_carryovers(tx, env, by, m.id.value, open);
  }
}

std::string signer_meaning(const Meeting& m) {
  return m.is_review() ? "Management review signed off by the chair"
                       : "Minutes approved by the chair";
}

}  // namespace

// --- register ---

Result<std::vector<MeetingRow>> list(const Env& env, const Caller& by, const ListQuery& q) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  if (q.limit < 1 || q.limit > 5000) {
    return Error::invalid("limit", "must be between 1 and 5000");
  }
  if (!core::is_plain_text(q.search, 200)) {
    return Error::invalid("search", "must be plain text of at most 200 characters");
  }
  repo::MeetingQuery rq{q.type,       q.status, q.from, q.to, std::string(core::trim(q.search)),
                        q.descending, q.limit};
  return env.db.read([&](Transaction& tx) {
    std::vector<MeetingRow> out;
    for (auto& s : repo::meetings(tx, by.org, rq)) {
      out.push_back(MeetingRow{std::move(s.meeting), std::move(s.chair_name), s.items, s.decisions,
                               s.present, s.top_management_present, s.security_on_agenda});
    }
    return out;
  });
}

Result<MeetingView> view(const Env& env, const Caller& by, MeetingId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) -> Result<MeetingView> {
    auto m = load(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    MeetingView out;
    out.meeting = *m;
    out.chair_name = person_name(tx, by.org, m->chair);
    out.attendees = repo::attendees(tx, by.org, id, day_of(*m));
    out.items = repo::items(tx, by.org, id);
    for (auto& d : repo::decisions(tx, by.org, id)) {
      DecisionRow row;
      row.owner_name = person_name(tx, by.org, d.owner);
      if (auto a = decision_action(tx, by.org, d)) {
        row.action_status = a->status;
        row.action_due_on = a->due_on;
      }
      row.decision = std::move(d);
      out.decisions.push_back(std::move(row));
    }
    out.attachments = repo::attachments(tx, by.org, id);
    out.addenda = repo::addenda(tx, by.org, id);
    ledger::Filter f;
    f.entity_type = "meeting";
    f.entity_id = id.str();
    f.limit = 100;
    out.history = ledger::list(tx, by.org, f);
    out.held = m->starts_at <= now;
    out.signoff_blockers = blockers_of(*m, out.attendees, out.items, now);
    return out;
  });
}

Result<MeetingId> create(const Env& env, const Caller& by, MeetingFields f) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<MeetingId> {
    Validation refs;
    validate_people(tx, by.org, f, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    const Timestamp now = env.clock.now();
    std::optional<MeetingId> previous;
    if (f.type == MeetingType::management_review) {
      previous = previous_review_for(tx, by.org, f.starts_at, std::nullopt);
    }
    MeetingId id = repo::insert(tx, by.org, f, previous, by.label, now);
    json::object data = fields_json(f);
    if (f.type == MeetingType::management_review) {
      data["generated_items"] = generate_review_agenda(tx, by.org, id, now);
      data["previous_review_id"] = opt_id(previous);
    }
    record(tx, env, by, "meeting", id.str(), "create", std::move(data));
    return id;
  });
}

Status update(const Env& env, const Caller& by, MeetingId id, MeetingFields f,
              std::int64_t expected_row_version) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  const std::string stale =
      "Someone changed this meeting since you opened it; reload and try again.";
  return env.db.write([&](Transaction& tx) -> Status {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    if (f.type != m->type) {
      return Error::invalid("type", "cannot change once the meeting is created (it is a " +
                                        core::ascii_lower(meeting_type_label(m->type)) + ")");
    }
    if (m->row_version != expected_row_version) {
      return fail(Errc::stale, stale);
    }
    Validation refs;
    validate_people(tx, by.org, f, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    auto before = fields_json(fields_of(*m, repo::attendees(tx, by.org, id, day_of(*m))));
    auto changes = changes_of(before, fields_json(f));
    if (changes.empty()) {
      return {};
    }
    const Timestamp now = env.clock.now();
    if (!repo::update(tx, by.org, id, f, expected_row_version, now)) {
      return fail(Errc::stale, stale);
    }
    if (m->is_review() && f.starts_at != m->starts_at) {
      repo::set_previous_review(tx, by.org, id, previous_review_for(tx, by.org, f.starts_at, id));
    }
    record(tx, env, by, "meeting", id.str(), "update", {{"changes", std::move(changes)}});
    return {};
  });
}

Status cancel(const Env& env, const Caller& by, MeetingId id, std::string reason) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (auto r = check_note(reason, "reason", "why is the meeting cancelled?"); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    if (!repo::cancel(tx, by.org, id, reason, env.clock.now())) {
      return frozen_error(*m);
    }
    record(tx, env, by, "meeting", id.str(), "cancel", {{"reason", reason}});
    return {};
  });
}

Status set_attendance(const Env& env, const Caller& by, MeetingId id, PersonId person,
                      Attendance a) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  if (!parse_attendance(attendance_name(a))) {
    return Error::invalid("attendance", "must be invited, present, excused or absent");
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    auto attendees = repo::attendees(tx, by.org, id, day_of(*m));
    auto current = std::find_if(attendees.begin(), attendees.end(),
                                [&](const Attendee& x) { return x.person == person; });
    std::string name;
    if (current == attendees.end()) {
      auto p = active_person(tx, by.org, person);
      if (!p) {
        return Error::invalid("person_id", "is not an active person of this organization");
      }
      name = p->name;
    } else {
      if (current->attendance == a) {
        return {};
      }
      name = current->name;
    }
    repo::upsert_attendance(tx, by.org, id, person, a);
    repo::touch(tx, by.org, id, env.clock.now());
    record(
        tx, env, by, "meeting", id.str(), "attendance",
        {{"person_id", person.value},
         {"name", name},
         {"from", current == attendees.end() ? json::value(nullptr)
                                             : json::value(attendance_name(current->attendance))},
         {"to", attendance_name(a)}});
    return {};
  });
}

// --- agenda ---

Result<ItemId> add_item(const Env& env, const Caller& by, MeetingId id, ItemFields f) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<ItemId> {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    const Timestamp now = env.clock.now();
    ItemId item = repo::insert_item(tx, by.org, id, f, std::nullopt, now);
    repo::touch(tx, by.org, id, now);
    json::object data = item_json(f);
    data["item_id"] = item.value;
    record(tx, env, by, "meeting", id.str(), "item_add", std::move(data));
    return item;
  });
}

Status update_item(const Env& env, const Caller& by, ItemId item, ItemFields f,
                   std::int64_t expected_row_version) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  const std::string stale =
      "Someone changed this agenda item since you opened it; reload and try again.";
  return env.db.write([&](Transaction& tx) -> Status {
    auto found = load_item_planned(tx, by.org, item);
    if (!found) {
      return found.error();
    }
    const auto& [current, m] = *found;
    if (current.review_input && f.title != current.title) {
      return Error::invalid("title",
                            "a generated review input keeps its title (\"" + current.title + "\")");
    }
    if (current.row_version != expected_row_version) {
      return fail(Errc::stale, stale);
    }
    auto changes = changes_of(item_json(item_fields_of(current)), item_json(f));
    if (changes.empty()) {
      return {};
    }
    const Timestamp now = env.clock.now();
    if (!repo::update_item(tx, by.org, item, f, expected_row_version, now)) {
      return fail(Errc::stale, stale);
    }
    repo::touch(tx, by.org, m.id, now);
    record(tx, env, by, "meeting", m.id.str(), "item_update",
           {{"item_id", item.value}, {"changes", std::move(changes)}});
    return {};
  });
}

Status remove_item(const Env& env, const Caller& by, ItemId item) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto found = load_item_planned(tx, by.org, item);
    if (!found) {
      return found.error();
    }
    const auto& [current, m] = *found;
    if (current.review_input) {
      return fail(Errc::conflict, "\"" + current.title +
                                      "\" is an input the management review must consider: it "
                                      "cannot be removed.");
    }
    repo::delete_item(tx, by.org, item);
    repo::touch(tx, by.org, m.id, env.clock.now());
    record(tx, env, by, "meeting", m.id.str(), "item_remove",
           {{"item_id", item.value}, {"title", current.title}});
    return {};
  });
}

// --- decisions ---

Result<DecisionId> add_decision(const Env& env, const Caller& by, MeetingId id, DecisionFields f) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<DecisionId> {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    Validation refs;
    validate_decision_refs(tx, by.org, id, f, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    const Timestamp now = env.clock.now();
    DecisionId d = repo::insert_decision(tx, by.org, id, f, now);
    std::optional<std::int64_t> action;
    if (f.owner && f.due_on) {
      auto a = create_action(tx, env, by, *m, d, f);
      if (!a) {
        return a.error();
      }
      action = *a;
    }
    repo::touch(tx, by.org, id, now);
    json::object data = decision_json(f);
    data["decision_id"] = d.value;
    data["action_id"] = opt_json(action);
    record(tx, env, by, "meeting", id.str(), "decision_add", std::move(data));
    return d;
  });
}

Status update_decision(const Env& env, const Caller& by, DecisionId d, DecisionFields f,
                       std::int64_t expected_row_version) {
  if (auto r = check_edit(by, f); !r) {
    return r.error();
  }
  const std::string stale =
      "Someone changed this decision since you opened it; reload and try again.";
  return env.db.write([&](Transaction& tx) -> Status {
    auto current = repo::find_decision(tx, by.org, d);
    if (!current) {
      return not_found_decision();
    }
    auto m = load_planned(tx, by.org, current->meeting);
    if (!m) {
      return m.error();
    }
    if (current->row_version != expected_row_version) {
      return fail(Errc::stale, stale);
    }
    Validation refs;
    validate_decision_refs(tx, by.org, m->id, f, refs);
    if (!refs.ok()) {
      return refs.error();
    }
    auto changes = changes_of(decision_json(decision_fields_of(*current)), decision_json(f));
    if (changes.empty()) {
      return {};
    }
    const Timestamp now = env.clock.now();
    if (!repo::update_decision(tx, by.org, d, f, expected_row_version, now)) {
      return fail(Errc::stale, stale);
    }
    std::optional<std::int64_t> action = current->action_id;
    if (action) {
      // Keep the action in step with its decision while the minutes are open.
      if (auto a = decision_action(tx, by.org, *current)) {
        auto [title, description] = action_text(f.text);
        auto kept = actions::update_in(tx, env, by, a->id,
                                       actions::ActionFields{title, description, f.owner, f.due_on},
                                       {{"decision_id", d.value}, {"meeting_id", m->id.value}});
        if (!kept) {
          return in_step_error(kept.error(), *a, "reopen it before changing the decision");
        }
      }
    } else if (f.owner && f.due_on) {
      auto a = create_action(tx, env, by, *m, d, f);
      if (!a) {
        return a.error();
      }
      action = *a;
    }
    repo::touch(tx, by.org, m->id, now);
    record(tx, env, by, "meeting", m->id.str(), "decision_update",
           {{"decision_id", d.value},
            {"changes", std::move(changes)},
            {"action_id", opt_json(action)}});
    return {};
  });
}

Status remove_decision(const Env& env, const Caller& by, DecisionId d) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto current = repo::find_decision(tx, by.org, d);
    if (!current) {
      return not_found_decision();
    }
    auto m = load_planned(tx, by.org, current->meeting);
    if (!m) {
      return m.error();
    }
    const Timestamp now = env.clock.now();
    if (auto a = decision_action(tx, by.org, *current)) {
      auto cancelled = actions::cancel_in(tx, env, by, a->id, kWithdrawn,
                                          {{"decision_id", d.value}, {"meeting_id", m->id.value}});
      if (!cancelled) {
        return in_step_error(cancelled.error(), *a, "the decision can no longer be withdrawn");
      }
      actions::detach_decision_in(tx, by.org, a->id);
    }
    repo::delete_decision(tx, by.org, d);
    repo::touch(tx, by.org, m->id, now);
    record(tx, env, by, "meeting", m->id.str(), "decision_remove",
           {{"decision_id", d.value},
            {"text", current->text},
            {"action_id", opt_json(current->action_id)}});
    return {};
  });
}

// --- attachments ---

Result<AttachmentId> add_attachment(const Env& env, const Caller& by, MeetingId id,
                                    std::optional<ItemId> item, std::string_view file_name,
                                    std::string_view bytes, std::int64_t effective_on) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  Validation v;
  auto media_type = attachment_media_type(file_name, bytes);
  if (!media_type) {
    for (const auto& [field, msg] : media_type.error().fields) {
      v.add(field, msg);
    }
  }
  if (effective_on <= 0) {
    v.add("effective_on", "is required: the date the file's content is from");
  } else if (effective_on > today(env)) {
    v.add("effective_on", "must not be after today");
  }
  if (!v.ok()) {
    return v.error();
  }
  const std::string sha = core::hex(core::sha256(bytes));
  return env.db.write([&](Transaction& tx) -> Result<AttachmentId> {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    if (item) {
      auto i = repo::find_item(tx, by.org, *item);
      if (!i || i->meeting != id) {
        return Error::invalid("item_id", "is not an agenda item of this meeting");
      }
    }
    if (repo::count_attachments(tx, by.org, id) >= kMaxAttachmentsPerMeeting) {
      return fail(Errc::conflict, "A meeting holds at most " +
                                      std::to_string(kMaxAttachmentsPerMeeting) +
                                      " attachments: remove one first.");
    }
    const Timestamp now = env.clock.now();
    const bool stored = repo::insert_blob(tx, by.org, sha, bytes, now);
    Attachment a;
    a.meeting = id;
    a.item = item;
    a.sha256 = sha;
    a.file_name = safe_file_name(file_name);
    a.media_type = *media_type;
    a.size = static_cast<std::int64_t>(bytes.size());
    a.received_at = now;
    a.effective_on = effective_on;
    a.uploaded_by_label = by.label;
    a.id = repo::insert_attachment(tx, by.org, a, by.user);
    repo::touch(tx, by.org, id, now);
    record(tx, env, by, "meeting", id.str(), "attachment_add",
           {{"attachment_id", a.id.value},
            {"item_id", opt_id(a.item)},
            {"file_name", a.file_name},
            {"media_type", a.media_type},
            {"size", a.size},
            {"sha256", sha},
            {"effective_on", core::format_date(effective_on)},
            {"new_blob", stored}});
    return a.id;
  });
}

Result<Download> download(const Env& env, const Caller& by, MeetingId id, AttachmentId a) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) -> Result<Download> {
    if (!repo::find(tx, by.org, id)) {
      return not_found_meeting();
    }
    auto att = repo::find_attachment(tx, by.org, id, a);
    if (!att) {
      return not_found_attachment();
    }
    auto bytes = repo::blob(tx, by.org, att->sha256);
    if (!bytes) {
      return not_found_attachment();
    }
    return Download{*att, std::move(*bytes)};
  });
}

Status remove_attachment(const Env& env, const Caller& by, MeetingId id, AttachmentId a) {
  if (auto r = require_role(by, kEditors); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto m = load_planned(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    auto att = repo::find_attachment(tx, by.org, id, a);
    if (!att) {
      return not_found_attachment();
    }
    repo::delete_attachment(tx, by.org, a);
    repo::touch(tx, by.org, id, env.clock.now());
    record(tx, env, by, "meeting", id.str(), "attachment_remove",
           {{"attachment_id", a.value}, {"file_name", att->file_name}, {"sha256", att->sha256}});
    return {};
  });
}

// --- sign-off and addenda ---

Status sign(const Env& env, const Caller& by, MeetingId id, const SignatureAuth& auth) {
  if (auto r = require_role(by, kSigners); !r) {
    return fail(Errc::forbidden, "Only the chair, as top management, can sign the minutes.");
  }
  if (auto r = check_signer(by, auth, "Signing the minutes"); !r) {
    return r.error();
  }
  // Refuse what cannot be signed before asking for the password; check again after it.
  if (auto pre = env.db.read([&](Transaction& tx) { return check_signable(tx, env, by, id); });
      !pre) {
    return pre.error();
  }
  if (auto r = verify_signature_password(env, by, auth); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto s = check_signable(tx, env, by, id);
    if (!s) {
      return s.error();
    }
    Meeting m = s->meeting;
    if (m.is_review()) {
      freeze_review(tx, env, by, m);
    }
    const std::string content = frozen_content(tx, by.org, m, s->attendees);
    repo::SignOff so;
    so.content_hash = text_hash(content);
    so.frozen_content = content;
    so.signer = by.user;
    so.signer_name = signer_name(tx, by);
    so.signer_role = std::string(role_name(*by.role));
    so.meaning = signer_meaning(m);
    const Timestamp now = env.clock.now();
    auto entry = record(tx, env, by, "meeting", id.str(), "sign",
                        {{"content_hash", so.content_hash},
                         {"signer_name", so.signer_name},
                         {"signer_role", so.signer_role},
                         {"meaning", so.meaning},
                         {"signed_at", core::format_timestamp(now)}});
    so.seq = entry.seq;
    if (!repo::sign(tx, by.org, id, so, now)) {
      return frozen_error(m);
    }
    return {};
  });
}

Result<std::int64_t> add_addendum(const Env& env, const Caller& by, MeetingId id, std::string body,
                                  const SignatureAuth& auth) {
  if (auto r = require_role(by, kAddendumSigners); !r) {
    return r.error();
  }
  if (auto r = check_signer(by, auth, "An addendum"); !r) {
    return r.error();
  }
  body = std::string(core::trim(body));
  if (body.empty()) {
    return Error::invalid("body", "is required: what does the addendum correct?");
  }
  if (!core::is_plain_text(body, 20'000)) {
    return Error::invalid("body", "must be text of at most 20,000 characters");
  }
  auto check = [&](Transaction& tx) -> Result<Meeting> {
    auto m = load(tx, by.org, id);
    if (!m) {
      return m.error();
    }
    if (m->status == MeetingStatus::cancelled) {
      return fail(Errc::conflict, "\"" + m->title +
                                      "\" was cancelled: it has no minutes to "
                                      "correct.");
    }
    if (m->status != MeetingStatus::signed_off) {
      return fail(Errc::conflict,
                  "The minutes of \"" + m->title + "\" are not signed yet: correct them directly.");
    }
    return m;
  };
  if (auto pre = env.db.read(check); !pre) {
    return pre.error();
  }
  if (auto r = verify_signature_password(env, by, auth); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<std::int64_t> {
    auto m = check(tx);
    if (!m) {
      return m.error();
    }
    Addendum a;
    a.meeting = id;
    a.body = body;
    a.content_hash = text_hash(body + "\n" + m->content_hash);
    a.signer = by.user;
    a.signer_name = signer_name(tx, by);
    a.signer_role = std::string(role_name(*by.role));
    a.meaning =
        "Addendum to the signed minutes, signed as " + core::ascii_lower(role_label(*by.role));
    a.signed_at = env.clock.now();
    a.id = repo::insert_addendum(tx, by.org, a);
    record(tx, env, by, "meeting", id.str(), "addendum",
           {{"addendum_id", a.id},
            {"content_hash", a.content_hash},
            {"minutes_hash", m->content_hash},
            {"signer_name", a.signer_name},
            {"signer_role", a.signer_role},
            {"meaning", a.meaning},
            {"signed_at", core::format_timestamp(a.signed_at)}});
    return a.id;
  });
}

// --- cadence ---

Result<Cadence> cadence(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  return env.db.read(
      [&](Transaction& tx) { return repo::cadence(tx, by.org).value_or(Cadence{}); });
}

Status set_cadence(const Env& env, const Caller& by, const Cadence& c) {
  if (auto r = require_role(by, kCadenceAdmins); !r) {
    return r.error();
  }
  Validation v;
  validate(c, v);
  if (!v.ok()) {
    return v.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto current = repo::cadence(tx, by.org);
    const Cadence before = current.value_or(Cadence{});
    if (current && before.review_every_months == c.review_every_months &&
        before.security_agenda_every_months == c.security_agenda_every_months) {
      return {};
    }
    repo::upsert_cadence(tx, by.org, c, env.clock.now());
    record(tx, env, by, "meeting_cadence", "org", "set",
           {{"review_every_months", c.review_every_months},
            {"security_agenda_every_months", c.security_agenda_every_months},
            {"previous",
             current ? json::value(json::object{
                           {"review_every_months", before.review_every_months},
                           {"security_agenda_every_months", before.security_agenda_every_months}})
                     : json::value(nullptr)}});
    return {};
  });
}

}  // namespace mandate::areas::meetings
