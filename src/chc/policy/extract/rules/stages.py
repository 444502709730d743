"""Stage names ("Stage 1", "stage one", "second stage") and steps before stage 1.

Stages are named "Stage N" in the draft whatever the policy's spelling, so that the draft's
stage list is the numbers the policy uses. A "Stage 0", informal, early, local or quick-fix
resolution is a step before stage 1, marked for review: whether a resident must go through it
first is a judgement the words alone rarely settle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence, stage_mentions
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "stages": '"Stage 1", "stage one", "first stage" and the like',
    "pre_complaint_steps": '"Stage 0", "informal", "early resolution", "local resolution", '
    '"quick fix", "frontline resolution"',
}

PRE_STEPS: dict[str, re.Pattern[str]] = {
    "Stage 0": re.compile(r"\bstage[\s-]*(?:0|zero)\b", re.I),
    "Informal resolution": re.compile(
        r"\binformal (?:stage|resolution|complaint|process)|\bresolved? informally", re.I
    ),
    "Early resolution": re.compile(r"\bearly (?:resolution|solution)\b", re.I),
    "Swift resolution": re.compile(r"\bswift resolution\b", re.I),
    "First point of contact": re.compile(
        r"\bresolve\b[^.]{0,30}\bat the first point of contact\b"
        r"(?=[^.]{0,40}\b(?:not possible|formal|stage))",
        re.I,
    ),
    "Local resolution": re.compile(r"\blocal resolution\b", re.I),
    "Quick Fix": re.compile(r"\bquick[\s-]?fix\b", re.I),
    "Frontline resolution": re.compile(r"\bfront[\s-]?line resolution\b", re.I),
}
# A later stage may have its own name: "Stage 2 (Review)", "an appeal panel".
_NEGATED = re.compile(r"\b(?:no|not an?|never an?|without an?)\s+$", re.I)
_NEGATED_STEP = re.compile(
    r"\b(?:no|not|never|without)\b(?:\s+(?:have|has|use|offer|operate|an?|any))*\s+$", re.I
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    named: list[Found] = []
    targets: list[Found] = []  # "escalate to Stage 2": evidence only if nothing better
    out: list[Found] = []
    for sentence in sentences:
        named.extend(_purpose_stage(sentence))
        for number, target, match in stage_mentions(sentence.text):
            if number >= 1 and not _NEGATED.search(sentence.text[: match.start()]):
                found = Found(
                    ("stages", number, "name"), f"Stage {number}", sentence.text, sentence.block
                )
                (targets if target else named).append(found)
        out.extend(_pre_steps(sentence))
    return named + targets + stated_count(sentences) + out + named_steps(list(sentences))


def _purpose_stage(sentence: Sentence) -> list[Found]:
    """A heading that names a later stage by its purpose ("How to appeal our decision") in
    a document that numbers no stages (context.sentences gave it stage 2)."""
    stage = sentence.stage
    if sentence.block.kind != "heading" or not sentence.assumed or stage is None or stage < 2:
        return []
    question = (
        f'The document numbers no stages; chc read "{sentence.text}" as stage {stage}. '
        "Is that right?"
    )
    path = ("stages", stage, "name")
    return [Found(path, f"Stage {stage}", sentence.text, sentence.block, question)]


def _pre_steps(sentence: Sentence) -> list[Found]:
    """The first step before stage 1 a sentence names, unless it says there is none ("We do
    not have an informal stage") or names it as stage 1 ("Stage 1: frontline resolution")."""
    for name, pattern in PRE_STEPS.items():
        step = pattern.search(sentence.text)
        if step is None or _NEGATED_STEP.search(sentence.text[: step.start()]):
            continue
        if any(n >= 1 and not target for n, target, _ in stage_mentions(sentence.text)):
            continue
        question = (
            f"Is '{name}' a step before stage 1 that a resident must go through first, "
            "or only a way of settling a complaint quickly?"
        )
        return [Found(("pre_complaint_steps",), name, sentence.text, sentence.block, question)]
    return []


# "We use a two-stage formal complaint process", "a 2 stage formal complaints procedure",
# "the following two stages", "no more than two stages".
_COUNT = re.compile(
    r"\b(?P<n>[1-4]|one|two|three|four)[\s-]+(?:stage|tier|step)s?\b(?!\s+(?:response|complaint\b))"
    r"(?=[^.]{0,40}(?:process|procedure|approach|system|are\b|:|$))"
    r"|\b(?:following|the|our)\s+(?P<m>two|three|2|3)\s+stages\b",
    re.I,
)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}


