"""The check kinds `chc check-policy` runs, in one explicit registry.

A *kind* is a small function in a module of its family; an *instance* is data in an edition
file, under the provision it enforces (``checks: [{kind: max_duration, timescale:
stage1.respond}]``), with parameters typed by :mod:`chc.codes.check_params`, so a new edition
or a user's own Code file brings its own rules with no code change. The check says what is
wrong; the provision's obligation (must/should) says how much it matters, and a ``review:``
on the instance (or its timescale) makes a failure one for a person to confirm.

Kind names are part of the interface: never rename or reuse one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from chc.codes.check_params import PARAM_MODELS, CheckParams, param_docs
from chc.codes.model import Edition
from chc.policy.checks.base import Outcome, OutcomeStatus
from chc.policy.checks.channels import min_channels
from chc.policy.checks.fields import (
    exclusions,
    field_equals,
    field_stated,
    field_true,
    stage_field_false,
    stage_field_stated,
    stage_field_true,
)
from chc.policy.checks.signposting import signposting
from chc.policy.checks.stages import no_pre_complaint_steps, stage_count
from chc.policy.checks.timescales import max_duration, min_time_limit
from chc.policy.model import Policy

__all__ = ["KINDS", "Kind", "Outcome", "OutcomeStatus", "run", "run_params"]


@dataclass(frozen=True)
class Kind:
    """A check kind: its function and its documentation (summary and parameters come from
    its parameter model, so `chc codes --check-kinds` and the loader agree)."""

    name: str
    fails: str
    passes: str
    # Each kind takes its own parameter model (MaxDuration, StageCount...), which no one
    # Callable type can name for all of them: run() passes the model of the kind's name.
    run: Callable[[Policy, Edition, Any], list[Outcome]]

    @property
    def summary(self) -> str:
        return " ".join((inspect.getdoc(PARAM_MODELS[self.name]) or "").split())

    @property
    def params(self) -> dict[str, str]:
        return param_docs(PARAM_MODELS[self.name])


KINDS: dict[str, Kind] = {
    "stage_count": Kind(
        "stage_count",
        "stages: [{name: Stage 1}, {name: Stage 2}, {name: Stage 3}]   # 2024",
        "stages: [{name: Stage 1}, {name: Stage 2}]",
        stage_count,
    ),
    "no_pre_complaint_steps": Kind(
        "no_pre_complaint_steps",
        "pre_complaint_steps: [informal resolution]",
        "pre_complaint_steps: []",
        no_pre_complaint_steps,
    ),
    "max_duration": Kind(
        "max_duration",
        "stages: [{name: Stage 1, respond: 15 working days}]   # 2024: 10",
        "stages: [{name: Stage 1, respond: 10 working days, respond_from: received}]",
        max_duration,
    ),
    "min_time_limit": Kind(
        "min_time_limit",
        "time_limit: 6 months   # 2024: 12",
        "time_limit: 12 months   # with time_limit_from: either",
        min_time_limit,
    ),
    "field_true": Kind("field_true", "representatives: false", "representatives: true", field_true),
    "field_equals": Kind(
        "field_equals", "definition: our own wording", "definition: ombudsman", field_equals
    ),
    "field_stated": Kind(
        "field_stated", "(exclusions left out)", "exclusions: [legal proceedings]", field_stated
    ),
    "stage_field_false": Kind(
        "stage_field_false",
        "stages: [{name: Stage 1}, {name: Stage 2, reasons_required: true}]",
        "stages: [{name: Stage 1}, {name: Stage 2, reasons_required: false}]",
        stage_field_false,
    ),
    "stage_field_true": Kind(
        "stage_field_true",
        "stages: [{name: Stage 1}, {name: Stage 2, different_person: false}]",
        "stages: [{name: Stage 1}, {name: Stage 2, different_person: true}]",
        stage_field_true,
    ),
    "stage_field_stated": Kind(
        "stage_field_stated",
        "stages: [{name: Stage 1}, {name: Stage 2}]",
        "stages: [{name: Stage 1}, {name: Stage 2, request_within: 20 working days}]",
        stage_field_stated,
    ),
    "min_channels": Kind(
        "min_channels", "channels: [letter]", "channels: [phone, email]", min_channels
    ),
    "signposting": Kind(
        "signposting",
        "ombudsman_signposting: {stage 2: true, extension: false}   # at: [extension]",
        "ombudsman_signposting: [stage 1, stage 2, extension]",
        signposting,
    ),
    "exclusions": Kind(
        "exclusions",
        "exclusions: [{kind: other, text: matters raised by a councillor}]   # review",
        "exclusions: [{kind: legal_proceedings}, {kind: time_limit, older_than: 12 months}]",
        exclusions,
    ),
}


def run(spec: CheckParams, policy: Policy, edition: Edition) -> list[Outcome]:
    """Run one check instance; a failure its ``review:`` qualifies becomes ``review``."""
    outcomes = KINDS[spec.kind].run(policy, edition, spec)
    if spec.review is None:
        return outcomes
    return [
        replace(
            o,
            status="review",
            assumption="; ".join(a for a in (o.assumption, spec.review) if a),
        )
        if o.status == "fail"
        else o
        for o in outcomes
    ]


def run_params(
    kind: str, params: Mapping[str, object], policy: Policy, edition: Edition
) -> list[Outcome]:
    """Run a kind with parameters given as a mapping (validated as a Code file's would be)."""
    from pydantic import TypeAdapter

    spec: CheckParams = TypeAdapter(CheckParams).validate_python({"kind": kind, **params})
    return run(spec, policy, edition)


class KindDoc(TypedDict):
    """One check kind as `chc codes --kinds --format json` gives it."""

    kind: str
    summary: str
    params: dict[str, str]
    fails: str
    passes: str


def kinds_json() -> dict[str, list[KindDoc]]:
    """Every check kind a Code file's ``checks:`` may use: what it checks, its parameters
    and a policy line it fails and one it passes."""
    return {
        "kinds": [
            KindDoc(kind=k.name, summary=k.summary, params=k.params, fails=k.fails, passes=k.passes)
            for k in KINDS.values()
        ]
    }
