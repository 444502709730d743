"""Excel workbooks as case files: the sheet's cells as text, and what a reader would
silently get wrong in them (a formula never calculated, a file that only looks like a
workbook). The cells come through fastexcel, chosen by measurement: 2.0 s against
python-calamine's 2.5 s for the same 100,000-row workbook."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.sources import (
    SCAN_ROWS,
    HeaderChoice,
    RawTable,
    cell_names,
    header_index,
    header_note,
    header_of,
    numbered,
)
from chc.errors import CaseError
from chc.sheet_extent import column_number, sheet_part

if TYPE_CHECKING:
    import polars as pl

_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Excel 97-2003 .xls (or any OLE file)


def check_not_a_workbook(path: Path, data: bytes) -> None:
    """A file that is a workbook chc cannot read, or is named as one but is not, stops
    here: read as CSV it would give nonsense or a misleading error."""
    if data.startswith(_OLE):
        raise CaseError(
            "an Excel 97-2003 workbook (.xls), which chc does not read; in Excel, save it "
            "as .xlsx (Excel Workbook) or as CSV UTF-8",
            file=path,
        )
    if path.suffix.lower() in _WORKBOOKS:
        raise CaseError(
            f"named {path.suffix} but not an Excel workbook (an .xlsx file is a zip "
            "archive); open it in Excel and save it again as .xlsx, or as CSV UTF-8",
            file=path,
        )


def read_xlsx(path: Path, sheet: str | None, choice: HeaderChoice | None = None) -> RawTable:
    """The first sheet of a workbook, or the one named; date cells arrive as ISO text."""
    import fastexcel

    try:
        book = fastexcel.read_excel(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # fastexcel raises its own types for a corrupt workbook
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CaseError(f"cannot be read as an Excel workbook ({reason})", file=path) from None
    if not names:
        raise CaseError("the workbook has no sheets", file=path)
    if sheet is not None and sheet not in names:
        listed = ", ".join(repr(n) for n in names)
        raise CaseError(f"the workbook has no sheet {sheet!r}; its sheets are: {listed}", file=path)
    chosen = sheet if sheet is not None else names[0]
    uncalculated, top = _scan(path, chosen)  # before fastexcel lays out the sheet's grid
    try:
        loaded = book.load_sheet(chosen, header_row=None, dtypes="string")
        frame = _from_column_a(loaded.to_polars(), loaded)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CaseError(f"sheet {chosen!r} cannot be read ({reason})", file=path) from None
    if frame.height == 0:
        raise CaseError(f"sheet {chosen!r} is empty; it needs a header row", file=path)
    # The reader starts at the first row that holds a value: rows above it are blank.
    limit = max(SCAN_ROWS, (choice.row or 0) if choice else 0)
    rows = [header_of(frame.slice(i, 1)) for i in range(min(limit, frame.height))]
    if choice is not None and choice.row is not None and choice.row < top:
        raise CaseError(
            f"--header-row {choice.row}: the sheet's row {choice.row} is blank", file=path
        )
    k = header_index(rows, choice, top, path)
    header = header_of(frame.slice(k, 1))
    cells = numbered(cell_names(frame).slice(k + 1), top + k + 1)
    notes: tuple[str, ...] = (f"sheet {chosen!r} of {len(names)}",) if len(names) > 1 else ()
    notes += header_note(top + k, 1, "row")
    return RawTable(
        header,
        cells,
        sheet=chosen,
        notes=notes,
        uncalculated=uncalculated,
        header_line=top + k,
        padding=sum(1 for c in frame.columns if c.startswith(_PAD)),
    )


_PAD = "\0empty column "


def _from_column_a(frame: pl.DataFrame, loaded: object) -> pl.DataFrame:
    """The sheet's cells from its column A: readers start at the first column that holds a
    value, and chc names cells by the sheet's own columns. The columns before it are empty
    (their names start with :data:`_PAD`)."""
    import polars as pl

    columns = getattr(loaded, "available_columns", None)
    columns = columns() if callable(columns) else columns
    first = getattr(columns[0], "absolute_index", 0) if columns else 0
    if not first:
        return frame
    pads = [pl.lit(None, dtype=pl.String).alias(f"{_PAD}{i}") for i in range(first)]
    return frame.select(*pads, pl.all())


_FORMULA = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*>\s*(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)'
    rb"\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)


MAX_CELLS = 30_000_000
"""A sheet's grid from A1 to its last cell: Excel's 1,048,576 rows by 28 columns. The
reader allocates the whole grid at once, empty cells included."""


_FIRST_VALUE = re.compile(
    rb'<c r="[A-Z]{1,3}([0-9]+)"[^>]*>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?(?:<v>[^<]|<is>)'
)


def _scan(path: Path, sheet: str) -> tuple[tuple[tuple[int, int], ...], int]:
    """Refuse a sheet whose grid passes :data:`MAX_CELLS`; say which cells of it have a
    formula and no value, and the first row that holds a value (where every reader's rows
    start).

    A workbook written by a program that stores formulas without calculating them (a
    script, a report generator) leaves them so, and every reader then sees an empty cell.
    The sheet's XML is streamed (:func:`chc.sheet_extent.measure`), never all in memory
    (58 MB for 100,000 rows). Reading it costs about 0.2 s of a 1.0 to 1.6 s read of such
    a workbook; the extent adds two patterns that rarely match a case file."""
    import zipfile
    from xml.etree import ElementTree

    from chc.sheet_extent import measure

    found: list[tuple[bytes, bytes]] = []
    tops: list[int] = []

    def cells(whole: bytes) -> None:
        if not tops and (first := _FIRST_VALUE.search(whole)) is not None:
            tops.append(int(first.group(1)))
        if b"<f" in whole:
            found.extend(_FORMULA.findall(whole))

    try:
        with zipfile.ZipFile(path) as book, book.open(sheet_part(book, sheet)) as xml:
            extent = measure(xml, bound=MAX_CELLS, also=cells)
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return (), 1  # not laid out as chc expects: fastexcel reads it, or says why not
    if extent.cells > MAX_CELLS:
        raise CaseError(
            f"sheet {sheet!r} {extent.describe()}; chc reads sheets of up to "
            f"{MAX_CELLS:,} cells from A1 to the last: delete the rows and columns past "
            "the case list (a stray cell far down or far right) and save it again",
            file=path,
        )
    return tuple((int(row), column_number(col)) for col, row in found), (tops or [1])[0]


def _uncalculated(path: Path, sheet: str) -> tuple[tuple[int, int], ...]:
    """The cells of ``sheet`` with a formula and no value (see :func:`_scan`)."""
    return _scan(path, sheet)[0]


_NUMERIC = r"^[0-9]+(?:\.[0-9]+)?(?:E[+-]?[0-9]+)?$"


def with_shown_numbers(path: Path, raw: RawTable, column: int, name: str) -> RawTable:
    """``raw`` with the number cells of ``column`` (1-based) as the sheet shows them (its
    number format applied: ``000200``, not ``200``); a number in a format chc cannot
    render is an error at its cell. Only a column with a cell that reads as a number is
    looked at again in the workbook."""
    import dataclasses
    import zipfile

    import polars as pl

    from chc.caseload.number_formats import column_letters, number_cells, shown

    if raw.sheet is None or not raw.cells[f"c{column - 1}"].str.contains(_NUMERIC).any():
        return raw
    try:
        with zipfile.ZipFile(path) as book:
            part = sheet_part(book, raw.sheet)
        found = number_cells(path, part, column_letters(column))
    except (KeyError, OSError, zipfile.BadZipFile, SyntaxError):
        return raw  # laid out otherwise than chc expects: keep what fastexcel read
    rows, texts, errors = [], [], list(raw.errors)
    for cell in found:
        text = shown(cell.value, cell.code)
        if text is None:
            errors.append((cell.row, column, (
                f"{name}: the cell holds the number {cell.value} formatted {cell.code!r}, "
                "which chc cannot show as the spreadsheet does; format the column as Text "
                "in the workbook and type the references again, or save the sheet as CSV UTF-8"
            )))  # fmt: skip
        elif cell.row > raw.header_line:
            rows.append(cell.row)
            texts.append(text)
    if not rows and len(errors) == len(raw.errors):
        return raw
    fix = pl.DataFrame(
        {
            "line": pl.Series(rows, dtype=pl.Int64),
            f"c{column - 1}": pl.Series(texts, dtype=pl.String),
        }
    )
    cells = raw.cells.update(fix, on="line") if rows else raw.cells
    return dataclasses.replace(raw, cells=cells, errors=tuple(errors))
