"""One place that makes rich consoles, so colour, width and what user text may do behave
the same everywhere.

Every console chc prints through is an :class:`InertConsole`: whatever a view forgot,
a control or bidi character in what it renders (a reference holding ``ESC [2J``, a header
holding a right-to-left override) reaches the terminal as its visible escape
(:func:`chc.inert.text`), never as itself. Views still pass user text through
:func:`chc.inert.line` where they build it, so that a table measures what it will show.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

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

    def print(self, *objects: Any, crop: bool = False, **kwargs: Any) -> None:
        # Not cropped at the width: every view wraps itself, and what is still wider than
        # the terminal is a web address kept whole, which a crop would cut short.
        super().print(*objects, crop=crop, **kwargs)


def console(*, stderr: bool = False) -> Console:
    # rich itself honours NO_COLOR and drops colour when output is not a terminal.
    return InertConsole(stderr=stderr, highlight=False, soft_wrap=stderr)


def plain(file: IO[str], width: int = 100) -> Console:
    """A console writing plain text (no colour, no escapes) to ``file``, for --output."""
    return InertConsole(width=width, no_color=True, color_system=None, file=file)


class Hanging:
    """``head`` then ``body``, the body wrapped at the console's width, whatever that is,
    its later lines under column ``indent`` (by default where the body starts): a finding's
    notes under the finding, not back at column 0.

    A word longer than the line (a web address) is kept whole on a line of its own, so it
    stays one address a person can copy; every other line fits the width.
    """

    def __init__(
        self,
        body: Text | str,
        *,
        head: Text | str = "",
        indent: int | None = None,
        pad: bool = True,
    ):
        self.head = head if isinstance(head, Text) else Text(head)
        self.body = body if isinstance(body, Text) else Text(body)
        self.indent = self.head.cell_len if indent is None else indent
        self.pad = pad  # the head padded to ``indent``: the body's first line in line too

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        head = self.head.copy()
        if self.pad:
            head.pad_right(max(self.indent - head.cell_len, 0))
        first = max(options.max_width - head.cell_len, 20)
        rest = max(options.max_width - self.indent, 20)
        text = self.body.plain
        lines = self.body.divide(_breaks(text, first, rest)) if text else [Text()]
        for n, line in enumerate(lines):
            line.rstrip()
            yield from ((head if n == 0 else Text(" " * self.indent)) + line).render(console)
            yield Segment.line()


def _breaks(text: str, first: int, width: int) -> list[int]:
    """Where to break ``text`` (offsets of the first character of each new line): at the
    last space that keeps a line within ``first`` cells (the first line) or ``width`` (the
    others), never inside a word, and at every newline."""
    import re

    from rich.cells import cell_len

    offsets: list[int] = []
    start = 0
    for piece in text.split("\n"):
        line_start = start
        for m in re.finditer(r"\S+", piece):
            word_start = start + m.start()
            room = width if offsets else first
            too_long = word_start - line_start + cell_len(m.group()) > room
            if too_long and word_start > line_start:
                offsets.append(word_start)
                line_start = word_start
        start += len(piece) + 1
        if start <= len(text):
            offsets.append(start)
    return offsets


def labelled(label: str, body: str, style: str = "", *, indent: int = 0, hang: int = 2) -> Hanging:
    """``label`` (a "warning: " or "Note: ") and its text at column ``indent``, the text's
    later lines ``hang`` columns further in."""
    return Hanging(
        Text(label + body, style=style), head=" " * indent, indent=indent + hang, pad=False
    )


def source_lines(listing: list[str], indent: int = 2) -> list[Hanging]:
    """A numbered list of sources ("[1] title, date, address"), each wrapped under its
    title, the address never split."""
    out = []
    for line in listing:
        number, _, rest = line.partition(" ")
        out.append(
            Hanging(Text(rest, style="dim"), head=Text(" " * indent + number + " ", style="dim"))
        )
    return out
