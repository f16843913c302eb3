// cli/review.cpp — `mandate review export ID --format pdf|html [--output FILE] [--org SLUG]`: the
// minutes of a meeting (a management review or any other meeting) as retained documented
// information, read through the meetings service (areas/meetings/minutes.hpp) like the web
// export, as a standalone printable HTML page or a PDF laid out natively with cairo + pango.
// HTML goes to stdout unless --output is given; a PDF goes to --output, or to stdout only when
// stdout is not a terminal (a redirect or a pipe). Unsigned minutes export too, marked as a draft.
// Exit codes: 0 written, 1 refused (no such meeting, a file that would be overwritten, a service
// error), 2 a usage error (bad argument, unknown organization or user).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "areas/meetings/minutes.hpp"
#include "cli/command.hpp"
#include "core/errors.hpp"

namespace mandate::cli {
namespace {

namespace fs = std::filesystem;
namespace meetings = areas::meetings;

struct ExportArgs {
  std::string id, format, output, org, as, database;
  bool force = false;
};

meetings::MeetingId parse_id(const std::string& s) {
  const bool digits = !s.empty() && s.size() <= 18 &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoll(s) <= 0) {
    throw UsageError{"ID: \"" + s + "\" is not a meeting id (a positive whole number)"};
  }
  return meetings::MeetingId{std::stoll(s)};
}

// Writes through a temporary file and a rename, so the file is either whole or absent.
void write_file(const fs::path& p, std::string_view content) {
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw SystemError("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw SystemError("cannot write " + p.string() + ": " + ec.message());
  }
}

void write_stdout(std::string_view content) {
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() ||
      std::fflush(stdout) != 0) {
    throw SystemError("cannot write to standard output");
  }
}

int run_export(Globals& g, const ExportArgs& a) {
  const auto id = parse_id(a.id);
  const bool pdf = a.format == "pdf";
  if (pdf && a.output.empty() && isatty(STDOUT_FILENO) != 0) {
    throw UsageError{
        "--output: a PDF is not written to a terminal; give --output FILE or redirect stdout"};
  }
  // The system reads (the export changes nothing), or --as as that member would see it.
  const OrgSession session =
      open_org_session(g, a.database, a.org, a.as, "mandate review export (cli)");
  const auto& org = session.org;
  auto m = meetings::minutes(session.env(), session.by, id);
  if (!m) {
    if (m.error().code == Errc::not_found) {
      std::fprintf(stderr, "mandate: %s has no meeting %s\n", org.slug.c_str(), a.id.c_str());
      return 1;
    }
    throw ErrorException(m.error());
  }
  const std::string bytes = pdf ? meetings::minutes_pdf(*m) : meetings::minutes_html(*m);
  if (a.output.empty()) {
    write_stdout(bytes);
    return 0;
  }
  fs::path target(a.output);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    target /= meetings::minutes_file_name(*m, a.format);
  }
  if (fs::exists(target, ec) && !a.force) {
    std::fprintf(stderr,
                 "mandate: %s already exists: nothing was written (pass --force to overwrite)\n",
                 target.string().c_str());
    return 1;
  }
  write_file(target, bytes);
  const bool is_signed = m->view.meeting.status == meetings::MeetingStatus::signed_off;
  std::printf("%s  %s minutes of meeting %s (%s), %zu bytes\n", target.string().c_str(),
              is_signed ? "signed" : "unsigned", m->view.meeting.id.str().c_str(),
              m->view.meeting.title.c_str(), bytes.size());
  return 0;
}

}  // namespace

void add_review(CLI::App& app, Globals& g) {
  auto* review = app.add_subcommand("review", "Meeting minutes and management reviews");
  review->require_subcommand(1);

  static ExportArgs ex;
  auto* exp = review->add_subcommand(
      "export",
      "Export the minutes of meeting ID (attendees, a review's inputs a-g, agenda and minutes, "
      "decisions, actions, attachments, addenda, and the signature block with the content hash "
      "and the ledger anchor). HTML is written to stdout unless --output is given; a PDF needs "
      "--output, or stdout redirected to a file or a pipe (never written to a terminal). "
      "Unsigned minutes are marked \"Draft - not signed\". Exit 0 written, 1 refused (no such "
      "meeting, existing file), 2 usage error");
  exp->add_option("ID", ex.id, "meeting id (as in /meetings/ID)")->required();
  exp->add_option("--format", ex.format, "pdf or html")
      ->required()
      ->check(CLI::IsMember({"pdf", "html"}));
  exp->add_option("--output,-o", ex.output,
                  "file to write (or an existing directory: minutes-DATE-TYPE-ID.EXT inside it)");
  exp->add_flag("--force", ex.force, "overwrite --output when it exists");
  exp->add_option("--org", ex.org,
                  "organization id or slug (required when the instance has several)");
  exp->add_option("--as", ex.as,
                  "read as this member (e-mail) with their role; default: the system");
  exp->add_option("--database", ex.database,
                  "database URL (sqlite:PATH or postgresql://...); same as --db");
  exp->callback([&g] { g.run = reporting_usage_errors([&g] { return run_export(g, ex); }); });
}

}  // namespace mandate::cli
