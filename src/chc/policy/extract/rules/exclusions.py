"""What the policy will not treat as a complaint, as the policy format's kinds.

Only sentences in an exclusions context count: a heading such as "What is not a complaint"
or "Exclusions", or a list introduced by "we will not consider" and the like. Each becomes a
kind the Code names (``{kind: legal_proceedings}``), a time exclusion (``{kind: time_limit,
older_than: 6 months}``: "matters over six months old"), or ``{kind: other, text: ...}`` in
the policy's words, which check-policy shows for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.durations import find_durations
from chc.policy.extract.rules.roles import ROLE_CUES

LOOKED_FOR = {
    "exclusions": 'a list under a heading such as "What is not a complaint" or after '
    '"we will not consider"'
}

# Our name for each exclusion, and its pattern; KINDS gives the policy format's kind.
EXCLUSIONS: dict[str, re.Pattern[str]] = {
    "legal proceedings": re.compile(r"legal (?:proceedings|action)|\bcourt\b|tribunal", re.I),
    "insurance claims": re.compile(r"\binsur(?:ance|ers?)\b", re.I),
    "complaint pursued unreasonably": re.compile(r"pursued unreasonably|vexatious", re.I),
    "rent or service charge levels": re.compile(
        r"(?:amount|level) of (?:the )?(?:\w+ )?(?:rent|service charge|maintenance contribution)"
        r"|rent increase|service charge (?:level|increase)",
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
KINDS = {
    "legal proceedings": "legal_proceedings",
    "insurance claims": "insurance_claim",
    "complaint pursued unreasonably": "unreasonable_pursuit",
    "rent or service charge levels": "rent_or_charge_levels",
    "matters already considered": "already_considered",
}
_OWN_WORDS = 100  # a list item up to this long is the policy's words for an exclusion
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
        # A time limit stated as a rule under an exclusions heading is the time_limit field;
        # only one listed among the exclusions, or introduced as one, is an exclusion.
        listed = sentence.block.kind == "item" or _CONTEXT.search(sentence.text)
        older = _older_than(sentence.text) if listed else None
        if older is not None and f"time {older}" not in seen:
            seen.add(f"time {older}")
            value = {"kind": "time_limit", "older_than": older}
            out.append(Found(("exclusions",), value, sentence.text, sentence.block))
        for name, pattern in EXCLUSIONS.items():
            if name not in seen and pattern.search(sentence.text):
                seen.add(name)
                out.append(
                    Found(("exclusions",), _kind(name, sentence), sentence.text, sentence.block)
                )
    return out


def _kind(name: str, sentence: Sentence) -> dict[str, str]:
    if name in KINDS:
        return {"kind": KINDS[name]}
    # A PDF's bullets arrive as paragraphs starting with the bullet.
    own = sentence.text.strip().lstrip("•·▪-* ").rstrip(";.,")
    return {"kind": "other", "text": own if len(own) <= _OWN_WORDS else name}


def _older_than(text: str) -> str | None:
    """A period in months or years that dates the matter: "occurred over twelve months ago",
    "more than 6 months before the complaint"."""
    if not ROLE_CUES["time_limit"].search(text) and not re.search(
        r"more than|over|older", text, re.I
    ):
        return None
    long = [
        d.text for d in find_durations(text) if d.text.split()[-1].startswith(("month", "year"))
    ]
    return long[0] if long else None
