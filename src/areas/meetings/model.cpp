// areas/meetings/model.cpp — names, validation, attachment checks and file names for meetings
// (see model.hpp).
#include "areas/meetings/model.hpp"

#include <algorithm>
#include <set>

#include "areas/common/fields.hpp"
#include "core/text.hpp"

namespace mandate::areas::meetings {
namespace {

constexpr MeetingStatus kStatuses[] = {MeetingStatus::planned, MeetingStatus::signed_off,
                                       MeetingStatus::cancelled};
constexpr Attendance kAttendances[] = {Attendance::invited, Attendance::present,
                                       Attendance::excused, Attendance::absent};

constexpr std::int64_t kUsPerDay = 86'400'000'000;

// Free text over several lines (Markdown): valid UTF-8, no control characters, bounded.
void text_field(const std::string& value, const char* field, std::size_t max, bool required,
                Validation& v) {
  if (core::trim(value).empty()) {
    if (required) {
      v.add(field, "is required");
    }
    return;
  }
  if (!core::is_plain_text(value, max)) {
    v.add(field, "must be text of at most " + std::to_string(max) + " characters");
  }
}

// Numbers with thousands separators for messages: 100000 -> "100,000".
std::string grouped(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) {
    s.insert(static_cast<std::size_t>(i), ",");
  }
  return s;
}

void markdown_field(const std::string& value, const char* field, std::size_t max, Validation& v) {
  if (value.empty()) {
    return;
  }
  if (!core::valid_utf8(value) || core::has_control_chars(value)) {
    v.add(field, "must be UTF-8 text without control characters");
  } else if (core::utf8_length(value) > max) {
    v.add(field, "must be at most " + grouped(max) + " characters");
  }
}

bool valid_day(std::int64_t d) { return d >= 0 && d <= kLastDay; }

// --- attachments ---

struct Kind {
  const char* ext;
  const char* media_type;
  enum class Check { pdf, png, jpeg, ooxml, odf, text } check;
  const char* what;  // for "does not look like …"
};
constexpr Kind kKinds[] = {
    {"pdf", "application/pdf", Kind::Check::pdf, "a PDF"},
    {"png", "image/png", Kind::Check::png, "a PNG image"},
    {"jpg", "image/jpeg", Kind::Check::jpeg, "a JPEG image"},
    {"jpeg", "image/jpeg", Kind::Check::jpeg, "a JPEG image"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     Kind::Check::ooxml, "a Word document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     Kind::Check::ooxml, "an Excel workbook"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
     Kind::Check::ooxml, "a PowerPoint presentation"},
    {"odt", "application/vnd.oasis.opendocument.text", Kind::Check::odf, "an OpenDocument text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet", Kind::Check::odf,
     "an OpenDocument spreadsheet"},
    {"odp", "application/vnd.oasis.opendocument.presentation", Kind::Check::odf,
     "an OpenDocument presentation"},
    {"txt", "text/plain", Kind::Check::text, "UTF-8 text"},
    {"csv", "text/csv", Kind::Check::text, "UTF-8 text"},
    {"md", "text/markdown", Kind::Check::text, "UTF-8 text"},
};

std::string allowed_list() {
  std::string out;
  for (const auto& k : kKinds) {
    out += out.empty() ? "" : ", ";
    out += k.ext;
  }
  return out;
}

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

// A ZIP archive begins with a local file header.
bool is_zip(std::string_view bytes) {
  return starts_with(bytes, std::string_view("PK\x03\x04", 4));
}

bool content_matches(const Kind& k, std::string_view bytes) {
  switch (k.check) {
    case Kind::Check::pdf:
      return starts_with(bytes, "%PDF-");
    case Kind::Check::png:
      return starts_with(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8));
    case Kind::Check::jpeg:
      return starts_with(bytes, std::string_view("\xFF\xD8\xFF", 3));
    case Kind::Check::ooxml:
      // Office Open XML: a ZIP whose part list names [Content_Types].xml (entry names are stored
      // uncompressed in the local headers and the central directory).
      return is_zip(bytes) && bytes.find("[Content_Types].xml") != std::string_view::npos;
    case Kind::Check::odf:
      // OpenDocument: a ZIP whose first entry is the uncompressed "mimetype" file.
      return is_zip(bytes) && bytes.size() > 38 && bytes.substr(30, 8) == "mimetype" &&
             bytes.find("application/vnd.oasis.opendocument.") != std::string_view::npos;
    case Kind::Check::text:
      return core::valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos;
  }
  return false;
}

