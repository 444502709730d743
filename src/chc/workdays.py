"""The working-day calendar: weekends, UK bank holidays and a landlord's closure days.

The counting rules (also in the README and in ``chc deadlines --help``):

- a working day is Monday to Friday, less the bank holidays of the chosen UK region (from
  the ``holidays`` package, substitute days included) and less any closure days given;
- the day of the event that starts the clock is day 0, whatever day it is; a deadline of
  N working days is the Nth working day after it;
- calendar days and months are added as they are; a month count lands on the same day of
  the month, or on the last day of a shorter month.

Queries are answered from per-year tables built once per (region, closures) pair, so
adding N working days costs an index look-up or two, not a day-by-day walk.
"""

from __future__ import annotations

import calendar as _calendar
import functools
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from chc.errors import InputError

RegionName = Literal["england-and-wales", "scotland", "northern-ireland"]

# GOV.UK's three bank-holiday divisions, mapped to the `holidays` package's GB subdivisions.
# Wales shares England's bank holidays, so "england-and-wales" uses England's list.
REGIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
DEFAULT_REGION: RegionName = "england-and-wales"

# Far enough back for any complaint under any Code edition. The end is where the `holidays`
# package's rules stop (its DEFAULT_END_YEAR): past it, it returns no bank holidays at all,
# so Christmas would silently count as a working day. Refuse instead.
MIN_YEAR = 1990
MAX_YEAR = 2100

_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True)
class _Year:
    first: int  # ordinal of 1 January
    working: array[int]  # ordinals of the working days, ascending
    rank: array[int]  # rank[i]: working days in the year up to and including first + i


