"""The self-assessment as a spreadsheet, for colleagues who hold the evidence in Excel.

:func:`to_xlsx` writes one row per item of the form (openpyxl) with a drop-down on comply;
:func:`read_sheet` reads the edited workbook back, every bad cell reported as
``answers.xlsx:Self-assessment:C7: ...``. Columns are found by their heading, so a person
may reorder them or add columns of their own (ignored). The workbook's "About" sheet holds
the edition, landlord and period, so that a sheet can become an answers file on its own.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from chc.assessment.answers import Answer, LoadedAnswers, normalise_id
from chc.assessment.render import COMPLY_LABELS
from chc.codes.model import Edition
from chc.errors import AnswersError

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from chc.inert import CellValue

SHEET = "Self-assessment"
ABOUT = "About"
# (field, heading, column width in characters); the first six headings are required.
COLUMNS = (
    ("id", "Item", 9),
    ("comply", "Comply", 15),
    ("evidence", "Evidence", 45),
    ("commentary", "Commentary", 45),
    ("action", "Action", 35),
    ("target_date", "Target date", 13),
    ("requirement", "Requirement (chc's summary)", 50),
    ("machine_filled", "Filled in by chc", 12),
)
_ORDER = ("id", "requirement", "comply", "evidence", "commentary", "action", "target_date")
_REQUIRED = {"id", "comply", "evidence", "commentary", "action", "target_date"}
_COMPLY_CHOICES = ("Yes", "No", "Partly", "Not applicable")


@dataclass(frozen=True, order=True)
class SheetProblem:
    """One bad cell: sheet and cell address as data, never parsed back out of a message."""

    sheet: str
    row: int
    column: str
    message: str

    @property
    def cell(self) -> str:
        return f"{self.column}{self.row}"


class SheetError(AnswersError):
    """A workbook that cannot be imported: every bad cell, each on its own line."""

    def __init__(self, path: Path, problems: list[SheetProblem]) -> None:
        first = problems[0]
        super().__init__(first.message, file=path)
        self.problems = tuple(problems)

    def __str__(self) -> str:
        return "\n".join(f"{self.file}:{p.sheet}:{p.cell}: {p.message}" for p in self.problems)


@dataclass(frozen=True)
class SheetAnswers:
    """What a workbook holds: the About sheet's values and the answers in row order."""

    code: str
    landlord: str | None
    period: str | None
    answers: dict[str, Answer]
    has_machine_column: bool


# -- export -----------------------------------------------------------------------------------


