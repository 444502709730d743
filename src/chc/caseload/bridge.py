"""A temporary bridge: a :class:`CaseFrame` fed to the scalar path, until the engine lands.

The columnar engine (:mod:`chc.caseload.engine`) will compute due dates from the frame
directly. Until then ``chc deadlines --cases`` and ``chc report`` read every case file
through :func:`chc.caseload.reading.read_case_file` and turn its rows into the existing
:class:`~chc.caseload.cases.Row` objects here, so that both commands already read what real
case systems export.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from chc.caseload.frame import DATE_FIELDS, LINE, NUMBER_FIELDS, REPORT_FIELDS, BadRow, CaseFrame
from chc.errors import CaseError, ChcError

if TYPE_CHECKING:
    from chc.caseload.cases import CaseResult, Row
    from chc.codes.model import Edition
    from chc.workdays import WorkingCalendar


def rows(cases: CaseFrame) -> list[Row]:
    """Each complaint of the frame as the scalar path's Row."""
    from chc.caseload.cases import Row
    from chc.deadlines import Complaint

    report = [name for name in REPORT_FIELDS if name in cases.present]
    out: list[Row] = []
    for values in cases.frame.iter_rows(named=True):
        dated = {name: values[name] for name in (*DATE_FIELDS, *NUMBER_FIELDS)}
        complaint = Complaint(reference=values["reference"], **dated)
        extra = {name: values[name] or "" for name in report}
        out.append(Row(values[LINE], complaint, values["code"], extra))
    return out


def process(
    cases: CaseFrame,
    calendar: WorkingCalendar,
    as_of: date,
    *,
    code: str | None = None,
    skip_bad_rows: bool = False,
) -> tuple[list[CaseResult], list[BadRow]]:
    """Every case's timeline, as :func:`chc.caseload.cases.process` gives it."""
    from chc.caseload.cases import CaseResult
    from chc.codes.choice import edition_for_date
    from chc.codes.loading import load_edition
    from chc.deadlines import compute

    fixed: Edition | None = load_edition(code) if code is not None else None
    editions: dict[str, Edition] = {}
    results: list[CaseResult] = []
    bad = list(cases.bad_rows)
    for row in rows(cases):
        try:
            if row.code is not None:
                edition = editions.get(row.code)
                if edition is None:
                    try:
                        edition = editions[row.code] = load_edition(row.code)
                    except ChcError as err:
                        column = cases.columns["code"]
                        raise CaseError(err.message, line=row.line, column=column) from None
            else:
                edition = fixed or edition_for_date(row.complaint.received)
            results.append(CaseResult(row, compute(row.complaint, edition, calendar, as_of)))
        except ChcError as err:
            if not skip_bad_rows:
                raise CaseError(
                    err.message, file=cases.path, line=row.line, column=err.column
                ) from None
            bad.append(BadRow(row.line, err.column, err.message))
    return results, sorted(bad)


def report_header(cases: CaseFrame) -> list[str]:
    """A header in which each present field stands at its column in the file.

    The report's fact checks locate a bad cell by ``header.index(name) + 1``.
    """
    width = max(cases.columns.values(), default=0)
    header = [f"\0{i}" for i in range(width)]
    for name, column in cases.columns.items():
        header[column - 1] = name
    return header
