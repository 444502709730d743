"""chc.codes.rule: the one edition rule, and the places that used to decide it themselves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chc.codes.loading import builtin_editions
from chc.codes.rule import choose_timetable, edition_ref, in_force_on
from chc.errors import CodeFileError

FIRST = min(e.in_force_from for e in builtin_editions())


@given(st.dates(min_value=FIRST, max_value=date(2040, 12, 31)))
def test_the_rule_names_the_one_full_edition_in_force_that_day(day: date) -> None:
    in_force = [e.edition for e in builtin_editions() if e.in_force_on(day)]
    assert [in_force_on(day)] == in_force


def test_a_day_before_the_first_edition_is_refused_naming_it() -> None:
    with pytest.raises(CodeFileError, match="before the first Complaint Handling Code"):
        in_force_on(FIRST - timedelta(days=1))


def test_an_edition_named_wins_the_first_given_first() -> None:
    day = date(2024, 5, 1)
    assert edition_ref(day) == "2024"
    assert edition_ref(day, None, "2022") == "2022"
    assert edition_ref(day, "2020", "2022") == "2020"


def test_one_complaint_and_the_full_loader_agree() -> None:
    from chc.codes.choice import choose_edition

    for day in (date(2021, 3, 1), date(2023, 6, 30), date(2024, 4, 1)):
        table, why = choose_timetable(day)
        choice = choose_edition(day)
        assert (table.edition, why) == (choice.edition.edition, choice.reason)
