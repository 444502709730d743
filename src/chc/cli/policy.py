"""`chc check-policy`: where a complaints policy falls short of a Code edition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chc.cli.app import (
    CodeOpt,
    ForceOpt,
    OutputOpt,
    app,
    format_choice,
    handles_errors,
)
from chc.cli.options import Destination
from chc.errors import InputError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from chc.policy.findings import PolicyReport


@dataclass(frozen=True)
class _Run:
    """What a formatter needs besides the reports (a formatter returns what it made; the
    command writes it)."""

    all_codes: bool
    verbose: bool
    template: Path | None
    strict: bool


def _json(reports: list[PolicyReport], run: _Run) -> str:
    from chc.output import dumps_json

    data = (
        reports[0].as_json() if not run.all_codes else {"reports": [r.as_json() for r in reports]}
    )
    return dumps_json(data)


def _md(reports: list[PolicyReport], run: _Run) -> str:
    from chc.policy.render import to_markdown

    return "\n".join(to_markdown(r, run.template) for r in reports)


def _html(reports: list[PolicyReport], run: _Run) -> str:
    if run.all_codes:
        raise InputError("--format html shows one edition; use --code, or md/json for --all-codes")
    from chc.policy.render import to_html

    return to_html(reports[0], run.template)


def _github(reports: list[PolicyReport], run: _Run) -> str:
    from chc.policy.render import to_github

    return "".join(to_github(r) for r in reports)


def _text(reports: list[PolicyReport], run: _Run) -> RenderableType:
    from rich.console import Group

    from chc.terminal.policy import report_view, side_by_side

    views = [report_view(r, verbose=run.verbose, strict=run.strict) for r in reports]
    if len(reports) > 1:
        views.append(side_by_side(reports, strict=run.strict))
    return Group(*views)


# The one list of formats: --format's choices and help come from it.
FORMATTERS: dict[str, Callable[[list[PolicyReport], _Run], str | RenderableType]] = {
    "text": _text,
    "json": _json,
    "md": _md,
    "html": _html,
    "github": _github,
}


@app.command("check-policy")
@handles_errors
def check_policy_command(
    policy: Annotated[
        Path | None,
        typer.Argument(help="The policy file (YAML; see docs/policy-format.md).", metavar="POLICY"),
    ] = None,
    code: CodeOpt = None,
    all_codes: Annotated[
        bool, typer.Option("--all-codes", help="Check against every edition, side by side.")
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=", ".join(FORMATTERS) + ".",
            click_type=format_choice(FORMATTERS),
            metavar="FORMAT",
        ),
    ] = "text",
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 also when a 'must' provision is not stated or needs review.",
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Text: also list passes and provisions to judge by hand."
        ),
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="A folder of your own Jinja templates.", metavar="DIR"),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the policy file's JSON Schema and stop.")
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Find where a complaints policy falls short of a Code edition, provision by provision.

    Each provision's checks come from the edition file. A check passes, fails, or finds
    the point not stated in the policy (never guessed); provisions with no machine check are
    listed for a person to judge. The edition is --code, else the policy's own `code:`, else
    the edition in force today.

    Durations are compared with care: "5 days" is calendar days, never longer than 5
    working days; "2 weeks" is 10 working days; "N hours" counts 24 hours to a working day;
    a clock that starts earlier than the Code's is stricter. Every assumption is shown.
    What the policy does not state is "not stated"; a result that rests on an unverified
    reading of the Code or a rule worded "should" is "review", shown with its assumption.

    Exit status: 0 no 'must' provision fails; 1 a 'must' provision fails (with --strict,
    also one not stated or needing review); 2 bad input.

    Examples:

      chc check-policy examples/policy-2024-seed004.yaml

      chc check-policy my-policy.yaml --code 2024 --format html -o policy-check.html

      chc check-policy examples/policy-noncompliant.yaml --format github

      chc check-policy my-policy.yaml --strict
    """
    if schema:
        from chc.output import dumps_json
        from chc.policy.model import policy_schema

        Destination.checked(output, force).write(dumps_json(policy_schema()))
        return
    if policy is None:
        raise InputError("give the policy file to check, e.g. chc check-policy policy.yaml")
    dest = Destination.checked(output, force, (policy,))
    from chc.policy.extract import is_document
    from chc.policy.findings import check_policy
    from chc.policy.model import load_policy

    if is_document(policy):  # a Word, PDF, web or text policy: check an unreviewed draft
        from rich.markup import escape

        from chc.policy.extract import load_unreviewed
        from chc.terminal.console import console

        loaded = load_unreviewed(policy, lambda note: console(stderr=True).print(escape(note)))
    else:
        loaded = load_policy(policy)
    if all_codes:
        if code is not None:
            raise InputError("--all-codes and --code do not go together")
        from chc.codes.loading import builtin_editions

        editions = builtin_editions()
    else:
        from chc.dates import uk_today

        editions = [loaded.edition(code, uk_today())]
    reports = [check_policy(loaded, e) for e in editions]
    dest.put(FORMATTERS[fmt](reports, _Run(all_codes, verbose, template, strict)))
    # The exit rule is the reports': the worst of their statuses.
    raise typer.Exit(max(r.exit_code(strict=strict) for r in reports))
