"""One reader for every case file: CSV, Excel or JSON lines, into a :class:`CaseFrame`.

The steps, each in its own module:

1. :mod:`chc.caseload.sources` reads the raw cells and the line each row starts on;
2. :mod:`chc.caseload.columns` places the headers on chc's fields (``--columns`` file,
   near-miss stops);
3. :mod:`chc.caseload.cells` parses dates and numbers a column at a time;
4. here: bad cells are located (or, with ``skip_bad_rows``, their rows set aside), a
   one-row-per-stage export is combined, and duplicate references stop the run.

The happy path never loops over rows in Python: polars does the reading and the parsing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import (
    DATE_FIELDS,
    FIELDS,
    LINE,
    NUMBER_FIELDS,
    REQUIRED,
    STAGE_FIELD,
    TEXT_FIELDS,
    BadRow,
    CaseFrame,
    frame_schema,
)
from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.sources import RawTable

DEADLINE_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS)
"""What ``chc deadlines --cases`` reads; a near miss on one of these stops it."""
REPORT_READS: tuple[str, ...] = FIELDS
"""What ``chc report`` reads: the deadline fields and the report's own columns."""
MONEY_FIELDS = ("remedy_amount",)


@dataclass(frozen=True)
class ReadOptions:
    """How to read a case file (the reader's command-line options)."""

    columns: Path | None = None
    """A ``--columns`` YAML file mapping chc's fields to the file's own headers."""
    sheet: str | None = None
    """The workbook sheet to read (default: the first)."""
    date_format: str | None = None
    """An unusual date format, stated exactly (strftime codes); ISO is still accepted."""
    skip_bad_rows: bool = False
    """Set bad rows aside as :class:`BadRow` instead of stopping at the first."""
    fields: tuple[str, ...] = DEADLINE_FIELDS
    """The fields the command uses: a header that resembles one of these stops the run."""


def read_case_file(path: Path, options: ReadOptions | None = None) -> CaseFrame:
    """Read, place and check a case file; every bad cell is a CaseError at its line and column."""
    from chc.caseload.sources import Unsliced

    options = options or ReadOptions()
    try:
        return _read(path, options, pieces=True)
    except Unsliced:
        return _read(path, options, pieces=False)


def _read(path: Path, options: ReadOptions, *, pieces: bool) -> CaseFrame:
    """:func:`read_case_file`, a large CSV read and typed a piece at a time if ``pieces``."""
    import polars as pl

    from chc.caseload.columns import load_columns, place

    raws = _raw(path, options, pieces)
    raw = next(raws)
    columns = load_columns(options.columns) if options.columns is not None else None
    placement = place(raw.header, path, columns, options.fields)
    _check_required(path, raw.header, placement.fields)
    typed, bad = _typed(path, raw, placement.fields, options)
    header, sheet, raw_notes = raw.header, raw.sheet, raw.notes
    del raw  # each piece's raw cells are dropped once it is typed
    frames = [typed]
    for more in raws:
        typed, more_bad = _typed(path, more, placement.fields, options)
        frames.append(typed)
        bad.extend(more_bad)
        del more
    typed = frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical")
    typed, notes = _combine(path, typed, placement.fields, bad)
    present = frozenset(name for name in placement.fields if name in FIELDS)
    return CaseFrame(
        path=path,
        frame=typed.select(list(frame_schema())),
        present=present,
        columns={name: i + 1 for name, i in placement.fields.items()},
        headers={name: header[i] for name, i in placement.fields.items()},
        ignored=placement.ignored,
        bad_rows=tuple(sorted(bad)),
        sheet=sheet,
        notes=(*raw_notes, *notes),
    )


