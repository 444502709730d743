"""Known answers for the working-day calendar, worked out by hand from the real calendar.

Every expected date below was counted on a calendar, not produced by the code under test.
The day of the event is day 0; "add(d, n)" is the nth working day after d. Comments give
the count where it is not obvious ("Mon 23 (1)" = Monday 23rd is working day 1).

Pitfalls covered (see shared/reference/bank-holidays.md): the 2022 spring bank holiday
moved to Thu 2 June with the Platinum Jubilee on Fri 3 June; the State Funeral on
19 Sep 2022; the Coronation on 8 May 2023; the 2020 early May bank holiday moved to
Fri 8 May (VE Day); Christmas, Boxing Day and New Year substitute days; Scotland's
2 January, August summer holiday, St Andrew's Day and missing Easter Monday; Northern
Ireland's 17 March and 12 July and their substitutes.
"""

from __future__ import annotations

from datetime import date

import pytest

from chc.errors import InputError
from chc.workdays import (
    WorkingCalendar,
    add_calendar_days,
    add_months,
    calendar_for,
)

EW = "england-and-wales"
SCT = "scotland"
NI = "northern-ireland"

D = date

# (region, start, n, expected): add(start, n) == expected, counted by hand.
ADD_CASES: list[tuple[str, date, int, date, str]] = [
    # --- 2022: spring bank holiday moved to Thu 2 June; Platinum Jubilee Fri 3 June ---
    (EW, D(2022, 5, 27), 1, D(2022, 5, 30), "2022 Mon 30 May is an ordinary working day"),
    (EW, D(2022, 5, 31), 1, D(2022, 6, 1), "2022 Tue 31 May -> Wed 1 Jun"),
    (EW, D(2022, 6, 1), 1, D(2022, 6, 6), "2022 Wed 1 Jun skips Thu 2 + Fri 3 Jun"),
    # Wed 1 Jun (1), [Thu 2, Fri 3 holidays, weekend], Mon 6 (2), Tue 7 (3)
    (EW, D(2022, 5, 31), 3, D(2022, 6, 7), "2022 jubilee week, 3 days"),
    # --- State Funeral of Queen Elizabeth II, Mon 19 Sep 2022 ---
    (EW, D(2022, 9, 16), 1, D(2022, 9, 20), "2022 state funeral skipped"),
    # Tue 20 (1) .. Fri 23 (4), Mon 26 (5) .. Fri 30 (9), Mon 3 Oct (10)
    (EW, D(2022, 9, 16), 10, D(2022, 10, 3), "2022 state funeral, 10 days"),
    # --- Coronation of King Charles III, Mon 8 May 2023 (after early May, Mon 1 May) ---
    (EW, D(2023, 4, 28), 1, D(2023, 5, 2), "2023 early May bank holiday skipped"),
    (EW, D(2023, 5, 5), 1, D(2023, 5, 9), "2023 coronation skipped"),
    # Tue 2 .. Fri 5 May (4), [Mon 8], Tue 9 .. Fri 12 (8)
    (EW, D(2023, 4, 28), 8, D(2023, 5, 12), "2023 two May holidays, 8 days"),
    # --- Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr ---
    (EW, D(2024, 3, 28), 1, D(2024, 4, 2), "2024 Easter skipped"),
    (EW, D(2024, 3, 27), 2, D(2024, 4, 2), "2024 Easter, 2 days from Wed"),
    # Mon 25 (1) .. Thu 28 (4), [Fri 29 .. Mon 1], Tue 2 (5) .. Fri 5 (8), Mon 8 (9), Tue 9 (10)
    (EW, D(2024, 3, 22), 10, D(2024, 4, 9), "2024 Easter, 10 days"),
    # --- Christmas 2021: 25 Sat, 26 Sun -> Mon 27, Tue 28; New Year 2022 Sat -> Mon 3 Jan ---
    (EW, D(2021, 12, 24), 1, D(2021, 12, 29), "2021 Christmas substitutes 27 + 28 Dec"),
    (EW, D(2021, 12, 24), 3, D(2021, 12, 31), "2021 Fri 31 Dec is a working day"),
    # Wed 29 (1), Thu 30 (2), Fri 31 (3), [Mon 3 Jan substitute], Tue 4 Jan (4)
    (EW, D(2021, 12, 24), 4, D(2022, 1, 4), "2022 New Year substitute Mon 3 Jan"),
    # --- Christmas 2022: 25 Sun, Boxing Day Mon 26, Christmas substitute Tue 27 ---
    (EW, D(2022, 12, 23), 1, D(2022, 12, 28), "2022 Boxing 26 + Christmas substitute 27"),
    # Wed 28 (1), Thu 29 (2), Fri 30 (3), [Mon 2 Jan substitute], Tue 3 Jan (4)
    (EW, D(2022, 12, 23), 4, D(2023, 1, 3), "2023 New Year substitute Mon 2 Jan"),
    # --- Christmas 2020: 25 Fri, 26 Sat -> Boxing Day substitute Mon 28 ---
    (EW, D(2020, 12, 24), 1, D(2020, 12, 29), "2020 Boxing Day substitute Mon 28 Dec"),
    (EW, D(2020, 12, 31), 1, D(2021, 1, 4), "2021 New Year's Day Fri 1 Jan"),
    # --- year ends ---
    (EW, D(2024, 12, 31), 1, D(2025, 1, 2), "2024 -> 2025 across New Year's Day"),
    # Mon 23 (1), Tue 24 (2), [25, 26], Fri 27 (3), Mon 30 (4), Tue 31 (5), [1 Jan], Thu 2 (6)
    (EW, D(2024, 12, 20), 5, D(2024, 12, 31), "2024 Tue 31 Dec is a working day"),
    (EW, D(2024, 12, 20), 6, D(2025, 1, 2), "2024 -> 2025, 6 days"),
    # Dec 2024: Tue 3 (1) .. Tue 24 (16), Fri 27 (17), Mon 30 (18), Tue 31 (19), Thu 2 Jan (20)
    (EW, D(2024, 12, 2), 20, D(2025, 1, 2), "20 working days over Christmas 2024"),
    # Every one of England's 254 working days of 2024 (1 Jan is a holiday): the 254th is
    # Tue 31 Dec 2024, the 255th Thu 2 Jan 2025.
    (EW, D(2023, 12, 29), 254, D(2024, 12, 31), "a whole year, 2024"),
    (EW, D(2023, 12, 29), 255, D(2025, 1, 2), "a whole year and a day"),
    # --- leap days ---
    (EW, D(2024, 2, 28), 1, D(2024, 2, 29), "2024 Thu 29 Feb is a working day"),
    (EW, D(2024, 2, 28), 2, D(2024, 3, 1), "2024 Wed 28 Feb + 2"),
    (EW, D(2024, 2, 29), 1, D(2024, 3, 1), "2024 from 29 Feb"),
    (EW, D(2023, 2, 28), 1, D(2023, 3, 1), "2023 non-leap Tue 28 Feb -> Wed 1 Mar"),
    # --- the event on a weekend or a bank holiday is still day 0 ---
    (EW, D(2024, 6, 1), 1, D(2024, 6, 3), "event on Saturday"),
    (EW, D(2024, 6, 2), 1, D(2024, 6, 3), "event on Sunday"),
    (EW, D(2024, 5, 27), 1, D(2024, 5, 28), "event on spring bank holiday"),
    (EW, D(2024, 5, 25), 1, D(2024, 5, 28), "event on Saturday before bank holiday"),
    (EW, D(2024, 3, 29), 1, D(2024, 4, 2), "event on Good Friday"),
    # [Sat 30, Sun 31, Mon 1 Apr], Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5)
    (EW, D(2024, 3, 30), 5, D(2024, 4, 8), "event on Easter Saturday, 5 days"),
    (EW, D(2024, 6, 1), 0, D(2024, 6, 1), "day 0 on a Saturday is itself"),
    (EW, D(2024, 12, 25), 0, D(2024, 12, 25), "day 0 on Christmas Day is itself"),
    (EW, D(2024, 6, 3), 0, D(2024, 6, 3), "day 0 on a working day is itself"),
    # --- 2020: early May bank holiday moved to Fri 8 May (VE Day 75) ---
    (EW, D(2020, 5, 1), 1, D(2020, 5, 4), "2020 Mon 4 May is a working day"),
    (EW, D(2020, 5, 7), 1, D(2020, 5, 11), "2020 Fri 8 May VE Day skipped"),
    # Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), [Fri 8], Mon 11 (5)
    (EW, D(2020, 5, 1), 5, D(2020, 5, 11), "2020 VE Day week, 5 days"),
    # --- Scotland ---
    (SCT, D(2023, 12, 29), 1, D(2024, 1, 3), "Scotland 1 + 2 Jan 2024"),
    (EW, D(2023, 12, 29), 1, D(2024, 1, 2), "England works 2 Jan 2024"),
    # 2023: 1 Jan Sun -> Mon 2 Jan; 2 January -> Tue 3 Jan
    (SCT, D(2022, 12, 30), 1, D(2023, 1, 4), "Scotland New Year substitutes 2023"),
    (EW, D(2022, 12, 30), 1, D(2023, 1, 3), "England New Year substitute 2023"),
    # 2022: 1 Jan Sat, 2 Jan Sun -> Mon 3 and Tue 4 Jan
    (SCT, D(2021, 12, 31), 1, D(2022, 1, 5), "Scotland New Year substitutes 2022"),
    (SCT, D(2024, 8, 2), 1, D(2024, 8, 6), "Scotland summer holiday Mon 5 Aug 2024"),
    (EW, D(2024, 8, 2), 1, D(2024, 8, 5), "England works 5 Aug 2024"),
    (SCT, D(2024, 8, 23), 1, D(2024, 8, 26), "Scotland works 26 Aug 2024"),
    (EW, D(2024, 8, 23), 1, D(2024, 8, 27), "England late summer Mon 26 Aug 2024"),
    (SCT, D(2024, 3, 28), 1, D(2024, 4, 1), "Scotland has no Easter Monday"),
    (SCT, D(2023, 11, 29), 1, D(2023, 12, 1), "Scotland St Andrew's Day Thu 30 Nov 2023"),
    (SCT, D(2024, 11, 29), 1, D(2024, 12, 3), "Scotland St Andrew's substitute Mon 2 Dec 2024"),
    (EW, D(2024, 11, 29), 1, D(2024, 12, 2), "England works 2 Dec 2024"),
    (SCT, D(2025, 11, 28), 1, D(2025, 12, 2), "Scotland St Andrew's substitute Mon 1 Dec 2025"),
    # One-off: Royal Proclamation of 3 Feb 2026 (Scotland at the FIFA World Cup).
    (SCT, D(2026, 6, 12), 1, D(2026, 6, 16), "Scotland World Cup bank holiday 15 Jun 2026"),
    (EW, D(2026, 6, 12), 1, D(2026, 6, 15), "England works 15 Jun 2026"),
    # --- Northern Ireland ---
    (NI, D(2024, 3, 15), 1, D(2024, 3, 19), "NI St Patrick's substitute Mon 18 Mar 2024"),
    (EW, D(2024, 3, 15), 1, D(2024, 3, 18), "England works 18 Mar 2024"),
    (NI, D(2023, 3, 16), 1, D(2023, 3, 20), "NI St Patrick's Day Fri 17 Mar 2023"),
    (NI, D(2025, 3, 14), 1, D(2025, 3, 18), "NI St Patrick's Day Mon 17 Mar 2025"),
    (NI, D(2024, 7, 11), 1, D(2024, 7, 15), "NI Battle of the Boyne Fri 12 Jul 2024"),
    (NI, D(2025, 7, 11), 1, D(2025, 7, 15), "NI Boyne substitute Mon 14 Jul 2025"),
    (EW, D(2025, 7, 11), 1, D(2025, 7, 14), "England works 14 Jul 2025"),
    (NI, D(2026, 7, 10), 1, D(2026, 7, 14), "NI Boyne substitute Mon 13 Jul 2026"),
    (NI, D(2024, 3, 28), 1, D(2024, 4, 2), "NI has Easter Monday"),
]


