"""The check kinds `chc check-policy` runs, in one explicit registry.

A *kind* is a small function here; an *instance* is data in an edition file, under the
provision it enforces (``checks: [{kind: max_duration, timescale: stage1.respond}]``), so a
new edition or a user's own Code file brings its own rules with no code change. The check
says what is wrong; the provision's obligation (must/should) says how much it matters.

Kind names are part of the interface: never rename or reuse one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from chc.codes.model import Edition
from chc.policy.durations import Duration
from chc.policy.model import Policy, Stage

FindingStatus = Literal["pass", "fail", "not_stated"]
Loc = list[str | int]


@dataclass(frozen=True)
class Outcome:
    """What one check found; the caller turns it into a located Finding."""

    status: FindingStatus
    message: str
    expected: str
    found: str | None = None
    loc: tuple[str | int, ...] = ()
    fix: str | None = None
    assumption: str | None = None


class CheckParamError(ValueError):
    """A check instance in a Code file has parameters its kind does not take."""


@dataclass(frozen=True)
class Kind:
    name: str
    summary: str
    params: dict[str, str]
    fails: str
    passes: str
    run: Callable[[Policy, Edition, dict[str, Any]], list[Outcome]]


def _need(params: dict[str, Any], name: str, kind: str) -> Any:
    if name not in params:
        raise CheckParamError(f"check kind {kind!r} needs the parameter {name!r}")
    return params[name]


# -- stage structure ---------------------------------------------------------------------


def stage_count(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    low = int(params.get("min", edition.stages.min))
    high = int(params.get("max", edition.stages.max))
    n = len(policy.stages)
    expected = f"{low} stage{'s' if low != 1 else ''}" if low == high else f"{low} to {high} stages"
    found = f"{n} stage{'s' if n != 1 else ''}: " + ", ".join(s.name for s in policy.stages)
    if n > high:
        return [
            Outcome(
                "fail",
                f"the policy has {n} stages; the Code allows at most {high}",
                expected,
                found,
                ("stages",),
                f"merge the process into {high} stages",
            )
        ]
    if n < low:
        return [
            Outcome(
                "fail",
                f"the policy has {n} stage(s); the Code expects {low}",
                expected,
                found,
                ("stages",),
                f"provide {low} stages",
            )
        ]
    return [Outcome("pass", f"{n} stages", expected, found, ("stages",))]


def no_pre_complaint_steps(
    policy: Policy, edition: Edition, params: dict[str, Any]
) -> list[Outcome]:
    expected = "no informal step or 'stage 0' before stage 1"
    steps = policy.pre_complaint_steps
    if steps is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not say whether it has steps before stage 1",
                expected,
                None,
                (),
                "state pre_complaint_steps: [] if there are none",
            )
        ]
    if steps:
        return [
            Outcome(
                "fail",
                f"the policy has {len(steps)} step(s) before stage 1: "
                + ", ".join(repr(s) for s in steps),
                expected,
                ", ".join(steps),
                ("pre_complaint_steps",),
                "log the complaint at stage 1 straight away; drop the extra step(s)",
            )
        ]
    return [Outcome("pass", "no steps before stage 1", expected, "none", ("pre_complaint_steps",))]


# -- timescales --------------------------------------------------------------------------

# Order in which a stage's clock-starting events happen; a later start gives a later deadline.
_EVENT_ORDER: dict[str, int] = {
    "received": 0,
    "escalation_requested": 0,
    "logged": 1,
    "acknowledged": 1,
}


def _compare(
    policy_span: Duration, limit: int, unit: str
) -> tuple[Literal["pass", "fail", "depends"], str | None]:
    """Is a policy span never longer than the Code's ``limit`` ``unit``?"""
    low, high, assumption = policy_span.working_days_range()
    if unit == "working_days":
        if high <= limit:
            return "pass", assumption
        if low > limit:
            return "fail", assumption
        return "depends", assumption
    # A limit in calendar days or months: compare the calendar days each can cover.
    code_low, code_high = Duration(limit, _DURATION_UNIT[unit], "").calendar_days_range()
    if policy_span.unit == unit or (unit == "months" and policy_span.unit == "years"):
        same = policy_span.amount * (12 if policy_span.unit == "years" else 1)
        return ("pass" if same <= limit else "fail"), None
    days_low, days_high = policy_span.calendar_days_range()
    note = (
        f'"{policy_span.text}" covers {days_low} to {days_high} calendar days; the Code\'s '
        f"{limit} {unit.replace('_', ' ')} cover {code_low} to {code_high}"
    )
    if days_high <= code_low:
        return "pass", note
    if days_low > code_high:
        return "fail", note
    return "depends", note


