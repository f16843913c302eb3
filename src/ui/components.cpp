// ui/components.cpp — see components.hpp. Attribute lists are assembled with attr() below,
// which escapes every value; names are always literals from this file.
#include "ui/components.hpp"

#include <algorithm>
#include <cmath>

namespace mandate::ui {
namespace {

// Appends ` name="value"` (value escaped).
void attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_escaped(out, value);
  out += '"';
}

const char* button_class(ButtonKind k) {
  switch (k) {
    case ButtonKind::secondary: return "secondary";
    case ButtonKind::outline: return "secondary outline";
    case ButtonKind::danger: return "danger";
    case ButtonKind::primary: break;
  }
  return "";
}

const char* tone_name(Tone t) {
  switch (t) {
    case Tone::ok: return "ok";
    case Tone::warn: return "warn";
    case Tone::bad: return "bad";
    case Tone::info: return "info";
    case Tone::muted: break;
  }
  return "muted";
}

// What every form control shares: its id, the attributes that tie it to its hint and error,
// and the hint and error elements themselves.
struct Control {
  std::string id;
  std::string attrs;  // " id=… name=… required aria-invalid=… aria-describedby=…"
  Html hint;
  Html error;
};

Control control(std::string_view name, std::string_view error, const FieldOptions& o) {
  Control c;
  c.id = o.id.empty() ? std::string(name) : o.id;
  attr(c.attrs, "id", c.id);
  attr(c.attrs, "name", name);
  std::string described;
  if (!o.hint.empty()) {
    described = c.id + "-hint";
    c.hint = html(R"(<small class="hint" id="{}">{}</small>)", described, o.hint);
  }
  if (!error.empty()) {
    std::string error_id = c.id + "-error";
    described += (described.empty() ? "" : " ") + error_id;
    c.error = html(R"(<small class="field-error" id="{}">{}</small>)", error_id, error);
    attr(c.attrs, "aria-invalid", "true");
  }
  if (!described.empty()) {
    attr(c.attrs, "aria-describedby", described);
  }
  if (o.required) {
    c.attrs += " required";
  }
  if (o.autofocus) {
    c.attrs += " autofocus";
  }
  if (o.disabled) {
    c.attrs += " disabled";
  }
  if (!o.autocomplete.empty()) {
    attr(c.attrs, "autocomplete", o.autocomplete);
  }
  if (o.maxlength > 0) {
    attr(c.attrs, "maxlength", std::to_string(o.maxlength));
  }
  if (!o.inputmode.empty()) {
    attr(c.attrs, "inputmode", o.inputmode);
  }
  if (!o.placeholder.empty()) {
    attr(c.attrs, "placeholder", o.placeholder);
  }
  return c;
}

Html label_for(const Control& c, std::string_view label) {
  return html(R"(<label for="{}">{}</label>)", c.id, label);
}

Html form_open(std::string_view method, std::string_view action, const FormOptions& o) {
  std::string a;
  attr(a, "method", method);
  attr(a, "action", safe_href(action));
  if (o.multipart) {
    attr(a, "enctype", "multipart/form-data");
  }
  if (!o.css_class.empty()) {
    attr(a, "class", o.css_class);
  }
  if (!o.aria_label.empty()) {
    attr(a, "aria-label", o.aria_label);
  }
  if (!o.confirm.empty()) {
    attr(a, "data-confirm", o.confirm);
  }
  return html("<form{}>", Html::trusted(std::move(a)));
}

std::string format_value(double v) {
  std::string out;
  detail::append_number(out, v);
  return out;
}

}  // namespace

// ---------------------------------------------------------------- messages and status

Html alert(FlashKind kind, const Html& content) {
  switch (kind) {
    case FlashKind::success:
      return html(R"(<div class="notice success" role="status">{}</div>)", content);
    case FlashKind::error:
      return html(R"(<div class="notice error" role="alert">{}</div>)", content);
    case FlashKind::info:
      break;
  }
  return html(R"(<div class="notice" role="status">{}</div>)", content);
}

