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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.columns import COMPLAINTS
from chc.caseload.fields import FieldTable
from chc.caseload.frame import (
    DATE_FIELDS,
    FIELDS,
    LINE,
    NUMBER_FIELDS,
    STAGE_FIELD,
    TEXT_FIELDS,
    BadRow,
    CaseFrame,
)
from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.columns import Placement, Problem
    from chc.caseload.columns_file import ColumnsFile
    from chc.caseload.sources import HeaderChoice, RawTable

DEADLINE_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS)
"""What ``chc deadlines --cases`` reads; a near miss on one of these stops it."""
REPORT_READS: tuple[str, ...] = FIELDS
"""What ``chc report`` reads: the deadline fields and the report's own columns."""
MONEY_FIELDS = COMPLAINTS.money


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
    ignore: tuple[str, ...] = ()
    """Headers to leave out knowingly (``--ignore-column``), as a columns file's ``ignore:``."""
    header_row: int | None = None
    """The file line (or sheet row) of the header (``--header-row``); by default the first
    of the first rows that names a reference and a received date, else the first."""
    table: FieldTable = COMPLAINTS
    """The fields the file is read into (a complaints case file's by default)."""


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
    return _whole(_Typing(path, options, pieces=pieces))


def _whole(typing: _Typing) -> CaseFrame:
    """Every piece typed, then combined and checked as one frame."""
    import polars as pl

    path, options = typing.path, typing.options
    frames: list[pl.DataFrame] = []
    bad: list[BadRow] = []
    for typed, more_bad in typing:
        frames.append(typed)
        bad.extend(more_bad)
        del typed
    typed = frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical")
    del frames
    typed, notes = _combine(path, typed, typing.placement, bad, options, typing.fold)
    return typing.case_frame(typed, bad, notes)


class _Typing:
    """A case file's header placed and checked, and its rows typed a piece at a time."""

    def __init__(self, path: Path, options: ReadOptions, *, pieces: bool) -> None:
        from chc.caseload.columns import place
        from chc.caseload.columns_file import load_columns

        self.path, self.options = path, options
        table = options.table
        columns = load_columns(options.columns, table.keys) if options.columns is not None else None
        self.fold = columns is not None and columns.fold_references
        self._raws = _raw(path, options, pieces, header_choice(columns, options.header_row, table))
        raw = next(self._raws)
        placement = place(raw.header, path, columns, options.fields, options.ignore, table)
        _stop_on_columns(path, raw, placement, options, first=True)
        _check_required(path, raw, placement, table)
        self.placement = placement
        self.header, self.sheet, self.notes, self.padding = (
            raw.header,
            raw.sheet,
            raw.notes,
            raw.padding,
        )
        self._first: RawTable | None = raw

    @property
    def whole_only(self) -> bool:
        """Whether the rows of one complaint may be on several lines (a one-row-per-stage
        export, references folded): then the file can only be read whole."""
        return (
            STAGE_FIELD in _sources(self.placement)
            or self.fold
            or "received" in self.placement.routed()
        )

    def __iter__(self) -> Iterator[tuple[pl.DataFrame, list[BadRow]]]:
        """Each piece's rows typed (with the bad rows set aside), in file order."""
        path, placement, options = self.path, self.placement, self.options
        raw, self._first = self._first, None
        assert raw is not None, "a case file is typed once"
        typed, bad = _typed(path, _shown(path, raw, placement), placement, options)
        del raw  # each piece's raw cells are dropped once it is typed
        # Each piece in one chunk per column: pieces whose columns are cut in different
        # places (polars' reader cuts each column its own way) make any later select on the
        # whole frame copy all of it to line them up, 140 MB at a million complaints.
        yield typed.rechunk(), bad
        del typed
        for more in self._raws:
            _stop_on_columns(path, more, placement, options, first=False)
            typed, bad = _typed(path, more, placement, options)
            del more
            yield typed.rechunk(), bad
            del typed

    def case_frame(
        self,
        typed: pl.DataFrame,
        bad: list[BadRow],
        notes: tuple[str, ...] = (),
        rows: int | None = None,
    ) -> CaseFrame:
        table, sources = self.options.table, _sources(self.placement)
        if _REF_RAW in typed.columns:
            typed = typed.drop(_REF_RAW)
        return CaseFrame(
            path=self.path,
            frame=typed.select(list(table.schema())),
            present=frozenset(name for name in sources if name in table.fields),
            columns={name: i + 1 for name, i in sources.items()},
            headers={name: self.header[i] for name, i in sources.items()},
            ignored=self.placement.ignored[self.padding :],
            bad_rows=tuple(sorted(bad)),
            sheet=self.sheet,
            notes=(*self.notes, *notes),
            noun=table.noun,
            rows=rows,
        )


