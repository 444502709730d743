"""Whether someone not involved earlier considers the complaint at a later stage (2024 6.13,
2022 5.12): "a manager who was not involved at stage 1", "a different officer"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence, later_stage
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "different_person": 'at a later stage: "not involved", "a different officer", "someone '
    'other than", "independent review" (for review), "the same officer" (false, for review)'
}

# Each reading as data: the value, its pattern, and the question a person must answer (None
# where the words settle it).
READINGS: tuple[tuple[bool, re.Pattern[str], str | None], ...] = (
    (
        True,
        re.compile(
            r"\bnot (?:been |previously |already |otherwise )?involved\b"
            r"|\b(?:no|without any|without) (?:previous |prior |earlier )?involvement\b"
            r"|\b(?:a )?different (?:officer|manager|person|member of staff|investigator)\b"
            r"|\bsomeone other than\b|\b(?:has|have|had) not (?:dealt|been dealing) with\b",
            re.I,
        ),
        None,
    ),
    (
        True,
        re.compile(r"\bindependent(?:ly)? (?:review\w*|panel|manager|officer|investigat\w*)", re.I),
        "Does 'independent' mean someone not involved at the earlier stage, or someone from "
        "outside the landlord?",
    ),
    (
        True,
        re.compile(
            r"\b(?:reviewed|considered|investigated|undertaken|heard|handled|dealt with|looked at)"
            r"\s+by\s+(?:a|an|the|our)?\s*(?:more\s+)?(?:senior|head of|director|service director"
            r"|chief executive|panel|complaints?\s+(?:resolution\s+)?team)"
            r"|\ba panel (?:made up of|of|including)\b",
            re.I,
        ),
        "A more senior person or a panel considers this stage: is it someone not involved in "
        "the stage before?",
    ),
    (
        False,
        re.compile(
            r"\bthe same (?:officer|manager|person|member of staff|investigator) (?:will|who)", re.I
        ),
        "Does the same person handle this stage as the one before?",
    ),
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    for sentence in sentences:
        for value, pattern, question in READINGS:
            if not pattern.search(sentence.text):
                continue
            stage = later_stage(sentence)
            if stage is not None:
                path = ("stages", stage, "different_person")
                out.append(Found(path, value, sentence.text, sentence.block, question))
            break
    return out
