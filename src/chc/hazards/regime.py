"""Awaab's Law as data: the regime file's pydantic models and its loader.

The regime (``code_versions/awaabs-law-2025.yaml``) sits beside the Code editions and is
validated the same way: unknown keys refused, every error located by file, line and column,
references inside the file (source keys, assumption ids, step keys) checked after pydantic.
Its shape is its own: steps with hour, working-day and week limits, the events they count
from and end on, a confidence mark on every fact, and a dated scope table. The format is in
``docs/hazards.md``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chc.errors import CodeFileError

BUILTIN_REGIMES: tuple[str, ...] = ("awaabs-law-2025",)

Track = Literal["emergency", "significant"]
Unit = Literal["hours", "working_days", "weeks"]
Confidence = Literal["verified", "unverified"]
Tier = Literal["P", "L", "O"]
# What happens to a hazard report, as the options of `chc hazards` and a repairs log name it.
HazardEvent = Literal[
    "aware",
    "concluded",
    "summary_sent",
    "made_safe",
    "works_begun",
    "works_started",
    "works_completed",
    "decanted",
    "consent_refused",
    "no_hazard",
]
HAZARD_EVENTS: tuple[str, ...] = get_args(HazardEvent)

# As in chc.codes.model, whose import (the editions' models and check kinds, ~80 ms) one
# hazard report does not need.
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
Text = Annotated[str, Field(min_length=1)]
Cites = list[Annotated[str, Field(min_length=1)]]


@dataclass(frozen=True)
class LocatedProblem:
    """A problem found after validation, with where it is."""

    loc: tuple[str | int, ...]
    message: str


class Strict(BaseModel):
    """Unknown keys are an error: a misspelt field must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


AssumptionId = Annotated[str, Field(pattern=r"^AL-[A-Z]+(-[A-Z]+)*$")]
StepKey = Annotated[str, Field(pattern=r"^(emergency|significant)\.[a-z]+(_[a-z]+)*$")]
KindName = Annotated[str, Field(pattern=r"^[a-z]+(_[a-z]+)*$")]


class RegimeSource(Strict):
    key: Text
    tier: Tier
    title: Text
    url: str | None = None
    dated: Annotated[str, Field(pattern=PARTIAL_DATE.pattern)] | None = None


class Assumption(Strict):
    """A point the fact sheet leaves open, and the rule chc applies until it is settled."""

    id: AssumptionId
    question: Annotated[str, Field(pattern=r"^Q[0-9]+$")]
    text: Text
    cites: Cites = Field(default_factory=list)


class Sourced(Strict):
    """A fact with its sources and how sure they are (the fact sheet's marks)."""

    cites: Cites = Field(min_length=1)
    confidence: Confidence
    tiers: list[Tier] = Field(min_length=1)
    assumptions: list[AssumptionId] = Field(default_factory=list)


class Step(Sourced):
    key: StepKey
    track: Track
    row: Annotated[str, Field(pattern=r"^[A-Z][0-9]+$")]
    summary: Text
    limit: int = Field(gt=0, le=1000)
    unit: Unit
    from_event: HazardEvent = Field(alias="from")
    # The later reading of when the clock starts, shown beside the due time (Q3).
    alternative_from: HazardEvent | None = None
    ends: list[HazardEvent] = Field(min_length=1)
    ends_text: Text
    # Events after which the duty no longer applies, if they come by the deadline (X1-X3).
    stopped_by: list[HazardEvent] = Field(default_factory=list)
    # An event that makes the step unnecessary, if it comes by the deadline (X9).
    waived_by: HazardEvent | None = None
    start_confidence: Confidence | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Step:
        if self.key.split(".", 1)[0] != self.track:
            raise ValueError(f"step {self.key} is on the {self.track} track; its key must say so")
        if self.unit == "hours" and self.limit % 24:
            raise ValueError("an hour limit is a whole number of days (24, 48...): Q4's rule")
        unverified = "unverified" in (self.confidence, self.start_confidence)
        if unverified and not self.assumptions:
            raise ValueError(f"step {self.key} rests on an unverified point: name its assumption")
        if self.stopped_by and self.unit != "hours":
            raise ValueError("only a 24-hour clock stops applying (Q8); working-day clocks never")
        return self

    @property
    def start_mark(self) -> Confidence:
        return self.start_confidence or self.confidence


class ScopeRow(Sourced):
    phase: int = Field(ge=1)
    track: Track
    status: Literal["in_force", "planned"]
    planned: str | None = None
    in_force_from: date | None = None
    kinds: list[KindName] = Field(default_factory=list)
    all_except: list[KindName] = Field(default_factory=list)
    note: Text

    @model_validator(mode="after")
    def _dated(self) -> ScopeRow:
        if self.status == "in_force" and self.in_force_from is None:
            raise ValueError("a phase in force needs in_force_from")
        if self.status == "planned" and self.in_force_from is not None:
            raise ValueError("a planned phase has no in_force_from until one is confirmed")
        if self.status == "planned" and not self.assumptions:
            raise ValueError("a planned phase needs the assumption its deadlines rest on")
        if bool(self.kinds) == bool(self.all_except):
            raise ValueError("give either kinds (the hazards covered) or all_except")
        return self

    def covers(self, kind: str | None) -> bool:
        if self.all_except:
            return kind is None or kind not in self.all_except
        return kind in self.kinds


