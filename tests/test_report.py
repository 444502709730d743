"""chc.report: each figure's definition at its edges, and seed 001's published figures.

The edge cases the issue names each have a test: a response on the due date, an extended
response, a complaint received in one year and answered in the next, a withdrawn
complaint, a refused complaint, and stage 2 without stage 1 data.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from chc.errors import CaseError, InputError
from chc.report.figures import Report, build, rounded
from chc.report.options import Options
from chc.workdays import calendar_for
from conftest import EXAMPLES, ROOT

CAL = calendar_for()
Y23 = {"start": date(2023, 4, 1), "end": date(2024, 3, 31)}
Y24 = {"start": date(2024, 4, 1), "end": date(2025, 3, 31)}
HEADER = (
    "reference,received,stage1_acknowledged,stage1_extension,stage1_responded,"
    "stage2_requested,stage2_acknowledged,stage2_extension,stage2_responded,"
    "category,outcome,refused,refusal_reason,refusal_within_policy,remedy_amount,"
    "ombudsman_determination"
)


def cases(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def row(ref: str, received: str, **cols: str) -> str:
    names = HEADER.split(",")
    values = {"reference": ref, "received": received, **cols}
    unknown = set(values) - set(names)
    assert not unknown, unknown
    return ",".join(values.get(n, "") for n in names)


def report(path: Path, period: dict[str, date] = Y24, homes: int = 1000, **opts: str) -> Report:
    return build(path, Options(homes=homes, **period, **opts), CAL)  # type: ignore[arg-type]


def fig(r: Report, key: str) -> tuple[Decimal | None, object, object]:
    f = r.figures[key]
    return f.value, f.numerator, f.denominator


# -- seed 001 ---------------------------------------------------------------------------

SEED_ARGS = dict(homes=5762, **Y23)


def test_example_reproduces_seed_001_headline_figures_exactly() -> None:
    r = build(EXAMPLES / "cases-2023-24.csv", Options(**SEED_ARGS), CAL)  # type: ignore[arg-type]
    # Published: 393 complaints; 68.2 stage 1 complaints per 1,000 homes; 82.1% and 62.5%
    # on time; 13 refusals of which 10 counted as not responded to in time; 7 extended;
    # 10% escalated to stage 2; 73% upheld or partly upheld.
    assert fig(r, "received_stage1") == (Decimal(393), 393, None)
    assert fig(r, "received_stage2") == (Decimal(40), 40, None)
    assert fig(r, "ch01_stage1") == (Decimal("68.2"), 393, 5762)
    assert fig(r, "ch02_stage1") == (Decimal("82.1"), 312, 380)
    assert fig(r, "ch02_stage2") == (Decimal("62.5"), 25, 40)
    assert fig(r, "refused")[0] == 13
    assert fig(r, "refused_counted_late") == (Decimal("76.9"), 10, 13)
    assert r.figures["extended_stage1"].numerator == 5
    assert r.figures["extended_stage2"].numerator == 2
    assert fig(r, "escalation_rate") == (Decimal("10.2"), 40, 393)
    assert fig(r, "upheld_rate") == (Decimal("72.9"), 272, 373)
    assert round(r.figures["upheld_rate"].value or 0) == 73
    assert r.editions == ("2022",)
    reasons = {(x.reason, x.counted): x.count for x in r.refusals}
    assert sum(n for (_, counted), n in reasons.items() if counted == "late") == 10
    assert sum(n for (_, counted), n in reasons.items() if counted == "excluded") == 3


def test_the_number_of_homes_is_derived_from_the_published_rate() -> None:
    # 393 complaints give 68.2 per 1,000 for 5,759 to 5,766 homes and for no other number:
    # the example's 5,762 is inside the range, as the script's docstring explains.
    fits = [h for h in range(5700, 5800) if rounded(Fraction(393 * 1000, h)) == Decimal("68.2")]
    assert fits == list(range(5759, 5767))
    assert 5762 in fits


def test_the_example_file_is_what_the_script_builds(tmp_path: Path) -> None:
    out = tmp_path / "cases.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_example_caseload.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (EXAMPLES / "cases-2023-24.csv").read_bytes()


# -- rounding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(6825, 100), "68.3"),  # half up, where float rounding can go down
        (Fraction(6824999, 100000), "68.2"),
        (Fraction(1, 3) * 100, "33.3"),
        (Fraction(2, 3) * 100, "66.7"),
        (Fraction(625, 10), "62.5"),
        (Fraction(0), "0.0"),
    ],
)
def test_rounding_is_half_up_to_one_decimal(value: Fraction, expected: str) -> None:
    assert str(rounded(value)) == expected


# -- CH02 at its edges --------------------------------------------------------------------


def test_a_response_on_the_due_date_is_on_time_and_the_next_day_is_late(tmp_path: Path) -> None:
    # 2024 Code: 10 working days from the acknowledgement. Acknowledged Fri 3 May 2024, so
    # due Mon 20 May (Mon 6 May was a bank holiday).
    path = cases(
        tmp_path,
        row("A", "2024-05-01", stage1_acknowledged="2024-05-03", stage1_responded="2024-05-20"),
        row("B", "2024-05-01", stage1_acknowledged="2024-05-03", stage1_responded="2024-05-21"),
    )
    r = report(path)
    assert fig(r, "ch02_stage1") == (Decimal("50.0"), 1, 2)


def test_a_response_inside_a_permitted_extension_is_on_time(tmp_path: Path) -> None:
    due = date(2024, 5, 20)
    inside = CAL.add(due, 10)  # the last day of a 10-day extension (the 2024 limit)
    path = cases(
        tmp_path,
        row(
            "A",
            "2024-05-01",
            stage1_acknowledged="2024-05-03",
            stage1_extension="10",
            stage1_responded=inside.isoformat(),
        ),
        row(
            "B",
            "2024-05-01",
            stage1_acknowledged="2024-05-03",
            stage1_extension="10",
            stage1_responded=CAL.add(inside, 1).isoformat(),
        ),
    )
    r = report(path)
    assert fig(r, "ch02_stage1") == (Decimal("50.0"), 1, 2)
    assert fig(r, "extended_stage1") == (Decimal("100.0"), 2, 2)
    assert fig(r, "beyond_limit_stage1") == (Decimal("0.0"), 0, 2)


def test_an_extension_longer_than_the_limit_counts_only_up_to_the_limit(tmp_path: Path) -> None:
    due = date(2024, 5, 20)
    answered = CAL.add(due, 12)  # inside the 15 days given, past the Code's 10
    path = cases(
        tmp_path,
        row(
            "A",
            "2024-05-01",
            stage1_acknowledged="2024-05-03",
            stage1_extension="15",
            stage1_responded=answered.isoformat(),
        ),
    )
    capped = report(path)
    assert fig(capped, "ch02_stage1") == (Decimal("0.0"), 0, 1)
    assert fig(capped, "beyond_limit_stage1") == (Decimal("100.0"), 1, 1)
    assert "1 of them were answered inside the extension given" in (
        capped.figures["beyond_limit_stage1"].definition
    )
    honoured = report(path, over_limit="honoured")
    assert fig(honoured, "ch02_stage1") == (Decimal("100.0"), 1, 1)


def test_received_in_one_year_and_answered_in_the_next(tmp_path: Path) -> None:
    # Received under the 2022 Code (stage 2: 20 working days from the escalation request),
    # answered in 2024-25 one working day after that due date: late, although the 2024
    # Code's rule (20 days from the acknowledgement) would have called it on time.
    asked, ack = date(2024, 3, 20), date(2024, 3, 27)
    answered = CAL.add(CAL.add(asked, 20), 1)
    assert answered <= CAL.add(ack, 20)  # so the edition is what decides this test
    path = cases(
        tmp_path,
        row(
            "A",
            "2024-02-01",
            stage1_acknowledged="2024-02-02",
            stage1_responded="2024-02-14",
            stage2_requested=asked.isoformat(),
            stage2_acknowledged=ack.isoformat(),
            stage2_responded=answered.isoformat(),
        ),
    )
    last_year = report(path, Y23)
    assert fig(last_year, "received_stage2")[0] == 1
    assert fig(last_year, "ch02_stage2") == (None, 0, 0)  # not answered in that year
    assert "0 stage 1 and 1 stage 2 complaint(s)" in " ".join(last_year.notes)
    assert fig(last_year, "open_at_end")[0] == 1
    this_year = report(path, Y24)
    assert fig(this_year, "received_stage2")[0] == 0
    assert fig(this_year, "ch02_stage2") == (Decimal("0.0"), 0, 1)
    assert this_year.editions == ("2022",)


def test_a_withdrawn_complaint_is_received_but_not_in_ch02(tmp_path: Path) -> None:
    path = cases(
        tmp_path,
        row("A", "2024-05-01", stage1_acknowledged="2024-05-02", outcome="withdrawn"),
        row(
            "B",
            "2024-05-01",
            stage1_acknowledged="2024-05-02",
            stage1_responded="2024-06-28",
            outcome="Withdrawn",
        ),
        row("C", "2024-05-01", stage1_acknowledged="2024-05-02", stage1_responded="2024-05-10"),
    )
    r = report(path)
    assert fig(r, "received_stage1")[0] == 3
    assert fig(r, "ch02_stage1") == (Decimal("100.0"), 1, 1)
    assert fig(r, "withdrawn")[0] == 2
    assert fig(r, "open_at_end")[0] == 0  # a withdrawn complaint is not still open
    timed = report(path, withdrawn="as-recorded")
    assert fig(timed, "ch02_stage1") == (Decimal("50.0"), 1, 2)  # B is late (due 16 May)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("by-policy", (Decimal("33.3"), 1, 3)),  # outside policy and unrecorded: late
        ("late", (Decimal("25.0"), 1, 4)),
        ("excluded", (Decimal("100.0"), 1, 1)),
    ],
)
def test_refused_complaints_follow_the_chosen_rule(
    tmp_path: Path, rule: str, expected: tuple[Decimal, int, int]
) -> None:
    path = cases(
        tmp_path,
        row("A", "2024-05-01", stage1_responded="2024-05-03", refused="yes",
            refusal_reason="Older than 12 months", refusal_within_policy="yes"),
        row("B", "2024-05-01", stage1_responded="2024-05-03", refused="yes",
            refusal_reason="A service request", refusal_within_policy="no"),
        row("C", "2024-05-01", refused="Y"),  # no response date: the request date places it
        row("D", "2024-05-01", stage1_acknowledged="2024-05-02", stage1_responded="2024-05-10",
            refused="no"),
    )  # fmt: skip
    r = report(path, refused=rule)
    assert fig(r, "ch02_stage1") == expected
    assert fig(r, "received_stage1")[0] == 4  # refused complaints were still received
    assert fig(r, "refused")[0] == 3
    assert fig(r, "days_mean_stage1")[2] == 1  # refusals are not response times
    assert {x.reason for x in r.refusals} == {
        "Older than 12 months",
        "A service request",
        "not recorded",
    }
    assert [s.name for s in r.outcomes] == ["refused", "not recorded"]


def test_stage_2_without_stage_1_data(tmp_path: Path) -> None:
    # The stage 1 was last year and its dates are not in the file; the stage 2 request and
    # response are this year's.
    path = cases(
        tmp_path,
        row(
            "A",
            "2024-02-01",
            stage2_requested="2024-05-01",
            stage2_acknowledged="2024-05-02",
            stage2_responded="2024-05-20",
        ),
    )
    r = report(path)
    assert fig(r, "received_stage1")[0] == 0
    assert fig(r, "received_stage2")[0] == 1
    assert fig(r, "ch02_stage2") == (Decimal("100.0"), 1, 1)
    assert fig(r, "ch02_stage1") == (None, 0, 0)
    assert any("no stage 1 response date" in w for w in r.warnings)
    assert fig(r, "open_at_end")[0] == 0  # its unanswered stage 1 is not "still open"


# -- the other figures --------------------------------------------------------------------


def test_ch01_per_stage_counts_requests_in_the_period(tmp_path: Path) -> None:
    path = cases(
        tmp_path,
        row("A", "2024-03-31", stage1_responded="2024-04-05", stage2_requested="2024-04-10"),
        row("B", "2024-04-01"),
        row("C", "2025-03-31"),
        row("D", "2025-04-01"),
    )
    r = report(path, homes=3)
    assert fig(r, "ch01_stage1") == (Decimal("666.7"), 2, 3)
    assert fig(r, "ch01_stage2") == (Decimal("333.3"), 1, 3)


def test_working_days_to_respond_mean_and_median(tmp_path: Path) -> None:
    # Received Wed 1 May 2024: 1, 2 and 12 working days later (Mon 6 May a bank holiday).
    path = cases(
        tmp_path,
        row("A", "2024-05-01", stage1_acknowledged="2024-05-01", stage1_responded="2024-05-02"),
        row("B", "2024-05-01", stage1_acknowledged="2024-05-01", stage1_responded="2024-05-03"),
        row("C", "2024-05-01", stage1_acknowledged="2024-05-01", stage1_responded="2024-05-20"),
    )
    r = report(path)
    assert fig(r, "days_mean_stage1") == (Decimal("5.0"), 15, 3)  # (1 + 2 + 12) / 3
    assert fig(r, "days_median_stage1") == (Decimal("2.0"), None, 3)


def test_acknowledgements_on_time_late_and_missing(tmp_path: Path) -> None:
    # 2024 Code: 5 working days from receipt; received Wed 1 May 2024, due Thu 9 May.
    path = cases(
        tmp_path,
        row("A", "2024-05-01", stage1_acknowledged="2024-05-09"),
        row("B", "2024-05-01", stage1_acknowledged="2024-05-10"),
        row("C", "2024-05-01"),
        row("D", "2025-03-31"),  # due after the period's end: not yet measured
    )
    r = report(path)
    assert fig(r, "ack_on_time_stage1") == (Decimal("33.3"), 1, 3)
    assert "1 had none" in r.figures["ack_on_time_stage1"].definition


def test_outcomes_categories_remedies_and_determinations(tmp_path: Path) -> None:
    path = cases(
        tmp_path,
        row("A", "2024-05-01", outcome="upheld", category="Repairs", remedy_amount="\"£1,250.50\""),
        row("B", "2024-05-02", outcome="partly-upheld", category="Repairs", remedy_amount="0"),
        row("C", "2024-05-03", outcome="Not Upheld", category="Noise",
            ombudsman_determination="Maladministration"),
        row("D", "2024-05-04", ombudsman_determination="maladministration"),
        row("E", "2023-05-04", outcome="upheld", category="Old", remedy_amount="99"),
    )  # fmt: skip
    r = report(path)
    assert [(s.name, s.count) for s in r.outcomes] == [
        ("upheld", 1),
        ("partly upheld", 1),
        ("not upheld", 1),
        ("not recorded", 1),
    ]
    assert [(s.name, s.count) for s in r.categories] == [
        ("Repairs", 2),
        ("Noise", 1),
        ("not recorded", 1),
    ]
    assert fig(r, "remedies") == (Decimal("1250.50"), Decimal("1250.50"), 1)
    assert [(s.name, s.count) for s in r.determinations] == [("maladministration", 2)]
    assert fig(r, "upheld_rate") == (Decimal("66.7"), 2, 3)


def test_month_by_month_adds_up_to_the_year(tmp_path: Path) -> None:
    r = build(EXAMPLES / "cases-2023-24.csv", Options(**SEED_ARGS), CAL)  # type: ignore[arg-type]
    assert [m.month for m in r.months][:2] == ["2023-04", "2023-05"]
    assert len(r.months) == 12
    assert sum(m.received[0] for m in r.months) == 393
    assert sum(m.received[1] for m in r.months) == 40
    assert sum(m.responded[0] for m in r.months) == 380
    assert sum(m.on_time[0] for m in r.months) == 312
    assert max(r.months, key=lambda m: m.received[0]).month == "2023-05"  # seed 001's spike


def test_previous_period_comparison(tmp_path: Path) -> None:
    path = cases(
        tmp_path,
        row("A", "2023-05-01", stage1_acknowledged="2023-05-02", stage1_responded="2023-05-05"),
        row("B", "2024-05-01", stage1_acknowledged="2024-05-02", stage1_responded="2024-05-03"),
        row("C", "2024-05-01", stage1_acknowledged="2024-05-02", stage1_responded="2024-06-30"),
    )
    options = Options(homes=1000, **Y24)  # type: ignore[arg-type]
    before = build(path, options.previous(500), CAL)
    assert (before.options.start, before.options.end) == (date(2023, 4, 1), date(2024, 3, 31))
    r = dataclasses.replace(build(path, options, CAL), previous=before)
    rows = {row["key"]: row for row in r.comparison()}
    assert rows["received_stage1"]["change"] == "+1"
    assert rows["ch01_stage1"]["this"] == "2.0"
    assert rows["ch01_stage1"]["previous"] == "2.0"  # 1 complaint / 500 homes
    assert rows["ch02_stage1"]["change"] == "−50.0 points"
    assert r.as_json()["previous"]["homes"] == 500


def test_leap_day_periods_shift_to_28_february() -> None:
    o = Options(homes=1, start=date(2024, 2, 29), end=date(2025, 2, 28)).previous()
    assert (o.start, o.end) == (date(2023, 2, 28), date(2024, 2, 28))


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "column", "message"),
    [
        ({"outcome": "resolved"}, "outcome", "'resolved' is not one of"),
        ({"refused": "maybe"}, "refused", "'maybe' is not yes or no"),
        ({"refusal_within_policy": "yes"}, "refusal_within_policy", "refused is not yes"),
        ({"refusal_reason": "late"}, "refusal_reason", "refused is not yes"),
        ({"remedy_amount": "lots"}, "remedy_amount", "not an amount of money"),
        ({"remedy_amount": "-5"}, "remedy_amount", "not an amount of money"),
        ({"remedy_amount": "NaN"}, "remedy_amount", "not an amount of money"),
    ],
)
def test_a_bad_report_cell_names_its_line_and_column(
    tmp_path: Path, cell: dict[str, str], column: str, message: str
) -> None:
    path = cases(tmp_path, row("A", "2024-05-01"), row("B", "2024-05-01", **cell))
    with pytest.raises(CaseError) as info:
        report(path)
    err = info.value
    assert (err.file, err.line, err.column) == (str(path), 3, HEADER.split(",").index(column) + 1)
    assert message in err.message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"homes": 0}, "--homes must be a whole number above 0"),
        ({"start": date(2025, 1, 1), "end": date(2024, 1, 1)}, "before it starts"),
        ({"refused": "sometimes"}, "unknown rule"),
    ],
)
def test_bad_options_are_input_errors(options: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"homes": 10, **Y24, **options}
    with pytest.raises(InputError, match=message):
        Options(**args)  # type: ignore[arg-type]