@pytest.mark.parametrize(
    ("region", "start", "n", "expected"),
    [pytest.param(*case[:4], id=case[4]) for case in ADD_CASES],
)
def test_add_known_answers(region: str, start: date, n: int, expected: date) -> None:
    cal = calendar_for(region)
    assert cal.add(start, n) == expected
    # The hand-counted answer is also n working days after the start, and a working day.
    assert cal.between(start, expected) == n
    if n > 0:
        assert cal.is_working_day(expected)


@pytest.mark.parametrize(
    ("region", "start", "n", "expected"),
    [pytest.param(*case[:4], id=case[4]) for case in ADD_CASES],
)
def test_subtract_inverts_known_answers(region: str, start: date, n: int, expected: date) -> None:
    cal = calendar_for(region)
    back = cal.subtract(expected, n)
    if n == 0 or cal.is_working_day(start):
        assert back == start
    else:
        # from an event on a non-working day, n back lands on the last working day before it
        assert back < start
        assert cal.is_working_day(back)
        assert cal.between(back, start) == 0


# (region, end, n, expected): subtract(end, n) == expected, counted by hand.
SUBTRACT_CASES: list[tuple[str, date, int, date, str]] = [
    (EW, D(2024, 4, 2), 1, D(2024, 3, 28), "back over Easter 2024"),
    (EW, D(2025, 1, 2), 1, D(2024, 12, 31), "back over New Year 2025"),
    (EW, D(2024, 6, 1), 1, D(2024, 5, 31), "from a Saturday"),
    (EW, D(2024, 6, 3), 1, D(2024, 5, 31), "from a Monday"),
    (EW, D(2024, 6, 3), 0, D(2024, 6, 3), "zero days"),
    (EW, D(2024, 12, 25), 1, D(2024, 12, 24), "from Christmas Day"),
    (EW, D(2023, 1, 3), 1, D(2022, 12, 30), "back over New Year substitute 2023"),
    (SCT, D(2023, 1, 4), 1, D(2022, 12, 30), "Scotland back over 2 + 3 Jan 2023"),
    (EW, D(2022, 6, 6), 1, D(2022, 6, 1), "back over the jubilee"),
    (EW, D(2025, 1, 2), 255, D(2023, 12, 29), "back a whole year and a day"),
]


