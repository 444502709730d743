"""Declared facts: yes/no fields, stated fields, stage fields and the exclusions."""

from __future__ import annotations

from chc.codes.check_params import (
    Exclusions,
    FieldEquals,
    FieldStated,
    FieldTrue,
    StageFieldFalse,
    StageFieldStated,
    StageFieldTrue,
)
from chc.codes.model import Edition
from chc.policy.checks.base import Outcome, fix, yaml_value, your
from chc.policy.model import Exclusion, Policy

# What each field says, in the policy's terms, for messages and advice.
FIELD_WORDS = {
    "representatives": "someone else can make or pursue a complaint for the resident",
    "accompaniment": "the resident can be represented or accompanied at any meeting",
    "reasonable_adjustments": "reasonable adjustments are made",
    "unacceptable_behaviour_policy": "there is a policy on unacceptable behaviour",
    "published_on_website": "the policy is published on the website",
    "time_limit_discretion": "discretion is used for complaints older than the time limit",
    "definition": "the Ombudsman's definition of a complaint is used",
    "exclusions": "the matters the process excludes are set out",
    "request_within": "how long the resident has to ask to escalate",
}
# A stage's yes/no fields, phrased for each answer (true, false).
STAGE_BOOL_WORDS = {
    "reasons_required": (
        "the resident must give reasons to escalate",
        "the resident need not give reasons to escalate",
    ),
    "different_person": (
        "someone other than the stage 1 handler considers the complaint",
        "the stage 1 handler may consider the complaint again",
    ),
}


def field_equals(policy: Policy, edition: Edition, params: FieldEquals) -> list[Outcome]:
    name, want = params.field, params.value
    value = getattr(policy, name)
    expected = FIELD_WORDS.get(name, f"{name}: {yaml_value(want)}")
    ref = policy.refs.get(name)
    if value is None:
        return [
            Outcome(
                "not_stated",
                f"the policy does not say whether {expected}",
                expected,
                fix=fix(f"Say that {expected}", (name,), yaml_value(want)),
            )
        ]
    if value == want:
        return [Outcome("pass", expected, expected, yaml_value(value), (name,), ref=ref)]
    if params.parts and isinstance(value, str):
        return [_own_words(policy, params, value, expected)]
    return [
        Outcome(
            "fail",
            f"the policy does not provide that {expected}",
            expected,
            yaml_value(value),
            (name,),
            fix(
                f"Provide that {expected}; {your(policy.refs, name)} says otherwise",
                (name,),
                yaml_value(want),
            ),
            ref=ref,
        )
    ]


def _own_words(policy: Policy, params: FieldEquals, value: str, expected: str) -> Outcome:
    """A definition in the policy's own words, compared part by part with the Code's."""
    import re

    name = params.field
    lacking = [p.name for p in params.parts if not re.search(p.pattern, value, re.IGNORECASE)]
    ref = policy.refs.get(name)
    if not lacking:
        return Outcome(
            "review",
            f"the policy gives its own {name.replace('_', ' ')}, with every part of the Code's",
            expected,
            value,
            (name,),
            assumption="chc compared the words part by part; a person should confirm the "
            "policy's wording means the same as the Code's",
            ref=ref,
        )
    return Outcome(
        "fail",
        f"the policy's own {name.replace('_', ' ')} leaves out what the Code's includes: "
        + ", ".join(lacking),
        expected,
        value,
        (name,),
        fix(
            f"Use the Ombudsman's {name.replace('_', ' ')}, or add to {your(policy.refs, name)} "
            + ", ".join(lacking),
            (name,),
            yaml_value(params.value),
        ),
        ref=ref,
    )


def field_true(policy: Policy, edition: Edition, params: FieldTrue) -> list[Outcome]:
    return field_equals(
        policy, edition, FieldEquals(kind="field_equals", field=params.field, value=True)
    )


def field_stated(policy: Policy, edition: Edition, params: FieldStated) -> list[Outcome]:
    name = params.field
    value = getattr(policy, name)
    expected = FIELD_WORDS.get(name, f"{name} is stated")
    if value is None:
        return [
            Outcome(
                "not_stated",
                f"the policy does not state {name.replace('_', ' ')}",
                expected,
                fix=fix(f"Set out {name.replace('_', ' ')}", (name,), "..."),
            )
        ]
    shown = _shown(value)
    return [
        Outcome("pass", f"{name}: {shown}", expected, shown, (name,), ref=policy.refs.get(name))
    ]


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(v.describe() if isinstance(v, Exclusion) else str(v) for v in value) or (
            "none"
        )
    return str(value)


