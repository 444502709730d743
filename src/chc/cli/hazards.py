"""`chc hazards`: Awaab's Law clocks for one hazard report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chc.cli.app import ForceOpt, OutputOpt, app, choice_of, emit, handles_errors, show

if TYPE_CHECKING:
    from chc.hazards.report import HazardResult


@dataclass(frozen=True)
class _Out:
    output: Path | None
    force: bool

    @classmethod
    def checked(cls, output: Path | None, force: bool) -> _Out:
        """The destination, refused before any work is done if it cannot be written."""
        if output is not None:
            from chc.output import check_writable

            check_writable(output, force=force)
        return cls(output, force)


def _as_text(r: HazardResult, out: _Out) -> None:
    from chc.terminal.hazards import hazard_view
    from chc.workdays import holidays_version

    show(hazard_view(r, calendar_stamp=holidays_version()), out.output, out.force)


def _as_json(r: HazardResult, out: _Out) -> None:
    from chc.output import dumps_json

    emit(dumps_json(r.as_json()), out.output, out.force)


def _as_ics(r: HazardResult, out: _Out) -> None:
    from chc.hazards.ics import to_ics

    emit(to_ics(r), out.output, out.force)


# --format's choices, in order (the first is the default).
FORMATTERS: dict[str, Callable[[HazardResult, _Out], None]] = {
    "text": _as_text,
    "json": _as_json,
    "ics": _as_ics,
}


def _when(help_text: str) -> object:
    return typer.Option(help=help_text + " (DATE or DATE-TIME, UK time).", metavar="WHEN")


Event = Annotated[str | None, _when("When it happened")]


@app.command("hazards")
@handles_errors
def hazards_command(
    aware: Annotated[
        str,
        typer.Option(
            "--aware",
            help="When the landlord became aware of the potential hazard: DATE-TIME in UK time "
            "(2026-12-04T16:30); a date alone is enough for the significant track.",
            metavar="WHEN",
        ),
    ],
    track: Annotated[
        str,
        typer.Option(
            "--track",
            help="emergency (24 hours) or significant (working days).",
            metavar="TRACK",
            callback=choice_of({"emergency": None, "significant": None}),
        ),
    ],
    concluded: Annotated[str | None, _when("The investigation concluded")] = None,
    summary_sent: Annotated[str | None, _when("The written summary was sent")] = None,
    made_safe: Annotated[str | None, _when("The home was made safe")] = None,
    works_begun: Annotated[str | None, _when("Further works begun, or steps taken to")] = None,
    works_started: Annotated[str | None, _when("Further works physically started")] = None,
    works_completed: Annotated[str | None, _when("All required works finished")] = None,
    decanted: Annotated[str | None, _when("The household moved to other accommodation")] = None,
    consent_refused: Annotated[
        str | None, _when("A consent needed was refused after all reasonable steps")
    ] = None,
    no_hazard: Annotated[str | None, _when("A further investigation found no hazard")] = None,
    access_attempt: Annotated[
        list[str] | None,
        typer.Option(
            "--access-attempt", help="An attempt to get access (repeatable).", metavar="WHEN"
        ),
    ] = None,
    hazard: Annotated[
        str | None,
        typer.Option(
            "--hazard",
            help="The hazard's kind, e.g. damp_and_mould, excess_cold (chc codes "
            "awaabs-law-2025 lists them; default damp_and_mould on the significant track).",
            metavar="KIND",
        ),
    ] = None,
    phase_start: Annotated[
        str | None,
        typer.Option(
            "--phase-start",
            help="For a planned phase's hazard: the date you take it to apply from; its "
            "deadlines are then marked provisional.",
            metavar="DATE",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge due/overdue at this moment (a date means its start, 00:00 UK time; "
            "default now).",
            metavar="WHEN",
        ),
    ] = None,
    assume_time: Annotated[
        str | None,
        typer.Option(
            "--assume-time",
            help="Read a date given without a time as this time of day (HH:MM) where a "
            "24-hour clock needs one; said in the output.",
            metavar="HH:MM",
        ),
    ] = None,
    reference: Annotated[
        str | None, typer.Option("--reference", help="The report's reference.", metavar="REF")
    ] = None,
    regime: Annotated[
        str | None,
        typer.Option(
            "--regime", help="A regime file of your own (default awaabs-law-2025).", metavar="PATH"
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=" or ".join(FORMATTERS) + ".",
            callback=choice_of(FORMATTERS),
            metavar="FORMAT",
        ),
    ] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Awaab's Law deadlines for one hazard report: due, done, status, late by.

    Emergency: 24 hours from awareness, in UK time, through nights and holidays (across a
    clock change, the earlier of 24 hours and the same time next day). Significant (damp and
    mould): 10 working days, then 3, 5 and 5 from the investigation concluding, 12 weeks to
    start works on site. Working days: Monday to Friday less England and Wales bank
    holidays; the starting day is day 0. Statuses: on_time, late, due, overdue, stopped,
    not_required, waiting. Nothing pauses a clock. See docs/hazards.md.

    Examples:

      chc hazards --aware 2026-12-04T16:30 --track emergency --made-safe 2026-12-05T11:00

      chc hazards --aware 2026-12-18 --track significant --concluded 2027-01-05 --format json
    """
    from chc.hazards.options import build_report, build_settings
    from chc.hazards.regime import load_regime
    from chc.hazards.report import compute
    from chc.workdays import calendar_for

    out = _Out.checked(output, force)
    events = {
        "concluded": concluded,
        "summary_sent": summary_sent,
        "made_safe": made_safe,
        "works_begun": works_begun,
        "works_started": works_started,
        "works_completed": works_completed,
        "decanted": decanted,
        "consent_refused": consent_refused,
        "no_hazard": no_hazard,
    }
    report = build_report(
        track, aware, events, access_attempt or (), hazard=hazard, reference=reference
    )
    settings = build_settings(as_of, assume_time, phase_start)
    rules = load_regime(regime)
    result = compute(report, rules, calendar_for(rules.region), settings)
    FORMATTERS[fmt](result, out)
