"""One place that makes rich consoles, so colour and width behave the same everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # rich itself honours NO_COLOR and drops colour when output is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)
