// tests/core/diff_test.cpp — core::diff_lines: hunks, context, line numbers, CRLF, the word-level
// spans of a replaced line, and a 10,000-line input.
#include "core/diff.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace mandate::core {
namespace {

// The hunk as a unified diff would print it, to compare whole hunks at a glance.
std::string unified(const DiffHunk& h) {
  std::string out = "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) +
                    " +" + std::to_string(h.new_start) + "," + std::to_string(h.new_count) +
                    " @@\n";
  for (const auto& l : h.lines) {
    out += l.op == DiffOp::keep ? ' ' : l.op == DiffOp::add ? '+' : '-';
    out += l.text + "\n";
  }
  return out;
}

// Changed spans in brackets: "the [quick] fox".
std::string marked(const DiffLine& l) {
  std::string out;
  for (const auto& s : l.spans) {
    out += s.changed ? "[" + s.text + "]" : s.text;
  }
  return out;
}

std::string numbered(int from, int to, std::string_view prefix = "line ") {
  std::string out;
  for (int i = from; i <= to; ++i) {
    out += std::string(prefix) + std::to_string(i) + "\n";
  }
  return out;
}

TEST(DiffTest, EqualTextsHaveNoHunks) {
  const Diff d = diff_lines("a\nb\nc\n", "a\nb\nc\n");
  EXPECT_TRUE(d.hunks.empty());
  EXPECT_EQ(d.added, 0);
  EXPECT_EQ(d.removed, 0);
  EXPECT_TRUE(diff_lines("", "").hunks.empty());
}

TEST(DiffTest, PureAdditionToEmptyText) {
  const Diff d = diff_lines("", "one\ntwo\n");
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]), "@@ -0,0 +1,2 @@\n+one\n+two\n");
  EXPECT_EQ(d.hunks[0].lines[0].old_line, 0);
  EXPECT_EQ(d.hunks[0].lines[0].new_line, 1);
  EXPECT_EQ(d.hunks[0].lines[1].new_line, 2);
  EXPECT_EQ(d.added, 2);
  EXPECT_EQ(d.removed, 0);
}

TEST(DiffTest, PureAdditionInTheMiddle) {
  const Diff d = diff_lines(numbered(1, 10), numbered(1, 5) + "new\n" + numbered(6, 10));
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]),
            "@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+new\n line 6\n line 7\n line 8\n");
  const DiffLine& added = d.hunks[0].lines[3];
  EXPECT_EQ(added.op, DiffOp::add);
  EXPECT_EQ(added.old_line, 0);
  EXPECT_EQ(added.new_line, 6);
  EXPECT_TRUE(added.spans.empty());  // nothing was replaced
  EXPECT_EQ(d.added, 1);
}

TEST(DiffTest, PureRemoval) {
  const Diff d = diff_lines(numbered(1, 4), numbered(1, 2));
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]), "@@ -1,4 +1,2 @@\n line 1\n line 2\n-line 3\n-line 4\n");
  EXPECT_EQ(d.hunks[0].lines[2].old_line, 3);
  EXPECT_EQ(d.hunks[0].lines[2].new_line, 0);
  EXPECT_EQ(d.removed, 2);
  EXPECT_EQ(d.added, 0);

  const Diff all = diff_lines("x\ny\n", "");
  ASSERT_EQ(all.hunks.size(), 1u);
  EXPECT_EQ(unified(all.hunks[0]), "@@ -1,2 +0,0 @@\n-x\n-y\n");
}

TEST(DiffTest, ReplaceInTheMiddleWithContext) {
  const std::string before = numbered(1, 20);
  std::string after = numbered(1, 9) + "line ten\n" + numbered(11, 20);
  const Diff d = diff_lines(before, after);
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]),
            "@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n"
            " line 13\n");
  const auto& lines = d.hunks[0].lines;
  EXPECT_EQ(lines[0].old_line, 7);
  EXPECT_EQ(lines[0].new_line, 7);
  EXPECT_EQ(lines[3].old_line, 10);
  EXPECT_EQ(lines[4].new_line, 10);
  EXPECT_EQ(d.added, 1);
  EXPECT_EQ(d.removed, 1);

  const Diff wide = diff_lines(before, after, 1);
  ASSERT_EQ(wide.hunks.size(), 1u);
  EXPECT_EQ(unified(wide.hunks[0]), "@@ -9,3 +9,3 @@\n line 9\n-line 10\n+line ten\n line 11\n");
  const Diff none = diff_lines(before, after, 0);
  EXPECT_EQ(unified(none.hunks[0]), "@@ -10,1 +10,1 @@\n-line 10\n+line ten\n");
  const Diff negative = diff_lines(before, after, -5);
  EXPECT_EQ(unified(negative.hunks[0]), unified(none.hunks[0]));
}

