"""The parameters of each check kind, typed: one pydantic model per kind, in one union.

A Code file attaches check instances to provisions (``checks: [{kind: max_duration,
timescale: stage1.respond}]``). Each instance is validated here when the file loads, so a
misspelt kind, a missing parameter or a wrong type (``min: abc``) is reported with the
file, line and column, never at check time. The ``Field(description=...)`` texts are what
``chc codes --check-kinds`` prints.

This module holds no check logic and imports nothing from :mod:`chc.policy`: the policy
package runs the kinds, the codes package only describes their parameters. The names of
the policy fields a check may name are listed here as literals; a test ties them to the
policy model.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# The policy file's fields a check can name (tests/test_check_params.py ties these to
# chc.policy.model.Policy and Stage, so the two cannot drift apart).
PolicyBoolField = Literal[
    "time_limit_discretion",
    "representatives",
    "accompaniment",
    "reasonable_adjustments",
    "unacceptable_behaviour_policy",
    "published_on_website",
]
PolicyField = Literal[
    "landlord",
    "document",
    "code",
    "definition",
    "time_limit_from",
    "exclusions",
    "channels",
    "time_limit",
    "pre_complaint_steps",
    "time_limit_discretion",
    "representatives",
    "accompaniment",
    "reasonable_adjustments",
    "unacceptable_behaviour_policy",
    "published_on_website",
]
StageField = Literal[
    "acknowledge", "respond", "extension", "request_within", "reasons_required", "different_person"
]
StageBoolField = Literal["reasons_required", "different_person"]
SignpostPoint = Literal[
    "stage 1", "stage 2", "stage 3", "extension", "refusal", "final response", "website"
]
StageTimescaleKey = Literal[
    "stage1.acknowledge",
    "stage1.respond",
    "stage1.extension",
    "stage2.acknowledge",
    "stage2.respond",
    "stage2.extension",
    "stage3.acknowledge",
    "stage3.respond",
    "stage3.extension",
]
LimitStart = Literal["issue_occurred", "became_aware"]
# Kinds of exclusion a Code can name as acceptable; a policy may also use its own words,
# which a person then judges.
ExclusionKind = Literal[
    "time_limit",
    "legal_proceedings",
    "already_considered",
    "insurance_claim",
    "unreasonable_pursuit",
    "rent_or_charge_levels",
]

REVIEW_DESCRIPTION = (
    "why a failure needs a person to confirm it (the figure is chc's reading of the Code, or "
    "the rule says 'should'): the failure becomes 'review', printed with this text"
)


def _occurred() -> list[LimitStart]:
    return ["issue_occurred"]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    review: str | None = Field(default=None, min_length=1, description=REVIEW_DESCRIPTION)


class StageCount(_Params):
    """The number of stages is within the edition's limits."""

    kind: Literal["stage_count"]
    min: int | None = Field(
        default=None, ge=1, le=5, description="fewest stages (default: the edition's stages.min)"
    )
    max: int | None = Field(
        default=None, ge=1, le=5, description="most stages (default: the edition's stages.max)"
    )
    above_max_review: str | None = Field(
        default=None,
        description="where only the upper bound is chc's reading of the Code: the assumption "
        "under which a policy with more stages is shown for review rather than failed",
    )


class NoPreComplaintSteps(_Params):
    """No informal step or 'stage 0' comes before stage 1."""

    kind: Literal["no_pre_complaint_steps"]


class MaxDuration(_Params):
    """A stage's acknowledgement, response or extension is never longer than the Code's,
    allowing for units (days, weeks, months, hours) and for when the clock starts."""

    kind: Literal["max_duration"]
    timescale: StageTimescaleKey = Field(
        description="the edition's stage timescale to compare with, e.g. stage1.respond"
    )


class MinTimeLimit(_Params):
    """The policy accepts complaints at least as old as the Code's time limit, counted from
    every event the Code counts it from."""

    kind: Literal["min_time_limit"]
    timescale: Literal["complaint_time_limit"] = Field(
        default="complaint_time_limit", description="the edition's time-limit timescale"
    )
    counts_from: list[LimitStart] = Field(
        default_factory=_occurred,
        min_length=1,
        description="the events the Code lets the time limit count from (issue_occurred, "
        "became_aware); a policy counting from fewer of them accepts fewer complaints",
    )
    counts_from_review: str | None = Field(
        default=None,
        min_length=1,
        description="why a policy counting from fewer events needs a person (the reading "
        "of the Code it rests on); without it such a policy fails",
    )


