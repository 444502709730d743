"""Dates in a Code file's own metadata are held to the calendar's years, like every other
date chc reads: an edition in force until 9999 is refused at its line, not believed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CODE_VERSIONS, run_chc


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("in_force_to", "9999-12-31", "9999-12-31 is outside the years chc covers (1990 to 2100)"),
        ("in_force_from", "1899-01-01", "1899-01-01 is outside the years chc covers"),
        ("in_force_from", "0000-01-01", "year 0 is out of range"),
        ("in_force_from", "2022-02-30", "in_force_from"),
    ],
)
def test_a_code_files_dates_outside_the_calendar_are_refused_at_their_line(
    tmp_path: Path, key: str, value: str, words: str
) -> None:
    text = (CODE_VERSIONS / "2022.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))
    lines[number - 1] = f"{key}: {value}\n"
    path = tmp_path / "mine.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    run = run_chc("deadlines", "--received", "2023-05-01", "--code", str(path))
    assert run.exit_code == 2, run.stdout
    assert run.stderr.count("\n") == 1
    assert f"{path}:{number}:" in run.stderr
    assert words in run.stderr
    assert "Traceback" not in run.stderr


def test_a_policys_adopted_date_takes_ascii_digits_only(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    text = (EXAMPLES / "policy-2024-seed004.yaml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines(keepends=True) if not ln.startswith("adopted:")]
    path = tmp_path / "policy.yaml"
    path.write_text('adopted: "٢٠٢٤-٠٦"\n' + "".join(lines), encoding="utf-8")
    run = run_chc("check-policy", str(path))
    assert run.exit_code == 2, run.stdout
    assert f"{path}:1:" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_json_lines_number_of_5000_digits_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"reference": "R1", "received": "2024-05-01", "stage1_extension": ' + "9" * 5000 + "}\n",
        encoding="utf-8",
    )
    run = run_chc("deadlines", "--cases", str(path), "--as-of", "2024-06-03")
    assert run.exit_code == 2, run.stdout
    assert f"{path}:1: a number has more than 4,300 digits" in run.stderr
