"""A policy document as the extraction rules see it: blocks under headings, split into sentences.

Every reader (Word, PDF, HTML, text) turns its file into the same :class:`Document`, so the
rules never know which format a sentence came from; each block remembers where it is (page,
heading, paragraph) so that every value can carry its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "row"]


def normalise(text: str) -> str:
    """Whitespace collapsed, nothing else changed: quotes stay copies of the document."""
    return " ".join(text.split())


@dataclass(frozen=True)
class RawBlock:
    """What a reader hands over: one heading, paragraph, list item or table row."""

    kind: BlockKind
    text: str
    level: int = 0  # headings only: 1 is the top level
    cells: tuple[str, ...] = ()
    page: int | None = None
    line: int | None = None  # text and Markdown files: the line the block starts on


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    headings: tuple[str, ...]
    paragraph: int  # 1-based, counted within the nearest heading
    cells: tuple[str, ...] = ()
    page: int | None = None
    line: int | None = None
    sentences: tuple[str, ...] = field(default=(), compare=False)
    # The document's own section number for this block ("5.3", "6"): a policy file's refs.
    section: str | None = field(default=None, compare=False)

    def where(self) -> str:
        """Where a person finds this block: page, heading, paragraph or table row."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.kind == "heading":
            parts.append("heading")
        else:
            if self.headings:
                parts.append(f'under "{self.headings[-1]}"')
            noun = {"row": "table row", "item": "list item"}.get(self.kind, "paragraph")
            parts.append(f"{noun} {self.paragraph}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: tuple[Block, ...]

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


# A full stop ends a sentence when a capital, a digit or an opening quote follows; the
# abbreviations a policy uses ("e.g.", "i.e.", "No.") do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z0-9“\"‘'(•-])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "No.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.")


def split_sentences(text: str) -> tuple[str, ...]:
    text = normalise(text)
    if not text:
        return ()
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if candidate.endswith(_ABBREVIATIONS):
            continue
        # Keep a closing quote with the sentence it closes.
        end = match.start() + len(match.group(0).rstrip())
        out.append(text[start:end].strip())
        start = match.end()
    out.append(text[start:].strip())
    return tuple(s for s in out if s)


def build(path: Path, raw: list[RawBlock]) -> Document:
    """Give each block its heading path, paragraph number and section number, and split it
    into sentences."""
    headings: list[tuple[int, str, str | None]] = []
    counter = 0
    clause: str | None = None  # the last numbered paragraph under the current heading
    blocks: list[Block] = []
    for item in raw:
        text = normalise(item.text)
        if not text:
            continue
        if item.kind == "heading":
            level = max(1, item.level)
            headings = [h for h in headings if h[0] < level] + [(level, text, heading_number(text))]
            counter, clause = 0, None
            parents = tuple(h[1] for h in headings[:-1])
            section = _nearest(headings)
            blocks.append(
                Block("heading", text, parents, 0, (), item.page, item.line, (text,), section)
            )
            continue
        counter += 1
        if item.kind == "paragraph":
            clause = clause_number(text) or clause
        cells = tuple(normalise(c) for c in item.cells)
        blocks.append(
            Block(
                item.kind,
                text,
                tuple(h[1] for h in headings),
                counter,
                cells,
                item.page,
                item.line,
                split_sentences(text),
                clause or _nearest(headings),
            )
        )
    return Document(path, tuple(blocks))


# "5.3 We will ...", "6. Stage two", "Section 6: Stage two", "Part 3 - Appeals".
_HEADING_NUMBER = re.compile(r"^(?:(?:section|part|clause)\s+)?(\d{1,2}(?:\.\d{1,2})*)\b\.?", re.I)
_CLAUSE_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+\S|^(\d{1,2})\.\s+[A-Z]")


def heading_number(text: str) -> str | None:
    match = _HEADING_NUMBER.match(text)
    return match.group(1) if match is not None else None


def clause_number(text: str) -> str | None:
    """The number a paragraph opens with: "5.3 We will ..." or "4. We will ...", not "10
    working days" (no dot) or "2024" (no dot and too long)."""
    match = _CLAUSE_NUMBER.match(text)
    return (match.group(1) or match.group(2)) if match is not None else None


def _nearest(headings: list[tuple[int, str, str | None]]) -> str | None:
    return next((number for _, _, number in reversed(headings) if number), None)


_NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^(?:[-*•·▪◦]|\(?[a-z0-9]{1,2}[.)])\s+")


def heading_level(line: str) -> int:
    """The heading level a plain line looks like, or 0 for body text.

    A heading is short and does not end like a sentence: "4. Feedback, complaints and
    escalation" (level 1), "7.3 Summary of approach" (level 2), or a short line in capitals.
    """
    text = normalise(line)
    words = text.split()
    if not words or len(words) > 10 or (text.endswith((".", ",", ";", ":")) and not text.isupper()):
        return 0
    numbered = _NUMBERED_HEADING.match(text)
    if numbered is not None:
        rest = numbered.group(2)
        return numbered.group(1).count(".") + 1 if rest[:1].isupper() and len(words) <= 8 else 0
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(words) <= 8:
        return 1
    return 0


# A line of plain text that ends a sentence: the next line starts a new paragraph. Web pages
# saved as text and most exported policies put one paragraph on a line with no blank line
# between; a hard-wrapped paragraph's lines rarely end on a full stop.
_ENDS_SENTENCE = re.compile(r"[.!?:][\"”’')\]]*$")


def ends_sentence(line: str) -> bool:
    return _ENDS_SENTENCE.search(line.rstrip()) is not None


_SECTION_WORD = re.compile(r"^(?:stage|step|part|section|level)\b", re.I)


def plain_heading_level(line: str) -> int:
    """The heading level of a line of plain text: :func:`heading_level`'s, or 2 for a short
    line on its own that does not end like a sentence ("Stage 1: Formal complaint", "What
    is a complaint?", "Stage one:"). Word and PDF documents say their headings by style, so
    this wider reading is for text alone, where a heading is only a line."""
    level = heading_level(line)
    if level:
        return level
    text = normalise(line)
    words = text.split()
    if not words or len(words) > 10 or not (text[0].isupper() or text[0].isdigit()):
        return 0
    if text.endswith((".", ",", ";", "!", "-", "–")) or list_item_text(text) is not None:
        return 0
    if text.endswith(":") and not _SECTION_WORD.match(text):
        return 0  # "We will:", "When you make a complaint, we will:" lead into a list
    return 2


def list_item_text(line: str) -> str | None:
    """The text of a bulleted or lettered list line, or None when the line is not one."""
    match = _LIST_ITEM.match(line.strip())
    if match is None:
        return None
    return line.strip()[match.end() :]
