// areas/meetings/calendar.cpp — per-user calendar feed tokens and the iCalendar (RFC 5545) feed
// of a user's meetings and action due dates, written with libical (see service.hpp).
#include <libical/ical.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "areas/accounts/repo.hpp"
#include "areas/actions/service.hpp"
#include "areas/meetings/repo.hpp"
#include "areas/meetings/service.hpp"
#include "areas/people/repo.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"

namespace mandate::areas::meetings {
namespace {

using core::Timestamp;
using store::Transaction;

constexpr const char* kTokenPrefix = "mdc_";
constexpr std::size_t kMaxActiveTokens = 5;
constexpr std::int64_t kUsPerDay = 86'400'000'000;
constexpr std::int64_t kFeedHistoryDays = 365;

Status require_session(const Caller& by) {
  if (by.token || !by.user) {
    return fail(Errc::forbidden,
                "A calendar feed belongs to a person: sign in to manage your feed links.");
  }
  return {};
}

CalendarToken token_of(const repo::CalendarTokenRow& r) {
  return CalendarToken{r.id, r.prefix, r.created_at, r.revoked_at};
}

// --- iCalendar through libical ---

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype utc_time(Timestamp t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.seconds()), 0,
                                       icaltimezone_get_utc_timezone());
}

icaltimetype date_of(std::int64_t day) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(day * 86'400), 1,
                                       icaltimezone_get_utc_timezone());
}

// Text for libical: valid UTF-8 (it escapes commas, semicolons and newlines itself).
std::string ical_text(std::string_view s) {
  return core::valid_utf8(s) ? std::string(s) : std::string();
}

icalcomponent* meeting_event(const Meeting& m, const std::string& slug, const std::string& chair,
                             Timestamp now) {
  icalcomponent* e = icalcomponent_new_vevent();
  icalcomponent_add_property(e,
                             icalproperty_new_uid(("meeting-" + m.id.str() + "@" + slug).c_str()));
  icalcomponent_add_property(e, icalproperty_new_dtstamp(utc_time(now)));
  icalcomponent_add_property(e, icalproperty_new_dtstart(utc_time(m.starts_at)));
  icalcomponent_add_property(e, icalproperty_new_dtend(utc_time(Timestamp{
                                    m.starts_at.us + m.duration_minutes * 60'000'000LL})));
  icalcomponent_add_property(e, icalproperty_new_summary(ical_text(m.title).c_str()));
  if (!m.place.empty()) {
    icalcomponent_add_property(e, icalproperty_new_location(ical_text(m.place).c_str()));
  }
  std::string description = std::string(meeting_type_label(m.type));
  if (!chair.empty()) {
    description += "\nChair: " + chair;
  }
  if (m.status == MeetingStatus::signed_off) {
    description += "\nMinutes signed.";
  } else if (m.status == MeetingStatus::cancelled && !m.cancel_reason.empty()) {
    description += "\nCancelled: " + m.cancel_reason;
  }
  icalcomponent_add_property(e, icalproperty_new_description(ical_text(description).c_str()));
  icalcomponent_add_property(
      e, icalproperty_new_status(m.status == MeetingStatus::cancelled ? ICAL_STATUS_CANCELLED
                                                                      : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(e, icalproperty_new_sequence(static_cast<int>(m.row_version - 1)));
  icalcomponent_add_property(e, icalproperty_new_lastmodified(utc_time(m.updated_at)));
  return e;
}

// An action's due date as an all-day event (calendar clients show VEVENTs everywhere; VTODO
// support is patchy).
icalcomponent* action_event(const actions::Action& a, const std::string& slug, Timestamp now) {
  icalcomponent* e = icalcomponent_new_vevent();
  icalcomponent_add_property(e,
                             icalproperty_new_uid(("action-" + a.id.str() + "@" + slug).c_str()));
  icalcomponent_add_property(e, icalproperty_new_dtstamp(utc_time(now)));
  icalcomponent_add_property(e, icalproperty_new_dtstart(date_of(*a.due_on)));
  icalcomponent_add_property(e, icalproperty_new_dtend(date_of(*a.due_on + 1)));
  icalcomponent_add_property(e,
                             icalproperty_new_summary(ical_text("Action due: " + a.title).c_str()));
  std::string description = std::string(actions::source_label(a.source)) + " · " +
                            std::string(actions::state_label(a.status));
  icalcomponent_add_property(e, icalproperty_new_description(ical_text(description).c_str()));
  icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  icalcomponent_add_property(e, icalproperty_new_lastmodified(utc_time(a.updated_at)));
  return e;
}

}  // namespace

// --- tokens ---

Result<std::vector<CalendarToken>> calendar_tokens(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  return env.db.read([&](Transaction& tx) {
    std::vector<CalendarToken> out;
    for (const auto& t : repo::calendar_tokens(tx, by.org, by.user)) {
      out.push_back(token_of(t));
    }
    return out;
  });
}

Result<CreatedCalendarToken> create_calendar_token(const Env& env, const Caller& by) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  if (auto r = require_session(by); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Result<CreatedCalendarToken> {
    auto tokens = repo::calendar_tokens(tx, by.org, by.user);
    const auto active =
        std::count_if(tokens.begin(), tokens.end(), [](const auto& t) { return !t.revoked_at; });
    if (static_cast<std::size_t>(active) >= kMaxActiveTokens) {
      return fail(Errc::conflict, "You already have " + std::to_string(kMaxActiveTokens) +
                                      " active calendar feed links: revoke one first.");
    }
    const Timestamp now = env.clock.now();
    CreatedCalendarToken out;
    out.secret = kTokenPrefix + core::random_token(32);
    out.token.prefix = out.secret.substr(0, 12);
    out.token.created_at = now;
    out.token.id = repo::insert_calendar_token(
        tx, by.org, by.user, core::hex(core::sha256(out.secret)), out.token.prefix, now);
    record(tx, env, by, "calendar_token", std::to_string(out.token.id), "create",
           {{"prefix", out.token.prefix}, {"user_id", by.user.value}});
    return out;
  });
}