@pytest.mark.parametrize(
    ("region", "end", "n", "expected"),
    [pytest.param(*case[:4], id=case[4]) for case in SUBTRACT_CASES],
)
def test_subtract_known_answers(region: str, end: date, n: int, expected: date) -> None:
    assert calendar_for(region).subtract(end, n) == expected


# (region, a, b, expected): between(a, b) == expected, counted by hand.
BETWEEN_CASES: list[tuple[str, date, date, int, str]] = [
    # 2024: Thu 1 Feb; 2 Feb .. 29 Feb is 4 whole weeks (20), plus Fri 1 Mar
    (EW, D(2024, 2, 1), D(2024, 3, 1), 21, "February 2024 (leap)"),
    # 2023: Wed 1 Feb; 2 Feb .. 1 Mar is 4 whole weeks (20)
    (EW, D(2023, 2, 1), D(2023, 3, 1), 20, "February 2023"),
    # 2024 has 262 weekdays; England 8 bank holidays, Scotland 9, NI 10, all on weekdays
    (EW, D(2023, 12, 31), D(2024, 12, 31), 254, "England 2024"),
    (SCT, D(2023, 12, 31), D(2024, 12, 31), 253, "Scotland 2024"),
    (NI, D(2023, 12, 31), D(2024, 12, 31), 252, "Northern Ireland 2024"),
    (EW, D(2024, 1, 1), D(2024, 12, 31), 254, "from a bank holiday"),
    (EW, D(2024, 12, 31), D(2023, 12, 31), -254, "backwards is negative"),
    (EW, D(2024, 4, 2), D(2024, 3, 28), -1, "backwards over Easter"),
    (EW, D(2024, 3, 28), D(2024, 3, 29), 0, "to Good Friday"),
    (EW, D(2024, 3, 28), D(2024, 4, 1), 0, "to Easter Monday"),
    (SCT, D(2024, 3, 28), D(2024, 4, 1), 1, "Scotland works Easter Monday"),
    (EW, D(2024, 6, 1), D(2024, 6, 2), 0, "a weekend"),
    (EW, D(2024, 6, 3), D(2024, 6, 3), 0, "same day"),
    (EW, D(2024, 6, 1), D(2024, 6, 1), 0, "same non-working day"),
    # Mon 30 May, Tue 31, Wed 1 Jun, [Thu 2, Fri 3], Mon 6 Jun
    (EW, D(2022, 5, 27), D(2022, 6, 6), 4, "jubilee 2022"),
]


