// areas/meetings/repo.cpp — SQL for meetings (see repo.hpp).
#include "areas/meetings/repo.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "areas/common/sql.hpp"
#include "core/json.hpp"

namespace mandate::areas::meetings::repo {
namespace {

// `frozen` selects the frozen_content column or an empty text in its place (lists).
std::string meeting_cols(bool frozen) {
  return std::string(
             "m.id, m.org_id, m.meeting_type, m.title, m.starts_at, m.duration_minutes, m.place, "
             "m.chair_person_id, m.status, m.cancel_reason, m.previous_review_id, "
             "m.content_hash, ") +
         (frozen ? "m.frozen_content" : "''") +
         ", m.signed_at, m.signer_user_id, m.signer_name, m.signer_role, m.signature_meaning, "
         "m.signoff_seq, m.created_by_label, m.created_at, m.updated_at, m.row_version";
}
constexpr std::size_t kMeetingColCount = 23;

std::optional<Timestamp> opt_ts(const store::Row& r, std::size_t i) {
  if (auto v = r.opt_int64(i)) {
    return Timestamp{*v};
  }
  return std::nullopt;
}

Meeting meeting_from(const store::Row& r) {
  Meeting m;
  m.id = MeetingId{r.int64(0)};
  m.org = OrgId{r.int64(1)};
  m.type = parse_meeting_type(r.text(2)).value_or(MeetingType::other);
  m.title = r.text(3);
  m.starts_at = Timestamp{r.int64(4)};
  m.duration_minutes = static_cast<int>(r.int64(5));
  m.place = r.text(6);
  if (auto c = r.opt_int64(7)) {
    m.chair = PersonId{*c};
  }
  m.status = parse_meeting_status(r.text(8)).value_or(MeetingStatus::planned);
  m.cancel_reason = r.text(9);
  if (auto p = r.opt_int64(10)) {
    m.previous_review = MeetingId{*p};
  }
  m.content_hash = r.text(11);
  m.frozen_content = r.text(12);
  m.signed_at = opt_ts(r, 13);
  m.signer = UserId{r.opt_int64(14).value_or(0)};
  m.signer_name = r.text(15);
  m.signer_role = r.text(16);
  m.signature_meaning = r.text(17);
  m.signoff_seq = r.opt_int64(18);
  m.created_by_label = r.text(19);
  m.created_at = Timestamp{r.int64(20)};
  m.updated_at = Timestamp{r.int64(21)};
  m.row_version = r.int64(22);
  return m;
}

// Tags are stored as their names joined by commas, in the declared topic order.
std::string tags_text(const std::vector<Topic>& tags) {
  std::string out;
  for (Topic t : tags) {
    out += out.empty() ? "" : ",";
    out += topic_name(t);
  }
  return out;
}

std::vector<Topic> tags_from(const std::string& s) {
  std::vector<Topic> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) {
      comma = s.size();
    }
    if (auto t = parse_topic(s.substr(start, comma - start))) {
      out.push_back(*t);
    }
    start = comma + 1;
  }
  return out;
}

constexpr const char* kItemCols =
    "id, meeting_id, position, title, tags, minutes, review_input, presenter, material, "
    "snapshot, created_at, updated_at, row_version";

AgendaItem item_from(const store::Row& r) {
  AgendaItem i;
  i.id = ItemId{r.int64(0)};
  i.meeting = MeetingId{r.int64(1)};
  i.position = static_cast<int>(r.int64(2));
  i.title = r.text(3);
  i.tags = tags_from(r.text(4));
  i.minutes = r.text(5);
  i.review_input = r.text(6).empty() ? std::nullopt : parse_review_input(r.text(6));
  i.presenter = r.text(7);
  i.material = r.text(8);
  i.snapshot = r.text(9);
  i.created_at = Timestamp{r.int64(10)};
  i.updated_at = Timestamp{r.int64(11)};
  i.row_version = r.int64(12);
  return i;
}

constexpr const char* kDecisionCols =
    "id, meeting_id, item_id, text, decision_type, owner_person_id, due_on, action_id, "
    "created_at, updated_at, row_version";

