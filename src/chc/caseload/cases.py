"""A caseload: many complaints from one CSV file, each with its timeline.

The CSV has a ``reference`` column and columns named like ``chc deadlines``' options
(``received``, ``stage1_acknowledged``, ``stage1_extension`` ...); ``code`` is optional per
row. Other columns are ignored here (``chc report`` reads some of them), so one export
feeds both commands.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chc.caseload.frame import BadRow, CaseFrame
from chc.dates import parse_date
from chc.deadlines import Complaint
from chc.errors import CaseError, ChcError

DATE_COLUMNS = (
    "received",
    "stage1_acknowledged",
    "stage1_responded",
    "stage2_requested",
    "stage2_acknowledged",
    "stage2_responded",
    "stage3_requested",
    "stage3_responded",
)
NUMBER_COLUMNS = ("stage1_extension", "stage2_extension")
REQUIRED = ("reference", "received")


@dataclass(frozen=True)
class Row:
    line: int
    complaint: Complaint
    code: str | None
    extra: dict[str, str]


def read_cases(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and (line number, cells) pairs; a missing required column is an error."""
    from chc.yamlio import read_text

    # Excel's "CSV UTF-8" starts the file with a byte-order mark; it is not part of the header.
    text = read_text(path, error=CaseError).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CaseError("the file is empty; it needs a header row", file=path) from None
    for name in REQUIRED:
        if name not in header:
            raise CaseError(
                f"no {name!r} column; the header has: {', '.join(header) or '(nothing)'}",
                file=path,
                line=1,
                column=1,
            )
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name in seen:
            raise CaseError(f"column {name!r} appears twice", file=path, line=1, column=i + 1)
        seen.add(name)
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for cells in reader:
            line = reader.line_num
            cells = [c.strip() for c in cells]
            if not any(cells):
                continue
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            yield line, cells

    return header, rows()


@dataclass(frozen=True)
class _Layout:
    """Where each column chc reads sits in the header (worked out once per file)."""

    reference: int
    code: int | None
    dates: tuple[tuple[str, int], ...]
    numbers: tuple[tuple[str, int], ...]
    extra: tuple[tuple[str, int], ...]


@functools.cache
def _layout(header: tuple[str, ...]) -> _Layout:
    where = {name: i for i, name in enumerate(header)}
    return _Layout(
        reference=where["reference"],
        code=where.get("code"),
        dates=tuple((n, where[n]) for n in DATE_COLUMNS if n in where),
        numbers=tuple((n, where[n]) for n in NUMBER_COLUMNS if n in where),
        extra=tuple((n, i) for n, i in where.items() if n not in _KNOWN),
    )


_KNOWN = frozenset((*DATE_COLUMNS, *NUMBER_COLUMNS, "reference", "code"))


def parse_row(path: Path, header: list[str], line: int, cells: list[str]) -> Row:
    """One CSV row as a complaint; a bad cell is a CaseError at its line and column."""
    layout = _layout(tuple(header))
    if len(cells) > len(header):
        # Checked here, not while reading, so that --skip-bad-rows can skip the row.
        raise CaseError(
            f"{len(cells)} cells but the header has {len(header)} columns",
            file=path,
            line=line,
            column=len(header) + 1,
        )
    reference = cells[layout.reference]
    if not reference:
        raise CaseError("the reference is empty", file=path, line=line, column=layout.reference + 1)
    values: dict[str, object] = {}
    for name, i in layout.dates:
        raw = cells[i]
        if raw:
            try:
                values[name] = parse_date(raw, name)
            except ChcError as err:
                raise CaseError(err.message, file=path, line=line, column=i + 1) from None
    if "received" not in values:
        column = dict(layout.dates)["received"] + 1
        raise CaseError("received: the date is empty", file=path, line=line, column=column)
    for name, i in layout.numbers:
        raw = cells[i]
        if raw:
            if not raw.isdigit() or int(raw) == 0:
                raise CaseError(
                    f"{name}: {raw!r} is not a whole number of days above 0",
                    file=path,
                    line=line,
                    column=i + 1,
                )
            values[name] = int(raw)
    complaint = Complaint(reference=reference, **values)  # type: ignore[arg-type]
    code = (cells[layout.code] or None) if layout.code is not None else None
    extra = {name: cells[i] for name, i in layout.extra}
    return Row(line, complaint, code, extra)


def read_frame(path: Path, *, skip_bad_rows: bool = False) -> CaseFrame:
    """The case file as a :class:`CaseFrame` (the CSV reader of the first version)."""
    import polars as pl

    from chc.caseload.frame import frame_schema

    header, rows = read_cases(path)
    schema = frame_schema()
    data: dict[str, list[object]] = {name: [] for name in schema}
    bad: list[BadRow] = []
    for line, cells in rows:
        try:
            row = parse_row(path, header, line, cells)
        except ChcError as err:
            if not skip_bad_rows:
                raise
            bad.append(BadRow(line, err.column, err.message))
            continue
        values = row.complaint._asdict()
        for name in schema:
            if name == "line":
                data[name].append(line)
            elif name == "code":
                data[name].append(row.code)
            elif name in values:
                data[name].append(values[name])
            else:
                data[name].append(row.extra.get(name) or None)
    where = {name: i + 1 for i, name in enumerate(header)}
    return CaseFrame(
        path=path,
        frame=pl.DataFrame(data, schema=schema),
        present=frozenset(n for n in schema if n in where),
        columns={n: where[n] for n in schema if n in where},
        headers={n: n for n in schema if n in where},
        bad_rows=tuple(bad),
    )