@pytest.mark.parametrize(
    ("region", "a", "b", "expected"),
    [pytest.param(*case[:4], id=case[4]) for case in BETWEEN_CASES],
)
def test_between_known_answers(region: str, a: date, b: date, expected: int) -> None:
    assert calendar_for(region).between(a, b) == expected


# (region, day, working?)
WORKING_DAY_CASES: list[tuple[str, date, bool]] = [
    (EW, D(2022, 5, 30), True),  # the usual spring bank holiday Monday, moved in 2022
    (EW, D(2022, 6, 2), False),
    (EW, D(2022, 6, 3), False),
    (EW, D(2022, 9, 19), False),
    (EW, D(2023, 5, 8), False),
    (EW, D(2020, 5, 4), True),  # the usual early May Monday, moved in 2020
    (EW, D(2020, 5, 8), False),
    (EW, D(2021, 12, 27), False),
    (EW, D(2021, 12, 28), False),
    (EW, D(2022, 12, 26), False),
    (EW, D(2022, 12, 27), False),
    (EW, D(2020, 12, 28), False),
    (EW, D(2022, 1, 3), False),
    (EW, D(2023, 1, 2), False),
    (EW, D(2024, 2, 29), True),
    (EW, D(2024, 1, 2), True),
    (EW, D(2024, 12, 24), True),
    (EW, D(2024, 12, 27), True),
    (EW, D(2024, 3, 18), True),
    (EW, D(2024, 7, 12), True),
    (EW, D(2024, 8, 5), True),
    (EW, D(2024, 12, 2), True),
    (EW, D(2026, 6, 15), True),
    (EW, D(2024, 4, 1), False),
    (SCT, D(2024, 1, 2), False),
    (SCT, D(2022, 1, 4), False),
    (SCT, D(2023, 1, 3), False),
    (SCT, D(2024, 3, 29), False),
    (SCT, D(2024, 4, 1), True),
    (SCT, D(2024, 8, 5), False),
    (SCT, D(2024, 8, 26), True),
    (SCT, D(2023, 11, 30), False),
    (SCT, D(2024, 12, 2), False),
    (SCT, D(2025, 12, 1), False),
    (SCT, D(2026, 6, 15), False),
    (SCT, D(2022, 6, 3), False),
    (SCT, D(2022, 9, 19), False),
    (NI, D(2024, 3, 18), False),
    (NI, D(2023, 3, 17), False),
    (NI, D(2024, 7, 12), False),
    (NI, D(2025, 7, 14), False),
    (NI, D(2026, 7, 13), False),
    (NI, D(2024, 4, 1), False),
    (NI, D(2024, 8, 26), False),
    (NI, D(2024, 1, 2), True),
    (NI, D(2024, 8, 5), True),
]