@dataclass
class CasePieces:
    """A case file read a piece at a time, each piece a :class:`CaseFrame` of whole
    complaints in file order, so that a command that only sums over complaints (the report)
    never holds the whole file's rows at once.

    Every check of :func:`read_case_file` is made: a piece's bad cells before it is handed
    over, and once every piece is, that no reference is repeated (a file whose complaint
    may take several rows, a one-row-per-stage export, is handed over whole, as one
    piece). A large file's first error may therefore be a later check on an earlier piece
    where a whole reading names a bad cell further down first; each is located. Iterating
    raises :class:`~chc.caseload.sources.Unsliced` at a piece that is not whole rows: read
    the file whole then (:func:`read_case_file`).
    """

    path: Path
    options: ReadOptions = field(default_factory=ReadOptions)
    read: CaseFrame | None = None
    """What was read, once every piece is handed over: ``rows`` complaints, no rows held."""

    def __iter__(self) -> Iterator[CaseFrame]:
        import polars as pl

        from chc.caseload.sources import Unsliced

        try:
            typing = _Typing(self.path, self.options, pieces=True)
        except Unsliced:  # the first piece is not whole rows: the file read whole
            typing = _Typing(self.path, self.options, pieces=False)
        if typing.whole_only:
            try:
                whole = _whole(typing)
            except Unsliced:
                whole = _read(self.path, self.options, pieces=False)
            self.read = whole
            yield whole
            return
        keys: list[pl.Series] = []
        bad: list[BadRow] = []
        rows = 0
        for typed, more_bad in typing:
            # A hash per reference (8 bytes) is all that is kept of a piece.
            keys.append(typed["reference"].str.to_lowercase().hash())
            rows += typed.height
            bad.extend(more_bad)
            piece = typing.case_frame(typed, more_bad)
            del typed
            yield piece
            del piece
        if keys and pl.concat(keys).n_unique() != rows:
            # A reference repeated (or two hashes equal): the whole reading names the lines,
            # as read_case_file does; if it finds none, every piece stands as it was.
            read_case_file(self.path, self.options)
        empty = pl.DataFrame(schema=dict(self.options.table.schema()))
        self.read = typing.case_frame(empty, bad, rows=rows)


def _sources(placement: Placement) -> dict[str, int]:
    """Each field the file gives and its column (0-based), stage-row columns included."""
    return {**placement.fields, **placement.routed()}


def header_choice(
    columns: ColumnsFile | None, row: int | None, table: FieldTable = COMPLAINTS
) -> HeaderChoice:
    """How to find the header row: the first that names a reference and a received date
    (or a stage's start; the ``table``'s two header keys), once normalised, or as the
    columns file or the table's aliases spell them."""
    from chc.caseload.columns import GENERIC, normalise
    from chc.caseload.sources import HeaderChoice

    mapping = columns.mapping if columns is not None else {}
    first, second = table.header_keys
    reference = {normalise(mapping.get(first, first))}
    received = {normalise(mapping.get(second, second))}
    reference |= {normalise(a) for a, name in table.aliases.items() if name == first}
    received |= {normalise(a) for a, name in table.aliases.items() if name == second}
    if table.stages:
        received |= {name for name, event in GENERIC.items() if event == "start"}
    if "stage_start" in mapping:
        received.add(normalise(mapping["stage_start"]))

    def test(cells: Sequence[str]) -> bool:
        keys = {normalise(c) for c in cells if c}
        return bool(keys & reference) and bool(keys & received)

    return HeaderChoice(test, row)


def _stop_on_columns(
    path: Path, raw: RawTable, placement: Placement, options: ReadOptions, *, first: bool
) -> None:
    """Every column chc cannot place, in one stop: headers that nearly match a field, event
    columns that feed none, and (in every piece) unused columns whose cells are dates."""
    from chc.caseload.columns import problems_message

    problems = _column_problems(raw, placement, options, first=first)
    if problems:
        raise CaseError(
            problems_message(problems),
            file=path,
            line=raw.header_line,
            column=problems[0].column,
        )


