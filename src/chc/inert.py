"""User text made inert for where chc puts it: a terminal, a text file, a CSV or .xlsx cell,
an iCalendar property, Markdown or HTML.

Whatever a case file, a policy document or an answers file holds (a reference, a landlord's
name, a title, a header, a file name) may have been written by someone who wants the reader
harmed: an escape sequence that clears a terminal or forges a link (``ESC [2J``, OSC 8), a
right-to-left override that makes ``fdp.exe`` read ``exe.pdf``, a cell a spreadsheet would
run as a formula (``=HYPERLINK(...)``). chc shows such text rather than letting it act:

- a control character, a bidi control, a line or paragraph separator or a lone surrogate is
  written visibly as its Python escape (``\\x1b``, ``\\u202e``), never as itself
  (:func:`text`, :func:`line`; iCalendar text and XML take the same forms);
- a CSV text cell a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return) gets a leading apostrophe, as OWASP's guidance on CSV
  injection advises; a number (``-12``, ``+3.5``) is left as it is (:func:`csv_column`);
- an .xlsx cell holding text is always a string cell, never a formula (:func:`xlsx_cell`).

One module, so that every writer and view makes the same choice for the same destination.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeAlias, TypeVar, cast

if TYPE_CHECKING:
    import polars as pl
    from openpyxl.cell.cell import Cell, MergedCell

T = TypeVar("T")

# What chc puts in a spreadsheet cell: text, a number, a yes/no, a date, or nothing.
CellValue: TypeAlias = "str | int | float | bool | date | None"

# C0 controls but tab and newline, DEL, C1 controls (U+009B is a CSI on some terminals),
# Arabic letter mark, LRM/RLM, line and paragraph separators, the bidi embeddings,
# overrides and isolates, and lone surrogates (which no encoding can write).
_UNSAFE_KEEPING_LINES = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"


# Compiled when first needed: each takes about 1 ms, and most runs never need one (plain
# text takes the fast path below), where one complaint's start-up is 120 ms.
@functools.cache
def _unsafe(keeping_lines: bool) -> re.Pattern[str]:
    lines = "" if keeping_lines else "\t\n"
    return re.compile(f"[{lines}{_UNSAFE_KEEPING_LINES}\ud800-\udfff]")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    return _escape_one(match.group())


def text(value: str) -> str:
    """Text for a terminal, a text file or XML: newlines and tabs kept, every other
    control, bidi or unpaired character shown as its escape (``\\x1b``)."""
    if value.isascii() and value.isprintable():
        return value  # the common case, without a regex
    return _unsafe(True).sub(_escaped, value)


def line(value: str) -> str:
    """Text that must stay on one line (a table cell, an error message, an iCalendar
    property): as :func:`text`, and newlines and tabs shown as ``\\n`` and ``\\t`` too."""
    if value.isascii() and value.isprintable():
        return value
    return _unsafe(False).sub(_escaped, value)


def ics_text(value: str) -> str:
    """iCalendar TEXT (RFC 5545 3.3.11), which may hold no control character; the
    library writing the file escapes commas, semicolons and backslashes itself."""
    return line(value)


JSON_ESCAPED = {
    chr(c): f"\\u{c:04x}"
    for c in (*range(0x7F, 0xA0), 0x61C, 0x200E, 0x200F, *range(0x2028, 0x202F),
              *range(0x2066, 0x206A))
}  # fmt: skip
"""What JSON may hold as it is but chc writes escaped, for writers that escape in bulk."""


def json_text(document: str) -> str:
    """JSON (or a YAML double-quoted string, which reads JSON's escapes the same way) with
    the characters ``json.dumps(ensure_ascii=False)`` leaves as they are written as
    ``\\uXXXX``: the value read back is exactly the same, and the file holds no control,
    bidi or unpaired character (JSON itself already escapes C0 controls)."""
    if document.isascii():
        return document.replace("\x7f", "\\u007f")
    unsafe = _unsafe_in_json()
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


@functools.cache
def _unsafe_in_json() -> re.Pattern[str]:
    return re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def markup(value: object) -> object:
    """A value printed by a template (Jinja's ``finalize``): text made safe as
    :func:`text`; markup already escaped stays markup; anything else as it is."""
    if not isinstance(value, str):
        return value
    cleaned = text(value)
    if cleaned is value or cleaned == value:
        return value
    from markupsafe import Markup

    # The escapes added are plain ASCII letters and backslashes: no HTML to re-escape.
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


def tree(value: T) -> T:
    """Every string in nested dicts, lists and tuples through :func:`text`: for a writer
    that takes a whole context at once (a Word document, where XML refuses controls)."""
    # The cast holds: _tree rebuilds the same shape, each string a string, each key kept.
    return cast("T", _tree(value))


def _tree(value: object) -> object:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {k: _tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_tree(v) for v in value]
        # A named tuple is built from its fields, a list or a plain tuple from one iterable.
        make: Callable[..., object] = type(value)
        return make(*items) if hasattr(value, "_fields") else make(items)
    return value


# -- spreadsheets -----------------------------------------------------------------------

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = r"^[=+\-@\t\r]"
# A plain number is data, not a formula, even when it starts with a sign.
_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
_CONTROL_CHARACTERS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]
_INVISIBLE = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x2028, 0x202F)), "\u2066",
              "\u2067", "\u2068", "\u2069"]  # fmt: skip


def csv_column(name: str) -> pl.Expr:
    """A CSV text column made inert, as one vectorised expression: a cell a spreadsheet
    would run gets a leading apostrophe (kept visible, as Excel shows a typed ``'``),
    and a control or bidi character its escape. Tabs, newlines and carriage returns
    inside a cell are kept (the CSV quotes them); at its start they are a formula's."""
    import polars as pl

    unsafe = [c for c in _CONTROL_CHARACTERS if c not in "\t\n\r"] + _INVISIBLE
    col = pl.col(name)
    cleaned = col.str.replace_many(unsafe, [_escape_one(c) for c in unsafe])
    runs = col.str.contains(_FORMULA_START) & ~col.str.contains(_NUMBER)
    return pl.when(runs).then(pl.lit("'") + cleaned).otherwise(cleaned).alias(name)


def csv_frame(frame: pl.DataFrame, names: list[str] | None = None) -> pl.DataFrame:
    """The text columns of ``frame`` (or those ``names``) through :func:`csv_column`; other
    columns (dates, numbers, flags) are written by polars as data and cannot be formulas."""
    import polars as pl

    if names is None:
        names = [n for n, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(csv_column(n) for n in names) if names else frame


# Any cell :func:`csv_column` would change: a formula's start, or a character it escapes.
_CSV_CARE = (
    "^[=+\\-@\t\r]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
    "\u2028-\u202e\u2066-\u2069]"
)


def csv_needs_care(values: pl.Series) -> bool:
    """Whether any of ``values`` would be changed by :func:`csv_column` (one vectorised
    pass, a third of the cost of making the change), so that a writer can skip a column
    of ordinary references altogether."""
    return bool(values.str.contains(_CSV_CARE).any())


def csv_cell(value: str) -> str:
    """One CSV text cell made inert, the same way as :func:`csv_column`."""
    cleaned = "".join(_escape_one(c) if c in _SCALAR_UNSAFE else c for c in value)
    if re.match(_FORMULA_START, value) and not re.match(_NUMBER, value):
        return "'" + cleaned
    return cleaned


_SCALAR_UNSAFE = frozenset([c for c in _CONTROL_CHARACTERS if c not in "\t\n\r"] + _INVISIBLE)


def _escape_one(character: str) -> str:
    """``\\x1b``, ``\\u202e``; a newline, tab and carriage return as ``\\n``, ``\\t``, ``\\r``."""
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xlsx_cell(cell: Cell | MergedCell, value: CellValue) -> None:
    """Set an .xlsx cell: text as a string cell, never a formula (openpyxl takes text
    starting ``=`` for one), with the characters XML cannot hold shown as escapes."""
    if isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"
    else:
        cell.value = value
