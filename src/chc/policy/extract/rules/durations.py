"""Durations as policies write them, read into the policy format's spelling.

"5 working days", "five (5) working days", "two weeks", "a further 10 days", "28 calendar
days", "one month", "12 months", "48hrs": each becomes a duration that
:func:`chc.policy.durations.parse_duration` accepts ("2 weeks", "48 hours").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21, "twenty-eight": 28,
    "thirty": 30, "forty-eight": 48, "sixty": 60, "ninety": 90,
}  # fmt: skip

_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
DURATION = re.compile(
    rf"\b(?P<n>\d+|{_WORDS})(?:\s*\(\d+\))?[\s-]*(?P<extra>(?:additional|further|extra|more)\s+)?"
    r"(?:(?P<kind>working|business|calendar|clear)s?[\s-]+)?"
    r"(?P<unit>days?|weeks?|months?|years?|hours?|hrs?)\b",
    re.IGNORECASE,
)
_UNITS = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hour": "hour",
    "hr": "hour",
}


@dataclass(frozen=True)
class DurationMatch:
    start: int
    end: int
    text: str  # in the policy format's spelling: "10 working days"
    # "10 additional working days", "10 further working days": an extension by its words.
    extra: bool = False


def find_durations(sentence: str) -> list[DurationMatch]:
    out = []
    for match in DURATION.finditer(sentence):
        word = match.group("n").lower()
        unit = _UNITS[match.group("unit").lower().rstrip("s")]
        if word in ("a", "an") and unit in ("day", "hour"):
            continue  # "a day" is rarely a timescale; "a month", "a year" often are
        amount = int(word) if word.isdigit() else NUMBER_WORDS[word]
        if amount == 0:
            continue
        kind = (match.group("kind") or "").lower()
        kind = {"business": "working", "clear": "calendar"}.get(kind, kind)
        if kind and unit != "day":
            continue  # "2 calendar months" is not a duration the policy format reads
        words = [str(amount)] + ([kind] if kind else []) + [unit + ("s" if amount != 1 else "")]
        extra = match.group("extra") is not None
        out.append(DurationMatch(match.start(), match.end(), " ".join(words), extra))
    return out
