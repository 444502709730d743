"""One caseload run's request, and its complaints a batch at a time or whole.

The rule that a run with no usable row stops before anything is written lives here, so
every caller (the CLI, a script using chc as a library) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chc.caseload.frame import BadRow, CaseFrame
from chc.errors import CaseError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.engine import Caseload


@dataclass(frozen=True)
class CaseloadRequest:
    """What to compute for a case file already read: the calendar, the day judged on, the
    edition (None: each complaint's own) and whether bad rows are skipped or stop the run."""

    frame: CaseFrame
    calendar: WorkingCalendar
    as_of: date
    code: str | None = None
    skip_bad_rows: bool = False


@dataclass
class Batches:
    """A request's results, noting the complaints counted and the bad rows skipped.

    ``on_none`` is handed the bad rows just before a run with no usable row stops, so
    that the caller can list them first."""

    request: CaseloadRequest
    on_none: Callable[[tuple[BadRow, ...]], None] = lambda bad: None
    bad: list[BadRow] = field(default_factory=list)
    count: int = 0

    def parts(self) -> Iterator[Caseload]:
        """The caseload a batch at a time. Batches are held back until one has a usable
        row, so that a run with none stops before anything is written."""
        from chc.caseload import engine

        r = self.request
        source = engine.parts(
            r.frame, r.calendar, r.as_of, code=r.code, skip_bad_rows=r.skip_bad_rows
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
        """The whole caseload at once (for a view or a calendar), checked for a usable row."""
        from chc.caseload import engine

        r = self.request
        c = engine.compute(r.frame, r.calendar, r.as_of, code=r.code, skip_bad_rows=r.skip_bad_rows)
        self.bad.extend(c.bad_rows)
        self.count = c.count
        self.check_usable()
        return c

    def check_usable(self) -> None:
        if self.request.skip_bad_rows and self.count == 0:
            self.on_none(tuple(self.bad))
            raise CaseError(
                f"no row could be used: all {len(self.bad)} row(s) are bad (listed above)",
                file=self.request.frame.path,
            )
