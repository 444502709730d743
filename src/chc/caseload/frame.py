"""The shape every case file is read into: one row per complaint, under chc's own field names.

A case file (CSV, Excel or JSON lines) comes from a case-management system or a spreadsheet
with headers of its own. :mod:`chc.caseload.reading` places each header on one of the fields
below and hands the engine (:mod:`chc.caseload.engine`) and the report a :class:`CaseFrame`:
a polars frame whose columns are exactly :data:`FRAME_SCHEMA`, whatever the file called them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# The dates chc deadlines counts from, in the order a complaint moves through them.
DATE_FIELDS: tuple[str, ...] = (
    "received",
    "stage1_acknowledged",
    "stage1_responded",
    "stage2_requested",
    "stage2_acknowledged",
    "stage2_responded",
    "stage3_requested",
    "stage3_responded",
)
# Extensions: a whole number of days above 0.
NUMBER_FIELDS: tuple[str, ...] = ("stage1_extension", "stage2_extension")
# Free text every command reads: the complaint's reference, and the edition to use for it.
TEXT_FIELDS: tuple[str, ...] = ("reference", "code")
# What chc report reads besides the dates; kept as text here and validated by the report.
REPORT_FIELDS: tuple[str, ...] = (
    "category",
    "outcome",
    "refused",
    "refusal_reason",
    "refusal_within_policy",
    "remedy_amount",
    "ombudsman_determination",
)
# A one-row-per-stage export names the stage a row describes.
STAGE_FIELD = "stage"
FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS, *REPORT_FIELDS)
REQUIRED: tuple[str, ...] = ("reference", "received")
LINE = "line"
"""The frame's column holding the file line (or sheet row) the complaint starts on."""


def frame_schema() -> dict[str, pl.DataType]:
    """The polars dtype of every column of :attr:`CaseFrame.frame` (``line`` first)."""
    import polars as pl

    schema: dict[str, pl.DataType] = {LINE: pl.Int64()}
    schema.update({name: pl.String() for name in TEXT_FIELDS})
    schema.update({name: pl.Date() for name in DATE_FIELDS})
    schema.update({name: pl.Int64() for name in NUMBER_FIELDS})
    schema.update({name: pl.String() for name in REPORT_FIELDS})
    return schema


@dataclass(frozen=True, order=True)
class BadRow:
    """A row left out under ``--skip-bad-rows``, and why."""

    line: int
    column: int | None
    message: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class CaseFrame:
    """A case file read and checked: one row per complaint, every cell typed.

    ``frame`` has exactly the columns of :func:`frame_schema`; a field the file lacks is a
    column of nulls, and ``present`` says which fields the file had. Empty cells are null.
    ``columns`` gives the 1-based column of each present field in the file, so that a later
    stage (the engine's date-order check, the report's facts) can locate a bad cell.
    """

    path: Path
    frame: pl.DataFrame
    present: frozenset[str]
    columns: dict[str, int]
    headers: dict[str, str]
    """Each present field's header as the file spells it."""
    ignored: tuple[str, ...] = ()
    """Headers the reader did not use (listed, never silently)."""
    bad_rows: tuple[BadRow, ...] = ()
    sheet: str | None = None
    notes: tuple[str, ...] = field(default=())
    """What the reader decided that a person should know (rows combined, a sheet chosen)."""
    noun: str = "complaint"
    """What one row is (the field table's noun), for :func:`chc.caseload.reading.describe`."""
    rows: int | None = None
    """The rows read, where ``frame`` holds none of them (a file read a piece at a time,
    :class:`chc.caseload.reading.CasePieces`); None: ``frame``'s own."""

    @property
    def count(self) -> int:
        """The complaints (or reports) read."""
        return self.frame.height if self.rows is None else self.rows