@pytest.mark.parametrize(("region", "day", "working"), WORKING_DAY_CASES)
def test_is_working_day(region: str, day: date, working: bool) -> None:
    cal = calendar_for(region)
    assert cal.is_working_day(day) is working
    assert (cal.reason_closed(day) is None) is working


# --- closure days ----------------------------------------------------------------------

CLOSED_XMAS_2024 = frozenset({D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)})


def test_closure_days_stop_the_clock() -> None:
    plain = calendar_for(EW)
    closed = WorkingCalendar(EW, CLOSED_XMAS_2024)
    # Mon 23 (1), Tue 24 (2), [25, 26 holidays; 27 closed; weekend; 30, 31 closed; 1 Jan]
    assert closed.add(D(2024, 12, 20), 3) == D(2025, 1, 2)
    assert plain.add(D(2024, 12, 20), 3) == D(2024, 12, 27)
    # the 20-day case above: Tue 24 is day 16, then Thu 2 (17), Fri 3 (18), Mon 6 (19), Tue 7 (20)
    assert closed.add(D(2024, 12, 2), 20) == D(2025, 1, 7)
    assert closed.between(D(2024, 12, 24), D(2025, 1, 2)) == 1
    assert plain.between(D(2024, 12, 24), D(2025, 1, 2)) == 4
    assert closed.subtract(D(2025, 1, 2), 1) == D(2024, 12, 24)
    # an event on a closure day is still day 0
    assert closed.add(D(2024, 12, 27), 1) == D(2025, 1, 2)
    assert closed.add(D(2024, 12, 27), 0) == D(2024, 12, 27)
    for day in CLOSED_XMAS_2024:
        assert not closed.is_working_day(day)
        assert plain.is_working_day(day)


