"""The README is a complaints officer's guide (issue 26, point 10): no developer's matter,
no dangling sentence, no pointer to files a user does not have."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")}


def test_no_timings_batch_sizes_or_registry_talk_in_the_readme() -> None:
    for words in (
        "formatter registry",
        "the time Python takes",
        "complaints per batch",
        "times as long as merely copying",
        "import the bank holidays",
    ):
        assert words not in README, words


def test_the_measurements_are_in_docs_engine() -> None:
    assert "import holidays" in DOCS["engine.md"]
    assert "docs/engine.md" in README


def test_no_sentence_in_the_readme_is_left_dangling() -> None:
    # A paragraph that ends mid-sentence (once: "... with optional columns `category`,").
    for paragraph in re.split(r"\n\s*\n", README):
        text = paragraph.strip()
        if not text or text.startswith(("```", "|", "#", "-", "(")):
            continue
        assert not text.endswith(","), text[-120:]


def test_no_paragraph_of_the_readme_is_said_twice() -> None:
    starts = [p.strip()[:60] for p in re.split(r"\n\s*\n", README) if len(p.strip()) > 60]
    repeated = {s for s in starts if starts.count(s) > 1 and not s.startswith(("```", "$"))}
    assert not repeated, repeated


def test_docs_point_at_no_project_notes_a_user_lacks() -> None:
    for name, text in DOCS.items():
        assert "shared/reference" not in text, name
    assert "gov.uk/government/publications/tenant-satisfaction-measures" in DOCS["report.md"]


def test_developer_matter_is_in_docs_development() -> None:
    dev = DOCS["development.md"]
    for words in ("--update-golden", "benchmarks/caseload.py", ".ci/run"):
        assert words in dev, words
        assert words not in README, words
    # The two set-up commands CI runs stay in the README, exactly.
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/chc" in README
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest" in README
    )
