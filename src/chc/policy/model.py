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
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from chc.errors import PolicyError
from chc.policy.durations import DURATION_PATTERN, ClockStart, Duration, parse_duration


def _duration(value: Any) -> Any:
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
        {"type": "null"},
    ]
}
DurationField = Annotated[Duration | None, WithJsonSchema(DURATION_SCHEMA)]


class Stage(_Strict):
    name: str = Field(min_length=1)
    acknowledge: DurationField = None
    respond: DurationField = None
    respond_from: ClockStart | None = None
    extension: DurationField = None
    request_within: DurationField = None
    reasons_required: bool | None = None

    _durations = field_validator(
        "acknowledge", "respond", "extension", "request_within", mode="before"
    )(_duration)

    @field_validator("name", mode="before")
    @classmethod
    def _name_text(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("a stage needs a name")
        return value


Signpost = Literal[
    "stage 1", "stage 2", "stage 3", "extension", "refusal", "final response", "website"
]


class Policy(_Strict):
    landlord: str | None = None
    document: str | None = None
    adopted: date | str | None = None
    code: str | None = None
    definition: str | None = None
    stages: list[Stage] = Field(min_length=1)
    pre_complaint_steps: list[str] | None = None
    time_limit: DurationField = None
    time_limit_discretion: bool | None = None
    exclusions: list[str] | None = None
    channels: list[str] | None = None
    representatives: bool | None = None
    reasonable_adjustments: bool | None = None
    ombudsman_signposting: list[Signpost] | None = None
    unacceptable_behaviour_policy: bool | None = None
    published_on_website: bool | None = None

    _time_limit = field_validator("time_limit", mode="before")(_duration)

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("adopted", mode="before")
    @classmethod
    def _adopted(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `adopted: 2024` unquoted: a year, not a timestamp
        if not isinstance(value, str):
            return value
        partial = re.match(r"^(\d{4})(?:-(\d{2}))?$", value)
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

    @model_validator(mode="after")
    def _unique_stage_names(self) -> Policy:
        names = [s.name.strip().lower() for s in self.stages]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise ValueError(
                    f"loc:stages.{i}.name|two stages are named {self.stages[i].name!r}"
                )
        return self


@dataclass(frozen=True)
class LoadedPolicy:
    """A validated policy with the parsed YAML kept for line numbers."""

    policy: Policy
    data: Any
    path: Path

    def position(self, loc: list[str | int]) -> tuple[int | None, int | None]:
        from chc.yamlio import position

        return position(self.data, loc)


def load_policy(path: Path) -> LoadedPolicy:
    from pydantic import ValidationError

    from chc.yamlio import load_yaml, located_error, validation_error

    data = load_yaml(path, error=PolicyError)
    if data is None:
        raise PolicyError("the file is empty; a policy needs at least its stages", file=path)
    if not isinstance(data, dict):
        raise PolicyError("a policy file must be a YAML mapping (key: value lines)", file=path)
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        msg = str(exc.errors()[0].get("msg", ""))
        if msg.startswith("Value error, loc:"):
            head, text = msg[len("Value error, loc:") :].split("|", 1)
            loc: list[str | int] = [int(p) if p.isdigit() else p for p in head.split(".")]
            raise located_error(text, data, loc, source=path, error=PolicyError) from None
        raise validation_error(exc, data, source=path, error=PolicyError) from None
    return LoadedPolicy(policy, data, path)


def policy_schema() -> dict[str, Any]:
    """JSON Schema of the policy file, for editors and other tools."""
    schema = Policy.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "chc complaints policy"
    return schema