Status revoke_calendar_token(const Env& env, const Caller& by, std::int64_t id) {
  if (auto r = require_role(by, kMembers); !r) {
    return r.error();
  }
  return env.db.write([&](Transaction& tx) -> Status {
    auto t = repo::find_calendar_token(tx, by.org, by.user, id);
    if (!t) {
      return fail(Errc::not_found, "No such calendar feed link of yours.");
    }
    if (t->revoked_at || !repo::revoke_calendar_token(tx, by.org, id, env.clock.now())) {
      return fail(Errc::conflict, "This calendar feed link is already revoked.");
    }
    record(tx, env, by, "calendar_token", std::to_string(id), "revoke",
           {{"prefix", t->prefix}, {"user_id", by.user.value}});
    return {};
  });
}

// --- feed ---

Result<std::string> calendar_feed(const Env& env, std::string_view secret) {
  const Error gone = fail(Errc::not_found,
                          "This calendar feed link is not valid: it may have "
                          "been revoked.");
  if (!secret.starts_with(kTokenPrefix) || secret.size() > 128) {
    return gone;
  }
  const std::string hash = core::hex(core::sha256(secret));
  const Timestamp now = env.clock.now();
  return env.db.read([&](Transaction& tx) -> Result<std::string> {
    auto token = repo::find_calendar_token_by_hash(tx, hash);
    if (!token || token->revoked_at) {
      return gone;
    }
    auto membership = accounts::repo::find_membership(tx, token->org, token->user);
    auto user = accounts::repo::find_user(tx, token->user);
    auto org = accounts::repo::find_org(tx, token->org);
    if (!membership || membership->expired(now) || !user || user->disabled || !org) {
      return gone;
    }
    Component cal(icalcomponent_new_vcalendar());
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Mandate//Meetings//EN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* name = icalproperty_new_x(ical_text("Mandate — " + org->name).c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);

    if (auto person = people::repo::person_of_user(tx, token->org, token->user)) {
      const Timestamp from{now.us - kFeedHistoryDays * kUsPerDay};
      const auto meetings = repo::meetings_of_person(tx, token->org, *person, from);
      // Every chair's name in one lookup.
      std::vector<PersonId> chair_ids;
      for (const auto& m : meetings) {
        if (m.chair) {
          chair_ids.push_back(*m.chair);
        }
      }
      std::map<std::int64_t, std::string> chairs;
      for (auto& p : repo::people_by_id(tx, token->org, chair_ids)) {
        chairs[p.id.value] = std::move(p.name);
      }
      for (const auto& m : meetings) {
        std::string chair;
        if (m.chair) {
          auto it = chairs.find(m.chair->value);
          chair = it == chairs.end() ? "" : it->second;
        }
        icalcomponent_add_component(cal.get(), meeting_event(m, org->slug, chair, now));
      }
      for (const auto& a : actions::open_owned_by(tx, token->org, *person)) {
        if (a.due_on) {
          icalcomponent_add_component(cal.get(), action_event(a, org->slug, now));
        }
      }
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    std::string out = text ? text : "";
    icalmemory_free_buffer(text);
    return out;
  });
}

}  // namespace mandate::areas::meetings
