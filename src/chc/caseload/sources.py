"""The raw cells of a case file: CSV or JSON lines (Excel: :mod:`chc.caseload.workbooks`),
as text, with their line numbers.

Every source gives the same :class:`RawTable`: the header as the file spells it, and a
polars frame of text columns ``c0``, ``c1`` ... plus ``line`` (the file line, or sheet row,
each row starts on). Nothing is interpreted here; :mod:`chc.caseload.reading` does that.

A CSV is read by polars' own reader (all cells as text). Its line numbers are the row index
plus 2, which holds whenever no cell contains a line break; if one does, or polars refuses
the file (a row with more cells than the header), the file is read again with Python's csv
module, which knows where every record starts and can place a ragged row. A large CSV is
read a piece at a time (:func:`read_csv_pieces`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl

MAX_BYTES = 1 << 30
"""A case file larger than this (1 GiB) is refused rather than read into memory."""
DELIMITERS = (",", ";", "\t")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class RawTable:
    header: list[str]
    cells: pl.DataFrame
    """Columns ``c0`` ... ``c{n-1}`` (text, null when empty) and ``line`` (Int64)."""
    sheet: str | None = None
    notes: tuple[str, ...] = ()
    errors: tuple[tuple[int, int, str], ...] = field(default=())
    """Row-level problems found while reading: (line, column, message)."""
    uncalculated: tuple[tuple[int, int], ...] = field(default=())
    """Workbook cells (row, column) holding a formula that was never calculated: they read
    as empty, which would be silently wrong in a column chc uses."""
    header_line: int = 1
    """The file line (or sheet row) of the header."""
    padding: int = 0
    """Empty columns put before a sheet's first column with a value, so that a cell's
    column is the sheet's own; they are never listed as ignored."""


SCAN_ROWS = 20
"""The header is looked for among this many first rows (a title and notes above it)."""


@dataclass(frozen=True)
class HeaderChoice:
    """How to find the header row: the first of the first :data:`SCAN_ROWS` rows that
    ``test`` accepts (the first row if none does), or the row the user names."""

    test: Callable[[Sequence[str]], bool]
    row: int | None = None
    """``--header-row N``: the file line (or sheet row) of the header."""


def header_index(
    rows: Sequence[Sequence[str]], choice: HeaderChoice | None, first: int, path: Path
) -> int:
    """The index in ``rows`` (the file's rows from line ``first``) of the header row."""
    if choice is None:
        return 0
    if choice.row is not None:
        if not first <= choice.row < first + len(rows):
            raise CaseError(
                f"--header-row {choice.row}: the file has no such row (its rows from "
                f"{first} to {first + len(rows) - 1} can hold the header)",
                file=path,
            )
        return choice.row - first
    for i, row in enumerate(rows[:SCAN_ROWS]):
        if choice.test(row):
            return i
    return 0


def header_note(line: int, first: int, kind: str = "line") -> tuple[str, ...]:
    """What a person should know about a header found below the first row."""
    if line == first:
        return ()
    return (f"header on {kind} {line} ({line - first} {kind}(s) above it left out)",)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing, special or oversized file is a CaseError (and the file
    is noted as an input of the run, so no output of the run can replace it)."""
    from chc.inputs import read_bytes as read_input

    return read_input(path, error=CaseError, limit=MAX_BYTES)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text with or without a byte-order mark; anything else names the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CaseError(
            f"not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8 "
            "(in Excel: CSV UTF-8), or give chc the .xlsx file itself",
            file=path,
            line=line,
        ) from None


def sniff(first_line: str) -> str:
    """The delimiter among comma, semicolon and tab that the header line uses most."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _frame(columns: list[list[str | None]], lines: list[int]) -> pl.DataFrame:
    import polars as pl

    data: dict[str, pl.Series] = {
        f"c{i}": pl.Series(f"c{i}", col, dtype=pl.String) for i, col in enumerate(columns)
    }
    data["line"] = pl.Series("line", lines, dtype=pl.Int64)
    return pl.DataFrame(data)


PIECE_BYTES = 8 << 20
"""A CSV of at least twice this (8 MB, about 100,000 rows of a typical export) is read and
typed a piece at a time, so that its raw cells are never all in memory at once: a million
complaints (74 MB) peaked at 540 MB read whole, and at 400 MB in pieces of 4 or 8 MB (440
in pieces of 16). A file under 16 MB is read whole, as fast as before."""


class Unsliced(Exception):
    """A piece of a large CSV did not read as whole rows of the header's width: the file
    must be read whole (by :func:`read_csv`), which places every row exactly."""


_SEP_LINE = re.compile(rb"sep=(.)\r?")


@dataclass(frozen=True)
class _Prepared:
    body: bytes
    """The file's bytes from the header line on (after any byte-order mark)."""
    delimiter: str
    notes: tuple[str, ...]
    offset: int
    """The file's lines before the header line."""