Decision decision_from(const store::Row& r) {
  Decision d;
  d.id = DecisionId{r.int64(0)};
  d.meeting = MeetingId{r.int64(1)};
  if (auto i = r.opt_int64(2)) {
    d.item = ItemId{*i};
  }
  d.text = r.text(3);
  d.type = parse_decision_type(r.text(4)).value_or(DecisionType::other);
  if (auto o = r.opt_int64(5)) {
    d.owner = PersonId{*o};
  }
  d.due_on = r.opt_int64(6);
  d.action_id = r.opt_int64(7);
  d.created_at = Timestamp{r.int64(8)};
  d.updated_at = Timestamp{r.int64(9)};
  d.row_version = r.int64(10);
  return d;
}

constexpr const char* kAttachmentCols =
    "id, meeting_id, item_id, sha256, file_name, media_type, size, received_at, effective_on, "
    "uploaded_by_label";

Attachment attachment_from(const store::Row& r) {
  Attachment a;
  a.id = AttachmentId{r.int64(0)};
  a.meeting = MeetingId{r.int64(1)};
  if (auto i = r.opt_int64(2)) {
    a.item = ItemId{*i};
  }
  a.sha256 = r.text(3);
  a.file_name = r.text(4);
  a.media_type = r.text(5);
  a.size = r.int64(6);
  a.received_at = Timestamp{r.int64(7)};
  a.effective_on = r.int64(8);
  a.uploaded_by_label = r.text(9);
  return a;
}

constexpr const char* kTokenCols = "id, org_id, user_id, prefix, created_at, revoked_at";

CalendarTokenRow token_from(const store::Row& r) {
  CalendarTokenRow t;
  t.id = r.int64(0);
  t.org = OrgId{r.int64(1)};
  t.user = UserId{r.int64(2)};
  t.prefix = r.text(3);
  t.created_at = Timestamp{r.int64(4)};
  t.revoked_at = opt_ts(r, 5);
  return t;
}

// `expr IN (…)` over a list of ids sent as one JSON array parameter.
std::string in_json_ids(Transaction& tx, const std::string& expr) {
  if (tx.dialect() == store::Dialect::postgres) {
    return expr +
           " IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(? AS jsonb)))";
  }
  return expr + " IN (SELECT value FROM json_each(?))";
}

template <class I>
std::string json_ids(const std::vector<I>& ids) {
  core::json::array a;
  a.reserve(ids.size());
  for (const auto& id : ids) {
    a.emplace_back(id.value);
  }
  return core::json::serialize(a);
}

}  // namespace

// --- meetings ---

std::vector<MeetingSummary> meetings(Transaction& tx, OrgId org, const MeetingQuery& q) {
  const std::string type = q.type ? std::string(meeting_type_name(*q.type)) : std::string();
  const std::string status = q.status ? std::string(meeting_status_name(*q.status)) : std::string();
  const std::string pat = like_pattern(q.search);
  const std::int64_t from = q.from ? q.from->us : std::numeric_limits<std::int64_t>::min();
  const std::int64_t to = q.to ? q.to->us : std::numeric_limits<std::int64_t>::max();
  // Top management present: attendees present and designated on the meeting's day.
  const std::string sql =
      "SELECT " + meeting_cols(false) +
      ", COALESCE(c.name, ''), "
      "(SELECT COUNT(*) FROM meeting_items i WHERE i.meeting_id = m.id), "
      "(SELECT COUNT(*) FROM meeting_decisions d WHERE d.meeting_id = m.id), "
      "(SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND "
      "a.attendance = 'present'), "
      "(SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND "
      "a.attendance = 'present' AND EXISTS (SELECT 1 FROM top_management_terms t WHERE "
      "t.org_id = m.org_id AND t.person_id = a.person_id AND t.starts_on <= m.starts_at / "
      "86400000000 AND "
      "(t.ends_on IS NULL OR t.ends_on > m.starts_at / 86400000000))) "
      "FROM meetings m LEFT JOIN people c ON c.id = m.chair_person_id AND c.org_id = m.org_id "
      "WHERE m.org_id = ? AND (? = '' OR m.meeting_type = ?) AND (? = '' OR m.status = ?) "
      "AND m.starts_at >= ? AND m.starts_at < ? "
      "AND (? = '' OR LOWER(m.title) LIKE LOWER(?) ESCAPE '\\') ORDER BY m.starts_at " +
      std::string(q.descending ? "DESC, m.id DESC" : "ASC, m.id ASC") + " LIMIT ?";
  std::vector<MeetingSummary> out;
  for (auto& r : tx.query(sql, org, type, type, status, status, from, to, q.search, pat,
                          std::int64_t{q.limit})) {
    MeetingSummary s;
    s.meeting = meeting_from(r);
    s.chair_name = r.text(kMeetingColCount);
    s.items = static_cast<int>(r.int64(kMeetingColCount + 1));
    s.decisions = static_cast<int>(r.int64(kMeetingColCount + 2));
    s.present = static_cast<int>(r.int64(kMeetingColCount + 3));
    s.top_management_present = static_cast<int>(r.int64(kMeetingColCount + 4));
    out.push_back(std::move(s));
  }
  if (out.empty()) {
    return out;
  }
  // Security on the agenda: an item tagged with a security topic (model.hpp decides which).
  std::vector<MeetingId> ids;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) {
    ids.push_back(out[i].meeting.id);
    index[out[i].meeting.id.value] = i;
  }
  for (auto& r : tx.query("SELECT meeting_id, tags FROM meeting_items WHERE org_id = ? AND "
                          "tags <> '' AND " +
                              in_json_ids(tx, "meeting_id"),
                          org, json_ids(ids))) {
    auto tags = tags_from(r.text(1));
    if (std::any_of(tags.begin(), tags.end(), is_security_topic)) {
      out[index.at(r.int64(0))].security_on_agenda = true;
    }
  }
  return out;
}

