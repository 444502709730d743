"""The extraction rules: a literal registry, one module per rule, each with its test file.

Each rule reads the document's sentences (with the stage each is about) and returns what it
found, every value with the sentence it rests on. ``LOOKED_FOR`` says, per field, what the
rules look for, so a draft can say why a field is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules import (
    channels,
    definition,
    escalation,
    exclusions,
    flags,
    independence,
    meta,
    ombudsman,
    stages,
    time_limit,
    timescales,
)

Rule = Callable[[Sequence[Sentence]], list[Found]]

RULES: dict[str, Rule] = {
    "meta": meta.find,
    "definition": definition.find,
    "stages": stages.find,
    "timescales": timescales.find,
    "escalation": escalation.find,
    "independence": independence.find,
    "time_limit": time_limit.find,
    "exclusions": exclusions.find,
    "channels": channels.find,
    "flags": flags.find,
    "ombudsman": ombudsman.find,
}

LOOKED_FOR: dict[str, str] = {
    **meta.LOOKED_FOR,
    **definition.LOOKED_FOR,
    **stages.LOOKED_FOR,
    **timescales.LOOKED_FOR,
    **escalation.LOOKED_FOR,
    **independence.LOOKED_FOR,
    **time_limit.LOOKED_FOR,
    **exclusions.LOOKED_FOR,
    **channels.LOOKED_FOR,
    **flags.LOOKED_FOR,
    **ombudsman.LOOKED_FOR,
    # Section numbers are no rule's: each value takes that of its evidence (document.build).
    "refs": 'a clause number opening the paragraph a value came from ("5.3 We will ..."), '
    'else the number of its heading ("6. Stage two", "Section 6")',
}
