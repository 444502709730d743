"""Sentences with the stage they are about, and table cells with their column heading.

A sentence is about the stage it names; failing that, the stage its paragraph or table row
opens with, or the stage its heading names. This is what lets "A response is made within 8
working days" count for stage 1 when its paragraph begins "Stage 1 Complaint".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from chc.policy.extract.document import Block, Document, split_sentences

_NUMBERS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
STAGE = re.compile(
    r"\bstage[\s-]*(?P<n>[0-4]|zero|one|two|three|four)\b|\b(?P<ord>first|second|third|fourth)\s+stage\b",
    re.IGNORECASE,
)
# "escalate to Stage 2", "ask for stage two": the stage named is where the resident goes next.
_TARGET = re.compile(
    r"(?:escalat\w*|ask\w*|request\w*|progress\w*|move\w*|refer\w*|go(?:es)?|take\w*|proceed\w*)"
    r"(?:\s+\w+){0,4}?\s+(?:to|for|at)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)


# "trustees who were not involved at stage 1": a sentence about a later stage that names the
# earlier one only to say who does not handle this one.
_EARLIER = re.compile(
    r"\bnot\s+(?:been\s+|previously\s+)?(?:involved|dealt with|handled)\b[^.]{0,15}$", re.I
)


def stage_number(match: re.Match[str]) -> int:
    if match.group("ord"):
        return _ORDINALS[match.group("ord").lower()]
    n = match.group("n").lower()
    return int(n) if n.isdigit() else _NUMBERS[n]


def stage_mentions(text: str) -> list[tuple[int, bool, re.Match[str]]]:
    """Each stage the text names: (number, whether it is an escalation target, match)."""
    out = []
    for match in STAGE.finditer(text):
        target = _TARGET.search(text[max(0, match.start() - 60) : match.start()]) is not None
        out.append((stage_number(match), target, match))
    return out


@dataclass(frozen=True)
class Sentence:
    text: str
    block: Block
    stage: int | None  # the stage it is about, if any
    target: int | None  # the stage it says the resident may escalate to, if any
    column: str = ""  # a table cell: its column heading, for cells such as "10 working days"
    # The document numbers no stage, so this sentence's stage 1 is chc's reading, not its words.
    assumed: bool = False


def _own_stage(text: str) -> tuple[int | None, int | None]:
    mentions = stage_mentions(text)
    own = next(
        (
            n
            for n, target, match in mentions
            if not target and not _EARLIER.search(text[max(0, match.start() - 40) : match.start()])
        ),
        None,
    )
    target = next((n for n, is_target, _ in mentions if is_target), None)
    return own, target


def _lead_stage(block: Block) -> int | None:
    """The stage a paragraph or row opens with: its first cell, or its first few words."""
    head = block.cells[0] if block.cells else " ".join(block.text.split()[:4])
    own, _ = _own_stage(head)
    return own


def heading_stage(block: Block) -> int | None:
    """The stage the nearest heading naming one is about: its own ("Stage 2: Panel
    Meeting"), or the one it leads to ("Escalating to stage two")."""
    for heading in reversed(block.headings):
        own, target = _own_stage(heading)
        if own is not None or target is not None:
            return own if own is not None else target
    return None


def names_stages(document: Document) -> bool:
    """Whether the document numbers its stages anywhere ("Stage 1", "second stage")."""
    return any(n >= 1 for b in document.blocks for n, _, _ in stage_mentions(b.text))


def sentences(document: Document) -> Iterator[Sentence]:
    """Every sentence with the stage it is about. A document that numbers no stage at all
    ("When you make a complaint, we will acknowledge it within 5 working days") describes
    one process, read as stage 1; the draft asks whether that is right (see stages.py)."""
    if not names_stages(document):
        for s in _sentences(document):
            if s.stage is None:
                later = any(LATER_PURPOSE.search(h) for h in (*s.block.headings, s.text[:0]))
                later = later or (s.block.kind == "heading" and bool(LATER_PURPOSE.search(s.text)))
                s = dataclasses.replace(s, stage=2 if later else 1, assumed=True)
            yield s
        return
    yield from _sentences(document)


# A heading naming a later stage by its purpose, in a document that numbers none: "How to
# appeal our decision", "Independent review", "Escalating your complaint".
LATER_PURPOSE = re.compile(
    r"^(?!.*ombudsman).*\b(?:appeal\w*|review|escalat\w*|further investigation)\b", re.I
)


def _sentences(document: Document) -> Iterator[Sentence]:
    header: tuple[str, ...] = ()
    row_stage: int | None = None
    previous: Block | None = None
    for block in document.blocks:
        if block.kind == "heading":
            own, _ = _own_stage(block.text)
            yield Sentence(
                block.text, block, own if own is not None else heading_stage(block), None
            )
            previous = block
            continue
        if block.kind == "row":
            if previous is None or previous.kind != "row":
                header, row_stage = block.cells, None  # the first row of a table heads it
            row_stage = _lead_stage(block) if _lead_stage(block) is not None else row_stage
            yield from _row_sentences(block, header, row_stage)
        else:
            yield from _block_sentences(block)
        previous = block


def _block_sentences(block: Block) -> Iterator[Sentence]:
    section = heading_stage(block)
    current = _lead_stage(block)
    if current is None:
        current = section
    for text in block.sentences:
        own, target = _own_stage(text)
        # Under a "Stage 2" heading, "the outcome from stage 1" looks back: still stage 2.
        if own is not None and not (section is not None and own < section):
            current = own
        yield Sentence(text, block, current, target)


def _row_sentences(block: Block, header: tuple[str, ...], stage: int | None) -> Iterator[Sentence]:
    current = stage if stage is not None else heading_stage(block)
    for index, cell in enumerate(block.cells):
        column = header[index] if index < len(header) and header is not block.cells else ""
        for text in split_sentences(cell):
            own, target = _own_stage(text)
            yield Sentence(text, block, own if own is not None else current, target, column)


def later_stage(sentence: Sentence) -> int | None:
    """The stage after stage 1 that a sentence is about: the one it names as where the
    resident goes ("escalate to Stage 2"), else its section's stage ("6. Stage two": "You
    must explain why you are dissatisfied with stage one"), else its own stage from 2 up,
    else the stage after stage 1."""
    if sentence.target is not None:
        return sentence.target
    section = heading_stage(sentence.block)
    if section is not None and section >= 2:
        return section
    if sentence.stage is not None and sentence.stage >= 2:
        return sentence.stage
    return 2 if sentence.stage == 1 and not sentence.assumed else None