std::optional<Meeting> find(Transaction& tx, OrgId org, MeetingId id) {
  auto r = tx.query_one(
      "SELECT " + meeting_cols(true) + " FROM meetings m WHERE m.org_id = ? AND m.id = ?", org, id);
  return r ? std::optional(meeting_from(*r)) : std::nullopt;
}

MeetingId insert(Transaction& tx, OrgId org, const MeetingFields& f,
                 std::optional<MeetingId> previous_review, std::string_view created_by,
                 Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO meetings (org_id, meeting_type, title, starts_at, duration_minutes, place, "
      "chair_person_id, previous_review_id, created_by_label, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, meeting_type_name(f.type), f.title, f.starts_at.us, f.duration_minutes, f.place, f.chair,
      previous_review, created_by, at.us, at.us);
  MeetingId id{r->int64(0)};
  set_invitees(tx, org, id, f.invitees);
  return id;
}

bool update(Transaction& tx, OrgId org, MeetingId id, const MeetingFields& f,
            std::int64_t expected_row_version, Timestamp at) {
  auto n = tx.exec(
      "UPDATE meetings SET title = ?, starts_at = ?, duration_minutes = ?, place = ?, "
      "chair_person_id = ?, updated_at = ?, row_version = row_version + 1 "
      "WHERE org_id = ? AND id = ? AND status = 'planned' AND row_version = ?",
      f.title, f.starts_at.us, f.duration_minutes, f.place, f.chair, at.us, org, id,
      expected_row_version);
  if (n != 1) {
    return false;
  }
  set_invitees(tx, org, id, f.invitees);
  return true;
}

void set_previous_review(Transaction& tx, OrgId org, MeetingId id,
                         std::optional<MeetingId> previous) {
  tx.exec("UPDATE meetings SET previous_review_id = ? WHERE org_id = ? AND id = ?", previous, org,
          id);
}

void touch(Transaction& tx, OrgId org, MeetingId id, Timestamp at) {
  tx.exec(
      "UPDATE meetings SET updated_at = ?, row_version = row_version + 1 WHERE org_id = ? "
      "AND id = ?",
      at.us, org, id);
}

bool cancel(Transaction& tx, OrgId org, MeetingId id, std::string_view reason, Timestamp at) {
  return tx.exec(
             "UPDATE meetings SET status = 'cancelled', cancel_reason = ?, updated_at = ?, "
             "row_version = row_version + 1 WHERE org_id = ? AND id = ? AND "
             "status = 'planned'",
             reason, at.us, org, id) == 1;
}

bool sign(Transaction& tx, OrgId org, MeetingId id, const SignOff& s, Timestamp at) {
  return tx.exec(
             "UPDATE meetings SET status = 'signed', content_hash = ?, frozen_content = ?, "
             "signed_at = ?, signer_user_id = ?, signer_name = ?, signer_role = ?, "
             "signature_meaning = ?, signoff_seq = ?, updated_at = ?, "
             "row_version = row_version + 1 WHERE org_id = ? AND id = ? AND "
             "status = 'planned'",
             s.content_hash, s.frozen_content, at.us, s.signer, s.signer_name, s.signer_role,
             s.meaning, s.seq, at.us, org, id) == 1;
}