def to_xlsx(loaded: LoadedAnswers) -> bytes:
    """The answers as an .xlsx workbook: a row per item of the form, in the form's order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = SHEET
    layout = sorted(COLUMNS, key=lambda c: _ORDER.index(c[0]) if c[0] in _ORDER else 99)
    ws.append([heading for _, heading, _ in layout])
    for row, p in enumerate(loaded.edition.self_assessed, 2):
        a = loaded.answers.get(p.id, Answer())
        values = {
            "id": p.id,
            "requirement": p.summary,
            "comply": COMPLY_LABELS[a.comply] if a.comply else None,
            "evidence": a.evidence,
            "commentary": a.commentary,
            "action": a.action,
            "target_date": a.target_date,
            "machine_filled": "yes" if a.machine_filled else None,
        }
        _put_row(ws, row, [values[field] for field, _, _ in layout])
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (field, _, width) in enumerate(layout, 1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.alignment = wrap
            # Ids as text, or Excel turns 6.10 into the number 6.1.
            cell.number_format = {"id": "@", "target_date": "yyyy-mm-dd"}.get(field, "General")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE3EC")
        cell.alignment = wrap
    ws.freeze_panes = "B2"  # the header row and the item column stay in view
    ws.auto_filter.ref = ws.dimensions
    _validations(ws, layout, len(loaded.edition.self_assessed) + 1)
    _about(wb, loaded)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _put_row(ws: Worksheet, row: int, values: list[CellValue]) -> None:
    """Row ``row`` of ``ws``, every text a string cell (evidence written ``=HYPERLINK(...)``
    must not become a live formula) with no character XML cannot hold."""
    from chc.inert import xlsx_cell

    for column, value in enumerate(values, 1):
        xlsx_cell(ws.cell(row=row, column=column), value)


def _validations(ws: Worksheet, layout: list[tuple[str, str, int]], last: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    fields = [field for field, _, _ in layout]
    comply = get_column_letter(fields.index("comply") + 1)
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(_COMPLY_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Comply",
        error="Choose Yes, No, Partly or Not applicable, or leave the cell empty.",
    )
    choices.add(f"{comply}2:{comply}{last}")
    when = get_column_letter(fields.index("target_date") + 1)
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(1990,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Target date",
        error="A date, written YYYY-MM-DD.",
    )
    dates.add(f"{when}2:{when}{last}")
    ws.add_data_validation(choices)
    ws.add_data_validation(dates)


def _about(wb: Workbook, loaded: LoadedAnswers) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(ABOUT)
    about: list[list[CellValue]] = [
        ["code", loaded.code],
        ["landlord", loaded.landlord],
        ["period", loaded.period],
    ]
    for row, values in enumerate(about, 1):
        _put_row(ws, row, values)
    ws.append([])
    ws.append(["Written by chc self-assessment export. Edit the Self-assessment sheet, then:"])
    ws.append(["chc self-assessment import THIS.xlsx --into answers.yaml"])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40
    for row in ws.iter_rows(min_row=1, max_row=3, max_col=1):
        row[0].font = Font(bold=True)


# -- import -----------------------------------------------------------------------------------


def read_sheet(path: Path, edition_of: Callable[[str], Edition]) -> SheetAnswers:
    """Read an exported (and edited) workbook; ``edition_of(code)`` loads the edition.

    Every bad cell is collected and raised together as a :class:`SheetError`.
    """
    wb = _open(path)
    if SHEET not in wb.sheetnames:
        raise AnswersError(
            f"no sheet named {SHEET!r} (it has {', '.join(map(repr, wb.sheetnames))}); "
            "start from chc self-assessment export",
            file=path,
        )
    code, landlord, period = _read_about(path, wb)
    edition: Edition = edition_of(code)
    ws = wb[SHEET]
    columns = _header(path, ws)
    problems: list[SheetProblem] = []
    answers: dict[str, Answer] = {}
    rows: dict[str, int] = {}
    for row in ws.iter_rows(min_row=2):
        cells = {field: row[i] for field, i in columns.items() if i < len(row)}
        if all(_blank(c.value) for c in cells.values()):
            continue
        pid = _item_id(cells["id"], edition, rows, problems)
        if pid is None:
            continue
        rows[pid] = _place(cells["id"])[0]
        answer = _answer(cells, problems)
        if answer is not None:
            answers[pid] = answer
    if problems:
        raise SheetError(path, sorted(problems))
    return SheetAnswers(code, landlord, period, answers, "machine_filled" in columns)


def _open(path: Path) -> Workbook:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise AnswersError("import reads an Excel .xlsx workbook", file=path)
    _check_extent(path)
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise AnswersError("file not found", file=path) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise AnswersError(f"not an Excel workbook chc can read ({exc})", file=path) from None
    except OSError as exc:
        raise AnswersError(f"cannot be read: {exc.strerror}", file=path) from None


# A form has a few hundred rows and eight columns; openpyxl holds every cell of every
# sheet in memory, and walks a sheet from A1 to its last cell.
MAX_ROWS = 5_000
MAX_COLUMNS = 100
MAX_SHEET_BYTES = 16 * 1024 * 1024  # a sheet's XML unpacked; a form's is well under 1 MB


def _check_extent(path: Path) -> None:
    """Refuse, before openpyxl reads it, a workbook with a sheet far larger than a form:
    a stray cell at XFD1048576, or a zip bomb of millions of rows (the scan stops at the
    bound, so the bomb is never unpacked)."""
    import zipfile

    from chc.sheet_extent import measure, sheet_parts

    try:
        with zipfile.ZipFile(path) as book:
            for name, part in sheet_parts(book).items():
                size = book.getinfo(part).file_size  # zipfile never unpacks more
                if size > MAX_SHEET_BYTES:
                    raise AnswersError(
                        f"sheet {name!r} unpacks to {size / 2**20:,.0f} MB of XML; a "
                        f"self-assessment sheet is far smaller (chc reads up to "
                        f"{MAX_SHEET_BYTES / 2**20:,.0f} MB): is this the exported workbook?",
                        file=path,
                    )
                with book.open(part) as xml:
                    extent = measure(xml, bound=MAX_ROWS * MAX_COLUMNS)
                if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
                    raise AnswersError(
                        f"sheet {name!r} {extent.describe()}; a self-assessment sheet has "
                        f"at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns: delete what "
                        "lies past the form and save it again",
                        file=path,
                    )
    except (KeyError, OSError, zipfile.BadZipFile, SyntaxError):
        return  # not laid out as chc expects: openpyxl says what is wrong


def _read_about(path: Path, wb: Workbook) -> tuple[str, str | None, str | None]:
    if ABOUT not in wb.sheetnames:
        raise SheetError(
            path, [SheetProblem(ABOUT, 1, "A", "no About sheet: it names the Code edition")]
        )
    ws = wb[ABOUT]
    values = {
        str(row[0].value).strip(): (row[1].value if len(row) > 1 else None, row[0].row)
        for row in ws.iter_rows(max_row=10)
        if row[0].value is not None
    }
    code, line = values.get("code", (None, 1))
    if _blank(code):
        problem = SheetProblem(ABOUT, line, "B", "code: the Code edition is missing (e.g. 2024)")
        raise SheetError(path, [problem])

    def text(key: str) -> str | None:
        value = values.get(key, (None, 0))[0]
        return None if _blank(value) else str(value).strip()

    return str(code).strip(), text("landlord"), text("period")


def _header(path: Path, ws: Worksheet) -> dict[str, int]:
    from openpyxl.utils import get_column_letter

    by_heading = {heading.lower(): field for field, heading, _ in COLUMNS}
    columns: dict[str, int] = {}
    for i, cell in enumerate(ws[1]):
        field = by_heading.get(str(cell.value or "").strip().lower())
        if field is not None and field not in columns:
            columns[field] = i
    missing = [h for f, h, _ in COLUMNS if f in _REQUIRED and f not in columns]
    if missing:
        # Placed just after the last heading: where the missing column would go.
        after = get_column_letter(len([c for c in ws[1] if c.value is not None]) + 1)
        names = ", ".join(repr(m) for m in missing)
        message = f"the header row lacks the column(s) {names}"
        raise SheetError(path, [SheetProblem(SHEET, 1, after, message)])
    return columns


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _place(cell: Cell | MergedCell) -> tuple[int, str]:
    """A cell's row and column letter; a merged cell has no ``column_letter`` of its own."""
    from openpyxl.utils import get_column_letter

    return cell.row or 1, get_column_letter(cell.column or 1)


