"""The option objects every command builds: a calendar, a destination."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chc.cli.options import CalendarOptions, Destination
from chc.errors import InputError
from chc.workdays import DEFAULT_REGION


def test_an_existing_output_is_refused_up_front_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("kept")
    with pytest.raises(InputError, match="already exists"):
        Destination.checked(out, False, ())
    assert Destination.checked(out, True, ()).output == out
    assert out.read_text() == "kept"  # checking writes nothing


def test_an_input_is_never_the_output_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("reference\n")
    with pytest.raises(InputError, match="will not overwrite an input"):
        Destination.checked(source, True, (None, source))


def test_inputs_not_given_are_left_out() -> None:
    assert Destination.checked(None, False, (None, Path("a.csv"), None)).inputs == (Path("a.csv"),)


def test_a_destination_writes_the_whole_text(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    Destination.checked(out, False, ()).write("one\ntwo\n")
    assert out.read_text() == "one\ntwo\n"


def test_the_calendar_counts_closure_days_from_both_flag_and_file(tmp_path: Path) -> None:
    closures = tmp_path / "closed.txt"
    closures.write_text("# office shut\n2025-12-29..2025-12-30\n")
    plain = CalendarOptions.of(DEFAULT_REGION, None, None).calendar()
    shut = CalendarOptions.of(DEFAULT_REGION, ["2025-12-31"], closures).calendar()
    for day in (date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)):
        assert plain.is_working_day(day)
        assert not shut.is_working_day(day)


def test_a_bad_closure_line_is_located(tmp_path: Path) -> None:
    closures = tmp_path / "closed.txt"
    closures.write_text("2025-12-29\n2025-12-31..2025-12-30\n")
    with pytest.raises(InputError) as caught:
        CalendarOptions.of(DEFAULT_REGION, None, closures).calendar()
    assert caught.value.line == 2
    assert "ends before it starts" in caught.value.message


def test_as_of_is_the_day_of_self_assessment_check_and_today_still_works() -> None:
    from conftest import EXAMPLES, run_chc

    answers = str(EXAMPLES / "answers-2024.yaml")
    # A far-off day puts every target date in the past; an early one puts none there.
    early = run_chc("self-assessment", "check", answers, "--as-of", "2000-01-01", "-f", "json")
    late = run_chc("self-assessment", "check", answers, "--as-of", "2099-01-01", "-f", "json")
    old = run_chc("self-assessment", "check", answers, "--today", "2099-01-01", "-f", "json")
    assert early.stdout != late.stdout
    assert old.stdout == late.stdout
    bad = run_chc("self-assessment", "check", answers, "--as-of", "2024-02-30")
    assert bad.exit_code == 2 and "--as-of" in bad.stderr
    both = run_chc(
        "self-assessment", "check", answers, "--as-of", "2024-01-01", "--today", "2024-01-01"
    )
    assert both.exit_code == 2 and "--as-of once" in both.stderr


def test_the_old_spelling_is_out_of_help() -> None:
    from conftest import run_chc

    text = run_chc("self-assessment", "check", "--help").stdout
    assert "--as-of" in text and "--today" not in text
