"""What the document says about itself: its title, the landlord, when it was adopted, and
which edition of the Code it follows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "document": "a first line naming a policy or procedure",
    "landlord": 'a name followed by ("we") or (hereafter "...")',
    "adopted": 'a date next to "approved", "adopted", "effective" or "reviewed"',
    "code": 'the Code named with a year ("Complaint Handling Code 2024")',
}

_TITLE = re.compile(r"polic|procedure", re.I)
_LANDLORD = re.compile(
    r"(?P<name>(?:[A-Z][\w&'’-]*\s+){0,5}[A-Z][\w&'’-]*)\s+"
    r"\((?:hereafter\s+)?[\"“‘']?(?:we|us|the landlord|the [A-Z][a-z]+|[A-Z]{2,})\b"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+"
    r"(?P<year>20\d\d)",
    re.I,
)
# Which date counts as adoption, best first: approval beats a review date.
_ADOPTION = ("approv", "adopt", "effective", "date of current review", "reviewed")
_CODE_YEAR = re.compile(r"\bCode\b[^.]{0,60}?\b(2020|2022|2024)\b")


def find(sentences: Sequence[Sentence]) -> list[Found]:
    listed = list(sentences)
    out: list[Found] = []
    # The title: among the first few lines, the first that names a policy or procedure.
    title = next(
        (s for s in listed[:3] if _TITLE.search(s.text) and len(s.text.split()) <= 12), None
    )
    if title is None and listed and listed[0].block.kind == "heading":
        title = listed[0]  # a web page's first heading: "How we handle complaints"
    if title is not None:
        out.append(Found(("document",), title.text, title.text, title.block))
    out.extend(_landlord(listed))
    out.extend(_adopted(listed))
    named = next(((s, m) for s in listed if (m := _CODE_YEAR.search(s.text))), None)
    if named is not None:
        code, year = named[0], named[1].group(1)
        out.append(Found(("code",), year, code.text, code.block))
    return out


# "Unity Housing Association 117 Chapeltown Road", "Lewisham Homes' policy"
_LANDLORD_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][\w&'’-]*\s+){1,4}?(?:Housing Association|Housing Trust|Housing Group"
    r"|Homes|Housing|Living))\b(?!\s+(?:Ombudsman|Regulator|Act|Code|England)\b)"
)
# "Broadland's formal complaint process", "Golding's approach": a name in the possessive,
# in the middle of a sentence (not "Today's ...").
_POSSESSIVE = re.compile(r"(?<=[a-z,] )(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})['’]s?\s")
_NOT_LANDLORD = re.compile(
    r"Ombudsman|Code|Regulator|Government|Council\b|Parliament|England|Act\b|Service", re.I
)


def _landlord(sentences: list[Sentence]) -> list[Found]:
    """The landlord's name: one the document introduces ("Moorland Homes ("we")"), else one
    ending like a landlord's ("... Housing Association", "... Homes"), else the name the
    page puts in the possessive ("Broadland's formal complaint process")."""
    for pattern, question in (
        (_LANDLORD, None),
        (_LANDLORD_NAME, None),
        (_POSSESSIVE, "Is this the landlord's name as the policy gives it?"),
    ):
        for s in sentences:
            for match in pattern.finditer(s.text):
                name = match.group("name").strip()
                if not _NOT_LANDLORD.search(name):
                    return [Found(("landlord",), name, s.text, s.block, question)]
    return []


def _adopted(sentences: list[Sentence]) -> list[Found]:
    for cue in _ADOPTION:
        for sentence in sentences:
            text = sentence.block.text if sentence.block.kind == "row" else sentence.text
            lowered = text.lower()
            if cue not in lowered or "next review" in lowered.split(cue)[0][-20:]:
                continue
            match = _DATE.search(text, lowered.index(cue))
            if match is None or match.start() - lowered.index(cue) > 40:
                continue
            month = next(
                i for i, m in enumerate(_MONTHS, 1) if m.startswith(match.group("month").lower())
            )
            value = f"{match.group('year')}-{month:02d}"
            if match.group("day"):
                value += f"-{int(match.group('day')):02d}"
            return [Found(("adopted",), value, text, sentence.block)]
    return []
