"""A repairs log of hazard reports: read by chc's one case-file reader, then each row
computed by the one-report path (:func:`chc.hazards.report.compute`), so that a log and
``chc hazards --aware ...`` give the same answers by construction.

Every cell that cannot be read, and every report whose events cannot be placed (a date
without a time for a 24-hour clock, an event before the awareness, an unknown track or
hazard kind), is a :class:`chc.errors.CaseError` at its file, line and column. A date
after --as-of is not: the report is computed as recorded and said (:func:`future_note`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import CaseError, InputError
from chc.hazards.log_fields import HAZARD_LOG, MOMENTS
from chc.hazards.moments import Moment, parse_moment
from chc.hazards.regime import HAZARD_EVENTS
from chc.hazards.report import HazardReport, HazardResult, Settings, compute, option_name

if TYPE_CHECKING:
    from chc.caseload.frame import CaseFrame
    from chc.caseload.reading import ReadOptions
    from chc.hazards.regime import Regime
    from chc.workdays import WorkingCalendar

_UK = re.compile(
    r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}),?"
    r"(?:[T ]([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?))?$",
    re.ASCII,
)
# A spreadsheet's date cell, read as text, gains a time of exactly 00:00:00: it is a date
# without a time, not a report made at midnight (which a person types as 00:00).
_SHEET_MIDNIGHT = re.compile(r"^(.+?)[T ]00:00:00$", re.ASCII)
_SEPARATORS = re.compile(r"\s*[;|]\s*|\s*,\s+")
TRACK_NAMES = {"emergency": "emergency", "significant": "significant"}


@dataclass(frozen=True)
class LogRow:
    """One row of the log: the file line it starts on and the report it records."""

    line: int
    report: HazardReport


@dataclass(frozen=True)
class HazardLog:
    """A log read and checked: the reader's frame (columns, headers) and one report a row."""

    case_frame: CaseFrame
    rows: tuple[LogRow, ...]

    def column(self, name: str) -> int | None:
        return self.case_frame.columns.get(name)


def read_options(base: ReadOptions | None = None) -> ReadOptions:
    """The reader's options for a hazard log: the hazard log's fields, the rest as given."""
    import dataclasses

    from chc.caseload.reading import ReadOptions

    base = base or ReadOptions()
    return dataclasses.replace(base, table=HAZARD_LOG, fields=HAZARD_LOG.fields)


def read_log(path: Path, options: ReadOptions | None = None) -> HazardLog:
    """Read a repairs log into hazard reports; the first bad cell stops it, located."""
    from chc.caseload.reading import read_case_file

    case_frame = read_case_file(path, read_options(options))
    names = [n for n in HAZARD_LOG.fields if n in case_frame.present]
    rows = tuple(
        LogRow(int(values["line"]), _report(case_frame, int(values["line"]), values))
        for values in case_frame.frame.select("line", *names).iter_rows(named=True)
    )
    return HazardLog(case_frame, rows)


def rows_of(case_frame: CaseFrame, indices: Sequence[int]) -> list[LogRow]:
    """The reports of the frame's rows at ``indices`` (0-based, in the frame's order), read
    as :func:`read_log` reads every row: for the few rows a columnar writer leaves to the
    one-report path."""
    import polars as pl

    names = [n for n in HAZARD_LOG.fields if n in case_frame.present]
    picked = case_frame.frame.select("line", *names)[pl.Series(list(indices), dtype=pl.UInt32)]
    return [
        LogRow(int(values["line"]), _report(case_frame, int(values["line"]), values))
        for values in picked.iter_rows(named=True)
    ]


def _report(case_frame: CaseFrame, line: int, values: dict[str, object]) -> HazardReport:
    def cell(name: str) -> str | None:
        value = values.get(name)
        return str(value) if value is not None else None

    def bad(name: str, message: str) -> CaseError:
        return CaseError(
            message, file=case_frame.path, line=line, column=case_frame.columns.get(name)
        )

    track_text = cell("track") or ""
    track = TRACK_NAMES.get(track_text.strip().lower())
    if track is None:
        raise bad(
            "track",
            f"track: {track_text!r} is not emergency or significant (the two Awaab's Law "
            "clocks); write one of them in the cell",
        )
    moments: dict[str, Moment] = {}
    attempts: tuple[Moment, ...] = ()
    for name in MOMENTS:
        text = cell(name)
        if text is None:
            continue
        try:
            if name == "access_attempts":
                attempts = tuple(cell_moment(t, name) for t in _SEPARATORS.split(text) if t)
            else:
                moments[name] = cell_moment(text, name)
        except InputError as err:
            raise bad(name, err.message) from None
    hazard = cell("hazard")
    kind = hazard.strip().lower().replace("-", "_").replace(" ", "_") if hazard else None
    aware = moments.pop("aware")
    return HazardReport(
        track=track,
        aware=aware,
        access_attempts=attempts,
        hazard=kind or None,
        reference=cell("reference"),
        **moments,
    )


