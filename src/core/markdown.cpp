// core/markdown.cpp — see markdown.hpp. Two layers of defence: cmark-gfm's own safe mode (raw
// HTML becomes a comment, javascript:/vbscript:/file:/most data: URLs are dropped), and before
// rendering a walk over the syntax tree that removes what safe mode would only neutralise and
// applies our stricter URL policy. is_safe_html is an independent check of the result.
#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/result.hpp"

namespace mandate::core {
namespace {

// ------------------------------------------------------------------ URL and text normalisation

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = 0xFFFD;  // what a browser substitutes
  }
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The named character references that can spell the characters a scheme check cares about
// (':', whitespace, '%', '&' …). An attribute value holding any other named reference is
// refused by is_safe_html (cmark-gfm itself only ever writes &amp; &lt; &gt; &quot; &#x27;).
struct NamedRef {
  std::string_view name;
  std::string_view text;
};
constexpr std::array<NamedRef, 22> kNamedRefs{{
    {"amp", "&"},         {"lt", "<"},     {"gt", ">"},       {"quot", "\""}, {"apos", "'"},
    {"colon", ":"},       {"Tab", "\t"},   {"NewLine", "\n"}, {"sol", "/"},   {"bsol", "\\"},
    {"num", "#"},         {"percnt", "%"}, {"period", "."},   {"quest", "?"}, {"equals", "="},
    {"plus", "+"},        {"lpar", "("},   {"rpar", ")"},     {"excl", "!"},  {"commat", "@"},
    {"nbsp", "\xC2\xA0"}, {"semi", ";"},
}};

// Decodes character references as an HTML parser does in an attribute value: numeric ones with
// or without the closing ';', the named ones above. Sets `unknown` when a named reference that
// is not in the table appears (the caller decides whether that is acceptable).
std::string decode_entities(std::string_view s, bool& unknown) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
      ++j;
      const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) {
        ++j;
      }
      std::uint32_t cp = 0;
      std::size_t digits = 0;
      while (j < s.size()) {
        const int v = hex ? hex_value(static_cast<unsigned char>(s[j]))
                          : (s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1);
        if (v < 0) {
          break;
        }
        cp = cp > 0x10FFFF ? cp : cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
        ++digits;
        ++j;
      }
      if (digits == 0) {
        out += s[i++];
        continue;
      }
      if (j < s.size() && s[j] == ';') {
        ++j;
      }
      append_utf8(out, cp);
      i = j;
      continue;
    }
    while (j < s.size() && is_ascii_alnum(static_cast<unsigned char>(s[j]))) {
      ++j;
    }
    const std::string_view name = s.substr(i + 1, j - i - 1);
    bool found = false;
    if (!name.empty()) {
      for (const auto& ref : kNamedRefs) {
        if (ref.name == name) {
          out += ref.text;
          found = true;
          break;
        }
      }
      if (!found) {
        unknown = true;
      }
    }
    if (found) {
      i = (j < s.size() && s[j] == ';') ? j + 1 : j;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Decodes %XX escapes until none is left (so "%2573" counts as "s"), bounded in rounds.
std::string decode_percent(std::string s) {
  for (int round = 0; round < 8 && s.find('%') != std::string::npos; ++round) {
    std::string out;
    out.reserve(s.size());
    bool changed = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && hex_value(static_cast<unsigned char>(s[i + 1])) >= 0 &&
          hex_value(static_cast<unsigned char>(s[i + 2])) >= 0) {
        out += static_cast<char>(hex_value(static_cast<unsigned char>(s[i + 1])) * 16 +
                                 hex_value(static_cast<unsigned char>(s[i + 2])));
        i += 2;
        changed = true;
      } else {
        out += s[i];
      }
    }
    s = std::move(out);
    if (!changed) {
      break;
    }
  }
  return s;
}

