"""Due dates as an iCalendar file (RFC 5545): one all-day event per due date.

The events of many complaints go into one calendar, so every event's UID is built from
the complaint's reference and the event's key (``HC-0001.stage1.respond@chc``): the same
complaint exported again updates its events in Outlook or Google Calendar rather than
adding copies, and two complaints never overwrite each other.

The input is either :class:`~chc.deadlines.Timeline` objects (the scalar path) or plain
``(reference, Event)`` pairs (what a columnar caseload engine can stream); both end up as
the same :class:`Due` items.

Nothing reads the clock: DTSTAMP is midnight UTC of the ``as_of`` day the statuses were
judged on, so the same input always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from chc.deadlines import Event, Timeline
from chc.errors import InputError
from chc.inert import ics_text

if TYPE_CHECKING:
    from chc.workdays import WorkingCalendar

# "stage1.respond" -> "stage 1 response due": the words a person reads in a calendar.
LABELS = {
    "acknowledge": "acknowledgement",
    "respond": "response",
    "respond_extended": "extended response",
}
PRODID = "-//chc//Complaint Handling Code deadlines//EN"
# A relative trigger on an all-day event counts from local midnight of the due date;
# adding these hours puts the alarm at 09:00 local time on the reminder day.
ALARM_HOUR = 9


class Due(NamedTuple):
    """One due date of one complaint, as it goes into the calendar."""

    reference: str
    event: Event
    code: str | None = None


def dues(items: Iterable[Timeline | tuple[str, Event]]) -> Iterator[Due]:
    """Timelines or (reference, Event) pairs, as Due items in the order given."""
    for item in items:
        if isinstance(item, Timeline):
            ref = item.reference or ""
            for e in item.events:
                yield Due(ref, e, item.code)
        else:
            reference, event = item
            yield Due(reference, event)


def safe_reference(reference: str) -> str:
    """The reference as UID text: letters, digits, ``-``, ``_``, ``.`` and ``~`` kept,
    every other character percent-encoded (``HC 1/2`` -> ``HC%201%2F2``).

    The encoding is one-to-one, so two references never share a UID, and the result
    needs no escaping anywhere in an iCalendar file.
    """
    return quote(reference, safe="")


def uid(reference: str, key: str) -> str:
    """``HC-0001.stage1.respond@chc``: stable across runs, distinct across complaints."""
    return f"{safe_reference(reference)}.{key}@chc"


def summary(reference: str, key: str) -> str:
    """``HC-0001: stage 1 response due``."""
    stage, action = key.split(".", 1)
    return f"{reference}: stage {stage.removeprefix('stage')} {LABELS.get(action, action)} due"


def current(items: Iterable[Due], *, open_only: bool = False) -> list[Due]:
    """The due dates that still stand: a due date an extension replaced is left out.

    With ``open_only``, events already done are left out too (what a shared calendar of
    work to do wants). Two items with the same reference and key mean the reference is
    not unique, which would make one event overwrite the other: an error.
    """
    rows = list(items)
    keys = {(d.reference, d.event.key) for d in rows}
    if len(keys) != len(rows):
        seen: set[tuple[str, str]] = set()
        for d in rows:
            if (d.reference, d.event.key) in seen:
                raise InputError(
                    f"the reference {d.reference!r} is used by more than one complaint; "
                    "each complaint needs its own reference for a calendar"
                )
            seen.add((d.reference, d.event.key))
    out = []
    for d in rows:
        if not d.reference:
            raise InputError(
                "a calendar needs each complaint's reference (give --reference REF), so that "
                "its events do not overwrite another complaint's"
            )
        if (d.reference, f"{d.event.key}_extended") in keys:
            continue
        if open_only and d.event.done is not None:
            continue
        out.append(d)
    return out


def alarm_trigger(due: date, alarm_day: date) -> timedelta:
    """The trigger before an all-day event's start that fires at 09:00 on ``alarm_day``.

    An all-day event starts at local midnight of its date, so a relative trigger fires in
    the reader's own time zone (an absolute one would have to be in UTC, an hour out in
    summer). Outlook keeps reminders only as "so long before the start", so relative is
    also what survives an import.
    """
    return -(timedelta(days=(due - alarm_day).days) - timedelta(hours=ALARM_HOUR))


def to_ics(
    items: Iterable[Timeline | tuple[str, Event]],
    *,
    as_of: date,
    open_only: bool = False,
    remind: int | None = None,
    calendar: WorkingCalendar | None = None,
) -> bytes:
    """One VCALENDAR of every standing due date of ``items``.

    ``remind``: add a VALARM ``remind`` working days before each due date (counted with
    ``calendar``, so the alarm falls on a working day), at 09:00 local time.
    """
    # Imported here: icalendar is only needed for this format.
    from icalendar import Alarm, Calendar
    from icalendar import Event as VEvent

    if remind is not None and (remind < 1 or calendar is None):
        raise InputError("a reminder needs a whole number of working days above 0")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)
    for d in current(dues(items), open_only=open_only):
        e = d.event
        ev = VEvent()
        ev.add("uid", uid(d.reference, e.key))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.due)
        ev.add("dtend", e.due + timedelta(days=1))
        ev.add("summary", ics_text(summary(d.reference, e.key)))
        ev.add("description", ics_text(_description(d)))
        ev.add("transp", "TRANSPARENT")
        if remind is not None and calendar is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add(
                "description",
                ics_text(f"{summary(d.reference, e.key)} in {remind} working day(s)"),
            )
            alarm.add("trigger", alarm_trigger(e.due, calendar.subtract(e.due, remind)))
            ev.add_component(alarm)
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def _description(d: Due) -> str:
    e = d.event
    code = f"Code {d.code} " if d.code else ""
    text = f"{e.rule} ({e.from_date.isoformat()}); {code}provision {e.provision}"
    if e.assumed:
        text += "; counted from an assumed date"
    if e.done is not None:
        text += f"; done {e.done.isoformat()}"
    return text
