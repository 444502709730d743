"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chc.caseload.frame import BadRow
from chc.cli.app import emit, show
from chc.errors import InputError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.engine import Caseload

FORMATS = ("csv", "jsonl", "json", "text", "ics")


def run_caseload(
    cases: Path,
    calendar: WorkingCalendar,
    as_of: date,
    code: str | None,
    fmt: str | None,
    summary: bool,
    skip_bad_rows: bool,
    output: Path | None,
    force: bool,
    remind: int | None = None,
) -> None:
    from chc.caseload import engine, writers
    from chc.caseload.cases import read_frame

    fmt = fmt or ("text" if summary else "csv")
    if fmt not in FORMATS:
        raise InputError(
            f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
        )
    if fmt == "ics" and summary:
        raise InputError(
            "--summary does not go with --format ics: the calendar holds every open event"
        )
    frame = read_frame(cases, skip_bad_rows=skip_bad_rows)
    result = engine.compute(frame, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows)
    _report_bad(result.bad_rows, cases)
    if skip_bad_rows and result.count == 0:
        raise InputError(
            f"no usable row: all {len(result.bad_rows)} row(s) were skipped", file=cases
        )
    inputs = (cases,)
    if fmt == "ics":
        _write_ics(result, remind, output, force, inputs)
        return
    if fmt == "text":
        from chc.terminal.caseload import cases_view, summary_view

        view = summary_view(result) if summary else cases_view(result)
        show(view, output, force, inputs)
        return
    table = writers.SUMMARY_WRITERS if summary else writers.WRITERS
    deliver(lambda out: table[fmt](result, out), output, force, inputs)


def deliver(
    write: Callable[[BinaryIO], None], output: Path | None, force: bool, inputs: tuple[Path, ...]
) -> None:
    """Stream to standard output, or to --output through a temporary file and a rename."""
    if output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    from chc.output import atomic_output

    with atomic_output(output, force=force, inputs=inputs) as handle:
        write(handle)


def _write_ics(
    c: Caseload, remind: int | None, output: Path | None, force: bool, inputs: tuple[Path, ...]
) -> None:
    """Every open due date of every complaint, one calendar (done events left out)."""
    from chc.caseload.writers import event_pairs
    from chc.ics import to_ics

    ics = to_ics(event_pairs(c), as_of=c.as_of, open_only=True, remind=remind, calendar=c.calendar)
    emit(ics, output, force, inputs)


def _report_bad(bad: tuple[BadRow, ...], cases: Path) -> None:
    if not bad:
        return
    from chc.terminal.console import console

    err = console(stderr=True)
    err.print(f"chc: skipped {len(bad)} bad row(s) in {cases}:", markup=False)
    for b in bad:
        where = f"{cases}:{b.line}" + (f":{b.column}" if b.column else "")
        err.print(f"  {where}: {b.message}", markup=False)