def cell_moment(text: str, name: str) -> Moment:
    """A cell's date, or date and time, in UK time: ISO (``2026-12-04T16:30``), or UK
    day-first (``04/12/2026 16:30``); a spreadsheet's ``00:00:00`` is a date alone."""
    value = text.strip()
    midnight = _SHEET_MIDNIGHT.match(value)
    if midnight is not None:
        value = midnight.group(1)
    uk = _UK.match(value)
    if uk is not None:
        day, month, year, at = uk.groups()
        value = f"{year}-{int(month):02d}-{int(day):02d}"
        if at is not None:
            hour, rest = at.split(":", 1)
            value += f"T{int(hour):02d}:{rest}"
    return parse_moment(value, name)


def compute_log(
    log: HazardLog, regime: Regime, calendar: WorkingCalendar, settings: Settings
) -> list[HazardResult]:
    """Each row's steps, by the one-report path; a report that cannot be computed is a
    CaseError at the cell its message is about."""
    results = []
    for row in log.rows:
        try:
            results.append(compute(row.report, regime, calendar, settings))
        except CaseError:
            raise
        except InputError as err:
            raise _located(err, log, row.line) from None
    return results


_OPTION = re.compile(r"^(--[a-z-]+): ")
_FIELD_OF = {
    **{option_name(e): e for e in HAZARD_EVENTS},
    "--access-attempt": "access_attempts",
    "--hazard": "hazard",
    "--track": "track",
}


def _located(err: InputError, log: HazardLog, line: int) -> CaseError:
    """The one-report path's message about an option, said of the log's cell instead."""
    message = err.message
    found = _OPTION.match(message)
    name = _FIELD_OF.get(found.group(1)) if found else None
    if name is None:  # "--as-of ... is before --aware ...": the cell is the one it names
        named = [(message.find(o), f) for o, f in _FIELD_OF.items() if o in message]
        name = min(named)[1] if named else None
    for option, field in sorted(_FIELD_OF.items(), key=lambda p: -len(p[0])):
        message = message.replace(option, field)
    column = log.column(name) if name is not None else None
    return CaseError(message, file=log.case_frame.path, line=line, column=column)


def compute_file(
    path: Path, options: ReadOptions | None, regime_path: str | None, settings: Settings
) -> tuple[list[HazardResult], HazardLog, WorkingCalendar]:
    """A repairs log read and every report computed, with the calendar it was counted on."""
    from chc.hazards.regime import load_regime
    from chc.workdays import calendar_for

    rules = load_regime(regime_path)
    log = read_log(path, options)
    calendar = calendar_for(rules.region)
    return compute_log(log, rules, calendar, settings), log, calendar


def future_note(
    flagged: Sequence[tuple[int, str | None]], as_of: datetime, shown: int = 5
) -> str | None:
    """One sentence naming the reports with a date after ``as_of`` (``flagged``: each one's
    file line and reference, in file order; the first ``shown`` named), or None: each is
    still computed as recorded, and its JSON warnings hold the dates, but a person should
    hear of them once, at the end of the run (as ``chc deadlines --cases`` says it)."""
    from chc import inert

    if not flagged:
        return None
    named = [
        f"line {line}" + (f" ({inert.line(ref)})" if ref else "") for line, ref in flagged[:shown]
    ]
    more = f" and {len(flagged) - shown} more" if len(flagged) > shown else ""
    return (
        f"{len(flagged)} hazard report(s) have a date after the status date "
        f"{as_of.isoformat(timespec='minutes')}: {', '.join(named)}{more}; each is counted as "
        "recorded, but a date still to come is usually a typing error: check them"
    )


def future_rows(log: HazardLog, results: Sequence[HazardResult]) -> list[tuple[int, str | None]]:
    """The file line and reference of each report with a date after --as-of."""
    return [
        (row.line, row.report.reference)
        for row, r in zip(log.rows, results, strict=True)
        if r.warnings
    ]
