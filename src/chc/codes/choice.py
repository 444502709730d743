"""Which edition applies to a complaint, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chc.codes.loading import load_edition
from chc.codes.model import Edition
from chc.errors import CodeFileError


def edition_for_date(day: date, editions: list[Edition] | None = None) -> Edition:
    """The edition in force on ``day``: the date a complaint was received decides it."""
    if editions is None:
        from chc.codes.rule import in_force_on

        return load_edition(in_force_on(day))
    pool = editions
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


@dataclass(frozen=True)
class Choice:
    """The edition that applies to a complaint, and why (said with every result)."""

    edition: Edition
    reason: str


def choose_edition(received: date, code: str | Path | None = None) -> Choice:
    """The edition for a complaint received on ``received``: ``code`` when one is given (a
    row's own ``code`` cell or ``--code``), else the edition in force on that day."""
    if code is not None:
        return Choice(load_edition(code), "chosen with --code")
    return Choice(
        edition_for_date(received),
        f"in force on {received.isoformat()}, the day it was received",
    )
