"""People's words for the JSON's keys: ``stage1.respond_extended`` is "stage 1 response,
extended" wherever a person reads it (a text view, a Markdown or HTML report). The keys stay
in JSON, CSV and --debug, which programs read."""

from __future__ import annotations

import re

__all__ = ["ACTION_WORDS", "START_WORDS", "event_words", "in_words", "key_words", "start_words"]

# An event key is the JSON's name for a due date; a person reads these words instead.
ACTION_WORDS = {
    "acknowledge": "acknowledgement",
    "respond": "response",
    "respond_extended": "response, extended",
    "extension": "extension",
}
# The events a clock starts from, as a person says them (the keys stay in JSON).
START_WORDS: dict[str, str] = {
    "received": "receipt",
    "logged": "logging",
    "acknowledged": "acknowledgement",
    "escalation_requested": "the escalation request",
    "due_date": "the unextended due date",
    "issue_occurred": "the issue occurring",
    "issue_or_awareness": "the issue occurring or the resident becoming aware of it",
}


def start_words(event: str) -> str:
    """``escalation_requested`` -> "the escalation request"."""
    return START_WORDS.get(event, event.replace("_", " "))


_KEY = re.compile(r"\bstage([0-9])\.([a-z_]+)\b")


def event_words(key: str) -> str:
    """``stage1.respond_extended`` -> "stage 1 response, extended"."""
    stage, _, action = key.partition(".")
    return (
        f"stage {stage.removeprefix('stage')} {ACTION_WORDS.get(action, action.replace('_', ' '))}"
    )


def key_words(key: str) -> str:
    """A timescale's key as a person says it: ``stage1.respond`` -> "stage 1 response",
    ``complaint_time_limit`` -> "complaint time limit"."""
    return in_words(key).replace("_", " ")


def in_words(text: str) -> str:
    """``text`` with every event or timescale key (``stage1.respond``) a core message names
    written in words ("stage 1 response"): the keys are the JSON's vocabulary."""
    return _KEY.sub(lambda m: event_words(m.group(0)), text)
