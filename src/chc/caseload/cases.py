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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from chc.caseload.frame import BadRow
from chc.codes.choice import edition_for_date
from chc.codes.loading import load_edition
from chc.codes.model import Edition
from chc.dates import parse_date
from chc.deadlines import Complaint, Timeline, compute
from chc.errors import CaseError, ChcError
from chc.workdays import WorkingCalendar

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

EVENT_CSV_COLUMNS = (
    "reference",
    "code",
    "key",
    "stage",
    "due",
    "from_event",
    "from_date",
    "amount",
    "unit",
    "provision",
    "done",
    "status",
    "assumed",
    "working_days_late",
)


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


@dataclass(frozen=True)
class CaseResult:
    row: Row
    timeline: Timeline


def process(
    path: Path,
    calendar: WorkingCalendar,
    as_of: date,
    *,
    code: str | None = None,
    skip_bad_rows: bool = False,
) -> tuple[list[CaseResult], list[BadRow]]:
    """Every case's timeline. A bad row stops everything unless ``skip_bad_rows``."""
    header, rows = read_cases(path)
    return _process_rows(path, header, rows, calendar, as_of, code, skip_bad_rows)


def _process_rows(
    path: Path,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    calendar: WorkingCalendar,
    as_of: date,
    code: str | None,
    skip_bad_rows: bool,
) -> tuple[list[CaseResult], list[BadRow]]:
    fixed: Edition | None = load_edition(code) if code is not None else None
    editions: dict[str, Edition] = {}
    results: list[CaseResult] = []
    bad: list[BadRow] = []
    for line, cells in rows:
        try:
            row = parse_row(path, header, line, cells)
            if row.code is not None:
                edition = editions.get(row.code)
                if edition is None:
                    try:
                        edition = editions[row.code] = load_edition(row.code)
                    except ChcError as err:
                        column = header.index("code") + 1
                        raise CaseError(err.message, file=path, line=line, column=column) from None
            elif fixed is not None:
                edition = fixed
            else:
                edition = edition_for_date(row.complaint.received)
            try:
                timeline = compute(row.complaint, edition, calendar, as_of)
            except ChcError as err:
                raise CaseError(err.message, file=path, line=line) from None
            results.append(CaseResult(row, timeline))
        except ChcError as err:
            if not skip_bad_rows:
                if err.file is None:
                    raise CaseError(err.message, file=path, line=line) from None
                raise
            bad.append(BadRow(line, err.column, err.message))
    return results, bad


# -- the CSV fast path: both cores ------------------------------------------------------

# Below this many rows a second process costs more than it saves.
PARALLEL_MIN_ROWS = 20_000
_shared: dict[str, Any] = {}


def _csv_chunk(index: int) -> tuple[str, list[BadRow], tuple[str, int | None, int | None] | None]:
    """Worker: one slice of the rows to CSV text (text pickles fast; timelines do not)."""
    job = _shared
    rows = job["chunks"][index]
    try:
        results, bad = _process_rows(
            job["path"],
            job["header"],
            rows,
            job["calendar"],
            job["as_of"],
            job["code"],
            job["skip"],
        )
    except ChcError as err:
        return "", [], (err.message, err.line, err.column)
    return events_csv(results, header=False), bad, None