def _prepare(path: Path, data: bytes, choice: HeaderChoice | None = None) -> _Prepared:
    """The bytes from the header on, the delimiter, and the notes that name them. A first
    line ``sep=;`` (as Excel writes it) names the delimiter and is not the header."""
    if not data.isascii():
        decode(path, data)  # a file that is not UTF-8 is named at its line
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    end = body.find(b"\n")
    sep = _SEP_LINE.fullmatch(body[: len(body) if end < 0 else end])
    delimiter, offset, notes = None, 0, []
    if sep is not None:
        delimiter = sep.group(1).decode("latin-1")
        body, offset = (body[end + 1 :] if end >= 0 else b""), 1
        notes.append(f"line 1 {sep.group(0).decode('latin-1').strip()!r} names the separator")
    limit = max(SCAN_ROWS, (choice.row or 0) if choice else 0)
    spans = _first_lines(body, limit)
    lines = [body[a:b].decode("utf-8", "replace").rstrip("\r") for a, b in spans]
    rows = [_cells(line, delimiter or sniff(line)) for line in lines]
    k = header_index(rows, choice, offset + 1, path)
    if k:  # (a slice copies the whole file: only when there is something to cut)
        body = body[spans[k][0] :]
    notes.extend(header_note(offset + k + 1, offset + 1))
    delimiter = delimiter or sniff(lines[k] if lines else "")
    if sep is None and delimiter != ",":
        notes.append(f"cells separated by {_NAMES.get(delimiter, repr(delimiter))}s")
    return _Prepared(body, delimiter, tuple(notes), offset + k)


