from __future__ import annotations

from test_extract_helpers import run_rule, values


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
    assert got == {("time_limit",): ["12 months"], ("time_limit_from",): ["issue_occurred"]}


def test_a_stage_timescale_in_months_is_not_a_time_limit() -> None:
    assert values("time_limit", "Stage 2: we will respond within one month.\n") == {}


def test_counted_from_the_issue_or_from_awareness() -> None:
    aware = values("time_limit", "Complain within 12 months of becoming aware of the issue.\n")
    assert aware[("time_limit_from",)] == ["became_aware"]
    either = values(
        "time_limit",
        "Please complain within 12 months of the issue happening or of you becoming aware of it.\n",
    )
    assert either[("time_limit_from",)] == ["either"]


def test_counted_from_the_issue_alone_asks_about_awareness() -> None:
    found = run_rule(
        "time_limit", "Complaints must be made within 6 months of the issue occurring.\n"
    )
    start = next(f for f in found if f.path == ("time_limit_from",))
    assert start.value == "issue_occurred"
    assert start.review is not None and "became aware" in start.review


def test_a_limit_that_names_no_start_says_nothing_about_it() -> None:
    got = values("time_limit", "Complaints must be made within 12 months of the issue.\n")
    assert ("time_limit_from",) not in got


def test_no_time_limit_is_stated_as_none() -> None:
    got = values("time_limit", "There is no time limit for making a complaint.\n")
    assert got == {("time_limit",): ["none"]}
