"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chc.caseload.frame import BadRow
from chc.caseload.reading import ReadOptions
from chc.cli.app import emit, show
from chc.errors import CaseError, InputError
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
    read: ReadOptions | None = None,
    quiet: bool = False,
) -> None:
    from chc.caseload import writers

    fmt = fmt or ("text" if summary else "csv")
    if fmt not in FORMATS:
        raise InputError(
            f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
        )
    if fmt == "ics" and summary:
        raise InputError(
            "--summary does not go with --format ics: the calendar holds every open event"
        )
    result = compute_caseload(cases, calendar, as_of, code, skip_bad_rows, read, quiet)
    inputs = (cases,)
    if fmt == "ics":
        _write_ics(result, remind, output, force, inputs)
    elif fmt == "text":
        from chc.terminal.caseload import cases_view, summary_view

        view = summary_view(result) if summary else cases_view(result)
        show(view, output, force, inputs)
    else:
        table = writers.SUMMARY_WRITERS if summary else writers.WRITERS
        deliver(lambda out: table[fmt](result, out), output, force, inputs)
    _report_bad(result.bad_rows, cases, skip_bad_rows)


def compute_caseload(
    cases: Path,
    calendar: WorkingCalendar,
    as_of: date,
    code: str | None,
    skip_bad_rows: bool,
    read: ReadOptions | None,
    quiet: bool,
) -> Caseload:
    """Read the case file (saying how, unless quiet) and compute every complaint."""
    import dataclasses

    from chc.caseload import engine
    from chc.caseload.reading import describe, read_case_file

    options = dataclasses.replace(read or ReadOptions(), skip_bad_rows=skip_bad_rows)
    frame = read_case_file(cases, options)
    result = engine.compute(frame, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows)
    # Said once the file is read and checked, so that a stop stays the one line on stderr.
    if not quiet:
        say(describe(frame))
    if skip_bad_rows and result.count == 0:
        _report_bad(result.bad_rows, cases, skip_bad_rows)
        raise CaseError(
            f"no row could be used: all {len(result.bad_rows)} row(s) are bad (listed above)",
            file=cases,
        )
    return result


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


def say(text: str) -> None:
    """One line on stderr, for a person (never part of the output)."""
    from chc.terminal.console import console

    console(stderr=True).print(f"chc: {text}", markup=False, highlight=False, soft_wrap=True)


def _report_bad(bad: tuple[BadRow, ...], cases: Path, skipping: bool = True) -> None:
    if not bad:
        if skipping:
            say(f"skipped 0 bad rows in {cases}")
        return
    from chc.terminal.console import console

    err = console(stderr=True)
    err.print(f"chc: skipped {len(bad)} bad row(s) in {cases}:", markup=False)
    for b in bad:
        where = f"{cases}:{b.line}" + (f":{b.column}" if b.column else "")
        err.print(f"  {where}: {b.message}", markup=False)
