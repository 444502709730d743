"""--quiet means quiet: with -o FILE, every command that takes it writes the file without
saying so (a warning about the figures is still said: quiet is never silently wrong);
without it, the same run says which file it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_chc

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

RUNS = {
    "deadlines one complaint": ("deadlines", "--received", "2024-06-03"),
    "deadlines caseload": (
        "deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--as-of", "2024-06-03",
    ),
    "report": (
        "report", str(EXAMPLES / "cases-2023-24.csv"), "--landlord", "Example Homes",
        "--homes", "500", "--from", "2023-04-01", "--to", "2024-03-31", "--format", "md",
    ),
    "hazards one report": ("hazards", "--aware", "2026-12-04T16:30", "--track", "emergency"),
    "hazards log": (
        "hazards", "--cases", str(EXAMPLES / "repairs-log.csv"), "--as-of", "2027-01-30",
        "--format", "json",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", RUNS)
def test_quiet_with_an_output_file_says_nothing(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_chc(*RUNS[name], "-o", str(out), "--quiet")
    assert run.exit_code == 0, run.stderr
    assert out.stat().st_size > 0
    assert "Wrote" not in run.stderr
    assert "<-" not in run.stderr  # nor which column fed which field


@pytest.mark.parametrize("name", list(RUNS))
def test_without_quiet_the_same_run_says_which_file_it_wrote(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_chc(*RUNS[name], "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert f"Wrote {out}" in " ".join(run.stderr.split())
