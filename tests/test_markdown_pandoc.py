"""Every Markdown table chc writes parses, row for row, in pandoc (GFM and pandoc's own)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_YEAR, EXAMPLES, run_chc

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (.ci/run installs it)"
)


def table_rows(markdown: str) -> int:
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    separators = [line for line in lines if re.fullmatch(r"\|[-:| ]*\|", line)]
    return len(lines) - len(separators)


def documents(tmp_path: Path) -> dict[str, str]:
    docs = {
        "self-assessment-2024": (EXAMPLES / "self-assessment-2024.md").read_text(encoding="utf-8"),
        "self-assessment-2022": (EXAMPLES / "self-assessment-2022.md").read_text(encoding="utf-8"),
    }
    hostile = tmp_path / "policy.yaml"
    hostile.write_text(
        'landlord: "Pipes | and <b>tags</b> \\\\ backslash"\nstages: [{name: "A | B"}]\n'
        "channels: [letter]\n",
        encoding="utf-8",
    )
    docs["check-policy"] = run_chc("check-policy", str(hostile), "--format", "md").stdout
    docs["report"] = run_chc(
        "report",
        str(EXAMPLES / "cases-2023-24.csv"),
        *EXAMPLE_YEAR,
        "--format",
        "md",
    ).stdout
    return docs


@pytest.mark.parametrize("dialect", ["gfm", "markdown"])
def test_every_table_row_survives_pandoc(tmp_path: Path, dialect: str) -> None:
    assert PANDOC is not None
    for name, text in documents(tmp_path).items():
        html = subprocess.run(
            [PANDOC, "-f", dialect, "-t", "html"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert html.count("<tr") == table_rows(text), name
        assert "<b>tags</b>" not in html, name
