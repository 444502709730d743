"""The columnar engine and the scalar calendar give the same answers, complaint by complaint.

Random caseloads (every edition, each region, closure days, extensions, missing dates,
clocks that start on weekends and bank holidays, rows naming their own edition, rows the
scalar path refuses) go through :func:`chc.caseload.engine.compute` and, one complaint at a
time, through :func:`chc.deadlines.compute`. Every event field, every problem and
assumption, and every refusal must match.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.caseload.engine import compute
from chc.caseload.frame import CaseFrame, frame_schema
from chc.codes.choice import choose_edition
from chc.deadlines import Complaint, Timeline
from chc.deadlines import compute as scalar
from chc.errors import ChcError
from chc.workdays import WorkingCalendar

PATH = Path("cases.csv")

# Around the edition boundaries, the Christmases and the one-off holidays of 2022 and 2023.
_ANCHORS = [
    date(2020, 7, 6),
    date(2021, 12, 24),
    date(2022, 3, 31),
    date(2022, 6, 1),
    date(2022, 9, 16),
    date(2023, 5, 5),
    date(2023, 12, 22),
    date(2024, 2, 28),
    date(2024, 3, 29),
    date(2025, 12, 19),
]


@st.composite
def complaints(draw: st.DrawFn) -> tuple[Complaint, str | None]:
    anchor = draw(st.sampled_from(_ANCHORS))
    received = anchor + timedelta(days=draw(st.integers(0, 20)))

    def later(base: date | None, chance: float = 0.7) -> date | None:
        if base is None or draw(st.floats(0, 1)) > chance:
            return None
        # Now and then a date before its base, which the scalar path refuses.
        return base + timedelta(days=draw(st.integers(-2, 40)))

    ack1 = later(received)
    resp1 = later(ack1 or received, 0.6)
    req2 = later(resp1 or received, 0.4)
    ack2 = later(req2, 0.6)
    resp2 = later(ack2 or req2, 0.5)
    req3 = later(resp2 or req2, 0.3) if req2 else None
    resp3 = later(req3, 0.5)
    ext1 = draw(st.one_of(st.none(), st.integers(1, 25)))
    ext2 = draw(st.one_of(st.none(), st.integers(1, 25))) if req2 else None
    code = draw(st.sampled_from([None, None, None, "2020", "2022", "2024"]))
    c = Complaint(
        received=received,
        stage1_acknowledged=ack1,
        stage1_extension=ext1,
        stage1_responded=resp1,
        stage2_requested=req2,
        stage2_acknowledged=ack2,
        stage2_extension=ext2,
        stage2_responded=resp2,
        stage3_requested=req3,
        stage3_responded=resp3,
        reference=f"C-{draw(st.integers(0, 10**6))}",
    )
    return c, code


def frame_of(rows: list[tuple[Complaint, str | None]]) -> CaseFrame:
    schema = frame_schema()
    data: dict[str, list[object]] = {name: [] for name in schema}
    for i, (c, code) in enumerate(rows):
        for name in schema:
            if name == "line":
                data[name].append(i + 2)
            elif name == "code":
                data[name].append(code)
            else:
                data[name].append(getattr(c, name, None))
    frame = pl.DataFrame(data, schema=schema)
    return CaseFrame(path=PATH, frame=frame, present=frozenset(schema), columns={}, headers={})


def _event_tuple(e: dict[str, object]) -> tuple[object, ...]:
    keys = ("key", "stage", "due", "from_event", "from_date", "amount", "unit", "provision")
    rest = ("done", "status", "assumed", "working_days_late")
    return tuple(e[k] for k in (*keys, *rest))


def _oracle(
    c: Complaint, code: str | None, fixed: str | None, cal: WorkingCalendar, as_of: date
) -> Timeline | str:
    try:
        edition = choose_edition(c.received, code or fixed).edition
        return scalar(c, edition, cal, as_of)
    except ChcError as err:
        return err.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(complaints(), min_size=1, max_size=25),
    region=st.sampled_from(["england-and-wales", "scotland", "northern-ireland"]),
    closed=st.lists(st.sampled_from(_ANCHORS).map(lambda d: d + timedelta(days=3)), max_size=3),
    as_of_shift=st.integers(-30, 400),
    fixed=st.sampled_from([None, None, "2022", "2024"]),
)
def test_engine_agrees_with_the_scalar_calendar(
    rows: list[tuple[Complaint, str | None]],
    region: str,
    closed: list[date],
    as_of_shift: int,
    fixed: str | None,
) -> None:
    cal = WorkingCalendar(region, closed)
    as_of = max(c.received for c, _ in rows) + timedelta(days=as_of_shift)
    result = compute(frame_of(rows), cal, as_of, code=fixed, skip_bad_rows=True)
    bad = {b.line: b.message for b in result.bad_rows}
    by_line = {row["line"]: row for row in result.with_notes().iter_rows(named=True)}
    for i, (c, code) in enumerate(rows):
        line = i + 2
        want = _oracle(c, code, fixed, cal, as_of)
        if isinstance(want, str):
            assert bad.get(line) == want, (line, c)
            assert line not in by_line
            continue
        assert line not in bad, (line, bad.get(line), c)
        case = by_line[line]
        assert case["code"] == want.code
        assert case["problems"] == list(want.problems), c
        assumed = [json.loads(a) for a in case["assumptions"]]
        assert assumed == [a.as_json() for a in want.assumptions], c
        events = result.events.filter(pl.col("case") == case["case"])
        got = [_event_tuple(e) for e in events.iter_rows(named=True)]
        assert got == [_event_tuple(e._asdict()) for e in want.events], c
        keys = {e.key for e in want.events}
        superseded = [e["superseded"] for e in events.iter_rows(named=True)]
        assert superseded == [f"{e.key}_extended" in keys for e in want.events]


def test_a_bad_row_stops_the_run_at_its_line() -> None:
    good = Complaint(received=date(2024, 5, 1), reference="A")
    bad = Complaint(received=date(2024, 5, 1), stage1_responded=date(2024, 4, 1), reference="B")
    with pytest.raises(ChcError) as caught:
        compute(frame_of([(good, None), (bad, None)]), WorkingCalendar(), date(2024, 6, 1))
    assert (str(caught.value.file), caught.value.line) == (str(PATH), 3)
    assert "dates out of order: stage 1 responded (2024-04-01)" in caught.value.message


def test_weekend_and_holiday_starts_count_as_day_zero() -> None:
    # Received Saturday 4 May 2024 (day 0); Monday 6 May was the early May bank holiday.
    # Counted by hand: Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5).
    c = Complaint(received=date(2024, 5, 4), reference="W")
    result = compute(frame_of([(c, None)]), WorkingCalendar(), date(2024, 5, 4))
    ack = result.events.row(0, named=True)
    assert ack["key"] == "stage1.acknowledge"
    assert ack["due"] == date(2024, 5, 13)
    # From Christmas Eve 2021 (a Friday) under the 2024 Code's 5 working days: Mon 27 and
    # Tue 28 Dec were the substitute Christmas and Boxing Days and Mon 3 Jan the substitute
    # New Year's Day, so: Wed 29 (1), Thu 30 (2), Fri 31 (3), Tue 4 Jan (4), Wed 5 Jan (5).
    c = Complaint(received=date(2021, 12, 24), reference="X")
    result = compute(frame_of([(c, "2024")]), WorkingCalendar(), date(2022, 1, 1))
    assert result.events.row(0, named=True)["due"] == date(2022, 1, 5)