def test_closure_days_through_calendar_for() -> None:
    cal = calendar_for(EW, CLOSED_XMAS_2024)
    assert cal.add(D(2024, 12, 20), 3) == D(2025, 1, 2)
    assert cal is calendar_for(EW, frozenset(CLOSED_XMAS_2024))
    assert cal is not calendar_for(EW)
    assert calendar_for(EW).add(D(2024, 12, 20), 3) == D(2024, 12, 27)


def test_closure_on_weekend_or_holiday_changes_nothing() -> None:
    extra = [D(2024, 12, 25), D(2024, 12, 28), D(2024, 12, 29)]  # Christmas, Sat, Sun
    cal = WorkingCalendar(EW, extra)
    assert cal.add(D(2024, 12, 20), 3) == D(2024, 12, 27)
    assert cal.between(D(2024, 12, 20), D(2025, 1, 2)) == 6


def test_closure_days_in_the_regions() -> None:
    # Scotland 2025-01-02 is already a holiday; closing Fri 3 Jan pushes to Mon 6 Jan.
    cal = WorkingCalendar(SCT, [D(2025, 1, 3)])
    assert cal.add(D(2024, 12, 31), 1) == D(2025, 1, 6)
    assert calendar_for(SCT).add(D(2024, 12, 31), 1) == D(2025, 1, 3)


# --- reason_closed ---------------------------------------------------------------------


def test_reason_closed_names() -> None:
    cal = WorkingCalendar(EW, [D(2024, 12, 27), D(2024, 12, 25), D(2024, 12, 28)])
    assert cal.reason_closed(D(2024, 6, 1)) == "Saturday"
    assert cal.reason_closed(D(2024, 6, 2)) == "Sunday"
    assert cal.reason_closed(D(2024, 6, 3)) is None
    assert cal.reason_closed(D(2024, 12, 27)) == "closure day"
    # a closure day that is also a weekend or a bank holiday is named for those
    assert cal.reason_closed(D(2024, 12, 28)) == "Saturday"
    christmas = cal.reason_closed(D(2024, 12, 25))
    assert christmas is not None
    assert christmas != "closure day"
    assert "Christmas" in christmas


