"""What the rules find: a value for one field of the policy file, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from chc.policy.extract.document import Block

# Where a value goes in the policy file: ("time_limit",), ("channels",) for one item of a
# list, or ("stages", 2, "respond") for a field of stage 2 (the stage's number, not index).
FieldPath = tuple[str | int, ...]
# A mapping is a value with parts: a chained clock start ({event, within, after}) or an
# exclusion by kind ({kind, older_than}).
Value = str | bool | dict[str, str]


@dataclass(frozen=True)
class Found:
    path: FieldPath
    value: Value
    quote: str  # the sentence the value rests on, copied from the document
    block: Block
    review: str | None = None  # the question a person must answer before relying on it

    @property
    def where(self) -> str:
        return self.block.where()


@dataclass(frozen=True)
class Missed:
    """A field no rule could fill: left out of the draft, with what was looked for."""

    path: FieldPath
    looked_for: str


@dataclass(frozen=True)
class Question:
    """Something the document says that no rule could place: a period with no field, a
    stage the document counts but does not describe. Listed at the end of the draft, so
    that nothing the document states is silently dropped."""

    quote: str
    block: Block
    question: str

    @property
    def where(self) -> str:
        return self.block.where()
