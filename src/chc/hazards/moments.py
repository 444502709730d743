"""Moments typed by people, in UK time: a date, or a date and a time, in Europe/London.

A 24-hour clock needs a time of day; a working-day clock needs only the date. So every
moment is read as a :class:`Moment` that knows whether its time was given, and the clock
that uses it decides whether a missing time is an error (never midnight silently) or the
time named by ``--assume-time``.

Accepted: ``2026-12-04``, ``2026-12-04T16:30`` (or a space for the ``T``), seconds
optional, and an offset (``Z``, ``+00:00``, ``+01:00``) that pins a time the clocks make
ambiguous. A local time the autumn clock change makes happen twice needs the offset; a local
time the spring change skips does not exist and is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

from chc.dates import parse_date
from chc.errors import InputError

LONDON = ZoneInfo("Europe/London")

_MOMENT = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$", re.ASCII
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


class Moment(NamedTuple):
    """A day, and the exact time in Europe/London when one was given."""

    day: date
    at: datetime | None = None

    @property
    def timed(self) -> bool:
        return self.at is not None

    def iso(self) -> str:
        return (
            self.at.isoformat(timespec="minutes") if self.at is not None else self.day.isoformat()
        )


def parse_time_of_day(text: str, what: str) -> time:
    """``"09:00"`` -> 09:00, for --assume-time."""
    m = _TIME.match(text.strip())
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError(f"{what}: {text!r} is not a time of day; write it as HH:MM, e.g. 09:00")
    return time(int(m.group(1)), int(m.group(2)))


def parse_moment(text: str, what: str) -> Moment:
    """A date or a date-time as typed; the time, if any, placed exactly in Europe/London."""
    value = text.strip()
    m = _MOMENT.match(value)
    if m is None:
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise InputError(
            f"{what}: {shown!r} is not a date or a date and time; write it as YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM (UK time), e.g. 2026-12-04T16:30"
        )
    day = parse_date(m.group(1), what)
    if m.group(2) is None:
        return Moment(day)
    hour, minute, second = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError(f"{what}: {value} has no such time of day (write 00:00 to 23:59)")
    naive = datetime.combine(day, time(hour, minute, second))
    if m.group(5) is not None:
        return Moment(day, _with_offset(naive, m.group(5), what))
    return Moment(day, london(naive, what))


def _with_offset(naive: datetime, offset: str, what: str) -> datetime:
    if offset == "Z":
        delta = timedelta(0)
    else:
        sign = -1 if offset[0] == "-" else 1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes > 59:
            raise InputError(f"{what}: {offset} is not a UTC offset")
        delta = sign * timedelta(hours=hours, minutes=minutes)
    return naive.replace(tzinfo=timezone(delta)).astimezone(LONDON)


def london(naive: datetime, what: str) -> datetime:
    """A wall-clock time in Europe/London, refused when the clocks skip it or make it
    happen twice (the message says which offset to add)."""
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    back = first.astimezone(timezone.utc).astimezone(LONDON).replace(tzinfo=None)
    shown = naive.isoformat(sep="T", timespec="minutes")
    if back != naive:
        raise InputError(
            f"{what}: {shown} does not exist in UK time (the clocks went forward that night); "
            "give the time the report was really received"
        )
    if first.utcoffset() != second.utcoffset():
        raise InputError(
            f"{what}: {shown} happened twice in UK time (the clocks went back that night); "
            f"add the offset: {shown}+01:00 for the first (BST), {shown}+00:00 for the second "
            "(GMT)"
        )
    return first


def timed(moment: Moment, assume: time | None, what: str) -> datetime:
    """The moment's exact time, for a clock that counts hours: a date alone is an error
    unless ``assume`` (--assume-time) says which time of day to read it as."""
    if moment.at is not None:
        return moment.at
    if assume is None:
        raise InputError(
            f"{what}: {moment.day.isoformat()} has no time, and a 24-hour clock needs one; "
            f"add it ({moment.day.isoformat()}THH:MM, UK time), or say --assume-time HH:MM"
        )
    return london(datetime.combine(moment.day, assume), what)


def as_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)
