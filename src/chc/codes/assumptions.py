"""What chc assumes, as data with stable ids: ``code_versions/assumptions.yaml``.

A standing assumption is a reading every result under some timescales rests on (what a
working day is, what a clock counts from where the Code is read one way). A case's own
assumption (an acknowledgement date taken as its due date) is an id plus the values that
complaint supplies, ``{"id": "ack-date-assumed", "stage": 1, "date": "2026-01-30"}``,
so that machine outputs can refer to it and people's outputs state it once.
"""

from __future__ import annotations

import functools
import re
import string
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chc.codes.model import BUILTIN_EDITIONS
from chc.errors import CodeFileError

if TYPE_CHECKING:
    from typing_extensions import NotRequired

AssumptionId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Text = Annotated[str, Field(min_length=1)]

# A statement is one or two sentences: more is an account, not a statement.
_SENTENCE_END = re.compile(r"[.;!?](\s|$)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applies(_Strict):
    """The timescales of one edition whose results rest on an assumption."""

    edition: Text
    timescales: list[Text] = Field(min_length=1)


class Assumption(_Strict):
    id: AssumptionId
    kind: Literal["standing", "case"]
    statement: Text
    sources: list[Text] = Field(min_length=1)
    values: list[Annotated[str, Field(pattern=r"^[a-z_]+$")]] = Field(default_factory=list)
    applies_to: list[Applies] = Field(default_factory=list)

    @model_validator(mode="after")
    def _values_match_statement(self) -> Assumption:
        named = {f for _, f, _, _ in string.Formatter().parse(self.statement) if f}
        if self.kind == "standing" and (named or self.values):
            raise ValueError("a standing assumption has no values and no {placeholders}")
        if set(self.values) != named:
            raise ValueError(
                f"values {sorted(self.values)} must be the statement's placeholders {sorted(named)}"
            )
        if len(_SENTENCE_END.findall(self.statement)) > 2:
            raise ValueError("a statement is one or two sentences")
        return self

    def state(self, **values: object) -> str:
        """The statement with a case's values in place."""
        missing = set(self.values) - set(values)
        if missing:
            raise ValueError(f"assumption {self.id} needs {', '.join(sorted(missing))}")
        return self.statement.format(**values) if self.values else self.statement


class Assumptions(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    assumptions: list[Assumption] = Field(min_length=1)

    def get(self, assumption_id: str) -> Assumption:
        for a in self.assumptions:
            if a.id == assumption_id:
                return a
        raise KeyError(assumption_id)

    def for_timescale(self, edition: str, key: str) -> list[Assumption]:
        """The standing assumptions a result under ``edition``'s ``key`` rests on."""
        return [
            a
            for a in self.assumptions
            if any(p.edition == edition and key in p.timescales for p in a.applies_to)
        ]


def case_assumption(assumption_id: str, **values: object) -> dict[str, object]:
    """A case's own assumption as machine outputs carry it: its id and its values."""
    known = load_builtin_assumptions().get(assumption_id)
    known.state(**values)  # refuses a missing value here, not when a view states it
    return {"id": assumption_id, **values}


def parse_assumptions(data: object, *, source: str | Path) -> Assumptions:
    """Validate parsed YAML as an assumptions file; errors name file, line and column."""
    from pydantic import ValidationError

    from chc.yamlio import located_error, validation_error

    if not isinstance(data, dict):
        raise CodeFileError("an assumptions file must be a YAML mapping", file=source)
    try:
        table = Assumptions.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, source=source, error=CodeFileError) from None
    seen: set[str] = set()
    for i, a in enumerate(table.assumptions):
        if a.id in seen:
            raise located_error(
                f"assumption id {a.id!r} is given twice; each id names one reading",
                data,
                ["assumptions", i, "id"],
                source=source,
                error=CodeFileError,
            )
        seen.add(a.id)
        for j, p in enumerate(a.applies_to):
            if p.edition not in BUILTIN_EDITIONS:
                raise located_error(
                    f"assumption {a.id}: edition {p.edition!r} is not one of "
                    f"{', '.join(BUILTIN_EDITIONS)}",
                    data,
                    ["assumptions", i, "applies_to", j, "edition"],
                    source=source,
                    error=CodeFileError,
                )
    return table


def check_against_editions(table: Assumptions, data: object, source: str | Path) -> None:
    """Every timescale an assumption names is one its edition has."""
    from chc.codes.loading import load_builtin
    from chc.yamlio import located_error

    for i, a in enumerate(table.assumptions):
        for j, p in enumerate(a.applies_to):
            edition = load_builtin(p.edition)
            for k, key in enumerate(p.timescales):
                if edition.timescale(key) is None:
                    raise located_error(
                        f"assumption {a.id}: the {p.edition} edition has no timescale {key}",
                        data,
                        ["assumptions", i, "applies_to", j, "timescales", k],
                        source=source,
                        error=CodeFileError,
                    )


def load_assumptions(path: Path) -> Assumptions:
    from chc.yamlio import parse_yaml, read_text

    data = parse_yaml(read_text(path, error=CodeFileError), source=path, error=CodeFileError)
    table = parse_assumptions(data, source=path)
    check_against_editions(table, data, path)
    return table


@functools.cache
def load_builtin_assumptions() -> Assumptions:
    from chc.codes.loading import data_dir

    return load_assumptions(data_dir() / "assumptions.yaml")


class AppliesTo(TypedDict):
    edition: str
    timescales: list[str]


class AssumptionJSON(TypedDict):
    id: str
    kind: str
    statement: str
    # Only a case assumption has values; the key is left out for the others.
    values: NotRequired[list[str]]
    sources: list[str]
    applies_to: list[AppliesTo]


class AssumptionsJSON(TypedDict):
    """`chc codes --assumptions --format json`."""

    edition: str | None
    assumptions: list[AssumptionJSON]


def assumptions_json(edition: str | None = None) -> AssumptionsJSON:
    """The assumptions table as JSON shows it: every entry, or those one edition uses.

    A case assumption is listed with its ``values``: its statement speaks of them as
    ``{name}``, filled in wherever a complaint's own value is known.
    """
    table = load_builtin_assumptions()
    chosen = [
        a
        for a in table.assumptions
        if edition is None or not a.applies_to or any(p.edition == edition for p in a.applies_to)
    ]
    rows: list[AssumptionJSON] = []
    for a in chosen:
        applies: list[AppliesTo] = [
            {"edition": p.edition, "timescales": list(p.timescales)}
            for p in a.applies_to
            if edition is None or p.edition == edition
        ]
        # Built in the key order the JSON has always had ("values" after "statement").
        row: AssumptionJSON
        if a.values:
            row = {
                "id": a.id,
                "kind": a.kind,
                "statement": a.statement,
                "values": list(a.values),
                "sources": list(a.sources),
                "applies_to": applies,
            }
        else:
            row = {
                "id": a.id,
                "kind": a.kind,
                "statement": a.statement,
                "sources": list(a.sources),
                "applies_to": applies,
            }
        rows.append(row)
    return {"edition": edition, "assumptions": rows}


def numbered_text(statements: list[tuple[str, str]], width: int = 80) -> str:
    """One numbered list for people's views to refer to, wrapped under its own indent.

    The ids stay in JSON: a person reads the statement and refers to it by its number.
    Words are never split, so a URL or an option name stays whole.
    """
    out: list[str] = []
    for n, (_aid, text) in enumerate(statements, 1):
        head = f"{n}. "
        out.append(
            textwrap.fill(
                text,
                width=width,
                initial_indent=head,
                subsequent_indent=" " * len(head),
                break_long_words=False,
                break_on_hyphens=False,
            )
            + "\n"
        )
    return "".join(out)
