"""Issue 16's battery: each hostile input through the CLI ends in one line and exit 2.

Every case runs in a folder of its own holding copies of the inputs; afterwards that folder
must hold exactly the same files with the same bytes and times (no input changed, no
temporary or partial output left), stderr must be one line, and no exception may escape.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CODE_VERSIONS, EXAMPLES, run_chc

Setup = Callable[[Path], None]


def _deep(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _laughs() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _code_with(old: str, new: str) -> Setup:
    def make(folder: Path) -> None:
        text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
        assert old in text
        (folder / "hostile.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


def _value_at(old: str) -> str:
    """line:column of the value in the first ``key: value`` line ``old`` of the 2024 file."""
    text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
    start = text.index(old)
    line_start = text.rfind("\n", 0, start) + 1
    column = start - line_start + old.index(":") + 3
    return f"{text.count(chr(10), 0, start) + 1}:{column}"


AMOUNT_AT = _value_at("amount: 5\n")


def _text(content: str, name: str = "hostile.yaml") -> Setup:
    def make(folder: Path) -> None:
        (folder / name).write_text(content, encoding="utf-8")

    return make


def _replaced(source: Path, old: str, new: str) -> Setup:
    def make(folder: Path) -> None:
        text = source.read_text(encoding="utf-8")
        assert old in text
        (folder / "hostile.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "hostile.yaml")


def _directory(folder: Path) -> None:
    (folder / "hostile.yaml").mkdir()


def _oversized(folder: Path) -> None:
    # Over MAX_DOCUMENT_BYTES (5 MB) of otherwise valid YAML comments.
    (folder / "hostile.yaml").write_text(("#" * 99 + "\n") * 60_000, encoding="utf-8")


def _symlink_to_policy(folder: Path) -> None:
    (folder / "out.txt").symlink_to(folder / "policy.yaml")


def _hard_link_to_cases(folder: Path) -> None:
    os.link(folder / "cases.csv", folder / "out.csv")


def _nothing(folder: Path) -> None:
    pass


D = ["deadlines", "--received", "2024-05-01"]
REPORT = ["report", "cases.csv", "--homes", "100", "--landlord", "Example Homes"]
PERIOD = ["--from", "2023-04-01", "--to", "2024-03-31"]
HOSTILE = "hostile.yaml"

# (id, setup, args, words expected in the one line)
CASES: list[tuple[str, Setup, list[str], str]] = [
    # dates the calendar cannot hold, as every date option
    ("received-year-0", _nothing, ["deadlines", "--received", "0000-01-01"], "--received: 0000"),
    ("received-9999", _nothing, ["deadlines", "--received", "9999-12-31"], "outside the years"),
    ("received-feb-30", _nothing, ["deadlines", "--received", "2024-02-30"], "29 days"),
    ("received-superscript", _nothing, ["deadlines", "--received", "2024-05-0²"], "digits 0-9"),
    ("received-arabic", _nothing, ["deadlines", "--received", "٢٠٢٤-٠٥-٠١"], "digits 0-9"),
    ("as-of-year-0", _nothing, [*D, "--as-of", "0000-01-01"], "--as-of: 0000-01-01"),
    ("as-of-9999", _nothing, [*D, "--as-of", "9999-12-31"], "--as-of: 9999-12-31"),
    ("closed-year-0", _nothing, [*D, "--closed", "0000-01-01"], "--closed: 0000-01-01"),
    ("closed-arabic", _nothing, [*D, "--closed", "٢٠٢٤-٠٥-٠١"], "--closed"),
    ("ack-9999", _nothing, [*D, "--stage1-acknowledged", "9999-12-31"], "--stage1-acknowledged"),
    ("for-date-year-0", _nothing, ["codes", "--for-date", "0000-01-01"], "--for-date: 0000"),
    ("for-date-9999", _nothing, ["codes", "--for-date", "9999-12-31"], "--for-date: 9999"),
    (
        "today-year-0",
        _nothing,
        ["self-assessment", "check", "answers.yaml", "--today", "0000-01-01"],
        "--today: 0000-01-01",
    ),
    (
        "today-9999",
        _nothing,
        ["self-assessment", "check", "answers.yaml", "--today", "9999-12-31"],
        "--today: 9999-12-31",
    ),
    ("from-year-0", _nothing, [*REPORT, "--from", "0000-01-01", "--to", "2024-03-31"], "--from"),
    ("to-9999", _nothing, [*REPORT, "--from", "2023-04-01", "--to", "9999-12-31"], "--to: 9999"),
    ("to-feb-30", _nothing, [*REPORT, "--from", "2023-04-01", "--to", "2024-02-30"], "29 days"),
    (
        "closed-file-year-0",
        _text("2024-05-28\n0000-01-01\n", "closed.txt"),
        [*D, "--closed-file", "closed.txt"],
        "closed.txt:2:1: closure day: 0000-01-01 is outside the years",
    ),
    # dates in YAML files
    (
        "policy-adopted-year-0",
        _replaced(
            EXAMPLES / "policy-noncompliant.yaml", "adopted: 2024-06-01", "adopted: 0000-01-01"
        ),
        ["check-policy", HOSTILE],
        "hostile.yaml:19:1: adopted: 0000-01-01 is outside the years chc covers (1990 to 2100)",
    ),
    (
        "answers-target-date-9999",
        _replaced(EXAMPLES / "answers-2024.yaml", "target_date: 2024-", "target_date: 9999-"),
        ["self-assessment", "render", HOSTILE],
        "is outside the years chc covers (1990 to 2100)",
    ),
    # numbers beyond the bound in YAML
    (
        "code-10e8-months",
        _code_with("amount: 5\n", "amount: 100000000\n"),
        [*D, "--code", HOSTILE],
        f"hostile.yaml:{AMOUNT_AT}: invalid YAML: the number 100000000 is out of range",
    ),
    (
        "code-1e999999",
        _code_with("amount: 5\n", "amount: 1e999999\n"),
        [*D, "--code", HOSTILE],
        f"hostile.yaml:{AMOUNT_AT}: invalid YAML: the number 1e999999 is out of range",
    ),
    (
        "policy-huge-int",
        _text("landlord: x\nstages: " + "9" * 5000 + "\n"),
        ["check-policy", HOSTILE],
        "hostile.yaml:2:9: invalid YAML: the number 99999999999999999999...",
    ),
    # YAML structure
    ("policy-50000-deep", _text(_deep(50_000)), ["check-policy", HOSTILE], "nested more than"),
    ("code-50000-deep", _text(_deep(50_000)), [*D, "--code", HOSTILE], "nested more than"),
    (
        "answers-50000-deep",
        _text(_deep(50_000)),
        ["self-assessment", "check", HOSTILE],
        "nested more than",
    ),
    ("policy-laughs", _text(_laughs()), ["check-policy", HOSTILE], "expand the document"),
    ("answers-laughs", _text(_laughs()), ["self-assessment", "check", HOSTILE], "expand"),
    ("code-self-alias", _text("a: &a [*a]\n"), [*D, "--code", HOSTILE], "refers to a value"),
    ("policy-oversized", _oversized, ["check-policy", HOSTILE], "larger than chc reads"),
    ("code-duplicate-key", _text("a: 1\na: 2\n"), [*D, "--code", HOSTILE], "duplicate key"),
    # not regular files
    ("code-dev-zero", _nothing, [*D, "--code", "/dev/zero"], "/dev/zero: is not a regular file"),
    ("policy-dev-zero", _nothing, ["check-policy", "/dev/zero"], "is not a regular file"),
    ("answers-dev-zero", _nothing, ["self-assessment", "check", "/dev/zero"], "not a regular"),
    ("closed-dev-zero", _nothing, [*D, "--closed-file", "/dev/zero"], "is not a regular file"),
    ("cases-dev-zero", _nothing, ["deadlines", "--cases", "/dev/zero"], "is not a regular file"),
    ("code-fifo", _fifo, [*D, "--code", HOSTILE], "hostile.yaml: is not a regular file"),
    ("policy-fifo", _fifo, ["check-policy", HOSTILE], "is not a regular file"),
    ("answers-fifo", _fifo, ["self-assessment", "check", HOSTILE], "is not a regular file"),
    ("closed-fifo", _fifo, [*D, "--closed-file", HOSTILE], "is not a regular file"),
    ("policy-directory", _directory, ["check-policy", HOSTILE], "is a directory"),
    ("code-directory", _directory, [*D, "--code", HOSTILE], "is a directory"),
    # outputs that are inputs, and outputs that cannot be written
    (
        "output-symlink-to-input",
        _symlink_to_policy,
        ["check-policy", "policy.yaml", "-o", "out.txt", "--force"],
        "will not overwrite an input file",
    ),
    (
        "output-hard-link-to-cases",
        _hard_link_to_cases,
        [
            "deadlines",
            "--cases",
            "cases.csv",
            "--as-of",
            "2024-06-03",
            "--format",
            "csv",
            "-o",
            "out.csv",
            "--force",
        ],
        "will not overwrite an input file",
    ),
    (
        "output-is-the-code-file",
        _code_with("title:", "title:"),
        ["check-policy", "policy.yaml", "--code", HOSTILE, "-o", HOSTILE, "--force"],
        "will not overwrite an input file",
    ),
    (
        "output-is-the-answers-file",
        _nothing,
        ["self-assessment", "render", "answers.yaml", "-o", "answers.yaml", "--force"],
        "will not overwrite an input file",
    ),
    (
        "output-under-sys",
        _nothing,
        ["codes", "--format", "json", "-o", "/sys/chc-out.json"],
        "/sys/chc-out.json: cannot be written",
    ),
]


def snapshot(folder: Path) -> dict[str, tuple[str, bytes, int]]:
    seen: dict[str, tuple[str, bytes, int]] = {}
    for p in sorted(folder.iterdir()):
        st = p.lstat()
        if p.is_symlink():
            seen[p.name] = ("link", str(p.readlink()).encode(), st.st_mtime_ns)
        elif p.is_file():
            seen[p.name] = ("file", p.read_bytes(), st.st_mtime_ns)
        else:
            seen[p.name] = ("other", b"", st.st_mtime_ns)
    return seen


@pytest.mark.parametrize(
    ("setup", "args", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setup: Setup, args: list[str], words: str
) -> None:
    shutil.copy(EXAMPLES / "policy-noncompliant.yaml", tmp_path / "policy.yaml")
    shutil.copy(EXAMPLES / "answers-2024.yaml", tmp_path / "answers.yaml")
    shutil.copy(EXAMPLES / "cases.csv", tmp_path / "cases.csv")
    setup(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = run_chc(*args)  # an exception other than SystemExit would be re-raised here
    assert run.exit_code == 2, (run.exit_code, run.stdout[-500:], run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("chc: error: "), lines[0]
    assert words in lines[0], lines[0]
    assert snapshot(tmp_path) == before
    assert run.stdout == ""