_DURATION_UNIT: dict[str, Any] = {
    "working_days": "working_days",
    "calendar_days": "calendar_days",
    "months": "months",
}


def _stage(policy: Policy, n: int) -> Stage | None:
    return policy.stages[n - 1] if len(policy.stages) >= n else None


def max_duration(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    key = str(_need(params, "timescale", "max_duration"))
    t = edition.timescale(key)
    if t is None:
        raise CheckParamError(f"max_duration names timescale {key!r}, which the edition lacks")
    if t.stage is None:
        raise CheckParamError("max_duration works on stage timescales; use min_time_limit")
    field = {"acknowledge": "acknowledge", "respond": "respond", "extension": "extension"}[t.action]
    expected = f"at most {t.describe()}"
    stage = _stage(policy, t.stage)
    if stage is None:
        # The policy has fewer stages than this timescale's: a missing required stage is
        # stage_count's finding, and an optional one (a 2022 stage 3) does not apply.
        return []
    span: Duration | None = getattr(stage, field)
    loc: tuple[str | int, ...] = ("stages", t.stage - 1, field)
    what = {"acknowledge": "acknowledgement", "respond": "response", "extension": "extension"}[
        field
    ]
    if span is None:
        return [
            Outcome(
                "not_stated",
                f"{stage.name}: the policy gives no {what} timescale",
                expected,
                None,
                ("stages", t.stage - 1),
                f"state {field}: {t.amount} {t.unit.replace('_', ' ')}",
            )
        ]
    assumptions: list[str] = []
    extra = 0
    unknown_offset = False
    if field == "respond":
        code_from: str = t.from_event
        policy_from: str = stage.respond_from or code_from
        if stage.respond_from is None:
            assumptions.append(
                "the policy does not say when the clock starts; "
                f"taken as {code_from.replace('_', ' ')}, as the Code counts"
            )
        if _EVENT_ORDER[policy_from] > _EVENT_ORDER.get(code_from, 0):
            # The policy's clock starts at acknowledgement, the Code's at receipt: the
            # policy's deadline can be later by however long acknowledgement takes.
            ack_t = edition.timescale(f"stage{t.stage}.acknowledge")
            if stage.acknowledge is not None:
                extra = stage.acknowledge.working_days_range()[1]
            elif ack_t is not None and ack_t.unit == "working_days":
                extra = ack_t.amount
            else:
                unknown_offset = True
            assumptions.append(
                f"the policy counts from {policy_from.replace('_', ' ')} and the Code from "
                f"{code_from.replace('_', ' ')}; acknowledgement can add "
                + ("an unknown number of days" if unknown_offset else f"up to {extra} working days")
            )
    verdict, note = _compare(span, t.amount - extra, t.unit)
    if unknown_offset and verdict == "pass":
        verdict = "depends"
    if note:
        assumptions.append(note)
    if verdict == "depends":
        verdict = "fail"
        assumptions.append(
            "longer than the Code in some weeks or months, so it can miss the Code's date"
        )
    found = span.text + (
        f" from {stage.respond_from.replace('_', ' ')}"
        if field == "respond" and stage.respond_from
        else ""
    )
    if verdict == "pass":
        return [
            Outcome(
                "pass",
                f"{stage.name}: {what} within {found}",
                expected,
                found,
                loc,
                assumption="; ".join(assumptions) or None,
            )
        ]
    return [
        Outcome(
            "fail",
            f"{stage.name}: {what} within {found} is longer than the Code allows",
            expected,
            found,
            loc,
            f"set {field}: {t.amount} {t.unit.replace('_', ' ')} or less",
            "; ".join(assumptions) or None,
        )
    ]


def min_time_limit(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    key = str(params.get("timescale", "complaint_time_limit"))
    t = edition.timescale(key)
    if t is None:
        raise CheckParamError(f"min_time_limit names timescale {key!r}, which the edition lacks")
    expected = f"at least {t.amount} {t.unit.replace('_', ' ')} to complain"
    span = policy.time_limit
    if span is None:
        return [
            Outcome(
                "not_stated",
                "the policy states no time limit for complaining",
                expected,
                None,
                (),
                f"state time_limit: {t.amount} {t.unit.replace('_', ' ')}",
            )
        ]
    # The policy must accept complaints at least as old as the Code's limit at its longest.
    if span.unit in ("months", "years") and t.unit == "months":
        accepted = span.amount * (12 if span.unit == "years" else 1) >= t.amount
        note = None
    else:
        code_high = Duration(t.amount, _DURATION_UNIT[t.unit], "").calendar_days_range()[1]
        policy_low = span.calendar_days_range()[0]
        accepted = policy_low >= code_high
        note = (
            f'"{span.text}" covers at least {policy_low} days; {t.amount} '
            f"{t.unit.replace('_', ' ')} can cover {code_high}"
        )
    if accepted:
        return [
            Outcome(
                "pass",
                f"the policy accepts complaints up to {span.text} old",
                expected,
                span.text,
                ("time_limit",),
                assumption=note,
            )
        ]
    return [
        Outcome(
            "fail",
            f"the policy's time limit of {span.text} is shorter than the Code's",
            expected,
            span.text,
            ("time_limit",),
            f"accept complaints made within {t.amount} {t.unit.replace('_', ' ')}",
            note,
        )
    ]


# -- declared facts ----------------------------------------------------------------------

_FIELD_WORDS = {
    "representatives": "residents can be represented or accompanied",
    "reasonable_adjustments": "reasonable adjustments are made",
    "unacceptable_behaviour_policy": "there is a policy on unacceptable behaviour",
    "published_on_website": "the policy is published on the website",
    "time_limit_discretion": "discretion is used for complaints older than the time limit",
    "definition": "the Ombudsman's definition of a complaint is used",
    "exclusions": "the matters the process excludes are set out",
}


def field_equals(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    field = str(_need(params, "field", "field_equals"))
    want = params.get("value", True)
    if field not in Policy.model_fields:
        raise CheckParamError(f"the policy format has no field {field!r}")
    value = getattr(policy, field)
    expected = _FIELD_WORDS.get(field, f"{field}: {want}")
    if value is None:
        return [
            Outcome(
                "not_stated",
                f"the policy does not say whether {expected}",
                expected,
                None,
                (),
                f"state {field}: {_yaml(want)}",
            )
        ]
    if value == want:
        return [Outcome("pass", expected, expected, _yaml(value), (field,))]
    return [
        Outcome(
            "fail",
            f"the policy says {field}: {_yaml(value)}",
            expected,
            _yaml(value),
            (field,),
            f"set {field}: {_yaml(want)}",
        )
    ]


def _yaml(value: object) -> str:
    """A value as the policy file would spell it (true, not True)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def field_true(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    return field_equals(policy, edition, {**params, "value": True})


def field_stated(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    field = str(_need(params, "field", "field_stated"))
    if field not in Policy.model_fields:
        raise CheckParamError(f"the policy format has no field {field!r}")
    value = getattr(policy, field)
    expected = _FIELD_WORDS.get(field, f"{field} is stated")
    if value is None or value == []:
        return [
            Outcome(
                "not_stated",
                f"the policy does not state {field}",
                expected,
                None,
                (),
                f"state {field}",
            )
        ]
    shown = ", ".join(value) if isinstance(value, list) else str(value)
    return [Outcome("pass", f"{field}: {shown}", expected, shown, (field,))]


def _escalation_stages(policy: Policy, params: dict[str, Any]) -> list[tuple[int, Stage]]:
    first = int(params.get("from_stage", 2))
    return [(i, s) for i, s in enumerate(policy.stages, 1) if i >= first]


def stage_field_false(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    field = str(_need(params, "field", "stage_field_false"))
    if field not in Stage.model_fields:
        raise CheckParamError(f"a policy stage has no field {field!r}")
    out: list[Outcome] = []
    for i, stage in _escalation_stages(policy, params):
        expected = f"{field}: false"
        value = getattr(stage, field)
        if value is None:
            out.append(
                Outcome(
                    "not_stated",
                    f"{stage.name}: the policy does not say ({field})",
                    expected,
                    None,
                    ("stages", i - 1),
                    f"state {field}: false",
                )
            )
        elif value:
            out.append(
                Outcome(
                    "fail",
                    f"{stage.name}: the policy sets {field}: true",
                    expected,
                    "true",
                    ("stages", i - 1, field),
                    f"set {field}: false",
                )
            )
        else:
            out.append(
                Outcome(
                    "pass",
                    f"{stage.name}: {field} is false",
                    expected,
                    "false",
                    ("stages", i - 1, field),
                )
            )
    return out


def stage_field_stated(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    field = str(_need(params, "field", "stage_field_stated"))
    if field not in Stage.model_fields:
        raise CheckParamError(f"a policy stage has no field {field!r}")
    out: list[Outcome] = []
    for i, stage in _escalation_stages(policy, params):
        value = getattr(stage, field)
        expected = f"{field} stated for {stage.name}"
        if value is None:
            out.append(
                Outcome(
                    "not_stated",
                    f"{stage.name}: the policy does not state {field}",
                    expected,
                    None,
                    ("stages", i - 1),
                    f"state {field} for {stage.name}",
                )
            )
        else:
            out.append(
                Outcome(
                    "pass",
                    f"{stage.name}: {field} {value}",
                    expected,
                    str(value),
                    ("stages", i - 1, field),
                )
            )
    return out


def min_channels(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    need = int(params.get("min", 2))
    expected = f"at least {need} ways to complain"
    channels = policy.channels
    if channels is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not list the ways to complain",
                expected,
                None,
                (),
                "list channels: [...]",
            )
        ]
    found = ", ".join(channels) or "none"
    distinct = len({c.strip().lower() for c in channels})
    if distinct >= need:
        return [Outcome("pass", f"{distinct} ways to complain", expected, found, ("channels",))]
    return [
        Outcome(
            "fail",
            f"only {distinct} way{'s' if distinct != 1 else ''} to complain",
            expected,
            found,
            ("channels",),
            "offer more ways to complain (phone, email, in person ...)",
        )
    ]


def signposting(policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    wanted = [str(w) for w in params.get("at", [])]
    said = policy.ombudsman_signposting
    expected = ("the Ombudsman named at: " + ", ".join(wanted)) if wanted else "the Ombudsman named"
    if said is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not say where it tells residents about the Ombudsman",
                expected,
                None,
                (),
                "list ombudsman_signposting: [...]",
            )
        ]
    have = set(said)
    last = f"stage {len(policy.stages)}"
    if last in have:
        have.add("final response")  # the last stage's response is the final response
    missing = [w for w in wanted if w not in have]
    found = ", ".join(said) or "nowhere"
    if (wanted and missing) or (not wanted and not said):
        return [
            Outcome(
                "fail",
                "the Ombudsman is not named at: " + (", ".join(missing) or "any point"),
                expected,
                found,
                ("ombudsman_signposting",),
                "give the Ombudsman's details at: " + (", ".join(missing) or "each stage"),
            )
        ]
    return [
        Outcome(
            "pass",
            f"the Ombudsman is named at: {found}",
            expected,
            found,
            ("ombudsman_signposting",),
        )
    ]


KINDS: dict[str, Kind] = {
    "stage_count": Kind(
        "stage_count",
        "The number of stages is within the edition's limits.",
        {
            "min": "fewest stages (default: the edition's stages.min)",
            "max": "most stages (default: the edition's stages.max)",
        },
        "stages: [{name: Stage 1}, {name: Stage 2}, {name: Stage 3}]   # 2024",
        "stages: [{name: Stage 1}, {name: Stage 2}]",
        stage_count,
    ),
    "no_pre_complaint_steps": Kind(
        "no_pre_complaint_steps",
        "No informal step or 'stage 0' comes before stage 1.",
        {},
        "pre_complaint_steps: [informal resolution]",
        "pre_complaint_steps: []",
        no_pre_complaint_steps,
    ),
    "max_duration": Kind(
        "max_duration",
        "A stage's acknowledgement, response or extension is never longer than the Code's, "
        "allowing for units (days, weeks, months, hours) and for when the clock starts.",
        {"timescale": "the edition timescale to compare with, e.g. stage1.respond"},
        "stages: [{name: Stage 1, respond: 15 working days}]   # 2024: 10",
        "stages: [{name: Stage 1, respond: 10 working days, respond_from: received}]",
        max_duration,
    ),
    "min_time_limit": Kind(
        "min_time_limit",
        "The policy accepts complaints at least as old as the Code's time limit.",
        {"timescale": "the edition timescale (default complaint_time_limit)"},
        "time_limit: 6 months   # 2024: 12",
        "time_limit: 12 months",
        min_time_limit,
    ),
    "field_true": Kind(
        "field_true",
        "A yes/no field of the policy is true.",
        {"field": "the policy field, e.g. representatives"},
        "representatives: false",
        "representatives: true",
        field_true,
    ),
    "field_equals": Kind(
        "field_equals",
        "A field of the policy has the given value.",
        {"field": "the policy field", "value": "the value it must have"},
        "definition: our own wording",
        "definition: ombudsman",
        field_equals,
    ),
    "field_stated": Kind(
        "field_stated",
        "The policy states the field at all (its content is for a person to judge).",
        {"field": "the policy field, e.g. exclusions"},
        "(exclusions left out)",
        "exclusions: [legal proceedings]",
        field_stated,
    ),
    "stage_field_false": Kind(
        "stage_field_false",
        "Every escalation stage sets the field to false.",
        {
            "field": "the stage field, e.g. reasons_required",
            "from_stage": "first stage checked (default 2)",
        },
        "stages: [{name: Stage 1}, {name: Stage 2, reasons_required: true}]",
        "stages: [{name: Stage 1}, {name: Stage 2, reasons_required: false}]",
        stage_field_false,
    ),
    "stage_field_stated": Kind(
        "stage_field_stated",
        "Every escalation stage states the field.",
        {
            "field": "the stage field, e.g. request_within",
            "from_stage": "first stage checked (default 2)",
        },
        "stages: [{name: Stage 1}, {name: Stage 2}]",
        "stages: [{name: Stage 1}, {name: Stage 2, request_within: 20 working days}]",
        stage_field_stated,
    ),
    "min_channels": Kind(
        "min_channels",
        "Residents have at least the given number of ways to complain.",
        {"min": "fewest channels (default 2)"},
        "channels: [letter]",
        "channels: [phone, email, letter]",
        min_channels,
    ),
    "signposting": Kind(
        "signposting",
        "The policy tells residents about the Ombudsman at the given points "
        "(any point when 'at' is empty).",
        {"at": "list of: stage 1, stage 2, stage 3, extension, refusal, final response, website"},
        "ombudsman_signposting: [stage 2]   # at: [extension]",
        "ombudsman_signposting: [stage 1, stage 2, extension]",
        signposting,
    ),
}


_TIMESCALE_KINDS = {"max_duration": True, "min_time_limit": False}
_POLICY_FIELD_KINDS = ("field_true", "field_equals", "field_stated")
_STAGE_FIELD_KINDS = ("stage_field_false", "stage_field_stated")


def validate(kind: str, params: dict[str, Any], edition: Edition) -> None:
    """Refuse a check instance that could never run, when the Code file is loaded."""
    entry = KINDS.get(kind)
    if entry is None:
        raise CheckParamError(
            f"unknown check kind {kind!r}; the kinds are {', '.join(sorted(KINDS))}"
        )
    unknown = set(params) - set(entry.params)
    if unknown:
        raise CheckParamError(f"check kind {kind!r} takes no parameter {sorted(unknown)[0]!r}")
    if kind in _TIMESCALE_KINDS:
        default = None if _TIMESCALE_KINDS[kind] else "complaint_time_limit"
        key = params.get("timescale", default)
        if key is None:
            raise CheckParamError(f"check kind {kind!r} needs the parameter 'timescale'")
        t = edition.timescale(str(key))
        if t is None:
            raise CheckParamError(f"{kind} names timescale {key!r}, which the edition lacks")
        if _TIMESCALE_KINDS[kind] == (t.stage is None):
            raise CheckParamError(
                f"{kind} needs a {'stage' if _TIMESCALE_KINDS[kind] else 'time-limit'} "
                f"timescale, not {key!r}"
            )
    if kind in _POLICY_FIELD_KINDS:
        field = params.get("field")
        if field not in Policy.model_fields:
            raise CheckParamError(f"the policy format has no field {field!r}")
    if kind in _STAGE_FIELD_KINDS:
        field = params.get("field")
        if field not in Stage.model_fields:
            raise CheckParamError(f"a policy stage has no field {field!r}")


def run(kind: str, policy: Policy, edition: Edition, params: dict[str, Any]) -> list[Outcome]:
    entry = KINDS.get(kind)
    if entry is None:
        raise CheckParamError(
            f"unknown check kind {kind!r}; the kinds are {', '.join(sorted(KINDS))}"
        )
    unknown = set(params) - set(entry.params)
    if unknown:
        raise CheckParamError(f"check kind {kind!r} takes no parameter {sorted(unknown)[0]!r}")
    return entry.run(policy, edition, params)
