"""Timescales: a stage's acknowledgement, response and extension, and the time limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from chc.codes.check_params import MaxDuration, MinTimeLimit
from chc.codes.model import Edition, Timescale, TimeUnit
from chc.policy.checks.base import Outcome, fix, join_assumptions, your
from chc.policy.durations import Duration
from chc.policy.model import ChainedStart, Exclusion, Policy, Stage
from chc.words import START_WORDS

Verdict = Literal["pass", "fail", "depends"]

# Order in which a stage's clock-starting events happen; a later start gives a later deadline.
_EVENT_ORDER: dict[str, int] = {
    "received": 0,
    "escalation_requested": 0,
    "logged": 1,
    "acknowledged": 1,
}
_WHAT = {"acknowledge": "acknowledgement", "respond": "response", "extension": "extension"}
# Advice names the Code's own thing: at stage 1 and 2 the "full response".
_ADVICE_WHAT = {**_WHAT, "respond": "full response"}


def _unit_words(amount: int, unit: str) -> str:
    words = unit.replace("_", " ")
    return f"{amount} {words.rstrip('s') if amount == 1 else words}"


def _start_words(event: str) -> str:
    return START_WORDS.get(event, event.replace("_", " "))


def compare(policy_span: Duration, limit: int, unit: TimeUnit) -> tuple[Verdict, str | None]:
    """Is a policy span never longer than the Code's ``limit`` ``unit``?"""
    low, high, assumption = policy_span.working_days_range()
    if unit == "working_days":
        if high <= limit:
            return "pass", assumption
        return ("fail" if low > limit else "depends"), assumption
    # A limit in calendar days or months: compare the calendar days each can cover.
    code_low, code_high = Duration(limit, unit, "").calendar_days_range()
    if policy_span.unit == unit or (unit == "months" and policy_span.unit == "years"):
        same = policy_span.amount * (12 if policy_span.unit == "years" else 1)
        return ("pass" if same <= limit else "fail"), None
    days_low, days_high = policy_span.calendar_days_range()
    note = (
        f'"{policy_span.text}" covers {days_low} to {days_high} calendar days; the Code\'s '
        f"{_unit_words(limit, unit)} cover {code_low} to {code_high}"
    )
    if days_high <= code_low:
        return "pass", note
    return ("fail" if days_low > code_high else "depends"), note


@dataclass
class _Clock:
    """How many working days a policy's later clock start can add, and why."""

    extra: int = 0
    unknown: bool = False
    assumptions: list[str] = field(default_factory=list)


def _clock(stage: Stage, t: Timescale, edition: Edition) -> _Clock:
    clock = _Clock()
    code_from = t.from_event
    start = stage.respond_from
    if start is None:
        clock.assumptions.append(
            "the policy does not say when the clock starts; "
            f"taken as {_start_words(code_from)}, as the Code counts"
        )
        return clock
    base = start.after if isinstance(start, ChainedStart) else start
    if isinstance(start, ChainedStart) and start.within is not None:
        bound = start.within.working_days_range()[1]
        clock.extra += bound
        clock.assumptions.append(
            f"the clock starts at the {start.event}, which can be up to {start.within} after "
            f"{_start_words(start.after)}: counted together, up to {bound} working days are added"
        )
    if _EVENT_ORDER[base] > _EVENT_ORDER.get(code_from, 0):
        # The policy's clock starts at acknowledgement, the Code's at receipt: the policy's
        # deadline can be later by however long acknowledgement takes.
        ack_t = edition.timescale(f"stage{t.stage}.acknowledge")
        if stage.acknowledge is not None and not stage.acknowledge.is_none:
            add = stage.acknowledge.working_days_range()[1]
        elif ack_t is not None and ack_t.unit == "working_days":
            add = ack_t.amount
        else:
            add, clock.unknown = 0, True
        clock.extra += add
        clock.assumptions.append(
            f"the policy counts from {_start_words(base)} and the Code from "
            f"{_start_words(code_from)}; acknowledgement can add "
            + ("an unknown number of days" if clock.unknown else f"up to {add} working days")
        )
    return clock


