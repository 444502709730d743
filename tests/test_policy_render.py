"""check-policy output for people: citations, not keys; the policy's sections, not YAML lines;
doubt shown where it belongs."""

from __future__ import annotations

import re

import pytest

from chc.codes.loading import load_edition
from conftest import CODE_VERSIONS, EXAMPLES, run_chc

SEED004 = EXAMPLES / "policy-2024-seed004.yaml"
NONCOMPLIANT = EXAMPLES / "policy-noncompliant.yaml"
WIDE = {"COLUMNS": "250"}


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_reports_cite_sources_not_keys(fmt: str) -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--format", fmt, env=WIDE)
    out = r.stdout
    assert r.exit_code == 1
    # The stages' and the responses' notes cite U4 in the data; people see its number.
    assert "Sources cited in the notes" in out
    edition = load_edition("2024")
    titles = {s.key: s.title for s in edition.sources}
    assert titles["U4"].split(" (")[0] in out
    # Another landlord's document is research, kept in sources, never cited to people.
    assert titles["S1"].split(":")[0] not in out
    notes = out[: out.index("Sources cited in the notes")]
    for key in ("S1", "L2", "L3", "L4", "U4"):
        assert not re.search(rf"(?<![\w-]){key}(?![\w])", notes), key
    # A numbered citation ("[1, 2, 3, 4]"); "[1]" alone once matched "stages[1]" by chance.
    assert re.search(r"\[1(, \d+)*\]", notes)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_cite_the_policys_own_sections_not_yaml_lines(fmt: str) -> None:
    out = run_chc("check-policy", str(SEED004), "--format", fmt).stdout
    assert "(policy 7.3)" in out  # 5.2: the pre-complaint steps, from the policy's 7.3
    assert "(line " not in out


def test_review_is_shown_with_its_assumption_and_counted_apart() -> None:
    out = run_chc("check-policy", str(SEED004), "--format", "md").stdout
    assert "| Must | 16 | 1 | 2 | 4 | 49 |" in out  # pass, fail, to review, not stated, manual
    row = next(line for line in out.splitlines() if line.startswith("| 2.3 |") and "review" in line)
    assert "*Assumption:" in row and "the more generous rule" in row


def test_no_staging_or_internal_address_among_the_sources() -> None:
    for name in ("2020", "2022", "2024"):
        for s in load_edition(name).sources:
            assert "civiccomputing" not in (s.url or ""), (name, s.key)
            assert "seed 0" not in s.title, (name, s.key)


def test_working_day_notes_follow_the_chosen_region() -> None:
    """No note names one region's bank holidays as if every run used it."""
    text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
    assert "Sundays and England and Wales bank holidays" not in " ".join(text.split())
    assert "the bank holidays of the region chosen" in " ".join(text.split())


def test_doubt_lives_in_notes_not_summaries() -> None:
    for name in ("2020", "2022", "2024"):
        for p in load_edition(name).provisions:
            assert "probably" not in p.summary.lower(), (name, p.id)


def test_github_marks_review_as_a_warning_with_its_assumption() -> None:
    out = run_chc("check-policy", str(SEED004), "--format", "github").stdout
    review = [line for line in out.splitlines() if "title=Code 2024 2.3 (must)" in line]
    assert review[0].startswith("::warning ")
    assert "(to review: " in review[0]


def test_citations_number_sources_in_order_and_expand_ranges() -> None:
    from chc.codes.citations import Citations

    c = Citations(load_edition("2024"))
    # Hand-written note: a range, a repeat, a key that is a prefix of another (L8, L8-S),
    # and words that only look like keys (S10 is not a source; "U4s" is not a key).
    text = c.readable("See L2-L4; also L3 and L8-S, not L8; S10 and U4s stay as they are.")
    assert text == "See [1], [2], [3]; also [2] and [4], not [5]; S10 and U4s stay as they are."
    titles = {s.key: s.title for s in load_edition("2024").sources}
    listing = c.listing()
    assert listing[0].startswith(f"[1] {titles['L2']}")
    assert len(listing) == 5
