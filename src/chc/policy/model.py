"""A complaints policy as the landlord declares it: the model.

The policy file is YAML (format in ``docs/policy-format.md``; JSON Schema from
``chc check-policy --schema``). Every field but ``stages`` is optional, and a field left
out is reported as not stated, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from chc.errors import PolicyError
from chc.policy.durations import DURATION_PATTERN, ClockStart, Duration, parse_duration

if TYPE_CHECKING:
    from chc.codes.model import Edition
    from chc.jsontypes import JSONObject


def _duration(value: object) -> object:
    return None if value is None else parse_duration(value)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _case_insensitive(pattern: str) -> str:
    """JSON Schema regexes have no case-insensitive flag: spell each letter as [xX]."""
    out = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        else:
            out.append(ch)
    return "".join(out)


DURATION_SCHEMA = {
    "anyOf": [
        {
            "type": "string",
            "pattern": _case_insensitive(DURATION_PATTERN.pattern),
            "description": 'a duration such as "10 working days", "5 days", "2 weeks", '
            '"12 months" or "48 hours"',
        },
        {"const": "none", "description": "the policy says it sets no timescale"},
        {"type": "null"},
    ]
}
DurationField = Annotated[Duration | None, WithJsonSchema(DURATION_SCHEMA)]

# The policy's own section number for a value ("5.3"), which reports cite instead of YAML
# line numbers.
Ref = Annotated[str, Field(min_length=1, max_length=40)]
StageRefField = Literal[
    "name",
    "acknowledge",
    "respond",
    "respond_from",
    "extension",
    "request_within",
    "reasons_required",
    "different_person",
]

STAGE_REF_FIELDS: tuple[str, ...] = get_args(StageRefField)


def _known_keys(value: dict[str, str], known: tuple[str, ...]) -> dict[str, str]:
    for key in value:
        if key not in known:
            raise ValueError(
                f"refs: {key!r} is not a field here; the fields are {', '.join(known)}"
            )
    return value


class ChainedStart(_Strict):
    """A clock started by another event that has its own bound: "a reply within 7 working
    days of a meeting held within 7 working days of the appeal"."""

    event: str = Field(min_length=1, description="the event that starts the clock")
    within: DurationField = Field(description="how long after `after` that event can be")
    after: ClockStart = Field(description="what the event's own bound counts from")

    _within = field_validator("within", mode="before")(_duration)

    @model_validator(mode="after")
    def _bounded(self) -> ChainedStart:
        if self.within is None or self.within.is_none:
            raise ValueError("a chained clock start needs a bound such as 7 working days")
        return self


