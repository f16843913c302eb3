// areas/meetings/review.cpp — the review workspace's inputs (live or frozen) and the cadence and
// say-do-gap indicators (see review.hpp). The inputs themselves are in review_inputs.cpp, the
// SQL in review_repo.cpp.
#include "areas/meetings/review.hpp"

#include <algorithm>

#include "areas/meetings/review_repo.hpp"
#include "areas/meetings/service.hpp"
#include "areas/policies/model.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;
using store::Transaction;

std::int64_t day_of(Timestamp t) { return core::days_since_epoch(t); }

}  // namespace

Result<ReviewInputs> review_inputs(const Env& env, const Caller& by, MeetingId id) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) -> Result<ReviewInputs> {
    auto m = review_repo::find(tx, by.org, id);
    if (!m) {
      return fail(Errc::not_found, "No such meeting in this organization.");
    }
    if (m->type != MeetingType::management_review) {
      return fail(Errc::conflict, "This meeting is not a management review.");
    }
    auto ctx = review_context(tx, by.org, id, now);
    ReviewInputs out;
    out.previous_review = ctx->previous_review;
    if (ctx->previous_review) {
      if (auto prev = review_repo::find(tx, by.org, *ctx->previous_review)) {
        out.previous_review_at = prev->starts_at;
      }
    }
    if (m->status != MeetingStatus::signed_off) {
      out.inputs = compute_inputs(tx, *ctx);
      return out;
    }
    // Signed: what the chair signed, never recomputed.
    out.frozen = true;
    const auto items = review_repo::input_items(tx, by.org, id);
    for (ReviewInput input : kAllReviewInputs) {
      InputData d;
      d.input = input;
      for (const auto& item : items) {
        if (item.input == input) {
          if (auto frozen = input_from_json(item.snapshot)) {
            d = std::move(*frozen);
          }
          break;
        }
      }
      out.inputs.push_back(std::move(d));
    }
    return out;
  });
}

Result<Indicators> indicators(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kReaders); !r) {
    return r.error();
  }
  const Timestamp now = env.clock.now();
  const std::int64_t today = day_of(now);
  return env.db.read([&](Transaction& tx) {
    Indicators out;
    out.cadence = review_repo::cadence(tx, by.org);

    // Management reviews: the latest, the gaps over 24 months, decisions per review.
    out.reviews = review_repo::signed_reviews(tx, by.org);  // newest first
    for (const auto& r : out.reviews) {
      if (r.decisions == 0) {
        out.reviews_without_decisions.push_back(r);
      }
    }
    if (!out.reviews.empty()) {
      out.last_review = out.reviews.front();
      out.days_since_last_review = today - day_of(out.last_review->at);
    }
    out.review_overdue =
        !out.last_review ||
        today > policies::add_months(day_of(out.last_review->at), out.cadence.review_every_months);
    const std::int64_t from_24m = policies::add_months(today, -24);
    for (auto it = out.reviews.rbegin(); it != out.reviews.rend(); ++it) {
      if (day_of(it->at) >= from_24m && day_of(it->at) <= today) {
        out.reviews_24m.push_back(*it);
      }
    }
    for (std::size_t i = 1; i < out.reviews_24m.size(); ++i) {
      out.intervals_days.push_back(day_of(out.reviews_24m[i].at) -
                                   day_of(out.reviews_24m[i - 1].at));
    }
    if (out.last_review) {
      // The gap still open: from the latest review to today (also when it fell before the
      // 24 months, so that a long silence shows as the longest interval).
      out.intervals_days.push_back(*out.days_since_last_review);
    }
    if (!out.intervals_days.empty()) {
      out.longest_interval_days =
          *std::max_element(out.intervals_days.begin(), out.intervals_days.end());
    }
    out.reviews_expected_24m = 24 / std::max(1, out.cadence.review_every_months);

    // Security on the executive agenda.
    const std::int64_t from_12m = policies::add_months(today, -12);
    for (const auto& m : review_repo::executive_meetings(tx, by.org, now)) {  // newest first
      if (m.security_on_agenda && !out.days_since_security_on_executive_agenda) {
        out.days_since_security_on_executive_agenda = today - day_of(m.at);
      }
      if (day_of(m.at) >= from_12m) {
        if (m.security_on_agenda) {
          ++out.executive_with_security_12m;
        }
        out.executive_12m.push_back(m);
      }
    }
    out.security_agenda_overdue =
        !out.days_since_security_on_executive_agenda ||
        today > policies::add_months(today - *out.days_since_security_on_executive_agenda,
                                     out.cadence.security_agenda_every_months);

    out.review_actions = actions::review_action_stats(tx, by.org, today);
    return out;
  });
}

}  // namespace mandate::areas::meetings