class Regime(Strict):
    schema_version: Literal[1] = Field(alias="schema")
    regime: Text
    title: Text
    instrument: Text
    publisher: Text
    in_force_from: date
    statutory: bool
    region: Literal["england-and-wales"]
    time_zone: Literal["Europe/London"]
    guidance: Text
    note: Text
    cites: Cites = Field(default_factory=list)
    sources: list[RegimeSource] = Field(min_length=1)
    assumptions: list[Assumption] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    scope: list[ScopeRow] = Field(min_length=1)

    def problems(self) -> list[LocatedProblem]:
        """References inside the file, each with the location of the offending item."""
        keys = [s.key for s in self.sources]
        ids = [a.id for a in self.assumptions]
        out = _repeats("sources", "key", keys) + _repeats("assumptions", "id", ids)
        out += _repeats("steps", "key", [s.key for s in self.steps])
        holders: list[tuple[tuple[str | int, ...], Any]] = [((), self)]
        holders += [(("assumptions", i), a) for i, a in enumerate(self.assumptions)]
        holders += [(("steps", i), s) for i, s in enumerate(self.steps)]
        holders += [(("scope", i), r) for i, r in enumerate(self.scope)]
        for loc, h in holders:
            out += [
                LocatedProblem((*loc, "cites", j), f"cites {k!r}, which is not among the sources")
                for j, k in enumerate(h.cites)
                if k not in keys
            ]
            out += [
                LocatedProblem((*loc, "assumptions", j), f"names assumption {a!r}, not listed")
                for j, a in enumerate(getattr(h, "assumptions", ()) if loc else ())
                if a not in ids
            ]
        return out

    # -- queries -------------------------------------------------------------------

    def steps_for(self, track: str) -> list[Step]:
        return [s for s in self.steps if s.track == track]

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @functools.cached_property
    def assumption_text(self) -> dict[str, str]:
        return {a.id: " ".join(a.text.split()) for a in self.assumptions}

    def kinds(self) -> list[str]:
        """Every hazard kind the scope table names, in file order."""
        seen: dict[str, None] = {}
        for row in self.scope:
            seen.update(dict.fromkeys(row.kinds))
            seen.update(dict.fromkeys(row.all_except))
        return list(seen)


def _repeats(where: str, field: str, values: list[str]) -> list[LocatedProblem]:
    return [
        LocatedProblem((where, i, field), f"{field} {v!r} is listed twice")
        for i, v in enumerate(values)
        if v in values[:i]
    ]


# -- loading -------------------------------------------------------------------------


def parse_regime(data: Any, *, source: str | Path) -> Regime:
    """Validate parsed YAML as a regime; every error names the file, line and column."""
    from pydantic import ValidationError

    from chc.yamlio import located_error, validation_error

    if data is None:
        raise CodeFileError("the file is empty", file=source)
    if not isinstance(data, dict):
        raise CodeFileError("a regime file must be a YAML mapping (key: value lines)", file=source)
    try:
        regime = Regime.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, source=source, error=CodeFileError) from None
    problems = regime.problems()
    if problems:
        first = problems[0]
        raise located_error(
            first.message, data, list(first.loc), source=source, error=CodeFileError
        )
    return regime


def load_regime_file(path: Path) -> Regime:
    """Load and validate a regime file, through chc's cache of validated files: parsing the
    YAML with positions kept costs ~0.3 s, half of a one-report run."""
    from chc import cache
    from chc.yamlio import parse_yaml, read_text

    text = read_text(path, error=CodeFileError)
    entry = "regime-" + cache.key(text.encode())
    cached = cache.read(entry)
    if cached is not None:
        try:
            return Regime.model_validate(cached)
        except ValueError:
            pass  # written by another version of the models: rebuilt below
    regime = parse_regime(parse_yaml(text, source=path, error=CodeFileError), source=path)
    cache.write(entry, regime.model_dump(mode="json", by_alias=True))
    return regime


@functools.cache
def load_builtin_regime(name: str = BUILTIN_REGIMES[0]) -> Regime:
    from chc.resources import package_data

    if name not in BUILTIN_REGIMES:
        raise CodeFileError(
            f"unknown regime {name!r}; the regimes are {', '.join(BUILTIN_REGIMES)}, "
            "or give the path of a regime file (ending .yaml)"
        )
    return load_regime_file(package_data("code_versions") / f"{name}.yaml")


def load_regime(name_or_path: str | Path | None = None) -> Regime:
    """The shipped regime by name (the default), or a regime file by path."""
    if name_or_path is None:
        return load_builtin_regime()
    text = str(name_or_path)
    if text in BUILTIN_REGIMES:
        return load_builtin_regime(text)
    if isinstance(name_or_path, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        return load_regime_file(Path(text))
    return load_builtin_regime(text)


_REGIME_KEY = re.compile(r"^regime\s*:", re.MULTILINE)


def is_regime(name_or_path: str) -> bool:
    """A shipped regime's name, or a YAML file whose top level has a ``regime:`` key (an
    edition file has ``edition:`` instead)."""
    if name_or_path in BUILTIN_REGIMES:
        return True
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return False
    return _REGIME_KEY.search(head) is not None
