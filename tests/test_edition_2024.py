"""The 2024 edition (statutory Code, in force from 1 April 2024).

Pins the shape of ``code_versions/2024.yaml`` against the research fact sheet
(code-2024.md) and the 2022 -> 2024 mapping table (code-2020-2022.md §5.2): the 73
numbered provisions, the seven timescales, the two-stage limit, and the crosswalk pairs
the mapping table states explicitly.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from chc.codes.assumptions import load_builtin_assumptions
from chc.codes.loading import load_code_file, parse_edition
from chc.codes.model import Edition
from chc.errors import CodeFileError
from chc.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CODE_FILE = ROOT / "code_versions" / "2024.yaml"
PREVIOUS_FILE = ROOT / "code_versions" / "2022.yaml"

SECTIONS: dict[int, str] = {
    1: "Definition of a complaint",
    2: "Exclusions",
    3: "Accessibility and awareness",
    4: "Complaint handling staff",
    5: "The complaint handling process",
    6: "Complaints stages",
    7: "Putting things right",
    8: "Self-assessment, reporting and compliance",
    9: "Scrutiny & oversight: continuous learning and improvement",
}
PER_SECTION: dict[int, int] = {1: 6, 2: 5, 3: 7, 4: 3, 5: 15, 6: 20, 7: 4, 8: 5, 9: 8}
EXPECTED_IDS = [f"{s}.{n}" for s, count in PER_SECTION.items() for n in range(1, count + 1)]

# key -> (amount, unit, from, provision)
TIMESCALES: dict[str, tuple[int, str, str, str]] = {
    "stage1.acknowledge": (5, "working_days", "received", "6.2"),
    "stage1.respond": (10, "working_days", "acknowledged", "6.3"),
    "stage1.extension": (10, "working_days", "due_date", "6.4"),
    "stage2.acknowledge": (5, "working_days", "escalation_requested", "6.11"),
    "stage2.respond": (20, "working_days", "acknowledged", "6.14"),
    "stage2.extension": (20, "working_days", "due_date", "6.15"),
    # 2.3: from the issue occurring or the resident becoming aware of it (code-2024.md, 2.3).
    "complaint_time_limit": (12, "months", "issue_or_awareness", "2.3"),
}

# The fact sheet's Level column, for the provisions that use more than a plain "must".
WORDING: dict[str, list[str]] = {
    "1.6": ["is not defined as", "should", "must"],
    "2.4": ["must", "may"],
    "4.1": ["must", "may"],
    "4.3": ["expected", "must"],
    "5.2": ["not appropriate"],
    "5.3": ["not acceptable"],
    "5.5": ["responsible for"],
    "6.12": ["must not", "expected"],
    "8.4": ["may"],
    "9.6": ["will be responsible", "must"],
}

# Pairs the mapping table states outright ("direct", or a named partial successor).
CROSSWALK: dict[str, str] = {
    "1.2": "1.2",
    "2.1": "1.7",
    "2.4": "1.9",
    "3.6": "4.5",
    "4.1": "3.1",
    "5.3": "5.17",
    "5.6": "4.2",
    "5.12": "4.15",
    "5.14": "4.18",
    "6.2": "4.1",
    "6.3": "5.1",
    "6.13": "5.12",
    "6.19": "5.16",
    "7.1": "6.1",
    "8.3": "8.2",
    "9.8": "7.6",
}
# 2024 provisions the mapping table finds no 2022 source for.
NEW_IN_2024 = {"1.1", "2.3", "2.5", "3.3", "5.1", "5.4", "5.5", "5.13", "8.4", "8.5", "9.2"}
# 2022 provisions the table says were dropped, deleted or cannot be matched.
NOT_CARRIED_OVER = {"1.1", "2.2", "4.8", "4.9", "4.13", "4.16", "5.4", "5.18", "5.19", "5.20"}
NOT_CARRIED_OVER |= {"6.4", "6.7", "7.1"}

# Provisions where the fact sheet marks something unverified or the sources disagree.
NEEDS_NOTE = {"1.1", "1.2", "2.2", "2.3", "6.4", "6.15", "8.1", "8.2", "8.5"}

TIMESCALE_TEXT = re.compile(r"working day|month|timescale|time limit", re.IGNORECASE)
TIMESCALE_PROVISIONS = {"2.2", "2.3", "3.4", "5.9", "6.2", "6.3", "6.4", "6.5", "6.11"}
TIMESCALE_PROVISIONS |= {"6.14", "6.15", "6.16"}


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The file validated on its own (the crosswalk needs 2022.yaml; tested separately)."""
    return parse_edition(load_yaml(CODE_FILE), source=CODE_FILE)


def test_counts(edition: Edition) -> None:
    assert len(edition.provisions) == 73
    assert len(edition.self_assessed) == 72
    assert edition.count("must") == 72
    assert edition.count("should") == 0


def test_ids_in_code_order(edition: Edition) -> None:
    assert [p.id for p in edition.provisions] == EXPECTED_IDS
    assert dict(Counter(p.section for p in edition.provisions)) == PER_SECTION


def test_self_assessed_per_section(edition: Edition) -> None:
    counts = Counter(p.section for p in edition.self_assessed)
    assert dict(counts) == {**PER_SECTION, 1: 5}


def test_sections(edition: Edition) -> None:
    assert {s.number: s.title for s in edition.sections} == SECTIONS