std::optional<Meeting> latest_signed_review_before(Transaction& tx, OrgId org, Timestamp before,
                                                   std::optional<MeetingId> except) {
  auto r = tx.query_one("SELECT " + meeting_cols(false) +
                            " FROM meetings m WHERE m.org_id = ? AND m.meeting_type = "
                            "'management_review' AND m.status = 'signed' AND m.starts_at < ? "
                            "AND m.id <> ? ORDER BY m.starts_at DESC, m.id DESC LIMIT 1",
                        org, before.us, except ? except->value : std::int64_t{0});
  return r ? std::optional(meeting_from(*r)) : std::nullopt;
}

// --- attendees ---

std::vector<Attendee> attendees(Transaction& tx, OrgId org, MeetingId id, std::int64_t day) {
  std::vector<Attendee> out;
  for (auto& r : tx.query(
           "SELECT a.person_id, p.name, p.department, a.attendance, CASE WHEN EXISTS (SELECT 1 "
           "FROM top_management_terms t WHERE t.org_id = a.org_id AND t.person_id = a.person_id "
           "AND t.starts_on <= ? AND (t.ends_on IS NULL OR t.ends_on > ?)) THEN 1 ELSE 0 END "
           "FROM meeting_attendees a JOIN people p ON p.id = a.person_id AND p.org_id = a.org_id "
           "WHERE a.org_id = ? AND a.meeting_id = ? ORDER BY LOWER(p.name), p.id",
           day, day, org, id)) {
    Attendee a;
    a.person = PersonId{r.int64(0)};
    a.name = r.text(1);
    a.department = r.text(2);
    a.attendance = parse_attendance(r.text(3)).value_or(Attendance::invited);
    a.top_management = r.int64(4) != 0;
    out.push_back(std::move(a));
  }
  return out;
}

void set_invitees(Transaction& tx, OrgId org, MeetingId id, const std::vector<PersonId>& people) {
  std::vector<PersonId> current;
  for (auto& r : tx.query("SELECT person_id FROM meeting_attendees WHERE org_id = ? AND "
                          "meeting_id = ?",
                          org, id)) {
    current.push_back(PersonId{r.int64(0)});
  }
  for (PersonId p : current) {
    if (std::find(people.begin(), people.end(), p) == people.end()) {
      tx.exec(
          "DELETE FROM meeting_attendees WHERE org_id = ? AND meeting_id = ? AND "
          "person_id = ?",
          org, id, p);
    }
  }
  for (PersonId p : people) {
    if (std::find(current.begin(), current.end(), p) == current.end()) {
      tx.exec(
          "INSERT INTO meeting_attendees (meeting_id, person_id, org_id, attendance) "
          "VALUES (?, ?, ?, 'invited')",
          id, p, org);
    }
  }
}

void upsert_attendance(Transaction& tx, OrgId org, MeetingId id, PersonId person, Attendance a) {
  tx.exec(
      "INSERT INTO meeting_attendees (meeting_id, person_id, org_id, attendance) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id, person_id) DO UPDATE SET "
      "attendance = excluded.attendance",
      id, person, org, attendance_name(a));
}

// --- people ---

std::vector<PersonRef> people_by_id(Transaction& tx, OrgId org, const std::vector<PersonId>& ids) {
  std::vector<PersonRef> out;
  if (ids.empty()) {
    return out;
  }
  // On SQLite `+org_id` keeps the planner off people_org_user (every person of the organization,
  // the list tested per row: it has no estimate for json_each) so the ids are primary-key
  // lookups; PostgreSQL plans the list against the primary key itself.
  const std::string org_col = tx.dialect() == store::Dialect::sqlite ? "+org_id" : "org_id";
  for (auto& r : tx.query("SELECT id, name, status FROM people WHERE " + org_col + " = ? AND " +
                              in_json_ids(tx, "id"),
                          org, json_ids(ids))) {
    out.push_back(PersonRef{PersonId{r.int64(0)}, r.text(1), r.text(2) == "active"});
  }
  return out;
}

// --- agenda items ---

