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
    "Early resolution": re.compile(r"\bearly resolution\b", re.I),
    "Local resolution": re.compile(r"\blocal resolution\b", re.I),
    "Quick Fix": re.compile(r"\bquick[\s-]?fix\b", re.I),
    "Frontline resolution": re.compile(r"\bfront[\s-]?line resolution\b", re.I),
}
# A later stage may have its own name: "Stage 2 (Review)", "an appeal panel".
_NEGATED = re.compile(r"\b(?:no|not an?|never an?|without an?)\s+$", re.I)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    named: list[Found] = []
    targets: list[Found] = []  # "escalate to Stage 2": evidence only if nothing better
    out: list[Found] = []
    for sentence in sentences:
        for number, target, match in stage_mentions(sentence.text):
            if number >= 1 and not _NEGATED.search(sentence.text[: match.start()]):
                found = Found(
                    ("stages", number, "name"), f"Stage {number}", sentence.text, sentence.block
                )
                (targets if target else named).append(found)
        for name, pattern in PRE_STEPS.items():  # one step per sentence: the first named
            if pattern.search(sentence.text):
                question = (
                    f"Is '{name}' a step before stage 1 that a resident must go through first, "
                    "or only a way of settling a complaint quickly?"
                )
                out.append(
                    Found(("pre_complaint_steps",), name, sentence.text, sentence.block, question)
                )
                break
    return named + targets + out
