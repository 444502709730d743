"""One hazard report's steps under Awaab's Law: due, done, status, late by, assumptions.

Every limit, start event, ending event and stop comes from the regime file; nothing here
names a number of hours or days. A step that counts from an event not yet recorded (the
investigation's end) counts from the latest that event could lawfully come, the due time of
the step it ends, and is marked ``from_assumed``: the answer is then the latest date the
step can be due.

Statuses: ``on_time`` (done by the due moment), ``late`` (done after it), ``due`` (not done,
not yet passed), ``overdue`` (not done and passed), ``stopped`` (a 24-hour duty that stopped
applying: a decant, a refused consent or a further investigation finding no hazard, by the
deadline), ``not_required`` (the written summary, when every required work was finished
within its days), ``waiting`` (not done, and the event it counts from has not happened yet:
its due date is the latest it can be, if that event comes on time). No event pauses a clock
(AL-NO-PAUSE).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple

from chc.errors import InputError
from chc.hazards.clocks import add_days, add_hours, hours_late, working_days_late
from chc.hazards.moments import Moment, as_utc, timed
from chc.hazards.regime import HAZARD_EVENTS, Regime, Step
from chc.hazards.scope import Scope, resolve_scope
from chc.workdays import WorkingCalendar


class HazardReport(NamedTuple):
    """What is known of one hazard report. Only ``track`` and ``aware`` are required."""

    track: str
    aware: Moment
    concluded: Moment | None = None
    summary_sent: Moment | None = None
    made_safe: Moment | None = None
    works_begun: Moment | None = None
    works_started: Moment | None = None
    works_completed: Moment | None = None
    decanted: Moment | None = None
    consent_refused: Moment | None = None
    no_hazard: Moment | None = None
    access_attempts: tuple[Moment, ...] = ()
    hazard: str | None = None
    reference: str | None = None

    def event(self, name: str) -> Moment | None:
        value: Moment | None = getattr(self, name)
        return value


class Settings(NamedTuple):
    """How a report is judged: when, and the choices the user made about missing facts."""

    as_of: datetime
    as_of_given_as_date: bool = False
    assume_time: time | None = None
    phase_start: date | None = None


class LateBy(NamedTuple):
    amount: float
    unit: str  # "hours" or "working_days"


class StepResult(NamedTuple):
    key: str
    row: str
    limit: int
    unit: str
    from_event: str
    start: Moment
    from_assumed: bool
    due: datetime | date
    done: Moment | None
    done_by: str | None
    status: str
    late_by: LateBy | None
    assumptions: tuple[str, ...]
    alternative_due: datetime | None = None
    clock_change: bool = False
    access_attempts: tuple[Moment, ...] = ()

    def as_json(self) -> dict[str, object]:
        due = self.due.isoformat(timespec="minutes") if isinstance(self.due, datetime) else None
        alternative = self.alternative_due
        return {
            "key": self.key,
            "due": due or self.due.isoformat(),
            "done": self.done.iso() if self.done is not None else None,
            "done_by": self.done_by,
            "status": self.status,
            "late_by": {"amount": self.late_by.amount, "unit": self.late_by.unit}
            if self.late_by is not None
            else None,
            "limit": self.limit,
            "unit": self.unit,
            "from_event": self.from_event,
            "from": self.start.iso(),
            "from_assumed": self.from_assumed,
            "alternative_due": alternative.isoformat(timespec="minutes") if alternative else None,
            "clock_change": self.clock_change,
            "access_attempts": [a.iso() for a in self.access_attempts],
            "assumptions": list(self.assumptions),
            "row": self.row,
        }


class HazardResult(NamedTuple):
    regime: str
    report: HazardReport
    scope: Scope
    settings: Settings
    steps: tuple[StepResult, ...]
    assumptions: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()

    @property
    def future_dates(self) -> tuple[str, ...]:
        """The warnings for dates after ``as_of`` (see :func:`future_dates`), unprefixed."""
        return tuple(w.removeprefix(FUTURE_DATE) for w in self.warnings)

    def as_json(self) -> dict[str, object]:
        r = self.report
        return {
            "regime": self.regime,
            "reference": r.reference,
            "track": r.track,
            "hazard": self.scope.kind,
            "phase": self.scope.phase,
            "provisional": self.scope.provisional,
            "aware": r.aware.iso(),
            "as_of": self.settings.as_of.isoformat(timespec="minutes"),
            "time_zone": "Europe/London",
            "events": [s.as_json() for s in self.steps],
            "access_attempts": [a.iso() for a in r.access_attempts],
            "assumptions": [{"id": i, "text": t} for i, t in self.assumptions],
            "warnings": list(self.warnings),
        }


def option_name(event: str) -> str:
    return "--" + event.replace("_", "-")


def compute(
    report: HazardReport, regime: Regime, calendar: WorkingCalendar, settings: Settings
) -> HazardResult:
    """Every step of the report's track, in the regime file's order."""
    if report.track not in ("emergency", "significant"):
        raise InputError(f"--track: {report.track!r} is not emergency or significant")
    scope = resolve_scope(
        regime, report.track, report.hazard, report.aware.day, settings.phase_start
    )
    assumed_time = settings.assume_time is not None and _uses_assumed_time(report, regime)
    if any(s.unit == "hours" and s.from_event == "aware" for s in regime.steps_for(report.track)):
        at = timed(report.aware, settings.assume_time, "--aware")
        report = report._replace(aware=Moment(at.date(), at))
    _check_order(report)
    ends_due: dict[str, datetime | date] = {}
    steps: list[StepResult] = []
    for step in regime.steps_for(report.track):
        result = _step(step, report, calendar, settings, ends_due)
        for event in step.ends:
            ends_due.setdefault(event, result.due)
        steps.append(result)
    ids: list[str] = []
    for s in steps:
        ids += [a for a in s.assumptions if a not in ids]
    if assumed_time:
        ids.append("AL-ASSUMED-TIME")
    if scope.provisional:
        ids += [a for a in scope.row.assumptions if a not in ids]
    texts = tuple((i, regime.assumption_text[i]) for i in ids)
    warnings = tuple(future_dates(report, settings.as_of))
    return HazardResult(regime.regime, report, scope, settings, tuple(steps), texts, warnings)


def _uses_assumed_time(report: HazardReport, regime: Regime) -> bool:
    hourly = {e for s in regime.steps_for(report.track) if s.unit == "hours" for e in s.ends}
    hourly |= {e for s in regime.steps_for(report.track) if s.unit == "hours" for e in s.stopped_by}
    hourly |= {"aware"} if report.track == "emergency" else set()
    return any(
        (m := report.event(e)) is not None and not m.timed for e in hourly if e in HAZARD_EVENTS
    )


def _check_order(report: HazardReport) -> None:
    """No event before the awareness (one after --as-of is a warning: :func:`future_dates`)."""
    aware = report.aware
    for event, m in _events(report):
        if _before(m, aware):
            raise InputError(f"{option_name(event)}: {m.iso()} is before --aware {aware.iso()}")


def _events(report: HazardReport) -> list[tuple[str, Moment]]:
    """Every event the report records but the awareness, access attempts last, in order."""
    named = [(e, m) for e in HAZARD_EVENTS if e != "aware" and (m := report.event(e)) is not None]
    return named + [("access_attempt", a) for a in report.access_attempts]


FUTURE_DATE = "future date: "
"""The prefix of the warning for a date after --as-of: the JSON's flag for it (as for
complaints, :data:`chc.deadlines.FUTURE_DATE`)."""
FUTURE_TEXT = (
    FUTURE_DATE + "{} is dated {}, after the status date {}; it is counted as recorded, but "
    "a date still to come is usually a typing error: check it"
)
FUTURE_WORDS = {
    "aware": "the awareness",
    "concluded": "the investigation's conclusion",
    "summary_sent": "the written summary",
    "made_safe": "the making safe",
    "works_begun": "the beginning of further works",
    "works_started": "the start of further works on site",
    "works_completed": "the finishing of all works",
    "decanted": "the household's move",
    "consent_refused": "the refused consent",
    "no_hazard": "the finding of no hazard",
    "access_attempt": "an access attempt",
}


def future_dates(report: HazardReport, as_of: datetime) -> list[str]:
    """A warning for each of the report's dates after ``as_of``, the awareness first: the
    report is still computed as recorded (the log says so), as ``chc deadlines`` does for a
    complaint, but said, since a date still to come is usually a slip (2029 for 2026)."""
    now = Moment(as_of.date(), as_of)
    shown = as_of.isoformat(timespec="minutes")
    return [
        FUTURE_TEXT.format(FUTURE_WORDS.get(event, event), m.iso(), shown)
        for event, m in [("aware", report.aware), *_events(report)]
        if _before(now, m)
    ]


def _before(a: Moment, b: Moment) -> bool:
    if a.at is not None and b.at is not None:
        return as_utc(a.at) < as_utc(b.at)
    return a.day < b.day


def _start(
    step: Step, report: HazardReport, ends_due: dict[str, datetime | date]
) -> tuple[Moment, bool]:
    given = report.event(step.from_event)
    if given is not None:
        return given, False
    stand_in = ends_due.get(step.from_event)
    if stand_in is None:
        raise InputError(f"{step.key} counts from {step.from_event}, which nothing sets")
    if isinstance(stand_in, datetime):
        return Moment(stand_in.date(), stand_in), True
    return Moment(stand_in), True


def _first(report: HazardReport, events: list[str]) -> tuple[Moment | None, str | None]:
    found = [(m, e) for e in events if (m := report.event(e)) is not None]
    if not found:
        return None, None
    # By instant where both have times, otherwise by day (an untimed event on the same day
    # as a timed one is taken as the later, so a stop is never brought forward by a guess).
    moment, event = min(found, key=lambda pair: _order(pair[0]))
    return moment, event


def _order(m: Moment) -> tuple[date, float]:
    return (m.day, as_utc(m.at).timestamp() if m.at is not None else float("inf"))


def _step(
    step: Step,
    report: HazardReport,
    calendar: WorkingCalendar,
    settings: Settings,
    ends_due: dict[str, datetime | date],
) -> StepResult:
    start, assumed = _start(step, report, ends_due)
    done, done_by = _first(report, list(step.ends))
    if step.unit == "hours":
        return _hour_step(step, report, settings, start, assumed, done, done_by)
    due = add_days(calendar, start.day, step.limit, step.unit)
    waived = report.event(step.waived_by) if step.waived_by else None
    status, late = "due", None
    if done is not None and done.day <= due:
        status = "on_time"
    elif waived is not None and done is None and waived.day <= due:
        status = "not_required"
    elif done is not None:
        status, late = "late", LateBy(working_days_late(calendar, due, done.day), "working_days")
    elif assumed:
        status = "waiting"
    elif settings.as_of.date() > due:
        days = working_days_late(calendar, due, settings.as_of.date())
        status, late = "overdue", LateBy(days, "working_days")
    attempts = _attempts(report, due) if status in ("late", "overdue") else ()
    return StepResult(
        step.key, step.row, step.limit, step.unit, step.from_event, start, assumed, due,
        done, done_by if done is not None else None, status, late, tuple(step.assumptions),
        access_attempts=attempts,
    )  # fmt: skip


def _hour_step(
    step: Step,
    report: HazardReport,
    settings: Settings,
    start: Moment,
    assumed: bool,
    done: Moment | None,
    done_by: str | None,
) -> StepResult:
    assume = settings.assume_time
    begin = timed(start, assume, option_name(step.from_event))
    clock = add_hours(begin, step.limit)
    due = clock.due
    done_at = timed(done, assume, option_name(done_by or "")) if done is not None else None
    stop, stop_by = _first(report, list(step.stopped_by))
    stop_at = timed(stop, assume, option_name(stop_by or "")) if stop is not None else None
    status, late = "due", None
    # Compared in UTC: datetimes sharing one tzinfo compare by wall-clock time alone, which
    # is wrong in the hour the autumn change repeats.
    due_utc, now_utc = as_utc(due), as_utc(settings.as_of)
    if done_at is not None and as_utc(done_at) <= due_utc:
        status = "on_time"
    elif stop_at is not None and as_utc(stop_at) <= due_utc:
        status, done, done_by = "stopped", stop, stop_by
    elif done_at is not None:
        status, late = "late", LateBy(hours_late(due, done_at), "hours")
    elif assumed:
        status = "waiting"
    elif now_utc > due_utc:
        status, late = "overdue", LateBy(hours_late(due, settings.as_of), "hours")
    alternative = None
    if step.alternative_from is not None:
        other = report.event(step.alternative_from)
        if other is not None and other.at is not None:
            alternative = add_hours(other.at, step.limit).due
    attempts = _attempts(report, due) if status in ("late", "overdue") else ()
    return StepResult(
        step.key, step.row, step.limit, step.unit, step.from_event, Moment(begin.date(), begin),
        assumed, due, done, done_by if done is not None else None, status, late,
        tuple(step.assumptions), alternative, clock.clock_change, attempts,
    )  # fmt: skip


def _attempts(report: HazardReport, due: datetime | date) -> tuple[Moment, ...]:
    """The access attempts recorded by the deadline: possible evidence for the defence."""
    if isinstance(due, datetime):
        return tuple(
            a
            for a in report.access_attempts
            if (as_utc(a.at) <= as_utc(due) if a.at else a.day <= due.date())
        )
    return tuple(a for a in report.access_attempts if a.day <= due)