def _column_problems(
    raw: RawTable, placement: Placement, options: ReadOptions, *, first: bool
) -> list[Problem]:
    import polars as pl

    from chc.caseload import cells
    from chc.caseload.columns import Problem, date_candidates, unused_message

    problems = list(placement.problems) if first else []
    if placement.unplaced:
        texts = {i: pl.col(f"c{i}").str.strip_chars() for i in placement.unplaced}
        counts = raw.cells.select(
            *(t.is_not_null().sum().alias(f"filled {i}") for i, t in texts.items()),
            *(cells.looks_like_date(t, options.date_format).sum().alias(f"dated {i}")
              for i, t in texts.items()),
        ).row(0, named=True)  # fmt: skip
        given = _sources(placement)
        for i in placement.unplaced:
            if counts[f"dated {i}"] and 2 * counts[f"dated {i}"] >= counts[f"filled {i}"]:
                maybe = date_candidates(given, options.table)
                message = unused_message(raw.header[i], maybe, "holds dates")
                problems.append(Problem(i + 1, message, candidates=maybe))
    return sorted(problems)


def suggest_columns(path: Path, options: ReadOptions | None = None) -> str:
    """The columns file that would read ``path`` (``--suggest-columns``): what chc places,
    with every column it cannot place mapped or left out, each such line marked for a
    person to check. Reads the header and the first rows only."""
    import dataclasses

    from chc.caseload.columns import place
    from chc.caseload.columns_file import load_columns
    from chc.caseload.suggestion import suggested

    options = options or ReadOptions()
    table = options.table
    columns = load_columns(options.columns, table.keys) if options.columns is not None else None
    from chc.caseload.sources import Unsliced

    choice = header_choice(columns, options.header_row, table)
    try:
        raw = next(_raw(path, options, True, choice))
    except Unsliced:  # a first piece that is not whole rows: the file read whole
        raw = next(_raw(path, options, False, choice))
    placement = place(raw.header, path, columns, options.fields, options.ignore, table)
    placement = dataclasses.replace(
        placement, problems=tuple(_column_problems(raw, placement, options, first=True))
    )
    return suggested(path.name, raw.header, placement, columns)


def _shown(path: Path, raw: RawTable, placement: Placement) -> RawTable:
    """A workbook's reference cells that hold numbers, as the sheet shows them."""
    if raw.sheet is None:
        return raw
    from chc.caseload.workbooks import with_shown_numbers

    return with_shown_numbers(path, raw, placement.fields["reference"] + 1, "reference")


