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
        {"kind": "legal_proceedings"},
        {"kind": "insurance_claim"},
        {"kind": "rent_or_charge_levels"},
    ]


def test_a_list_after_we_will_not_consider() -> None:
    text = "We will not consider:\n\n- matters already considered under this policy\n"
    assert exclusions(text) == [{"kind": "already_considered"}]


def test_outside_an_exclusions_context_nothing_is_listed() -> None:
    assert exclusions("We will help you if you go to court.\n") == []


def test_an_exclusion_the_code_does_not_name_keeps_the_policys_words() -> None:
    text = "## Exclusions\n\n- staff employment or disciplinary matters;\n"
    assert exclusions(text) == [
        {"kind": "other", "text": "staff employment or disciplinary matters"}
    ]


def test_matters_over_six_months_old_are_a_time_exclusion() -> None:
    text = (
        "We will not consider:\n\n- matters which happened more than 6 months before the "
        "complaint was made;\n- matters over two years old.\n"
    )
    assert exclusions(text) == [
        {"kind": "time_limit", "older_than": "6 months"},
        {"kind": "time_limit", "older_than": "2 years"},
    ]


def test_a_charge_level_by_another_name() -> None:
    text = "We will not consider:\n\n- the level of the weekly maintenance contribution.\n"
    assert exclusions(text) == [{"kind": "rent_or_charge_levels"}]
