"""The one rule for which edition applies; every command and the caseload engine read it here.

An edition named wins, the first given of those a caller has (a row's own ``code`` cell,
then ``--code``; or ``--code``, then a document's own ``code:``); else the shipped edition
in force on the day that decides (the day a complaint was received, or today for a
policy). The dates come from the shipped timetables, which are light to load, so one
complaint's start-up pays for no full Code file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from chc.codes.timetable import BUILTIN, Timetable, builtin_timetable, load_timetable
from chc.errors import CodeFileError


def in_force_ranges() -> list[tuple[str, date, date | None]]:
    """Each shipped edition's name and the days it is in force (None: no end yet)."""
    tables = (builtin_timetable(name) for name in BUILTIN)
    return [(t.edition, t.in_force_from, t.in_force_to) for t in tables]


def in_force_on(day: date) -> str:
    """The shipped edition in force on ``day``; a day none was is refused, saying why."""
    ranges = in_force_ranges()
    for name, start, end in ranges:
        if start <= day and (end is None or day <= end):
            return name
    first, since, _ = min(ranges, key=lambda r: r[1])
    if day < since:
        raise CodeFileError(
            f"{day.isoformat()} is before the first Complaint Handling Code "
            f"({first}, in force from {since.isoformat()}); no edition applies"
        )
    raise CodeFileError(f"no Code edition was in force on {day.isoformat()}")


def edition_ref(day: date, *named: str | Path | None) -> str | Path:
    """The edition to judge under: the first of ``named`` given, else the shipped edition
    in force on ``day``."""
    for ref in named:
        if ref is not None:
            return ref
    return in_force_on(day)


def choose_timetable(received: date, code: str | Path | None = None) -> tuple[Timetable, str]:
    """The timetable for a complaint received on ``received``, and why (the rule above,
    which :func:`chc.codes.choice.choose_edition` also follows)."""
    if code is not None:
        return load_timetable(code), "chosen with --code"
    in_force = edition_ref(received)
    return load_timetable(in_force), f"in force on {received.isoformat()}, the day it was received"
