"""Golden files for `chc report`: the example caseload in every format, byte for byte.

A change to a template, a figure or a definition shows up here as a reviewable diff.
After checking that the change is intended, regenerate them all with:

    .venv/bin/pytest --update-golden

(conftest's `golden` fixture then rewrites tests/golden/report/ and fails each test that
rewrote a file, so that an update is never silent; run it again to see it pass).
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, GOLDEN, ROOT, Golden, run_chc

REPORT = GOLDEN / "report"
# Relative paths, so the files do not depend on where the checkout lives.
CASES = "examples/cases-2023-24.csv"
ARGS = (
    "report", CASES, "--homes", "5762", "--from", "2023-04-01", "--to", "2024-03-31",
    "--landlord", "Example Homes", "--previous", CASES, "--previous-homes", "5700",
)  # fmt: skip
FORMATS = {"text": "report.txt", "md": "report.md", "html": "report.html", "json": "report.json"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt: str, monkeypatch: pytest.MonkeyPatch, golden: Golden) -> None:
    monkeypatch.chdir(ROOT)
    assert (EXAMPLES / "cases-2023-24.csv").exists()
    result = run_chc(*ARGS, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    golden(f"report/{FORMATS[fmt]}", result.stdout)


def test_rendering_twice_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    first = run_chc(*ARGS, "--format", "html").stdout
    assert first == run_chc(*ARGS, "--format", "html").stdout


def test_every_golden_file_is_used() -> None:
    assert sorted(p.name for p in REPORT.iterdir()) == sorted(FORMATS.values())


def test_golden_files_are_not_empty() -> None:
    for name in FORMATS.values():
        text = (REPORT / name).read_text(encoding="utf-8")
        assert "82.1" in text and "62.5" in text and "68.2" in text, name