TEST(DiffTest, DistantChangesMakeSeparateHunksCloseOnesShareOne) {
  const std::string before = numbered(1, 30);
  std::string far = before;
  far.replace(far.find("line 2\n"), 7, "line two\n");
  far.replace(far.find("line 25\n"), 8, "line twenty-five\n");
  const Diff d = diff_lines(before, far);
  ASSERT_EQ(d.hunks.size(), 2u);
  EXPECT_EQ(d.hunks[0].old_start, 1);
  EXPECT_EQ(d.hunks[0].old_count, 5);
  EXPECT_EQ(d.hunks[1].old_start, 22);
  EXPECT_EQ(d.hunks[1].old_count, 7);

  // Lines 5 and 11: 5 unchanged lines between them, fewer than 2 * 3 → one hunk.
  std::string near = before;
  near.replace(near.find("line 5\n"), 7, "line five\n");
  near.replace(near.find("line 11\n"), 8, "line eleven\n");
  const Diff n = diff_lines(before, near);
  ASSERT_EQ(n.hunks.size(), 1u);
  EXPECT_EQ(n.hunks[0].old_start, 2);
  EXPECT_EQ(n.hunks[0].old_count, 13);
  EXPECT_EQ(n.hunks[0].new_count, 13);
}

TEST(DiffTest, CrlfAndLfAreTheSame) {
  EXPECT_TRUE(diff_lines("a\r\nb\r\nc\r\n", "a\nb\nc\n").hunks.empty());
  EXPECT_TRUE(diff_lines("a\nb", "a\nb\n").hunks.empty());  // final newline is not a line
  const Diff d = diff_lines("a\r\nb\r\nc\r\n", "a\nB\nc\n");
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]), "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  for (const auto& l : d.hunks[0].lines) {
    EXPECT_EQ(l.text.find('\r'), std::string::npos) << l.text;
  }
}

TEST(DiffTest, BlankLinesCount) {
  const Diff d = diff_lines("a\n\nb\n", "a\nb\n");
  ASSERT_EQ(d.hunks.size(), 1u);
  EXPECT_EQ(unified(d.hunks[0]), "@@ -1,3 +1,2 @@\n a\n-\n b\n");
}

TEST(DiffTest, WordSpansMarkExactlyTheChangedWords) {
  const Diff d = diff_lines("Access is reviewed every quarter by the owner.\n",
                            "Access is reviewed every month by the CISO.\n");
  ASSERT_EQ(d.hunks.size(), 1u);
  const auto& lines = d.hunks[0].lines;
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(marked(lines[0]), "Access is reviewed every [quarter] by the [owner].");
  EXPECT_EQ(marked(lines[1]), "Access is reviewed every [month] by the [CISO].");
  // The spans are the whole line.
  std::string joined;
  for (const auto& s : lines[1].spans) {
    joined += s.text;
  }
  EXPECT_EQ(joined, lines[1].text);
}

TEST(DiffTest, WordSpansJoinAdjacentChangedWordsAndPunctuation) {
  const Diff d = diff_lines("the quick brown fox\n", "the slow red fox!\n");
  const auto& lines = d.hunks.at(0).lines;
  EXPECT_EQ(marked(lines[0]), "the [quick brown] fox");
  EXPECT_EQ(marked(lines[1]), "the [slow red] fox[!]");
}

TEST(DiffTest, WordSpansPairRemovedAndAddedLinesInOrder) {
  const Diff d = diff_lines("keep\nalpha one\nbeta two\nkeep2\n",
                            "keep\nalpha uno\nbeta dos\nextra line\nkeep2\n");
  const auto& lines = d.hunks.at(0).lines;
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(unified(d.hunks[0]),
            "@@ -1,4 +1,5 @@\n keep\n-alpha one\n-beta two\n+alpha uno\n+beta dos\n"
            "+extra line\n keep2\n");
  EXPECT_EQ(marked(lines[1]), "alpha [one]");
  EXPECT_EQ(marked(lines[3]), "alpha [uno]");
  EXPECT_EQ(marked(lines[2]), "beta [two]");
  EXPECT_EQ(marked(lines[4]), "beta [dos]");
  EXPECT_TRUE(lines[5].spans.empty());  // an addition without a removed partner
  EXPECT_TRUE(lines[0].spans.empty());  // kept lines carry no spans
}

