// tests/report/minutes_export_test.cpp — the minutes renderers (areas/meetings/minutes.cpp) on
// minutes built in memory: the HTML is standalone, script-free and escapes every value (names,
// titles, decisions; Markdown through the safe renderer), and the PDF read back with pdftotext
// says the same things — attendees, a review's inputs, decisions, actions, attachments, addenda,
// and the signature block with the content hash, the ledger anchor and the checkpoint note; an
// unsigned meeting is marked as a draft in both.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "areas/meetings/minutes.hpp"
#include "support/temp_dir.hpp"

namespace mandate::areas::meetings {
namespace {

core::Timestamp ts(const char* s) { return *core::parse_timestamp(s); }

const std::string kHash = "3f2a9c0d1e4b5a6978877665544332211ffeeddccbbaa99887766554433221100";
const std::string kRoot = "aa11bb22cc33dd44ee55ff6600778899aa11bb22cc33dd44ee55ff6600778899";
const std::string kFileHash = "0badc0ffee0badc0ffee0badc0ffee0badc0ffee0badc0ffee0badc0ffee0bad";
const std::string kNote =
    "mandate/org/1\n710\nFmU8Wuc087Bxd07ZeRqghiWEKFmeuc36f4AmGiPCF1k=\n\n\u2014 mandate "
    "edEp+7fKqQl9KpN5W06ijW4OQ/o9Fh7+hoJReEaAl69owfootnze0v5walvDZo=\n";

Minutes signed_review() {
  Minutes m;
  m.organization = "Northwind <Logistics> & Co";
  m.generated_at = ts("2026-03-20T10:00:00Z");
  auto& mt = m.view.meeting;
  mt.id = MeetingId{15};
  mt.type = MeetingType::management_review;
  mt.title = "Review <script>alert(1)</script> Q1";
  mt.starts_at = ts("2026-03-12T09:00:00Z");
  mt.duration_minutes = 120;
  mt.place = "Board room \"A\"";
  mt.chair = PersonId{1};
  mt.status = MeetingStatus::signed_off;
  mt.content_hash = kHash;
  mt.signed_at = ts("2026-03-13T16:45:10Z");
  mt.signer_name = "Helena Brandt";
  mt.signer_role = "top_management";
  mt.signature_meaning = "Management review signed off by the chair";
  mt.signoff_seq = 42;
  m.view.chair_name = "Helena Brandt";
  m.view.attendees = {
      Attendee{PersonId{1}, "Helena Brandt", "Executive", Attendance::present, true},
      Attendee{PersonId{2}, "Eve <img src=x onerror=alert(1)>", "IT", Attendance::excused, false},
      Attendee{PersonId{3}, "Jörg Weiß", "Finance", Attendance::absent, true},
  };
  AgendaItem a;
  a.id = ItemId{100};
  a.position = 1;
  a.title = "Status of actions from previous reviews";
  a.review_input = ReviewInput::actions_status;
  a.minutes = "The **VPN** action is late. <script>alert(2)</script> [see](javascript:alert(3))";
  AgendaItem c;
  c.id = ItemId{101};
  c.position = 3;
  c.title = "Changes in needs of interested parties";
  c.review_input = ReviewInput::interested_parties;
  c.presenter = "Casey Nowak";
  c.material = "| Party | Change |\n|---|---|\n| Cyber insurer | new at renewal |\n";
  AgendaItem out;
  out.id = ItemId{102};
  out.position = 8;
  out.title = "Outputs: decisions and actions";
  out.tags = {Topic::information_security, Topic::budget};
  out.minutes = "Budget for a second security engineer approved.";
  m.view.items = {a, c, out};

  InputData ia;
  ia.input = ReviewInput::actions_status;
  InputSection sec;
  sec.key = "actions";
  sec.title = "Actions from previous management reviews";
  sec.metrics = {
      InputMetric{"actions.open", "Open actions from earlier reviews", 3, "", 1.0, "", false},
      InputMetric{"actions.overdue", "Of which overdue", 2, "", std::nullopt, "", true}};
  sec.rows = {InputRow{"ACT-3 Replace the VPN concentrator", "owner Ana Silva · due 2025-07-20",
                       "overdue 459 days", "/actions/3", true}};
  ia.sections = {sec};
  InputData ic;
  ic.input = ReviewInput::interested_parties;  // no sections: to be presented
  m.inputs = {ia, ic};

  DecisionRow d1;
  d1.decision.id = DecisionId{7};
  d1.decision.text = "Hire a second security engineer & train <staff>";
  d1.decision.type = DecisionType::resource;
  d1.decision.item = ItemId{102};
  d1.decision.owner = PersonId{4};
  d1.decision.due_on = *core::parse_date("2026-06-30");
  d1.decision.action_id = 21;
  d1.owner_name = "Marcus Oyelaran";
  d1.action_status = actions::State::open;
  DecisionRow d2;
  d2.decision.id = DecisionId{8};
  d2.decision.text = "Accept the residual risk of the legacy EDI link";
  d2.decision.type = DecisionType::risk_acceptance;
  m.view.decisions = {d1, d2};

  actions::ActionRow act;
  act.action.id = actions::ActionId{21};
  act.action.title = "Hire a second security engineer";
  act.action.status = actions::State::open;
  act.action.due_on = *core::parse_date("2026-06-30");
  act.owner_name = "Marcus Oyelaran";
  act.days_overdue = 12;
  m.actions = {act};

  Attachment att;
  att.id = AttachmentId{5};
  att.file_name = "risk-report<1>.pdf";
  att.media_type = "application/pdf";
  att.size = 123456;
  att.sha256 = kFileHash;
  att.received_at = ts("2026-03-11T08:00:00Z");
  att.effective_on = *core::parse_date("2026-03-01");
  m.view.attachments = {att};

  Addendum add;
  add.id = 1;
  add.body = "Correction: Jörg Weiß was **excused**, not absent.";
  add.content_hash = std::string(64, 'e');
  add.signer_name = "Tomás Herrera";
  add.signer_role = "isms_manager";
  add.meaning = "Addendum signed";
  add.signed_at = ts("2026-03-15T11:00:00Z");
  m.view.addenda = {add};

  LedgerAnchor anchor;
  anchor.seq = 41;
  anchor.tree_size = 42;
  anchor.root_hex = kRoot;
  anchor.checkpoint_note = kNote;
  anchor.checkpoint_size = 50;
  m.anchor = anchor;
  return m;
}

Minutes draft_meeting() {
  Minutes m;
  m.organization = "Northwind";
  m.generated_at = ts("2026-03-20T10:00:00Z");
  m.view.meeting.id = MeetingId{16};
  m.view.meeting.type = MeetingType::board;
  m.view.meeting.title = "Board meeting — March";
  m.view.meeting.starts_at = ts("2026-03-30T09:00:00Z");
  m.view.signoff_blockers = {"the meeting has not taken place"};
  return m;
}

std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buf{};
  for (std::size_t n; pipe && (n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0;) {
    out.append(buf.data(), n);
  }
  return out;
}

// pdftotext without -layout (the reading order: a table cell's lines stay together), with every
// run of white space made one space, so text wrapped inside a cell still reads as one phrase.
std::string pdf_text(const std::string& pdf) {
  test::TempDir dir;
  const std::string path = dir.file("minutes.pdf");
  std::ofstream(path, std::ios::binary).write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  const std::string raw = run("pdftotext -enc UTF-8 '" + path + "' - 2>&1");
  std::string flat;
  for (char c : raw) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t';
    if (!space) {
      flat += c;
    } else if (!flat.empty() && flat.back() != ' ') {
      flat += ' ';
    }
  }
  return flat;
}

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

TEST(MinutesExportTest, HtmlIsStandaloneWithoutScriptsAndEscapesEveryValue) {
  const std::string h = minutes_html(signed_review());
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(has(h, "default-src 'none'; style-src 'unsafe-inline'"));
  EXPECT_TRUE(has(h, "@media print"));
  // Nothing a user wrote becomes markup.
  EXPECT_FALSE(has(h, "<script"));
  EXPECT_FALSE(has(h, "<img"));
  EXPECT_FALSE(has(h, "javascript:"));
  EXPECT_FALSE(has(h, "href=\"/actions"));  // no links that break outside the app
  EXPECT_TRUE(has(h, "Review &lt;script&gt;alert(1)&lt;/script&gt; Q1"));
  EXPECT_TRUE(has(h, "Eve &lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_TRUE(has(h, "Northwind &lt;Logistics&gt; &amp; Co"));
  EXPECT_TRUE(has(h, "Hire a second security engineer &amp; train &lt;staff&gt;"));
  EXPECT_TRUE(has(h, "Board room &quot;A&quot;"));
  EXPECT_TRUE(has(h, "risk-report&lt;1&gt;.pdf"));
  // Markdown rendered safely: bold kept, raw HTML and the script link dropped.
  EXPECT_TRUE(has(h, "The <strong>VPN</strong> action is late."));
  EXPECT_TRUE(has(h, "<td>Cyber insurer</td>"));
}

TEST(MinutesExportTest, HtmlHasEverySectionAndTheSignatureBlock) {
  const std::string h = minutes_html(signed_review());
  for (const char* s : {"Attendees",
                        "Present 1 (top management 1), excused 1, absent 1",
                        "Jörg Weiß",
                        "Chair, Top management",
                        "a. Status of actions from previous reviews",
                        "Open actions from earlier reviews",
                        "+2",
                        "(a bad sign)",
                        "ACT-3 Replace the VPN",
                        "overdue 459 days",
                        "c. Changes in needs and expectations of interested parties",
                        "To be presented</strong> by Casey Nowak",
                        "Outputs and other agenda items",
                        "Information security, Budget",
                        "Decisions",
                        "Resource",
                        "Marcus Oyelaran",
                        "2026-06-30",
                        "ACT-21: Open, overdue 12 days",
                        "(agenda item 8)",
                        "Accept the residual risk",
                        "Risk acceptance",
                        "Actions",
                        "Attachments",
                        "120.6 KiB (123,456 bytes)",
                        "application/pdf",
                        "Addenda",
                        "Correction: Jörg Weiß was <strong>excused</strong>",
                        "Tomás Herrera",
                        "ISMS manager",
                        "Signature",
                        "Helena Brandt",
                        "Top management",
                        "2026-03-13T16:45:10Z (UTC)",
                        "Management review signed off by the chair",
                        "#42 (leaf index 41)",
                        "covers the sign-off"}) {
    EXPECT_TRUE(has(h, s)) << s;
  }
  EXPECT_TRUE(has(h, kHash));
  EXPECT_TRUE(has(h, kRoot));
  EXPECT_TRUE(has(h, kFileHash));
  // The checkpoint note verbatim (escaped only where HTML needs it; none here).
  EXPECT_TRUE(has(h, "<pre class=\"note\">" + kNote + "</pre>"));
  EXPECT_FALSE(has(h, "Draft"));
}

TEST(MinutesExportTest, PdfSaysTheSameThings) {
  const std::string pdf = minutes_pdf(signed_review());
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string t = pdf_text(pdf);
  for (const char* s : {"Minutes: Review <script>alert(1)</script> Q1",
                        "Northwind <Logistics> & Co",
                        "Attendees",
                        "Helena Brandt",
                        "Eve <img src=x onerror=alert(1)>",
                        "Jörg Weiß",
                        "Inputs to the management review",
                        "a. Status of actions from previous reviews",
                        "Open actions from earlier reviews",
                        "To be presented by Casey Nowak",
                        "Cyber insurer",
                        "The VPN action is late.",
                        "Decisions",
                        "Hire a second security engineer & train <staff>",
                        "Marcus Oyelaran",
                        "Accept the residual risk of the legacy EDI link",
                        "Actions",
                        "Attachments",
                        "Addenda",
                        "Correction: Jörg Weiß was excused, not absent.",
                        "Signature",
                        "Management review signed off by the chair",
                        "2026-03-13T16:45:10Z (UTC)",
                        "#42 (leaf index 41)",
                        "FmU8Wuc087Bxd07ZeRqghiWEKFmeuc36f4AmGiPCF1k=",
                        "page 1 of"}) {
    EXPECT_TRUE(has(t, s)) << s << "\n" << t;
  }
  EXPECT_TRUE(has(t, kHash)) << t;
  EXPECT_TRUE(has(t, kRoot)) << t;
  EXPECT_FALSE(has(t, "script>alert(2)"));  // raw HTML in the minutes is dropped, not shown
  EXPECT_FALSE(has(t, "Draft"));
}

TEST(MinutesExportTest, UnsignedMinutesAreMarkedAsADraftInBoth) {
  const Minutes m = draft_meeting();
  const std::string h = minutes_html(m);
  EXPECT_TRUE(has(h, "Draft \u2014 not signed"));
  EXPECT_TRUE(has(h, "the meeting has not taken place"));
  EXPECT_TRUE(has(h, "No decisions were recorded."));
  EXPECT_FALSE(has(h, "Content SHA-256"));
  const std::string t = pdf_text(minutes_pdf(m));
  EXPECT_TRUE(has(t, "Draft \u2014 not signed")) << t;
  EXPECT_TRUE(has(t, "No decisions were recorded.")) << t;
  EXPECT_FALSE(has(t, "Content SHA-256"));

  Minutes cancelled = draft_meeting();
  cancelled.view.meeting.status = MeetingStatus::cancelled;
  cancelled.view.meeting.cancel_reason = "chair ill";
  EXPECT_TRUE(has(minutes_html(cancelled), "Cancelled: chair ill"));
  EXPECT_TRUE(has(pdf_text(minutes_pdf(cancelled)), "Cancelled: chair ill"));
}

}  // namespace
}  // namespace mandate::areas::meetings
