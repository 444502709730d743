"""Due dates as an iCalendar file: one all-day event per due date, for Outlook and friends."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from chc.deadlines import Timeline

LABELS = {
    "acknowledge": "acknowledge",
    "respond": "respond",
    "respond_extended": "respond (extended)",
}


def to_ics(timelines: Iterable[Timeline]) -> bytes:
    # Imported here: icalendar is only needed for this format.
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//chc//Complaint Handling Code deadlines//EN")
    cal.add("version", "2.0")
    for t in timelines:
        # A fixed DTSTAMP (the as-of date) keeps the file byte-stable for the same input.
        stamp = datetime(t.as_of.year, t.as_of.month, t.as_of.day, tzinfo=timezone.utc)
        ref = t.reference or "complaint"
        for e in t.events:
            stage, action = e.key.split(".", 1)
            ev = Event()
            ev.add("uid", f"{ref}-{e.key}@chc")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", e.due)
            ev.add("dtend", e.due + timedelta(days=1))
            ev.add("summary", f"{ref}: stage {stage[5:]} {LABELS.get(action, action)} due")
            ev.add(
                "description",
                f"{e.rule} ({e.from_date.isoformat()}); Code {t.code} provision {e.provision}"
                + ("; counted from an assumed date" if e.assumed else ""),
            )
            ev.add("transp", "TRANSPARENT")
            cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data
