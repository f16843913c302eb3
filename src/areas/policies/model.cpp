// areas/policies/model.cpp — names, validation, hashing and calendar arithmetic for policies
// (see model.hpp).
#include "areas/policies/model.hpp"

#include <algorithm>
#include <set>

#include "areas/common/fields.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"

namespace mandate::areas::policies {
namespace {

constexpr Classification kClassifications[] = {Classification::public_, Classification::internal,
                                               Classification::confidential,
                                               Classification::restricted};
constexpr AudienceKind kAudienceKinds[] = {AudienceKind::everyone, AudienceKind::departments,
                                           AudienceKind::roles, AudienceKind::people};
constexpr DocStatus kDocStatuses[] = {DocStatus::draft, DocStatus::in_approval,
                                      DocStatus::approved, DocStatus::published,
                                      DocStatus::retired};
constexpr VersionStatus kVersionStatuses[] = {VersionStatus::draft,    VersionStatus::in_approval,
                                              VersionStatus::approved, VersionStatus::rejected,
                                              VersionStatus::published, VersionStatus::archived};
constexpr Decision kDecisions[] = {Decision::pending, Decision::approved, Decision::rejected};
constexpr ReviewOutcome kOutcomes[] = {ReviewOutcome::no_change, ReviewOutcome::new_version};

bool valid_reference(std::string_view s) {
  if (s.empty() || s.size() > 32) {
    return false;
  }
  auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(s.front())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// Catalog ids: "ISO27001:5.2", "ISO27001:A.5.1", "NIS2:21.2.a".
bool valid_requirement(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= s.size() || s.size() > 64) {
    return false;
  }
  auto word = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == colon) {
      continue;
    }
    if (!(word(s[i]) || (i > colon && s[i] == '.'))) {
      return false;
    }
  }
  return true;
}

void dedupe(std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto& x : values) {
    std::string t(core::trim(x));
    if (!t.empty() && seen.insert(t).second) {
      out.push_back(std::move(t));
    }
  }
  values = std::move(out);
}

