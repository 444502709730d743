from __future__ import annotations

from test_extract_helpers import run_rule, values


def test_reasons_not_required() -> None:
    got = values("escalation", "You do not need to give reasons to escalate to stage 2.\n")
    assert got == {("stages", 2, "reasons_required"): [False]}


def test_reasons_demanded_in_the_stage_two_section() -> None:
    text = "## 6. Stage two\n\nYou must explain why you are unhappy with the stage one response.\n"
    [found] = run_rule("escalation", text)
    assert (found.path, found.value) == (("stages", 2, "reasons_required"), True)
    assert found.review is not None


def test_nothing_said_about_reasons() -> None:
    assert values("escalation", "You can escalate to stage 2 within 20 working days.\n") == {}
