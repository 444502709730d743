"""`chc hazards`: Awaab's Law clocks for one hazard report, or a repairs log (--cases)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from chc.cli.app import (
    ColumnsOpt,
    ForceOpt,
    HeaderRowOpt,
    IgnoreColumnOpt,
    OutputOpt,
    QuietOpt,
    SheetOpt,
    SuggestColumnsOpt,
    app,
    choice_of,
    handles_errors,
    tell,
)
from chc.cli.options import Destination
from chc.errors import InputError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from chc.caseload.reading import ReadOptions
    from chc.hazards.columns import FastLog
    from chc.hazards.log_output import LogResult, Tally
    from chc.hazards.report import HazardResult, Settings
    from chc.workdays import WorkingCalendar


def _as_text(r: HazardResult, out: Destination) -> None:
    from chc.terminal.hazards import hazard_view

    out.show(hazard_view(r))


def _as_json(r: HazardResult, out: Destination) -> None:
    from chc.output import dumps_json

    out.write(dumps_json(r.as_json()))


def _as_ics(r: HazardResult, out: Destination) -> None:
    from chc.hazards.ics import to_ics

    out.write(to_ics(r))


# --format's choices for one report, in order (the first is the default).
FORMATTERS: dict[str, Callable[[HazardResult, Destination], None]] = {
    "text": _as_text,
    "json": _as_json,
    "ics": _as_ics,
}


@dataclass(frozen=True)
class _Log:
    """A log's answers and where they go: what a log formatter is handed."""

    result: LogResult
    calendar: WorkingCalendar
    summary: bool
    out: Destination


def _log_text(r: _Log) -> None:
    from chc.terminal.hazard_log import log_view

    r.out.show(log_view(r.result, r.calendar))


def _summary(tally: Tally, fmt: str, out: Destination) -> None:
    """The board's summary in ``fmt``, from either path's tally."""
    from chc.hazards import log_output as lo
    from chc.output import dumps_json

    if fmt == "text":
        from chc.terminal.hazard_log import summary_view

        out.show(summary_view(tally))
        return
    if fmt == "ics":
        raise InputError("--summary goes with text, json, jsonl or csv, not a calendar")
    writers = {"json": lambda t: dumps_json(lo.summary_json(t)), "jsonl": lo.summary_jsonl}
    out.write(writers.get(fmt, lo.summary_csv)(tally))


def _log_data(r: _Log, fmt: str) -> None:
    from chc.hazards import log_output as lo
    from chc.output import dumps_json

    results = r.result.results
    if fmt == "json":
        data = dumps_json(lo.log_json(r.result))
    elif fmt == "jsonl":
        data = lo.log_jsonl(r.result)
    elif fmt == "csv":
        data = lo.log_csv(r.result)
    else:
        from chc.hazards.ics import log_ics

        r.out.write(log_ics(results))
        return
    r.out.write(data)


# A log's --format choices besides text (one report's, and what only a log can be).
LOG_ONLY = ("csv", "jsonl")
FORMATS = (*FORMATTERS, *LOG_ONLY)


def _fast_text(fast: FastLog, settings: Settings, out: Destination) -> None:
    """The log's text view by the columnar path: at a terminal through rich (in colour
    where it has colour), to a file or a pipe streamed as plain text."""
    from rich.console import Group

    from chc.terminal.hazard_log_lines import inert_text, rendered, view_pieces

    if out.output is None:
        from chc.terminal.console import console

        shown = console()
        colour = shown.color_system is not None
        batch: list[RenderableType] = []
        for piece in view_pieces(fast, settings, shown.width, colour):
            if batch and (isinstance(piece, str) or len(batch) >= 1_000):
                shown.print(Group(*batch))  # in order, a batch at a time: memory bounded
                batch = []
            if isinstance(piece, str):
                shown.file.write(inert_text(piece))
            else:
                batch.append(piece)
        shown.print(Group(*batch))
        return

    def write(handle: BinaryIO) -> None:
        for piece in view_pieces(fast, settings, _FILE_WIDTH, colour=False):
            shown = piece if isinstance(piece, str) else rendered(piece, _FILE_WIDTH)
            handle.write(inert_text(shown).encode("utf-8"))

    out.stream(write)


