"""Closure days: the days a landlord's offices are shut besides bank holidays, given with
--closed or in a closure file, checked against the years the calendar covers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from chc.dates import parse_typed_date as parse_date
from chc.errors import ChcError, InputError
from chc.workdays import MAX_YEAR, MIN_YEAR


def closure_days(text: str, what: str) -> list[date]:
    """``2025-12-29`` or ``2025-12-29..2025-12-31`` (both ends included) as days."""
    first_text, dots, last_text = text.partition("..")
    first = parse_date(first_text, what)
    last = parse_date(last_text, what) if dots else first
    for day in (first, last):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise InputError(
                f"{what}: {day.isoformat()} is outside the years the calendar covers "
                f"({MIN_YEAR} to {MAX_YEAR})"
            )
    if last < first:
        raise InputError(f"{what}: the range {text} ends before it starts")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def read_closed(closed: Iterable[str] | None, closed_file: Path | None) -> frozenset[date]:
    """The days given with --closed and in a closure file (one day or range a line, ``#``
    comments), as one set; a bad line is named by its file and line."""
    days: set[date] = set()
    for value in closed or []:
        days.update(closure_days(value, "--closed"))
    if closed_file is not None:
        # Imported here: the reader brings pydantic, which one complaint's start-up need not pay.
        from chc.yamlio import read_text

        for n, raw in enumerate(read_text(closed_file).splitlines(), 1):
            text = raw.split("#", 1)[0].strip()
            if text:
                try:
                    days.update(closure_days(text, "closure day"))
                except ChcError as err:
                    raise type(err)(err.message, file=closed_file, line=n, column=1) from None
    return frozenset(days)
