"""`chc deadlines`: due dates for one complaint, or for a whole caseload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chc.cli.app import (
    ClosedFileOpt,
    ClosedOpt,
    CodeOpt,
    ColumnsOpt,
    DateFormatOpt,
    ForceOpt,
    HeaderRowOpt,
    IgnoreColumnOpt,
    OutputOpt,
    QuietOpt,
    RegionOpt,
    SheetOpt,
    SuggestColumnsOpt,
    app,
    format_choice,
    handles_errors,
    tell,
)
from chc.cli.options import CalendarOptions, Destination, read_options
from chc.errors import InputError
from chc.workdays import DEFAULT_REGION

if TYPE_CHECKING:
    from rich.console import RenderableType

    from chc.caseload.run import CaseloadJob
    from chc.codes.timetable import Timetable
    from chc.deadlines import Complaint, Timeline
    from chc.workdays import WorkingCalendar


@dataclass(frozen=True)
class Context:
    """What one complaint is judged in: the day, the calendar, the alarm before each date."""

    today: date
    calendar: WorkingCalendar
    remind: int | None = None


@dataclass(frozen=True)
class OneComplaint:
    """One complaint's computed timeline: what a formatter is handed."""

    timeline: Timeline
    edition: Timetable
    chosen: str
    ctx: Context


@dataclass(frozen=True)
class ComplaintOptions:
    """One complaint's dates and extensions as given on the command line (None: not given)."""

    received: str | None = None
    stage1_acknowledged: str | None = None
    stage1_extension: int | None = None
    stage1_responded: str | None = None
    stage2_requested: str | None = None
    stage2_acknowledged: str | None = None
    stage2_extension: int | None = None
    stage2_responded: str | None = None
    stage3_requested: str | None = None
    stage3_responded: str | None = None
    reference: str | None = None

    def given(self) -> tuple[tuple[str, object], ...]:
        """Each option by its name on the command line, with its value."""
        return tuple((f"--{f.name.replace('_', '-')}", getattr(self, f.name)) for f in fields(self))

    def complaint(self) -> Complaint:
        """The complaint, each date read (a bad one is named by its option)."""
        from chc.dates import parse_typed_date
        from chc.deadlines import Complaint

        def d(value: str | None, option: str) -> date | None:
            return parse_typed_date(value, option) if value is not None else None

        assert self.received is not None
        return Complaint(
            received=parse_typed_date(self.received, "--received"),
            stage1_acknowledged=d(self.stage1_acknowledged, "--stage1-acknowledged"),
            stage1_extension=self.stage1_extension,
            stage1_responded=d(self.stage1_responded, "--stage1-responded"),
            stage2_requested=d(self.stage2_requested, "--stage2-requested"),
            stage2_acknowledged=d(self.stage2_acknowledged, "--stage2-acknowledged"),
            stage2_extension=self.stage2_extension,
            stage2_responded=d(self.stage2_responded, "--stage2-responded"),
            stage3_requested=d(self.stage3_requested, "--stage3-requested"),
            stage3_responded=d(self.stage3_responded, "--stage3-responded"),
            reference=self.reference,
        )


def _named(given: tuple[tuple[str, object], ...]) -> str:
    """The options given, in words: ``--summary``, ``--summary and --columns``."""
    named = [name for name, value in given if value is not None]
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)


def _only_with_cases(*given: tuple[str, object]) -> None:
    """The case-file options, refused without --cases (each named)."""
    if names := _named(given):
        verb = "go" if " and " in names else "goes"
        raise InputError(f"{names} {verb} with --cases (a caseload)")


def _refused_with_cases(*given: tuple[str, object]) -> None:
    """One complaint's options, refused with --cases (the case file gives the dates)."""
    if names := _named(given):
        raise InputError(f"{names} cannot be used with --cases (the CSV gives the dates)")


def _as_text(r: OneComplaint) -> RenderableType:
    from chc.terminal.deadlines import timeline_view
    from chc.workdays import holidays_version

    return timeline_view(
        r.timeline,
        edition_title=r.edition.title,
        calendar_stamp=holidays_version(),
        chosen=r.chosen,
    )


def _as_json(r: OneComplaint) -> str:
    from chc.output import dumps_json

    return dumps_json(r.timeline.as_json())


def _as_ics(r: OneComplaint) -> bytes:
    from chc.ics import to_ics

    return to_ics([r.timeline], as_of=r.ctx.today, remind=r.ctx.remind, calendar=r.ctx.calendar)


