// ui/components.hpp
// Reusable pieces of pages, each returning Html: messages and badges, page headers and
// breadcrumbs, tables with an empty state, pagination, description lists, dashboard figures
// (stat cards, a small SVG bar chart) and form controls. Every component escapes the text it is
// given, emits no style attribute and no inline event handler (the CSP forbids both), and
// follows the same accessibility conventions:
//   - every control has a <label for>; its id is the field name unless FieldOptions::id says
//     otherwise;
//   - a field error renders as <small class="field-error" id="ID-error">, the control gets
//     aria-invalid="true" and aria-describedby="ID-error" (plus "ID-hint" for a hint);
//   - error_summary() lists the field errors with links to "#<field name>", role="alert".
// All functions are pure and thread-safe. Siblings: ui/html.hpp, ui/layout.hpp, ui/assets.hpp.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "ui/html.hpp"

namespace mandate::ui {

// ---------------------------------------------------------------- messages and status

enum class FlashKind { info, success, error };
struct Flash {
  FlashKind kind = FlashKind::info;
  std::string text;
};

// A message box. info and success are polite (role="status"); error interrupts (role="alert").
Html alert(FlashKind kind, std::string_view text);
Html alert(FlashKind kind, const Html& content);
Html flash(const Flash& f);

enum class Tone { ok, warn, bad, muted, info };
// <span class="badge status-KIND">text</span>; kind is one of ok, warn, bad, muted, info.
Html badge(std::string_view kind, std::string_view text);
Html badge(Tone tone, std::string_view text);

// "Nothing here yet" text, with an optional call to action (a link_button, say) under it.
Html empty_state(std::string_view message, const Html& action = {});

// ---------------------------------------------------------------- page structure

enum class ButtonKind { primary, secondary, outline, danger };

// The page's <h1> with an optional line under it and buttons beside it (wrap on a phone).
Html page_header(std::string_view title, std::string_view subtitle = "", const Html& actions = {});

struct Crumb {
  std::string label;
  std::string href;  // ignored for the last crumb, which is the current page
};
// <nav aria-label="breadcrumb"> with links for every crumb but the last (aria-current="page").
Html breadcrumb(const std::vector<Crumb>& trail);

// A link that looks like a button (<a role="button">): navigation, never a state change.
Html link_button(std::string_view href, std::string_view label,
                 ButtonKind kind = ButtonKind::primary);

// ---------------------------------------------------------------- data

struct Column {
  std::string label;
  bool numeric = false;  // right-aligned, tabular figures
  bool hidden_label = false;  // label only for screen readers (an "actions" column)
  Column(const char* l) : label(l) {}  // NOLINT: {"Name", "E-mail"} reads best
  Column(std::string l, bool num = false, bool hide = false)  // NOLINT
      : label(std::move(l)), numeric(num), hidden_label(hide) {}
};
using Row = std::vector<Html>;

// A table in a horizontally scrollable, keyboard-focusable region: <caption>, a header row of
// <th scope="col">, one <tr> per row. With no rows, empty_state(empty_message) instead.
// Every row must have one cell per column (asserted: a mismatch is a bug in the page).
Html table(std::string_view caption, const std::vector<Column>& columns,
           const std::vector<Row>& rows, std::string_view empty_message = "Nothing to show yet.");

// "← Previous · Page 2 of 7 · Next →" links to `base`?<query>&page=N (`query` already
// URL-encoded, without the page parameter). Empty when there is one page.
Html pagination(std::string_view base, std::string_view query, int page, int pages);
// The same with the other parameters as name/value pairs, URL-encoded here; empty values and
// any "page" parameter are left out. Links are plain GETs.
using QueryParams = std::vector<std::pair<std::string, std::string>>;
Html pagination(std::string_view base, const QueryParams& params, int page, int pages);
// Percent-encodes everything but A-Z a-z 0-9 - . _ ~ (for query values and path segments).
std::string url_encode(std::string_view s);

struct Term {
  std::string term;
  Html detail;
  Term(std::string t, Html d) : term(std::move(t)), detail(std::move(d)) {}
  Term(std::string t, std::string_view d) : term(std::move(t)), detail(text(d)) {}
  Term(std::string t, const char* d) : term(std::move(t)), detail(text(d)) {}
};
// <dl class="facts">: terms and details side by side, stacked on a phone.
Html description_list(const std::vector<Term>& items);

// A dashboard figure: label, big value, a note under it; the whole card links to the records
// behind the figure when `href` is not empty.
Html stat_card(std::string_view label, std::string_view value, std::string_view note = "",
               std::string_view href = "");
// A responsive grid of stat cards, labelled for screen readers.
Html stat_grid(std::string_view label, const std::vector<Html>& cards);

struct Bar {
  std::string label;
  double value = 0;
};
// A horizontal bar chart as inline SVG (presentation attributes only: allowed by the CSP),
// with a <title>, an aria-label that reads out every bar, and the value printed by each bar.
// Negative values draw as empty bars.
Html bar_chart(std::string_view title, const std::vector<Bar>& bars);
Html bar_chart(const std::vector<Bar>& bars);  // titled "Chart"
// Shares in percent (0..100): bars are drawn against 100 (not against the largest value, which
// would make 50% look complete) and each value is printed with a "%".
Html percent_chart(std::string_view title, const std::vector<Bar>& bars);

// ---------------------------------------------------------------- forms

// Options for a form control. Designated initializers must follow this order, e.g.
//   text_field("email", "E-mail", v.email, error_for(e, "email"),
//              {.type = "email", .required = true, .autocomplete = "email", .maxlength = 254});
struct FieldOptions {
  std::string type = "text";  // text_field only: text, email, password, date, number, search…
  bool required = false;
  std::string autocomplete;   // "email", "name", "current-password", "off"…
  int maxlength = 0;          // 0: none
  std::string hint;           // help under the label, referenced by aria-describedby
  std::string id;             // default: the name
  std::string inputmode;      // "numeric", "email"…
  std::string placeholder;    // an example, never a substitute for the label
  bool autofocus = false;
  bool disabled = false;
  int rows = 0;               // textarea_field only: 0 means 4
};

// The message for `field` in a validation error, or "" (no error, or not that field).
std::string_view error_for(const Error* e, std::string_view field);

Html text_field(std::string_view name, std::string_view label, std::string_view value,
                std::string_view error = "", const FieldOptions& o = {});
Html textarea_field(std::string_view name, std::string_view label, std::string_view value,
                    std::string_view error = "", const FieldOptions& o = {});
struct Option {
  std::string value;
  std::string label;
};
Html select_field(std::string_view name, std::string_view label, const std::vector<Option>& options,
                  std::string_view selected, std::string_view error = "",
                  const FieldOptions& o = {});
// A checkbox inside its label; submits name=true when checked and nothing otherwise.
Html checkbox(std::string_view name, std::string_view label, bool checked,
              std::string_view error = "", const FieldOptions& o = {});

// <input type="hidden" name="_csrf" value="TOKEN"> — every POST form carries one.
Html csrf_field(std::string_view token);
Html hidden_field(std::string_view name, std::string_view value);
Html submit_button(std::string_view label, ButtonKind kind = ButtonKind::primary);

// The form-level error: Error::message and a list of links to the fields in error, named by
// `labels` (field name → label) where given, else by the field name; empty for nullptr.
// Focused on load by app.js so keyboard and screen-reader users land on it.
Html error_summary(const Error* e, const std::map<std::string, std::string>& labels = {});

struct FormOptions {
  std::string confirm;        // asks "confirm" (app.js) before submitting; nothing without JS
  bool multipart = false;     // enctype="multipart/form-data" (file uploads)
  std::string css_class;      // "inline" for a form inside a table cell or a sentence
  std::string aria_label;     // names the form for screen readers ("Filter people")
};
// <form method="post" action=ACTION> with the CSRF field first, then `body`.
Html post_form(std::string_view action, std::string_view csrf_token, const Html& body,
               const FormOptions& o = {});
// <form method="get" action=ACTION> (filters, search): no CSRF token, parameters in the URL.
Html get_form(std::string_view action, const Html& body, const FormOptions& o = {});
// A one-button POST form (approve, revoke, remove), inline, optionally confirmed first.
Html action_button(std::string_view action, std::string_view csrf_token, std::string_view label,
                   ButtonKind kind = ButtonKind::secondary, std::string_view confirm = "");

}  // namespace mandate::ui
