"""How the policy defines a complaint: the Ombudsman's definition, or its own words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found

LOOKED_FOR = {
    "definition": 'a sentence with "expression of dissatisfaction", or one adopting the '
    "Ombudsman's definition"
}

_DEFINITION = re.compile(r"expressions? of (?:dis)?satisfaction", re.I)
# The parts every edition's definition shares; a policy that keeps all of them has adopted it.
_CODE_PARTS = (
    re.compile(r"however made", re.I),
    re.compile(r"standard of service", re.I),
    re.compile(r"actions? or lack of action", re.I),
)


# "We have adopted the Housing Ombudsman's definition of a complaint."
_ADOPTED = re.compile(
    r"\b(?:adopt|use|follow|apply)\w*\s+(?:the\s+)?(?:Housing\s+)?Ombudsman['’]s\s+"
    r"(?:\w+\s+){0,3}?definition\b",
    re.I,
)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    listed = list(sentences)
    adopted = next((s for s in listed if _ADOPTED.search(s.text)), None)
    if adopted is not None:
        return [Found(("definition",), "ombudsman", adopted.text, adopted.block)]
    for index, sentence in enumerate(listed):
        if not _DEFINITION.search(sentence.text):
            continue
        # The definition may run on into the next sentence of its block.
        text = " ".join(s.text for s in listed[index : index + 2] if s.block is sentence.block)
        if all(part.search(text) for part in _CODE_PARTS):
            return [Found(("definition",), "ombudsman", sentence.text, sentence.block)]
        return [
            Found(
                ("definition",),
                sentence.text,
                sentence.text,
                sentence.block,
                "The policy's own definition: does it cover everything the Code's does "
                "(however made, service, actions or lack of action, staff and those acting "
                "for the landlord, one resident or a group)?",
            )
        ]
    return []
