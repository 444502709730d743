"""How a real `chc` process ends after a command that loaded polars: at once, with the
command's status, and with everything it wrote on standard output and standard error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_chc

CHC = [sys.executable, "-m", "chc"]


def chc(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    # Buffered, as a terminal-less run is by default, so that an unflushed end would show.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(NO_COLOR="1", COLUMNS="100")
    return subprocess.run(
        [*CHC, *args], capture_output=True, timeout=120, check=False, cwd=cwd, env=env
    )


def test_a_caseload_on_standard_output_arrives_whole(tmp_path: Path) -> None:
    # Large enough that the output is still in Python's buffer when the command returns.
    args = ("deadlines", "--cases", str(EXAMPLES / "cases-2023-24.csv"), "--as-of", "2024-03-31")
    proc = chc(*args, "--format", "jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == run_chc(*args, "--format", "jsonl").stdout.encode()
    assert proc.stdout.count(b"\n") == 400
    assert proc.stderr.startswith(b"chc: read cases-2023-24.csv:")  # what it says is said


def test_the_terminal_table_arrives_whole(tmp_path: Path) -> None:
    # Printed by the terminal layer, not streamed by a writer that flushes as it ends.
    args = ("deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--as-of", "2024-06-03")
    proc = chc(*args, "--format", "text", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == run_chc(*args, "--format", "text").stdout
    assert proc.stdout.strip()


def test_a_caseload_to_a_file_is_in_place_and_nothing_is_left_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "due.csv"
    args = ("deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--as-of", "2024-06-03")
    proc = chc(*args, "--format", "csv", "-o", str(target), "--quiet", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert target.read_text(encoding="utf-8") == run_chc(*args, "--format", "csv").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["due.csv"]


def test_an_error_after_polars_is_loaded_keeps_status_2_and_its_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,received\nA,2024-13-01\n", encoding="utf-8")
    proc = chc("deadlines", "--cases", str(bad), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode().splitlines()[-1] == (
        f"chc: error: {bad}:2:2: received: 2024-13-01 is not a date (there is no month 13)"
    )


FULL = Path("/dev/full")  # a device that takes nothing: every write fails with ENOSPC


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        # polars' CSV writer, whose error carries its number only in its message
        ("deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--format", "csv", "--quiet"),
        ("deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--format", "jsonl", "--quiet"),
        ("deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--format", "text", "--quiet"),
        # small enough to sit in Python's buffer until the command has returned
        ("codes", "2024", "--format", "json"),
        ("deadlines", "--received", "2024-05-01", "--format", "json"),
    ],
)
def test_a_full_standard_output_is_one_line_and_status_2(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    with FULL.open("wb") as full:
        proc = subprocess.run(
            [*CHC, *args], stdout=full, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
            timeout=120, check=False,
        )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "chc: error: standard output: cannot be written: No space left on device\n"
    )
