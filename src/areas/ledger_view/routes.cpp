// areas/ledger_view/routes.cpp — ledger page and API (see routes.hpp). Reading is for admin,
// top management, the ISM and auditors; writing a checkpoint for admin and the ISM.
#include "areas/ledger_view/routes.hpp"

#include "core/text.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/keys.hpp"
#include "ledger/verify.hpp"
#include "ui/html.hpp"

namespace mandate::areas::ledger_view {
namespace {

namespace json = core::json;
using ui::Html;
using ui::html;

constexpr RoleSet kReaders{Role::admin, Role::top_management, Role::isms_manager, Role::auditor};
constexpr RoleSet kWriters{Role::admin, Role::isms_manager};

ledger::Filter filter_from(const http::Context& ctx) {
  ledger::Filter f;
  auto opt = [&](const char* name, std::size_t max) -> std::optional<std::string> {
    auto v = std::string(core::trim(ctx.req.query_param(name)));
    if (v.empty()) {
      return std::nullopt;
    }
    if (v.size() > max || !core::valid_utf8(v)) {
      throw ErrorException(Error::invalid(name, "must be at most " + std::to_string(max) + " characters"));
    }
    return v;
  };
  f.entity_type = opt("entity_type", 64);
  f.entity_id = opt("entity_id", 64);
  f.actor_label = opt("actor", 200);
  if (auto from = opt("from", 10)) {
    auto d = core::parse_date(*from);
    if (!d) {
      throw ErrorException(Error::invalid("from", "must be a date like 2026-01-31"));
    }
    f.from = core::Timestamp{*d * 86400LL * 1'000'000};
  }
  if (auto to = opt("to", 10)) {
    auto d = core::parse_date(*to);
    if (!d) {
      throw ErrorException(Error::invalid("to", "must be a date like 2026-01-31"));
    }
    f.to = core::Timestamp{(*d + 1) * 86400LL * 1'000'000};  // inclusive day
  }
  f.before_seq = int_query(ctx, "before", 0, 0, 2'000'000'000);
  f.limit = int_query(ctx, "limit", 50, 1, 500);
  return f;
}

json::object entry_json(const ledger::Entry& e) {
  return {{"seq", e.seq},
          {"at", core::format_timestamp_us(e.at)},
          {"actor", {{"kind", ledger::actor_kind_name(e.actor.kind)}, {"id", e.actor.id}, {"label", e.actor.label}}},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"action", e.action},
          {"data", json::parse(e.payload)},
          {"leaf_hash", core::hex(e.leaf_hash)}};
}

ledger::Report verify_org(const Services& s, OrgId org) {
  if (s.signer == nullptr) {
    throw ErrorException(fail(Errc::unavailable, "No instance key is loaded."));
  }
  return ledger::verify(s.db, org, s.signer->public_key(), s.signer->name());
}

http::Response api_list(const Services& s, http::Context& ctx) {
  auto by = caller_of(ctx);
  auto f = filter_from(ctx);
  json::array items;
  std::int64_t size = 0;
  s.db.read([&](store::Transaction& tx) {
    for (const auto& e : ledger::list(tx, by.org, f)) {
      items.push_back(entry_json(e));
    }
    size = ledger::size(tx, by.org);
  });
  return json_ok({{"items", items}, {"size", size}});
}

http::Response api_verify(const Services& s, http::Context& ctx) {
  auto r = verify_org(s, caller_of(ctx).org);
  return json_ok({{"ok", r.ok}, {"summary", r.summary()}, {"entries", r.entries},
                  {"checkpoints", r.checkpoints}});
}

http::Response api_checkpoint(const Services& s, http::Context& ctx) {
  if (s.signer == nullptr) {
    throw ErrorException(fail(Errc::unavailable, "No instance key is loaded."));
  }
  auto by = caller_of(ctx);
  auto cp = s.db.write([&](store::Transaction& tx) {
    return ledger::write_checkpoint(tx, by.org, *s.signer, s.clock.now());
  });
  return json_ok({{"tree_size", cp.tree_size}, {"root", core::hex(cp.root)}, {"note", cp.note}}, 201);
}

Html entries_table(const std::vector<ledger::Entry>& entries) {
  Html rows;
  for (const auto& e : entries) {
    rows += html(R"(<tr><td>#{}</td><td><time datetime="{}">{}</time></td><td>{}</td><td>{} {}</td><td>{}</td><td><code class="payload">{}</code></td></tr>)",
                 e.seq, iso(e.at), iso(e.at), e.actor.label, e.entity_type, e.entity_id, e.action, e.payload);
  }
  if (rows.empty()) {
    return html(R"(<p class="empty-state">No entries match these filters.</p>)");
  }
  return html(R"(<table class="ledger"><thead><tr><th scope="col">Entry</th><th scope="col">When (UTC)</th><th scope="col">By</th><th scope="col">Record</th><th scope="col">Action</th><th scope="col">Data</th></tr></thead><tbody>{}</tbody></table>)", rows);
}

http::Response ledger_page(const Services& s, http::Context& ctx, const ledger::Report* report) {
  auto by = caller_of(ctx);
  auto f = filter_from(ctx);
  std::vector<ledger::Entry> entries;
  std::int64_t size = 0;
  std::optional<ledger::Checkpoint> cp;
  s.db.read([&](store::Transaction& tx) {
    entries = ledger::list(tx, by.org, f);
    size = ledger::size(tx, by.org);
    cp = ledger::latest_checkpoint(tx, by.org);
  });
  Html verdict;
  if (report) {
    verdict = report->ok
                  ? html(R"(<p class="notice success" role="status" id="verify-result"><strong>Verified.</strong> {}</p>)", report->summary())
                  : html(R"(<p class="form-error" role="alert" id="verify-result"><strong>Verification failed.</strong> {}</p>)", report->summary());
  }
  Html more;
  if (!entries.empty() && entries.back().seq > 1 && static_cast<int>(entries.size()) == f.limit) {
    std::string q = "?before=" + std::to_string(entries.back().seq);
    for (const char* k : {"entity_type", "entity_id", "actor", "from", "to"}) {
      auto v = ctx.req.query_param(k);
      if (!v.empty()) {
        q += "&" + std::string(k) + "=" + http::url_encode(v);
      }
    }
    more = html(R"(<p><a href="/ledger{}">Older entries →</a></p>)", q);
  }
  Html checkpoint_form;
  if (by.has_role(kWriters)) {
    checkpoint_form = html(R"(<form method="post" action="/ledger/checkpoints" class="inline"><input type="hidden" name="_csrf" value="{}"><button type="submit" class="secondary">Write a checkpoint now</button></form>)",
                           ctx.who().csrf_token);
  }
  auto val = [&](const char* k) { return ctx.req.query_param(k); };
  Html body = html(R"(<h1>Ledger</h1>
<p>Every change in this organization, in order, in a hash-chained Merkle tree with signed checkpoints. {} entries; {}.</p>
<div class="actions"><a href="/ledger/verify" role="button" id="verify">Verify the ledger</a> {}</div>
{}
<form method="get" action="/ledger" class="filters">
<div class="grid">
<div><label for="entity_type">Record type</label><input id="entity_type" name="entity_type" value="{}" placeholder="person, membership…"></div>
<div><label for="entity_id">Record id</label><input id="entity_id" name="entity_id" value="{}"></div>
<div><label for="actor">By</label><input id="actor" name="actor" value="{}"></div>
<div><label for="from">From</label><input id="from" name="from" type="date" value="{}"></div>
<div><label for="to">To</label><input id="to" name="to" type="date" value="{}"></div>
</div>
<button type="submit">Filter</button>
</form>
{}
{})",
                   size,
                   cp ? html("last checkpoint at {} covers {} entries", iso(cp->created_at), cp->tree_size)
                      : html("no checkpoint yet"),
                   checkpoint_form, verdict, val("entity_type"), val("entity_id"), val("actor"),
                   val("from"), val("to"), entries_table(entries), more);
  return page(s, ctx, "Ledger", "ledger", body);
}

http::Response page_list(const Services& s, http::Context& ctx) {
  return ledger_page(s, ctx, nullptr);
}

http::Response page_verify(const Services& s, http::Context& ctx) {
  auto report = verify_org(s, caller_of(ctx).org);
  return ledger_page(s, ctx, &report);
}

http::Response page_checkpoint(const Services& s, http::Context& ctx) {
  api_checkpoint(s, ctx);
  return see_other("/ledger", "checkpoint-written");
}

}  // namespace

void register_routes(http::Router& router, const Services& s) {
  using http::Kind;
  using http::Method;
  RouteTable routes(router, s);
  routes.add(Method::get, "/ledger", Kind::page, kReaders, page_list);
  routes.add(Method::get, "/ledger/verify", Kind::page, kReaders, page_verify);
  routes.add(Method::post, "/ledger/checkpoints", Kind::page, kWriters, page_checkpoint);
  routes.add(Method::get, "/api/v1/ledger", Kind::api, kReaders, api_list);
  routes.add(Method::get, "/api/v1/ledger/verify", Kind::api, kReaders, api_verify);
  routes.add(Method::post, "/api/v1/ledger/checkpoints", Kind::api, kWriters, api_checkpoint);
}

}  // namespace mandate::areas::ledger_view
