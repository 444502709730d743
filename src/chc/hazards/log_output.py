"""A hazard log's answers as data: CSV (one row per report and step), JSON, JSON lines and
the per-step summary for the board. Shapes documented in docs/hazards.md; each report's
JSON is exactly the one-report contract (``track``, ``aware``, ``events[]``...) plus the
file ``line`` it came from. Text cells of a CSV pass :func:`chc.inert.csv_cell`; JSON
passes :func:`chc.output.dumps_json` (:func:`chc.inert.json_text`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chc.hazards.log import HazardLog
from chc.hazards.report import HazardResult, StepResult

STATUSES: tuple[str, ...] = (
    "on_time",
    "late",
    "overdue",
    "due",
    "waiting",
    "stopped",
    "not_required",
)
"""Every step status, in the order the summary counts them."""

CSV_COLUMNS: tuple[str, ...] = (
    "reference", "line", "track", "hazard", "phase", "provisional", "aware", "step", "due",
    "done", "done_by", "status", "late_by", "late_unit", "from", "from_assumed",
    "access_attempts", "assumptions",
)  # fmt: skip
"""The CSV's columns: one row per report and step."""


@dataclass(frozen=True)
class LogResult:
    """Every report of a log computed, each beside the file line it came from."""

    log: HazardLog
    results: tuple[HazardResult, ...]

    def pairs(self) -> list[tuple[int, HazardResult]]:
        return [(row.line, r) for row, r in zip(self.log.rows, self.results, strict=True)]


def report_json(line: int, r: HazardResult) -> dict[str, Any]:
    return {"line": line, **r.as_json()}


def log_json(lr: LogResult) -> dict[str, Any]:
    first = lr.results[0] if lr.results else None
    return {
        "regime": first.regime if first else None,
        "file": lr.log.case_frame.path.name,
        "as_of": first.settings.as_of.isoformat(timespec="minutes") if first else None,
        "time_zone": "Europe/London",
        "count": len(lr.results),
        "reports": [report_json(line, r) for line, r in lr.pairs()],
        "summary": summary_json(Tally.of(lr.results)),
    }


def log_jsonl(lr: LogResult) -> str:
    """One report a line, each the one-report JSON with its file line."""
    return "".join(
        json.dumps(report_json(line, r), ensure_ascii=False) + "\n" for line, r in lr.pairs()
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def step_row(line: int, r: HazardResult, s: StepResult, user: tuple[str, str]) -> list[str]:
    """One CSV row; ``user``: the report's reference and hazard kind, already made inert
    (the rest is chc's own: dates, keys, numbers, which no spreadsheet runs)."""
    due = s.due.isoformat(timespec="minutes") if isinstance(s.due, datetime) else s.due.isoformat()
    values: list[object] = [
        r.scope.phase, r.scope.provisional, r.report.aware.iso(), s.key, due,
        s.done.iso() if s.done is not None else None, s.done_by, s.status,
        s.late_by.amount if s.late_by is not None else None,
        s.late_by.unit if s.late_by is not None else None, s.start.iso(), s.from_assumed,
        ";".join(a.iso() for a in s.access_attempts), ";".join(s.assumptions),
    ]  # fmt: skip
    return [user[0], str(line), r.report.track, user[1], *(_cell(v) for v in values)]


def log_csv(lr: LogResult) -> str:
    from chc.inert import csv_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line, r in lr.pairs():
        user = (csv_cell(r.report.reference or ""), csv_cell(r.scope.kind or ""))
        writer.writerows(step_row(line, r, s, user) for s in r.steps)
    return out.getvalue()


@dataclass(frozen=True)
class Tally:
    """Per step key (in the order the log first gives each step), how many of each status,
    and how many reports: what the summary says, by either path (:meth:`of`, or
    :meth:`chc.hazards.columns.ColumnLog.tally`)."""

    counts: dict[str, dict[str, int]]
    reports: int

    @classmethod
    def of(cls, results: Sequence[HazardResult]) -> Tally:
        return cls(summary_counts(results), len(results))


def summary_counts(results: Sequence[HazardResult]) -> dict[str, dict[str, int]]:
    """Per step key (in the regime's order), how many of each status."""
    counts: dict[str, dict[str, int]] = {}
    for r in results:
        for s in r.steps:
            row = counts.setdefault(s.key, dict.fromkeys(STATUSES, 0))
            row[s.status] = row.get(s.status, 0) + 1
    return counts


def summary_json(tally: Tally) -> list[dict[str, Any]]:
    return [{"step": key, "total": sum(row.values()), **row} for key, row in tally.counts.items()]


def summary_csv(tally: Tally) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("step", "total", *STATUSES))
    for row in summary_json(tally):
        writer.writerow([row["step"], row["total"], *(row[s] for s in STATUSES)])
    return out.getvalue()


def summary_jsonl(tally: Tally) -> str:
    return "".join(json.dumps(row) + "\n" for row in summary_json(tally))
