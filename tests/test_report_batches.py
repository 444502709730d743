"""chc report tallies a caseload a batch at a time: the batches' tallies added are the
whole file's, figure for figure, wherever the batches are cut (inside a month included)."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chc.caseload import engine
from chc.caseload.reading import REPORT_READS, ReadOptions, read_case_file
from chc.report.figures import build, from_caseload, from_parts
from chc.report.options import Options
from chc.report.tally import StageTally
from chc.workdays import calendar_for

CAL = calendar_for()
OPTIONS = Options(homes=900, start=date(2024, 4, 1), end=date(2025, 3, 31))
HEADER = (
    "reference,received,stage1_acknowledged,stage1_extension,stage1_responded,"
    "stage2_requested,stage2_acknowledged,stage2_responded,category,outcome,refused,"
    "refusal_reason,refusal_within_policy,remedy_amount,ombudsman_determination"
)
CATEGORIES = ("Repairs", "Damp", "Neighbourhood", "")
OUTCOMES = ("upheld", "partly upheld", "not upheld", "withdrawn", "")


def _row(i: int, received: date, rng: random.Random) -> str:
    """One complaint, of every kind the report counts: late, extended, refused, withdrawn,
    escalated, still open, unacknowledged."""
    ack = received + timedelta(days=rng.randrange(8)) if rng.random() < 0.9 else None
    ext = str(rng.choice((5, 10, 20))) if rng.random() < 0.15 else ""
    s1 = received + timedelta(days=rng.randrange(2, 40)) if rng.random() < 0.85 else None
    refused = rng.random() < 0.1
    cells: list[object] = [f"R{i:05d}", received, ack or "", ext, s1 or ""]
    if s1 is not None and not refused and rng.random() < 0.25:
        asked = s1 + timedelta(days=rng.randrange(1, 30))
        done = asked + timedelta(days=rng.randrange(3, 45)) if rng.random() < 0.8 else ""
        cells += [asked, asked + timedelta(days=rng.randrange(6)), done]
    else:
        cells += ["", "", ""]
    cells += [
        rng.choice(CATEGORIES),
        "" if refused else rng.choice(OUTCOMES),
        "yes" if refused else "",
        rng.choice(("Out of time", "Service request", "")) if refused else "",
        rng.choice(("yes", "no", "")) if refused else "",
        f"{rng.randrange(1, 400)}.{rng.randrange(100):02d}" if rng.random() < 0.2 else "",
        rng.choice(("Maladministration", "No maladministration")) if rng.random() < 0.05 else "",
    ]
    return ",".join(str(c) for c in cells)


def _caseload(tmp_path: Path, n: int, seed: int) -> Path:
    """``n`` complaints in the order received, over the period and the months around it."""
    rng = random.Random(seed)
    days = sorted(rng.randrange(-60, 420) for _ in range(n))
    rows = [_row(i, OPTIONS.start + timedelta(days=d), rng) for i, d in enumerate(days)]
    path = tmp_path / f"cases-{seed}.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _both(path: Path, size: int) -> tuple[dict[str, Any], dict[str, Any]]:
    frame = read_case_file(path, ReadOptions(fields=REPORT_READS))
    whole = engine.compute(frame, CAL, OPTIONS.end)
    at_once = from_caseload(whole, frame.columns, frame.present, OPTIONS).as_json()
    parts = engine.parts(frame, CAL, OPTIONS.end, size=size)
    streamed = from_parts(parts, frame.columns, frame.present, OPTIONS).as_json()
    return at_once, streamed


def test_batches_cut_inside_a_month_give_the_whole_files_figures(tmp_path: Path) -> None:
    path = _caseload(tmp_path, 300, seed=1)
    frame = read_case_file(path, ReadOptions(fields=REPORT_READS))
    months = [d.strftime("%Y-%m") for d in frame.frame["received"].to_list()]
    # The cuts of batches of 7 fall inside a month of receipts more than once.
    assert sum(months[k - 1] == months[k] for k in range(7, len(months), 7)) > 10
    at_once, streamed = _both(path, 7)
    assert at_once["figures"]["ch02_stage1"]["denominator"] > 50
    assert at_once["months"][0]["stage1"]["received"] > 0
    assert streamed == at_once


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 120), seed=st.integers(0, 10**6), size=st.integers(1, 130))
def test_any_batch_size_gives_the_whole_files_figures(
    tmp_path_factory: Any, n: int, seed: int, size: int
) -> None:
    path = _caseload(tmp_path_factory.mktemp("cases"), n, seed)
    at_once, streamed = _both(path, size)
    assert streamed == at_once


def test_build_in_batches_is_build_at_once(tmp_path: Path) -> None:
    path = _caseload(tmp_path, 200, seed=2)
    small = build(path, OPTIONS, CAL, batch=9).as_json()
    assert small == build(path, OPTIONS, CAL).as_json()


@given(st.lists(st.integers(0, 60), max_size=40), st.lists(st.integers(0, 60), max_size=40))
def test_response_times_kept_as_counts_give_the_mean_and_median_of_every_value(
    a: list[int], b: list[int]
) -> None:
    def stage(days: list[int]) -> StageTally:
        zero = dict.fromkeys(
            (f for f in StageTally.__dataclass_fields__ if f not in ("days", "ack_timescale")), 0
        )
        return StageTally(**zero, days=Counter(days), ack_timescale=False)

    both = stage(a).plus(stage(b))
    values = a + b
    assert both.timed == len(values)
    assert both.days_total == sum(values)
    expected = Fraction(statistics.median(values)) if values else None
    assert both.days_median() == expected