// What a browser's URL parser could read as the URL's scheme and beyond, made as permissive as
// possible for the check: references and percent-escapes decoded, every ASCII control
// character and space removed (browsers strip tab, CR and LF anywhere and C0/space at the ends),
// ASCII lower-cased.
std::string normalize_url(std::string_view url, bool& unknown_entity) {
  std::string decoded = decode_percent(decode_entities(url, unknown_entity));
  std::string out;
  out.reserve(decoded.size());
  for (char ch : decoded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  return out;
}

// True when `value`, decoded and normalised, mentions a script scheme anywhere. Used for every
// attribute value in is_safe_html and, so that the check holds, for link titles and code-block
// languages before rendering.
bool has_script_scheme(const std::string& normalized) {
  return normalized.find("javascript:") != std::string::npos ||
         normalized.find("vbscript:") != std::string::npos ||
         normalized.find("livescript:") != std::string::npos;
}

bool mentions_script_scheme(std::string_view value) {
  bool unknown = false;
  return has_script_scheme(normalize_url(value, unknown));
}

// The URL policy. Allowed: http, https, mailto, and URLs without a scheme (relative paths,
// "?query", "#fragment", "//host/…"). Anything with a ':' before the first '/', '?' or '#' is
// read as having a scheme and must be one of the three — stricter than a browser, which would
// treat e.g. "java%73cript:" or "a b:c" as relative, but nothing a policy document needs. A
// URL that mentions a script scheme anywhere ("mailto:javascript:…", "/?javascript:…") is
// refused too, so that is_safe_html's blanket rule holds.
bool url_allowed(std::string_view url, bool reject_unknown_entities) {
  bool unknown = false;
  const std::string n = normalize_url(url, unknown);
  if ((unknown && reject_unknown_entities) || has_script_scheme(n)) {
    return false;
  }
  const std::size_t colon = n.find(':');
  if (colon == std::string::npos) {
    return true;
  }
  const std::size_t delimiter = n.find_first_of("/?#");
  if (delimiter != std::string::npos && delimiter < colon) {
    return true;
  }
  const std::string_view scheme = std::string_view(n).substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// ------------------------------------------------------------------ cmark-gfm

struct Extensions {
  std::array<cmark_syntax_extension*, 5> all{};
};

// The GFM extensions, registered and looked up once per process: the function-local static's
// initialisation is thread-safe, cmark_gfm_core_extensions_ensure_registered is not.
const Extensions& extensions() {
  static const Extensions ext = [] {
    cmark_gfm_core_extensions_ensure_registered();
    Extensions e;
    // tagfilter only matters for raw HTML, which never reaches the output here; it is attached
    // as a third layer should that ever change.
    const std::array<const char*, 5> names{"table", "tasklist", "strikethrough", "autolink",
                                           "tagfilter"};
    for (std::size_t i = 0; i < names.size(); ++i) {
      e.all[i] = cmark_find_syntax_extension(names[i]);
      MANDATE_ASSERT(e.all[i] != nullptr, "libcmark-gfm-extensions lacks a core GFM extension");
    }
    return e;
  }();
  return ext;
}

// CMARK_OPT_SAFE is the default in 0.29.gfm (the flag is a no-op kept for clarity; the opposite
// is CMARK_OPT_UNSAFE, never set). VALIDATE_UTF8 replaces invalid sequences with U+FFFD.
// Footnotes stay off: they would add <section>/<sup> markup a policy does not need.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

bool inside_link(cmark_node* node) {
  for (cmark_node* p = cmark_node_parent(node); p != nullptr; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == CMARK_NODE_LINK) {
      return true;
    }
  }
  return false;
}

// Moves `node`'s children to just before it and frees it: the link's text stays, the link goes.
// (Inline children always fit where an inline was; should cmark refuse one, it goes with the
// node rather than looping.)
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    if (cmark_node_insert_before(node, child) == 0) {
      break;
    }
  }
  cmark_node_free(node);  // also unlinks, and frees any child left
}

void clean_title(cmark_node* node) {
  const char* title = cmark_node_get_title(node);
  if (title != nullptr && mentions_script_scheme(title)) {
    cmark_node_set_title(node, "");
  }
}