@pytest.mark.parametrize(
    ("region", "day", "word"),
    [
        (EW, D(2024, 3, 29), "Good Friday"),
        (EW, D(2024, 4, 1), "Easter"),
        (EW, D(2022, 6, 3), "Jubilee"),
        (EW, D(2022, 9, 19), "Funeral"),
        (EW, D(2023, 5, 8), "Coronation"),
        (EW, D(2020, 5, 8), "May"),
        (EW, D(2021, 12, 27), "Christmas"),
        (EW, D(2021, 12, 28), "Boxing"),
        # 2022: Boxing Day stays on Mon 26; Tue 27 is the Christmas Day substitute
        (EW, D(2022, 12, 26), "Boxing"),
        (EW, D(2022, 12, 27), "Christmas"),
        (EW, D(2020, 12, 28), "Boxing"),
        (EW, D(2022, 1, 3), "New Year"),
        (EW, D(2023, 1, 2), "New Year"),
        (SCT, D(2024, 12, 2), "Andrew"),
        (NI, D(2024, 3, 18), "Patrick"),
        (NI, D(2025, 7, 14), "Boyne"),
    ],
)
def test_reason_closed_holiday_names(region: str, day: date, word: str) -> None:
    reason = calendar_for(region).reason_closed(day)
    assert reason is not None
    assert word in reason


def test_bank_holidays_table_england_2022() -> None:
    table = calendar_for(EW).bank_holidays(2022)
    assert set(table) == {
        D(2022, 1, 1),  # Saturday (its substitute is 3 Jan)
        D(2022, 1, 3),
        D(2022, 4, 15),
        D(2022, 4, 18),
        D(2022, 5, 2),
        D(2022, 6, 2),
        D(2022, 6, 3),
        D(2022, 8, 29),
        D(2022, 9, 19),
        D(2022, 12, 25),  # Sunday
        D(2022, 12, 26),
        D(2022, 12, 27),
    }
    assert all(day.year == 2022 for day in table)


# --- add_months, add_calendar_days -----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 12, 31), 1, D(2025, 1, 31)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 1, 31), 13, D(2025, 2, 28)),
        (D(2024, 1, 15), 0, D(2024, 1, 15)),
        (D(2024, 6, 30), 24, D(2026, 6, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 1, 31), -12, D(2024, 1, 31)),
    ],
)
def test_add_months(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 2, 28), 1, D(2024, 2, 29)),
        (D(2023, 2, 28), 1, D(2023, 3, 1)),
        (D(2023, 12, 25), 8, D(2024, 1, 2)),
        (D(2024, 1, 1), 366, D(2025, 1, 1)),
        (D(2024, 6, 1), 0, D(2024, 6, 1)),
        (D(2024, 6, 1), 28, D(2024, 6, 29)),
    ],
)
def test_add_calendar_days(start: date, n: int, expected: date) -> None:
    assert add_calendar_days(start, n) == expected


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "region"),
    [
        ("England and Wales", "england-and-wales"),
        ("SCOTLAND", "scotland"),
        ("Northern_Ireland", "northern-ireland"),
    ],
)
def test_region_names_in_any_case(given: str, region: str) -> None:
    assert WorkingCalendar(given).region == region


@pytest.mark.parametrize("region", ["wales", "england", "ENG", "uk", "", "scot land"])
def test_unknown_region(region: str) -> None:
    with pytest.raises(InputError):
        WorkingCalendar(region)
    with pytest.raises(InputError):
        calendar_for(region)


def test_default_region_is_england_and_wales() -> None:
    cal = WorkingCalendar()
    assert cal.region == EW
    assert cal.add(D(2024, 8, 2), 1) == D(2024, 8, 5)  # not Scotland's summer holiday
    assert cal.add(D(2024, 3, 28), 1) == D(2024, 4, 2)  # Easter Monday off