class Stage(_Strict):
    name: str = Field(min_length=1)
    acknowledge: DurationField = None
    respond: DurationField = None
    respond_from: ClockStart | ChainedStart | None = None
    extension: DurationField = None
    request_within: DurationField = None
    reasons_required: bool | None = None
    different_person: bool | None = None
    refs: dict[str, Ref] = Field(
        default_factory=dict,
        json_schema_extra={"propertyNames": {"enum": list(STAGE_REF_FIELDS)}},
    )

    @field_validator("refs")
    @classmethod
    def _stage_refs(cls, value: dict[str, str]) -> dict[str, str]:
        return _known_keys(value, STAGE_REF_FIELDS)

    _durations = field_validator(
        "acknowledge", "respond", "extension", "request_within", mode="before"
    )(_duration)

    @field_validator("name", mode="before")
    @classmethod
    def _name_text(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("a stage needs a name")
        return value


Signpost = Literal[
    "stage 1", "stage 2", "stage 3", "extension", "refusal", "final response", "website"
]
TimeLimitStart = Literal["issue_occurred", "became_aware", "either"]
ExclusionKindName = Literal[
    "time_limit",
    "legal_proceedings",
    "already_considered",
    "insurance_claim",
    "unreasonable_pursuit",
    "rent_or_charge_levels",
    "other",
]
PolicyRefField = Literal[
    "definition",
    "stages",
    "pre_complaint_steps",
    "time_limit",
    "time_limit_from",
    "time_limit_discretion",
    "exclusions",
    "channels",
    "representatives",
    "accompaniment",
    "reasonable_adjustments",
    "ombudsman_signposting",
    "unacceptable_behaviour_policy",
    "published_on_website",
]

POLICY_REF_FIELDS: tuple[str, ...] = get_args(PolicyRefField)
SIGNPOSTS: tuple[str, ...] = get_args(Signpost)


class Exclusion(_Strict):
    """One matter the policy will not treat as a complaint, by kind."""

    kind: ExclusionKindName
    text: str | None = Field(default=None, description="the policy's own words")
    older_than: DurationField = Field(
        default=None, description="for kind time_limit: matters older than this are excluded"
    )

    _older = field_validator("older_than", mode="before")(_duration)

    @model_validator(mode="after")
    def _time_needs_span(self) -> Exclusion:
        if self.kind == "time_limit" and self.older_than is None:
            raise ValueError("an exclusion of kind time_limit needs older_than")
        return self

    def describe(self) -> str:
        if self.text:
            return self.text
        words = self.kind.replace("_", " ")
        return f"{words} ({self.older_than})" if self.older_than is not None else words


class Policy(_Strict):
    landlord: str | None = None
    document: str | None = None
    adopted: date | str | None = None
    code: str | None = None
    definition: str | None = None
    stages: list[Stage] = Field(min_length=1)
    pre_complaint_steps: list[str] | None = None
    time_limit: DurationField = None
    time_limit_from: TimeLimitStart | None = None
    time_limit_discretion: bool | None = None
    exclusions: list[str | Exclusion] | None = None
    channels: list[str] | None = None
    representatives: bool | None = None
    accompaniment: bool | None = None
    reasonable_adjustments: bool | None = None
    # A list names the points where the policy tells residents about the Ombudsman; a
    # mapping can also say `false` for a point left out on purpose; "none" says nowhere.
    ombudsman_signposting: list[Signpost] | dict[Signpost, bool] | Literal["none"] | None = None
    unacceptable_behaviour_policy: bool | None = None
    published_on_website: bool | None = None
    refs: dict[str, Ref] = Field(
        default_factory=dict,
        json_schema_extra={"propertyNames": {"enum": list(POLICY_REF_FIELDS)}},
    )

    @field_validator("refs")
    @classmethod
    def _policy_refs(cls, value: dict[str, str]) -> dict[str, str]:
        return _known_keys(value, POLICY_REF_FIELDS)

    _time_limit = field_validator("time_limit", mode="before")(_duration)

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("adopted", mode="before")
    @classmethod
    def _adopted(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `adopted: 2024` unquoted: a year, not a timestamp
        if not isinstance(value, str):
            return value
        partial = re.match(r"^(\d{4})(?:-(\d{2}))?$", value, re.ASCII)  # not "²" nor "٢"
        if partial is not None:
            if partial.group(2) is not None and not 1 <= int(partial.group(2)) <= 12:
                raise ValueError(f"{value} is not a month (there is no month {partial.group(2)})")
            return value
        from chc.dates import parse_date
        from chc.errors import ChcError

        try:
            return parse_date(value, "adopted")
        except ChcError as err:
            reason = err.message.removeprefix("adopted: ")
            raise ValueError(
                f"{reason}; adopted is a date (YYYY-MM-DD), or YYYY-MM or YYYY where the day "
                "is unknown"
            ) from None

    def signposts(self) -> dict[str, bool] | None:
        """Each point the policy states, with whether it names the Ombudsman there."""
        said = self.ombudsman_signposting
        if said is None:
            return None
        if said == "none":
            return dict.fromkeys(SIGNPOSTS, False)
        if isinstance(said, dict):
            return {str(k): v for k, v in said.items()}
        return dict.fromkeys(said, True)

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """What pydantic cannot see field by field, each with its location (as data)."""
        names = [s.name.strip().lower() for s in self.stages]
        return [
            (("stages", i, "name"), f"two stages are named {self.stages[i].name!r}")
            for i, name in enumerate(names)
            if name in names[:i]
        ]


@dataclass(frozen=True)
class DraftOrigin:
    """A policy file that is still the unreviewed draft `chc extract-policy` wrote: its
    header says so, and how many stages the document itself suggests."""

    suggested_stages: int


# The draft's header lines (policy/extract/draft.py writes them; load_policy reads them):
# while they are in the file, check-policy says its findings rest on an unreviewed draft.
UNREVIEWED_MARK = "# UNREVIEWED: every value was read from the document by rules, not by a person."
SUGGESTED_MARK = re.compile(r"^# The document suggests (\d+) stages?\b", re.M)


def draft_origin(text: str) -> DraftOrigin | None:
    """The draft header at the top of a policy file's text, if it is still there."""
    head = text[:2000]
    if UNREVIEWED_MARK not in head:
        return None
    suggested = SUGGESTED_MARK.search(head)
    return DraftOrigin(int(suggested.group(1)) if suggested else 0)


@dataclass(frozen=True)
class LoadedPolicy:
    """A validated policy with the parsed YAML kept for line numbers."""

    policy: Policy
    data: object
    path: Path
    draft: DraftOrigin | None = None  # set while the file is an unreviewed extraction

    def position(self, loc: list[str | int]) -> tuple[int | None, int | None]:
        from chc.yamlio import position

        return position(self.data, loc)

    def edition(self, code: str | None, today: date) -> Edition:
        """The edition the policy is checked against (chc.codes.rule): ``code`` (--code),
        else the one the policy says it follows, else the one in force ``today``. A
        ``code:`` chc cannot load is refused at its line in the policy."""
        from chc.codes.loading import load_edition
        from chc.codes.rule import edition_ref
        from chc.errors import ChcError

        declared = self.policy.code
        ref = edition_ref(today, code, declared)
        if code is not None or declared is None:
            return load_edition(ref)
        try:
            return load_edition(declared)
        except ChcError as err:
            if err.file is not None and declared not in err.file:
                raise
            line, column = self.position(["code"])
            raise PolicyError(
                f"code: {err.message}", file=self.path, line=line, column=column
            ) from None


def load_policy(path: Path) -> LoadedPolicy:
    from pydantic import ValidationError

    from chc.inputs import MAX_DOCUMENT_BYTES, read_text
    from chc.yamlio import located_error, parse_yaml, validation_error

    text = read_text(path, error=PolicyError, limit=MAX_DOCUMENT_BYTES)
    data = parse_yaml(text, source=path, error=PolicyError)
    if data is None:
        raise PolicyError("the file is empty; a policy needs at least its stages", file=path)
    if not isinstance(data, dict):
        raise PolicyError("a policy file must be a YAML mapping (key: value lines)", file=path)
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, source=path, error=PolicyError) from None
    problems = policy.problems()
    if problems:
        loc, text = problems[0]
        raise located_error(text, data, list(loc), source=path, error=PolicyError)
    return LoadedPolicy(policy, data, path, draft_origin(text))


def policy_schema() -> JSONObject:
    """JSON Schema of the policy file, for editors and other tools."""
    schema = Policy.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "chc complaints policy"
    return schema
