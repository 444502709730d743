"""Option objects: what a command's options mean, built once per command and frozen.

A command turns its flags into these at the top and hands them on, instead of passing a
dozen loose values and repeating the same checks in every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chc.workdays import WorkingCalendar


@dataclass(frozen=True)
class CalendarOptions:
    """--region, --closed and --closed-file: the working calendar a command counts in."""

    region: str
    closed: tuple[str, ...] = ()
    closed_file: Path | None = None

    @classmethod
    def of(
        cls, region: str, closed: Iterable[str] | None, closed_file: Path | None
    ) -> CalendarOptions:
        return cls(region, tuple(closed or ()), closed_file)

    def calendar(self) -> WorkingCalendar:
        """The region's calendar less the closure days (a bad closure day stops, located)."""
        from chc.closures import read_closed
        from chc.workdays import calendar_for

        return calendar_for(self.region, read_closed(self.closed, self.closed_file))


@dataclass(frozen=True)
class Destination:
    """-o/--output and --force, and the inputs an output must never replace.

    Built with :meth:`checked`, so a refused output stops the command before any work."""

    output: Path | None
    force: bool = False
    inputs: tuple[Path, ...] = ()

    @classmethod
    def checked(
        cls, output: Path | None, force: bool, inputs: Iterable[Path | None] = ()
    ) -> Destination:
        """The destination, refused up front when it exists without --force or would
        replace one of ``inputs`` (those not given are left out)."""
        given = tuple(p for p in inputs if p is not None)
        if output is not None:
            from chc.output import check_writable

            check_writable(output, force=force, inputs=given)
        return cls(output, force, given)

    def write(self, text: str | bytes) -> None:
        """A formatter's whole output to the file, or to standard output."""
        from chc.cli.app import emit

        emit(text, self.output, self.force, self.inputs)

    def show(self, renderable: Any) -> None:
        """A rich renderable at the terminal, or as plain text in the file."""
        from chc.cli.app import show

        show(renderable, self.output, self.force, self.inputs)

    @staticmethod
    def say(text: str) -> None:
        """One line for the person on standard error (never mixed into the output)."""
        from chc.cli.app import tell

        tell(text)