def _stage_bool(
    policy: Policy, params: StageFieldFalse | StageFieldTrue, want: bool
) -> list[Outcome]:
    name = params.field
    yes, no = STAGE_BOOL_WORDS[name]
    out: list[Outcome] = []
    for i, stage in enumerate(policy.stages[params.from_stage - 1 :], params.from_stage - 1):
        value = getattr(stage, name)
        expected = f"{name}: {yaml_value(want)}"
        wanted = yes if want else no
        if value is None:
            out.append(
                Outcome(
                    "not_stated",
                    f"{stage.name}: the policy does not say whether {yes}",
                    expected,
                    loc=("stages", i),
                    fix=fix(f"Say for {stage.name} that {wanted}", ("stages", i), expected),
                    ref=stage.refs.get("name"),
                )
            )
            continue
        loc: tuple[str | int, ...] = ("stages", i, name)
        ref = stage.refs.get(name)
        said = yes if value else no
        if value == want:
            out.append(
                Outcome("pass", f"{stage.name}: {said}", expected, yaml_value(value), loc, ref=ref)
            )
            continue
        advice = f"Provide at {stage.name} that {wanted}; {your(stage.refs, name)} says {said}"
        out.append(
            Outcome(
                "fail",
                f"{stage.name}: {said}",
                expected,
                yaml_value(value),
                loc,
                fix(advice, loc, yaml_value(want)),
                ref=ref,
            )
        )
    return out


def stage_field_false(policy: Policy, edition: Edition, params: StageFieldFalse) -> list[Outcome]:
    return _stage_bool(policy, params, False)


def stage_field_true(policy: Policy, edition: Edition, params: StageFieldTrue) -> list[Outcome]:
    return _stage_bool(policy, params, True)


def stage_field_stated(policy: Policy, edition: Edition, params: StageFieldStated) -> list[Outcome]:
    name = params.field
    words = FIELD_WORDS.get(name, name.replace("_", " "))
    out: list[Outcome] = []
    for i, stage in enumerate(policy.stages[params.from_stage - 1 :], params.from_stage - 1):
        value = getattr(stage, name)
        expected = f"{name} stated for {stage.name}"
        if value is None:
            out.append(
                Outcome(
                    "not_stated",
                    f"{stage.name}: the policy does not state {words}",
                    expected,
                    loc=("stages", i),
                    ref=stage.refs.get("name"),
                    fix=fix(f"State {words} for {stage.name}", ("stages", i), f"{name}: ..."),
                )
            )
        else:
            out.append(
                Outcome(
                    "pass",
                    f"{stage.name}: {name.replace('_', ' ')} {yaml_value(value)}",
                    expected,
                    yaml_value(value),
                    ("stages", i, name),
                    ref=stage.refs.get(name),
                )
            )
    return out


def _exclusion_kind(item: str | Exclusion) -> str:
    if isinstance(item, Exclusion):
        return item.kind
    return "_".join(item.lower().split())


def exclusions(policy: Policy, edition: Edition, params: Exclusions) -> list[Outcome]:
    expected = "exclusions of the kinds the Code accepts: " + ", ".join(
        k.replace("_", " ") for k in params.accepted
    )
    items = policy.exclusions
    ref = policy.refs.get("exclusions")
    if items is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not set out what it will not treat as a complaint",
                expected,
                fix=fix("Set out the matters the process excludes", ("exclusions",), "[...]"),
            )
        ]
    if not items:
        return [
            Outcome(
                "pass", "the policy excludes nothing", expected, "none", ("exclusions",), ref=ref
            )
        ]
    out: list[Outcome] = []
    for i, item in enumerate(items):
        shown = item.describe() if isinstance(item, Exclusion) else item
        loc: tuple[str | int, ...] = ("exclusions", i)
        if _exclusion_kind(item) in params.accepted:
            out.append(Outcome("pass", f"excludes {shown}", expected, shown, loc, ref=ref))
            continue
        out.append(
            Outcome(
                "review",
                f"excludes {shown}, which the Code does not name",
                expected,
                shown,
                loc,
                f"Check that excluding {shown} is fair and reasonable, and keep the reasons",
                "the Code's list of exclusions is not closed: a person must judge whether "
                "this one is fair and reasonable",
                ref=ref,
            )
        )
    return out