// Images become links to their URL, with the alt text as the link's text. A policy rarely needs
// an embedded picture, and a remote one is a tracking beacon that reports who read the document
// and when (the page's CSP, img-src 'self' data:, would block it anyway). Inside a link an image
// becomes its alt text (a link cannot hold a link).
void image_to_link(cmark_node* image) {
  const char* url = cmark_node_get_url(image);
  if (inside_link(image) || url == nullptr || !url_allowed(url, false)) {
    unwrap(image);
    return;
  }
  cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
  cmark_node_set_url(link, url);
  const char* title = cmark_node_get_title(image);
  if (title != nullptr && !mentions_script_scheme(title)) {
    cmark_node_set_title(link, title);
  }
  while (cmark_node* child = cmark_node_first_child(image)) {
    if (cmark_node_append_child(link, child) == 0) {
      break;
    }
  }
  if (cmark_node_first_child(link) == nullptr) {
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, url);
    cmark_node_append_child(link, text);
  }
  cmark_node_insert_before(image, link);
  cmark_node_free(image);
}

// A fenced block's first info word becomes class="language-…"; keep it only when it looks like
// a language name ("cpp", "c++", "objective-c", "c#"), and drop the rest of the info string.
void clean_fence_info(cmark_node* block) {
  const char* info = cmark_node_get_fence_info(block);
  if (info == nullptr || *info == '\0') {
    return;
  }
  const std::string_view all(info);
  const std::string word(all.substr(0, all.find_first_of(" \t")));
  for (char ch : word) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_ascii_alnum(c) && c != '-' && c != '_' && c != '+' && c != '#' && c != '.') {
      cmark_node_set_fence_info(block, "");
      return;
    }
  }
  if (word.size() != all.size()) {
    cmark_node_set_fence_info(block, word.c_str());
  }
}

// The tree walk. Nodes are collected first and handled last-to-first, so a node is always
// handled before any of its ancestors and no handled node is touched again.
void sanitize(cmark_node* root) {
  std::vector<cmark_node*> nodes;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    cmark_node* node = cmark_iter_get_node(it);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_CUSTOM_BLOCK:
      case CMARK_NODE_CUSTOM_INLINE:
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_CODE_BLOCK:
        nodes.push_back(node);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
    cmark_node* node = *n;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_CUSTOM_BLOCK:  // custom nodes print raw text; only the API makes them
      case CMARK_NODE_CUSTOM_INLINE:
        cmark_node_free(node);
        break;
      case CMARK_NODE_LINK: {
        const char* url = cmark_node_get_url(node);
        if (url == nullptr || !url_allowed(url, false)) {
          unwrap(node);
        } else {
          clean_title(node);
        }
        break;
      }
      case CMARK_NODE_IMAGE:
        image_to_link(node);
        break;
      case CMARK_NODE_CODE_BLOCK:
        clean_fence_info(node);
        break;
      default:
        break;
    }
  }
}

// Moves every heading `shift` levels down, capped at 6. Changing a level does not restructure the
// tree, so this can run during the walk.
void shift_headings(cmark_node* root, int shift) {
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      cmark_node_set_heading_level(node, std::min(6, cmark_node_get_heading_level(node) + shift));
    }
  }
  cmark_iter_free(it);
}

// ------------------------------------------------------------------ the checker

bool is_tag_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); }

bool allowed_element(std::string_view name) {
  static constexpr std::string_view kElements[] = {
      "p",  "h1",    "h2",    "h3",     "h4",  "h5",   "h6",  "ul",         "ol",
      "li", "a",     "em",    "strong", "del", "code", "pre", "blockquote", "hr",
      "br", "table", "thead", "tbody",  "tr",  "th",   "td"};
  for (auto e : kElements) {
    if (e == name) {
      return true;
    }
  }
  return name == "input";
}

bool allowed_attribute(std::string_view name) {
  static constexpr std::string_view kAttributes[] = {"href",  "title", "class",   "align",
                                                     "start", "type",  "checked", "disabled"};
  for (auto a : kAttributes) {
    if (a == name) {
      return true;
    }
  }
  return false;
}

// cmark-gfm 0.29.0.gfm.6 takes time quadratic in the number of image openers ("![") left open
// in one paragraph: every link that closes walks back over all of them (CVE-2023-22486, fixed
// upstream in 0.29.0.gfm.7; Debian 12 ships gfm.6). 66,000 of them take ~15 s here. Above
// kMaxImageOpeners in a document, every "![" is read as "[": images are rendered as links
// anyway, so the only visible difference is in code that quotes "![", and only in such a
// document. 1,000 openers cost well under a millisecond.
constexpr std::size_t kMaxImageOpeners = 1000;

