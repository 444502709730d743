"""`chc extract-policy`: a draft policy file, with evidence, from the landlord's own document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chc.cli.app import ForceOpt, OutputOpt, app, format_choice, handles_errors
from chc.cli.options import Destination

if TYPE_CHECKING:
    from chc.policy.extract import Draft


def _yaml(draft: Draft) -> str:
    from chc.policy.extract import render_yaml

    return render_yaml(draft)


def _json(draft: Draft) -> str:
    from chc.output import dumps_json
    from chc.policy.extract.report import draft_json

    return dumps_json(draft_json(draft))


FORMATTERS: dict[str, Callable[[Draft], str]] = {"yaml": _yaml, "json": _json}


@app.command("extract-policy")
@handles_errors
def extract_policy_command(
    document: Annotated[
        Path,
        typer.Argument(
            help="The policy document: .docx, .pdf, .html, .txt or .md.", metavar="DOCUMENT"
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=format_choice(FORMATTERS),
            help="yaml (a policy file) or json (for programs).",
        ),
    ] = "yaml",
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Read a complaints policy document into a draft policy file for `chc check-policy`.

    Every value in the draft carries its evidence as a comment: the sentence it came from,
    copied from the document, and where it is (page, line, heading, paragraph or table row).
    Judgement calls carry a `review:` question for a person to answer. What the rules cannot
    find is left out, with a comment naming what they looked for. The draft is unreviewed:
    read it against the document before relying on it.

    Exit status: 0 draft written; 2 bad input (unreadable, encrypted, empty or scanned
    document, or one that is not a complaints policy); nothing is written then.

    Examples:

      chc extract-policy "Complaints Policy 2024.docx" -o policy.yaml

      chc extract-policy policy.pdf --format json
    """
    dest = Destination.checked(output, force, (document,))
    from chc.policy.extract import extract

    draft = extract(document)
    dest.write(FORMATTERS[fmt](draft))
