"""Where the policy tells residents about the Housing Ombudsman.

A mention of the Ombudsman's Code ("the Housing Ombudsman's Code definition") is not
signposting; a sentence that tells residents of their right to go to the Ombudsman is, at
the place it is made: a stage's response, an extension, a refusal, the final response, the
website.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.stages import stated_count

LOOKED_FOR = {
    "ombudsman_signposting": "sentences naming the Ombudsman next to a stage's response, "
    '"extension", "not accept" or "refuse", "final response", "website"'
}

OMBUDSMAN = re.compile(r"ombudsman(?!['’]s code|\s+(?:complaint handling\s+)?code)", re.I)
PLACES: dict[str, re.Pattern[str]] = {
    "extension": re.compile(r"\bextend|\bextension", re.I),
    "refusal": re.compile(
        r"refus|not (?:to |be )?accept|decline|not appropriate to follow"
        r"|will not (?:deal|consider|investigate)"
        r"|not (?:be )?(?:of benefit|appropriate)\b[^.]{0,40}\bto (?:pursue|continue|escalate)",
        re.I,
    ),
    # Our website, not the Ombudsman's ("Housing Ombudsman Service website").
    "website": re.compile(r"\b(?:our|this|the council['’]s)\s+website\b", re.I),
}
# "the right to contact the housing ombudsman ... at any stage", "for help and advice at any
# time": every stage the document has.
ANY_STAGE = re.compile(
    r"\bat (?:any|every|each) (?:stage|time|point)\b|\bthroughout the complaints? process\b"
    r"|\bas part of (?:all )?(?:our|each|every) (?:complaint )?responses\b",
    re.I,
)
# "If you are still dissatisfied, you can refer your complaint to ...": after the last stage.
STILL = re.compile(
    r"\b(?:still|remain)\s+(?:not\s+)?(?:dis)?satisfied\b|\bstill\s+unhappy\b"
    r"|\bremain\s+unhappy\b|\bfinal decision\b",
    re.I,
)
FINAL = re.compile(
    r"final response|end(?:s|\s+of)?\s+(?:our|the)\s+(?:internal\s+)?(?:complaints?\s+)?process"
    r"|internal process ends|exhausted",
    re.I,
)
_TELLS = re.compile(r"notif|inform|tell|advise|aware|right to|signpost|details|contact|refer", re.I)


_GO = re.compile(r"\b(?:refer|take|contact|go|escalate|complain)\w*\b", re.I)


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    general: list[Found] = []  # "at any stage": evidence only where nothing more specific is
    previous: Sentence | None = None
    last = max((s.stage or 0 for s in sentences), default=0)
    last = max(last, len(stated_count(sentences)), 1)  # "our two-stage process"
    for sentence in sentences:
        # "There may be occasions where we will not accept ... In such instance, ... the
        # right to take the decision to Ombudsman": the place may be in the sentence before.
        lead = previous.text if previous is not None and previous.block is sentence.block else ""
        previous = sentence
        if not OMBUDSMAN.search(sentence.text):
            continue
        places = [name for name, cue in PLACES.items() if cue.search(f"{lead} {sentence.text}")]
        if ANY_STAGE.search(sentence.text):
            general.extend(
                Found(("ombudsman_signposting",), f"stage {n}", sentence.text, sentence.block)
                for n in range(1, min(last, 3) + 1)
            )
        elif STILL.search(sentence.text) and _GO.search(sentence.text):
            places.append("final response")
        elif (
            not places and sentence.stage and not sentence.assumed and _TELLS.search(sentence.text)
        ):
            places.append(f"stage {sentence.stage}")
        if FINAL.search(sentence.block.text) and (sentence.stage or FINAL.search(sentence.text)):
            places.append("final response")
        out.extend(
            Found(("ombudsman_signposting",), place, sentence.text, sentence.block)
            for place in places
            if place in ("stage 1", "stage 2", "stage 3") or not place.startswith("stage")
        )
    return out + general