_FILE_WIDTH = 100
"""The width of a text view written to a file (:func:`chc.terminal.console.plain`'s)."""


def _fast_write(
    fast: FastLog, fmt: str, settings: Settings, *, summary: bool, out: Destination
) -> None:
    """What the columnar path computed, in ``fmt``."""
    if summary:
        _summary(fast.computed.tally(), fmt, out)
    elif fmt == "text":
        _fast_text(fast, settings, out)
    elif fmt == "jsonl":
        from chc.hazards.log_lines import JsonLines, write_jsonl

        lines = JsonLines(*fast, settings)
        out.stream(lambda handle: write_jsonl(lines, handle))
    elif fmt == "json":
        from chc.hazards.log_lines import INDENTED, JsonLines, document_parts, write_json

        document = JsonLines(*fast, settings, INDENTED)
        head, tail = document_parts(fast, settings)
        out.stream(lambda handle: write_json(document, head, tail, handle))
    elif fmt == "ics":
        from chc.hazards.log_ics import write_ics

        out.stream(lambda handle: write_ics(fast.computed, fast.regime, settings, handle))
    elif fast.computed.csv_has_return:
        out.write(fast.computed.csv())  # as text, through emit's net
    else:
        # Made inert a column at a time already, so streamed by polars as it writes it:
        # the net would read a long CSV again, and hold it twice.
        out.stream(fast.computed.csv)


def _run_log(
    cases: Path,
    read: ReadOptions,
    settings: Settings,
    regime: str | None,
    fmt: str,
    *,
    summary: bool,
    quiet: bool,
    out: Destination,
) -> None:
    """Read the log, compute each report, write the chosen format."""
    from chc.caseload.reading import describe
    from chc.cli.options import say
    from chc.hazards.log import compute_file, future_note, future_rows
    from chc.hazards.log_output import LogResult

    if summary and fmt == "ics":
        raise InputError("--summary goes with text, json, jsonl or csv, not a calendar")
    if summary or fmt in FORMATS:
        from chc.hazards.columns import fast_log

        fast = fast_log(cases, read, regime, settings, tally_only=summary)
        if fast is not None:
            if not quiet:
                tell(describe(fast.case_frame))
            _fast_write(fast, fmt, settings, summary=summary, out=out)
            if (note := future_note(fast.computed.future, settings.as_of)) is not None:
                say(f"warning: {note}")
            return
    results, log, calendar = compute_file(cases, read, regime, settings)
    if not quiet:
        tell(describe(log.case_frame))
    lr = _Log(LogResult(log, tuple(results)), calendar, summary, out)
    if summary:
        from chc.hazards.log_output import Tally

        _summary(Tally.of(results), fmt, out)
    elif fmt == "text":
        _log_text(lr)
    else:
        _log_data(lr, fmt)
    # Said once every row is computed and written, as chc deadlines --cases says it.
    if (note := future_note(future_rows(log, results), settings.as_of)) is not None:
        say(f"warning: {note}")


def _one_report_only(given: dict[str, object]) -> None:
    """With --cases the log gives each report's facts: these options are refused."""
    named = [name for name, value in given.items() if value]
    if named:
        raise InputError(f"{', '.join(named)} cannot be used with --cases (the log gives them)")


def _log_only(given: dict[str, object]) -> None:
    named = [name for name, value in given.items() if value]
    if named:
        raise InputError(f"{', '.join(named)} goes with --cases (a repairs log)")


def _when(help_text: str) -> object:
    return typer.Option(help=help_text + " (DATE or DATE-TIME, UK time).", metavar="WHEN")


Event = Annotated[str | None, _when("When it happened")]


