"""One place that makes rich consoles, so colour, width and what user text may do behave
the same everywhere.

Every console chc prints through is an :class:`InertConsole`: whatever a view forgot,
a control or bidi character in what it renders (a reference holding ``ESC [2J``, a header
holding a right-to-left override) reaches the terminal as its visible escape
(:func:`chc.inert.text`), never as itself. Views still pass user text through
:func:`chc.inert.line` where they build it, so that a table measures what it will show.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment

from chc import inert

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import ConsoleOptions, RenderableType


class InertConsole(Console):
    """A rich console whose rendered text holds no control character but rich's own."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            # A control segment is rich's own (cursor moves, links it was asked for).
            if segment.control is None and segment.text:
                cleaned = inert.text(segment.text)
                if cleaned is not segment.text:
                    segment = Segment(cleaned, segment.style)
            yield segment


def console(*, stderr: bool = False) -> Console:
    # rich itself honours NO_COLOR and drops colour when output is not a terminal.
    return InertConsole(stderr=stderr, highlight=False, soft_wrap=stderr)


def plain(file: IO[str], width: int = 100) -> Console:
    """A console writing plain text (no colour, no escapes) to ``file``, for --output."""
    return InertConsole(width=width, no_color=True, color_system=None, file=file)
