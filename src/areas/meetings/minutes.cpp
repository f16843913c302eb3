// areas/meetings/minutes.cpp — the minutes rendered (see minutes.hpp): a standalone printable HTML
// page built through ui::Html (every value escaped; Markdown through ui::markdown, the safe
// renderer), and the same content as a report::Document laid out into a PDF. Both renderers take
// their tables and key/value lists from the same helpers below, so the two exports say the same
// thing. The data comes from minutes() in minutes_data.cpp.
#include "areas/meetings/minutes.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "report/pdf.hpp"
#include "ui/html.hpp"
#include "ui/markdown.hpp"

namespace mandate::areas::meetings {
namespace {

using ui::Html;
using ui::html;
using ui::text;

// ------------------------------------------------------------------ shared content

// A table both renderers draw: a header, relative column widths (the PDF), monospace columns
// (hashes) and rows of text.
struct Grid {
  std::vector<std::string> header;
  std::vector<double> widths;
  std::vector<bool> mono;
  std::vector<std::vector<std::string>> rows;
};
using Pairs = std::vector<std::pair<std::string, std::string>>;

// "2026-03-12 09:00 UTC"
std::string when(core::Timestamp t) {
  std::string s = core::format_timestamp(t);  // 2026-03-12T09:00:00Z
  if (s.size() == 20) {
    return s.substr(0, 10) + " " + s.substr(11, 5) + " UTC";
  }
  return s;
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  for (char& c : out) {
    c = c == '_' ? ' ' : c;
  }
  return out;
}

std::string role_text(const std::string& name) {
  auto r = parse_role(name);
  return r ? std::string(role_label(*r)) : name;
}

std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string size_text(std::int64_t bytes) {
  char b[48];
  if (bytes >= 1024 * 1024) {
    std::snprintf(b, sizeof b, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024) {
    std::snprintf(b, sizeof b, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    return grouped(bytes) + " bytes";
  }
  return std::string(b) + " (" + grouped(bytes) + " bytes)";
}

std::string number_text(double v, std::string_view unit) {
  char b[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(b, sizeof b, "%.0f", v);
  } else {
    std::snprintf(b, sizeof b, "%.1f", v);
  }
  std::string out = b;
  if (unit == "%") {
    return out + "%";
  }
  return unit.empty() ? out : out + " " + std::string(unit);
}

std::string change_text(const InputMetric& m) {
  if (!m.previous) {
    return "—";
  }
  const double d = m.value - *m.previous;
  if (std::fabs(d) < 1e-9) {
    return "unchanged";
  }
  const std::string amount = number_text(std::fabs(d), m.unit == "%" ? "%" : "");
  return d > 0 ? "+" + amount : "\u2212" + amount;
}

bool is_signed(const Minutes& m) { return m.view.meeting.status == MeetingStatus::signed_off; }

std::string status_text(const Minutes& m) {
  const auto& mt = m.view.meeting;
  switch (mt.status) {
    case MeetingStatus::signed_off:
      return "Signed" + (mt.signed_at ? " on " + when(*mt.signed_at) : std::string());
    case MeetingStatus::cancelled:
      return "Cancelled" + (mt.cancel_reason.empty() ? std::string() : ": " + mt.cancel_reason);
    case MeetingStatus::planned:
      break;
  }
  return "Draft \u2014 not signed";
}

std::string document_title(const Minutes& m) { return "Minutes: " + m.view.meeting.title; }

std::string topics_text(const std::vector<Topic>& tags) {
  std::string out;
  for (auto t : tags) {
    out += (out.empty() ? "" : ", ") + std::string(topic_label(t));
  }
  return out;
}

Pairs meeting_pairs(const Minutes& m) {
  const auto& mt = m.view.meeting;
  Pairs p;
  p.emplace_back("Organization", m.organization);
  p.emplace_back("Meeting type", std::string(meeting_type_label(mt.type)));
  p.emplace_back("Date",
                 when(mt.starts_at) + " (" + std::to_string(mt.duration_minutes) + " minutes)");
  p.emplace_back("Place", mt.place.empty() ? "—" : mt.place);
  p.emplace_back("Chair", m.view.chair_name.empty() ? "—" : m.view.chair_name);
  p.emplace_back("Status", status_text(m));
  p.emplace_back("Meeting id", mt.id.str());
  return p;
}

std::string attendance_counts(const Minutes& m) {
  int present = 0, excused = 0, absent = 0, invited = 0, top = 0;
  for (const auto& a : m.view.attendees) {
    switch (a.attendance) {
      case Attendance::present:
        ++present;
        top += a.top_management ? 1 : 0;
        break;
      case Attendance::excused:
        ++excused;
        break;
      case Attendance::absent:
        ++absent;
        break;
      case Attendance::invited:
        ++invited;
        break;
    }
  }
  std::string s = "Present " + std::to_string(present) + " (top management " + std::to_string(top) +
                  "), excused " + std::to_string(excused) + ", absent " + std::to_string(absent);
  if (invited > 0) {
    s += ", not recorded " + std::to_string(invited);
  }
  return s;
}

Grid attendees_grid(const Minutes& m) {
  Grid g{{"Name", "Department", "Attendance", "Role in the meeting"}, {0.32, 0.26, 0.16, 0.26}};
  for (const auto& a : m.view.attendees) {
    std::string role;
    if (m.view.meeting.chair && *m.view.meeting.chair == a.person) {
      role = "Chair";
    }
    if (a.top_management) {
      role += (role.empty() ? "" : ", ") + std::string("Top management");
    }
    g.rows.push_back({a.name, a.department.empty() ? "—" : a.department,
                      a.attendance == Attendance::invited
                          ? std::string("Not recorded")
                          : capitalised(attendance_name(a.attendance)),
                      role.empty() ? "—" : role});
  }
  return g;
}

Grid metrics_grid(const InputSection& s) {
  Grid g{{"Figure", "Now", "Previous review", "Change"}, {0.52, 0.16, 0.16, 0.16}};
  for (const auto& mt : s.metrics) {
    g.rows.push_back({mt.label + (mt.flag ? " (a bad sign)" : ""), number_text(mt.value, mt.unit),
                      mt.previous ? number_text(*mt.previous, mt.unit) : "—", change_text(mt)});
  }
  return g;
}

Grid input_rows_grid(const InputSection& s) {
  Grid g{{"Record", "Detail", "Status"}, {0.42, 0.36, 0.22}};
  for (const auto& r : s.rows) {
    g.rows.push_back(
        {r.label, r.detail.empty() ? "—" : r.detail, r.status + (r.flag ? " (a bad sign)" : "")});
  }
  return g;
}

const AgendaItem* item_by_id(const Minutes& m, const std::optional<ItemId>& id) {
  if (!id) {
    return nullptr;
  }
  for (const auto& i : m.view.items) {
    if (i.id == *id) {
      return &i;
    }
  }
  return nullptr;
}

const AgendaItem* item_for_input(const Minutes& m, ReviewInput in) {
  for (const auto& i : m.view.items) {
    if (i.review_input && *i.review_input == in) {
      return &i;
    }
  }
  return nullptr;
}

std::string action_status_text(const actions::ActionRow& r) {
  std::string s(actions::state_label(r.action.status));
  if (r.days_overdue > 0) {
    s += ", overdue " + std::to_string(r.days_overdue) + (r.days_overdue == 1 ? " day" : " days");
  }
  if (r.escalated) {
    s += ", escalated";
  }
  if (r.action.status == actions::State::cancelled && !r.action.cancel_reason.empty()) {
    s += ": " + r.action.cancel_reason;
  }
  return s;
}

Grid decisions_grid(const Minutes& m) {
  Grid g{{"#", "Decision", "Type", "Owner", "Due", "Action"}, {0.05, 0.33, 0.13, 0.18, 0.12, 0.19}};
  int n = 0;
  for (const auto& d : m.view.decisions) {
    std::string text = d.decision.text;
    if (const auto* item = item_by_id(m, d.decision.item)) {
      text += " (agenda item " + std::to_string(item->position) + ")";
    }
    std::string action = "—";
    if (d.action_status) {
      action = "ACT-" + std::to_string(*d.decision.action_id) + ": " +
               std::string(actions::state_label(*d.action_status));
      for (const auto& a : m.actions) {
        if (d.decision.action_id && a.action.id.value == *d.decision.action_id) {
          action = "ACT-" + a.action.id.str() + ": " + action_status_text(a);
        }
      }
    }
    g.rows.push_back({std::to_string(++n), text, std::string(decision_type_label(d.decision.type)),
                      d.owner_name.empty() ? "—" : d.owner_name,
                      d.decision.due_on ? core::format_date(*d.decision.due_on) : "—", action});
  }
  return g;
}

Grid actions_grid(const Minutes& m) {
  Grid g{{"Action", "Owner", "Due", "Status", "Carried over"}, {0.40, 0.16, 0.12, 0.20, 0.12}};
  for (const auto& a : m.actions) {
    g.rows.push_back({"ACT-" + a.action.id.str() + " " + a.action.title,
                      a.owner_name.empty() ? "—" : a.owner_name,
                      a.action.due_on ? core::format_date(*a.action.due_on) : "—",
                      action_status_text(a),
                      a.carried_over > 0 ? std::to_string(a.carried_over) + "×" : "—"});
  }
  return g;
}

Grid attachments_grid(const Minutes& m) {
  Grid g{{"File", "Size", "SHA-256", "Received", "Effective"},
         {0.22, 0.14, 0.34, 0.17, 0.13},
         {false, false, true, false, false}};
  for (const auto& a : m.view.attachments) {
    std::string name = a.file_name;
    if (const auto* item = item_by_id(m, a.item)) {
      name += " (agenda item " + std::to_string(item->position) + ")";
    }
    g.rows.push_back({name + "\n" + a.media_type, size_text(a.size), a.sha256, when(a.received_at),
                      core::format_date(a.effective_on)});
  }
  return g;
}

Pairs signature_pairs(const Meeting& mt) {
  Pairs p;
  p.emplace_back("Signed by", mt.signer_name);
  p.emplace_back("Role", role_text(mt.signer_role));
  p.emplace_back("Date and time", mt.signed_at ? core::format_timestamp(*mt.signed_at) + " (UTC)"
                                               : std::string("—"));
  p.emplace_back("Meaning", mt.signature_meaning);
  p.emplace_back("Content SHA-256", mt.content_hash);
  return p;
}

Pairs anchor_pairs(const LedgerAnchor& a) {
  Pairs p;
  p.emplace_back("Ledger entry",
                 "#" + std::to_string(a.tree_size) + " (leaf index " + std::to_string(a.seq) + ")");
  p.emplace_back("Tree size", std::to_string(a.tree_size));
  p.emplace_back("Tree root", a.root_hex);
  if (a.checkpoint_note.empty()) {
    p.emplace_back("Checkpoint", "none written yet");
  } else if (a.checkpoint_size > a.seq) {
    p.emplace_back("Checkpoint", "size " + std::to_string(a.checkpoint_size) +
                                     ", covers the sign-off (note below, verbatim)");
  } else {
    p.emplace_back("Checkpoint", "size " + std::to_string(a.checkpoint_size) +
                                     ", written before the sign-off; the next one covers it");
  }
  return p;
}

Pairs addendum_pairs(const Addendum& a) {
  Pairs p;
  p.emplace_back("Signed by", a.signer_name);
  p.emplace_back("Role", role_text(a.signer_role));
  p.emplace_back("Date and time", core::format_timestamp(a.signed_at) + " (UTC)");
  p.emplace_back("Meaning", a.meaning);
  p.emplace_back("Content SHA-256", a.content_hash);
  return p;
}

constexpr std::string_view kVerifyNote =
    "The content SHA-256 is computed over the canonical JSON of the minutes frozen at sign-off. "
    "The sign-off is an entry of the organization's append-only ledger; the tree head and the "
    "signed checkpoint let anyone check that the entry is included and unchanged (mandate verify, "
    "mandate ledger prove).";

// ------------------------------------------------------------------ HTML

Html html_grid(const Grid& g, std::string_view caption) {
  Html head;
  for (const auto& h : g.header) {
    head += html(R"(<th scope="col">{}</th>)", h);
  }
  Html body;
  for (const auto& r : g.rows) {
    Html cells;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const bool mono = i < g.mono.size() && g.mono[i];
      Html cell;
      std::size_t start = 0;
      // Cells may hold a second line (a media type under a file name).
      for (std::size_t nl; (nl = r[i].find('\n', start)) != std::string::npos; start = nl + 1) {
        cell += text(std::string_view(r[i]).substr(start, nl - start)) + html("<br>");
      }
      cell += text(std::string_view(r[i]).substr(start));
      cells += mono ? html(R"(<td class="hash">{}</td>)", cell) : html("<td>{}</td>", cell);
    }
    body += html("<tr>{}</tr>\n", cells);
  }
  return html(
      "<table>\n<caption>{}</caption>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n"
      "</table>\n",
      caption, head, body);
}

Html html_pairs(const Pairs& p, std::string_view cls = "meta") {
  Html rows;
  for (const auto& [k, v] : p) {
    const bool mono = k == "Content SHA-256" || k == "Tree root";
    rows += mono ? html(R"(<tr><th scope="row">{}</th><td class="hash">{}</td></tr>)", k, v)
                 : html(R"(<tr><th scope="row">{}</th><td>{}</td></tr>)", k, v);
    rows += html("\n");
  }
  return html(R"(<table class="{}">{}</table>)", cls, rows);
}

Html html_input(const Minutes& m, const InputData& in) {
  const AgendaItem* item = item_for_input(m, in.input);
  Html body;
  if (in.to_be_presented()) {
    body += html(R"(<p class="tbp"><strong>To be presented</strong>{}</p>)",
                 item && !item->presenter.empty() ? text(" by " + item->presenter) : Html());
  }
  for (const auto& s : in.sections) {
    Html section = html("<h4>{}</h4>\n", s.title);
    if (!s.metrics.empty()) {
      section += html_grid(metrics_grid(s), "Figures now and at the previous review");
    }
    if (!s.rows.empty()) {
      section += html_grid(input_rows_grid(s), "Records (" + std::to_string(s.rows.size()) + ")");
    } else if (!s.empty_text.empty()) {
      section += html(R"(<p class="muted">{}</p>)", s.empty_text);
    }
    body += html(R"(<div class="input-section">{}</div>)", section);
  }
  if (item && !item->material.empty()) {
    body += html(R"(<div class="material"><p class="label">Presenter's material{}</p>{}</div>)",
                 item->presenter.empty() ? Html() : text(" \u00b7 " + item->presenter),
                 ui::markdown(item->material));
  }
  if (item && !item->minutes.empty()) {
    body += html(R"(<div class="minutes"><p class="label">Discussion</p>{}</div>)",
                 ui::markdown(item->minutes));
  }
  return html(R"(<section class="input"><h3>{}. {}</h3>{}</section>)",
              std::string(1, review_input_letter(in.input)),
              std::string(review_input_title(in.input)), body);
}

Html html_item(const AgendaItem& i) {
  Html body;
  if (!i.tags.empty()) {
    body += html(R"(<p class="muted">Topics: {}</p>)", topics_text(i.tags));
  }
  if (!i.material.empty()) {
    body += html(R"(<div class="material"><p class="label">Material{}</p>{}</div>)",
                 i.presenter.empty() ? Html() : text(" (" + i.presenter + ")"),
                 ui::markdown(i.material));
  }
  body += i.minutes.empty() ? html(R"(<p class="muted">No minutes recorded.</p>)")
                            : html(R"(<div class="minutes">{}</div>)", ui::markdown(i.minutes));
  return html(R"(<section class="item"><h3>{}. {}</h3>{}</section>)", i.position, i.title, body);
}

Html html_signature(const Minutes& m) {
  const auto& mt = m.view.meeting;
  if (!is_signed(m)) {
    Html blockers;
    for (const auto& b : m.view.signoff_blockers) {
      blockers += html("<li>{}</li>", b);
    }
    return html(
        R"(<section class="signature draft"><h2>Signature</h2><p><strong>{}</strong></p>{}{}</section>)",
        status_text(m),
        mt.status == MeetingStatus::planned
            ? html(
                  "<p>These minutes are a draft: they can still change and carry no signature.</p>")
            : Html(),
        blockers.empty() ? Html() : html("<p>Not yet possible to sign:</p><ul>{}</ul>", blockers));
  }
  Html anchor;
  if (m.anchor) {
    anchor = html_pairs(anchor_pairs(*m.anchor));
    if (!m.anchor->checkpoint_note.empty()) {
      anchor += html(R"(<p class="label">Latest signed checkpoint</p><pre class="note">{}</pre>)",
                     m.anchor->checkpoint_note);
    }
  }
  return html(
      R"(<section class="signature"><h2>Signature</h2>{}{}<p class="small">{}</p></section>)",
      html_pairs(signature_pairs(mt)), anchor, kVerifyNote);
}

}  // namespace

std::string minutes_html(const Minutes& m) {
  const auto& v = m.view;
  Html body;
  // Header.
  body += html(R"(<header><p class="org">{}</p><h1>{}</h1>{}{}</header>)", m.organization,
               document_title(m),
               is_signed(m) ? Html() : html(R"(<p class="stamp">{}</p>)", status_text(m)),
               html_pairs(meeting_pairs(m)));

  // Attendees.
  body += html(R"(<section><h2>Attendees</h2><p>{}</p>{}</section>)", attendance_counts(m),
               v.attendees.empty() ? html(R"(<p class="muted">No one invited.</p>)")
                                   : html_grid(attendees_grid(m), "Attendance"));

  // A review's inputs a–g.
  if (v.meeting.is_review()) {
    Html inputs;
    for (const auto& in : m.inputs) {
      inputs += html_input(m, in);
    }
    body += html(
        R"(<section><h2>Inputs to the management review (ISO/IEC 27001 9.3.2)</h2><p class="muted">{}</p>{}</section>)",
        is_signed(m) ? "As frozen at sign-off, with the change since the previous review."
                     : "From the records at the time of this export, with the change since the "
                       "previous review.",
        inputs);
  }

  // Agenda and minutes (a review's inputs are above).
  Html items;
  for (const auto& i : v.items) {
    if (!i.review_input) {
      items += html_item(i);
    }
  }
  body += html(R"(<section><h2>{}</h2>{}</section>)",
               v.meeting.is_review() ? "Outputs and other agenda items" : "Agenda and minutes",
               items.empty() ? html(R"(<p class="muted">No agenda items.</p>)") : items);

  body += html(R"(<section><h2>Decisions</h2>{}</section>)",
               v.decisions.empty() ? html(R"(<p class="flagged">No decisions were recorded.</p>)")
                                   : html_grid(decisions_grid(m),
                                               std::to_string(v.decisions.size()) + " decisions"));
  body += html(R"(<section><h2>Actions</h2>{}</section>)",
               m.actions.empty()
                   ? html(R"(<p class="muted">No actions were created from these decisions.</p>)")
                   : html_grid(actions_grid(m), "Status at " + when(m.generated_at)));
  body += html(R"(<section><h2>Attachments</h2>{}</section>)",
               v.attachments.empty() ? html(R"(<p class="muted">No attachments.</p>)")
                                     : html_grid(attachments_grid(m),
                                                 "Evidence stored by SHA-256 (content-addressed)"));
  if (!v.addenda.empty()) {
    Html addenda;
    int n = 0;
    for (const auto& a : v.addenda) {
      addenda += html(R"(<section class="addendum"><h3>Addendum {} — {}</h3>{}{}</section>)", ++n,
                      when(a.signed_at), ui::markdown(a.body), html_pairs(addendum_pairs(a)));
    }
    body += html(R"(<section><h2>Addenda</h2>{}</section>)", addenda);
  }
  body += html_signature(m);
  body += html(R"(<footer><p>Generated by Mandate on {}.</p></footer>)", when(m.generated_at));

  const Html page = html(
      R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Mandate">
<title>{}</title>
<style>
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1b1f24; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: .2rem 0 .8rem; line-height: 1.2; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #c9d1db; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; } h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
.org { color: #4a5361; margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; }
.stamp { display: inline-block; border: 2px solid #a4262c; color: #a4262c; font-weight: 700;
  padding: .15rem .6rem; text-transform: uppercase; letter-spacing: .05em; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
caption { text-align: left; color: #4a5361; font-size: .85rem; padding-bottom: .2rem; }
th, td { border: 1px solid #c9d1db; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
table.meta th { width: 11rem; background: none; color: #4a5361; }
table.meta th, table.meta td { border: 0; padding: .15rem .5rem .15rem 0; }
.hash, pre, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em;
  overflow-wrap: anywhere; word-break: break-all; }
pre { background: #f4f6f9; padding: .6rem; white-space: pre-wrap; }
.muted, .small { color: #4a5361; } .small { font-size: .85rem; }
.label { font-weight: 600; color: #4a5361; margin: .6rem 0 .2rem; }
.tbp { background: #fff7e0; border-left: 4px solid #b88600; padding: .3rem .6rem; }
.flagged { color: #a4262c; font-weight: 600; }
.signature { border: 2px solid #1f4e8c; padding: 0 1rem 1rem; margin-top: 2rem; }
.signature.draft { border-color: #a4262c; }
.addendum { border-left: 3px solid #c9d1db; padding-left: .8rem; }
footer { margin-top: 2rem; font-size: .8rem; color: #4a5361; border-top: 1px solid #c9d1db; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, .signature, pre { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  @page { size: A4; margin: 18mm 16mm; }
}
</style>
</head>
<body>
{}
</body>
</html>
)",
      document_title(m), body);
  return page.str();
}

// ------------------------------------------------------------------ PDF

namespace {

report::Table pdf_grid(const Grid& g) {
  report::Table t;
  t.header = g.header;
  t.widths = g.widths;
  for (const auto& r : g.rows) {
    std::vector<report::Text> cells;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const bool mono = i < g.mono.size() && g.mono[i];
      cells.push_back(report::Text{
          report::Run{r[i], mono ? report::Run::Style::mono : report::Run::Style::plain}});
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

report::KeyValues pdf_pairs(const Pairs& p) {
  report::KeyValues kv;
  for (const auto& [k, v] : p) {
    const bool mono = k == "Content SHA-256" || k == "Tree root";
    kv.rows.emplace_back(k, report::Text{report::Run{
                                v, mono ? report::Run::Style::mono : report::Run::Style::plain}});
  }
  return kv;
}

report::Paragraph para(report::Text t, bool small = false, bool muted = false) {
  report::Paragraph p;
  p.text = std::move(t);
  p.small = small;
  p.muted = muted;
  return p;
}

void add_markdown(std::vector<report::Block>& out, const std::string& md) {
  // Inside an item (level 3): the minutes' own headings start at level 3 too.
  for (auto& b : report::markdown_blocks(md, 2)) {
    out.push_back(std::move(b));
  }
}

void pdf_input(std::vector<report::Block>& out, const Minutes& m, const InputData& in) {
  const AgendaItem* item = item_for_input(m, in.input);
  out.push_back(report::Heading{3, std::string(1, review_input_letter(in.input)) + ". " +
                                       std::string(review_input_title(in.input))});
  if (in.to_be_presented()) {
    report::Text t = report::bold("To be presented");
    if (item && !item->presenter.empty()) {
      t.push_back(report::Run{" by " + item->presenter, report::Run::Style::plain});
    }
    out.push_back(para(std::move(t)));
  }
  for (const auto& s : in.sections) {
    out.push_back(para(report::bold(s.title)));
    if (!s.metrics.empty()) {
      out.push_back(pdf_grid(metrics_grid(s)));
    }
    if (!s.rows.empty()) {
      out.push_back(pdf_grid(input_rows_grid(s)));
    } else if (!s.empty_text.empty()) {
      out.push_back(para(report::plain(s.empty_text), false, true));
    }
  }
  if (item && !item->material.empty()) {
    out.push_back(
        para(report::bold("Presenter's material" +
                          (item->presenter.empty() ? std::string() : " \u00b7 " + item->presenter)),
             false, true));
    add_markdown(out, item->material);
  }
  if (item && !item->minutes.empty()) {
    out.push_back(para(report::bold("Discussion"), false, true));
    add_markdown(out, item->minutes);
  }
}

}  // namespace

std::string minutes_pdf(const Minutes& m) {
  const auto& v = m.view;
  report::Document doc;
  doc.title = (m.organization.empty() ? "" : m.organization + " \u00b7 ") + document_title(m);
  doc.subject = std::string(meeting_type_label(v.meeting.type)) + " of " +
                core::format_date(core::days_since_epoch(v.meeting.starts_at));
  doc.footer = is_signed(m) ? "Signed minutes \u00b7 content SHA-256 " +
                                  v.meeting.content_hash.substr(0, 16) + "\u2026"
                            : status_text(m);
  auto& b = doc.blocks;

  b.push_back(report::Heading{1, document_title(m)});
  if (!is_signed(m)) {
    b.push_back(para(report::bold(status_text(m))));
  }
  b.push_back(pdf_pairs(meeting_pairs(m)));

  b.push_back(report::Heading{2, "Attendees"});
  b.push_back(para(report::plain(attendance_counts(m))));
  if (!v.attendees.empty()) {
    b.push_back(pdf_grid(attendees_grid(m)));
  }

  if (v.meeting.is_review()) {
    b.push_back(report::Heading{2, "Inputs to the management review (ISO/IEC 27001 9.3.2)"});
    b.push_back(para(report::plain(is_signed(m) ? "As frozen at sign-off, with the change since "
                                                  "the previous review."
                                                : "From the records at the time of this export, "
                                                  "with the change since the previous review."),
                     false, true));
    for (const auto& in : m.inputs) {
      pdf_input(b, m, in);
    }
  }

  b.push_back(report::Heading{
      2, v.meeting.is_review() ? "Outputs and other agenda items" : "Agenda and minutes"});
  bool any_item = false;
  for (const auto& i : v.items) {
    if (i.review_input) {
      continue;
    }
    any_item = true;
    b.push_back(report::Heading{3, std::to_string(i.position) + ". " + i.title});
    if (!i.tags.empty()) {
      b.push_back(para(report::plain("Topics: " + topics_text(i.tags)), true, true));
    }
    if (!i.material.empty()) {
      b.push_back(
          para(report::bold("Material" + (i.presenter.empty() ? "" : " (" + i.presenter + ")")),
               false, true));
      add_markdown(b, i.material);
    }
    if (i.minutes.empty()) {
      b.push_back(para(report::plain("No minutes recorded."), false, true));
    } else {
      add_markdown(b, i.minutes);
    }
  }
  if (!any_item) {
    b.push_back(para(report::plain("No agenda items."), false, true));
  }

  b.push_back(report::Heading{2, "Decisions"});
  if (v.decisions.empty()) {
    b.push_back(para(report::bold("No decisions were recorded.")));
  } else {
    b.push_back(pdf_grid(decisions_grid(m)));
  }
  b.push_back(report::Heading{2, "Actions"});
  if (m.actions.empty()) {
    b.push_back(para(report::plain("No actions were created from these decisions."), false, true));
  } else {
    b.push_back(para(report::plain("Status at " + when(m.generated_at)), true, true));
    b.push_back(pdf_grid(actions_grid(m)));
  }
  b.push_back(report::Heading{2, "Attachments"});
  if (v.attachments.empty()) {
    b.push_back(para(report::plain("No attachments."), false, true));
  } else {
    b.push_back(pdf_grid(attachments_grid(m)));
  }
  if (!v.addenda.empty()) {
    b.push_back(report::Heading{2, "Addenda"});
    int n = 0;
    for (const auto& a : v.addenda) {
      b.push_back(
          report::Heading{3, "Addendum " + std::to_string(++n) + " \u2014 " + when(a.signed_at)});
      add_markdown(b, a.body);
      report::Box box;
      box.title = "Signature of addendum " + std::to_string(n);
      box.content.push_back(pdf_pairs(addendum_pairs(a)));
      b.push_back(std::move(box));
    }
  }

  report::Box sig;
  sig.title = "Signature";
  if (is_signed(m)) {
    sig.content.push_back(pdf_pairs(signature_pairs(v.meeting)));
    if (m.anchor) {
      sig.content.push_back(pdf_pairs(anchor_pairs(*m.anchor)));
      if (!m.anchor->checkpoint_note.empty()) {
        sig.content.push_back(para(report::bold("Latest signed checkpoint"), true, true));
        sig.content.push_back(para(
            report::Text{report::Run{m.anchor->checkpoint_note, report::Run::Style::mono}}, true));
      }
    }
    sig.content.push_back(para(report::plain(std::string(kVerifyNote)), true, true));
  } else {
    sig.content.push_back(para(report::bold(status_text(m))));
    if (v.meeting.status == MeetingStatus::planned) {
      sig.content.push_back(para(report::plain(
          "These minutes are a draft: they can still change and carry no signature.")));
    }
    for (const auto& bl : v.signoff_blockers) {
      sig.content.push_back(para(report::plain("Not yet possible to sign: " + bl), true, true));
    }
  }
  b.push_back(std::move(sig));
  b.push_back(
      para(report::plain("Generated by Mandate on " + when(m.generated_at) + "."), true, true));
  return report::render_pdf(doc);
}

}  // namespace mandate::areas::meetings
