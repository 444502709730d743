"""The role of each period a sentence states, read from its own clause.

A period is a time to acknowledge, respond or extend, a time the resident has to escalate,
a time limit for complaining, or something else: a window after which a complaint is
closed, the Ombudsman's own waiting time, a condition ("if we cannot respond within 10
working days, we will ..."). Only the first four fill a stage's fields; the rest are left
for a person, as review questions (draft.py), never read as a timescale.

The role is the nearest cue before the period in its sentence ("acknowledge within 5
working days and respond within 10"), else its table column's heading ("Response time | 10
working days"), else the first cue after it and its clock start ("within 10 days, escalate
to Stage 2"), once the clause-level readings below have had their say.
"""

from __future__ import annotations

import re

from chc.policy.extract.rules.durations import DurationMatch

# Order matters only between cues at the same place; the nearest cue wins.
ROLE_CUES: dict[str, re.Pattern[str]] = {
    # "a further 10 working days", but not "a further investigation" or "further information".
    "extension": re.compile(
        r"extend|extension|\bfurther\b(?!\s+(?:investigat|information|review|action|stage|complaint))"
        r"|additional|longer",
        re.I,
    ),
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
    "respond": re.compile(
        r"respon|\brepl|\banswer|decision|outcome|full review|\binvestigat", re.I
    ),
    "time_limit": re.compile(
        r"\bago\b|occurred|occurring|happened|happening|became aware|aware of|older than"
        r"|to (?:make|raise) a complaint"
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
    "logged": re.compile(rf"^\W*(?:of|from|after)\s+{_FILLER}(?:logg|regist|record|opening)", re.I),
    "received": re.compile(
        rf"^\W*(?:of|from|after)\s+{_FILLER}(?:receiv|receipt|first report)", re.I
    ),
}


def _cue_role(
    text: str, durations: list[DurationMatch], index: int, column: str = ""
) -> str | None:
    """The role the nearest cue gives the index-th duration (see the module's docstring)."""
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


# -- clause-level readings, before any cue ------------------------------------------------

# A period counted from a response is the time to ask for the next stage: "within six
# months of receiving your stage one response", "tell us within 28 days of your stage one
# response", "within 21 days of the date of our decision".
FROM_A_RESPONSE = re.compile(
    rf"^\W*(?:of|from|after)\s+(?:(?:receiving|receipt of|the date of|getting)\s+)?{_FILLER}"
    r"(?:response|decision|reply|outcome)\b(?!\s+(?:is|was|will)\b)",
    re.I,
)
# "If we do not hear from you within 28 days we will close the complaint."
CLOSURE = re.compile(
    r"\b(?:do not|don['’]t|not)\s+hear\s+(?:back\s+)?from\s+you|\bclos(?:e|ed|ing)\s+"
    r"(?:the|your|this)\s+(?:complaint|case)",
    re.I,
)
# The Ombudsman's own times ("wait eight weeks before referring it to the Housing
# Ombudsman", "response times between 6 and 12 months from the HOS") are not the landlord's.
OMBUDSMAN_TIME = re.compile(r"\bombudsman\b|\bHOS\b|designated person", re.I)
# "If a full response cannot be provided within five working days, an acknowledgement
# letter will be sent": the period is the condition's; the main clause says what follows.
CONDITION = re.compile(
    r"\b(?:if|where|when)\b[^,.;]{0,60}?\b(?:can\s*not|can['’]t|unable|not\s+able|not\s+possible"
    r"|(?:is|are|will\s+be)\s+not)\b(?:(?!\bwill\b|['’]ll\b)[^,.;]){0,60}$",
    re.I,
)
# "An extension beyond 20 working days", "a response taking longer than 20 working days":
# a total, not the extension's length.
BEYOND = re.compile(
    r"(?<!no )\b(?:beyond|longer than|more than|over|exceed(?:ing|s)?)\s+(?:a\s+total\s+of\s+)?$",
    re.I,
)
EXTEND_BY = re.compile(
    r"\bextend\w*\b[^.]{0,40}?\bby\s+(?:up to\s+|no more than\s+|a (?:further|maximum of)\s+)?$",
    re.I,
)
# "you have 28 days to ask us to take your complaint to stage 2"
ASK_FOR_STAGE = re.compile(
    r"^[^.]{0,20}?\bto\s+(?:ask|request|tell|let)\b[^.]{0,50}?"
    r"(?:stage\s*(?:[2-4]|two|three|four)|review|escalat|appeal)",
    re.I,
)


# "The 20 working days starts on the day we send the acknowledgement letter": not a period
# of its own but when an earlier one starts.
STARTS = re.compile(
    r"^\s*(?:period\s+|timescale\s+)?(?:starts?|runs?|begins?|is counted)\s+(?:on|from)\b", re.I
)
# The event such a sentence names, first match wins.
STARTS_AT = {
    "acknowledged": re.compile(r"acknowledg", re.I),
    "escalation_requested": re.compile(r"escalat|ask(?:s|ed)? (?:us )?to|request", re.I),
    "logged": re.compile(r"\blogg|regist|record|open", re.I),
    "received": re.compile(r"receiv|receipt", re.I),
}


def _clause(text: str, here: DurationMatch) -> str:
    """The clause a period sits in: from the comma or semicolon before it to the next."""
    start = max(text.rfind(",", 0, here.start), text.rfind(";", 0, here.start)) + 1
    ends = [i for i in (text.find(",", here.end), text.find(";", here.end)) if i != -1]
    return text[start : min(ends) if ends else len(text)]


def duration_role(
    text: str, durations: list[DurationMatch], index: int, column: str = ""
) -> str | None:
    """The role of the index-th duration of a sentence (see the module's docstring):
    ``other`` for a period that is no stage field's, whatever the cues around it say."""
    here = durations[index]
    before = text[durations[index - 1].end if index else 0 : here.start]
    after = text[here.end :]
    if OMBUDSMAN_TIME.search(_clause(text, here)):
        return "other"
    if CLOSURE.search(text):
        return "other"
    if FROM_A_RESPONSE.match(after) or ASK_FOR_STAGE.match(after):
        return "request_within"
    if CONDITION.search(text[: here.start]):
        main = after.split(",", 1)[1] if "," in after else ""
        return "acknowledge" if ROLE_CUES["acknowledge"].search(main) else "other"
    role = _cue_role(text, durations, index, column)
    if EXTEND_BY.search(before):
        return "extension"  # "extend the response by up to 10 working days"
    if role == "extension" and BEYOND.search(before):
        return "other"
    if here.extra and role in (None, "respond"):
        return "extension"  # "a maximum of 10 additional working days"
    if STARTS.match(after):
        return "clock"  # "The 20 working days starts on the day we send the acknowledgement"
    return role