// Plain text goes in a paragraph (the same classes and roles as above).
Html alert(FlashKind kind, std::string_view message) {
  switch (kind) {
    case FlashKind::success:
      return html(R"(<p class="notice success" role="status">{}</p>)", message);
    case FlashKind::error:
      return html(R"(<p class="notice error" role="alert">{}</p>)", message);
    case FlashKind::info:
      break;
  }
  return html(R"(<p class="notice" role="status">{}</p>)", message);
}

Html flash(const Flash& f) { return alert(f.kind, f.text); }

Html badge(std::string_view kind, std::string_view label) {
  return html(R"(<span class="badge status-{}">{}</span>)", kind, label);
}

Html badge(Tone tone, std::string_view label) { return badge(tone_name(tone), label); }

Html empty_state(std::string_view message, const Html& action) {
  if (action.empty()) {
    return html(R"(<p class="empty-state">{}</p>)", message);
  }
  return html(R"(<div class="empty-state"><p>{}</p>{}</div>)", message, action);
}

// ---------------------------------------------------------------- page structure

Html page_header(std::string_view title, std::string_view subtitle, const Html& actions) {
  Html sub = subtitle.empty() ? Html() : html(R"(<p class="subtitle">{}</p>)", subtitle);
  Html act = actions.empty() ? Html() : html(R"(<div class="actions">{}</div>)", actions);
  return html(R"(<div class="page-header"><div><h1>{}</h1>{}</div>{}</div>)", title, sub, act);
}

Html breadcrumb(const std::vector<Crumb>& trail) {
  if (trail.empty()) {
    return {};
  }
  Html items;
  for (std::size_t i = 0; i < trail.size(); ++i) {
    const Crumb& c = trail[i];
    items += i + 1 == trail.size()
                 ? html(R"(<li><span aria-current="page">{}</span></li>)", c.label)
                 : html(R"(<li><a href="{}">{}</a></li>)", safe_href(c.href), c.label);
  }
  return html(R"(<nav aria-label="breadcrumb" class="breadcrumb"><ul>{}</ul></nav>)", items);
}

Html link_button(std::string_view href, std::string_view label, ButtonKind kind) {
  std::string a;
  attr(a, "href", safe_href(href));
  attr(a, "role", "button");
  if (kind != ButtonKind::primary) {
    attr(a, "class", button_class(kind));
  }
  return html("<a{}>{}</a>", Html::trusted(std::move(a)), label);
}

// ---------------------------------------------------------------- data

Html table(std::string_view caption, const std::vector<Column>& columns,
           const std::vector<Row>& rows, std::string_view empty_message) {
  if (rows.empty()) {
    return empty_state(empty_message);
  }
  Html head;
  for (const auto& c : columns) {
    Html label = c.hidden_label ? html(R"(<span class="visually-hidden">{}</span>)", c.label)
                                : text(c.label);
    head += c.numeric ? html(R"(<th scope="col" class="num">{}</th>)", label)
                      : html(R"(<th scope="col">{}</th>)", label);
  }
  Html body;
  for (const auto& row : rows) {
    MANDATE_ASSERT(row.size() == columns.size(), "table row with a different number of cells");
    Html cells;
    for (std::size_t i = 0; i < row.size(); ++i) {
      cells += columns[i].numeric ? html(R"(<td class="num">{}</td>)", row[i])
                                  : html("<td>{}</td>", row[i]);
    }
    body += html("<tr>{}</tr>", cells);
  }
  // A region that scrolls sideways on a phone; focusable so keyboard users can scroll it.
  return html(R"(<div class="table-wrap" role="region" aria-label="{}" tabindex="0"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>)",
              caption, caption, head, body);
}

Html pagination(std::string_view base, std::string_view query, int page, int pages) {
  if (pages <= 1) {
    return {};
  }
  page = std::clamp(page, 1, pages);
  auto link = [&](int p) {
    std::string href(base);
    href += "?";
    if (!query.empty()) {
      href += std::string(query) + "&";
    }
    href += "page=" + std::to_string(p);
    return safe_href(href);
  };
  Html prev = page > 1 ? html(R"(<a href="{}" rel="prev"><span aria-hidden="true">← </span>Previous</a>)", link(page - 1))
                       : html(R"(<span aria-disabled="true"><span aria-hidden="true">← </span>Previous</span>)");
  Html next = page < pages ? html(R"(<a href="{}" rel="next">Next<span aria-hidden="true"> →</span></a>)", link(page + 1))
                           : html(R"(<span aria-disabled="true">Next<span aria-hidden="true"> →</span></span>)");
  return html(R"(<nav class="pagination" aria-label="Pages">{} <span class="pages">Page {} of {}</span> {}</nav>)",
              prev, page, pages, next);
}

