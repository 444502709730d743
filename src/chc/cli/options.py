"""Option objects: what a command's options mean, built once per command and frozen.

A command turns its flags into these at the top and hands them on, instead of passing a
dozen loose values and repeating the same checks in every command.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from rich.console import RenderableType

    from chc.caseload.frame import BadRow
    from chc.caseload.reading import ReadOptions
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
    # --quiet: the file is written without the "Wrote FILE" line.
    quiet: bool = False

    @classmethod
    def checked(
        cls,
        output: Path | None,
        force: bool,
        inputs: Iterable[Path | None] = (),
        quiet: bool = False,
    ) -> Destination:
        """The destination, refused up front when it exists without --force or would
        replace one of ``inputs`` (those not given are left out)."""
        given = tuple(p for p in inputs if p is not None)
        if output is not None:
            from chc.output import check_writable

            check_writable(output, force=force, inputs=given)
        return cls(output, force, given, quiet)

    def write(self, text: str | bytes) -> None:
        """A formatter's whole output to the file, or to standard output."""
        from chc.cli.app import emit

        emit(text, self.output, self.force, self.inputs, self.quiet)

    def show(self, renderable: RenderableType) -> None:
        """A rich renderable at the terminal, or as plain text in the file."""
        from chc.cli.app import show

        show(renderable, self.output, self.force, self.inputs, self.quiet)

    def put(self, result: str | bytes | RenderableType) -> None:
        """A formatter's result: text or bytes written whole, a rich renderable shown."""
        if isinstance(result, (str, bytes)):
            self.write(result)
        else:
            self.show(result)

    def stream(self, write: Callable[[BinaryIO], None]) -> None:
        """Stream to standard output, or to the file through a temporary file and a rename."""
        if self.output is None:
            sys.stdout.flush()
            write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        from chc.output import atomic_output, written_back

        with (
            atomic_output(self.output, force=self.force, inputs=self.inputs) as handle,
            written_back(handle),
        ):
            write(handle)
        if not self.quiet:
            from chc.cli.app import wrote

            wrote(self.output)

    @property
    def at_terminal(self) -> bool:
        """Output bound for a person at a terminal (no -o FILE, standard output a TTY)."""
        return self.output is None and sys.stdout.isatty()


def read_options(
    columns: Path | None,
    sheet: str | None,
    date_format: str | None,
    ignore: list[str] | None,
    header_row: int | None,
    fields: tuple[str, ...] | None = None,
) -> ReadOptions:
    """The reader's options from the command line."""
    # Imported here: one complaint's start-up need not load the case-file reader.
    from chc.caseload.reading import ReadOptions

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


def say(text: str) -> None:
    """One line on stderr, for a person (never part of the output): wrapped between words
    at a terminal's width, kept whole on one line for a program or a log file."""
    from chc.terminal.console import console

    err = console(stderr=True)
    err.print(f"chc: {text}", markup=False, highlight=False, soft_wrap=not err.is_terminal)


def report_bad(bad: tuple[BadRow, ...], cases: Path, skipping: bool = True) -> None:
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
