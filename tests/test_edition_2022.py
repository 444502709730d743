"""The 2022 edition (revised Code, in force 1 April 2022 to 31 March 2024).

The figures pinned here come from the research sheet's table of 2022 provisions
(/work/shared/reference/code-2020-2022.md, section 2.2, and section 3.2 for timescales),
which reads the Code's own self-assessment form (Appendix B) as a landlord published it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from chc.codes.loading import load_code_file
from chc.codes.model import Edition

CODE_FILE = Path(__file__).resolve().parents[1] / "code_versions" / "2022.yaml"

SECTIONS: dict[int, str] = {
    1: "Definition of a complaint",
    2: "Accessibility and awareness",
    3: "Complaint handling personnel",
    4: "Complaint handling principles",
    5: "Complaint stages",
    6: "Putting things right",
    7: "Continuous learning and improvement",
    8: "Self-assessment and compliance",
}
PROVISIONS_PER_SECTION: dict[int, int] = {1: 9, 2: 8, 3: 3, 4: 19, 5: 20, 6: 7, 7: 6, 8: 3}
# section -> (must, should), as the form's tables list them
LEVELS_PER_SECTION: dict[int, tuple[int, int]] = {
    1: (6, 2),
    2: (7, 1),
    3: (2, 1),
    4: (10, 9),
    5: (12, 8),
    6: (4, 2),
    7: (1, 4),
    8: (3, 0),
}
SHOULD_IDS = {
    "1.4", "1.5", "2.2", "3.3",
    "4.3", "4.4", "4.5", "4.8", "4.9", "4.10", "4.16", "4.17", "4.19",
    "5.2", "5.3", "5.4", "5.7", "5.14", "5.15", "5.18", "5.19",
    "6.3", "6.7", "7.3", "7.4", "7.5", "7.6",
}  # fmt: skip
NOT_ON_FORM = {"1.1", "6.4", "7.1"}
MIXED_WORDING: dict[str, set[str]] = {
    "1.8": {"must", "should"},
    "4.1": {"must", "should"},
    "5.1": {"must", "should"},
    "5.13": {"must", "should"},
    "5.18": {"must", "should"},
    "8.3": {"must", "should"},
}

# key -> (amount, unit, from, provision)
TIMESCALES: dict[str, tuple[int, str, str, str]] = {
    "stage1.acknowledge": (5, "calendar_days", "received", "4.1"),
    "stage1.respond": (10, "working_days", "logged", "5.1"),
    "stage1.extension": (10, "working_days", "due_date", "5.1"),
    "stage2.respond": (20, "working_days", "escalation_requested", "5.13"),
    "stage2.extension": (10, "working_days", "due_date", "5.13"),
    "stage3.respond": (20, "working_days", "escalation_requested", "5.18"),
}

# A few topic-level links into the 2020 edition's form questions.
CROSSWALK: dict[str, list[str]] = {
    "1.2": ["Q1.1"],
    "1.8": ["Q1.2", "Q1.3"],
    "3.1": ["Q3.1"],
    "4.1": ["Q4.3"],
    "4.12": ["Q4.2"],
    "5.17": ["Q3.5"],
    "6.1": ["Q7.1"],
    "7.2": ["Q8.2"],
}


def expected_ids() -> list[str]:
    return [f"{s}.{n}" for s, count in PROVISIONS_PER_SECTION.items() for n in range(1, count + 1)]


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_code_file(CODE_FILE)


def test_counts(edition: Edition) -> None:
    assert len(edition.provisions) == 75
    assert len(edition.self_assessed) == 72
    assert edition.count("must") == 45
    assert edition.count("should") == 27


def test_all_provisions_in_code_order(edition: Edition) -> None:
    assert [p.id for p in edition.provisions] == expected_ids()


def test_sections_and_their_counts(edition: Edition) -> None:
    assert {s.number: s.title for s in edition.sections} == SECTIONS
    assert Counter(p.section for p in edition.provisions) == Counter(PROVISIONS_PER_SECTION)
    for number, (must, should) in LEVELS_PER_SECTION.items():
        levels = Counter(p.obligation for p in edition.provisions if p.section == number)
        assert (levels["must"], levels["should"]) == (must, should), f"section {number}"


def test_obligations_follow_the_form(edition: Edition) -> None:
    for p in edition.provisions:
        if p.id in NOT_ON_FORM:
            continue
        expected = "should" if p.id in SHOULD_IDS else "must"
        assert p.obligation == expected, p.id


def test_provisions_not_on_the_form(edition: Edition) -> None:
    left_out = {p.id for p in edition.provisions if not p.self_assessed}
    assert left_out == NOT_ON_FORM
    for pid in sorted(NOT_ON_FORM):
        p = edition.provision(pid)
        assert p is not None
        assert p.obligation is None
        assert p.note is not None
        assert "assumes nothing" in p.note
        assert "not known" in p.summary
        assert not p.wording
        assert not p.previously


def test_mixed_wording(edition: Edition) -> None:
    for pid, words in MIXED_WORDING.items():
        p = edition.provision(pid)
        assert p is not None
        assert words <= set(p.wording), pid


def test_timescales(edition: Edition) -> None:
    assert {t.key for t in edition.timescales} == set(TIMESCALES)
    for key, (amount, unit, start, provision) in TIMESCALES.items():
        t = edition.timescale(key)
        assert t is not None, key
        assert (t.amount, t.unit, t.from_event, t.provision) == (amount, unit, start, provision)
        assert t.note, key


def test_no_stage_two_acknowledgement_or_time_limit(edition: Edition) -> None:
    assert edition.timescale("stage2.acknowledge") is None
    assert edition.timescale("complaint_time_limit") is None
    assert edition.timescale("stage3.extension") is None
    p510 = edition.provision("5.10")
    p18 = edition.provision("1.8")
    assert p510 is not None
    assert p510.note is not None
    assert "no due date for the stage 2 acknowledgement" in p510.note
    assert p18 is not None
    assert p18.note is not None
    assert "no time limit for raising a complaint" in p18.note


def test_acknowledgement_reading_is_recorded(edition: Edition) -> None:
    t = edition.timescale("stage1.acknowledge")
    assert t is not None
    assert t.note is not None
    assert "calendar days" in t.note and "give your own Code file" in t.note
    assert t.review is not None and "for review" in t.review
    # The commentary that disagrees is kept with the data, for whoever checks the reading.
    raw = (Path(__file__).parents[1] / "code_versions" / "2022.yaml").read_text(encoding="utf-8")
    assert "Devonshires' summary of the changes describes it as five working days" in " ".join(
        line.strip(" #") for line in raw.splitlines()
    )


def test_stage_limits(edition: Edition) -> None:
    # At least two: 5.8 has the stage one letter say how to escalate to stage two, and 5.9
    # moves unresolved complaints on to stage two (fact sheet, section 5 table).
    assert edition.stages.min == 2
    assert edition.stages.max == 3
    assert edition.stages.provision == "5.17"


def test_header_and_dates(edition: Edition) -> None:
    assert edition.edition == "2022"
    assert edition.title == "Complaint Handling Code 2022"
    assert edition.published == "2022"
    assert edition.in_force_from == date(2022, 4, 1)
    assert edition.in_force_to == date(2024, 3, 31)
    assert edition.statutory is False
    assert edition.previous_edition == "2020"
    assert edition.in_force_on(date(2022, 4, 1))
    assert edition.in_force_on(date(2024, 3, 31))
    assert not edition.in_force_on(date(2022, 3, 31))
    assert not edition.in_force_on(date(2024, 4, 1))


def test_form_layout(edition: Edition) -> None:
    form = edition.form
    assert form.title == "Appendix B: self-assessment form"
    assert form.layout == "sections_split"
    assert form.columns == [
        "Code section",
        "Code requirement",
        "Comply: Yes/No",
        "Evidence, commentary and any explanations",
    ]
    assert form.split_headings is not None
    assert form.split_headings.must == "Mandatory 'must' requirements"
    assert form.split_headings.should == "Best practice 'should' requirements"


def test_stage_fields(edition: Edition) -> None:
    for p in edition.provisions:
        if p.section != 5:
            assert p.stage is None, p.id
            continue
        n = int(p.id.split(".")[1])
        expected = 1 if n <= 8 else 2 if n <= 16 else 3
        assert p.stage == expected, p.id


def test_every_provision_has_a_short_title(edition: Edition) -> None:
    for p in edition.provisions:
        assert p.title is not None, p.id
        assert 3 <= len(p.title.split()) <= 7, p.id


def test_crosswalk_pairs(edition: Edition) -> None:
    for pid, old in CROSSWALK.items():
        p = edition.provision(pid)
        assert p is not None
        assert p.previously == old, pid
    p51 = edition.provision("5.1")
    assert p51 is not None
    assert "Q4.7" in p51.previously
    assert edition.note is not None
    assert "only that the same duty was asked about" in edition.note


def test_crosswalk_targets_exist_in_2020() -> None:
    path = CODE_FILE.with_name("2020.yaml")
    if not path.exists():
        pytest.skip("code_versions/2020.yaml is not there yet")
    before = load_code_file(path)
    e = load_code_file(CODE_FILE)
    for p in e.provisions:
        for old in p.previously:
            assert before.provision(old) is not None, f"{p.id} -> {old}"
