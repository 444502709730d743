from __future__ import annotations

from test_extract_helpers import run_rule, values


def test_each_flag_by_its_phrase() -> None:
    text = (
        "A friend or advocate can complain on your behalf. We make reasonable adjustments. "
        "Our Unacceptable Behaviour Policy applies. We publish this policy on our website.\n"
    )
    assert values("flags", text) == {
        ("representatives",): [True],
        ("reasonable_adjustments",): [True],
        ("unacceptable_behaviour_policy",): [True],
        ("published_on_website",): [True],
    }


def test_near_misses_set_nothing() -> None:
    text = "We publish our annual report on our website. Behaviour matters to us.\n"
    assert values("flags", text) == {}


def test_being_accompanied_is_not_being_represented() -> None:
    found = run_rule("flags", "The customer can be accompanied by a person of their choice.\n")
    assert [(f.path, f.value) for f in found] == [(("accompaniment",), True)]
    assert found[0].review is not None and "any meeting" in found[0].review


def test_bringing_someone_to_any_meeting_needs_no_question() -> None:
    found = run_rule("flags", "A resident may bring a friend or relative to any meeting with us.\n")
    assert [(f.path, f.value, f.review) for f in found] == [(("accompaniment",), True, None)]
