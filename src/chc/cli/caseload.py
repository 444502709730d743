"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chc.caseload.batches import Batches, CaseloadRequest
from chc.caseload.reading import ReadOptions
from chc.cli.options import Destination, report_bad, say, suggest
from chc.errors import InputError
from chc.workdays import WorkingCalendar


@dataclass(frozen=True)
class _Job:
    """One run of ``chc deadlines --cases``: its batches and where they go."""

    batches: Batches
    summary: bool
    remind: int | None
    dest: Destination


def _machine(fmt: str) -> Callable[[_Job], None]:
    """CSV, JSON lines or JSON: streamed, a batch of complaints at a time."""

    def write(job: _Job) -> None:
        from chc.caseload import writers

        writer = (writers.SUMMARY_WRITERS if job.summary else writers.WRITERS)[fmt]

        job.dest.stream(lambda out: writer(job.batches.parts(), out))

    return write


def _text(job: _Job) -> None:
    from chc.terminal.caseload import cases_view, summary_view

    c = job.batches.whole()
    job.dest.show(summary_view(c) if job.summary else cases_view(c))


def _ics(job: _Job) -> None:
    """Every open due date of every complaint, one calendar (done events left out)."""
    from chc.caseload.writers import event_pairs
    from chc.ics import to_ics

    c = job.batches.whole()
    ics = to_ics(
        event_pairs(c), as_of=c.as_of, open_only=True, remind=job.remind, calendar=c.calendar
    )
    job.dest.write(ics)


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

    dest = Destination(output, force, (cases,), quiet)
    if fmt is None:
        # A person at a terminal is shown what needs doing; a pipe or a file gets CSV.
        summary = summary or dest.at_terminal
        fmt = "text" if summary else "csv"
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
    request = CaseloadRequest(frame, calendar, as_of, code, skip_bad_rows)
    batches = Batches(request, on_none=lambda bad: report_bad(bad, frame.path))
    formatter(_Job(batches, summary, remind, dest))
    # Said once every row is computed, so that a stop stays the one line on stderr.
    if not quiet:
        say(describe(frame))
    if (future := future_dated(frame, as_of)) is not None:
        say(f"warning: {future}")
    report_bad(tuple(batches.bad), cases, skip_bad_rows)
