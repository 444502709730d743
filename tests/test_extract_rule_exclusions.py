from __future__ import annotations

from test_extract_helpers import run_rule


def exclusions(text: str) -> list[object]:
    return [f.value for f in run_rule("exclusions", text)]


def test_a_list_under_an_exclusions_heading() -> None:
    text = (
        "## What is not a complaint\n\n- Issues subject to legal proceedings.\n"
        "- Liability claims handled by our insurers.\n- The level of rent we set.\n"
    )
    assert exclusions(text) == [
        "legal proceedings",
        "insurance claims",
        "rent or service charge levels",
    ]


def test_a_list_after_we_will_not_consider() -> None:
    text = "We will not consider:\n\n- matters already considered under this policy\n"
    assert exclusions(text) == ["matters already considered"]


def test_outside_an_exclusions_context_nothing_is_listed() -> None:
    assert exclusions("We will help you if you go to court.\n") == []
