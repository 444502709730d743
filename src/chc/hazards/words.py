"""Each step as a complaints officer says it: for the text view and calendar events."""

from __future__ import annotations

STEP_WORDS = {
    "emergency.investigate": "Investigate the hazard",
    "emergency.make_safe": "Make the home safe",
    "emergency.summary": "Written summary to the tenant",
    "significant.investigate": "Investigate the hazard",
    "significant.summary": "Written summary to the tenant",
    "significant.make_safe": "Make the home safe",
    "significant.further_works_begin": "Begin further works, or take steps to",
    "significant.further_works_start": "Start further works on site",
}


def step_words(key: str) -> str:
    """A step a regime file of the user's own adds is shown by its key."""
    return STEP_WORDS.get(key, key)
