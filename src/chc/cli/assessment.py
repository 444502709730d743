"""`chc self-assessment`: scaffold, check and render the annual self-assessment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from chc.assessment.formats import BINARY_FORMATS, FORMATTERS
from chc.cli.app import (
    CodeOpt,
    ForceOpt,
    OutputOpt,
    app,
    format_choice,
    handles_errors,
    tell,
)
from chc.cli.options import Destination
from chc.errors import InputError
from chc.exitcodes import RC
from chc.terminal.help import WholeHelpGroup

assessment_app = typer.Typer(
    name="self-assessment",
    help=(
        "Scaffold, check and render the annual self-assessment against a Code edition.\n\n"
        "Three steps: scaffold an answers file, fill it in, check it, render it.\n\n"
        "Example: chc self-assessment scaffold --code 2024 -o answers.yaml"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    cls=WholeHelpGroup,  # each command's description whole in --help
)
app.add_typer(assessment_app)


AnswersArg = Annotated[
    Path,
    typer.Argument(help="The answers file (YAML; see docs/answers-format.md).", metavar="ANSWERS"),
]


# self-assessment check's formats: the problems for a person, or as JSON.
CHECK_FORMATS = ("text", "json")


@assessment_app.command("scaffold")
@handles_errors
def scaffold_command(
    code: CodeOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    from_policy: Annotated[
        Path | None,
        typer.Option(
            "--from-policy",
            help="Pre-fill what chc check-policy decides for POLICY (marked machine_filled).",
            metavar="POLICY",
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Carry last year's answers forward, through the Code's crosswalk.",
            metavar="ANSWERS",
        ),
    ] = None,
    landlord: Annotated[
        str | None, typer.Option("--landlord", help="The landlord's name.", metavar="NAME")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="The year assessed, e.g. 2024-25.", metavar="TEXT"),
    ] = None,
) -> None:
    """Write a new answers file: one entry per item of the edition's self-assessment form.

    Each entry has empty comply, evidence, commentary, action and target_date fields, with
    chc's summary of the requirement as a comment above it. An existing file is never
    replaced without --force. --from carries last year's answers forward (a 2022 answer
    for 4.1 lands on 2024's 6.2) and lists the old items that have no successor;
    --from-policy fills in only the items --from left empty.

    Examples:

      chc self-assessment scaffold --code 2024 -o answers.yaml

      chc self-assessment scaffold --code 2024 --from answers-2022.yaml -o answers.yaml

      chc self-assessment scaffold --code 2024 --from-policy policy.yaml -o answers.yaml
    """
    from chc.assessment.answers import code_reference
    from chc.assessment.carry import prefill
    from chc.assessment.render import scaffold
    from chc.codes.loading import load_edition

    if code is None:
        raise InputError("give the edition to assess against, e.g. --code 2024")
    dest = Destination.checked(output, force, (from_policy, previous))
    edition = load_edition(code)
    start = prefill(edition, previous, from_policy, landlord, tell)
    name = output.name if output is not None else "answers.yaml"
    text = scaffold(
        edition,
        code=code_reference(code, output.parent if output is not None else None),
        name=name,
        landlord=start.landlord,
        period=period,
        answers=start.answers,
        notes=start.notes,
    )
    dest.write(text)


@assessment_app.command("check")
@handles_errors
def check_command(
    answers: AnswersArg,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when there are warnings.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge target dates against DATE (YYYY-MM-DD), not today (in the UK).",
            metavar="DATE",
        ),
    ] = None,
    # The old spelling, kept working but out of --help: "today" is --as-of in every command.
    today: Annotated[
        str | None,
        typer.Option("--today", hidden=True, metavar="DATE", help="Old spelling of --as-of."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", click_type=format_choice(CHECK_FORMATS), help="text or json."
        ),
    ] = "text",
) -> None:
    """Check an answers file: every problem with its file, line and column.

    Errors: an unknown or duplicate item id, comply not one of yes / no / partly / not
    applicable, a field of the wrong type, a date that does not exist. Warnings: a missing
    or unanswered item, a "yes" with no evidence, a "no" or "partly" with no commentary or
    no target date, a target date in the past, an answer chc filled in and nobody reviewed.

    Exit status: 0 no errors (and with --strict no warnings); 1 warnings with --strict;
    2 errors or bad input.

    Examples:

      chc self-assessment check answers.yaml

      chc self-assessment check answers.yaml --strict --as-of 2024-06-30 --format json
    """
    from chc.assessment.answers import check_answers, read_answers
    from chc.dates import parse_typed_date as parse_date
    from chc.dates import uk_today

    if as_of is not None and today is not None:
        raise InputError("give --as-of once (--today is its old name)")
    given, option = (as_of, "--as-of") if today is None else (today, "--today")
    day = parse_date(given, option) if given is not None else uk_today()
    report = check_answers(read_answers(answers), today=day)
    if fmt == "json":
        from chc.output import dumps_json

        Destination(None).write(dumps_json(report.as_json()))
    else:
        from chc.terminal.assessment import report_view
        from chc.terminal.console import console

        # One line per problem, never wrapped, so that it can be grepped.
        console().print(report_view(report), soft_wrap=True)
    raise typer.Exit(report.exit_code(strict=strict))


@assessment_app.command("render")
@handles_errors
def render_command(
    answers: AnswersArg,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            # The choices are the registry's names: adding a formatter adds a choice.
            click_type=format_choice(FORMATTERS),
            help="md (Markdown), html, docx (Word; needs -o) or json.",
        ),
    ] = "md",
    output: OutputOpt = None,
    force: ForceOpt = False,
    title: Annotated[
        str | None, typer.Option("--title", help="The document's title.", metavar="TEXT")
    ] = None,
    landlord: Annotated[
        str | None,
        typer.Option(
            "--landlord", help="The landlord's name, instead of the file's.", metavar="NAME"
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help=(
                "md, html: a folder of your own Jinja templates (self-assessment.md.j2, "
                "self-assessment.html.j2), rendered sandboxed. docx: a Word file whose "
                "styles, page set-up and headers to use."
            ),
            metavar="DIR|FILE.docx",
        ),
    ] = None,
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="Refuse (exit 1) unless every item is answered and reviewed; never DRAFT.",
        ),
    ] = False,
) -> None:
    """Render the answers as the edition's form lays it out: Markdown, HTML, Word or JSON.

    A summary comes first (items complying, not complying, partly, not applicable and not
    answered, per section, and per must/should table for 2022), then the actions and
    target dates, then one table per section (2024), a 'must' and a 'should' table per
    section (2022) or the themes' questions (2020). HTML is one self-contained file that
    prints on A4; Word is landscape A4 with named styles you can restyle. Errors in the
    answers stop the render (run check for the full list); warnings do not.

    A form with items not answered, or answers chc filled in that nobody has reviewed, is
    rendered marked DRAFT on every page, and stderr says why. With --final it is not
    rendered at all: exit status 1 and the list of what is left.

    Examples:

      chc self-assessment render answers.yaml --format html -o self-assessment.html

      chc self-assessment render answers.yaml --format docx -o self-assessment.docx --final

      chc self-assessment render answers.yaml --format docx --template ours.docx -o sa.docx
    """
    from chc.assessment.answers import load_answers
    from chc.assessment.finished import unfinished
    from chc.assessment.formats import Rendering
    from chc.assessment.render import view

    name = fmt
    inputs = (answers,) + ((template,) if template is not None else ())
    # A Word file is bytes no terminal can show; to a pipe (-o - or none) it may go.
    if output is None and name in BINARY_FORMATS and sys.stdout.isatty():
        raise InputError(f"--format {name} writes a file: give -o FILE.{name}")
    dest = Destination.checked(output, force, inputs)
    loaded = load_answers(answers)
    left = unfinished(loaded)
    if left.is_draft:
        lead = "not rendered" if final else "marked DRAFT"
        tell(f"{answers}: {lead}: the form is not finished")
        for line in left.listing():
            tell(f"  {line}")
        if final:
            raise typer.Exit(RC.FINDINGS)
    context = view(loaded, title=title, landlord=landlord)
    dest.write(FORMATTERS[name](Rendering(loaded, context, template)))


@assessment_app.command("export")
@handles_errors
def export_command(
    answers: AnswersArg,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The workbook to write (.xlsx).", metavar="FILE"),
    ],
    force: ForceOpt = False,
) -> None:
    """Write the answers as an Excel workbook, one row per item, for colleagues to fill in.

    Columns: Item, Requirement (chc's summary), Comply (a drop-down), Evidence, Commentary,
    Action, Target date, Filled in by chc. The header row and the item column are frozen and
    text wraps. Bring the edits back with `chc self-assessment import`.

    Example:

      chc self-assessment export answers.yaml -o answers.xlsx
    """
    from chc.assessment.answers import load_answers
    from chc.assessment.sheet import to_xlsx

    if output.suffix.lower() != ".xlsx":
        raise InputError("name the workbook FILE.xlsx", file=output)
    dest = Destination.checked(output, force, (answers,))
    dest.write(to_xlsx(load_answers(answers)))


@assessment_app.command("import")
@handles_errors
def import_command(
    workbook: Annotated[
        Path,
        typer.Argument(help="A workbook written by export, edited.", metavar="WORKBOOK"),
    ],
    output: OutputOpt = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="Merge into this answers file, keeping its comments (written in place "
            "unless -o is given).",
            metavar="ANSWERS",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Read an edited workbook back into an answers file.

    With -o, a new answers file in the form's order, with chc's summary above each item.
    With --into, the answers in the workbook replace those in an existing file, whose
    comments, order and other items are kept. Every bad cell is reported as
    FILE:SHEET:CELL (a comply value not in the list, a date that is not a date, an unknown
    or repeated item id, a missing column), with exit status 2 and nothing written.

    Examples:

      chc self-assessment import answers.xlsx -o answers.yaml

      chc self-assessment import answers.xlsx --into answers.yaml
    """
    if output is None and into is None:
        raise InputError("give -o NEW.yaml, or --into ANSWERS.yaml to merge into a file")
    target = output or into
    assert target is not None
    # --into alone names the file to update: it is the output, not an input to protect.
    inputs = (workbook,) + ((into,) if into is not None and output is not None else ())
    Destination.checked(output, force, inputs)
    if into is None:
        text = _new_answers(workbook, target)
    else:
        from chc.assessment.answers import load_answers
        from chc.assessment.merge import edition_matching, merge_into
        from chc.assessment.sheet import read_sheet
        from chc.yamlio import read_text

        existing = load_answers(into)
        sheet = read_sheet(workbook, edition_matching(existing))
        text = merge_into(existing, read_text(into), sheet)
        if output is None:
            from chc.inputs import forget

            forget(into)
    Destination(target, force or output is None, inputs).write(text)


def _new_answers(workbook: Path, target: Path) -> str:
    from chc.assessment.answers import code_reference, edition_for, resolve_code
    from chc.assessment.render import scaffold
    from chc.assessment.sheet import read_sheet

    sheet = read_sheet(workbook, lambda code: edition_for(code, workbook))
    return scaffold(
        edition_for(sheet.code, workbook),
        code=code_reference(resolve_code(sheet.code, workbook), target.parent),
        name=target.name,
        landlord=sheet.landlord,
        period=sheet.period,
        answers=sheet.answers,
    )
