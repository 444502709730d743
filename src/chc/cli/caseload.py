"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chc.caseload.frame import BadRow, CaseFrame
from chc.caseload.reading import ReadOptions
from chc.cli.app import emit, show
from chc.errors import CaseError, InputError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.engine import Caseload


@dataclass
class _Job:
    """One run of ``chc deadlines --cases``: what was read and how to write it."""

    frame: CaseFrame
    calendar: WorkingCalendar
    as_of: date
    code: str | None
    skip_bad_rows: bool
    summary: bool
    remind: int | None
    output: Path | None
    force: bool
    bad: list[BadRow] = field(default_factory=list)
    count: int = 0

    def parts(self) -> Iterator[Caseload]:
        """The caseload a batch at a time, noting each batch's complaints and bad rows.

        Batches are held back until one has a usable row, so that a run with none stops
        before anything is written.
        """
        from chc.caseload import engine

        source = engine.parts(
            self.frame, self.calendar, self.as_of, code=self.code, skip_bad_rows=self.skip_bad_rows
        )
        # A batch is handed over, never kept: one referenced here would stay in memory
        # while the next is computed.
        held: list[Caseload] = []
        for part in source:
            self._note(part)
            held.append(part)
            del part
            if self.count:
                break
        else:
            self.check_usable()
        while held:
            yield held.pop(0)
        for part in source:
            self._note(part)
            yield part
            del part

    def _note(self, part: Caseload) -> None:
        self.bad.extend(part.bad_rows)
        self.count += part.count

    def whole(self) -> Caseload:
        from chc.caseload import engine

        c = engine.compute(
            self.frame, self.calendar, self.as_of, code=self.code, skip_bad_rows=self.skip_bad_rows
        )
        self.bad.extend(c.bad_rows)
        self.count = c.count
        return c

    @property
    def inputs(self) -> tuple[Path, ...]:
        return (self.frame.path,)

    def check_usable(self) -> None:
        if self.skip_bad_rows and self.count == 0:
            _report_bad(tuple(self.bad), self.frame.path)
            raise CaseError(
                f"no row could be used: all {len(self.bad)} row(s) are bad (listed above)",
                file=self.frame.path,
            )


def _machine(fmt: str) -> Callable[[_Job], None]:
    """CSV, JSON lines or JSON: streamed, a batch of complaints at a time."""

    def write(job: _Job) -> None:
        from chc.caseload import writers

        writer = (writers.SUMMARY_WRITERS if job.summary else writers.WRITERS)[fmt]

        deliver(lambda out: writer(job.parts(), out), job.output, job.force, job.inputs)

    return write


def _text(job: _Job) -> None:
    from chc.terminal.caseload import cases_view, summary_view

    c = job.whole()
    job.check_usable()
    show(summary_view(c) if job.summary else cases_view(c), job.output, job.force, job.inputs)


def _ics(job: _Job) -> None:
    """Every open due date of every complaint, one calendar (done events left out)."""
    from chc.caseload.writers import event_pairs
    from chc.ics import to_ics

    c = job.whole()
    job.check_usable()
    ics = to_ics(
        event_pairs(c), as_of=c.as_of, open_only=True, remind=job.remind, calendar=c.calendar
    )
    emit(ics, job.output, job.force, job.inputs)


FORMATTERS: dict[str, Callable[[_Job], None]] = {
    "csv": _machine("csv"),
    "csv-raw": _machine("csv-raw"),
    "jsonl": _machine("jsonl"),
    "json": _machine("json"),
    "text": _text,
    "ics": _ics,
}
FORMATS = tuple(FORMATTERS)


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
    suggest_to: Path | None = None,
) -> None:
    import dataclasses

    from chc.caseload.engine import future_dated
    from chc.caseload.reading import describe, read_case_file

    fmt = fmt or ("text" if summary else "csv")
    formatter = FORMATTERS.get(fmt)
    if formatter is None:
        raise InputError(
            f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
        )
    if fmt == "ics" and summary:
        raise InputError(
            "--summary does not go with --format ics: the calendar holds every open event"
        )
    options = dataclasses.replace(read or ReadOptions(), skip_bad_rows=skip_bad_rows)
    suggest(cases, options, suggest_to, force)
    frame = read_case_file(cases, options)
    job = _Job(frame, calendar, as_of, code, skip_bad_rows, summary, remind, output, force)
    formatter(job)
    # Said once every row is computed, so that a stop stays the one line on stderr.
    if not quiet:
        say(describe(frame))
    if (future := future_dated(frame, as_of)) is not None:
        say(f"warning: {future}")
    _report_bad(tuple(job.bad), cases, skip_bad_rows)


def read_options(
    columns: Path | None,
    sheet: str | None,
    date_format: str | None,
    ignore: list[str] | None,
    header_row: int | None,
    fields: tuple[str, ...] | None = None,
) -> ReadOptions:
    """The reader's options from the command line."""
    read = ReadOptions(
        columns=columns,
        sheet=sheet,
        date_format=date_format,
        ignore=tuple(ignore or ()),
        header_row=header_row,
    )
    if fields is not None:
        import dataclasses

        read = dataclasses.replace(read, fields=fields)
    return read


def suggest(cases: Path, read: ReadOptions, target: Path | None, force: bool) -> None:
    """``--suggest-columns FILE``: write the columns file that would read ``cases``, before
    the run (which then stops, or not, as it would have)."""
    if target is None:
        return
    from chc.caseload.reading import suggest_columns
    from chc.output import write_atomic

    inputs = tuple(p for p in (cases, read.columns) if p is not None)
    write_atomic(target, suggest_columns(cases, read), force=force, inputs=inputs)
    say(f"wrote {target}: check each line marked 'check', then pass it with --columns {target}")


def deliver(
    write: Callable[[BinaryIO], None], output: Path | None, force: bool, inputs: tuple[Path, ...]
) -> None:
    """Stream to standard output, or to --output through a temporary file and a rename."""
    if output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    from chc.output import atomic_output, written_back

    with atomic_output(output, force=force, inputs=inputs) as handle, written_back(handle):
        write(handle)


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
    for b in sorted(bad):
        where = f"{cases}:{b.line}" + (f":{b.column}" if b.column else "")
        err.print(f"  {where}: {b.message}", markup=False)