// Decodes one UTF-8 sequence at `i` of valid UTF-8 text; returns its code point and length.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    return {c, 1};
  }
  const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  return {cp, n};
}

// Characters that must not reach a stored or displayed file name: C0 and C1 controls, DEL, and
// the bidirectional controls that can make a name display reversed (a disguised ".exe").
bool unsafe_code_point(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == '"' ||
         cp == '\'' || cp == '\\';
}

// The valid UTF-8 sequences of `s`, invalid bytes dropped.
std::string valid_part(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80             ? 1
                    : (c & 0xE0) == 0xC0 ? 2
                    : (c & 0xF0) == 0xE0 ? 3
                    : (c & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (n > 0 && i + n <= s.size() && core::valid_utf8(s.substr(i, n))) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      ++i;
    }
  }
  return out;
}

// The longest prefix of valid UTF-8 `s` of at most `max` bytes that ends on a character boundary.
std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) {
    return s;
  }
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  return s.substr(0, end);
}

}  // namespace

std::string_view meeting_type_name(MeetingType t) {
  switch (t) {
    case MeetingType::board:
      return "board";
    case MeetingType::executive_committee:
      return "executive_committee";
    case MeetingType::management_review:
      return "management_review";
    case MeetingType::isms_steering:
      return "isms_steering";
    case MeetingType::other:
      return "other";
  }
  return "";
}

std::string_view meeting_type_label(MeetingType t) {
  switch (t) {
    case MeetingType::board:
      return "Board";
    case MeetingType::executive_committee:
      return "Executive committee";
    case MeetingType::management_review:
      return "Management review";
    case MeetingType::isms_steering:
      return "ISMS steering";
    case MeetingType::other:
      return "Other";
  }
  return "";
}

std::optional<MeetingType> parse_meeting_type(std::string_view s) {
  return parse_by_name(s, kAllMeetingTypes, &meeting_type_name);
}

std::string_view meeting_status_name(MeetingStatus s) {
  switch (s) {
    case MeetingStatus::planned:
      return "planned";
    case MeetingStatus::signed_off:
      return "signed";
    case MeetingStatus::cancelled:
      return "cancelled";
  }
  return "";
}

std::optional<MeetingStatus> parse_meeting_status(std::string_view s) {
  return parse_by_name(s, kStatuses, &meeting_status_name);
}

std::string_view attendance_name(Attendance a) {
  switch (a) {
    case Attendance::invited:
      return "invited";
    case Attendance::present:
      return "present";
    case Attendance::excused:
      return "excused";
    case Attendance::absent:
      return "absent";
  }
  return "";
}

std::optional<Attendance> parse_attendance(std::string_view s) {
  return parse_by_name(s, kAttendances, &attendance_name);
}

std::string_view topic_name(Topic t) {
  switch (t) {
    case Topic::information_security:
      return "information_security";
    case Topic::risk:
      return "risk";
    case Topic::suppliers:
      return "suppliers";
    case Topic::budget:
      return "budget";
    case Topic::incidents:
      return "incidents";
    case Topic::audit:
      return "audit";
    case Topic::policy:
      return "policy";
    case Topic::objectives:
      return "objectives";
    case Topic::other:
      return "other";
  }
  return "";
}

std::string_view topic_label(Topic t) {
  switch (t) {
    case Topic::information_security:
      return "Information security";
    case Topic::risk:
      return "Risk";
    case Topic::suppliers:
      return "Third parties and suppliers";
    case Topic::budget:
      return "Budget and resources";
    case Topic::incidents:
      return "Incidents";
    case Topic::audit:
      return "Audit";
    case Topic::policy:
      return "Policy";
    case Topic::objectives:
      return "Objectives";
    case Topic::other:
      return "Other";
  }
  return "";
}