std::vector<AgendaItem> items(Transaction& tx, OrgId org, MeetingId id) {
  std::vector<AgendaItem> out;
  for (auto& r : tx.query(std::string("SELECT ") + kItemCols +
                              " FROM meeting_items WHERE org_id = ? AND meeting_id = ? "
                              "ORDER BY position, id",
                          org, id)) {
    out.push_back(item_from(r));
  }
  return out;
}

std::optional<AgendaItem> find_item(Transaction& tx, OrgId org, ItemId id) {
  auto r = tx.query_one(
      std::string("SELECT ") + kItemCols + " FROM meeting_items WHERE org_id = ? AND id = ?", org,
      id);
  return r ? std::optional(item_from(*r)) : std::nullopt;
}

ItemId insert_item(Transaction& tx, OrgId org, MeetingId id, const ItemFields& f,
                   std::optional<ReviewInput> input, Timestamp at) {
  auto pos = tx.query_one(
      "SELECT COALESCE(MAX(position), 0) + 1 FROM meeting_items WHERE org_id = ? AND "
      "meeting_id = ?",
      org, id);
  const std::string letter = input ? std::string(1, review_input_letter(*input)) : std::string();
  auto r = tx.query_one(
      "INSERT INTO meeting_items (org_id, meeting_id, position, title, tags, minutes, "
      "review_input, presenter, material, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, id, pos->int64(0), f.title, tags_text(f.tags), f.minutes, letter, f.presenter,
      f.material, at.us, at.us);
  return ItemId{r->int64(0)};
}

bool update_item(Transaction& tx, OrgId org, ItemId id, const ItemFields& f,
                 std::int64_t expected_row_version, Timestamp at) {
  return tx.exec(
             "UPDATE meeting_items SET title = ?, tags = ?, minutes = ?, presenter = ?, "
             "material = ?, updated_at = ?, row_version = row_version + 1 "
             "WHERE org_id = ? AND id = ? AND row_version = ?",
             f.title, tags_text(f.tags), f.minutes, f.presenter, f.material, at.us, org, id,
             expected_row_version) == 1;
}

void set_snapshot(Transaction& tx, OrgId org, ItemId id, std::string_view snapshot) {
  tx.exec("UPDATE meeting_items SET snapshot = ? WHERE org_id = ? AND id = ?", snapshot, org, id);
}

void delete_item(Transaction& tx, OrgId org, ItemId id) {
  tx.exec("UPDATE meeting_decisions SET item_id = NULL WHERE org_id = ? AND item_id = ?", org, id);
  tx.exec("UPDATE meeting_attachments SET item_id = NULL WHERE org_id = ? AND item_id = ?", org,
          id);
  tx.exec("DELETE FROM meeting_items WHERE org_id = ? AND id = ?", org, id);
}

// --- decisions ---

std::vector<Decision> decisions(Transaction& tx, OrgId org, MeetingId id) {
  std::vector<Decision> out;
  for (auto& r : tx.query(std::string("SELECT ") + kDecisionCols +
                              " FROM meeting_decisions WHERE org_id = ? AND meeting_id = ? "
                              "ORDER BY id",
                          org, id)) {
    out.push_back(decision_from(r));
  }
  return out;
}

std::optional<Decision> find_decision(Transaction& tx, OrgId org, DecisionId id) {
  auto r = tx.query_one(std::string("SELECT ") + kDecisionCols +
                            " FROM meeting_decisions WHERE org_id = ? AND id = ?",
                        org, id);
  return r ? std::optional(decision_from(*r)) : std::nullopt;
}

