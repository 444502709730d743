"""The policy's own section numbers: each value's ref is where its evidence is."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.policy.extract import extract
from chc.policy.extract.document import clause_number, heading_number
from test_extract_helpers import snippet


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("6. Stage two", "6"),
        ("7.3 Timescales", "7.3"),
        ("Section 6: Stage two", "6"),
        ("Part 3 - Appeals", "3"),
        ("Stage two", None),
    ],
)
def test_heading_numbers(text: str, number: str | None) -> None:
    assert heading_number(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("5.3 We will respond within 10 working days.", "5.3"),
        ("4. We will acknowledge every complaint.", "4"),
        ("10 working days is our target.", None),
        ("2024 was the year we changed.", None),
    ],
)
def test_clause_numbers(text: str, number: str | None) -> None:
    assert clause_number(text) == number


def test_a_list_takes_its_lead_in_clause_and_a_plain_paragraph_its_heading() -> None:
    listed = snippet(
        "## 3. Exclusions\n\n3.1 We will not consider:\n\n- legal proceedings\n\n"
        "## 4. Stage 1\n\nWe will respond within 10 working days.\n"
    )
    sections = {s.text: s.block.section for s in listed}
    assert sections == {
        "3. Exclusions": "3",
        "3.1 We will not consider:": "3.1",
        "legal proceedings": "3.1",
        "4. Stage 1": "4",
        "We will respond within 10 working days.": "4",
    }


def test_draft_refs_per_field_and_stage(tmp_path: Path) -> None:
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Complaints policy\n\n## 2. How to complain\n\n"
        "2.1 You can complain by phone or by email.\n\n"
        "## 4. Stage 1\n\n4.1 We will acknowledge a complaint within 5 working days.\n\n"
        "4.2 Stage 1 responses tell you about the Housing Ombudsman.\n\n"
        "## 5. Stage 2\n\n5.1 The final response tells you how to contact the Housing "
        "Ombudsman.\n",
        encoding="utf-8",
    )
    draft = extract(policy)
    assert draft.refs(("refs",)) == {"channels": "2.1", "ombudsman_signposting": "4.2, 5.1"}
    assert draft.refs(("stages", 1)) == {"name": "4", "acknowledge": "4.1"}
    assert draft.data()["stages"][1]["refs"] == {"name": "5"}
