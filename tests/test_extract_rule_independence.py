from __future__ import annotations

from test_extract_helpers import run_rule, values


def test_not_involved_at_stage_1_is_a_different_person_at_stage_2() -> None:
    text = (
        "## 5. Stage 2: appeal\n\n5.3 A panel of two trustees who were not involved at "
        "stage 1 will meet the resident.\n"
    )
    found = run_rule("independence", text)
    assert [(f.path, f.value, f.review) for f in found] == [
        (("stages", 2, "different_person"), True, None)
    ]


def test_an_independent_review_is_true_with_a_question() -> None:
    text = (
        "If the complaint is escalated to stage two, an independent review will be carried "
        "out by a 2-person panel.\n"
    )
    found = run_rule("independence", text)
    assert [(f.path, f.value) for f in found] == [(("stages", 2, "different_person"), True)]
    assert found[0].review is not None and "outside the landlord" in found[0].review


def test_the_same_officer_is_false() -> None:
    got = values("independence", "## Stage 2\n\nThe same officer will review your complaint.\n")
    assert got == {("stages", 2, "different_person"): [False]}


def test_without_a_later_stage_nothing_is_found() -> None:
    assert values("independence", "Staff not involved in complaints get training.\n") == {}
