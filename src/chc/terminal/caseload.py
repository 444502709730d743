"""`chc deadlines --cases` for people: what needs attention across a caseload."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chc import inert
from chc.caseload.frame import BadRow
from chc.codes.assumed import ACK_DATE_ASSUMED, Assumed, ordered
from chc.terminal.console import Hanging
from chc.terminal.deadlines import (
    EVENT_COLUMN,
    STATUS_STYLE,
    STATUS_WORDS,
    as_of_day,
    assumptions_list,
    day,
    due_line,
    references,
)
from chc.words import event_words

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


def _table(whole: tuple[str, ...], last: str) -> Table:
    """A table whose ``whole`` columns never wrap and whose ``last`` column wraps under
    itself, light enough to fit 80 columns."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in whole:
        table.add_column(heading, no_wrap=True)
    table.add_column(last)
    return table


# A caseload's view states a case's own assumption once for every complaint it holds for,
# so the date it names is said as the place to read it.
SHOWN_DATE = "as shown on the complaint's acknowledgement line"


def _assumed(tags: str | None, stage: int) -> list[Assumed]:
    """An event's assumptions from its ``;``-separated ids, as the view lists them."""
    out = []
    for aid in (tags or "").split(";"):
        if aid == ACK_DATE_ASSUMED:
            out.append(Assumed(aid, (("stage", stage), ("date", SHOWN_DATE))))
        elif aid:
            out.append(Assumed(aid))
    return out


def _numbered(pairs: list[tuple[str | None, int]]) -> dict[Assumed, int]:
    """The list the lines refer to: every assumption of these (ids, stage) pairs, numbered
    in the table's order."""
    found = {a for tags, stage in set(pairs) for a in _assumed(tags, stage)}
    return {a: n for n, a in enumerate(ordered(found), 1)}


def summary_view(c: Caseload) -> RenderableType:
    from chc.caseload.writers import attention

    items = attention(c, assumptions=True)
    overdue = items.filter(items["status"] == "overdue").height
    head = Text(
        f"{c.count} complaint(s) in {inert.line(str(c.path))}; as of {as_of_day(c.as_of)}: "
        f"{overdue} overdue, "
        f"{items.height - overdue} due in the next 5 working days."
    )
    # The reference, the due date and the status never wrap; the event's words may.
    table = _table(("reference", "due", "status", "working days"), "event (provision)")
    numbers = _numbered(list(zip(items["assumptions"].cast(str), items["stage"], strict=True)))
    for a in items.iter_rows(named=True):
        status = a["status"]
        n = a["working_days_late"] if status == "overdue" else a["working_days_left"]
        table.add_row(
            escape(inert.line(a["reference"])),
            day(a["due"]),
            Text(STATUS_WORDS[status], style=STATUS_STYLE[status]),
            f"{n} late" if status == "overdue" else f"{n} left",
            f"{event_words(a['key'])} ({a['provision']})"
            + references(_assumed(a["assumptions"], a["stage"]), numbers),
        )
    listed = assumptions_list(list(numbers))
    return Group(head, table, *_bad(c.bad_rows, c.path), *listed)


def cases_view(c: Caseload) -> RenderableType:
    """Every complaint's events, complaint by complaint, laid out as one complaint's are."""
    where = inert.line(str(c.path))
    parts: list[RenderableType] = [
        Text(f"{c.count} complaint(s) in {where}, as of {as_of_day(c.as_of)}", style="bold")
    ]
    current: tuple[object, object] | None = None
    tags = c.events["assumptions"].cast(str)
    numbers = _numbered(list(zip(tags, c.events["stage"], strict=True)))
    for e in c.events.iter_rows(named=True):
        if (e["reference"], e["code"]) != current:
            current = (e["reference"], e["code"])
            edition = f" (Code {e['code']})" if e["code"] else ""
            parts.append(Text(f"\n{inert.line(e['reference'] or '')}{edition}", style="bold"))
        if e["superseded"]:
            # An extension replaced this due date: it is neither open nor overdue any more.
            line = Text.assemble("due ", (day(e["due"]), "bold"), "  ", ("superseded", "dim"))
        else:
            line = due_line(e["due"], e["status"], e["done"], e["working_days_late"], False)
        cited = references(_assumed(e["assumptions"], e["stage"]), numbers)
        line.append(cited, style="dim")
        parts.append(Hanging(line, head="  " + event_words(e["key"]), indent=EVENT_COLUMN + 2))
    return Group(*parts, *_bad(c.bad_rows, c.path), *assumptions_list(list(numbers)))
