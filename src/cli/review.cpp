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

#include "areas/accounts/repo.hpp"
#include "areas/meetings/minutes.hpp"
#include "cli/command.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"

namespace mandate::cli {
namespace {

namespace fs = std::filesystem;
namespace accounts = areas::accounts;
namespace meetings = areas::meetings;

// A problem with the command line or what it names: one line on stderr, exit code 2.
struct UsageError {
  std::string message;
};

struct ExportArgs {
  std::string id, format, output, org, as, database;
  bool force = false;
};

// --org: a numeric id or a slug; optional when the instance has exactly one organization (as in
// `mandate docs`).
accounts::Organization resolve_org(store::Database& db, const std::string& spec) {
  return db.read([&](store::Transaction& tx) -> accounts::Organization {
    if (spec.empty()) {
      auto all = accounts::repo::all_orgs(tx);
      if (all.size() == 1) {
        return all.front();
      }
      if (all.empty()) {
        throw UsageError{"--org: this instance has no organization yet (run mandate init)"};
      }
      throw UsageError{"--org is required: this instance has " + std::to_string(all.size()) +
                       " organizations (give an id or a slug)"};
    }
    const bool numeric =
        std::all_of(spec.begin(), spec.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::optional<accounts::Organization> org;
    if (numeric && spec.size() <= 18) {
      org = accounts::repo::find_org(tx, OrgId{std::stoll(spec)});
    }
    if (!org) {
      org = accounts::repo::find_org_by_slug(tx, spec);
    }
    if (!org) {
      throw UsageError{"--org: no organization has the id or slug \"" + spec + "\""};
    }
    return *org;
  });
}

// The caller: the system (the export only reads), or the member named by --as with their role,
// so that an export can be made exactly as a given user would see it.
areas::Caller resolve_caller(store::Database& db, const core::Clock& clock,
                             const accounts::Organization& org, const std::string& as) {
  if (as.empty()) {
    return areas::Caller::system(org.id, "mandate review export (cli)");
  }
  const std::string email = core::ascii_lower(core::trim(as));
  return db.read([&](store::Transaction& tx) -> areas::Caller {
    auto user = accounts::repo::find_user_by_email(tx, email);
    if (!user) {
      throw UsageError{"--as: no user has the e-mail " + email};
    }
    if (user->disabled) {
      throw UsageError{"--as: the account " + email + " is disabled"};
    }
    auto m = accounts::repo::find_membership(tx, org.id, user->id);
    if (!m || m->expired(clock.now())) {
      throw UsageError{"--as: " + email + " is not a member of " + org.slug};
    }
    return areas::Caller{user->id, TokenId{}, org.id, m->role, user->display_name};
  });
}

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
  if (!a.database.empty()) {
    g.config.db = a.database;
  }
  auto db = open_db(g.config);
  core::SystemClock clock;
  areas::Env env{*db, clock};
  const auto org = resolve_org(*db, a.org);
  const auto by = resolve_caller(*db, clock, org, a.as);
  auto m = meetings::minutes(env, by, id);
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
  exp->callback([&g] {
    g.run = [&g] {
      try {
        return run_export(g, ex);
      } catch (const UsageError& e) {
        std::fprintf(stderr, "mandate: %s\n", e.message.c_str());
        return 2;
      }
    };
  });
}

}  // namespace mandate::cli
