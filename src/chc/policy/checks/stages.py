"""Stage structure: how many stages, and nothing before stage 1."""

from __future__ import annotations

from chc.codes.check_params import NoPreComplaintSteps, StageCount
from chc.codes.model import Edition
from chc.policy.checks.base import Outcome, fix, plural, your
from chc.policy.model import Policy


def stage_count(policy: Policy, edition: Edition, params: StageCount) -> list[Outcome]:
    low = params.min if params.min is not None else edition.stages.min
    high = params.max if params.max is not None else edition.stages.max
    n = len(policy.stages)
    expected = plural(low, "stage") if low == high else f"{low} to {high} stages"
    found = plural(n, "stage") + ": " + ", ".join(s.name for s in policy.stages)
    ref = policy.refs.get("stages")
    notes = (edition.stages.note,) if edition.stages.note else ()
    where = your(policy.refs, "stages")
    if n > high:
        return [
            Outcome(
                "review" if params.above_max_review else "fail",
                f"the policy has {n} stages; the Code allows at most {high}",
                expected,
                found,
                ("stages",),
                fix(f"Merge the process into {high} stages; {where} has {n}", ("stages",), "..."),
                assumption=params.above_max_review,
                notes=notes,
                ref=ref,
            )
        ]
    if n < low:
        return [
            Outcome(
                "fail",
                f"the policy has {plural(n, 'stage')}; the Code expects at least {low}",
                expected,
                found,
                ("stages",),
                fix(f"Provide {low} stages; {where} has {n}", ("stages",), "..."),
                notes=notes,
                ref=ref,
            )
        ]
    return [Outcome("pass", plural(n, "stage"), expected, found, ("stages",), ref=ref)]


def no_pre_complaint_steps(
    policy: Policy, edition: Edition, params: NoPreComplaintSteps
) -> list[Outcome]:
    expected = "no informal step or 'stage 0' before stage 1"
    steps = policy.pre_complaint_steps
    ref = policy.refs.get("pre_complaint_steps")
    if steps is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not say whether it has steps before stage 1",
                expected,
                fix=fix(
                    "Say whether anything comes before stage 1", ("pre_complaint_steps",), "[]"
                ),
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
                fix(
                    "Log a complaint at stage 1 straight away; "
                    f"{your(policy.refs, 'pre_complaint_steps')} puts "
                    + ", ".join(repr(s) for s in steps)
                    + " first",
                    ("pre_complaint_steps",),
                    "[]",
                ),
                ref=ref,
            )
        ]
    return [
        Outcome(
            "pass", "no steps before stage 1", expected, "none", ("pre_complaint_steps",), ref=ref
        )
    ]