# One complaint's formatters by --format name (the first is the default); adding one here adds
# a --format choice.
FORMATTERS: dict[str, Callable[[OneComplaint], str | bytes | RenderableType]] = {
    "text": _as_text,
    "json": _as_json,
    "ics": _as_ics,
}
# What only a caseload can be written as; the caseload's own list is chc.caseload.run.FORMATS
# (not imported here: it would put the case-file reader on one complaint's start-up), and a
# test holds the two together.
CASELOAD_ONLY = ("csv", "csv-raw", "jsonl")


def _run_caseload(
    job: CaseloadJob, dest: Destination, quiet: bool, suggest_to: Path | None
) -> None:
    """A caseload read, computed and written in the job's format; what was read, and the
    bad rows skipped, said on stderr once every row is computed."""
    from chc.caseload.run import STREAMED, open_caseload
    from chc.cli.options import report_bad, say, suggest

    if job.fmt is None and dest.at_terminal:
        # A person at a terminal is shown what needs doing; a pipe or a file gets CSV.
        job = replace(job, summary=True)
    fmt = job.format()
    suggest(job.cases, job.options(), suggest_to, dest.force)
    run = open_caseload(job, on_none=lambda bad: report_bad(bad, job.cases))
    if fmt in STREAMED:
        dest.stream(run.stream(fmt))
    elif fmt == "ics":
        dest.write(run.ics())
    else:
        from chc.terminal.caseload import cases_view, summary_view

        c = run.batches.whole()
        dest.show(summary_view(c) if job.summary else cases_view(c))
    # Said once every row is computed, so that a stop stays the one line on stderr.
    for line in run.notes(quiet):
        say(line)
    report_bad(run.bad, job.cases, job.skip_bad_rows)


def _either(names: tuple[str, ...]) -> str:
    """'text, json or ics': a list of choices as a person writes it."""
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]