DecisionId insert_decision(Transaction& tx, OrgId org, MeetingId id, const DecisionFields& f,
                           Timestamp at) {
  auto r = tx.query_one(
      "INSERT INTO meeting_decisions (org_id, meeting_id, item_id, text, decision_type, "
      "owner_person_id, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      org, id, f.item, f.text, decision_type_name(f.type), f.owner, f.due_on, at.us, at.us);
  return DecisionId{r->int64(0)};
}

bool update_decision(Transaction& tx, OrgId org, DecisionId id, const DecisionFields& f,
                     std::int64_t expected_row_version, Timestamp at) {
  return tx.exec(
             "UPDATE meeting_decisions SET item_id = ?, text = ?, decision_type = ?, "
             "owner_person_id = ?, due_on = ?, updated_at = ?, row_version = row_version + 1 "
             "WHERE org_id = ? AND id = ? AND row_version = ?",
             f.item, f.text, decision_type_name(f.type), f.owner, f.due_on, at.us, org, id,
             expected_row_version) == 1;
}

void set_decision_action(Transaction& tx, OrgId org, DecisionId id,
                         std::optional<std::int64_t> action) {
  tx.exec("UPDATE meeting_decisions SET action_id = ? WHERE org_id = ? AND id = ?", action, org,
          id);
}

void delete_decision(Transaction& tx, OrgId org, DecisionId id) {
  tx.exec("DELETE FROM meeting_decisions WHERE org_id = ? AND id = ?", org, id);
}

// --- attachments and blobs ---

bool insert_blob(Transaction& tx, OrgId org, std::string_view sha256, std::string_view bytes,
                 Timestamp at) {
  return tx.exec(
             "INSERT INTO blobs (org_id, sha256, size, content, created_at) "
             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, sha256) DO NOTHING",
             org, sha256, static_cast<std::int64_t>(bytes.size()), store::Blob{std::string(bytes)},
             at.us) == 1;
}

std::optional<std::string> blob(Transaction& tx, OrgId org, std::string_view sha256) {
  auto r = tx.query_one("SELECT content FROM blobs WHERE org_id = ? AND sha256 = ?", org, sha256);
  if (!r) {
    return std::nullopt;
  }
  return r->blob(0);
}

std::int64_t count_blobs(Transaction& tx, OrgId org) {
  return tx.query_one("SELECT COUNT(*) FROM blobs WHERE org_id = ?", org)->int64(0);
}

AttachmentId insert_attachment(Transaction& tx, OrgId org, const Attachment& a, UserId by) {
  auto r = tx.query_one(
      "INSERT INTO meeting_attachments (org_id, meeting_id, item_id, sha256, file_name, "
      "media_type, size, received_at, effective_on, uploaded_by_label, uploaded_by_user_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      org, a.meeting, a.item, a.sha256, a.file_name, a.media_type, a.size, a.received_at.us,
      a.effective_on, a.uploaded_by_label, by ? std::optional(by) : std::nullopt);
  return AttachmentId{r->int64(0)};
}

std::vector<Attachment> attachments(Transaction& tx, OrgId org, MeetingId id) {
  std::vector<Attachment> out;
  for (auto& r : tx.query(std::string("SELECT ") + kAttachmentCols +
                              " FROM meeting_attachments WHERE org_id = ? AND meeting_id = ? "
                              "ORDER BY received_at, id",
                          org, id)) {
    out.push_back(attachment_from(r));
  }
  return out;
}

std::optional<Attachment> find_attachment(Transaction& tx, OrgId org, MeetingId id,
                                          AttachmentId a) {
  auto r = tx.query_one(std::string("SELECT ") + kAttachmentCols +
                            " FROM meeting_attachments WHERE org_id = ? AND meeting_id = ? AND "
                            "id = ?",
                        org, id, a);
  return r ? std::optional(attachment_from(*r)) : std::nullopt;
}

void delete_attachment(Transaction& tx, OrgId org, AttachmentId a) {
  tx.exec("DELETE FROM meeting_attachments WHERE org_id = ? AND id = ?", org, a);
}

std::int64_t count_attachments(Transaction& tx, OrgId org, MeetingId id) {
  return tx
      .query_one(
          "SELECT COUNT(*) FROM meeting_attachments WHERE org_id = ? AND "
          "meeting_id = ?",
          org, id)
      ->int64(0);
}

// --- addenda ---

std::int64_t insert_addendum(Transaction& tx, OrgId org, const Addendum& a) {
  return tx
      .query_one(
          "INSERT INTO meeting_addenda (org_id, meeting_id, body, content_hash, "
          "signer_user_id, signer_name, signer_role, meaning, signed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          org, a.meeting, a.body, a.content_hash, a.signer, a.signer_name, a.signer_role, a.meaning,
          a.signed_at.us)
      ->int64(0);
}

