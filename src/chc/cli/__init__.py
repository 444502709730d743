"""The `chc` command line: parse options, call the core, print, and set the exit code.

Nothing here decides anything about the Code; that lives in the core modules, which work
without typer or rich. Exit codes: 0 OK, 1 findings (a 'must' provision fails), 2 bad input.

Each command lives in a module of its own that registers it on the typer app when imported.
``chc`` imports only the module of the command it runs (start-up time is a feature: one
complaint's due dates should cost little more than Python itself). To drive the whole
command line from Python, call :func:`load_commands` and use ``chc.cli.app.app``.
"""

from __future__ import annotations

import importlib
import sys

from chc.cli.app import main as run

# The command's name on the command line -> the module under chc.cli that defines it.
COMMANDS = {
    "codes": "codes",
    "deadlines": "deadlines",
    "check-policy": "policy",
    "extract-policy": "extract",
    "self-assessment": "assessment",
    "report": "report",
    "hazards": "hazards",
}


def load_commands(argv: list[str] | None = None) -> None:
    """Register the command ``argv`` names, or every command when it names none (``--help``,
    a mistyped name: typer then lists them all)."""
    name = next((a for a in argv or [] if not a.startswith("-")), None)
    modules = [COMMANDS[name]] if name in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"chc.cli.{module}")


def main() -> None:
    """Console-script entry point: the command's module, then the app with signals and closed
    pipes handled (:func:`chc.cli.app.main`)."""
    load_commands(sys.argv[1:])
    run()
