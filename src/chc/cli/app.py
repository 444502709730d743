"""The typer app, the option bundles every command shares, and output helpers.

Nothing here decides anything about the Code; that lives in the core modules, which work
without typer or rich. Exit codes: 0 OK, 1 findings (a 'must' provision fails), 2 bad input.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import click
import typer

from chc import __version__
from chc.errors import ChcError
from chc.exitcodes import RC
from chc.terminal.help import WholeHelpGroup

if TYPE_CHECKING:
    from rich.console import RenderableType

P = ParamSpec("P")
R = TypeVar("R")

EXIT_CODES_HELP = "Exit status: 0 OK; 1 a 'must' provision fails (check commands); 2 bad input."

app = typer.Typer(
    name="chc",
    help=(
        "Check complaint handling against the Housing Ombudsman's Complaint Handling Code "
        "(2020, 2022 and 2024 editions): due dates, policy checks, self-assessments.\n\n"
        + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    cls=WholeHelpGroup,  # each command's description whole in --help
)

_state = {"debug": False}


# -- shared option bundles ---------------------------------------------------------------

CodeOpt = Annotated[
    str | None,
    typer.Option(
        "--code",
        help="Code edition (2020, 2022, 2024) or the path of a Code file of your own.",
        metavar="EDITION|PATH",
    ),
]
RegionOpt = Annotated[
    str,
    typer.Option(
        "--region",
        help="Bank holidays of: england-and-wales, scotland, northern-ireland (any case).",
        metavar="REGION",
    ),
]
ClosedOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--closed",
        help="A day the landlord is closed (YYYY-MM-DD), or a range of days "
        "(2025-12-29..2025-12-31), not counted as working days. Repeatable.",
        metavar="DATE",
    ),
]
ClosedFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--closed-file",
        help="A text file of closure days, one YYYY-MM-DD or FIRST..LAST range per line "
        "(# starts a comment).",
        metavar="FILE",
    ),
]


def _dash_is_stdout(value: Path | None) -> Path | None:
    """``-o -`` is standard output, as it is for most command-line tools: never a file
    named ``-`` that a later ``rm -`` cannot easily remove."""
    return None if value is not None and str(value) == "-" else value


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (whole or not at all) instead of the screen; - is standard output.",
        metavar="FILE",
        callback=_dash_is_stdout,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace FILE if it already exists.")]
# How a case file is read (chc deadlines --cases, chc report): see docs/case-files.md.
ColumnsOpt = Annotated[
    Path | None,
    typer.Option(
        "--columns",
        help="A YAML file mapping chc's fields to the case file's own headers, with an "
        "optional 'ignore:' list (see docs/case-files.md).",
        metavar="FILE",
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="The sheet of an Excel case file (default: the first).", metavar="NAME"
    ),
]
DateFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--date-format",
        help="The case file's date format when it is neither 22/12/2025 nor 2025-12-22, "
        "stated exactly, e.g. %m/%d/%Y.",
        metavar="FORMAT",
    ),
]
IgnoreColumnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore-column",
        help="Leave out this column of the case file knowingly (repeatable), as the "
        "columns file's 'ignore:' list does.",
        metavar="NAME",
    ),
]
HeaderRowOpt = Annotated[
    int | None,
    typer.Option(
        "--header-row",
        help="The line (or sheet row) of the case file's header; by default the first of "
        "the first 20 rows that names a reference and a received date.",
        metavar="N",
        min=1,
    ),
]
SuggestColumnsOpt = Annotated[
    Path | None,
    typer.Option(
        "--suggest-columns",
        help="Write FILE: the columns file that would read the case file, every guess "
        "marked for you to check; pass it back with --columns FILE.",
        metavar="FILE",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Do not say which column fed which field, nor which file was written.",
    ),
]


def not_one_of(value: object, choices: Iterable[str]) -> str:
    """The one wording of a refused choice, whatever the command: ``'xml' is not one of
    text, json`` (after click's ``Invalid value for '--format' / '-f':``)."""
    return f"{value!r} is not one of {', '.join(choices)}"


class _Choice(click.Choice[str]):
    """A click Choice whose refusal is worded by :func:`not_one_of`."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(not_one_of(value, self.choices), param, ctx)


def format_choice(*registries: Iterable[str]) -> click.Choice[str]:
    """--format's choices, for every command: the names of the formatter registries given,
    in their order (a click Choice, so --help lists them and a refusal names them)."""
    return _Choice([name for registry in registries for name in registry])


def choice_of(registry: Mapping[str, object]) -> Callable[[str], str]:
    """An option callback: the choices are a registry's names, refused as format_choice's."""

    def check(value: str) -> str:
        if value not in registry:
            raise typer.BadParameter(not_one_of(value, registry))
        return value

    return check


def fail(err: ChcError) -> NoReturn:
    if _state["debug"]:
        raise err
    _say_error(err)
    raise typer.Exit(RC.BAD_INPUT)


def _say_error(err: ChcError) -> None:
    """The one line on stderr that every error ends with."""
    from rich.markup import escape

    from chc.terminal.console import console

    console(stderr=True).print(f"[bold red]chc: error:[/bold red] {escape(str(err))}")


def tell(text: str) -> None:
    """A line on stderr for the person running chc (never part of the output), through
    the console that shows control characters rather than sending them."""
    from chc.terminal.console import console

    console(stderr=True).print(text, markup=False, highlight=False)


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Every command ends a ChcError with one line on stderr and exit status 2, and so
    standard output that cannot take what it is given (a full disk, a device error)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ChcError as err:
            fail(err)
        except OSError as err:
            if _errno(err) not in _OUTPUT_FULL:
                raise
            fail(_stdout_failed(err))

    return wrapper  # functools.wraps keeps the command's signature, which typer reads


# What writing to standard output can meet that the user can put right. (A file given
# with --output reports its own errors, naming it; a closed pipe ends chc by SIGPIPE.)
_OUTPUT_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _errno(err: OSError) -> int | None:
    """The error's number; polars' writers give it only in their message ("(os error 28)")."""
    if err.errno is not None:
        return err.errno
    found = re.search(r"\(os error (\d+)\)", str(err))
    return int(found.group(1)) if found else None


def _stdout_failed(err: OSError) -> ChcError:
    """The error to report, once standard output is pointed at the null device: what it
    still holds could only fail again, at exit, with a traceback."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    reason = os.strerror(_errno(err) or 0) if err.strerror is None else err.strerror
    return ChcError(f"cannot be written: {reason}", file="standard output")


def _flushed(status: int) -> int:
    """``status``, once standard output has taken everything; 2 with one line if it could
    not (output small enough to sit in Python's buffer meets a full disk only here)."""
    try:
        sys.stdout.flush()
    except OSError as err:
        if _errno(err) not in _OUTPUT_FULL:
            raise
        _say_error(_stdout_failed(err))
        return int(RC.BAD_INPUT)
    return status


def emit(
    text: str | bytes,
    output: Path | None,
    force: bool,
    inputs: tuple[Path, ...] = (),
    quiet: bool = False,
) -> None:
    """Write a formatter's whole output. Text passes :func:`chc.inert.text` once more,
    whatever made it: each formatter makes its own user text inert, and this is the net
    under a formatter that forgot (no output of chc's own holds a control character)."""
    if isinstance(text, str):
        from chc.inert import text as inert_text

        text = inert_text(text)
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    from chc.output import write_atomic

    write_atomic(output, text, force=force, inputs=inputs)
    if not quiet:
        wrote(output)


def wrote(path: Path) -> None:
    """The one line every command says on stderr once a file it wrote is in place."""
    tell(f"Wrote {path}")


def show(
    renderable: RenderableType,
    output: Path | None,
    force: bool,
    inputs: tuple[Path, ...] = (),
    quiet: bool = False,
) -> None:
    """Print a rich renderable, or write it as plain text to --output."""
    if output is None:
        from chc.terminal.console import console

        console().print(renderable)
        return
    import io

    from chc.terminal.console import plain

    text = io.StringIO()
    plain(text).print(renderable)
    emit(text.getvalue(), output, force, inputs, quiet)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"chc {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback instead of a one-line error.")
    ] = False,
) -> None:
    _state["debug"] = debug
    from chc.inputs import start_run

    # One command is one run: only its own inputs are protected from its --output.
    start_run()


