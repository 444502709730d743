"""A hazard report's deadlines as an iCalendar file: timed events for the 24-hour clocks
(in UTC, which every calendar shows in its reader's own zone), all-day events for the
working-day and week clocks. UIDs are built as chc deadlines builds them, from the report's
reference and the step's key, so a later export updates the same events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from chc.errors import InputError
from chc.hazards.report import HazardResult, StepResult
from chc.hazards.words import EVENT_WORDS, STATUS_WORDS, UNIT_WORDS, step_words
from chc.ics import uid
from chc.inert import ics_text

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//chc//Awaab's Law hazard deadlines//EN"
# A step that no longer needs doing stays out of the calendar.
_LEFT_OUT = ("stopped", "not_required")


def to_ics(result: HazardResult) -> bytes:
    """One report's calendar."""
    return log_ics([result])


def log_ics(results: Sequence[HazardResult]) -> bytes:
    """Every report's steps still to be done or missed, in one calendar."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for result in results:
        for event in _events(result):
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _events(result: HazardResult) -> Iterator[Event]:
    from icalendar import Event

    reference = result.report.reference
    if not reference:
        raise InputError(
            "a calendar needs the report's reference (give --reference REF), so that its "
            "events do not overwrite another report's"
        )
    stamp = result.settings.as_of.astimezone(timezone.utc)
    shown = ics_text(reference)
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
        ev.add("summary", f"{shown}: {step_words(s.key).lower()} (Awaab's Law)")
        ev.add("description", _description(s))
        yield ev


def _description(s: StepResult) -> str:
    """In a complaints officer's words: the rule, when it counts from, the status."""
    start = "assumed, if it concludes on time" if s.from_assumed else s.start.iso()
    text = f"{s.limit} {UNIT_WORDS[s.unit]} from {EVENT_WORDS[s.from_event]} ({start}); "
    return text + STATUS_WORDS[s.status].lower()
