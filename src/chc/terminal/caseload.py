"""`chc deadlines --cases` for people: what needs attention across a caseload."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chc.caseload.cases import Attention, CaseResult
from chc.caseload.frame import BadRow
from chc.terminal.deadlines import STATUS_STYLE, STATUS_WORDS, day


def _bad(bad: list[BadRow], path: Path) -> list[RenderableType]:
    return [
        Text(
            f"skipped {path}:{b.line}{f':{b.column}' if b.column else ''}: {b.message}",
            style="yellow",
        )
        for b in bad
    ]


def summary_view(
    items: list[Attention], cases: int, bad: list[BadRow], as_of: date, path: Path
) -> RenderableType:
    overdue = sum(1 for a in items if a.status == "overdue")
    head = Text(
        f"{cases} complaint(s) in {path}; as of {day(as_of)}: {overdue} overdue, "
        f"{len(items) - overdue} due in the next 5 working days."
    )
    table = Table()
    for heading in ("reference", "event", "due", "status", "working days", "provision"):
        table.add_column(heading, no_wrap=True)
    for a in items:
        n = a.working_days_late if a.status == "overdue" else a.working_days_left
        table.add_row(
            escape(a.reference),
            a.key,
            day(a.due),
            Text(STATUS_WORDS[a.status], style=STATUS_STYLE[a.status]),
            f"{n} late" if a.status == "overdue" else f"{n} left",
            a.provision,
        )
    return Group(head, table, *_bad(bad, path))


def cases_view(
    results: list[CaseResult], bad: list[BadRow], as_of: date, path: Path
) -> RenderableType:
    table = Table(
        title=f"{len(results)} complaint(s) in {path}, as of {day(as_of)}", title_justify="left"
    )
    for heading in ("reference", "code", "event", "due", "done", "status", "late (wd)"):
        table.add_column(heading, no_wrap=True)
    for r in results:
        for e in r.timeline.events:
            table.add_row(
                escape(r.row.complaint.reference or ""),
                r.timeline.code,
                e.key,
                day(e.due),
                day(e.done),
                Text(STATUS_WORDS[e.status], style=STATUS_STYLE[e.status]),
                str(e.working_days_late) if e.working_days_late else "",
            )
    return Group(table, *_bad(bad, path))
