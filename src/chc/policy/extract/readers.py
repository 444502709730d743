"""Readers: one function per file type, each turning a document into blocks.

The registry below is the list of formats `chc extract-policy` reads; a reader raises
:class:`~chc.errors.InputError` saying which kind of bad input it met (unreadable, encrypted,
empty, scanned), never a library's own exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from chc.errors import InputError
from chc.policy.extract.document import (
    BlockKind,
    Document,
    RawBlock,
    build,
    ends_sentence,
    heading_level,
    list_item_text,
    plain_heading_level,
)

Reader = Callable[[Path], list[RawBlock]]


def read_plain(path: Path) -> list[RawBlock]:
    return text_blocks(_read_text(path))


def read_markdown(path: Path) -> list[RawBlock]:
    return text_blocks(_read_text(path), markdown=True)


def _read_text(path: Path) -> str:
    from chc.yamlio import read_text

    return read_text(path)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _table_cells(line: str) -> tuple[str, ...] | None:
    """Cells of a tab-separated or Markdown table line, or None for other lines."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return tuple(c.strip() for c in stripped[1:-1].split("|"))
    if "\t" in line.strip("\t\n "):
        return tuple(c.strip() for c in line.strip("\n").split("\t"))
    return None


def text_blocks(text: str, *, markdown: bool = False) -> list[RawBlock]:
    """Blocks of a plain-text or Markdown policy: a blank line ends a paragraph."""
    out: list[RawBlock] = []
    para: list[str] = []
    para_kind: BlockKind = "paragraph"
    start = 0
    heading_at = -1  # the line of the last heading

    def flush() -> None:
        if para:
            out.append(RawBlock(para_kind, " ".join(para), line=start))
            para.clear()

    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        md_heading = _MD_HEADING.match(stripped) if markdown else None
        cells = _table_cells(line)
        item = list_item_text(stripped)
        # Markdown says its headings with "#"; plain text has only the line itself.
        level = (heading_level if markdown else plain_heading_level)(stripped.replace("**", ""))
        if para and (ends_sentence(para[-1]) or (para_kind == "item" and level)):
            flush()  # one paragraph a line, as web pages saved as text have them
        if not stripped or (markdown and _MD_RULE.match(stripped)):
            flush()
        elif md_heading is not None:
            flush()
            out.append(RawBlock("heading", md_heading.group(2), len(md_heading.group(1)), line=n))
        elif cells is not None:
            flush()
            cells = tuple(c.replace("**", "") for c in cells)
            out.append(RawBlock("row", " | ".join(c for c in cells if c), cells=cells, line=n))
        elif level and not para and not (heading_at == n - 1 and not heading_level(stripped)):
            # A short line right under a heading, with no blank line between, is its text
            # ("How to Complain" / "In Person with a member of staff" / "By Phone ...").
            out.append(RawBlock("heading", stripped.replace("**", ""), level, line=n))
            heading_at = n
        elif item is not None:
            flush()
            para_kind, start = "item", n
            para.append(item)
        else:
            if not para:
                para_kind, start = "paragraph", n
            para.append(stripped)
    flush()
    return out


def _docx(path: Path) -> list[RawBlock]:
    from chc.policy.extract.docx_reader import read_docx

    return read_docx(path)


def _pdf(path: Path) -> list[RawBlock]:
    from chc.policy.extract.pdf_reader import read_pdf

    return read_pdf(path)


def _html(path: Path) -> list[RawBlock]:
    from chc.policy.extract.html_reader import read_html

    return read_html(path)


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".docx": _docx,
    ".pdf": _pdf,
    ".html": _html,
    ".htm": _html,
}


def is_document(path: Path) -> bool:
    """Whether chc reads this file as a policy document rather than a policy YAML file."""
    return path.suffix.lower() in READERS


def read_document(path: Path) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(
            f"cannot read {path.suffix or 'a file without an extension'}; chc reads {known}",
            file=path,
        )
    if not path.exists():
        raise InputError("file not found", file=path)
    if path.is_dir():
        raise InputError("is a directory, not a file", file=path)
    from chc.policy.extract.bounds import check_blocks

    raw = reader(path)
    check_blocks(path, raw)
    document = build(path, raw)
    if not any(b.kind != "heading" for b in document.blocks):
        raise InputError("the document is empty: no text found in it", file=path)
    return document
