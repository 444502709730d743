"""A complaint's timeline: the due date of each event under a Code edition, and its status.

Everything comes from the edition's own timescales (``code_versions/*.yaml``); no number
of days is written into this module. A timescale that counts from an event uses that
event's actual date when it is known, and otherwise the event's due date, in which case
the result is marked ``assumed``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from chc.codes.assumed import ACK_DATE_ASSUMED, CLOSURE_DAYS, Assumed, by_kind, ordered
from chc.codes.timetable import Rule, Timetable
from chc.errors import CaseError
from chc.words import start_words
from chc.workdays import WorkingCalendar, add_calendar_days, add_months

if TYPE_CHECKING:
    from chc.codes.model import Edition

DueStatus = Literal["on_time", "late", "open", "overdue"]

STAGES = (1, 2, 3)


# The field names of each stage's events, looked up once rather than built per complaint.
_FIELDS = {
    1: ("received", "stage1_acknowledged", "stage1_responded", "stage1_extension"),
    2: ("stage2_requested", "stage2_acknowledged", "stage2_responded", "stage2_extension"),
    3: ("stage3_requested", "stage3_acknowledged", "stage3_responded", "stage3_extension"),
}
_KEYS = {
    stage: (f"stage{stage}.acknowledge", f"stage{stage}.respond", f"stage{stage}.extension")
    for stage in STAGES
}


class Complaint(NamedTuple):
    """What is known of one complaint. Only ``received`` is required.

    A NamedTuple rather than a frozen dataclass: as immutable, and several times cheaper to
    build, which matters for a caseload of 100,000 rows.
    """

    received: date
    stage1_acknowledged: date | None = None
    stage1_extension: int | None = None
    stage1_responded: date | None = None
    stage2_requested: date | None = None
    stage2_acknowledged: date | None = None
    stage2_extension: int | None = None
    stage2_responded: date | None = None
    stage3_requested: date | None = None
    stage3_responded: date | None = None
    reference: str | None = None
    stage3_acknowledged: date | None = None
    stage3_extension: int | None = None

    def requested(self, stage: int) -> date | None:
        value: date | None = getattr(self, _FIELDS[stage][0])
        return value

    def acknowledged(self, stage: int) -> date | None:
        value: date | None = getattr(self, _FIELDS[stage][1])
        return value

    def responded(self, stage: int) -> date | None:
        value: date | None = getattr(self, _FIELDS[stage][2])
        return value

    def extension(self, stage: int) -> int | None:
        value: int | None = getattr(self, _FIELDS[stage][3])
        return value


class Event(NamedTuple):
    """One due date of a complaint and where it stands (immutable; a NamedTuple for speed)."""

    key: str
    stage: int
    due: date
    from_event: str
    from_date: date
    amount: int
    unit: str
    provision: str
    done: date | None
    status: DueStatus
    assumed: bool
    working_days_late: int
    note: str | None = None
    assumes: tuple[str, ...] = ()
    """The ids of the standing assumptions its due date rests on (the rule's)."""

    @property
    def rule(self) -> str:
        """``10 working days from acknowledgement``: the rule in a person's words."""
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit} from {start_words(self.from_event)}"

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "stage": self.stage,
            "due": self.due.isoformat(),
            "from_event": self.from_event,
            "from_date": self.from_date.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "provision": self.provision,
            "done": self.done.isoformat() if self.done else None,
            "status": self.status,
            "assumed": self.assumed,
            "working_days_late": self.working_days_late,
        }


