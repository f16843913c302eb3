// cli/docs.cpp — `mandate docs import DIR` and `mandate docs export --format md|html --out DIR`:
// policies as Markdown files in and out of an organization's register, through the policies
// service (areas/policies/service.hpp) like the UI and the API. Import is a dry run first and then
// an all-or-nothing apply; export writes one file per document (Markdown with front matter, or a
// standalone HTML page with its signatures and a print stylesheet, plus an index.html).
// Exit codes: 0 done, 1 refused (a rejected file, a file that would be overwritten, a service
// error), 2 a usage error (bad argument, unknown organization or user, unreadable directory).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "areas/policies/service.hpp"
#include "cli/command.hpp"
#include "core/errors.hpp"
#include "core/markdown.hpp"
#include "core/text.hpp"

namespace mandate::cli {
namespace {

namespace fs = std::filesystem;
namespace policies = areas::policies;
namespace accounts = areas::accounts;

constexpr std::uintmax_t kMaxFileBytes = 1024 * 1024;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    throw SystemError("cannot read " + p.string());
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    throw SystemError("cannot read " + p.string());
  }
  return ss.str();
}

// Writes through a temporary file and a rename, so a file is either whole or absent.
void write_file(const fs::path& p, std::string_view content) {
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      throw SystemError("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw SystemError("cannot write " + p.string());
  }
}

// --- import ---

std::string join_errors(const std::map<std::string, std::string>& errors) {
  std::string out;
  for (const auto& [field, msg] : errors) {
    out += out.empty() ? "" : "; ";
    out += field + ": " + msg;
  }
  return out;
}

void pad(std::string& line, const std::string& cell, std::size_t width) {
  line += cell;
  const std::size_t len = core::valid_utf8(cell) ? core::utf8_length(cell) : cell.size();
  line.append(width > len ? width - len + 2 : 2, ' ');
}

void print_table(const std::vector<policies::ImportFileResult>& rows) {
  std::size_t w[3] = {4, 9, 6};  // "file", "reference", "action"
  auto width = [](const std::string& s) {
    return core::valid_utf8(s) ? core::utf8_length(s) : s.size();
  };
  for (const auto& r : rows) {
    w[0] = std::max(w[0], width(r.name));
    w[1] = std::max(w[1], width(r.reference));
    w[2] = std::max(w[2], width(r.action));
  }
  auto line_of = [&](const std::string& a, const std::string& b, const std::string& c,
                     const std::string& d) {
    std::string line;
    pad(line, a, w[0]);
    pad(line, b, w[1]);
    pad(line, c, w[2]);
    line += d;
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    std::printf("%s\n", line.c_str());
  };
  line_of("file", "reference", "action", "errors");
  for (const auto& r : rows) {
    line_of(r.name, r.reference.empty() ? "-" : r.reference, r.action, join_errors(r.errors));
  }
}

std::string counts(const std::vector<policies::ImportFileResult>& rows) {
  int creates = 0, drafts = 0, unchanged = 0, rejects = 0;
  for (const auto& r : rows) {
    if (r.action == "create") {
      ++creates;
    } else if (r.action == "new draft") {
      ++drafts;
    } else if (r.action == "unchanged") {
      ++unchanged;
    } else {
      ++rejects;
    }
  }
  return std::to_string(creates) + " to create, " + std::to_string(drafts) +
         (drafts == 1 ? " new draft, " : " new drafts, ") + std::to_string(unchanged) +
         " unchanged, " + std::to_string(rejects) + " rejected";
}

struct ImportArgs {
  std::string dir, org, as;
  bool dry_run = false;
};

