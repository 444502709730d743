"""An independent cross-check of the calendar against GOV.UK's own list of bank holidays.

The calendar takes its holidays from the ``holidays`` package (rules written by hand);
``govuk-bank-holidays`` ships a copy of https://www.gov.uk/bank-holidays.json. The cached
copy is used, so the test runs offline and gives the same answer every time.

For every division and every year the cached copy covers in full, each GOV.UK bank holiday
must be a non-working day in our calendar, and each weekday our calendar takes off as a
bank holiday must be on GOV.UK's list.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays

from chc.workdays import calendar_for

DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")

# Disagreements with a known, real cause. Each is checked in both directions below: the
# date must be a bank holiday in our calendar and absent from the cached GOV.UK copy.
# If a newer govuk-bank-holidays ships the date, the entry is simply no longer needed.
KNOWN_MISSING_FROM_GOVUK_CACHE: dict[tuple[str, date], str] = {
    # Appointed by Royal Proclamation of 3 February 2026 (Banking and Financial Dealings
    # Act 1971, s.1(3)) to mark Scotland's men's team at the FIFA World Cup; Scotland only.
    # The live gov.uk feed lists it; the copy cached in govuk-bank-holidays 0.19 predates it.
    ("scotland", date(2026, 6, 15)): "World Cup bank holiday (Scotland)",
}


@pytest.fixture(scope="module")
def govuk() -> Any:
    return BankHolidays(use_cached_holidays=True)


def govuk_dates(govuk: Any, division: str) -> set[date]:
    return {holiday["date"] for holiday in govuk.get_holidays(division=division)}


def covered_years(dates: set[date]) -> range:
    """The years the list covers in full: from its first January to its last December."""
    first, last = min(dates), max(dates)
    start = first.year if first.month == 1 else first.year + 1
    stop = last.year + 1 if last.month == 12 else last.year
    return range(start, stop)


def days_of(years: range) -> Iterator[date]:
    day = date(years.start, 1, 1)
    end = date(years.stop, 1, 1)
    while day < end:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("division", DIVISIONS)
def test_cached_data_covers_enough_years(govuk: Any, division: str) -> None:
    years = covered_years(govuk_dates(govuk, division))
    assert years.start <= 2018
    assert years.stop - 1 >= 2026
    # every covered year has its New Year and Christmas holidays in the list
    for year in years:
        in_year = [day for day in govuk_dates(govuk, division) if day.year == year]
        assert any(day.month == 1 for day in in_year), year
        assert any(day.month == 12 for day in in_year), year


@pytest.mark.parametrize("division", DIVISIONS)
def test_every_govuk_bank_holiday_is_a_day_off(govuk: Any, division: str) -> None:
    cal = calendar_for(division)
    listed = govuk_dates(govuk, division)
    years = covered_years(listed)
    checked = 0
    for day in sorted(listed):
        if day.year not in years:
            continue
        assert not cal.is_working_day(day), f"{division}: GOV.UK lists {day}; we work it"
        assert day in cal.bank_holidays(day.year), f"{division}: {day} not a bank holiday"
        checked += 1
    assert checked >= 8 * len(years)


@pytest.mark.parametrize("division", DIVISIONS)
def test_every_weekday_we_take_off_is_on_govuks_list(govuk: Any, division: str) -> None:
    cal = calendar_for(division)
    listed = govuk_dates(govuk, division)
    years = covered_years(listed)
    extra: dict[date, str | None] = {}
    for day in days_of(years):
        if day.weekday() < 5 and not cal.is_working_day(day) and day not in listed:
            extra[day] = cal.reason_closed(day)
    unexplained = {
        day: name
        for day, name in extra.items()
        if (division, day) not in KNOWN_MISSING_FROM_GOVUK_CACHE
    }
    assert unexplained == {}


@pytest.mark.parametrize(("division", "day"), sorted(KNOWN_MISSING_FROM_GOVUK_CACHE))
def test_known_differences_are_real(govuk: Any, division: str, day: date) -> None:
    # Our calendar has the day off in that division only.
    assert not calendar_for(division).is_working_day(day)
    assert day.weekday() < 5
    for other in DIVISIONS:
        if other != division:
            assert calendar_for(other).is_working_day(day), other
            assert day not in govuk_dates(govuk, other), other


@pytest.mark.parametrize("division", DIVISIONS)
def test_working_days_per_year_match_govuk(govuk: Any, division: str) -> None:
    # End to end through between(): a year's working days are its weekdays less GOV.UK's
    # weekday bank holidays (and the known additions above).
    cal = calendar_for(division)
    listed = govuk_dates(govuk, division) | {
        day for (where, day) in KNOWN_MISSING_FROM_GOVUK_CACHE if where == division
    }
    for year in covered_years(govuk_dates(govuk, division)):
        weekdays = [day for day in days_of(range(year, year + 1)) if day.weekday() < 5]
        expected = sum(1 for day in weekdays if day not in listed)
        assert cal.between(date(year - 1, 12, 31), date(year, 12, 31)) == expected, year


@pytest.mark.parametrize("division", DIVISIONS)
def test_next_working_day_matches_govuk(govuk: Any, division: str) -> None:
    # add(d, 1) against GOV.UK's own next-working-day walk, for every day it can answer.
    cal = calendar_for(division)
    listed = govuk_dates(govuk, division)
    years = covered_years(listed)
    known = {day for (where, day) in KNOWN_MISSING_FROM_GOVUK_CACHE if where == division}
    compared = 0
    for day in days_of(years):
        theirs = govuk.get_next_work_day(division=division, date=day)
        if theirs.year not in years:
            continue
        while theirs in known:
            theirs = govuk.get_next_work_day(division=division, date=theirs)
        assert cal.add(day, 1) == theirs, day
        compared += 1
    assert compared > 300 * len(years)
