// core/diff.hpp
// Line diff between two texts (dtl's O(NP) algorithm), for comparing policy versions: a list of
// hunks with context, each line marked kept, added or removed, plus a word-level refinement of a
// removed line and its added replacement so a reader sees what changed inside the line. Within a
// run of changes the removed lines come first, then the added ones (as in a unified diff), and
// the k-th removed line is paired with the k-th added line. Pure and thread-safe.
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
  // Word-level detail for a paired removed/added line, empty otherwise. The spans concatenate
  // to `text`; a word is a run of letters, digits, '_' and non-ASCII bytes, a run of blanks is
  // one token, any other character is a token of its own. Blanks between two changed words
  // count as changed.
  std::vector<DiffSpan> spans;
};

// Numbers as in a unified diff's "@@ -old_start,old_count +new_start,new_count @@": the first
// line's number on that side, or, when the hunk has no line on that side, the number of the line
// after which the change sits (0 = before the first line).
struct DiffHunk {
  int old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::vector<DiffLine> lines;
};

struct Diff {
  std::vector<DiffHunk> hunks;  // empty when the texts are equal
  int added = 0;                // lines
  int removed = 0;
};

// Diffs `before` and `after` line by line, keeping `context` unchanged lines (a negative value
// counts as 0) around each change; changes whose contexts would touch share a hunk. Lines end at
// "\n"; a "\r" before it is dropped, so texts that differ only in CRLF vs LF endings are equal,
// and a missing final newline is not a difference. Never fails; time is O((N+M)·D) for N and M
// lines and D changed lines.
Diff diff_lines(std::string_view before, std::string_view after, int context = 3);

}  // namespace mandate::core
