// areas/meetings/minutes.hpp
// The minutes as retained documented information: everything a reader of the signed record
// needs — attendees, agenda with minutes, a review's inputs with their data, decisions, actions,
// attachments (names and hashes), addenda — with the signature block (printed name, role, time,
// meaning, content hash) and where the sign-off sits in the organization's ledger (entry number,
// the tree head covering it and the latest signed checkpoint). minutes() is the data (service
// layer); minutes_html / minutes_pdf render it (edge: printable HTML, and a PDF laid out natively
// with cairo + pango through report/pdf.hpp). Used by the web routes and `mandate review export`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "areas/common/caller.hpp"
#include "areas/meetings/review.hpp"
#include "areas/meetings/service.hpp"

namespace mandate::areas::meetings {

struct LedgerAnchor {
  std::int64_t seq = 0;        // the sign-off entry's sequence number (0-based leaf index)
  std::int64_t tree_size = 0;  // seq + 1
  std::string root_hex;        // RFC 6962 root of the first tree_size entries
  // The latest signed checkpoint note at export time (covers the sign-off when its size is
  // greater than seq), verbatim; empty when none has been written yet.
  std::string checkpoint_note;
  std::int64_t checkpoint_size = 0;
};
struct Minutes {
  std::string organization;
  MeetingView view;               // history left empty
  std::vector<InputData> inputs;  // management reviews: a..g (frozen once signed)
  std::vector<actions::ActionRow> actions;  // actions created from this meeting's decisions
  std::optional<LedgerAnchor> anchor;       // signed minutes only
  core::Timestamp generated_at;
};
// Readers. Unsigned minutes export too (marked "Draft — not signed"). Errc::not_found.
Result<Minutes> minutes(const Env& env, const Caller& by, MeetingId id);

// A standalone, printable HTML document (inline CSS, no scripts, Markdown rendered safely).
std::string minutes_html(const Minutes& m);
// PDF bytes (A4, page numbers, the signature block at the end).
std::string minutes_pdf(const Minutes& m);
// "minutes-<date>-<type>-<id>.pdf" / ".html"
std::string minutes_file_name(const Minutes& m, std::string_view extension);

}  // namespace mandate::areas::meetings