int run_import(Globals& g, const ImportArgs& a) {
  const fs::path dir(a.dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw UsageError{"DIR: " + a.dir + " is not a directory"};
  }
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".md" && it->is_regular_file(type_ec)) {
      paths.push_back(it->path());
    }
  }
  if (ec) {
    throw UsageError{"DIR: cannot list " + a.dir + ": " + ec.message()};
  }
  if (paths.empty()) {
    throw UsageError{"DIR: " + a.dir + " has no *.md files"};
  }
  std::sort(paths.begin(), paths.end(),
            [](const fs::path& x, const fs::path& y) { return x.filename() < y.filename(); });

  // Files the service never sees: too large or not UTF-8. They still reject the whole import.
  std::vector<policies::ImportFile> files;
  std::vector<policies::ImportFileResult> refused;
  auto refuse = [&](const std::string& name, std::string why) {
    refused.push_back({name, "", "reject", {{"file", std::move(why)}}});
  };
  for (const auto& p : paths) {
    const std::string name = p.filename().string();
    const auto size = fs::file_size(p, ec);
    if (ec) {
      throw SystemError("cannot read " + p.string() + ": " + ec.message());
    }
    if (size > kMaxFileBytes) {
      refuse(name, "is " + std::to_string(size) + " bytes; the limit is 1 MiB");
      continue;
    }
    std::string content = read_file(p);
    if (!core::valid_utf8(content)) {
      refuse(name, "is not valid UTF-8");
      continue;
    }
    files.push_back({name, std::move(content)});
  }

  const OrgSession session = open_org_session(g, "", a.org, a.as, "mandate docs import (cli)");
  const areas::Env env = session.env();
  const auto& org = session.org;
  const auto& by = session.by;

  auto merged = [&](const policies::ImportReport& report) {
    std::vector<policies::ImportFileResult> rows = report.files;
    rows.insert(rows.end(), refused.begin(), refused.end());
    std::sort(rows.begin(), rows.end(),
              [](const auto& x, const auto& y) { return x.name < y.name; });
    return rows;
  };
  policies::ImportReport dry;
  if (!files.empty()) {
    auto r = policies::import_markdown(env, by, files, false);
    if (!r) {
      throw ErrorException(r.error());
    }
    dry = std::move(*r);
  }
  const auto planned = merged(dry);
  if (!refused.empty() || !dry.ok()) {
    print_table(planned);
    std::printf("%s\nnothing was imported into %s: fix the problems above and run again\n",
                counts(planned).c_str(), org.slug.c_str());
    return 1;
  }
  if (a.dry_run) {
    print_table(planned);
    std::printf("%s\ndry run: nothing written\n", counts(planned).c_str());
    return 0;
  }
  auto applied = policies::import_markdown(env, by, files, true);
  if (!applied) {
    throw ErrorException(applied.error());
  }
  const auto rows = merged(*applied);
  print_table(rows);
  if (!applied->applied || !applied->ok()) {
    std::printf("%s\nnothing was imported into %s: fix the problems above and run again\n",
                counts(rows).c_str(), org.slug.c_str());
    return 1;
  }
  std::string done = counts(rows);
  done.replace(done.find(" to create"), 10, " created");
  std::printf("%s\nimported into %s\n", done.c_str(), org.slug.c_str());
  return 0;
}

// --- export ---

std::string esc(std::string_view s) {
  std::string out;
  core::append_html_escaped(out, s);
  return out;
}

// A file name from a reference: letters, digits, '.', '_' and '-' kept, anything else '-';
// no leading dot or dash; at most 100 bytes.
std::string sanitise(std::string_view reference) {
  std::string out;
  for (char c : reference) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    out.push_back(keep ? c : '-');
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '-')) {
    out.erase(out.begin());
  }
  if (out.size() > 100) {
    out.resize(100);
  }
  return out.empty() ? std::string("document") : out;
}

constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin: .2rem 0 1rem; line-height: 1.2; }
h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.org { color: #4a5361; margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #c9d1db; padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
.meta th { width: 12rem; }
.nowrap { white-space: nowrap; }
code, .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em;
  overflow-wrap: anywhere; }
