// core/diff.cpp — see diff.hpp. Lines (and, for word detail, tokens) are interned to integers
// before dtl sees them, so the O(NP) search compares ints, not strings; the common prefix and
// suffix are cut off first because policy revisions usually touch a few paragraphs, and lines
// found on one side only are left out of the search because they can never be kept.
#include "core/diff.hpp"

#include <algorithm>
#include <cstddef>
#include <dtl/dtl.hpp>
#include <unordered_map>
#include <utility>

namespace mandate::core {
namespace {

using Ids = std::vector<int>;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    if (nl == std::string_view::npos) {
      break;
    }
    start = nl + 1;
  }
  return lines;
}

// One step of the edit script: which side(s) the element comes from, 0-based indices.
struct Step {
  DiffOp op;
  std::size_t old_index;  // valid for keep and remove
  std::size_t new_index;  // valid for keep and add
};

// The shortest edit script from `a` to `b`, with every run of changes written as all its
// removals then all its additions (the order a reader expects, and what pairs a removed line
// with its replacement). Ids are small non-negative ints (see Interner).
std::vector<Step> edit_script(const Ids& a, const Ids& b) {
  std::vector<Step> steps;
  steps.reserve(std::max(a.size(), b.size()));
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    steps.push_back({DiffOp::keep, prefix, prefix});
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t a_end = a.size() - suffix;
  const std::size_t b_end = b.size() - suffix;

  // An element present on one side only can never be kept, so it stays out of the search (as
  // in GNU diff): a rewritten section costs nothing, and dtl sees only what could match.
  int max_id = -1;
  for (std::size_t i = prefix; i < a_end; ++i) {
    max_id = std::max(max_id, a[i]);
  }
  for (std::size_t j = prefix; j < b_end; ++j) {
    max_id = std::max(max_id, b[j]);
  }
  std::vector<char> in_a(static_cast<std::size_t>(max_id + 1), 0);
  std::vector<char> in_b(static_cast<std::size_t>(max_id + 1), 0);
  for (std::size_t i = prefix; i < a_end; ++i) {
    in_a[static_cast<std::size_t>(a[i])] = 1;
  }
  for (std::size_t j = prefix; j < b_end; ++j) {
    in_b[static_cast<std::size_t>(b[j])] = 1;
  }
  Ids fa, fb;
  std::vector<std::size_t> fa_index, fb_index;
  for (std::size_t i = prefix; i < a_end; ++i) {
    if (in_b[static_cast<std::size_t>(a[i])] != 0) {
      fa.push_back(a[i]);
      fa_index.push_back(i);
    }
  }
  for (std::size_t j = prefix; j < b_end; ++j) {
    if (in_a[static_cast<std::size_t>(b[j])] != 0) {
      fb.push_back(b[j]);
      fb_index.push_back(j);
    }
  }

  // The kept pairs (old index, new index), increasing on both sides.
  std::vector<std::pair<std::size_t, std::size_t>> kept;
  if (!fa.empty() && !fb.empty()) {
    // dtl caps its path memory itself (2M coordinates, then it resumes from a checkpoint); its
    // "huge" mode only reserves that much up front, 48 MB per call, so it stays off.
    dtl::Diff<int, Ids> diff(fa, fb);
    diff.compose();
    for (const auto& [id, info] : diff.getSes().getSequence()) {
      (void)id;
      if (info.type == dtl::SES_COMMON) {  // dtl's indices are 1-based
        kept.emplace_back(fa_index[static_cast<std::size_t>(info.beforeIdx) - 1],
                          fb_index[static_cast<std::size_t>(info.afterIdx) - 1]);
      }
    }
  }
  kept.emplace_back(a_end, b_end);  // sentinel: flushes the last run of changes

  std::size_t i = prefix, j = prefix;
  for (const auto& [ki, kj] : kept) {
    for (; i < ki; ++i) {
      steps.push_back({DiffOp::remove, i, 0});
    }
    for (; j < kj; ++j) {
      steps.push_back({DiffOp::add, 0, j});
    }
    if (ki < a_end) {
      steps.push_back({DiffOp::keep, i++, j++});
    }
  }
  for (; i < a.size(); ++i, ++j) {
    steps.push_back({DiffOp::keep, i, j});
  }
  return steps;
}

// Gives equal strings equal ids across both sides.
class Interner {
 public:
  int id(std::string_view s) {
    auto [it, inserted] = ids_.try_emplace(s, static_cast<int>(ids_.size()));
    return it->second;
  }
  Ids ids(const std::vector<std::string_view>& v) {
    Ids out;
    out.reserve(v.size());
    for (auto s : v) {
      out.push_back(id(s));
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, int> ids_;
};

// ------------------------------------------------------------------ word detail

enum class CharClass { word, space, other };

CharClass char_class(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
      c >= 0x80) {
    return CharClass::word;  // bytes >= 0x80 keep UTF-8 sequences (and non-Latin words) whole
  }
  if (c == ' ' || c == '\t') {
    return CharClass::space;
  }
  return CharClass::other;
}

// Words, runs of blanks, and single punctuation characters.
std::vector<std::string_view> tokenize(std::string_view line) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    const CharClass cls = char_class(static_cast<unsigned char>(line[i]));
    std::size_t j = i + 1;
    if (cls != CharClass::other) {
      while (j < line.size() && char_class(static_cast<unsigned char>(line[j])) == cls) {
        ++j;
      }
    }
    tokens.push_back(line.substr(i, j - i));
    i = j;
  }
  return tokens;
}

