// report/pdf.hpp
// A small document model laid out natively into PDF with cairo (PDF surface) and pango (text
// layout, Unicode, line breaking): headings, paragraphs with light inline markup (bold, italic,
// monospace, escaped by construction), bullet lists, key/value blocks, tables with wrapped cells
// that repeat their header row across pages, a boxed block (signature), and page furniture
// (title in the header, "page n of m" in the footer). A4 portrait. Layer: core ← report ← areas'
// edge and the CLI; no domain knowledge here.
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mandate::report {

// Inline text: a run of plain text with a style. Text is escaped when laid out (never markup).
struct Run {
  enum class Style { plain, bold, italic, mono };
  std::string text;
  Style style = Style::plain;
};
using Text = std::vector<Run>;
Text plain(std::string s);
Text bold(std::string s);

struct Heading {
  int level = 1;  // 1..3
  std::string text;
};
struct Paragraph {
  Text text;
  bool small = false;  // footnote size
  bool muted = false;  // grey
};
struct Bullets {
  std::vector<Text> items;
  int start = 0;  // > 0: a numbered list counting from `start` instead of bullets
};
struct KeyValues {
  std::vector<std::pair<std::string, Text>> rows;
};
struct Table {
  std::vector<std::string> header;
  std::vector<double> widths;  // fractions of the text width; empty: equal
  std::vector<std::vector<Text>> rows;
};
// A framed block (e.g. the signature block): a title and its content.
struct Box {
  std::string title;
  std::vector<std::variant<Paragraph, KeyValues>> content;
};
struct Spacer {
  double points = 8;
};
using Block = std::variant<Heading, Paragraph, Bullets, KeyValues, Table, Box, Spacer>;

struct Document {
  std::string title;    // PDF metadata and page header
  std::string subject;  // PDF metadata
  std::string footer;   // left of the page number, e.g. "Northwind · minutes · sha256 3f2a…"
  std::vector<Block> blocks;
};

// Markdown (GFM, as stored in minutes and policies) as blocks: headings (shifted down by
// `heading_shift` levels, capped at 3), paragraphs with bold/italic/code runs, bullet and numbered
// lists (flattened one level), code blocks (monospace), tables, links as "text (url)". Raw HTML is
// dropped, as in core/markdown.hpp.
std::vector<Block> markdown_blocks(std::string_view markdown, int heading_shift = 1);

// The PDF bytes. Throws std::runtime_error when cairo reports an error (a bug or out of memory).
std::string render_pdf(const Document& doc);

}  // namespace mandate::report
