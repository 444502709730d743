"""Properties of the working-day calendar, and agreement with a naive day-by-day reference.

The calendar answers from per-year tables; the reference below walks one day at a time and
asks the ``holidays`` package directly, with its own region mapping, so a slip in the
tables (an off-by-one at a year end, a closure day in the wrong year) shows up as a
disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from chc.workdays import WorkingCalendar, calendar_for

FIRST = date(2000, 1, 1)
# Two additions of up to 400 working days (about 3.2 years) must stay inside the calendar,
# which ends with 2100.
LAST = date(2096, 12, 31)

# GOV.UK's divisions and the `holidays` package's GB subdivisions, written out here rather
# than imported, so a wrong mapping in the module would show up.
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

_REFERENCE_HOLIDAYS: dict[str, Any] = {
    region: holidays.country_holidays("GB", subdiv=subdiv)
    for region, subdiv in SUBDIVISIONS.items()
}

SETTINGS = settings(max_examples=200, deadline=None, database=None)


@dataclass(frozen=True)
class Case:
    region: str
    start: date
    closed: frozenset[date]

    def calendar(self) -> WorkingCalendar:
        if self.closed:
            return WorkingCalendar(self.region, self.closed)
        return calendar_for(self.region)

    # -- the naive reference ---------------------------------------------------------

    def ref_is_working(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in _REFERENCE_HOLIDAYS[self.region]
            and day not in self.closed
        )

    def ref_add(self, start: date, n: int) -> date:
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.ref_is_working(day):
                n -= 1
        return day

    def ref_subtract(self, end: date, n: int) -> date:
        day = end
        while n > 0:
            day -= timedelta(days=1)
            if self.ref_is_working(day):
                n -= 1
        return day

    def ref_between(self, a: date, b: date) -> int:
        if b < a:
            return -self.ref_between(b, a)
        count = 0
        day = a
        while day < b:
            day += timedelta(days=1)
            if self.ref_is_working(day):
                count += 1
        return count


@st.composite
def cases(draw: st.DrawFn) -> Case:
    region = draw(st.sampled_from(sorted(SUBDIVISIONS)))
    start = draw(st.dates(min_value=FIRST, max_value=LAST))
    # Closure days near the start, where they can make a difference (some before it, to
    # exercise subtract and a closure on the start day itself).
    offsets = draw(st.lists(st.integers(min_value=-30, max_value=600), max_size=6))
    closed = frozenset(start + timedelta(days=offset) for offset in offsets)
    return Case(region, start, closed)


COUNTS = st.integers(min_value=0, max_value=400)
POSITIVE = st.integers(min_value=1, max_value=400)


@SETTINGS
@given(cases(), POSITIVE)
def test_due_date_is_a_working_day_after_the_start(case: Case, n: int) -> None:
    cal = case.calendar()
    due = cal.add(case.start, n)
    assert due > case.start
    assert cal.is_working_day(due)
    assert cal.reason_closed(due) is None


@SETTINGS
@given(cases(), COUNTS)
def test_between_inverts_add(case: Case, n: int) -> None:
    cal = case.calendar()
    assert cal.between(case.start, cal.add(case.start, n)) == n


@SETTINGS
@given(cases(), COUNTS, COUNTS)
def test_add_composes(case: Case, n: int, m: int) -> None:
    cal = case.calendar()
    assert cal.add(cal.add(case.start, n), m) == cal.add(case.start, n + m)


@SETTINGS
@given(cases(), COUNTS, COUNTS)
def test_add_is_monotone(case: Case, n: int, m: int) -> None:
    cal = case.calendar()
    low, high = sorted((n, m))
    assert cal.add(case.start, low) <= cal.add(case.start, high)
    if low < high:
        assert cal.add(case.start, low) < cal.add(case.start, high)


@SETTINGS
@given(cases(), COUNTS)
def test_subtract_inverts_add(case: Case, n: int) -> None:
    cal = case.calendar()
    due = cal.add(case.start, n)
    back = cal.subtract(due, n)
    if n == 0 or cal.is_working_day(case.start):
        assert back == case.start
    else:
        # from a non-working start, n back is the last working day before it
        assert back < case.start
        assert cal.is_working_day(back)
        assert cal.between(back, case.start) == 0


@SETTINGS
@given(cases(), COUNTS)
def test_add_and_subtract_agree_with_the_reference(case: Case, n: int) -> None:
    cal = case.calendar()
    assert cal.add(case.start, n) == case.ref_add(case.start, n)
    assert cal.subtract(case.start, n) == case.ref_subtract(case.start, n)


@SETTINGS
@given(cases(), st.integers(min_value=-600, max_value=600))
def test_between_agrees_with_the_reference(case: Case, days: int) -> None:
    cal = case.calendar()
    end = case.start + timedelta(days=days)
    expected = case.ref_between(case.start, end)
    assert cal.between(case.start, end) == expected
    assert cal.between(end, case.start) == -expected


@SETTINGS
@given(cases(), st.integers(min_value=-30, max_value=600))
def test_is_working_day_agrees_with_the_reference(case: Case, days: int) -> None:
    cal = case.calendar()
    day = case.start + timedelta(days=days)
    assert cal.is_working_day(day) is case.ref_is_working(day)
    if day in case.closed and day.weekday() < 5 and day not in cal.bank_holidays(day.year):
        assert cal.reason_closed(day) == "closure day"
