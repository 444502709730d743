"""The Code editions as data: pydantic models, loading, and which edition was in force.

Each edition of the Housing Ombudsman's Complaint Handling Code is one YAML file in
``code_versions/`` (shipped inside the wheel as ``chc/code_versions``). The format is
documented in ``docs/code-format.md``. A user may pass the path of a file of their own
wherever an edition is accepted; it goes through the same validation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chc.codes.check_params import CheckParams, StageTimescaleKey
from chc.words import START_WORDS

BUILTIN_EDITIONS: tuple[str, ...] = ("2020", "2022", "2024")

Obligation = Literal["must", "should"]
TimeUnit = Literal["working_days", "calendar_days", "months"]
ClockEvent = Literal[
    "received",
    "logged",
    "acknowledged",
    "escalation_requested",
    "due_date",
    "issue_occurred",
    # 2024 2.3: from the issue occurring or from the resident becoming aware of it.
    "issue_or_awareness",
]
# Each clock event as a person says it: "10 working days from acknowledgement".
TimescaleKey = Literal[StageTimescaleKey, "complaint_time_limit"]
Topic = Literal[
    "acknowledgement",
    "accessibility",
    "channels",
    "definition",
    "equality",
    "escalation",
    "exclusions",
    "extension",
    "fairness",
    "governance",
    "introduction",
    "learning",
    "ombudsman",
    "process",
    "publicity",
    "record-keeping",
    "remedies",
    "reporting",
    "representatives",
    "response",
    "self-assessment",
    "service-requests",
    "staff",
    "stages",
    "third-parties",
    "time-limit",
    "timescale",
    "unacceptable-behaviour",
]
Layout = Literal["sections", "sections_split", "themes"]

# "6.3" for numbered provisions; "Q4.3" for the 2020 form's questions (theme 4, question 3),
# which are not Code paragraph numbers and must never look like one.
PROVISION_ID = re.compile(r"^(Q?)(\d+)\.(\d+)$")
# The texts a check shows with a 'review' finding (see chc.codes.check_params).
REVIEW_FIELDS = ("review", "counts_from_review")
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")

ProvisionId = Annotated[str, Field(pattern=PROVISION_ID.pattern)]
Text = Annotated[str, Field(min_length=1)]


def provision_sort_key(pid: str) -> tuple[int, int, int]:
    """Sort "6.10" after "6.9" (string order would not)."""
    m = PROVISION_ID.match(pid)
    if m is None:
        return (1, 0, 0)
    return (0, int(m.group(2)), int(m.group(3)))


@dataclass(frozen=True)
class LocatedProblem:
    """A problem found after validation, with where it is: locations travel as data."""

    loc: tuple[str | int, ...]
    message: str


class Strict(BaseModel):
    """Unknown keys are an error: a misspelt field must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Strict):
    key: Text
    title: Text
    url: str | None = None
    # The document's own date (published, or last updated), as precisely as known: people's
    # citations give document, date and address.
    dated: str | None = None

    @field_validator("dated")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value is not None and not PARTIAL_DATE.match(value):
            raise ValueError("dated must be YYYY, YYYY-MM or YYYY-MM-DD")
        return value


# The sources a note rests on, by key: notes name their sources in words for people, and
# this list lets a report cite each with its document, date and address.
Cites = list[Annotated[str, Field(min_length=1)]]


class _Noted(Protocol):
    """A part of an edition that may carry a note and the sources it cites."""

    @property
    def note(self) -> str | None: ...

    @property
    def cites(self) -> list[str]: ...


class Section(Strict):
    number: int = Field(ge=1)
    title: Text
    note: str | None = None
    cites: Cites = Field(default_factory=list)


class SplitHeadings(Strict):
    must: Text
    should: Text


class Form(Strict):
    """How the edition's self-assessment form lays out its rows."""

    title: Text
    layout: Layout
    columns: list[Text] = Field(min_length=2)
    split_headings: SplitHeadings | None = None
    note: str | None = None
    cites: Cites = Field(default_factory=list)

    @model_validator(mode="after")
    def _split_needs_headings(self) -> Form:
        if self.layout == "sections_split" and self.split_headings is None:
            raise ValueError("layout 'sections_split' needs split_headings (must and should)")
        if self.layout != "sections_split" and self.split_headings is not None:
            raise ValueError("split_headings is only used with layout 'sections_split'")
        return self


