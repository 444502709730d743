"""`chc deadlines --format`: its choices come from the formatter registries, nothing else.

The outputs themselves are pinned in test_deadlines_cli.py and test_ics.py.
"""

from __future__ import annotations

import re

import pytest

from chc.caseload import run as caseload_run
from chc.cli import deadlines as deadlines_cli
from conftest import run_chc


def offered_choices() -> list[str]:
    """--format's choices as a user meets them: in the refusal of one that is not there."""
    run = run_chc("deadlines", "--received", "2024-05-01", "--format", "xml")
    assert run.exit_code == 2
    listed = run.stderr.split("is not one of", 1)[1].splitlines()[0]
    return re.findall(r"[a-z-]+", listed)


def test_the_choices_are_the_one_complaint_registry_then_the_caseload_only_formats() -> None:
    # Written out by hand: what the README's deadlines section offers, in --help's order.
    assert offered_choices() == ["text", "json", "ics", "csv", "csv-raw", "jsonl"]
    assert list(deadlines_cli.FORMATTERS) == ["text", "json", "ics"]


def test_every_choice_is_written_by_one_path_or_the_other() -> None:
    assert set(offered_choices()) == set(deadlines_cli.FORMATTERS) | set(caseload_run.FORMATS)
    # The caseload-only names are not one complaint's, so their refusal below is right.
    assert not set(deadlines_cli.CASELOAD_ONLY) & set(deadlines_cli.FORMATTERS)


@pytest.mark.parametrize("fmt", ["csv", "csv-raw", "jsonl"])
def test_a_caseload_only_format_for_one_complaint_names_the_ones_that_fit(fmt: str) -> None:
    run = run_chc("deadlines", "--received", "2024-05-01", "--format", fmt)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == (
        f"chc: error: --format {fmt} goes with --cases; for one complaint use text, json or ics\n"
    )


def test_no_format_for_one_complaint_is_the_text_view() -> None:
    plain = run_chc("deadlines", "--received", "2024-05-01", "--as-of", "2024-05-23")
    text = run_chc(
        "deadlines", "--received", "2024-05-01", "--as-of", "2024-05-23", "--format", "text"
    )
    assert plain.exit_code == text.exit_code == 0
    assert plain.stdout == text.stdout
    # Stage 1 acknowledgement: the 5th working day after Wed 1 May (2, 3, 7, 8, 9 May; Monday
    # 6 May was the early May bank holiday).
    assert "due Thu 09 May 2024" in plain.stdout


@pytest.mark.parametrize(
    ("names", "said"),
    [(("text",), "text"), (("text", "json"), "text or json"), (("a", "b", "c"), "a, b or c")],
)
def test_either_lists_choices_as_a_person_writes_them(names: tuple[str, ...], said: str) -> None:
    assert deadlines_cli._either(names) == said