std::optional<Topic> parse_topic(std::string_view s) {
  return parse_by_name(s, kAllTopics, &topic_name);
}

bool is_security_topic(Topic t) { return t != Topic::other && t != Topic::budget; }

std::string_view decision_type_name(DecisionType t) {
  switch (t) {
    case DecisionType::improvement:
      return "improvement";
    case DecisionType::isms_change:
      return "isms_change";
    case DecisionType::resource:
      return "resource";
    case DecisionType::risk_acceptance:
      return "risk_acceptance";
    case DecisionType::other:
      return "other";
  }
  return "";
}

std::string_view decision_type_label(DecisionType t) {
  switch (t) {
    case DecisionType::improvement:
      return "Improvement";
    case DecisionType::isms_change:
      return "Change to the ISMS";
    case DecisionType::resource:
      return "Resources";
    case DecisionType::risk_acceptance:
      return "Risk acceptance";
    case DecisionType::other:
      return "Other";
  }
  return "";
}

std::optional<DecisionType> parse_decision_type(std::string_view s) {
  return parse_by_name(s, kAllDecisionTypes, &decision_type_name);
}

char review_input_letter(ReviewInput i) { return static_cast<char>('a' + static_cast<int>(i)); }

std::string_view review_input_title(ReviewInput i) {
  switch (i) {
    case ReviewInput::actions_status:
      return "Status of actions from previous reviews";
    case ReviewInput::issues:
      return "Changes in external and internal issues";
    case ReviewInput::interested_parties:
      return "Changes in needs and expectations of interested parties";
    case ReviewInput::performance:
      return "Feedback on information security performance";
    case ReviewInput::party_feedback:
      return "Feedback from interested parties";
    case ReviewInput::risk:
      return "Results of risk assessment and status of risk treatment";
    case ReviewInput::improvement:
      return "Opportunities for continual improvement";
  }
  return "";
}

std::optional<ReviewInput> parse_review_input(std::string_view letter) {
  const std::string l = core::ascii_lower(core::trim(letter));
  for (ReviewInput i : kAllReviewInputs) {
    if (l.size() == 1 && l[0] == review_input_letter(i)) {
      return i;
    }
  }
  return std::nullopt;
}

// --- meetings ---

void normalise(MeetingFields& f) {
  f.title = std::string(core::trim(f.title));
  f.place = std::string(core::trim(f.place));
  std::vector<PersonId> out;
  std::set<PersonId> seen;
  if (f.chair) {
    out.push_back(*f.chair);
    seen.insert(*f.chair);
  }
  for (PersonId p : f.invitees) {
    if (seen.insert(p).second) {
      out.push_back(p);
    }
  }
  f.invitees = std::move(out);
}

void validate(const MeetingFields& f, Validation& v) {
  if (!parse_meeting_type(meeting_type_name(f.type))) {
    v.add("type", "is not a meeting type");
  }
  line_field(f.title, "title", 200, true, v);
  if (f.starts_at.us <= 0) {
    v.add("starts_at", "is required (a date and time)");
  } else if (f.starts_at.us / kUsPerDay > kLastDay) {
    v.add("starts_at", "must be a date and time like 2026-04-01T09:00:00Z");
  }
  if (f.duration_minutes < 5 || f.duration_minutes > 1440) {
    v.add("duration_minutes", "must be between 5 and 1440 minutes");
  }
  line_field(f.place, "place", 500, false, v);
  if (f.chair && f.chair->value <= 0) {
    v.add("chair_id", "is not a person of this organization");
  }
  if (f.invitees.size() > 200) {
    v.add("invitees", "must list at most 200 people");
  }
  for (PersonId p : f.invitees) {
    if (p.value <= 0) {
      v.add("invitees", "people are named by their id (a positive number)");
      break;
    }
  }
}

// --- agenda items ---

void normalise(ItemFields& f) {
  f.title = std::string(core::trim(f.title));
  f.presenter = std::string(core::trim(f.presenter));
  // Tags in their declared order, once each: stored and compared as a canonical list.
  std::vector<Topic> tags;
  for (Topic t : kAllTopics) {
    if (std::find(f.tags.begin(), f.tags.end(), t) != f.tags.end()) {
      tags.push_back(t);
    }
  }
  f.tags = std::move(tags);
  if (core::trim(f.minutes).empty()) {
    f.minutes.clear();
  }
  if (core::trim(f.material).empty()) {
    f.material.clear();
  }
}

