"""Durations a policy states ("10 working days", "2 weeks", "6 months") and how many working
days each can hold, for comparing a policy's unit with the Code's."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

DurationUnit = Literal[
    "working_days", "days", "calendar_days", "weeks", "months", "years", "hours", "none"
]
# The unit of "N <kind> days" by its kind word, and of "N weeks" (months, years, hours).
_DAY_UNITS: dict[str, DurationUnit] = {
    "working": "working_days",
    "business": "working_days",
    "calendar": "calendar_days",
}
_OTHER_UNITS: dict[str, DurationUnit] = {
    "week": "weeks",
    "month": "months",
    "year": "years",
    "hour": "hours",
}
ClockStart = Literal["received", "acknowledged", "logged", "escalation_requested"]

DURATION_PATTERN = re.compile(
    r"^\s*(\d+)\s+(working|business|calendar)?\s*(day|days|week|weeks|month|months|year|years|hour|hours)\s*$",
    re.IGNORECASE,
)

# The most and fewest working days a span can hold, for comparing a policy's unit with the
# Code's. A calendar week holds 5 working days at most; a month at most 23; a day is at most
# one working day. The fewest allow for bank holidays (up to 4 in a fortnight at Christmas).
MAX_WORKING_DAYS_PER_MONTH = 23
MIN_WORKING_DAYS_PER_MONTH = 17
HOURS_PER_DAY = 24


@dataclass(frozen=True, order=True)
class Duration:
    """A span a policy states, such as "10 working days" or "6 months"."""

    amount: int
    unit: DurationUnit
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def is_none(self) -> bool:
        """The policy says in so many words that it sets no timescale ("none")."""
        return self.unit == "none"

    def working_days_range(self) -> tuple[int, int, str | None]:
        """The fewest and most working days this span can hold, and the assumption made."""
        n = self.amount
        if self.unit == "none":
            raise ValueError("a span of 'none' holds no number of working days")
        if self.unit == "working_days":
            return n, n, None
        if self.unit in ("days", "calendar_days"):
            word = "days" if self.unit == "days" else "calendar days"
            # At most five working days in any seven calendar days; at least that less the
            # weekend days and up to four bank holidays (Christmas and New Year).
            high = 5 * (n // 7) + min(n % 7, 5)
            low = max(0, 5 * (n // 7) + max(0, n % 7 - 2) - 4)
            return (
                low,
                high,
                f'"{self.text}" is read as {n} {word}, which hold at most {high} working days',
            )
        if self.unit == "weeks":
            return (
                max(0, 5 * n - 4),
                5 * n,
                f'"{self.text}" is read as {5 * n} working days at most',
            )
        if self.unit == "hours":
            days = -(-n // HOURS_PER_DAY)
            return (
                days,
                days,
                (
                    f'"{self.text}" is compared as working time: {HOURS_PER_DAY} hours to a '
                    f"working day, so {days} working day{'s' if days != 1 else ''}"
                ),
            )
        months = n * 12 if self.unit == "years" else n
        return (
            months * MIN_WORKING_DAYS_PER_MONTH,
            months * MAX_WORKING_DAYS_PER_MONTH,
            f'"{self.text}" can hold up to {months * MAX_WORKING_DAYS_PER_MONTH} working days',
        )

    def calendar_days_range(self) -> tuple[int, int]:
        """The fewest and most calendar days this span can cover, wherever it starts."""
        n = self.amount
        if self.unit == "none":
            raise ValueError("a span of 'none' covers no number of calendar days")
        if self.unit in ("days", "calendar_days"):
            return n, n
        if self.unit == "weeks":
            return 7 * n, 7 * n
        if self.unit == "hours":
            return n // 24, -(-n // 24)
        if self.unit == "working_days":
            # Fewest: start on a Sunday and never meet a holiday; most: start on a Friday
            # and meet up to four bank holidays.
            return n + 2 * ((n - 1) // 5), n + 2 * ((n + 4) // 5) + 4
        return month_days_range(n * 12 if self.unit == "years" else n)


@functools.cache
def month_days_range(months: int) -> tuple[int, int]:
    """The fewest and most days that ``months`` calendar months span (leap years included)."""
    from chc.workdays import add_months

    spans = []
    for year in (2023, 2024):  # a common year and a leap year cover every case
        for month in range(1, 13):
            for day in (1, 28, 29, 30, 31):
                try:
                    start = date(year, month, day)
                except ValueError:
                    continue
                spans.append((add_months(start, months) - start).days)
    return min(spans), max(spans)


def parse_duration(value: object) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str) and value.strip().lower() == "none":
        # An explicit "no timescale" ("as a matter of urgency"), judged as stated.
        return Duration(0, "none", "none")
    if not isinstance(value, str):
        raise ValueError(
            f'{value!r} is not a duration; write it like "10 working days", "5 days", '
            '"2 weeks", "12 months" or "48 hours"'
        )
    m = DURATION_PATTERN.match(value)
    if m is None:
        raise ValueError(
            f'cannot read {value!r} as a duration; write it like "10 working days", '
            '"5 days", "5 calendar days", "2 weeks", "12 months" or "48 hours"'
        )
    amount = int(m.group(1))
    kind = (m.group(2) or "").lower()
    word = m.group(3).lower().rstrip("s")
    if amount == 0:
        raise ValueError(f"{value!r}: a duration must be more than 0")
    if word == "day":
        unit = _DAY_UNITS.get(kind, "days")
    else:
        if kind:
            raise ValueError(f"{value!r}: {kind!r} only goes with days")
        unit = _OTHER_UNITS[word]
    return Duration(amount, unit, " ".join(value.split()))
