"""`chc deadlines` for people: one complaint's due dates at a glance."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from chc import inert
from chc.codes.citations import Citations
from chc.codes.notes import REGION_NAMES
from chc.deadlines import FUTURE_DATE, Timeline
from chc.terminal.console import Hanging, labelled, source_lines
from chc.words import event_words, in_words

STATUS_STYLE = {"on_time": "green", "late": "bold red", "open": "yellow", "overdue": "bold red"}
STATUS_WORDS = {"on_time": "on time", "late": "late", "open": "open", "overdue": "OVERDUE"}
EVENT_COLUMN = 28
"""The width of the event column: the longest words, "stage 1 response, extended", and two."""


def day(d: object) -> str:
    from datetime import date

    return f"{d:%a %d %b %Y}" if isinstance(d, date) else "-"


def as_of_day(d: date) -> str:
    """The day statuses are judged on, said to be today's UK date when it is (the
    default: the Code counts UK days, whatever the machine's time zone)."""
    from chc.dates import uk_today

    return day(d) + (" (today in the UK)" if d == uk_today() else "")


def due_line(due: date, status: str, done: date | None, late: int, superseded: bool) -> Text:
    """ "due Mon 20 May 2024  OVERDUE, 9 working days late": one event, after its name."""
    line = Text.assemble("due ", (day(due), "bold"), "  ")
    line.append(STATUS_WORDS[status], style=STATUS_STYLE[status])
    if superseded:
        line.append(" (before the extension)", style="dim")
    if done is not None:
        line.append(f", done {day(done)}")
    if late:
        line.append(f", {late} working day{'s' if late > 1 else ''} late")
    return line


def timeline_view(
    t: Timeline,
    *,
    edition_title: str,
    calendar_stamp: str,
    chosen: str,
    citations: Citations | None = None,
) -> RenderableType:
    """One complaint's timeline for a person; with ``citations``, the notes cite their
    sources as numbers, listed at the end with title and address, never by data key."""
    readable = citations.readable if citations is not None else str

    def cite(text: str) -> str:
        return in_words(readable(text))

    head = Text.assemble(
        (f"Code edition {t.code}", "bold"),
        f": {edition_title}, {chosen}\n",
        f"Working days: Monday to Friday less {REGION_NAMES.get(t.region, t.region)} bank "
        f"holidays ({calendar_stamp})",
        f" and {len(t.closed)} closure day(s)" if t.closed else "",
        f"; the starting event's day is day 0. Status as of {as_of_day(t.as_of)}.",
    )
    if t.reference:
        head = Text.assemble((f"Complaint {inert.line(t.reference)}\n", "bold"), head)
    lines: list[RenderableType] = [Text("")]
    extended = {e.key.removesuffix("_extended") for e in t.events if e.key.endswith("_extended")}
    for e in t.events:
        line = due_line(e.due, e.status, e.done, e.working_days_late, e.key in extended)
        lines.append(Hanging(line, head=event_words(e.key), indent=EVENT_COLUMN))
        rule = f"{e.rule} ({day(e.from_date)}" + (", assumed" if e.assumed else "")
        lines.append(labelled("", rule + f"); provision {e.provision}", "dim", indent=4))
    table = Group(*lines, Text(""))
    parts: list[RenderableType] = [head, table]
    if any(e.assumed for e in t.events):
        parts.append(
            Text(
                "assumed: counted from a due date because the actual date was not given",
                style="dim",
            )
        )
    warnings = list(t.problems)
    for w in warnings:
        # "future date: " flags the warning for programs; a person reads the sentence.
        parts.append(labelled("warning: ", cite(w.removeprefix(FUTURE_DATE)), "yellow"))
    for a in t.assumptions:
        parts.append(labelled("assumption: ", cite(a), "dim"))
    if citations is not None and citations.cited:
        parts.append(Text("\nSources cited in the notes", style="bold"))
        parts.extend(source_lines(citations.listing()))
    return Group(*parts)
