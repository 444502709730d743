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
)
from chc.cli.options import CalendarOptions, Destination
from chc.report.render import FORMATTERS


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
        str | None,
        typer.Option(
            "--homes",
            help="Homes owned (the CH01 denominator); or homes: in the settings.",
            metavar="N",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First day of the period (YYYY-MM-DD); or period: in the settings.",
            metavar="DATE",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day of the period (YYYY-MM-DD).", metavar="DATE"),
    ] = None,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    date_format: DateFormatOpt = None,
    ignore_column: IgnoreColumnOpt = None,
    header_row: HeaderRowOpt = None,
    suggest_columns: SuggestColumnsOpt = None,
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
        str | None,
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
        typer.Option(
            "--landlord",
            help="The landlord's name, for the title (required here or in the settings).",
            metavar="NAME",
        ),
    ] = None,
    settings: Annotated[
        Path | None,
        typer.Option(
            "--settings",
            help="A settings file (landlord, homes, period); default: chc-report.yaml "
            "beside the case file, when there is one.",
            metavar="FILE",
        ),
    ] = None,
    narrative: Annotated[
        Path | None,
        typer.Option(
            "--narrative",
            help="A folder of Markdown files, one per item of the Code's 8.1 and 8.2 the "
            "case file cannot give (see docs/report.md for the file names).",
            metavar="DIR",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", click_type=format_choice(FORMATTERS), help=f"{', '.join(FORMATTERS)}."
        ),
    ] = "text",
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

    The landlord's name, the number of homes and the period may come from a settings file
    (chc-report.yaml beside the case file, or --settings FILE): landlord, homes, and
    period (a financial year such as 2023-24) or from and to. Options win over the file.

    The report has a section for each item the 2024 Code's 8.1 and 8.2 ask for; what the
    case file cannot give comes from --narrative DIR, one Markdown file per item
    (self-assessment.md, performance.md, non-compliance.md, service-improvements.md,
    ombudsman-annual-report.md, other-ombudsman-reports.md, governing-body-response.md).
    Items with nothing to show are listed as missing at the top of the report and on
    stderr; chc's own warnings go to stderr, never into the report.

    Exit status: 0 OK; 2 bad input.

    Examples:

      chc report examples/cases-2023-24.csv --homes 5762 --from 2023-04-01 --to 2024-03-31
      --landlord "Example Homes"

      chc report cases.csv --settings chc-report.yaml --previous last-year.csv
      --narrative narrative/ --self-assessment answers.yaml --format html -o report.html
    """
    from chc.caseload.reading import REPORT_READS
    from chc.cli.options import read_options, say, suggest
    from chc.report.request import CaseReading, ReportRequest, notes, prepare

    name = fmt
    given = (cases, previous, self_assessment, closed_file, settings, columns)
    inputs = tuple(p for p in given if p is not None)
    dest = Destination.checked(output, force, inputs, quiet)
    request = ReportRequest(
        cases=cases,
        fmt=name,
        files=inputs,
        homes=homes,
        start=start,
        end=end,
        refused=refused_count_as.value,
        withdrawn=withdrawn_count_as.value,
        over_limit=over_limit_extensions.value,
        code=code,
        landlord=landlord,
        settings=settings,
        previous=previous,
        previous_homes=previous_homes,
        self_assessment=self_assessment,
        narrative=narrative,
        template=template,
    )
    prepared = prepare(request, CalendarOptions.of(region, closed, closed_file).calendar)
    read = read_options(columns, sheet, date_format, ignore_column, header_row, REPORT_READS)
    suggest(cases, read, suggest_columns, force)
    page = prepared.page(CaseReading(read, None if quiet else say))
    dest.write(FORMATTERS[name](page))
    _tell(notes(page, prepared.settings))


def _tell(lines: list[str]) -> None:
    """What a person should know and the page does not say, on stderr."""
    from chc.terminal.console import console

    err = console(stderr=True)
    for line in lines:
        err.print(f"chc: {line}", markup=False)