std::vector<Addendum> addenda(Transaction& tx, OrgId org, MeetingId id) {
  std::vector<Addendum> out;
  for (auto& r : tx.query("SELECT id, meeting_id, body, content_hash, signer_user_id, "
                          "signer_name, signer_role, meaning, signed_at FROM meeting_addenda "
                          "WHERE org_id = ? AND meeting_id = ? ORDER BY signed_at, id",
                          org, id)) {
    Addendum a;
    a.id = r.int64(0);
    a.meeting = MeetingId{r.int64(1)};
    a.body = r.text(2);
    a.content_hash = r.text(3);
    a.signer = UserId{r.int64(4)};
    a.signer_name = r.text(5);
    a.signer_role = r.text(6);
    a.meaning = r.text(7);
    a.signed_at = Timestamp{r.int64(8)};
    out.push_back(std::move(a));
  }
  return out;
}

// --- cadence ---

std::optional<Cadence> cadence(Transaction& tx, OrgId org) {
  auto r = tx.query_one(
      "SELECT review_every_months, security_agenda_every_months FROM "
      "meeting_cadence WHERE org_id = ?",
      org);
  if (!r) {
    return std::nullopt;
  }
  return Cadence{static_cast<int>(r->int64(0)), static_cast<int>(r->int64(1))};
}

void upsert_cadence(Transaction& tx, OrgId org, const Cadence& c, Timestamp at) {
  tx.exec(
      "INSERT INTO meeting_cadence (org_id, review_every_months, "
      "security_agenda_every_months, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id) "
      "DO UPDATE SET review_every_months = excluded.review_every_months, "
      "security_agenda_every_months = excluded.security_agenda_every_months, "
      "updated_at = excluded.updated_at",
      org, c.review_every_months, c.security_agenda_every_months, at.us);
}

// --- calendar ---

std::int64_t insert_calendar_token(Transaction& tx, OrgId org, UserId user,
                                   std::string_view token_hash, std::string_view prefix,
                                   Timestamp at) {
  return tx
      .query_one(
          "INSERT INTO calendar_tokens (org_id, user_id, token_hash, prefix, created_at) "
          "VALUES (?, ?, ?, ?, ?) RETURNING id",
          org, user, token_hash, prefix, at.us)
      ->int64(0);
}

std::vector<CalendarTokenRow> calendar_tokens(Transaction& tx, OrgId org, UserId user) {
  std::vector<CalendarTokenRow> out;
  for (auto& r : tx.query(std::string("SELECT ") + kTokenCols +
                              " FROM calendar_tokens WHERE org_id = ? AND user_id = ? "
                              "ORDER BY created_at DESC, id DESC",
                          org, user)) {
    out.push_back(token_from(r));
  }
  return out;
}

std::optional<CalendarTokenRow> find_calendar_token(Transaction& tx, OrgId org, UserId user,
                                                    std::int64_t id) {
  auto r = tx.query_one(std::string("SELECT ") + kTokenCols +
                            " FROM calendar_tokens WHERE org_id = ? AND user_id = ? AND id = ?",
                        org, user, id);
  return r ? std::optional(token_from(*r)) : std::nullopt;
}

std::optional<CalendarTokenRow> find_calendar_token_by_hash(Transaction& tx,
                                                            std::string_view token_hash) {
  auto r = tx.query_one(
      std::string("SELECT ") + kTokenCols + " FROM calendar_tokens WHERE token_hash = ?",
      token_hash);
  return r ? std::optional(token_from(*r)) : std::nullopt;
}

bool revoke_calendar_token(Transaction& tx, OrgId org, std::int64_t id, Timestamp at) {
  return tx.exec(
             "UPDATE calendar_tokens SET revoked_at = ? WHERE org_id = ? AND id = ? AND "
             "revoked_at IS NULL",
             at.us, org, id) == 1;
}

std::vector<Meeting> meetings_of_person(Transaction& tx, OrgId org, PersonId person,
                                        Timestamp from) {
  std::vector<Meeting> out;
  for (auto& r : tx.query("SELECT " + meeting_cols(false) +
                              " FROM meetings m WHERE m.org_id = ? AND m.starts_at >= ? AND "
                              "(m.chair_person_id = ? OR EXISTS (SELECT 1 FROM meeting_attendees "
                              "a WHERE a.meeting_id = m.id AND a.person_id = ?)) "
                              "ORDER BY m.starts_at, m.id",
                          org, from.us, person, person)) {
    out.push_back(meeting_from(r));
  }
  return out;
}

}  // namespace mandate::areas::meetings::repo
