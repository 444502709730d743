"""`chc deadlines --cases` for people: what needs attention across a caseload."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chc import inert
from chc.caseload.frame import BadRow
from chc.terminal.deadlines import STATUS_STYLE, STATUS_WORDS, as_of_day, day

if TYPE_CHECKING:
    from chc.caseload.engine import Caseload


def _bad(bad: tuple[BadRow, ...], path: Path) -> list[RenderableType]:
    where = inert.line(str(path))
    return [
        Text(
            f"skipped {where}:{b.line}{f':{b.column}' if b.column else ''}: {b.message}",
            style="yellow",
        )
        for b in bad
    ]


def summary_view(c: Caseload) -> RenderableType:
    from chc.caseload.writers import attention

    items = attention(c)
    overdue = items.filter(items["status"] == "overdue").height
    head = Text(
        f"{c.count} complaint(s) in {inert.line(str(c.path))}; as of {as_of_day(c.as_of)}: "
        f"{overdue} overdue, "
        f"{items.height - overdue} due in the next 5 working days."
    )
    table = Table()
    for heading in ("reference", "event", "due", "status", "working days", "provision"):
        table.add_column(heading, no_wrap=True)
    for a in items.iter_rows(named=True):
        status = a["status"]
        n = a["working_days_late"] if status == "overdue" else a["working_days_left"]
        table.add_row(
            escape(inert.line(a["reference"])),
            a["key"],
            day(a["due"]),
            Text(STATUS_WORDS[status], style=STATUS_STYLE[status]),
            f"{n} late" if status == "overdue" else f"{n} left",
            a["provision"],
        )
    return Group(head, table, *_bad(c.bad_rows, c.path))


def cases_view(c: Caseload) -> RenderableType:
    where = escape(inert.line(str(c.path)))
    table = Table(
        title=f"{c.count} complaint(s) in {where}, as of {as_of_day(c.as_of)}",
        title_justify="left",
    )
    for heading in ("reference", "code", "event", "due", "done", "status", "late (wd)"):
        table.add_column(heading, no_wrap=True)
    for e in c.events.iter_rows(named=True):
        status = Text(STATUS_WORDS[e["status"]], style=STATUS_STYLE[e["status"]])
        if e["superseded"]:
            # An extension replaced this due date: it is neither open nor overdue any more.
            status = Text("superseded", style="dim")
        late = e["working_days_late"]
        table.add_row(
            escape(inert.line(e["reference"] or "")),
            e["code"],
            e["key"],
            day(e["due"]),
            day(e["done"]),
            status,
            str(late) if late and not e["superseded"] else "",
        )
    return Group(table, *_bad(c.bad_rows, c.path))