std::string defuse_image_openers(std::string_view markdown) {
  std::string out;
  out.reserve(markdown.size());
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    if (markdown[i] == '!' && i + 1 < markdown.size() && markdown[i + 1] == '[') {
      continue;
    }
    out += markdown[i];
  }
  return out;
}

std::size_t count_image_openers(std::string_view markdown) {
  std::size_t count = 0;
  for (std::size_t at = markdown.find("!["); at != std::string_view::npos;
       at = markdown.find("![", at + 2)) {
    ++count;
  }
  return count;
}

}  // namespace

std::string render_markdown(std::string_view markdown) { return render_markdown(markdown, 0); }

namespace {

// Parses `markdown` with the GFM extensions into `parser` and cleans the tree (sanitize).
NodePtr parse_clean(cmark_parser* parser, std::string_view markdown) {
  const Extensions& ext = extensions();
  for (cmark_syntax_extension* e : ext.all) {
    cmark_parser_attach_syntax_extension(parser, e);
  }
  std::string defused;
  if (count_image_openers(markdown) > kMaxImageOpeners) {
    defused = defuse_image_openers(markdown);
    markdown = defused;
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  NodePtr doc(cmark_parser_finish(parser));
  sanitize(doc.get());
  return doc;
}

std::string string_or_empty(const char* s) { return s == nullptr ? std::string() : s; }

// Deeper than this (a thousand nested quotes or lists are a few bytes of input each), a node's
// text is gathered by cmark's iterator instead of recursion, as one text node.
constexpr int kMaxPlainDepth = 48;

std::string text_of(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    const auto t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
      out += string_or_empty(cmark_node_get_literal(n));
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
               t == CMARK_NODE_PARAGRAPH) {
      out += ' ';
    }
  }
  cmark_iter_free(it);
  return out;
}

// The extension node types are known by their type string ("table", "strikethrough", …).
MarkdownNode to_plain(cmark_node* node, int depth) {
  using Kind = MarkdownNode::Kind;
  MarkdownNode out;
  if (depth > kMaxPlainDepth) {
    out.kind = Kind::text;
    out.literal = text_of(node);
    return out;
  }
  const std::string type = string_or_empty(cmark_node_get_type_string(node));
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_DOCUMENT:
      out.kind = Kind::document;
      break;
    case CMARK_NODE_PARAGRAPH:
      out.kind = Kind::paragraph;
      break;
    case CMARK_NODE_HEADING:
      out.kind = Kind::heading;
      out.level = cmark_node_get_heading_level(node);
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      out.kind = Kind::block_quote;
      break;
    case CMARK_NODE_LIST:
      out.kind = Kind::list;
      out.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
      out.start = cmark_node_get_list_start(node);
      break;
    case CMARK_NODE_ITEM:
      out.kind = Kind::item;
      if (type == "tasklist") {
        out.task = cmark_gfm_extensions_get_tasklist_item_checked(node) ? "done" : "open";
      }
      break;
    case CMARK_NODE_CODE_BLOCK:
      out.kind = Kind::code_block;
      out.literal = string_or_empty(cmark_node_get_literal(node));
      return out;
    case CMARK_NODE_THEMATIC_BREAK:
      out.kind = Kind::thematic_break;
      return out;
    case CMARK_NODE_TEXT:
      out.kind = Kind::text;
      out.literal = string_or_empty(cmark_node_get_literal(node));
      return out;
    case CMARK_NODE_CODE:
      out.kind = Kind::code;
      out.literal = string_or_empty(cmark_node_get_literal(node));
      return out;
    case CMARK_NODE_SOFTBREAK:
      out.kind = Kind::soft_break;
      return out;
    case CMARK_NODE_LINEBREAK:
      out.kind = Kind::line_break;
      return out;
    case CMARK_NODE_EMPH:
      out.kind = Kind::emph;
      break;
    case CMARK_NODE_STRONG:
      out.kind = Kind::strong;
      break;
    case CMARK_NODE_LINK:
      out.kind = Kind::link;
      out.url = string_or_empty(cmark_node_get_url(node));
      break;
    default:
      if (type == "table") {
        out.kind = Kind::table;
      } else if (type == "table_header" || type == "table_row") {
        out.kind = Kind::table_row;
        out.header = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
      } else if (type == "table_cell") {
        out.kind = Kind::table_cell;
      } else if (type == "strikethrough") {
        out.kind = Kind::strikethrough;
      } else {
        // Anything else the extensions might add is kept as its text only.
        out.kind = Kind::text;
        out.literal = string_or_empty(cmark_node_get_literal(node));
        return out;
      }
      break;
  }
  for (cmark_node* c = cmark_node_first_child(node); c != nullptr; c = cmark_node_next(c)) {
    out.children.push_back(to_plain(c, depth + 1));
  }
  return out;
}

}  // namespace