class StageLimit(Strict):
    max: int = Field(ge=1, le=5)
    min: int = Field(default=1, ge=1, le=5)
    provision: ProvisionId
    note: str | None = None
    cites: Cites = Field(default_factory=list)


class Timescale(Strict):
    key: TimescaleKey
    amount: int = Field(gt=0)
    unit: TimeUnit
    from_event: ClockEvent = Field(alias="from")
    provision: ProvisionId
    note: str | None = None
    cites: Cites = Field(default_factory=list)
    # Set where the figure rests on an unverified reading or a should-worded rule: a policy
    # that misses it is then 'review', printed with this text, never a silent must-fail.
    review: str | None = Field(default=None, min_length=1)

    @property
    def stage(self) -> int | None:
        head = self.key.split(".", 1)[0]
        return int(head[5:]) if head.startswith("stage") else None

    @property
    def action(self) -> str:
        return self.key.split(".", 1)[-1]

    @functools.cached_property
    def assumption(self) -> str:
        """The note, prefixed with what it is about, for results that depend on it."""
        return f"{self.key} ({self.provision}): {self.note}"

    def describe(self) -> str:
        unit = self.unit.replace("_", " ")
        if self.amount == 1:
            unit = unit.rstrip("s")
        return f"{self.amount} {unit} from {START_WORDS[self.from_event]}"


