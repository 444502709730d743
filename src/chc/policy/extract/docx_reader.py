"""Word (.docx) policies: paragraphs, headings and tables, in document order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError
from chc.policy.extract.document import RawBlock, heading_level, list_item_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

# An encrypted Word file (and an old binary .doc) is an OLE compound file, not a zip.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> list[RawBlock]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", file=path) from None
    if head == _OLE_MAGIC:
        raise InputError(
            "is password-protected (encrypted) or an old .doc file; remove the password or "
            "save it as .docx and try again",
            file=path,
        )
    from chc.policy.extract.bounds import check_docx, xml_refusal

    check_docx(path)
    try:
        document = docx.Document(str(path))
    except SyntaxError as exc:  # lxml's XMLSyntaxError, raised for any part's XML
        raise xml_refusal(path, exc) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"cannot be read as a Word document ({exc})", file=path) from None
    return list(_body_blocks(document))


def _body_blocks(document: Document) -> Iterator[RawBlock]:
    """Paragraphs and tables interleaved as they appear, which python-docx does not give."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            block = _paragraph(Paragraph(child, document))
            if block is not None:
                yield block
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or text != cells[-1]:  # a merged cell repeats its text
                        cells.append(text)
                yield RawBlock("row", " | ".join(c for c in cells if c), cells=tuple(cells))


def _paragraph(paragraph: Paragraph) -> RawBlock | None:
    text = paragraph.text.strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(style)
    if match is not None:
        return RawBlock("heading", text, int(match.group(1)))
    if style.lower() == "title":
        return RawBlock("heading", text, 1)
    if style.lower().startswith("list"):
        return RawBlock("item", list_item_text(text) or text)
    level = heading_level(text)
    if level:
        return RawBlock("heading", text, level)
    item = list_item_text(text)
    return RawBlock("item", item) if item is not None else RawBlock("paragraph", text)