class FieldTrue(_Params):
    """A yes/no field of the policy is true."""

    kind: Literal["field_true"]
    field: PolicyBoolField = Field(description="the policy field, e.g. representatives")


class Part(_Params):
    """One part of the Code's wording that a policy's own words must also have."""

    name: str = Field(description='what the part is, as a person says it: "however made"')
    pattern: str = Field(description="a regular expression (case aside) that finds it")


class FieldEquals(_Params):
    """A field of the policy has the given value."""

    kind: Literal["field_equals"]
    field: PolicyField = Field(description="the policy field, e.g. definition")
    value: str | bool = Field(default=True, description="the value it must have")
    parts: tuple[Part, ...] = Field(
        default=(),
        description="for a field the policy may give in its own words (a definition), the "
        "parts of the Code's wording; the finding names those the policy's words lack",
    )


class FieldStated(_Params):
    """The policy states the field at all (its content is for a person to judge)."""

    kind: Literal["field_stated"]
    field: PolicyField = Field(description="the policy field, e.g. exclusions")


class _StageParams(_Params):
    from_stage: int = Field(default=2, ge=1, le=5, description="first stage checked")


class StageFieldFalse(_StageParams):
    """Every stage from from_stage on sets the yes/no field to false."""

    kind: Literal["stage_field_false"]
    field: StageBoolField = Field(description="the stage field, e.g. reasons_required")


class StageFieldTrue(_StageParams):
    """Every stage from from_stage on sets the yes/no field to true."""

    kind: Literal["stage_field_true"]
    field: StageBoolField = Field(description="the stage field, e.g. different_person")


class StageFieldStated(_StageParams):
    """Every stage from from_stage on states the field."""

    kind: Literal["stage_field_stated"]
    field: StageField = Field(description="the stage field, e.g. request_within")


class MinChannels(_Params):
    """Residents have at least the given number of ways to complain."""

    kind: Literal["min_channels"]
    min: int = Field(default=2, ge=1, le=20, description="fewest channels")


class Signposting(_Params):
    """The policy tells residents about the Ombudsman at the given points (anywhere, when
    'at' is empty)."""

    kind: Literal["signposting"]
    at: list[SignpostPoint] = Field(
        default_factory=list,
        description="points where the Ombudsman must be named: stage 1, stage 2, stage 3, "
        "extension, refusal, final response, website",
    )


class Exclusions(_Params):
    """Each matter the policy excludes is one the Code accepts; an exclusion in the
    policy's own words is for a person to judge."""

    kind: Literal["exclusions"]
    accepted: list[ExclusionKind] = Field(
        min_length=1,
        description="the kinds of exclusion the Code names as acceptable (time_limit, "
        "legal_proceedings, already_considered, ...)",
    )


CheckParams = Annotated[
    StageCount
    | NoPreComplaintSteps
    | MaxDuration
    | MinTimeLimit
    | FieldTrue
    | FieldEquals
    | FieldStated
    | StageFieldFalse
    | StageFieldTrue
    | StageFieldStated
    | MinChannels
    | Signposting
    | Exclusions,
    Field(discriminator="kind"),
]

PARAM_MODELS: dict[str, type[_Params]] = {
    "stage_count": StageCount,
    "no_pre_complaint_steps": NoPreComplaintSteps,
    "max_duration": MaxDuration,
    "min_time_limit": MinTimeLimit,
    "field_true": FieldTrue,
    "field_equals": FieldEquals,
    "field_stated": FieldStated,
    "stage_field_false": StageFieldFalse,
    "stage_field_true": StageFieldTrue,
    "stage_field_stated": StageFieldStated,
    "min_channels": MinChannels,
    "signposting": Signposting,
    "exclusions": Exclusions,
}


def param_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each parameter of a kind and its description, as `chc codes --check-kinds` shows."""
    out: dict[str, str] = {}
    # `review` is shared by every kind: list it after the kind's own parameters.
    names = sorted(model.model_fields, key=lambda n: n == "review")
    for name in names:
        info = model.model_fields[name]
        if name == "kind":
            continue
        text = info.description or ""
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            if default is not None:
                text += f" (default {_plain(default)})"
        out[name] = text
    return out


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