@app.command("hazards")
@handles_errors
def hazards_command(
    aware: Annotated[
        str | None,
        typer.Option(
            "--aware",
            help="When the landlord became aware of the potential hazard: DATE-TIME in UK time "
            "(2026-12-04T16:30); a date alone is enough for the significant track.",
            metavar="WHEN",
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track",
            help="emergency (24 hours) or significant (working days).",
            metavar="TRACK",
            callback=_track_choice,
        ),
    ] = None,
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
            help=", ".join(FORMATS) + " (csv and jsonl for a log).",
            callback=choice_of(dict.fromkeys(FORMATS)),
            metavar="FORMAT",
        ),
    ] = "text",
    cases: Annotated[
        Path | None,
        typer.Option(
            "--cases",
            help="A repairs log (CSV, Excel or JSON lines), one hazard report a row; read "
            "like a case file (see docs/hazards.md).",
            metavar="FILE",
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="With --cases: per step, how many of each status.")
    ] = False,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    ignore_column: IgnoreColumnOpt = None,
    header_row: HeaderRowOpt = None,
    suggest_columns: SuggestColumnsOpt = None,
    quiet: QuietOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Awaab's Law deadlines for one hazard report, or a repairs log: due, done, status, late by.

    Emergency: 24 hours from awareness, in UK time, through nights and holidays (across a
    clock change, the earlier of 24 hours and the same time next day). Significant (damp and
    mould): 10 working days, then 3, 5 and 5 from the investigation concluding, 12 weeks to
    start works on site. Working days: Monday to Friday less England and Wales bank
    holidays; the starting day is day 0. Statuses: on_time, late, due, overdue, stopped,
    not_required, waiting. Nothing pauses a clock. See docs/hazards.md.

    Examples:

      chc hazards --aware 2026-12-04T16:30 --track emergency --made-safe 2026-12-05T11:00

      chc hazards --aware 2026-12-18 --track significant --concluded 2027-01-05 --format json

      chc hazards --cases repairs.csv --summary
    """
    from chc.cli.options import say, suggest
    from chc.hazards.options import build_report, build_settings
    from chc.hazards.regime import load_regime
    from chc.hazards.report import compute, option_name
    from chc.workdays import calendar_for

    out = Destination.checked(output, force, (cases, columns), quiet)
    settings = build_settings(as_of, assume_time, phase_start)
    events = {
        "concluded": concluded, "summary_sent": summary_sent, "made_safe": made_safe,
        "works_begun": works_begun, "works_started": works_started,
        "works_completed": works_completed, "decanted": decanted,
        "consent_refused": consent_refused, "no_hazard": no_hazard,
    }  # fmt: skip
    if cases is not None:
        given = {option_name(k): v for k, v in events.items()}
        given |= {"--aware": aware, "--track": track, "--reference": reference}
        _one_report_only({**given, "--hazard": hazard, "--access-attempt": access_attempt})
        read = _read_options(columns, sheet, ignore_column, header_row)
        suggest(cases, read, suggest_columns, force)
        _run_log(cases, read, settings, regime, fmt, summary=summary, quiet=quiet, out=out)
        return
    _log_only({"--summary": summary, "--columns": columns, "--sheet": sheet,
               "--ignore-column": ignore_column, "--header-row": header_row,
               "--suggest-columns": suggest_columns})  # fmt: skip
    if fmt in LOG_ONLY:
        raise InputError(f"--format {fmt} goes with --cases (a repairs log)")
    if aware is None or track is None:
        raise InputError("give --aware and --track for one report, or --cases FILE for a log")
    report = build_report(
        track, aware, events, access_attempt or (), hazard=hazard, reference=reference
    )
    rules = load_regime(regime)
    result = compute(report, rules, calendar_for(rules.region), settings)
    FORMATTERS[fmt](result, out)
    for future in result.future_dates:
        say(f"warning: {future}")


def _read_options(
    columns: Path | None, sheet: str | None, ignore: list[str] | None, header_row: int | None
) -> ReadOptions:
    from chc.caseload.reading import ReadOptions
    from chc.hazards.log import read_options

    given = ReadOptions(columns=columns, sheet=sheet, ignore=tuple(ignore or ()))
    return read_options(dataclasses.replace(given, header_row=header_row))


def _track_choice(value: str | None) -> str | None:
    return None if value is None else choice_of(dict.fromkeys(("emergency", "significant")))(value)