@app.command("deadlines")
@handles_errors
def deadlines_command(
    received: Annotated[
        str | None,
        typer.Option("--received", help="Date the complaint was received.", metavar="DATE"),
    ] = None,
    code: CodeOpt = None,
    stage1_acknowledged: Annotated[
        str | None, typer.Option(help="Date stage 1 was acknowledged (and logged).", metavar="DATE")
    ] = None,
    stage1_extension: Annotated[
        int | None,
        typer.Option(help="Stage 1 extension, in the edition's extension unit.", metavar="N"),
    ] = None,
    stage1_responded: Annotated[
        str | None, typer.Option(help="Date of the stage 1 response.", metavar="DATE")
    ] = None,
    stage2_requested: Annotated[
        str | None, typer.Option(help="Date the resident asked for stage 2.", metavar="DATE")
    ] = None,
    stage2_acknowledged: Annotated[
        str | None, typer.Option(help="Date stage 2 was acknowledged.", metavar="DATE")
    ] = None,
    stage2_extension: Annotated[
        int | None,
        typer.Option(help="Stage 2 extension, in the edition's extension unit.", metavar="N"),
    ] = None,
    stage2_responded: Annotated[
        str | None, typer.Option(help="Date of the stage 2 response.", metavar="DATE")
    ] = None,
    stage3_requested: Annotated[
        str | None,
        typer.Option(
            help="Date the resident asked for stage 3 (2020 and 2022 editions only).",
            metavar="DATE",
        ),
    ] = None,
    stage3_responded: Annotated[
        str | None, typer.Option(help="Date of the stage 3 response.", metavar="DATE")
    ] = None,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference",
            help="The complaint's reference: shown, and the base of its calendar events' ids.",
            metavar="REF",
        ),
    ] = None,
    cases: Annotated[
        Path | None,
        typer.Option(
            "--cases",
            help="A caseload: CSV, Excel (.xlsx) or JSON lines, one complaint per row "
            "(see docs/case-files.md).",
            metavar="FILE",
        ),
    ] = None,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    date_format: DateFormatOpt = None,
    ignore_column: IgnoreColumnOpt = None,
    header_row: HeaderRowOpt = None,
    suggest_columns: SuggestColumnsOpt = None,
    quiet: QuietOpt = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="With --cases: only what is overdue or due in the next 5 working days.",
        ),
    ] = False,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows", help="With --cases: process the good rows, list the bad ones."
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Judge open/overdue on DATE (default: today in the UK).", metavar="DATE"
        ),
    ] = None,
    region: RegionOpt = DEFAULT_REGION,
    closed: ClosedOpt = None,
    closed_file: ClosedFileOpt = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=format_choice(FORMATTERS, CASELOAD_ONLY),
            help="text, json or ics; with --cases: csv, csv-raw, jsonl, json, text, ics "
            "(default: the overdue list at a terminal, CSV to a pipe or a file).",
        ),
    ] = None,
    remind: Annotated[
        int | None,
        typer.Option(
            "--remind",
            help="With --format ics: an alarm N working days before each due date, at 09:00.",
            metavar="N",
            min=1,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Due dates of a complaint's acknowledgements and responses, stage by stage.

    The edition is the one in force on the day the complaint was received, unless --code
    says otherwise. Each due date comes from the edition's own timescales. A timescale that
    counts from an event (say, the acknowledgement) uses that event's date when you give it,
    and otherwise its due date, and the result is marked "assumed". An extension counts
    from the unextended due date.

    Counting: a working day is Monday to Friday, less the region's bank holidays and any
    --closed days. The day of the event that starts the clock is day 0; N working days is
    the Nth working day after it, so an event on a weekend still starts at day 0. Calendar
    days and months are added as they are. An action on the due date is on time.

    Status: on_time (done by the due date), late (done after it), open (not done, due date
    not passed on --as-of), overdue (not done, due date passed).

    Examples:

      chc deadlines --received 2024-05-01

      chc deadlines --received 2024-05-01 --stage1-acknowledged 2024-05-03 --format json

      chc deadlines --cases examples/cases.csv --as-of 2024-06-03 --summary

      chc deadlines --cases examples/cases.csv --format ics --remind 2 -o due.ics

      chc deadlines --cases examples/case-system-export.csv --columns
      examples/case-system-columns.yaml --as-of 2026-01-30
    """
    from chc.dates import parse_typed_date, uk_today

    today = parse_typed_date(as_of, "--as-of") if as_of is not None else uk_today()
    calendar = CalendarOptions.of(region, closed, closed_file).calendar()
    dest = Destination.checked(output, force, (cases, closed_file, columns), quiet)
    if remind is not None and fmt != "ics":
        raise InputError("--remind goes with --format ics (an alarm in the calendar)")
    one = ComplaintOptions(
        received=received,
        stage1_acknowledged=stage1_acknowledged,
        stage1_extension=stage1_extension,
        stage1_responded=stage1_responded,
        stage2_requested=stage2_requested,
        stage2_acknowledged=stage2_acknowledged,
        stage2_extension=stage2_extension,
        stage2_responded=stage2_responded,
        stage3_requested=stage3_requested,
        stage3_responded=stage3_responded,
        reference=reference,
    )
    if cases is not None:
        _refused_with_cases(*one.given())
        from chc.caseload.run import CaseloadJob

        read = read_options(columns, sheet, date_format, ignore_column, header_row)
        job = CaseloadJob(cases, calendar, today, code, fmt, summary, skip_bad_rows, remind, read)
        _run_caseload(job, dest, quiet, suggest_columns)
        return
    _only_with_cases(
        ("--summary", summary or None),
        ("--skip-bad-rows", skip_bad_rows or None),
        ("--columns", columns),
        ("--sheet", sheet),
        ("--date-format", date_format),
        ("--ignore-column", ignore_column),
        ("--header-row", header_row),
        ("--suggest-columns", suggest_columns),
    )
    _one_complaint(one, code, fmt, Context(today, calendar, remind), dest)


def _one_complaint(
    one: ComplaintOptions, code: str | None, name: str | None, ctx: Context, dest: Destination
) -> None:
    """One complaint's timeline, computed and written in the format named."""
    if one.received is None:
        raise InputError("give --received DATE (one complaint) or --cases CSV (a caseload)")
    name = name or next(iter(FORMATTERS))
    formatter = FORMATTERS.get(name)
    if formatter is None:
        raise InputError(
            f"--format {name} goes with --cases; for one complaint use {_either(tuple(FORMATTERS))}"
        )
    from chc.codes.rule import choose_timetable
    from chc.deadlines import compute

    complaint = one.complaint()
    edition, chosen = choose_timetable(complaint.received, code)
    timeline = compute(complaint, edition, ctx.calendar, ctx.today)
    for future in timeline.future_dates:
        tell(f"chc: warning: {future}")
    dest.put(formatter(OneComplaint(timeline, edition, chosen, ctx)))
