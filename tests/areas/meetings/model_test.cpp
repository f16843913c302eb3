// Meetings model: names and labels, normalisation and validation with field names, attachment
// kinds checked against their content, safe file names, cadence bounds.
#include "areas/meetings/model.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;

std::string field_error(const Validation& v, const std::string& field) {
  auto e = v.error();
  auto it = e.fields.find(field);
  return it == e.fields.end() ? "" : it->second;
}

std::string file_error(std::string_view name, std::string_view bytes) {
  auto r = attachment_media_type(name, bytes);
  if (r) {
    return "";
  }
  EXPECT_EQ(r.error().code, Errc::invalid);
  return r.error().fields.contains("file") ? r.error().fields.at("file") : "(no file field)";
}

const std::string kPdf = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR....";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF";
const std::string kDocx =
    std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml<Types/>";
std::string odf(std::string_view type) {
  return std::string("PK\x03\x04", 4) + std::string(26, '\0') + "mimetype" + std::string(type);
}

TEST(MeetingModelTest, NamesAndLabelsRoundTrip) {
  for (MeetingType t : kAllMeetingTypes) {
    EXPECT_EQ(parse_meeting_type(meeting_type_name(t)), t);
    EXPECT_FALSE(meeting_type_label(t).empty());
  }
  EXPECT_EQ(meeting_type_name(MeetingType::executive_committee), "executive_committee");
  EXPECT_EQ(meeting_type_label(MeetingType::executive_committee), "Executive committee");
  EXPECT_EQ(parse_meeting_type(" Management_Review "), MeetingType::management_review);
  EXPECT_FALSE(parse_meeting_type("party"));
  EXPECT_TRUE(is_executive(MeetingType::board));
  EXPECT_FALSE(is_executive(MeetingType::management_review));

  EXPECT_EQ(meeting_status_name(MeetingStatus::signed_off), "signed");
  for (auto s : {MeetingStatus::planned, MeetingStatus::signed_off, MeetingStatus::cancelled}) {
    EXPECT_EQ(parse_meeting_status(meeting_status_name(s)), s);
  }
  EXPECT_FALSE(parse_meeting_status("signed_off"));
  for (auto a :
       {Attendance::invited, Attendance::present, Attendance::excused, Attendance::absent}) {
    EXPECT_EQ(parse_attendance(attendance_name(a)), a);
  }
  EXPECT_FALSE(parse_attendance("late"));

  for (Topic t : kAllTopics) {
    EXPECT_EQ(parse_topic(topic_name(t)), t);
    EXPECT_FALSE(topic_label(t).empty());
  }
  EXPECT_EQ(topic_label(Topic::suppliers), "Third parties and suppliers");
  EXPECT_TRUE(is_security_topic(Topic::information_security));
  EXPECT_TRUE(is_security_topic(Topic::risk));
  EXPECT_TRUE(is_security_topic(Topic::suppliers));
  EXPECT_FALSE(is_security_topic(Topic::budget));
  EXPECT_FALSE(is_security_topic(Topic::other));

  for (DecisionType t : kAllDecisionTypes) {
    EXPECT_EQ(parse_decision_type(decision_type_name(t)), t);
  }
  EXPECT_EQ(decision_type_label(DecisionType::isms_change), "Change to the ISMS");

  std::string letters;
  for (ReviewInput i : kAllReviewInputs) {
    letters += review_input_letter(i);
    EXPECT_EQ(parse_review_input(std::string(1, review_input_letter(i))), i);
    EXPECT_FALSE(review_input_title(i).empty());
  }
  EXPECT_EQ(letters, "abcdefg");
  EXPECT_EQ(review_input_title(ReviewInput::actions_status),
            "Status of actions from previous reviews");
  EXPECT_EQ(parse_review_input("G"), ReviewInput::improvement);
  EXPECT_FALSE(parse_review_input("h"));
  EXPECT_FALSE(parse_review_input("ab"));
}

TEST(MeetingModelTest, MeetingFieldsNormaliseAndValidate) {
  MeetingFields f;
  f.type = MeetingType::board;
  f.title = "  Board meeting Q1 ";
  f.place = " Room 4 ";
  f.starts_at = *core::parse_timestamp("2026-03-10T09:00:00Z");
  f.chair = PersonId{7};
  f.invitees = {PersonId{3}, PersonId{7}, PersonId{3}, PersonId{5}};
  normalise(f);
  EXPECT_EQ(f.title, "Board meeting Q1");
  EXPECT_EQ(f.place, "Room 4");
  // The chair first, then the others once each in their order.
  EXPECT_EQ(f.invitees, (std::vector<PersonId>{PersonId{7}, PersonId{3}, PersonId{5}}));
  Validation ok;
  validate(f, ok);
  EXPECT_TRUE(ok.ok());

  MeetingFields bad;
  bad.title = "";
  bad.starts_at = Timestamp{0};
  bad.duration_minutes = 4;
  bad.place = "line\nbreak";
  bad.chair = PersonId{-1};
  bad.invitees = {PersonId{0}};
  Validation v;
  validate(bad, v);
  EXPECT_EQ(field_error(v, "title"), "is required");
  EXPECT_NE(field_error(v, "starts_at"), "");
  EXPECT_EQ(field_error(v, "duration_minutes"), "must be between 5 and 1440 minutes");
  EXPECT_EQ(field_error(v, "place"), "must be plain text on one line");
  EXPECT_NE(field_error(v, "chair_id"), "");
  EXPECT_NE(field_error(v, "invitees"), "");

  MeetingFields longish = f;
  longish.title = std::string(201, 'x');
  longish.duration_minutes = 1441;
  Validation v2;
  validate(longish, v2);
  EXPECT_EQ(field_error(v2, "title"), "must be at most 200 characters");
  EXPECT_NE(field_error(v2, "duration_minutes"), "");
  // 200 characters of two bytes each are fine: the limit counts characters.
  longish.title.clear();
  for (int i = 0; i < 200; ++i) {
    longish.title += "é";
  }
  longish.duration_minutes = 1440;
  Validation v3;
  validate(longish, v3);
  EXPECT_TRUE(v3.ok());
}

