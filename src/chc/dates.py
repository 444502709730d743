"""Reading dates typed by people: ISO 8601 only, with a message that says what is wrong."""

from __future__ import annotations

import calendar
import re
from datetime import date

from chc.errors import InputError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: object, what: str) -> date:
    """``"2024-05-01"`` -> date; anything else is an InputError naming ``what``."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        # Fast path for caseloads; the slow path below explains what is wrong.
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    m = _ISO.match(text)
    if m is None:
        raise InputError(f"{what}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-05-01")
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise InputError(f"{what}: {text} is not a date (there is no month {month})")
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        raise InputError(
            f"{what}: {text} is not a date ({calendar.month_name[month]} {year} has {last} days)"
        )
    return date(year, month, day)
