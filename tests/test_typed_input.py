"""What a person types on the command line: day-first dates by the case-file rules, and
numbers with thousands separators (issue 26, point 5)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chc.dates import parse_typed_date
from chc.errors import InputError
from chc.numbers import parse_count
from chc.workdays import MAX_YEAR, MIN_YEAR
from conftest import EXAMPLES, run_chc

DAYS = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


@given(DAYS, st.sampled_from(["/", ".", "-"]), st.booleans())
def test_a_day_first_date_reads_as_the_day_it_names(day: date, sep: str, padded: bool) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert parse_typed_date(f"{d}{sep}{m}{sep}{day.year}", "--received") == day


@given(DAYS)
def test_an_iso_date_still_reads(day: date) -> None:
    assert parse_typed_date(day.isoformat(), "--as-of") == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12/22/2025", "there is no month 22"),  # month first: never guessed
        ("04/12/26", "two-digit year"),
        ("31/02/2024", "February 2024 has 29 days"),
        ("01/01/1900", "outside the years"),
        ("4th December", "is not a date; write it as 04/12/2026"),
        ("2024-13-01", "there is no month 13"),
    ],
)
def test_a_date_that_cannot_be_read_says_why(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as err:
        parse_typed_date(text, "--received")
    assert str(err.value).startswith("--received: ")


def test_an_ambiguous_date_follows_the_file_rule_day_first() -> None:
    # 04/12 could be 12 April month-first; chc reads it as a case file's cell: 4 December.
    assert parse_typed_date("04/12/2026", "--received") == date(2026, 12, 4)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_a_count_reads_with_or_without_separators(n: int) -> None:
    assert parse_count(f"{n:,}", "--homes") == n
    assert parse_count(str(n), "--homes") == n


@pytest.mark.parametrize("text", ["5,76", "57,62", "5.762", "-3", "5762.0", "", "1,0000"])
def test_a_count_that_is_not_a_whole_number_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="--homes"):
        parse_count(text, "--homes")


def test_deadlines_reads_a_day_first_received_date() -> None:
    day_first = run_chc("deadlines", "--received", "04/12/2026", "--as-of", "07/12/2026",
                        "--format", "json")  # fmt: skip
    iso = run_chc("deadlines", "--received", "2026-12-04", "--as-of", "2026-12-07",
                  "--format", "json")  # fmt: skip
    assert day_first.exit_code == 0, day_first.stderr
    assert json.loads(day_first.stdout) == json.loads(iso.stdout)


def test_deadlines_refuses_a_month_first_date_with_one_line() -> None:
    result = run_chc("deadlines", "--received", "12/22/2025")
    assert result.exit_code == 2
    assert "--received: 12/22/2025 is not a day-first date" in result.stderr
    assert "Traceback" not in result.stderr


def _report(*homes: str) -> dict[str, object]:
    result = run_chc(
        "report", str(EXAMPLES / "cases-2023-24.csv"), *homes, "--from", "01/04/2023",
        "--to", "31/03/2024", "--landlord", "Example Homes", "--format", "json", "--quiet",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)["report"]
    return report


def test_report_reads_homes_with_a_thousands_separator() -> None:
    report = _report("--homes", "5,762")
    assert report["homes"] == 5762
    assert (report["from"], report["to"]) == ("2023-04-01", "2024-03-31")


def test_report_refuses_a_slip_in_homes_naming_the_option() -> None:
    result = run_chc(
        "report", str(EXAMPLES / "cases-2023-24.csv"), "--homes", "5,76", "--from",
        "2023-04-01", "--to", "2024-03-31", "--landlord", "X",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--homes: '5,76' is not a whole number" in result.stderr
