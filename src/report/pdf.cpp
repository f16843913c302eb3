// report/pdf.cpp — see pdf.hpp. Two phases: the blocks are laid out with pango into pages of
// drawing operations (so the page count is known before anything is drawn), then each page is
// drawn on cairo's PDF surface with its header and its "page n of m" footer. Text never goes
// through Pango markup: it is set as plain text and styled with attribute ranges, so nothing a
// user wrote can be read as markup. A block taller than the space left is split between lines;
// only whole lines are drawn on each page (no clipping, so text extraction sees each line once).
#include "report/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/markdown.hpp"

namespace mandate::report {

Text plain(std::string s) { return Text{Run{std::move(s), Run::Style::plain}}; }
Text bold(std::string s) { return Text{Run{std::move(s), Run::Style::bold}}; }

namespace {

// A4 portrait in points, 20 mm side margins; the header and footer sit in the top and bottom
// margins.
constexpr double kPageWidth = 595.2756;
constexpr double kPageHeight = 841.8898;
constexpr double kLeft = 56.7;
constexpr double kWidth = kPageWidth - 2 * kLeft;
constexpr double kTop = 70;
constexpr double kBottom = kPageHeight - 64;
constexpr double kEps = 0.01;

constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3;
constexpr double kBoxPad = 8;
constexpr double kBlockGap = 6;
// The key column of key/value blocks: room for "Content SHA-256" in bold, and for a 64-digit hash
// in the value column on one line even inside a box.
constexpr double kKeyWidth = 120;

struct Color {
  double r = 0, g = 0, b = 0;
};
constexpr Color kInk{0.106, 0.122, 0.141};
constexpr Color kMuted{0.33, 0.36, 0.40};
constexpr Color kRule{0.60, 0.64, 0.69};
constexpr Color kFill{0.933, 0.949, 0.969};
constexpr Color kFrame{0.12, 0.31, 0.55};

struct LayoutUnref {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

// Valid UTF-8 (invalid sequences become U+FFFD) without control characters other than newline and
// tab: pango wants the first, and draws the others as boxes.
std::string clean_text(std::string_view s) {
  char* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out(valid);
  g_free(valid);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
      c = ' ';
    }
  }
  return out;
}

// A laid-out piece of text: the layout, its height and the bottom of each line (points).
struct Laid {
  LayoutPtr layout;
  double height = 0;
  std::vector<double> line_bottoms;

  // The furthest line bottom at most `avail` below `from` (`from` itself when no line fits).
  double fit(double from, double avail) const {
    double to = from;
    for (double b : line_bottoms) {
      if (b > from + kEps && b - from <= avail + kEps) {
        to = b;
      }
    }
    return to;
  }
  // The bottom of the first line below `from` (to force progress on an empty page).
  double next_line(double from) const {
    for (double b : line_bottoms) {
      if (b > from + kEps) {
        return b;
      }
    }
    return height;
  }
};

struct TextOp {
  LayoutPtr layout;
  double x = 0, y = 0;      // where the piece's top goes
  double from = 0, to = 0;  // the piece: lines within [from, to) of the layout
  Color color = kInk;
};
struct RectOp {
  double x = 0, y = 0, w = 0, h = 0;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  double line_width = 0.5;
};
struct LineOp {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  Color color = kRule;
  double width = 0.5;
};
using Op = std::variant<TextOp, RectOp, LineOp>;
struct Page {
  std::vector<Op> ops;
};

enum class Font { body, small, bold, h1, h2, h3, mono, header, cell, cell_bold };

struct Fonts {
  FontPtr body{pango_font_description_from_string("Sans 10")};
  FontPtr small{pango_font_description_from_string("Sans 8")};
  FontPtr bold{pango_font_description_from_string("Sans Bold 10")};
  FontPtr h1{pango_font_description_from_string("Sans Bold 16")};
  FontPtr h2{pango_font_description_from_string("Sans Bold 13")};
  FontPtr h3{pango_font_description_from_string("Sans Bold 11")};
  FontPtr mono{pango_font_description_from_string("Monospace 9")};
  FontPtr header{pango_font_description_from_string("Sans 8")};
  FontPtr cell{pango_font_description_from_string("Sans 9")};
  FontPtr cell_bold{pango_font_description_from_string("Sans Bold 9")};