def _item_id(
    cell: Cell | MergedCell, edition: Edition, rows: dict[str, int], problems: list[SheetProblem]
) -> str | None:
    def fail(message: str) -> None:
        problems.append(SheetProblem(SHEET, *_place(cell), message))

    value = cell.value
    if _blank(value):
        fail("this row has answers but no item id")
        return None
    if not isinstance(value, str):
        fail(f"item id {value} is a number; format the column as text and write the id as shown")
        return None
    pid = normalise_id(value)
    p = edition.provision(pid)
    if pid in rows:
        fail(f"{pid} is answered twice (first in row {rows[pid]})")
    elif p is None:
        fail(f"the {edition.edition} edition has no item {pid}")
    elif not p.self_assessed:
        fail(f"{pid} is not on the {edition.edition} self-assessment form")
    else:
        return pid
    return None


def _answer(cells: dict[str, Cell | MergedCell], problems: list[SheetProblem]) -> Answer | None:
    data: dict[str, object] = {}
    for field in ("comply", "evidence", "commentary", "action", "target_date"):
        data[field] = _cell_value(cells[field].value, field)
    if "machine_filled" in cells:
        flag = cells["machine_filled"].value
        data["machine_filled"] = not _blank(flag) and str(flag).strip().lower() in ("yes", "true")
    try:
        return Answer.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "comply"
            cell = cells.get(field, cells["id"])
            msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            text = msg if msg.startswith(field) else f"{field}: {msg}"
            problems.append(SheetProblem(SHEET, *_place(cell), text))
        return None


def _cell_value(value: object, field: str) -> object:
    """A cell as the answers file would hold it: dates as dates, everything else as text."""
    if isinstance(value, datetime):
        if field == "target_date" and value.time() == datetime.min.time():
            return value.date()
        return value.isoformat(sep=" ")
    if isinstance(value, (date, str)) or value is None or field == "target_date":
        return value  # a number as a target date is refused by Answer, with its value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
