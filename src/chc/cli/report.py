"""`chc report`: the annual complaints performance report and TSM CH01/CH02 from a caseload."""

from __future__ import annotations

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
)
from chc.errors import InputError


class ReportFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


class RefusedAs(str, Enum):
    by_policy = "by-policy"
    late = "late"
    excluded = "excluded"


class WithdrawnAs(str, Enum):
    excluded = "excluded"
    as_recorded = "as-recorded"


class OverLimit(str, Enum):
    capped = "capped"
    honoured = "honoured"


@app.command("report")
@handles_errors
def report_command(
    cases: Annotated[
        Path,
        typer.Argument(
            help="The caseload: CSV, Excel (.xlsx) or JSON lines, the file chc deadlines "
            "--cases reads.",
            metavar="CASES",
        ),
    ],
    homes: Annotated[
        int,
        typer.Option("--homes", help="Homes owned (the CH01 denominator).", metavar="N"),
    ],
    start: Annotated[
        str, typer.Option("--from", help="First day of the period (YYYY-MM-DD).", metavar="DATE")
    ],
    end: Annotated[
        str, typer.Option("--to", help="Last day of the period (YYYY-MM-DD).", metavar="DATE")
    ],
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    date_format: DateFormatOpt = None,
    quiet: QuietOpt = False,
    region: RegionOpt = "england-and-wales",
    closed: ClosedOpt = None,
    closed_file: ClosedFileOpt = None,
    code: CodeOpt = None,
    refused_count_as: Annotated[
        RefusedAs,
        typer.Option(
            "--refused-count-as",
            help=(
                "Refused complaints in CH02. by-policy: refusals recorded as within policy "
                "(refusal_within_policy=yes) are left out, the rest count as not on time; "
                "late: all count as not on time; excluded: all left out."
            ),
        ),
    ] = RefusedAs.by_policy,
    withdrawn_count_as: Annotated[
        WithdrawnAs,
        typer.Option(
            "--withdrawn-count-as",
            help=(
                "Withdrawn complaints in CH02. excluded: left out; as-recorded: timed like "
                "any other response when they have a response date."
            ),
        ),
    ] = WithdrawnAs.excluded,
    over_limit_extensions: Annotated[
        OverLimit,
        typer.Option(
            "--over-limit-extensions",
            help=(
                "An extension longer than the Code's limit. capped: on time only up to the "
                "limit; honoured: on time up to the extension given."
            ),
        ),
    ] = OverLimit.capped,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="Last year's caseload: the same period one year earlier, for comparison.",
            metavar="FILE",
        ),
    ] = None,
    previous_homes: Annotated[
        int | None,
        typer.Option(
            "--previous-homes",
            help="Homes owned in the previous period (default: --homes).",
            metavar="N",
        ),
    ] = None,
    self_assessment: Annotated[
        Path | None,
        typer.Option(
            "--self-assessment",
            help="Self-assessment answers (YAML) to include as the appendix (md and html).",
            metavar="FILE",
        ),
    ] = None,
    landlord: Annotated[
        str | None,
        typer.Option("--landlord", help="The landlord's name, for the title.", metavar="NAME"),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text, md, html or json.")
    ] = ReportFormat.text,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="A folder of your own Jinja templates.", metavar="DIR"),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Build the annual complaints performance report and TSM CH01/CH02 from a caseload CSV.

    CH01 per stage: complaints received in the period / --homes x 1,000, to one decimal.
    CH02 per stage: of the complaints responded to in the period, the share responded to by
    the due date of the Code edition in force when each was received (inside an extension
    the Code permits counts as on time), percent to one decimal. Every figure is shown with
    its counts; its definition is in the report's notes and in docs/report.md.

    Optional CSV columns: category, outcome (upheld / partly upheld / not upheld /
    withdrawn), refused (yes/no), refusal_reason, refusal_within_policy (yes/no),
    remedy_amount, ombudsman_determination. A bad cell stops the run with its
    file:line:column and exit status 2.

    Exit status: 0 OK; 2 bad input.

    Examples:

      chc report examples/cases-2023-24.csv --homes 5762 --from 2023-04-01 --to 2024-03-31

      chc report cases.csv --homes 5762 --from 2024-04-01 --to 2025-03-31 --previous
      last-year.csv --format html -o report.html
    """
    from chc.dates import parse_date
    from chc.report.figures import Options, build
    from chc.workdays import calendar_for

    inputs = tuple(
        p for p in (cases, previous, self_assessment, closed_file, columns) if p is not None
    )
    if output is not None:
        from chc.output import check_writable

        check_writable(output, force=force, inputs=inputs)
    if previous_homes is not None and previous is None:
        raise InputError("--previous-homes needs --previous (last year's caseload)")
    if self_assessment is not None and fmt in (ReportFormat.text, ReportFormat.json):
        raise InputError(
            "--self-assessment is included in md and html reports; add --format md or html"
        )
    options = Options(
        homes=homes,
        start=parse_date(start, "--from"),
        end=parse_date(end, "--to"),
        refused=refused_count_as.value,
        withdrawn=withdrawn_count_as.value,
        over_limit=over_limit_extensions.value,
        code=code,
        landlord=landlord,
    )
    calendar = calendar_for(region, read_closed(closed, closed_file))
    appendix = None
    if self_assessment is not None:
        from chc.report.render import appendix_for

        appendix = appendix_for(
            self_assessment, "html" if fmt is ReportFormat.html else "md", landlord, template
        )
    from chc.caseload.reading import REPORT_READS, ReadOptions
    from chc.cli.caseload import say

    read = ReadOptions(columns=columns, sheet=sheet, date_format=date_format, fields=REPORT_READS)
    tell = None if quiet else say
    report = build(cases, options, calendar, read, tell)
    if previous is not None:
        import dataclasses

        before = build(previous, options.previous(previous_homes), calendar, read, tell)
        report = dataclasses.replace(report, previous=before)
    if fmt is ReportFormat.json:
        from chc.output import dumps_json

        emit(dumps_json(report.as_json()), output, force, inputs)
    elif fmt is ReportFormat.md:
        from chc.report.render import to_markdown

        emit(to_markdown(report, template, appendix), output, force, inputs)
    elif fmt is ReportFormat.html:
        from chc.report.render import to_html

        emit(to_html(report, template, appendix), output, force, inputs)
    else:
        from chc.report.render import to_text

        emit(to_text(report), output, force, inputs)
