"""Stage timescales: acknowledge, respond (and from when), extension, time to escalate.

A duration takes the role of the nearest cue before it in its sentence ("acknowledge
within 5 working days and respond within 10"), else its table column's heading ("Response
time | 10 working days"), else the first cue after it and its clock start ("within 10 days,
escalate to Stage 2"). The clock start is read from the words right after it ("of
receiving", "from the escalation").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.durations import DurationMatch, find_durations

LOOKED_FOR = {
    "acknowledge": 'a period next to "acknowledge" ("acknowledge within 5 working days"); '
    '"as a matter of urgency" (no timescale)',
    "respond": 'a period next to "respond", "response" or "reply"; "as a matter of urgency"',
    "respond_from": 'words after the response time such as "of receiving", "of acknowledging", '
    '"from the escalation", "of a meeting held within 7 working days of the appeal"',
    "extension": 'a period next to "extend", "extension" or "a further"; "agree a new date" '
    "(no limit)",
    "request_within": 'a period next to "escalate" or "ask for a review"',
}

# Order matters only between cues at the same place; the nearest cue wins.
ROLE_CUES: dict[str, re.Pattern[str]] = {
    "extension": re.compile(r"extend|extension|\bfurther\b|additional|longer", re.I),
    # The acknowledge cue runs on over what is acknowledged, so that "acknowledge the
    # escalation request within 5 days" is not read as a time to escalate.
    "acknowledge": re.compile(
        r"acknowledg\w*(?:\s+(?:the|your|their|every|each|an?|escalation|request|complaint|it)\b)*",
        re.I,
    ),
    "request_within": re.compile(
        r"escalat|ask\w*\s+(?:us\s+)?(?:for|to)\s+(?:a\s+|your\s+|the\s+)?(?:review|stage|escalat)"
        r"|request\w*\s+(?:a\s+|that\s+|the\s+)?(?:review|stage)|appeal",
        re.I,
    ),
    "respond": re.compile(r"respon|\brepl|\banswer|decision|outcome|full review", re.I),
    "time_limit": re.compile(
        r"\bago\b|occurred|happened|became aware|aware of|older than|to (?:make|raise) a complaint"
        r"|complain(?:ts?)? (?:must be|should be) (?:made|raised)",
        re.I,
    ),
}

_FILLER = r"(?:[\w’'-]+\s+){0,5}?"
CLOCK_CUES: dict[str, re.Pattern[str]] = {
    "acknowledged": re.compile(rf"^\W*(?:of|from|after)\s+{_FILLER}(?:acknowledg)", re.I),
    "escalation_requested": re.compile(
        rf"^\W*(?:of|from|after)\s+{_FILLER}"
        r"(?:escalat|request(?:ing)?\s+(?:to|for|a)\b|asking|appeal)",
        re.I,
    ),
    "logged": re.compile(rf"^\W*(?:of|from|after)\s+{_FILLER}(?:logg|regist|record)", re.I),
    "received": re.compile(
        rf"^\W*(?:of|from|after)\s+{_FILLER}(?:receiv|receipt|first report)", re.I
    ),
}


def duration_role(
    text: str, durations: list[DurationMatch], index: int, column: str = ""
) -> str | None:
    """The role of the index-th duration of a sentence (see the module's docstring)."""
    here = durations[index]
    before = text[durations[index - 1].end if index else 0 : here.start]
    after = text[here.end : durations[index + 1].start if index + 1 < len(durations) else len(text)]
    best: tuple[int, str] | None = None
    for role, cue in ROLE_CUES.items():
        for match in cue.finditer(before):
            if best is None or match.end() > best[0]:
                best = (match.end(), role)
    if best is not None:
        return best[1]
    for role, cue in ROLE_CUES.items():
        if column and cue.search(column):
            return role
    clock = next((m for c in CLOCK_CUES.values() if (m := c.search(after))), None)
    after = after[clock.end() :] if clock is not None else after  # "of acknowledging" is no cue
    first: tuple[int, str] | None = None
    for role, cue in ROLE_CUES.items():
        later = cue.search(after)
        if later is not None and (first is None or later.start() < first[0]):
            first = (later.start(), role)
    return first[1] if first is not None else None


def clock_start(after: str) -> tuple[str | None, str | None]:
    """The event a response clock counts from, and a review question where it is vague."""
    for event, cue in CLOCK_CUES.items():
        match = cue.search(after)
        if match is not None:
            rest = after[match.end() :].split(" ", 1)[0]
            phrase = (match.group(0) + rest).strip(" ,.")
            if event == "escalation_requested" and not re.search(r"request|ask", phrase, re.I):
                return event, (
                    f'"{phrase}": does this clock run from the resident\'s request '
                    "to escalate or from its acknowledgement?"
                )
            return event, None
    return None, None


# "within 7 working days of a meeting held within 7 working days of the appeal": the words
# between the two periods name the event that starts the first clock.
CHAIN = re.compile(
    r"^\W*(?:of|from|after)\s+(?:an?|the|our|your)\s+(?P<event>[a-z][a-z -]{0,40}?),?\s+"
    r"(?:(?:which|that)\s+(?:is|will be|must be)\s+)?(?:held|arranged|taking place|to be held)?"
    r"\s*within\s*$",
    re.I,
)
# A stage timescale stated without a period: the value `none`, with the cue that says so.
NO_TIMESCALE: dict[str, re.Pattern[str]] = {
    "urgency": re.compile(
        r"as a matter of urgency|as soon as (?:possible|we can|practicable)", re.I
    ),
    "extension": re.compile(
        r"agree (?:a |an )?(?:new|revised|later|extended) (?:date|timescale|deadline|time)", re.I
    ),
}


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    unbounded: list[Found] = []  # `none` values: a period stated elsewhere comes first
    for sentence in sentences:
        durations = find_durations(sentence.text)
        if not durations:
            unbounded.extend(_no_timescale(sentence))
        chained: set[int] = set()
        for index, duration in enumerate(durations):
            if index in chained:
                continue
            role = duration_role(sentence.text, durations, index, sentence.column)
            if role == "respond" and (chain := _chain(sentence, durations, index)) is not None:
                chained.add(index + 1)
                out.extend(chain)
                continue
            after = sentence.text[duration.end :]
            event, vague = clock_start(after)
            if role is None and event is not None and sentence.stage:
                role = "respond"  # "Stage 1 | within two weeks of acknowledgement"
            out.extend(_stage_values(sentence, role, duration.text, event, vague))
    return out + unbounded


def _chain(sentence: Sentence, durations: list[DurationMatch], index: int) -> list[Found] | None:
    """A response clock that starts at an event with its own bound, or None."""
    if index + 1 >= len(durations) or not sentence.stage:
        return None
    here, bound = durations[index], durations[index + 1]
    match = CHAIN.match(sentence.text[here.end : bound.start])
    after, _ = clock_start(sentence.text[bound.end :])
    if match is None or after is None:
        return None
    event = " ".join(match.group("event").split()).lower()
    value = {"event": event, "within": bound.text, "after": after}
    question = (
        f"The response is due {here.text} after the {event}, which is to be within "
        f"{bound.text} of {_EVENT_WORDS[after]}: is that the longest a resident can wait, "
        f"and does the {event}'s own clock run from the request or from its acknowledgement?"
    )
    stage = sentence.stage
    return [
        Found(("stages", stage, "respond"), here.text, sentence.text, sentence.block),
        Found(("stages", stage, "respond_from"), value, sentence.text, sentence.block, question),
    ]


_EVENT_WORDS = {
    "received": "receiving it",
    "escalation_requested": "the request to escalate",
    "logged": "logging it",
    "acknowledged": "acknowledging it",
}


def _no_timescale(sentence: Sentence) -> list[Found]:
    """ "We will acknowledge the appeal as a matter of urgency": a stage field set to none."""
    if not sentence.stage:
        return []
    text = sentence.text
    if NO_TIMESCALE["extension"].search(text):
        role, cue = "extension", "agrees a new date"
    elif NO_TIMESCALE["urgency"].search(text):
        roles = [r for r in ("acknowledge", "respond") if ROLE_CUES[r].search(text)]
        if len(roles) != 1:
            return []
        role, cue = roles[0], "gives no period"
    else:
        return []
    question = (
        f"The policy {cue} for stage {sentence.stage}'s {role}: is there no timescale "
        "(`none`), or is one stated elsewhere?"
    )
    return [Found(("stages", sentence.stage, role), "none", text, sentence.block, question)]


def _stage_values(
    sentence: Sentence, role: str | None, duration: str, event: str | None, vague: str | None
) -> list[Found]:
    if role == "request_within":
        stage, review = _escalation_stage(sentence)
        if stage is None:
            return []
        return [
            Found(
                ("stages", stage, "request_within"), duration, sentence.text, sentence.block, review
            )
        ]
    stage, review = sentence.stage, None
    if stage is None and role == "acknowledge":
        # "We will acknowledge every complaint within 5 working days": a complaint is
        # acknowledged at stage 1; later stages acknowledge an escalation request.
        stage, review = 1, "Is this the stage 1 acknowledgement? The sentence names no stage."
    if role not in ("acknowledge", "respond", "extension") or not stage:
        return []
    found = [Found(("stages", stage, role), duration, sentence.text, sentence.block, review)]
    if role == "respond" and event is not None:
        found.append(
            Found(
                ("stages", stage, "respond_from"),
                event,
                sentence.text,
                sentence.block,
                vague,
            )
        )
    return found


def _escalation_stage(sentence: Sentence) -> tuple[int | None, str | None]:
    if sentence.target is not None:
        return sentence.target, None
    if sentence.stage is None or sentence.stage < 1:
        return None, None
    stage = sentence.stage if sentence.stage >= 2 else sentence.stage + 1
    return stage, f"Is this the time a resident has to ask for stage {stage}?"
