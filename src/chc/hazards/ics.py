"""A hazard report's deadlines as an iCalendar file: timed events for the 24-hour clocks
(in UTC, which every calendar shows in its reader's own zone), all-day events for the
working-day and week clocks. UIDs are built as chc deadlines builds them, from the report's
reference and the step's key, so a later export updates the same events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from chc.errors import InputError
from chc.hazards.report import HazardResult
from chc.hazards.words import step_words
from chc.ics import uid

PRODID = "-//chc//Awaab's Law hazard deadlines//EN"
# A step that no longer needs doing stays out of the calendar.
_LEFT_OUT = ("stopped", "not_required")


def to_ics(result: HazardResult) -> bytes:
    from icalendar import Calendar, Event

    reference = result.report.reference
    if not reference:
        raise InputError(
            "a calendar needs the report's reference (give --reference REF), so that its "
            "events do not overwrite another report's"
        )
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = result.settings.as_of.astimezone(timezone.utc)
    for s in result.steps:
        if s.status in _LEFT_OUT:
            continue
        ev = Event()
        ev.add("uid", uid(reference, s.key))
        ev.add("dtstamp", stamp)
        if isinstance(s.due, datetime):
            ev.add("dtstart", s.due.astimezone(timezone.utc))
        else:
            ev.add("dtstart", s.due)
            ev.add("dtend", s.due + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        ev.add("summary", f"{reference}: {step_words(s.key).lower()} (Awaab's Law)")
        text = f"{s.key}: {s.limit} {s.unit.replace('_', ' ')} from {s.from_event}"
        text += f" ({s.start.iso()}{', assumed' if s.from_assumed else ''}); status {s.status}"
        ev.add("description", text)
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data
