"""A caseload: many complaints from one CSV file, each with its timeline.

The CSV has a ``reference`` column and columns named like ``chc deadlines``' options
(``received``, ``stage1_acknowledged``, ``stage1_extension`` ...); ``code`` is optional per
row. Other columns are ignored here (``chc report`` reads some of them), so one export
feeds both commands.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chc.codes import Edition, edition_for_date, load_edition
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


@dataclass(frozen=True)
class BadRow:
    line: int
    column: int | None
    message: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "message": self.message}


def read_cases(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and (line number, row) pairs; a missing required column is an error."""
    from chc.yamlio import read_text

    text = read_text(path, error=CaseError)
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

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise CaseError(
                    f"{len(cells)} cells but the header has {len(header)} columns",
                    file=path,
                    line=line,
                    column=len(header) + 1,
                )
            yield line, {header[i]: cells[i].strip() for i in range(len(cells))}

    return header, rows()


def parse_row(path: Path, header: list[str], line: int, cells: dict[str, str]) -> Row:
    def column(name: str) -> int:
        return header.index(name) + 1

    values: dict[str, object] = {}
    reference = cells.get("reference", "")
    if not reference:
        raise CaseError("the reference is empty", file=path, line=line, column=column("reference"))
    for name in DATE_COLUMNS:
        raw = cells.get(name, "")
        if raw:
            try:
                values[name] = parse_date(raw, name)
            except ChcError as err:
                raise CaseError(err.message, file=path, line=line, column=column(name)) from None
    if "received" not in values:
        raise CaseError(
            "received: the date is empty", file=path, line=line, column=column("received")
        )
    for name in NUMBER_COLUMNS:
        raw = cells.get(name, "")
        if raw:
            if not raw.isdigit() or int(raw) == 0:
                raise CaseError(
                    f"{name}: {raw!r} is not a whole number of days above 0",
                    file=path,
                    line=line,
                    column=column(name),
                )
            values[name] = int(raw)
    complaint = Complaint(reference=reference, **values)  # type: ignore[arg-type]
    code = cells.get("code") or None
    known = set(DATE_COLUMNS) | set(NUMBER_COLUMNS) | {"reference", "code"}
    extra = {k: v for k, v in cells.items() if k not in known}
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
                    edition = editions[row.code] = load_edition(row.code)
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


def event_rows(results: list[CaseResult]) -> Iterator[dict[str, object]]:
    for r in results:
        for e in r.timeline.events:
            yield {
                "reference": r.row.complaint.reference,
                "code": r.timeline.code,
                "key": e.key,
                "stage": e.stage,
                "due": e.due.isoformat(),
                "from_event": e.from_event,
                "from_date": e.from_date.isoformat(),
                "amount": e.amount,
                "unit": e.unit,
                "provision": e.provision,
                "done": e.done.isoformat() if e.done else "",
                "status": e.status,
                "assumed": "true" if e.assumed else "false",
                "working_days_late": e.working_days_late,
            }


def to_csv(rows: Iterator[dict[str, object]], columns: tuple[str, ...] = EVENT_CSV_COLUMNS) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
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
        for e in r.timeline.events:
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