def process_to_csv(
    path: Path,
    calendar: WorkingCalendar,
    as_of: date,
    *,
    code: str | None = None,
    skip_bad_rows: bool = False,
) -> tuple[str, list[BadRow]]:
    """``events_csv(process(...))``, on two processes for a large file where fork exists.

    The output is the same byte for byte: the rows are split in order and the pieces
    joined in order; the first bad row (in file order) is the one reported.
    """
    import multiprocessing
    import os

    header, rows_iter = read_cases(path)
    rows = list(rows_iter)
    workers = min(2, os.cpu_count() or 1)
    if (
        len(rows) < PARALLEL_MIN_ROWS
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results, bad = _process_rows(path, header, rows, calendar, as_of, code, skip_bad_rows)
        return events_csv(results), bad
    # Warm the caches (editions, calendar tables) in the parent so the children inherit them.
    _process_rows(path, header, rows[:50], calendar, as_of, code, True)
    half = len(rows) // 2
    _shared.update(
        path=path,
        header=header,
        chunks=[rows[:half], rows[half:]],
        calendar=calendar,
        as_of=as_of,
        code=code,
        skip=skip_bad_rows,
    )
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_csv_chunk, range(2))
    finally:
        _shared.clear()
    texts: list[str] = [",".join(EVENT_CSV_COLUMNS) + "\n"]
    bad_rows: list[BadRow] = []
    for text, bad, error in parts:
        if error is not None:
            message, line, column = error
            raise CaseError(message, file=path, line=line, column=column)
        texts.append(text)
        bad_rows.extend(bad)
    return "".join(texts), bad_rows


def _csv_field(text: str) -> str:
    """Quote a free-text field the way the csv module does (RFC 4180)."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def events_csv(results: list[CaseResult], *, header: bool = True) -> str:
    """The events as CSV text (EVENT_CSV_COLUMNS), written out by hand, which is twice as
    fast as the csv module; only the free-text reference and code can need quoting."""
    out = io.StringIO(newline="")
    if header:
        out.write(",".join(EVENT_CSV_COLUMNS) + "\n")
    for r in results:
        head = f"{_csv_field(r.row.complaint.reference or '')},{_csv_field(r.timeline.code)}"
        for e in r.timeline.events:
            out.write(
                f"{head},{e.key},{e.stage},{e.due.isoformat()},{e.from_event},"
                f"{e.from_date.isoformat()},{e.amount},{e.unit},{e.provision},"
                f"{e.done.isoformat() if e.done else ''},{e.status},"
                f"{'true' if e.assumed else 'false'},{e.working_days_late}\n"
            )
    return out.getvalue()


def to_csv(rows: Iterable[tuple[object, ...]], columns: tuple[str, ...] = EVENT_CSV_COLUMNS) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def case_json(r: CaseResult) -> dict[str, object]:
    return {"reference": r.row.complaint.reference, "line": r.row.line, **r.timeline.as_json()}


@dataclass(frozen=True)
class Attention:
    """An event that is overdue, or open and due within the look-ahead window."""

    reference: str
    key: str
    provision: str
    due: date
    status: str
    working_days_late: int
    working_days_left: int


def summary(
    results: list[CaseResult], calendar: WorkingCalendar, as_of: date, days: int = 5
) -> list[Attention]:
    """What needs attention: overdue events, then those due in the next ``days`` working days."""
    horizon = calendar.add(as_of, days)
    out: list[Attention] = []
    for r in results:
        keys = {e.key for e in r.timeline.events}
        for e in r.timeline.events:
            if f"{e.key}_extended" in keys:
                continue  # an extension replaced this due date; the extended one counts
            if e.status == "overdue" or (e.status == "open" and e.due <= horizon):
                out.append(
                    Attention(
                        reference=r.row.complaint.reference or "",
                        key=e.key,
                        provision=e.provision,
                        due=e.due,
                        status=e.status,
                        working_days_late=e.working_days_late,
                        working_days_left=calendar.between(as_of, e.due)
                        if e.status == "open"
                        else 0,
                    )
                )
    out.sort(key=lambda a: (a.due, a.reference, a.key))
    return out


SUMMARY_COLUMNS = (
    "reference",
    "key",
    "provision",
    "due",
    "status",
    "working_days_late",
    "working_days_left",
)


def attention_json(a: Attention) -> dict[str, object]:
    return {
        "reference": a.reference,
        "key": a.key,
        "provision": a.provision,
        "due": a.due.isoformat(),
        "status": a.status,
        "working_days_late": a.working_days_late,
        "working_days_left": a.working_days_left,
    }
