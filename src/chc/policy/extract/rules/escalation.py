"""Whether a resident must give reasons to escalate (the 2024 Code says they need not)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence, heading_stage, later_stage
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "reasons_required": 'next to "escalate": "must explain why", "give reasons", '
    '"do not need to give reasons"'
}

_ESCALATE = re.compile(r"escalat|stage (?:2|two|3|three)|second stage|review|appeal", re.I)
NOT_REQUIRED = re.compile(
    r"(?:do not|don't|don’t|will not|won't|won’t|no need to|not be asked to|not required to"
    r"|without)\s+"
    r"(?:\w+\s+){0,3}?(?:give|giving|explain|explaining|provide|providing|state|stating)\s+"
    r"(?:\w+\s+){0,2}?(?:reasons?|why)"
    # "it is not compulsory", "if you can, tell us why"
    r"|\b(?:is|are) not (?:compulsory|mandatory|required)\b"
    r"|\bif you (?:can|wish|want)\b,?\s+(?:please\s+)?(?:tell us|explain|let us know)\s+why\b",
    re.I,
)
REQUIRED = re.compile(
    r"(?:must|will need to|needs? to|required to|should|are asked to|have to)\s+"
    r"(?:\w+\s+){0,3}?(?:give|explain|provide|state|set out|tell us)\s+"
    r"(?:\w+\s+){0,3}?(?:reasons?|why)"
    # "you can contact us to explain why, and ask for your complaint to be reviewed"
    r"|\bcontact us to explain why\b"
    # "If you are pursuing a complaint from stage 1, you must:" (a list of what to say)
    r"|\byou (?:must|will need to|need to|have to):\s*$",
    re.I,
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    for sentence in sentences:
        section = heading_stage(sentence.block) or 0
        if not _ESCALATE.search(sentence.text) and max(section, sentence.stage or 0) < 2:
            continue
        stage = later_stage(sentence)
        if stage is None:
            continue
        if NOT_REQUIRED.search(sentence.text):
            out.append(
                Found(("stages", stage, "reasons_required"), False, sentence.text, sentence.block)
            )
        elif REQUIRED.search(sentence.text):
            out.append(
                Found(
                    ("stages", stage, "reasons_required"),
                    True,
                    sentence.text,
                    sentence.block,
                    "Does the policy demand reasons before it escalates, or only invite them?",
                )
            )
    return out
