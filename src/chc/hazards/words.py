"""Each step, status and event as a complaints officer says it: for the text views and
calendar events (never the keys, which belong in JSON)."""

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


STATUS_WORDS = {
    "on_time": "on time",
    "late": "late",
    "overdue": "OVERDUE",
    "due": "due",
    "stopped": "no longer applies",
    "not_required": "not needed",
    "waiting": "waiting for the investigation",
}
EVENT_WORDS = {
    "aware": "awareness",
    "concluded": "the investigation concluding",
    "summary_sent": "summary sent",
    "made_safe": "made safe",
    "works_begun": "further works begun",
    "works_started": "works started on site",
    "works_completed": "all works finished",
    "decanted": "household moved out",
    "consent_refused": "consent refused after reasonable steps",
    "no_hazard": "a further investigation found no hazard",
}
UNIT_WORDS = {"hours": "hours", "working_days": "working days", "weeks": "weeks"}
HAZARD_WORDS = {
    "damp_and_mould": "damp and mould",
    "crowding_and_space": "crowding and space",
    "excess_cold": "excess cold",
    "excess_heat": "excess heat",
    "falls_baths": "falls in baths and showers",
    "falls_level_surfaces": "falls on level surfaces",
    "falls_stairs": "falls on stairs and steps",
    "falls_between_levels": "falls between levels",
    "structural_collapse": "structural collapse and falling elements",
    "explosions": "explosions",
    "fire": "fire",
    "electrical": "electrical hazards",
    "domestic_hygiene": "domestic hygiene, pests and refuse",
    "personal_hygiene": "personal hygiene, sanitation and drainage",
    "food_safety": "food safety",
}
"""The HHSRS hazards by the names people know them by (the regime file's kinds are keys)."""


def hazard_words(kind: str) -> str:
    """A kind a regime file of the user's own adds is shown with spaces for underscores."""
    return HAZARD_WORDS.get(kind, kind.replace("_", " "))