std::string render_markdown(std::string_view markdown, int heading_shift) {
  ParserPtr parser(cmark_parser_new(kOptions));
  NodePtr doc = parse_clean(parser.get(), markdown);
  if (heading_shift > 0) {
    shift_headings(doc.get(), heading_shift);
  }
  char* html =
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  // cmark_render_html allocates with the default allocator, i.e. malloc.
  std::free(html);
  return out;
}

MarkdownNode parse_markdown(std::string_view markdown) {
  ParserPtr parser(cmark_parser_new(kOptions));
  NodePtr doc = parse_clean(parser.get(), markdown);
  return to_plain(doc.get(), 0);
}

bool is_safe_html(std::string_view html) {
  const std::string lower = [&] {
    std::string l(html);
    for (char& c : l) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return l;
  }();
  if (lower.find("<script") != std::string::npos) {
    return false;
  }
  std::size_t i = 0;
  const std::size_t n = html.size();
  auto skip_space = [&] {
    while (i < n && (html[i] == ' ' || html[i] == '\n' || html[i] == '\t' || html[i] == '\r')) {
      ++i;
    }
  };
  while (i < n) {
    if (html[i] != '<') {
      ++i;
      continue;
    }
    ++i;  // '<'
    const bool closing = i < n && html[i] == '/';
    if (closing) {
      ++i;
    }
    const std::size_t name_start = i;
    while (i < n && is_tag_char(html[i])) {
      ++i;
    }
    const std::string_view name(lower.data() + name_start, i - name_start);
    // Comments, doctypes, processing instructions and a stray '<' are never renderer output.
    if (name.empty() || !allowed_element(name)) {
      return false;
    }
    if (closing) {
      skip_space();
      if (i >= n || html[i] != '>') {
        return false;
      }
      ++i;
      continue;
    }
    bool checkbox = false, disabled = false;
    for (;;) {
      skip_space();
      if (i >= n) {
        return false;
      }
      if (html[i] == '>') {
        ++i;
        break;
      }
      if (html[i] == '/' && i + 1 < n && html[i + 1] == '>') {
        i += 2;
        break;
      }
      const std::size_t attr_start = i;
      while (i < n && (is_tag_char(html[i]) || html[i] == '-')) {
        ++i;
      }
      const std::string_view attr(lower.data() + attr_start, i - attr_start);
      if (attr.empty() || attr.starts_with("on") || !allowed_attribute(attr)) {
        return false;
      }
      std::string_view value;
      if (i < n && html[i] == '=') {
        ++i;
        // The renderer always double-quotes; anything else is not its output.
        if (i >= n || html[i] != '"') {
          return false;
        }
        const std::size_t end = html.find('"', i + 1);
        if (end == std::string_view::npos) {
          return false;
        }
        value = html.substr(i + 1, end - i - 1);
        i = end + 1;
      }
      if (value.find('<') != std::string_view::npos || mentions_script_scheme(value)) {
        return false;
      }
      if (attr == "href" && !url_allowed(value, true)) {
        return false;
      }
      if (attr == "type") {
        if (name != "input" || value != "checkbox") {
          return false;
        }
        checkbox = true;
      }
      if (attr == "disabled") {
        disabled = true;
      }
    }
    // The only input the renderer makes is a task list's disabled checkbox.
    if (name == "input" && !(checkbox && disabled)) {
      return false;
    }
  }
  return true;
}

}  // namespace mandate::core
