"""How the figures were made, in words a board reads: the report's closing "Method".

The figures' own definitions (in the JSON, for programs) name the case file's columns and
chc's options; a board paper names neither. These are the same rules in plain words,
chosen by the options the report was built with, so the page and the JSON agree.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

# What each figure means is its row's `meaning` in the one table of figure definitions.
from chc.report.definitions import meaning as meaning

if TYPE_CHECKING:
    from chc.report.figures import Report
    from chc.report.options import Options

# Written out rather than calendar.month_name, which follows the machine's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

REGIONS = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


def long_date(day: date) -> str:
    """``1 April 2023``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def financial_year_name(start: date, end: date) -> str | None:
    """``"2023-24"`` when the span is 1 April to 31 March of the next year, else None."""
    if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and (
        end.year == start.year + 1
    ):
        return f"{start.year}-{end.year % 100:02d}"
    return None


def period_name(start: date, end: date) -> str:
    """``2023-24`` for a financial year, ``1 January 2024 to 31 December 2024`` otherwise."""
    return financial_year_name(start, end) or f"{long_date(start)} to {long_date(end)}"


def period_words(start: date, end: date) -> str:
    """``the financial year 2023-24 (1 April 2023 to 31 March 2024)``, or the two dates."""
    span = f"{long_date(start)} to {long_date(end)}"
    name = financial_year_name(start, end)
    return f"the financial year {name} ({span})" if name else span


REFUSED_WORDS = {
    "by-policy": (
        "A complaint the landlord declined to take on is left out of the on-time measure "
        "when a review found the refusal was within the landlord's policy; any other "
        "refusal counts as a reply that was not on time."
    ),
    "late": "Every complaint the landlord declined to take on counts as a reply that was "
    "not on time.",
    "excluded": "Complaints the landlord declined to take on are left out of the on-time measure.",
}
WITHDRAWN_WORDS = {
    "excluded": "Withdrawn complaints are left out of the on-time measure and of the "
    "response times.",
    "as-recorded": "A withdrawn complaint that received a reply is timed like any other.",
}
OVER_LIMIT_WORDS = {
    "capped": "A reply given within an extension counts as on time only up to the longest "
    "extension the Code allows without good reason.",
    "honoured": "A reply given within the extension agreed with the resident counts as on "
    "time, even where the extension was longer than the Code's usual limit.",
}


def rules(report: Report) -> list[str]:
    """The counting rules, one paragraph each, for the options this report used."""
    o: Options = report.options
    region = REGIONS.get(report.region, report.region)
    closed = (
        f", and not the {len(report.closed)} day(s) the landlord was closed"
        if report.closed
        else ""
    )
    editions = " and ".join(f"{e} Code" for e in report.editions) or "Code"
    judged = (
        f"Every complaint is judged against the {o.code} edition of the Housing Ombudsman's "
        "Complaint Handling Code, as the landlord chose."
        if o.code
        else "Each complaint is judged against the edition of the Housing Ombudsman's "
        "Complaint Handling Code in force on the day it was received, at both stages "
        f"(for this period, the {editions})."
    )
    return [
        f"The figures are counted by chc from the landlord's record of complaints "
        f"({report.cases:,} complaints), not typed by hand. The period is "
        f"{period_words(o.start, o.end)}; rates per 1,000 homes use {o.homes:,} homes.",
        f"Working days leave out the bank holidays in {region}{closed}, and a reply on its "
        "due date is on time. What a working day is, and the other readings of the Code the "
        "figures rest on, are listed under Assumptions, each referred to by its number where "
        "it is used.",
        judged,
        "The Regulator of Social Housing's measure CH02 counts the replies given in the "
        "period, so a complaint received near the end of one year and answered in the next "
        "counts in the next year's figure.",
        REFUSED_WORDS[o.refused],
        WITHDRAWN_WORDS[o.withdrawn],
        OVER_LIMIT_WORDS[o.over_limit],
        "Percentages and rates are rounded to one decimal place, halves rounded up, and "
        "every figure is shown with the counts it comes from. A figure with nothing to "
        "measure is shown as n/a.",
        "Outcomes, categories, remedy payments and Ombudsman decisions are counted over the "
        "stage 1 complaints received in the period. The records do not hold the dates of "
        "the Ombudsman's decisions, so those counts are checked against the Ombudsman's own "
        "figures.",
    ]
