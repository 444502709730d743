"""The time limit for complaining ("within 12 months of the issue"), what it counts from,
and any discretion to accept later complaints."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.durations import find_durations
from chc.policy.extract.rules.roles import ROLE_CUES, duration_role

LOOKED_FOR = {
    "time_limit": 'a period in months or years next to "ago", "occurred", "became aware" or '
    '"make a complaint within"; "no time limit"',
    "time_limit_from": 'in the time limit\'s sentence: "occurred", "happened", "ago" (the '
    'issue), "became aware" (the resident), or both',
    "time_limit_discretion": 'next to the time limit: "discretion", "good reason", '
    '"exceptional circumstances", "may still consider"',
}

_LONG_UNITS = ("month", "year")
DISCRETION = re.compile(
    r"discretion|good reason|exceptional circumstances|may (?:still |also )?(?:consider|accept)"
    r"|will (?:still )?consider .{0,40}(?:older|later|outside)",
    re.I,
)
NO_LIMIT = re.compile(r"\bno time limit\b|\bnot (?:set|have) a time limit\b", re.I)
# What the limit counts from, as data: each start and the words that name it.
STARTS: dict[str, re.Pattern[str]] = {
    "issue_occurred": re.compile(
        r"\b(?:occur\w*|happen\w*|took place|arose|ago)\b|\bdate of the (?:issue|event|incident)",
        re.I,
    ),
    "became_aware": re.compile(
        r"\b(?:became|become|becoming|been made) aware\b|\bfirst knew\b", re.I
    ),
}
ONLY_OCCURRED = (
    "Is the time limit counted from when the issue occurred or from when the resident became "
    "aware of it? The sentence names only the issue."
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    listed = list(sentences)
    for index, sentence in enumerate(listed):
        if NO_LIMIT.search(sentence.text):
            out.append(Found(("time_limit",), "none", sentence.text, sentence.block))
            continue
        durations = find_durations(sentence.text)
        for n, duration in enumerate(durations):
            if not duration.text.split()[-1].startswith(_LONG_UNITS):
                continue
            role = duration_role(sentence.text, durations, n)
            if role != "time_limit" and not ROLE_CUES["time_limit"].search(sentence.text):
                continue
            out.append(Found(("time_limit",), duration.text, sentence.text, sentence.block))
            out.extend(counts_from(sentence))
            out.extend(_discretion(listed, index))
            break
    return out


def counts_from(sentence: Sentence) -> list[Found]:
    """What the time limit in this sentence counts from: the issue, the resident's
    awareness, or whichever of the two it names."""
    named = [start for start, cue in STARTS.items() if cue.search(sentence.text)]
    if not named:
        return []
    value = named[0] if len(named) == 1 else "either"
    review = ONLY_OCCURRED if value == "issue_occurred" else None
    return [Found(("time_limit_from",), value, sentence.text, sentence.block, review)]


def _discretion(sentences: list[Sentence], index: int) -> list[Found]:
    """Discretion in the time limit's own sentence or the next one of the same block."""
    here = sentences[index]
    for sentence in sentences[index : index + 2]:
        if sentence.block is not here.block:
            break
        if DISCRETION.search(sentence.text):
            return [Found(("time_limit_discretion",), True, sentence.text, sentence.block)]
    return []
