"""A --format a command cannot give is refused in one wording, by every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.cli.app import not_one_of
from conftest import run_chc

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Each command with --format, with what it needs to reach the option, and its formats.
COMMANDS = [
    (("deadlines", "--received", "2024-06-03"), "text, json, ics, csv, csv-raw, jsonl"),
    (("codes",), "text, json"),
    (("check-policy", str(EXAMPLES / "policy-noncompliant.yaml")), "text, json, md, html, github"),
    (("report",), "text, md, html, json"),
    (("self-assessment", "render", str(EXAMPLES / "answers-2024.yaml")), "md, html, docx, json"),
    (("self-assessment", "check", str(EXAMPLES / "answers-2024.yaml")), "text, json"),
    (("extract-policy", str(EXAMPLES / "complaints-policy.txt")), "yaml, json"),
    (("hazards",), "text, json, ics, csv, jsonl"),
]


@pytest.mark.parametrize(
    ("args", "formats"),
    COMMANDS,
    ids=[" ".join(a[:2]) if "-" in a[0] else a[0] for a, _ in COMMANDS],
)
def test_a_format_not_offered_is_refused_in_the_one_wording(
    args: tuple[str, ...], formats: str
) -> None:
    run = run_chc(*args, "--format", "xml")
    assert run.exit_code == 2
    said = " ".join(run.stderr.split())
    assert f"Invalid value for '--format' / '-f': 'xml' is not one of {formats}" in said
    assert run.stdout == ""


def test_the_wording_names_the_value_and_every_choice_in_order() -> None:
    assert not_one_of("pdf", ["md", "html"]) == "'pdf' is not one of md, html"