def test_years_outside_the_range() -> None:
    cal = calendar_for(EW)
    with pytest.raises(InputError):
        cal.add(D(1989, 12, 29), 1)
    with pytest.raises(InputError):
        cal.add(D(2101, 1, 1), 1)
    with pytest.raises(InputError):
        cal.subtract(D(1989, 12, 29), 1)
    with pytest.raises(InputError):
        cal.subtract(D(2101, 1, 5), 1)
    with pytest.raises(InputError):
        cal.between(D(1989, 12, 31), D(1990, 1, 5))
    with pytest.raises(InputError):
        cal.between(D(2024, 1, 1), D(2101, 1, 1))
    with pytest.raises(InputError):
        cal.between(D(2101, 1, 1), D(2024, 1, 1))
    with pytest.raises(InputError):
        cal.reason_closed(D(1989, 1, 2))
    with pytest.raises(InputError):
        cal.is_working_day(D(2101, 1, 3))
    with pytest.raises(InputError):
        WorkingCalendar(EW, [D(2024, 12, 27), D(1985, 1, 2)])


def test_counting_off_the_end_of_the_range() -> None:
    cal = calendar_for(EW)
    # Fri 31 Dec 2100 is the last working day the calendar covers (the holidays package's
    # rules end with 2100); Tue 2 Jan 1990 the first (Mon 1 Jan 1990 is New Year's Day), so
    # counting past either end is an InputError.
    assert cal.add(D(2100, 12, 30), 1) == D(2100, 12, 31)
    with pytest.raises(InputError):
        cal.add(D(2100, 12, 30), 2)
    assert cal.subtract(D(1990, 1, 3), 1) == D(1990, 1, 2)
    with pytest.raises(InputError):
        cal.subtract(D(1990, 1, 2), 1)
    assert cal.between(D(1990, 1, 1), D(1990, 1, 5)) == 4


# Christmas Day, Boxing Day and New Year's Day in years across the whole advertised range
# (MIN_YEAR 1990 .. MAX_YEAR 2100), worked out from the weekday of 25 Dec and 1 Jan.
# (year, weekday bank holidays incl. substitutes, the working day after 24 Dec)
YEAR_END_CASES: list[tuple[int, list[date], date]] = [
    (1990, [D(1990, 1, 1), D(1990, 12, 25), D(1990, 12, 26)], D(1990, 12, 27)),  # Tue 25 Dec
    (2000, [D(2000, 1, 3), D(2000, 12, 25), D(2000, 12, 26)], D(2000, 12, 27)),  # Sat 1 Jan
    (2100, [D(2100, 1, 1), D(2100, 12, 27), D(2100, 12, 28)], D(2100, 12, 29)),  # Sat 25 Dec
]


@pytest.mark.parametrize(
    ("year", "holidays", "after_christmas_eve"),
    YEAR_END_CASES,
    ids=[str(case[0]) for case in YEAR_END_CASES],
)
def test_christmas_and_new_year_in_every_covered_year(
    year: int, holidays: list[date], after_christmas_eve: date
) -> None:
    # The calendar accepts dates up to MAX_YEAR = 2100, so it must know the bank holidays
    # up to then; it must not treat Christmas Day as a working day.
    cal = calendar_for(EW)
    for day in holidays:
        assert day.weekday() < 5
        assert not cal.is_working_day(day), f"{day} counted as a working day"
    assert cal.add(D(year, 12, 24), 1) == after_christmas_eve


def test_negative_counts() -> None:
    cal = calendar_for(EW)
    with pytest.raises(ValueError):
        cal.add(D(2024, 6, 3), -1)
    with pytest.raises(ValueError):
        cal.subtract(D(2024, 6, 3), -1)


@pytest.mark.parametrize("year", [2101, 2150, 2200])
def test_years_past_the_holiday_data_are_refused_not_guessed(year: int) -> None:
    # The holidays package has no rules past 2100; a calendar without Christmas would give
    # wrong due dates silently, so the date is refused.
    cal = calendar_for(EW)
    with pytest.raises(InputError, match="outside the years"):
        cal.add(D(year, 12, 24), 1)
    with pytest.raises(InputError):
        cal.add(D(year, 1, 1), 0)