pre { background: #f4f6f9; padding: .75rem; overflow-x: auto; }
blockquote { border-left: 4px solid #c9d1db; margin-left: 0; padding-left: 1rem; color: #4a5361; }
ul.contains-task-list { list-style: none; padding-left: 1.2rem; }
.content { border-top: 2px solid #1f4e8c; margin-top: 1.5rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #4a5361; border-top: 1px solid #c9d1db; }
a { color: #1f4e8c; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { page-break-after: avoid; }
  table, pre, blockquote { page-break-inside: avoid; }
  .content { border-top-color: #000; }
  @page { margin: 18mm 16mm; }
}
)";

std::string page_head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
         "<meta name=\"generator\" content=\"Mandate\">\n<title>" +
         esc(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
}

std::string effective_text(const policies::Version& v) {
  return v.effective_on ? core::format_date(*v.effective_on) : std::string("on publication");
}

// "top_management" -> "Top management"; an unknown name as it is.
std::string role_label_of(const std::string& name) {
  auto r = parse_role(name);
  return r ? std::string(role_label(*r)) : name;
}

void meta_row(std::string& out, std::string_view label, const std::string& value_html) {
  out += "<tr><th scope=\"row\">";
  out += esc(label);
  out += "</th><td>" + value_html + "</td></tr>\n";
}

std::string html_document(const accounts::Organization& org, const policies::ExportedDoc& d,
                          const policies::DocView* view, core::Timestamp exported_at) {
  const auto& doc = d.doc;
  const auto& v = d.version;
  std::string out =
      page_head(doc.reference + " " + doc.title + " — version " + std::to_string(v.number));
  out += "<header>\n<p class=\"org\">" + esc(org.name) + " · " +
         esc(policies::classification_name(doc.classification)) + "</p>\n<h1>" + esc(doc.title) +
         "</h1>\n<table class=\"meta\">\n";
  meta_row(out, "Reference", esc(doc.reference));
  meta_row(out, "Type", esc(policies::doc_type_label(doc.type)));
  meta_row(out, "Version",
           std::to_string(v.number) + " (" + esc(policies::version_status_name(v.status)) + ")");
  meta_row(out, "Effective date", esc(effective_text(v)));
  if (v.published_at) {
    meta_row(out, "Published", esc(core::format_timestamp(*v.published_at)));
  }
  if (view != nullptr && !view->owner_name.empty()) {
    meta_row(out, "Owner", esc(view->owner_name));
  }
  meta_row(out, "Review interval", std::to_string(doc.review_interval_months) + " months");
  if (!v.change_summary.empty()) {
    meta_row(out, "Change summary",
             esc(v.change_summary) + (v.material ? " (material change)" : " (not material)"));
  }
  meta_row(out, "Content SHA-256", "<span class=\"hash\">" + esc(v.content_hash) + "</span>");
  out += "</table>\n";
  const std::vector<policies::Approval>* approvals = nullptr;
  if (view != nullptr) {
    for (const auto& vv : view->versions) {
      if (vv.version.id == v.id) {
        approvals = &vv.approvals;
      }
    }
  }
  if (approvals != nullptr && !approvals->empty()) {
    out +=
        "<section class=\"signatures\">\n<h2>Approvals</h2>\n<table>\n<thead><tr>"
        "<th scope=\"col\">Signed by</th><th scope=\"col\">Role</th><th scope=\"col\">"
        "Meaning</th><th scope=\"col\">Date and time (UTC)</th><th scope=\"col\">"
        "Content SHA-256 signed</th></tr></thead>\n<tbody>\n";
    for (const auto& a : *approvals) {
      const bool decided = a.decision != policies::Decision::pending;
      out += "<tr><td>" + esc(decided ? a.signer_name : a.approver_name) + "</td><td>" +
             esc(role_label_of(a.signer_role)) + "</td><td>" +
             esc(decided ? a.meaning : std::string("pending")) + "</td><td class=\"nowrap\">" +
             esc(a.decided_at ? core::format_timestamp(*a.decided_at) : std::string("-")) +
             "</td><td class=\"hash\">" + esc(a.content_hash) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n</section>\n";
  }
  out += "</header>\n<main class=\"content\">\n";
  out += core::render_markdown(v.content);
  out += "</main>\n<footer>\n<p>Exported from Mandate on " +
         esc(core::format_timestamp(exported_at)) +
         ". The SHA-256 above is computed over the Markdown source of this version; the ledger "
         "records every approval against it.</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

std::string html_index(const accounts::Organization& org,
                       const std::vector<policies::ExportedDoc>& docs,
                       const std::vector<std::string>& names, core::Timestamp exported_at) {
  std::string out = page_head(org.name + " — policies and documented information");
  out += "<header>\n<p class=\"org\">" + esc(org.name) +
         "</p>\n<h1>Policies and documented information</h1>\n</header>\n<main>\n<table>\n"
         "<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">Title</th>"
         "<th scope=\"col\">Type</th><th scope=\"col\">Version</th>"
         "<th scope=\"col\">Effective</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    out += "<tr><td><a href=\"" + esc(names[i]) + "\">" + esc(d.doc.reference) + "</a></td><td>" +
           esc(d.doc.title) + "</td><td>" + esc(policies::doc_type_label(d.doc.type)) +
           "</td><td class=\"nowrap\">" + std::to_string(d.version.number) + " (" +
           esc(policies::version_status_name(d.version.status)) + ")</td><td class=\"nowrap\">" +
           esc(effective_text(d.version)) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</main>\n<footer>\n<p>" + std::to_string(docs.size()) +
         " documents, exported from Mandate on " + esc(core::format_timestamp(exported_at)) +
         ".</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

struct ExportArgs {
  std::string format, out, org, as;
  bool include_drafts = false;
  bool force = false;
};

int run_export(Globals& g, const ExportArgs& a) {
  const bool html = a.format == "html";
  const fs::path out_dir(a.out);
  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec)) {
    throw UsageError{"--out: " + a.out + " exists and is not a directory"};
  }
  const OrgSession session = open_org_session(g, "", a.org, a.as, "mandate docs export (cli)");
  const areas::Env env = session.env();
  const auto& org = session.org;
  const auto& by = session.by;
  auto docs = policies::export_documents(env, by, a.include_drafts);
  if (!docs) {
    throw ErrorException(docs.error());
  }
  if (docs->empty()) {
    std::printf("nothing to export: %s has no %s documents\n", org.slug.c_str(),
                a.include_drafts ? "" : "published");
    return 0;
  }
  // File names from the references, unique even on a case-insensitive file system.
  std::set<std::string> taken;
  if (html) {
    taken.insert("index");
  }
  std::vector<std::string> names;
  for (const auto& d : *docs) {
    const std::string base = sanitise(d.doc.reference);
    std::string stem = base;
    for (int k = 2; !taken.insert(core::ascii_lower(stem)).second; ++k) {
      stem = base + "-" + std::to_string(k);
    }
    names.push_back(stem + (html ? ".html" : ".md"));
  }
  std::vector<fs::path> targets;
  for (const auto& n : names) {
    targets.push_back(out_dir / n);
  }
  if (html) {
    targets.push_back(out_dir / "index.html");
  }
  if (!a.force) {
    for (const auto& t : targets) {
      if (fs::exists(t, ec)) {
        std::fprintf(stderr,
                     "mandate: %s already exists: nothing was written (pass --force to "
                     "overwrite)\n",
                     t.string().c_str());
        return 1;
      }
    }
  }
  fs::create_directories(out_dir, ec);
  if (ec) {
    throw UsageError{"--out: cannot create " + a.out + ": " + ec.message()};
  }
  const core::Timestamp now = session.clock.now();
  for (std::size_t i = 0; i < docs->size(); ++i) {
    const auto& d = (*docs)[i];
    if (html) {
      auto view = policies::view(env, by, d.doc.id);
      if (!view) {
        throw ErrorException(view.error());
      }
      write_file(targets[i], html_document(org, d, &*view, now));
    } else {
      write_file(targets[i], d.markdown_with_front_matter);
    }
    std::printf("%s  %s version %d\n", targets[i].string().c_str(), d.doc.reference.c_str(),
                d.version.number);
  }
  if (html) {
    write_file(targets.back(), html_index(org, *docs, names, now));
    std::printf("%s\n", targets.back().string().c_str());
  }
  std::printf("exported %zu documents from %s as %s\n", docs->size(), org.slug.c_str(),
              a.format.c_str());
  return 0;
}

}  // namespace

void add_docs(CLI::App& app, Globals& g) {
  auto* docs = app.add_subcommand("docs", "Import and export policies as Markdown or HTML");
  docs->require_subcommand(1);

  static ImportArgs in;
  auto* imp = docs->add_subcommand(
      "import",
      "Import every *.md file of DIR (front matter: reference, title, type, owner, ...): new "
      "documents get a draft, changed ones a new draft; all or nothing. Exit 0 done, 1 rejected "
      "(nothing written), 2 usage error");
  imp->add_option("DIR", in.dir, "directory of Markdown files (not recursive; each ≤ 1 MiB, UTF-8)")
      ->required();
  imp->add_option("--org", in.org,
                  "organization id or slug (required when the instance has several)");
  imp->add_flag("--dry-run", in.dry_run, "only show what would change");
  imp->add_option("--as", in.as,
                  "act as this member (e-mail) with their role; default: the system");
  imp->callback([&g] { g.run = reporting_usage_errors([&g] { return run_import(g, in); }); });

  static ExportArgs ex;
  auto* exp = docs->add_subcommand(
      "export",
      "Write the current version of every document: Markdown with front matter (md) or a "
      "standalone HTML page each plus index.html (html). Exit 0 done, 1 refused, 2 usage error");
  exp->add_option("--format", ex.format, "md or html")
      ->required()
      ->check(CLI::IsMember({"md", "html"}));
  exp->add_option("--out", ex.out, "directory to write into (created if missing)")->required();
  exp->add_option("--org", ex.org,
                  "organization id or slug (required when the instance has several)");
  exp->add_flag("--include-drafts", ex.include_drafts,
                "export the newest version of each document, even when not published");
  exp->add_flag("--force", ex.force, "overwrite files that already exist");
  exp->add_option("--as", ex.as,
                  "act as this member (e-mail) with their role; default: the system");
  exp->callback([&g] {
    g.run = reporting_usage_errors([&g] {
      if (ex.out.empty()) {
        throw UsageError{"--out: must not be empty"};
      }
      return run_export(g, ex);
    });
  });
}

}  // namespace mandate::cli
