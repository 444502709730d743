from __future__ import annotations

import pytest

from test_extract_helpers import run_rule, snippet, values


@pytest.mark.parametrize(
    "text",
    ["Stage 1 and Stage 2", "stage one and stage two", "the first stage and the second stage",
     "Stage-1 then Stage-2"],
)  # fmt: skip
def test_spellings_of_stages(text: str) -> None:
    got = values("stages", text + ".\n")
    assert got == {("stages", 1, "name"): ["Stage 1"], ("stages", 2, "name"): ["Stage 2"]}


def test_no_stage_three_is_not_a_stage() -> None:
    assert ("stages", 3, "name") not in values("stages", "There is no stage 3.\n")


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("We may deal with it at Stage 0 first.", "Stage 0"),
        ("Some issues are settled through informal resolution.", "Informal resolution"),
        ("We offer early resolution by phone.", "Early resolution"),
        ("Local resolution is tried first.", "Local resolution"),
        ("Staff use the Quick Fix process.", "Quick Fix"),
    ],
)
def test_steps_before_stage_one_are_marked_for_review(text: str, step: str) -> None:
    found = run_rule("stages", text + "\n")
    assert [(f.value, f.review is not None) for f in found] == [(step, True)]


def test_one_step_per_sentence() -> None:
    found = run_rule("stages", "A Stage 0 informal resolution comes first.\n")
    assert [f.value for f in found] == ["Stage 0"]


def test_a_stage_named_only_as_not_involved_is_not_the_sentences_own() -> None:
    listed = snippet(
        "## Stage 2\n\nTrustees who were not involved at stage 1 will hear the appeal.\n"
    )
    assert listed[-1].stage == 2


def test_a_process_table_row_above_stage_1_is_a_step() -> None:
    text = (
        "| Stage | Expectation |\n|---|---|\n| Internal Complaint Process | |\n"
        "| Risk Filter: Screening | Agree a timeframe within 48hrs. |\n"
        "| Stage 1 | Respond within 10 working days. |\n"
        "| Housing Ombudsman | Right to access the service. |\n"
    )
    steps = [f for f in run_rule("stages", text) if f.path == ("pre_complaint_steps",)]
    assert [(f.value, f.review is not None) for f in steps] == [("Risk Filter: Screening", True)]


def test_paragraphs_named_like_stages_before_stage_1_are_steps() -> None:
    text = (
        "## 4. Feedback\n\nFeedback cases are completed at first contact. The customer may "
        "escalate.\n\nFeedback with Investigation are cases that need investigation. The "
        "customer may escalate to Stage 1.\n\nStage 1 Complaint, the complaint receives a full "
        "review.\n"
    )
    steps = [f.value for f in run_rule("stages", text) if f.path == ("pre_complaint_steps",)]
    assert steps == ["Feedback", "Feedback with Investigation"]


def test_a_paragraph_named_like_a_stage_with_no_stage_1_after_it_is_not_a_step() -> None:
    text = "## Feedback\n\nFeedback cases are welcome. You may escalate a complaint.\n"
    assert values("stages", text) == {}
