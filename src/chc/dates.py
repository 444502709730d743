"""Reading dates typed by people, with a message that says what is wrong.

A date in a file chc reads as data (a YAML field, a closure file) is refused unless it is
written ``YYYY-MM-DD`` in ASCII digits (:func:`parse_date`). A date typed on the command
line (:func:`parse_typed_date`) may also be UK day-first, ``04/12/2026`` or ``4.12.2026``,
by the rules a case file's cells follow: the year in four digits, never a month-first
guess. Every date must exist in the calendar and fall in the years the working-day
calendar covers (``chc.workdays.MIN_YEAR`` to ``MAX_YEAR``): a date outside them could
never be counted from, and year 0 or 9999 is a typing slip, not a complaint.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from chc.errors import InputError
from chc.workdays import MAX_YEAR, MIN_YEAR

# re.ASCII: without it \d also matches '²' and Arabic-Indic digits, which int() accepts.
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
# The day-first forms a case file's cells may take (chc.caseload.cells.UK, without a time).
_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$", re.ASCII)


def parse_date(value: object, what: str) -> date:
    """``"2024-05-01"`` -> date; anything else is an InputError naming ``what``."""
    if isinstance(value, date):
        return check_year(value, what)
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        # Fast path for caseloads; the slow path below explains what is wrong.
        try:
            return check_year(date.fromisoformat(text), what)
        except ValueError:
            pass
    m = _ISO.match(text)
    if m is None:
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise InputError(
            f"{what}: {shown!r} is not a date; write it as YYYY-MM-DD in digits 0-9, "
            "e.g. 2024-05-01"
        )
    year, month, day = (int(g) for g in m.groups())
    return _existing(year, month, day, text, what)


def _existing(year: int, month: int, day: int, text: str, what: str) -> date:
    """The date, if it exists and its year is covered; ``text`` is what the person wrote."""
    if not 1 <= month <= 12:
        raise InputError(f"{what}: {text} is not a date (there is no month {month})")
    _check_year_number(year, text, what)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InputError(
            f"{what}: {text} is not a date ({calendar.month_name[month]} {year} has {last} days)"
        )
    return date(year, month, day)


def parse_typed_date(value: str, what: str) -> date:
    """A date typed on the command line: ``2026-12-04``, or day-first ``04/12/2026``,
    ``4/12/2026``, ``4.12.2026`` or ``4-12-2026``, as in a case file. A month-first date is
    never guessed (``12/22/2025`` has no month 22) and a two-digit year never completed."""
    text = value.strip()
    m = _UK.match(text)
    if m is None:
        if _TWO_DIGIT_YEAR.match(text):
            raise InputError(
                f"{what}: {text} has a two-digit year, which chc never guesses (19xx or "
                "20xx); write the year in full, e.g. 04/12/2026 or 2026-12-04"
            )
        if _ISO.match(text) is None:
            shown = text if len(text) <= 40 else text[:40] + "..."
            raise InputError(
                f"{what}: {shown!r} is not a date; write it as 04/12/2026 (day first) or "
                "2026-12-04, in digits 0-9"
            )
        return parse_date(text, what)
    day, month, year = (int(g) for g in m.groups())
    if month > 12:
        raise InputError(
            f"{what}: {text} is not a day-first date (there is no month {month}); chc never "
            "guesses month-first dates: write the day first, or YYYY-MM-DD"
        )
    return _existing(year, month, day, text, what)


def check_year(day: date, what: str) -> date:
    """``day`` itself, if its year is one the working-day calendar covers."""
    _check_year_number(day.year, day.isoformat(), what)
    return day


def _check_year_number(year: int, text: str, what: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(
            f"{what}: {text} is outside the years chc covers ({MIN_YEAR} to {MAX_YEAR})"
        )


UK_ZONE = "Europe/London"


def uk_today() -> date:
    """Today's date in the UK, whatever the machine's time zone: the Code counts UK days,
    and a server set to Pacific/Kiritimati (UTC+14) is already in tomorrow at 10:00 UTC.

    UK time is UTC (GMT) or an hour ahead (BST), so its date differs from the UTC date
    only in the hour before midnight UTC; only then is the time-zone database asked (its
    import costs 4 ms, 3% of one complaint's start-up)."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    if now.hour < 23:
        return now.date()
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(UK_ZONE)).date()