def _raw(
    path: Path, options: ReadOptions, pieces: bool, choice: HeaderChoice
) -> Iterator[RawTable]:
    from chc.caseload import sources, workbooks

    data = sources.read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        yield workbooks.read_xlsx(path, options.sheet, choice)
        return
    workbooks.check_not_a_workbook(path, data)
    if options.sheet is not None:
        raise CaseError("--sheet goes with an Excel workbook (.xlsx)", file=path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        if options.header_row is not None:
            raise CaseError("--header-row goes with a CSV file or a workbook", file=path)
        yield sources.read_jsonl(path, data)
    elif pieces:
        yield from sources.read_csv_pieces(path, data, choice=choice)
    else:
        yield sources.read_csv(path, data, choice)


def _check_required(path: Path, raw: RawTable, placement: Placement, table: FieldTable) -> None:
    given = _sources(placement)
    for name in table.required:
        if name not in given:
            shown = ", ".join(repr(h) for h in raw.header) or "(nothing)"
            raise CaseError(
                f"no {name!r} column; the header has: {shown}; map one with a --columns "
                f"file ('{name}: Your Header'), or give --header-row N if the header is "
                "another row",
                file=path,
                line=raw.header_line,
                column=1,
            )


def _typed(
    path: Path, raw: RawTable, placement: Placement, options: ReadOptions
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
    fields = _sources(placement)
    blank = pl.all_horizontal(
        pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in src.columns if c != LINE
    )
    table = options.table
    names = [name for name in table.all_fields if name in fields]
    text = {name: _text(pl.col(f"c{fields[name]}")) for name in names}
    extra: list[tuple[int, int, str]] = []
    if placement.by_stage:
        from chc.caseload.stages import routed_text, routing_errors

        text.update(routed_text(placement))
        extra = routing_errors(src, placement, raw.header)
    required = [n for n in table.required if n not in placement.routed()]
    checked = [name for name in names if table.checked(name)]
    values = src.lazy().select(
        *(_value(name, t, options).alias(name) for name, t in text.items()),
        *(text[n].is_not_null().alias(_GIVEN + n) for n in checked),
        *(cells.remedy_ok(text[n]).alias(_MONEY_OK + n) for n in checked if n in table.money),
        blank.alias(_BLANK),
    )
    both = pl.concat([src, values.collect(engine="in-memory")], how="horizontal")
    both = _dates(both, {n: t for n, t in text.items() if n in table.dates}, options)
    failed = {name: _failed(name, name in required, table) for name in checked}
    problems: list[pl.DataFrame] = []
    if failed and both.select(pl.any_horizontal(f.any() for f in failed.values())).item():
        for name, f in failed.items():
            found = both.filter(f & ~pl.col(_BLANK))
            found = found.select(pl.col(LINE), text[name].alias("raw"))
            if found.height:
                problems.append(found.with_columns(field=pl.lit(name)))
    reference_raw = pl.col(f"c{fields['reference']}").alias(_REF_RAW)
    typed = both.filter(~pl.col(_BLANK)).select(pl.col(LINE), *names, reference_raw)
    bad = _bad_cells(path, raw, problems, fields, options, extra)
    if bad:
        dropped = pl.Series([b.line for b in bad], dtype=pl.Int64)
        typed = typed.filter(~pl.col(LINE).is_in(dropped.implode()))
    return _with_all_fields(typed, table), bad


def _text(cell: pl.Expr) -> pl.Expr:
    """A cell's text, trimmed; null when empty."""
    import polars as pl

    t = cell.str.strip_chars()
    return pl.when(t != "").then(t)


# Working columns of the typing query (no header can be these: they hold a NUL).
_GIVEN, _MONEY_OK, _BLANK = "\0given ", "\0money ok ", "\0blank"
_REF_RAW, _KEY = "\0reference as written", "\0reference folded"


def _value(name: str, text: pl.Expr, options: ReadOptions) -> pl.Expr:
    from chc.caseload import cells

    if name in options.table.dates:
        return cells.date_layouts(text, options.date_format)[0]
    if name in options.table.numbers:
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


def _failed(name: str, required: bool, table: FieldTable) -> pl.Expr:
    """Where a cell of the field is bad: empty when required, or not what the field holds."""
    import polars as pl

    value, given = pl.col(name), pl.col(_GIVEN + name)
    if name in table.dates or name in table.numbers:
        failed = value.is_null() & given
    elif name in table.money:
        failed = ~pl.col(_MONEY_OK + name)
    else:
        failed = pl.lit(False)
    return failed | ~given if required else failed


def _bad_cells(
    path: Path,
    raw: RawTable,
    problems: list[pl.DataFrame],
    fields: dict[str, int],
    options: ReadOptions,
    extra: list[tuple[int, int, str]],
) -> list[BadRow]:
    """Every bad cell explained; the first stops the run unless bad rows are skipped."""
    found = [BadRow(line, column, message) for line, column, message in (*raw.errors, *extra)]
    placed: dict[int, str] = {}
    for name, i in fields.items():
        placed.setdefault(i + 1, name)
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

    dates = options.table.dates
    if text is None:
        return f"{name}: the date is empty" if name in dates else f"{name}: the cell is empty"
    if name in dates:
        return cells.explain_date(text, name, options.date_format)
    if name in options.table.numbers:
        return cells.explain_extension(text, name)
    return cells.explain_remedy(text, name)


def _with_all_fields(typed: pl.DataFrame, table: FieldTable) -> pl.DataFrame:
    import polars as pl

    missing = [
        pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in table.schema().items()
        if name not in typed.columns
    ]
    return typed.with_columns(missing) if missing else typed


def _combine(
    path: Path,
    typed: pl.DataFrame,
    placement: Placement,
    bad: list[BadRow],
    options: ReadOptions,
    fold: bool,
) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """Stage rows of one complaint merged; any other repeated reference stops the run, and
    so do references equal but for case or surrounding spaces (unless ``fold``: then they
    are one complaint, under the spelling of its first line)."""
    typed, notes = _merge(path, typed, placement, fold, options.table.noun)
    if "received" in placement.routed():
        from chc.caseload.stages import without_receipt

        typed = without_receipt(path, typed, _sources(placement), bad, options.skip_bad_rows)
    return typed, notes


def _merge(
    path: Path, typed: pl.DataFrame, placement: Placement, fold: bool, noun: str
) -> tuple[pl.DataFrame, tuple[str, ...]]:
    import polars as pl

    fields = _sources(placement)
    ref_column = fields["reference"] + 1
    key = typed["reference"].str.to_lowercase()
    # As many distinct hashes as rows: no two references are equal (a collision only sends
    # the file down the exact path below). Counting hashes took a third of the memory of
    # is_duplicated on a million references, which was the reader's peak.
    if key.hash().n_unique() == key.len():
        return typed.drop(_REF_RAW), ()
    if not key.is_duplicated().any():
        return typed.drop(_REF_RAW), ()
    typed = typed.with_columns(key.alias(_KEY))
    if fold:
        typed = typed.with_columns(pl.col("reference").first().over(_KEY))
    else:
        _check_spellings(path, typed, ref_column, noun)
    typed = typed.drop(_REF_RAW, _KEY)
    repeated = typed.filter(pl.col("reference").is_duplicated())
    if repeated.height == 0:
        return typed, ()
    if STAGE_FIELD not in fields:
        ref, first, second = _first_repeat(repeated)
        raise CaseError(
            f"the reference {ref!r} is on line {first} and again on line {second}; each "
            f"{noun} must be on one row{_STAGE_HINT if noun == 'complaint' else ''}: correct "
            "or remove one of them",
            file=path,
            line=second,
            column=ref_column,
        )
    from chc.caseload.stages import combine_stage_rows

    combined = combine_stage_rows(path, typed, fields)
    merged = typed.height - combined.height
    return combined, (f"{merged} stage row(s) combined with their complaint's first row",)


_STAGE_HINT = " (or the file needs a 'stage' column saying which stage each row describes)"


def _check_spellings(path: Path, typed: pl.DataFrame, column: int, noun: str) -> None:
    """References written differently (in case, or with spaces around them) that are the
    same once folded: one complaint (or hazard report) or two, chc cannot tell."""
    import polars as pl

    spellings = typed.group_by(_KEY).agg(pl.col(_REF_RAW).n_unique().alias("n"))
    mixed = spellings.filter(pl.col("n") > 1)[_KEY]
    if mixed.len() == 0:
        return
    rows = typed.filter(pl.col(_KEY).is_in(mixed.implode())).sort(LINE)
    first = rows.row(0, named=True)
    other = rows.filter((pl.col(_KEY) == first[_KEY]) & (pl.col(_REF_RAW) != first[_REF_RAW])).row(
        0, named=True
    )
    raise CaseError(
        f"the references {first[_REF_RAW]!r} (line {first[LINE]}) and {other[_REF_RAW]!r} "
        f"(line {other[LINE]}) differ only in case or spaces around them; if they are one "
        f"{noun}, add 'references: case-insensitive' to a --columns file; if they are "
        "two, correct one of them in the case system's export",
        file=path,
        line=other[LINE],
        column=column,
    )


def _first_repeat(repeated: pl.DataFrame) -> tuple[str, int, int]:
    import polars as pl

    first = repeated.sort(LINE).row(0, named=True)["reference"]
    lines = repeated.filter(pl.col("reference") == first)[LINE].sort().to_list()
    return str(first), int(lines[0]), int(lines[1])


def describe(case_frame: CaseFrame) -> str:
    """One short sentence: how many complaints, from how many columns; the mapping only of
    the columns whose header is not already the field's own name (matched by alias, by a
    --columns file, or with other case or spacing), and the columns left out."""
    where = case_frame.path.name
    if case_frame.sheet is not None:
        where += f" (sheet {case_frame.sheet!r})"
    by_column: dict[int, list[str]] = {}
    for name, column in case_frame.columns.items():
        by_column.setdefault(column, []).append(name)
    mapped = [
        f"{'/'.join(names)} <- {case_frame.headers[names[0]]!r}"
        + (" (by each row's stage)" if len(names) > 1 else "")
        for _, names in sorted(by_column.items())
        if len(names) > 1 or case_frame.headers[names[0]] != names[0]
    ]
    complaints = case_frame.count
    text = (
        f"read {where}: {complaints} {case_frame.noun}{'' if complaints == 1 else 's'} from "
        f"{len(by_column)} column{'' if len(by_column) == 1 else 's'}"
    )
    if mapped:
        text += "; " + ", ".join(mapped)
    if case_frame.ignored:
        text += "; ignored: " + ", ".join(repr(h) for h in case_frame.ignored)
    for note in case_frame.notes:
        text += f"; {note}"
    return text
