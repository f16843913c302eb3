// tests/report/pdf_test.cpp — the PDF layout read back by independent tools: poppler's pdftotext
// (text content, page furniture, escaping, splitting across pages) and pdfinfo (page count,
// metadata); and the Markdown-to-blocks conversion.
#include "report/pdf.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <string>

#include "support/temp_dir.hpp"

// GCC 12 at -O2 reports moves of std::variant<Paragraph, KeyValues> (the bools of an inactive
// alternative) as maybe-uninitialized: a known false positive of its scalar replacement of
// aggregates in std::variant (GCC bugs 105562, 106238).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace mandate::report {
namespace {

std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  EXPECT_NE(pipe, nullptr) << cmd;
  std::string out;
  std::array<char, 4096> buf{};
  for (std::size_t n; pipe && (n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0;) {
    out.append(buf.data(), n);
  }
  return out;
}

struct Rendered {
  std::string text;  // pdftotext -layout, pages separated by \f
  std::vector<std::string> pages;
  std::string info;  // pdfinfo
  int page_count = 0;
};

Rendered render_and_read(const Document& doc) {
  test::TempDir dir;
  const std::string bytes = render_pdf(doc);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  const std::string path = dir.file("out.pdf");
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  Rendered r;
  r.text = run("pdftotext -enc UTF-8 -layout '" + path + "' - 2>&1");
  r.info = run("pdfinfo -enc UTF-8 '" + path + "' 2>&1");
  std::smatch m;
  if (std::regex_search(r.info, m, std::regex("Pages:\\s+(\\d+)"))) {
    r.page_count = std::stoi(m[1]);
  }
  std::size_t start = 0;
  for (std::size_t ff; (ff = r.text.find('\f', start)) != std::string::npos; start = ff + 1) {
    r.pages.push_back(r.text.substr(start, ff - start));
  }
  return r;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos;
       at = hay.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

Paragraph para(Text t, bool small = false, bool muted = false) {
  Paragraph p;
  p.text = std::move(t);
  p.small = small;
  p.muted = muted;
  return p;
}

std::string two_digits(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }

Document sample() {
  Document doc;
  doc.title = "Northwind — minutes of the management review";
  doc.subject = "Management review 2026-03-12";
  doc.footer = "Northwind · minutes · sha256 3f2a";
  doc.blocks.push_back(Heading{1, "Management review Q1"});
  doc.blocks.push_back(
      para(plain("Café in der Straße: Ærøskøbing, naïve façade, Łódź, "
                 "Ελληνικά, Кириллица.")));
  Text markupish = plain("Literal: ");
  markupish.push_back(Run{"<b>not bold</b> & co", Run::Style::bold});
  markupish.push_back(Run{" and <i>&amp;</i>", Run::Style::mono});
  doc.blocks.push_back(para(markupish));
  doc.blocks.push_back(Heading{2, "Attendees"});
  doc.blocks.push_back(Bullets{{plain("Ana Silva (chair, top management)"), plain("Jörg Weiß")}});
  doc.blocks.push_back(Bullets{{plain("first numbered"), plain("second numbered")}, 3});
  doc.blocks.push_back(
      KeyValues{{{"Meeting type", plain("Management review")}, {"Place", plain("Room 4 <b>")}}});
  Table t;
  t.header = {"Decision header", "Type", "Owner", "Due"};
  t.widths = {0.46, 0.18, 0.2, 0.16};
  for (int i = 1; i <= 120; ++i) {
    const std::string id = "row-" + std::string(i < 100 ? "0" : "") + two_digits(i);
    t.rows.push_back({plain(id + " replace the VPN concentrator and review the firewall rules of "
                                 "the branch offices before the audit"),
                      plain("improvement"), plain("Ana Silva"), plain("2026-09-30")});
  }
  doc.blocks.push_back(Heading{2, "Decisions"});
  doc.blocks.push_back(t);
  Box box;
  box.title = "Signature";
  box.content.push_back(
      KeyValues{{{"Signed by", plain("Ana Silva")},
                 {"Content SHA-256", Text{Run{std::string(120, 'a'), Run::Style::mono}}}}});
  box.content.push_back(para(plain("checkpoint note verbatim"), true, true));
  doc.blocks.push_back(box);
  return doc;
}

TEST(PdfTest, TextHeadingsAndCellsReadBackWithPageNumbersAndMetadata) {
  const auto r = render_and_read(sample());
  EXPECT_GT(r.page_count, 1) << r.info;
  EXPECT_EQ(static_cast<int>(r.pages.size()), r.page_count);
  EXPECT_NE(r.info.find("Title:           Northwind — minutes of the management review"),
            std::string::npos)
      << r.info;
  EXPECT_NE(r.info.find("Subject:         Management review 2026-03-12"), std::string::npos);
  EXPECT_NE(r.info.find("Creator:         Mandate"), std::string::npos);
  EXPECT_NE(r.info.find("A4"), std::string::npos) << r.info;

  for (const char* s :
       {"Management review Q1", "Attendees", "Decisions", "Café in der Straße", "Ærøskøbing",
        "Łódź", "Ελληνικά", "Кириллица", "Jörg Weiß", "Meeting type", "Room 4 <b>", "row-001",
        "row-120", "2026-09-30", "Signature", "checkpoint note verbatim", "3.", "4."}) {
    EXPECT_NE(r.text.find(s), std::string::npos) << s;
  }
  // Markup-looking input is text, drawn literally (not parsed as Pango markup).
  EXPECT_NE(r.text.find("<b>not bold</b> & co"), std::string::npos) << r.text.substr(0, 2000);
  EXPECT_NE(r.text.find("<i>&amp;</i>"), std::string::npos);
  // Each page has its header title and its number.
  for (int i = 1; i <= r.page_count; ++i) {
    const auto& page = r.pages[static_cast<std::size_t>(i - 1)];
    const std::string n = "page " + std::to_string(i) + " of " + std::to_string(r.page_count);
    EXPECT_NE(page.find(n), std::string::npos) << n;
    EXPECT_NE(page.find("Northwind — minutes of the management review"), std::string::npos);
    EXPECT_NE(page.find("Northwind · minutes · sha256 3f2a"), std::string::npos);
  }
  // Every row once.
  for (int i = 1; i <= 120; ++i) {
    const std::string id = "row-" + std::string(i < 100 ? "0" : "") + two_digits(i);
    EXPECT_EQ(count(r.text, id), 1u) << id;
  }
  EXPECT_NE(r.text.find(std::string(40, 'a')), std::string::npos);
  // A word too long for its line (a hash) is broken inside, not pushed out of the cell.
  EXPECT_EQ(r.text.find(std::string(120, 'a')), std::string::npos);
}

TEST(PdfTest, TableHeaderRowRepeatsOnEveryPageTheTableSpans) {
  const auto r = render_and_read(sample());
  int pages_with_rows = 0;
  for (const auto& page : r.pages) {
    if (page.find("row-") != std::string::npos) {
      ++pages_with_rows;
      EXPECT_EQ(count(page, "Decision header"), 1u) << page.substr(0, 800);
      // The header comes before the first row of the page.
      EXPECT_LT(page.find("Decision header"), page.find("row-"));
    }
  }
  EXPECT_GE(pages_with_rows, 2);
}

TEST(PdfTest, AParagraphLongerThanAPageSplitsBetweenLinesEachDrawnOnce) {
  Document doc;
  doc.title = "Long";
  std::string words;
  for (int i = 1; i <= 1500; ++i) {
    words += "w" + std::to_string(10000 + i) + " ";
  }
  doc.blocks.push_back(para(plain(words)));
  const auto r = render_and_read(doc);
  EXPECT_GE(r.page_count, 2);
  for (int i = 1; i <= 1500; ++i) {
    ASSERT_EQ(count(r.text, "w" + std::to_string(10000 + i)), 1u) << i;
  }
}

TEST(PdfTest, AnEmptyDocumentIsOnePageAndBadTextIsRepaired) {
  Document doc;
  doc.title = "Empty \xff title";
  const auto empty = render_and_read(doc);
  EXPECT_EQ(empty.page_count, 1);
  EXPECT_NE(empty.text.find("page 1 of 1"), std::string::npos);

  doc.blocks.push_back(para(plain("bad \xc3\x28 bytes\x01 and a\ttab")));
  doc.blocks.push_back(Table{{}, {}, {{plain("no header")}}});
  doc.blocks.push_back(Table{});  // no columns at all: nothing drawn
  const auto r = render_and_read(doc);
  EXPECT_EQ(r.page_count, 1);
  EXPECT_NE(r.text.find("bytes"), std::string::npos);
  EXPECT_NE(r.text.find("no header"), std::string::npos);
}

TEST(PdfTest, ABoxStaysOnOnePageWhenItFits) {
  Document doc;
  doc.title = "Box";
  // Fill most of the first page, then a box that would not fit below.
  for (int i = 0; i < 40; ++i) {
    doc.blocks.push_back(para(plain("filler line " + std::to_string(i))));
  }
  Box box;
  box.title = "Signature block";
  KeyValues kv;
  for (int i = 0; i < 8; ++i) {
    kv.rows.push_back({"key " + std::to_string(i), plain("value " + std::to_string(i))});
  }
  box.content.push_back(kv);
  doc.blocks.push_back(box);
  const auto r = render_and_read(doc);
  ASSERT_EQ(r.page_count, 2);
  EXPECT_NE(r.pages[1].find("Signature block"), std::string::npos);
  EXPECT_NE(r.pages[1].find("value 0"), std::string::npos);
  EXPECT_NE(r.pages[1].find("value 7"), std::string::npos);
}

// --- markdown_blocks ---

std::string joined(const Text& t) {
  std::string s;
  for (const auto& r : t) {
    s += r.text;
  }
  return s;
}

TEST(PdfTest, MarkdownBecomesBlocksWithStylesAndWithoutRawHtml) {
  const auto blocks = markdown_blocks(
      "# Title\n\nSome **bold** and *italic* and `code`, a [link](https://example.com/x) and "
      "<script>alert(1)</script> a [bad](javascript:alert(1)).\n\n"
      "- one\n- two\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] open\n\n"
      "| A | B |\n|---|---|\n| a1 | **b1** |\n\n> quoted\n\n```\nint x;\n```\n\n"
      "<div>raw block</div>\n\n###### deep\n",
      1);
  ASSERT_GE(blocks.size(), 9u);
  const auto& h = std::get<Heading>(blocks[0]);
  EXPECT_EQ(h.level, 2);
  EXPECT_EQ(h.text, "Title");

  const auto& p = std::get<Paragraph>(blocks[1]);
  const std::string s = joined(p.text);
  EXPECT_NE(s.find("link (https://example.com/x)"), std::string::npos) << s;
  EXPECT_EQ(s.find("script"), std::string::npos) << s;
  EXPECT_EQ(s.find("javascript"), std::string::npos) << s;
  EXPECT_NE(s.find("a bad."), std::string::npos) << s;
  bool saw_bold = false, saw_italic = false, saw_mono = false;
  for (const auto& r : p.text) {
    saw_bold = saw_bold || (r.style == Run::Style::bold && r.text == "bold");
    saw_italic = saw_italic || (r.style == Run::Style::italic && r.text == "italic");
    saw_mono = saw_mono || (r.style == Run::Style::mono && r.text == "code");
  }
  EXPECT_TRUE(saw_bold && saw_italic && saw_mono);

  const auto& list = std::get<Bullets>(blocks[2]);
  ASSERT_EQ(list.items.size(), 3u);
  EXPECT_EQ(list.start, 0);
  EXPECT_EQ(joined(list.items[2]), "\u2013 nested");
  const auto& numbered = std::get<Bullets>(blocks[3]);
  EXPECT_EQ(numbered.start, 3);
  ASSERT_EQ(numbered.items.size(), 2u);
  const auto& tasks = std::get<Bullets>(blocks[4]);
  EXPECT_EQ(joined(tasks.items[0]), "\u2611 done");
  EXPECT_EQ(joined(tasks.items[1]), "\u2610 open");

  const auto& table = std::get<Table>(blocks[5]);
  EXPECT_EQ(table.header, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0][1].at(0).style, Run::Style::bold);

  const auto& quote = std::get<Paragraph>(blocks[6]);
  EXPECT_TRUE(quote.muted);
  const auto& code = std::get<Paragraph>(blocks[7]);
  EXPECT_EQ(code.text.at(0).text, "int x;");
  EXPECT_EQ(code.text.at(0).style, Run::Style::mono);
  // The raw HTML block is gone; the level-6 heading is capped at 3.
  const auto& deep = std::get<Heading>(blocks[8]);
  EXPECT_EQ(deep.level, 3);
  for (const auto& b : blocks) {
    if (const auto* para = std::get_if<Paragraph>(&b)) {
      EXPECT_EQ(joined(para->text).find("raw block"), std::string::npos);
    }
  }
}

TEST(PdfTest, DeeplyNestedMarkdownIsFlattenedNotRecursedInto) {
  const std::string quotes(20000, '>');
  const auto blocks = markdown_blocks(quotes + " deep text\n");
  std::string all;
  for (const auto& b : blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      all += joined(p->text);
    }
  }
  EXPECT_NE(all.find("deep text"), std::string::npos);
}

TEST(PdfTest, MarkdownRendersIntoThePdf) {
  Document doc;
  doc.title = "Minutes";
  doc.blocks = markdown_blocks(
      "## Discussion\n\nThe board **approved** the budget.\n\n| Risk | Owner |\n|---|---|\n| "
      "Ransomware | Jörg |\n");
  const auto r = render_and_read(doc);
  for (const char* s : {"Discussion", "The board approved the budget.", "Ransomware", "Jörg"}) {
    EXPECT_NE(r.text.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace mandate::report
