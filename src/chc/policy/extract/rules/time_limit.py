"""The time limit for complaining ("within 12 months of the issue") and any discretion."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.durations import find_durations
from chc.policy.extract.rules.timescales import ROLE_CUES, duration_role

LOOKED_FOR = {
    "time_limit": 'a period in months or years next to "ago", "occurred", "became aware" or '
    '"make a complaint within"',
    "time_limit_discretion": 'next to the time limit: "discretion", "good reason", '
    '"exceptional circumstances", "may still consider"',
}

_LONG_UNITS = ("month", "year")
DISCRETION = re.compile(
    r"discretion|good reason|exceptional circumstances|may (?:still |also )?(?:consider|accept)"
    r"|will (?:still )?consider .{0,40}(?:older|later|outside)",
    re.I,
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    listed = list(sentences)
    for index, sentence in enumerate(listed):
        durations = find_durations(sentence.text)
        for n, duration in enumerate(durations):
            if not duration.text.split()[-1].startswith(_LONG_UNITS):
                continue
            role = duration_role(sentence.text, durations, n)
            if role != "time_limit" and not ROLE_CUES["time_limit"].search(sentence.text):
                continue
            out.append(Found(("time_limit",), duration.text, sentence.text, sentence.block))
            out.extend(_discretion(listed, index))
            break
    return out


def _discretion(sentences: list[Sentence], index: int) -> list[Found]:
    """Discretion in the time limit's own sentence or the next one of the same block."""
    here = sentences[index]
    for sentence in sentences[index : index + 2]:
        if sentence.block is not here.block:
            break
        if DISCRETION.search(sentence.text):
            return [Found(("time_limit_discretion",), True, sentence.text, sentence.block)]
    return []
