"""One hazard report and its settings, from the text a person typed (options or cells).

Kept out of the command line so that a Python user and the command read the same text the
same way, with the same messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time

from chc.dates import parse_date
from chc.errors import InputError
from chc.hazards.moments import LONDON, Moment, parse_moment, parse_time_of_day, timed
from chc.hazards.regime import HAZARD_EVENTS
from chc.hazards.report import HazardReport, Settings, option_name

TRACKS = ("emergency", "significant")


def build_report(
    track: str,
    aware: str,
    events: Mapping[str, str | None],
    attempts: Iterable[str] = (),
    *,
    hazard: str | None = None,
    reference: str | None = None,
) -> HazardReport:
    """A report from typed values; ``events`` maps event names (``concluded``...) to text."""
    if track not in TRACKS:
        raise InputError(f"--track: {track!r} is not one of {', '.join(TRACKS)}")
    unknown = sorted(set(events) - set(HAZARD_EVENTS))
    if unknown:
        raise InputError(f"unknown hazard event(s): {', '.join(unknown)}")
    moments = {
        name: parse_moment(text, option_name(name))
        for name, text in events.items()
        if text is not None and text.strip()
    }
    if reference is not None:
        _printable(reference, "--reference")
    kind = hazard.strip().lower().replace("-", "_").replace(" ", "_") if hazard else None
    return HazardReport(
        track=track,
        aware=parse_moment(aware, "--aware"),
        access_attempts=tuple(parse_moment(a, "--access-attempt") for a in attempts),
        hazard=kind or None,
        reference=reference,
        **moments,
    )


def build_settings(
    as_of: str | None,
    assume_time: str | None,
    phase_start: str | None,
    *,
    now: datetime | None = None,
) -> Settings:
    """--as-of (a date is read as the start of that day, UK time; default now)."""
    assume = parse_time_of_day(assume_time, "--assume-time") if assume_time else None
    start = parse_date(phase_start, "--phase-start") if phase_start else None
    if as_of is None:
        moment = (now or datetime.now(LONDON)).astimezone(LONDON).replace(second=0, microsecond=0)
        return Settings(moment, False, assume, start)
    given = parse_moment(as_of, "--as-of")
    at = given.at if given.at is not None else timed(Moment(given.day), time(0, 0), "--as-of")
    return Settings(at, given.at is None, assume, start)


def _printable(text: str, what: str) -> None:
    """Refuse control and formatting characters (a bidi override, a terminal escape): the
    reference is printed in every view and written into calendars."""
    import unicodedata

    for i, ch in enumerate(text, 1):
        if unicodedata.category(ch) in ("Cc", "Cf"):
            raise InputError(
                f"{what}: character {i} is an invisible control character (U+{ord(ch):04X}); "
                "give the reference in plain letters, digits and punctuation"
            )
