"""Shared by the extraction rule tests (no tests of its own): a Markdown snippet as the rules
see it. Named test_extract_* to stay inside the extract helper's files."""

from __future__ import annotations

from pathlib import Path

from chc.policy.extract.context import Sentence, sentences
from chc.policy.extract.document import build
from chc.policy.extract.found import Found
from chc.policy.extract.readers import text_blocks
from chc.policy.extract.rules import RULES


def snippet(text: str) -> list[Sentence]:
    return list(sentences(build(Path("policy.md"), text_blocks(text, markdown=True))))


def run_rule(name: str, text: str) -> list[Found]:
    return RULES[name](snippet(text))


def values(name: str, text: str) -> dict[tuple[str | int, ...], list[object]]:
    """What a rule found, by field: {("stages", 1, "respond"): ["10 working days"]}."""
    out: dict[tuple[str | int, ...], list[object]] = {}
    for found in run_rule(name, text):
        out.setdefault(found.path, []).append(found.value)
    return out
