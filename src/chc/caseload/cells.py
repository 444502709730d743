"""Dates and numbers in case-file cells: parsed a whole column at a time, bad cells explained.

Accepted dates (the date part counts; a time after it is allowed and dropped):

- ISO: ``2025-12-22``, ``2025-12-22T14:05:00``, ``2025-12-22 00:00:00`` (what a spreadsheet
  date cell becomes);
- UK day-first with a four-digit year: ``22/12/2025``, ``2/1/2026``, ``22/12/2025 14:05``
  (``.`` or ``-`` may stand for ``/``);
- with ``--date-format``, ISO and that format only (strftime codes, e.g. ``%m/%d/%Y``).

A month-first date is never guessed: ``12/22/2025`` has no month 22 and is an error at its
cell. Years must lie in the working-day calendar's range (:data:`chc.workdays.MIN_YEAR` to
:data:`chc.workdays.MAX_YEAR`). Only the digits 0-9 count as digits.

Extensions are whole numbers of days from 1 to :data:`MAX_EXTENSION` (``10`` or a
spreadsheet's ``10.0``). A remedy amount is money: digits 0-9, an optional ``£``, thousands
commas and pence, at most :data:`MAX_REMEDY`.

The functions here build polars expressions; the one-cell explanations are plain Python and
only run for cells that failed.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from chc.workdays import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    import polars as pl

MAX_EXTENSION = 365
MAX_REMEDY = 10_000_000
SHOWN = 40
"""At most this many characters of a bad cell are quoted in a message."""

_TIME = r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
ISO = r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME + "$"
UK = r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}),?" + _TIME + "$"
EXTENSION = r"^([0-9]{1,6})(?:\.0+)?$"
REMEDY = r"^£?\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$"


def _ymd(text: pl.Expr, pattern: str, order: tuple[str, str, str]) -> pl.Expr:
    """Dates from the (year, month, day) groups of ``pattern``; null where it does not match."""
    import polars as pl

    groups = text.str.extract_groups(pattern).struct
    y, m, d = (groups.field(name) for name in order)
    ymd = pl.concat_str([y, m.str.zfill(2), d.str.zfill(2)], separator="-", ignore_nulls=False)
    return ymd.str.to_date("%Y-%m-%d", strict=False)


def in_range(value: pl.Expr) -> pl.Expr:
    """The dates the working-day calendar covers; null for any other. Apply it to a read
    column, not inside a layout: polars would parse the cells twice."""
    import polars as pl

    first, last = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
    return pl.when(value.is_between(first, last)).then(value)


def date_layouts(text: pl.Expr, date_format: str | None = None) -> list[pl.Expr]:
    """The accepted date layouts, most common first, each reading ``text`` as dates (null
    where the layout does not fit). A reader tries a later layout only on a column the
    earlier ones left a cell unread in: the patterns cost several times what polars' own
    parser does. Dates outside the calendar's years are read: see :func:`in_range`."""
    second = "%d/%m/%Y" if date_format is None else date_format
    layouts = [
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date(second, strict=False),
        _ymd(text, ISO, ("1", "2", "3")),
    ]
    if date_format is None:
        layouts.append(_ymd(text, UK, ("3", "2", "1")))
    return layouts


TWO_DIGIT_YEAR = r"^[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}" + _TIME + "$"


_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"  # a day, or a month written first
_DATE_SHAPE = (
    rf"^(?:[0-9]{{4}}-(?:0?[1-9]|1[0-2])-{_DAY}|{_DAY}[/.\-]{_DAY}[/.\-](?:[0-9]{{2}}|[0-9]{{4}}))"
    + _TIME
    + "$"
)


def looks_like_date(text: pl.Expr, date_format: str | None = None) -> pl.Expr:
    """True where a cell is written as a date (ISO, day or month first, a two- or four-digit
    year, or in ``date_format``), whether or not it is a real one: a column of dates with a
    typing slip in it is still a column of dates. A pattern, not a parse: cheap on a long
    free-text column."""
    shaped = text.str.contains(_DATE_SHAPE)
    if date_format is not None:
        shaped = shaped | text.str.to_date(date_format, strict=False).is_not_null()
    return shaped.fill_null(False)


