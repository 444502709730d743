from __future__ import annotations

from test_extract_helpers import values


def test_time_limit_with_discretion_in_the_next_sentence() -> None:
    got = values(
        "time_limit",
        "Complaints must be made within 12 months of the issue. We may still consider "
        "older complaints where there is good reason.\n",
    )
    assert got == {("time_limit",): ["12 months"], ("time_limit_discretion",): [True]}


def test_time_limit_in_words_without_discretion() -> None:
    got = values(
        "time_limit",
        "- The issue occurred over twelve months ago, except for safeguarding issues.\n",
    )
    assert got == {("time_limit",): ["12 months"]}


def test_a_stage_timescale_in_months_is_not_a_time_limit() -> None:
    assert values("time_limit", "Stage 2: we will respond within one month.\n") == {}
