// core/csv.cpp — RFC 4180 parsing on libcsv, with line tracking and UTF-8 checks.
#include "core/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace mandate::core {
namespace {

struct Collector {
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> current;
  int line = 1;  // the physical line being fed to the parser (input is fed line by line)
  int newlines_in_record = 0;
};

void on_field(void* s, std::size_t len, void* data) {
  auto* c = static_cast<Collector*>(data);
  std::string cell = s ? std::string(static_cast<const char*>(s), len) : std::string();
  c->newlines_in_record += static_cast<int>(std::count(cell.begin(), cell.end(), '\n'));
  c->current.push_back(std::move(cell));
}

void on_record(int, void* data) {
  auto* c = static_cast<Collector*>(data);
  c->records.push_back(std::move(c->current));
  // The record ends on the line being fed; it started as many lines earlier as its quoted
  // fields contain newlines.
  c->lines.push_back(c->line - c->newlines_in_record);
  c->newlines_in_record = 0;
  c->current.clear();
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view data, std::vector<CsvProblem>& problems,
                           std::size_t max_rows) {
  auto invalid = [&](std::string summary) {
    return Error{Errc::invalid, "The file is not valid CSV.", {{"file", std::move(summary)}}, 0};
  };
  if (data.starts_with("\xEF\xBB\xBF")) {
    data.remove_prefix(3);
  }
  if (!valid_utf8(data)) {
    // Locate the first bad line for the message.
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= data.size(); ++i) {
      if (i == data.size() || data[i] == '\n') {
        if (!valid_utf8(data.substr(start, i - start))) {
          break;
        }
        ++line;
        start = i + 1;
      }
    }
    problems.push_back({line, "", "is not valid UTF-8 text (save the file as UTF-8)"});
    return invalid("line " + std::to_string(line) + " is not valid UTF-8");
  }
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    throw std::bad_alloc();
  }
  struct Free {
    csv_parser* p;
    ~Free() { csv_free(p); }
  } free_guard{&p};
  Collector c;
  // Feed one physical line at a time so every record and error knows its line number.
  bool parse_ok = true;
  for (std::size_t pos = 0; pos < data.size() && parse_ok;) {
    std::size_t nl = data.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? data.size() : nl + 1;
    std::string_view chunk = data.substr(pos, end - pos);
    parse_ok = csv_parse(&p, chunk.data(), chunk.size(), on_field, on_record, &c) == chunk.size();
    pos = end;
    if (parse_ok && nl != std::string_view::npos && pos < data.size()) {
      ++c.line;
    }
  }
  if (!parse_ok || csv_fini(&p, on_field, on_record, &c) != 0) {
    problems.push_back({c.line, "", "has a malformed quoted field (a quote must be doubled inside quotes, and every opening quote closed)"});
    return invalid("line " + std::to_string(c.line) + " has a malformed quoted field");
  }
  // libcsv reports blank lines as no record; a record of one empty cell is a blank line too.
  CsvTable t;
  bool have_header = false;
  for (std::size_t i = 0; i < c.records.size(); ++i) {
    auto& rec = c.records[i];
    bool blank = rec.empty() || (rec.size() == 1 && trim(rec[0]).empty());
    if (blank) {
      continue;
    }
    if (!have_header) {
      std::set<std::string> seen;
      for (auto& h : rec) {
        std::string name(trim(h));
        if (name.empty()) {
          problems.push_back({c.lines[i], "", "the header has an empty column name"});
        } else if (!seen.insert(ascii_lower(name)).second) {
          problems.push_back({c.lines[i], name, "appears twice in the header"});
        }
        t.header.push_back(std::move(name));
      }
      have_header = true;
      continue;
    }
    if (rec.size() != t.header.size()) {
      problems.push_back({c.lines[i], "",
                          "has " + std::to_string(rec.size()) + " cells but the header has " +
                              std::to_string(t.header.size())});
      continue;
    }
    if (t.rows.size() >= max_rows) {
      problems.push_back({c.lines[i], "", "is beyond the limit of " + std::to_string(max_rows) + " rows"});
      break;
    }
    t.rows.push_back(CsvRow{c.lines[i], std::move(rec)});
  }
  if (!have_header) {
    problems.push_back({1, "", "the file is empty: a header row is required"});
  }
  if (!problems.empty()) {
    return invalid(std::to_string(problems.size()) + " problem(s), first on line " +
                   std::to_string(problems.front().line));
  }
  return t;
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  bool first = true;
  for (const auto& raw : cells) {
    if (!first) {
      out.push_back(',');
    }
    first = false;
    std::string cell = raw;
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
      cell.insert(cell.begin(), '\'');
    }
    bool quote = cell.find_first_of(",\"\r\n") != std::string::npos;
    if (quote) {
      out.push_back('"');
      for (char ch : cell) {
        if (ch == '"') {
          out.push_back('"');
        }
        out.push_back(ch);
      }
      out.push_back('"');
    } else {
      out += cell;
    }
  }
  out += "\r\n";
  return out;
}

}  // namespace mandate::core
