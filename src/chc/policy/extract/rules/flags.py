"""Yes/no points a single phrase settles: representatives, reasonable adjustments, a policy on
unacceptable behaviour, publication on the website, being accompanied. Each is data: a field
and its pattern, and where the phrase may say less than the Code asks, a question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found

FLAGS: dict[str, re.Pattern[str]] = {
    "representatives": re.compile(
        r"on (?:the )?behalf of|on (?:your|their) behalf|third[\s-]party|advocate|representative"
        r"|someone (?:else )?to (?:act|complain|help)",
        re.I,
    ),
    # Being accompanied is not being represented: the 2024 Code's 3.6 asks for both.
    "accompaniment": re.compile(
        r"\baccompan(?:ied|y)\b|\bbring (?:a|an|someone|somebody|another)\b[^.]{0,60}\bmeeting"
        r"|\bmeeting\b[^.]{0,60}\bbring (?:a|an|someone|somebody|another)\b",
        re.I,
    ),
    "reasonable_adjustments": re.compile(r"reasonable adjustment", re.I),
    "unacceptable_behaviour_policy": re.compile(
        r"(?:unacceptable|unreasonable)(?:\s+\w+){0,2}\s+behaviour(?:\s+\w+){0,3}\s+(?:policy|procedure)"
        r"|(?:policy|procedure) (?:on|for) (?:managing )?(?:unacceptable|unreasonable)"
        # a section of its own ("Unreasonable complaints"), or a ground for refusing one
        r"|^(?:unreasonable|unacceptable)\s+(?:complain\w*|behaviour|actions|conduct)\s*$"
        r"|\bbehaviour\s+(?:as\s+|is\s+)?(?:unreasonable|unacceptable)\b",
        re.I,
    ),
    "published_on_website": re.compile(
        r"(?:publish|publicise|available)\w*\s+(?:this|our|the)\s+(?:complaints?\s+)?(?:policy|procedure)"
        r"[^.]{0,120}website|(?:this|our|the)\s+(?:complaints?\s+)?policy\s+(?:is|will be)\s+"
        r"(?:published|available)[^.]{0,40}website"
        # a web page linking the policy itself: "our complaints policy (PDF 401KB)"
        r"|\bcomplaints?\s+policy\s*[\[(]\s*pdf\b",
        re.I,
    ),
}
# A phrase that matches a flag's pattern but says something else.
NOT: dict[str, re.Pattern[str]] = {
    # an advocate brought along to a meeting is accompaniment; "on behalf of a customer who
    # is not one of our residents" refuses a complaint
    "representatives": re.compile(
        r"\bbring (?:a|an)\s+(?:advocate|representative)\s+with you\b"
        r"|\bwho (?:is|are) not (?:one of )?our\b",
        re.I,
    ),
}
LOOKED_FOR = {
    "representatives": '"on behalf of", "third party", "advocate", "representative"',
    "accompaniment": '"accompanied", "bring someone to a meeting"',
    "reasonable_adjustments": '"reasonable adjustment"',
    "unacceptable_behaviour_policy": 'an "unacceptable" or "unreasonable behaviour" policy',
    "published_on_website": '"publish this policy ... website"',
}


# A flag's question, asked unless the sentence also matches its pattern.
REVIEWS: dict[str, tuple[re.Pattern[str], str]] = {
    "unacceptable_behaviour_policy": (
        re.compile(r"polic|procedure", re.I),
        "Does the policy point to a policy on unacceptable behaviour, or only mention such "
        "behaviour?",
    ),
    "published_on_website": (
        re.compile(r"publish", re.I),
        "The page links the policy itself: is the policy published on the website?",
    ),
    "accompaniment": (
        re.compile(r"\bany meeting", re.I),
        "The Code asks that a resident may be accompanied at any meeting with the landlord: "
        "does this cover every meeting, or only the one it is said of?",
    ),
}


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    for field, pattern in FLAGS.items():
        unless_not = NOT.get(field)
        sentence = next(
            (
                s
                for s in sentences
                if pattern.search(s.text) and not (unless_not and unless_not.search(s.text))
            ),
            None,
        )
        if sentence is None:
            continue
        unless, question = REVIEWS.get(field, (None, None))
        review = question if unless is not None and not unless.search(sentence.text) else None
        out.append(Found((field,), True, sentence.text, sentence.block, review))
    return out
