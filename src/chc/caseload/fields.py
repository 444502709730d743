"""What a case file is read into: a table of fields, so that one reader serves every log.

The complaints' table (:data:`chc.caseload.columns.COMPLAINTS`) is the one ``chc deadlines``
and ``chc report`` read; a hazard log (:mod:`chc.hazards.log`) hands the same reader its own.
The reader's sources, header matching, ``--columns`` file, near-miss stops, header-row
search and file:line:column errors are the same for both; only the names, the words that
make a header resemble a field and the cells' types come from the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chc.caseload.frame import LINE, STAGE_FIELD

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class FieldTable:
    """The fields a log is read into, their types, and the words people use for them."""

    noun: str
    """What one row is, in messages: ``complaint``, ``hazard report``."""
    text: tuple[str, ...]
    """Free text every reading of the log takes (the reference first)."""
    dates: tuple[str, ...] = ()
    """Read as dates by the reader (the UK and ISO layouts of :mod:`chc.caseload.cells`)."""
    numbers: tuple[str, ...] = ()
    """Whole numbers of days (an extension)."""
    kept: tuple[str, ...] = ()
    """Kept as text, for the command to read and check (a report's outcome, a hazard log's
    date-times)."""
    money: tuple[str, ...] = ()
    """Of ``kept``: sums of money, checked by the reader."""
    required: tuple[str, ...] = ("reference",)
    header_keys: tuple[str, str] = ("reference", "received")
    """The two fields whose headers, found on one row, make it the header row."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Other headers for a field, normalised (:func:`chc.caseload.columns.normalise`)."""
    field_words: Mapping[str, str] = field(default_factory=dict)
    """A word that, in a header nothing matched, points at one field (a near miss)."""
    event_stems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A word start naming an event: a column so headed that feeds no field stops the run."""
    date_like: tuple[str, ...] = ()
    """The fields an unused column of dates may be (default: ``dates``)."""
    stages: bool = False
    """Whether rows may be a complaint's stages (a ``stage`` column, generic headers)."""
    stage_keys: tuple[str, ...] = ()
    """The columns file's keys for each row's stage's columns (``stage_acknowledged``)."""

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.text, *self.dates, *self.numbers, *self.kept)

    @property
    def all_fields(self) -> tuple[str, ...]:
        """Every field a header may match, the stage column included where there is one."""
        return (*self.fields, STAGE_FIELD) if self.stages else self.fields

    @property
    def keys(self) -> tuple[str, ...]:
        """What a columns file may map."""
        return (*self.all_fields, *self.stage_keys)

    @property
    def date_fields(self) -> tuple[str, ...]:
        return self.date_like or self.dates

    def checked(self, name: str) -> bool:
        """Whether a cell of this field can be bad (free text cannot)."""
        return name in (*self.required, *self.dates, *self.numbers, *self.money)

    def schema(self) -> dict[str, pl.DataType]:
        """The polars dtype of every column of the frame read (``line`` first)."""
        import polars as pl

        schema: dict[str, pl.DataType] = {LINE: pl.Int64()}
        schema.update({name: pl.String() for name in self.text})
        schema.update({name: pl.Date() for name in self.dates})
        schema.update({name: pl.Int64() for name in self.numbers})
        schema.update({name: pl.String() for name in self.kept})
        return schema
