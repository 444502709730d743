"""Durations in a policy: every form chc reads, the ones it refuses, and how they compare.

Comparisons are asserted through the check kinds (max_duration, min_time_limit and the
stage checks) against the real editions' timescales, the way `chc check-policy` runs
them, not through private helpers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.codes.loading import load_edition
from chc.errors import PolicyError
from chc.policy.durations import Duration, parse_duration
from chc.policy.findings import Finding, check_policy
from chc.policy.model import load_policy

# -- reading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit", "shown"),
    [
        ("10 working days", 10, "working_days", "10 working days"),
        ("1 working day", 1, "working_days", "1 working day"),
        ("10 business days", 10, "working_days", "10 business days"),
        ("1 business day", 1, "working_days", "1 business day"),
        ("5 days", 5, "days", "5 days"),
        ("1 day", 1, "days", "1 day"),
        ("5 calendar days", 5, "calendar_days", "5 calendar days"),
        ("1 calendar day", 1, "calendar_days", "1 calendar day"),
        ("2 weeks", 2, "weeks", "2 weeks"),
        ("1 week", 1, "weeks", "1 week"),
        ("6 months", 6, "months", "6 months"),
        ("1 month", 1, "months", "1 month"),
        ("2 years", 2, "years", "2 years"),
        ("1 year", 1, "years", "1 year"),
        ("48 hours", 48, "hours", "48 hours"),
        ("1 hour", 1, "hours", "1 hour"),
        ("10 WORKING DAYS", 10, "working_days", "10 WORKING DAYS"),
        ("12 Months", 12, "months", "12 Months"),
        ("5 Calendar Days", 5, "calendar_days", "5 Calendar Days"),
        ("  10   working   days  ", 10, "working_days", "10 working days"),
        ("20\tworking days", 20, "working_days", "20 working days"),
    ],
)
def test_duration_forms(text: str, amount: int, unit: str, shown: str) -> None:
    d = parse_duration(text)
    assert (d.amount, d.unit, d.text) == (amount, unit, shown)
    assert str(d) == shown


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("ten-ish days", "cannot read 'ten-ish days'"),
        ("ten working days", "cannot read"),
        ("0 days", "more than 0"),
        ("0 working days", "more than 0"),
        ("5 working weeks", "only goes with days"),
        ("2 calendar months", "only goes with days"),
        ("1 business year", "only goes with days"),
        ("1.5 days", "cannot read"),
        ("-3 days", "cannot read"),
        ("10", "cannot read"),
        ("days", "cannot read"),
        ("", "cannot read"),
        ("10 fortnights", "cannot read"),
        (10, "is not a duration"),
        (10.5, "is not a duration"),
        (True, "is not a duration"),
        (["10 days"], "is not a duration"),
    ],
)
def test_duration_rejections(value: object, words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_duration(value)


def test_parse_duration_returns_a_duration_unchanged() -> None:
    d = Duration(3, "weeks", "3 weeks")
    assert parse_duration(d) is d


@pytest.mark.parametrize(
    ("text", "low", "high", "assumed"),
    [
        ("10 working days", 10, 10, None),
        ("10 business days", 10, 10, None),
        # The low end allows for weekends and up to four bank holidays; it only decides
        # whether a longer-than-the-Code verdict is certain.
        ("5 days", 0, 5, '"5 days" is read as 5 days, which hold at most 5 working days'),
        ("7 calendar days", 1, 5, "read as 7 calendar days, which hold at most 5 working days"),
        ("2 weeks", 6, 10, "10 working days at most"),
        ("1 week", 1, 5, "5 working days at most"),
        ("48 hours", 2, 2, "24 hours to a working day, so 2 working days"),
        ("1 hour", 1, 1, "so 1 working day"),
        ("25 hours", 2, 2, "so 2 working days"),
        ("1 month", 17, 23, "up to 23 working days"),
        ("1 year", 204, 276, "up to 276 working days"),
    ],
)
def test_working_days_range(text: str, low: int, high: int, assumed: str | None) -> None:
    got_low, got_high, assumption = parse_duration(text).working_days_range()
    assert (got_low, got_high) == (low, high)
    if assumed is None:
        assert assumption is None
    else:
        assert assumption is not None
        assert assumed in assumption


# -- comparing, through the checks -----------------------------------------------------


def findings(tmp_path: Path, policy: str, code: str, provision: str) -> list[Finding]:
    path = tmp_path / "policy.yaml"
    path.write_text(policy, encoding="utf-8")
    report = check_policy(load_policy(path), load_edition(code))
    return [f for f in report.findings if f.provision == provision]


def only(items: list[Finding]) -> Finding:
    assert len(items) == 1, items
    return items[0]


def stage1(field: str, value: str, extra: str = "", stages: int = 2) -> str:
    text = f"stages:\n  - name: Stage 1\n    {field}: {value}\n"
    if extra:
        text += f"    {extra}\n"
    for n in range(2, stages + 1):
        text += f"  - name: Stage {n}\n"
    return text


def stage2(field: str, value: str) -> str:
    return f"stages:\n  - name: Stage 1\n  - name: Stage 2\n    {field}: {value}\n"


def test_receipt_clock_is_stricter_than_2024_acknowledgement_clock(tmp_path: Path) -> None:
    # 2024 6.3: 10 working days from acknowledgement; the policy counts from receipt.
    policy = stage1("respond", "10 working days", "respond_from: received")
    f = only(findings(tmp_path, policy, "2024", "6.3"))
    assert f.status == "pass"
    assert f.expected == "at most 10 working days from acknowledgement"
    assert f.found == "10 working days from receipt"
    assert (f.line, f.column) == (3, 5)


def test_acknowledgement_clock_is_for_review_against_2020_receipt_clock(tmp_path: Path) -> None:
    # 2020 Q4.7: 10 working days from receipt. Counting from acknowledgement adds the
    # acknowledgement's 5 working days, so the policy can answer on working day 15. That
    # 2020 counted from receipt is unverified, so the failure is for review.
    policy = stage1(
        "respond",
        "10 working days",
        "respond_from: acknowledged\n    acknowledge: 5 working days",
        stages=1,
    )
    f = only(findings(tmp_path, policy, "2020", "Q4.7"))
    assert f.status == "review"
    assert f.assumption is not None
    assert "acknowledgement can add up to 5 working days" in f.assumption
    assert "from receipt, so a policy counting from another day is shown for review" in f.assumption


def test_acknowledgement_clock_is_for_review_even_with_no_acknowledgement_stated(
    tmp_path: Path,
) -> None:
    policy = stage1("respond", "10 working days", "respond_from: acknowledged", stages=1)
    f = only(findings(tmp_path, policy, "2020", "Q4.7"))
    assert f.status == "review"
    assert f.assumption is not None
    assert "unknown number of days" in f.assumption


def test_five_days_passes_five_working_days_and_says_why(tmp_path: Path) -> None:
    f = only(findings(tmp_path, stage1("acknowledge", "5 days"), "2024", "6.2"))
    assert f.status == "pass"
    assert f.assumption == '"5 days" is read as 5 days, which hold at most 5 working days'


def test_two_weeks_passes_ten_working_days(tmp_path: Path) -> None:
    assert parse_duration("2 weeks").working_days_range()[1] == 10
    # 2024 6.4: a stage 1 extension of up to 10 working days.
    f = only(findings(tmp_path, stage1("extension", "2 weeks"), "2024", "6.4"))
    assert f.status == "pass"
    assert f.assumption == '"2 weeks" is read as 10 working days at most'


def test_two_weeks_is_over_nine_working_days(tmp_path: Path) -> None:
    # 2020 Q4.7 allows 10 working days from receipt; a policy counting from an
    # acknowledgement sent within 1 working day has 9 working days left.
    policy = stage1(
        "respond",
        "2 weeks",
        "respond_from: acknowledged\n    acknowledge: 1 working day",
        stages=1,
    )
    f = only(findings(tmp_path, policy, "2020", "Q4.7"))
    assert f.status == "review"  # 2020's clock start is unverified
    assert f.assumption is not None
    assert "up to 1 working days" in f.assumption
    assert "10 working days at most" in f.assumption


@pytest.mark.parametrize(
    ("limit", "status"),
    [
        ("6 months", "fail"),
        ("11 months", "fail"),
        ("12 months", "pass"),
        ("1 year", "pass"),
        ("2 years", "pass"),
        ("52 weeks", "fail"),  # 364 days: shorter than any 12 months
    ],
)
def test_time_limit_against_2024_twelve_months(tmp_path: Path, limit: str, status: str) -> None:
    policy = f"stages: [{{name: Stage 1}}, {{name: Stage 2}}]\ntime_limit: {limit}\n"
    items = [f for f in findings(tmp_path, policy, "2024", "2.3") if f.check == "min_time_limit"]
    # The first finding judges the length; the second (not stated) what it counts from.
    f, start = items
    assert start.status == "not_stated"
    assert f.status == status
    assert f.expected == "at least 12 months to complain"
    assert (f.line, f.column) == (2, 1)


@pytest.mark.parametrize("limit", ["53 weeks", "366 days", "367 calendar days"])
def test_a_time_limit_longer_than_any_twelve_months_passes(tmp_path: Path, limit: str) -> None:
    # Twelve consecutive calendar months hold at most 366 days, so a policy accepting
    # complaints this old never turns away one that 2024 2.3 says must be accepted.
    policy = f"stages: [{{name: Stage 1}}, {{name: Stage 2}}]\ntime_limit: {limit}\n"
    items = [f for f in findings(tmp_path, policy, "2024", "2.3") if f.check == "min_time_limit"]
    assert items[0].status == "pass"


def test_48_hours_passes_a_five_working_day_acknowledgement(tmp_path: Path) -> None:
    f = only(findings(tmp_path, stage1("acknowledge", "48 hours"), "2024", "6.2"))
    assert f.status == "pass"
    assert f.assumption is not None
    assert "compared as working time" in f.assumption
    assert "2 working days" in f.assumption


def test_one_month_can_be_longer_than_twenty_working_days(tmp_path: Path) -> None:
    f = only(findings(tmp_path, stage2("respond", "1 month"), "2024", "6.14"))
    assert f.status == "fail"
    assert f.assumption is not None
    assert "some weeks or months" in f.assumption
    assert "up to 23 working days" in f.assumption


@pytest.mark.parametrize(
    ("a", "b", "provision"),
    [
        ("1 week", "7 days", "6.2"),
        ("1 week", "7 calendar days", "6.2"),
        ("2 weeks", "14 days", "6.4"),
    ],
)
def test_the_same_span_in_days_or_weeks_gets_the_same_verdict(
    tmp_path: Path, a: str, b: str, provision: str
) -> None:
    field = "acknowledge" if provision == "6.2" else "extension"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    fa = only(findings(tmp_path / "a", stage1(field, a), "2024", provision))
    fb = only(findings(tmp_path / "b", stage1(field, b), "2024", provision))
    assert fa.status == fb.status, f"{a!r}: {fa.status}, {b!r}: {fb.status}"


# -- stages, per edition ---------------------------------------------------------------


def stages(n: int) -> str:
    return "stages:\n" + "".join(f"  - name: Stage {i}\n" for i in range(1, n + 1))


@pytest.mark.parametrize(
    ("code", "provision", "n", "status"),
    [
        ("2024", "5.3", 1, "fail"),
        ("2024", "5.3", 2, "pass"),
        ("2024", "5.3", 3, "fail"),
        ("2022", "5.17", 1, "fail"),  # 5.8 and 5.9 require a stage two
        ("2022", "5.17", 2, "pass"),
        ("2022", "5.17", 3, "pass"),
        ("2022", "5.17", 4, "fail"),
        ("2020", "Q3.5", 1, "fail"),  # two stages are corroborated (code-2020.md)
        ("2020", "Q3.5", 3, "pass"),
        ("2020", "Q3.5", 4, "review"),  # a cap of three is unverified for 2020
    ],
)
def test_stage_count_per_edition(
    tmp_path: Path, code: str, provision: str, n: int, status: str
) -> None:
    items = [f for f in findings(tmp_path, stages(n), code, provision) if f.check == "stage_count"]
    assert only(items).status == status


def test_2022_requires_an_escalation_timescale(tmp_path: Path) -> None:
    f = only(findings(tmp_path, stages(2), "2022", "4.13"))
    assert (f.status, f.line, f.column) == ("not_stated", 3, 5)
    stated = stages(2) + "    request_within: 20 working days\n"
    (tmp_path / "b").mkdir()
    f = only(findings(tmp_path / "b", stated, "2022", "4.13"))
    assert (f.status, f.line, f.column, f.found) == ("pass", 4, 5, "20 working days")


def test_2024_has_no_escalation_timescale_rule(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(stages(2), encoding="utf-8")
    report = check_policy(load_policy(path), load_edition("2024"))
    assert not [f for f in report.findings if f.check == "stage_field_stated"]


@pytest.mark.parametrize(("value", "status"), [("true", "fail"), ("false", "pass")])
def test_2024_forbids_reasons_for_escalation(tmp_path: Path, value: str, status: str) -> None:
    policy = stages(2) + f"    reasons_required: {value}\n"
    f = only(findings(tmp_path, policy, "2024", "6.12"))
    assert (f.status, f.line, f.column) == (status, 4, 5)
    assert f.obligation == "must"


def test_2022_does_not_check_reasons_for_escalation(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(stages(2) + "    reasons_required: true\n", encoding="utf-8")
    report = check_policy(load_policy(path), load_edition("2022"))
    assert not [f for f in report.findings if f.check == "stage_field_false"]


def test_a_duration_that_cannot_be_read_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(stage1("respond", "ten-ish days"), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert (info.value.line, info.value.column) == (3, 5)
    assert "ten-ish days" in info.value.message