Html pagination(std::string_view base, const QueryParams& params, int page, int pages) {
  std::string query;
  for (const auto& [name, value] : params) {
    if (value.empty() || name == "page") {
      continue;
    }
    query += (query.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
  }
  return pagination(base, std::string_view(query), page, pages);
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Html description_list(const std::vector<Term>& items) {
  Html body;
  for (const auto& t : items) {
    body += html("<dt>{}</dt><dd>{}</dd>", t.term, t.detail);
  }
  return html(R"(<dl class="facts">{}</dl>)", body);
}

Html stat_card(std::string_view label, std::string_view value, std::string_view note,
               std::string_view href) {
  Html inner = html(R"(<span class="stat-label">{}</span><span class="stat-value">{}</span>)",
                    label, value);
  if (!note.empty()) {
    inner += html(R"(<span class="stat-note">{}</span>)", note);
  }
  if (href.empty()) {
    return html(R"(<div class="stat-card">{}</div>)", inner);
  }
  return html(R"(<a class="stat-card" href="{}">{}</a>)", safe_href(href), inner);
}

Html stat_grid(std::string_view label, const std::vector<Html>& cards) {
  return html(R"(<section class="stat-grid" aria-label="{}">{}</section>)", label, join(cards));
}

namespace {

// `scale`: the value drawn as a full bar (0: the largest value); `suffix` follows each value.
Html horizontal_bars(std::string_view title, const std::vector<Bar>& bars, double scale,
                     std::string_view suffix) {
  // Geometry in SVG user units; the viewBox scales it to the container's width.
  constexpr int kRow = 30, kBarHeight = 20, kBarWidth = 260, kValueWidth = 70, kCharWidth = 8;
  std::size_t longest = 4;
  double max = 0;
  for (const auto& b : bars) {
    longest = std::max(longest, b.label.size());
    if (std::isfinite(b.value)) {
      max = std::max(max, b.value);
    }
  }
  if (scale > 0) {
    max = scale;
  }
  const int label_width = static_cast<int>(std::min<std::size_t>(longest, 28)) * kCharWidth + 12;
  const int width = label_width + kBarWidth + kValueWidth;
  const int height = kRow * static_cast<int>(bars.size()) + 4;
  std::string spoken(title);
  Html rows;
  int y = 2;
  for (const auto& b : bars) {
    const double v = std::isfinite(b.value) && b.value > 0 ? b.value : 0;
    int w = max > 0 ? static_cast<int>(std::lround(std::min(v, max) / max * kBarWidth)) : 0;
    if (v > 0 && w < 2) {
      w = 2;  // a small but non-zero figure stays visible
    }
    const std::string value = format_value(b.value) + std::string(suffix);
    spoken += (&b == &bars.front() ? ": " : ", ") + b.label + " " + value;
    rows += html(R"(<text x="{}" y="{}" text-anchor="end" font-size="14" fill="#1f2937">{}</text><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#1d4ed8"></rect><text x="{}" y="{}" font-size="14" fill="#1f2937">{}</text>)",
                 label_width - 10, y + 15, b.label, label_width, y, w, kBarHeight,
                 label_width + w + 6, y + 15, value);
    y += kRow;
  }
  return html(R"(<figure class="chart"><svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg></figure>)",
              spoken, width, height, title, rows);
}

}  // namespace

Html bar_chart(std::string_view title, const std::vector<Bar>& bars) {
  return horizontal_bars(title, bars, 0, "");
}

Html bar_chart(const std::vector<Bar>& bars) { return bar_chart("Chart", bars); }

Html percent_chart(std::string_view title, const std::vector<Bar>& bars) {
  return horizontal_bars(title, bars, 100, "%");
}

// ---------------------------------------------------------------- forms

std::string_view error_for(const Error* e, std::string_view field) {
  if (e == nullptr) {
    return {};
  }
  auto it = e->fields.find(std::string(field));
  return it == e->fields.end() ? std::string_view() : std::string_view(it->second);
}

Html text_field(std::string_view name, std::string_view label, std::string_view value,
                std::string_view error, const FieldOptions& o) {
  Control c = control(name, error, o);
  std::string a;
  attr(a, "type", o.type.empty() ? "text" : o.type);
  // Passwords are never echoed back into the page.
  attr(a, "value", o.type == "password" ? std::string_view() : value);
  return html(R"(<div class="field">{}{}<input{}{}>{}</div>)", label_for(c, label), c.hint,
              Html::trusted(std::move(a)), Html::trusted(c.attrs), c.error);
}

Html textarea_field(std::string_view name, std::string_view label, std::string_view value,
                    std::string_view error, const FieldOptions& o) {
  Control c = control(name, error, o);
  return html(R"(<div class="field">{}{}<textarea rows="{}"{}>{}</textarea>{}</div>)",
              label_for(c, label), c.hint, o.rows > 0 ? o.rows : 4, Html::trusted(c.attrs),
              value, c.error);
}

Html select_field(std::string_view name, std::string_view label, const std::vector<Option>& options,
                  std::string_view selected, std::string_view error, const FieldOptions& o) {
  Control c = control(name, error, o);
  Html opts;
  for (const auto& opt : options) {
    opts += opt.value == selected
                ? html(R"(<option value="{}" selected>{}</option>)", opt.value, opt.label)
                : html(R"(<option value="{}">{}</option>)", opt.value, opt.label);
  }
  return html(R"(<div class="field">{}{}<select{}>{}</select>{}</div>)", label_for(c, label),
              c.hint, Html::trusted(c.attrs), opts, c.error);
}

Html checkbox(std::string_view name, std::string_view label, bool checked, std::string_view error,
              const FieldOptions& o) {
  Control c = control(name, error, o);
  return html(R"(<div class="field"><label for="{}"><input type="checkbox" value="true"{}{}> {}</label>{}{}</div>)",
              c.id, Html::trusted(c.attrs), Html::trusted(checked ? " checked" : ""), label,
              c.hint, c.error);
}

Html csrf_field(std::string_view token) {
  return html(R"(<input type="hidden" name="_csrf" value="{}">)", token);
}

Html hidden_field(std::string_view name, std::string_view value) {
  return html(R"(<input type="hidden" name="{}" value="{}">)", name, value);
}

Html submit_button(std::string_view label, ButtonKind kind) {
  if (kind == ButtonKind::primary) {
    return html(R"(<button type="submit">{}</button>)", label);
  }
  return html(R"(<button type="submit" class="{}">{}</button>)", button_class(kind), label);
}

Html error_summary(const Error* e, const std::map<std::string, std::string>& labels) {
  if (e == nullptr) {
    return {};
  }
  Html items;
  for (const auto& [field, message] : e->fields) {
    auto l = labels.find(field);
    items += html(R"(<li><a href="#{}">{}</a>: {}</li>)", field,
                  l == labels.end() ? field : l->second, message);
  }
  std::string_view heading =
      e->message.empty() ? std::string_view("Please check the form.") : e->message;
  return html(R"(<div class="form-error" role="alert" tabindex="-1" data-focus><p><strong>{}</strong></p>{}</div>)",
              heading, items.empty() ? Html() : html("<ul>{}</ul>", items));
}

Html post_form(std::string_view action, std::string_view csrf_token, const Html& body,
               const FormOptions& o) {
  return html("{}{}{}</form>", form_open("post", action, o), csrf_field(csrf_token), body);
}

Html get_form(std::string_view action, const Html& body, const FormOptions& o) {
  return html("{}{}</form>", form_open("get", action, o), body);
}

Html action_button(std::string_view action, std::string_view csrf_token, std::string_view label,
                   ButtonKind kind, std::string_view confirm) {
  FormOptions o;
  o.css_class = "inline";
  o.confirm = std::string(confirm);
  return post_form(action, csrf_token, submit_button(label, kind), o);
}

}  // namespace mandate::ui
