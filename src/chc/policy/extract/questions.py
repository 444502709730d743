"""What a draft must ask rather than drop: periods no rule placed, and how many stages the
document suggests it has.

A draft never looks better than its document: a period the rules could not place in a
field is listed, with its sentence, as a question for a person; and a document that speaks
of escalating or of a review when the draft has one stage says so, so that `chc
check-policy` does not pass what depends on a stage the draft lacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence, stage_mentions
from chc.policy.extract.found import Found, Question
from chc.policy.extract.rules.durations import find_durations
from chc.policy.extract.rules.roles import duration_role
from chc.policy.extract.rules.stages import stated_count

_PERIOD_FIELDS = frozenset(
    {"acknowledge", "respond", "respond_from", "extension", "request_within", "time_limit",
     "time_limit_from", "exclusions"}
)  # fmt: skip
# What a role the rules read but no field holds means, in a complaints officer's words.
_READINGS = {
    "other": "chc could not tell what this period is for",
    "request_within": "it reads as the time a resident has to ask for the next stage, but "
    "chc could not tell which stage",
    "acknowledge": "it reads as a time to acknowledge, but chc could not tell which stage",
    "respond": "it reads as a response time, but chc could not tell which stage",
    "extension": "it reads as an extension, but chc could not tell which stage",
    "time_limit": "it reads as a time limit, but chc could not place it",
}
# Words that say there is more than one stage: a way to escalate, a review, an appeal.
_LATER_STAGE = re.compile(
    r"\bescalat\w*|\bappeal\b|\b(?:ask|request)\w*\b[^.]{0,40}\breview\w*\b|\breview\w* (?:of )?"
    r"(?:your|the) (?:complaint|decision)\b",
    re.I,
)


def unplaced(sentences: Sequence[Sentence], found: Sequence[Found]) -> tuple[Question, ...]:
    """Each period in a sentence that no value rests on, as a question."""
    # A period is placed when a timescale field rests on its sentence, or a review question
    # quotes it ("The document also says ..."); a stage's name from the same sentence is not.
    quotes = {
        " ".join(f"{f.quote} {f.review or ''}".split())
        for f in found
        if f.path[-1] in _PERIOD_FIELDS or f.path[0] in _PERIOD_FIELDS
    }
    out: list[Question] = []
    for sentence in sentences:
        durations = find_durations(sentence.text)
        text = " ".join(sentence.text.split())
        if not durations or any(text in q for q in quotes):
            continue
        said = ", ".join(f'"{sentence.text[d.start : d.end]}"' for d in durations)
        role = duration_role(sentence.text, durations, 0, sentence.column) or "other"
        out.append(
            Question(
                sentence.text,
                sentence.block,
                f"The document states {said} here; {_READINGS.get(role, _READINGS['other'])}. "
                "Is it a timescale the policy file should hold?",
            )
        )
    return tuple(out)


def suggested_stages(sentences: Sequence[Sentence]) -> int:
    """The stages the document suggests: the highest it names or leads to, the count it
    states, and at least two where it speaks of escalating, a review or an appeal."""
    named = max((n for s in sentences for n, _, _ in stage_mentions(s.text)), default=0)
    later = 2 if any(_LATER_STAGE.search(s.text) for s in sentences) else 1
    return max(named, len(stated_count(sentences)), later)