def stated_count(sentences: Sequence[Sentence]) -> list[Found]:
    """Stages a document counts but may not describe: the stated number, each stage a name
    found with the count as its evidence, and a question (used only where no sentence of
    the document names that stage itself)."""
    for sentence in sentences:
        match = _COUNT.search(sentence.text)
        if match is None:
            continue
        word = (match.group("n") or match.group("m")).lower()
        count = int(word) if word.isdigit() else _COUNT_WORDS[word]
        return [
            Found(
                ("stages", n, "name"),
                f"Stage {n}",
                sentence.text,
                sentence.block,
                f"The document speaks of {count} stages but chc found nothing more of stage "
                f"{n}: where does the document describe it (the page may stop before it)?",
            )
            for n in range(1, count + 1)
        ]
    return []


# A step of its own name, described like a stage before stage 1: "Feedback cases are ...",
# "Feedback with Investigation are cases that ...".
_STEP_PARAGRAPH = re.compile(
    r"^(?P<name>[A-Z][a-z]+(?:\s+(?:with|and|of|[A-Z][a-z]+)){0,3})\s+"
    r"(?:cases\s+are|are\s+cases|is\s+(?:a|our)\s+(?:step|process|stage))\b"
)
_STAGE_COLUMN = re.compile(r"^\s*(?:stage|step)s?\b", re.I)
_NOT_A_STEP = re.compile(r"ombudsman|process ends|internal complaint process", re.I)


def named_steps(sentences: list[Sentence]) -> list[Found]:
    """Steps with names of their own that come before stage 1 in the document's own
    sequence: rows of a process table ("Stage" column) above its Stage 1 row, and
    paragraphs that open like a stage ("Feedback cases are ...") and speak of escalating,
    above a paragraph opening "Stage 1" under the same heading."""
    out: list[Found] = []
    passed: set[tuple[str, ...]] = set()  # tables and sections whose stage 1 has been seen
    waiting: list[Sentence] = []  # step paragraphs not yet followed by a stage 1 paragraph
    for sentence in sentences:
        block = sentence.block
        where = (*block.headings, sentence.column)
        opening = block.cells[0] if block.cells else " ".join(block.text.split()[:3])
        if _opens_stage_one(opening):
            if block.kind == "paragraph":
                out.extend(
                    _step(w, _STEP_PARAGRAPH.match(w.text))
                    for w in waiting
                    if w.block.headings == block.headings
                )
                waiting = []
            passed.add(where)
            continue
        if block.kind == "row" and where not in passed and _first_cell(sentence):
            out.append(_step(sentence, None))
        elif _step_paragraph(sentence):
            waiting.append(sentence)
    return out


def _step_paragraph(sentence: Sentence) -> bool:
    block = sentence.block
    return (
        block.kind == "paragraph"
        and sentence.text == block.sentences[0]
        and _STEP_PARAGRAPH.match(sentence.text) is not None
        and re.search(r"escalat", block.text, re.I) is not None
    )


def _opens_stage_one(text: str) -> bool:
    return any(n == 1 and not target for n, target, _ in stage_mentions(text))


def _first_cell(sentence: Sentence) -> bool:
    """The first cell of a process table's row, naming a step with something said of it."""
    cells = sentence.block.cells
    return (
        bool(cells)
        and sentence.text == cells[0]
        and bool(_STAGE_COLUMN.match(sentence.column))
        and any(c.strip() for c in cells[1:])
        and not _NOT_A_STEP.search(cells[0])
        and not stage_mentions(cells[0])
    )


def _step(sentence: Sentence, match: re.Match[str] | None) -> Found:
    name = match.group("name") if match is not None else sentence.text
    question = (
        f"Is '{name}' a step before stage 1 that a resident must go through first, or only "
        "a way of settling a complaint quickly?"
    )
    return Found(("pre_complaint_steps",), name, sentence.text, sentence.block, question)
