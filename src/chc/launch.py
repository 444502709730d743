"""The ``chc`` console script: Ctrl-C and SIGTERM handled from its first instruction.

Importing the command line (typer, the command's module) takes a noticeable moment, and a
signal in that moment used to end chc with a Python traceback. This module imports nothing
of chc's until the handlers are in place; :func:`chc.cli.app.main` then installs the
command's own handlers, which clean up what a running command leaves.
"""

from __future__ import annotations

import os
import signal
import sys

# SIGHUP: the terminal closed (an ssh session dropped); it ends chc as SIGTERM does.
_WORDS: dict[int, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "terminated",
}
if hasattr(signal, "SIGHUP"):  # not on Windows
    _WORDS[signal.SIGHUP] = "hung up"


def _early_stop(signum: int, frame: object) -> None:
    # Nothing has been written yet: say so in one line and end at once (128 + the signal).
    try:
        sys.stderr.write(f"chc: {_WORDS.get(signum, 'stopped')}\n")
        sys.stderr.flush()
    finally:
        os._exit(128 + signum)


def main() -> None:
    for signum in _WORDS:
        signal.signal(signum, _early_stop)
    from chc.cli import main as run

    run()