def test_header_and_dates(edition: Edition) -> None:
    assert edition.edition == "2024"
    assert edition.title == "Complaint Handling Code 2024"
    assert edition.publisher == "Housing Ombudsman Service"
    assert edition.published == "2024-02"
    assert edition.in_force_from == date(2024, 4, 1)
    assert edition.in_force_to is None
    assert edition.statutory is True
    assert edition.previous_edition == "2022"
    assert edition.in_force_on(date(2024, 4, 1))
    assert edition.in_force_on(date(2030, 1, 1))
    assert not edition.in_force_on(date(2024, 3, 31))
    assert edition.note
    for fact in ("1 April 2024", "as must", "--code"):
        assert fact in edition.note
    # The legal basis is kept with the data, for whoever checks it, not in what people read.
    raw = (Path(__file__).parents[1] / "code_versions" / "2024.yaml").read_text(encoding="utf-8")
    assert "section 40" in raw and "Social Housing (Regulation) Act 2023" in raw
    keys = {s.key for s in edition.sources}
    assert {"S1", "S3", "U1", "U2", "U4", "U8"} <= keys


def test_form(edition: Edition) -> None:
    assert edition.form.title == "Appendix A: self-assessment form"
    assert edition.form.layout == "sections"
    assert edition.form.split_headings is None
    assert edition.form.columns == [
        "Code provision",
        "Code requirement",
        "Comply: Yes / No",
        "Evidence",
        "Commentary / explanation",
    ]


def test_stages(edition: Edition) -> None:
    assert edition.stages.min == 2
    assert edition.stages.max == 2
    assert edition.stages.provision == "5.3"
    assert edition.stages.note


def test_timescales_exact(edition: Edition) -> None:
    got = {t.key: (t.amount, t.unit, t.from_event, t.provision) for t in edition.timescales}
    assert got == TIMESCALES
    for t in edition.timescales:
        assert t.note and t.note.strip(), t.key
        assert t.note.startswith("chc "), t.key  # what chc does, in a person's words
        if t.unit == "working_days":
            # What a working day is, is stated once, as an assumption with an id.
            ids = {a.id for a in load_builtin_assumptions().for_timescale("2024", t.key)}
            assert "working-day" in ids, t.key
    extension = edition.timescale("stage2.extension")
    assert extension is not None and extension.note is not None
    assert "20 working days" in extension.note
    limit = edition.timescale("complaint_time_limit")
    assert limit is not None and limit.note is not None
    assert "aware" in limit.note and "for review" in limit.note


def test_provision_1_1_is_introductory(edition: Edition) -> None:
    p = edition.provision("1.1")
    assert p is not None
    assert p.self_assessed is False
    assert p.obligation is None
    assert p.topics == ["introduction"]
    assert not p.previously
    assert p.note and "assumes nothing else" in p.note


def test_every_other_provision_is_must(edition: Edition) -> None:
    for p in edition.provisions[1:]:
        assert p.self_assessed, p.id
        assert p.obligation == "must", p.id
        assert p.wording, p.id


@pytest.mark.parametrize("pid", sorted(WORDING))
def test_wording(edition: Edition, pid: str) -> None:
    p = edition.provision(pid)
    assert p is not None
    assert p.wording == WORDING[pid]


def test_stage_fields(edition: Edition) -> None:
    for p in edition.provisions:
        if p.section == 6:
            number = int(p.id.split(".")[1])
            assert p.stage == (1 if number <= 9 else 2), p.id
        else:
            assert p.stage is None, p.id


def test_provision_fields(edition: Edition) -> None:
    for p in edition.provisions:
        assert p.title is not None
        assert 3 <= len(p.title.split()) <= 7, p.id
        assert p.summary.strip(), p.id
        assert p.topics, p.id


@pytest.mark.parametrize("pid", sorted(NEEDS_NOTE))
def test_disputed_or_unverified_points_have_notes(edition: Edition, pid: str) -> None:
    p = edition.provision(pid)
    assert p is not None
    assert p.note and p.note.strip()


def test_timescale_topic(edition: Edition) -> None:
    sourced = {t.provision for t in edition.timescales}
    for p in edition.provisions:
        concerns_time = (
            p.id in sourced
            or bool({"extension", "time-limit"} & set(p.topics))
            or TIMESCALE_TEXT.search(p.summary) is not None
        )
        if concerns_time:
            assert "timescale" in p.topics, p.id
    tagged = {p.id for p in edition.provisions if "timescale" in p.topics}
    assert tagged == TIMESCALE_PROVISIONS


def test_acknowledgement_and_extension_topics(edition: Edition) -> None:
    for pid in ("6.2", "6.11"):
        p = edition.provision(pid)
        assert p is not None and "acknowledgement" in p.topics
    for pid in ("6.4", "6.15"):
        p = edition.provision(pid)
        assert p is not None and "extension" in p.topics


@pytest.mark.parametrize(("new", "old"), sorted(CROSSWALK.items()))
def test_crosswalk_pairs(edition: Edition, new: str, old: str) -> None:
    p = edition.provision(new)
    assert p is not None
    assert old in p.previously


def test_crosswalk_gaps(edition: Edition) -> None:
    for pid in NEW_IN_2024:
        p = edition.provision(pid)
        assert p is not None and not p.previously, pid
    used = {old for p in edition.provisions for old in p.previously}
    assert not used & NOT_CARRIED_OVER


def test_full_load_with_crosswalk() -> None:
    """Every previously: id must name a real 2022 provision (needs 2022.yaml)."""
    if not PREVIOUS_FILE.exists():
        pytest.fail(f"{PREVIOUS_FILE.name} is missing; the 2024 crosswalk cannot be checked")
    try:
        loaded = load_code_file(CODE_FILE)
    except CodeFileError as exc:
        pytest.fail(str(exc))
    assert len(loaded.provisions) == 73
