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
