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
    **time_limit.LOOKED_FOR,
    **exclusions.LOOKED_FOR,
    **channels.LOOKED_FOR,
    **flags.LOOKED_FOR,
    **ombudsman.LOOKED_FOR,
    # Fields of the policy format that no rule reads from a document yet: a person sets them.
    **dict.fromkeys(
        ("refs", "time_limit_from", "different_person", "accompaniment"),
        "nothing yet: chc does not read this from documents; state it by hand",
    ),
}
