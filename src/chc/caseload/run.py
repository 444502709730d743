"""One caseload run as a library call: which format, read the case file, the batches.

What `chc deadlines --cases` does between parsing its options and writing: the rules of
which formats a caseload has and which go together, the reading, and what a person should
hear once every row is computed. The CLI (or a script) then hands the result to a writer
and the lines to standard error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chc.caseload.batches import Batches, CaseloadRequest
from chc.caseload.reading import ReadOptions
from chc.errors import InputError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.frame import BadRow, CaseFrame

# Every format a caseload can be written as. The machine formats are streamed a batch at a
# time; "text" (a people's view) and "ics" (one calendar) need the whole caseload.
STREAMED = ("csv", "csv-raw", "jsonl", "json")
FORMATS = (*STREAMED, "text", "ics")


@dataclass(frozen=True)
class CaseloadJob:
    """What to do with a case file: read it how, count in which calendar, judged on which
    day, under which edition (None: each complaint's own), written as which format."""

    cases: Path
    calendar: WorkingCalendar
    as_of: date
    code: str | None = None
    fmt: str | None = None
    summary: bool = False
    skip_bad_rows: bool = False
    remind: int | None = None
    read: ReadOptions = field(default_factory=ReadOptions)

    def format(self) -> str:
        """The format to write (the summary's default is text, the caseload's CSV), refused
        when a caseload has no such format or it does not go with --summary."""
        fmt = self.fmt or ("text" if self.summary else "csv")
        if fmt not in FORMATS:
            raise InputError(
                f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
            )
        if fmt == "ics" and self.summary:
            raise InputError(
                "--summary does not go with --format ics: the calendar holds every open event"
            )
        return fmt

    def options(self) -> ReadOptions:
        """The reader's options, with the job's choice on bad rows."""
        return replace(self.read, skip_bad_rows=self.skip_bad_rows)


@dataclass(frozen=True)
class CaseloadRun:
    """A job's case file read, and its complaints to come a batch at a time or whole."""

    job: CaseloadJob
    frame: CaseFrame
    batches: Batches

    def stream(self, fmt: str) -> Callable[[BinaryIO], None]:
        """The writer of a streamed format, a batch of complaints at a time."""
        from chc.caseload import writers

        writer = (writers.SUMMARY_WRITERS if self.job.summary else writers.WRITERS)[fmt]
        return lambda out: writer(self.batches.parts(), out)

    def ics(self) -> bytes:
        """Every open due date of every complaint, one calendar (done events left out)."""
        from chc.caseload.writers import event_pairs
        from chc.ics import to_ics

        c = self.batches.whole()
        return to_ics(
            event_pairs(c),
            as_of=c.as_of,
            open_only=True,
            remind=self.job.remind,
            calendar=c.calendar,
        )

    def notes(self, quiet: bool = False) -> list[str]:
        """What a person should hear once every row is computed: what was read (unless
        ``quiet``) and any complaint dated after the day judged on."""
        from chc.caseload.engine import future_dated
        from chc.caseload.reading import describe

        said = [] if quiet else [describe(self.frame)]
        if (future := future_dated(self.frame, self.job.as_of)) is not None:
            said.append(f"warning: {future}")
        return said

    @property
    def bad(self) -> tuple[BadRow, ...]:
        """The bad rows skipped so far."""
        return tuple(self.batches.bad)


def open_caseload(
    job: CaseloadJob, on_none: Callable[[tuple[BadRow, ...]], None] = lambda bad: None
) -> CaseloadRun:
    """Read the job's case file (a bad cell stops, located). ``on_none`` is handed the bad
    rows just before a run with no usable row stops, so that they can be listed first."""
    from chc.caseload.reading import read_case_file

    frame = read_case_file(job.cases, job.options())
    request = CaseloadRequest(frame, job.calendar, job.as_of, job.code, job.skip_bad_rows)
    return CaseloadRun(job, frame, Batches(request, on_none=on_none))