def _duration_verdict(
    span: Duration, stage: Stage, t: Timescale, edition: Edition
) -> tuple[Verdict, list[str]]:
    clock = _clock(stage, t, edition) if t.action == "respond" else _Clock()
    verdict, note = compare(span, t.amount - clock.extra, t.unit)
    if clock.unknown and verdict == "pass":
        verdict = "depends"
    assumptions = clock.assumptions + ([note] if note else [])
    if verdict == "depends":
        assumptions.append(
            "longer than the Code in some weeks or months, so it can miss the Code's date"
        )
    return verdict, assumptions


def max_duration(policy: Policy, edition: Edition, params: MaxDuration) -> list[Outcome]:
    t = edition.timescale(params.timescale)
    if t is None or t.stage is None:  # refused when the Code file loads
        raise ValueError(f"max_duration needs a stage timescale, not {params.timescale!r}")
    if len(policy.stages) < t.stage:
        # A missing required stage is stage_count's finding, and an optional one (a 2022
        # stage 3) does not apply.
        return []
    i = t.stage - 1
    stage = policy.stages[i]
    name = t.action
    what = _WHAT[name]
    expected = f"at most {t.describe()}"
    span: Duration | None = getattr(stage, name)
    code_words = _unit_words(t.amount, t.unit)
    notes = (t.note,) if t.note else ()
    loc: tuple[str | int, ...] = ("stages", i, name)
    if span is None:
        return [
            Outcome(
                "not_stated",
                f"{stage.name}: the policy gives no {what} timescale",
                expected,
                loc=("stages", i),
                ref=stage.refs.get("name"),
                fix=fix(
                    f"Say when {stage.name}'s {_ADVICE_WHAT[name]} is due: within {code_words} of "
                    f"{_start_words(t.from_event)} at most",
                    loc,
                    code_words,
                ),
                notes=notes,
            )
        ]
    ref = stage.refs.get(name)
    if span.is_none:
        verdict: Verdict = "fail"
        assumptions = [f"{stage.name} sets no timescale for its {what}"]
    else:
        verdict, assumptions = _duration_verdict(span, stage, t, edition)
    found = span.text + _from_words(stage, name)
    if verdict == "pass":
        message = f"{stage.name}: {what} within {found}"
        return [
            Outcome(
                "pass",
                message,
                expected,
                found,
                loc,
                assumption=join_assumptions(assumptions),
                notes=notes,
                ref=ref,
            )
        ]
    if t.review:
        assumptions.append(t.review)
    advice = (
        f"Make {stage.name}'s {_ADVICE_WHAT[name]} due within {code_words} of "
        f"{_start_words(t.from_event)}; {your(stage.refs, name)} says {found}"
    )
    return [
        Outcome(
            "review" if t.review else "fail",
            f"{stage.name}: {what} "
            + (
                "has no timescale"
                if span.is_none
                else f"within {found} is longer than the Code allows"
            )
            + (" (to review: the Code's figure is not certain)" if t.review else ""),
            expected,
            found,
            loc,
            fix(advice, loc, f"{code_words} or less"),
            join_assumptions(assumptions),
            notes,
            ref,
        )
    ]


def _from_words(stage: Stage, name: str) -> str:
    start = stage.respond_from
    if name != "respond" or start is None:
        return ""
    if isinstance(start, ChainedStart):
        return f" of the {start.event} (held within {start.within} of {_start_words(start.after)})"
    return f" from {_start_words(start)}"