class WorkingCalendar:
    """Working days for one UK region with optional closure days. Immutable once built."""

    def __init__(self, region: str = DEFAULT_REGION, closed: Iterable[date] = ()) -> None:
        given = region
        # "Scotland", "England and Wales", "NORTHERN_IRELAND": a region's name in any case.
        region = "-".join(region.strip().lower().replace("_", " ").replace("-", " ").split())
        if region not in REGIONS:
            raise InputError(f"unknown region {given!r}; choose one of {', '.join(REGIONS)}")
        self.region = region
        self.closed: frozenset[date] = frozenset(closed)
        self.closed_sorted: tuple[date, ...] = tuple(sorted(self.closed))
        for day in self.closed:
            _check_year(day)
        self._years: dict[int, _Year] = {}
        self._holidays: dict[int, dict[date, str]] = {}

    # -- the tables ------------------------------------------------------------------

    def bank_holidays(self, year: int) -> dict[date, str]:
        """The region's bank holidays in ``year`` (substitute days included), by date."""
        cached = self._holidays.get(year)
        if cached is None:
            cached = _bank_holidays(REGIONS[self.region], year)
            self._holidays[year] = cached
        return cached

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is not None:
            return table
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise InputError(
                f"the working-day calendar covers {MIN_YEAR} to {MAX_YEAR}; {year} is outside it"
            )
        off = self.bank_holidays(year)
        start = date(year, 1, 1)
        first = start.toordinal()
        length = 366 if _calendar.isleap(year) else 365
        working: array[int] = array("l")
        rank: array[int] = array("l")
        weekday = start.weekday()
        count = 0
        for i in range(length):
            day = start + timedelta(days=i)
            if (weekday + i) % 7 < 5 and day not in off and day not in self.closed:
                working.append(first + i)
                count += 1
            rank.append(count)
        table = _Year(first, working, rank)
        self._years[year] = table
        return table

    # -- queries ---------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        return self.reason_closed(day) is None

    def reason_closed(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("Sunday", "Good Friday", "closure day"), or None."""
        _check_year(day)
        if day.weekday() in _WEEKEND:
            return _WEEKEND[day.weekday()]
        name = self.bank_holidays(day.year).get(day)
        if name is not None:
            return name
        if day in self.closed:
            return "closure day"
        return None

    def add(self, start: date, n: int) -> date:
        """The nth working day after ``start`` (``start`` itself is day 0)."""
        if n < 0:
            raise ValueError("n must not be negative; count back with subtract()")
        _check_year(start)
        if n == 0:
            return start
        year = start.year
        table = self._year(year)
        done = table.rank[start.toordinal() - table.first]
        while True:
            left = len(table.working) - done
            if n <= left:
                return date.fromordinal(table.working[done + n - 1])
            n -= left
            year += 1
            table = self._year(year)
            done = 0

    def subtract(self, end: date, n: int) -> date:
        """The nth working day before ``end``."""
        if n < 0:
            raise ValueError("n must not be negative")
        _check_year(end)
        if n == 0:
            return end
        year = end.year
        table = self._year(year)
        # working days strictly before `end` in its year
        before = table.rank[end.toordinal() - table.first] - (1 if self.is_working_day(end) else 0)
        while True:
            if n <= before:
                return date.fromordinal(table.working[before - n])
            n -= before
            year -= 1
            table = self._year(year)
            before = len(table.working)

    def _upto(self, day: date) -> tuple[int, int]:
        table = self._year(day.year)
        return day.year, table.rank[day.toordinal() - table.first]

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``.

        The inverse of :meth:`add`: ``between(d, add(d, n)) == n``. Negative when ``end``
        is before ``start``.
        """
        if end < start:
            return -self.between(end, start)
        _check_year(start)
        _check_year(end)
        y1, r1 = self._upto(start)
        y2, r2 = self._upto(end)
        total = r2 - r1
        for year in range(y1, y2):
            total += len(self._year(year).working)
        return total


def _check_year(day: date) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InputError(
            f"{day.isoformat()} is outside the years the calendar covers ({MIN_YEAR} to {MAX_YEAR})"
        )


@functools.cache
def _bank_holidays(subdiv: str, year: int) -> dict[date, str]:
    from chc import cache

    stamp = _holidays_stamp()
    entry = f"holidays-{subdiv}-{year}-{cache.key(stamp.encode())}" if stamp else None
    if entry is not None:
        cached = cache.read(entry, functools.partial(_holiday_table, year))
        if cached is not None:
            return cached
    # Imported here: `holidays` loads every country's rules (~100 ms), so a warm start reads
    # the year's table from chc's cache instead.
    import holidays

    table = holidays.country_holidays("GB", subdiv=subdiv, years=year)
    result = {day: name for day, name in table.items() if day.year == year}
    if entry is not None:
        cache.write(entry, {day.isoformat(): name for day, name in sorted(result.items())})
    return result


def _holiday_table(year: int, data: object) -> dict[date, str]:
    """A cached year of bank holidays, validated: a bad entry raises and is rebuilt."""
    if not isinstance(data, dict):
        raise TypeError("not a mapping")
    table: dict[date, str] = {}
    for day, name in data.items():
        when = date.fromisoformat(day)
        if when.year != year or not isinstance(name, str):
            raise ValueError(f"{day}: not a bank holiday of {year}")
        table[when] = name
    return table


@functools.cache
def _holidays_stamp() -> str | None:
    """Identifies the installed `holidays` release without importing it (path and mtime)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    origin = Path(spec.origin)
    try:
        stamps = [(origin.parent / "version.py").stat().st_mtime_ns, origin.stat().st_mtime_ns]
    except OSError:
        return None
    return f"{origin.parent}:{stamps[0]}:{stamps[1]}"


@functools.cache
def calendar_for(
    region: str = DEFAULT_REGION, closed: frozenset[date] = frozenset()
) -> WorkingCalendar:
    """A shared calendar per (region, closures): its tables are built once and reused."""
    return WorkingCalendar(region, closed)


def add_calendar_days(start: date, n: int) -> date:
    if abs(n) > (MAX_YEAR - MIN_YEAR + 1) * 366:
        raise InputError(_beyond(start, f"{n} days"))
    return start + timedelta(days=n)


def _beyond(start: date, span: str) -> str:
    return (
        f"{span} from {start.isoformat()} falls outside the years the calendar covers "
        f"({MIN_YEAR} to {MAX_YEAR})"
    )


def add_months(start: date, n: int) -> date:
    """Same day of the month ``n`` months on, or the last day of a shorter month."""
    month0 = start.month - 1 + n
    year = start.year + month0 // 12
    if not MIN_YEAR <= year <= MAX_YEAR:
        # Past year 9999 `date` itself overflows; refuse at the calendar's own bound.
        raise InputError(_beyond(start, f"{n} months"))
    month = month0 % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def holidays_version() -> str:
    """The version of the bank-holiday data, to date-stamp results."""
    from importlib.metadata import version

    return f"holidays {version('holidays')}"