class Timeline(NamedTuple):
    """A complaint's events under one edition (a NamedTuple: cheap to build in bulk)."""

    code: str
    region: str
    as_of: date
    closed: tuple[date, ...]
    events: tuple[Event, ...]
    problems: tuple[str, ...] = ()
    """Warnings about the complaint itself (an extension past the Code's limit ...)."""
    assumptions: tuple[Assumed, ...] = ()
    """The readings the results rest on (the Code's words, chc's counting rules), each once,
    in the assumptions table's order (:func:`chc.codes.assumed.ordered`)."""
    reference: str | None = None

    @property
    def future_dates(self) -> tuple[str, ...]:
        """The warnings for dates after ``as_of`` (see :func:`future_dates`), unprefixed."""
        return tuple(
            p.removeprefix(FUTURE_DATE) for p in self.problems if p.startswith(FUTURE_DATE)
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the JSON calls warnings: the problems (the assumptions are listed apart)."""
        return self.problems

    def as_json(self) -> dict[str, object]:
        keys = {e.key for e in self.events}
        return {
            "code": self.code,
            "region": self.region,
            "as_of": self.as_of.isoformat(),
            "closed": [d.isoformat() for d in self.closed],
            "events": [
                {**e.as_json(), "superseded": f"{e.key}_extended" in keys} for e in self.events
            ],
            "warnings": list(self.warnings),
            "assumptions": [{**a.as_json(), "statement": a.statement()} for a in self.assumptions],
        }


def add_duration(calendar: WorkingCalendar, start: date, amount: int, unit: str) -> date:
    if unit == "working_days":
        return calendar.add(start, amount)
    if unit == "calendar_days":
        return add_calendar_days(start, amount)
    if unit == "months":
        return add_months(start, amount)
    raise ValueError(f"unknown unit {unit!r}")


def status_of(
    calendar: WorkingCalendar, due: date, done: date | None, as_of: date
) -> tuple[DueStatus, int]:
    """on_time / late when done; open / overdue when not; and working days late."""
    if done is not None:
        if done <= due:
            return "on_time", 0
        return "late", calendar.between(due, done)
    if as_of <= due:
        return "open", 0
    return "overdue", calendar.between(due, as_of)


_ORDER = (
    ("received", "stage1_acknowledged"),
    ("received", "stage1_responded"),
    ("received", "stage2_requested"),
    ("stage1_responded", "stage2_requested"),
    ("stage2_requested", "stage2_acknowledged"),
    ("stage2_requested", "stage2_responded"),
    ("stage2_requested", "stage3_requested"),
    ("stage2_responded", "stage3_requested"),
    ("stage3_requested", "stage3_responded"),
)


def _words(field_name: str) -> str:
    return field_name.replace("stage", "stage ").replace("_", " ").replace("  ", " ").strip()


def check_order(complaint: Complaint, edition: Timetable | Edition) -> None:
    """Refuse dates that cannot be: a response before the complaint, stage 2 before stage 1."""
    c = complaint
    for stage in (2, 3):
        requested, *others = _FIELDS[stage]
        if getattr(c, requested) is None:
            for name in others:
                if getattr(c, name) is not None:
                    raise CaseError(
                        f"{_words(name)} is given but stage {stage} was never requested "
                        f"(give the stage {stage} request date)"
                    )
    if c.stage3_requested is not None:
        if c.stage2_requested is None:
            raise CaseError(
                "stage 3 was requested but stage 2 never was (give the stage 2 request date)"
            )
        if edition.timescale("stage3.respond") is None:
            raise CaseError(
                f"the {edition.edition} Code has no stage 3 (at most {edition.stages.max} "
                "stages); leave the stage 3 dates empty, or give the edition the complaint "
                "was handled under"
            )
    for stage in STAGES:
        n = c.extension(stage)
        if n is not None and n <= 0:
            raise CaseError(f"the stage {stage} extension must be a whole number of days above 0")
    # Written out rather than looped over names: this runs once per row of a caseload.
    r, a1, p1 = c.received, c.stage1_acknowledged, c.stage1_responded
    q2, a2, p2 = c.stage2_requested, c.stage2_acknowledged, c.stage2_responded
    q3, p3 = c.stage3_requested, c.stage3_responded
    if (
        (a1 is not None and a1 < r)
        or (p1 is not None and p1 < r)
        or (
            q2 is not None
            and (
                q2 < r
                or (p1 is not None and q2 < p1)
                or (a2 is not None and a2 < q2)
                or (p2 is not None and p2 < q2)
                or (q3 is not None and (q3 < q2 or (p2 is not None and q3 < p2)))
            )
        )
        or (q3 is not None and p3 is not None and p3 < q3)
    ):
        _explain_order(c)


def _explain_order(c: Complaint) -> None:
    for first_name, then_name in _ORDER:
        first = getattr(c, first_name)
        then = getattr(c, then_name)
        if first is not None and then is not None and then < first:
            raise CaseError(
                f"dates out of order: {_words(then_name)} ({then.isoformat()}) is before "
                f"{_words(first_name)} ({first.isoformat()}); correct whichever is wrong"
            )


def _event(
    key: str,
    stage: int,
    t: Rule,
    from_event: str,
    from_date: date,
    done: date | None,
    assumed: bool,
    calendar: WorkingCalendar,
    as_of: date,
    amount: int | None = None,
) -> Event:
    n = t.amount if amount is None else amount
    unit = t.unit
    due = add_duration(calendar, from_date, n, unit)
    status, late = status_of(calendar, due, done, as_of)
    return Event(
        key,
        stage,
        due,
        from_event,
        from_date,
        n,
        unit,
        t.provision,
        done,
        status,
        assumed,
        late,
        t.note,
        t.assumes,
    )


def _response_start(
    origin: str, stage: int, requested: date, ack_done: date | None, ack_due: date | None
) -> tuple[date, bool] | str:
    """Where a response clock starts, and whether that date is assumed; or why it cannot."""
    if origin in ("received", "escalation_requested"):
        return requested, False
    if origin in ("acknowledged", "logged"):
        if ack_done is not None:
            return ack_done, False
        if ack_due is not None:
            return ack_due, True
        return (
            f"stage {stage} response counts from acknowledgement, but neither the "
            "acknowledgement date nor an acknowledgement timescale is known"
        )
    return f"stage{stage}.respond counts from {origin!r}, which chc cannot place"


def _stage(
    complaint: Complaint,
    edition: Timetable,
    calendar: WorkingCalendar,
    as_of: date,
    stage: int,
    events: list[Event],
    warnings: list[str],
    assumptions: list[Assumed],
) -> None:
    """One stage's events, problems and assumptions, appended in order."""
    requested = complaint.requested(stage)
    if requested is None:
        return
    start_event = "received" if stage == 1 else "escalation_requested"
    ack_key, resp_key, _ = _KEYS[stage]
    ack_t = edition.timescale(ack_key)
    ack_done = complaint.acknowledged(stage)
    ack_due: date | None = None
    if ack_t is not None:
        ack = _event(
            ack_key, stage, ack_t, start_event, requested, ack_done, False, calendar, as_of
        )
        events.append(ack)
        ack_due = ack.due
        assumptions.extend(Assumed(a) for a in ack_t.assumes)
    resp_t = edition.timescale(resp_key)
    if resp_t is None:
        warnings.append(f"the {edition.edition} Code sets no stage {stage} response timescale")
        return
    start = _response_start(resp_t.from_event, stage, requested, ack_done, ack_due)
    if isinstance(start, str):
        warnings.append(start)
        return
    from_date, assumed = start
    respond = _event(
        resp_key,
        stage,
        resp_t,
        resp_t.from_event,
        from_date,
        complaint.responded(stage),
        assumed,
        calendar,
        as_of,
    )
    events.append(respond)
    assumptions.extend(Assumed(a) for a in resp_t.assumes)
    if assumed:
        values = (("stage", stage), ("date", from_date.isoformat()))
        assumptions.append(Assumed(ACK_DATE_ASSUMED, values))
    extension = complaint.extension(stage)
    if extension is not None:
        events.append(
            _extension(
                edition,
                stage,
                extension,
                respond,
                complaint,
                calendar,
                as_of,
                warnings,
                assumptions,
            )
        )


# The dates of a complaint that record something done, in its order, as a person names
# them; the caseload engine checks the same columns in the same order.
DATED = (
    ("received", "the complaint's receipt"),
    ("stage1_acknowledged", "the stage 1 acknowledgement"),
    ("stage1_responded", "the stage 1 response"),
    ("stage2_requested", "the stage 2 request"),
    ("stage2_acknowledged", "the stage 2 acknowledgement"),
    ("stage2_responded", "the stage 2 response"),
    ("stage3_requested", "the stage 3 request"),
    ("stage3_responded", "the stage 3 response"),
)
FUTURE_DATE = "future date: "
"""The prefix of the warning for a date after the as-of date: the JSON's flag for it."""
FUTURE_TEXT = (
    FUTURE_DATE + "{} is dated {}, after the status date {}; it is shown as done, but a "
    "date still to come is usually a typing error: check it"
)


def future_dates(complaint: Complaint, as_of: date) -> list[str]:
    """A warning for each date of ``complaint`` after ``as_of``: it is still counted as
    done (the record says so), but said, since it is usually a slip (2042 for 2024)."""
    out = []
    for field, words in DATED:
        day: date | None = getattr(complaint, field)
        if day is not None and day > as_of:
            out.append(FUTURE_TEXT.format(words, day.isoformat(), as_of.isoformat()))
    return out


def compute(
    complaint: Complaint,
    code: Timetable | Edition,
    calendar: WorkingCalendar,
    as_of: date,
) -> Timeline:
    """Every due date of ``complaint`` under an edition (its :class:`Timetable`, or the full
    :class:`~chc.codes.model.Edition`), with its status on ``as_of``."""
    edition = (code if isinstance(code, Timetable) else Timetable.of(code)).for_region(
        calendar.region
    )
    check_order(complaint, edition)
    events: list[Event] = []
    warnings: list[str] = []
    assumptions: list[Assumed] = []

    for stage in STAGES:
        _stage(complaint, edition, calendar, as_of, stage, events, warnings, assumptions)
    warnings.extend(future_dates(complaint, as_of))
    if calendar.closed:
        assumptions.append(Assumed(CLOSURE_DAYS))
    return Timeline(
        code=edition.edition,
        region=calendar.region,
        as_of=as_of,
        closed=calendar.closed_sorted,
        events=tuple(events),
        problems=tuple(warnings),
        assumptions=ordered(assumptions),
        reference=complaint.reference,
    )


def _extension(
    edition: Timetable,
    stage: int,
    extension: int,
    respond: Event,
    complaint: Complaint,
    calendar: WorkingCalendar,
    as_of: date,
    warnings: list[str],
    assumptions: list[Assumed],
) -> Event:
    """The extended response, counted from the unextended due date."""
    ext_t = edition.timescale(_KEYS[stage][2])
    if ext_t is None:
        warnings.append(
            f"the {edition.edition} Code sets no stage {stage} extension limit; "
            "the extension is counted in working days"
        )
        ext_t = Rule(
            key=f"stage{stage}.extension",
            amount=extension,
            unit="working_days",
            from_event="due_date",
            provision=respond.provision,
            assumes=by_kind(f"stage{stage}.extension", "working_days", "due_date"),
        )
    elif extension > ext_t.amount:
        warnings.append(
            f"the stage {stage} extension of {extension} "
            f"{ext_t.unit.replace('_', ' ')} is longer than the {ext_t.amount} that "
            f"provision {ext_t.provision} of the {edition.edition} Code allows without "
            "good reason"
        )
    assumptions.extend(Assumed(a) for a in ext_t.assumes)
    return _event(
        f"stage{stage}.respond_extended",
        stage,
        ext_t,
        "due_date",
        respond.due,
        complaint.responded(stage),
        respond.assumed,
        calendar,
        as_of,
        amount=extension,
    )