// Civil calendar <-> days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithms).
struct Civil {
  std::int64_t y;
  unsigned m, d;
};
Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
unsigned last_day(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string_view doc_type_name(DocType t) {
  switch (t) {
    case DocType::information_security_policy: return "information_security_policy";
    case DocType::topic_specific_policy: return "topic_specific_policy";
    case DocType::procedure: return "procedure";
    case DocType::standard: return "standard";
    case DocType::guideline: return "guideline";
    case DocType::record: return "record";
  }
  return "";
}

std::string_view doc_type_label(DocType t) {
  switch (t) {
    case DocType::information_security_policy: return "Information security policy";
    case DocType::topic_specific_policy: return "Topic-specific policy";
    case DocType::procedure: return "Procedure";
    case DocType::standard: return "Standard";
    case DocType::guideline: return "Guideline";
    case DocType::record: return "Record";
  }
  return "";
}

std::optional<DocType> parse_doc_type(std::string_view s) {
  return parse_by_name(s, kAllDocTypes, &doc_type_name);
}

std::string_view classification_name(Classification c) {
  switch (c) {
    case Classification::public_: return "public";
    case Classification::internal: return "internal";
    case Classification::confidential: return "confidential";
    case Classification::restricted: return "restricted";
  }
  return "";
}

std::optional<Classification> parse_classification(std::string_view s) {
  return parse_by_name(s, kClassifications, &classification_name);
}

std::string_view audience_kind_name(AudienceKind k) {
  switch (k) {
    case AudienceKind::everyone: return "everyone";
    case AudienceKind::departments: return "departments";
    case AudienceKind::roles: return "roles";
    case AudienceKind::people: return "people";
  }
  return "";
}

std::optional<AudienceKind> parse_audience_kind(std::string_view s) {
  return parse_by_name(s, kAudienceKinds, &audience_kind_name);
}

std::string_view doc_status_name(DocStatus s) {
  switch (s) {
    case DocStatus::draft: return "draft";
    case DocStatus::in_approval: return "in_approval";
    case DocStatus::approved: return "approved";
    case DocStatus::published: return "published";
    case DocStatus::retired: return "retired";
  }
  return "";
}

std::optional<DocStatus> parse_doc_status(std::string_view s) {
  return parse_by_name(s, kDocStatuses, &doc_status_name);
}

std::string_view version_status_name(VersionStatus s) {
  switch (s) {
    case VersionStatus::draft: return "draft";
    case VersionStatus::in_approval: return "in_approval";
    case VersionStatus::approved: return "approved";
    case VersionStatus::rejected: return "rejected";
    case VersionStatus::published: return "published";
    case VersionStatus::archived: return "archived";
  }
  return "";
}

std::optional<VersionStatus> parse_version_status(std::string_view s) {
  return parse_by_name(s, kVersionStatuses, &version_status_name);
}

std::string_view decision_name(Decision d) {
  switch (d) {
    case Decision::pending: return "pending";
    case Decision::approved: return "approved";
    case Decision::rejected: return "rejected";
  }
  return "";
}

std::optional<Decision> parse_decision(std::string_view s) {
  return parse_by_name(s, kDecisions, &decision_name);
}

std::string_view review_outcome_name(ReviewOutcome o) {
  return o == ReviewOutcome::no_change ? "no_change" : "new_version";
}

std::optional<ReviewOutcome> parse_review_outcome(std::string_view s) {
  return parse_by_name(s, kOutcomes, &review_outcome_name);
}

std::string_view ack_source_name(AckSource s) { return s == AckSource::ui ? "ui" : "api"; }

std::optional<AckSource> parse_ack_source(std::string_view s) {
  if (s == "ui") {
    return AckSource::ui;
  }
  if (s == "api") {
    return AckSource::api;
  }
  return std::nullopt;
}

void normalise(DocumentFields& f) {
  f.reference = std::string(core::trim(f.reference));
  std::transform(f.reference.begin(), f.reference.end(), f.reference.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  f.title = std::string(core::trim(f.title));
  if (f.audience == AudienceKind::everyone) {
    f.audience_values.clear();
  } else if (f.audience == AudienceKind::roles) {
    for (auto& r : f.audience_values) {
      r = core::ascii_lower(core::trim(r));
    }
  }
  dedupe(f.audience_values);
  if (f.audience == AudienceKind::people) {
    // Person ids compare as numbers: "007" and "7" are the same person.
    for (auto& p : f.audience_values) {
      if (!p.empty() && p.size() < 19 &&
          std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        p = std::to_string(std::stoll(p));
      }
    }
    dedupe(f.audience_values);
  }
  dedupe(f.requirements);
}

void validate(const DocumentFields& f, Validation& v) {
  if (f.reference.empty()) {
    v.add("reference", "is required (e.g. POL-001)");
  } else if (!valid_reference(f.reference)) {
    v.add("reference",
          "must be 1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit");
  }
  line_field(f.title, "title", 200, true, v);
  if (f.owner && f.owner->value <= 0) {
    v.add("owner_id", "is not a person of this organization");
  }
  switch (f.audience) {
    case AudienceKind::everyone:
      break;
    case AudienceKind::departments:
      if (f.audience_values.empty()) {
        v.add("audience_values", "name at least one department");
      }
      for (const auto& d : f.audience_values) {
        if (!core::is_plain_text(d, 120)) {
          v.add("audience_values", "department names must be plain text of at most 120 characters");
          break;
        }
      }
      break;
    case AudienceKind::roles:
      if (f.audience_values.empty()) {
        v.add("audience_values", "name at least one role");
      }
      for (const auto& r : f.audience_values) {
        if (!parse_role(r)) {
          v.add("audience_values", "\"" + r + "\" is not a role (admin, top_management, "
                                              "isms_manager, contributor, staff, auditor)");
          break;
        }
      }
      break;
    case AudienceKind::people:
      if (f.audience_values.empty()) {
        v.add("audience_values", "name at least one person");
      }
      for (const auto& p : f.audience_values) {
        if (p.empty() || p.size() > 18 || p == "0" ||
            !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          v.add("audience_values", "people are named by their id (a positive number)");
          break;
        }
      }
      break;
  }
  if (f.audience_values.size() > 500) {
    v.add("audience_values", "must list at most 500 entries");
  }
  if (f.review_interval_months < 1 || f.review_interval_months > 60) {
    v.add("review_interval_months", "must be between 1 and 60 months");
  }
  if (f.retention_months < 0 || f.retention_months > 1200) {
    v.add("retention_months", "must be between 0 and 1200 months");
  }
  if (f.requirements.size() > 100) {
    v.add("requirements", "must list at most 100 requirements");
  }
  for (const auto& r : f.requirements) {
    if (!valid_requirement(r)) {
      v.add("requirements", "\"" + r + "\" is not a requirement id like ISO27001:5.2");
      break;
    }
  }
}

void validate(const DraftFields& f, Validation& v) {
  if (core::trim(f.content).empty()) {
    v.add("content", "is required");
  } else if (f.content.size() > 1024 * 1024) {
    v.add("content", "must be at most 1 MiB");
  } else if (!core::valid_utf8(f.content)) {
    v.add("content", "must be UTF-8 text");
  } else if (core::has_control_chars(f.content)) {
    v.add("content", "must not contain control characters");
  }
  if (!f.change_summary.empty()) {
    if (!core::valid_utf8(f.change_summary) || core::has_control_chars(f.change_summary)) {
      v.add("change_summary", "must be plain text");
    } else if (core::utf8_length(f.change_summary) > 2000) {
      v.add("change_summary", "must be at most 2000 characters");
    }
  }
  // 1970-01-01 .. 9999-12-31.
  if (f.effective_on && (*f.effective_on < 0 || *f.effective_on > 2932896)) {
    v.add("effective_on", "must be a date like 2026-04-01");
  }
}

std::string content_hash(std::string_view content) { return core::hex(core::sha256(content)); }

ApprovalRule default_rule(DocType t) {
  ApprovalRule r;
  r.type = t;
  r.min_approvers = 1;
  r.require_top_management = t == DocType::information_security_policy;
  r.require_independence = true;
  return r;
}

std::int64_t add_months(std::int64_t day, int months) {
  Civil c = civil_from_days(day);
  std::int64_t total = c.y * 12 + static_cast<std::int64_t>(c.m - 1) + months;
  std::int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned m = static_cast<unsigned>(total - y * 12) + 1;
  unsigned d = std::min(c.d, last_day(y, m));
  return days_from_civil(y, m, d);
}

}  // namespace mandate::areas::policies