# -- signals and closed pipes ------------------------------------------------------------

# SIGHUP: the terminal went away (a dropped ssh session, a closed window); left to its
# default it ended chc at once and left the temporary output behind.
_SIGNAL_NAMES: dict[int, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "terminated",
}
if hasattr(signal, "SIGHUP"):  # not on Windows
    _SIGNAL_NAMES[signal.SIGHUP] = "hung up"


class Stopped(BaseException):
    """Raised in the main process by SIGINT, SIGTERM or SIGHUP.

    A BaseException, so that no ``except Exception`` swallows it, while every ``finally``
    (the removal of a half-written temporary output) runs.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _say_stopped(signum: int) -> None:
    try:
        sys.stderr.write(f"chc: {_SIGNAL_NAMES.get(signum, 'stopped')}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _stop(signum: int, frame: object) -> None:
    # chc runs in one process (a caseload's parallelism is polars' threads and chc's JSON
    # builders, which the main thread waits for as it unwinds), so unwinding the main
    # thread is enough: every ``finally`` removes what it was writing.
    raise Stopped(signum)


def _stop_now(signum: int, frame: object) -> None:
    # The command has ended and left nothing to clean up: a signal while Python shuts
    # down ends chc at once, with its one line, rather than with a traceback.
    _say_stopped(signum)
    os._exit(128 + signum)


def _exit_now(status: int) -> NoReturn:
    """End at once with ``status``, once the command has finished and said all it had to.

    Tearing down an interpreter that has loaded polars (its modules, its thread pool and
    the memory it keeps) took 40 to 50 ms of a one-second caseload run. Nothing is left
    for that teardown to do: every output was written whole and renamed by its ``with``
    block, and chc's threads have been joined; so the streams are flushed and the process
    ends. Without polars, start-up is the cost that counts, and Python exits as usual.
    """
    for signum in _SIGNAL_NAMES:
        signal.signal(signum, _stop_now)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _replace_what_stdout_cannot_encode() -> None:
    """Under a terminal that is not UTF-8 (``LANG=C``, ``PYTHONIOENCODING=ascii``) a name
    such as "Rénové" ended chc with UnicodeEncodeError: what the encoding cannot show is
    printed as "?" instead, as other tools do. (Standard error already backslash-escapes
    it; a file written with --output is always UTF-8.)"""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if not encoding.startswith("utf"):
        # TextIO has no reconfigure; a TextIOWrapper has, and a stream without it is left be.
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if callable(reconfigure):
            with contextlib.suppress(ValueError):
                reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point: the app, with signals and closed pipes handled."""
    _replace_what_stdout_cannot_encode()
    stopped = False
    try:
        for signum in _SIGNAL_NAMES:
            signal.signal(signum, _stop)
        if hasattr(signal, "SIGPIPE"):
            # Output piped into `head` that stops reading: end silently, as any Unix tool
            # does (the shell sees status 141), rather than with a BrokenPipeError.
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        app()
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        status = _flushed(done.code or 0)
        if "polars" in sys.modules:
            _exit_now(status)
        raise SystemExit(status) from None
    except Stopped as stop:
        stopped = True
        for signum in _SIGNAL_NAMES:
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not interrupt this
        _say_stopped(stop.signum)
        sys.exit(128 + stop.signum)
    finally:
        if not stopped:
            for signum in _SIGNAL_NAMES:
                signal.signal(signum, _stop_now)
