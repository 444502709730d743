"""`chc hazards` against an independent oracle, on thousands of generated hazard reports.

The oracle shares nothing with chc's clocks: its working days come from GOV.UK's own list
of England and Wales bank holidays (the copy cached in ``govuk-bank-holidays``) and are
counted one day at a time; its 24-hour limits are worked out by hand with POSIX seconds and
every reading of the next day's wall-clock time; its limits (24 hours, 10, 3 and 5 working
days, 84 days) are typed from the fact sheet, not read from the regime file. The reports
cover both 2026 clock changes, Christmas and Easter, an awareness on a Friday evening and one
on a bank holiday.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.hazards.moments import Moment
from chc.hazards.regime import load_regime
from chc.hazards.report import HazardReport, Settings, compute
from chc.workdays import calendar_for

UK = ZoneInfo("Europe/London")
UTC = timezone.utc


@functools.cache
def govuk_holidays() -> frozenset[date]:
    days = BankHolidays(use_cached_holidays=True).get_holidays(division="england-and-wales")
    return frozenset(h["date"] for h in days)


def oracle_working_days(start: date, n: int) -> date:
    """The nth working day after ``start``, walking one day at a time."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in govuk_holidays():
            counted += 1
    return day


def oracle_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``."""
    n, day = 0, a
    while day < b:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in govuk_holidays():
            n += 1
    return n


def oracle_24_hours(start: datetime) -> datetime:
    """The earlier of 86,400 seconds later and the same UK wall-clock time the next day."""
    elapsed = datetime.fromtimestamp(start.timestamp() + 86_400, tz=UK)
    local = start.astimezone(UK)
    tomorrow = local.date() + timedelta(days=1)
    naive = datetime.combine(tomorrow, time(local.hour, local.minute, local.second))
    readings = []
    for fold in (0, 1):
        candidate = naive.replace(tzinfo=UK, fold=fold)
        # A reading exists only if it comes back as the same wall-clock time.
        if datetime.fromtimestamp(candidate.timestamp(), tz=UK).replace(tzinfo=None) == naive:
            readings.append(datetime.fromtimestamp(candidate.timestamp(), tz=UK))
    return min([elapsed, *readings], key=lambda d: d.timestamp())


# -- the reports -------------------------------------------------------------------------

# Awkward moments of awareness, in UK wall-clock time.
ANCHORS = [
    datetime(2026, 12, 4, 18, 45),  # a Friday evening
    datetime(2026, 12, 25, 10, 0),  # Christmas Day (a bank holiday)
    datetime(2026, 12, 24, 16, 0),  # Christmas Eve, just before the break
    datetime(2026, 4, 3, 9, 15),  # Good Friday
    datetime(2026, 4, 6, 23, 50),  # Easter Monday, late
    datetime(2026, 4, 2, 17, 30),  # the Thursday before Easter
    datetime(2026, 3, 28, 0, 30),  # the night before the spring change
    datetime(2026, 3, 28, 1, 30),  # the same time next day does not exist
    datetime(2026, 3, 28, 12, 0),
    datetime(2026, 3, 29, 3, 0),  # just after the spring change
    datetime(2026, 10, 24, 0, 30),  # before the autumn change
    datetime(2026, 10, 24, 1, 30),  # the same time next day happens twice
    datetime(2026, 10, 24, 12, 0),
    datetime(2026, 10, 25, 3, 0),  # just after the autumn change
    datetime(2026, 8, 31, 8, 0),  # the summer bank holiday
    datetime(2027, 3, 26, 20, 0),  # Good Friday 2027, evening
]
EVENTS: tuple[str, ...] = ("concluded", "summary_sent", "made_safe", "works_begun")
EVENTS += ("works_started", "works_completed", "decanted", "consent_refused", "no_hazard")


def _uk(naive: datetime) -> datetime:
    return naive.replace(tzinfo=UK, fold=0).astimezone(UK)


def _later(at: datetime, minutes: int) -> datetime:
    """``minutes`` of real time after ``at`` (datetime arithmetic in one zone is wall-clock)."""
    return (at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(UK)


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        aware = _uk(draw(st.sampled_from(ANCHORS)))
    else:
        start = datetime(2025, 10, 27, tzinfo=UTC)
        minutes = draw(st.integers(0, 60 * 24 * 760))
        aware = (start + timedelta(minutes=minutes)).astimezone(UK)
    track = draw(st.sampled_from(["emergency", "significant"]))
    span = 60 * 24 * (8 if track == "emergency" else 40)
    events: dict[str, datetime] = {}
    for name in EVENTS:
        if draw(st.integers(0, 2)):
            continue
        events[name] = _later(aware, draw(st.integers(0, span)))
    dated = track == "significant" and draw(st.booleans())
    attempts = [_later(aware, draw(st.integers(0, span))) for _ in range(draw(st.integers(0, 3)))]
    latest = [aware, *events.values(), *attempts]
    as_of = _later(max(latest, key=lambda d: d.timestamp()), draw(st.integers(0, span)))
    return {
        "track": track,
        "aware": aware,
        "events": events,
        "dated": dated,
        "attempts": attempts,
        "as_of": as_of,
    }


def _moment(at: datetime, dated: bool) -> Moment:
    local = at.astimezone(UK)
    return Moment(local.date()) if dated else Moment(local.date(), local)


def chc_late_by(r: dict[str, Any]) -> dict[str, tuple[float, str] | None]:
    return {k: v for k, (_, _, v) in _answer(r).items()}


def chc_answer(r: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {k: (due, status) for k, (due, status, _) in _answer(r).items()}


def _answer(r: dict[str, Any]) -> dict[str, tuple[str, str, tuple[float, str] | None]]:
    report = HazardReport(
        track=r["track"],
        aware=_moment(r["aware"], r["dated"]),
        access_attempts=tuple(_moment(a, r["dated"]) for a in r["attempts"]),
        **{k: _moment(v, r["dated"]) for k, v in r["events"].items()},  # type: ignore[arg-type]
    )
    result = compute(report, load_regime(), calendar_for(), Settings(r["as_of"].astimezone(UK)))
    out = {}
    for s in result.steps:
        late = (s.late_by.amount, s.late_by.unit) if s.late_by is not None else None
        out[s.key] = (s.due.isoformat(), s.status, late)
    return out


# -- the oracle's rules, typed from the fact sheet ----------------------------------------


def _hour_status(
    due: datetime, done: datetime | None, stop: datetime | None, as_of: datetime
) -> str:
    # POSIX seconds throughout: datetimes sharing a tzinfo compare by wall-clock time.
    if done is not None and done.timestamp() <= due.timestamp():
        return "on_time"
    if stop is not None and stop.timestamp() <= due.timestamp():
        return "stopped"
    if done is not None:
        return "late"
    return "overdue" if as_of.timestamp() > due.timestamp() else "due"


def _day_status(
    due: date, done: date | None, as_of: date, *, assumed: bool, waived: date | None = None
) -> str:
    if done is not None and done <= due:
        return "on_time"
    if waived is not None and done is None and waived <= due:
        return "not_required"
    if done is not None:
        return "late"
    if assumed:
        return "waiting"
    return "overdue" if as_of > due else "due"


def _seconds(at: datetime) -> float:
    return at.timestamp()


def oracle(r: dict[str, Any]) -> dict[str, tuple[str, str]]:
    ev: dict[str, datetime] = r["events"]
    day = {k: v.astimezone(UK).date() for k, v in ev.items()}
    as_of = r["as_of"].astimezone(UK)
    aware = r["aware"].astimezone(UK)
    out: dict[str, tuple[str, str]] = {}
    if r["track"] == "emergency":
        due24 = oracle_24_hours(aware)
        stops = [ev[k] for k in ("decanted", "consent_refused", "no_hazard") if k in ev]
        out["emergency.investigate"] = (
            due24.isoformat(),
            _hour_status(due24, ev.get("concluded"), None, as_of),
        )
        out["emergency.make_safe"] = (
            due24.isoformat(),
            _hour_status(due24, ev.get("made_safe"), min(stops, default=None, key=_seconds), as_of),
        )
        start = day.get("concluded", due24.date())
        due = oracle_working_days(start, 3)
        status = _day_status(
            due, day.get("summary_sent"), as_of.date(), assumed="concluded" not in ev,
            waived=day.get("works_completed"),
        )  # fmt: skip
        out["emergency.summary"] = (due.isoformat(), status)
        return out
    inv = oracle_working_days(aware.date(), 10)
    out["significant.investigate"] = (
        inv.isoformat(),
        _day_status(inv, day.get("concluded"), as_of.date(), assumed=False),
    )
    start = day.get("concluded", inv)
    assumed = "concluded" not in ev

    def first(*names: str) -> date | None:
        return min((day[n] for n in names if n in day), default=None)

    rows = [
        ("significant.summary", oracle_working_days(start, 3), first("summary_sent")),
        ("significant.make_safe", oracle_working_days(start, 5), first("made_safe", "decanted")),
        (
            "significant.further_works_begin",
            oracle_working_days(start, 5),
            first("works_begun", "works_started"),
        ),
        ("significant.further_works_start", start + timedelta(days=84), first("works_started")),
    ]
    for key, due, done in rows:
        waived = day.get("works_completed") if key == "significant.summary" else None
        out[key] = (
            due.isoformat(),
            _day_status(due, done, as_of.date(), assumed=assumed, waived=waived),
        )
    return out


def oracle_late_by(r: dict[str, Any]) -> dict[str, tuple[float, str] | None]:
    """Hours (to the minute, rounded up) or working days after the due, for late and
    overdue steps; the moment compared is the step's done event, or --as-of."""
    ev: dict[str, datetime] = r["events"]
    out: dict[str, tuple[float, str] | None] = {}
    ends = {
        "emergency.investigate": ("concluded",),
        "emergency.make_safe": ("made_safe",),
        "emergency.summary": ("summary_sent",),
        "significant.investigate": ("concluded",),
        "significant.summary": ("summary_sent",),
        "significant.make_safe": ("made_safe", "decanted"),
        "significant.further_works_begin": ("works_begun", "works_started"),
        "significant.further_works_start": ("works_started",),
    }
    for key, (due, status) in oracle(r).items():
        if status not in ("late", "overdue"):
            out[key] = None
            continue
        done = min((ev[n] for n in ends[key] if n in ev), default=None, key=_seconds)
        end = done if status == "late" and done is not None else r["as_of"]
        if "T" in due:
            seconds = end.timestamp() - datetime.fromisoformat(due).timestamp()
            out[key] = (round(-(-int(seconds) // 60) / 60, 2), "hours")
        else:
            n = oracle_between(date.fromisoformat(due), end.astimezone(UK).date())
            out[key] = (n, "working_days")
    return out


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_chc_agrees_with_the_oracle_on_every_due_date_and_status(r: dict[str, Any]) -> None:
    assert chc_answer(r) == oracle(r)
    assert chc_late_by(r) == oracle_late_by(r)


# -- pinned by hand ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        # Spring change (29 March 2026, 01:00 GMT -> 02:00 BST): the same clock time next day
        # comes after 23 hours, and is the earlier.
        (datetime(2026, 3, 28, 12, 0), "2026-03-29T12:00:00+01:00"),
        # Autumn change (25 October 2026, 02:00 BST -> 01:00 GMT): 24 elapsed hours come
        # first, at 11:00 GMT, before the same clock time (12:00 GMT, 25 hours on).
        (datetime(2026, 10, 24, 12, 0), "2026-10-25T11:00:00+00:00"),
        # A Friday evening: the clock runs through the weekend.
        (datetime(2026, 12, 4, 18, 45), "2026-12-05T18:45:00+00:00"),
        # Christmas Day counts as any other day for a 24-hour clock.
        (datetime(2026, 12, 25, 10, 0), "2026-12-26T10:00:00+00:00"),
    ],
)
def test_24_hours_pinned(aware: datetime, due: str) -> None:
    r = {"track": "emergency", "aware": _uk(aware), "events": {}, "dated": False, "attempts": []}
    r["as_of"] = _uk(aware)
    assert chc_answer(r)["emergency.investigate"][0] == due
    assert oracle(r)["emergency.investigate"][0] == due


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        (date(2026, 12, 4), "2026-12-18"),  # a Friday: day 1 is Monday the 7th
        (date(2026, 12, 18), "2027-01-06"),  # over Christmas, Boxing Day's substitute, New Year
        (date(2026, 12, 25), "2027-01-12"),  # awareness on Christmas Day: it is day 0
        (date(2026, 4, 2), "2026-04-20"),  # over Good Friday and Easter Monday
        (date(2026, 4, 3), "2026-04-20"),  # awareness on Good Friday
    ],
)
def test_ten_working_days_pinned(aware: date, due: str) -> None:
    at = _uk(datetime.combine(aware, time(18, 0)))
    r = {"track": "significant", "aware": at, "events": {}, "dated": True, "attempts": []}
    r["as_of"] = at
    assert chc_answer(r)["significant.investigate"] == (due, "due")
    assert oracle(r)["significant.investigate"] == (due, "due")


def test_the_oracles_calendar_is_the_govuk_list() -> None:
    assert date(2026, 12, 28) in govuk_holidays()  # Boxing Day's substitute
    assert date(2026, 4, 3) in govuk_holidays()  # Good Friday
    assert oracle_between(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_the_hour_the_autumn_change_repeats_is_judged_by_the_instant() -> None:
    # Aware 01:45 BST on 24 October 2026; 24 elapsed hours end at 01:45 BST on the 25th,
    # the first time the clocks show 01:45 that night. Made safe at 01:15 GMT, in the
    # repeated hour: the wall clock reads earlier, but it is half an hour late.
    from chc.hazards.moments import parse_moment

    report = HazardReport(
        track="emergency",
        aware=parse_moment("2026-10-24T01:45", "--aware"),
        made_safe=parse_moment("2026-10-25T01:15+00:00", "--made-safe"),
    )
    as_of = parse_moment("2026-10-26T09:00", "--as-of").at
    assert as_of is not None
    result = compute(report, load_regime(), calendar_for(), Settings(as_of))
    make_safe = result.steps[1]
    assert make_safe.due.isoformat() == "2026-10-25T01:45:00+01:00"
    assert (make_safe.status, make_safe.late_by) == ("late", (0.5, "hours"))