def _first_lines(body: bytes, limit: int) -> list[tuple[int, int]]:
    """Where each of the first ``limit`` lines of ``body`` starts and ends."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(spans) < limit and start < len(body):
        end = body.find(b"\n", start)
        end = len(body) if end < 0 else end
        spans.append((start, end))
        start = end + 1
    return spans or [(0, 0)]


def _cells(line: str, delimiter: str) -> list[str]:
    """One line's cells, trimmed, as a header would be read."""
    import csv

    try:
        return [c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return []


def _polars_csv(body: bytes, delimiter: str) -> pl.DataFrame:
    import polars as pl

    frame = pl.read_csv(
        io.BytesIO(body), has_header=False, infer_schema=False, separator=delimiter, quote_char='"'
    )
    return cell_names(frame)


def cell_names(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame's columns named ``c0``, ``c1`` ... as :class:`RawTable` has them."""
    return frame.rename({old: f"c{i}" for i, old in enumerate(frame.columns)})


def header_of(frame: pl.DataFrame) -> list[str]:
    """The first row of a frame read without a header: the file's headers, trimmed."""
    return [(h or "").strip() for h in frame.row(0)]


def numbered(cells: pl.DataFrame, first_line: int) -> pl.DataFrame:
    """``cells`` with ``line``: the file line (or sheet row) of each, from ``first_line``."""
    import polars as pl

    cells = cells.with_row_index("line", offset=first_line)
    return cells.with_columns(pl.col("line").cast(pl.Int64))


def read_csv(path: Path, data: bytes, choice: HeaderChoice | None = None) -> RawTable:
    """A CSV file: polars' reader when it can place every line, Python's csv otherwise."""
    import polars as pl

    p = _prepare(path, data, choice)
    try:
        frame = _polars_csv(p.body, p.delimiter)
    except pl.exceptions.PolarsError:
        return _read_csv_module(path, p)
    if frame.height == 0:
        raise CaseError("the file is empty; it needs a header row", file=path)
    if _lines(p.body) != frame.height:  # a cell holds a line break: place rows exactly
        return _read_csv_module(path, p)
    header = header_of(frame)
    first = p.offset + 1
    return RawTable(header, numbered(frame.slice(1), first + 1), notes=p.notes, header_line=first)


def read_csv_pieces(
    path: Path, data: bytes, size: int | None = None, choice: HeaderChoice | None = None
) -> Iterator[RawTable]:
    """A CSV a piece of about ``size`` bytes at a time, each piece with the file's header
    and its own rows' line numbers; a small file, or one that cannot be cut between rows,
    in one piece. Raises :class:`Unsliced` at a piece that does not read as whole rows
    (a ragged row, a line break in a cell): read the file with :func:`read_csv` then."""
    import polars as pl

    p = _prepare(path, data, choice)
    body = p.body
    cuts = _cuts(body, size or PIECE_BYTES)
    if not cuts:
        yield read_csv(path, data, choice)
        return
    header: list[str] | None = None
    lines_before = p.offset  # the file's lines before the piece
    for start, end in zip([0, *cuts], [*cuts, len(body)], strict=True):
        piece = body[start:end]
        try:
            frame = _polars_csv(piece, p.delimiter)
        except pl.exceptions.PolarsError:
            raise Unsliced from None
        if frame.height != _lines(piece) or (header and frame.width != len(header)):
            raise Unsliced
        first_line = lines_before + 1
        if header is None:
            header = header_of(frame)
            frame, first_line = frame.slice(1), first_line + 1
        yield RawTable(header, numbered(frame, first_line), notes=p.notes, header_line=p.offset + 1)
        lines_before += piece.count(b"\n")


def _cuts(body: bytes, size: int) -> list[int]:
    """Where to cut a CSV into pieces of about ``size`` bytes: just after a line's end (none
    for a file under twice the size). A cut inside a quoted cell can only fall in a cell
    that holds a line break, and the piece it is in then has more lines than rows, which
    :func:`read_csv_pieces` checks."""
    cuts: list[int] = []
    start = 0
    while len(body) - start >= 2 * size:
        cut = body.find(b"\n", start + size) + 1
        if not cut:
            break
        cuts.append(cut)
        start = cut
    return cuts


def _lines(body: bytes) -> int | None:
    """The file's lines, if every one ends in LF or CRLF (None if a lone CR is in it)."""
    # Most files have no CR at all, and finding one is far quicker than counting them.
    if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
        return None
    return body.count(b"\n") + (0 if body.endswith(b"\n") else 1)


def _read_csv_module(path: Path, p: _Prepared) -> RawTable:
    """The careful path: exact start lines, ragged rows placed, cells of any size."""
    import csv
    import sys

    # chc only bounds what it reads; a huge cell in a column it ignores is no error.
    csv.field_size_limit(sys.maxsize)
    text = decode(path, p.body)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=p.delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CaseError("the file is empty; it needs a header row", file=path) from None
    except csv.Error as exc:
        line = reader.line_num + p.offset
        raise CaseError(f"not a CSV file: {exc}", file=path, line=line) from None
    width = len(header)
    columns: list[list[str | None]] = [[] for _ in header]
    lines: list[int] = []
    errors: list[tuple[int, int, str]] = []
    end = reader.line_num
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            start += p.offset
            if len(record) > width:
                message = f"{len(record)} cells but the header has {width} columns"
                errors.append((start, width + 1, message))
            lines.append(start)
            for i, col in enumerate(columns):
                col.append(record[i] if i < len(record) and record[i] != "" else None)
    except csv.Error as exc:
        line = reader.line_num + p.offset
        raise CaseError(f"not a CSV file: {exc}", file=path, line=line) from None
    return RawTable(
        header,
        _frame(columns, lines),
        notes=p.notes,
        errors=tuple(errors),
        header_line=p.offset + 1,
    )


def read_jsonl(path: Path, data: bytes) -> RawTable:
    """One JSON object per line; its keys are the headers (in order of first appearance)."""
    import json

    text = decode(path, data)
    header: dict[str, int] = {}
    rows: list[tuple[int, dict[str, object]]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw, object_pairs_hook=_no_repeats)
        except _RepeatedKey as exc:
            raise CaseError(
                f"the key {exc.key!r} is given twice in this object; which one is meant "
                "cannot be told",
                file=path,
                line=n,
            ) from None
        except (json.JSONDecodeError, RecursionError) as exc:
            column = exc.colno if isinstance(exc, json.JSONDecodeError) else None
            raise CaseError(f"not JSON: {exc}", file=path, line=n, column=column) from None
        except ValueError:  # Python's own limit on an integer's digits (4,300)
            raise CaseError("a number has more than 4,300 digits", file=path, line=n) from None
        if not isinstance(obj, dict):
            raise CaseError("each line must be a JSON object {...}", file=path, line=n, column=1)
        for key in obj:
            if not key.isascii():
                _no_lone_surrogate(path, n, None, key, key)
            header.setdefault(str(key), len(header))
        rows.append((n, obj))
    if not header:
        raise CaseError("the file is empty; it needs one JSON object per line", file=path)
    columns: list[list[str | None]] = [[] for _ in header]
    for n, obj in rows:
        values: list[str | None] = [None] * len(header)
        for key, value in obj.items():
            values[header[str(key)]] = _json_cell(path, n, header[str(key)] + 1, key, value)
        for col, value in zip(columns, values, strict=True):
            col.append(value)
    return RawTable(list(header), _frame(columns, [n for n, _ in rows]))


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict; a key given twice is an error, where json keeps the last."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return obj


def _json_cell(path: Path, line: int, column: int, key: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if not value.isascii():
            _no_lone_surrogate(path, line, column, key, value)
        return value
    if isinstance(value, int | float):
        return str(value)
    raise CaseError(
        f"{key}: a list or object is not a cell value", file=path, line=line, column=column
    )


def _no_lone_surrogate(path: Path, line: int, column: int | None, key: str, text: str) -> None:
    """JSON may write half of a UTF-16 pair (``"\\ud800"``) alone; it is no character, and
    no file or terminal can hold it (polars refused it with a traceback)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        from chc.inert import line as shown

        half = f"\\u{ord(text[exc.start]):04x}"
        raise CaseError(
            f"{shown(key)}: {half} is half of a UTF-16 pair without its other half, not a "
            "character; correct the text in the program that wrote the file",
            file=path,
            line=line,
            column=column,
        ) from None
