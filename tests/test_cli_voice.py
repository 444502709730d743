"""Issue 26, points 2 and 7: what a person at a terminal sees first, and every command that
writes a file saying so in the same voice."""

from __future__ import annotations

import os
import pty
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_YEAR, run_chc

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = EXAMPLES / "cases.csv"
REPORT_ARGS = EXAMPLE_YEAR


def _at_a_terminal(*args: str) -> tuple[int, str]:
    """chc run with its standard output a pseudo-terminal, as a person at a shell runs it."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.run(
        [sys.executable, "-m", "chc", *args],
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


# -- point 2: a caseload at a terminal ------------------------------------------------------


def test_a_caseload_at_a_terminal_is_the_overdue_list_not_csv() -> None:
    status, shown = _at_a_terminal("deadlines", "--cases", str(CASES), "--as-of", "2024-06-03")
    assert status == 0
    assert "reference,code,key" not in shown
    assert "3 overdue" in " ".join(shown.split())  # wherever the path makes it wrap
    assert "CHC-2024-011" in shown and "OVERDUE" in shown


def test_a_caseload_to_a_pipe_is_csv() -> None:
    result = run_chc("deadlines", "--cases", str(CASES), "--as-of", "2024-06-03")
    assert result.exit_code == 0
    assert result.stdout.startswith("reference,")


def test_format_csv_at_a_terminal_is_still_csv() -> None:
    status, shown = _at_a_terminal(
        "deadlines", "--cases", str(CASES), "--as-of", "2024-06-03", "--format", "csv"
    )
    assert status == 0
    assert shown.startswith("reference,")


def test_a_caseload_written_to_a_file_from_a_terminal_is_csv(tmp_path: Path) -> None:
    out = tmp_path / "due.csv"
    status, _ = _at_a_terminal(
        "deadlines", "--cases", str(CASES), "--as-of", "2024-06-03", "-o", str(out)
    )
    assert status == 0
    assert out.read_text(encoding="utf-8").startswith("reference,")


# -- point 7: the missing file first ----------------------------------------------------------


def test_check_policy_on_a_missing_document_says_only_that_it_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "Complaints Policy 2024.docx"
    result = run_chc("check-policy", str(missing))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "file not found" in lines[0]
    assert "draft" not in result.stderr


def test_the_suggested_extract_command_works_when_pasted(tmp_path: Path) -> None:
    document = tmp_path / "Complaints Policy 2024.docx"
    document.write_bytes((EXAMPLES / "complaints-policy.docx").read_bytes())
    result = run_chc("check-policy", str(document))
    said = " ".join(result.stderr.split())
    command = said.split("run `", 1)[1].split("`", 1)[0]
    words = shlex.split(command)
    assert words[:2] == ["chc", "extract-policy"]
    assert words[2] == str(document)


def test_report_says_the_case_file_is_missing_before_anything_about_settings(
    tmp_path: Path,
) -> None:
    result = run_chc("report", str(tmp_path / "nothere.csv"))
    assert result.exit_code == 2
    assert "nothere.csv: file not found" in result.stderr
    assert "landlord" not in result.stderr


def test_report_says_a_missing_previous_year_before_reading_anything(tmp_path: Path) -> None:
    result = run_chc(
        "report",
        str(EXAMPLES / "cases-2023-24.csv"),
        *REPORT_ARGS,
        "--previous",
        str(tmp_path / "last-year.csv"),
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"chc: error: {tmp_path / 'last-year.csv'}: file not found"
    ]


# -- point 7: "Wrote PATH", and -o - -------------------------------------------------------


WRITERS = {
    "deadlines one": ("deadlines", "--received", "2024-05-01"),
    "deadlines caseload": ("deadlines", "--cases", str(CASES), "--as-of", "2024-06-03"),
    "deadlines ics": ("deadlines", "--cases", str(CASES), "--as-of", "2024-06-03", "-f", "ics"),
    "check-policy": ("check-policy", str(EXAMPLES / "policy-2024-seed004.yaml")),
    "extract-policy": ("extract-policy", str(EXAMPLES / "complaints-policy.txt")),
    "scaffold": ("self-assessment", "scaffold", "--code", "2024"),
    "render": ("self-assessment", "render", str(EXAMPLES / "answers-2024.yaml")),
    "report": ("report", str(EXAMPLES / "cases-2023-24.csv"), *REPORT_ARGS),
    "codes": ("codes", "2024"),
    "hazards": ("hazards", "--track", "emergency", "--aware", "2025-11-03T09:00"),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_command_that_writes_a_file_says_so_once(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = run_chc(*WRITERS[name], "-o", str(out))
    assert result.exit_code in (0, 1), result.stderr
    assert out.exists()
    assert result.stderr.count(f"Wrote {out}") == 1, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_dash_is_standard_output_for_every_command(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_chc(*WRITERS[name], "-o", "-")
    assert result.exit_code in (0, 1), result.stderr
    assert not (tmp_path / "-").exists()
    assert result.stdout.strip()
    assert "Wrote" not in result.stderr


def test_a_word_report_may_go_down_a_pipe(tmp_path: Path) -> None:
    """With -o - a Word file goes to standard output (to be redirected), not refused."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chc",
            "self-assessment",
            "render",
            str(EXAMPLES / "answers-2024.yaml"),
            "--format",
            "docx",
            "-o",
            "-",
        ],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout[:2] == b"PK"  # a .docx is a zip file
    assert not (tmp_path / "-").exists()


def test_a_word_file_is_not_sent_to_a_terminal() -> None:
    status, shown = _at_a_terminal(
        "self-assessment", "render", "examples/answers-2024.yaml", "--format", "docx"
    )
    assert status == 2
    assert "give -o FILE.docx" in shown
    assert "PK" not in shown


def test_quiet_leaves_out_the_wrote_line(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run_chc(
        "report", str(EXAMPLES / "cases-2023-24.csv"), *REPORT_ARGS, "-o", str(out), "--quiet"
    )
    assert result.exit_code == 0, result.stderr
    assert out.exists()
    assert "Wrote" not in result.stderr


def test_what_was_read_wraps_between_words_at_a_terminal(tmp_path: Path) -> None:
    # Issue 24, "quiet reading": the line after reading a case file lists the columns matched
    # by another name, wrapped to the terminal between words (a program reading stderr, as
    # run_chc does, gets it whole on one line).
    out = tmp_path / "due.csv"
    status, shown = _at_a_terminal(
        "deadlines", "--cases", str(EXAMPLES / "case-system-export.csv"),
        "--columns", str(EXAMPLES / "case-system-columns.yaml"), "--as-of", "2024-06-03",
        "-o", str(out),
    )  # fmt: skip
    assert status == 0, shown
    lines = shown.replace("\r\n", "\n").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("chc: read "))
    block = lines[start : start + 4]
    assert all(len(line) <= 80 for line in block), block
    assert "'Complaint Ref'" in " ".join(block)
    words = " ".join(block).split()
    assert "received <- 'Date Received'," in " ".join(words)  # no word split across lines
    piped = run_chc(
        "deadlines", "--cases", str(EXAMPLES / "case-system-export.csv"),
        "--columns", str(EXAMPLES / "case-system-columns.yaml"), "--as-of", "2024-06-03",
    )  # fmt: skip
    assert piped.stderr.splitlines()[0].startswith("chc: read case-system-export.csv")
    assert "'Complaint Ref'" in piped.stderr.splitlines()[0]
    assert "'Notes'" in piped.stderr.splitlines()[0]
