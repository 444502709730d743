"""`chc hazards --cases` for people: what is overdue, late and due soon in a repairs log,
then one line of totals; and the per-step summary for the board. In a complaints
officer's words: steps and statuses by name, never their keys."""

from __future__ import annotations

from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.text import Text

from chc import inert
from chc.hazards.log_output import STATUSES, LogResult, Tally
from chc.hazards.report import HazardResult, StepResult
from chc.hazards.words import STATUS_WORDS, step_words
from chc.terminal.hazards import attempts_words, late_words, when
from chc.workdays import WorkingCalendar

TRACK_NAMES = {
    "emergency": "Emergency hazards (24 hours)",
    "significant": "Significant hazards (damp and mould)",
}
SOON_DAYS = 5
"""A step still due within this many working days of the as-of date is listed as due soon."""
_SUMMARY_WORDS = {**STATUS_WORDS, "overdue": "overdue", "waiting": "waiting"}


def _due_day(s: StepResult) -> date:
    return s.due.date() if isinstance(s.due, datetime) else s.due


def _line(r: HazardResult, s: StepResult) -> list[RenderableType]:
    """A step in two or three short lines, so that no date is split at 80 columns."""
    reference = inert.line(r.report.reference or "")
    lines: list[RenderableType] = [Text.assemble((reference, "bold"), f"  {step_words(s.key)}")]
    text = Text(f"    due {when(s.due)}  ")
    style = "bold red" if s.status in ("late", "overdue") else "yellow"
    text.append(STATUS_WORDS[s.status] + late_words(s), style=style)
    lines.append(text)
    if s.done is not None and s.status == "late":
        lines.append(Text(f"    done {when(s.done)}"))
    if s.status in ("late", "overdue"):
        lines.append(Text(attempts_words(s), style="yellow"))
    return lines


_SECTIONS = {"overdue": "Overdue", "late": "Done late"}
_SOON = f"Due within {SOON_DAYS} working days"


def _section(s: StepResult, soon: date | None) -> str | None:
    """Which list of the view a step is in, if any."""
    if s.status in _SECTIONS:
        return _SECTIONS[s.status]
    if s.status == "due" and soon is not None and _due_day(s) <= soon:
        return _SOON
    return None


def totals(tally: Tally) -> str:
    """``3 hazard reports, 11 steps: 4 on time, 2 late, 1 overdue, 4 due``."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in tally.counts.values():
        for status, n in row.items():
            counts[status] += n
    steps = sum(counts.values())
    parts = [f"{n} {_SUMMARY_WORDS[s]}" for s, n in counts.items() if n]
    reports = tally.reports
    head = f"{reports} hazard report{'s' if reports != 1 else ''}, {steps} step"
    return head + ("s" if steps != 1 else "") + (": " + ", ".join(parts) if parts else "")


def log_view(lr: LogResult, calendar: WorkingCalendar) -> RenderableType:
    results = lr.results
    as_of = results[0].settings.as_of if results else None
    name = inert.line(lr.log.case_frame.path.name)
    parts: list[RenderableType] = [
        Text(f"Hazard log {name}: Awaab's Law deadlines as of {when(as_of)}.", style="bold"),
        Text(
            "Times are UK time (Europe/London). Working days are Monday to Friday less "
            "England and Wales bank holidays.",
            style="dim",
        ),
    ]
    soon = calendar.add(as_of.date(), SOON_DAYS) if as_of is not None else None
    for title in (*_SECTIONS.values(), _SOON):
        found = [(r, s) for r in results for s in r.steps if _section(s, soon) == title]
        if not found:
            continue
        parts.append(Text(f"\n{title} ({len(found)})", style="bold"))
        for r, s in sorted(found, key=lambda pair: _due_day(pair[1])):
            parts.extend(_line(r, s))
    parts.append(Text("\n" + totals(Tally.of(results))))
    texts = {i: t for r in results for i, t in r.assumptions}
    if texts:
        parts.append(Text("\nWhat these dates rest on", style="bold"))
        parts.extend(Text(f"  - {text}", style="dim") for text in texts.values())
    return Group(*parts)


def summary_view(tally: Tally) -> RenderableType:
    """Per step, how many of each status: the board's summary, one line a step (a line
    wraps under its step at any width, where a table's columns would be cut)."""
    parts: list[RenderableType] = [Text("Awaab's Law steps by status", style="bold")]
    track = None
    for key, row in tally.counts.items():
        if key.split(".")[0] != track:
            track = key.split(".")[0]
            parts.append(Text(f"\n{TRACK_NAMES[track]}", style="bold"))
        counts = ", ".join(f"{n} {_SUMMARY_WORDS[s]}" for s, n in row.items() if n)
        line = Text(f"  {step_words(key)}: {sum(row.values())} ({counts})")
        parts.append(line)
    parts.append(Text("\n" + totals(tally)))
    return Group(*parts)