void push_span(std::vector<DiffSpan>& spans, std::string_view text, bool changed) {
  if (!spans.empty() && spans.back().changed == changed) {
    spans.back().text += text;
  } else {
    spans.push_back({std::string(text), changed});
  }
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// Blanks between two changed spans count as changed, so "quick brown" -> "slow red" reads as
// one change rather than two with an unchanged space between.
std::vector<DiffSpan> glue(std::vector<DiffSpan> spans) {
  std::vector<DiffSpan> out;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const bool between_changes = !spans[i].changed && i > 0 && i + 1 < spans.size() &&
                                 spans[i - 1].changed && spans[i + 1].changed &&
                                 blank(spans[i].text);
    push_span(out, spans[i].text, spans[i].changed || between_changes);
  }
  return out;
}

void word_spans(DiffLine& removed, DiffLine& added) {
  const auto old_tokens = tokenize(removed.text);
  const auto new_tokens = tokenize(added.text);
  Interner interner;
  const Ids a = interner.ids(old_tokens);
  const Ids b = interner.ids(new_tokens);
  std::vector<DiffSpan> old_spans, new_spans;
  for (const Step& s : edit_script(a, b)) {
    if (s.op != DiffOp::add) {
      push_span(old_spans, old_tokens[s.old_index], s.op == DiffOp::remove);
    }
    if (s.op != DiffOp::remove) {
      push_span(new_spans, new_tokens[s.new_index], s.op == DiffOp::add);
    }
  }
  removed.spans = glue(std::move(old_spans));
  added.spans = glue(std::move(new_spans));
}

}  // namespace

Diff diff_lines(std::string_view before, std::string_view after, int context) {
  const std::size_t ctx = static_cast<std::size_t>(std::max(context, 0));
  const auto old_lines = split_lines(before);
  const auto new_lines = split_lines(after);
  Interner interner;
  const Ids a = interner.ids(old_lines);
  const Ids b = interner.ids(new_lines);
  const std::vector<Step> steps = edit_script(a, b);

  Diff out;
  const std::size_t n = steps.size();
  // Lines of each side consumed before step i, for hunk headers.
  std::vector<int> old_before(n + 1, 0), new_before(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    old_before[i + 1] = old_before[i] + (steps[i].op != DiffOp::add ? 1 : 0);
    new_before[i + 1] = new_before[i] + (steps[i].op != DiffOp::remove ? 1 : 0);
    out.added += steps[i].op == DiffOp::add ? 1 : 0;
    out.removed += steps[i].op == DiffOp::remove ? 1 : 0;
  }

  std::size_t i = 0;
  while (i < n) {
    if (steps[i].op == DiffOp::keep) {
      ++i;
      continue;
    }
    // Extend over changes separated by at most 2 * context unchanged lines (their contexts
    // would touch), then add the trailing context.
    std::size_t last_change = i;
    std::size_t j = i;
    while (j < n) {
      if (steps[j].op != DiffOp::keep) {
        last_change = j++;
        continue;
      }
      std::size_t k = j;
      while (k < n && steps[k].op == DiffOp::keep) {
        ++k;
      }
      if (k == n || k - j > 2 * ctx) {
        break;
      }
      j = k;
    }
    const std::size_t start = i > ctx ? i - ctx : 0;
    const std::size_t stop = std::min(n, last_change + 1 + ctx);

    DiffHunk hunk;
    hunk.old_count = old_before[stop] - old_before[start];
    hunk.new_count = new_before[stop] - new_before[start];
    // As in unified diffs: the first line's number, or for an empty side the line after which
    // the change sits (0 = before the first line).
    hunk.old_start = old_before[start] + (hunk.old_count > 0 ? 1 : 0);
    hunk.new_start = new_before[start] + (hunk.new_count > 0 ? 1 : 0);
    hunk.lines.reserve(stop - start);
    for (std::size_t s = start; s < stop; ++s) {
      DiffLine line;
      line.op = steps[s].op;
      if (line.op != DiffOp::add) {
        line.old_line = static_cast<int>(steps[s].old_index) + 1;
        line.text = std::string(old_lines[steps[s].old_index]);
      }
      if (line.op != DiffOp::remove) {
        line.new_line = static_cast<int>(steps[s].new_index) + 1;
        line.text = std::string(new_lines[steps[s].new_index]);
      }
      hunk.lines.push_back(std::move(line));
    }
    // Word detail: in each run of changes, the k-th removed line against the k-th added one.
    for (std::size_t s = 0; s < hunk.lines.size();) {
      if (hunk.lines[s].op != DiffOp::remove) {
        ++s;
        continue;
      }
      std::size_t removes_end = s;
      while (removes_end < hunk.lines.size() && hunk.lines[removes_end].op == DiffOp::remove) {
        ++removes_end;
      }
      std::size_t adds_end = removes_end;
      while (adds_end < hunk.lines.size() && hunk.lines[adds_end].op == DiffOp::add) {
        ++adds_end;
      }
      const std::size_t pairs = std::min(removes_end - s, adds_end - removes_end);
      for (std::size_t p = 0; p < pairs; ++p) {
        word_spans(hunk.lines[s + p], hunk.lines[removes_end + p]);
      }
      s = adds_end;
    }
    out.hunks.push_back(std::move(hunk));
    i = stop;
  }
  return out;
}

}  // namespace mandate::core