TEST(MeetingModelTest, ItemFieldsNormaliseAndValidate) {
  ItemFields f;
  f.title = " Risk report ";
  f.tags = {Topic::other, Topic::risk, Topic::information_security, Topic::risk};
  f.minutes = "   \n ";
  f.presenter = " Ivan ";
  normalise(f);
  EXPECT_EQ(f.title, "Risk report");
  EXPECT_EQ(f.tags, (std::vector<Topic>{Topic::information_security, Topic::risk, Topic::other}));
  EXPECT_TRUE(f.minutes.empty());
  EXPECT_EQ(f.presenter, "Ivan");
  Validation ok;
  validate(f, ok);
  EXPECT_TRUE(ok.ok());

  ItemFields bad;
  bad.minutes = std::string(100'001, 'm');
  bad.material = std::string("bell\x07", 5);
  bad.presenter = std::string(201, 'p');
  Validation v;
  validate(bad, v);
  EXPECT_EQ(field_error(v, "title"), "is required");
  EXPECT_EQ(field_error(v, "minutes"), "must be at most 100,000 characters");
  EXPECT_NE(field_error(v, "material"), "");
  EXPECT_EQ(field_error(v, "presenter"), "must be at most 200 characters");
  bad.title = std::string(301, 't');
  Validation v2;
  validate(bad, v2);
  EXPECT_EQ(field_error(v2, "title"), "must be at most 300 characters");
}

TEST(MeetingModelTest, DecisionFieldsNeedTextAndAnOwnerForADueDate) {
  DecisionFields f;
  f.text = "  Fund the SOC pilot.\nReport back in Q3. ";
  f.type = DecisionType::resource;
  f.owner = PersonId{4};
  f.due_on = core::parse_date("2026-09-30");
  normalise(f);
  EXPECT_EQ(f.text, "Fund the SOC pilot.\nReport back in Q3.");
  Validation ok;
  validate(f, ok);
  EXPECT_TRUE(ok.ok());

  DecisionFields no_owner = f;
  no_owner.owner.reset();
  Validation v;
  validate(no_owner, v);
  EXPECT_EQ(field_error(v, "due_on"), "needs an owner");

  DecisionFields bad;
  bad.text = " ";
  bad.owner = PersonId{0};
  bad.item = ItemId{-3};
  bad.due_on = -1;
  normalise(bad);
  Validation v2;
  validate(bad, v2);
  EXPECT_EQ(field_error(v2, "text"), "is required");
  EXPECT_NE(field_error(v2, "owner_id"), "");
  EXPECT_NE(field_error(v2, "item_id"), "");
  EXPECT_EQ(field_error(v2, "due_on"), "must be a date like 2026-04-01");
  bad.text = std::string(5001, 'x');
  Validation v3;
  validate(bad, v3);
  EXPECT_EQ(field_error(v3, "text"), "must be text of at most 5000 characters");
}

TEST(MeetingModelTest, AttachmentKindsAreCheckedAgainstTheirContent) {
  EXPECT_EQ(attachment_media_type("minutes.pdf", kPdf).value(), "application/pdf");
  EXPECT_EQ(attachment_media_type("Chart.PNG", kPng).value(), "image/png");
  EXPECT_EQ(attachment_media_type("photo.jpeg", kJpeg).value(), "image/jpeg");
  EXPECT_EQ(attachment_media_type("photo.jpg", kJpeg).value(), "image/jpeg");
  EXPECT_EQ(attachment_media_type("plan.docx", kDocx).value(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(attachment_media_type("budget.xlsx", kDocx).value(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(attachment_media_type("deck.pptx", kDocx).value(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  EXPECT_EQ(
      attachment_media_type("notes.odt", odf("application/vnd.oasis.opendocument.text")).value(),
      "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(
      attachment_media_type("t.ods", odf("application/vnd.oasis.opendocument.spreadsheet")).value(),
      "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(attachment_media_type("t.odp", odf("application/vnd.oasis.opendocument.presentation"))
                .value(),
            "application/vnd.oasis.opendocument.presentation");
  EXPECT_EQ(attachment_media_type("notes.txt", "Plain notes\n").value(), "text/plain");
  EXPECT_EQ(attachment_media_type("kpis.csv", "a,b\n1,2\n").value(), "text/csv");
  EXPECT_EQ(attachment_media_type("readme.md", "# Café\n").value(), "text/markdown");

  EXPECT_EQ(file_error("empty.pdf", ""), "is empty");
  EXPECT_EQ(file_error("big.pdf", kPdf + std::string(kMaxAttachmentBytes, 'x')),
            "is larger than 10 MiB");
  EXPECT_TRUE(attachment_media_type("exact.pdf",
                                    kPdf + std::string(kMaxAttachmentBytes - kPdf.size(), 'x')));
  EXPECT_EQ(file_error("page.html", "<html></html>")
                .rfind("type .html is not allowed (allowed: "
                       "pdf, png",
                       0),
            0u);
  for (const char* refused :
       {"logo.svg", "run.js", "setup.exe", "page.htm", "x.xhtml", "archive.zip", "doc.doc"}) {
    EXPECT_NE(file_error(refused, kPdf).find("is not allowed"), std::string::npos) << refused;
  }
  EXPECT_NE(file_error("noextension", kPdf).find("extension"), std::string::npos);
  EXPECT_EQ(file_error("fake.pdf", "<html><script>alert(1)</script></html>"),
            "does not look like a PDF");
  EXPECT_EQ(file_error("fake.png", kJpeg), "does not look like a PNG image");
  EXPECT_EQ(file_error("fake.jpg", kPng), "does not look like a JPEG image");
  // A ZIP that is not an Office file, an Office file posing as OpenDocument.
  EXPECT_EQ(file_error("fake.docx", std::string("PK\x03\x04", 4) + "random.bin"),
            "does not look like a Word document");
  EXPECT_EQ(file_error("fake.odt", kDocx), "does not look like an OpenDocument text");
  EXPECT_EQ(file_error("bin.txt", std::string("ab\0cd", 5)), "does not look like UTF-8 text");
  EXPECT_EQ(file_error("latin1.csv", "caf\xE9"), "does not look like UTF-8 text");
  // The last path component decides: "x.pdf/evil.html" is an HTML file.
  EXPECT_NE(file_error("x.pdf/evil.html", kPdf).find(".html"), std::string::npos);
}

TEST(MeetingModelTest, SafeFileNames) {
  EXPECT_EQ(safe_file_name("Board pack Q1.pdf"), "Board pack Q1.pdf");
  EXPECT_EQ(safe_file_name("C:\\Users\\ada\\minutes.pdf"), "minutes.pdf");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("a\"b'c.pdf"), "abc.pdf");
  EXPECT_EQ(safe_file_name("line\r\nbreak\t.pdf"), "linebreak.pdf");
  EXPECT_EQ(safe_file_name("\"><img src=x onerror=alert(1)>.pdf"),
            "><img src=x onerror=alert(1)>.pdf");
  // Bidirectional overrides cannot disguise an extension.
  EXPECT_EQ(safe_file_name("invoice\u202Efdp.exe"), "invoicefdp.exe");
  EXPECT_EQ(safe_file_name("caf\xC3\xA9 \xFF.pdf"), "café .pdf");
  for (const char* empty : {"", "   ", "/", "..", ".", "dir/", "\"\"", "\x01\x02"}) {
    EXPECT_EQ(safe_file_name(empty), "attachment") << empty;
  }
  // At most 200 bytes, never cut inside a character, extension kept.
  std::string long_name;
  for (int i = 0; i < 150; ++i) {
    long_name += "é";
  }
  long_name += ".pdf";
  std::string safe = safe_file_name(long_name);
  EXPECT_LE(safe.size(), 200u);
  EXPECT_TRUE(core::valid_utf8(safe));
  EXPECT_TRUE(safe.ends_with("é.pdf")) << safe;
  std::string no_ext(300, 'x');
  EXPECT_EQ(safe_file_name(no_ext).size(), 200u);
  std::string multibyte;
  for (int i = 0; i < 101; ++i) {
    multibyte += "€";  // three bytes each
  }
  std::string cut = safe_file_name(multibyte);
  EXPECT_EQ(cut.size(), 198u);
  EXPECT_TRUE(core::valid_utf8(cut));
}

TEST(MeetingModelTest, CadenceBounds) {
  Validation ok;
  validate(Cadence{}, ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(Cadence{}.review_every_months, 12);
  EXPECT_EQ(Cadence{}.security_agenda_every_months, 3);
  Validation v;
  validate(Cadence{0, 25}, v);
  EXPECT_EQ(field_error(v, "review_every_months"), "must be between 1 and 36 months");
  EXPECT_EQ(field_error(v, "security_agenda_every_months"), "must be between 1 and 24 months");
  Validation edge;
  validate(Cadence{36, 24}, edge);
  EXPECT_TRUE(edge.ok());
  Validation over;
  validate(Cadence{37, 1}, over);
  EXPECT_FALSE(over.ok());
}

}  // namespace
}  // namespace mandate::areas::meetings
