"""Stage timescales: acknowledge, respond (and from when), extension, time to escalate.

A duration takes the role of the nearest cue before it in its sentence ("acknowledge
within 5 working days and respond within 10"), else its table column's heading ("Response
time | 10 working days"), else the first cue after it and its clock start ("within 10 days,
escalate to Stage 2"). The clock start is read from the words right after it ("of
receiving", "from the escalation").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from chc.policy.extract.context import Sentence
from chc.policy.extract.found import Found
from chc.policy.extract.rules.durations import DurationMatch, find_durations
from chc.policy.extract.rules.roles import ROLE_CUES, STARTS_AT, clock_start, duration_role

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
        r"agree (?:a |an )?(?:new|revised|later|extended) (?:date|timescale|deadline|time)"
        # "may be extended with the agreement of the tenant"
        r"|\bextended\s+(?:with|by)\s+(?:the\s+)?(?:agreement|consent)"
        # "a written reason for the delay and a new timetable"
        r"|\bdelay\b[^.]{0,40}\bnew\s+(?:timetable|timescale|date|deadline)"
        # "If there is a delay ..., we will let you know why ... and when you can expect a
        # response"; "If it will take longer, we will contact you to explain why"; "we may
        # need a bit more time ..., but we will let you know"
        r"|\b(?:delay|take longer|taking longer|more time|can\s*not|cannot|unable)\b[^.]{0,80}?"
        r"\b(?:let you know|tell you|contact you|explain|inform you|keep you informed)\b",
        re.I,
    ),
}


def find(sentences: Sequence[Sentence]) -> list[Found]:
    out: list[Found] = []
    unbounded: list[Found] = []  # `none` values: a period stated elsewhere comes first
    opened: set[int] = set()  # blocks whose acknowledgement was read as stage 1's
    for sentence in sentences:
        durations = find_durations(sentence.text)
        if not durations:
            if sentence.stage is None and id(sentence.block) in opened:
                sentence = dataclasses.replace(sentence, stage=1)  # as its block's other periods
            unbounded.extend(_no_timescale(sentence))
        else:
            unbounded.extend(_open_ended(sentence, durations))
        chained: set[int] = set()
        for index, duration in enumerate(durations):
            if index in chained:
                continue
            role = duration_role(sentence.text, durations, index, sentence.column)
            if role == "clock":
                out.extend(_starts(sentence, duration))
                continue
            if role == "respond" and (chain := _chain(sentence, durations, index)) is not None:
                chained.add(index + 1)
                out.extend(chain)
                continue
            after = sentence.text[duration.end :]
            event, vague = clock_start(after)
            if role is None and event is not None and sentence.stage:
                role = "respond"  # "Stage 1 | within two weeks of acknowledgement"
            values = _stage_values(sentence, role, duration.text, event, vague)
            out.extend(values)
            if any(f.review == _NO_STAGE for f in values):
                opened.add(id(sentence.block))
            elif not values and id(sentence.block) in opened and role in ("respond", "extension"):
                # "... we will acknowledge your complaint within five working days. A full
                # response will be made within 10 working days.": the same stage as the
                # acknowledgement before it, asked about with it.
                stage_one = dataclasses.replace(sentence, stage=1)
                out.extend(_stage_values(stage_one, role, duration.text, event, vague, _AS_BEFORE))
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


def _starts(sentence: Sentence, duration: DurationMatch) -> list[Found]:
    """ "The 20 working days starts on the day we send the acknowledgement letter": when the
    stage's response clock starts, not a second response time."""
    rest = sentence.text[duration.end :]
    event = next((e for e, cue in STARTS_AT.items() if cue.search(rest)), None)
    if event is None or not sentence.stage:
        return []
    return [Found(("stages", sentence.stage, "respond_from"), event, sentence.text, sentence.block)]


def _open_ended(sentence: Sentence, durations: list[DurationMatch]) -> list[Found]:
    """ "our decision within 10 working days, or a written reason for the delay and a new
    timetable": an extension with no limit, said after the period it would extend."""
    cue = NO_TIMESCALE["extension"].search(sentence.text)
    if not sentence.stage or cue is None or cue.end() <= durations[-1].end:
        return []
    if any(ROLE_CUES["extension"].search(sentence.text[: d.start]) for d in durations):
        return []  # the extension has its own period in this sentence
    question = (
        f"The policy allows stage {sentence.stage}'s response to be put back without saying by "
        "how long: is there no limit (`none`), or is one stated elsewhere?"
    )
    return [
        Found(
            ("stages", sentence.stage, "extension"), "none", sentence.text, sentence.block, question
        )
    ]


_NO_STAGE = "Is this the stage 1 acknowledgement? The sentence names no stage."
_AS_BEFORE = (
    "The sentence names no stage; chc took it as stage 1's, like the acknowledgement before "
    "it. Is that right?"
)


def _stage_values(
    sentence: Sentence,
    role: str | None,
    duration: str,
    event: str | None,
    vague: str | None,
    review: str | None = None,
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
    stage = sentence.stage
    if stage is None and role == "acknowledge":
        # "We will acknowledge every complaint within 5 working days": a complaint is
        # acknowledged at stage 1; later stages acknowledge an escalation request.
        stage, review = 1, _NO_STAGE
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
