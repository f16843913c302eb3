// areas/actions/model.cpp — names, the status machine and validation for actions (see
// model.hpp).
#include "areas/actions/model.hpp"

#include "areas/common/fields.hpp"
#include "core/text.hpp"

namespace mandate::areas::actions {
std::string_view source_name(Source s) {
  switch (s) {
    case Source::meeting_decision:
      return "meeting_decision";
    case Source::management_review:
      return "management_review";
    case Source::walk:
      return "walk";
    case Source::audit:
      return "audit";
    case Source::nonconformity:
      return "nonconformity";
    case Source::other:
      return "other";
  }
  return "";
}

std::string_view source_label(Source s) {
  switch (s) {
    case Source::meeting_decision:
      return "Meeting decision";
    case Source::management_review:
      return "Management review";
    case Source::walk:
      return "Leadership walk";
    case Source::audit:
      return "Audit";
    case Source::nonconformity:
      return "Nonconformity";
    case Source::other:
      return "Other";
  }
  return "";
}

std::optional<Source> parse_source(std::string_view s) {
  return parse_by_name(s, kAllSources, &source_name);
}

std::string_view state_name(State s) {
  switch (s) {
    case State::open:
      return "open";
    case State::in_progress:
      return "in_progress";
    case State::done:
      return "done";
    case State::cancelled:
      return "cancelled";
  }
  return "";
}

std::string_view state_label(State s) {
  switch (s) {
    case State::open:
      return "Open";
    case State::in_progress:
      return "In progress";
    case State::done:
      return "Done";
    case State::cancelled:
      return "Cancelled";
  }
  return "";
}

std::optional<State> parse_state(std::string_view s) {
  return parse_by_name(s, kAllStates, &state_name);
}

bool can_transition(State from, State to) {
  switch (to) {
    case State::in_progress:
      return from == State::open;
    case State::done:
      return from == State::in_progress;
    case State::cancelled:
      return from == State::open || from == State::in_progress;
    case State::open:
      return from == State::done || from == State::cancelled;
  }
  return false;
}

std::string transition_refusal(State from, State to) {
  if (can_transition(from, to)) {
    return "";
  }
  const std::string now = "This action is " + std::string(core::ascii_lower(state_label(from)));
  if (from == to) {
    return now + " already.";
  }
  switch (to) {
    case State::in_progress:
      // from done or cancelled (open and in_progress are handled above).
      return now + ": reopen it before starting it again.";
    case State::done:
      if (from == State::open) {
        return now + ": start it before completing it.";
      }
      return now + ": reopen it before completing it.";
    case State::cancelled:
      return now + ": only open or in-progress actions can be cancelled.";
    case State::open:
      return now + ": only done or cancelled actions can be reopened.";
  }
  return now + ".";
}

std::int64_t Action::days_overdue(std::int64_t today) const {
  if (!is_open(status) || !due_on || today <= *due_on) {
    return 0;
  }
  return today - *due_on;
}

bool Action::done_on_time() const {
  return status == State::done && due_on && closed_at &&
         core::days_since_epoch(*closed_at) <= *due_on;
}

void normalise(ActionFields& f) {
  f.title = std::string(core::trim(f.title));
  f.description = std::string(core::trim(f.description));
}

void validate(const ActionFields& f, Validation& v) {
  if (f.title.empty()) {
    v.add("title", "is required");
  } else if (!core::is_plain_text(f.title, 300) ||
             f.title.find_first_of("\r\n\t") != std::string::npos) {
    v.add("title", core::valid_utf8(f.title) && core::utf8_length(f.title) > 300
                       ? "must be at most 300 characters"
                       : "must be plain text on one line");
  }
  if (!f.description.empty() && !core::is_plain_text(f.description, 20000)) {
    v.add("description", core::valid_utf8(f.description) && !core::has_control_chars(f.description)
                             ? "must be at most 20000 characters"
                             : "must be plain text (Markdown)");
  }
  if (f.owner && f.owner->value <= 0) {
    v.add("owner_id", "is not a person of this organization");
  }
  if (f.due_on && (*f.due_on < 0 || *f.due_on > kLastDay)) {
    v.add("due_on", "must be a date like 2026-04-01");
  }
}

void validate(const Settings& s, Validation& v) {
  if (s.escalate_after_days < 1 || s.escalate_after_days > 365) {
    v.add("escalate_after_days", "must be between 1 and 365 days");
  }
}

}  // namespace mandate::areas::actions
