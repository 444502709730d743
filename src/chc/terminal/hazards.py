"""`chc hazards` for people: one hazard report's steps in a complaints officer's words."""

from __future__ import annotations

from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.text import Text

from chc.hazards.moments import Moment
from chc.hazards.report import HazardResult, StepResult
from chc.hazards.words import EVENT_WORDS, STATUS_WORDS, UNIT_WORDS, hazard_words, step_words

STATUS_STYLE = {"on_time": "green", "late": "bold red", "overdue": "bold red", "due": "yellow"}
# What ended a step, after its status: "on time; concluded Fri 04 Dec 2026 22:10 GMT".
DONE_WORDS = {**EVENT_WORDS, "concluded": "concluded", "summary_sent": "sent"}
TRACK_WORDS = {"emergency": "emergency hazard", "significant": "significant hazard"}


def when(value: datetime | date | Moment | None) -> str:
    if isinstance(value, Moment):
        value = value.at or value.day
    if isinstance(value, datetime):
        return f"{value:%a %d %b %Y %H:%M} {value.tzname()}"
    if isinstance(value, date):
        return f"{value:%a %d %b %Y}"
    return "-"


def late_words(s: StepResult) -> str:
    if s.late_by is None:
        return ""
    if s.late_by.unit == "hours":
        minutes = round(s.late_by.amount * 60)
        hours, rest = divmod(minutes, 60)
        return f" by {hours} h {rest:02d} min" if rest else f" by {hours} h"
    n = int(s.late_by.amount)
    if n == 0:
        return " (past its day; no working day since)"
    return f" by {n} working day{'s' if n != 1 else ''}"


def _step_lines(s: StepResult) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(step_words(s.key), style="bold")]
    status = Text.assemble("    due ", (when(s.due), "bold"), "  ")
    status.append(STATUS_WORDS[s.status] + late_words(s), style=STATUS_STYLE.get(s.status, "dim"))
    if s.done is not None and s.done_by is not None:
        status.append(f"; {DONE_WORDS[s.done_by]} {when(s.done)}")
    lines.append(status)
    start = "assumed, if it concludes on time" if s.from_assumed else when(s.start)
    rule = f"    {s.limit} {UNIT_WORDS[s.unit]} from {EVENT_WORDS[s.from_event]} ({start})"
    if s.clock_change:
        rule += "; the clocks change inside it, so it ends at the earlier of 24 hours and "
        rule += "the same time next day"
    lines.append(Text(rule, style="dim"))
    if s.alternative_due is not None:
        lines.append(
            Text(
                f"    counted from the investigation instead: {when(s.alternative_due)}",
                style="dim",
            )
        )
    if s.status in ("late", "overdue"):
        lines.append(Text(attempts_words(s), style="yellow"))
    return lines


def attempts_words(s: StepResult) -> str:
    n = len(s.access_attempts)
    if n == 0:
        return "    Deadline missed; no access attempts recorded by then."
    listed = ", ".join(when(a) for a in s.access_attempts)
    return (
        f"    Deadline missed; {n} access attempt{'s' if n != 1 else ''} recorded by then "
        f"({listed}). They do not pause the clock, but may help show that all reasonable "
        "steps were taken."
    )


def hazard_view(r: HazardResult) -> RenderableType:
    rep = r.report
    kind = hazard_words(r.scope.kind) if r.scope.kind else "any kind except crowding and space"
    title = f"{TRACK_WORDS[rep.track]} ({kind})"
    head = Text.assemble(
        (f"Hazard report {rep.reference}: " if rep.reference else "Hazard report: ", "bold"),
        (title, "bold"),
        f"\nAwaab's Law, phase {r.scope.phase}. Landlord aware {when(rep.aware)}. "
        f"Status as of {when(r.settings.as_of)}.\n"
        "Times are UK time (Europe/London). Working days are Monday to Friday less England "
        "and Wales bank holidays.",
    )
    parts: list[RenderableType] = [head]
    if r.scope.provisional and r.settings.phase_start is not None:
        parts.append(
            Text(
                f"PROVISIONAL: a phase {r.scope.phase} hazard; these timescales may apply from "
                f"{when(r.settings.phase_start)}, a date not yet confirmed.",
                style="bold yellow",
            )
        )
    parts.append(Text(""))
    for s in r.steps:
        parts.extend(_step_lines(s))
    if any(s.status in ("late", "overdue") for s in r.steps):
        parts.append(
            Text(
                "\nIf the tenant is unhappy with how this is being handled, offer a complaint "
                "(they need not use the word); it can be raised while the repair is open, and "
                "the Housing Ombudsman route follows.",
            )
        )
    parts.append(Text("\nWhat these dates rest on", style="bold"))
    parts.extend(Text(f"  - {text}", style="dim") for _, text in r.assumptions)
    return Group(*parts)
