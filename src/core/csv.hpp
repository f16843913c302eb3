// core/csv.hpp
// CSV in and out (RFC 4180) for imports from HR, LMS and ticketing exports and for exports.
// Parsing uses libcsv in strict mode; on top of it this checks UTF-8 (a BOM is accepted and
// dropped), a header row, and that every row has as many cells as the header. Errors name the
// line (1-based, physical line where the record starts) and, where it applies, the column.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mandate::core {

struct CsvRow {
  int line = 0;  // physical line where the record starts
  std::vector<std::string> cells;
};

struct CsvTable {
  std::vector<std::string> header;  // trimmed
  std::vector<CsvRow> rows;         // blank lines skipped
};

struct CsvProblem {
  int line = 0;
  std::string column;  // header name, or "" when the problem is the whole line
  std::string message;
};

// Errc::invalid with Error::fields["file"] summarising, and `problems` listing each problem
// when the data is not valid CSV (quotes, invalid UTF-8, ragged rows, no header, duplicate or
// empty header names, too many rows). Limits: max_rows data rows.
Result<CsvTable> parse_csv(std::string_view data, std::vector<CsvProblem>& problems,
                           std::size_t max_rows = 200'000);

// One CSV line (with CRLF) from cells, quoting where needed. Cells starting with = + - @ are
// prefixed with ' so spreadsheets do not run them as formulas (CSV injection).
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace mandate::core
