// core/diff.hpp
// Line diff between two texts (dtl's O(NP) algorithm), for comparing policy versions: a list of
// hunks with context, each line marked kept, added or removed, plus a word-level refinement of a
// removed line immediately followed by its added replacement so a reader sees what changed inside
// the line. Pure and thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mandate::core {

enum class DiffOp { keep, add, remove };

// A piece of a changed line: text and whether it differs from the other side.
struct DiffSpan {
  std::string text;
  bool changed = false;
};

struct DiffLine {
  DiffOp op = DiffOp::keep;
  int old_line = 0;  // 1-based line number on the old side; 0 for an added line
  int new_line = 0;  // 1-based line number on the new side; 0 for a removed line
  std::string text;  // without the line ending
  std::vector<DiffSpan> spans;  // word-level detail for a replaced line; empty otherwise
};

struct DiffHunk {
  int old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::vector<DiffLine> lines;
};

struct Diff {
  std::vector<DiffHunk> hunks;  // empty when the texts are equal
  int added = 0;                // lines
  int removed = 0;
};

// Diffs `before` and `after` line by line ("\n" or "\r\n" endings), keeping `context` unchanged
// lines around each change.
Diff diff_lines(std::string_view before, std::string_view after, int context = 3);

}  // namespace mandate::core
