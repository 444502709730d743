"""A complaint's timeline: the due date of each event under a Code edition, and its status.

Everything comes from the edition's own timescales (``code_versions/*.yaml``); no number
of days is written into this module. A timescale that counts from an event uses that
event's actual date when it is known, and otherwise the event's due date, in which case
the result is marked ``assumed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from chc.codes import Edition, Timescale
from chc.errors import CaseError
from chc.workdays import WorkingCalendar, add_calendar_days, add_months

Status = Literal["on_time", "late", "open", "overdue"]

STAGES = (1, 2, 3)


@dataclass(frozen=True)
class Complaint:
    """What is known of one complaint. Only ``received`` is required."""

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

    def requested(self, stage: int) -> date | None:
        return self.received if stage == 1 else getattr(self, f"stage{stage}_requested", None)

    def acknowledged(self, stage: int) -> date | None:
        return getattr(self, f"stage{stage}_acknowledged", None)

    def responded(self, stage: int) -> date | None:
        return getattr(self, f"stage{stage}_responded", None)

    def extension(self, stage: int) -> int | None:
        return getattr(self, f"stage{stage}_extension", None)


@dataclass(frozen=True)
class Event:
    key: str
    stage: int
    due: date
    from_event: str
    from_date: date
    amount: int
    unit: str
    provision: str
    done: date | None
    status: Status
    assumed: bool
    working_days_late: int
    rule: str
    note: str | None = None

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


@dataclass(frozen=True)
class Timeline:
    code: str
    region: str
    as_of: date
    closed: tuple[date, ...]
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    reference: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "region": self.region,
            "as_of": self.as_of.isoformat(),
            "closed": [d.isoformat() for d in self.closed],
            "events": [e.as_json() for e in self.events],
            "warnings": list(self.warnings),
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
) -> tuple[Status, int]:
    """on_time / late when done; open / overdue when not; and working days late."""
    if done is not None:
        if done <= due:
            return "on_time", 0
        return "late", calendar.between(due, done)
    if as_of <= due:
        return "open", 0
    return "overdue", calendar.between(due, as_of)


def check_order(complaint: Complaint, edition: Edition) -> None:
    """Refuse dates that cannot be: a response before the complaint, stage 2 before stage 1."""
    c = complaint
    for stage in (2, 3):
        if c.requested(stage) is None:
            for what in ("acknowledged", "extension", "responded"):
                if getattr(c, f"stage{stage}_{what}", None) is not None:
                    raise CaseError(
                        f"stage {stage} {what} is given but stage {stage} was never requested "
                        f"(give the stage {stage} request date)"
                    )
    if c.stage3_requested is not None and c.stage2_requested is None:
        raise CaseError("stage 3 was requested but stage 2 never was")
    if c.stage3_requested is not None and edition.timescale("stage3.respond") is None:
        raise CaseError(
            f"the {edition.edition} Code has no stage 3 (at most {edition.stages.max} stages)"
        )
    for stage in STAGES:
        n = c.extension(stage)
        if n is not None and n <= 0:
            raise CaseError(f"the stage {stage} extension must be a whole number of days above 0")
    checks: list[tuple[str, date | None, str, date | None]] = [
        ("received", c.received, "stage 1 acknowledged", c.stage1_acknowledged),
        ("received", c.received, "stage 1 responded", c.stage1_responded),
        ("received", c.received, "stage 2 requested", c.stage2_requested),
        ("stage 1 responded", c.stage1_responded, "stage 2 requested", c.stage2_requested),
        ("stage 2 requested", c.stage2_requested, "stage 2 acknowledged", c.stage2_acknowledged),
        ("stage 2 requested", c.stage2_requested, "stage 2 responded", c.stage2_responded),
        ("stage 2 requested", c.stage2_requested, "stage 3 requested", c.stage3_requested),
        ("stage 2 responded", c.stage2_responded, "stage 3 requested", c.stage3_requested),
        ("stage 3 requested", c.stage3_requested, "stage 3 responded", c.stage3_responded),
    ]
    for first_name, first, then_name, then in checks:
        if first is not None and then is not None and then < first:
            raise CaseError(
                f"dates out of order: {then_name} ({then.isoformat()}) is before "
                f"{first_name} ({first.isoformat()})"
            )


def compute(
    complaint: Complaint,
    edition: Edition,
    calendar: WorkingCalendar,
    as_of: date,
) -> Timeline:
    """Every due date of ``complaint`` under ``edition``, with its status on ``as_of``."""
    check_order(complaint, edition)
    events: list[Event] = []
    warnings: list[str] = []
    assumptions: list[str] = []

    noted: set[str] = set()

    def note(t: Timescale) -> None:
        if t.note and t.key not in noted:
            noted.add(t.key)
            assumptions.append(f"{t.key} ({t.provision}): {t.note}")

    def event(
        key: str,
        stage: int,
        t: Timescale,
        from_event: str,
        from_date: date,
        done: date | None,
        assumed: bool,
        amount: int | None = None,
    ) -> Event:
        n = t.amount if amount is None else amount
        due = add_duration(calendar, from_date, n, t.unit)
        status, late = status_of(calendar, due, done, as_of)
        note(t)
        return Event(
            key=key,
            stage=stage,
            due=due,
            from_event=from_event,
            from_date=from_date,
            amount=n,
            unit=t.unit,
            provision=t.provision,
            done=done,
            status=status,
            assumed=assumed,
            working_days_late=late,
            rule=f"{n} {t.unit.replace('_', ' ')} from {from_event.replace('_', ' ')}",
            note=t.note,
        )

    for stage in STAGES:
        requested = complaint.requested(stage)
        if requested is None:
            continue
        start_event = "received" if stage == 1 else "escalation_requested"
        ack_t = edition.timescale(f"stage{stage}.acknowledge")
        ack_done = complaint.acknowledged(stage)
        ack_due: date | None = None
        ack_assumed = False
        if ack_t is not None:
            ack = event(
                f"stage{stage}.acknowledge", stage, ack_t, start_event, requested, ack_done, False
            )
            events.append(ack)
            ack_due = ack.due
        resp_t = edition.timescale(f"stage{stage}.respond")
        if resp_t is None:
            warnings.append(f"the {edition.edition} Code sets no stage {stage} response timescale")
            continue
        origin = resp_t.from_event
        if origin in ("acknowledged", "logged"):
            if ack_done is not None:
                from_date, assumed = ack_done, False
            elif ack_due is not None:
                from_date, assumed = ack_due, True
                ack_assumed = True
            else:
                warnings.append(
                    f"stage {stage} response counts from acknowledgement, but neither the "
                    f"acknowledgement date nor an acknowledgement timescale is known"
                )
                continue
            if origin == "logged":
                assumptions.append(
                    f"stage{stage}.respond counts from logging; chc takes the complaint as "
                    "logged when it was acknowledged"
                )
        elif origin in ("received", "escalation_requested"):
            from_date, assumed = requested, False
        else:
            warnings.append(f"stage{stage}.respond counts from {origin!r}, which chc cannot place")
            continue
        respond = event(
            f"stage{stage}.respond",
            stage,
            resp_t,
            origin,
            from_date,
            complaint.responded(stage),
            assumed,
        )
        events.append(respond)
        if ack_assumed:
            assumptions.append(
                f"stage {stage} acknowledgement date not given: the response is counted from "
                f"the acknowledgement due date ({ack_due.isoformat() if ack_due else '?'})"
            )
        extension = complaint.extension(stage)
        if extension is not None:
            ext_t = edition.timescale(f"stage{stage}.extension")
            if ext_t is None:
                warnings.append(
                    f"the {edition.edition} Code sets no stage {stage} extension limit; "
                    f"the extension is counted in working days"
                )
                ext_t = Timescale(
                    key=f"stage{stage}.extension",
                    amount=extension,
                    unit="working_days",
                    from_event="due_date",
                    provision=resp_t.provision,
                )
            elif extension > ext_t.amount:
                warnings.append(
                    f"the stage {stage} extension of {extension} "
                    f"{ext_t.unit.replace('_', ' ')} is longer than the {ext_t.amount} that "
                    f"provision {ext_t.provision} of the {edition.edition} Code allows without "
                    "good reason"
                )
            events.append(
                event(
                    f"stage{stage}.respond_extended",
                    stage,
                    ext_t,
                    "due_date",
                    respond.due,
                    complaint.responded(stage),
                    respond.assumed,
                    amount=extension,
                )
            )
    if calendar.closed:
        assumptions.append(
            "closure days are treated as non-working days; whether they stop the Code's "
            "clock is a policy question the Code does not answer"
        )
    return Timeline(
        code=edition.edition,
        region=calendar.region,
        as_of=as_of,
        closed=tuple(sorted(calendar.closed)),
        events=tuple(events),
        warnings=tuple(warnings + [f"assumption: {a}" for a in assumptions]),
        assumptions=tuple(assumptions),
        reference=complaint.reference,
    )
