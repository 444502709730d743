"""What the policy will not treat as a complaint, in a short common vocabulary.

Only sentences in an exclusions context count: a heading such as "What is not a complaint"
or "Exclusions", or a list introduced by "we will not consider" and the like. The time
limit is its own field, so "over twelve months ago" is not listed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "exclusions": 'a list under a heading such as "What is not a complaint" or after '
    '"we will not consider"'
}

EXCLUSIONS: dict[str, re.Pattern[str]] = {
    "legal proceedings": re.compile(r"legal (?:proceedings|action)|\bcourt\b|tribunal", re.I),
    "insurance claims": re.compile(r"\binsur(?:ance|ers?)\b", re.I),
    "complaint pursued unreasonably": re.compile(r"pursued unreasonably|vexatious", re.I),
    "rent or service charge levels": re.compile(
        r"(?:amount|level) of (?:rent|service charge)|rent increase"
        r"|service charge (?:level|increase)",
        re.I,
    ),
    "matters already considered": re.compile(
        r"already (?:been )?(?:considered|investigated|dealt with)"
        r"|previously (?:considered|investigated)",
        re.I,
    ),
    "staff employment matters": re.compile(r"employment|disciplinary|\bHR\b", re.I),
    "anti-social behaviour reports": re.compile(
        r"reports? of anti[\s-]?social behaviour|anti[\s-]?social behaviour reports?", re.I
    ),
}
_CONTEXT = re.compile(
    r"not (?:a|be) (?:treated as a )?complaint|exclu|will not (?:consider|deal|accept|investigate)"
    r"|cannot (?:consider|deal|accept)|outside (?:the scope|this policy)|not covered"
    r"|does not (?:cover|apply)",
    re.I,
)


def _in_context(sentence: Sentence, lead: str) -> bool:
    return bool(
        _CONTEXT.search(sentence.text)
        or _CONTEXT.search(lead)
        or any(_CONTEXT.search(h) for h in sentence.block.headings[-1:])
    )


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    seen: set[str] = set()
    lead = ""
    for sentence in sentences:
        if sentence.block.kind != "item":
            lead = sentence.text if sentence.block.kind == "paragraph" else lead
        if not _in_context(sentence, lead if sentence.block.kind == "item" else ""):
            continue
        for name, pattern in EXCLUSIONS.items():
            if name not in seen and pattern.search(sentence.text):
                seen.add(name)
                out.append(Found(("exclusions",), name, sentence.text, sentence.block))
    return out
