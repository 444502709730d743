"""How far a workbook's sheet really reaches, read from its XML before a library reads it.

A reader lays a sheet out as a grid from A1 to its last cell: one stray cell at XFD1048576
made the case-file reader (calamine, under fastexcel) ask for 550 GB and abort, and made
openpyxl walk 17 billion empty cells. The sheet's ``<dimension>`` is what its writer
declared and may be wrong either way, so the cells themselves are looked at: the last
``<row r=...>``, any cell past column Z, any cell past row 999,999 (so that a sheet
of columns A to Z is at most 26 wide, whatever its rows say). The XML is streamed a
chunk at a time, and the scan stops as soon as a bound is passed, so that a zip bomb of
millions of rows is refused after its first few megabytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

_CHUNK = 1 << 20
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{0,3}[0-9]*(?::[A-Z]{1,3}[0-9]+)?)"')
_ROW = re.compile(rb'<row r="([0-9]+)"')
# A cell in column AA or beyond, or in row 1,000,000 or beyond: one pattern, which fails
# at the second character of nearly every cell of a case file (0.17 s for 650,000 cells).
_OUTLYING = re.compile(rb'<c r="([A-Z](?:[A-Z]{1,2}[0-9]+|[0-9]{7,}))"')
_REF = re.compile(rb"([A-Z]+)([0-9]+)")


@dataclass(frozen=True)
class Extent:
    """A sheet's grid from A1: its rows, its columns (0: none past Z was seen, so at most
    26), its declared range, and whether the scan read it all or stopped at a bound."""

    rows: int
    columns: int
    declared: str | None = None
    complete: bool = True

    @property
    def cells(self) -> int:
        return self.rows * max(self.columns, 26)

    def describe(self) -> str:
        """``reaches XFD1048576 (1,048,576 rows by 16,384 columns, ... cells)``, with the
        range the sheet declares when that says otherwise."""
        if self.columns:
            last = f"{column_letters(self.columns)}{self.rows}"
            size = f"{self.rows:,} rows by {self.columns:,} columns, {self.cells:,} cells"
        else:
            last = f"row {self.rows:,}"
            size = "columns A to Z"
        mismatch = self.declared is not None and not self.declared.endswith(f":{last}")
        declared = f"; it declares {self.declared}" if mismatch else ""
        if not self.complete:
            last = f"at least {last}"
        return f"reaches {last} ({size}{declared})"


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


class ExtentScan:
    """Fed the sheet's XML a whole cell at a time; :attr:`extent` is the grid so far."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.declared: str | None = None

    def feed(self, xml: bytes) -> None:
        if self.declared is None and (found := _DIMENSION.search(xml, 0, 4096)) is not None:
            self.declared = found.group(1).decode("ascii")
        # Rows come in order in every writer's files, so the chunk's last is its furthest.
        # Out of order, a hostile file still cannot pass the bound unseen: a cell past
        # row 999,999 or past column Z is matched wherever it is.
        if (at := xml.rfind(b'<row r="')) >= 0 and (found := _ROW.match(xml, at)):
            self.rows = max(self.rows, int(found.group(1)))
        for ref in _OUTLYING.findall(xml):
            found = _REF.match(ref)
            if found is not None:
                if len(found.group(1)) > 1:  # past Z; a far row's A to Z says nothing new
                    self.columns = max(self.columns, column_number(found.group(1)))
                self.rows = max(self.rows, int(found.group(2)))

    def extent(self, *, complete: bool = True) -> Extent:
        return Extent(self.rows, self.columns, self.declared, complete)


def measure(xml: IO[bytes], *, bound: int, also: Callable[[bytes], None] | None = None) -> Extent:
    """The extent of the sheet whose XML ``xml`` streams, read a chunk at a time (each
    cut after a whole cell, so that no pattern is split between two chunks), stopping
    once it passes ``bound`` cells. ``also`` sees every chunk (the formula check)."""
    scan = ExtentScan()
    rest = b""
    while chunk := xml.read(_CHUNK):
        data = rest + chunk
        end = data.rfind(b"</c>") + len(b"</c>")  # 3 if there is none: keep it all
        whole, rest = (data[:end], data[end:]) if end > 3 else (b"", data)
        scan.feed(whole)
        if also is not None:
            also(whole)
        if scan.extent().cells > bound:
            return scan.extent(complete=False)
    scan.feed(rest)
    return scan.extent()


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the archive member that holds it, in the workbook's order."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    sheets = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    parts: dict[str, str] = {}
    for s in sheets.iter(f"{main}sheet"):
        target = targets.get(s.get(rel) or "", "")
        parts[s.get("name") or ""] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return parts


def sheet_part(book: zipfile.ZipFile, sheet: str) -> str:
    """The archive member that holds the sheet named ``sheet`` (KeyError if none)."""
    return sheet_parts(book)[sheet]
