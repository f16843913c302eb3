// Policy model: names, normalisation and validation, content hashes, default rules, calendar
// months.
#include "areas/policies/model.hpp"

#include <gtest/gtest.h>

#include "areas/policies/service.hpp"
#include "core/crypto.hpp"

namespace mandate::areas::policies {
namespace {

DocumentFields valid_fields() {
  DocumentFields f;
  f.reference = " pol-001 ";
  f.title = "  Information security policy ";
  f.type = DocType::information_security_policy;
  f.requirements = {"ISO27001:5.2", "ISO27001:5.2", " ISO27001:A.5.1 "};
  return f;
}

TEST(PolicyModelTest, NamesRoundTrip) {
  for (DocType t : kAllDocTypes) {
    EXPECT_EQ(parse_doc_type(doc_type_name(t)), t);
    EXPECT_FALSE(doc_type_label(t).empty());
  }
  for (auto c : {Classification::public_, Classification::internal, Classification::confidential,
                 Classification::restricted}) {
    EXPECT_EQ(parse_classification(classification_name(c)), c);
  }
  EXPECT_EQ(classification_name(Classification::public_), "public");
  for (auto s : {VersionStatus::draft, VersionStatus::in_approval, VersionStatus::approved,
                 VersionStatus::rejected, VersionStatus::published, VersionStatus::archived}) {
    EXPECT_EQ(parse_version_status(version_status_name(s)), s);
  }
  for (auto s : {DocStatus::draft, DocStatus::in_approval, DocStatus::approved,
                 DocStatus::published, DocStatus::retired}) {
    EXPECT_EQ(parse_doc_status(doc_status_name(s)), s);
  }
  EXPECT_EQ(parse_audience_kind("Departments"), AudienceKind::departments);
  EXPECT_EQ(parse_decision("rejected"), Decision::rejected);
  EXPECT_EQ(parse_review_outcome("new_version"), ReviewOutcome::new_version);
  EXPECT_EQ(parse_ack_source("api"), AckSource::api);
  EXPECT_FALSE(parse_doc_type("memo"));
  EXPECT_EQ(parse_sort("review_due"), Sort::review_due);
  EXPECT_FALSE(parse_sort("colour"));
  EXPECT_EQ(bulk_outcome_name(BulkOutcome::already), "already");
}

TEST(PolicyModelTest, NormaliseTrimsUpperCasesAndDeduplicates) {
  DocumentFields f = valid_fields();
  f.audience_values = {"ignored"};
  normalise(f);
  EXPECT_EQ(f.reference, "POL-001");
  EXPECT_EQ(f.title, "Information security policy");
  EXPECT_EQ(f.requirements, (std::vector<std::string>{"ISO27001:5.2", "ISO27001:A.5.1"}));
  EXPECT_TRUE(f.audience_values.empty());  // everyone has no values
  Validation v;
  validate(f, v);
  EXPECT_TRUE(v.ok());

  DocumentFields p = valid_fields();
  p.audience = AudienceKind::people;
  p.audience_values = {"007", "7", " 12 "};
  normalise(p);
  EXPECT_EQ(p.audience_values, (std::vector<std::string>{"7", "12"}));
}

TEST(PolicyModelTest, ValidationNamesEachField) {
  DocumentFields f;
  f.reference = "-bad ref";
  f.title = "";
  f.review_interval_months = 0;
  f.retention_months = 1201;
  f.requirements = {"not a requirement"};
  f.audience = AudienceKind::roles;
  f.audience_values = {"wizard"};
  normalise(f);
  Validation v;
  validate(f, v);
  auto e = v.error().fields;
  for (const char* field : {"reference", "title", "review_interval_months", "retention_months",
                            "requirements", "audience_values"}) {
    EXPECT_TRUE(e.contains(field)) << field;
  }
  DocumentFields d = valid_fields();
  d.audience = AudienceKind::departments;
  normalise(d);
  Validation v2;
  validate(d, v2);
  EXPECT_EQ(v2.error().fields.at("audience_values"), "name at least one department");
  DocumentFields people = valid_fields();
  people.audience = AudienceKind::people;
  people.audience_values = {"alice"};
  Validation v3;
  validate(people, v3);
  EXPECT_TRUE(v3.error().fields.contains("audience_values"));
}

TEST(PolicyModelTest, DraftValidation) {
  Validation ok;
  validate(DraftFields{"# Policy\n\nText.", "First", true, std::nullopt}, ok);
  EXPECT_TRUE(ok.ok());
  Validation v;
  validate(DraftFields{"  \n", std::string(2001, 'x'), true, std::int64_t{-1}}, v);
  auto e = v.error().fields;
  EXPECT_TRUE(e.contains("content"));
  EXPECT_TRUE(e.contains("change_summary"));
  EXPECT_TRUE(e.contains("effective_on"));
  Validation bad_utf8;
  validate(DraftFields{"caf\xC3", "", true, std::nullopt}, bad_utf8);
  EXPECT_EQ(bad_utf8.error().fields.at("content"), "must be UTF-8 text");
  Validation big;
  validate(DraftFields{std::string(1024 * 1024 + 1, 'a'), "", true, std::nullopt}, big);
  EXPECT_EQ(big.error().fields.at("content"), "must be at most 1 MiB");
}

TEST(PolicyModelTest, ContentHashIsHexSha256OfTheBytes) {
  core::crypto_init();
  EXPECT_EQ(content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(content_hash("abc"), content_hash("abc\n"));
}

TEST(PolicyModelTest, DefaultRules) {
  auto isp = default_rule(DocType::information_security_policy);
  EXPECT_TRUE(isp.require_top_management);
  EXPECT_TRUE(isp.require_independence);
  EXPECT_EQ(isp.min_approvers, 1);
  auto proc = default_rule(DocType::procedure);
  EXPECT_FALSE(proc.require_top_management);
  EXPECT_TRUE(proc.require_independence);
}

TEST(PolicyModelTest, AddMonthsClampsToTheMonthEnd) {
  auto day = [](const char* s) { return *core::parse_date(s); };
  EXPECT_EQ(add_months(day("2026-01-31"), 1), day("2026-02-28"));
  EXPECT_EQ(add_months(day("2028-01-31"), 1), day("2028-02-29"));
  EXPECT_EQ(add_months(day("2026-03-01"), 12), day("2027-03-01"));
  EXPECT_EQ(add_months(day("2026-11-15"), 3), day("2027-02-15"));
  EXPECT_EQ(add_months(day("2026-03-31"), -1), day("2026-02-28"));
  EXPECT_EQ(add_months(day("2026-05-10"), 60), day("2031-05-10"));
}

}  // namespace
}  // namespace mandate::areas::policies