def _raw(path: Path, options: ReadOptions, pieces: bool) -> Iterator[RawTable]:
    from chc.caseload import sources, workbooks

    data = sources.read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        yield workbooks.read_xlsx(path, options.sheet)
        return
    workbooks.check_not_a_workbook(path, data)
    if options.sheet is not None:
        raise CaseError("--sheet goes with an Excel workbook (.xlsx)", file=path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield sources.read_jsonl(path, data)
    elif pieces:
        yield from sources.read_csv_pieces(path, data)
    else:
        yield sources.read_csv(path, data)


def _check_required(path: Path, header: list[str], fields: dict[str, int]) -> None:
    for name in REQUIRED:
        if name not in fields:
            shown = ", ".join(repr(h) for h in header) or "(nothing)"
            raise CaseError(
                f"no {name!r} column; the header has: {shown}; map one with a --columns "
                f"file ('{name}: Your Header')",
                file=path,
                line=1,
                column=1,
            )


def _typed(
    path: Path, raw: RawTable, fields: dict[str, int], options: ReadOptions
) -> tuple[pl.DataFrame, list[BadRow]]:
    """The frame under field names with typed cells, less blank and (when skipped) bad rows.

    One query reads every column (polars spreads the columns over the cores): each value,
    whether its cell was given, and whether the row is blank, so that the checks after it
    are on those columns and never read the text again; the slower date layouts run only
    on a column where the common ones left a cell unread. The cells as written stay in the
    raw frame, and are read again only where one is bad.
    """
    import polars as pl

    from chc.caseload import cells

    src = raw.cells
    blank = pl.all_horizontal(
        pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in src.columns if c != LINE
    )
    names = [name for name in (*FIELDS, STAGE_FIELD) if name in fields]
    text = {name: pl.col(f"c{fields[name]}").str.strip_chars() for name in names}
    text = {name: pl.when(t != "").then(t) for name, t in text.items()}
    checked = [name for name in names if _checked(name)]
    values = src.lazy().select(
        *(_value(name, t, options).alias(name) for name, t in text.items()),
        *(text[n].is_not_null().alias(_GIVEN + n) for n in checked),
        *(cells.remedy_ok(text[n]).alias(_MONEY_OK + n) for n in checked if n in MONEY_FIELDS),
        blank.alias(_BLANK),
    )
    both = pl.concat([src, values.collect(engine="in-memory")], how="horizontal")
    both = _dates(both, {n: t for n, t in text.items() if n in DATE_FIELDS}, options)
    failed = {name: _failed(name) for name in checked}
    problems: list[pl.DataFrame] = []
    if failed and both.select(pl.any_horizontal(f.any() for f in failed.values())).item():
        for name, f in failed.items():
            found = both.filter(f & ~pl.col(_BLANK))
            found = found.select(pl.col(LINE), text[name].alias("raw"))
            if found.height:
                problems.append(found.with_columns(field=pl.lit(name)))
    typed = both.filter(~pl.col(_BLANK)).select(pl.col(LINE), *names)
    bad = _bad_cells(path, raw, problems, fields, options)
    if bad:
        dropped = pl.Series([b.line for b in bad], dtype=pl.Int64)
        typed = typed.filter(~pl.col(LINE).is_in(dropped.implode()))
    return _with_all_fields(typed), bad


# Working columns of the typing query (no header can be these: they hold a NUL).
_GIVEN, _MONEY_OK, _BLANK = "\0given ", "\0money ok ", "\0blank"


def _checked(name: str) -> bool:
    """Whether a cell of this field can be bad (free text cannot)."""
    return name in (*REQUIRED, *DATE_FIELDS, *NUMBER_FIELDS, *MONEY_FIELDS)


def _value(name: str, text: pl.Expr, options: ReadOptions) -> pl.Expr:
    from chc.caseload import cells

    if name in DATE_FIELDS:
        return cells.date_layouts(text, options.date_format)[0]
    if name in NUMBER_FIELDS:
        return cells.parse_extensions(text)
    return text


def _dates(frame: pl.DataFrame, text: dict[str, pl.Expr], options: ReadOptions) -> pl.DataFrame:
    """Each date column read by the first layouts that read all its cells (or by them all),
    then held to the calendar's years."""
    import polars as pl

    from chc.caseload import cells

    later = {n: cells.date_layouts(t, options.date_format)[1:] for n, t in text.items()}
    unread = list(text)
    for step in range(max((len(layouts) for layouts in later.values()), default=0)):
        left = frame.select(
            (pl.col(n).is_null() & pl.col(_GIVEN + n)).any().alias(n) for n in unread
        )
        unread = [n for n in unread if left[n].item()]
        if not unread:
            break
        frame = frame.with_columns(pl.coalesce(pl.col(n), later[n][step]).alias(n) for n in unread)
    return frame.with_columns(cells.in_range(pl.col(n)).alias(n) for n in text)


def _failed(name: str) -> pl.Expr:
    """Where a cell of the field is bad: empty when required, or not what the field holds."""
    import polars as pl

    value, given = pl.col(name), pl.col(_GIVEN + name)
    if name in DATE_FIELDS or name in NUMBER_FIELDS:
        failed = value.is_null() & given
    elif name in MONEY_FIELDS:
        failed = ~pl.col(_MONEY_OK + name)
    else:
        failed = pl.lit(False)
    return failed | ~given if name in REQUIRED else failed


def _bad_cells(
    path: Path,
    raw: RawTable,
    problems: list[pl.DataFrame],
    fields: dict[str, int],
    options: ReadOptions,
) -> list[BadRow]:
    """Every bad cell explained; the first stops the run unless bad rows are skipped."""
    found: list[BadRow] = [BadRow(line, column, message) for line, column, message in raw.errors]
    placed = {i + 1: name for name, i in fields.items()}
    for line, column in raw.uncalculated:
        if column in placed:
            message = (
                f"{placed[column]}: the cell is a formula whose value was never calculated "
                "(the workbook was saved by a program that does not calculate formulas); "
                "open it in Excel and save it again"
            )
            found.append(BadRow(line, column, message))
    for frame in problems:
        for line, text, name in frame.iter_rows():
            found.append(BadRow(line, fields[name] + 1, _explain(name, text, options)))
    if not found:
        return []
    found.sort()
    if not options.skip_bad_rows:
        first = found[0]
        raise CaseError(first.message, file=path, line=first.line, column=first.column)
    per_line: dict[int, BadRow] = {}
    for b in found:
        per_line.setdefault(b.line, b)
    return list(per_line.values())


def _explain(name: str, text: str | None, options: ReadOptions) -> str:
    from chc.caseload import cells

    if text is None:
        return f"{name}: the cell is empty" if name == "reference" else f"{name}: the date is empty"
    if name in DATE_FIELDS:
        return cells.explain_date(text, name, options.date_format)
    if name in NUMBER_FIELDS:
        return cells.explain_extension(text, name)
    return cells.explain_remedy(text, name)


def _with_all_fields(typed: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    missing = [
        pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in frame_schema().items()
        if name not in typed.columns
    ]
    return typed.with_columns(missing) if missing else typed


def _combine(
    path: Path, typed: pl.DataFrame, fields: dict[str, int], bad: list[BadRow]
) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """Stage rows of one complaint merged; any other repeated reference stops the run."""
    import polars as pl

    repeated = typed.filter(pl.col("reference").is_duplicated())
    if repeated.height == 0:
        return typed, ()
    ref_column = fields["reference"] + 1
    if STAGE_FIELD not in fields:
        ref, first, second = _first_repeat(repeated)
        raise CaseError(
            f"the reference {ref!r} is on line {first} and again on line {second}; each "
            "complaint must be on one row (or the file needs a 'stage' column saying which "
            "stage each row describes)",
            file=path,
            line=second,
            column=ref_column,
        )
    from chc.caseload.stages import combine_stage_rows

    combined = combine_stage_rows(path, typed, fields)
    merged = typed.height - combined.height
    return combined, (f"{merged} stage row(s) combined with their complaint's first row",)


def _first_repeat(repeated: pl.DataFrame) -> tuple[str, int, int]:
    import polars as pl

    first = repeated.sort(LINE).row(0, named=True)["reference"]
    lines = repeated.filter(pl.col("reference") == first)[LINE].sort().to_list()
    return str(first), int(lines[0]), int(lines[1])


def describe(case_frame: CaseFrame) -> str:
    """One line: which column fed which field, and which columns were left out."""
    where = case_frame.path.name
    if case_frame.sheet is not None:
        where += f" (sheet {case_frame.sheet!r})"
    order = sorted(case_frame.headers.items(), key=lambda kv: case_frame.columns[kv[0]])
    fed = ", ".join(f"{name} <- {header!r}" for name, header in order)
    text = f"read {where}: {fed}"
    if case_frame.ignored:
        text += "; ignored: " + ", ".join(repr(h) for h in case_frame.ignored)
    for note in case_frame.notes:
        text += f"; {note}"
    return text
