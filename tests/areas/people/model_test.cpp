// CSV parsing and people field validation (no database).
#include <gtest/gtest.h>

#include "areas/people/model.hpp"
#include "core/csv.hpp"

namespace mandate {
namespace {

TEST(CsvTest, ParsesQuotedFieldsBomAndCrlf) {
  std::vector<core::CsvProblem> problems;
  auto t = core::parse_csv("\xEF\xBB\xBFname,email\r\n\"Lovelace, Ada\",ada@x.com\r\n\r\n"
                           "\"Multi\nLine\",\"q\"\"uote@x.com\"\r\n",
                           problems);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->header, (std::vector<std::string>{"name", "email"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].cells[0], "Lovelace, Ada");
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[1].cells[0], "Multi\nLine");
  EXPECT_EQ(t->rows[1].cells[1], "q\"uote@x.com");
  EXPECT_EQ(t->rows[1].line, 4);
}

TEST(CsvTest, ReportsRaggedRowsByLine) {
  std::vector<core::CsvProblem> problems;
  auto t = core::parse_csv("a,b\n1,2\n3\n4,5,6\n", problems);
  ASSERT_FALSE(t);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_EQ(problems[1].line, 4);
  EXPECT_TRUE(t.error().fields.contains("file"));
}

TEST(CsvTest, ReportsInvalidUtf8ByLine) {
  std::vector<core::CsvProblem> problems;
  auto t = core::parse_csv("a,b\nok,fine\nbad,\xff\xfe\n", problems);
  ASSERT_FALSE(t);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
}

TEST(CsvTest, ReportsUnterminatedQuote) {
  std::vector<core::CsvProblem> problems;
  EXPECT_FALSE(core::parse_csv("a,b\n\"open,2\n", problems));
  ASSERT_EQ(problems.size(), 1u);
}

TEST(CsvTest, RefusesDuplicateHeadersAndEmptyFiles) {
  std::vector<core::CsvProblem> p1, p2;
  EXPECT_FALSE(core::parse_csv("Email,email\n", p1));
  EXPECT_FALSE(core::parse_csv("", p2));
}

TEST(CsvTest, LinesQuoteAndDefuseFormulas) {
  EXPECT_EQ(core::csv_line({"a", "b,c", "say \"hi\"", "=SUM(A1)"}),
            "a,\"b,c\",\"say \"\"hi\"\"\",'=SUM(A1)\r\n");
}

TEST(PersonModelTest, NormalisesAndValidates) {
  areas::people::PersonFields f{"  Ada  ", " Ada@Example.COM ", "", "", {}, {}, std::string(" ")};
  areas::people::normalise(f);
  EXPECT_EQ(f.name, "Ada");
  EXPECT_EQ(f.email, "ada@example.com");
  EXPECT_FALSE(f.external_id);
  Validation v;
  areas::people::validate(f, v);
  EXPECT_TRUE(v.ok());

  areas::people::PersonFields bad{"", "not-an-email", std::string(201, 'x'), "a\x01", {}, {}, {}};
  Validation v2;
  areas::people::validate(bad, v2);
  auto e = v2.error();
  EXPECT_TRUE(e.fields.contains("name"));
  EXPECT_TRUE(e.fields.contains("email"));
  EXPECT_TRUE(e.fields.contains("job_title"));
  EXPECT_TRUE(e.fields.contains("department"));
}

}  // namespace
}  // namespace mandate