  const PangoFontDescription* get(Font f) const {
    switch (f) {
      case Font::body:
        return body.get();
      case Font::small:
        return small.get();
      case Font::bold:
        return bold.get();
      case Font::h1:
        return h1.get();
      case Font::h2:
        return h2.get();
      case Font::h3:
        return h3.get();
      case Font::mono:
        return mono.get();
      case Font::header:
        return header.get();
      case Font::cell:
        return cell.get();
      case Font::cell_bold:
        return cell_bold.get();
    }
    return body.get();
  }
};

class Composer {
 public:
  explicit Composer(PangoContext* ctx) : ctx_(ctx) { pages_.emplace_back(); }

  std::vector<Page> take_pages() { return std::move(pages_); }

  // A layout of `runs` in `font`, `width` points wide, wrapped at words (or anywhere inside a
  // word too long for the line, such as a hash).
  Laid lay(const Text& runs, Font font, double width,
           PangoAlignment align = PANGO_ALIGN_LEFT) const {
    std::string text;
    PangoAttrList* attrs = pango_attr_list_new();
    // A word broken across lines (a hash, a URL) must not gain a hyphen that is not in it.
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    for (const auto& run : runs) {
      const auto start = static_cast<guint>(text.size());
      text += clean_text(run.text);
      const auto end = static_cast<guint>(text.size());
      if (start == end) {
        continue;
      }
      auto add = [&](PangoAttribute* a) {
        a->start_index = start;
        a->end_index = end;
        pango_attr_list_insert(attrs, a);
      };
      switch (run.style) {
        case Run::Style::plain:
          break;
        case Run::Style::bold:
          add(pango_attr_weight_new(PANGO_WEIGHT_BOLD));
          break;
        case Run::Style::italic:
          add(pango_attr_style_new(PANGO_STYLE_ITALIC));
          break;
        case Run::Style::mono:
          add(pango_attr_family_new("Monospace"));
          add(pango_attr_scale_new(0.9));
          break;
      }
    }
    LayoutPtr layout(pango_layout_new(ctx_), LayoutUnref{});
    pango_layout_set_font_description(layout.get(), fonts_.get(font));
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);

