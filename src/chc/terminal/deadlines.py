"""`chc deadlines` for people: one complaint's due dates at a glance."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from chc import inert
from chc.codes.assumed import ACK_DATE_ASSUMED, CLOSURE_DAYS, Assumed
from chc.codes.notes import REGION_NAMES
from chc.deadlines import FUTURE_DATE, Event, Timeline
from chc.terminal.console import Hanging, labelled
from chc.words import event_words

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


def event_assumptions(e: Event, t: Timeline) -> list[Assumed]:
    """What one event's due date rests on, of the timeline's assumptions."""
    own = [Assumed(a) for a in e.assumes]
    if e.assumed:
        own += [
            a
            for a in t.assumptions
            if a.id == ACK_DATE_ASSUMED and dict(a.values)["stage"] == e.stage
        ]
    if t.closed:
        own.append(Assumed(CLOSURE_DAYS))
    return own


def references(items: list[Assumed], numbers: dict[Assumed, int]) -> str:
    """ " [1,3]": where a line's assumptions are stated, by number (no space inside, so
    that the list never breaks across lines)."""
    found = sorted({numbers[a] for a in items if a in numbers})
    return f" [{','.join(map(str, found))}]" if found else ""


def assumptions_list(items: tuple[Assumed, ...] | list[Assumed]) -> list[RenderableType]:
    """The numbered list the lines refer to, under its heading (nothing if empty)."""
    if not items:
        return []
    out: list[RenderableType] = [Text("\nAssumptions", style="bold")]
    for n, a in enumerate(items, 1):
        out.append(labelled(f"{n}. ", a.statement(), "dim", hang=len(f"{n}. ")))
    return out


def timeline_view(
    t: Timeline,
    *,
    edition_title: str,
    calendar_stamp: str,
    chosen: str,
) -> RenderableType:
    """One complaint's timeline for a person: each event's line refers by number to the
    assumptions its due date rests on, stated once at the end."""
    head = Text.assemble(
        (f"Code edition {t.code}", "bold"),
        f": {edition_title}, {chosen}\n",
        f"Working days: Monday to Friday less {REGION_NAMES.get(t.region, t.region)} bank "
        f"holidays ({calendar_stamp})",
        f" and {len(t.closed)} closure day(s)" if t.closed else "",
        f". Status as of {as_of_day(t.as_of)}.",
    )
    if t.reference:
        head = Text.assemble((f"Complaint {inert.line(t.reference)}\n", "bold"), head)
    numbers = {a: n for n, a in enumerate(t.assumptions, 1)}
    lines: list[RenderableType] = [Text("")]
    extended = {e.key.removesuffix("_extended") for e in t.events if e.key.endswith("_extended")}
    for e in t.events:
        line = due_line(e.due, e.status, e.done, e.working_days_late, e.key in extended)
        lines.append(Hanging(line, head=event_words(e.key), indent=EVENT_COLUMN))
        rule = f"{e.rule} ({day(e.from_date)}" + (", assumed" if e.assumed else "")
        cited = references(event_assumptions(e, t), numbers)
        lines.append(labelled("", rule + f"); provision {e.provision}{cited}", "dim", indent=4))
    parts: list[RenderableType] = [head, Group(*lines)]
    for w in t.problems:
        # "future date: " flags the warning for programs; a person reads the sentence.
        parts.append(labelled("warning: ", w.removeprefix(FUTURE_DATE), "yellow"))
    parts.extend(assumptions_list(t.assumptions))
    return Group(*parts)
