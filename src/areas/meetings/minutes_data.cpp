// areas/meetings/minutes_data.cpp — the data of the minutes export: the meeting as the service
// shows it, a review's inputs, the actions made from its decisions, the organization's name and
// where the sign-off sits in the ledger (see minutes.hpp). Rendering is in minutes.cpp.
#include <string>

#include "areas/accounts/repo.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/minutes.hpp"
#include "core/crypto.hpp"
#include "ledger/checkpoint.hpp"
#include "ledger/merkle.hpp"

namespace mandate::areas::meetings {
namespace {

using store::Transaction;

// The tree head that covers ledger entry `seq` (entries are numbered from 1, so it is the leaf
// with index seq - 1 and the tree of its first seq leaves), and the latest signed checkpoint.
LedgerAnchor anchor_of(Transaction& tx, OrgId org, std::int64_t seq) {
  LedgerAnchor a;
  a.seq = seq - 1;
  a.tree_size = seq;
  ledger::CompactRange tree;
  const auto visited = ledger::for_each_leaf_hash(
      tx, org, a.tree_size, [&](std::uint64_t, const core::Sha256& h) { tree.append(h); });
  if (static_cast<std::int64_t>(visited) != a.tree_size) {
    throw StoreError("ledger of organization " + org.str() + " has " + std::to_string(visited) +
                     " entries up to seq " + std::to_string(seq) + ": the log is damaged");
  }
  const auto root = tree.root();
  a.root_hex = core::hex(root);
  if (auto c = ledger::latest_checkpoint(tx, org)) {
    a.checkpoint_note = c->note;
    a.checkpoint_size = c->tree_size;
  }
  return a;
}

}  // namespace

Result<Minutes> minutes(const Env& env, const Caller& by, MeetingId id) {
  auto v = view(env, by, id);  // authorizes the reader; Errc::not_found for other organizations
  if (!v) {
    return v.error();
  }
  Minutes m;
  m.generated_at = env.clock.now();
  m.view = std::move(*v);
  m.view.history.clear();
  if (m.view.meeting.is_review()) {
    auto in = review_inputs(env, by, id);
    if (!in) {
      return in.error();
    }
    m.inputs = std::move(in->inputs);
  }
  actions::ListQuery q;
  q.view = actions::View::all;
  q.meeting_id = id.value;
  q.sort = actions::Sort::created;
  q.limit = 5000;
  auto acts = actions::list(env, by, q);
  if (!acts) {
    return acts.error();
  }
  m.actions = std::move(acts->rows);
  env.db.read([&](Transaction& tx) {
    if (auto o = accounts::repo::find_org(tx, by.org)) {
      m.organization = o->name;
    }
    if (m.view.meeting.status == MeetingStatus::signed_off && m.view.meeting.signoff_seq) {
      m.anchor = anchor_of(tx, by.org, *m.view.meeting.signoff_seq);
    }
  });
  return m;
}

std::string minutes_file_name(const Minutes& m, std::string_view extension) {
  if (!extension.empty() && extension.front() == '.') {
    extension.remove_prefix(1);
  }
  std::string type(meeting_type_name(m.view.meeting.type));
  for (char& c : type) {
    if (c == '_') {
      c = '-';
    }
  }
  return "minutes-" + core::format_date(core::days_since_epoch(m.view.meeting.starts_at)) + "-" +
         type + "-" + m.view.meeting.id.str() + "." + std::string(extension);
}

}  // namespace mandate::areas::meetings
