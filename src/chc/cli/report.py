"""`chc report`: the annual complaints performance report and TSM CH01/CH02 from a caseload."""

from __future__ import annotations

from enum import Enum
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
    handles_errors,
)
from chc.cli.options import CalendarOptions, Destination
from chc.errors import InputError
from chc.report.render import FORMATTERS

if TYPE_CHECKING:
    from chc.report.figures import Report
    from chc.report.render import Page
    from chc.report.settings import Settings

# The choices of --format are the formatter registry's names.
ReportFormat = Enum("ReportFormat", {name: name for name in FORMATTERS}, type=str)  # type: ignore[misc]


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
        ReportFormat,
        typer.Option("--format", "-f", help=f"{', '.join(FORMATTERS)}."),
    ] = ReportFormat["text"],
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
    from chc.numbers import count_option
    from chc.report.figures import build
    from chc.report.options import Options
    from chc.report.render import APPENDIX_FORMS, FORMATTERS, Page, appendix_for
    from chc.report.sections import read_narrative, sections
    from chc.report.settings import find_settings, load_settings, resolve

    name = fmt.value
    inputs = tuple(
        p
        for p in (cases, previous, self_assessment, closed_file, settings, columns)
        if p is not None
    )
    dest = Destination.checked(output, force, inputs, quiet)
    _refuse_before_reading(
        inputs,
        (previous_homes is not None and previous is None, _HOMES_ALONE),
        (self_assessment is not None and name not in APPENDIX_FORMS, _APPENDIX_FORMAT),
    )
    found = find_settings(cases, settings)
    given = load_settings(found) if found is not None else None
    who, n_homes, first, last = resolve(given, landlord, count_option(homes, "--homes"), start, end)
    options = Options(
        homes=n_homes,
        start=first,
        end=last,
        refused=refused_count_as.value,
        withdrawn=withdrawn_count_as.value,
        over_limit=over_limit_extensions.value,
        code=code,
        landlord=who,
    )
    calendar = CalendarOptions.of(region, closed, closed_file).calendar()
    narratives = read_narrative(narrative)
    appendix = None
    if self_assessment is not None:
        appendix = appendix_for(self_assessment, APPENDIX_FORMS[name], who, template)
    from chc.caseload.reading import REPORT_READS
    from chc.cli.options import read_options, say, suggest

    read = read_options(columns, sheet, date_format, ignore_column, header_row, REPORT_READS)
    suggest(cases, read, suggest_columns, force)
    tell = None if quiet else say
    report = build(cases, options, calendar, read, tell)
    if previous is not None:
        import dataclasses

        before_homes = count_option(previous_homes, "--previous-homes")
        before = build(previous, options.previous(before_homes), calendar, read, tell)
        report = dataclasses.replace(report, previous=before)
    items = sections(narratives, self_assessment=self_assessment is not None)
    page = Page(report, items, appendix, template)
    dest.write(FORMATTERS[name](page))
    _tell(report, given, page)


_HOMES_ALONE = "--previous-homes needs --previous (last year's caseload)"
_APPENDIX_FORMAT = "--self-assessment is included in md and html reports; add --format md or html"


def _refuse_before_reading(inputs: tuple[Path, ...], *mistakes: tuple[bool, str]) -> None:
    """What stops the report before anything is read: a mistake on the command line, then
    a file that is not there (a missing case file is said before the settings' gaps)."""
    from chc.inputs import check_readable

    for made, message in mistakes:
        if made:
            raise InputError(message)
    for given_file in inputs:
        check_readable(given_file)


def _tell(report: Report, given: Settings | None, page: Page) -> None:
    """What a person should know and the page does not say, on stderr."""
    from chc.report.sections import missing
    from chc.terminal.console import console

    err = console(stderr=True)
    if given is not None and given.file is not None:
        err.print(f"chc: settings from {given.file}", markup=False)
    for w in report.warnings:
        err.print(f"chc: warning: {w}", markup=False)
    for s in missing(page.sections):
        err.print(
            f"chc: missing from the report: {s.key} {s.title} (write {s.item.file} in the "
            "--narrative folder"
            + (", or give --self-assessment" if s.key == "8.1(a)" else "")
            + ")",
            markup=False,
        )
    commentary = [s for s in page.sections if s.key == "8.1(b)" and s.narrative is None]
    for s in commentary:
        err.print(
            f"chc: note: {s.key} has figures but no commentary (write {s.item.file} in the "
            "--narrative folder)",
            markup=False,
        )
