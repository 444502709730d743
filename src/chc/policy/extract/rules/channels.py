"""The ways to complain, from a sentence about complaining that names two or more of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "channels": "a sentence about making a complaint naming two or more of phone, email, "
    "letter, website, in person, social media"
}

CHANNELS: dict[str, re.Pattern[str]] = {
    "phone": re.compile(r"\b(?:tele)?phone\b|\bcall(?:ing)? us\b|\bby calling\b", re.I),
    "email": re.compile(r"\be-?mail", re.I),
    "letter": re.compile(r"\bletter\b|\bby post\b|\bin writing\b|\bwrite to us\b", re.I),
    "website": re.compile(r"\bwebsite\b|\bonline\b|\bweb ?form\b|\bonline form\b", re.I),
    "in person": re.compile(
        r"\bin person\b|\bface[\s-]to[\s-]face\b|\bvisit(?:ing)? (?:us|our)", re.I
    ),
    "social media": re.compile(r"\bsocial media\b|\bfacebook\b|\btwitter\b", re.I),
    "electronic": re.compile(r"\belectronic(?:ally)?\b", re.I),
    "text message": re.compile(r"\btext message|\bsms\b", re.I),
}
_REVIEW = {
    "electronic": "Does 'electronic' mean email, a web form, or both?",
}
_ABOUT_COMPLAINING = re.compile(r"complain|contact us|get in touch|tell us|report", re.I)


# A section on how to complain ("How can you make a complaint?") counts as one group: a
# page that names one way in a sentence ("online using the complaints form") and another
# in the next ("by phone to our Customer Hub").
_HOW_TO = re.compile(r"\b(?:how|ways?)\b[^.]{0,25}\bcomplain|\bmak(?:e|ing) a complaint\b", re.I)
_OMBUDSMAN = re.compile(r"ombudsman", re.I)


def _groups(sentences: Sequence[Sentence]) -> list[tuple[str, list[Sentence]]]:
    """Each sentence alone, except a bulleted list, which counts as one with its lead-in,
    and a section on how to complain, which counts as one."""
    groups: list[tuple[str, list[Sentence]]] = []
    lead = ""
    section: tuple[str, ...] | None = None
    for sentence in sentences:
        headings = sentence.block.headings
        if sentence.block.kind != "heading" and headings and _HOW_TO.search(headings[-1]):
            if _OMBUDSMAN.search(sentence.text):
                continue
            if section == headings and groups:
                groups[-1][1].append(sentence)
            else:
                groups.append(("", [sentence]))
                section = headings
            continue
        section = None
        if sentence.block.kind == "item":
            if groups and groups[-1][1][-1].block.kind == "item":
                groups[-1][1].append(sentence)
            else:
                groups.append((lead, [sentence]))
        else:
            lead = sentence.text
            groups.append(("", [sentence]))
    return groups


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    seen: set[str] = set()
    for lead, group in _groups(sentences):
        about = " ".join([lead, *(s.text for s in group), *group[0].block.headings])
        if not _ABOUT_COMPLAINING.search(about):
            continue
        named = {
            name: s for s in group for name, pattern in CHANNELS.items() if pattern.search(s.text)
        }
        if len(named) < 2:
            continue
        for name, sentence in named.items():
            if name not in seen:
                seen.add(name)
                out.append(
                    Found(("channels",), name, sentence.text, sentence.block, _REVIEW.get(name))
                )
    return out
