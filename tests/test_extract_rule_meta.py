from __future__ import annotations

from test_extract_helpers import values


def test_title_landlord_adoption_and_code() -> None:
    text = (
        "# Complaints Policy\n\n| Date reviewed | July 2023 |\n"
        "| Approved by | Board, 14 March 2024 |\n\n"
        'Oakfield Housing Trust ("we") follows the Complaint Handling Code 2024.\n'
    )
    assert values("meta", text) == {
        ("document",): ["Complaints Policy"],
        ("landlord",): ["Oakfield Housing Trust"],
        ("adopted",): ["2024-03-14"],  # approval beats review
        ("code",): ["2024"],
    }


def test_a_month_without_a_day_and_no_code_year() -> None:
    got = values("meta", "| Date Reviewed | April 2024 | Next Review Date | November 2026 |\n")
    assert got == {("adopted",): ["2024-04"]}


def test_hereafter() -> None:
    got = values("meta", "Black Country Housing Group (hereafter “BCHG”) recognises this.\n")
    assert got == {("landlord",): ["Black Country Housing Group"]}


def test_a_landlord_named_as_the_charity() -> None:
    got = values("meta", 'Kingsmead Almshouse Charity ("the Charity") runs forty flats.\n')
    assert got[("landlord",)] == ["Kingsmead Almshouse Charity"]
