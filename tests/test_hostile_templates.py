"""A template chc renders is an input of the run: no --output, even with --force, may
replace it, whether named directly, through a link, or as a file the template includes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_chc

ANSWERS = EXAMPLES / "answers-2024.yaml"


def _template_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("self-assessment.md.j2", "self-assessment.html.j2", "_report.css"):
        shutil.copy(ROOT / "templates" / name, folder / name)
    return folder


@pytest.mark.parametrize(
    ("fmt", "target"),
    [("md", "self-assessment.md.j2"), ("html", "self-assessment.html.j2"), ("html", "_report.css")],
)
def test_output_onto_a_template_is_refused(tmp_path: Path, fmt: str, target: str) -> None:
    folder = _template_dir(tmp_path)
    victim = folder / target
    before = victim.read_bytes()
    run = run_chc(
        "self-assessment", "render", str(ANSWERS), "--format", fmt,
        "--template", str(folder), "-o", str(victim), "--force",
    )  # fmt: skip
    assert run.exit_code == 2, run.stderr
    assert "will not overwrite an input file" in run.stderr
    assert victim.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["self-assessment.md.j2", "self-assessment.html.j2", "_report.css"]
    )


def test_output_onto_a_link_to_the_template_is_refused(tmp_path: Path) -> None:
    folder = _template_dir(tmp_path)
    link = tmp_path / "out.md"
    os.link(folder / "self-assessment.md.j2", link)
    before = link.read_bytes()
    run = run_chc(
        "self-assessment", "render", str(ANSWERS), "--format", "md",
        "--template", str(folder), "-o", str(link), "--force",
    )  # fmt: skip
    assert run.exit_code == 2, run.stderr
    assert "will not overwrite an input file" in run.stderr
    assert link.read_bytes() == before


def test_output_onto_the_word_template_is_refused(tmp_path: Path) -> None:
    first = tmp_path / "first.docx"
    made = run_chc(
        "self-assessment", "render", str(ANSWERS), "--format", "docx",
        "-o", str(first),
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    before = first.read_bytes()
    run = run_chc(
        "self-assessment", "render", str(ANSWERS), "--format", "docx",
        "--template", str(first), "-o", str(first), "--force",
    )  # fmt: skip
    assert run.exit_code == 2, run.stderr
    assert "will not overwrite an input file" in run.stderr
    assert first.read_bytes() == before
