from __future__ import annotations

import pytest

from chc.policy.durations import parse_duration
from chc.policy.extract.rules.durations import find_durations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 5 working days", ["5 working days"]),
        ("within five (5) working days", ["5 working days"]),
        ("10 business days", ["10 working days"]),
        ("within two weeks", ["2 weeks"]),
        ("a further 10 days", ["10 days"]),
        ("28 calendar days", ["28 calendar days"]),
        ("28 clear days", ["28 calendar days"]),
        ("one month", ["1 month"]),
        ("within a month", ["1 month"]),
        ("12 months", ["12 months"]),
        ("twelve months ago", ["12 months"]),
        ("within 48hrs", ["48 hours"]),
        ("acknowledge within 5 working days and respond within 10 working days",
         ["5 working days", "10 working days"]),
        ("2 calendar months", []),  # not a duration the policy format reads
        ("within a day", []),  # "a day" is rarely a timescale
        ("Stage 1 of 2", []),
    ],
)  # fmt: skip
def test_spellings(text: str, expected: list[str]) -> None:
    assert [d.text for d in find_durations(text)] == expected


def test_every_found_duration_is_one_the_policy_format_accepts() -> None:
    text = "5 working days, two weeks, 28 calendar days, one month, 1 year, 48 hrs, 1 day"
    for found in find_durations(text):
        assert parse_duration(found.text).text == found.text
