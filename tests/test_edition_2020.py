"""The 2020 edition (first Code, July 2020), encoded at topic level from the 2020 form.

The Code's own text and paragraph numbers are unknown, so its items are the 2020
self-assessment form's questions ("Q<theme>.<question>"). These tests pin the shape that
other files (the 2022 edition's ``previously:`` ids) depend on, and make sure every point
the research sheets call unverified carries a note.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from chc.codes.loading import load_code_file
from chc.codes.model import PROVISION_ID, Edition

CODE_FILE = Path(__file__).resolve().parents[1] / "code_versions" / "2020.yaml"

THEMES: dict[int, str] = {
    1: "Definition of a complaint",
    2: "Accessibility",
    3: "Complaints team and process",
    4: "Communication",
    5: "Co-operation with the Ombudsman",
    6: "Fairness in complaint handling",
    7: "Outcomes and remedies",
    8: "Continuous learning and improvement",
}
QUESTIONS_PER_THEME: dict[int, int] = {1: 3, 2: 4, 3: 8, 4: 9, 5: 1, 6: 2, 7: 1, 8: 3}
MUST_IDS = {"Q3.5", "Q4.3", "Q4.7"}

# Points the research sheets (code-2020.md, code-2020-2022.md) call unverified.
UNVERIFIED_IDS = {
    "Q1.1",  # "shall" verified, but the definition was only promoted
    "Q1.2",  # no time limit for raising a complaint found
    "Q3.4",  # how residents take part in a third stage
    "Q3.5",  # cap of three stages; third-stage timescale
    "Q4.3",  # "within five days": unit and clock
    "Q4.4",  # escalation-request window
    "Q4.7",  # stage two figures
    "Q4.8",  # extension lengths and units
    "Q5.1",
    "Q6.1",
    "Q6.2",
    "Q7.1",
    "Q8.1",
    "Q8.2",
    "Q8.3",
}

# key -> (amount, unit, from, provision)
TIMESCALES: dict[str, tuple[int, str, str, str]] = {
    "stage1.acknowledge": (5, "calendar_days", "received", "Q4.3"),
    "stage1.respond": (10, "working_days", "received", "Q4.7"),
    "stage1.extension": (10, "working_days", "due_date", "Q4.8"),
    "stage2.respond": (20, "working_days", "escalation_requested", "Q4.7"),
    "stage2.extension": (10, "working_days", "due_date", "Q4.8"),
    "stage3.respond": (20, "working_days", "escalation_requested", "Q3.5"),
}


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_code_file(CODE_FILE)


def test_counts(edition: Edition) -> None:
    assert len(edition.provisions) == 31
    assert len(edition.self_assessed) == 31
    assert edition.count("must") == 3
    assert edition.count("should") == 28
    assert {p.id for p in edition.provisions if p.obligation == "must"} == MUST_IDS


def test_header_and_dates(edition: Edition) -> None:
    assert edition.edition == "2020"
    assert edition.published == "2020-07"
    assert edition.in_force_from == date(2020, 7, 6)
    assert edition.in_force_to == date(2022, 3, 31)
    assert edition.statutory is False
    assert edition.previous_edition is None
    assert edition.in_force_on(date(2020, 7, 6))
    assert edition.in_force_on(date(2022, 3, 31))
    assert not edition.in_force_on(date(2020, 7, 5))
    assert not edition.in_force_on(date(2022, 4, 1))
    assert edition.note
    # The note says what chc does; the research behind the dates is in the file's comments.
    for fact in ("6 July 2020", "--code 2020", "Q3.5, Q4.3, Q4.7"):
        assert fact in edition.note
    raw = (Path(__file__).parents[1] / "code_versions" / "2020.yaml").read_text(encoding="utf-8")
    raw = re.sub(r"\s*\n\s*#?\s*", " ", raw)  # comments' lines as one text
    assert "31 December 2020" in raw and "1 January 2021" in raw


def test_form(edition: Edition) -> None:
    assert edition.form.layout == "themes"
    assert edition.form.columns == ["Question", "Yes", "No", "Evidence and commentary"]
    assert edition.form.note


def test_eight_themes(edition: Edition) -> None:
    assert {s.number: s.title for s in edition.sections} == THEMES
    for number in (5, 6, 7, 8):
        section = edition.section(number)
        assert section is not None
        assert section.note and "from its heading alone" in section.note


def test_questions_per_theme(edition: Edition) -> None:
    counts = Counter(p.section for p in edition.provisions)
    assert dict(counts) == QUESTIONS_PER_THEME


def test_ids_are_form_questions_not_code_paragraphs(edition: Edition) -> None:
    for number, provision in enumerate(edition.provisions):
        assert provision.id.startswith("Q"), provision.id
        m = PROVISION_ID.match(provision.id)
        assert m is not None and m.group(1) == "Q"
        assert int(m.group(2)) == provision.section
        assert number == 0 or provision.id != edition.provisions[number - 1].id
    expected = [f"Q{t}.{q}" for t, n in QUESTIONS_PER_THEME.items() for q in range(1, n + 1)]
    assert [p.id for p in edition.provisions] == expected


def test_provision_fields(edition: Edition) -> None:
    for provision in edition.provisions:
        assert provision.title is not None
        assert 3 <= len(provision.title.split()) <= 7, provision.id
        assert provision.topics, provision.id
        assert not provision.previously, provision.id
    q11 = edition.provision("Q1.1")
    assert q11 is not None
    assert q11.wording == ["shall"]


@pytest.mark.parametrize("pid", sorted(UNVERIFIED_IDS))
def test_unverified_provisions_have_notes(edition: Edition, pid: str) -> None:
    provision = edition.provision(pid)
    assert provision is not None
    assert provision.note and provision.note.strip()


def test_timescales_exact(edition: Edition) -> None:
    got = {t.key: (t.amount, t.unit, t.from_event, t.provision) for t in edition.timescales}
    assert got == TIMESCALES
    assert edition.timescale("complaint_time_limit") is None
    for t in edition.timescales:
        assert t.note and t.note.strip(), t.key


def test_stages(edition: Edition) -> None:
    # code-2020.md, "Max stages": two expected (corroborated); an optional third tolerated.
    assert edition.stages.min == 2
    assert edition.stages.max == 3
    assert edition.stages.provision == "Q3.5"
    assert edition.stages.note and "for review, not failed" in edition.stages.note