TEST(DiffTest, WordSpansKeepUtf8WordsWhole) {
  const Diff d =
      diff_lines("Geltungsbereich: alle Mitarbeitenden\n", "Geltungsbereich: alle Beschäftigten\n");
  const auto& lines = d.hunks.at(0).lines;
  EXPECT_EQ(marked(lines[0]), "Geltungsbereich: alle [Mitarbeitenden]");
  EXPECT_EQ(marked(lines[1]), "Geltungsbereich: alle [Beschäftigten]");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// Applying the hunks to the old text gives the new text; line numbers, counts and spans agree.
void expect_diff_reconstructs(const std::string& before, const std::string& after, int context) {
  const auto old_lines = lines_of(before);
  const auto new_lines = lines_of(after);
  const Diff d = diff_lines(before, after, context);
  std::vector<std::string> rebuilt;
  std::size_t cursor = 0;  // old lines consumed
  int added = 0, removed = 0;
  for (const auto& h : d.hunks) {
    const std::size_t first_old =
        static_cast<std::size_t>(h.old_count > 0 ? h.old_start - 1 : h.old_start);
    ASSERT_GE(first_old, cursor);
    for (; cursor < first_old; ++cursor) {
      rebuilt.push_back(old_lines.at(cursor));
    }
    int old_count = 0, new_count = 0;
    for (const auto& l : h.lines) {
      if (l.op != DiffOp::add) {
        ASSERT_EQ(l.old_line, static_cast<int>(cursor) + 1);
        ASSERT_EQ(l.text, old_lines.at(cursor));
        ++cursor;
        ++old_count;
      }
      if (l.op != DiffOp::remove) {
        rebuilt.push_back(l.text);
        ASSERT_EQ(l.new_line, static_cast<int>(rebuilt.size()));
        ++new_count;
      }
      added += l.op == DiffOp::add ? 1 : 0;
      removed += l.op == DiffOp::remove ? 1 : 0;
      if (!l.spans.empty()) {
        std::string joined;
        for (const auto& s : l.spans) {
          joined += s.text;
        }
        ASSERT_EQ(joined, l.text);
      }
    }
    ASSERT_EQ(old_count, h.old_count);
    ASSERT_EQ(new_count, h.new_count);
  }
  for (; cursor < old_lines.size(); ++cursor) {
    rebuilt.push_back(old_lines[cursor]);
  }
  ASSERT_EQ(rebuilt, new_lines);
  ASSERT_EQ(added, d.added);
  ASSERT_EQ(removed, d.removed);
}

// Length of the longest common subsequence of lines, by the textbook table.
int lcs_length(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<int>> t(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(DiffTest, RandomEditsReconstruct) {
  std::mt19937 rng(7);
  const std::vector<std::string> vocabulary = {"", "a", "b", "a b", "the policy", "c d e", "x"};
  for (int round = 0; round < 300; ++round) {
    std::string before, after;
    const int n = static_cast<int>(rng() % 40), m = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      before += vocabulary[rng() % vocabulary.size()] + "\n";
    }
    for (int i = 0; i < m; ++i) {
      after += vocabulary[rng() % vocabulary.size()] + "\n";
    }
    SCOPED_TRACE("round " + std::to_string(round));
    expect_diff_reconstructs(before, after, static_cast<int>(rng() % 5));
    if (HasFatalFailure()) {
      return;
    }
    // And the edit is a shortest one.
    const int common = lcs_length(lines_of(before), lines_of(after));
    const Diff d = diff_lines(before, after);
    EXPECT_EQ(d.removed, n - common);
    EXPECT_EQ(d.added, m - common);
  }
}

TEST(DiffTest, LargeInputCompletes) {
  std::string before, after;
  for (int i = 1; i <= 10'000; ++i) {
    const std::string line = "Clause " + std::to_string(i) + ": the organization shall act.\n";
    before += line;
    if (i % 500 == 0) {
      after += "Clause " + std::to_string(i) + ": the organization must act.\n";
    } else if (i % 777 != 0) {
      after += line;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const Diff d = diff_lines(before, after);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(d.removed, 20 + 12);
  EXPECT_EQ(d.added, 20);
  // 32 changes; the removal of line 6993 and the change of line 7000 share a hunk.
  EXPECT_EQ(d.hunks.size(), 31u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  // Two entirely different 10,000-line texts: the worst case still finishes.
  std::string other;
  for (int i = 1; i <= 10'000; ++i) {
    other += "Different " + std::to_string(i) + "\n";
  }
  const auto start2 = std::chrono::steady_clock::now();
  const Diff all = diff_lines(before, other);
  EXPECT_EQ(all.removed, 10'000);
  EXPECT_EQ(all.added, 10'000);
  ASSERT_EQ(all.hunks.size(), 1u);
  EXPECT_EQ(all.hunks[0].lines.size(), 20'000u);
  EXPECT_LT(std::chrono::steady_clock::now() - start2, std::chrono::seconds(30));
}

}  // namespace
}  // namespace mandate::core
