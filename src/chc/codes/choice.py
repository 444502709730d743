"""Which edition applies to a complaint, and why."""

from __future__ import annotations

from datetime import date

from chc.codes.loading import builtin_editions
from chc.codes.model import Edition
from chc.errors import CodeFileError


def edition_for_date(day: date, editions: list[Edition] | None = None) -> Edition:
    """The edition in force on ``day``: the date a complaint was received decides it."""
    pool = editions if editions is not None else builtin_editions()
    for edition in pool:
        if edition.in_force_on(day):
            return edition
    first = min(pool, key=lambda e: e.in_force_from)
    if day < first.in_force_from:
        raise CodeFileError(
            f"{day.isoformat()} is before the first Complaint Handling Code "
            f"({first.edition}, in force from {first.in_force_from.isoformat()}); "
            "no edition applies"
        )
    raise CodeFileError(f"no Code edition was in force on {day.isoformat()}")