void validate(const ItemFields& f, Validation& v) {
  line_field(f.title, "title", 300, true, v);
  for (Topic t : f.tags) {
    if (!parse_topic(topic_name(t))) {
      v.add("tags", "contains an unknown topic");
      break;
    }
  }
  markdown_field(f.minutes, "minutes", 100'000, v);
  line_field(f.presenter, "presenter", 200, false, v);
  markdown_field(f.material, "material", 100'000, v);
}

// --- decisions ---

void normalise(DecisionFields& f) { f.text = std::string(core::trim(f.text)); }

void validate(const DecisionFields& f, Validation& v) {
  text_field(f.text, "text", 5000, true, v);
  if (!parse_decision_type(decision_type_name(f.type))) {
    v.add("type", "is not a decision type");
  }
  if (f.item && f.item->value <= 0) {
    v.add("item_id", "is not an agenda item of this meeting");
  }
  if (f.owner && f.owner->value <= 0) {
    v.add("owner_id", "is not a person of this organization");
  }
  if (f.due_on && !valid_day(*f.due_on)) {
    v.add("due_on", "must be a date like 2026-04-01");
  } else if (f.due_on && !f.owner) {
    v.add("due_on", "needs an owner");
  }
}

// --- attachments ---

Result<std::string> attachment_media_type(std::string_view file_name, std::string_view bytes) {
  if (bytes.empty()) {
    return Error::invalid("file", "is empty");
  }
  if (static_cast<std::int64_t>(bytes.size()) > kMaxAttachmentBytes) {
    return Error::invalid("file", "is larger than 10 MiB");
  }
  const std::string name = safe_file_name(file_name);
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string::npos || dot + 1 == name.size()
                              ? ""
                              : core::ascii_lower(name.substr(dot + 1));
  if (ext.empty()) {
    return Error::invalid(
        "file", "has no type: name it with an extension (allowed: " + allowed_list() + ")");
  }
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const Kind& k) { return ext == k.ext; });
  if (kind == std::end(kKinds)) {
    return Error::invalid("file", "type ." + std::string(cut_utf8(ext, 20)) +
                                      " is not allowed (allowed: " + allowed_list() + ")");
  }
  if (!content_matches(*kind, bytes)) {
    return Error::invalid("file", std::string("does not look like ") + kind->what);
  }
  return std::string(kind->media_type);
}

std::string safe_file_name(std::string_view name) {
  const std::string valid = valid_part(name);
  std::string_view last = valid;
  if (auto slash = last.find_last_of("/\\"); slash != std::string_view::npos) {
    last = last.substr(slash + 1);
  }
  std::string kept;
  for (std::size_t i = 0; i < last.size();) {
    auto [cp, n] = decode(last, i);
    if (!unsafe_code_point(cp)) {
      kept.append(last.substr(i, n));
    }
    i += n;
  }
  std::string_view t = core::trim(kept);
  if (t.empty() || t == "." || t == "..") {
    return "attachment";
  }
  if (t.size() <= 200) {
    return std::string(t);
  }
  // Too long: shorten the stem and keep a short extension, so the type stays recognisable.
  const auto dot = t.rfind('.');
  if (dot != std::string_view::npos && t.size() - dot <= 10 && dot > 0) {
    const std::string_view ext = t.substr(dot);
    return std::string(cut_utf8(t.substr(0, dot), 200 - ext.size())) + std::string(ext);
  }
  return std::string(cut_utf8(t, 200));
}

// --- cadence ---

void validate(const Cadence& c, Validation& v) {
  if (c.review_every_months < 1 || c.review_every_months > 36) {
    v.add("review_every_months", "must be between 1 and 36 months");
  }
  if (c.security_agenda_every_months < 1 || c.security_agenda_every_months > 24) {
    v.add("security_agenda_every_months", "must be between 1 and 24 months");
  }
}

}  // namespace mandate::areas::meetings