def parse_extensions(text: pl.Expr) -> pl.Expr:
    """Whole days from 1 to MAX_EXTENSION; anything else becomes null."""
    import polars as pl

    n = text.str.extract(EXTENSION, 1).cast(pl.Int64, strict=False)
    return pl.when(n.is_between(1, MAX_EXTENSION)).then(n)


def remedy_ok(text: pl.Expr) -> pl.Expr:
    """True where the cell is an amount of money within the bound (or empty)."""
    import polars as pl

    amount = text.str.replace_all(r"[£,\s]", "").cast(pl.Float64, strict=False)
    ok = text.str.contains(REMEDY) & (amount <= MAX_REMEDY)
    return (text.is_null() | ok).fill_null(False)


def shown(raw: str) -> str:
    """The cell as quoted in a message: its repr, cut short if it is long."""
    if len(raw) > SHOWN:
        return repr(raw[:SHOWN]) + f"... ({len(raw):,} characters)"
    return repr(raw)


def _not_ascii(raw: str) -> bool:
    return any(ch.isdigit() and not "0" <= ch <= "9" for ch in raw) or any(
        ch in "²³¹" for ch in raw
    )


def explain_date(raw: str, field: str, date_format: str | None = None) -> str:
    """Why ``raw`` is not a date chc can read, in words a person can act on."""
    text = raw.strip()
    if _not_ascii(text):
        return f"{field}: {shown(text)} has digits other than 0-9; write the date as 22/12/2025"
    m = re.match(ISO, text)
    if m is not None:
        return f"{field}: {_check_ymd(text, *(int(g) for g in m.groups()))}"
    m = re.match(UK, text)
    if m is not None and date_format is None:
        day, month, year = (int(g) for g in m.groups())
        if month > 12 and day <= 12:
            return (
                f"{field}: {text} is not a day-first date (there is no month {month}); chc "
                "never guesses month-first dates: if the file writes them so, give "
                "--date-format %m/%d/%Y"
            )
        return f"{field}: {_check_ymd(text, year, month, day)}"
    if re.match(TWO_DIGIT_YEAR, text) and date_format is None:
        return (
            f"{field}: {text} has a two-digit year, which chc never guesses (19xx or 20xx); "
            "write the year in full (in Excel: format the column as 22/12/2025), or, if "
            "every date in the file is written so, give --date-format %d/%m/%y"
        )
    if date_format is not None:
        return f"{field}: {shown(text)} is not a date in the format {date_format} (nor YYYY-MM-DD)"
    return (
        f"{field}: {shown(text)} is not a date; write it as 22/12/2025 or 2025-12-22, or "
        "give --date-format for another format"
    )


def _check_ymd(text: str, year: int, month: int, day: int) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return (
            f"{text} is outside the years the working-day calendar covers "
            f"({MIN_YEAR} to {MAX_YEAR})"
        )
    if not 1 <= month <= 12:
        return f"{text} is not a date (there is no month {month})"
    last = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{text} is not a date ({_calendar.month_name[month]} {year} has {last} days)"
    return f"{text} is outside the years the working-day calendar covers"  # pragma: no cover


def explain_extension(raw: str, field: str) -> str:
    text = raw.strip()
    hint = f"a whole number of days from 1 to {MAX_EXTENSION}"
    if _not_ascii(text):
        return f"{field}: {shown(text)} has digits other than 0-9; write {hint}"
    return f"{field}: {shown(text)} is not {hint}"


def explain_remedy(raw: str, field: str) -> str:
    text = raw.strip()
    if _not_ascii(text):
        return f"{field}: {shown(text)} has digits other than 0-9; write an amount like 150.00"
    return (
        f"{field}: {shown(text)} is not an amount of money from 0 to £{MAX_REMEDY:,}, e.g. 150.00"
    )