def _limit_outcome(
    span: Duration, t: Timescale, loc: tuple[str | int, ...], where: str, ref: str | None
) -> Outcome:
    expected = f"at least {_unit_words(t.amount, t.unit)} to complain"
    notes = (t.note,) if t.note else ()
    if span.is_none:
        return Outcome(
            "pass", "the policy sets no time limit", expected, "none", loc, notes=notes, ref=ref
        )
    # The policy must accept complaints at least as old as the Code's limit at its longest.
    note = None
    if span.unit in ("months", "years") and t.unit == "months":
        accepted = span.amount * (12 if span.unit == "years" else 1) >= t.amount
    else:
        code_high = Duration(t.amount, t.unit, "").calendar_days_range()[1]
        policy_low = span.calendar_days_range()[0]
        accepted = policy_low >= code_high
        note = (
            f'"{span.text}" covers at least {policy_low} days; '
            f"{_unit_words(t.amount, t.unit)} can cover {code_high}"
        )
    if accepted:
        return Outcome(
            "pass",
            f"the policy accepts complaints up to {span.text} old",
            expected,
            span.text,
            loc,
            assumption=note,
            notes=notes,
            ref=ref,
        )
    advice = f"Accept complaints made within {_unit_words(t.amount, t.unit)}; {where} says {span}"
    return Outcome(
        "fail",
        f"a time limit of {span.text} is shorter than the Code's",
        expected,
        span.text,
        loc,
        fix(advice, loc, _unit_words(t.amount, t.unit)),
        note,
        notes,
        ref,
    )


def _limit_start(policy: Policy, t: Timescale, params: MinTimeLimit) -> list[Outcome]:
    """What the time limit counts from, where the Code counts from more than one event."""
    wanted = set(params.counts_from)
    if wanted == {"issue_occurred"}:
        return []
    expected = "the time limit counted from when the issue occurred or the resident became aware"
    said = policy.time_limit_from
    notes = (t.note,) if t.note else ()
    loc: tuple[str | int, ...] = ("time_limit_from",)
    if said is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not say what its time limit counts from",
                expected,
                fix=fix(
                    "Say that the time limit runs from when the resident became aware of the "
                    "issue, if that is later than when it occurred",
                    loc,
                    "either",
                ),
                notes=notes,
            )
        ]
    ref = policy.refs.get("time_limit_from")
    if said in ("either", "became_aware") or wanted == {said}:
        return [
            Outcome("pass", f"counted from: {said.replace('_', ' ')}", expected, said, loc, ref=ref)
        ]
    assumption = params.counts_from_review
    return [
        Outcome(
            "review" if assumption else "fail",
            "the policy counts its time limit only from when the issue occurred",
            expected,
            said.replace("_", " "),
            loc,
            fix(
                "Count the time limit from when the resident became aware of the issue, "
                f"where that is later; {your(policy.refs, 'time_limit_from')} counts from "
                "when it occurred",
                loc,
                "either",
            ),
            assumption,
            notes,
            ref,
        )
    ]


def min_time_limit(policy: Policy, edition: Edition, params: MinTimeLimit) -> list[Outcome]:
    t = edition.timescale(params.timescale)
    if t is None:  # refused when the Code file loads
        raise ValueError(f"min_time_limit names timescale {params.timescale!r}, which is absent")
    out: list[Outcome] = []
    if policy.time_limit is not None:
        out.append(
            _limit_outcome(
                policy.time_limit,
                t,
                ("time_limit",),
                your(policy.refs, "time_limit"),
                policy.refs.get("time_limit"),
            )
        )
    for i, item in enumerate(policy.exclusions or []):
        if isinstance(item, Exclusion) and item.older_than is not None:
            out.append(
                _limit_outcome(
                    item.older_than,
                    t,
                    ("exclusions", i, "older_than"),
                    "its exclusion",
                    policy.refs.get("exclusions"),
                )
            )
    if not out:
        out.append(
            Outcome(
                "not_stated",
                "the policy states no time limit for complaining",
                f"at least {_unit_words(t.amount, t.unit)} to complain",
                fix=fix(
                    "Say how long residents have to complain: "
                    f"{_unit_words(t.amount, t.unit)} at least",
                    ("time_limit",),
                    _unit_words(t.amount, t.unit),
                ),
                notes=(t.note,) if t.note else (),
            )
        )
    elif policy.time_limit is not None and not policy.time_limit.is_none:
        out.extend(_limit_start(policy, t, params))
    return out
