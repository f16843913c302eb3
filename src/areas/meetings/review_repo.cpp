// areas/meetings/review_repo.cpp — the management review's reads (see review_repo.hpp).
#include "areas/meetings/review_repo.hpp"

#include <limits>

namespace mandate::areas::meetings::review_repo {
namespace {

constexpr const char* kHeadCols =
    "id, meeting_type, title, starts_at, status, previous_review_id, signed_at, signoff_seq";

MeetingHead head_from(const store::Row& r) {
  MeetingHead h;
  h.id = MeetingId{r.int64(0)};
  h.type = parse_meeting_type(r.text(1)).value_or(MeetingType::other);
  h.title = r.text(2);
  h.starts_at = Timestamp{r.int64(3)};
  h.status = parse_meeting_status(r.text(4)).value_or(MeetingStatus::planned);
  if (auto p = r.opt_int64(5)) {
    h.previous_review = MeetingId{*p};
  }
  if (auto s = r.opt_int64(6)) {
    h.signed_at = Timestamp{*s};
  }
  h.signoff_seq = r.opt_int64(7);
  return h;
}

}  // namespace

std::optional<MeetingHead> find(Transaction& tx, OrgId org, MeetingId id) {
  auto r = tx.query_one(
      std::string("SELECT ") + kHeadCols + " FROM meetings WHERE org_id = ? AND id = ?", org, id);
  return r ? std::optional(head_from(*r)) : std::nullopt;
}

std::optional<MeetingHead> previous_signed_review(Transaction& tx, OrgId org, Timestamp at,
                                                  MeetingId self) {
  auto r =
      tx.query_one(std::string("SELECT ") + kHeadCols +
                       " FROM meetings WHERE org_id = ? AND meeting_type = ? AND status = ? "
                       "AND id <> ? AND starts_at < ? ORDER BY starts_at DESC, id DESC LIMIT 1",
                   org, meeting_type_name(MeetingType::management_review),
                   meeting_status_name(MeetingStatus::signed_off), self, at.us);
  return r ? std::optional(head_from(*r)) : std::nullopt;
}

std::vector<ReviewSummary> signed_reviews(Transaction& tx, OrgId org) {
  std::vector<ReviewSummary> out;
  for (const auto& r : tx.query(
           "SELECT m.id, m.title, m.starts_at, m.signed_at, "
           "(SELECT COUNT(*) FROM meeting_decisions d "
           " WHERE d.org_id = m.org_id AND d.meeting_id = m.id), "
           // A term (in days) covers the meeting when starts_on * D <= starts_at < ends_on * D,
           // D the microseconds per day: TopManagementTerm::covers on the meeting's UTC date.
           "CASE WHEN EXISTS (SELECT 1 FROM meeting_attendees a "
           " JOIN top_management_terms t ON t.org_id = a.org_id AND t.person_id = a.person_id "
           " WHERE a.org_id = m.org_id AND a.meeting_id = m.id AND a.attendance = 'present' "
           " AND t.starts_on * 86400000000 <= m.starts_at "
           " AND (t.ends_on IS NULL OR m.starts_at < t.ends_on * 86400000000)) THEN 1 ELSE 0 END "
           "FROM meetings m WHERE m.org_id = ? AND m.meeting_type = ? AND m.status = ? "
           "ORDER BY m.starts_at DESC, m.id DESC",
           org, meeting_type_name(MeetingType::management_review),
           meeting_status_name(MeetingStatus::signed_off))) {
    ReviewSummary s;
    s.id = MeetingId{r.int64(0)};
    s.title = r.text(1);
    s.at = Timestamp{r.int64(2)};
    if (auto t = r.opt_int64(3)) {
      s.signed_at = Timestamp{*t};
    }
    s.decisions = static_cast<int>(r.int64(4));
    s.top_management_present = r.int64(5) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<InputItem> input_items(Transaction& tx, OrgId org, MeetingId meeting) {
  std::vector<InputItem> out;
  for (const auto& r :
       tx.query("SELECT review_input, snapshot FROM meeting_items "
                "WHERE org_id = ? AND meeting_id = ? AND review_input <> '' ORDER BY position, id",
                org, meeting)) {
    if (auto in = parse_review_input(r.text(0))) {
      out.push_back(InputItem{*in, r.text(1)});
    }
  }
  return out;
}

std::vector<ImprovementDecision> improvement_decisions(Transaction& tx, OrgId org,
                                                       std::optional<Timestamp> since,
                                                       Timestamp until, MeetingId except) {
  std::vector<ImprovementDecision> out;
  const std::int64_t from = since ? since->us : std::numeric_limits<std::int64_t>::min();
  for (const auto& r :
       tx.query("SELECT d.id, m.id, m.title, m.meeting_type, m.starts_at, d.text, "
                "COALESCE(p.name, ''), d.due_on, d.action_id, COALESCE(a.status, '') "
                "FROM meeting_decisions d "
                "JOIN meetings m ON m.org_id = d.org_id AND m.id = d.meeting_id "
                "LEFT JOIN people p ON p.org_id = d.org_id AND p.id = d.owner_person_id "
                "LEFT JOIN actions a ON a.org_id = d.org_id AND a.id = d.action_id "
                "WHERE d.org_id = ? AND d.decision_type = ? AND m.id <> ? AND m.status <> ? "
                "AND m.starts_at >= ? AND m.starts_at <= ? "
                "ORDER BY m.starts_at, m.id, d.id",
                org, decision_type_name(DecisionType::improvement), except,
                meeting_status_name(MeetingStatus::cancelled), from, until.us)) {
    ImprovementDecision d;
    d.id = DecisionId{r.int64(0)};
    d.meeting = MeetingId{r.int64(1)};
    d.meeting_title = r.text(2);
    d.meeting_type = parse_meeting_type(r.text(3)).value_or(MeetingType::other);
    d.meeting_at = Timestamp{r.int64(4)};
    d.text = r.text(5);
    d.owner_name = r.text(6);
    d.due_on = r.opt_int64(7);
    d.action_id = r.opt_int64(8);
    d.action_status = r.text(9);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ExecutiveMeeting> executive_meetings(Transaction& tx, OrgId org, Timestamp until) {
  std::vector<ExecutiveMeeting> out;
  for (const auto& r :
       tx.query("SELECT m.id, m.title, m.meeting_type, m.starts_at, i.tags "
                "FROM meetings m "
                "LEFT JOIN meeting_items i ON i.org_id = m.org_id AND i.meeting_id = m.id "
                "WHERE m.org_id = ? AND m.meeting_type IN (?, ?) AND m.status <> ? "
                "AND m.starts_at <= ? ORDER BY m.starts_at DESC, m.id DESC",
                org, meeting_type_name(MeetingType::board),
                meeting_type_name(MeetingType::executive_committee),
                meeting_status_name(MeetingStatus::cancelled), until.us)) {
    const MeetingId id{r.int64(0)};
    if (out.empty() || out.back().id != id) {
      ExecutiveMeeting m;
      m.id = id;
      m.title = r.text(1);
      m.type = parse_meeting_type(r.text(2)).value_or(MeetingType::executive_committee);
      m.at = Timestamp{r.int64(3)};
      out.push_back(std::move(m));
    }
    if (auto tags = r.opt_text(4)) {
      for (Topic t : parse_tags(*tags)) {
        if (is_security_topic(t)) {
          out.back().security_on_agenda = true;
        }
      }
    }
  }
  return out;
}

Cadence cadence(Transaction& tx, OrgId org) {
  Cadence c;
  if (auto r = tx.query_one(
          "SELECT review_every_months, security_agenda_every_months FROM meeting_cadence "
          "WHERE org_id = ?",
          org)) {
    c.review_every_months = static_cast<int>(r->int64(0));
    c.security_agenda_every_months = static_cast<int>(r->int64(1));
  }
  return c;
}

std::vector<Topic> parse_tags(std::string_view tags) {
  std::vector<Topic> out;
  std::size_t i = 0;
  auto separator = [](char c) {
    return c == ',' || c == ';' || c == ' ' || c == '[' || c == ']' || c == '"' || c == '\t' ||
           c == '\n' || c == '\r';
  };
  while (i < tags.size()) {
    while (i < tags.size() && separator(tags[i])) {
      ++i;
    }
    std::size_t j = i;
    while (j < tags.size() && !separator(tags[j])) {
      ++j;
    }
    if (j > i) {
      if (auto t = parse_topic(tags.substr(i, j - i))) {
        out.push_back(*t);
      }
    }
    i = j;
  }
  return out;
}

}  // namespace mandate::areas::meetings::review_repo