    Laid out;
    out.layout = layout;
    PangoLayoutIter* it = pango_layout_get_iter(layout.get());
    do {
      int y0 = 0, y1 = 0;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      out.line_bottoms.push_back(static_cast<double>(y1) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    out.height = static_cast<double>(h) / PANGO_SCALE;
    if (!out.line_bottoms.empty()) {
      out.line_bottoms.back() = std::max(out.line_bottoms.back(), out.height);
    }
    return out;
  }
  Laid lay(std::string_view s, Font font, double width) const {
    return lay(Text{Run{std::string(s), Run::Style::plain}}, font, width);
  }

  void add(const Block& b) {
    std::visit([this](const auto& x) { this->block(x); }, b);
  }

 private:
  bool at_top() const { return y_ <= top_ + kEps; }
  double left() const { return kBottom - y_; }
  std::vector<Op>& ops() { return pages_.back().ops; }

  // Called when a block spans pages: `before` closes what is open on the page that ends (a box's
  // frame), `after` repeats what continues on the new page (a table's header row).
  struct BreakHook {
    std::function<void()> before;
    std::function<void()> after;
  };

  void new_page() {
    if (hook_ && hook_->before) {
      hook_->before();
    }
    pages_.emplace_back();
    y_ = top_;
    if (hook_ && hook_->after) {
      hook_->after();
    }
  }

  void gap(double points) {
    if (!at_top()) {
      y_ = std::min(y_ + points, kBottom);
    }
  }

  void text(const Laid& l, double x, double from, double to, Color c) {
    ops().push_back(TextOp{l.layout, x, y_, from, to, c});
  }

  // Flows `l` at `x`, splitting it between lines across pages. `marker` (a bullet) is drawn next
  // to its first line.
  void flow(const Laid& l, double x, Color c, const Laid* marker = nullptr, double marker_x = 0) {
    double from = 0;
    while (from < l.height - kEps) {
      double to = l.fit(from, left());
      if (to <= from + kEps) {
        if (!at_top()) {
          new_page();
          continue;
        }
        to = l.next_line(from);  // a line taller than a page: draw it anyway
      }
      if (marker != nullptr && from <= kEps) {
        ops().push_back(TextOp{marker->layout, marker_x, y_, 0, marker->height, c});
      }
      text(l, x, from, to, c);
      y_ += to - from;
      from = to;
      if (from < l.height - kEps) {
        new_page();
      }
    }
  }

  struct Cell {
    Laid laid;
    double x = 0;  // the cell's left edge
    double w = 0;  // the cell's width
    Color color = kInk;
  };

  // One row of cells: kept whole on a page when it fits on one, otherwise split between lines.
  // `framed` draws each cell's border. `fresh_space` is what a new page offers after its repeated
  // header.
  void row(const std::vector<Cell>& cells, bool framed, double pad_y, double fresh_space) {
    std::vector<double> from(cells.size(), 0);
    bool first = true;
    for (;;) {
      double rest = 0;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        rest = std::max(rest, cells[i].laid.height - from[i]);
      }
      const double need = rest + 2 * pad_y;
      if (need <= left() + kEps) {
        emit_row(cells, from, nullptr, framed, pad_y, need);
        y_ += need;
        return;
      }
      if (first && !at_top() && need <= fresh_space + kEps) {
        new_page();
        first = false;
        continue;
      }
      first = false;
      const double avail = left() - 2 * pad_y;
      std::vector<double> to(cells.size());
      bool progress = false;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        to[i] = cells[i].laid.fit(from[i], avail);
        progress = progress || to[i] > from[i] + kEps;
      }
      if (!progress) {
        if (!at_top()) {
          new_page();
          continue;
        }
        for (std::size_t i = 0; i < cells.size(); ++i) {
          to[i] = cells[i].laid.next_line(from[i]);
        }
      }
      double h = 0;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        h = std::max(h, to[i] - from[i]);
      }
      emit_row(cells, from, &to, framed, pad_y, h + 2 * pad_y);
      y_ += h + 2 * pad_y;
      from = to;
      bool done = true;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        done = done && from[i] >= cells[i].laid.height - kEps;
      }
      if (done) {
        return;
      }
      new_page();
    }
  }

  void emit_row(const std::vector<Cell>& cells, const std::vector<double>& from,
                const std::vector<double>* to, bool framed, double pad_y, double h) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& c = cells[i];
      if (framed) {
        ops().push_back(RectOp{c.x, y_, c.w, h, std::nullopt, kRule, 0.5});
      }
      const double end = to != nullptr ? (*to)[i] : c.laid.height;
      if (end > from[i] + kEps) {
        ops().push_back(TextOp{c.laid.layout, c.x + (framed ? kCellPadX : 0), y_ + pad_y, from[i],
                               end, c.color});
      }
    }
  }

  // --- the blocks ---

  void block(const Heading& h) {
    const int level = std::clamp(h.level, 1, 3);
    const Font f = level == 1 ? Font::h1 : level == 2 ? Font::h2 : Font::h3;
    gap(level == 1 ? 14 : level == 2 ? 10 : 6);
    const Laid l = lay(h.text, f, kWidth);
    // Keep a heading with the first lines of what follows it.
    if (!at_top() && l.height + 36 > left()) {
      new_page();
    }
    flow(l, kLeft, kInk);
    if (level == 1) {
      ops().push_back(LineOp{kLeft, y_ + 2, kLeft + kWidth, y_ + 2, kRule, 0.7});
      y_ += 4;
    }
    y_ += 4;
  }

  void block(const Paragraph& p) {
    const Laid l = lay(p.text, p.small ? Font::small : Font::body, kWidth);
    flow(l, kLeft, p.muted ? kMuted : kInk);
    y_ += kBlockGap;
  }

  void block(const Bullets& b) {
    constexpr double kIndent = 16;
    int n = b.start;
    for (const auto& item : b.items) {
      const Laid marker =
          lay(b.start > 0 ? std::to_string(n++) + "." : std::string("\u2022"), Font::body, kIndent);
      const Laid l = lay(item, Font::body, kWidth - kIndent);
      flow(l, kLeft + kIndent, kInk, &marker, kLeft + 2);
      y_ += 2;
    }
    y_ += kBlockGap - 2;
  }

  void key_values(const KeyValues& kv, double x, double width) {
    const double key_w = std::min(kKeyWidth, width * 0.32);
    for (const auto& [key, value] : kv.rows) {
      std::vector<Cell> cells{
          Cell{lay(Text{Run{key, Run::Style::bold}}, Font::body, key_w - 8), x, key_w, kMuted},
          Cell{lay(value, Font::body, width - key_w), x + key_w, width - key_w, kInk}};
      row(cells, false, 1.5, kBottom - kTop);
    }
  }

  void block(const KeyValues& kv) {
    key_values(kv, kLeft, kWidth);
    y_ += kBlockGap;
  }

  void block(const Table& t) {
    std::size_t cols = t.header.size();
    for (const auto& r : t.rows) {
      cols = std::max(cols, r.size());
    }
    if (cols == 0) {
      return;
    }
    std::vector<double> fractions = t.widths;
    if (fractions.size() != cols) {
      fractions.assign(cols, 1.0);
    }
    double sum = 0;
    for (double& f : fractions) {
      f = std::max(f, 0.02);
      sum += f;
    }
    std::vector<double> xs, ws;
    double x = kLeft;
    for (double f : fractions) {
      xs.push_back(x);
      ws.push_back(kWidth * f / sum);
      x += ws.back();
    }
    auto cells_of = [&](const std::vector<Text>& texts, Font font, Color color) {
      std::vector<Cell> cells;
      for (std::size_t i = 0; i < cols; ++i) {
        const Text empty;
        cells.push_back(Cell{lay(i < texts.size() ? texts[i] : empty, font, ws[i] - 2 * kCellPadX),
                             xs[i], ws[i], color});
      }
      return cells;
    };
    std::vector<Cell> header;
    double header_h = 0;
    if (!t.header.empty()) {
      std::vector<Text> texts;
      for (const auto& h : t.header) {
        texts.push_back(plain(h));
      }
      header = cells_of(texts, Font::cell_bold, kInk);
      for (const auto& c : header) {
        header_h = std::max(header_h, c.laid.height);
      }
      header_h += 2 * kCellPadY;
    }
    auto draw_header = [&] {
      if (header.empty()) {
        return;
      }
      for (const auto& c : header) {
        ops().push_back(RectOp{c.x, y_, c.w, header_h, kFill, std::nullopt, 0});
      }
      emit_row(header, std::vector<double>(header.size(), 0), nullptr, true, kCellPadY, header_h);
      y_ += header_h;
    };
    // The header and the start of the first row on the same page.
    if (!at_top() && header_h + 40 > left()) {
      new_page();
    }
    draw_header();
    std::optional<BreakHook> saved = hook_;
    hook_ = BreakHook{nullptr, draw_header};
    const double fresh = kBottom - kTop - header_h;
    for (const auto& r : t.rows) {
      row(cells_of(r, Font::cell, kInk), true, kCellPadY, fresh);
    }
    hook_ = saved;
    y_ += kBlockGap + 2;
  }

  void block(const Box& b) {
    const double inner_x = kLeft + kBoxPad;
    const double inner_w = kWidth - 2 * kBoxPad;
    const Laid title = lay(Text{Run{b.title, Run::Style::bold}}, Font::body, inner_w);
    // Measure, to keep the box on one page when it fits on one.
    double total = title.height + 2 * kBoxPad + 6;
    for (const auto& c : b.content) {
      if (const auto* p = std::get_if<Paragraph>(&c)) {
        total += lay(p->text, p->small ? Font::small : Font::body, inner_w).height + 4;
      } else {
        const double key_w = std::min(kKeyWidth, inner_w * 0.32);
        for (const auto& [key, value] : std::get<KeyValues>(c).rows) {
          total += std::max(lay(key, Font::bold, key_w - 8).height,
                            lay(value, Font::body, inner_w - key_w).height) +
                   3;
        }
      }
    }
    gap(4);
    if (!at_top() && total > left() && total <= kBottom - kTop) {
      new_page();
    }
    double segment_top = y_;
    auto close_frame = [&] {
      ops().push_back(RectOp{kLeft, segment_top, kWidth, y_ - segment_top + kBoxPad / 2,
                             std::nullopt, kFrame, 0.9});
    };
    std::optional<BreakHook> saved = hook_;
    hook_ = BreakHook{close_frame, [&] {
                        segment_top = y_;
                        y_ += kBoxPad / 2;
                      }};
    ops().push_back(RectOp{kLeft, y_, kWidth, title.height + kBoxPad + 2, kFill, std::nullopt, 0});
    y_ += kBoxPad / 2 + 1;
    flow(title, inner_x, kFrame);
    y_ += kBoxPad / 2 + 6;
    for (const auto& c : b.content) {
      if (const auto* p = std::get_if<Paragraph>(&c)) {
        flow(lay(p->text, p->small ? Font::small : Font::body, inner_w), inner_x,
             p->muted ? kMuted : kInk);
        y_ += 4;
      } else {
        key_values(std::get<KeyValues>(c), inner_x, inner_w);
      }
    }
    y_ += kBoxPad / 2;
    hook_ = saved;
    close_frame();
    y_ += kBoxPad / 2 + kBlockGap;
  }

  void block(const Spacer& s) { gap(s.points); }

  PangoContext* ctx_;
  Fonts fonts_;
  std::vector<Page> pages_;
  double top_ = kTop;
  double y_ = kTop;
  std::optional<BreakHook> hook_;
};

