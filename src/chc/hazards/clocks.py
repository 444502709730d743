"""The clocks: hours in Europe/London, working days and weeks on chc's one calendar.

Hours run through nights, weekends and bank holidays. Where a clock change falls inside
the window, a 24-hour limit ends at the earlier of 24 elapsed hours and the same clock time
the next day (assumption AL-CLOCK-CHANGE): 23 elapsed hours across the spring change, 24
across the autumn one. Working days are :class:`chc.workdays.WorkingCalendar`'s, as they
are (day 0 is the starting day); weeks are 7 calendar days each.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from chc.hazards.moments import LONDON
from chc.workdays import WorkingCalendar, add_calendar_days


class HourDue(NamedTuple):
    """When an hour limit ends, and whether the clock change made the two readings differ."""

    due: datetime
    elapsed: datetime
    wall_clock: datetime

    @property
    def clock_change(self) -> bool:
        return self.elapsed != self.wall_clock


def add_hours(start: datetime, hours: int) -> HourDue:
    """``hours`` (a whole number of days' worth) after ``start``, the earlier reading."""
    elapsed = (start.astimezone(timezone.utc) + timedelta(hours=hours)).astimezone(LONDON)
    local = start.astimezone(LONDON).replace(tzinfo=None) + timedelta(days=hours // 24)
    # fold=0: a time the autumn change repeats is read as its first (earlier) occurrence;
    # a time the spring change skips is read with the offset before the change, which puts
    # it after the gap, where elapsed time lands too.
    wall = local.replace(tzinfo=LONDON, fold=0).astimezone(timezone.utc).astimezone(LONDON)
    # Compared in UTC: two datetimes sharing one tzinfo compare by wall-clock time alone.
    earlier = min(elapsed, wall, key=lambda d: d.astimezone(timezone.utc))
    return HourDue(earlier, elapsed, wall)


def add_days(calendar: WorkingCalendar, start: date, amount: int, unit: str) -> date:
    """A working-day or week limit's last day (the end of that day is the deadline)."""
    if unit == "working_days":
        return calendar.add(start, amount)
    if unit == "weeks":
        return add_calendar_days(start, 7 * amount)
    raise ValueError(f"not a day unit: {unit}")


def hours_late(due: datetime, done: datetime) -> float:
    """Hours after ``due``, to the minute (rounded up: a minute late is late)."""
    # In UTC: subtracting two datetimes that share one tzinfo ignores a clock change between.
    gap = done.astimezone(timezone.utc) - due.astimezone(timezone.utc)
    minutes = -(-int(gap.total_seconds()) // 60)
    return round(minutes / 60, 2)


def working_days_late(calendar: WorkingCalendar, due: date, done: date) -> int:
    return calendar.between(due, done)
