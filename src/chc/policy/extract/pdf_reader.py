"""PDF policies, with pdfplumber: text lines grouped into paragraphs, and tables kept as rows.

pdfplumber was chosen over pypdf by trying both on a timescales table: pypdf gives every
cell as its own line with no sign of which row or column it came from, so "10 working days"
loses its stage and its column heading; pdfplumber finds the table's grid and gives each
row's cells together.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

from chc.errors import InputError
from chc.policy.extract.document import BlockKind, RawBlock, heading_level, list_item_text

_PAGE_FURNITURE = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.I)


def read_pdf(path: Path) -> list[RawBlock]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_blocks(page, n) for n, page in enumerate(pdf.pages, 1)]
            images = sum(len(page.images) for page in pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            "is password-protected (encrypted); remove the password and try again", file=path
        ) from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        # pdfplumber wraps pdfminer's errors: look at the one inside.
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(
                "is password-protected (encrypted); remove the password and try again", file=path
            ) from None
        raise InputError(
            f"cannot be read as a PDF: it is damaged or not a PDF ({type(inner).__name__})",
            file=path,
        ) from None
    blocks = _join_across_pages(pages)
    if not blocks and images:
        raise InputError(
            "has no text layer: it looks like a scanned document; run it through OCR (text "
            "recognition) first, or use the Word version",
            file=path,
        )
    return blocks


def _join_across_pages(pages: list[list[RawBlock]]) -> list[RawBlock]:
    """A paragraph cut by a page break is one paragraph: the first page's part ends mid-sentence."""
    out: list[RawBlock] = []
    for page in pages:
        for index, block in enumerate(page):
            last = out[-1] if out else None
            if (
                index == 0
                and last is not None
                and last.kind in ("paragraph", "item")
                and block.kind == "paragraph"
                and not last.text.rstrip().endswith((".", "!", "?", ":"))
            ):
                out[-1] = RawBlock(last.kind, f"{last.text} {block.text}", page=last.page)
            else:
                out.append(block)
    return out


def _page_blocks(page: Any, number: int) -> list[RawBlock]:
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    lines = [
        ln for ln in outside.extract_text_lines() if not _PAGE_FURNITURE.match(ln["text"].strip())
    ]
    placed: list[tuple[float, list[RawBlock]]] = [
        (ln["top"], [b]) for ln, b in _paragraphs(lines, number)
    ]
    for table in tables:
        rows = []
        for cells in table.extract():
            texts = tuple(" ".join((c or "").split()) for c in cells)
            rows.append(
                RawBlock("row", " | ".join(t for t in texts if t), cells=texts, page=number)
            )
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [b for _, group in placed for b in group]


def _font(line: dict[str, Any]) -> tuple[float, bool]:
    chars = line.get("chars") or []
    if not chars:
        return 0.0, False
    size = statistics.median(c["size"] for c in chars)
    bold = all("bold" in c.get("fontname", "").lower() for c in chars if c["text"].strip())
    return size, bold


# A glyph the PDF's font gives no Unicode for comes out as "(cid:127)"; at the start of a
# line it is almost always a list bullet, elsewhere it is noise that would spoil a quote.
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def unmapped_glyphs(text: str) -> str:
    text = text.strip()
    lead = _UNMAPPED.match(text)
    if lead is not None:
        text = "• " + text[lead.end() :].lstrip()
    return " ".join(_UNMAPPED.sub("", text).split())


def _paragraphs(lines: list[dict[str, Any]], page: int) -> list[tuple[dict[str, Any], RawBlock]]:
    """Wrapped lines joined into paragraphs; a larger or bold short line is a heading."""
    sizes = [_font(ln)[0] for ln in lines if _font(ln)[0]]
    body = statistics.median(sizes) if sizes else 0.0
    out: list[tuple[dict[str, Any], RawBlock]] = []
    current: list[str] = []
    first: dict[str, Any] | None = None
    kind: BlockKind = "paragraph"
    previous: dict[str, Any] | None = None

    def flush() -> None:
        if current and first is not None:
            out.append((first, RawBlock(kind, " ".join(current), page=page)))
        current.clear()

    for line in lines:
        text = unmapped_glyphs(line["text"])
        size, bold = _font(line)
        height = line["bottom"] - line["top"]
        gap = previous is not None and line["top"] - previous["bottom"] > 0.5 * height
        level = heading_level(text)
        styled = (size > body * 1.1 or bold) and len(text.split()) <= 12 and not text.endswith(".")
        item = list_item_text(text)
        if styled or (level and gap):
            flush()
            heading = out[-1][1] if out and previous is out[-1][0] else None
            if heading is not None and heading.kind == "heading" and not gap:
                # A long heading wrapped onto a second line.
                heading = RawBlock("heading", f"{heading.text} {text}", heading.level, page=page)
                out[-1] = (line, heading)
            else:
                out.append(
                    (line, RawBlock("heading", text, 1 if size > body * 1.3 else 2, page=page))
                )
        elif gap or item is not None or not current:
            flush()
            first, kind = line, ("item" if item is not None else "paragraph")
            current.append(item if item is not None else text)
        else:
            current.append(text)
        previous = line
    flush()
    return out