void set_color(cairo_t* cr, Color c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Draws the lines of `op.layout` that lie within [from, to), the piece's top at op.y.
void draw_text(cairo_t* cr, const TextOp& op) {
  set_color(cr, op.color);
  PangoLayoutIter* it = pango_layout_get_iter(op.layout.get());
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    const double top = static_cast<double>(y0) / PANGO_SCALE;
    const double bottom = static_cast<double>(y1) / PANGO_SCALE;
    if (top + kEps >= op.from && bottom <= op.to + kEps) {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      cairo_move_to(cr, op.x + static_cast<double>(logical.x) / PANGO_SCALE,
                    op.y - op.from + baseline);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
    }
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

void draw(cairo_t* cr, const Op& op) {
  if (const auto* t = std::get_if<TextOp>(&op)) {
    draw_text(cr, *t);
  } else if (const auto* r = std::get_if<RectOp>(&op)) {
    cairo_rectangle(cr, r->x, r->y, r->w, r->h);
    if (r->fill) {
      set_color(cr, *r->fill);
      if (r->stroke) {
        cairo_fill_preserve(cr);
      } else {
        cairo_fill(cr);
      }
    }
    if (r->stroke) {
      set_color(cr, *r->stroke);
      cairo_set_line_width(cr, r->line_width);
      cairo_stroke(cr);
    }
  } else {
    const auto& l = std::get<LineOp>(op);
    set_color(cr, l.color);
    cairo_set_line_width(cr, l.width);
    cairo_move_to(cr, l.x1, l.y1);
    cairo_line_to(cr, l.x2, l.y2);
    cairo_stroke(cr);
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct ContextUnref {
  void operator()(PangoContext* c) const { g_object_unref(c); }
};

void check(cairo_status_t s) {
  if (s != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("PDF rendering failed: ") + cairo_status_to_string(s));
  }
}

// --- Markdown ---

using MdNode = core::MarkdownNode;
using MdKind = core::MarkdownNode::Kind;

void append_run(Text& out, std::string s, Run::Style style) {
  if (s.empty()) {
    return;
  }
  if (!out.empty() && out.back().style == style) {
    out.back().text += s;
  } else {
    out.push_back(Run{std::move(s), style});
  }
}

void plain_text_of(const MdNode& n, std::string& out) {
  if (n.kind == MdKind::text || n.kind == MdKind::code || n.kind == MdKind::code_block) {
    out += n.literal;
  } else if (n.kind == MdKind::soft_break || n.kind == MdKind::line_break) {
    out += ' ';
  }
  for (const auto& c : n.children) {
    plain_text_of(c, out);
  }
}

void inline_runs(const MdNode& n, Run::Style style, Text& out) {
  switch (n.kind) {
    case MdKind::text:
      append_run(out, n.literal, style);
      return;
    case MdKind::code:
      append_run(out, n.literal, Run::Style::mono);
      return;
    case MdKind::soft_break:
      append_run(out, " ", style);
      return;
    case MdKind::line_break:
      append_run(out, "\n", style);
      return;
    case MdKind::strong:
      style = Run::Style::bold;
      break;
    case MdKind::emph:
      style = style == Run::Style::bold ? style : Run::Style::italic;
      break;
    case MdKind::link: {
      for (const auto& c : n.children) {
        inline_runs(c, style, out);
      }
      std::string shown;
      plain_text_of(n, shown);
      std::string url = n.url;
      const bool same = shown == url || "mailto:" + shown == url;
      if (!same && !url.empty()) {
        append_run(out, " (" + url + ")", style);
      }
      return;
    }
    default:
      break;
  }
  for (const auto& c : n.children) {
    inline_runs(c, style, out);
  }
}

// The text of a list item or table cell: its paragraphs' runs joined by spaces.
Text item_text(const MdNode& n) {
  Text out;
  for (const auto& c : n.children) {
    if (c.kind == MdKind::list) {
      continue;
    }
    if (!out.empty()) {
      append_run(out, " ", out.back().style);
    }
    if (c.kind == MdKind::paragraph || c.kind == MdKind::heading) {
      for (const auto& i : c.children) {
        inline_runs(i, Run::Style::plain, out);
      }
    } else if (c.kind == MdKind::code_block) {
      std::string code = c.literal;
      while (!code.empty() && code.back() == '\n') {
        code.pop_back();
      }
      append_run(out, code, Run::Style::mono);
    } else {
      inline_runs(c, Run::Style::plain, out);
    }
  }
  return out;
}

// A list's items, nested lists flattened below their item with a dash.
void list_items(const MdNode& list, const std::string& prefix, std::vector<Text>& items) {
  for (const auto& item : list.children) {
    Text t;
    if (!prefix.empty()) {
      t.push_back(Run{prefix, Run::Style::plain});
    }
    if (item.task == "done") {
      append_run(t, "\u2611 ", Run::Style::plain);
    } else if (item.task == "open") {
      append_run(t, "\u2610 ", Run::Style::plain);
    }
    for (auto& r : item_text(item)) {
      append_run(t, std::move(r.text), r.style);
    }
    items.push_back(std::move(t));
    for (const auto& c : item.children) {
      if (c.kind == MdKind::list) {
        list_items(c, prefix + "\u2013 ", items);
      }
    }
  }
}

void md_block(const MdNode& n, int shift, bool muted, std::vector<Block>& out) {
  switch (n.kind) {
    case MdKind::paragraph: {
      Paragraph p;
      p.muted = muted;
      for (const auto& c : n.children) {
        inline_runs(c, Run::Style::plain, p.text);
      }
      out.push_back(std::move(p));
      return;
    }
    case MdKind::heading: {
      std::string t;
      plain_text_of(n, t);
      out.push_back(Heading{std::clamp(n.level + shift, 1, 3), std::move(t)});
      return;
    }
    case MdKind::block_quote:
      for (const auto& c : n.children) {
        md_block(c, shift, true, out);
      }
      return;
    case MdKind::list: {
      Bullets b;
      b.start = n.ordered ? std::max(1, n.start) : 0;
      list_items(n, "", b.items);
      out.push_back(std::move(b));
      return;
    }
    case MdKind::code_block: {
      std::string code = n.literal;
      while (!code.empty() && code.back() == '\n') {
        code.pop_back();
      }
      Paragraph p;
      p.muted = muted;
      p.text.push_back(Run{std::move(code), Run::Style::mono});
      out.push_back(std::move(p));
      return;
    }
    case MdKind::thematic_break:
      out.push_back(Spacer{8});
      return;
    case MdKind::table: {
      Table t;
      for (const auto& r : n.children) {
        std::vector<Text> cells;
        for (const auto& c : r.children) {
          Text text;
          for (const auto& i : c.children) {
            inline_runs(i, Run::Style::plain, text);
          }
          cells.push_back(std::move(text));
        }
        if (r.header && t.header.empty()) {
          for (const auto& c : cells) {
            std::string s;
            for (const auto& run : c) {
              s += run.text;
            }
            t.header.push_back(std::move(s));
          }
        } else {
          t.rows.push_back(std::move(cells));
        }
      }
      out.push_back(std::move(t));
      return;
    }
    case MdKind::document:
      for (const auto& c : n.children) {
        md_block(c, shift, muted, out);
      }
      return;
    default: {
      // Inline content where a block was expected (text gathered from very deep nesting).
      Paragraph p;
      p.muted = muted;
      inline_runs(n, Run::Style::plain, p.text);
      if (!p.text.empty()) {
        out.push_back(std::move(p));
      }
      return;
    }
  }
}

}  // namespace

std::vector<Block> markdown_blocks(std::string_view markdown, int heading_shift) {
  std::vector<Block> out;
  md_block(core::parse_markdown(markdown), heading_shift, false, out);
  return out;
}

std::string render_pdf(const Document& doc) {
  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(append_bytes, &bytes, kPageWidth, kPageHeight));
  check(cairo_surface_status(surface.get()));
  const std::string title = clean_text(doc.title);
  const std::string subject = clean_text(doc.subject);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Mandate");
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  check(cairo_status(cr.get()));

  // One user unit is one point (72 per inch; pango assumes 96 unless told). Unhinted metrics: the
  // layout is the same whatever the output resolution.
  std::unique_ptr<PangoContext, ContextUnref> ctx(pango_cairo_create_context(cr.get()));
  pango_cairo_context_set_resolution(ctx.get(), 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), options);
  cairo_font_options_destroy(options);

  Composer composer(ctx.get());
  for (const auto& b : doc.blocks) {
    composer.add(b);
  }
  const std::vector<Page> pages = composer.take_pages();
  const std::size_t count = pages.size();
  const Laid head = composer.lay(title, Font::header, kWidth);
  const Laid foot = composer.lay(clean_text(doc.footer), Font::header, kWidth * 0.75);
  for (std::size_t i = 0; i < count; ++i) {
    set_color(cr.get(), kMuted);
    cairo_move_to(cr.get(), kLeft, 34);
    pango_cairo_show_layout(cr.get(), head.layout.get());
    draw(cr.get(),
         LineOp{kLeft, 34 + head.height + 4, kLeft + kWidth, 34 + head.height + 4, kRule, 0.5});
    draw(cr.get(), LineOp{kLeft, kBottom + 12, kLeft + kWidth, kBottom + 12, kRule, 0.5});
    set_color(cr.get(), kMuted);
    cairo_move_to(cr.get(), kLeft, kBottom + 18);
    pango_cairo_show_layout(cr.get(), foot.layout.get());
    const Laid number =
        composer.lay(Text{Run{"page " + std::to_string(i + 1) + " of " + std::to_string(count),
                              Run::Style::plain}},
                     Font::header, kWidth * 0.25, PANGO_ALIGN_RIGHT);
    set_color(cr.get(), kMuted);
    cairo_move_to(cr.get(), kLeft + kWidth * 0.75, kBottom + 18);
    pango_cairo_show_layout(cr.get(), number.layout.get());
    for (const auto& op : pages[i].ops) {
      draw(cr.get(), op);
    }
    cairo_show_page(cr.get());
  }
  check(cairo_status(cr.get()));
  cr.reset();
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()));
  surface.reset();
  return bytes;
}

}  // namespace mandate::report
