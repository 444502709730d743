"""Properties of complaint timelines that must hold for any dates, under every edition."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chc.codes.loading import load_builtin
from chc.deadlines import Complaint, compute
from chc.workdays import calendar_for

EDITIONS = st.sampled_from(["2020", "2022", "2024"])
REGIONS = st.sampled_from(["england-and-wales", "scotland", "northern-ireland"])
DAYS = st.dates(min_value=date(2020, 7, 6), max_value=date(2090, 12, 31))
GAP = st.integers(min_value=0, max_value=40)


@st.composite
def complaints(draw: st.DrawFn) -> Complaint:
    received = draw(DAYS)
    ack = received + timedelta(days=draw(GAP)) if draw(st.booleans()) else None
    responded = received + timedelta(days=draw(GAP)) if draw(st.booleans()) else None
    extension = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=30)))
    stage2 = None
    if draw(st.booleans()):
        stage2 = (responded or received) + timedelta(days=draw(GAP))
    return Complaint(
        received=received,
        stage1_acknowledged=ack,
        stage1_extension=extension,
        stage1_responded=responded,
        stage2_requested=stage2,
    )


@settings(max_examples=300, deadline=None)
@given(complaints(), EDITIONS, REGIONS, GAP)
def test_every_event_is_consistent(c: Complaint, name: str, region: str, after: int) -> None:
    edition = load_builtin(name)
    cal = calendar_for(region)
    as_of = c.received + timedelta(days=after)
    timeline = compute(c, edition, cal, as_of)
    assert timeline.events, "stage 1 always has events"
    for e in timeline.events:
        assert e.due > e.from_date
        if e.unit == "working_days":
            assert cal.is_working_day(e.due)
            assert cal.between(e.from_date, e.due) == e.amount
        if e.done is not None:
            assert e.status == ("on_time" if e.done <= e.due else "late")
            late_until = e.done
        else:
            assert e.status == ("open" if as_of <= e.due else "overdue")
            late_until = as_of
        expected_late = cal.between(e.due, late_until) if e.status in ("late", "overdue") else 0
        assert e.working_days_late == expected_late
    keys = [e.key for e in timeline.events]
    assert len(keys) == len(set(keys))
    assert ("stage2.respond" in keys) == (c.stage2_requested is not None)
    assert ("stage1.respond_extended" in keys) == (c.stage1_extension is not None)


@settings(max_examples=200, deadline=None)
@given(DAYS, EDITIONS)
def test_an_assumed_acknowledgement_gives_the_same_dates_as_a_real_one_on_its_due_day(
    received: date, name: str
) -> None:
    edition = load_builtin(name)
    cal = calendar_for()
    assumed = compute(Complaint(received=received), edition, cal, received)
    ack_due = assumed.events[0].due
    given_ack = compute(
        Complaint(received=received, stage1_acknowledged=ack_due), edition, cal, received
    )
    assert [e.due for e in assumed.events] == [e.due for e in given_ack.events]
    respond = {e.key: e for e in assumed.events}["stage1.respond"]
    counts_from_ack = edition.timescale("stage1.respond").from_event in ("acknowledged", "logged")  # type: ignore[union-attr]
    assert respond.assumed == counts_from_ack
    assert not any(e.assumed for e in given_ack.events)


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=30), EDITIONS)
def test_a_later_complaint_is_never_due_earlier(received: date, later: int, name: str) -> None:
    edition = load_builtin(name)
    cal = calendar_for()
    first = compute(Complaint(received=received), edition, cal, received)
    second = compute(Complaint(received=received + timedelta(days=later)), edition, cal, received)
    for a, b in zip(first.events, second.events, strict=True):
        assert a.key == b.key
        assert b.due >= a.due


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20))
def test_a_longer_extension_is_never_due_earlier(received: date, n: int, more: int) -> None:
    edition = load_builtin("2024")
    cal = calendar_for()

    def extended(days: int) -> date:
        t = compute(Complaint(received=received, stage1_extension=days), edition, cal, received)
        return {e.key: e for e in t.events}["stage1.respond_extended"].due

    assert extended(n + more) > extended(n)
    base = compute(Complaint(received=received), edition, cal, received).events[1].due
    assert cal.between(base, extended(n)) == n
