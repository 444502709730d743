"""The `chc` command line: parse options, call the core, print, and set the exit code.

Nothing here decides anything about the Code; that lives in the core modules, which work
without typer or rich. Exit codes: 0 OK, 1 findings (a 'must' provision fails), 2 bad input.
"""

from chc.cli import assessment, codes, deadlines, policy, report  # noqa: F401  (each module registers its command)
from chc.cli.app import app, main

__all__ = ["app", "main"]
