#!/usr/bin/python3
"""Parses an iCalendar feed from stdin with Debian's python3-icalendar (an independent parser,
not Mandate's code) and prints it as JSON for the integration tests
(web/tests/integration/calendar_ics.test.mjs): the calendar's properties and every component
with the properties the tests check. Exits 1 with the parser's message when the text is not a
valid iCalendar object."""
import json
import sys

import icalendar


def text(value):
    if value is None:
        return None
    if isinstance(value, list):
        return [text(v) for v in value]
    if isinstance(value, str):  # vText and friends: the unescaped text
        return str(value)
    if hasattr(value, "dt"):
        dt = value.dt
        return dt.isoformat()
    if hasattr(value, "cats"):
        return [str(c) for c in value.cats]
    if hasattr(value, "to_ical"):
        raw = value.to_ical()
        return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    return str(value)


def main():
    data = sys.stdin.buffer.read()
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # the parser's own error, whatever its class
        print(f"not an iCalendar object: {e}", file=sys.stderr)
        return 1
    if cal.name != "VCALENDAR":
        print(f"top-level component is {cal.name}, not VCALENDAR", file=sys.stderr)
        return 1
    out = {
        "calendar": {k.lower(): text(cal.get(k)) for k in ("VERSION", "PRODID", "METHOD", "X-WR-CALNAME", "CALSCALE")},
        "components": [],
    }
    for c in cal.walk():
        if c.name == "VCALENDAR":
            continue
        out["components"].append({
            "type": c.name,
            "uid": text(c.get("UID")),
            "summary": text(c.get("SUMMARY")),
            "status": text(c.get("STATUS")),
            "dtstart": text(c.get("DTSTART")),
            "dtend": text(c.get("DTEND")),
            "due": text(c.get("DUE")),
            "dtstamp": text(c.get("DTSTAMP")),
            "location": text(c.get("LOCATION")),
            "description": text(c.get("DESCRIPTION")),
            "url": text(c.get("URL")),
            "categories": text(c.get("CATEGORIES")),
            "errors": [list(e) for e in getattr(c, "errors", [])],
        })
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
