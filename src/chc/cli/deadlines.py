"""`chc deadlines`: due dates for one complaint, or for a whole caseload."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from chc.cli.app import (
    ClosedFileOpt,
    ClosedOpt,
    CodeOpt,
    ColumnsOpt,
    DateFormatOpt,
    ForceOpt,
    OutputOpt,
    QuietOpt,
    RegionOpt,
    SheetOpt,
    app,
    emit,
    handles_errors,
    read_closed,
    show,
)
from chc.errors import InputError
from chc.workdays import DEFAULT_REGION


class DeadlineFormat(str, Enum):
    text = "text"
    json = "json"
    ics = "ics"
    csv = "csv"
    jsonl = "jsonl"


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
            "--as-of", help="Judge open/overdue on DATE (default: today).", metavar="DATE"
        ),
    ] = None,
    region: RegionOpt = DEFAULT_REGION,
    closed: ClosedOpt = None,
    closed_file: ClosedFileOpt = None,
    fmt: Annotated[
        DeadlineFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json or ics; with --cases: csv (default), jsonl, json, text, ics.",
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
    from chc.dates import parse_date
    from chc.workdays import calendar_for

    today = parse_date(as_of, "--as-of") if as_of is not None else date.today()
    days_off = read_closed(closed, closed_file)
    calendar = calendar_for(region, days_off)
    inputs = tuple(p for p in (cases, closed_file, columns) if p is not None)
    if output is not None:
        from chc.output import check_writable

        check_writable(output, force=force, inputs=inputs)
    if remind is not None and fmt is not DeadlineFormat.ics:
        raise InputError("--remind goes with --format ics (an alarm in the calendar)")
    if cases is not None:
        given = [
            name
            for name, value in (
                ("--received", received),
                ("--stage1-acknowledged", stage1_acknowledged),
                ("--stage1-extension", stage1_extension),
                ("--stage1-responded", stage1_responded),
                ("--stage2-requested", stage2_requested),
                ("--stage2-acknowledged", stage2_acknowledged),
                ("--stage2-extension", stage2_extension),
                ("--stage2-responded", stage2_responded),
                ("--stage3-requested", stage3_requested),
                ("--stage3-responded", stage3_responded),
                ("--reference", reference),
            )
            if value is not None
        ]
        if given:
            raise InputError(
                f"{', '.join(given)} cannot be used with --cases (the CSV gives the dates)"
            )
        from chc.caseload.reading import ReadOptions
        from chc.cli.caseload import run_caseload

        run_caseload(
            cases,
            calendar,
            today,
            code,
            fmt.value if fmt else None,
            summary,
            skip_bad_rows,
            output,
            force,
            remind,
            ReadOptions(columns=columns, sheet=sheet, date_format=date_format),
            quiet,
        )
        return
    if summary or skip_bad_rows:
        raise InputError("--summary and --skip-bad-rows go with --cases")
    if columns is not None or sheet is not None or date_format is not None:
        raise InputError("--columns, --sheet and --date-format go with --cases")
    if received is None:
        raise InputError("give --received DATE (one complaint) or --cases CSV (a caseload)")
    if fmt in (DeadlineFormat.csv, DeadlineFormat.jsonl):
        raise InputError(
            f"--format {fmt.value} goes with --cases; for one complaint use text, json or ics"
        )

    from chc.codes.timetable import choose_timetable
    from chc.deadlines import Complaint, compute

    def d(value: str | None, option: str) -> date | None:
        return parse_date(value, option) if value is not None else None

    complaint = Complaint(
        received=parse_date(received, "--received"),
        stage1_acknowledged=d(stage1_acknowledged, "--stage1-acknowledged"),
        stage1_extension=stage1_extension,
        stage1_responded=d(stage1_responded, "--stage1-responded"),
        stage2_requested=d(stage2_requested, "--stage2-requested"),
        stage2_acknowledged=d(stage2_acknowledged, "--stage2-acknowledged"),
        stage2_extension=stage2_extension,
        stage2_responded=d(stage2_responded, "--stage2-responded"),
        stage3_requested=d(stage3_requested, "--stage3-requested"),
        stage3_responded=d(stage3_responded, "--stage3-responded"),
        reference=reference,
    )
    edition, chosen = choose_timetable(complaint.received, code)
    timeline = compute(complaint, edition, calendar, today)
    if fmt is DeadlineFormat.json:
        from chc.output import dumps_json

        emit(dumps_json(timeline.as_json()), output, force, inputs)
        return
    if fmt is DeadlineFormat.ics:
        from chc.ics import to_ics

        emit(
            to_ics([timeline], as_of=today, remind=remind, calendar=calendar), output, force, inputs
        )
        return
    from chc.terminal.deadlines import timeline_view
    from chc.workdays import holidays_version

    view = timeline_view(
        timeline, edition_title=edition.title, calendar_stamp=holidays_version(), chosen=chosen
    )
    show(view, output, force, inputs)
