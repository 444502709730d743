"""The bounds a policy document must keep before chc reads it: size, nesting and work.

A complaints policy is tens of pages. A document far past these bounds is not one, and
reading it as if it were took minutes or gigabytes: a web page of 100,000 nested ``<div>``
(reading a tree is slower the deeper it is), 180,000 unclosed tags, a Word file whose
``document.xml`` holds 1.2 GB of text in 1 MB on disk, a DTD whose entities expand without
end. Each bound refuses with exit 2 and says which bound the document broke.
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError

if TYPE_CHECKING:
    from chc.policy.extract.document import RawBlock

MAX_HTML_BYTES = 16 * 1024 * 1024
"""A saved web page, scripts and styles included (the policy's own text is far less)."""
MAX_HTML_DEPTH = 1_000
"""Elements open inside one another, as the page's tree is built (real pages nest ~30; an
old page that leaves 1,000 ``<p>`` open nests them, as the parser does)."""
MAX_HTML_ELEMENTS = 100_000
MAX_HTML_WORK = 5_000_000
"""The steps reading the tree takes: each element costs its depth (finding its nearest
paragraph or list item), each end tag the open elements it passes. A real page takes
tens of thousands; 100,000 nested ``<div>`` took billions, and minutes."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""One XML part of a Word file, unpacked (a long policy's ``document.xml`` is ~5 MB)."""
MAX_BLOCK_CHARS = 100_000
"""One paragraph, heading or table row (about 30 pages of unbroken text)."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


# -- web pages ----------------------------------------------------------------------------

# Elements that never hold others: the parser opens and closes them at once.
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr")
)  # fmt: skip


class _Nesting(HTMLParser):
    """Follows the tree the page's parser (BeautifulSoup's, over html.parser) will build,
    without building it: how deep, how many elements, how much work; stopping at the
    first bound broken (:class:`_Broken`). Like that parser, it implies no end tags
    (``<li>a<li>b`` is one item inside the other) and an end tag closes the nearest open
    element of its name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.elements = 0
        self.work = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.elements += 1
        self.work += len(self.open)
        if tag not in _VOID:
            self.open.append(tag)
        self._check()

    def handle_endtag(self, tag: str) -> None:
        # The parser looks down the open elements for the nearest of this name.
        for distance, name in enumerate(reversed(self.open), 1):
            if name == tag:
                del self.open[-distance:]
                self.work += distance
                break
        else:
            self.work += len(self.open)
        self._check()

    def _check(self) -> None:
        if len(self.open) > MAX_HTML_DEPTH:
            broken = f"elements nested more than {MAX_HTML_DEPTH:,} deep"
        elif self.elements > MAX_HTML_ELEMENTS:
            broken = f"more than {MAX_HTML_ELEMENTS:,} elements"
        elif self.work > MAX_HTML_WORK:
            broken = (
                f"elements so many and so deep that reading them passes {MAX_HTML_WORK:,} steps"
            )
        else:
            return
        line, column = self.getpos()
        raise _Broken(broken, line, column + 1)


class _Broken(Exception):
    """Ends the scan where a bound is broken: the rest of the page is not looked at."""

    def __init__(self, bound: str, line: int, column: int) -> None:
        super().__init__(bound)
        self.bound, self.line, self.column = bound, line, column


def check_html(path: Path, text: str) -> None:
    """Refuse a page too large, too deep or with too many elements, before it is parsed
    into a tree (the pass is a tenth of the parse, and ends at the first bound broken).

    The page is fed whole: fed in pieces, a tag left open across millions of characters
    would be looked for again from its start with every piece."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_HTML_BYTES:
        raise InputError(
            f"is {_mb(size)}; chc reads web pages of up to {_mb(MAX_HTML_BYTES)}", file=path
        )
    try:
        _Nesting().feed(text)
    except _Broken as broken:
        raise InputError(
            f"has {broken.bound}; chc reads pages within that bound (is this the policy "
            "page itself?)",
            file=path,
            line=broken.line,
            column=broken.column,
        ) from None


# -- Word files ---------------------------------------------------------------------------


def check_docx(path: Path) -> None:
    """Refuse a Word file with an XML part larger than :data:`MAX_PART_BYTES` unpacked,
    or with a DTD (Word never writes one; its entities are how an XML bomb expands).

    zipfile reads a member only up to the size its header declares, so checking the
    declared sizes bounds what python-docx will unpack."""
    try:
        with zipfile.ZipFile(path) as book:
            for info in book.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_PART_BYTES:
                    raise InputError(
                        f"its part {info.filename} unpacks to {_mb(info.file_size)}; chc "
                        f"reads parts of up to {_mb(MAX_PART_BYTES)} (a zip bomb?)",
                        file=path,
                    )
                with book.open(info) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(
                        f"its part {info.filename} declares a DTD (<!DOCTYPE), which Word "
                        "never writes and whose entities can expand without bound; refused",
                        file=path,
                    )
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return  # not a readable zip: python-docx says so in its own words


def xml_refusal(path: Path, exc: Exception) -> InputError:
    """lxml's error on a part of a Word file, as one located message."""
    message = str(getattr(exc, "msg", "") or exc).split(", line ")[0].strip()
    position = getattr(exc, "position", None)
    where = f" (line {position[0]}, column {position[1]})" if position else ""
    lowered = message.lower()
    if "depth" in lowered:
        reason = "its XML nests elements (tables in tables) more than 256 deep"
    elif "amplification" in lowered or "entity" in lowered:
        reason = "its XML has entities that expand beyond the bound XML readers keep"
    elif "too long" in lowered or "huge" in lowered:
        reason = "its XML holds a single text of over 10 MB"
    else:
        reason = f"its XML is not well formed ({message})"
    return InputError(f"cannot be read as a Word document: {reason}{where}", file=path)


# -- every reader -------------------------------------------------------------------------


def check_blocks(path: Path, blocks: list[RawBlock]) -> None:
    """Refuse a paragraph, heading or table row longer than :data:`MAX_BLOCK_CHARS`: the
    rules read each sentence against every pattern, and one of megabytes took minutes."""
    for n, block in enumerate(blocks, 1):
        if len(block.text) > MAX_BLOCK_CHARS:
            where = f" on page {block.page}" if block.page else ""
            if block.line is None and block.page is None:
                where = f" (block {n} of the document)"
            raise InputError(
                f"its {block.kind}{where} holds {len(block.text):,} characters; chc reads "
                f"paragraphs of up to {MAX_BLOCK_CHARS:,}",
                file=path,
                line=block.line,
            )