class Provision(Strict):
    id: ProvisionId
    section: int = Field(ge=1)
    obligation: Obligation | None = None
    self_assessed: bool = True
    wording: list[Text] = Field(default_factory=list)
    stage: int | None = Field(default=None, ge=1, le=3)
    title: str | None = None
    summary: Text
    topics: list[Topic] = Field(default_factory=list)
    previously: list[ProvisionId] = Field(default_factory=list)
    note: str | None = None
    cites: Cites = Field(default_factory=list)
    checks: list[CheckParams] = Field(default_factory=list)

    @field_validator("previously", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> Provision:
        m = PROVISION_ID.match(self.id)
        if m is not None and int(m.group(2)) != self.section:
            raise ValueError(f"provision {self.id} is not in section {self.section}")
        if self.self_assessed and self.obligation is None:
            raise ValueError(
                f"provision {self.id} is self-assessed, so it needs an obligation (must or should)"
            )
        if len(set(self.topics)) != len(self.topics):
            raise ValueError(f"provision {self.id} lists a topic twice")
        return self


class Edition(Strict):
    schema_version: Literal[1] = Field(alias="schema")
    edition: Text
    title: Text
    publisher: Text
    published: str
    in_force_from: date
    in_force_to: date | None = None
    statutory: bool
    previous_edition: str | None = None
    note: str | None = None
    cites: Cites = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    form: Form
    stages: StageLimit
    sections: list[Section] = Field(min_length=1)
    timescales: list[Timescale] = Field(default_factory=list)
    provisions: list[Provision] = Field(min_length=1)

    @field_validator("in_force_from", "in_force_to")
    @classmethod
    def _calendar_years(cls, value: date | None) -> date | None:
        # Due dates are counted on a calendar of these years; an edition outside them could
        # only give answers the calendar cannot check.
        from chc.workdays import MAX_YEAR, MIN_YEAR

        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValueError(
                f"{value.isoformat()} is outside the years chc covers ({MIN_YEAR} to {MAX_YEAR})"
            )
        return value

    @field_validator("published")
    @classmethod
    def _partial_date(cls, value: str) -> str:
        if not PARTIAL_DATE.match(value):
            raise ValueError("published must be YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("edition", "previous_edition", mode="before")
    @classmethod
    def _edition_text(cls, value: object) -> object:
        # `edition: 2024` unquoted is a natural thing to write; accept it as text.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def problems(self) -> list[LocatedProblem]:
        """What pydantic cannot see field by field: references inside the edition. Each
        problem carries the location of the offending item, for the loader to report."""
        out: list[LocatedProblem] = []
        if self.in_force_to is not None and self.in_force_to < self.in_force_from:
            out.append(LocatedProblem(("in_force_to",), "in_force_to is before in_force_from"))
        if self.stages.min > self.stages.max:
            out.append(LocatedProblem(("stages",), "stages.min is greater than stages.max"))
        numbers: list[int] = []
        for i, s in enumerate(self.sections):
            if s.number in numbers:
                out.append(LocatedProblem(("sections", i), f"section {s.number} is listed twice"))
            numbers.append(s.number)
        out.extend(self._provision_problems(numbers))
        out.extend(self._citation_problems())
        return out

    def cited_notes(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each note (and review text) with the sources it cites, for readable citations."""
        out = []
        for _, h in self._note_holders():
            if not h.cites:
                continue
            # A provision's checks may explain a 'review' in words resting on the same sources.
            extra = [getattr(c, f, None) for c in getattr(h, "checks", ()) for f in REVIEW_FIELDS]
            texts = [h.note, getattr(h, "review", None), *extra]
            out += [(text, tuple(h.cites)) for text in texts if text]
        return out

    def _note_holders(self) -> list[tuple[tuple[str | int, ...], _Noted]]:
        """Everything that may carry a note and its ``cites``, with its location."""
        out: list[tuple[tuple[str | int, ...], _Noted]] = [((), self), (("form",), self.form)]
        out.append((("stages",), self.stages))
        out += [(("sections", i), s) for i, s in enumerate(self.sections)]
        out += [(("timescales", i), t) for i, t in enumerate(self.timescales)]
        out += [(("provisions", i), p) for i, p in enumerate(self.provisions)]
        return out

    def _citation_problems(self) -> list[LocatedProblem]:
        keys = [s.key for s in self.sources]
        out = [
            LocatedProblem(("sources", i, "key"), f"source key {k!r} is listed twice")
            for i, k in enumerate(keys)
            if k in keys[:i]
        ]
        for loc, h in self._note_holders():
            if h.cites and not h.note:
                out.append(
                    LocatedProblem((*loc, "cites"), "cites sources but has no note to cite them in")
                )
            out += [
                LocatedProblem((*loc, "cites", j), f"cites {key!r}, which is not among the sources")
                for j, key in enumerate(h.cites)
                if key not in keys
            ]
        return out

    def _provision_problems(self, numbers: list[int]) -> list[LocatedProblem]:
        out: list[LocatedProblem] = []
        seen: dict[str, int] = {}
        for i, p in enumerate(self.provisions):
            if p.id in seen:
                out.append(
                    LocatedProblem(
                        ("provisions", i, "id"),
                        f"duplicate provision id {p.id!r} (first at provisions[{seen[p.id]}])",
                    )
                )
            seen.setdefault(p.id, i)
            if p.section not in numbers:
                out.append(
                    LocatedProblem(
                        ("provisions", i, "section"), f"section {p.section} is not defined"
                    )
                )
        keys: set[str] = set()
        for i, t in enumerate(self.timescales):
            if t.key in keys:
                out.append(
                    LocatedProblem(("timescales", i, "key"), f"timescale {t.key} is listed twice")
                )
            keys.add(t.key)
            if t.provision not in seen:
                out.append(
                    LocatedProblem(
                        ("timescales", i, "provision"),
                        f"timescale {t.key} names provision {t.provision}, which this edition "
                        "does not have",
                    )
                )
        if self.stages.provision not in seen:
            out.append(
                LocatedProblem(
                    ("stages", "provision"), f"provision {self.stages.provision} does not exist"
                )
            )
        return out

    # -- queries -------------------------------------------------------------------

    def provision(self, pid: str) -> Provision | None:
        return self._by_id.get(pid)

    @functools.cached_property
    def _by_id(self) -> dict[str, Provision]:
        return {p.id: p for p in self.provisions}

    def timescale(self, key: str) -> Timescale | None:
        return self._timescale_by_key.get(key)

    @functools.cached_property
    def _timescale_by_key(self) -> dict[str, Timescale]:
        return {t.key: t for t in self.timescales}

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    @property
    def self_assessed(self) -> list[Provision]:
        return [p for p in self.provisions if p.self_assessed]

    def count(self, obligation: Obligation) -> int:
        return sum(1 for p in self.provisions if p.obligation == obligation)

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class LoadedEdition(BaseModel):
    """An edition together with the file it came from (for messages)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    edition: Edition
    source: str
