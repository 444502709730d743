from __future__ import annotations

from test_extract_helpers import values


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
